"""Answer page-cache hits before Wagtail's routing (optional, recommended).

Without this middleware the page cache (:mod:`.page_cache`) still works: it answers inside
Wagtail's ``on_serve_page`` chain, after Wagtail has found the page (site, path, the page's
specific row) and run its privacy check, which costs a hit about as many queries as a plain
page rendered afresh. With it, an anonymous GET is looked up by its key (scheme, host,
language, full path) first:

* no entry (most URLs: the admin, the APIs, pages never stored): no query, the request goes on;
* an entry: one query reads its site's generation; a current entry is the answer, a stale one
  is rendered afresh and replaced.

Only :func:`.page_cache.serve` stores entries, for a page type with ``page_cache`` that passed
Wagtail's privacy check for an anonymous visitor, so an entry found here is a page anyone may
see. Every change of a page's privacy, place or content moves its site's generation (signals),
and a change of any Site moves every site's, so a host's entry is never answered for a site it
no longer belongs to.

What a hit answered here skips: Wagtail's ``before_serve_page`` hooks and the views below this
middleware. A site with a hook that must run on every page view (analytics that count views in
the database, for instance) leaves this middleware out, or counts in the front end.

Install it at the end of ``MIDDLEWARE`` (after the session, authentication, locale and
messages middleware, so that a logged-in user or a session is seen and the language is
active)::

    MIDDLEWARE = [
        ...,
        "wagtail_disclosure.caching.middleware.PageCacheMiddleware",
    ]
"""

import logging

from . import page_cache

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if page_cache.enabled() and page_cache.request_cacheable(request):
            key = page_cache.cache_key(request)
            try:
                entry = page_cache.lookup(request, page_cache.page_cache(), key)
            except Exception:  # noqa: BLE001 - the cache or the database is down
                logger.warning("The page cache could not be read for %s", request.path,
                               exc_info=True)
            else:
                if entry is not None:
                    return page_cache.answer_hit(entry)
                setattr(request, page_cache.LOOKED_UP, key)
        return self.get_response(request)
