"""The pure parsing core of the annual-report importer, on real reports (tests/fixtures/reports).

Every figure asserted below was read in the printed report (see the corpus README). No database.
"""

import random
import re
from pathlib import Path

import pytest
from django.utils import translation

from wagtail_disclosure.reports import format as fmt
from wagtail_disclosure.reports.checks import run_checks
from wagtail_disclosure.reports.importers import ImportResult, ReportImportError, parse_report

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
OFFICIAL_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况"]


@pytest.fixture(autouse=True)
def _english():
    """Error messages are matched in English (the project's default language is Chinese)."""
    with translation.override("en"):
        yield


def load(name):
    return (FIXTURES / name).read_bytes()


def parse(name, **kwargs):
    return parse_report(load(name), filename=name, **kwargs)


def row(result, key):
    return fmt.request_row(result.statistics, key)["values"]


def headings(result):
    return [heading for heading, _html in result.sections]


def failed(checks):
    return {check["rule"] for check in checks if check["ok"] is False}


def not_evaluable(checks):
    return {check["rule"] for check in checks if check["status"] == "not_evaluable"}


# -- the 2014 sample: one line, inline headings, stated figures --------------------------------------

SAMPLE_HEADINGS = ["一、全面保障,完善政务公开机制。", "二、积极推进,加大主动公开力度", "三、政府信息公开取得的实效",
                   "四、信息公开工作存在的主要问题及改进措施", "五、2015年工作目标及重点"]


def test_sample_sections_are_cut_from_the_one_long_line():
    result = parse("lucheng-gxs-2014.txt")
    assert isinstance(result, ImportResult)
    assert headings(result) == SAMPLE_HEADINGS
    assert all(len(heading) <= 40 for heading in headings(result))
    assert result.year == 2014 and result.format == fmt.FORMAT_LEGACY
    assert result.preamble.startswith("<p>2014年,区供销社认真贯彻落实")
    assert result.preamble.endswith("报告如下:</p>")
    body = dict(result.sections)
    # "一是…二是…" stay in the body of 二, and the heading is cut before the first item.
    assert "一是完善信息发布制度" in body["二、积极推进,加大主动公开力度"]
    assert "<p>1.强化领导,健全机构。" in body["一、全面保障,完善政务公开机制。"]
    assert "<p>2.搭建平台,主动公开。" in body["一、全面保障,完善政务公开机制。"]
    assert all("|" not in html for html in body.values())
    assert "ignored 2 junk lines" in result.unrecognised


def test_sample_stated_figures_channels_and_zeros():
    stats = parse("lucheng-gxs-2014.txt").statistics
    assert stats["stated"] == {"proactive_total": 55, "requests_received": 0, "fees_yuan": 0,
                               "reconsiderations": 0, "lawsuits": 0}
    assert stats["channels"] == {"total": 55, "internal_report": 47, "website": 28, "weibo": 8}
    indicators = [(i["label"], i["value"], i["unit"]) for i in stats["indicators"]]
    assert indicators[:4] == [("主动公开信息数", 55, "条"), ("政府内部信息报送主动公开数", 47, "条"),
                              ("政府网站主动发布信息数", 28, "条"), ("政务微博主动发布信息数", 8, "条")]
    assert ("收到依申请公开请求", 0, "件") in indicators
    # The counting rule "(不同渠道和方式公开相同信息计1条)" is not a figure.
    assert all(i["value"] != 1 for i in stats["indicators"])
    assert stats["checks"] == [] and stats["format"] == fmt.FORMAT_LEGACY


def test_gb18030_copy_decodes_to_the_same_report():
    utf8, gb = parse("lucheng-gxs-2014.txt"), parse("lucheng-gxs-2014.gb18030.txt")
    assert "encoding: gb18030" in gb.recognised
    assert gb.sections == utf8.sections
    assert gb.statistics == utf8.statistics


def test_year_argument_wins():
    result = parse("lucheng-gxs-2014.txt", year=2015)
    assert result.year == 2015 and result.statistics["year"] == 2015
    assert "year: 2015 (given; the report says 2014)" in result.recognised


# -- 2021 format, HTML -------------------------------------------------------------------------------

