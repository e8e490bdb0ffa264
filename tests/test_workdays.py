"""Working days: chinesecalendar's national data, overrides, imported years and the fallback.

Every expected date below was worked out by hand from the holiday table of chinesecalendar
1.11.0 (chinese_calendar/constants.py: ``holidays`` are days off, ``workdays`` are the 调休上班
weekend days); the reasoning is in the comment next to it. "(k)" marks the k-th working day
counted; the start day is never counted.
"""

import datetime

import chinese_calendar
import pytest

from wagtail_disclosure import workdays
from wagtail_disclosure.workdays import Deadline, WorkdayCalendar


def D(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def cal():
    return WorkdayCalendar()


# -- the national calendar --------------------------------------------------------------------


def test_national_day_2025_example_from_the_brief(cal):
    # Received Friday 2025-09-26. 09-27 Sat off; 09-28 Sun is 调休上班 (1); 09-29 Mon (2);
    # 09-30 Tue (3); 10-01..10-08 国庆节+中秋 off; 10-09 Thu (4); 10-10 Fri (5);
    # 10-11 Sat 调休上班 (6); 10-12 Sun off; 10-13..17 (7-11); 10-20..24 (12-16);
    # 10-27, 28, 29, 30 (17-20).
    assert cal.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")
    assert cal.deadline(D("2025-09-26"), 20) == Deadline(D("2025-10-30"), False)
    assert cal.working_days_between(D("2025-09-26"), D("2025-10-30")) == 20
    # Plain Monday-Friday arithmetic would have said 2025-10-24; the holiday table matters.
    assert cal.add_working_days(D("2025-09-26"), 20) != D("2025-10-24")


def test_national_day_2024(cal):
    # Received Friday 2024-09-27. 09-28 Sat off; 09-29 Sun 调休上班 (1); 09-30 Mon (2);
    # 10-01..07 off; 10-08..11 Tue-Fri (3-6); 10-12 Sat 调休上班 (7); 10-13 Sun off;
    # 10-14..18 (8-12); 10-21..25 (13-17); 10-28, 29, 30 (18-20).
    assert cal.add_working_days(D("2024-09-27"), 20) == D("2024-10-30")


def test_spring_festival_2025(cal):
    # Received Friday 2025-01-24. 01-25 Sat off; 01-26 Sun 调休上班 (1); 01-27 Mon (2);
    # 01-28..02-04 春节 off; 02-05..07 Wed-Fri (3-5); 02-08 Sat 调休上班 (6); 02-09 Sun off;
    # 02-10..14 (7-11); 02-17..21 (12-16); 02-24, 25, 26, 27 (17-20).
    assert cal.add_working_days(D("2025-01-24"), 20) == D("2025-02-27")
    assert [cal.is_working_day(D(f"2025-01-2{day}")) for day in range(5, 10)] == [
        False, True, True, False, False]  # 25 Sat, 26 Sun (调休), 27 Mon, 28 Tue, 29 Wed


def test_spring_festival_2026_deadline_on_a_makeup_saturday(cal):
    # Received Thursday 2026-02-12, 7 working days (补正 notice). 02-13 Fri (1);
    # 02-14 Sat 调休上班 (2); 02-15 Sun..02-23 Mon 春节 off; 02-24..27 Tue-Fri (3-6);
    # 02-28 Sat 调休上班 (7).
    assert cal.add_working_days(D("2026-02-12"), 7) == D("2026-02-28")
    # ... and on to 20: 03-01 Sun off; 03-02..06 (8-12); 03-09..13 (13-17); 03-16, 17, 18.
    assert cal.add_working_days(D("2026-02-12"), 20) == D("2026-03-18")


def test_new_year(cal):
    # 2026: 01-01..03 (Thu-Sat) off, 01-04 Sun 调休上班. From Wednesday 2025-12-31 the first
    # working day is that Sunday, the second Monday 01-05.
    assert cal.add_working_days(D("2025-12-31"), 1) == D("2026-01-04")
    assert cal.add_working_days(D("2025-12-31"), 2) == D("2026-01-05")
    # 2025: only 01-01 (Wed) off; from Tuesday 2024-12-31 the next working day is Thursday.
    assert cal.add_working_days(D("2024-12-31"), 1) == D("2025-01-02")
    # 2024: 2023-12-30/31 (weekend) and 2024-01-01 Mon off; from Friday 2023-12-29: Tuesday.
    assert cal.add_working_days(D("2023-12-29"), 1) == D("2024-01-02")


def test_labour_day_2025(cal):
    # Received Friday 2025-04-25. 04-26 Sat off; 04-27 Sun 调休上班 (1); 04-28..30 (2-4);
    # 05-01..05 off; 05-06 Tue (5).
    assert cal.add_working_days(D("2025-04-25"), 5) == D("2025-05-06")


@pytest.mark.parametrize("day, working", [
    ("2025-10-11", True),   # Saturday, 调休上班 for 国庆节
    ("2025-09-28", True),   # Sunday, 调休上班
    ("2024-10-12", True),   # Saturday, 调休上班
    ("2024-05-11", True),   # Saturday, 调休上班 for 劳动节
    ("2026-01-04", True),   # Sunday, 调休上班 for 元旦
    ("2025-10-12", False),  # an ordinary Sunday
    ("2025-10-18", False),  # an ordinary Saturday
    ("2025-10-01", False),  # 国庆节
    ("2025-10-06", False),  # 中秋 (Monday)
    ("2025-10-08", False),  # 调休 day off (Wednesday)
    ("2026-02-23", False),  # 春节 调休 (Monday)
    ("2025-10-09", True),   # an ordinary Thursday
])
def test_is_working_day(cal, day, working):
    assert cal.is_working_day(D(day)) is working
    assert cal.is_covered(D(day))


def test_weekends_are_skipped(cal):
    # March 2025 has no holidays. From Monday 03-03: 03-04..07 (1-4), 03-08/09 weekend, 03-10 (5).
    assert cal.add_working_days(D("2025-03-03"), 5) == D("2025-03-10")
    # From Friday 03-07 the next working day is Monday 03-10.
    assert cal.add_working_days(D("2025-03-07"), 1) == D("2025-03-10")
    assert cal.working_days_between(D("2025-03-07"), D("2025-03-09")) == 0


def test_the_start_day_is_not_counted(cal):
    # Monday 2025-03-03 is a working day but is not counted: one working day later is Tuesday.
    assert cal.add_working_days(D("2025-03-03"), 1) == D("2025-03-04")
    assert cal.working_days_between(D("2025-03-03"), D("2025-03-03")) == 0
    assert cal.working_days_between(D("2025-03-02"), D("2025-03-03")) == 1
    # Starting on a holiday: 10-01 is received; 10-02..08 off; 10-09 is the first working day.
    assert cal.add_working_days(D("2025-10-01"), 1) == D("2025-10-09")


def test_zero_days_is_the_start_even_on_a_holiday(cal):
    assert cal.add_working_days(D("2025-10-01"), 0) == D("2025-10-01")
    assert cal.deadline(D("2025-10-01"), 0) == Deadline(D("2025-10-01"), False)


def test_negative_or_non_int_counts_are_rejected(cal):
    with pytest.raises(ValueError):
        cal.add_working_days(D("2025-03-03"), -1)
    with pytest.raises(ValueError):
        cal.deadline(D("2025-03-03"), -20)
    for bad in (1.0, "3", True, None):
        with pytest.raises(TypeError):
            cal.add_working_days(D("2025-03-03"), bad)


def test_datetimes_and_other_types_are_rejected(cal):
    moment = datetime.datetime(2025, 9, 26, 10, 30)
    with pytest.raises(TypeError, match="localdate"):
        cal.add_working_days(moment, 20)
    with pytest.raises(TypeError):
        cal.deadline(moment, 20)
    with pytest.raises(TypeError):
        cal.is_working_day(moment)
    with pytest.raises(TypeError):
        cal.is_covered(moment)
    with pytest.raises(TypeError):
        cal.working_days_between(D("2025-09-26"), moment)
    with pytest.raises(TypeError):
        cal.is_working_day("2025-09-26")


def test_working_days_between_is_zero_when_end_is_not_after_start(cal):
    assert cal.working_days_between(D("2025-10-30"), D("2025-09-26")) == 0
    assert cal.working_days_between(D("2025-10-30"), D("2025-10-30")) == 0


def _starts():
    # Every third day from 2024-01-01 to mid-October 2026 (~330 dates): every weekday, weekends,
    # holidays and 调休 days occur; with n <= 40 every deadline stays inside 2026.
    day = D("2024-01-01")
    while day <= D("2026-10-15"):
        yield day
        day += datetime.timedelta(days=3)


def test_working_days_between_inverts_add_working_days(cal):
    checked = 0
    for start in _starts():
        for n in (0, 1, 2, 5, 7, 15, 20, 40):
            end = cal.add_working_days(start, n)
            assert cal.working_days_between(start, end) == n, (start, n)
            if n:
                # end is the first day that reaches n: a working day, one more than the day before
                assert cal.is_working_day(end), (start, n)
                assert cal.working_days_between(start, end - datetime.timedelta(days=1)) == n - 1
            checked += 1
    assert checked > 2000


def test_agrees_with_chinesecalendar_own_functions(cal):
    # An independent count with chinesecalendar's own helpers. find_workday(n, d) counts from
    # the first working day on or after d, so it matches when the start is a working day.
    for start in _starts():
        end = start + datetime.timedelta(days=45)
        assert cal.working_days_between(start, end) == len(
            chinese_calendar.get_workdays(start + datetime.timedelta(days=1), end))
        if chinese_calendar.is_workday(start):
            assert cal.add_working_days(start, 20) == chinese_calendar.find_workday(20, start)


# -- overrides ----------------------------------------------------------------------------------


def test_a_local_holiday_on_a_weekday_moves_the_deadline_one_day():
    # Monday 2025-10-20 is inside the 20 working days after 2025-09-26 (it is day 12).
    cal = WorkdayCalendar({D("2025-10-20"): False})
    assert not cal.is_working_day(D("2025-10-20"))
    assert cal.is_covered(D("2025-10-20"))
    assert cal.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")
    assert cal.working_days_between(D("2025-09-26"), D("2025-10-31")) == 20


def test_an_override_can_make_a_saturday_a_working_day():
    cal = WorkdayCalendar({D("2025-10-18"): True})
    assert cal.is_working_day(D("2025-10-18"))
    # One more working day inside the period: the deadline comes a day earlier.
    assert cal.add_working_days(D("2025-09-26"), 20) == D("2025-10-29")


def test_an_override_can_cancel_a_national_makeup_day():
    cal = WorkdayCalendar({D("2025-09-28"): False})
    assert not cal.is_working_day(D("2025-09-28"))
    assert cal.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")


def test_an_override_of_the_start_day_changes_nothing():
    cal = WorkdayCalendar({D("2025-09-26"): False})
    assert cal.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")


def test_overrides_are_per_instance_even_after_caching():
    plain = WorkdayCalendar()
    assert plain.is_working_day(D("2025-10-20"))
    local = WorkdayCalendar({D("2025-10-20"): False})
    assert not local.is_working_day(D("2025-10-20"))
    assert plain.is_working_day(D("2025-10-20"))
    assert plain.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")
    assert local.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")


def test_the_overrides_mapping_is_copied():
    overrides = {D("2025-10-20"): False}
    cal = WorkdayCalendar(overrides)
    overrides[D("2025-10-21")] = False
    assert cal.is_working_day(D("2025-10-21"))


@pytest.mark.parametrize("overrides", [
    {datetime.datetime(2025, 10, 20): False},
    {"2025-10-20": False},
    {D("2025-10-20"): 0},
    {D("2025-10-20"): "no"},
])
def test_bad_overrides_are_rejected(overrides):
    with pytest.raises(TypeError):
        WorkdayCalendar(overrides)


def test_day_decisions_are_cached(cal, monkeypatch):
    calls = []
    original = chinese_calendar.is_workday

    def counting(day):
        calls.append(day)
        return original(day)

    monkeypatch.setattr(workdays.chinese_calendar, "is_workday", counting)
    end = cal.add_working_days(D("2025-01-02"), 250)  # about a year
    first = len(calls)
    assert cal.working_days_between(D("2025-01-02"), end) == 250
    # each calendar day was decided once, not once per use
    assert first == len(set(calls)) == (end - D("2025-01-02")).days
    for _ in range(20):
        cal.add_working_days(D("2025-01-02"), 250)
        cal.working_days_between(D("2025-09-26"), D("2025-10-30"))
    assert len(calls) == first


# -- the provisional fallback (years chinesecalendar does not cover) -------------------------


def test_an_uncovered_year_falls_back_to_weekdays_minus_statutory_holidays(cal):
    # 2027 is not in chinesecalendar 1.11.0; its own functions raise for it.
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D("2027-03-01"))
    assert not cal.is_covered(D("2027-03-01"))
    assert not cal.is_working_day(D("2027-01-01"))  # a Friday, 元旦 (办法 Art.2)
    assert not cal.is_covered(D("2027-01-01"))
    assert not cal.is_working_day(D("2027-01-02"))  # Saturday
    assert cal.is_working_day(D("2027-01-04"))  # Monday
    # 春节 2027: 除夕 Fri 02-05, 初一 to 初三 02-06..08 (Sat to Mon); 清明 Mon 04-05; 端午 Wed
    # 06-09; 中秋 Wed 09-15; 国庆 10-01 (Fri).
    for day in ("2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09", "2027-09-15",
                "2027-10-01", "2027-05-01"):
        assert not cal.is_working_day(D(day)), day
    # The fallback knows no 调休 or 补假: Tue 02-09 (likely a 调休 day off) counts as working.
    assert cal.is_working_day(D("2027-02-09"))
    assert not cal.is_covered(D("2003-06-02"))
    assert cal.is_working_day(D("2003-06-02"))  # a Monday before the data starts
    # From Monday 2027-03-01, 20 weekdays are four weeks: Monday 2027-03-29.
    assert cal.deadline(D("2027-03-01"), 20) == Deadline(D("2027-03-29"), True)
    assert cal.add_working_days(D("2027-03-01"), 20) == D("2027-03-29")
    assert cal.working_days_between(D("2027-03-01"), D("2027-03-29")) == 20


