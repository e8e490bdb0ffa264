"""A server-side cache of the package's public pages, invalidated exactly.

When ``WAGTAIL_DISCLOSURE["PAGE_CACHE"]`` is True, the anonymous GET responses of the
package's catalogue and report pages (the types with ``page_cache = True``: the section, its
columns and items, the report index and reports, every filter and page number of them) are
kept in Django's cache (``PAGE_CACHE_ALIAS``), under a key made of

* the site and its **generation** (:class:`~.models.PageCacheGeneration`),
* the scheme, the host, the language and the full path with its query string.

**Exact invalidation.** Anything that can change what a site's pages show adds 1 to the
site's generation *after the change, in its transaction* (:func:`invalidate`, called by the
receivers of :mod:`.signals` and by the package's code paths that write rows directly). A
page is stored under the generation read *before* it was rendered, so that once a change is
committed every later request reads the new generation and renders afresh: no request that
starts after a publication is answered with an older page. ``PAGE_CACHE_TIMEOUT`` (seconds)
is a safety net only.

**Never cached:** anything but GET and HEAD; a request carrying the session cookie or the
messages cookie (a logged-in user, an applicant who just submitted, a flash message); a
logged-in user, however authenticated; previews; a page with a view restriction (privacy);
a response other than 200, a streaming one, one that sets a cookie, uses the CSRF token,
changes the session or says ``Cache-Control: private``/``no-store``/``no-cache``; every page
type without ``page_cache`` (the request form and its submitted and tracking views, the
feedback page).

Each response of a cacheable page type says what happened in ``X-Disclosure-Cache``:
``hit``, ``miss`` (rendered and stored) or ``bypass`` (rendered, not stored). A cache that
cannot be reached is logged and the page is rendered as if there were none.

Code that writes rows the pages show with ``QuerySet.update()``, ``bulk_create()`` or raw SQL
(imports, data migrations, scripts) calls :func:`invalidate` once, in its transaction.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db.models import F, Q
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from ..conf import disclosure_settings

logger = logging.getLogger(__name__)

HEADER = "X-Disclosure-Cache"
KEY_PREFIX = "wagtail_disclosure:page"
#: Headers a stored response does not carry back (they belong to the request that made it).
UNSTORED_HEADERS = frozenset({"set-cookie", HEADER.lower()})
UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache")


def enabled():
    return bool(disclosure_settings.PAGE_CACHE)


def page_cache():
    return caches[disclosure_settings.PAGE_CACHE_ALIAS]


# -- generations -------------------------------------------------------------------------------


def read_generation(site_id):
    """The site's current generation (0 before its first change)."""
    from .models import PageCacheGeneration

    return (PageCacheGeneration.objects.filter(site_id=site_id)
            .values_list("generation", flat=True).first() or 0)


def invalidate(sites=None, *, pages=()):
    """Make every cached page of ``sites`` (Site objects or ids; every site when None) stale,
    in the current transaction: call it after a change that pages show, when no model signal
    announces it (``QuerySet.update()``, ``bulk_create()``, raw SQL). The generations move
    whether the page cache is on or off: the listings' aggregates (:mod:`.aggregates`) are
    kept under them too.

    Behind a CDN or a caching proxy (``wagtail.contrib.frontend_cache`` configured), the
    sites' listing pages and ``pages`` (the changed pages) are purged there too, once the
    transaction commits (:mod:`.purge`)."""
    from wagtail.models import Site

    from .models import PageCacheGeneration

    if sites is None:
        site_ids = list(Site.objects.values_list("pk", flat=True))
    else:
        site_ids = [getattr(site, "pk", site) for site in sites]
    site_ids = sorted({pk for pk in site_ids if pk is not None})
    if not site_ids:
        return
    # Rows first (missing ones at 0), then + 1: a site's first change moves it off 0 even when
    # two changes create its row at once.
    PageCacheGeneration.objects.bulk_create(
        [PageCacheGeneration(site_id=pk) for pk in site_ids], ignore_conflicts=True)
    PageCacheGeneration.objects.filter(site_id__in=site_ids).update(
        generation=F("generation") + 1)
    if enabled():
        from .purge import purge_on_commit

        purge_on_commit(site_ids, pages)


def sites_of_paths(paths):
    """Ids of the sites that show a page at one of these tree ``paths``: sites whose root
    page is the page or one of its ancestors, and sites rooted below it."""
    from wagtail.models import Page, Site

    condition = Q(pk__in=[])
    for path in {p for p in paths if p}:
        ancestors = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
        condition |= Q(root_page__path__in=ancestors) | Q(root_page__path__startswith=path)
    return list(Site.objects.filter(condition).values_list("pk", flat=True))


