"""Writing the release register automatically, from Wagtail's signals.

- ``page_published``: a first publication (``PUBLISHED``) or a publication of a page that had
  been published before (``REPUBLISHED``);
- ``page_unpublished``: ``UNPUBLISHED`` (not when Wagtail unpublishes a page only because it
  is being deleted: the deletion is recorded instead);
- ``pre_delete`` of a live item or report: ``DELETED``.

The entry is written inside the transaction of the action, so an action rolled back leaves
no entry. ``connect_register_signals()`` is idempotent (``dispatch_uid``).
"""

import contextlib
import contextvars

from django.db.models.signals import pre_delete
from wagtail.log_actions import get_active_log_context
from wagtail.signals import page_published, page_unpublished

from .choices import RegisterEvent
from .register import is_registered, record, registered_page_types

_silenced = contextvars.ContextVar("wagtail_disclosure_register_silenced", default=frozenset())


@contextlib.contextmanager
def recorded_by_caller(page):
    """Within this block, Wagtail's publish/unpublish/delete signals of ``page`` write no
    entry: for a tool that records its own event instead (e.g. the end of time-limited
    publication unpublishing the page, recorded as ``PUBLICATION_ENDED``)."""
    token = _silenced.set(_silenced.get() | {page.pk})
    try:
        yield
    finally:
        _silenced.reset(token)


def _acting_user():
    """The user of the current admin request (Wagtail's log context), or None."""
    return get_active_log_context().user


def approver_of(page, revision):
    """Who approved a publication: the final approver of the workflow that published it,
    else the user of the admin request (the user of Wagtail's publish log entry), else who
    saved the revision (a programmatic ``revision.publish()``)."""
    from .register import publication_people

    _drafter, workflow_approver = publication_people(page, revision)
    return workflow_approver or _acting_user() or getattr(revision, "user", None)


def published_before(page):
    """Whether ``page`` had been published before the publication under way.

    Not ``first_published_at``: items brought from an old site carry their original date
    there. Wagtail writes the publish log entry after ``page_published``, so an existing one
    is an earlier publication; so is an earlier publication entry of the register."""
    from wagtail.models import PageLogEntry

    from .models import ReleaseRegisterEntry
    from .register import PUBLICATION_EVENTS

    return (PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").exists()
            or ReleaseRegisterEntry.objects.filter(page_id=page.pk,
                                                   event__in=PUBLICATION_EVENTS).exists())


def on_page_published(sender, instance, revision=None, **kwargs):
    if not is_registered(instance) or instance.pk in _silenced.get():
        return
    event = (RegisterEvent.REPUBLISHED if published_before(instance)
             else RegisterEvent.PUBLISHED)
    record(instance, event, user=approver_of(instance, revision), revision=revision)


def _live_in_database(page):
    return type(page)._base_manager.filter(pk=page.pk, live=True).exists()


def on_page_unpublished(sender, instance, **kwargs):
    if not is_registered(instance) or instance.pk in _silenced.get():
        return
    # Wagtail's pre_delete handler unpublishes a live page without saving it (commit=False)
    # just before deleting it: the row is still live, and the deletion records the entry.
    if _live_in_database(instance):
        return
    record(instance, RegisterEvent.UNPUBLISHED, user=_acting_user())


def on_page_deleted(sender, instance, **kwargs):
    """pre_delete of each registered model's own rows: a deleted page's rows of its parent
    models come with their own signals, so only the model's exact class is connected."""
    if kwargs.get("raw") or instance.pk in _silenced.get():
        return
    if _live_in_database(instance):
        record(instance, RegisterEvent.DELETED, user=_acting_user())


def _deletion_senders():
    """The concrete registered models whose rows each page of a registered type has exactly
    once: the registered base types themselves (a PowerItemPage has one DisclosureItemPage
    row)."""
    return registered_page_types()


def connect_register_signals():
    page_published.connect(on_page_published, dispatch_uid="wagtail_disclosure_register_pub")
    page_unpublished.connect(on_page_unpublished,
                             dispatch_uid="wagtail_disclosure_register_unpub")
    for model in _deletion_senders():
        pre_delete.connect(on_page_deleted, sender=model,
                           dispatch_uid=f"wagtail_disclosure_register_delete_{model.__name__}")
