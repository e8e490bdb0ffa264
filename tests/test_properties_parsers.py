"""Property tests of the two text readers: the 索引号 parser (catalogue/index_numbers.py) and
the State Council holiday notice parser (holiday_notice.py).

* 索引号: a number rendered by ``format_index_number`` (default and monthly formats) parses back
  to its parts; whatever a parse accepts re-renders to its stored text in ASCII; arbitrary text
  raises nothing but :class:`IndexNumberError`.
* Holiday notices: a notice generated from a random schedule (each festival's statutory days
  of 全国年节及纪念日放假办法 Art.2, widened into a block of days off, with makeup Saturdays or
  Sundays 调休上班), written in the notice's wording with its variants, parses back to exactly
  that schedule; arbitrary text and random edits of a notice raise nothing but
  :class:`NoticeError`.
"""

import datetime

from hypothesis import example, given
from hypothesis import strategies as st

from tests import hypothesis_profiles  # noqa: F401  (loads the profile)
from wagtail_disclosure.catalogue.index_numbers import (
    _INDEX_RE,
    IndexNumberError,
    format_index_number,
    parse_index_number,
)
from wagtail_disclosure.holiday_notice import NoticeError, ParsedNotice, parse_notice
from wagtail_disclosure.holidays import festival_days

ONE_DAY = datetime.timedelta(days=1)

# -- 索引号 -------------------------------------------------------------------------------------

DEFAULT_FORMAT = "{organ_code}/{year}-{serial:05d}"
MONTHLY_FORMAT = "{organ_code}/{year}{month:02d}-{serial:05d}"
organ_codes = st.from_regex(r"\A[0-9A-Za-z][0-9A-Za-z\-]{0,30}[0-9A-Za-z]\Z")


@given(organ_codes, st.integers(1900, 2099), st.integers(1, 12), st.integers(0, 10**10 - 1),
       st.sampled_from([DEFAULT_FORMAT, MONTHLY_FORMAT]))
def test_a_rendered_index_number_parses_back_to_its_parts(code, year, month, serial, fmt):
    text = format_index_number(fmt, code, year, month, serial)
    parsed = parse_index_number(text)
    assert (parsed.prefix, parsed.year, parsed.serial) == (code.replace("-", ""), year, serial)
    assert parsed.month == (month if fmt == MONTHLY_FORMAT else None)
    assert parsed.text == text
    # What editors paste: full-width forms, a label, odd dashes and spaces.
    pasted = "索引号： " + text.replace("-", "\u2014").replace("/", "\uff0f") + " "
    assert parse_index_number(pasted) == parsed


def render(parsed):
    month = "" if parsed.month is None else f"{parsed.month:02d}"
    return f"{parsed.prefix}/{parsed.year}{month}-{parsed.text.rsplit('-', 1)[1]}"


# Digits of another script (ARABIC-INDIC) that \d matches and int() reads.
@example("A/\u0662\u0660\u0662\u0664-\u0661")
@given(st.from_regex(_INDEX_RE))
def test_an_accepted_index_number_is_stored_in_ascii_as_it_reads(text):
    try:
        parsed = parse_index_number(text)
    except IndexNumberError:
        return
    assert parsed.text.isascii()
    assert render(parsed) == parsed.text
    assert int(parsed.text.rsplit("-", 1)[1]) == parsed.serial


@given(st.text(max_size=60))
def test_the_index_number_parser_raises_only_its_error(text):
    try:
        parse_index_number(text)
    except IndexNumberError as exc:
        assert str(exc)


# -- holiday notices ----------------------------------------------------------------------------

WEEKDAY_NAMES = "一二三四五六日"
ORDINALS = "一二三四五六七"


