"""HTML input: find the article body of a saved government page and turn it into blocks.

A block is ``("p", text)`` for a paragraph (or a line broken by ``<br>``) or ``("table", Grid)``
for a data table expanded with its ``rowspan``/``colspan``. Scripts, styles, forms, navigation and
the like are dropped first; the article body is the deepest element holding (nearly) all the
report's numbered headings (一、 二、 …), so a site's menus and footers are left out.

Bounded whatever the page holds (see ``import_limits``): a linear pre-scan of the markup refuses
what Python's ``html.parser`` would take hours over (tags and comments never closed: it rescans
the rest of the page for each) before anything is parsed; the parser measures each start tag
before it builds the tag's attributes (``_BoundedHTMLParser``), and the tree (``_BoundedSoup``)
counts elements, attributes, text runs, nesting depth, tables, rows, cells and spanned grid
cells as it is built, stopping at the first limit. The tree is then walked without recursion,
each table is examined once, and a table is expanded into a grid only within the grid budget.
"""

import math
import re
from collections import Counter

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction
from bs4 import Tag
from bs4.builder import HTMLParserTreeBuilder
from bs4.builder._htmlparser import BeautifulSoupHTMLParser
from bs4.exceptions import ParserRejectedMarkup
from django.utils.translation import gettext as _

from .import_base import Grid, ReportImportError, clean_text
from .import_limits import (
    MAX_TAG_PARTS,
    MAX_UNCLOSED,
    Budget,
    LimitExceeded,
    refuse_over,
)

_DROP = ("script", "style", "noscript", "iframe", "template", "svg", "canvas", "form", "select",
         "button", "input", "textarea", "nav", "header", "footer", "head", "meta", "link", "object",
         "embed", "video", "audio", "map")
_BLOCK = {"p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
          "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "center", "pre", "figure", "figcaption",
          "caption", "tr", "td", "th", "tbody", "thead", "tfoot", "hr", "address", "body", "html"}
_HEADING_START = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、．.]")
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_SKIP_NODES = (Comment, Declaration, Doctype, ProcessingInstruction)
# Spans are capped (a larger rowspan/colspan is read as the cap): no national table spans more.
MAX_ROWSPAN, MAX_COLSPAN, MAX_CELL = 200, 60, 300
_BOLD = ("strong", "b")


# -- the pre-scan ---------------------------------------------------------------------------------

# What html.parser opens with "<": a start tag, an end tag, a comment, a declaration, a PI.
_OPENER = re.compile(r"<[a-zA-Z/!?]")
_COMMENT_OPEN = re.compile(r"<!--")
_COMMENT_CLOSE = re.compile(r"--\s*>")          # html.parser's own comment end
_SECTION_OPEN = re.compile(r"<!\[([a-zA-Z][-_.a-zA-Z0-9]*)?")
_SECTION_CLOSE = re.compile(r"]\s*]\s*>")       # <![CDATA[ … ]]>
_MS_SECTION_CLOSE = re.compile(r"]\s*>")         # <![if …]> … <![endif]>
_MS_SECTIONS = {"if", "else", "endif"}
def _count(pattern, text, start, end, most):
    """How many matches of ``pattern`` in ``text[start:end]``, counting no further than
    ``most + 1`` (the matches are not kept: no list grows with the input)."""
    count = 0
    for _match in pattern.finditer(text, start, end):
        count += 1
        if count > most:
            break
    return count


def _last_end(pattern, text):
    """The start of the last match of ``pattern`` in ``text`` (-1 when there is none)."""
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


