"""The annual report's tables as layout data: the official merged-cell layout of the 2021 format
(国办公开办函〔2021〕30号), drawn from a statistics dict (see ``format.py``).

A ``Table`` is a list of rows of ``Cell``s with HTML-style ``colspan``/``rowspan``. The HTML
template (``reports/table.html``), the XLSX export (``exports.py``) and the charts' data tables
all draw from it, so the page, the spreadsheet and the printed report cannot disagree. Pure
Python: no models, no requests.

Official strings (captions, group and row labels, column headings) are printed exactly as the
national table prints them and never translated; everything else is wrapped in ``gettext``.

Accessibility: every header cell gets a ``scope`` and an ``id``, and every data cell the
``headers`` of the cells that label it (computed from the grid, as WCAG technique H43 does
for multi-level tables), so a screen reader announces e.g. "商业企业, 法人或其他组织, 1.属于国家秘密,
（三）不予公开" for a cell of table 三.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from typing import NamedTuple

from django.utils.translation import gettext as _

from . import format as fmt

CAPTIONS = {
    "proactive": "表二 主动公开政府信息情况",
    "requests": "表三 收到和处理政府信息公开申请情况",
    "review": "表四 政府信息公开行政复议、行政诉讼情况",
}
INFORMATION_CONTENT = "信息内容"
APPLICANTS = "申请人情况"
ORGANISATIONS = "法人或其他组织"
LAWSUIT = "行政诉讼"



@dataclass(eq=False)
class Cell:
    """One cell of a table. ``text`` is what is shown; ``value`` the figure behind it (numbers
    stay numbers in the XLSX export; ``None`` = not filled in)."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    scope: str | None = None  # "col", "colgroup", "row" or "rowgroup" for header cells
    path: str | None = None  # the statistics cell path (overrides, diffs)
    overridden: bool = False
    numeric: bool = False
    classes: str = ""
    value: object = None
    id: str = ""  # DOM id of a header cell (referred to by data cells' ``headers``)
    headers: str = ""  # space-separated ids of the header cells labelling a data cell
    note: int | None = None  # footnote number of an overridden cell
    comment: str = ""  # the override's explanation (an XLSX cell comment)
    url: str = ""  # a link (the per-organ table's source reports)

    @property
    def tag(self):
        return "th" if self.header else "td"

    @property
    def unknown(self):
        """A figure cell whose figure is unknown (not read from an imported report, or not
        entered yet): shown blank."""
        return self.numeric and self.value is None and not self.header

    @property
    def css_class(self):
        names = []
        if self.numeric:
            names.append("wd-num")
        if self.overridden:
            names.append("wd-overridden")
        if self.classes:
            names.append(self.classes)
        return " ".join(names)


class Section(NamedTuple):
    tag: str  # "thead" or "tbody"
    rows: list


@dataclass
class Table:
    """A table: header rows, body rows (``body_groups`` are the body rows that start a new
    ``<tbody>``), footnotes (one per overridden cell, numbered from 1) and an optional
    explanatory ``description``."""

    key: str
    caption: str
    head: list = field(default_factory=list)
    body: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    body_groups: list = field(default_factory=list)
    colgroups: list = field(default_factory=list)  # spans of <colgroup> elements, if any
    description: str = ""
    sheet_name: str = ""

    @property
    def dom_id(self):
        return f"wd-table-{self.key}"

    @property
    def width(self):
        rows = self.head or self.body
        return width_of(rows) if rows else 0

    @property
    def tbodies(self):
        starts = sorted({0, *self.body_groups})
        ends = starts[1:] + [len(self.body)]
        return [self.body[start:end] for start, end in zip(starts, ends) if start < end]

    @property
    def sections(self):
        """``thead``/``tbody`` groups in order, for templates."""
        sections = [Section("thead", self.head)] if self.head else []
        return sections + [Section("tbody", rows) for rows in self.tbodies]

    @property
    def rows(self):
        return self.head + self.body

    def cells(self):
        for row in self.rows:
            yield from row


# -- the grid ---------------------------------------------------------------------------------