def test_a_deadline_within_covered_years_is_not_provisional(cal):
    assert cal.deadline(D("2025-09-26"), 20).provisional is False
    # Wednesday 2026-12-30: the next working day is Thursday 2026-12-31, still covered.
    assert cal.deadline(D("2026-12-30"), 1) == Deadline(D("2026-12-31"), False)
    assert cal.deadline(D("2026-12-31"), 0) == Deadline(D("2026-12-31"), False)


def test_a_deadline_crossing_into_2027_is_provisional(cal):
    # Monday 2026-12-21: 12-22..25 (1-4); 12-28..31 (5-8); 2027-01-01 Fri is 元旦 (the
    # fallback knows the statutory holidays); 01-04..08 (9-13); 01-11..15 (14-18); 01-18, 19.
    assert cal.deadline(D("2026-12-21"), 20) == Deadline(D("2027-01-19"), True)
    # The issue: received Friday 2026-12-04, the deadline was 2027-01-01 (元旦). 12-07..11,
    # 14..18, 21..25 (1-15); 12-28..31 (16-19); 01-01 off; Monday 01-04 (20).
    assert cal.deadline(D("2026-12-04"), 20) == Deadline(D("2027-01-04"), True)
    # From Thursday 2026-12-31: 01-01 off, 01-02/03 weekend; 01-04 Mon (1); 01-05 (2).
    assert cal.deadline(D("2026-12-31"), 2) == Deadline(D("2027-01-05"), True)


