"""Search indexing of catalogue items, after the transaction commits.

Wagtail indexes a page inside the transaction that saves it, before the page's child rows
(attachments) are saved. On PostgreSQL the database backend also rewrites other index rows
(title norms) in that transaction, so two editors publishing at the same moment can deadlock
and one publish fails. Catalogue items therefore opt out of automatic indexing
(``search_auto_update = False``) and are indexed here once the saving transaction has
committed, with their attachments in place. A failure to index is logged; it never undoes a
publication.
"""

import logging

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.search import index

logger = logging.getLogger(__name__)


def _index_now(model, pk):
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        return
    try:
        index.insert_or_update_object(obj)
    except Exception:  # an index problem must not break publishing; it is reported instead
        logger.exception("Could not update the search index for page %s", pk)


def schedule_reindex(instance):
    """Index ``instance`` when the current transaction commits (now if there is none).

    Publishing saves a page several times in one transaction; it is indexed once.
    """
    model, pk = type(instance), instance.pk
    key = (model, pk)
    pending = getattr(connection, "run_on_commit", None) or []
    if any(getattr(entry[1], "wd_index_key", None) == key
           and not getattr(entry[1], "wd_done", False) for entry in pending):
        return

    def callback():
        callback.wd_done = True
        _index_now(model, pk)

    callback.wd_index_key = key
    transaction.on_commit(callback)


def item_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from .placements import place_items

        place_items([instance])  # the listing order index (catalogue/placements.py)
        schedule_reindex(instance)


def page_moved(sender, instance, **kwargs):
    """A page moved: the items at or below it are now below other containers."""
    from .placements import place_below

    place_below(instance)


def item_deleted(sender, instance, **kwargs):
    index.remove_object(instance)


def connect_item_signals():
    """Connect the handlers to every concrete item page model (a multi-table subclass such as
    PowerItemPage sends its signals as itself, not as DisclosureItemPage)."""
    from django.apps import apps
    from wagtail.signals import post_page_move

    from .pages import DisclosureItemPage

    post_page_move.connect(page_moved, dispatch_uid="wd-place-moved")
    for model in apps.get_models():
        if issubclass(model, DisclosureItemPage):
            post_save.connect(item_saved, sender=model,
                              dispatch_uid=f"wd-index-{model._meta.label}")
            post_delete.connect(item_deleted, sender=model,
                                dispatch_uid=f"wd-unindex-{model._meta.label}")
