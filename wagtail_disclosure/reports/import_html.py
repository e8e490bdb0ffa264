"""HTML input: find the article body of a saved government page and turn it into blocks.

A block is ``("p", text)`` for a paragraph (or a line broken by ``<br>``) or ``("table", Grid)``
for a data table expanded with its ``rowspan``/``colspan``. Scripts, styles, forms, navigation and
the like are dropped first; the article body is the deepest element holding (nearly) all the
report's numbered headings (一、 二、 …), so a site's menus and footers are left out.
"""

import math
import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from .import_base import Grid, clean_text

_DROP = ("script", "style", "noscript", "iframe", "template", "svg", "canvas", "form", "select",
         "button", "input", "textarea", "nav", "header", "footer", "head", "meta", "link", "object",
         "embed", "video", "audio", "map")
_BLOCK = {"p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
          "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "center", "pre", "figure", "figcaption",
          "caption", "tr", "td", "th", "tbody", "thead", "tfoot", "hr", "address", "body", "html"}
_HEADING_START = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、．.]")
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_SKIP_NODES = (Comment, Declaration, Doctype, ProcessingInstruction)
MAX_ROWSPAN, MAX_COLSPAN, MAX_CELL = 200, 60, 300
_BOLD = ("strong", "b")


def _span(cell, name, limit):
    try:
        value = int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        value = 1
    return min(max(value, 1), limit)


def _blocks(node):
    """The blocks of an element in document order: text lines (block boundaries and ``<br>``
    break lines) and data tables."""
    blocks, buffer = [], []

    def flush():
        text = clean_text("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(("p", text))

    def walk(element):
        for child in element.children:
            if isinstance(child, _SKIP_NODES):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
            elif child.name == "br":
                flush()
            elif child.name == "table" and _is_data_table(child):
                flush()
                blocks.append(("table", expand_table(child)))
            elif child.name in _BLOCK or child.name == "table" or (
                    child.name in _BOLD and _HEADING_START.match(child.get_text())):
                flush()   # a bold "一、…" run starts a heading even inside a paragraph
                walk(child)
                flush()
            else:
                walk(child)

    walk(node)
    flush()
    return blocks


def _lines(node):
    return [text for kind, text in _blocks(node) if kind == "p"]


def expand_table(table):
    """The table as a ``Grid`` (rows of ``(cell_id, text)``), merged cells repeated over their span."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    placed, next_id, width = {}, 0, 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in placed:
                c += 1
            rowspan, colspan = _span(cell, "rowspan", MAX_ROWSPAN), _span(cell, "colspan", MAX_COLSPAN)
            text = clean_text(" ".join(_lines(cell)))
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = (next_id, text)
            next_id += 1
            c += colspan
            width = max(width, c)
    grid = Grid([[placed.get((r, c), (-1 - c, "")) for c in range(width)] for r in range(len(rows))])
    return grid


def _is_data_table(table):
    """A table of figures, not page layout: no nested table, at least two rows, no long cells."""
    if table.find("table") is not None:
        return False
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    return len(rows) >= 2 and all(len(cell.get_text(strip=True)) <= MAX_CELL
                                  for tr in rows for cell in tr.find_all(["td", "th"], recursive=False))


def _container(root):
    """The deepest element that holds at least ~¾ of the numbered headings of the page."""
    counts, depth = {}, {}
    for text in root.find_all(string=_HEADING_START):
        if isinstance(text, _SKIP_NODES) or any(w in text for w in _TABLE_ROW_WORDS):
            continue
        if text.find_parent("table") is not None and _is_data_table(text.find_parent("table")):
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


def html_blocks(text):
    """``(blocks, title_candidates)`` for an HTML document."""
    soup = BeautifulSoup(text, "html.parser")
    titles = []
    for tag in soup.find_all(["h1", "h2"]):
        titles.append(clean_text(tag.get_text(" ")))
    if soup.title and soup.title.string:
        titles.append(re.split(r"\s*[-_|—–]\s*", clean_text(soup.title.string))[0])
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(_DROP):
        tag.decompose()
    return _blocks(_container(soup)), [t for t in titles if t]