def test_saved_county_page_shuyang_2023():
    result = parse("shuyang-fgj-2023.html")
    assert result.title == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert (result.year, result.organ_name, result.format) == (2023, "沭阳县发展和改革局", "2021")
    assert headings(result) == OFFICIAL_HEADINGS + ["五、存在的主要问题及整改措施", "六、其他需要报告的事项"]
    assert "统计时限为2023年1月1日至2023年12月31日" in result.preamble
    everything = result.preamble + "".join(html for _h, html in result.sections)
    for junk in ("繁體版", "首页", "索引号", "function", "智能问答", "<table"):
        assert junk not in everything
    stats = result.statistics
    # The older label 规范性文件 is 行政规范性文件; entered figures are printed as 0, not absent.
    assert stats["proactive"]["normative_document"] == {"issued": 8, "repealed": 0, "in_force": 18}
    assert stats["proactive"]["licensing"] == {"decisions": 0}
    assert row(result, "new") == [26, 0, 0, 0, 0, 0, 26]          # blank cells are 0
    assert row(result, "disclosed") == [26, 0, 0, 0, 0, 0, 26]
    assert row(result, "total") == [26, 0, 0, 0, 0, 0, 26]
    assert row(result, "withheld_security_stability") == [0] * 7  # 3.危及“三安全一稳定” in <font>s
    assert sum(sum(r["values"]) for r in stats["requests"]) == 26 * 2 * 3
    assert stats["review_litigation"] == [0, 0, 0, 1, 1] + [0] * 10
    assert stats["fees_collected_yuan"] == 0
    assert len(result.checks) == 42 and not failed(result.checks)
    assert result.checks == run_checks(stats) == stats["checks"]


def test_city_report_kg_2025_all_tables():
    result = parse("kg-ceshishi-2025.html")
    assert (result.title, result.year, result.organ_name) == ("测试市2025年政府信息公开工作年度报告", 2025, "测试市")
    stats = result.statistics
    assert stats["proactive"] == {
        "regulation": {"issued": 3, "repealed": 5, "in_force": 74},
        "normative_document": {"issued": 564, "repealed": 984, "in_force": 4185},
        "licensing": {"decisions": 11398889}, "penalty": {"decisions": 6937489},
        "coercion": {"decisions": 166105}, "fees": {"amount_wan": 316441}}
    assert row(result, "new") == [13612, 252, 0, 45, 128, 32, 14069]
    assert row(result, "disclosed")[::6] == [5345, 5548]
    assert row(result, "withheld_state_secret")[0] == 13
    assert row(result, "other_unpaid_fee") == [202, 0, 0, 1, 0, 0, 203]
    assert row(result, "other")[0] == 941
    assert row(result, "total")[6] == 13810 and row(result, "carried_forward")[6] == 819
    assert stats["review_litigation"] == [376, 97, 196, 121, 790, 16, 1, 12, 27, 56, 74, 1, 30, 51, 156]
    assert stats["fees_collected_yuan"] == 400
    assert not failed(result.checks)
    assert "table 三: 25 rows × 7 columns (28 rows × 10 columns in the page)" in result.recognised


def _kg_variant():
    """The KG table markup rewritten as other sites print it (same figures)."""
    html = load("kg-ceshishi-2025.html").decode()
    replacements = [
        # header cells as <th> with nested spans; the top-left block not merged (3 × 3 cells)
        ('<td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>',
         '<th colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>'),
        ("<tr>\n  <td>自然人</td>", '<tr>\n  <td></td><td></td><td></td><th><p><span>自然</span><span>人</span></p></th>'),
        ("<tr>\n  <td></td><td>商业企业</td>", "<tr>\n  <td></td><td></td><td></td><td></td><th>商业 企业</th>"),
        # a label spread over three cells; full-width digits, thousands separators, spaces
        ('<td colspan="3">一、本年新收政府信息公开申请数量</td><td>13612</td>',
         "<td>一、</td><td>本年新收政府信息</td><td>公开申请数量</td><td>１３６１２</td>"),
        ("<td>14069</td>", "<td>14,069</td>"),
        ("<td>5345</td>", "<td>5 345</td>"),
        ("<td>3.危及“三安全一稳定”</td>", '<td>3.危及"三安全一稳定"</td>'),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
        ("<td>1.属于国家秘密</td>", "<td>1、属于国家秘密</td>"),
    ]
    for old, new in replacements:
        assert old in html, old
        html = html.replace(old, new, 1)
    return html


