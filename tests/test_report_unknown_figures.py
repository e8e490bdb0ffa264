"""Imported reports are honest about what was not read (issue 10).

A cut-off 2021-format report keeps the rows it read; every figure it does not give is unknown:
``null`` in the page API, a blank cell in the HTML and the XLSX, left out of the charts, and the
checks that involve it are "not evaluable", never "passed". Computed reports are unaffected.
The legacy text importer reads request counts however the sentence states them.
"""

import io
import re
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from tests import factories as f
from wagtail_disclosure.models import AnnualReportPage
from wagtail_disclosure.reports import charts, checks
from wagtail_disclosure.reports import format as fmt
from wagtail_disclosure.reports.import_base import chinese_number, parse_count, parse_number
from wagtail_disclosure.reports.importers import parse_report

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
SAMPLE = FIXTURES / "lucheng-gxs-2014.txt"
SVG = "{http://www.w3.org/2000/svg}"
# The page stops in the middle of table 三's row "4.保护第三方合法权益", after two of its seven
# figures: the rest of the table, table 四 and sections 四 to 六 are not in the file.
CUT_AFTER = "<tr><td>4.保护第三方合法权益</td><td>49</td><td>2</td>"
READ_ROWS = {
    "new": [13612, 252, 0, 45, 128, 32, 14069],
    "carried_over": [535, 6, 0, 1, 18, 0, 560],
    "disclosed": [5345, 129, 0, 41, 19, 14, 5548],
    "partially_disclosed": [2120, 39, 0, 1, 6, 2, 2168],
    "withheld_state_secret": [13, 0, 0, 0, 0, 0, 13],
    "withheld_prohibited_by_law": [30, 0, 0, 0, 0, 0, 30],
    "withheld_security_stability": [11, 0, 0, 0, 0, 0, 11],
}
CUT_ROW = "withheld_third_party"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def cut_report():
    html = (FIXTURES / "kg-ceshishi-2025.html").read_text(encoding="utf-8")
    assert CUT_AFTER in html
    return html[:html.index(CUT_AFTER) + len(CUT_AFTER)]


def values(stats, key):
    return fmt.request_row(stats, key)["values"]


def by_status(results):
    out = {checks.PASSED: set(), checks.FAILED: set(), checks.NOT_EVALUABLE: set()}
    for result in results:
        out[result["status"]].add(result["rule"])
    return out


def unknown_rows():
    return [key for key in fmt.REQUEST_ROW_KEYS if key not in READ_ROWS and key != CUT_ROW]


# -- the pure core -----------------------------------------------------------------------------

def test_the_rows_read_are_kept_and_the_rest_is_unknown():
    result = parse_report(cut_report(), filename="cut.html")
    stats = result.statistics
    assert result.format == fmt.FORMAT_2021 and result.year == 2025
    for key, expected in READ_ROWS.items():
        assert values(stats, key) == expected
    # the cut row: the two figures printed before the cut are read, the others are unknown
    assert values(stats, CUT_ROW) == [49, 2, None, None, None, None, None]
    for key in unknown_rows():
        assert values(stats, key) == [None] * 7, key
    assert stats["review_litigation"] == [None] * 15
    assert stats["fees_collected_yuan"] is None
    assert stats["on_time"] == {"concluded": None, "on_time": None}
    # table 二, printed in full, is read in full
    assert stats["proactive"]["licensing"] == {"decisions": 11398889}


def test_checks_involving_an_unknown_figure_are_not_evaluable_never_passed():
    result = parse_report(cut_report(), filename="cut.html")
    outcome = by_status(result.checks)
    assert outcome[checks.FAILED] == set()
    # every balance needs （七） and 四, which are not in the file
    assert {f"balance:{column}" for column in fmt.COLUMN_KEYS} <= outcome[checks.NOT_EVALUABLE]
    assert {f"results_total:{column}" for column in fmt.COLUMN_KEYS} <= outcome[checks.NOT_EVALUABLE]
    assert {f"review_total:{group}" for group, _l in fmt.REVIEW_GROUPS} <= outcome[checks.NOT_EVALUABLE]
    assert f"columns_total:{CUT_ROW}" in outcome[checks.NOT_EVALUABLE]
    # the rows read in full are checked
    assert outcome[checks.PASSED] == {f"columns_total:{key}" for key in READ_ROWS}
    assert len(result.checks) == 42
    for check in result.checks:
        assert (check["ok"], check["status"]) in {(True, "passed"), (None, "not_evaluable")}
    balance = next(c for c in result.checks if c["rule"] == "balance:natural_person")
    assert balance["detail"] == "自然人: 一 + 二 = 14147; （七） + 四 = not read"
    assert "checks: 7 of 42 pass, 0 fail, 35 cannot be evaluated" in " ".join(result.recognised)
    # nothing to acknowledge before publishing: only failed rules need it
    assert checks.failures(result.checks) == []
    assert checks.check_counts(result.checks) == {"passed": 7, "failed": 0, "not_evaluable": 35}


