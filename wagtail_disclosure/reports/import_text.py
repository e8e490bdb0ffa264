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
from .import_limits import refuse_over

_MARKDOWN_PREFIX = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|\*\s+)")
_TERMINAL = "。！？；!?;：:）)"
_DIGIT_RUN = re.compile(r"\d+")
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
    """``(lines, junk)``: the cleaned lines ("" marks a blank line) and the number of junk lines.
    More than ``import_limits.MAX_LINES`` lines are refused before any is read."""
    lines, junk = [], 0
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    refuse_over("lines", len(raw_lines))
    for raw in raw_lines:
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
        numbers.append(parse_number(cells.pop())[0])
    numbers.reverse()
    label = clean_text(" ".join(cells)).replace(" ", "")
    return label, numbers


def text_rows(lines):
    """Every label-and-numbers row of the text, in order. More than
    ``import_limits.MAX_FIGURES`` figures in rows are refused."""
    rows, pending, group = [], [], None   # pending: [(label, line index)], most recent last

    def close_group():
        nonlocal group
        if group is not None and group.numbers:
            rows.append(group)
        group = None

    figures = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        label, numbers = tokenize(line)
        figures += len(numbers)
        refuse_over("figures", figures)
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
    tokens = {}   # each line cut up once, however many 行政复议 lines look at it
    for start, line in enumerate(lines):
        if "行政复议" not in norm(line):
            continue
        numbers, used = [], []
        for index in range(start + 1, min(len(lines), start + 40)):
            current = lines[index]
            if not current:
                continue
            if index not in tokens:
                tokens[index] = tokenize(current)
            label, values = tokens[index]
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
    paragraphs, parts, length, numbers = [], [], 0, 0   # the paragraph so far, in parts

    def close():
        if parts:
            paragraphs.append("".join(parts))
        parts.clear()

    for line in lines:
        if not line:
            close()
            length = numbers = 0
            continue
        if parts and (length < 15 or parts[-1][-1] in _TERMINAL or _LIST_START.match(line)
                      or numbers >= 3):
            close()
            length = numbers = 0
        # Runs of digits in the paragraph (counted per line: cheap, and a run never spans two
        # lines of a paragraph unless the first ends in a digit and the next starts with one).
        runs = len(_DIGIT_RUN.findall(line))
        if parts and parts[-1][-1].isdecimal() and line[0].isdecimal() and runs:
            runs -= 1
        parts.append(line)
        length += len(line)
        numbers += runs
    close()
    return paragraphs
