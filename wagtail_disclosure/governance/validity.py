"""有效性 upkeep: validation of an item's validity dates, and the daily marking of items whose
repeal or expiry date has arrived.

G47 asks sites to annotate 修改、废止、失效 on the original document: an item whose 废止日期 or
有效期至 arrives keeps its page (with the "no longer in force" banner) but is marked repealed or
expired, so that it leaves the "in force" listings.

How a change is stored: the live row is updated and the content of the item's revisions is
patched, so an editor opening the page sees the new validity and publishing an older revision
(a draft saved before that day, a revert, a workflow approval) keeps it; and every publication
re-applies a due change (``on_item_published``) in case a revision escaped the patch. Each
change is audit-logged (a system action: no user) and written to the release register as
``VALIDITY_CHANGED``.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..catalogue.choices import Validity

logger = logging.getLogger(__name__)

#: the audit-log action of a change made by the daily upkeep
LOG_ACTION = "wagtail_disclosure.validity_changed"
#: how many items one batch of the upkeep loads at a time
BATCH_SIZE = 200
#: dates further ahead than this are typing mistakes, not plans
MAX_YEARS_AHEAD = 100


# -- validation ------------------------------------------------------------------------------


def _too_far(date, today):
    return date.year > today.year + MAX_YEARS_AHEAD


def _stored_publication_end(item):
    if not item.pk:
        return None
    return (type(item).objects.filter(pk=item.pk)
            .values_list("publication_ends_on", flat=True).first())


def item_errors(item, today=None):
    """Field errors of ``item``'s validity and time-limit fields: {field: message}."""
    today = today or timezone.localdate()
    errors = {}
    for name in ("effective_date", "repeal_date", "expiry_date", "publication_ends_on"):
        value = getattr(item, name)
        if value and _too_far(value, today):
            errors[name] = _("Give a date within the next %(years)s years.") % {
                "years": MAX_YEARS_AHEAD}
    if errors:
        return errors
    if item.effective_date and item.repeal_date and item.repeal_date < item.effective_date:
        errors["repeal_date"] = _("The repeal date cannot be before the effective date.")
    if item.effective_date and item.expiry_date and item.expiry_date < item.effective_date:
        errors["expiry_date"] = _("The expiry date cannot be before the effective date.")
    if item.validity == Validity.IN_FORCE:
        # a future repeal date is a plan: the daily upkeep marks the item on that day
        if item.repeal_date and item.repeal_date <= today and "repeal_date" not in errors:
            errors["validity"] = _("The repeal date has arrived: choose repealed, amended or "
                                   "expired, or give a later repeal date.")
        elif item.expiry_date and item.expiry_date <= today and "expiry_date" not in errors:
            errors["validity"] = _("The expiry date has arrived: choose expired, or give a "
                                   "later expiry date.")
    if item.validity in (Validity.REPEALED, Validity.EXPIRED) and not item.repeal_date:
        errors["repeal_date"] = _("Give the date it stopped being in force.")
    errors.update(_publication_end_errors(item, today))
    return errors


def _publication_end_errors(item, today):
    """公开时限: the end of publication is after the publication date and, unless it is the
    unchanged date of a live item, after today (on that day the item is taken down)."""
    ends_on = item.publication_ends_on
    if not ends_on:
        return {}
    published_on = item.published_on or getattr(item, "original_publication_date", None)
    if published_on and ends_on <= published_on:
        return {"publication_ends_on": _("The end of publication must be after the "
                                         "publication date.")}
    if ends_on <= today and not (item.live and ends_on == _stored_publication_end(item)):
        return {"publication_ends_on": _("The end of publication must be after today.")}
    return {}


# -- the daily upkeep ------------------------------------------------------------------------


def due_change(item, today):
    """``(validity, date)`` an item in force takes on ``today`` because its repeal or expiry
    date has arrived (the earlier of the two), or None."""
    if item.validity != Validity.IN_FORCE:
        return None
    due = []
    if item.repeal_date and item.repeal_date <= today:
        due.append((item.repeal_date, 0, Validity.REPEALED))
    if item.expiry_date and item.expiry_date <= today:
        due.append((item.expiry_date, 1, Validity.EXPIRED))
    if not due:
        return None
    day, _order, validity = min(due)
    return validity, day


def change_detail(old, new, day=None, *, automatic=False):
    """The register's text of a change of validity, e.g. "有效 → 已废止（2026-03-01）"."""
    with translation.override(settings.LANGUAGE_CODE):
        labels = dict(Validity.choices)
        text = f"{labels.get(old, old)} → {labels.get(new, new)}"
        if day:
            text += gettext(" (from %(date)s)") % {"date": day.isoformat()}
        if automatic:
            text += gettext(", marked automatically on its date")
        return text


