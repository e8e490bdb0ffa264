"""Importing a published annual report (年度报告) from an HTML page or a text file: the pure core.

``parse_report(data, filename=…, max_bytes=…, year=None)`` returns an ``ImportResult``: the title,
year and organ it found, the preamble and the top-level sections as simple HTML, and a statistics
dict (see ``format.py``) with the figures it could read, the integrity checks over them, and what
was and was not recognised. Nothing is fixed: figures are kept as printed and failed checks are
reported. A figure the file does not give, or that could not be read (a table cut off or not
recognised, a cell that is not a number), is unknown: ``None`` in the statistics, never 0; the
checks that involve it are "not evaluable", and ``ImportResult.unread`` lists them. No database
and no models are involved; the management command and the admin call it.

The work is split by step: ``import_decode`` (bytes to text), ``import_html`` / ``import_text``
(blocks and lines), ``import_sections`` (headings, title, year, organ), ``import_tables`` (表二/三/四),
``import_legacy`` (figures stated in the text of older reports).

Any file is read within bounded time and memory: ``import_limits`` lists what a file may hold
(nesting depth, elements, tables, rows, cells, spanned grid cells, characters, lines, figures),
each counted while the file is read; the first limit passed raises ``LimitExceeded``, a
``ReportImportError`` whose message names it, before the structure it counts is built.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import format as fmt
from .checks import check_counts, run_checks
from .import_base import ReportImportError, is_junk_line, norm, tight
from .import_decode import check_size, decode
from .import_html import html_blocks
from .import_legacy import fees_collected, stated_figures
from .import_limits import Budget, refuse_over
from .import_sections import find_organ, find_title, find_year, is_metadata_line, split_sections
from .import_tables import (
    OTHER_SINGLE,
    apply_table2,
    classify,
    table2_from_grid,
    table2_from_text,
    table3_from_grid,
    table3_from_text,
    table4_from_grid,
)
from .import_text import reflow, text_lines, text_review_figures, text_rows

__all__ = ["ImportResult", "ReportImportError", "describe_unread", "parse_report"]

_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".xml", ".jsp", ".asp", ".aspx", ".php")
_TEXT_SUFFIXES = (".txt", ".md", ".text", ".csv")
_SECTION_WORDS = ("总体情况", "概述", "主动公开", "收到和处理", "依申请公开", "行政复议", "存在的主要问题",
                  "存在问题", "其他需要报告")
_LIST_BREAK = re.compile(r"\s+(?=\d{1,2}\s*[.、．]\D|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]是)")
_TRIAL_WORDS = ("本年新制作数量", "上一年项目数量", "采购项目数量")
_2021_WORDS = ("本年制发件数", "本年处理决定数量", "本年收费金额")


@dataclass
class ImportResult:
    title: str = ""
    year: int | None = None
    organ_name: str = ""
    format: str = fmt.FORMAT_LEGACY
    preamble: str = ""
    sections: list = field(default_factory=list)
    statistics: dict = field(default_factory=dict)
    checks: list = field(default_factory=list)
    recognised: list = field(default_factory=list)
    unrecognised: list = field(default_factory=list)
    unread: list = field(default_factory=list)   # the figures left unknown, table by table


@dataclass
class _Document:
    """What the HTML or text reader found, before sections and statistics are built."""
    items: list = field(default_factory=list)      # ("p", text) / ("blank", None), in order
    title_lines: list = field(default_factory=list)
    title_extra: list = field(default_factory=list)
    table2: object = None
    table3: object = None
    table3_ok: bool = False
    table4: list = None
    trial_text: bool = False
    text_mode: bool = False
    recognised: list = field(default_factory=list)
    unrecognised: list = field(default_factory=list)


def _is_html(filename, text):
    name = (filename or "").lower()
    if name.endswith(_HTML_SUFFIXES):
        return True
    if name.endswith(_TEXT_SUFFIXES):
        return False
    head = text.lstrip()[:2000].lower()
    return head.startswith("<") or any(tag in head for tag in ("<html", "<body", "<p", "<div", "<table"))


def _read_html(text):
    doc = _Document()
    blocks, doc.title_extra = html_blocks(text, Budget())
    junk = 0
    for kind, value in blocks:
        if kind == "p":
            if is_junk_line(value):
                junk += 1
            else:
                doc.items.append(("p", value))
                doc.title_lines.append(value)
            continue
        grid, kinds, used = value, classify(value), False
        shape = f"{len(grid.rows)} rows × {grid.width} columns"
        if "三" in kinds and doc.table3 is None:
            table3 = table3_from_grid(grid)
            if table3 is not None and len(table3.rows) >= 3:
                doc.table3, doc.table3_ok, used = table3, True, True
                doc.recognised.append(f"table 三: {len(table3.rows)} rows × 7 columns ({shape} in the page)")
                if table3.columns_guessed:
                    doc.unrecognised.append("table 三: applicant columns not found in the header; "
                                            "the last seven columns were taken in the printed order")
        if "四" in kinds and doc.table4 is None:
            figures = table4_from_grid(grid)
            if figures is not None:
                doc.table4, used = figures, True
                doc.recognised.append(f"table 四: 15 figures ({shape} in the page)")
        if "二" in kinds:
            table2 = table2_from_grid(grid)
            if table2 is not None:
                used = True
                if doc.table2 is None:
                    doc.table2 = table2
                else:
                    doc.table2.entries += table2.entries
                    doc.table2.trial |= table2.trial
                doc.table2.is2021 = doc.table2.is2021 or any(
                    w in norm(h) for _l, pairs in table2.entries for h, _v in pairs for w in _2021_WORDS)
        if not used:
            rows = [row for row in grid.text_rows() if row]
            doc.items += [("p", row) for row in rows]
            doc.unrecognised.append(f"table not recognised ({shape}); kept as text")
    if junk:
        doc.unrecognised.append(f"ignored {junk} junk lines")
    return doc


def _read_text(text):
    doc = _Document(text_mode=True)
    refuse_over("text", len(text))
    lines, junk = text_lines(text)
    if not any(lines):
        raise ReportImportError(_("The file has no text (it is empty or holds only blank or junk lines)."))
    doc.title_lines = [line for line in lines if line][:12]
    rows = text_rows(lines)
    compact = norm(text)
    doc.trial_text = any(norm(w) in compact for w in _TRIAL_WORDS)
    consumed = set()
    table3, used3 = table3_from_text(rows)
    table3.trial_hint = doc.trial_text
    if table3.rows:
        missing = table3.missing()
        if not missing and table3.in_order():
            doc.table3, doc.table3_ok = table3, True
            consumed.update(i for row in used3 for i in row.lines)
            doc.recognised.append(f"table 三 (from text): {len(table3.rows)} rows × 7 columns")
        else:
            why = (f"{len(table3.rows)} of {len(table3.expected_keys())} rows found"
                   if missing else "rows out of order")
            doc.unrecognised.append(f"table 三 (text): {why}; not reliable, figures not imported"
                                    + (f" (missing: {', '.join(missing[:6])}…)" if missing else ""))
    table2, used2 = table2_from_text(rows, doc.trial_text)
    if table2 is not None:
        table2.is2021 = any(norm(w) in compact for w in _2021_WORDS)
        doc.table2 = table2
        consumed.update(i for row in used2 for i in row.lines)
    figures, used4 = text_review_figures(lines)
    if figures is not None:
        doc.table4 = figures
        consumed.update(used4)
        doc.recognised.append("table 四 (from text): 15 figures")
    table_lines = 0
    for index, line in enumerate(lines):
        if index in consumed:
            continue
        if line.startswith(("|", "｜")) and line.endswith(("|", "｜")):
            table_lines += 1   # a markdown table row: not section text
            continue
        doc.items.append(("p", line) if line else ("blank", None))
    if table_lines:
        doc.unrecognised.append(f"left {table_lines} table lines (| … |) out of the section text")
    if junk:
        doc.unrecognised.append(f"ignored {junk} junk lines")
    return doc


def _paragraphs(items, text_mode):
    lines = []
    for kind, value in items:
        if kind == "p":
            lines.append(value)
        elif text_mode:
            lines.append("")
    if text_mode:
        # Text that used spaces for line breaks (the 2014 sample): break before list items too.
        return [part for paragraph in reflow(lines) for part in _LIST_BREAK.split(paragraph) if part]
    return [line for line in lines if line]


def _html(paragraphs):
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def parse_report(data, filename="report.html", max_bytes=5 * 1024 * 1024, year=None):
    """Read an annual report from ``data`` (bytes or str). See the module docstring."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    check_size(raw, max_bytes)
    if not raw.strip():
        raise ReportImportError(_("The file is empty."))
    if isinstance(data, str):
        text, encoding = data, None
    else:
        text, encoding = decode(raw)
    doc = _read_html(text) if _is_html(filename, text) else _read_text(text)
    if not doc.items and doc.table2 is None and not doc.table3_ok and doc.table4 is None:
        raise ReportImportError(_("The file has no text (it is empty or holds only blank or junk lines)."))
    result = ImportResult(recognised=[], unrecognised=[])
    if encoding:
        result.recognised.append(f"encoding: {encoding}")

    # Title, year, organ.
    result.title = find_title(doc.title_lines, doc.title_extra)
    all_text = "\n".join(value for kind, value in doc.items if kind == "p")
    detected, how = find_year(result.title, all_text)
    result.year = year if year is not None else detected
    result.organ_name = find_organ(result.title)
    if result.title:
        result.recognised.append(f"title: {result.title}")
    if year is not None:
        said = f"; the report says {detected}" if detected and detected != year else ""
        result.recognised.append(f"year: {year} (given{said})")
    elif detected:
        result.recognised.append(f"year: {detected} (from the {how})")
    else:
        result.unrecognised.append("no year found")
    if result.organ_name:
        result.recognised.append(f"organ: {result.organ_name}")

    # Sections.
    preamble_items, sections, skipped = split_sections(doc.items)
    title_parts = tight(result.title)
    kept, metadata = [], 0
    for kind, value in preamble_items:
        if kind == "p" and title_parts and tight(value) in title_parts:
            continue
        if kind == "p" and is_metadata_line(value):
            metadata += 1
            continue
        kept.append((kind, value))
    if metadata:
        result.unrecognised.append(f"ignored {metadata} page metadata lines (索引号, 发布日期 …)")
    preamble_paragraphs = _paragraphs(kept, doc.text_mode)
    result.preamble = _html(preamble_paragraphs)
    body_paragraphs = list(preamble_paragraphs)
    for heading, items in sections:
        paragraphs = _paragraphs(items, doc.text_mode)
        body_paragraphs += paragraphs
        result.sections.append((heading, _html(paragraphs)))
        result.recognised.append(f"section: {heading}")
    for numeral in skipped:
        result.unrecognised.append(f"section {numeral}、 not found (the headings skip it)")
    if not sections:
        result.unrecognised.append("no section headings (一、 二、 …) found")

    # Format and statistics.
    trial = bool((doc.table3_ok and doc.table3.trial) or (doc.table2 is not None and doc.table2.trial)
                 or doc.trial_text)
    has_tables = doc.table3_ok or doc.table4 is not None or doc.table2 is not None
    new_tables = doc.table3_ok or doc.table4 is not None or (doc.table2 is not None and doc.table2.is2021)
    old_year = result.year is not None and result.year < 2021
    code = fmt.FORMAT_2021 if (new_tables and not trial and not old_year) else fmt.FORMAT_LEGACY
    result.format = code
    stats = fmt.unknown_statistics(result.year, code)   # only what is read becomes known
    if trial:
        result.recognised.append("format: 2019 trial format (国办公开办函〔2019〕60号): imported as legacy; "
                                 "table 三 rows and table 四 kept, table 二 and （六）其他处理 as indicators")
    elif has_tables and code == fmt.FORMAT_LEGACY:
        result.recognised.append(f"format: tables of a {result.year} report imported as legacy")
    elif code == fmt.FORMAT_2021:
        result.recognised.append("format: 2021 (国办公开办函〔2021〕30号)")
    legacy = code == fmt.FORMAT_LEGACY
    if legacy:
        stated, channels, indicators, seen, unseen = stated_figures(body_paragraphs)
        stats["stated"] = stated
        stats["channels"] = {"total": stated.get("proactive_total"), **channels}
        stats["indicators"] = indicators
        result.recognised += seen
        result.unrecognised += unseen
    if doc.table2 is not None:
        seen, unseen = apply_table2(doc.table2, stats, legacy)
        result.recognised += seen
        result.unrecognised += unseen
    elif code == fmt.FORMAT_2021:
        result.unrecognised.append("table 二 not found")
    if doc.table3_ok:
        for key, values in doc.table3.rows.items():
            if key == OTHER_SINGLE:
                stats["indicators"].append({"label": "（六）其他处理", "value": values[6], "unit": "件",
                                            "values": values})
            else:
                fmt.request_row(stats, key)["values"] = values
        missing = doc.table3.missing()
        if missing:
            result.unrecognised.append(f"table 三: {len(missing)} rows not found, left unknown: "
                                       f"{', '.join(missing)}")
        for label in doc.table3.unmatched:
            result.unrecognised.append(f"table row not recognised: {label}")
        result.unrecognised += doc.table3.notes
    elif code == fmt.FORMAT_2021:
        result.unrecognised.append("table 三 not recognised: its figures are unknown and the checks on "
                                   "them cannot be evaluated")
    if doc.table4 is not None:
        stats["review_litigation"] = list(doc.table4)
    elif code == fmt.FORMAT_2021:
        result.unrecognised.append("table 四 not found")
    if code == fmt.FORMAT_2021:
        fees = fees_collected(_section_paragraphs(sections, "其他需要报告", doc.text_mode))
        if fees is not None:
            stats["fees_collected_yuan"] = fees
            result.recognised.append(f"fees collected (section 六): {fees} 元")
    result.recognised += doc.recognised
    result.unrecognised += doc.unrecognised

    is_report = has_tables or bool(stats["stated"]) or "年度报告" in result.title or any(
        word in heading for heading, _items in sections for word in _SECTION_WORDS)
    if not is_report:
        raise ReportImportError(_(
            "This does not look like an annual report: no report section headings (一、总体情况 …), "
            "no statistics tables and no stated figures were found."))
    result.checks = run_checks(stats)
    stats["checks"] = result.checks
    result.statistics = stats
    if code == fmt.FORMAT_2021:
        result.unread = describe_unread(stats)
    counts = check_counts(result.checks)
    failed = [c["rule"] for c in result.checks if c["ok"] is False]
    if result.checks:
        result.recognised.append(
            f"checks: {counts['passed']} of {len(result.checks)} pass, {counts['failed']} fail, "
            f"{counts['not_evaluable']} cannot be evaluated (a figure they involve was not read)"
            + (f"; failed (figures kept as printed): {', '.join(failed)}" if failed else ""))
    return result


