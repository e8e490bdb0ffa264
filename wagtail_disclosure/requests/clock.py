"""The statutory clock of a request: pure functions over dates (no ORM, no HTTP).

- The reply is due ``REPLY_WORKING_DAYS`` (20) working days after the clock started: the date
  of receipt, or, after a correction notice, the date the corrected request was received
  (条例 Art.30, 33).
- An approved extension adds its working days (at most ``MAX_EXTENSION_WORKING_DAYS`` in all).
- The working days a third-party consultation runs (from the day after the letter went out to
  the day it ended, both in working days) are not counted (Art.32, 33 ¶3). While a
  consultation is still open, it is counted up to its own due date, so the deadline shown is
  the latest the reply can be due; it moves earlier when the consultation ends sooner.
- The third party's ``CONSULTATION_WORKING_DAYS`` (15) run from the day after it **received**
  the letter (Art.32: "自收到征求意见书之日起15个工作日内").
- With ``FEE_PAUSES_CLOCK`` (the default), the working days from a fee notice until it is paid,
  or until its payment period lapses, are not counted either (国办函〔2020〕109号; see
  docs/reference/fees.md). While the fee is unpaid the pause is counted up to the pay-by date.
- A delayed reply date set under Art.35 (延迟答复的合理期限) replaces the deadline when it is
  later. It counts as the working days it added to the deadline of its day (``delay_days``),
  so that a pause or an extension that comes after it moves it like any deadline; the date
  told to the applicant is never moved earlier.
- The correction notice must go out within ``CORRECTION_NOTICE_WORKING_DAYS`` (7) working days
  of receipt.
"""

from dataclasses import dataclass

from ..conf import disclosure_settings
from ..workdays import Deadline, default_calendar


@dataclass(frozen=True)
class PauseSpan:
    """A period the reply clock stands still: from ``started_on`` to ``ended_on``, or to
    ``due_on`` if it has not ended (or ended later)."""

    started_on: object
    due_on: object
    ended_on: object = None


#: The name used before fee pauses existed.
ConsultationSpan = PauseSpan


def paused_working_days(clock_started_on, consultations, calendar):
    """Working days during which the clock stood still (consultations, unpaid fees).

    A working day on which several pauses run at once stops the clock once: the periods are
    merged before their working days are counted.
    """
    # A third party that has not answered by its due date has let its chance pass (条例
    # Art.32: the agency then decides), so the clock stands still at most until then; an
    # applicant who has not paid by the pay-by date likewise.
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


def calendar_for(request_obj):
    """The working-day calendar of a request: of its site (global overrides and the site's
    own, e.g. a province's local holidays), or the calendar for every site when it has none.
    Every deadline of a request is counted with it."""
    return default_calendar(getattr(request_obj, "site_id", None))


def reply_deadline(clock_started_on, extension_days=0, consultations=(), calendar=None,
                   fee_pauses=(), delayed_until=None, delay_days=0):
    """The reply deadline as a :class:`~wagtail_disclosure.workdays.Deadline`.

    ``consultations`` and ``fee_pauses`` are :class:`PauseSpan` values; ``fee_pauses`` are
    ignored when ``FEE_PAUSES_CLOCK`` is off. ``delayed_until`` (Art.35) wins when later;
    ``delay_days`` are the working days the delays added to the deadline of their day, counted
    like an extension (so later pauses and extensions move a delayed deadline too).
    """
    calendar = calendar or default_calendar()
    pauses = list(consultations)
    if disclosure_settings.FEE_PAUSES_CLOCK:
        pauses += list(fee_pauses)
    days = (disclosure_settings.REPLY_WORKING_DAYS + extension_days
            + (delay_days if delayed_until is not None else 0)
            + paused_working_days(clock_started_on, pauses, calendar))
    deadline = calendar.deadline(clock_started_on, days)
    if delayed_until is not None and delayed_until > deadline.date:
        return Deadline(delayed_until, False)
    return deadline


def fee_payment_deadline(received_on, calendar=None):
    """The last day to pay a fee notice received on ``received_on``: ``FEE_PAYMENT_WORKING_DAYS``
    (20) working days counted from the day after (国办函〔2020〕109号)."""
    calendar = calendar or default_calendar()
    return calendar.deadline(received_on, disclosure_settings.FEE_PAYMENT_WORKING_DAYS)


def correction_notice_deadline(received_on, calendar=None):
    calendar = calendar or default_calendar()
    return calendar.deadline(received_on, disclosure_settings.CORRECTION_NOTICE_WORKING_DAYS)


def consultation_deadline(received_on, calendar=None):
    """The third party's last day to answer: 15 working days after it received the letter
    (Art.32). Pass the sending date while the receipt date is not known."""
    calendar = calendar or default_calendar()
    return calendar.deadline(received_on, disclosure_settings.CONSULTATION_WORKING_DAYS)


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


__all__ = [
    "ConsultationSpan",
    "calendar_for",
    "Deadline",
    "PauseSpan",
    "consultation_deadline",
    "correction_notice_deadline",
    "correction_period_deadline",
    "fee_payment_deadline",
    "paused_working_days",
    "reply_deadline",
    "working_days_left",
]
