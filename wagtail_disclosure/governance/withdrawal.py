"""Withdrawal (撤回) of a published item, and the end of time-limited publication."""

from django.http import Http404


def route_withdrawn(item, request, path_components):
    """The RouteResult serving a withdrawn item's notice, or None for ordinary routing."""
    return None


def serve_withdrawn(item, request):
    """The notice response of a withdrawn item, or None when it is not withdrawn."""
    return None


def resolve_index_number(request, section, number):
    """Redirect to the item with 索引号 ``number`` in ``section``."""
    raise Http404