def _unclosed(text):
    """How many constructs the page opens and never closes, as html.parser sees them: any
    opener after the last ">", a comment after the last comment end, a marked section after
    the last section end. html.parser rescans the rest of the page for each of them."""
    last_gt = text.rfind(">")
    count = _count(_OPENER, text, last_gt + 1, len(text), MAX_UNCLOSED)
    last_comment = _last_end(_COMMENT_CLOSE, text)
    # Comments after the last comment end (those after the last ">" are counted already).
    count += _count(_COMMENT_OPEN, text, max(last_comment - 3, 0), last_gt + 1, MAX_UNCLOSED)
    last_section, last_ms = _last_end(_SECTION_CLOSE, text), _last_end(_MS_SECTION_CLOSE, text)
    for match in _SECTION_OPEN.finditer(text, 0, max(last_gt + 1, 0)):
        close = last_ms if (match.group(1) or "").lower() in _MS_SECTIONS else last_section
        if match.start() + 3 > close:
            count += 1
        if count > MAX_UNCLOSED:
            break
    return count


def prescan(text):
    """Refuse, before parsing, markup that html.parser would read in more than linear time:
    more than ``MAX_UNCLOSED`` constructs never closed."""
    if _unclosed(text) > MAX_UNCLOSED:
        raise LimitExceeded("unclosed")


# -- the bounded parser ---------------------------------------------------------------------------

def _span_value(value, limit):
    try:
        number = int(str(value if value is not None else "1").strip() or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), limit)


def _span(cell, name, limit):
    return _span_value(cell.get(name, "1"), limit)


class _BoundedSoup(BeautifulSoup):
    """BeautifulSoup with html.parser that counts what it reads and builds against a ``Budget``
    and stops at the first limit (the partial tree is then dropped): everything the parser
    reports (``tokens``), elements, text runs and comments (``nodes``), attributes, nesting
    depth, tables, rows, cells and spanned grid cells."""

    def __init__(self, markup, budget):
        self._budget = budget
        super().__init__(markup, builder=_BoundedBuilder())

    def handle_starttag(self, name, namespace, nsprefix, attrs, *args, **kwargs):
        budget = self._budget
        budget.spend("tokens")
        budget.spend("nodes")
        budget.spend("attributes", len(attrs or ()))
        if name == "table":
            budget.spend("tables")
        elif name == "tr":
            budget.spend("rows")
        elif name in ("td", "th"):
            budget.spend("cells")
            attrs = attrs or {}
            budget.spend("grid", _span_value(attrs.get("rowspan"), MAX_ROWSPAN)
                         * _span_value(attrs.get("colspan"), MAX_COLSPAN))
        tag = super().handle_starttag(name, namespace, nsprefix, attrs, *args, **kwargs)
        refuse_over("depth", len(self.tagStack) - 1)
        return tag

    def handle_endtag(self, name, *args, **kwargs):
        self._budget.spend("tokens")
        return super().handle_endtag(name, *args, **kwargs)

    def handle_data(self, data):
        self._budget.spend("tokens")
        return super().handle_data(data)

    def object_was_parsed(self, o, *args, **kwargs):
        if not isinstance(o, Tag):
            self._budget.spend("nodes")
        return super().object_was_parsed(o, *args, **kwargs)


# CPython 3.11's html.parser reads a start tag with three regular expressions whose repeated
# groups keep backtracking state for every attribute and every space or "/" between them
# (about 150 bytes each, and again about 0.5 KB per attribute built): one tag of megabytes
# costs gigabytes. These are the same expressions with the repeated groups possessive (``*+``:
# no state kept; they match exactly as the originals, which never need to backtrack), used to
# measure a tag before html.parser reads it.
_START_TAG_END = re.compile(r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*
  (?:[\s/]*
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*
      (?:\s*=+\s*
        (?:'[^']*'
          |"[^"]*"
          |(?!['"])[^>\s]*
         )
        \s*
       )?(?:\s|/(?!>))*+
     )*+
   )?
  \s*