def test_other_merged_cell_layouts_give_the_same_figures():
    original, variant = parse("kg-ceshishi-2025.html"), parse_report(_kg_variant(), filename="v.html")
    assert variant.statistics["requests"] == original.statistics["requests"]
    assert row(variant, "new")[0] == 13612 and row(variant, "new")[6] == 14069
    assert not failed(variant.checks)


def test_checks_report_a_broken_sum_and_keep_the_printed_figure():
    html = load("kg-ceshishi-2025.html").decode().replace("<td>5345</td>", "<td>5346</td>", 1)
    result = parse_report(html, filename="broken.html")
    assert row(result, "disclosed")[0] == 5346
    assert failed(result.checks) == {"results_total:natural_person", "columns_total:disclosed"}


# -- 2019 trial format -------------------------------------------------------------------------------

def test_shanghai_2019_trial_format():
    result = parse("shanghai-bgt-2019.html")
    assert result.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert (result.year, result.organ_name, result.format) == (2019, "上海市人民政府办公厅", "legacy")
    assert len(result.sections) == 6 and headings(result)[:4] == OFFICIAL_HEADINGS
    assert any("2019 trial format" in line for line in result.recognised)
    assert "发布日期" not in result.preamble
    assert row(result, "new") == [821, 35, 0, 0, 2, 1, 859]
    assert row(result, "disclosed") == [258, 12, 0, 0, 1, 1, 0]   # 总计 printed blank
    assert row(result, "withheld_process_information") == [3, 1, 0, 0, 0, 0, 0]
    assert row(result, "unavailable_not_held") == [252, 12, 0, 0, 1, 0, 0]
    assert row(result, "total") == [767, 35, 0, 0, 2, 1, 805]
    assert row(result, "carried_forward") == [72, 0, 0, 0, 0, 0, 72]
    # the trial format has one （六）其他处理 row: its three rows of the 2021 format are unknown
    assert row(result, "other_no_correction") == row(result, "other") == [None] * 7
    stats = result.statistics
    indicators = {i["label"]: i for i in stats["indicators"]}
    assert indicators["（六）其他处理"]["values"] == [0] * 7
    assert indicators["规章 · 本年新制作数量"]["value"] == 13
    assert indicators["规范性文件 · 对外公开总数量"]["value"] == 368
    assert (indicators["政府集中采购 · 采购总金额"]["value"], indicators["政府集中采购 · 采购总金额"]["unit"]) == (251000, "元")
    assert stats["proactive"]["licensing"]["decisions"] is None
    assert stats["review_litigation"] == [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]
    assert stats["stated"] == {"requests_received": 859, "reconsiderations": 7, "lawsuits": 9}
    assert result.checks == []     # legacy: no national rules


def test_shanghai_2019_printed_table_breaks_the_2021_totals_rule():
    """Read as a 2021 table, the printed 总计 column (mostly blank) fails exactly where it is blank."""
    stats = fmt.copy_statistics(parse("shanghai-bgt-2019.html").statistics)
    stats["format"] = fmt.FORMAT_2021
    blank_total_rows = {"disclosed", "partially_disclosed", "withheld_state_secret",
                        "withheld_internal_affairs", "withheld_process_information",
                        "withheld_administrative_query", "unavailable_not_held",
                        "unavailable_needs_creation", "unavailable_still_unclear",
                        "not_processed_petition", "not_processed_repeat"}
    checks = run_checks(stats)
    assert failed(checks) == {f"columns_total:{k}" for k in blank_total_rows}
    # the three （六） rows the trial format does not have are unknown: no sum over them is known
    assert not_evaluable(checks) == ({f"results_total:{column}" for column in fmt.COLUMN_KEYS}
                                     | {f"columns_total:{k}" for k in fmt.RESULT_ROW_KEYS
                                        if k.startswith("other")})


def test_taojiang_2020_trial_text_with_one_cell_per_line():
    result = parse("taojiang-sjj-2020.txt")
    assert (result.year, result.format) == (2020, "legacy")
    assert headings(result) == OFFICIAL_HEADINGS[:2] + ["三、收到和处理政府信息公开申请情况"]
    stats = result.statistics
    assert stats["stated"] == {"proactive_total": 26}
    indicators = {i["label"]: i["value"] for i in stats["indicators"]}
    assert indicators["规范性文件 · 本年新制作数量"] == 2
    assert indicators["规范性文件 · 对外公开总数量"] == 2
    assert indicators["部门动态"] == 12
    assert any("table 三 (text): 4 of 23 rows found" in line for line in result.unrecognised)


