"""Reading the State Council's yearly holiday notice (《国务院办公厅关于YYYY年部分节假日安排的通知》).

Each November the General Office publishes the next year's schedule (e.g. 国办发明电〔2025〕7号 for
2026): under 全国年节及纪念日放假办法 Art.6 (补假 of a holiday that falls on a weekend) and Art.7
(统一放假调休), which weekdays are days off and which Saturdays or Sundays are makeup working days
(调休上班). One line per festival, in a fixed wording::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    五、端午节：5月31日（周六）放假，与周末连休。
    一、元旦：1月1日（周三）放假1天，不调休。

:func:`parse_notice` reads such a text into a :class:`ParsedNotice`. It is strict: a festival
line it does not fully understand, a weekday in parentheses that does not match its date, a
"共N天" that does not match the days listed, a makeup working day that is not a Saturday or
Sunday, a day both off and working, or a statutory holiday of the 办法 Art.2 missing from the
days off (from 2025, the first year of the 2024 revision) raises :class:`NoticeError` with the
line and the reason. Other lines (title, addressees, the opening "经国务院批准，现将…通知如下",
the closing "节假日期间，各地区、各部门要妥善安排好值班…", the signature) are ignored and listed
in :attr:`ParsedNotice.ignored_lines`. Full- and half-width punctuation and spaces, 星期X for
周X and 农历 notes (checked against the lunar calendar) are accepted.

Pure: no database. Saving is :func:`wagtail_disclosure.requests.calendar.import_notice`.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from lunar_python import Solar

from .holidays import FESTIVALS, REVISION_FIRST_YEAR, statutory_holidays

__all__ = ["MAX_CHARACTERS", "MAX_LINES", "FestivalLine", "NoticeDay", "NoticeError",
           "ParsedNotice", "parse_notice"]

#: Bounds of the text accepted (a real notice has about 1,000 characters in 15 lines).
MAX_CHARACTERS = 20_000
MAX_LINES = 200

_ONE_DAY = datetime.timedelta(days=1)


class NoticeError(ValueError):
    """A notice text that cannot be read: the reason, with the line (1-based) if there is one."""

    def __init__(self, reason, line_number=None, line=""):
        self.reason, self.line_number, self.line = reason, line_number, line.strip()
        super().__init__(self.message)

    @property
    def message(self):
        if self.line_number is None:
            return self.reason
        return _("line %(number)s: %(line)s : %(reason)s") % {
            "number": self.line_number, "line": self.line, "reason": self.reason}

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class NoticeDay:
    """One day the notice decides."""

    date: datetime.date
    is_working_day: bool  # True: a makeup working day (调休上班); False: a day off
    festival: str  # the heading of its line, e.g. "国庆节、中秋节"
    line_number: int


@dataclass(frozen=True)
class FestivalLine:
    number: int
    text: str
    festivals: tuple[str, ...]
    days_off: tuple[datetime.date, ...]
    working_days: tuple[datetime.date, ...]

    @property
    def festival(self):
        return "、".join(self.festivals)


@dataclass(frozen=True)
class ParsedNotice:
    year: int
    title: str
    document_number: str
    lines: tuple[FestivalLine, ...]
    ignored_lines: tuple[tuple[int, str], ...]

    @property
    def days(self) -> tuple[NoticeDay, ...]:
        """Every day of the notice, by date."""
        days = [NoticeDay(d, False, line.festival, line.number)
                for line in self.lines for d in line.days_off]
        days += [NoticeDay(d, True, line.festival, line.number)
                 for line in self.lines for d in line.working_days]
        return tuple(sorted(days, key=lambda day: day.date))

    @property
    def days_off(self):
        return tuple(day.date for day in self.days if not day.is_working_day)

    @property
    def working_days(self):
        return tuple(day.date for day in self.days if day.is_working_day)

    def overrides(self) -> dict[datetime.date, bool]:
        """The days as ``WorkdayCalendar`` overrides: date -> is a working day."""
        return {day.date: day.is_working_day for day in self.days}


# -- the wording -----------------------------------------------------------------------------

_NAMES = {"元旦": "元旦", "春节": "春节", "清明": "清明节", "清明节": "清明节", "劳动节": "劳动节",
          "端午": "端午节", "端午节": "端午节", "中秋": "中秋节", "中秋节": "中秋节", "国庆": "国庆节",
          "国庆节": "国庆节"}
_NAME = "|".join(sorted(_NAMES, key=len, reverse=True))
_BULLET = r"(?:[一二三四五六七八九十]+[、.,]|\d{1,2}[、.]|\([一二三四五六七八九十\d]{1,3}\)|[-•·*●])"
_HEADING = re.compile(rf"^{_BULLET}?(?P<names>[^:]{{1,20}}?):(?P<body>.*)$")
_ORDINAL_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.,][^:]{1,20}:")
_PAREN = r"(?:\((?P<{0}>[^()]*)\))?"
_DATE = rf"(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日{_PAREN.format('p')}"
_END = rf"(?:(?:(?P<y2>\d{{4}})年)?(?P<m2>\d{{1,2}})月)?(?P<d2>\d{{1,2}})日{_PAREN.format('p2')}"
_OFF = re.compile(rf"^{_DATE}(?:[至~\-–—]{_END})?放假(?:调休|公休)?(?:(?P<n>\d{{1,2}})天)?$")
_IN_LIEU = re.compile(rf"^{_DATE}(?:补休|补假)$")
_WORK_DATE = re.compile(_DATE)
_WORK_ITEM = r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\([^()]*\))?"
_WORK = re.compile(rf"^{_WORK_ITEM}(?:[、和及]{_WORK_ITEM})*上班$")
_TOTAL = re.compile(r"^共(?P<n>\d{1,2})天$")
_PLAIN = {"与周末连休", "不调休", "放假调休", "放假"}
_CONTINUATION = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日.*(?:上班|放假|补休)")
_TITLE = re.compile(r"国务院办公厅关于(\d{4})年部分节假日安排的通知|关于(\d{4})年部分节假日安排")
_NUMBER = re.compile(r"(国办发明电|国办发)[〔\[(](\d{4})[〕\])](\d{1,3})号")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(r"^(?:周|星期|礼拜)([一二三四五六日天])$")
_LUNAR_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                 "九": 9, "十": 10, "冬": 11, "十一": 11, "腊": 12, "十二": 12}
_DIGITS = "一二三四五六七八九"
_LUNAR = re.compile(r"^(?:农历)?(?:(?P<leap>闰)?(?P<m>正|冬|腊|十一|十二|[一二三四五六七八九十])月)?"
                    r"(?P<d>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?"
                    r"|廿[一二三四五六七八九]|三十)$")


def _normalise(line):
    """Full-width to half-width, spaces removed, a half-width full stop read as 。."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", line))
    match = re.match(_BULLET, text)
    bullet = match.group(0) if match else ""
    return bullet + text[len(bullet):].replace(".", "。")


