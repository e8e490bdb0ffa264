"""The statutory clock of a request: pure functions over dates (no ORM, no HTTP).

- The reply is due ``REPLY_WORKING_DAYS`` (20) working days after the clock started: the date
  of receipt, or, after a correction notice, the date the corrected request was received
  (条例 Art.30, 33).
- An approved extension adds its working days (at most ``MAX_EXTENSION_WORKING_DAYS`` in all).
- The working days a third-party consultation runs (from the day after the letter went out to
  the day it ended, both in working days) are not counted (Art.32, 33 ¶3). While a
  consultation is still open, it is counted up to its own due date, so the deadline shown is
  the latest the reply can be due; it moves earlier when the consultation ends sooner.
- The correction notice must go out within ``CORRECTION_NOTICE_WORKING_DAYS`` (7) working days
  of receipt.
"""

from dataclasses import dataclass

from ..conf import disclosure_settings
from ..workdays import Deadline, default_calendar


@dataclass(frozen=True)
class ConsultationSpan:
    started_on: object
    due_on: object
    ended_on: object = None


def paused_working_days(clock_started_on, consultations, calendar):
    """Working days during which the clock stood still for consultations.

    A working day on which several consultations run at once stops the clock once: the
    consultations' periods are merged before their working days are counted.
    """
    # A third party that has not answered by its due date has let its chance pass (条例
    # Art.32: the agency then decides), so the clock stands still at most until then.
    periods = sorted((max(span.started_on, clock_started_on),
                      min(span.ended_on, span.due_on) if span.ended_on else span.due_on)
                     for span in consultations)
    total, counted_to = 0, None
    for start, end in periods:
        if counted_to is not None:
            start = max(start, counted_to)
        if end > start:
            total += calendar.working_days_between(start, end)
            counted_to = end
    return total


def reply_deadline(clock_started_on, extension_days=0, consultations=(), calendar=None):
    """The reply deadline as a :class:`~wagtail_disclosure.workdays.Deadline`."""
    calendar = calendar or default_calendar()
    days = (disclosure_settings.REPLY_WORKING_DAYS + extension_days
            + paused_working_days(clock_started_on, consultations, calendar))
    return calendar.deadline(clock_started_on, days)


def correction_notice_deadline(received_on, calendar=None):
    calendar = calendar or default_calendar()
    return calendar.deadline(received_on, disclosure_settings.CORRECTION_NOTICE_WORKING_DAYS)


def consultation_deadline(started_on, calendar=None):
    calendar = calendar or default_calendar()
    return calendar.deadline(started_on, disclosure_settings.CONSULTATION_WORKING_DAYS)


def correction_period_deadline(sent_on, working_days=None, calendar=None):
    calendar = calendar or default_calendar()
    days = working_days or disclosure_settings.CORRECTION_PERIOD_WORKING_DAYS
    return calendar.deadline(sent_on, days)


def working_days_left(today, due_on, calendar=None):
    """Working days from today to the deadline; negative when it has passed."""
    calendar = calendar or default_calendar()
    if due_on >= today:
        return calendar.working_days_between(today, due_on)
    # Past the deadline on a day off right after it (no working day in between): still overdue.
    return -max(1, calendar.working_days_between(due_on, today))


__all__ = ["ConsultationSpan", "Deadline", "reply_deadline", "correction_notice_deadline",
           "consultation_deadline", "correction_period_deadline", "working_days_left",
           "paused_working_days"]
