"""The statutory holidays (wagtail_disclosure.holidays) and the calendar's years after the
national data: imported years, the fallback, coverage. Pure: no database.

全国年节及纪念日放假办法 Art.2 (2024 revision): 元旦 1.1; 春节 除夕 and 正月初一 to 初三; 清明; 劳动节
5.1–5.2; 端午 (五月初五); 中秋 (八月十五); 国庆 10.1–10.3.
"""

import datetime

import chinese_calendar
import pytest

from wagtail_disclosure import workdays
from wagtail_disclosure.holidays import (
    FESTIVALS,
    LUNAR_YEARS,
    festival_days,
    statutory_holidays,
)
from wagtail_disclosure.workdays import Deadline, WorkdayCalendar

D = datetime.date


def test_2027_statutory_holidays():
    # 2027: 春节 (正月初一) is Saturday 02-06, so 除夕 is Friday 02-05; 清明 04-05; 端午 06-09;
    # 中秋 09-15 (lunar dates as published in any almanac).
    assert dict(statutory_holidays(2027)) == {
        D(2027, 1, 1): "元旦",
        D(2027, 2, 5): "春节", D(2027, 2, 6): "春节", D(2027, 2, 7): "春节", D(2027, 2, 8): "春节",
        D(2027, 4, 5): "清明节",
        D(2027, 5, 1): "劳动节", D(2027, 5, 2): "劳动节",
        D(2027, 6, 9): "端午节",
        D(2027, 9, 15): "中秋节",
        D(2027, 10, 1): "国庆节", D(2027, 10, 2): "国庆节", D(2027, 10, 3): "国庆节",
    }
    assert [name for name, _days in festival_days(2027)] == list(FESTIVALS)


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_holidays_are_days_off_in_chinese_calendar(year):
    days = statutory_holidays(year)
    assert len(days) == 13
    assert all(not chinese_calendar.is_workday(day) for day in days)
    # ... and chinesecalendar names each after the same festival.
    english = {"元旦": "New Year's Day", "春节": "Spring Festival", "清明节": "Tomb-sweeping Day",
               "劳动节": "Labour Day", "端午节": "Dragon Boat Festival",
               "中秋节": "Mid-autumn Festival", "国庆节": "National Day"}
    for day, name in days.items():
        assert chinese_calendar.get_holiday_detail(day) == (True, english[name]), day


def test_mid_autumn_within_national_day_counts_once():
    # 2028: 中秋 is 10-03, inside 国庆; 12 distinct days, the festival list still has 7 entries.
    assert len(festival_days(2028)) == 7
    assert len(statutory_holidays(2028)) == 12
    assert statutory_holidays(2028)[D(2028, 10, 3)] == "国庆节"


def test_chuxi_is_the_29th_or_the_30th_of_the_last_month():
    # 2025: 除夕 is 腊月二十九 (01-28); 2026: 腊月二十九 too (02-16); 2024 had a 腊月三十 (02-09).
    assert festival_days(2025)[1][1][0] == D(2025, 1, 28)
    assert festival_days(2026)[1][1][0] == D(2026, 2, 16)
    assert festival_days(2024)[1][1][0] == D(2024, 2, 9)


def test_every_year_works_and_lunar_festivals_only_in_their_range():
    for year in (1, 1900, *LUNAR_YEARS, 2101, 9999):
        days = statutory_holidays(year)
        assert len(days) >= (12 if year in LUNAR_YEARS else 6)
    assert "春节" not in statutory_holidays(2101).values()
    with pytest.raises(TypeError):
        statutory_holidays("2027")


def test_the_mapping_is_read_only():
    with pytest.raises(TypeError):
        statutory_holidays(2027)[D(2027, 3, 1)] = "x"


# -- the calendar after the national data ---------------------------------------------------


def test_an_imported_year_follows_the_weekday_rule_and_is_not_provisional():
    overrides = {D(2027, 1, 1): False, D(2027, 2, 20): True}
    cal = WorkdayCalendar(overrides, covered_years={2027})
    assert cal.is_covered(D(2027, 3, 3)) and cal.is_working_day(D(2027, 3, 3))
    assert not cal.is_working_day(D(2027, 3, 6))  # a Saturday
    assert cal.is_working_day(D(2027, 2, 20))  # the makeup Saturday
    # The notice's days are the overrides: 02-05 is not one here, and the weekday rule decides.
    assert cal.is_working_day(D(2027, 2, 5))
    assert cal.deadline(D(2026, 12, 31), 2) == Deadline(D(2027, 1, 5), False)
    assert cal.year_is_covered(2027) and not cal.year_is_covered(2028)
    assert "2027" in repr(cal)


def test_the_fallback_is_provisional_and_never_raises():
    cal = WorkdayCalendar()
    assert cal.deadline(D(2027, 1, 29), 20).provisional
    for day in (D(1, 1, 1), D(2003, 12, 31), D(2101, 2, 1), D(9999, 12, 31)):
        cal.is_working_day(day)
        assert not cal.is_covered(day)
    day = D(2027, 1, 1)
    while day.year < 2031:  # every day of four uncovered years
        assert cal.is_working_day(day) == (day.weekday() < 5
                                           and day not in statutory_holidays(day.year))
        day += datetime.timedelta(days=1)


def test_the_fallback_errs_in_both_directions_as_documented():
    """Against the real 2026 schedule (chinesecalendar), a fallback that knew only the statutory
    days computes some deadlines too early (missed 调休 days off: safe) and some too late (missed
    makeup working days: unsafe), each by a day or two."""

    class FallbackOnly(WorkdayCalendar):
        national_years = range(0)

        def national_decision(self, d):
            return None

    real, guess = WorkdayCalendar(), FallbackOnly()
    earlier = later = 0
    day = D(2026, 1, 1)
    while day < D(2026, 11, 1):
        real_due, guessed_due = real.add_working_days(day, 20), guess.add_working_days(day, 20)
        earlier += guessed_due < real_due
        later += guessed_due > real_due
        assert abs(real.working_days_between(real_due, guessed_due)
                   if guessed_due > real_due else
                   real.working_days_between(guessed_due, real_due)) <= 3
        day += datetime.timedelta(days=1)
    assert earlier > 0 and later > 0
    # Received Saturday 2026-09-19, 6 working days. Real: Sunday 09-20 is a makeup day (1),
    # 09-21..24 (2-5), 09-25 中秋, 09-28 (6). The fallback misses the makeup Sunday, and the
    # weekdays off it pays for (10-05..07) come after the deadline: 09-29, one day late.
    assert real.add_working_days(D(2026, 9, 19), 6) == D(2026, 9, 28)
    assert guess.add_working_days(D(2026, 9, 19), 6) == D(2026, 9, 29)


def test_covered_through_and_missing_years():
    cal = WorkdayCalendar(covered_years={2027, 2029})
    assert cal.covered_through(2025) == 2027
    assert cal.covered_through(2028) is None
    assert cal.covered_through(2029) == 2029
    assert workdays.required_years(D(2026, 10, 31)) == [2026]
    assert workdays.required_years(D(2026, 11, 1)) == [2026, 2027]
    assert workdays.missing_years(D(2026, 12, 1), WorkdayCalendar()) == [2027]
    assert workdays.missing_years(D(2026, 12, 1), cal) == []
    assert workdays.missing_years(D(2028, 3, 1), cal) == [2028]
    assert workdays.missing_years(D(2026, 6, 1), WorkdayCalendar()) == []


def test_covered_years_are_checked():
    with pytest.raises(TypeError):
        WorkdayCalendar(covered_years={"2027"})
