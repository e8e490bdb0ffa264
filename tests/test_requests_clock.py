"""The statutory clock of a request (wagtail_disclosure.requests.clock): pure date functions.

Every expected date below was worked out by hand, day by day, from chinesecalendar 1.11.0's
data (chinese_calendar.holidays / chinese_calendar.workdays), counting from the day after the
start (民法典 Art.201), and then cross-checked with a naive loop over chinese_calendar.is_workday.
The days that matter:

- 2025 weekday days off: 01-01; 01-28..01-31, 02-03, 02-04 (春节); 04-04; 05-01, 05-02, 05-05;
  06-02; 10-01..10-03, 10-06..10-08 (国庆 + 中秋).
  2025 makeup working days (调休上班): Sun 01-26, Sat 02-08, Sun 04-27, Sun 09-28, Sat 10-11.
- 2026 weekday days off: 01-01, 01-02; 02-16..02-20, 02-23 (春节); 04-06; 05-01, 05-04, 05-05;
  06-19; 09-25 (中秋); 10-01, 10-02, 10-05..10-07.
  2026 makeup working days: Sun 01-04, Sat 02-14, Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10.
- November 2025 and November 2026 have no holiday and no makeup day.
- 2027: not covered by chinesecalendar 1.11.0; the provisional fallback is Monday to Friday
  minus the statutory holidays of 全国年节及纪念日放假办法 Art.2 (2027: 01-01; 02-05..02-08;
  04-05; 05-01, 05-02; 06-09; 09-15; 10-01..10-03), without 调休 or 补假.
"""

import datetime

import pytest

from wagtail_disclosure import workdays
from wagtail_disclosure.requests import clock
from wagtail_disclosure.requests.clock import ConsultationSpan
from wagtail_disclosure.workdays import WorkdayCalendar

D = datetime.date
CAL = WorkdayCalendar()  # the national calendar only: no database, no overrides


# -- the reply deadline (20 working days, Art.33) -------------------------------------------


@pytest.mark.parametrize(("received_on", "due_on"), [
    # Fri 09-26: 09-28 Sun (调休) =1, 09-29..30 =2-3, 10-01..08 off, 10-09..10 =4-5,
    # 10-11 Sat (调休) =6, 10-13..17 =7-11, 10-20..24 =12-16, 10-27..30 =17-20.
    (D(2025, 9, 26), D(2025, 10, 30)),
    # Fri 01-24: 01-26 Sun (调休) =1, 01-27 =2, 01-28..02-04 off, 02-05..07 =3-5,
    # 02-08 Sat (调休) =6, 02-10..14 =7-11, 02-17..21 =12-16, 02-24..27 =17-20.
    (D(2025, 1, 24), D(2025, 2, 27)),
    # Fri 04-25: 04-27 Sun (调休) =1, 04-28..30 =2-4, 05-01..05 off, 05-06..09 =5-8,
    # 05-12..16 =9-13, 05-19..23 =14-18, 05-26..27 =19-20.
    (D(2025, 4, 25), D(2025, 5, 27)),
    # Received on a public holiday (online): 10-02..08 off, 10-09..10 =1-2, 10-11 Sat =3,
    # 10-13..17 =4-8, 10-20..24 =9-13, 10-27..31 =14-18, 11-03..04 =19-20.
    (D(2025, 10, 1), D(2025, 11, 4)),
    # Received on the makeup Saturday 10-11: 10-12 Sun off, then five full weeks.
    (D(2025, 10, 11), D(2025, 11, 7)),
    # Across the new year: 12-16..19 =1-4, 12-22..26 =5-9, 12-29..31 =10-12, 2026-01-01..03 off,
    # 01-04 Sun (调休) =13, 01-05..09 =14-18, 01-12..13 =19-20.
    (D(2025, 12, 15), D(2026, 1, 13)),
    # Fri 2026-02-13: 02-14 Sat (调休) =1, 02-15..23 off, 02-24..27 =2-5, 02-28 Sat (调休) =6,
    # 03-02..06 =7-11, 03-09..13 =12-16, 03-16..19 =17-20.
    (D(2026, 2, 13), D(2026, 3, 19)),
    # Fri 2026-09-18: 09-20 Sun (调休) =1, 09-21..24 =2-5, 09-25 off (中秋), 09-28..30 =6-8,
    # 10-01..07 off, 10-08..09 =9-10, 10-10 Sat (调休) =11, 10-12..16 =12-16, 10-19..22 =17-20.
    (D(2026, 9, 18), D(2026, 10, 22)),
])
def test_reply_deadline_follows_the_national_calendar(received_on, due_on):
    deadline = clock.reply_deadline(received_on, calendar=CAL)
    assert deadline.date == due_on
    assert deadline.provisional is False


