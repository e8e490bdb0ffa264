"""Per-request aggregates of the listings kept between requests, invalidated exactly.

A column page counts its items per year (the year choices of the filter form, and the number
of results when no filter or only the year is applied) and lists the topic tree. The year
counts are a scan of every item of the column: on a column of 200,000 items they cost more
than everything else on the page. They change only when what the site shows changes, which
is exactly when the site's generation (:mod:`.page_cache`) moves, so they are kept in
``CACHES[PAGE_CACHE_ALIAS]`` under the site's current generation:

* a render reads the generation once (or reuses the one the page cache read for it), and
  then needs no scan while nothing changed;
* any change the pages show moves the generation in its transaction, so the next request
  computes afresh: a count is never older than the data.

This works whether ``PAGE_CACHE`` is on or off (the generations move in both cases); a cache
that cannot be reached means computing, as without it.
"""

import logging

from . import page_cache

logger = logging.getLogger(__name__)

KEY_PREFIX = "wagtail_disclosure:aggregate"
#: Set on the request when its site's generation has been read (by the page cache, or here).
GENERATION = "_disclosure_site_generation"


def site_generation(request, site_id):
    """The site's generation, read once per request."""
    known = getattr(request, GENERATION, None) if request is not None else None
    if known is not None and known[0] == site_id:
        return known[1]
    generation = page_cache.read_generation(site_id)
    if request is not None:
        setattr(request, GENERATION, (site_id, generation))
    return generation


def remember_generation(request, site_id, generation):
    setattr(request, GENERATION, (site_id, generation))


def kept(request, name, compute):
    """``compute()``, or the value it gave for ``name`` under the current generation of the
    request's site. ``name`` must say everything the value depends on besides the site's
    content (the container page, the filters)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return compute()
    key = f"{KEY_PREFIX}:{site.pk}:{site_generation(request, site.pk)}:{name}"
    store = page_cache.page_cache()
    try:
        value = store.get(key)
    except Exception:  # noqa: BLE001 - the cache is down: compute
        logger.warning("The aggregate cache could not be read for %s", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            store.set(key, value, timeout=page_cache.disclosure_settings.PAGE_CACHE_TIMEOUT)
        except Exception:  # noqa: BLE001
            logger.warning("The aggregate cache could not be written for %s", name,
                           exc_info=True)
    return value
