"""Plain-text input (a .txt/.md file, text copied from a web page or extracted from a PDF).

Text keeps no table structure, so figures are read row by row: a *text row* is a label followed
by its numbers, either on the same line ("行政处罚 3985758", "| 规章 | 0 | 0 | 0 |") or on the
next lines (one cell per line, as text copied from a web table). Labels broken over several
lines (PDF wrapping) are joined from the last few label-only lines. Which rows are accepted is
decided by ``import_tables``; this module only cuts the text up.
"""

import re
from dataclasses import dataclass, field

from .import_base import CJK, clean_text, is_junk_line, is_number_token, norm, parse_number, squeeze

_MARKDOWN_PREFIX = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|\*\s+)")
_TERMINAL = "。！？；!?;：:）)"
_LIST_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．]|第)")
# Words of table 四's header (复议/诉讼 groups and results); a line made of them is skipped.
_REVIEW_HEADER_CHARS = set("行政复议诉讼未经直接起后结果维持纠正其他尚审总计注含上年度结转数量情况表四、，,。：:（）() ")


@dataclass
class TextRow:
    """Label fragments (the line's own label first, then earlier label-only lines) and numbers."""
    fragments: list
    numbers: list
    lines: list = field(default_factory=list)

    def candidates(self):
        """Labels to try, most specific first: own label, then joined with 1–2 earlier lines."""
        own, earlier = self.fragments[0], self.fragments[1:]
        out = [own] if own else []
        joined = own
        for fragment in earlier:
            joined = fragment + joined
            out.append(joined)
        return [label for label in out if label]


def text_lines(text):
    """``(lines, junk)``: the cleaned lines ("" marks a blank line) and the number of junk lines."""
    lines, junk = [], 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if is_junk_line(raw):
            junk += 1
            continue
        line = squeeze(_MARKDOWN_PREFIX.sub("", raw))
        lines.append(line)
    return lines, junk


def tokenize(line):
    """``(label, numbers)``: the trailing numeric cells of a line and the text before them."""
    if "|" in line or "｜" in line:
        cells = [c.strip() for c in re.split(r"[|｜]", line)]
        cells = [c for c in cells if c]
    else:
        cells = line.split()
    numbers = []
    while cells and is_number_token(cells[-1]):
        numbers.insert(0, parse_number(cells.pop())[0])
    label = clean_text(" ".join(cells)).replace(" ", "")
    return label, numbers


def text_rows(lines):
    """Every label-and-numbers row of the text, in order."""
    rows, pending, group = [], [], None   # pending: [(label, line index)], most recent last

    def close_group():
        nonlocal group
        if group is not None and group.numbers:
            rows.append(group)
        group = None

    for index, line in enumerate(lines):
        if not line:
            continue
        label, numbers = tokenize(line)
        if label and numbers:
            close_group()
            rows.append(TextRow([label] + [p for p, _i in pending[::-1][:2]], numbers, [index]))
            pending = []
        elif label:
            if group is not None and group.numbers:
                close_group()
                pending = []
            pending = (pending + [(label, index)])[-3:] if len(label) <= 60 else []
        elif numbers:
            if group is None:
                recent = pending[::-1][:3]
                group = TextRow([p for p, _i in recent] or [""], [], [i for _p, i in recent[:1]])
            group.numbers += numbers
            group.lines.append(index)
    close_group()
    return rows


def _is_review_header(line):
    chars = [ch for ch in line if re.match(rf"[{CJK}]", ch)]
    if not chars:
        return False
    known = sum(1 for ch in chars if ch in _REVIEW_HEADER_CHARS)
    return known >= 0.8 * len(chars)


def text_review_figures(lines):
    """Table 四 in text: after a line mentioning 行政复议, header lines then exactly 15 numbers
    (on one line or several). ``(figures, consumed_line_indexes)`` or ``(None, [])``."""
    for start, line in enumerate(lines):
        if "行政复议" not in norm(line):
            continue
        numbers, used = [], []
        for index in range(start + 1, min(len(lines), start + 40)):
            current = lines[index]
            if not current:
                continue
            label, values = tokenize(current)
            if values and not label:
                numbers += values
                used.append(index)
            elif _is_review_header(current):
                continue
            else:
                break
        if len(numbers) == 15:
            return numbers, used
    return None, []


def reflow(lines):
    """Paragraphs from lines: a line that a PDF wrapped (long, no closing punctuation) is joined
    with the next one unless that starts a heading or a list item."""
    paragraphs, current = [], ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and (len(current) < 15 or current[-1] in _TERMINAL or _LIST_START.match(line)
                        or sum(1 for _ in re.finditer(r"\d+", current)) >= 3):
            paragraphs.append(current)
            current = ""
        current += line
    if current:
        paragraphs.append(current)
    return paragraphs