@pytest.mark.django_db
def test_reply_deadline_uses_the_site_calendar_by_default():
    workdays.clear_cache()
    try:
        assert clock.reply_deadline(D(2025, 9, 26)).date == D(2025, 10, 30)
    finally:
        workdays.clear_cache()


def test_reply_deadline_honours_local_overrides():
    # A local holiday on Mon 2025-10-27 pushes the 2025-09-26 deadline one working day later.
    calendar = WorkdayCalendar({D(2025, 10, 27): False})
    assert clock.reply_deadline(D(2025, 9, 26), calendar=calendar).date == D(2025, 10, 31)
    # A local holiday after the deadline changes nothing.
    calendar = WorkdayCalendar({D(2025, 10, 31): False})
    assert clock.reply_deadline(D(2025, 9, 26), calendar=calendar).date == D(2025, 10, 30)


# -- the correction notice (7 working days, Art.30) -----------------------------------------


@pytest.mark.parametrize(("received_on", "due_on"), [
    # 09-28 Sun =1, 09-29..30 =2-3, 10-09..10 =4-5, 10-11 Sat =6, 10-13 =7.
    (D(2025, 9, 26), D(2025, 10, 13)),
    # 02-14 Sat =1, 02-24..27 =2-5, 02-28 Sat =6, 03-02 =7.
    (D(2026, 2, 13), D(2026, 3, 2)),
    # A plain week in November 2025: Mon 11-03 → 11-04..07 =1-4, 11-10..12 =5-7.
    (D(2025, 11, 3), D(2025, 11, 12)),
])
def test_correction_notice_deadline_is_7_working_days(received_on, due_on):
    deadline = clock.correction_notice_deadline(received_on, calendar=CAL)
    assert deadline.date == due_on
    assert not deadline.provisional


def test_correction_period_deadline_default_and_given_days():
    # Default 15 working days from Mon 2025-11-10: 11-11..14, 11-17..21, 11-24..28, 12-01.
    assert clock.correction_period_deadline(D(2025, 11, 10), calendar=CAL).date == D(2025, 12, 1)
    assert clock.correction_period_deadline(D(2025, 11, 10), 5, calendar=CAL).date == D(
        2025, 11, 17)


# -- a correction restarts the clock (Art.30) -----------------------------------------------


def test_correction_restarts_the_20_days_from_the_corrected_request():
    received_on, corrected_on = D(2025, 9, 1), D(2025, 9, 26)
    original = clock.reply_deadline(received_on, calendar=CAL).date
    restarted = clock.reply_deadline(corrected_on, calendar=CAL).date
    # 2025-09-01 + 20 working days (09-02..05, 08..12, 15..19, 22..26 → 09-26 is day 19,
    # 09-28 Sun =20) = 2025-09-28; after the correction it is the 2025-09-26 deadline.
    assert original == D(2025, 9, 28)
    assert restarted == D(2025, 10, 30)


def test_consultation_before_a_restart_does_not_stop_the_new_clock():
    # The consultation ran 09-02..09-10, before the corrected request restarted the clock on
    # 09-26: the restarted 20 days are not extended.
    spans = [ConsultationSpan(D(2025, 9, 2), D(2025, 9, 23), D(2025, 9, 10))]
    assert clock.paused_working_days(D(2025, 9, 26), spans, CAL) == 0
    assert clock.reply_deadline(D(2025, 9, 26), consultations=spans, calendar=CAL).date == D(
        2025, 10, 30)


# -- consultations stop the clock (Art.32, 33 ¶3) -------------------------------------------

# Received Mon 2025-11-03: due 2025-12-01 (11-04..07 =1-4, then three full weeks =5-19,
# 12-01 =20). Further working days: 12-02..05 =21-24, 12-08..12 =25-29, 12-15..19 =30-34,
# 12-22..26 =35-39, 12-29..31 =40-42, 2026-01-01..03 off, 01-04 Sun (调休) =43, 01-05 =44.
NOV3 = D(2025, 11, 3)


def test_consultation_deadline_is_15_working_days():
    # From Mon 11-10: 11-11..14 =1-4, 11-17..21 =5-9, 11-24..28 =10-14, 12-01 =15.
    assert clock.consultation_deadline(D(2025, 11, 10), calendar=CAL).date == D(2025, 12, 1)
    # Over the 2025 National Day holiday, from Fri 09-26: 09-28 =1, 09-29..30 =2-3,
    # 10-09..10 =4-5, 10-11 =6, 10-13..17 =7-11, 10-20..23 =12-15.
    assert clock.consultation_deadline(D(2025, 9, 26), calendar=CAL).date == D(2025, 10, 23)


def test_no_consultation_no_pause():
    assert clock.reply_deadline(NOV3, calendar=CAL).date == D(2025, 12, 1)
    assert clock.paused_working_days(NOV3, [], CAL) == 0


