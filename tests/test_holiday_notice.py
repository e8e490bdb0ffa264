"""Reading the State Council's holiday notice (wagtail_disclosure.holiday_notice): pure.

The fixtures are the real notices as published: 国办发明电〔2024〕12号 (2025) and 国办发明电〔2025〕7号
(2026). Parsed, they must agree day by day with chinesecalendar's data for those years. The
older lines (2012–2018) are quoted in chinesecalendar's chinese_calendar/scripts/data.py.
"""

import datetime
from pathlib import Path

import chinese_calendar
import pytest
from django.utils import translation

from wagtail_disclosure.holiday_notice import (
    MAX_CHARACTERS,
    MAX_LINES,
    NoticeError,
    parse_notice,
)
from wagtail_disclosure.workdays import WorkdayCalendar

D = datetime.date
FIXTURES = Path(__file__).parent / "fixtures" / "holiday_notices"
TITLE = "国务院办公厅关于2026年部分节假日安排的通知\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def notice(year):
    return (FIXTURES / f"{year}.txt").read_text(encoding="utf-8")


class WithoutNationalData(WorkdayCalendar):
    """Only the overrides and the covered years decide: chinesecalendar is switched off."""

    national_years = range(0)

    def national_decision(self, d):
        return None


def every_day(year):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


def agrees_with_chinese_calendar(parsed, year):
    calendar = WithoutNationalData(parsed.overrides(), {year})
    return [day for day in every_day(year)
            if calendar.is_working_day(day) != chinese_calendar.is_workday(day)
            or not calendar.is_covered(day)]


# -- the real notices ------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "number", "off", "working"), [
    (2025, "国办发明电〔2024〕12号", 28, 5),
    (2026, "国办发明电〔2025〕7号", 33, 6),
])
def test_the_real_notices_agree_with_chinese_calendar_day_by_day(year, number, off, working):
    parsed = parse_notice(notice(year))
    assert parsed.year == year
    assert parsed.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    assert parsed.document_number == number
    assert (len(parsed.days_off), len(parsed.working_days)) == (off, working)
    assert agrees_with_chinese_calendar(parsed, year) == []


def test_the_2026_notice_in_detail():
    parsed = parse_notice(notice(2026))
    assert [line.festival for line in parsed.lines] == [
        "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    spring = parsed.lines[1]
    assert spring.days_off == tuple(D(2026, 2, day) for day in range(15, 24))
    assert spring.working_days == (D(2026, 2, 14), D(2026, 2, 28))
    assert parsed.working_days == (D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28),
                                   D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10))
    # title, number, addressees, opening, closing, signature and date: read as prose
    ignored = [text for _, text in parsed.ignored_lines]
    assert ignored[0].startswith("国务院办公厅关于2026年") and ignored[-1] == "2025年11月4日"
    assert any(text.startswith("经国务院批准") for text in ignored)
    assert any("节假日期间，各地区、各部门要妥善安排好值班" in text for text in ignored)


def test_the_2025_notice_combines_national_day_and_mid_autumn():
    parsed = parse_notice(notice(2025))
    last = parsed.lines[-1]
    assert last.festivals == ("国庆节", "中秋节")
    assert D(2025, 10, 6) in last.days_off  # 中秋 (a statutory day) within the range
    assert parsed.lines[0].days_off == (D(2025, 1, 1),)  # 放假1天，不调休
    # The opening prose mentions festivals and days ("春节自农历除夕起放假调休8天"): ignored.
    assert any("如逢周三则只在当日放假" in text for _, text in parsed.ignored_lines)


def test_the_year_can_be_given_and_must_agree_with_the_title():
    body = notice(2026).split("\n", 1)[1]  # without the title line
    assert parse_notice(body, year=2026).year == 2026
    with pytest.raises(NoticeError, match="give the year"):
        parse_notice(body)
    with pytest.raises(NoticeError, match="the title is for 2026, not 2027"):
        parse_notice(notice(2026), year=2027)