def _lunar_day_number(text):
    if text.startswith("初"):
        return _DIGITS.index(text[1]) + 1 if text[1] != "十" else 10
    if text.startswith("廿"):
        return 20 + _DIGITS.index(text[1]) + 1
    if text == "三十":
        return 30
    if text.startswith("二十"):
        return 20 + (_DIGITS.index(text[2]) + 1 if len(text) > 2 else 0)
    return 10 + (_DIGITS.index(text[1]) + 1 if len(text) > 1 else 0)


def _check_note(note, day, fail):
    """A note in parentheses: the weekday, or a 农历 date, each checked against ``day``."""
    for item in filter(None, re.split(r"[、,]", note)):
        weekday = _WEEKDAY.match(item)
        if weekday:
            if _WEEKDAYS[weekday.group(1)] != day.weekday():
                fail(_("%(item)s does not match %(date)s, a %(weekday)s") % {
                    "item": item, "date": day.isoformat(), "weekday": WEEKDAYS[day.weekday()]})
            continue
        bare = item.removeprefix("农历")
        if bare == "除夕":
            following = Solar.fromYmd(*(day + _ONE_DAY).timetuple()[:3]).getLunar()
            if (following.getMonth(), following.getDay()) != (1, 1):
                fail(_("%(date)s is not 除夕") % {"date": day.isoformat()})
            continue
        lunar = _LUNAR.match(item)
        if not lunar:
            fail(_("“%(item)s” in parentheses is neither a weekday nor a lunar date") % {
                "item": item})
        actual = Solar.fromYmd(day.year, day.month, day.day).getLunar()
        month = lunar.group("m")
        wrong_month = month and (_LUNAR_MONTHS[month] != abs(actual.getMonth())
                                 or bool(lunar.group("leap")) != (actual.getMonth() < 0))
        if wrong_month or _lunar_day_number(lunar.group("d")) != actual.getDay():
            fail(_("%(date)s is 农历%(actual)s, not %(item)s") % {
                "date": day.isoformat(), "item": item,
                "actual": f"{actual.getMonthInChinese()}月{actual.getDayInChinese()}"})


