"""What invalidates the page cache (:func:`.page_cache.invalidate`), by model signals.

Each change path of what the pages show, and the site(s) it invalidates:

* a page saved or deleted (publish, unpublish, scheduled publishing, revisions, copy, delete;
  every page type, the site's own too): the sites showing it;
* a page moved (``post_page_move``): every site (the old and the new place);
* a view restriction (privacy) added, changed or removed: the sites showing its page;
* a site setting saved (``BaseSiteSetting``): its site; a generic setting: every site;
* a site, a document, an image, a publishing organ or a topic (shown on item pages and in
  filters) saved or deleted: every site;
* the package's code paths that write with ``QuerySet.update()`` (validity upkeep, the
  withdrawal of an item and its undoing) call :func:`.page_cache.invalidate_pages` themselves.

Requests, letters, feedback and the governance registers are not shown on cached pages and
do not invalidate.
"""

from django.db.models.signals import post_delete, post_save

from . import page_cache

DISPATCH = "wagtail_disclosure_page_cache"


def _page_changed(sender, instance, raw=False, **kwargs):
    from ..catalogue.pages import Page  # the configured page model (WAGTAIL_PAGE_MODEL)

    if raw or not isinstance(instance, Page):
        return
    page_cache.invalidate_pages(instance)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    """A restriction covers the page and every page below it: a CDN must drop them all."""
    if raw:
        return
    page = getattr(instance, "page", None)
    if page is not None:
        from ..conf import disclosure_settings
        from .purge import frontend_cache_configured

        below = []
        if page_cache.enabled() and frontend_cache_configured():
            below = (page.get_descendants().live().specific()
                     .order_by("path")[:disclosure_settings.PAGE_CACHE_PURGE_LIMIT])
        page_cache.invalidate(page_cache.sites_of_paths([page.path]), pages=[page, *below])


def _setting_changed(sender, instance, raw=False, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    if raw:
        return
    if isinstance(instance, BaseSiteSetting):
        page_cache.invalidate([instance.site_id])
    elif isinstance(instance, BaseGenericSetting):
        page_cache.invalidate()


def _everything_changed(sender, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate()


def _page_moved(sender, **kwargs):
    page_cache.invalidate()


def site_wide_models():
    """Models whose every change invalidates every site."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from ..catalogue.snippets import PublishingOrgan, Topic

    return [Site, get_document_model(), get_image_model(), PublishingOrgan, Topic]


def connect_page_cache_signals():
    from wagtail.models import PageViewRestriction
    from wagtail.signals import post_page_move

    for name, signal in (("save", post_save), ("delete", post_delete)):
        # Any sender: a page of any type (and the swappable page model), any setting.
        signal.connect(_page_changed, dispatch_uid=f"{DISPATCH}_page_{name}")
        signal.connect(_setting_changed, dispatch_uid=f"{DISPATCH}_setting_{name}")
        signal.connect(_restriction_changed, sender=PageViewRestriction,
                       dispatch_uid=f"{DISPATCH}_restriction_{name}")
        for model in site_wide_models():
            signal.connect(_everything_changed, sender=model,
                           dispatch_uid=f"{DISPATCH}_{model._meta.label}_{name}")
    post_page_move.connect(_page_moved, dispatch_uid=f"{DISPATCH}_move")
