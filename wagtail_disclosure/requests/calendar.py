"""Saving a State Council holiday notice as the site's calendar, and keeping deadlines in step.

- :func:`import_notice` stores a parsed notice (:func:`wagtail_disclosure.holiday_notice.
  parse_notice`) as a ``HolidayNotice`` with one ``WorkdayOverride`` row per day, logs it in
  Wagtail's audit log and recomputes the open requests' deadlines once;
- :func:`recompute_provisional_deadlines` is for the daily run: a deadline computed by the
  fallback is recomputed, so that a ``chinesecalendar`` release that adds the year (seen once the
  server restarts) or a notice imported on another server corrects it;
- :func:`missing_years` tells the system check (W101) and the dashboard which year is missing;
- :func:`preview_months` and :func:`format_preview` show a parsed notice month by month (the
  admin's preview, the management command's output).

A manual override (one not from a notice) on a day the notice lists is **replaced** by the
notice's day: the notice is the national schedule, and the preview and the result list every
replaced row (with its old value and reason), flagged when the value differs, so that a local
holiday can be entered again on purpose.
"""

import calendar as _calendar
import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import workdays
from ..holiday_notice import NoticeDay, ParsedNotice
from .choices import OPEN_STATUSES
from .models import HolidayNotice, InformationRequest, WorkdayOverride
from .signals import calendar_signals_muted

IMPORT_ACTION = "wagtail_disclosure.calendar.import_notice"
RECOMPUTE_CAUSE = "holiday_notice"  # logged as "holiday_notice:<year>"


@dataclass(frozen=True)
class ReplacedOverride:
    """A manual ``WorkdayOverride`` row the notice replaces."""

    date: datetime.date
    was_working_day: bool
    note: str
    is_working_day: bool  # the notice's value

    @property
    def conflict(self):
        return self.was_working_day != self.is_working_day


@dataclass
class ImportResult:
    parsed: ParsedNotice
    dry_run: bool
    #: The rows of an earlier import of the same year's notice, replaced.
    previous_rows: int
    replaced: list[ReplacedOverride]
    notice: HolidayNotice | None = None
    created: int = 0
    #: Open requests whose reply deadline changed; None until the transaction has committed
    #: (and always for a dry run).
    changed_deadlines: int | None = None
    messages: list[str] = field(default_factory=list)


def plan_import(parsed: ParsedNotice) -> ImportResult:
    """What :func:`import_notice` would change, without changing anything."""
    days = parsed.overrides()
    previous = HolidayNotice.objects.filter(year=parsed.year).first()
    previous_rows = previous.overrides.count() if previous else 0
    replaced = [ReplacedOverride(row.date, row.is_working_day, row.note, days[row.date])
                for row in WorkdayOverride.objects.filter(date__in=days, notice__isnull=True,
                                                          site__isnull=True)
                .order_by("date")]
    return ImportResult(parsed, True, previous_rows, replaced)


def _note(day, document_number):
    kind = _("makeup working day") if day.is_working_day else _("day off")
    note = f"{day.festival}: {kind}"
    return f"{note} ({document_number})" if document_number else note