class _Line:
    """Parses the body of one festival line."""

    def __init__(self, year, number, raw, names):
        self.year, self.number, self.raw, self.names = year, number, raw, names
        self.days_off, self.working_days = [], []

    def fail(self, reason):
        raise NoticeError(reason, self.number, self.raw)

    def date(self, year, month, day, note, context=None):
        if context is not None:  # the end of a range: the start's month and year by default
            year, month = year or context.year, month or context.month
        explicit = year is not None
        year = int(year) if explicit else self.year
        try:
            value = datetime.date(year, int(month), int(day))
        except ValueError:
            self.fail(_("there is no date %(year)s-%(month)s-%(day)s") % {
                "year": year, "month": month, "day": day})
        if value.year != self.year:
            new_year_eve = ("元旦" in self.names and value.year == self.year - 1
                            and value.month == 12 and explicit)
            if not new_year_eve:
                self.fail(_("%(date)s is not in %(year)s") % {
                    "date": value.isoformat(), "year": self.year})
        elif "元旦" in self.names and value.month == 12 and not explicit:
            self.fail(_("a December date on the 元旦 line must give its year (e.g. %(year)s年"
                        "12月31日)") % {"year": self.year - 1})
        _check_note(note or "", value, self.fail)
        return value

    def parse(self, body):
        clauses = [c for c in re.split(r"[。,;]", body) if c]
        if not clauses:
            self.fail(_("the line has no dates"))
        for clause in clauses:
            self.clause(clause)
        if not self.days_off:
            self.fail(_("the line has no day off"))

    def clause(self, clause):
        match = _OFF.match(clause)
        if match:
            g = match.groupdict()
            start = self.date(g["y"], g["m"], g["d"], g["p"])
            end = start
            if g["d2"]:
                end = self.date(g["y2"], g["m2"], g["d2"], g["p2"], context=start)
                if end <= start:
                    self.fail(_("the range ends on %(end)s, not after it starts") % {
                        "end": end.isoformat()})
            days = [start + i * _ONE_DAY for i in range((end - start).days + 1)]
            self.add_off(days)
            if g["n"] and int(g["n"]) != len(days):
                self.fail(_("it says %(n)s days but lists %(count)s") % {
                    "n": g["n"], "count": len(days)})
            return
        match = _IN_LIEU.match(clause)
        if match:
            g = match.groupdict()
            self.add_off([self.date(g["y"], g["m"], g["d"], g["p"])])
            return
        match = _TOTAL.match(clause)
        if match:
            if int(match.group("n")) != len(self.days_off):
                self.fail(_("it says 共%(n)s天 but lists %(count)s days off") % {
                    "n": match.group("n"), "count": len(self.days_off)})
            return
        if _WORK.match(clause):
            for g in (m.groupdict() for m in _WORK_DATE.finditer(clause)):
                day = self.date(g["y"], g["m"], g["d"], g["p"])
                if day.weekday() < 5:
                    self.fail(_("the makeup working day %(date)s is a %(weekday)s, not a "
                                "Saturday or Sunday") % {"date": day.isoformat(),
                                                         "weekday": WEEKDAYS[day.weekday()]})
                if day in self.days_off or day in self.working_days:
                    self.fail(_("%(date)s is listed twice") % {"date": day.isoformat()})
                self.working_days.append(day)
            return
        if clause in _PLAIN:
            return
        self.fail(_("cannot understand “%(text)s”") % {"text": clause})

    def add_off(self, days):
        for day in days:
            if day in self.days_off or day in self.working_days:
                self.fail(_("%(date)s is listed twice") % {"date": day.isoformat()})
            self.days_off.append(day)


def _festival_names(text, number, raw):
    names = []
    for part in filter(None, re.split(r"[、和与及]", text)):
        if part not in _NAMES:
            raise NoticeError(_("“%(name)s” is not a festival of 全国年节及纪念日放假办法 "
                                "Art.2") % {"name": part}, number, raw)
        names.append(_NAMES[part])
    return tuple(names)


