"""The annual report's output side: the official table layouts (tables.py), the HTML template,
the XLSX export (exports.py) and the SVG charts (charts.py).

The layouts are checked against the 2021 national format (国办公开办函〔2021〕30号) as a real
2025 report prints it (the HTML fixture in KIROGOVCOMPARE's filingHtmlImport test): table 三's
25 rows under a 3-row header, the 22-row "三、本年度办理结果" label, table 四's 15 columns.
No database is needed.
"""

import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import openpyxl
import pytest
from django.template.loader import render_to_string
from openpyxl.utils import get_column_letter

from wagtail_disclosure.reports import charts, exports, tables
from wagtail_disclosure.reports import format as fmt

SVG = "{http://www.w3.org/2000/svg}"

# The figures of the real 2025 report in the KG fixture (per column: 一 + 二 = （七） + 四).
NATURAL_PERSON = {
    "new": 13612, "carried_over": 535, "disclosed": 5345, "partially_disclosed": 2120,
    "withheld_state_secret": 13, "withheld_prohibited_by_law": 30,
    "withheld_security_stability": 11, "withheld_third_party": 49,
    "withheld_internal_affairs": 103, "withheld_process_information": 84,
    "withheld_enforcement_file": 282, "withheld_administrative_query": 147,
    "unavailable_not_held": 3075, "unavailable_needs_creation": 177,
    "unavailable_still_unclear": 19, "not_processed_petition": 199, "not_processed_repeat": 147,
    "not_processed_publication": 0, "not_processed_excessive": 100,
    "not_processed_confirmation": 5, "other_no_correction": 315, "other_unpaid_fee": 202,
    "other": 941, "total": 13364, "carried_forward": 783,
}
REVIEW = [376, 97, 196, 121, 790, 16, 1, 12, 27, 56, 74, 1, 30, 51, 156]


def make_stats(year=2025):
    stats = fmt.empty_statistics(year)
    for key, value in NATURAL_PERSON.items():
        fmt.set_cell(stats, f"requests.{key}.natural_person", value)
        fmt.set_cell(stats, f"requests.{key}.total", value)
    stats["proactive"]["regulation"] = {"issued": 3, "repealed": 5, "in_force": 74}
    stats["proactive"]["licensing"]["decisions"] = 11398889
    stats["proactive"]["fees"]["amount_wan"] = 96171.6
    stats["review_litigation"] = list(REVIEW)
    return stats


def expand(rows):
    """Lay ``rows`` out as HTML does and return (grid, cells with their slots). Fails on an
    overlap; the grid's holes are ``None``. Written independently of ``tables.place``."""
    occupied = {}
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in occupied, f"overlap at {(r + dr, c + dc)}"
                    occupied[(r + dr, c + dc)] = cell
            placed.append((r, c, cell))
            c += cell.colspan
    height = max((r for r, _c in occupied), default=-1) + 1
    width = max((c for _r, c in occupied), default=-1) + 1
    grid = [[occupied.get((r, c)) for c in range(width)] for r in range(height)]
    return grid, placed


def assert_rectangular(table):
    """No overlap, no hole, the head's width is the body's width, and no rowspan leaves its
    section (thead or tbody)."""
    widths = set()
    for rows in ([table.head] if table.head else []) + table.tbodies:
        grid, _placed = expand(rows)
        assert len(grid) == len(rows), f"{table.key}: a rowspan leaves its section"
        for r, grid_row in enumerate(grid):
            assert None not in grid_row, f"{table.key}: hole in row {r}"
        widths.add(len(grid[0]))
    assert widths == {table.width}, f"{table.key}: widths {widths}"


def cell_at(table, path):
    [cell] = [cell for cell in table.cells() if cell.path == path]
    return cell


def labels_of(row):
    return [cell.text for cell in row if cell.header]


# -- the layouts ------------------------------------------------------------------------------

def every_table():
    stats = make_stats()
    stats["channels"] = {"total": 10, "website": 10, "weibo": 4}
    stats["organ_breakdown"] = [
        {"organ": {"id": 1, "name": "市发展和改革委员会"}, "requests_new": 5,
         "requests_concluded": 4, "requests_carried_forward": 1, "regulation_issued": 0,
         "normative_document_issued": 2, "items_published": 40}]
    legacy = fmt.empty_statistics(2014, fmt.FORMAT_LEGACY)
    legacy["stated"] = {"proactive_total": 55}
    legacy["indicators"] = [{"label": "通过政府网站主动发布信息数", "value": 28, "unit": "条"}]
    chart_tables = [
        charts.requests_per_year_chart([(2024, 3, 2), (2025, 5, 5)]).table,
        charts.outcomes_mix_chart(stats).table,
        charts.on_time_rate_chart([(2025, 0, 0)]).table,
    ]
    return tables.all_tables(stats) + tables.all_tables(legacy) + chart_tables


