"""公开属性 (条例 Arts.13–17) and the dating rules of an item.

- Every item carries its 公开属性; 依申请公开 and 不予公开 need a reason, 不予公开 also its ground
  (条例 Arts.14–16). Only 主动公开 items are published (条例 Art.19: proactive disclosure is
  what an agency publishes of its own motion; the others are answered on request or withheld).
- 发布日期 is set by the system at first publication. An earlier date (an item brought over from
  an old site) needs a stated reason: inspections fail a site for back-dated publication dates
  (政府网站与政务新媒体检查指标). A date after the day of publication is refused.
- 成文日期 cannot be after 发布日期.

``item_errors`` is called by the item's ``clean()``; ``publication_errors`` and
``check_publishable`` by every path that publishes (see ``governance/review_guard.py``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DisclosureAttribute

#: the longest reason an editor may type (attribute reason, back-dating reason)
REASON_MAX_LENGTH = 2000

NOT_PUBLISHABLE = _("Only items disclosed proactively (主动公开) can be published. Change the "
                    "disclosure attribute, or keep the item as a draft.")


class PublicationRefused(ValidationError, PermissionDenied):
    """Raised when code tries to publish an item that is not 主动公开.

    It is a ``ValidationError`` (field ``disclosure_attribute``) for code that validates, and a
    ``PermissionDenied`` so that an admin view it escapes from answers with Wagtail's
    "permission denied" redirect rather than a server error."""

    def __init__(self, message=NOT_PUBLISHABLE):
        ValidationError.__init__(self, {"disclosure_attribute": [message]})


def _local_date(value):
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def publication_day(item):
    """The day the item was (or, when it is published now, will be) first published."""
    if item.first_published_at:
        return _local_date(item.first_published_at)
    return timezone.localdate()


def is_backdated(item):
    """True when the item's 发布日期 is earlier than the day it was actually first published."""
    return bool(item.published_on and item.published_on < publication_day(item))


def item_errors(item):
    """Field errors of ``item``'s disclosure attribute and dates: {field: message}."""
    errors = {}
    if item.disclosure_attribute != DisclosureAttribute.PROACTIVE:
        if not (item.attribute_reason or "").strip():
            errors["attribute_reason"] = _("Give the reason why the item is not disclosed "
                                           "proactively.")
        if (item.disclosure_attribute == DisclosureAttribute.NOT_DISCLOSED
                and not item.exemption_ground):
            errors["exemption_ground"] = _("Choose the ground (条例 Arts.14–16).")
    for name in ("attribute_reason", "backdating_reason"):
        if len(getattr(item, name, "") or "") > REASON_MAX_LENGTH:
            errors[name] = _("Keep it under %(limit)d characters.") % {
                "limit": REASON_MAX_LENGTH}
    errors.update(date_errors(item.published_on, item.formation_date,
                              item.backdating_reason, publication_day(item)))
    return errors


def date_errors(published_on, formation_date, backdating_reason, day_of_publication):
    """The dating rules as a pure function: {field: message}.

    ``published_on`` is the given 发布日期 (None: the system sets it on ``day_of_publication``,
    today for a new publication)."""
    errors = {}
    effective = published_on or day_of_publication
    if published_on and published_on > day_of_publication:
        errors["published_on"] = _("The publication date cannot be in the future: it is set "
                                   "when the item is published.")
    elif published_on and published_on < day_of_publication:
        if not (backdating_reason or "").strip():
            errors["backdating_reason"] = _(
                "Give the reason for a publication date before the day of publication (e.g. "
                "the item was published on the old site on that day).")
    if formation_date and formation_date > effective:
        errors["formation_date"] = _("The date of formation cannot be after the publication "
                                     "date (%(date)s).") % {"date": effective.isoformat()}
    return errors


def publication_errors(item):
    """{field: message} when ``item`` (its content as it would be published) cannot be
    published: only 主动公开 items can."""
    if getattr(item, "disclosure_attribute", DisclosureAttribute.PROACTIVE) != (
            DisclosureAttribute.PROACTIVE):
        return {"disclosure_attribute": NOT_PUBLISHABLE}
    return {}


def check_publishable(item):
    """Raise :class:`PublicationRefused` unless ``item`` may be published."""
    errors = publication_errors(item)
    if errors:
        raise PublicationRefused(errors["disclosure_attribute"])