def place(rows):
    """Where each cell sits: ``[(row, column, cell), …]`` with rowspans pushing later cells
    right, as HTML lays tables out. Raises ``ValueError`` if two cells overlap."""
    taken = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            slots = {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            if slots & taken:
                raise ValueError(f"cell {cell.text!r} overlaps another at row {r}")
            taken |= slots
            placed.append((r, c, cell))
            c += cell.colspan
    return placed


def width_of(rows):
    return max((c + cell.colspan for _r, c, cell in place(rows)), default=0)


def grid(rows):
    """The expanded grid: ``grid[r][c]`` is the cell covering that slot (``None`` for a hole)."""
    placed = place(rows)
    height = max((r + cell.rowspan for r, _c, cell in placed), default=0)
    width = max((c + cell.colspan for _r, c, cell in placed), default=0)
    slots = [[None] * width for _ in range(height)]
    for r, c, cell in placed:
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                slots[r + dr][c + dc] = cell
    return slots


def _assign_headers(table):
    """Give header cells ids and data cells the ids of their headers (HTML's own algorithm,
    simplified: up each column to the nearest block of headers, left along each row)."""
    number = 0
    for cell in table.cells():
        if cell.header:
            number += 1
            cell.id = f"{table.dom_id}-h{number}"
    positions = {id(cell): (r, c) for r, c, cell in place(table.rows)}
    slots = grid(table.rows)
    head_rows = len(table.head)
    for r, c, cell in place(table.rows):
        if cell.header or r < head_rows:
            continue
        found = []
        for column in range(c, c + cell.colspan):
            seen_header = False
            for above in range(r - 1, -1, -1):
                other = slots[above][column]
                if other is None or other is cell:
                    continue
                if other.header and other.scope != "row":
                    seen_header = True
                    if all(other is not known for known in found):
                        found.append(other)
                elif not other.header and seen_header:
                    break
        for row in range(r, r + cell.rowspan):
            for left in range(c - 1, -1, -1):
                other = slots[row][left]
                if other is not None and other.header and other.scope in ("row", "rowgroup") \
                        and all(other is not known for known in found):
                    found.append(other)
        found.sort(key=lambda other: positions[id(other)])
        cell.headers = " ".join(other.id for other in found)


# -- values -----------------------------------------------------------------------------------

def format_number(value):
    """A figure as the tables print it: ``None`` → "" (not filled in yet), integers as they
    are, decimals (万元) without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return "0" if text in ("", "-0") else text
    return str(value)


def header(text, scope="col", **kwargs):
    return Cell(text, header=True, scope=scope, **kwargs)


def data(value, path=None, **kwargs):
    numeric = isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    return Cell(format_number(value), path=path, value=value,
                numeric=numeric or value is None, **kwargs)


def _get(stats, path):
    try:
        return fmt.get_cell(stats, path)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _apply_overrides(table, stats):
    """Flag overridden cells and list each override as a numbered footnote."""
    overrides = {o.get("cell"): o for o in stats.get("overrides") or () if isinstance(o, dict)}
    if not overrides:
        return table
    labels = dict(fmt.cell_paths())
    for cell in table.cells():
        override = overrides.get(cell.path) if cell.path else None
        if override is None:
            continue
        cell.overridden = True
        cell.note = len(table.notes) + 1
        note = _("%(cell)s: %(value)s, adjusted from the computed %(computed)s. "
                 "Reason: %(reason)s") % {
            "cell": labels.get(cell.path, cell.path),
            "value": format_number(override.get("value", cell.value)),
            "computed": format_number(override.get("computed")) or "—",
            "reason": override.get("reason") or "—",
        }
        cell.comment = note
        table.notes.append(note)
    return table


def unknown_note(stats=None):
    """The note under a national table with blank (unknown) cells: for a report adding up
    several organs' figures, that a part is unknown; else, that the imported report does not
    give them."""
    if (stats or {}).get("organ_breakdown"):
        return _("Blank cells are figures that are not known for at least one of the organs "
                 "covered (see the figures by organ): they are unknown, not 0.")
    return _("Blank cells are figures the imported report does not give or that could not be "
             "read from it: they are unknown, not 0.")


def _note_unknown(table, paths, stats=None):
    """Add the note on blank (unknown) cells to a national table that has any among ``paths``
    (the cells an import, or an organ's part of a government's report, may leave unknown)."""
    unknown = [cell for cell in table.cells() if cell.unknown and cell.path in paths]
    for cell in unknown:
        cell.classes = " ".join(part for part in (cell.classes, "wd-unknown") if part)
    if unknown:
        table.description = " ".join(part for part in (table.description,
                                                       unknown_note(stats)) if part)
    return table


def finish(table, stats=None):
    """Complete a built table: flag ``stats``' overrides (if given) and link headers."""
    if stats is not None:
        _apply_overrides(table, stats)
    _assign_headers(table)
    return table


# -- table 二 --------------------------------------------------------------------------------

def proactive_table(stats):
    """表二: four stacked sub-tables in one table, each a ``<tbody>`` opened by its Art.20 item.

    Layout as the national format prints it (F30 annex; real 2024/2025 reports): four columns;
    each sub-table starts with "第二十条第（X）项" across the full width, then "信息内容" and its
    column headings. Items with a single measure ((五) (六) (八)) print it across the three value
    columns (colspan 3). The item heading is a header for its whole ``<tbody>``
    (``scope="rowgroup"``).
    """
    proactive = stats.get("proactive") or {}
    body, groups = [], []
    for item, entries in groupby(fmt.PROACTIVE_ITEMS, key=lambda entry: entry[2]):
        entries = list(entries)
        measures = entries[0][3]
        span = 3 // len(measures)
        groups.append(len(body))
        body.append([header(item, scope="rowgroup", colspan=3 + 1, classes="wd-subtable-heading")])
        body.append([header(INFORMATION_CONTENT)]
                    + [header(heading, colspan=span) for _m, heading in measures])
        for key, label, _item, _measures in entries:
            figures = proactive.get(key) or {}
            body.append([header(label, scope="row")]
                        + [data(figures.get(measure), f"proactive.{key}.{measure}", colspan=span)
                           for measure, _heading in measures])
    entered = "、".join(label for key, label, _i, _m in fmt.PROACTIVE_ITEMS
                       if key in fmt.ENTERED_PROACTIVE)
    table = Table("proactive", CAPTIONS["proactive"], [], body, body_groups=groups,
                  sheet_name="表二", description=_(
                      "The figures for %(items)s are not counted from this website's data: "
                      "they are entered from the agency's licensing, enforcement and finance "
                      "records.") % {"items": entered})
    # the entered figures are blank until entered; the counted ones only when an import
    # could not read them
    counted = {f"proactive.{key}.{measure}" for key, _l, _i, measures in fmt.PROACTIVE_ITEMS
               if key not in fmt.ENTERED_PROACTIVE for measure, _h in measures}
    return _note_unknown(finish(table, stats), counted, stats)


# -- table 三 --------------------------------------------------------------------------------

def _request_values(stats, key):
    try:
        values = list(fmt.request_row(stats, key)["values"])
    except (KeyError, TypeError):
        values = []
    return (values + [None] * len(fmt.COLUMNS))[:len(fmt.COLUMNS)]


def requests_table(stats):
    """表三 with its three header rows and 25 body rows (the 22 rows of 三 under one label)."""
    columns = fmt.COLUMNS
    head = [
        [header(fmt.TABLE3_NOTE, colspan=3, rowspan=3, classes="wd-table-note"),
         header(APPLICANTS, scope="colgroup", colspan=len(columns))],
        [header(columns[0][1], rowspan=2),
         header(ORGANISATIONS, scope="colgroup", colspan=len(fmt.ORGANISATION_COLUMN_KEYS)),
         header(columns[-1][1], rowspan=2)],
        [header(label) for key, label in columns if key in fmt.ORGANISATION_COLUMN_KEYS],
    ]
    result_keys = (*fmt.RESULT_ROW_KEYS, fmt.RESULTS_TOTAL)
    group_sizes = {}
    for _key, group, label in fmt.REQUEST_ROWS:
        if group != label:
            group_sizes[group] = group_sizes.get(group, 0) + 1
    body, groups_started = [], set()
    body_groups = [0]
    for key, group, label in fmt.REQUEST_ROWS:
        labels = []
        if key == result_keys[0]:
            body_groups.append(len(body))
            labels.append(header(fmt.RESULTS_HEADING, scope="rowgroup",
                                 rowspan=len(result_keys)))
        if key not in result_keys:
            if key == fmt.CARRIED_FORWARD:
                body_groups.append(len(body))
            labels.append(header(label, scope="row", colspan=3))
        elif group == label:
            labels.append(header(label, scope="row", colspan=2))
        else:
            if group not in groups_started:
                groups_started.add(group)
                # a row header spanning its numbered rows (a ``rowgroup`` scope would cover the
                # whole <tbody>, i.e. every row of 三)
                labels.append(header(group, scope="row", rowspan=group_sizes[group]))
            labels.append(header(label, scope="row"))
        values = _request_values(stats, key)
        body.append(labels + [data(value, f"requests.{key}.{column}")
                              for (column, _label), value in zip(columns, values)])
    table = Table("requests", CAPTIONS["requests"], head, body, body_groups=body_groups,
                  colgroups=[3, len(columns)], sheet_name="表三")
    return _note_unknown(finish(table, stats), {cell.path for cell in table.cells()}, stats)


# -- table 四 --------------------------------------------------------------------------------

def review_table(stats):
    """表四: 行政复议 (five columns, each two header rows tall) and 行政诉讼 (two groups of five)."""
    (_review_key, review_label), *lawsuits = fmt.REVIEW_GROUPS
    results = fmt.REVIEW_RESULTS
    head = [
        [header(review_label, scope="colgroup", colspan=len(results)),
         header(LAWSUIT, scope="colgroup", colspan=len(results) * len(lawsuits))],
        [header(label, rowspan=2) for _key, label in results]
        + [header(label, scope="colgroup", colspan=len(results)) for _key, label in lawsuits],
        [header(label) for _group in lawsuits for _key, label in results],
    ]
    row = [data(_get(stats, f"review.{group}.{result}"), f"review.{group}.{result}")
           for group, _g in fmt.REVIEW_GROUPS for result, _r in results]
    table = Table("review", CAPTIONS["review"], head, [row],
                  colgroups=[len(results), len(results) * len(lawsuits)], sheet_name="表四")
    return _note_unknown(finish(table, stats), {cell.path for cell in table.cells()}, stats)


# -- site tables (not part of the national format) -----------------------------------------------

def _channel_label(code, channel_labels):
    if channel_labels and code in channel_labels:
        return str(channel_labels[code])
    if code == "website":
        return _("Government website")
    return code


def has_channels(stats):
    channels = stats.get("channels") or {}
    return bool(channels.get("total")) or any(key != "total" for key in channels)


def channels_table(stats, channel_labels=None):
    """Items published proactively in the year: the distinct total, then per channel."""
    channels = stats.get("channels") or {}
    head = [[header(_("Publication channel")), header(_("Items published"))]]
    body = [[header(_("All channels (an item on several channels is counted once)"),
                    scope="row", classes="wd-total"),
             data(channels.get("total"), classes="wd-total")]]
    for code, count in channels.items():
        if code != "total":
            body.append([header(_channel_label(code, channel_labels), scope="row"), data(count)])
    table = Table("channels", _("Proactively published information by channel"), head, body,
                  description=_("An item published on several channels counts once in the "
                                "total and once for each of its channels, so the channels may "
                                "add up to more than the total."),
                  sheet_name="渠道")
    return finish(table)


def _organ_headings():
    """The per-organ table's column headings, by measure (``government.BREAKDOWN_MEASURES``)."""
    return {
        "requests_new": _("New requests"),
        "requests_carried_over": _("Requests carried over"),
        "requests_concluded": _("Requests concluded"),
        "requests_carried_forward": _("Requests carried forward"),
        "regulation_issued": _("Regulations issued"),
        "normative_document_issued": _("Normative documents issued"),
        "items_published": _("Items published"),
        "licensing_decisions": _("Licensing decisions"),
        "penalty_decisions": _("Penalty decisions"),
        "coercion_decisions": _("Coercion decisions"),
        "fees_amount_wan": _("Fees charged (10,000 yuan)"),
        "reconsiderations": _("Administrative reconsiderations"),
        "lawsuits": _("Administrative lawsuits"),
    }


def _source_cell(source):
    source = source if isinstance(source, dict) else {}
    report = source.get("report") if source.get("kind") == "report" else None
    if isinstance(report, dict):
        text = _("Its report: %(title)s") % {"title": report.get("title") or ""}
        url = report.get("url") or ""
        return Cell(text, url=url if url.startswith(("https://", "http://", "/")) else "")
    return Cell(_("Counted from the data"))


def organ_breakdown_table(stats):
    """One row per organ of a report covering several organs (``government``), and a total row.

    A column is shown when any row has its measure (figures stored before a measure existed do
    not get a column of blanks). A blank cell is unknown; the total of a column with an unknown
    cell is unknown too, never the sum of the known ones.
    """
    from .government import BREAKDOWN_MEASURES, breakdown_totals

    rows = [row for row in stats.get("organ_breakdown") or [] if isinstance(row, dict)]
    headings = _organ_headings()
    keys = [key for key, _path in BREAKDOWN_MEASURES if any(key in row for row in rows)]
    with_source = any("source" in row for row in rows)
    head = [[header(_("Organ"))] + ([header(_("Source of the figures"))] if with_source else [])
            + [header(headings[key]) for key in keys]]
    body = []
    for row in rows:
        organ = row.get("organ") or {}
        body.append([header(organ.get("name") or str(organ.get("id", "")), scope="row")]
                    + ([_source_cell(row.get("source"))] if with_source else [])
                    + [data(row.get(key)) for key in keys])
    body.append([header(_("Total"), scope="row", classes="wd-total")]
                + ([Cell("")] if with_source else [])
                + [data(total, classes="wd-total") for total in breakdown_totals(rows, keys)])
    table = Table("organ_breakdown", _("Figures by organ"), head, body, sheet_name="分机关")
    unknown = [cell for cell in table.cells() if cell.unknown]
    for cell in unknown:
        cell.classes = " ".join(part for part in (cell.classes, "wd-unknown") if part)
    description = _("The official tables add up these organs' figures; a figure entered or "
                    "overridden on this report is shown in them, not here.")
    if unknown:
        description += " " + _("Blank cells are figures that are not known (not 0); a total "
                               "with an unknown part is unknown.")
    table.description = description
    return finish(table)


def _stated_label(key):
    """Label and unit of a stated figure: the official wording where there is one."""
    known = {
        "proactive_total": ("主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条"),
        "requests_received": (_("Requests received"), "件"),
        "fees_yuan": (_("Fees collected (yuan)"), "元"),
        "reconsiderations": (_("Administrative reconsiderations"), "件"),
        "lawsuits": (_("Administrative lawsuits"), "件"),
    }
    return known.get(key, (key, ""))


def legacy_table(stats):
    """A legacy report's figures: its indicator rows as printed (label, value, unit), then any
    stated figure no indicator row already shows.

    Indicators may name the stated figure they give (``"measure"``); without it, a stated
    figure is taken as shown when an indicator has the same value.
    """
    head = [[header(_("Item")), header(_("Figure")), header(_("Unit"))]]
    body = []
    indicators = [i for i in stats.get("indicators") or () if isinstance(i, dict)]
    for indicator in indicators:
        body.append([header(str(indicator.get("label", "")), scope="row"),
                     data(indicator.get("value")), Cell(str(indicator.get("unit") or ""))])
    shown_measures = {i.get("measure") for i in indicators if i.get("measure")}
    shown_values = [i.get("value") for i in indicators]
    for key, value in (stats.get("stated") or {}).items():
        if key in shown_measures or (not shown_measures and value in shown_values):
            continue
        label, unit = _stated_label(key)
        body.append([header(label, scope="row"), data(value), Cell(unit)])
    caption = _("%(year)s annual report: figures as stated") % {"year": stats.get("year", "")}
    table = Table("legacy", caption, head, body, sheet_name="年报数据")
    return finish(table)


def all_tables(stats, channel_labels=None):
    """The tables that apply to the report's format, in the order the report prints them."""
    if stats.get("format") == fmt.FORMAT_2021:
        tables = [proactive_table(stats), requests_table(stats), review_table(stats)]
    else:
        tables = [legacy_table(stats)]
    if has_channels(stats):
        tables.append(channels_table(stats, channel_labels))
    if stats.get("organ_breakdown"):
        tables.append(organ_breakdown_table(stats))
    return tables