""", re.VERBOSE)
_TAG_NAME = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*+")
_ATTRIBUTE = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*+")


def tag_parts(text, start):
    """The attributes of the start tag at ``start``, plus the spaces and slashes between them
    (quoted values not counted), as html.parser will read them; counting stops past
    ``MAX_TAG_PARTS``. Neither time nor memory grows beyond that, however long the tag."""
    end = _START_TAG_END.match(text, start).end()
    name = _TAG_NAME.match(text, start + 1)
    if name is None:
        return 0
    parts, position = name.end() - name.end(1), name.end()
    while position < end and parts <= MAX_TAG_PARTS:
        attribute = _ATTRIBUTE.match(text, position)
        if attribute is None:
            break
        value_end = attribute.end(2) if attribute.group(2) is not None else attribute.end(1)
        parts += 1 + attribute.end() - value_end
        position = attribute.end()
    return parts


class _NameCounts(Counter):
    """The void elements (``<br>``) still to be matched by a stray end tag (``</br>``): bs4
    keeps them in a list and searches it at every end tag, quadratic for thousands of each;
    counted by name, each look-up is constant."""

    def append(self, name):
        self[name] += 1

    def remove(self, name):
        self[name] -= 1
        if self[name] <= 0:
            del self[name]


class _BoundedHTMLParser(BeautifulSoupHTMLParser):
    """html.parser that measures each tag (``tag_parts``) before reading it: more than
    ``MAX_TAG_PARTS`` attributes and spaces in one tag, and the page is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.already_closed_empty_element = _NameCounts()

    def check_for_whole_start_tag(self, i):
        refuse_over("tag_parts", tag_parts(self.rawdata, i))
        return super().check_for_whole_start_tag(i)

    def parse_endtag(self, i):
        # An end tag's name is read with the same expression as a start tag's, spaces and all.
        name = _TAG_NAME.match(self.rawdata, i + 2)
        if name is not None:
            refuse_over("tag_parts", name.end() - name.end(1))
        return super().parse_endtag(i)


class _BoundedBuilder(HTMLParserTreeBuilder):
    def feed(self, markup):
        super().feed(markup, _parser_class=_BoundedHTMLParser)


def parse_html(text, budget=None):
    """The page's tree, within the limits (``ReportImportError`` otherwise)."""
    prescan(text)
    try:
        return _BoundedSoup(text, budget if budget is not None else Budget())
    except ParserRejectedMarkup as exc:
        raise ReportImportError(
            _("The page's markup could not be read (it is not well-formed HTML). Save the report "
              "again from the browser, or copy its text into a .txt file.")) from exc


# -- tables ---------------------------------------------------------------------------------------

class _Tables:
    """Each table of a tree examined once: its own rows (not those of a table inside it),
    whether it holds another table, whether it is a data table."""

    def __init__(self, root):
        self._rows, self._nesting, self._data = {}, set(), {}
        for table in root.find_all("table"):
            outer = table.find_parent("table")
            if outer is not None:
                self._nesting.add(id(outer))
        for tr in root.find_all("tr"):
            table = tr.find_parent("table")
            if table is not None:
                self._rows.setdefault(id(table), []).append(tr)

    def rows(self, table):
        return self._rows.get(id(table), [])

    def is_data_table(self, table):
        """A table of figures, not page layout: no nested table, at least two rows, no long
        cells."""
        key = id(table)
        if key not in self._data:
            rows = self.rows(table)
            self._data[key] = key not in self._nesting and len(rows) >= 2 and all(
                len(cell.get_text(strip=True)) <= MAX_CELL
                for tr in rows for cell in tr.find_all(["td", "th"], recursive=False))
        return self._data[key]


def _blocks(node, tables, budget):
    """The blocks of an element in document order: text lines (block boundaries and ``<br>``
    break lines) and data tables. Walked with an explicit stack, never recursively."""
    blocks, buffer = [], []

    def flush():
        raw = "".join(buffer)
        buffer.clear()
        budget.spend("text", len(raw))   # before it is cleaned: cleaning copies it
        text = clean_text(raw)
        if text:
            budget.spend("lines")
            blocks.append(("p", text))

    stack = [(iter(node.children), False)]
    while stack:
        children, flush_after = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if flush_after:
                flush()
            continue
        if isinstance(child, _SKIP_NODES):
            continue
        if isinstance(child, NavigableString):
            buffer.append(str(child))
        elif child.name == "br":
            flush()
        elif child.name == "table" and tables.is_data_table(child):
            flush()
            blocks.append(("table", expand_table(child, tables, budget)))
        elif child.name in _BLOCK or child.name == "table" or (
                child.name in _BOLD and _HEADING_START.match(child.get_text())):
            flush()   # a bold "一、…" run starts a heading even inside a paragraph
            stack.append((iter(child.children), True))
        else:
            stack.append((iter(child.children), False))
        refuse_over("depth", len(stack) - 1)   # the parser already refused deeper pages
    flush()
    return blocks