OLD_NOTICES = {
    2018: """一、元旦：1月1日放假，与周末连休。
二、春节：2月15日至21日放假调休，共7天。2月11日（星期日）、2月24日（星期六）上班。
三、清明节：4月5日至7日放假调休，共3天。4月8日（星期日）上班。
四、劳动节：4月29日至5月1日放假调休，共3天。4月28日（星期六）上班。
五、端午节：6月18日放假，与周末连休。
六、中秋节：9月24日放假，与周末连休。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期六）、9月30日（星期日）上班。""",
    2016: """一、元旦：1月1日放假，与周末连休。
二、春节：2月7日至13日放假调休，共7天。2月6日（星期六）、2月14日（星期日）上班。
三、清明节：4月4日放假，与周末连休。
四、劳动节：5月1日放假，5月2日（星期一）补休。
五、端午节：6月9日至11日放假调休，共3天。6月12日（星期日）上班。
六、中秋节：9月15日至17日放假调休，共3天。9月18日（星期日）上班。
七、国庆节：10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。""",
    2015: """一、元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。
二、春节：2月18日至24日放假调休，共7天。2月15日（星期日）、2月28日（星期六）上班。
三、清明节：4月5日放假，4月6日（星期一）补休。
四、劳动节：5月1日放假，与周末连休。
五、端午节：6月20日放假，6月22日（星期一）补休。
六、中秋节：9月27日放假。
七、国庆节：10月1日至7日放假调休，共7天。10月10日（星期六）上班。""",
    2012: """一、元旦：2012年1月1日至3日放假调休，共3天。2011年12月31日（星期六）上班。
二、春节：1月22日至28日放假调休，共7天。1月21日（星期六）、1月29日（星期日）上班。
三、清明节：4月2日至4日放假调休，共3天。3月31日（星期六）、4月1日（星期日）上班。
四、劳动节：4月29日至5月1日放假调休，共3天。4月28日（星期六）上班。
五、端午节：6月22日至24日放假公休，共3天。
六、中秋节、国庆节：9月30日至10月7日放假调休，共8天。9月29日（星期六）上班。""",
}


#: Days of those years that other notices decided: the 70th anniversary of the victory in the
#: War of Resistance (2015-09-03..05 off, Sunday 09-06 working) and the 2019 notice's 元旦
#: (2018-12-29 working, 12-30 and 12-31 off).
OTHER_NOTICES = {D(2015, 9, 3), D(2015, 9, 4), D(2015, 9, 6), D(2018, 12, 29), D(2018, 12, 31)}


@pytest.mark.parametrize("year", sorted(OLD_NOTICES))
def test_older_wordings_agree_with_chinese_calendar(year):
    # 星期X, 补休, 放假公休, "与周末连休", a single day without a total. Before 2025 other
    # revisions of the 办法 applied, so the statutory-holiday check is not made.
    parsed = parse_notice(OLD_NOTICES[year], year=year)
    assert set(agrees_with_chinese_calendar(parsed, year)) <= OTHER_NOTICES


def test_a_new_year_makeup_day_in_the_previous_december_is_accepted_when_dated_in_full():
    parsed = parse_notice(OLD_NOTICES[2012], year=2012)
    assert D(2011, 12, 31) in parsed.working_days


# -- variants of the wording --------------------------------------------------------------


def replace_line(year, festival, new_line):
    lines = notice(year).splitlines()
    index = next(i for i, line in enumerate(lines) if f"、{festival}：" in line)
    lines[index] = new_line
    return "\n".join(lines), index + 1


def days_of(parsed, festival):
    line = next(line for line in parsed.lines if festival in line.festivals)
    return line.days_off, line.working_days


@pytest.mark.parametrize("line", [
    "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。",
    "一、元旦: 1月1日(星期四)至3日(星期六)放假调休, 共3天. 1月4日(星期日)上班.",
    "一、元旦：１月１日（周四）至３日（周六）放假调休，共３天。１月４日（周日）上班。",
    "　　一、元旦 ： 1 月 1 日（周四）至 3 日（周六）放假调休 ， 共 3 天 。 1 月 4 日（周日）上班 。",
    "元旦：1月1日（周四）至1月3日（周六）放假调休，共3天。1月4日（周日）上班。",
    "一、元旦：1月1日（星期四）~3日（星期六）放假调休；共3天；1月4日（礼拜天）上班",
])
def test_punctuation_spaces_and_weekday_wordings(line):
    text, _ = replace_line(2026, "元旦", line)
    assert days_of(parse_notice(text), "元旦") == (
        (D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)), (D(2026, 1, 4),))


