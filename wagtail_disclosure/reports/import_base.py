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


def parse_number(text):
    """A cell's figure: ``(value, ok)``. Blank cells mean 0; full-width digits, thousands
    separators and spaces are accepted; a trailing unit (件, 元, 万元…) is dropped. ``ok`` is False
    when the cell is not a number at all (the value is then 0)."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if raw in BLANK_CELL:
        return 0, True
    compact = re.sub(r"[\s,，']", "", raw)
    compact = re.sub(r"(万元|元|件|条|个|项|次|篇|人)$", "", compact)
    if _NUMBER.match(compact):
        value = float(compact)
        return (int(value) if value.is_integer() and "." not in compact else value), True
    return 0, False


def is_number_token(token):
    raw = unicodedata.normalize("NFKC", token or "").strip()
    return bool(_NUMBER.match(re.sub(r"[,，]", "", raw))) if raw else False


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