def test_the_import_lists_what_it_could_not_read():
    result = parse_report(cut_report(), filename="cut.html")
    assert result.unread[0].startswith("table 三: 17 rows not read: （三）不予公开 5.属于三类内部事务信息; ")
    assert "四、结转下年度继续办理" in result.unread[0]
    assert ("table 三: cells not read in （三）不予公开 4.保护第三方合法权益: 科研机构、社会公益组织、法律服务机构、其他、总计"
            in result.unread)
    assert "table 四: not read (all 15 cells)" in result.unread
    assert "section 六: fees collected (信息处理费) not stated" in result.unread
    assert not any(line.startswith("table 二") for line in result.unread)
    assert any("row withheld_third_party is cut short" in line for line in result.unrecognised)


def test_a_table_three_not_recognised_at_all_is_unknown_not_zero():
    """An irregular page whose table 三 cannot be matched: before, it read as all 0 and "42
    checks passed"."""
    html = cut_report().replace("本年新收", "新收到").replace("上年结转", "上年度").replace(
        "本年度办理结果", "办理情况")
    html = re.sub(r"<table>\s*<tr>\s*<td colspan=\"3\" rowspan=\"3\">.*", "<p>（表格略）</p>", html,
                  flags=re.S)
    result = parse_report(html, filename="odd.html")
    assert result.format == fmt.FORMAT_2021
    assert all(row["values"] == [None] * 7 for row in result.statistics["requests"])
    assert "table 三: not read (all 25 rows)" in result.unread
    assert by_status(result.checks)[checks.PASSED] == set()


def test_a_printed_blank_is_zero_but_a_non_number_is_unknown():
    assert parse_number("") == (0, True) and parse_number("—") == (0, True)
    assert parse_number("见附件") == (None, False)
    assert parse_number("9" * 40) == (None, False)        # bounded: never a float ``inf``
    html = (FIXTURES / "kg-ceshishi-2025.html").read_text(encoding="utf-8").replace(
        "<td>13612</td>", "<td>见附件</td>", 1)
    result = parse_report(html, filename="r.html")
    assert values(result.statistics, "new")[0] is None
    assert by_status(result.checks)[checks.NOT_EVALUABLE] == {
        "balance:natural_person", "columns_total:new"}
    assert "table 三: cells not read in 一、本年新收政府信息公开申请数量: 自然人" in result.unread


def test_charts_leave_unknown_figures_out():
    stats = parse_report(cut_report(), filename="cut.html").statistics
    chart = charts.outcomes_mix_chart(stats, prefix="om")
    root = ET.fromstring(str(chart.svg))
    drawn = [bar.find(f"{SVG}title").text for bar in root.iter(f"{SVG}rect")
             if "wd-chart__bar" in (bar.get("class") or "")]
    assert drawn == ["（一）予以公开: 5548", "（二）部分公开: 2168"]
    unknown = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "wd-chart__unknown"]
    assert unknown == ["not read"] * 4
    assert "not read" in chart.summary and "%" not in chart.summary
    assert "（一）予以公开 5548" in chart.summary

    by_year = charts.requests_per_year_chart([(2024, 10, 9), (2025, 14069, None)], prefix="ry")
    root = ET.fromstring(str(by_year.svg))
    titles = [bar.find(f"{SVG}title").text for bar in root.iter(f"{SVG}rect")
              if "wd-chart__bar" in (bar.get("class") or "")]
    assert titles == ["2024 Received: 10", "2024 Concluded: 9", "2025 Received: 14069"]
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "wd-chart__unknown"] == [
        "not read"]
    assert "14069 received, not read concluded" in by_year.summary

    rate = charts.on_time_rate_chart([(2025, None, None)], prefix="ot")
    assert "2025: not read" in rate.summary
    assert not [r for r in ET.fromstring(str(rate.svg)).iter(f"{SVG}rect")
                if "wd-chart__bar" in (r.get("class") or "")]