def test_a_weekend_decided_by_the_fallback_also_makes_it_provisional():
    # Every day counted is an override, but the weekend 2027-01-02/03 skipped between them was
    # guessed by the fallback (an unknown 调休 could make it a working day).
    cal = WorkdayCalendar({D("2027-01-01"): False, D("2027-01-04"): True})
    assert cal.deadline(D("2026-12-31"), 1) == Deadline(D("2027-01-04"), True)


def test_an_override_in_2027_decides_its_day_but_the_rest_stays_provisional():
    cal = WorkdayCalendar({D("2027-03-02"): False})
    assert cal.is_covered(D("2027-03-02"))
    assert not cal.is_working_day(D("2027-03-02"))
    assert not cal.is_covered(D("2027-03-03"))
    assert cal.deadline(D("2027-03-01"), 20) == Deadline(D("2027-03-30"), True)
    # When overrides decide every day counted, the result is not provisional.
    known = WorkdayCalendar({D("2027-03-02"): True, D("2027-03-03"): False, D("2027-03-04"): True})
    assert known.deadline(D("2027-03-01"), 1) == Deadline(D("2027-03-02"), False)
    assert known.deadline(D("2027-03-01"), 2) == Deadline(D("2027-03-04"), False)
    assert known.deadline(D("2027-03-01"), 3) == Deadline(D("2027-03-05"), True)