def test_a_range_across_months_and_a_list_with_and():
    text, _ = replace_line(2026, "国庆节", "七、国庆节：9月30日至10月8日放假调休，共9天。"
                                          "9月20日（周日）和10月10日（周六）上班。")
    off, working = days_of(parse_notice(text), "国庆节")
    assert off[0] == D(2026, 9, 30) and off[-1] == D(2026, 10, 8) and len(off) == 9
    assert working == (D(2026, 9, 20), D(2026, 10, 10))


def test_a_single_day_with_the_weekend():
    text, _ = replace_line(2026, "端午节", "五、端午节：6月19日（周五）放假，与周末连休。")
    assert days_of(parse_notice(text), "端午节") == ((D(2026, 6, 19),), ())


def test_a_line_wrapped_by_the_paste_continues_its_festival():
    text, _ = replace_line(2026, "春节",
                           "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）"
                           "放假调休，共9天。\n　　2月14日（周六）、2月28日（周六）上班。")
    assert days_of(parse_notice(text), "春节")[1] == (D(2026, 2, 14), D(2026, 2, 28))


def test_lunar_notes_are_checked():
    text, _ = replace_line(2025, "春节", "二、春节：1月28日（除夕、周二）至2月4日（正月初七、周二）"
                                        "放假调休，共8天。1月26日（周日）、2月8日（周六）上班。")
    assert len(days_of(parse_notice(text), "春节")[0]) == 8


# -- refusals: the line and the reason ---------------------------------------------------


@pytest.mark.parametrize(("festival", "line", "reason"), [
    ("元旦", "一、元旦：1月1日（周五）至3日（周六）放假调休，共3天。1月4日（周日）上班。",
     "周五 does not match 2026-01-01, a Thursday"),
    ("元旦", "一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。1月4日（周日）上班。",
     "it says 共4天 but lists 3 days off"),
    ("元旦", "一、元旦：1月1日（周四）至3日（周六）放假3天，共3天。1月4日（周日）上班。",
     ""),  # accepted: both totals agree (checked below)
    ("元旦", "一、元旦：1月1日（周四）至3日（周六）放假2天。1月4日（周日）上班。",
     "it says 2 days but lists 3"),
    ("元旦", "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月5日（周一）上班。",
     "the makeup working day 2026-01-05 is a Monday, not a Saturday or Sunday"),
    ("元旦", "一、元旦：1月1日（周四）至4日（周日）放假调休，共4天。1月4日（周日）上班。",
     "2026-01-04 is listed twice"),
    ("元旦", "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日上班，另行通知。",
     "cannot understand “另行通知”"),
    ("元旦", "一、元旦：2027年1月1日放假。", "2027-01-01 is not in 2026"),
    ("元旦", "一、元旦：12月31日（周三）至1月1日（周四）放假。",
     "a December date on the 元旦 line must give its year"),
    ("元旦", "一、元旦：1月3日至1日放假。", "the range ends on 2026-01-01, not after it starts"),
    ("元旦", "一、元旦：2月30日放假。", "there is no date 2026-2-30"),
    ("元旦", "一、元旦：放假调休。", "the line has no day off"),
    ("元旦", "一、元旦节日：1月1日放假。", "“元旦节日” is not a festival"),
    ("春节", ("二、春节：2月15日（农历腊月二十七、周日）至23日（农历正月初七、周一）放假调休，"
              "共9天。2月14日（周六）、2月28日（周六）上班。"),
     "2026-02-15 is 农历腊月廿八, not 农历腊月二十七"),
    ("春节", "二、春节：2月15日（农历除夕、周日）至23日放假调休，共9天。", "2026-02-15 is not 除夕"),
    ("春节", "二、春节：2月15日（周日、放假）至23日放假调休，共9天。",
     "“放假” in parentheses is neither a weekday nor a lunar date"),
    ("春节", "二、春节：2月17日至23日放假调休，共7天。2月14日（周六）、2月28日（周六）上班。",
     "2026-02-16 (春节) is a statutory holiday"),
    ("春节", "二、春节：2月15日至23日放假调休，共9天。1月4日（周日）上班。",
     "2026-01-04 is already on line 6"),
    ("中秋节", "六、国庆节：9月25日（周五）至27日（周日）放假，共3天。",
     "国庆节 already has line"),
])
def test_refusals_name_the_line_and_the_reason(festival, line, reason):
    text, _number = replace_line(2026, festival, line)
    if not reason:
        parse_notice(text)
        return
    with pytest.raises(NoticeError) as info:
        parse_notice(text)
    error = info.value
    assert reason in error.reason
    assert isinstance(error, ValueError)
    if error.line_number is not None:
        assert error.line == text.splitlines()[error.line_number - 1].strip()
        assert str(error) == f"line {error.line_number}: {error.line} : {error.reason}"