@pytest.mark.parametrize("table", every_table(), ids=lambda table: table.key)
def test_every_table_grid_is_rectangular(table):
    assert_rectangular(table)


def test_all_tables_follow_the_format():
    stats = make_stats()
    assert [t.key for t in tables.all_tables(stats)] == ["proactive", "requests", "review"]
    stats["channels"] = {"total": 3, "website": 3}
    stats["organ_breakdown"] = [{"organ": {"id": 1, "name": "甲"}}]
    assert [t.key for t in tables.all_tables(stats)] == [
        "proactive", "requests", "review", "channels", "organ_breakdown"]
    legacy = fmt.empty_statistics(2014, fmt.FORMAT_LEGACY)
    assert [t.key for t in tables.all_tables(legacy)] == ["legacy"]


def test_requests_table_layout():
    table = tables.requests_table(make_stats())
    assert table.caption == "表三 收到和处理政府信息公开申请情况"
    assert len(table.head) == 3
    assert len(table.body) == 25
    assert table.width == 10
    note, applicants = table.head[0]
    assert (note.text, note.colspan, note.rowspan) == (fmt.TABLE3_NOTE, 3, 3)
    assert (applicants.text, applicants.colspan) == ("申请人情况", 7)
    assert [(c.text, c.colspan, c.rowspan) for c in table.head[1]] == [
        ("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)]
    assert [c.text for c in table.head[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

    body = table.body
    for index in (0, 1, 24):
        [label] = [c for c in body[index] if c.header]
        assert label.colspan == 3
    assert labels_of(body[0]) == ["一、本年新收政府信息公开申请数量"]
    assert labels_of(body[1]) == ["二、上年结转政府信息公开申请数量"]
    assert labels_of(body[24]) == ["四、结转下年度继续办理"]
    results = body[2][0]
    assert (results.text, results.rowspan, results.scope) == ("三、本年度办理结果", 22, "rowgroup")
    assert [(c.text, c.colspan) for c in body[2][1:2]] == [("（一）予以公开", 2)]
    assert [(c.text, c.colspan) for c in body[3][:1]] == [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2)]
    assert [(c.text, c.colspan) for c in body[23][:1]] == [("（七）总计", 2)]
    groups = [(c.text, c.rowspan) for row in body for c in row
              if c.header and c.rowspan > 1 and c is not results]
    assert groups == [("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)]
    assert labels_of(body[4]) == ["（三）不予公开", "1.属于国家秘密"]
    assert labels_of(body[5]) == ["2.其他法律行政法规禁止公开"]
    assert labels_of(body[6]) == ["3.危及“三安全一稳定”"]
    assert labels_of(body[20]) == [
        "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
    # every row's labels are the format's strings, and its 7 cells its paths in column order
    for row, (key, group, label) in zip(body, fmt.REQUEST_ROWS):
        assert label in labels_of(row)
        data = [c for c in row if not c.header]
        assert [c.path for c in data] == [f"requests.{key}.{column}" for column in fmt.COLUMN_KEYS]
        assert all(c.numeric for c in data)
    assert table.tbodies == [body[:2], body[2:24], body[24:]]


def test_requests_table_cell_shows_its_value():
    stats = make_stats()
    fmt.set_cell(stats, "requests.withheld_state_secret.research", 7)
    table = tables.requests_table(stats)
    cell = cell_at(table, "requests.withheld_state_secret.research")
    assert (cell.text, cell.value) == ("7", 7)
    # it sits where the printed table has it: the row of 1.属于国家秘密, the 科研机构 column
    grid, _placed = expand(table.rows)
    head_row = grid[2]
    row = next(r for r in grid if any(c.text == "1.属于国家秘密" for c in r if c))
    column = row.index(cell)
    assert head_row[column].text == "科研机构"
    assert cell_at(table, "requests.new.natural_person").text == "13612"


def test_data_cells_name_their_headers():
    table = tables.requests_table(make_stats())
    ids = {c.id: c.text for c in table.cells() if c.header}
    assert all(c.id for c in table.cells() if c.header)
    cell = cell_at(table, "requests.withheld_state_secret.research")
    assert [ids[i] for i in cell.headers.split()] == [
        "申请人情况", "法人或其他组织", "科研机构", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    total = cell_at(table, "requests.carried_forward.total")
    assert [ids[i] for i in total.headers.split()] == ["申请人情况", "总计", "四、结转下年度继续办理"]
    proactive = tables.proactive_table(make_stats())
    ids = {c.id: c.text for c in proactive.cells() if c.header}
    coercion = cell_at(proactive, "proactive.coercion.decisions")
    assert [ids[i] for i in coercion.headers.split()] == [
        "第二十条第（六）项", "本年处理决定数量", "行政强制"]


def test_proactive_table_layout():
    table = tables.proactive_table(make_stats())
    assert table.caption == "表二 主动公开政府信息情况"
    assert table.width == 4
    assert len(table.tbodies) == 4
    headings = [rows[0][0] for rows in table.tbodies]
    assert [(c.text, c.colspan, c.scope) for c in headings] == [
        ("第二十条第（一）项", 4, "rowgroup"), ("第二十条第（五）项", 4, "rowgroup"),
        ("第二十条第（六）项", 4, "rowgroup"), ("第二十条第（八）项", 4, "rowgroup")]
    first, licensing, penalty, fees = table.tbodies
    assert labels_of(first[1]) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [c.text for c in first[2]] == ["规章", "3", "5", "74"]
    assert labels_of(first[3]) == ["行政规范性文件"]
    assert [(c.text, c.colspan) for c in licensing[1]] == [("信息内容", 1), ("本年处理决定数量", 3)]
    assert [(c.text, c.colspan) for c in licensing[2]] == [("行政许可", 1), ("11398889", 3)]
    assert [labels_of(row) for row in penalty[2:]] == [["行政处罚"], ["行政强制"]]
    assert labels_of(fees[1]) == ["信息内容", "本年收费金额（单位：万元）"]
    assert [(c.text, c.value) for c in fees[2][1:]] == [("96171.6", 96171.6)]


def test_entered_figures_not_filled_in_are_empty():
    table = tables.proactive_table(fmt.empty_statistics(2025))
    cell = cell_at(table, "proactive.penalty.decisions")
    assert (cell.text, cell.value) == ("", None)
    assert cell_at(table, "proactive.regulation.issued").text == "0"


def test_review_table_layout():
    table = tables.review_table(make_stats())
    assert table.caption == "表四 政府信息公开行政复议、行政诉讼情况"
    assert table.width == 15
    assert [(c.text, c.colspan, c.rowspan) for c in table.head[0]] == [
        ("行政复议", 5, 1), ("行政诉讼", 10, 1)]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [(c.text, c.rowspan) for c in table.head[1][:5]] == [(r, 2) for r in results]
    assert [(c.text, c.colspan) for c in table.head[1][5:]] == [
        ("未经复议直接起诉", 5), ("复议后起诉", 5)]
    assert [c.text for c in table.head[2]] == results * 2
    [row] = table.body
    assert [c.value for c in row] == REVIEW
    assert [c.path for c in row] == [
        f"review.{group}.{result}" for group in fmt.REVIEW_GROUP_KEYS
        for result in fmt.REVIEW_RESULT_KEYS]


def test_scopes():
    table = tables.requests_table(make_stats())
    scopes = {c.text: c.scope for c in table.cells() if c.header}
    assert scopes["申请人情况"] == scopes["法人或其他组织"] == "colgroup"
    assert scopes["自然人"] == scopes["商业企业"] == "col"
    assert scopes["一、本年新收政府信息公开申请数量"] == scopes["1.属于国家秘密"] == "row"
    assert all(c.scope for c in table.cells() if c.header)
    assert not any(c.scope for c in table.cells() if not c.header)


def test_overrides_flag_the_cell_and_list_the_reason():
    stats = make_stats()
    fmt.set_cell(stats, "requests.withheld_state_secret.research", 7)
    fmt.set_cell(stats, "review.reconsideration.pending", 122)
    stats["overrides"] = [
        {"cell": "requests.withheld_state_secret.research", "value": 7, "computed": 5,
         "reason": "两件申请在系统外办理"},
        {"cell": "review.reconsideration.pending", "value": 122, "computed": 121,
         "reason": "复议机关通知晚到"},
    ]
    table = tables.requests_table(stats)
    flagged = [c for c in table.cells() if c.overridden]
    assert [c.path for c in flagged] == ["requests.withheld_state_secret.research"]
    assert flagged[0].note == 1 and flagged[0].text == "7"
    [note] = table.notes
    assert "1.属于国家秘密" in note and "科研机构" in note
    assert "两件申请在系统外办理" in note and "7" in note and "5" in note
    review = tables.review_table(stats)
    assert [c.path for c in review.cells() if c.overridden] == ["review.reconsideration.pending"]
    assert "复议机关通知晚到" in review.notes[0]
    assert tables.proactive_table(stats).notes == []


def test_channels_table_counts_distinct_and_per_channel():
    stats = make_stats()
    stats["channels"] = {"total": 10, "website": 10, "weibo": 4, "gazette": 0}
    table = tables.channels_table(stats, channel_labels={"weibo": "政务微博"})
    rows = [[c.text for c in row] for row in table.body]
    assert rows[0][1] == "10"
    assert rows[1:] == [[rows[1][0], "10"], ["政务微博", "4"], ["gazette", "0"]]
    assert table.description


def test_organ_breakdown_table_has_a_total_row():
    stats = make_stats()
    measures = ("requests_new", "requests_concluded", "requests_carried_forward",
                "regulation_issued", "normative_document_issued", "items_published")
    stats["organ_breakdown"] = [
        {"organ": {"id": 1, "name": "市财政局"}, **dict(zip(measures, (3, 2, 1, 0, 1, 20)))},
        {"organ": {"id": 2, "name": "市教育局"}, **dict(zip(measures, (4, 4, 0, 1, 0, 15)))},
    ]
    table = tables.organ_breakdown_table(stats)
    assert [row[0].text for row in table.body[:2]] == ["市财政局", "市教育局"]
    assert [c.value for c in table.body[2][1:]] == [7, 6, 1, 1, 1, 35]
    assert table.width == 7


def test_legacy_table_lists_stated_figures_once():
    stats = fmt.empty_statistics(2014, fmt.FORMAT_LEGACY)
    stats["stated"] = {"proactive_total": 55}
    table = tables.legacy_table(stats)
    assert [[c.text for c in row] for row in table.body] == [
        ["主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "55", "条"]]
    # the page model lists every stated figure as an indicator too: no duplicate row
    stats["indicators"] = [
        {"label": "主动公开信息数", "value": 55, "unit": "条"},
        {"label": "通过政务微博主动发布信息数", "value": 8, "unit": "条"}]
    table = tables.legacy_table(stats)
    assert [[c.text for c in row] for row in table.body] == [
        ["主动公开信息数", "55", "条"], ["通过政务微博主动发布信息数", "8", "条"]]
    assert table.body[0][1].numeric and table.body[0][1].value == 55


# -- the HTML template ------------------------------------------------------------------------

class CellCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.rows, self.stack, self.ids, self.hrefs = [], 0, [], set(), []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a":
            self.hrefs.append(attrs.get("href"))
        if tag in ("th", "td"):
            self.cells.append((tag, int(attrs.get("colspan", 1)), int(attrs.get("rowspan", 1)),
                               attrs.get("scope"), attrs.get("headers")))
        if tag == "tr":
            self.rows += 1


def render_table(table):
    return render_to_string("wagtail_disclosure/reports/table.html", {"table": table})


@pytest.mark.parametrize("build", [tables.proactive_table, tables.requests_table,
                                   tables.review_table], ids=lambda build: build.__name__)
def test_template_renders_the_layout(build):
    stats = make_stats()
    table = build(stats)
    html = render_table(table)
    parsed = CellCollector()
    parsed.feed(html)
    expected = [("th" if c.header else "td", c.colspan, c.rowspan, c.scope if c.header else None,
                 c.headers or None) for c in table.cells()]
    assert parsed.cells == expected
    assert parsed.rows == len(table.rows)
    assert '<th id="' in html and 'scope="col"' in html
    assert f'<caption id="{table.dom_id}-caption">{table.caption}</caption>' in html
    assert (f'<div class="wd-table-scroll" role="region" aria-labelledby="{table.dom_id}-caption" '
            f'tabindex="0">') in html
    # every headers= id exists in the page
    for *_rest, headers in parsed.cells:
        assert set((headers or "").split()) <= parsed.ids


def test_template_requests_table_spans_and_tbodies():
    html = render_table(tables.requests_table(make_stats()))
    assert 'scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in html
    assert 'scope="row" rowspan="8">（三）不予公开</th>' in html
    assert 'scope="colgroup" colspan="7">申请人情况</th>' in html
    assert 'scope="col" rowspan="2">自然人</th>' in html
    assert html.count("<thead>") == 1 and html.count("<tbody>") == 3
    assert 'class="wd-num" data-cell="requests.new.natural_person">13612</td>' in html


def test_template_marks_overrides_and_links_the_footnote():
    stats = make_stats()
    stats["overrides"] = [{"cell": "requests.new.business", "value": 0, "computed": 1,
                           "reason": "重复登记"}]
    table = tables.requests_table(stats)
    html = render_table(table)
    parsed = CellCollector()
    parsed.feed(html)
    assert 'class="wd-num wd-overridden" data-cell="requests.new.business">0<sup' in html
    assert "※</span>1</a>" in html  # a visible marker, not colour only
    assert f"#{table.dom_id}-note-1" in parsed.hrefs
    assert f"{table.dom_id}-note-1" in parsed.ids
    assert f"#{table.dom_id}-ref-1" in parsed.hrefs and f"{table.dom_id}-ref-1" in parsed.ids
    assert "重复登记" in html


# -- XLSX ---------------------------------------------------------------------------------------

def load(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def expected_merges(table):
    first = exports.TABLE_FIRST_ROW
    merges = set()
    for r, c, cell in tables.place(table.rows):
        if cell.colspan > 1 or cell.rowspan > 1:
            merges.add(f"{get_column_letter(c + 1)}{first + r}:"
                       f"{get_column_letter(c + cell.colspan)}{first + r + cell.rowspan - 1}")
    return merges


def test_xlsx_sheets_merges_numbers_and_comments():
    stats = make_stats()
    fmt.set_cell(stats, "requests.withheld_state_secret.research", 7)
    stats["overrides"] = [{"cell": "requests.withheld_state_secret.research", "value": 7,
                           "computed": 5, "reason": "两件申请在系统外办理"}]
    stats["channels"] = {"total": 10, "website": 10, "weibo": 4}
    workbook = load(exports.statistics_workbook(stats, title="2025年政府信息公开工作年度报告",
                                                channel_labels={"weibo": "政务微博"}))
    assert workbook.sheetnames == ["表二", "表三", "表四", "渠道"]
    for table in tables.all_tables(stats, channel_labels={"weibo": "政务微博"}):
        sheet = workbook[table.sheet_name]
        first, last = exports.TABLE_FIRST_ROW, exports.TABLE_FIRST_ROW + len(table.rows) - 1
        in_table = {str(r) for r in sheet.merged_cells.ranges if first <= r.min_row <= last}
        assert in_table == expected_merges(table), table.key
        assert f"A1:{get_column_letter(table.width)}1" in {str(r) for r in sheet.merged_cells.ranges}
        assert sheet["A1"].value == f"2025年政府信息公开工作年度报告 {table.caption}"

    sheet = workbook["表三"]
    # the 1.属于国家秘密 row is body row 5 (row 3 + 3 header rows + 4); 科研机构 is column F
    cell = sheet["F10"]
    assert cell.value == 7 and isinstance(cell.value, int) and cell.data_type == "n"
    assert "两件申请在系统外办理" in cell.comment.text
    assert sheet["D6"].value == 13612 and sheet["A6"].value == "一、本年新收政府信息公开申请数量"
    assert sheet["A8"].value == "三、本年度办理结果"
    assert sheet["A3"].value == fmt.TABLE3_NOTE
    assert sheet["D3"].font.bold and sheet["D3"].alignment.horizontal == "center"
    assert sheet["D3"].alignment.wrap_text
    assert sheet["D6"].border.left.style == "thin"
    assert any("两件申请在系统外办理" in str(row[0].value) for row in sheet.iter_rows(min_row=29))

    proactive = workbook["表二"]
    assert proactive["B16"].value == 96171.6  # 行政事业性收费, a decimal
    assert proactive["B12"].value is None  # 行政处罚 not filled in: an empty cell, not ""
    review = workbook["表四"]
    assert [review.cell(row=6, column=c).value for c in range(1, 16)] == REVIEW


def test_xlsx_legacy_report_has_one_sheet_of_stated_figures():
    stats = fmt.empty_statistics(2014, fmt.FORMAT_LEGACY)
    stats["stated"] = {"proactive_total": 55}
    workbook = load(exports.statistics_workbook(stats))
    assert workbook.sheetnames == ["年报数据"]
    sheet = workbook["年报数据"]
    assert sheet["B4"].value == 55 and sheet["C4"].value == "条"


# -- charts -------------------------------------------------------------------------------------

def parse_svg(chart):
    root = ET.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text == chart.summary
    return root


def bars(root):
    return [el for el in root.iter(f"{SVG}rect") if el.get("class") == "wd-chart__bar"]


def test_requests_per_year_chart():
    points = [(year, 100 * (year - 2015), 90 * (year - 2015)) for year in range(2016, 2026)]
    chart = charts.requests_per_year_chart(points, prefix="r1")
    root = parse_svg(chart)
    assert len(bars(root)) == 2 * len(points)
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert "1000" in texts and "900" in texts and "2025" in texts  # values printed
    assert all(str(figure) in chart.summary for figure in (2016, 100, 90, 2025, 1000, 900))
    assert len(chart.table.body) == len(points)
    # the tallest bar stays inside the drawing
    height = float(root.get("viewBox").split()[3])
    assert all(0 <= float(bar.get("y")) <= height for bar in bars(root))


def test_requests_chart_handles_zero_one_year_and_large_values():
    zero = parse_svg(charts.requests_per_year_chart([(2025, 0, 0)]))
    assert [float(bar.get("height")) for bar in bars(zero)] == [0, 0]
    big = charts.requests_per_year_chart([(2025, 13612, 13364)], prefix="big")
    root = parse_svg(big)
    heights = [float(bar.get("height")) for bar in bars(root)]
    assert 0 < heights[1] < heights[0]
    assert parse_svg(charts.requests_per_year_chart([])).find(f"{SVG}desc").text


def test_chart_ids_are_unique_per_prefix_and_text_is_escaped():
    first = charts.requests_per_year_chart([(2025, 1, 1)], prefix="a")
    second = charts.requests_per_year_chart([(2025, 1, 1)], prefix="b")
    ids = lambda chart: {el.get("id") for el in ET.fromstring(str(chart.svg)).iter() if el.get("id")}
    assert ids(first) and not ids(first) & ids(second)
    odd = charts.requests_per_year_chart([(2025, 1, 1)], prefix="x", title='<b>&"报告"</b>')
    root = parse_svg(odd)
    assert root.find(f"{SVG}title").text == '<b>&"报告"</b>'


def test_outcomes_mix_chart_sums_the_numbered_rows():
    chart = charts.outcomes_mix_chart(make_stats(), prefix="om")
    root = parse_svg(chart)
    assert len(bars(root)) == 6
    groups = dict(charts.outcome_groups(make_stats()))
    assert groups["（三）不予公开"] == 13 + 30 + 11 + 49 + 103 + 84 + 282 + 147
    assert groups["（六）其他处理"] == 315 + 202 + 941
    assert sum(groups.values()) == 13364  # = （七）总计
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert "5345 (40.0%)" in texts  # count and share printed on the chart
    assert [row[0].text for row in chart.table.body][1] == (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")


def test_outcomes_mix_chart_with_no_requests():
    chart = charts.outcomes_mix_chart(fmt.empty_statistics(2025))
    root = parse_svg(chart)
    assert [float(bar.get("width")) for bar in bars(root)] == [0] * 6
    assert "0 (—)" in [el.text for el in root.iter(f"{SVG}text")]


def test_on_time_rate_chart():
    chart = charts.on_time_rate_chart([(2023, 0, 0), (2024, 200, 180), (2025, 50, 50)],
                                      prefix="ot")
    root = parse_svg(chart)
    assert len(bars(root)) == 2  # no bar for the year with nothing concluded
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert "—" in texts and "90.0%" in texts and "100.0%" in texts
    assert "2023" in chart.summary and "90.0%" in chart.summary
    assert [row[-1].text for row in chart.table.body] == ["—", "90.0%", "100.0%"]


@pytest.mark.parametrize("maximum, expected", [(0, (1, 1)), (1, (1, 1)), (3, (3, 1)),
                                               (7, (8, 2)), (13612, (15000, 5000))])
def test_nice_scale(maximum, expected):
    assert charts.nice_scale(maximum) == expected


def test_chart_template_renders_figure_svg_and_table():
    chart = charts.on_time_rate_chart([(2025, 10, 9)], prefix="tpl")
    html = render_to_string("wagtail_disclosure/reports/chart.html", {"chart": chart})
    assert '<figure class="wd-chart" id="tpl">' in html
    assert f'<figcaption class="wd-chart__caption">{chart.title}</figcaption>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html  # not escaped
    assert f'id="{chart.table.dom_id}"' in html and 'scope="col"' in html