def invalidate_pages(*pages_or_paths):
    """:func:`invalidate` for the sites showing these pages (pages, or tree paths)."""
    paths = [getattr(item, "path", item) for item in pages_or_paths]
    invalidate(sites_of_paths(paths),
               pages=[item for item in pages_or_paths if hasattr(item, "path")])


# -- serving ----------------------------------------------------------------------------------


def request_cacheable(request):
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    if getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cache_key(request):
    """The key of ``request``'s page: its scheme, host, language and full path with query.
    The site and its generation are in the entry (:func:`lookup` compares them), so that the
    middleware finds an entry before Wagtail's routing, with no query for a URL never stored."""
    parts = "\n".join([request.scheme, request.get_host(), get_language() or "",
                       request.get_full_path()])
    digest = hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


def lookup(request, store, key):
    """The stored response for ``key`` if it is current (its site's generation has not moved
    since it was rendered), else None. One query when an entry is found, none otherwise."""
    entry = store.get(key)
    if entry is None or not isinstance(entry, dict) or "generation" not in entry:
        return None
    if entry["generation"] != read_generation(entry["site"]):
        return None
    return entry


def response_storable(request, response):
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    if session is not None and getattr(session, "modified", False):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in UNCACHEABLE_CONTROL)


def _entry(response, site_id, generation):
    headers = [(name, value) for name, value in response.items()
               if name.lower() not in UNSTORED_HEADERS]
    return {"site": site_id, "generation": generation, "status": response.status_code,
            "content": response.content, "headers": headers}


def _response(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


#: Set on the request by :class:`.middleware.PageCacheMiddleware` once it has looked the
#: request's key up (and found nothing current), so that serving does not look again.
LOOKED_UP = "_disclosure_page_cache_key"


def serve(page, request, args, kwargs, next_serve):
    """The response of ``page`` for ``request`` through Wagtail's ``on_serve_page`` chain
    (``next_serve``; it runs after the ``before_serve_page`` hooks, Wagtail's privacy check
    among them): from the cache, or rendered and stored when it may be. Only this function
    stores, so an entry exists only for a page type with ``page_cache`` that passed Wagtail's
    privacy check for an anonymous visitor."""
    if not enabled() or not getattr(page, "page_cache", False):
        return next_serve(page, request, args, kwargs)
    if not request_cacheable(request):
        return _marked(next_serve(page, request, args, kwargs), "bypass")
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return next_serve(page, request, args, kwargs)
    store = page_cache()
    key = getattr(request, LOOKED_UP, None)
    try:
        if key is None:
            key = cache_key(request)
            entry = lookup(request, store, key)
            if entry is not None and entry["site"] == site.pk:
                return _marked(_response(entry), "hit")
    except Exception:  # noqa: BLE001 - the cache is down: render as if there were none
        logger.warning("The page cache could not be read; rendering %s", request.path,
                       exc_info=True)
        return _marked(next_serve(page, request, args, kwargs), "bypass")
    # Read before rendering: a change committed while the page renders moves the generation
    # past the one stored with it, so that the entry is never served.
    generation = read_generation(site.pk)
    from .aggregates import remember_generation

    remember_generation(request, site.pk, generation)  # the listing's aggregates reuse it
    response = next_serve(page, request, args, kwargs)
    if callable(getattr(response, "render", None)):
        response = response.render()
    # A page with a view restriction does not get here for a request that may be stored:
    # Wagtail's check_view_restrictions (outside this, in the on_serve_page chain) answers
    # with its form or login redirect unless the visitor passed the restriction, which takes
    # a session or a logged-in user (request_cacheable said no to both).
    if not response_storable(request, response):
        return _marked(response, "bypass")
    try:
        store.set(key, _entry(response, site.pk, generation),
                  timeout=disclosure_settings.PAGE_CACHE_TIMEOUT)
    except Exception:  # noqa: BLE001 - not stored; the visitor still gets the page
        logger.warning("The page cache could not be written for %s", request.path,
                       exc_info=True)
        return _marked(response, "bypass")
    return _marked(response, "miss")


def answer_hit(entry):
    return _marked(_response(entry), "hit")


def _marked(response, state):
    """Say what the cache did, and tell the caches downstream what they may do: a page from
    the cache (a hit or a miss stored) is public; browsers check again on every view
    (``max-age=0``) and a CDN or proxy keeps it ``PAGE_CACHE_SHARED_MAX_AGE`` seconds at most
    (``s-maxage``; 0 keeps it nowhere without asking), being purged on every change
    (:mod:`.purge`); any other answer of these pages (a logged-in user, a session, a
    preview) is ``private``, kept by no shared cache."""
    response[HEADER] = state
    if state == "bypass":
        patch_cache_control(response, private=True)
    else:
        shared = disclosure_settings.PAGE_CACHE_SHARED_MAX_AGE
        if shared:
            patch_cache_control(response, public=True, max_age=0, s_maxage=shared)
        else:
            patch_cache_control(response, max_age=0)
    return response