def test_a_refusal_points_at_the_festivals_own_line():
    text, number = replace_line(2026, "元旦", "一、元旦：1月1日（周五）放假。")
    with pytest.raises(NoticeError) as info:
        parse_notice(text)
    assert info.value.line_number == number == 6
    assert str(info.value).startswith("line 6: 一、元旦：1月1日（周五）放假。 : ")


def test_a_missing_festival_is_refused_without_a_line():
    lines = [line for line in notice(2026).splitlines() if "端午节：" not in line]
    with pytest.raises(NoticeError) as info:
        parse_notice("\n".join(lines))
    assert info.value.line_number is None
    assert "2026-06-19 (端午节) is a statutory holiday" in str(info.value)
    assert "no line for 端午节" in str(info.value)


def test_days_outside_a_festival_line_are_refused():
    with pytest.raises(NoticeError, match="line 2: 1月4日（周日）上班。 : days off or working"):
        parse_notice(TITLE + "1月4日（周日）上班。")


def test_nothing_to_read_is_refused():
    with pytest.raises(NoticeError, match="the text is empty"):
        parse_notice("  \n ")
    with pytest.raises(NoticeError, match="no festival line was found"):
        parse_notice(TITLE + "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。")


def test_the_size_is_bounded():
    with pytest.raises(NoticeError, match=f"at most {MAX_CHARACTERS} are accepted"):
        parse_notice(notice(2026) + "。" * MAX_CHARACTERS)
    with pytest.raises(NoticeError, match=f"at most {MAX_LINES} are accepted"):
        parse_notice(notice(2026) + "\n" * MAX_LINES)
    assert parse_notice(notice(2026) + "\n" * 100).year == 2026


# -- properties ---------------------------------------------------------------------------


def test_no_prefix_of_a_festival_line_is_silently_accepted_as_the_whole():
    """Cutting the 2026 春节 line anywhere inside its body either still parses to a subset of
    the days, or is refused: it never invents days."""
    full = parse_notice(notice(2026))
    text = notice(2026)
    start = text.index("二、春节：") + len("二、春节：")
    end = text.index("\n", start)
    for cut in range(start + 1, end):
        try:
            parsed = parse_notice(text[:cut] + text[end:])
        except NoticeError as error:
            assert error.reason
            continue
        assert set(parsed.overrides().items()) <= set(full.overrides().items())


def test_every_weekday_note_is_checked():
    names = "一二三四五六日"
    for offset in range(7):
        wrong = names[(3 + offset) % 7]  # 2026-01-01 is a Thursday (四)
        text, _ = replace_line(2026, "元旦", f"一、元旦：1月1日（周{wrong}）至3日（周六）放假调休，"
                                            "共3天。1月4日（周日）上班。")
        if wrong == "四":
            parse_notice(text)
        else:
            with pytest.raises(NoticeError, match="does not match"):
                parse_notice(text)
