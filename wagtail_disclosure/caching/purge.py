"""Purging a CDN or caching proxy in front of the site when the page cache is invalidated.

When ``WAGTAILFRONTENDCACHE`` (``wagtail.contrib.frontend_cache``'s setting) names a
backend (an nginx ``proxy_cache`` with the purge module, Varnish, Cloudflare, CloudFront...),
every :func:`.page_cache.invalidate` of a site also purges, **once its transaction has
committed** (a purge before the commit would let the proxy fetch the old page again):

* the site's **listing pages**: the live pages of the types with ``page_cache_purge_always``
  (the 政府信息公开 section, its columns and the report index), which list or count what
  changed whatever it was, each with its ``get_cached_paths()``;
* the **changed pages** themselves (an item, a report), when the change was a page's, with
  their addresses taken at the change (a deleted page's too); for a view restriction added
  or changed, the page and the live pages below it (``PAGE_CACHE_PURGE_LIMIT`` of them).

What is not purged: the query-string variants of the listings (filters, page numbers, keyword
searches) and item pages changed by a site-wide change (an organ renamed, a setting). They
cannot be listed, so the CDN keeps them at most ``PAGE_CACHE_SHARED_MAX_AGE`` seconds
(``s-maxage``); the nginx recipe in ``docs/how-to/cdn.md`` leaves URLs with a query string to
the package's own cache, which is exact. ``PAGE_CACHE_PURGE_LIMIT`` bounds the listing pages
purged per site.

The purge goes through Wagtail's ``purge_urls_from_cache`` (a django-tasks task in Wagtail 8:
on the worker when there is one). A backend that cannot be reached is logged by Wagtail; the
change itself is never undone by a failed purge.
"""

import logging

from django.conf import settings
from django.db import connection, transaction

from ..conf import disclosure_settings

logger = logging.getLogger(__name__)

PENDING = "_disclosure_pending_purge"


def frontend_cache_configured():
    """True when ``WAGTAILFRONTENDCACHE`` names a backend. Wagtail's purge functions read only
    that setting; installing ``wagtail.contrib.frontend_cache`` as an app adds Wagtail's own
    purge of a page on its publication, which this does too."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_on_commit(site_ids, pages=()):
    """Schedule the purge of ``site_ids``' listing pages and of ``pages`` for the commit of
    the current transaction (at once outside one). Several invalidations in a transaction
    make one purge: the first callback to run purges what is pending, the others find
    nothing. What a rolled-back transaction left pending is purged with the next purge
    (purging more than needed is harmless)."""
    if not frontend_cache_configured():
        return
    pending = getattr(connection, PENDING, None)
    if pending is None:
        pending = {"sites": set(), "urls": set()}
        setattr(connection, PENDING, pending)
    pending["sites"].update(site_ids)
    # The changed pages' addresses now, not at the commit: a deleted page has none then.
    pending["urls"].update(page_urls(pages))
    transaction.on_commit(_purge_pending, robust=True)


def _purge_pending():
    pending = getattr(connection, PENDING, None)
    if pending is None:
        return
    delattr(connection, PENDING)
    purge(pending["sites"], pending["urls"])


def listing_page_models():
    from wagtail.models import get_page_models

    return [model for model in get_page_models()
            if getattr(model, "page_cache_purge_always", False)]


def page_urls(pages):
    """The full URLs a CDN may hold of ``pages`` (each with its ``get_cached_paths()``)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(page for page in pages if getattr(page, "pk", None))
    return batch.urls


def urls_to_purge(site_ids, urls=()):
    """The full URLs to purge for a change of ``site_ids``: their listing pages', and
    ``urls`` (the changed pages')."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Site

    from ..catalogue.pages import Page  # the configured page model (WAGTAIL_PAGE_MODEL)

    batch = PurgeBatch()
    limit = disclosure_settings.PAGE_CACHE_PURGE_LIMIT
    models = listing_page_models()
    for site in Site.objects.filter(pk__in=site_ids).select_related("root_page"):
        if not models:
            break
        listings = (Page.objects.live().descendant_of(site.root_page, inclusive=True)
                    .type(*models).order_by("path"))
        pages = list(listings[:limit + 1])
        if len(pages) > limit:
            logger.warning("Site %s has more than %s listing pages; only the first %s are "
                           "purged from the front-end cache (PAGE_CACHE_PURGE_LIMIT)",
                           site.pk, limit, limit)
            pages = pages[:limit]
        batch.add_pages(pages)
    batch.add_urls(urls)
    return sorted(batch.urls)


def purge(site_ids, urls=()):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = urls_to_purge(site_ids, urls)
    if urls:
        purge_urls_from_cache(urls)