def _section_paragraphs(sections, word, text_mode):
    for heading, items in sections:
        if word in heading:
            return _paragraphs(items, text_mode)
    return []



def describe_unread(stats):
    """What the national tables of ``stats`` leave unknown, as lines for the editor (English,
    like the rest of the import log): whole tables, whole rows, or the cells of a row."""
    unknown = set(fmt.unknown_cells(stats))
    lines = []
    proactive = [(f"proactive.{key}.{measure}", f"{label} · {heading}")
                 for key, label, _item, measures in fmt.PROACTIVE_ITEMS
                 for measure, heading in measures]
    missing = [label for path, label in proactive if path in unknown]
    if missing and len(missing) == len(proactive):
        lines.append("table 二: not read (every cell)")
    elif missing:
        lines.append(f"table 二: not read: {'; '.join(missing)}")
    whole_rows, cut_rows = [], []
    for key, group, label in fmt.REQUEST_ROWS:
        columns = [column_label for column, column_label in fmt.COLUMNS
                   if f"requests.{key}.{column}" in unknown]
        row_label = label if label == group else f"{group} {label}"
        if len(columns) == len(fmt.COLUMNS):
            whole_rows.append(row_label)
        elif columns:
            cut_rows.append(f"{row_label}: {'、'.join(columns)}")
    if len(whole_rows) == len(fmt.REQUEST_ROWS):
        lines.append(f"table 三: not read (all {len(fmt.REQUEST_ROWS)} rows)")
    else:
        if whole_rows:
            lines.append(f"table 三: {len(whole_rows)} rows not read: {'; '.join(whole_rows)}")
        lines += [f"table 三: cells not read in {row}" for row in cut_rows]
    review = [(f"review.{group}.{result}", f"{group_label} · {result_label}")
              for group, group_label in fmt.REVIEW_GROUPS
              for result, result_label in fmt.REVIEW_RESULTS]
    missing = [label for path, label in review if path in unknown]
    if missing and len(missing) == len(review):
        lines.append(f"table 四: not read (all {len(review)} cells)")
    elif missing:
        lines.append(f"table 四: not read: {'; '.join(missing)}")
    if stats.get("fees_collected_yuan") is None:
        lines.append("section 六: fees collected (信息处理费) not stated")
    return lines