def test_computed_figures_are_known_and_their_zeros_are_real():
    stats = fmt.empty_statistics(2025)
    results = checks.run_checks(stats)
    assert results and all(c["status"] == "passed" and c["ok"] is True for c in results)
    assert fmt.unknown_cells(stats) == [f"proactive.{key}.{measure}"
                                        for key, _l, _i, measures in fmt.PROACTIVE_ITEMS
                                        if key in fmt.ENTERED_PROACTIVE for measure, _h in measures]
    chart = charts.outcomes_mix_chart(stats)
    assert "not read" not in chart.summary


def test_a_known_mismatch_fails_the_cross_year_rule_even_with_an_unknown_column():
    this, last = fmt.empty_statistics(2025), fmt.empty_statistics(2024)
    fmt.request_row(this, fmt.CARRIED_OVER)["values"] = [1, None, 0, 0, 0, 0, None]
    assert checks.cross_year_checks(this, last)[0]["status"] == "failed"
    fmt.request_row(this, fmt.CARRIED_OVER)["values"] = [0, None, 0, 0, 0, 0, None]
    assert checks.cross_year_checks(this, last)[0]["status"] == "not_evaluable"


# -- the command, the page, the API, the XLSX, the admin -----------------------------------------

@pytest.mark.django_db
def test_a_cut_off_report_imports_with_unknown_figures_everywhere(client, admin_client, tmp_path):
    index = f.report_index()
    source = tmp_path / "cut.html"
    source.write_text(cut_report(), encoding="utf-8")
    out = StringIO()
    call_command("import_annual_report", str(source), "--parent", str(index.pk), "--publish",
                 stdout=out)
    output = out.getvalue()
    assert "Not read (unknown: blank in the tables, null in the API, never 0):" in output
    assert "  - table 四: not read (all 15 cells)" in output
    assert ("  - table 三: cells not read in （三）不予公开 4.保护第三方合法权益: 科研机构、社会公益组织、法律服务机构、其他、总计"
            in output)
    assert "Checks: 7 passed, 0 failed (kept as printed, not corrected), 35 not evaluable" in output
    assert "  ? balance:natural_person: 自然人: 一 + 二 = 14147; （七） + 四 = not read" in output
    assert "✗" not in output
    page = AnnualReportPage.objects.get()

    # the page API: null, not 0
    stats = client.get(f"/api/v2/pages/{page.pk}/").json()["statistics"]
    rows = {row["key"]: row["values"] for row in stats["requests"]}
    assert rows["new"] == READ_ROWS["new"]
    assert rows[CUT_ROW] == [49, 2, None, None, None, None, None]
    assert rows["total"] == [None] * 7
    assert stats["review_litigation"] == [None] * 15
    assert stats["fees_collected_yuan"] is None
    balance = next(c for c in stats["checks"] if c["rule"] == "balance:total")
    assert balance["ok"] is None and balance["status"] == "not_evaluable"
    assert not any(c["ok"] is True for c in stats["checks"] if c["rule"].startswith("balance"))

    # the HTML: blank cells, marked, and the table says what blank means
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    cell = soup.select_one('[data-cell="requests.withheld_third_party.research"]')
    assert cell.get_text(strip=True) == "" and "wd-unknown" in cell["class"]
    read = soup.select_one('[data-cell="requests.withheld_third_party.natural_person"]')
    assert read.get_text(strip=True) == "49" and "wd-unknown" not in read["class"]
    assert soup.select_one('[data-cell="requests.total.total"]').get_text(strip=True) == ""
    description = soup.select_one("#wd-table-requests-description").get_text()
    assert "unknown, not 0" in description
    # a printed 0 stays 0
    assert soup.select_one('[data-cell="requests.new.research"]').get_text(strip=True) == "0"

    # the XLSX: empty cells where the figure is unknown, numbers where it was read
    workbook = load_workbook(io.BytesIO(client.get(f"{page.url}xlsx/").content))
    sheet = workbook["表三"]
    rows_by_label = {}
    for row in sheet.iter_rows(values_only=True):
        labels = [v for v in row if isinstance(v, str)]
        if labels:
            rows_by_label[labels[-1]] = list(row[-7:])
    assert rows_by_label["4.保护第三方合法权益"] == [49, 2, None, None, None, None, None]
    assert rows_by_label["一、本年新收政府信息公开申请数量"] == READ_ROWS["new"]
    assert rows_by_label["（七）总计"] == [None] * 7
    assert any("unknown, not 0" in str(cell.value or "") for row in sheet.iter_rows()
               for cell in row)

    # the admin panel: a third state besides hold and fail
    panel = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "35 rules cannot be evaluated:" in panel and "data-check-not-evaluable" in panel
    assert "7 rules hold." in panel and "rules fail" not in panel
    assert "Publishing needs each failure ticked" not in panel


