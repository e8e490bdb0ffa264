"""The annual report's tables as an XLSX workbook, drawn from the same ``Table`` layouts as the
HTML (``tables.py``): the merged ranges are exactly the HTML's colspans and rowspans, figures are
stored as numbers, and each overridden figure carries a cell comment with the reason.
"""

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from . import tables as layout

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(bold=True, size=13)
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
LABEL_ALIGNMENT = Alignment(horizontal="left", vertical="center", wrap_text=True)
NUMBER_ALIGNMENT = Alignment(horizontal="right", vertical="center")
TEXT_ALIGNMENT = Alignment(horizontal="left", vertical="center", wrap_text=True)
NOTE_ALIGNMENT = Alignment(horizontal="left", vertical="top", wrap_text=True)
COMMENT_AUTHOR = "wagtail-disclosure"

TABLE_FIRST_ROW = 3  # row 1: the title; row 2: empty
MIN_WIDTH, MAX_WIDTH, SPANNED_MAX_WIDTH = 8, 40, 16


def display_width(text):
    """Spreadsheet column units: CJK (wide) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _alignment(cell):
    if cell.header:
        # row labels read left-aligned; group labels spanning rows are centred, as printed
        return LABEL_ALIGNMENT if cell.scope == "row" and cell.rowspan == 1 else HEADER_ALIGNMENT
    if cell.numeric:
        return NUMBER_ALIGNMENT
    return TEXT_ALIGNMENT


def _column_widths(table):
    """Fit single-column cells; cells spanning rows get narrow columns (they have the height
    to wrap); merged cells across columns do not widen any column."""
    widths = [MIN_WIDTH] * table.width
    for _r, c, cell in layout.place(table.rows):
        if cell.colspan != 1:
            continue
        limit = SPANNED_MAX_WIDTH if cell.rowspan > 1 else MAX_WIDTH
        widths[c] = max(widths[c], min(display_width(cell.text) + 2, limit))
    return widths


def write_table(worksheet, table, title=""):
    """Draw ``table`` on ``worksheet`` under a title row; returns the worksheet."""
    width = max(table.width, 1)
    heading = " ".join(part for part in (title, table.caption) if part)
    worksheet.cell(row=1, column=1, value=heading).font = TITLE_FONT
    worksheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        worksheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    worksheet.row_dimensions[1].height = 24

    last_row = TABLE_FIRST_ROW - 1
    for r, c, cell in layout.place(table.rows):
        row, column = TABLE_FIRST_ROW + r, 1 + c
        last_row = max(last_row, row + cell.rowspan - 1)
        target = worksheet.cell(row=row, column=column)
        if cell.numeric and cell.value is not None:
            target.value = cell.value
        else:
            target.value = cell.text or None
        target.alignment = _alignment(cell)
        if cell.header:
            target.font = HEADER_FONT if "wd-table-note" not in cell.classes else Font()
        if cell.url:
            target.hyperlink = cell.url
        if cell.comment:
            target.comment = Comment(cell.comment, COMMENT_AUTHOR, width=320, height=120)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                worksheet.cell(row=row + dr, column=column + dc).border = BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            worksheet.merge_cells(start_row=row, start_column=column,
                                  end_row=row + cell.rowspan - 1,
                                  end_column=column + cell.colspan - 1)

    extra = [table.description] if table.description else []
    extra += [f"※{number} {note}" for number, note in enumerate(table.notes, start=1)]
    for offset, text in enumerate(extra, start=2):
        row = last_row + offset
        target = worksheet.cell(row=row, column=1, value=text)
        target.alignment = NOTE_ALIGNMENT
        if width > 1:
            worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        worksheet.row_dimensions[row].height = 15 * (1 + display_width(text) // 100)

    for index, column_width in enumerate(_column_widths(table), start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column_width
    if table.head:
        worksheet.freeze_panes = worksheet.cell(row=TABLE_FIRST_ROW + len(table.head), column=1)
        worksheet.print_title_rows = f"{TABLE_FIRST_ROW}:{TABLE_FIRST_ROW + len(table.head) - 1}"
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if width > 6 else "portrait"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    return worksheet


def _sheet_title(table, used):
    name = (table.sheet_name or table.key)[:31]
    for forbidden in "[]:*?/\\":
        name = name.replace(forbidden, " ")
    candidate, number = name, 2
    while candidate in used:
        suffix = f" ({number})"
        candidate, number = name[:31 - len(suffix)] + suffix, number + 1
    used.add(candidate)
    return candidate


def statistics_workbook(stats, title="", channel_labels=None):
    """The report's tables as XLSX bytes: one worksheet per table of ``tables.all_tables``
    (表二, 表三, 表四, then 渠道 and 分机关 when present; a legacy report's stated figures)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in layout.all_tables(stats, channel_labels=channel_labels):
        worksheet = workbook.create_sheet(_sheet_title(table, used))
        write_table(worksheet, table, title)
    if title:
        workbook.properties.title = title
    workbook.properties.creator = COMMENT_AUTHOR
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
