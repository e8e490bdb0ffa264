"""Top-level section headings (一、 二、 … in sequence), the report's title, year and organ.

A heading is the *next* numeral in sequence followed by 、 (or ．/.): "一是…" never matches, and
an "一、" inside a paragraph is only taken when it is the expected numeral, stands after a space
or a sentence end, and is followed by a short phrase closed by 。 or a space (the 2014 sample
has all its headings inline in one long line). The rows of table 三 that start with 一、 … 四、
are never headings. A standalone line may skip one numeral when it is a standard section title
(e.g. a PDF that lost its "五、" line); the skip is reported.
"""

import re

from .import_base import norm, tight

NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
            "十一", "十二", "十三", "十四", "十五")
_SEP = r"\s*[、．.]\s*"
_TABLE_ROWS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_STANDARD_TITLES = ("总体情况", "概述", "主动公开", "收到和处理", "依申请公开", "行政复议", "行政诉讼",
                    "存在的主要问题", "存在问题", "其他需要报告", "收费")
_SUB_ITEM = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]是")
_INLINE_BEFORE = set(" \t\u3000。；;：:！？!?")
_LEADING_NOISE = re.compile(r"^[\s|｜#*>]+")
MAX_HEADING = 40
ORGAN_SUFFIX = re.compile(r"(局|委|办|厅|院|府|室|会|中心|社|所|部|署|站|队|处|馆|区|县|市|省|州|盟|旗|镇|乡|街道|公司)$")
_METADATA = re.compile(r"^(索\s*引\s*号|发布机构|发布单位|发文机关|文\s*号|发布日期|发布时间|成文日期|来源|"
                       r"信息来源|字号|字体|【字体|打印|分享|浏览次数|阅读|有效性|主题分类|公开方式|Page\s*\d|P\.\s*\d|正文$)")


_SPACE_RUN = re.compile(r"\s+")
_NUMERAL_PREFIX = re.compile(r"[一二三四五六七八九十]{1,3}" + _SEP)
_COMMA = re.compile(r"[，,：:]")
# How far past MAX_HEADING a sub-item marker ("1.", "（一）") is looked for: it ends a heading
# only when it starts within MAX_HEADING characters.
_SUB_ITEM_REACH = MAX_HEADING + 80


def cut_heading(text, inline, start=0):
    """``(heading, rest)`` for the text from ``start`` (at a numeral), or ``None`` if it is no
    heading. A heading ends within ``MAX_HEADING`` characters, so only those are searched:
    the cost does not grow with the text after it."""
    size, limit = len(text) - start, start + MAX_HEADING
    ends = []
    stop = text.find("。", start, limit)
    if stop >= 0:
        ends.append(stop + 1 - start)
    numeral = _NUMERAL_PREFIX.match(text, start)
    offset = numeral.end() - start if numeral else 0
    # A space ends the heading when it follows a real phrase and a paragraph follows it (not the
    # stray spaces of PDF text, "一、总 体 情 况").
    for space in _SPACE_RUN.finditer(text, start + offset):
        begin = space.start() - start
        if begin > MAX_HEADING:
            break
        if begin - offset >= 4 and size - (space.end() - start) >= 6:
            ends.append(begin)
            break
    sub = _SUB_ITEM.search(text, start + offset, start + _SUB_ITEM_REACH)
    if sub:
        ends.append(sub.start() - start)
    end = min(ends) if ends else size
    if end > MAX_HEADING:
        if inline:
            return None
        comma = _COMMA.search(text, start, limit + 1)
        end = comma.start() - start if comma else min(size, MAX_HEADING)
    heading, rest = text[start:start + end].strip(), text[start + end:].strip()
    if len(heading) <= offset or any(word in norm(heading) for word in _TABLE_ROWS):
        return None
    return heading, rest


def _line_heading(text, expected):
    """A heading at the start of a line: the expected numeral, or one further for a standalone
    standard title. ``(numeral_index, heading, rest)`` or ``None``."""
    stripped = _LEADING_NOISE.sub("", text)
    for index in (expected, expected + 1):
        if index >= len(NUMERALS):
            break
        if not re.match(NUMERALS[index] + _SEP, stripped):
            continue
        if index > expected and not (len(stripped) <= 30 and any(t in stripped for t in _STANDARD_TITLES)):
            continue
        cut = cut_heading(stripped, inline=False)
        if cut:
            return index, cut[0], cut[1]
    return None


