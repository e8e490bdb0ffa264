"""Wagtail API v3 (Wagtail 8's django-ninja API) as a site mounts it, with ``?offset=`` bounded.

Wagtail's v3 paginator accepts any non-negative ``offset`` and passes it to the database: one
of 2⁶³ or more is a 500 there (SQLite: "datatype mismatch"; PostgreSQL: "bigint out of range").
Mount its URLs through :func:`bounded_urls` to answer 400 instead, as v2's
:class:`~wagtail_disclosure.api.v2.BoundedPagination` does::

    from wagtail.api.v3.urls import api as api_v3
    from wagtail_disclosure.api.v3 import bounded_urls

    urlpatterns += [path("api/v3/", bounded_urls(api_v3.urls))]

Nothing here imports ``wagtail.api.v3`` (absent on Wagtail 7.4).
"""

import functools

from django.http import JsonResponse
from django.urls import URLPattern

from .v2 import MAX_OFFSET

__all__ = ["MAX_OFFSET", "bounded_urls"]


def _too_large(value):
    value = (value or "").strip()
    # Only digits can be large; anything else is left to Wagtail's own validation (422).
    return value.isdigit() and (len(value) > 12 or int(value) > MAX_OFFSET)


def _bounded(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if _too_large(request.GET.get("offset")):
            return JsonResponse({"detail": f"offset cannot be higher than {MAX_OFFSET}"},
                                status=400)
        return view(request, *args, **kwargs)

    wrapper.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapper


def bounded_urls(urls):
    """``api.urls`` (patterns, app name, namespace) with every view refusing an ``offset``
    above :data:`MAX_OFFSET` with 400."""
    patterns, app_name, namespace = urls
    return ([URLPattern(p.pattern, _bounded(p.callback), p.default_args, p.name)
             if isinstance(p, URLPattern) else p for p in patterns], app_name, namespace)