def test_national_decision_can_be_replaced_by_a_subclass():
    class Known2027(WorkdayCalendar):
        def national_decision(self, d):
            if d == D("2027-01-01"):
                return False
            return super().national_decision(d)

    cal = Known2027()
    assert not cal.is_working_day(D("2027-01-01"))
    assert cal.is_covered(D("2027-01-01"))
    assert cal.add_working_days(D("2026-12-31"), 1) == D("2027-01-04")


# -- the site's calendar (WorkdayOverride rows) -------------------------------------------------


@pytest.fixture
def fresh_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.mark.django_db
def test_module_functions_use_the_national_calendar_without_rows(fresh_cache):
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")
    assert workdays.deadline(D("2025-09-26"), 20) == Deadline(D("2025-10-30"), False)
    assert workdays.working_days_between(D("2025-09-26"), D("2025-10-30")) == 20
    assert workdays.is_working_day(D("2025-10-11"))
    assert workdays.is_covered(D("2025-10-11"))
    assert not workdays.is_covered(D("2027-03-01"))


@pytest.mark.django_db
def test_default_calendar_reads_the_override_rows(fresh_cache):
    from wagtail_disclosure.requests.models import WorkdayOverride

    WorkdayOverride.objects.create(date=D("2025-10-20"), is_working_day=False)
    WorkdayOverride.objects.create(date=D("2027-01-01"), is_working_day=False)
    workdays.clear_cache()
    assert workdays.default_calendar().overrides == {
        D("2025-10-20"): False, D("2027-01-01"): False}
    assert not workdays.is_working_day(D("2025-10-20"))
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")
    assert workdays.is_covered(D("2027-01-01"))
    assert workdays.add_working_days(D("2026-12-31"), 1) == D("2027-01-04")