def test_yaozhou_2020_channel_and_zero_requests():
    result = parse("yaozhou-sjj-2020.txt")
    assert result.title == "铜川市耀州区审计局2020年政府信息公开工作年度报告"
    assert (result.year, result.organ_name) == (2020, "铜川市耀州区审计局")
    stats = result.statistics
    assert stats["stated"] == {"proactive_total": 9, "requests_received": 0}
    assert stats["channels"] == {"total": 9, "website": 9}
    assert any("2019 trial format" in line for line in result.recognised)


# -- plain text of 2021-format reports (from PDFs) ---------------------------------------------------

def test_county_2025_text_reads_every_table():
    result = parse("shuyang-xzf-2025.md")
    assert (result.title, result.year, result.format) == ("沐阳县人民政府2025年政府信息公开工作年度报告", 2025, "2021")
    assert headings(result) == OFFICIAL_HEADINGS + ["五、政府信息公开工作存在的主要问题及改进情况",
                                                    "六、其他需要报告的事项"]
    stats = result.statistics
    assert stats["proactive"]["normative_document"] == {"issued": 6, "repealed": 1, "in_force": 32}
    assert stats["proactive"]["licensing"]["decisions"] == 517645
    assert stats["proactive"]["fees"]["amount_wan"] == pytest.approx(4068.208)
    assert row(result, "new") == [705, 3, 0, 0, 5, 0, 713]
    assert row(result, "partially_disclosed") == [99, 0, 0, 0, 2, 0, 101]
    assert row(result, "not_processed_repeat") == [6, 1, 0, 0, 0, 0, 7]
    assert row(result, "other_unpaid_fee")[6] == 7 and row(result, "other") == [142, 1, 0, 0, 0, 0, 143]
    assert row(result, "total") == [710, 3, 0, 0, 5, 0, 718]
    assert row(result, "carried_forward") == [31, 0, 0, 0, 0, 0, 31]
    assert stats["review_litigation"] == [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]
    assert stats["fees_collected_yuan"] == 380
    assert not failed(result.checks)
    assert all("|" not in html for _h, html in result.sections)


def test_shanghai_2025_pdf_text_imports_only_what_is_reliable():
    result = parse("shanghai-bgt-2025-pdftext.md")
    assert (result.year, result.organ_name, result.format) == (2025, "上海市人民政府办公厅", "2021")
    assert headings(result)[-1] == "六、其他需要报告的事项" and "五" not in "".join(h[0] for h in headings(result))
    assert "section 五、 not found (the headings skip it)" in result.unrecognised
    stats = result.statistics
    assert stats["review_litigation"] == [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22]
    assert stats["proactive"]["licensing"]["decisions"] == 0
    # 规章 lost a column in the PDF text: reported, not guessed.
    assert "table 二 row not recognised: 规章 has 2 figures, expected 3" in result.unrecognised
    assert stats["proactive"]["regulation"] == {"issued": None, "repealed": None, "in_force": None}
    assert any(line.startswith("table 三 (text): 22 of 25 rows found") for line in result.unrecognised)
    # not reliable, so not imported: unknown, not 0
    assert all(r["values"] == [None] * 7 for r in stats["requests"])
    assert "table 三: not read (all 25 rows)" in result.unread
    assert stats["proactive"]["normative_document"]["issued"] is None   # lost a column too
    assert result.unread[0] == ("table 二: not read: 规章 · 本年制发件数; 规章 · 本年废止件数; 规章 · 现行有效件数; "
                                "行政规范性文件 · 本年制发件数; 行政规范性文件 · 本年废止件数; 行政规范性文件 · 现行有效件数")
    assert not failed(result.checks) and not_evaluable(result.checks) == {
        c["rule"] for c in result.checks if c["rule"].startswith(("balance", "results_total",
                                                                   "columns_total"))}
    assert stats["fees_collected_yuan"] == 0


def test_kewei_2024_pdf_text_with_scrambled_table_three():
    result = parse("shanghai-kw-2024-pdftext.md")
    assert (result.title, result.organ_name) == ("2024年上海市科委政府信息公开工作年度报告", "上海市科委")
    assert headings(result) == ["一、总体情况", "二、工作机制保障", "三、主动公开工作情况", "四、政府信息公开申请情况",
                                "五、政府信息管理", "六、政府信息公开平台建设"]
    stats = result.statistics
    assert stats["proactive"]["normative_document"] == {"issued": 13, "repealed": 0, "in_force": 55}
    assert stats["proactive"]["licensing"]["decisions"] == 97
    assert stats["review_litigation"] == [1, 0, 0, 0, 1] + [0] * 10
    assert any("table 三 (text)" in line and "not imported" in line for line in result.unrecognised)
    assert row(result, "new") == [None] * 7


