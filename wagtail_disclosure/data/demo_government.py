"""The demo's report of a government and its departments (``reports.government``), as plain data
and pure functions (no ORM).

The cooperative's annual reports cover the cooperative alone. Its two units, the 再生资源管理办公室
and the 农合联 (the demo's other publishing organs), publish items of their own and answer a few
requests; the report of the cooperative and its units covers all three organs for the last
computed year. As a government's report drawn from its departments' (条例 Art.49: the
departments publish by 31 January, the government by 31 March), it adds up each organ's own
published report of the year where there is one (the cooperative's) and counts the others from
the data (the units'), with a table of the figures by organ.
:mod:`wagtail_disclosure.reports.demo` turns this into a page of the 年报 column.
"""

import datetime

from ..workdays import WorkdayCalendar
from . import demo_reports

#: The organs the report covers (keys of ``demo_site.ORGANS``): the cooperative first.
ORGANS = ("gxs", "zsb", "nhl")
UNITS = ORGANS[1:]
SLUG_SUFFIX = "-combined"

# The units' requests of the year reported on, as in ``demo_reports.HISTORY``: (month, day,
# applicant column, outcome, working days to conclude). All are concluded within the year: the
# report's carried-forward figures are then the cooperative's, whichever report of the year a
# later report's cross-year check compares with (``AnnualReportPage.previous_report`` takes any
# report of the column of the year before, the latest published: this one).
UNIT_REQUESTS = {
    "zsb": [
        (2, 12, "business", "disclosed", 9),
        (5, 20, "natural_person", "unavailable_not_held", 12),
        (9, 3, "business", "partially_disclosed", 15),
        (12, 1, "natural_person", "disclosed", 14),
    ],
    "nhl": [
        (4, 8, "natural_person", "disclosed", 7),
        (10, 21, "other", "unavailable_needs_creation", 10),
    ],
}
# The serials in the made-up applicants' names (演示申请人101, …), clear of the history's.
FIRST_SERIAL = 101

WHO = "区供销社及所属单位"
UNIT_NAMES = "区再生资源管理办公室、区农合联"


def slug(year):
    return f"{year}{SLUG_SUFFIX}"


def title(year):
    return f"温州市鹿城区供销合作社及所属单位{year}年政府信息公开工作年度报告"


def published_on(year, today, calendar=None):
    """A working day late in March of the next year (a government's report is due by 31 March,
    after its departments' of 31 January), and not after ``today``."""
    calendar = calendar or WorkdayCalendar()
    day = min(datetime.date(year + 1, 3, 27), today)
    while day.weekday() >= 5 or not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def sections(year, stats):
    """``{section number: [paragraph, …]}`` of the report, written from its summed figures: the
    cooperative's wording (``demo_reports.format_2021_sections``) said of the cooperative and its
    units, and what the report covers and where its figures come from."""
    texts = {number: [text.replace("区供销社", WHO) for text in paragraphs]
             for number, paragraphs in demo_reports.format_2021_sections(year, stats).items()}
    texts[0].insert(1, (
        f"本报告汇总区供销社及其所属{UNIT_NAMES}的政府信息公开工作情况。区供销社的数据取自其已发布的"
        f"{year}年政府信息公开工作年度报告，所属单位的数据由本网站的信息公开目录和依申请公开办理数据统计；"
        "各单位的主要数据见文末“分机关统计”表。"))
    return texts
