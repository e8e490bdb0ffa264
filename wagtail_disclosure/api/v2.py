"""Wagtail API v2 helpers: Chinese-aware ``?search=`` for the pages endpoint.

Wagtail's ``SearchFilter`` hands the query to the search backend as typed, so on the
database backends ``?search=供销社`` finds nothing (see ``catalogue/search.py``). Mount
:class:`DisclosurePagesAPIViewSet` instead of Wagtail's ``PagesAPIViewSet`` to segment the
query the same way the catalogue is indexed::

    api_router.register_endpoint("pages", DisclosurePagesAPIViewSet)
"""

from types import SimpleNamespace

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.views import PagesAPIViewSet

from ..catalogue.search import segment_query


class ChineseSearchFilter(SearchFilter):
    """``SearchFilter`` with the query segmented; terms are combined with AND by default."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        params = request.GET.copy()
        segmented = segment_query(params["search"])
        if not segmented:
            return queryset.none()
        params["search"] = segmented
        params.setdefault("search_operator", "and")
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


class DisclosurePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint with Chinese-aware search. Override this to add your own
    filters; keep the search filter last (search results cannot be filtered further)."""

    filter_backends = [
        ChineseSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