def test_ended_consultation_stops_the_clock_for_the_working_days_it_ran():
    # Letter sent Mon 11-10, answer Fri 11-14: 11-11..14 = 4 working days not counted.
    spans = [ConsultationSpan(D(2025, 11, 10), D(2025, 12, 1), D(2025, 11, 14))]
    assert clock.paused_working_days(NOV3, spans, CAL) == 4
    assert clock.reply_deadline(NOV3, consultations=spans, calendar=CAL).date == D(2025, 12, 5)


def test_open_consultation_counts_to_its_own_due_date_then_shrinks_when_it_ends():
    due = clock.consultation_deadline(D(2025, 11, 10), calendar=CAL).date
    assert due == D(2025, 12, 1)
    open_span = [ConsultationSpan(D(2025, 11, 10), due)]
    # Open: the whole 15 working days are not counted → 35 working days → 2025-12-22.
    assert clock.paused_working_days(NOV3, open_span, CAL) == 15
    assert clock.reply_deadline(NOV3, consultations=open_span, calendar=CAL).date == D(
        2025, 12, 22)
    # It ended on 11-14: only 4 days → 2025-12-05.
    ended = [ConsultationSpan(D(2025, 11, 10), due, D(2025, 11, 14))]
    assert clock.reply_deadline(NOV3, consultations=ended, calendar=CAL).date == D(2025, 12, 5)


def test_consultation_ended_the_day_it_started_stops_nothing():
    spans = [ConsultationSpan(D(2025, 11, 10), D(2025, 12, 1), D(2025, 11, 10))]
    assert clock.reply_deadline(NOV3, consultations=spans, calendar=CAL).date == D(2025, 12, 1)


def test_consultation_over_a_weekend_counts_working_days_only():
    # Letter Thu 11-13, answer Tue 11-18: 11-14, 11-17, 11-18 = 3 working days.
    spans = [ConsultationSpan(D(2025, 11, 13), D(2025, 12, 4), D(2025, 11, 18))]
    assert clock.paused_working_days(NOV3, spans, CAL) == 3
    # 23 working days → 12-04.
    assert clock.reply_deadline(NOV3, consultations=spans, calendar=CAL).date == D(2025, 12, 4)


def test_several_consecutive_consultations_add_up():
    spans = [
        ConsultationSpan(D(2025, 11, 10), D(2025, 12, 1), D(2025, 11, 14)),  # 11-11..14: 4
        ConsultationSpan(D(2025, 11, 17), D(2025, 12, 8), D(2025, 11, 19)),  # 11-18..19: 2
    ]
    assert clock.paused_working_days(NOV3, spans, CAL) == 6
    # 26 working days → 12-09.
    assert clock.reply_deadline(NOV3, consultations=spans, calendar=CAL).date == D(2025, 12, 9)


def test_overlapping_consultations_stop_the_clock_once_per_day():
    # Two third parties consulted at the same time: a day on which both run is one day the
    # clock stands still, not two. A: 11-11..14; B: 11-13, 11-14, 11-17..19. Union: 11-11..14,
    # 11-17..19 = 7 working days (the sum 4 + 5 = 9 would double-count 11-13 and 11-14).
    spans = [
        ConsultationSpan(D(2025, 11, 10), D(2025, 12, 1), D(2025, 11, 14)),
        ConsultationSpan(D(2025, 11, 12), D(2025, 12, 3), D(2025, 11, 19)),
    ]
    assert clock.paused_working_days(NOV3, spans, CAL) == 7
    # 27 working days → 12-10.
    assert clock.reply_deadline(NOV3, consultations=spans, calendar=CAL).date == D(2025, 12, 10)


def test_a_consultation_inside_another_adds_nothing():
    spans = [
        ConsultationSpan(D(2025, 11, 10), D(2025, 12, 1), D(2025, 11, 21)),  # 11-11..14, 17..21
        ConsultationSpan(D(2025, 11, 12), D(2025, 12, 3), D(2025, 11, 14)),  # inside
    ]
    assert clock.paused_working_days(NOV3, spans, CAL) == 9


# -- extensions (Art.33 ¶2) ------------------------------------------------------------------


def test_extension_adds_its_working_days():
    assert clock.reply_deadline(NOV3, extension_days=10, calendar=CAL).date == D(2025, 12, 15)
    assert clock.reply_deadline(NOV3, extension_days=20, calendar=CAL).date == D(2025, 12, 29)


