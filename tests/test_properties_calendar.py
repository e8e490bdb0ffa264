"""Property tests of the working-day calendar (wagtail_disclosure/workdays.py).

``add_working_days`` and ``working_days_between`` are inverse, both are monotone, and they never
raise for a date a :class:`datetime.date` can hold: national years (``chinesecalendar``), years
of imported notices, the provisional fallback, with random overrides. Outside that, the
documented errors: ``TypeError`` for a datetime or a non-int count, ``ValueError`` for a
negative count or a deadline past ``datetime.date.max``.
"""

import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests import hypothesis_profiles  # noqa: F401  (loads the profile)
from wagtail_disclosure.workdays import WorkdayCalendar

MIN, MAX = datetime.date.min, datetime.date.max
ONE_DAY = datetime.timedelta(days=1)

#: Dates of every kind of year, the ends of the range included.
any_dates = st.one_of(st.dates(), st.dates(datetime.date(2000, 1, 1), datetime.date(2035, 12, 31)),
                      st.dates(datetime.date(9999, 10, 1), MAX),
                      st.dates(MIN, datetime.date(1, 3, 1)))
#: Periods as the law counts them (a few days to a year of working days).
counts = st.integers(0, 300)


@st.composite
def calendars(draw):
    """A calendar with random overrides and covered years (as imported notices give)."""
    days = draw(st.dictionaries(st.dates(datetime.date(2020, 1, 1), datetime.date(2040, 12, 31)),
                                st.booleans(), max_size=30))
    years = draw(st.sets(st.integers(2027, 2040), max_size=3))
    return WorkdayCalendar(days, years)


def _room(start, n):
    """Whether ``n`` working days after ``start`` stay before date.max (a working week holds at
    least one working day unless overridden: 7n + a margin of days is enough here)."""
    return (MAX - start).days > 7 * n + 400


@example(datetime.date(2025, 9, 26), 20)  # the module docstring's example: 2025-10-30
@given(any_dates, counts)
def test_working_days_between_inverts_add_working_days(start, n):
    calendar = WorkdayCalendar()
    if not _room(start, n):
        return
    end = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, end) == n
    assert end >= start
    if n:
        # The deadline is itself a working day, and the day before it is one too few.
        assert calendar.is_working_day(end)
        assert calendar.working_days_between(start, end - ONE_DAY) == n - 1


@given(calendars(), st.dates(datetime.date(2019, 1, 1), datetime.date(2041, 1, 1)), counts)
def test_the_inverse_holds_with_overrides_and_imported_years(calendar, start, n):
    end = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, end) == n
    assert calendar.deadline(start, n).date == end


@given(any_dates, counts, counts)
def test_add_working_days_is_monotone_in_the_count(start, n, m):
    calendar = WorkdayCalendar()
    low, high = sorted((n, m))
    if not _room(start, high):
        return
    assert calendar.add_working_days(start, low) <= calendar.add_working_days(start, high)
    if low < high:
        assert calendar.add_working_days(start, low) < calendar.add_working_days(start, high)


@given(any_dates, any_dates, any_dates)
def test_working_days_between_is_monotone_and_additive(a, b, c):
    calendar = WorkdayCalendar()
    a, b, c = sorted((a, b, c))
    if (c - a).days > 20_000:  # keep each example fast; the month cache covers long spans
        return
    ab, bc, ac = (calendar.working_days_between(a, b), calendar.working_days_between(b, c),
                  calendar.working_days_between(a, c))
    assert ab + bc == ac
    assert 0 <= ab <= (b - a).days
    assert calendar.working_days_between(b, a) == 0 or a == b


@example(MAX)
@example(MIN)
@given(any_dates)
def test_no_date_makes_the_calendar_raise(day):
    calendar = WorkdayCalendar()
    assert isinstance(calendar.is_working_day(day), bool)
    assert isinstance(calendar.is_covered(day), bool)
    assert calendar.working_days_between(day, day) == 0
    assert calendar.add_working_days(day, 0) == day


@example(datetime.date(9999, 12, 20), 10)
@example(MAX, 1)
@given(st.dates(datetime.date(9999, 1, 1), MAX), st.integers(1, 400))
def test_a_deadline_past_the_last_date_is_a_value_error(start, n):
    calendar = WorkdayCalendar()
    available = calendar.working_days_between(start, MAX)
    if n <= available:
        assert calendar.add_working_days(start, n) <= MAX
    else:
        with pytest.raises(ValueError):
            calendar.add_working_days(start, n)


@example(datetime.date(9999, 11, 30), MAX)
@given(st.dates(datetime.date(9998, 1, 1), MAX), st.dates(datetime.date(9998, 1, 1), MAX))
def test_working_days_between_reaches_the_last_date(start, end):
    count = WorkdayCalendar().working_days_between(start, end)
    assert count >= 0
    assert count == 0 or end > start


@given(st.one_of(st.datetimes(), st.integers(), st.text(max_size=3), st.none()))
def test_a_start_that_is_not_a_date_is_a_type_error(value):
    calendar = WorkdayCalendar()
    with pytest.raises(TypeError):
        calendar.add_working_days(value, 1)
    with pytest.raises(TypeError):
        calendar.working_days_between(value, datetime.date(2025, 1, 1))


@given(st.one_of(st.integers(max_value=-1), st.floats(), st.booleans(), st.text(max_size=2)))
def test_a_bad_count_is_a_value_or_type_error(n):
    calendar = WorkdayCalendar()
    expected = ValueError if isinstance(n, int) and not isinstance(n, bool) else TypeError
    with pytest.raises(expected):
        calendar.add_working_days(datetime.date(2025, 1, 1), n)
