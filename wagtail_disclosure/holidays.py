"""The statutory holidays (全体公民放假的节日) of 全国年节及纪念日放假办法, computed for any year.

Art.2 of the 办法 (as revised on 2024-11-10, in force from 2025) gives every citizen 13 days off:

- 元旦, 1 day (1月1日);
- 春节, 4 days (农历除夕, 正月初一 to 初三);
- 清明节, 1 day (农历清明当日, the day of the solar term 清明);
- 劳动节, 2 days (5月1日, 2日);
- 端午节, 1 day (农历端午当日, 五月初五);
- 中秋节, 1 day (农历中秋当日, 八月十五);
- 国庆节, 3 days (10月1日 to 3日).

The lunar dates and the solar term come from ``lunar-python`` (module ``lunar_python``, by 6tail),
which computes them locally: no table is typed here and nothing is fetched. 除夕 is the day before
正月初一 (the 29th or 30th of the twelfth lunar month, or of a leap twelfth month).

What this module does not know, because only the State Council's yearly notice decides it: the
补假 of Art.6 (a holiday that falls on a Saturday or Sunday is made up on a working day), and the
统一放假调休 of Art.7 (extra days off in exchange for makeup working weekend days). See
:mod:`wagtail_disclosure.workdays` for what that means for a deadline.

The same 13 days are returned for every year: earlier revisions of the 办法 had fewer days, but
the years they applied to are covered by the ``chinesecalendar`` data, so nothing here is used
for them. The lunar festivals are computed for :data:`LUNAR_YEARS` only (the range where the
present calendar rules hold and the library's astronomy is sound); outside it a year has only
its fixed-date holidays.
"""

import datetime
import functools
from collections.abc import Mapping
from types import MappingProxyType

from lunar_python import Lunar, Solar

__all__ = [
    "FESTIVALS",
    "LUNAR_YEARS",
    "REVISION_FIRST_YEAR",
    "festival_days",
    "statutory_holidays",
]

#: The festivals of Art.2, in the order of the 办法 (and of the yearly notices).
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

#: The first year the 2024 revision's 13 days apply to.
REVISION_FIRST_YEAR = 2025

#: The years whose lunar festivals (春节, 清明节, 端午节, 中秋节) are computed.
LUNAR_YEARS = range(1901, 2101)

_ONE_DAY = datetime.timedelta(days=1)


def _date(solar):
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _lunar_day(year, month, day):
    """The Gregorian date of a lunar date of lunar year ``year``."""
    return _date(Lunar.fromYmd(year, month, day).getSolar())


def _qingming(year):
    # The solar-term table of the lunar year that contains April of ``year``.
    return _date(Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"])


@functools.lru_cache(maxsize=64)
def festival_days(year: int) -> tuple[tuple[str, tuple[datetime.date, ...]], ...]:
    """The statutory days off of ``year`` per festival, in the order of :data:`FESTIVALS`.

    ``festival_days(2026)[1] == ("春节", (date(2026, 2, 16), date(2026, 2, 17),
    date(2026, 2, 18), date(2026, 2, 19)))``. Never raises for a year a :class:`datetime.date`
    can have (1 to 9999).
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"The year must be an int, not {type(year).__name__}.")
    festivals = [("元旦", (datetime.date(year, 1, 1),))]
    if year in LUNAR_YEARS:
        new_year = _lunar_day(year, 1, 1)
        festivals.append(("春节", (new_year - _ONE_DAY, new_year, new_year + _ONE_DAY,
                                  new_year + 2 * _ONE_DAY)))
        festivals.append(("清明节", (_qingming(year),)))
    festivals.append(("劳动节", (datetime.date(year, 5, 1), datetime.date(year, 5, 2))))
    if year in LUNAR_YEARS:
        festivals.append(("端午节", (_lunar_day(year, 5, 5),)))
        festivals.append(("中秋节", (_lunar_day(year, 8, 15),)))
    festivals.append(("国庆节", tuple(datetime.date(year, 10, day) for day in (1, 2, 3))))
    return tuple(festivals)


@functools.lru_cache(maxsize=64)
def statutory_holidays(year: int) -> Mapping[datetime.date, str]:
    """The statutory days off of ``year``: date -> festival name (e.g. ``"中秋节"``).

    The 13 days of 全国年节及纪念日放假办法 Art.2 (2024 revision); a read-only mapping. When
    中秋节 falls within 国庆节 (e.g. 2020-10-01) the day is named after 国庆节.
    """
    return MappingProxyType({day: name for name, days in festival_days(year) for day in days})