def test_pdf_text_fragment_gn_2024():
    result = parse("gn-2024-section3-pdftext.txt")
    proactive = result.statistics["proactive"]
    assert proactive["penalty"]["decisions"] == 3985758
    assert proactive["coercion"]["decisions"] == 88283
    assert proactive["fees"]["amount_wan"] == pytest.approx(96171.6)
    assert proactive["licensing"]["decisions"] is None      # not in the fragment
    assert result.year is None and "no year found" in result.unrecognised
    assert result.sections == []
    assert any("table 三 (text): 13 of 25 rows found" in line for line in result.unrecognised)


def test_table_four_in_text_needs_all_fifteen_figures():
    text = load("shuyang-xzf-2025.md").decode().replace("| 8 | 0 | 1 | 1 | 10 |\n", "")
    result = parse_report(text, filename="r.md")
    assert result.statistics["review_litigation"] == [None] * 15
    assert "table 四 not found" in result.unrecognised
    assert "table 四: not read (all 15 cells)" in result.unread
    assert not_evaluable(result.checks) == {f"review_total:{g}" for g, _l in fmt.REVIEW_GROUPS}
    assert row(result, "new")[6] == 713     # the rest is still read


def test_vertical_table_four_header_from_a_pdf_page():
    result = parse("wendeng-sjj-2020-page9.txt")
    assert "table 四 (from text): 15 figures" in result.recognised
    assert (result.year, result.format) == (2020, "legacy")
    assert result.statistics["stated"] == {"reconsiderations": 0, "lawsuits": 0}
    text = load("wendeng-sjj-2020-page9.txt").decode().replace(
        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", " ".join(str(n) for n in range(1, 16)))
    assert parse_report(text, filename="p.txt").statistics["review_litigation"] == list(range(1, 16))


# -- older legacy reports ----------------------------------------------------------------------------

def test_suzhou_2016_two_line_title():
    result = parse("suzhou-szf-2016.txt")
    assert result.title == "宿州市人民政府2016年政府信息公开工作年度报告"
    assert (result.year, result.organ_name) == (2016, "宿州市人民政府")
    assert headings(result) == ["一、概述"]
    assert "统计期限为2016年1月1日至12月31日" in result.preamble
    assert "政府信息公开工作年度报告</p>" not in result.preamble


def test_taizhou_2017_metadata_lines_and_quoted_names():
    result = parse("taizhou-szf-2017.txt")
    assert (result.title, result.year) == ("", 2017)
    assert "索" not in result.preamble and result.preamble.startswith("<p>根据《中华人民共和国政府信息公开条例》")
    assert headings(result) == ["一、主要工作概述"]
    assert result.statistics["indicators"] == [{"label": "释疑解惑", "value": 393, "unit": "次"}]


# -- headings in HTML and text ----------------------------------------------------------------------

def test_headings_must_follow_in_sequence():
    text = ("2016年某局政府信息公开工作年度报告\n一、总体情况\n一是完善制度。\n"
            "二、主动公开情况\n主要做法有： 一、加强领导。二是统一发布，按第三、四季度分别发布。\n"
            "三、依申请公开情况 全年没有收到政府信息公开申请。\n四是其他。\n")
    result = parse_report(text, filename="r.txt")
    assert headings(result) == ["一、总体情况", "二、主动公开情况", "三、依申请公开情况"]
    assert "一、加强领导" in dict(result.sections)["二、主动公开情况"]
    assert result.statistics["stated"] == {"requests_received": 0}


def test_html_heading_markup_varieties():
    html = ("<html><body><div class='nav'><ul><li>首页</li><li>政府信息公开</li></ul></div>"
            "<div class='art'><h1>2018年某区人民政府政府信息公开工作年度报告</h1>"
            "<h3>一、概述</h3><p>本年度主动公开政府信息120条，其中通过政府网站公开100条。</p>"
            "<p><strong>二、主动公开政府信息情况</strong></p><div>通过政务微信发布信息20条。</div>"
            "<div>三、依申请公开情况。2018年共收到政府信息公开申请5件。</div></div></body></html>")
    result = parse_report(html, filename="r.html")
    assert headings(result) == ["一、概述", "二、主动公开政府信息情况", "三、依申请公开情况。"]
    assert result.organ_name == "某区人民政府" and "首页" not in result.preamble
    stats = result.statistics
    assert stats["stated"] == {"proactive_total": 120, "requests_received": 5}
    assert stats["channels"] == {"total": 120, "website": 100, "wechat": 20}


def test_report_in_a_layout_table_with_bold_headings_inside_paragraphs():
    html = ("<table width='980'><tr><td class='side'><a href='/'>首页</a></td><td>"
            "<p><strong>一、概述</strong>2015年，本局认真贯彻《条例》。全年主动公开政府信息86条。</p>"
            "<p><b>二、依申请公开情况</b>本年度未收到政府信息公开申请。</p>"
            "<p><strong>三、存在的主要问题及改进措施</strong>公开形式单一。</p></td></tr></table>")
    result = parse_report(html, filename="r.html")
    assert headings(result) == ["一、概述", "二、依申请公开情况", "三、存在的主要问题及改进措施"]
    assert dict(result.sections)["一、概述"] == "<p>2015年，本局认真贯彻《条例》。全年主动公开政府信息86条。</p>"
    assert result.statistics["stated"] == {"proactive_total": 86, "requests_received": 0}


# -- bad inputs --------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\u3000\n"])
def test_empty_input(data):
    with pytest.raises(ReportImportError, match="empty"):
        parse_report(data, filename="r.txt")


def test_only_junk_lines():
    with pytest.raises(ReportImportError, match="no text"):
        parse_report(b"|\n||||||||\n-----\n", filename="r.txt")


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (random.Random(0).randbytes(4096), "binary"),
])
def test_binary_input(data, kind):
    with pytest.raises(ReportImportError, match=kind):
        parse_report(data, filename="report.html")