def import_notice(parsed: ParsedNotice, text: str, user=None, dry_run=False) -> ImportResult:
    """Create or replace the ``HolidayNotice`` of ``parsed.year`` and its ``WorkdayOverride``
    rows, in one transaction; log it; once committed, clear the calendar cache and recompute
    the open requests' deadlines (cause ``"holiday_notice:<year>"``).

    ``text`` is the notice as pasted (stored with it). With ``dry_run`` nothing is written and
    the result says what would change.
    """
    with transaction.atomic():
        result = plan_import(parsed)
        if dry_run:
            return result
        result.dry_run = False
        with calendar_signals_muted():
            notice, created = HolidayNotice.objects.select_for_update().get_or_create(
                year=parsed.year, defaults={"title": parsed.title, "text": text})
            notice.title, notice.text = parsed.title, text
            notice.document_number = parsed.document_number
            notice.imported_at, notice.imported_by = timezone.now(), user
            notice.save()
            days = parsed.overrides()
            # The earlier import's rows, and the manual rows on the notice's days.
            WorkdayOverride.objects.filter(notice=notice).delete()
            # A site's own day (a local holiday) stays: it is that site's on purpose.
            WorkdayOverride.objects.filter(date__in=days, site__isnull=True).delete()
            rows = WorkdayOverride.objects.bulk_create(
                WorkdayOverride(date=day.date, is_working_day=day.is_working_day, notice=notice,
                                note=_note(day, parsed.document_number)[:200])
                for day in parsed.days)
        result.notice, result.created = notice, len(rows)
        log(instance=notice, action=IMPORT_ACTION, user=user, data={
            "year": parsed.year, "document_number": parsed.document_number,
            "days_off": len(parsed.days_off), "working_days": len(parsed.working_days),
            "replaced_import": not created, "previous_rows": result.previous_rows,
            "replaced_overrides": [
                {"date": r.date.isoformat(), "was_working_day": r.was_working_day,
                 "note": r.note} for r in result.replaced]})
        workdays.clear_cache()

        def recompute():
            from .services import recompute_open_deadlines

            workdays.clear_cache()
            result.changed_deadlines = recompute_open_deadlines(
                f"{RECOMPUTE_CAUSE}:{parsed.year}", user)

        transaction.on_commit(recompute)
    return result


def recompute_provisional_deadlines() -> int:
    """Recompute the reply deadline of every open request whose deadline is provisional
    (cause ``"calendar_coverage"``); return how many changed.

    For the daily run: a provisional deadline was computed by the fallback for a year neither
    ``chinesecalendar`` nor an imported notice covered. Once a new ``chinesecalendar`` release
    covers the year (after the upgrade and a restart) or a notice is imported, the recomputed
    deadline uses the real schedule and is no longer provisional.
    """
    from .services import recompute_deadline

    from .clock import calendar_for

    workdays.clear_cache()
    changed = 0
    with transaction.atomic():
        for request_obj in (InformationRequest.objects.select_for_update()
                            .filter(status__in=OPEN_STATUSES, due_provisional=True)
                            .prefetch_related("consultations", "fee_notices")):
            if recompute_deadline(request_obj, "calendar_coverage",
                                  calendar=calendar_for(request_obj)):
                changed += 1
    return changed


def missing_years(today: datetime.date | None = None) -> list[int]:
    """The years the calendar should cover today but does not (this year; from 1 November
    the next year too): neither ``chinesecalendar`` nor an imported notice knows them.

    Reads the database defensively: before ``migrate`` no notice counts.
    """
    return workdays.missing_years(today or timezone.localdate(), workdays.default_calendar())


# -- the preview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewDay:
    date: datetime.date
    in_month: bool
    day: NoticeDay | None  # None: not in the notice (the weekday rule decides)

    @property
    def weekend(self):
        return self.date.weekday() >= 5


def preview_months(parsed: ParsedNotice):
    """The months with a day in the notice, as (first day of the month, weeks of 7
    :class:`PreviewDay` from Monday), for the month-by-month preview."""
    by_date = {day.date: day for day in parsed.days}
    months = sorted({(day.year, day.month) for day in by_date})
    grid = _calendar.Calendar(firstweekday=0)
    return [(datetime.date(y, m, 1),
             [[PreviewDay(d, d.month == m, by_date.get(d) if d.month == m else None)
               for d in week] for week in grid.monthdatescalendar(y, m)])
            for y, m in months]


def format_preview(parsed: ParsedNotice) -> str:
    """The month-by-month preview as plain text (for the management command)."""
    out = [parsed.title + (f" ({parsed.document_number})" if parsed.document_number else "")]
    for first, weeks in preview_months(parsed):
        out.append(f"{first:%Y-%m}")
        days = [cell.day for week in weeks for cell in week if cell.day]
        for working, label in ((False, _("days off")), (True, _("makeup working days"))):
            listed = [f"{d.date.day} {WEEKDAYS[d.date.weekday()]} ({d.festival})"
                      for d in days if d.is_working_day == working]
            if listed:
                out.append(f"  {label}: " + ", ".join(listed))
    out.append(_("%(off)s days off, %(working)s makeup working days") % {
        "off": len(parsed.days_off), "working": len(parsed.working_days)})
    return "\n".join(out)
