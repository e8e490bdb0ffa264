"""Only 主动公开 items are published, whatever the path (条例 Art.19; see ``classification``).

The admin paths refuse with a message before anything is saved: the item editor (a field
error on the publish and submit buttons, ``catalogue/forms.py``), the confidentiality review
task's approval (a form error in its modal), the bulk "publish" action (``review_admin``).
What remains is code: ``revision.publish()`` (a workflow's last approval, ``publish_scheduled``,
an importer, the API). Wagtail has no "before publish" signal, so the last line is the database
write itself: saving a *live* item whose published content is not 主动公开 raises
:class:`~.classification.PublicationRefused`, and so does scheduling such a revision.

A draft of a live item may well be 不予公开 (a reviewer's conclusion sets it): saving the
draft writes only bookkeeping columns (``update_fields``), which the guard lets through.

The first publication of a back-dated item writes an audit-log entry
(``wagtail_disclosure.backdated``).
"""

from django.db.models.signals import pre_save
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail.signals import page_published

from . import classification

BACKDATED_ACTION = "wagtail_disclosure.backdated"
#: the columns whose write (with ``live``) publishes the item's content
_PUBLISHING_FIELDS = {"live", "disclosure_attribute"}


def _is_item(instance):
    from ..catalogue.pages import DisclosureItemPage

    return isinstance(instance, DisclosureItemPage)


def refuse_unpublishable_item(sender, instance, update_fields=None, **kwargs):
    """pre_save: a live item must be 主动公开."""
    if not getattr(instance, "live", False) or not _is_item(instance):
        return
    if update_fields is not None and not (_PUBLISHING_FIELDS & set(update_fields)):
        return
    classification.check_publishable(instance)


def refuse_unpublishable_schedule(sender, instance, update_fields=None, **kwargs):
    """pre_save of a revision: approving it for scheduled publishing (go-live) needs a
    publishable item."""
    if instance.approved_go_live_at is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    obj = instance.as_object()
    if _is_item(obj):
        classification.check_publishable(obj)


def log_backdating(sender, instance, revision=None, **kwargs):
    """page_published: the first publication of a back-dated item goes to the audit log."""
    if not _is_item(instance) or instance.first_published_at != instance.last_published_at:
        return
    if not classification.is_backdated(instance):
        return
    log(instance=instance, action=BACKDATED_ACTION, revision=revision, data={
        "published_on": instance.published_on.isoformat(),
        "first_published_at": instance.first_published_at.isoformat(),
        "reason": instance.backdating_reason,
    })


def connect():
    """Connect the guards (idempotent)."""
    pre_save.connect(refuse_unpublishable_item, dispatch_uid="wagtail_disclosure_publishable")
    pre_save.connect(refuse_unpublishable_schedule, sender=Revision,
                     dispatch_uid="wagtail_disclosure_publishable_schedule")
    page_published.connect(log_backdating, dispatch_uid="wagtail_disclosure_backdating_log")