def test_undecodable_text_without_nul_bytes():
    data = bytes(b for b in random.Random(1).randbytes(6000) if b not in (0, 0x0A, 0x0D)) + b"\xff\xff"
    with pytest.raises(ReportImportError):
        parse_report(data, filename="report.txt")


def test_oversized_input_is_refused_before_parsing():
    with pytest.raises(ReportImportError, match="too large"):
        parse_report(load("kg-ceshishi-2025.html"), filename="r.html", max_bytes=1000)
    with pytest.raises(ReportImportError, match="too large"):   # size first, even for a PDF
        parse_report(b"%PDF-1.7" + b"x" * 100, filename="r.pdf", max_bytes=50)


def test_news_page_is_not_an_annual_report():
    page = ("<html><head><meta charset='utf-8'><title>我市开展防汛应急演练_某市人民政府</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政府信息公开</a></div>"
            "<div class='article'><h1>我市开展防汛应急演练</h1>"
            "<p>7月3日，市应急管理局组织开展2024年防汛应急演练，参演人员300人。</p>"
            "<p>一、加强组织领导</p><p>各部门要提高认识。</p>"
            "<p>二、强化隐患排查</p><p>全面排查风险点45处。</p></div></body></html>")
    with pytest.raises(ReportImportError, match="does not look like an annual report"):
        parse_report(page.encode(), filename="news.html")


def test_gbk_page_with_meta_charset_and_a_mis_declared_utf8_page():
    html = load("kg-ceshishi-2025.html").decode().replace('charset="utf-8"', 'charset="gb2312"')
    gbk = parse_report(html.encode("gbk"), filename="r.html")
    assert "encoding: gb18030" in gbk.recognised
    assert gbk.title == "测试市2025年政府信息公开工作年度报告" and row(gbk, "new")[6] == 14069
    mislabelled = parse_report(html.encode("utf-8"), filename="r.html")
    assert "encoding: utf-8" in mislabelled.recognised and row(mislabelled, "new")[6] == 14069


def test_str_input_and_result_shape():
    result = parse_report(load("kg-ceshishi-2025.html").decode(), filename="r.html")
    assert set(fmt.empty_statistics(2025)) <= set(result.statistics)
    assert all(isinstance(h, str) and isinstance(b, str) for h, b in result.sections)
    assert not re.search(r"<(?!/?p>)", result.preamble + "".join(b for _h, b in result.sections))