@pytest.mark.django_db
def test_default_calendar_is_cached_until_clear_cache(fresh_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_disclosure.requests.models import HolidayNotice, WorkdayOverride

    table = WorkdayOverride._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        first = workdays.default_calendar()
    # two SELECTs, the overrides and the imported notices' years (in a savepoint, so that a
    # missing table cannot break the caller's transaction)
    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 2 and table in selects[0]
    assert HolidayNotice._meta.db_table in selects[1]
    with CaptureQueriesContext(connection) as queries:
        assert workdays.default_calendar() is first
        assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")
    assert len(queries) == 0
    # bulk_create sends no post_save signal: the cache is not dropped
    WorkdayOverride.objects.bulk_create([WorkdayOverride(date=D("2025-10-20"),
                                                         is_working_day=False)])
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")
    workdays.clear_cache()
    assert workdays.default_calendar() is not first
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")


@pytest.mark.django_db
def test_the_cache_expires_after_cache_seconds(fresh_cache, monkeypatch):
    # Another server process saved a row: this process's clear_cache() was not called.
    from wagtail_disclosure.requests.models import WorkdayOverride

    clock = [1000.0]
    monkeypatch.setattr(workdays, "_clock", lambda: clock[0])
    first = workdays.default_calendar()
    WorkdayOverride.objects.bulk_create([WorkdayOverride(date=D("2025-10-20"),
                                                         is_working_day=False)])
    clock[0] += workdays.CACHE_SECONDS - 1
    assert workdays.default_calendar() is first
    clock[0] += 1
    assert workdays.default_calendar() is not first
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")
    monkeypatch.setattr(workdays, "CACHE_SECONDS", None)
    clock[0] += 10**9
    assert workdays.default_calendar() is workdays.default_calendar()


@pytest.mark.django_db
def test_another_process_clearing_the_shared_version_is_seen_at_once(fresh_cache):
    """Every process keeps its calendar; clear_cache() anywhere sets a new version in the shared
    cache (Redis in production: tests/test_shared_cache_workers.py runs three gunicorn
    workers), and a process whose calendar is of another version reads the rows again."""
    from django.core.cache import cache

    from wagtail_disclosure.requests.models import WorkdayOverride

    first = workdays.default_calendar()
    version = cache.get(workdays.SHARED_VERSION_KEY)
    assert version is not None  # fresh_cache's clear_cache() published one
    assert workdays.default_calendar() is first
    # Another process saves a row (no signal here) and clears its cache: a new version.
    WorkdayOverride.objects.bulk_create([WorkdayOverride(date=D("2025-10-20"),
                                                         is_working_day=False)])
    cache.set(workdays.SHARED_VERSION_KEY, "from-another-process")
    assert workdays.default_calendar() is not first
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")
    workdays.clear_cache()
    assert cache.get(workdays.SHARED_VERSION_KEY) not in (None, version,
                                                          "from-another-process")


@pytest.mark.django_db
def test_an_unreachable_cache_leaves_cache_seconds_in_charge(fresh_cache, monkeypatch):
    from django.core import cache as cache_module

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("the cache server is down")

        set = get

    first = workdays.default_calendar()
    monkeypatch.setattr(cache_module, "cache", Down())
    assert workdays.default_calendar() is first
    workdays.clear_cache()  # logged, not raised
    assert workdays.default_calendar() is not first


@pytest.mark.django_db
def test_saving_or_deleting_a_row_drops_the_cache(fresh_cache):
    # Relies on clear_cache() being connected to WorkdayOverride's post_save/post_delete.
    from wagtail_disclosure.requests.models import WorkdayOverride

    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")
    row = WorkdayOverride.objects.create(date=D("2025-10-20"), is_working_day=False)
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")
    row.delete()
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")


@pytest.mark.django_db
def test_a_missing_table_means_no_overrides_and_no_cache(fresh_cache, monkeypatch):
    from django.db.utils import OperationalError

    from wagtail_disclosure.requests.models import WorkdayOverride

    attempts = []

    def missing_table(*args, **kwargs):
        attempts.append(args)
        raise OperationalError("no such table: wagtail_disclosure_workdayoverride")

    monkeypatch.setattr(WorkdayOverride.objects, "values_list", missing_table)
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-30")
    assert workdays.default_calendar().overrides == {}
    assert len(attempts) == 2  # not cached: every use tries again
    monkeypatch.undo()
    WorkdayOverride.objects.bulk_create([WorkdayOverride(date=D("2025-10-20"),
                                                         is_working_day=False)])
    assert workdays.add_working_days(D("2025-09-26"), 20) == D("2025-10-31")


def test_working_days_between_long_spans_match_counting_day_by_day():
    """Whole months are counted from a cache: the result is the same as counting each day,
    across month and year ends, overrides and the uncovered years' fallback."""
    import random

    calendar = WorkdayCalendar({datetime.date(2025, 3, 3): False,
                                datetime.date(2025, 3, 8): True,
                                datetime.date(2027, 2, 1): False})

    def day_by_day(start, end):
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += calendar.is_working_day(day)
        return count

    rng = random.Random(20251126)
    for _ in range(400):
        start = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randrange(2600))
        end = start + datetime.timedelta(days=rng.randrange(-40, 1500))
        assert calendar.working_days_between(start, end) == day_by_day(start, end), (start, end)
