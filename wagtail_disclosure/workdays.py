"""Working days (工作日) for statutory time limits: the national calendar plus local overrides.

Time limits under the 政府信息公开条例 are counted in working days: 20 working days to reply
(Art.33), 7 to ask for a correction (Art.30), 15 for a third party's opinion (Art.32). A working
day is decided, in this order, by

1. an **override** of the site (the ``WorkdayOverride`` rows, or the ``overrides`` mapping of a
   :class:`WorkdayCalendar`): ``True`` makes the day a working day, ``False`` a day off. Use it for
   local holidays (e.g. minority-region holidays, 全国年节及纪念日放假办法 Art.4) and for
   corrections to the national data. The days of an imported State Council notice are override
   rows too (see :mod:`wagtail_disclosure.holiday_notice`);
2. the **national calendar** of the ``chinesecalendar`` package, for the years it has data for
   (1.11.0: 2004–2026): weekends are days off, except the makeup working days (调休上班, e.g.
   Sunday 2025-09-28), and the public holidays with their 调休 days are days off (e.g.
   2025-10-01 to 2025-10-08);
3. a year **covered by an imported notice** (``covered_years``; the years of the
   ``HolidayNotice`` rows): its holidays and makeup working days are overrides (step 1), every
   other day follows the weekday rule (Monday to Friday working, Saturday and Sunday off). Not
   provisional: the notice is the real schedule;
4. otherwise the **provisional fallback**: Monday to Friday are working days except the
   statutory holidays of 全国年节及纪念日放假办法 Art.2 (the 13 days of the 2024 revision,
   computed by :mod:`wagtail_disclosure.holidays`), Saturday and Sunday are not. It never raises
   for a date; a result that used it is marked *provisional* (see :class:`Deadline`), because
   the State Council publishes a year's schedule only in the November before it.

**In which direction the fallback errs.** It knows the statutory days but not what only the
yearly notice decides: the 补假 of Art.6 (a statutory holiday on a Saturday or Sunday is made
up on a working day), and the 统一放假调休 of Art.7 (weekdays given off in exchange for makeup
working Saturdays or Sundays, 调休上班). So:

- it misses days off (the 补假 weekdays and the 调休 weekdays off): it counts them as working
  days, and a deadline it computes can come **earlier** than the real one. That is safe: the
  agency replies early;
- it misses makeup working days (a 调休上班 Saturday or Sunday): it does not count them, and a
  deadline it computes can come **later** than the real one, by as many makeup days as the
  period contains (usually one or two per festival). That is unsafe: the agency may think it
  has a day it does not have.

The notice gives at least as many days off as it takes back in makeup days, so over a period
that contains a whole holiday block the errors cancel or leave the deadline early. The unsafe
case is a period that contains a makeup working day but not the weekdays off it pays for: for
example a deadline that falls in the last days before a holiday whose makeup Sunday came
earlier, or that starts after the holiday and runs over the makeup Saturday after it. Hence
the provisional flag, the ``wagtail_disclosure.W101`` system check and the dashboard notice
asking for the year's notice to be imported.

Counting convention: the day the period starts from (e.g. the day a request is received) is
**not counted**; the first day counted is the day after it (民法典 第二百零一条: "开始的当日不计入，
自下一日开始计算"). No OGI-specific text says so; it is the general rule and common practice. So
the deadline of a request received on Friday 2025-09-26 is 20 working days later,
``add_working_days(date(2025, 9, 26), 20) == date(2025, 10, 30)``.

Only :class:`datetime.date` values are accepted; a :class:`datetime.datetime` raises
``TypeError``, so that callers convert an aware datetime to the local date on purpose (e.g. with
``django.utils.timezone.localdate``).

The module-level functions use :func:`default_calendar`, which reads the
``WorkdayOverride`` rows for every site (``default_calendar(site)`` adds that site's own rows,
e.g. a local holiday: docs/how-to/multi-site.md) and the ``HolidayNotice`` years on first use
and caches them in the process, per site, until :func:`clear_cache`. :func:`clear_cache` also
changes a version number kept in Django's default cache (:data:`SHARED_VERSION_KEY`): with a
cache every server process shares (Redis, Memcached), each process sees the new version on its
next use and reads the rows again, so a change is seen by all of them at once. With a
process-local cache, or while the cache cannot be reached, other processes keep their calendar
for at most :data:`CACHE_SECONDS`. A new ``chinesecalendar`` release that adds a year is seen when the server
restarts; the daily run then recomputes the provisional deadlines
(``wagtail_disclosure.requests.calendar.recompute_provisional_deadlines``).
"""

import datetime
import functools
import logging
import threading
import time
from collections.abc import Mapping
from typing import NamedTuple

import chinese_calendar

from .holidays import statutory_holidays

logger = logging.getLogger(__name__)