def test_extension_and_consultation_together_cross_the_new_year():
    # 20 + 20 (extension) + 4 (consultation) = 44 working days → 2026-01-05, over the 2026
    # new-year holiday (01-01..03 off) and its makeup Sunday 01-04 (day 43).
    spans = [ConsultationSpan(D(2025, 11, 10), D(2025, 12, 1), D(2025, 11, 14))]
    deadline = clock.reply_deadline(NOV3, extension_days=20, consultations=spans, calendar=CAL)
    assert deadline == (D(2026, 1, 5), False)


# -- years the national data does not cover -------------------------------------------------


def test_deadline_inside_2026_is_not_provisional():
    # Nov 2026 has no holiday: Mon 11-02 → 11-30; Tue 12-01 → 12-29.
    assert clock.reply_deadline(D(2026, 11, 2), calendar=CAL) == (D(2026, 11, 30), False)
    assert clock.reply_deadline(D(2026, 12, 1), calendar=CAL) == (D(2026, 12, 29), False)


@pytest.mark.parametrize(("received_on", "due_on"), [
    # 2026-12-16..18 =1-3, 12-21..25 =4-8, 12-28..31 =9-12, then 2027 by the fallback:
    # 01-01 (Fri) is 元旦, a statutory holiday; 01-04..08 =13-17, 01-11..13 =18-20.
    (D(2026, 12, 15), D(2027, 1, 13)),
    # The example: 12-07..11, 14..18, 21..25 =1-15, 12-28..31 =16-19; 2027-01-01 is
    # 元旦 (it used to be counted as the 20th working day); Mon 01-04 =20.
    (D(2026, 12, 4), D(2027, 1, 4)),
    # Entirely in 2027, a March without holidays: four Monday-to-Friday weeks.
    (D(2027, 3, 1), D(2027, 3, 29)),
    # 2028-01-01 is a Saturday (its 补假 is unknown); 01-03..07 =1-5, 10..14 =6-10,
    # 17..21 =11-15, 24 =16; 01-25 (除夕) to 01-28 (初三) are 春节; 01-31, 02-01..03 =17-20.
    (D(2027, 12, 31), D(2028, 2, 3)),
])
def test_provisional_deadline_for_years_not_covered(received_on, due_on):
    deadline = clock.reply_deadline(received_on, calendar=CAL)
    assert deadline == (due_on, True)


def test_uncovered_years_never_raise():
    start = D(2027, 1, 1)
    assert clock.correction_notice_deadline(start, calendar=CAL) == (D(2027, 1, 12), True)
    assert clock.consultation_deadline(start, calendar=CAL) == (D(2027, 1, 22), True)
    assert clock.correction_period_deadline(start, calendar=CAL).provisional
    spans = [ConsultationSpan(D(2027, 1, 4), D(2027, 1, 25), None)]
    assert clock.reply_deadline(start, extension_days=20, consultations=spans,
                                calendar=CAL).provisional
    assert clock.working_days_left(D(2027, 1, 4), D(2027, 1, 8), calendar=CAL) == 4
    assert clock.working_days_left(D(2031, 1, 6), D(2031, 1, 3), calendar=CAL) == -1


def test_override_for_an_uncovered_year_is_used():
    # The site enters 2027-01-01 as a day off before chinesecalendar knows 2027.
    calendar = WorkdayCalendar({D(2027, 1, 1): False})
    deadline = clock.reply_deadline(D(2026, 12, 4), calendar=calendar)
    assert deadline.date == D(2027, 1, 4)
    assert deadline.provisional  # 01-02 and 01-03 still come from the fallback


# -- working days left -----------------------------------------------------------------------


@pytest.mark.parametrize(("today", "left"), [
    (D(2025, 9, 26), 20),   # the day of receipt
    (D(2025, 9, 29), 18),   # 09-30, 10-09.. : 09-28 already gone
    (D(2025, 10, 3), 17),   # during the holiday: 10-09 .. 10-30
    (D(2025, 10, 27), 3),   # 10-28, 10-29, 10-30
    (D(2025, 10, 29), 1),
    (D(2025, 10, 30), 0),   # due today: not overdue yet
    (D(2025, 10, 31), -1),  # Friday after the deadline
    (D(2025, 11, 1), -1),   # Saturday: overdue although no working day has passed since
    (D(2025, 11, 2), -1),   # Sunday
    (D(2025, 11, 3), -2),   # 10-31 and 11-03
    (D(2025, 11, 10), -7),
])
def test_working_days_left(today, left):
    assert clock.working_days_left(today, D(2025, 10, 30), calendar=CAL) == left


def test_working_days_left_is_negative_whenever_the_deadline_has_passed():
    # Due Tue 2025-09-30; 10-01..08 are days off: overdue all through the holiday.
    for day in range(1, 9):
        assert clock.working_days_left(D(2025, 10, day), D(2025, 9, 30), calendar=CAL) < 0
    assert clock.working_days_left(D(2025, 10, 9), D(2025, 9, 30), calendar=CAL) == -1
