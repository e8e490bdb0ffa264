"""The register of withheld information (不予公开, 条例 Art.18: 行政机关应当……定期对不予公开的
政府信息进行评估审查，对因情势变化可以公开的政府信息应当公开).

- An item saved with 公开属性 不予公开 gets an entry (``ensure_entry_for_item``, connected to
  the saving of items and of their revisions by ``connect_withheld_signals``).
- ``review`` records a periodic review: keep (the next review date) or disclose (the entry is
  marked disclosed and a draft item is created, or the linked draft's 公开属性 is switched to
  主动公开 in a new revision). Every decision is in Wagtail's audit log.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..conf import disclosure_settings
from ..sites import site_id_for_page
from .choices import DisclosureAttribute, WithheldReviewDecision, WithheldStatus
from .compliance import add_months
from .models import WithheldInformation, WithheldReview

ACTION_CREATED = "wagtail_disclosure.withheld.from_item"
ACTION_KEEP = "wagtail_disclosure.withheld.keep"
ACTION_DISCLOSE = "wagtail_disclosure.withheld.disclose"
#: the earliest decision date accepted (the Regulation is in force since 1 May 2008)
EARLIEST_DECISION = datetime.date(2008, 1, 1)
#: a review date at most this many years after the decision or review
MAX_REVIEW_YEARS = 5


class ReviewError(Exception):
    """A review that cannot be recorded as asked (the message says why, for the form)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def default_review_date(decided_on):
    """The next review: ``WITHHELD_REVIEW_MONTHS`` months after the decision or review."""
    return add_months(decided_on, disclosure_settings.WITHHELD_REVIEW_MONTHS)


def latest_review_date(decided_on):
    """The latest review date accepted for a decision or review on ``decided_on``."""
    return add_months(decided_on, 12 * MAX_REVIEW_YEARS)


def _item_model():
    from ..catalogue.pages import DisclosureItemPage

    return DisclosureItemPage


def ensure_entry_for_item(item, user=None):
    """The open register entry of ``item`` when its 公开属性 is 不予公开 (created if missing,
    its title, organ, ground and reason kept in step with the item); None otherwise.

    An entry already decided "disclose" is left alone: marking the item 不予公开 again is a
    new decision, with a new entry."""
    if item.pk is None or item.disclosure_attribute != DisclosureAttribute.NOT_DISCLOSED:
        return None
    values = {
        "title": (item.title or "")[:255],
        "organ_id": item.organ_id,
        "ground": item.exemption_ground or "",
        "reason": item.attribute_reason or "",
    }
    with transaction.atomic():
        entry = (WithheldInformation.objects.select_for_update()
                 .filter(page_id=item.pk, status=WithheldStatus.WITHHELD).order_by("-pk")
                 .first())
        if entry is not None:
            changed = [name for name, value in values.items() if getattr(entry, name) != value]
            for name in changed:
                setattr(entry, name, values[name])
            if changed:
                entry.save(update_fields=changed)
            return entry
        today = timezone.localdate()
        entry = WithheldInformation.objects.create(
            page_id=item.pk, site_id=site_id_for_page(item), decided_on=today,
            review_due_on=default_review_date(today),
            created_by=user if getattr(user, "pk", None) else None, **values)
        log(instance=entry, action=ACTION_CREATED, user=user,
            data={"page_id": item.pk, "ground": entry.ground})
    return entry


def _item_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, _item_model()):
        return
    ensure_entry_for_item(instance)


def _revision_saved(sender, instance, created=False, raw=False, **kwargs):
    """A draft's 公开属性 lives in its revisions: the editor saves a revision, not the page."""
    if raw or not created:
        return
    content = instance.content if isinstance(instance.content, dict) else {}
    if content.get("disclosure_attribute") != DisclosureAttribute.NOT_DISCLOSED:
        return
    page = instance.content_object
    if not isinstance(page, _item_model()):
        return
    ensure_entry_for_item(instance.as_object(), user=instance.user)


def connect_withheld_signals():
    """Connect ``ensure_entry_for_item`` to the saving of items and of their revisions."""
    from wagtail.models import Revision

    post_save.connect(_item_saved, dispatch_uid="wagtail_disclosure_withheld_item_saved")
    post_save.connect(_revision_saved, sender=Revision,
                      dispatch_uid="wagtail_disclosure_withheld_revision_saved")