@st.composite
def schedules(draw):
    """(year, [(festival names, days off, makeup working days)]) as a notice would set them."""
    year = draw(st.integers(2025, 2060))
    blocks = []
    for name, days in festival_days(year):
        before = 0 if name == "元旦" else draw(st.integers(0, 2))
        after = draw(st.integers(0, 3))
        blocks.append([min(days) - before * ONE_DAY, max(days) + after * ONE_DAY, [name]])
    blocks.sort()
    merged = [blocks[0]]
    for start, end, names in blocks[1:]:
        if start <= merged[-1][1] + ONE_DAY:  # 中秋节 within or next to 国庆节
            merged[-1][1] = max(end, merged[-1][1])
            merged[-1][2] += names
        else:
            merged.append([start, end, names])
    off = {start + i * ONE_DAY for start, end, _n in merged for i in range((end - start).days + 1)}
    used, lines = set(), []
    for start, end, names in merged:
        near = [start + i * ONE_DAY for i in range(-10, (end - start).days + 11)]
        weekend = [d for d in near if d.year == year and d.weekday() >= 5 and d not in off
                   and d not in used]
        working = sorted(draw(st.sets(st.sampled_from(weekend), max_size=2))) if weekend else []
        used.update(working)
        days = [start + i * ONE_DAY for i in range((end - start).days + 1)]
        lines.append((tuple(names), days, working))
    return year, lines


@st.composite
def notices(draw):
    """A notice's text for a random schedule, and the schedule."""
    year, lines = draw(schedules())
    full_width = draw(st.booleans())
    weekday_word = draw(st.sampled_from(["周", "星期"]))
    notes = draw(st.booleans())

    def day(d, month=True):
        note = f"（{weekday_word}{WEEKDAY_NAMES[d.weekday()]}）" if notes else ""
        return (f"{d.month}月" if month else "") + f"{d.day}日{note}"

    text = [f"国务院办公厅关于{year}年部分节假日安排的通知", f"国办发明电〔{year - 1}〕7号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            f"经国务院批准，现将{year}年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休"
            "日期的具体安排通知如下。"]
    for number, (names, days, working) in enumerate(lines):
        start, end = days[0], days[-1]
        if start == end:
            body = f"{day(start)}放假，共1天。"
        else:
            same_month = start.month == end.month and draw(st.booleans())
            body = f"{day(start)}至{day(end, month=not same_month)}放假调休，共{len(days)}天。"
        if working:
            body += "、".join(day(d) for d in working) + "上班。"
        line = f"{ORDINALS[number]}、{'、'.join(names)}：{body}"
        if not full_width:
            line = line.replace("：", ":").replace("，", ",").replace("（", "(").replace("）", ")")
        text.append(line)
    text.append("节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。")
    return "\n".join(text), year, lines


@given(notices())
def test_a_generated_notice_parses_back_to_its_schedule(generated):
    text, year, lines = generated
    parsed = parse_notice(text)
    expected = {d: False for _n, days, _w in lines for d in days}
    expected.update({d: True for _n, _d, working in lines for d in working})
    assert parsed.year == year
    assert parsed.document_number == f"国办发明电〔{year - 1}〕7号"
    assert parsed.overrides() == expected
    assert sorted(line.festivals for line in parsed.lines) == sorted(n for n, _d, _w in lines)
    assert parse_notice(text, year=year) == parsed


@given(st.text(max_size=300), st.one_of(st.none(), st.integers(1800, 2200)))
def test_the_notice_parser_raises_only_its_error_on_any_text(text, year):
    try:
        assert isinstance(parse_notice(text, year=year), ParsedNotice)
    except NoticeError as exc:
        assert str(exc)


NOTICE_CHARACTERS = "0123456789一二三四五六七八九十月日年至放假调休共天上班周星期（）()、，,。:：农历初腊正除夕补休\n "


@given(notices(), st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 6),
                                     st.text(NOTICE_CHARACTERS, max_size=4)), min_size=1,
                           max_size=4))
def test_edited_notices_raise_only_the_notice_error(generated, edits):
    text = generated[0]
    for position, removed, inserted in edits:
        position %= len(text) + 1
        text = text[:position] + inserted + text[position + removed:]
    try:
        assert isinstance(parse_notice(text), ParsedNotice)
    except NoticeError as exc:
        assert str(exc)
