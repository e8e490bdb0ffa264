"""Shared pieces of the annual-report importer: the error, text clean-up, label and number parsing.

Everything here is pure (no database, no Django models); see ``importers.parse_report``.
"""

import re
import unicodedata
from dataclasses import dataclass, field


class ReportImportError(ValueError):
    """The file cannot be imported as an annual report (the message says why, translated)."""


CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
_SPACE_DIGIT_CJK = re.compile(rf"(?<=\d)\s+(?=[{CJK}])|(?<=[{CJK}])\s+(?=\d)")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_LEADING_NUMBERING = re.compile(r"^(?:第?[一二三四五六七八九十]{1,3}|\d{1,2})(?=[^\d])")
_JUNK_LINE = re.compile(r"^[\s|｜\-=*_~·•.。:：#>+—–]+$")
_PAGE_MARK = re.compile(r"^[-—–]+\s*\d{1,3}\s*[-—–]+$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
BLANK_CELL = {"", "-", "—", "--", "——", "/", "／", "无", "—-"}


def squeeze(text):
    """Collapse whitespace (incl. &nbsp; and full-width spaces) to single spaces."""
    text = (text or "").replace("\xa0", " ").replace("\u3000", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def clean_text(text):
    """``squeeze`` and drop spaces between CJK characters (in HTML they are source formatting;
    in plain text they may separate a heading from its paragraph, so text input only squeezes)."""
    return _SPACE_BETWEEN_CJK.sub("", squeeze(text))


def tight(text):
    """``clean_text`` and also no spaces between digits and CJK ("2024 年" -> "2024年")."""
    return _SPACE_DIGIT_CJK.sub("", clean_text(text))


def norm(text):
    """A label for comparison: NFKC (full-width to half-width), no whitespace, no punctuation or
    quotes of any width."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def strip_numbering(normed):
    """Drop the leading numbering of a ``norm``-ed label: "三不予公开" -> "不予公开", "1属于…" -> "属于…"."""
    return _LEADING_NUMBERING.sub("", normed, count=1)


def is_junk_line(line):
    """Lines made only of table rules, pipes and similar (the sample's trailing "|||…"), or page
    marks like "- 4 -"."""
    stripped = line.strip()
    return bool(stripped) and bool(_JUNK_LINE.match(stripped) or _PAGE_MARK.match(stripped))


# Figures longer than this many digits are not counts any report states (and would lose
# precision or become ``inf`` as floats): they are refused, not read.
MAX_DIGITS = 15
# The largest count a report's text is taken to state (100 million): beyond it, a figure in
# words or digits is a misreading (a phone number, a code), not a count.
MAX_STATED = 100_000_000


def _bounded(compact):
    return len(re.sub(r"\D", "", compact)) <= MAX_DIGITS


def parse_number(text):
    """A cell's figure: ``(value, ok)``. Blank cells mean 0 (the printed tables leave zeros
    blank); full-width digits, thousands separators and spaces are accepted; a trailing unit
    (件, 元, 万元…) is dropped. ``ok`` is False when the cell is not a number at all, or a number
    of more than ``MAX_DIGITS`` digits: the value is then ``None`` (unknown, not 0)."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if raw in BLANK_CELL:
        return 0, True
    compact = re.sub(r"[\s,，']", "", raw)
    compact = re.sub(r"(万元|元|件|条|个|项|次|篇|人)$", "", compact)
    if _NUMBER.match(compact) and _bounded(compact):
        value = float(compact)
        return (int(compact) if "." not in compact else value), True
    return None, False


def is_number_token(token):
    raw = unicodedata.normalize("NFKC", token or "").strip()
    compact = re.sub(r"[,，]", "", raw)
    return bool(_NUMBER.match(compact)) and _bounded(compact) if raw else False


# -- numbers in words ---------------------------------------------------------------------------

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL = "〇零一二两三四五六七八九十百千万"


def _below_ten_thousand(text):
    """``"三千零五"`` -> 3005, ``"十二"`` -> 12, ``"一百五"`` -> 150 (the spoken short form);
    ``None`` when the text is not a well-formed number below 10 000."""
    if text in ("零", "〇"):
        return 0
    total, digit, last_unit, zero = 0, None, 10_000, False
    for ch in text:
        if ch in ("零", "〇"):
            if digit is not None or zero or not total:
                return None           # 零 only stands for a gap between two parts
            zero = True
        elif ch in _DIGITS:
            if digit is not None:
                return None           # two digits in a row: "一二"
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch] if ch in _UNITS else None
            if unit is None or unit >= last_unit:
                return None           # not a numeral, or units not falling ("十百")
            if digit is None:
                if unit != 10 or total:
                    return None       # "百" alone; a bare "十" only leads ("十二")
                digit = 1
            total += digit * unit
            digit, last_unit, zero = None, unit, False
    if digit is not None:
        spoken_short = last_unit in (100, 1000) and not zero
        total += digit * last_unit // 10 if spoken_short else digit   # 一百五 = 150
    elif zero:
        return None                   # a trailing 零: "一百零"
    return total


def chinese_number(text):
    """A count written in Chinese numerals (十二, 二十三, 一百零五, 两, 三万二千), or ``None``.

    Bounded: at most one 万 and nothing larger (亿 is refused), so the value stays below 10⁸;
    malformed sequences ("十百", "一二三") are refused rather than guessed."""
    text = (text or "").strip()
    if not text or len(text) > 20 or any(ch not in CHINESE_NUMERAL for ch in text):
        return None
    if text.count("万") > 1:
        return None
    if "万" in text:
        high, low = text.split("万")
        high_value = _below_ten_thousand(high) if high else None
        if not high_value:
            return None
        if low.startswith(("〇", "零")):
            low = low[1:]
            low_value = _below_ten_thousand(low) if low else 0
        elif low and len(low) == 1 and low in _DIGITS:
            low_value = _DIGITS[low] * 1000    # 三万二 = 32 000
        else:
            low_value = _below_ten_thousand(low) if low else 0
        return None if low_value is None else high_value * 10_000 + low_value
    return _below_ten_thousand(text)


def parse_count(text):
    """A count stated in a sentence: Arabic (full- or half-width, thousands separators) or
    Chinese numerals; ``None`` when it is neither, or larger than ``MAX_STATED``."""
    raw = re.sub(r"[\s,，]", "", unicodedata.normalize("NFKC", text or ""))
    if raw.isdigit() and raw.isascii():
        value = int(raw) if len(raw) <= MAX_DIGITS else None
    else:
        value = chinese_number(raw)
    return value if value is not None and value <= MAX_STATED else None


@dataclass
class Grid:
    """A table expanded into rows × columns; each position holds ``(cell_id, text)`` so that a
    merged cell can be told apart from two equal cells."""
    rows: list = field(default_factory=list)

    @property
    def width(self):
        return max((len(row) for row in self.rows), default=0)

    def distinct(self, row, start=0, stop=None):
        """The cells of a row from column ``start`` to ``stop``, each merged cell once."""
        seen, cells = set(), []
        for cell_id, text in self.rows[row][start:stop]:
            if cell_id in seen:
                continue
            seen.add(cell_id)
            cells.append(text)
        return cells

    def text_rows(self):
        return [" ".join(t for t in self.distinct(r) if t) for r in range(len(self.rows))]