def _find_year(compact, year):
    match = _TITLE.search(compact)
    found = int(match.group(1) or match.group(2)) if match else None
    if year is not None and found is not None and found != year:
        raise NoticeError(_("the title is for %(found)s, not %(year)s") % {
            "found": found, "year": year})
    year = year if year is not None else found
    if year is None:
        raise NoticeError(_("the year was not found: the title 《国务院办公厅关于YYYY年部分节假日"
                            "安排的通知》 is missing, so give the year"))
    if not 1901 <= year <= 2100:
        raise NoticeError(_("%(year)s is not a year this reader accepts") % {"year": year})
    return year


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Read a holiday notice; raise :class:`NoticeError` for anything it cannot fully read.

    ``year`` is taken from the title when not given (and must agree with it when both are).
    """
    if not isinstance(text, str) or not text.strip():
        raise NoticeError(_("the text is empty"))
    if len(text) > MAX_CHARACTERS:
        raise NoticeError(_("the text has %(count)s characters; at most %(max)s are accepted")
                          % {"count": len(text), "max": MAX_CHARACTERS})
    raw_lines = text.splitlines()
    if len(raw_lines) > MAX_LINES:
        raise NoticeError(_("the text has %(count)s lines; at most %(max)s are accepted")
                          % {"count": len(raw_lines), "max": MAX_LINES})
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    year = _find_year(compact, year)
    number = _NUMBER.search(compact)
    document_number = f"{number.group(1)}〔{number.group(2)}〕{number.group(3)}号" if number else ""

    # Group the lines: a festival heading, with any line that continues it (a paste that
    # wrapped "2月14日（周六）、2月28日（周六）上班。" onto a line of its own).
    groups, ignored, current = [], [], None
    for number_, raw in enumerate(raw_lines, 1):
        line = _normalise(raw)
        if not line:
            current = None
            continue
        heading = _HEADING.match(line)
        if heading and (_ORDINAL_HEADING.match(line)
                        or heading.group("names").split("、")[0] in _NAMES):
            current = [number_, raw, _festival_names(heading.group("names"), number_, raw),
                       heading.group("body")]
            groups.append(current)
        elif _CONTINUATION.match(line):
            if current is None:
                raise NoticeError(_("days off or working days outside a festival's line"),
                                  number_, raw)
            current[3] += "。" + line
        else:
            current = None
            ignored.append((number_, raw.strip()))
    if not groups:
        raise NoticeError(_("no festival line was found (e.g. “一、元旦：1月1日（周四）至3日（周六）"
                            "放假调休，共3天。”)"))

    lines, seen = [], {}
    named = {}
    for number_, raw, names, body in groups:
        for name in names:
            if name in named:
                raise NoticeError(_("%(name)s already has line %(line)s") % {
                    "name": name, "line": named[name]}, number_, raw)
            named[name] = number_
        parsed = _Line(year, number_, raw, names)
        parsed.parse(body)
        for day in parsed.days_off + parsed.working_days:
            if day in seen:
                raise NoticeError(_("%(date)s is already on line %(line)s") % {
                    "date": day.isoformat(), "line": seen[day]}, number_, raw)
            seen[day] = number_
        lines.append(FestivalLine(number_, raw.strip(), names, tuple(parsed.days_off),
                                  tuple(parsed.working_days)))

    if year >= REVISION_FIRST_YEAR:
        off = {day for line in lines for day in line.days_off}
        for day, name in sorted(statutory_holidays(year).items()):
            if day not in off:
                line = next((line for line in lines if name in line.festivals), None)
                reason = _("%(date)s (%(name)s) is a statutory holiday (全国年节及纪念日放假办法 "
                           "Art.2) but not a day off here") % {"date": day.isoformat(),
                                                                "name": name}
                if line is None:
                    reason += " " + _("(the notice has no line for %(name)s)") % {"name": name}
                    raise NoticeError(reason)
                raise NoticeError(reason, line.number, line.text)
    order = {name: i for i, name in enumerate(FESTIVALS)}
    lines.sort(key=lambda line: (min(order[name] for name in line.festivals), line.number))
    return ParsedNotice(year, f"国务院办公厅关于{year}年部分节假日安排的通知", document_number,
                        tuple(lines), tuple(ignored))