__all__ = [
    "Deadline",
    "WorkdayCalendar",
    "add_working_days",
    "clear_cache",
    "covered_through",
    "deadline",
    "default_calendar",
    "is_covered",
    "is_working_day",
    "missing_years",
    "required_years",
    "working_days_between",
    "year_is_covered",
]

_ONE_DAY = datetime.timedelta(days=1)

# The years chinesecalendar has data for; it raises NotImplementedError outside them. Computed
# the same way as chinese_calendar.utils._validate_date does.
_NATIONAL_FIRST_YEAR = min(chinese_calendar.holidays).year
_NATIONAL_LAST_YEAR = max(chinese_calendar.holidays).year


def _check_date(value, name="date"):
    if isinstance(value, datetime.datetime):
        raise TypeError(
            f"{name} must be a datetime.date, not a datetime.datetime ({value!r}); convert it "
            f"to the local date first, e.g. with django.utils.timezone.localdate()."
        )
    if not isinstance(value, datetime.date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__} ({value!r}).")
    return value


def _check_count(n):
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"The number of working days must be an int, not {type(n).__name__}.")
    if n < 0:
        raise ValueError(f"The number of working days must not be negative (got {n}).")
    return n


class Deadline(NamedTuple):
    """The result of :meth:`WorkdayCalendar.deadline`."""

    date: datetime.date
    #: True if any day after the start, up to and including ``date``, was decided by the
    #: fallback (a day of a year neither the national data nor an imported notice covers, and
    #: no override decides).
    provisional: bool


class _Decision(NamedTuple):
    working: bool
    fallback: bool


def _first_of_next_month(d):
    return datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1)