@pytest.mark.django_db
def test_a_computed_report_has_no_unknown_figures(client):
    page = f.annual_report(2025)
    stats = client.get(f"/api/v2/pages/{page.pk}/").json()["statistics"]
    assert all(v is not None for row in stats["requests"] for v in row["values"])
    assert all(v is not None for v in stats["review_litigation"])
    assert {c["status"] for c in stats["checks"]} == {"passed"}
    html = client.get(page.url).content.decode()
    assert "unknown, not 0" not in html and "wd-unknown" not in html


# -- legacy text: request counts however they are stated -------------------------------------------

# The 2014 sample says "没有收到依申请公开请求"; these are the ways other reports say a number
# (the 2022 district sentence is quoted from a published report, the others follow the phrasing
# of the sample and of the corpus' reports).
PHRASINGS = [
    ("区社共受理依申请公开申请3份", 3, "份"),
    ("区社受理申请十二件", 12, "件"),
    ("全年共收到政府信息依申请公开1499件", 1499, "件"),
    ("收到政府信息公开申请共计二十三件", 23, "件"),
    ("本年度共有信息公开申请两件", 2, "件"),
    ("接到公民依申请公开申请一百零五个", 105, "个"),
    ("收到依申请公开请求5次", 5, "次"),
    ("总计受理申请8条", 8, "条"),
    ("收到政府信息公开申请１２件", 12, "件"),
]


def sample_with(sentence):
    text = SAMPLE.read_text(encoding="utf-8")
    assert "没有收到依申请公开请求" in text
    return text.replace("没有收到依申请公开请求", sentence)


@pytest.mark.parametrize("sentence, value, unit", PHRASINGS)
def test_legacy_request_counts_in_every_phrasing(sentence, value, unit):
    stats = parse_report(sample_with(sentence), filename="r.txt").statistics
    assert stats["stated"]["requests_received"] == value
    assert any(i["value"] == value and i["unit"] == unit for i in stats["indicators"])
    # the rest of the sample is read as before
    assert stats["stated"]["proactive_total"] == 55
    assert stats["channels"] == {"total": 55, "internal_report": 47, "website": 28, "weibo": 8}


@pytest.mark.parametrize("sentence", [
    "收到申请人咨询12次",            # 申请人: the applicants, not requests
    "受理依申请公开咨询15次",          # consultations
    "受理行政复议申请2件",            # an application for review, not for information
    "收到申请99999999999件",          # absurd: not read
    "收到申请一亿件",                 # beyond what a count in words is taken to be
    "收到申请三十余件",               # approximate: not a count
])
def test_legacy_figures_that_are_not_request_counts(sentence):
    stats = parse_report(sample_with(sentence), filename="r.txt").statistics
    # the sample's own "区社无受理依申请公开事项" then states the zero
    assert stats["stated"]["requests_received"] == 0


def test_an_absurd_count_is_reported_not_read():
    result = parse_report(sample_with("收到申请99999999999件"), filename="r.txt")
    assert any(line.startswith("figure not read (not a count, or larger than 100000000)")
               for line in result.unrecognised)


def test_legacy_reconsiderations_and_lawsuits_in_words():
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "区社没有因政府信息公开工作而被申请行政复议或被提起行政诉讼的情况",
        "区社因政府信息公开工作被申请行政复议一件，被提起行政诉讼两起")
    stats = parse_report(text, filename="r.txt").statistics
    assert stats["stated"]["reconsiderations"] == 1
    assert stats["stated"]["lawsuits"] == 2


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("一百一十", 110),
    ("两", 2), ("两百", 200), ("一千零五十", 1050), ("三千二百", 3200), ("一百五", 150),
    ("三万二千", 32000), ("三万零五百", 30500), ("零", 0),
])
def test_chinese_numerals(text, value):
    assert chinese_number(text) == value
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["十百", "一二", "百", "零五", "一百零", "十十", "万", "两万万", "一亿",
                                  "一" * 30, "abc", ""])
def test_malformed_or_unbounded_numerals_are_refused(text):
    assert chinese_number(text) is None


def test_counts_are_bounded():
    assert parse_count("100000000") == 100_000_000
    assert parse_count("100000001") is None
    assert parse_count("9" * 400) is None