def _inline_heading(text, expected):
    """The first inline occurrence of the expected heading: ``(start, heading, rest)`` or None."""
    if expected >= len(NUMERALS):
        return None
    for match in re.finditer(NUMERALS[expected] + _SEP, text):
        start = match.start()
        if start == 0 or text[start - 1] not in _INLINE_BEFORE:
            continue
        if start >= 1 and text[start - 1] in "一二三四五六七八九十":
            continue
        cut = cut_heading(text, inline=True, start=start)
        if cut:
            return start, cut[0], cut[1]
    return None


def split_sections(items):
    """Split ``("p", text)``/``("table", …)`` items into ``(preamble, sections, skipped)``:
    ``sections`` is ``[(heading, items)]``; ``skipped`` lists numerals that were missing."""
    preamble, sections, skipped, expected = [], [], [], 0

    def target():
        return sections[-1][1] if sections else preamble

    for kind, value in items:
        if kind != "p":
            target().append((kind, value))
            continue
        text = value
        while text:
            found = _line_heading(text, expected)
            if found:
                index, heading, rest = found
                skipped += list(NUMERALS[expected:index])
                sections.append((heading, []))
                expected = index + 1
                text = rest
                continue
            inline = _inline_heading(text, expected)
            if inline:
                start, heading, rest = inline
                before = text[:start].strip()
                if before:
                    target().append(("p", before))
                sections.append((heading, []))
                expected += 1
                text = rest
                continue
            target().append(("p", text))
            break
    return preamble, sections, skipped


def is_metadata_line(text):
    return bool(_METADATA.match(text.strip())) and len(text) < 160


# -- title, year, organ ----------------------------------------------------------------------------

def find_title(lines, extra=()):
    """The report's title: a line (joined with a wrapped first part) saying …报告."""
    lines = [tight(line) for line in lines[:12] if line and not is_metadata_line(line)]
    for index, line in enumerate(lines):
        if not re.search(r"年度报告|工作报告|年报", line) or len(line) > 80 or re.search(r"[。；]", line) \
                or re.match(r"[一二三四五六七八九十]{1,3}\s*[、．.]", line):
            continue
        title, before = line, index - 1
        if not re.search(r"\d{4}", title) and before >= 0 and len(lines[before]) <= 40 \
                and re.search(r"\d{4}\s*年", lines[before]):
            title, before = lines[before] + title, before - 1
        if re.match(r"\d{4}", title) and before >= 0 and len(lines[before]) <= 30 \
                and ORGAN_SUFFIX.search(lines[before]):
            title = lines[before] + title
        return title
    for candidate in extra:
        candidate = tight(candidate)
        if is_metadata_line(candidate):
            continue
        if re.search(r"年度报告|工作报告|年报", candidate) and len(candidate) <= 80:
            return candidate
    return ""


def find_year(title, text):
    """``(year, how)`` from the title, the statistics period, or the first "YYYY年" near the top."""
    for source, how, pattern in (
            (title, "title", r"(\d{4})\s*年"),
            (text, "statistics period", r"统计(?:期限|时限|周期|时间)[^。]{0,20}?(\d{4})\s*年"),
            (text[:400], "opening text", r"(\d{4})\s*年")):
        match = re.search(pattern, source or "")
        if match and 1990 <= int(match.group(1)) <= 2100:
            return int(match.group(1)), how
    return None, ""


def find_organ(title):
    match = re.match(r"^(?P<pre>.*?)(?P<year>\d{4})\s*年度?(?P<post>.*?)(?:政府信息公开|政务公开|信息公开)",
                     title or "")
    if not match:
        return ""
    for candidate in (match.group("pre"), match.group("post")):
        candidate = candidate.strip(" 《》“”\"")
        if candidate and len(candidate) <= 40 and ORGAN_SUFFIX.search(candidate):
            return candidate
    return ""
