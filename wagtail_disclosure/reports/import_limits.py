"""The limits of the annual-report importer: what one file may hold before it is refused.

A file is read within bounded time and memory whatever it holds: each limit below is checked
while the file is read (before the structure it counts is built, or as it is built), and the
first one passed ends the import with a ``ReportImportError`` that says which limit and its
value; nothing is created. The values are far above any real report (the largest of the
published reports in ``tests/fixtures/reports``: 19 levels of nesting, 1,756 elements, 4 tables,
293 cells spanning 412 grid positions, 216 lines) and far below what would strain a server.

``MAX_DEPTH`` = 128
    Levels of element nesting in an HTML page (``<div><div>…``, tables in tables). Checked as
    the page is parsed; the page is never walked recursively.
``MAX_NODES`` = 100,000
    Elements, text runs and comments of an HTML page; parsing stops at the limit (a parsed
    element costs about 1 KB).
``MAX_TOKENS`` = 300,000
    Everything html.parser reports while reading a page: start and end tags, text runs,
    character references (``&amp;``), comments. Each costs some microseconds, whether it ends in
    the tree or not (an end tag that closes nothing, an entity in a text run).
``MAX_ATTRIBUTES`` = 200,000
    Attributes of all the page's elements together.
``MAX_TAG_PARTS`` = 4,096
    Attributes of one start tag plus the spaces and slashes between them (quoted values not
    counted). html.parser spends about 150 bytes of regular-expression state on each, and
    0.5 KB on each attribute, before the tree sees the tag; so each tag is measured, with
    expressions that keep no such state, before html.parser reads it.
``MAX_UNCLOSED`` = 16
    Tags, comments or declarations that a page opens and never closes (``<a`` with no ``>``
    after it, ``<!--`` with no ``-->``). Python's ``html.parser`` rescans the rest of the page
    for each of them, so many would take hours; a saved page has none, or one cut short at its
    end.
``MAX_TABLES`` = 200, ``MAX_TABLE_ROWS`` = 10,000, ``MAX_TABLE_CELLS`` = 20,000
    Tables, rows and cells (``<td>``/``<th>``) of a page, all tables counted together.
``MAX_GRID_CELLS`` = 100,000
    Grid positions the tables fill: the sum over all cells of ``rowspan × colspan`` (each span
    also capped, see ``import_html.MAX_ROWSPAN``/``MAX_COLSPAN``), and the rows × columns of
    every table expanded into a grid.
``MAX_TEXT_CHARS`` = 1,000,000
    Characters of text: a text file's whole text, or the text of a page's paragraphs and cells
    (a long annual report has about 30,000); and, separately, the text of the tables' grid
    positions, a merged cell's text counted once for each position it covers.
``MAX_LINES`` = 50,000
    Lines of a text file, or paragraphs and table rows of a page.
``MAX_FIGURES`` = 5,000
    Figures with a unit that the text of a legacy report states (each becomes an indicator).

The size of the file itself is bounded before any of this (``max_bytes``, 5 MB by default; the
management command reads no more than that from the file).
"""

from django.utils.translation import gettext as _

from .import_base import ReportImportError

MAX_DEPTH = 128
MAX_NODES = 100_000
MAX_TOKENS = 300_000
MAX_ATTRIBUTES = 200_000
MAX_TAG_PARTS = 4_096
MAX_UNCLOSED = 16
MAX_TABLES = 200
MAX_TABLE_ROWS = 10_000
MAX_TABLE_CELLS = 20_000
MAX_GRID_CELLS = 100_000
MAX_TEXT_CHARS = 1_000_000
MAX_LINES = 50_000
MAX_FIGURES = 5_000


def _messages():
    return {
        "depth": _("The page nests its elements more than %(limit)s levels deep; a saved report "
                   "page is never so deep. Save the report again from the browser, or copy its "
                   "text into a .txt file."),
        "nodes": _("The page has more than %(limit)s elements; it is too large to be read as a "
                   "report. Save only the report's page, or copy its text into a .txt file."),
        "tokens": _("The page has more than %(limit)s tags, text runs and character references; "
                     "it is too large to be read as a report."),
        "attributes": _("The page's elements have more than %(limit)s attributes in all; it is "
                         "too large to be read as a report."),
        "tag_parts": _("A tag of the page holds more than %(limit)s attributes and spaces; a "
                        "saved report page has no such tag."),
        "unclosed": _("The page's markup is broken: more than %(limit)s tags or comments are "
                      "opened and never closed. Save the report again from the browser."),
        "tables": _("The page has more than %(limit)s tables; it is too large to be read as a "
                    "report."),
        "rows": _("The page's tables have more than %(limit)s rows in all; they are too large to "
                  "be read as a report."),
        "cells": _("The page's tables have more than %(limit)s cells in all; they are too large "
                   "to be read as a report."),
        "grid": _("The page's tables span more than %(limit)s grid cells (rowspan × colspan of "
                  "all cells added up); they are too large to be read as a report."),
        "text": _("The file holds more than %(limit)s characters of text; it is too long to be "
                  "read as a report."),
        "lines": _("The file has more than %(limit)s lines or paragraphs; it is too long to be "
                   "read as a report."),
        "figures": _("The text states more than %(limit)s figures; it is too long to be read as "
                     "a report."),
    }


LIMITS = {"depth": MAX_DEPTH, "nodes": MAX_NODES, "tokens": MAX_TOKENS,
          "attributes": MAX_ATTRIBUTES,
          "tag_parts": MAX_TAG_PARTS, "unclosed": MAX_UNCLOSED,
          "tables": MAX_TABLES, "rows": MAX_TABLE_ROWS, "cells": MAX_TABLE_CELLS,
          "grid": MAX_GRID_CELLS, "text": MAX_TEXT_CHARS, "lines": MAX_LINES,
          "figures": MAX_FIGURES}


# Counters checked against another counter's limit: the positions a table's expansion places
# and fills are held to the same bound as the spans the parser counted, and the text of those
# positions (a merged cell's text once for each) to the bound on text.
_COUNTED_AS = {"placed": "grid", "grid_text": "text"}


class LimitExceeded(ReportImportError):
    """A ``ReportImportError`` for a limit passed; ``what`` names it (a key of ``LIMITS``)."""

    def __init__(self, what):
        self.what, self.limit = what, LIMITS[what]
        super().__init__(_messages()[what] % {"limit": f"{self.limit:,}"})


def refuse_over(what, count):
    """Raise ``LimitExceeded`` when ``count`` is over the limit ``what``."""
    if count > LIMITS[what]:
        raise LimitExceeded(what)


class Budget:
    """What one import has read so far, counted against ``LIMITS``; ``spend`` raises
    ``LimitExceeded`` at the first limit passed, before the caller builds what it counted."""

    def __init__(self):
        self.used = dict.fromkeys([*LIMITS, *_COUNTED_AS], 0)

    def spend(self, what, amount=1):
        self.used[what] += amount
        refuse_over(_COUNTED_AS.get(what, what), self.used[what])