class WorkdayCalendar:
    """A working-day calendar: overrides, ``chinesecalendar``, imported years, then a fallback.

    ``overrides`` maps :class:`datetime.date` to ``True`` (a working day) or ``False`` (a day
    off); an override always wins. ``covered_years`` are the years whose schedule is known
    from an imported notice (its days are among the overrides): their other days follow the
    weekday rule and are not provisional. Every other day outside the national data is decided
    by the provisional fallback (Monday to Friday minus the statutory holidays).

    Subclasses may replace :meth:`national_decision` (and :attr:`national_years`) to use
    another source of national data. Pure: no Django needed.

    Day decisions are cached per instance, so build a new calendar when the overrides change
    (the overrides are copied on construction).
    """

    #: Upper bound of the per-instance cache of day decisions (days, about 27 years).
    cache_size = 10_000

    #: The years :meth:`national_decision` knows (``chinesecalendar``'s years).
    national_years = range(_NATIONAL_FIRST_YEAR, _NATIONAL_LAST_YEAR + 1)

    def __init__(self, overrides: Mapping[datetime.date, bool] | None = None,
                 covered_years=()):
        checked = {}
        for day, working in dict(overrides or {}).items():
            _check_date(day, "An override's date")
            if not isinstance(working, bool):
                raise TypeError(
                    f"The override for {day} must be True (working day) or False (day off), "
                    f"not {working!r}."
                )
            checked[day] = working
        self.overrides = checked
        years = frozenset(covered_years or ())
        for year in years:
            if isinstance(year, bool) or not isinstance(year, int):
                raise TypeError(f"A covered year must be an int, not {year!r}.")
        self.covered_years = years
        # Per instance: the answers depend on this instance's overrides.
        self._decide = functools.lru_cache(maxsize=self.cache_size)(self._decide_uncached)
        self._month_working_days = functools.lru_cache(maxsize=self.cache_size // 28)(
            self._month_working_days_uncached)

    def __repr__(self):
        years = ", ".join(str(year) for year in sorted(self.covered_years)) or "none"
        return (f"<{type(self).__name__} with {len(self.overrides)} override(s), "
                f"imported years: {years}>")

    # -- the decision for one day ---------------------------------------------------------------

    def national_decision(self, d: datetime.date) -> bool | None:
        """Whether the national calendar makes ``d`` a working day, or None if it does not know.

        The default uses ``chinesecalendar``: None outside the years it has data for.
        """
        if d.year not in self.national_years:
            return None
        return chinese_calendar.is_workday(d)

    def _decide_uncached(self, d):
        override = self.overrides.get(d)
        if override is not None:
            return _Decision(override, False)
        national = self.national_decision(d)
        if national is not None:
            return _Decision(bool(national), False)
        if d.year in self.covered_years:
            return _Decision(d.weekday() < 5, False)
        # The fallback: the weekday rule minus the statutory holidays (办法 Art.2). It cannot
        # know the 补假 (Art.6) or the 调休 (Art.7): see the module docstring for the direction
        # of its errors.
        return _Decision(d.weekday() < 5 and d not in statutory_holidays(d.year), True)

    # -- public API -----------------------------------------------------------------------------

    def is_covered(self, d: datetime.date) -> bool:
        """Whether ``d`` is decided by real data: an override, the national calendar or an
        imported notice's year.

        False means :meth:`is_working_day` would use the provisional fallback.
        """
        _check_date(d)
        return not self._decide(d).fallback

    def year_is_covered(self, year: int) -> bool:
        """Whether the whole ``year`` is known: national data or an imported notice.

        A year with only some overrides is not covered (its other days use the fallback).
        """
        return year in self.national_years or year in self.covered_years

    def covered_through(self, year: int) -> int | None:
        """The last year ``y`` such that every year from ``year`` to ``y`` is covered, or None
        if ``year`` itself is not."""
        if not self.year_is_covered(year):
            return None
        while year < datetime.MAXYEAR and self.year_is_covered(year + 1):
            year += 1
        return year

    def is_working_day(self, d: datetime.date) -> bool:
        """Whether ``d`` is a working day. Never raises for a date, whatever its year."""
        _check_date(d)
        return self._decide(d).working

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The ``n``-th working day after ``start``; ``start`` itself is not counted.

        ``n == 0`` returns ``start``; a negative ``n`` raises ``ValueError``, and so does a
        result that would fall after ``datetime.date.max``.
        """
        return self.deadline(start, n).date

    def deadline(self, start: datetime.date, n: int) -> Deadline:
        """Like :meth:`add_working_days`, with a flag for a provisional result.

        ``Deadline.provisional`` is True if any day in ``(start, date]`` (a working day or not)
        was decided by the fallback.
        """
        _check_date(start, "start")
        _check_count(n)
        day, counted, provisional = start, 0, False
        decide = self._decide
        while counted < n:
            if day == datetime.date.max:
                raise ValueError(f"{n} working days after {start} fall after "
                                 f"{datetime.date.max}, the last date there is.")
            day += _ONE_DAY
            decision = decide(day)
            provisional = provisional or decision.fallback
            if decision.working:
                counted += 1
        return Deadline(day, provisional)

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """The number of working days ``d`` with ``start < d <= end`` (0 if ``end <= start``).

        The inverse of :meth:`add_working_days`:
        ``working_days_between(s, add_working_days(s, n)) == n``.
        """
        _check_date(start, "start")
        _check_date(end, "end")
        if end <= start:
            return 0
        decide = self._decide
        count, day = 0, start + _ONE_DAY
        # Day by day to the first of a month, then whole months from a cache (a deadline
        # years ago costs a few dozen lookups, not a thousand), then day by day to the end.
        # December of the last year (9999) is counted day by day: no month follows it.
        while day < end and day.day != 1:
            count += decide(day).working
            day += _ONE_DAY
        while day < end and (day.year, day.month) != (datetime.MAXYEAR, 12):
            following = _first_of_next_month(day)
            if following - _ONE_DAY > end:
                break
            count += self._month_working_days(day.year, day.month)
            day = following
        while day < end:
            count += decide(day).working
            day += _ONE_DAY
        if day == end:  # ``end`` itself, counted last so that no day after date.max is made
            count += decide(day).working
        return count

    def _month_working_days_uncached(self, year, month):
        day, count = datetime.date(year, month, 1), 0
        while day.month == month:
            count += self._decide(day).working
            day += _ONE_DAY
        return count


# -- the site's calendar ------------------------------------------------------------------------

#: Seconds the site calendar is kept before the rows are read again, or None for no limit.
#: With a shared cache, :func:`clear_cache` (called when a row is saved or deleted) reaches
#: every process through :data:`SHARED_VERSION_KEY`; this limit bounds how long other server
#: processes keep stale overrides when it cannot (a process-local or unreachable cache).
CACHE_SECONDS = 300

#: The key, in Django's default cache, of the calendar's version: :func:`clear_cache` sets a
#: new one; a process whose calendar was read under another version reads the rows again.
SHARED_VERSION_KEY = "wagtail_disclosure:calendar:version"

_clock = time.monotonic  # replaced in tests
_lock = threading.Lock()
#: The cached calendars by site id (None: the calendar of every site, without local days),
#: each as (calendar, loaded at, shared version); one generation for all, bumped by
#: clear_cache().
_state = {"calendars": {}, "generation": 0}
_UNKNOWN = object()  # the shared version when the cache cannot be read


def _shared_version():
    try:
        from django.core.cache import cache

        return cache.get(SHARED_VERSION_KEY)
    except Exception:  # noqa: BLE001 - no cache (or it is down): CACHE_SECONDS alone
        return _UNKNOWN


def _publish_version():
    import uuid

    try:
        from django.core.cache import cache

        cache.set(SHARED_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - the other processes catch up after CACHE_SECONDS
        logger.warning("The calendar's version could not be written to the cache; other "
                       "processes see the change within %s seconds", CACHE_SECONDS)


def _site_id(site):
    return getattr(site, "pk", site)


def default_calendar(site=None) -> WorkdayCalendar:
    """The site's calendar: the national calendar with the ``WorkdayOverride`` rows, and the
    years of the imported ``HolidayNotice`` rows as covered years.

    ``site`` (a Wagtail ``Site`` or its id) adds that site's own overrides (a province's local
    holidays) to the rows for every site; on a day with both, the site's row decides. Without
    a site: the rows for every site only.

    The rows are read on first use and cached in this module, per site, until
    :func:`clear_cache`, or for at most :data:`CACHE_SECONDS`. If the tables do not exist yet
    (before ``migrate``), the calendar has no overrides and is not cached.
    """
    site_id = _site_id(site)
    # The version is read before the rows: rows read under it are at least as new as it.
    version = _shared_version()
    cached = _state["calendars"].get(site_id)
    if cached is not None and (
        CACHE_SECONDS is None or _clock() - cached[1] < CACHE_SECONDS
    ) and (version is _UNKNOWN or version == cached[2]):
        return cached[0]

    from django.db import router, transaction
    from django.db.models import Q
    from django.db.utils import OperationalError, ProgrammingError

    from wagtail_disclosure.requests.models import HolidayNotice, WorkdayOverride

    generation = _state["generation"]
    rows = Q(site__isnull=True) if site_id is None else Q(site__isnull=True) | Q(site=site_id)
    try:
        # A savepoint, so that a missing table does not break the caller's transaction
        # (PostgreSQL aborts a transaction after an error).
        with transaction.atomic(using=router.db_for_read(WorkdayOverride)):
            # the rows for every site first, so that the site's own row of a day wins
            overrides = dict(
                (day, working) for day, working, _site in sorted(
                    WorkdayOverride.objects.values_list("date", "is_working_day", "site_id")
                    .filter(rows),
                    key=lambda row: row[2] is not None))
            years = set(HolidayNotice.objects.values_list("year", flat=True))
    except (OperationalError, ProgrammingError):
        return WorkdayCalendar()
    calendar = WorkdayCalendar(overrides, years)
    with _lock:
        # Do not cache rows read before a concurrent clear_cache().
        if _state["generation"] == generation:
            _state["calendars"][site_id] = (calendar, _clock(), version)
    return calendar


def clear_cache() -> None:
    """Forget the cached calendars (of every site); the next use reads the rows again, in
    this process and (through the shared cache's :data:`SHARED_VERSION_KEY`) in every other."""
    with _lock:
        _state["calendars"] = {}
        _state["generation"] += 1
    _publish_version()


def is_covered(d: datetime.date) -> bool:
    """:meth:`WorkdayCalendar.is_covered` of :func:`default_calendar`."""
    return default_calendar().is_covered(d)


def is_working_day(d: datetime.date) -> bool:
    """:meth:`WorkdayCalendar.is_working_day` of :func:`default_calendar`."""
    return default_calendar().is_working_day(d)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """:meth:`WorkdayCalendar.add_working_days` of :func:`default_calendar`."""
    return default_calendar().add_working_days(start, n)


def deadline(start: datetime.date, n: int) -> Deadline:
    """:meth:`WorkdayCalendar.deadline` of :func:`default_calendar`."""
    return default_calendar().deadline(start, n)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """:meth:`WorkdayCalendar.working_days_between` of :func:`default_calendar`."""
    return default_calendar().working_days_between(start, end)


def year_is_covered(year: int) -> bool:
    """:meth:`WorkdayCalendar.year_is_covered` of :func:`default_calendar`."""
    return default_calendar().year_is_covered(year)


def covered_through(year: int) -> int | None:
    """:meth:`WorkdayCalendar.covered_through` of :func:`default_calendar`."""
    return default_calendar().covered_through(year)


#: From this day of the year (month, day) the next year's schedule is expected: the State
#: Council publishes it in November (e.g. 2025-11-04 for 2026).
NEXT_YEAR_EXPECTED_FROM = (11, 1)


def required_years(today: datetime.date) -> list[int]:
    """The years the calendar should cover on ``today``: this year, and from 1 November the
    next year too."""
    _check_date(today, "today")
    years = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_EXPECTED_FROM and today.year < datetime.MAXYEAR:
        years.append(today.year + 1)
    return years


def missing_years(today: datetime.date, calendar: WorkdayCalendar | None = None) -> list[int]:
    """:func:`required_years` that ``calendar`` (default: :func:`default_calendar`) does not
    cover: neither ``chinesecalendar`` nor an imported notice knows them."""
    calendar = calendar if calendar is not None else default_calendar()
    return [year for year in required_years(today) if not calendar.year_is_covered(year)]