def _patch_revisions(item, values):
    """Write ``values`` into every revision of ``item``: the editor sees them, and publishing
    any revision (an older draft, a revert, a workflow approval) keeps them instead of failing
    validation or bringing the item back into force."""
    for revision in item.revisions.all():
        content = dict(revision.content)
        if all(content.get(key) == value for key, value in values.items()):
            continue
        content.update(values)
        revision.content = content
        revision.save(update_fields=["content"])


def apply_change(item, validity, day):
    """Mark ``item`` with ``validity`` from ``day``: the row, the revisions, the search index,
    the audit log (a system action) and the release register. Returns the old validity."""
    from .choices import RegisterEvent
    from .register import record

    old = _store(item, validity, day)
    record(item, RegisterEvent.VALIDITY_CHANGED,
           detail=change_detail(old, validity, day, automatic=True))
    return old


def _store(item, validity, day):
    """Save the change on the row and the revisions, reindex, audit-log it as a system
    action. Returns the old validity."""
    from wagtail.log_actions import log

    from ..caching.page_cache import invalidate_pages
    from ..catalogue.signals import schedule_reindex

    old = item.validity
    repeal_date = day if not item.repeal_date or item.repeal_date > day else item.repeal_date
    type(item).objects.filter(pk=item.pk).update(validity=validity, repeal_date=repeal_date)
    item.validity, item.repeal_date = validity, repeal_date
    invalidate_pages(item)  # an update(): no signal tells the page cache
    _patch_revisions(item, {"validity": validity, "repeal_date": repeal_date.isoformat()})
    schedule_reindex(item)
    log(instance=item, action=LOG_ACTION, user=None,
        data={"old": old, "new": validity, "date": day.isoformat()})
    return old


@dataclass
class UpkeepRun:
    """What one daily run did."""

    marked: int = 0
    ended: int = 0
    failed: list = field(default_factory=list)

    def as_dict(self):
        return {"marked": self.marked, "ended": self.ended, "failed": list(self.failed)}


def _due_items_pks(today):
    from django.db.models import Q

    from ..catalogue.pages import DisclosureItemPage

    return list(
        DisclosureItemPage.objects.live().filter(validity=Validity.IN_FORCE)
        .filter(Q(repeal_date__lte=today) | Q(expiry_date__lte=today))
        .order_by("pk").values_list("pk", flat=True))


def update_validity(today=None, *, batch_size=BATCH_SIZE, run=None):
    """Mark the live items in force whose repeal or expiry date is ``today`` or earlier.

    Idempotent (a marked item is no longer in force, so it is not picked again); items are
    loaded ``batch_size`` at a time, each changed in its own transaction, and one failing item
    is logged and reported without stopping the others."""
    from ..catalogue.pages import DisclosureItemPage

    today = today or timezone.localdate()
    run = run or UpkeepRun()
    pks = _due_items_pks(today)
    for start in range(0, len(pks), batch_size):
        for item in DisclosureItemPage.objects.filter(pk__in=pks[start:start + batch_size]) \
                .order_by("pk").specific():
            try:
                with transaction.atomic():
                    change = due_change(item, today)
                    if change is not None:
                        apply_change(item, *change)
                        run.marked += 1
            except Exception:  # one broken item must not stop the daily run
                logger.exception("Could not update the validity of item %s", item.pk)
                run.failed.append(item.pk)
    return run


# -- on publication --------------------------------------------------------------------------


def _previous_live_validity(item, revision):
    """The validity of the revision that was live before ``revision`` was published (from
    Wagtail's publish log), or None for a first publication."""
    from wagtail.models import PageLogEntry

    entry = (PageLogEntry.objects.filter(page_id=item.pk, action="wagtail.publish")
             .exclude(revision_id=getattr(revision, "pk", None)).exclude(revision=None)
             .select_related("revision").order_by("-timestamp", "-pk").first())
    try:
        revision = entry.revision if entry is not None else None
    except ObjectDoesNotExist:  # the revision was purged
        revision = None
    return (revision.content or {}).get("validity") if revision is not None else None


def on_item_published(item, revision=None, user=None, today=None):
    """After a publication: re-apply a due change (an older revision may bring back "in
    force"), and write ``VALIDITY_CHANGED`` when the published validity differs from the
    previously live one (an editor's change by hand)."""
    from .choices import RegisterEvent
    from .register import record

    today = today or timezone.localdate()
    previous = _previous_live_validity(item, revision)
    published = item.validity
    change = due_change(item, today)
    if change is not None:
        _store(item, *change)
    # a first publication registers only a change made on the way (in force → repealed)
    before = previous if previous is not None else published
    if before != item.validity and (previous is not None or change is not None):
        record(item, RegisterEvent.VALIDITY_CHANGED, user=None if change else user,
               revision=revision,
               detail=change_detail(before, item.validity,
                                    item.repeal_date if item.validity != Validity.IN_FORCE
                                    else None, automatic=change is not None))