# -- the review ------------------------------------------------------------------------------


def _check_review_date(reviewed_on, today):
    if reviewed_on > today:
        raise ReviewError(_("The review date cannot be in the future."), "reviewed_on")
    if reviewed_on < EARLIEST_DECISION:
        raise ReviewError(_("The review date is too early."), "reviewed_on")


def review(entry, *, decision, user, reviewed_on=None, note="", next_review_on=None,
           column=None, organ=None):
    """Record a review of ``entry`` by ``user`` and act on it; returns the WithheldReview.

    - keep: the next review falls on ``next_review_on`` (default ``WITHHELD_REVIEW_MONTHS``
      after the review);
    - disclose: when the entry is linked to an item, a new revision of that item switches its
      公开属性 to 主动公开; otherwise a draft item with the entry's title and organ (or
      ``organ``) is created in ``column``. The entry's status becomes "disclosed".

    Raises ReviewError (bad input) or PermissionDenied (the user may not edit the item or add
    one to the column)."""
    today = timezone.localdate()
    reviewed_on = reviewed_on or today
    _check_review_date(reviewed_on, today)
    if entry.status != WithheldStatus.WITHHELD:
        raise ReviewError(_("This information was already decided to be disclosed."))
    note = (note or "").strip()
    with transaction.atomic():
        entry = WithheldInformation.objects.select_for_update().get(pk=entry.pk)
        if entry.status != WithheldStatus.WITHHELD:
            raise ReviewError(_("This information was already decided to be disclosed."))
        if decision == WithheldReviewDecision.KEEP:
            next_review_on = next_review_on or default_review_date(reviewed_on)
            if not reviewed_on < next_review_on <= latest_review_date(reviewed_on):
                raise ReviewError(_("The next review must fall after the review and within "
                                    "%(years)s years of it.") % {"years": MAX_REVIEW_YEARS},
                                  "next_review_on")
            entry.review_due_on = next_review_on
            entry.save(update_fields=["review_due_on"])
            data = {"next_review_on": next_review_on.isoformat()}
            action = ACTION_KEEP
        elif decision == WithheldReviewDecision.DISCLOSE:
            page, revision = _disclose(entry, user, column, organ)
            entry.status = WithheldStatus.DISCLOSED
            entry.page_id = page.pk
            entry.save(update_fields=["status", "page"])
            data = {"page_id": page.pk, "revision_id": revision.pk}
            action = ACTION_DISCLOSE
        else:
            raise ReviewError(_("Choose a decision."), "decision")
        record = WithheldReview.objects.create(entry=entry, reviewed_on=reviewed_on,
                                               decision=decision, note=note,
                                               reviewed_by=user)
        log(instance=entry, action=action, user=user,
            data={**data, "reviewed_on": reviewed_on.isoformat(), "review_id": record.pk})
    return record


def _disclose(entry, user, column, organ):
    """The item to publish after a decision to disclose, with its new revision (a draft)."""
    item = entry.page.specific if entry.page_id else None
    if isinstance(item, _item_model()):
        if not item.permissions_for_user(user).can_edit():
            raise PermissionDenied
        draft = item.get_latest_revision_as_object()
        draft.disclosure_attribute = DisclosureAttribute.PROACTIVE
        draft.exemption_ground = ""
        draft.attribute_reason = ""
        revision = draft.save_revision(user=user, log_action=True)
        return draft, revision
    if column is None:
        raise ReviewError(_("Choose the column of the item to publish."), "column")
    organ = entry.organ or organ
    if organ is None:
        raise ReviewError(_("Choose the publishing organ of the item."), "organ")
    if not column.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    item = _item_model()(title=entry.title, slug=_free_slug(column, entry), organ=organ,
                         summary=(entry.description or "")[:2000],
                         disclosure_attribute=DisclosureAttribute.PROACTIVE, live=False)
    column.add_child(instance=item)
    log(instance=item, action="wagtail.create", user=user)
    revision = item.save_revision(user=user, log_action=True)
    return item, revision


def _free_slug(column, entry):
    base = f"disclosed-{entry.pk}"
    taken = set(column.get_children().filter(slug__startswith=base)
                .values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