def _lines(node, tables, budget):
    return [text for kind, text in _blocks(node, tables, budget) if kind == "p"]


def expand_table(table, tables=None, budget=None):
    """The table as a ``Grid`` (rows of ``(cell_id, text)``), merged cells repeated over their
    span. Every position placed and every position of the grid is spent from ``budget``'s
    ``grid`` limit, and the text of every position from its ``text`` limit, before it is
    built."""
    tables = tables if tables is not None else _Tables(table)
    budget = budget if budget is not None else Budget()
    rows = tables.rows(table)
    placed, next_id, width = {}, 0, 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in placed:
                c += 1
            rowspan, colspan = _span(cell, "rowspan", MAX_ROWSPAN), _span(cell, "colspan", MAX_COLSPAN)
            budget.spend("placed", rowspan * colspan)
            text = clean_text(" ".join(_lines(cell, tables, budget)))
            # The tables are read position by position: a merged cell's text once per position.
            budget.spend("grid_text", rowspan * colspan * len(text))
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = (next_id, text)
            next_id += 1
            c += colspan
            width = max(width, c)
    budget.spend("placed", len(rows) * width)
    grid = Grid([[placed.get((r, c), (-1 - c, "")) for c in range(width)] for r in range(len(rows))])
    return grid


def _container(root, tables):
    """The deepest element that holds at least ~¾ of the numbered headings of the page."""
    counts, depth = {}, {}
    for text in root.find_all(string=_HEADING_START):
        if isinstance(text, _SKIP_NODES) or any(w in text for w in _TABLE_ROW_WORDS):
            continue
        table = text.find_parent("table")
        if table is not None and tables.is_data_table(table):
            continue
        for level, parent in enumerate(reversed(list(text.parents))):
            counts[id(parent)] = counts.get(id(parent), 0) + 1
            depth[id(parent)] = (level, parent)
    if not counts:
        return root
    best = max(counts.values())
    if best < 2:
        return root
    needed = max(2, math.ceil(best * 0.75))
    level, element = max((depth[key] for key, n in counts.items() if n >= needed),
                         key=lambda pair: pair[0])
    return element


def _remove(nodes):
    """Take ``nodes`` out of the tree, each parent's children gone through once from the end.
    (``extract()`` one by one looks each node up among its siblings first: for thousands of
    comments or scripts side by side that is quadratic.)"""
    chosen = {id(node) for node in nodes}
    parents = {}
    for node in nodes:
        parent = node.parent
        if parent is not None and id(parent) not in chosen:   # inside another one: goes with it
            parents[id(parent)] = parent
    for parent in parents.values():
        for index in range(len(parent.contents) - 1, -1, -1):
            if id(parent.contents[index]) in chosen:
                parent.contents[index].extract(_self_index=index)


def html_blocks(text, budget=None):
    """``(blocks, title_candidates)`` for an HTML document, within the limits of ``budget``
    (a fresh ``import_limits.Budget`` when not given)."""
    budget = budget if budget is not None else Budget()
    soup = parse_html(text, budget)
    titles = []
    for tag in soup.find_all(["h1", "h2"]):
        titles.append(clean_text(tag.get_text(" ")))
    if soup.title and soup.title.string:
        titles.append(re.split(r"\s*[-_|—–]\s*", clean_text(soup.title.string))[0])
    _remove(soup.find_all(string=lambda s: isinstance(s, Comment)))
    _remove(soup.find_all(_DROP))
    tables = _Tables(soup)
    return _blocks(_container(soup, tables), tables, budget), [t for t in titles if t]
