"""Timeliness of proactive disclosure (条例 Art.26): "属于主动公开范围的政府信息，应当自该政府信息
形成或者变更之日起20个工作日内，及时公开" — published within ``TIMELINESS_WORKING_DAYS`` (20)
working days of being formed or changed, counted with the package's working-day calendar
(:func:`wagtail_disclosure.workdays.default_calendar`).

**Counting convention**, the same as the request clock's (``workdays`` module docstring, 民法典
第二百零一条 "开始的当日不计入"): the day of formation is **not** counted, the day of publication
is. An item formed on Friday 2025-09-26 is on time up to Thursday 2025-10-30, 20 working days
later (the National Day holiday and its 调休 makeup Sunday 2025-09-28 and Saturday 2025-10-11
included), and ``working_days_between(formation, publication)`` is the figure.

**Never a guess.** The count is ``None`` (unknown) when the date of formation or of
publication is missing, or when a day between them is not covered by real calendar data
(a year neither ``chinesecalendar`` nor an imported holiday notice covers, and no override
decides): the calendar would use its provisional Monday-to-Friday fallback there, which can
be wrong by the 调休 days. A calendar that raises (a subclass with another national source) gives
``None`` too. It is never negative: a formation date after the publication date (which the
review helper forbids) counts as 0.

The count is stored on the item at first publication (``publication_working_days``, set by
``DisclosureItemPage._assign_publication_metadata``); an item brought over from an old site with
its original publication date is counted from that date. The judgement (on time or late, and by
how many working days) is made when read, against the current ``TIMELINESS_WORKING_DAYS``.
"""

import datetime

from ..conf import disclosure_settings
from ..workdays import default_calendar

__all__ = ["count_working_days", "deadline_for", "item_timeliness", "late_by",
           "latest_formation_due_by", "working_days_to_publication"]

_ONE_DAY = datetime.timedelta(days=1)


def _is_covered(calendar, start, end):
    """Whether every day in ``(start, end]`` is decided by real data (not the fallback)."""
    for year in range(start.year, end.year + 1):
        if calendar.year_is_covered(year):
            continue
        # a year with only some overrides: each of its days in the range must be one of them
        day = max(start + _ONE_DAY, datetime.date(year, 1, 1))
        last = min(end, datetime.date(year, 12, 31))
        while day <= last:
            if not calendar.is_covered(day):
                return False
            day += _ONE_DAY
    return True


def count_working_days(formed_on, published_on, calendar=None):
    """Working days from ``formed_on`` (not counted) to ``published_on`` (counted), or None
    when a date is missing or a day between them is not covered by the calendar's data."""
    if formed_on is None or published_on is None:
        return None
    if published_on <= formed_on:
        return 0
    calendar = calendar if calendar is not None else default_calendar()
    try:
        if not _is_covered(calendar, formed_on, published_on):
            return None
        return calendar.working_days_between(formed_on, published_on)
    except (NotImplementedError, ValueError, OverflowError):
        return None


def working_days_to_publication(item, calendar=None):
    """Working days from ``item.formation_date`` to ``item.published_on`` (条例 Art.26); None
    when either is unknown or the calendar does not cover them. See the module docstring."""
    return count_working_days(getattr(item, "formation_date", None),
                              getattr(item, "published_on", None), calendar)


def late_by(working_days, limit=None):
    """How many working days past the limit ``working_days`` is (0 when on time), or None."""
    if working_days is None:
        return None
    limit = disclosure_settings.TIMELINESS_WORKING_DAYS if limit is None else limit
    return max(0, working_days - limit)


def item_timeliness(item):
    """``{"on_time": bool | None, "working_days": int | None}``: whether ``item`` was published
    within the limit, and by how many working days it was **late** (0 when on time). Both are
    None when unknown (not published yet, no date of formation, an uncovered year).

    Uses the count stored at first publication, or computes it when none was stored (an item
    published before this was built, or in a year the calendar did not cover yet).
    """
    working_days = getattr(item, "publication_working_days", None)
    if working_days is None and getattr(item, "published_on", None) is not None:
        working_days = working_days_to_publication(item)
    late = late_by(working_days)
    return {"on_time": None if late is None else late == 0, "working_days": late}


def deadline_for(formed_on, calendar=None):
    """The last day an item formed on ``formed_on`` can be published on time."""
    calendar = calendar if calendar is not None else default_calendar()
    return calendar.add_working_days(formed_on, disclosure_settings.TIMELINESS_WORKING_DAYS)


def latest_formation_due_by(day, calendar=None):
    """The latest date of formation whose deadline (:func:`deadline_for`) is on or before
    ``day``: items formed on or before it are due by ``day``. Lets a query select the drafts
    due soon with one ``formation_date__lte`` instead of a computation per draft."""
    calendar = calendar if calendar is not None else default_calendar()
    limit = disclosure_settings.TIMELINESS_WORKING_DAYS
    counted = 0
    while counted < limit:
        counted += calendar.is_working_day(day)
        day -= _ONE_DAY
    return day


def backfill(items=None, calendar=None, batch_size=500, recount=False):
    """Store ``publication_working_days`` for published items that have none (``recount``:
    for every published item), in batches of ``batch_size``; returns (counted, still unknown).

    For items published before the count was stored at first publication, or in a year the
    calendar did not cover then (run it again after importing that year's holiday notice).
    ``items`` is a queryset of items (default: every ``DisclosureItemPage``; the migration
    passes its historical model's).
    """
    if items is None:
        from ..catalogue.pages import DisclosureItemPage

        items = DisclosureItemPage.objects.all()
    calendar = calendar if calendar is not None else default_calendar()
    pending = items.filter(published_on__isnull=False, formation_date__isnull=False)
    if not recount:
        pending = pending.filter(publication_working_days__isnull=True)
    model = pending.model
    counted = unknown = 0
    last_pk = 0
    while True:
        batch = list(pending.filter(pk__gt=last_pk).order_by("pk")
                     .only("pk", "formation_date", "published_on", "publication_working_days")
                     [:batch_size])
        if not batch:
            return counted, unknown
        changed = []
        for item in batch:
            value = count_working_days(item.formation_date, item.published_on, calendar)
            if value is None:
                unknown += 1
            else:
                counted += 1
            if value != item.publication_working_days:
                item.publication_working_days = value
                changed.append(item)
        # only this column: no save(), no revision, no signal
        model._base_manager.bulk_update(changed, ["publication_working_days"])
        last_pk = batch[-1].pk
