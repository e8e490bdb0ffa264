"""The annual reports of the demo site, as plain data and pure functions (no ORM).

The demo has one 年报 column, 政府信息公开年报 (``/zfxxgk/gknb/``): the package's annual reports
column (``AnnualReportIndexPage``), with one report a year from 2014, each year once:

- **2014**: the sample report of a district 供销社 (``legacy-annual-report-2014.txt``), imported
  with the package's importer as the old site published it;
- **2015 to 2020**: legacy reports (before the 2021 format): their text, and the figures it
  states (:data:`LEGACY`);
- **2021 up to the year before the computed ones**: 2021-format reports whose tables were
  entered from the published report: table 二 as the demo's items give it, table 三 from
  :data:`REQUESTS_BEFORE`;
- **the last two years before today**: computed from the site's data, the requests of
  :data:`HISTORY` and the cases of :data:`REVIEW_CASES`.

Every report is published in the last third of the following January (by 31 March before the
2019 Regulation, so late March for the years up to 2018), on a working day. The text is
composed from the report's own figures, so that what a report says and what its tables show
agree. :mod:`wagtail_disclosure.reports.demo` turns all this into pages.
"""

import datetime
import random

from django.utils.html import escape

from ..reports import format as fmt
from ..workdays import WorkdayCalendar
from . import demo_site as content
from .demo_items import OLD_SITE_YEARLY_ITEMS

FIRST_YEAR = 2014
LAST_LEGACY_YEAR = 2020
COMPUTED_YEARS = 2  # the last two years before today's are computed from the site's data
DEMO_ORGAN = "gxs"  # the reports cover the cooperative itself

REPORT_INDEX = {
    "slug": "gknb",
    "title": "政府信息公开年报",
    "intro": ("<p>区供销社历年政府信息公开工作年度报告。2021年起的报告按《中华人民共和国政府信息公开工作"
              "年度报告格式》（国办公开办函〔2021〕30号）编制；最近两年报告中的统计表由本网站的信息公开目录"
              "和依申请公开办理数据计算生成，发布后数据固定不变。</p>"),
}
REPORT_2014_TITLE = "区供销社2014年政府信息公开工作报告"  # as the old site titled it


def report_title(year):
    if year == FIRST_YEAR:
        return REPORT_2014_TITLE
    return f"温州市鹿城区供销合作社{year}年政府信息公开工作年度报告"


def report_years(today):
    """``(legacy years, 2021-format years with entered tables, computed years)`` for a run on
    ``today``: every year from 2014 to last year, each in exactly one of the three."""
    last = today.year - 1
    first_computed = max(FIRST_YEAR, last - COMPUTED_YEARS + 1)
    legacy = list(range(FIRST_YEAR, min(LAST_LEGACY_YEAR, first_computed - 1) + 1))
    entered = list(range(LAST_LEGACY_YEAR + 1, first_computed))
    computed = list(range(first_computed, last + 1))
    return legacy, entered, computed


def published_on(year, calendar=None):
    """The day the report of ``year`` was published: a working day late in January of the next
    year (late in March up to the 2018 report, due by 31 March before the 2019 Regulation)."""
    calendar = calendar or WorkdayCalendar()
    day = datetime.date(year + 1, 1 if year >= 2019 else 3, 22 + year % 5)
    while day.weekday() >= 5 or not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def entered_decisions(specs, year, organs=(DEMO_ORGAN,)):
    """Table 二's entered figures as the demo's items give them: the decisions of ``year``
    (by the decision's date) of the items marked ``"decision"`` in the demo content, of the
    ``organs`` (keys of ``demo_site.ORGANS``). The cooperative and its units have no licensing
    or coercion power, and charge no administrative fees."""
    counts = {"licensing": 0, "penalty": 0, "coercion": 0}
    for spec in specs:
        kind = spec.source.get("decision")
        decided_on = spec.formation_date or spec.published_on
        if kind and spec.organ in organs and decided_on.year == year:
            counts[kind] += 1
    return counts


# -- Requests behind the computed reports --------------------------------------------------------
# Per year (offset from last year): (month, day, applicant column, outcome, working days to
# conclude; the reply period is 20). A request received on a day off counts from the next working
# day; one concluded after 31 December is carried forward into the next year.
HISTORY = {
    -1: [
        (1, 15, "natural_person", "disclosed", 8),
        (3, 5, "business", "disclosed", 11),
        (4, 22, "natural_person", "unavailable_not_held", 9),
        (6, 3, "natural_person", "not_processed_petition", 5),
        (7, 16, "research", "partially_disclosed", 18),
        (9, 9, "natural_person", "disclosed", 7),
        (10, 14, "business", "withheld_third_party", 26),  # after the deadline (third party)
        (11, 25, "natural_person", "other_no_correction", 19),
        (12, 20, "legal_services", "disclosed", 14),  # carried forward, concluded in January
    ],
    0: [
        (1, 6, "natural_person", "disclosed", 6),
        (2, 17, "natural_person", "disclosed", 10),
        (3, 10, "business", "partially_disclosed", 14),
        (3, 24, "natural_person", "unavailable_needs_creation", 9),
        (4, 14, "public_interest", "disclosed", 8),
        (5, 19, "natural_person", "withheld_process_information", 13),
        (6, 9, "natural_person", "not_processed_repeat", 4),
        (7, 21, "business", "disclosed", 12),
        (8, 18, "natural_person", "unavailable_not_held", 7),
        (9, 22, "other", "disclosed", 9),
        (10, 27, "natural_person", "other", 4),
        (11, 17, "business", "disclosed", 13),
        (12, 22, "natural_person", "disclosed", 12),  # carried forward, concluded in January
    ],
}
# (year offset, kind, filed (month, day), result, concluded (month, day) or None, the request:
# its index in that year's HISTORY)
REVIEW_CASES = [
    (-1, "reconsideration", (5, 20), "upheld", (7, 18), 2),
    (0, "reconsideration", (6, 23), "corrected", (8, 29), 5),
    (0, "lawsuit_direct", (9, 16), "pending", None, 8),
]

# The 2021-format reports before the computed ones, as published: (applicant column, outcome),
# every request received and concluded, on time, in its year.
REQUESTS_BEFORE = {
    2021: [("natural_person", "disclosed"), ("natural_person", "unavailable_not_held")],
    2022: [("natural_person", "disclosed"), ("business", "disclosed"),
           ("natural_person", "not_processed_petition"), ("legal_services", "partially_disclosed")],
    2023: [("natural_person", "disclosed"), ("research", "disclosed"),
           ("natural_person", "unavailable_needs_creation")],
}
_LATER_OUTCOMES = ["disclosed", "disclosed", "partially_disclosed", "unavailable_not_held",
                   "not_processed_petition"]


def requests_before(year):
    """Table 三 requests of an entered 2021-format year (made up, deterministically, for years
    the data above does not list)."""
    if year in REQUESTS_BEFORE:
        return REQUESTS_BEFORE[year]
    rng = random.Random(content.SEED + year)
    columns = ["natural_person", "natural_person", "business", "other"]
    return [(rng.choice(columns), rng.choice(_LATER_OUTCOMES)) for _ in range(rng.randint(2, 5))]


def entered_requests_table(requests):
    """Table 三's 25 rows for ``requests`` all received and concluded in the year."""
    rows = {row["key"]: row for row in fmt.empty_requests()}
    for column, outcome in requests:
        index = fmt.COLUMN_KEYS.index(column)
        for key in (fmt.NEW, outcome, fmt.RESULTS_TOTAL):
            rows[key]["values"][index] += 1
    for row in rows.values():
        row["values"][6] = sum(row["values"][:6])
    return [rows[key] for key in fmt.REQUEST_ROW_KEYS]


# -- Legacy reports (2015 to 2020) ---------------------------------------------------------------
# Requests as (applicant column, outcome); highlights of the year (they name the demo's items of
# that year); the problems the report admits and what it plans.
LEGACY = {
    2015: {
        "requests": [],
        # the old site's figures (its index numbers were spaced out by the same count)
        "published": {"total": OLD_SITE_YEARLY_ITEMS[2015], "website": OLD_SITE_YEARLY_ITEMS[2015],
                      "weibo": 9, "wechat": 14},
        "highlights": [
            "制定《区供销社政府信息公开保密审查制度》，实行科室初审、办公室复审、分管领导审定的三级审查",
            "公开《关于深化供销合作社综合改革的实施意见》，并通过政务微信进行宣传",
            "开通区供销社政务微信，重要信息在门户网站和政务微信同步发布",
        ],
        "problems": "门户网站栏目设置不够合理，信息检索不够方便。",
        "plans": "2016年启用新版政府信息公开平台，统一规范信息公开目录，原网站信息及其索引号完整迁移。",
    },
    2016: {
        "requests": [("natural_person", "disclosed")],
        "highlights": [
            "启用新版政府信息公开平台，每条信息统一标注索引号、主题分类、发布机构、成文日期、文号和有效性",
            "公开再生资源回收经营者备案、安全生产检查等行政权力事项的依据、申请材料和办理流程",
            "制定《区供销社政府信息公开工作考核评议制度》，将政府信息公开工作纳入年度绩效考核",
        ],
        "problems": "政策文件发布后的解读工作比较薄弱。",
        "plans": "对涉及群众切身利益的规范性文件同步做好解读，回应社会关切。",
    },
    2017: {
        "requests": [],
        "highlights": [
            "制定并公开《鹿城区供销合作社社有资产管理办法》",
            "公开《鹿城区再生资源回收站点布局规划（2017—2020年）》",
            "更新公开区供销社及所属单位的办公地址、办公时间和联系方式",
        ],
        "problems": "基层社和社属企业报送信息不够积极，区社动态类信息来源较少。",
        "plans": "建立信息报送通报制度，每季度通报各单位信息报送情况。",
    },
    2018: {
        "requests": [("business", "disclosed"), ("natural_person", "unavailable_not_held")],
        "highlights": [
            "制定并公开《鹿城区农资商品储备管理办法》，明确承储企业、储备数量和财政补贴办法",
            "区农合联制定并公开会员管理办法",
            "及时发布为农服务中心建成投入使用等为农服务信息",
        ],
        "problems": "依申请公开工作人员业务水平有待提高，答复文书不够规范。",
        "plans": "组织依申请公开业务培训，统一答复文书格式。",
    },
    2019: {
        "requests": [("natural_person", "disclosed")],
        "highlights": [
            "根据修订后的《中华人民共和国政府信息公开条例》修订并公开政府信息公开指南",
            "制定《区供销社依申请公开政府信息办理规程》，规范登记、补正、征求意见、答复和归档各环节",
            "机构改革后及时公开主要职责、内设机构和人员编制规定",
        ],
        "problems": "对新条例的学习理解还不够深入，法定主动公开内容还需进一步梳理。",
        "plans": "对照新条例第二十条梳理法定主动公开内容，设置法定主动公开内容专栏。",
    },
    2020: {
        "requests": [("natural_person", "disclosed"), ("business", "partially_disclosed"),
                     ("natural_person", "not_processed_petition")],
        "highlights": [
            "及时发布新冠肺炎疫情防控和农资、生活必需品保供信息",
            "修订并公开《区供销社政府信息发布审核登记制度》，信息发布实行“先审后发”",
            "公示行政处罚结果，行政执法信息按规定向社会公开",
        ],
        "problems": "政务新媒体发布的信息与门户网站的衔接还不够紧密。",
        "plans": "统一门户网站和政务新媒体的信息发布审核，同一信息多渠道发布的按一条统计。",
    },
}

_LEGACY_HEADINGS_2008 = (
    "一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况",
    "四、政府信息公开的收费及减免情况", "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "六、政府信息公开工作存在的主要问题及改进措施",
)
# The 2019 trial format (after the revised Regulation) already had the six headings of today.
_LEGACY_HEADINGS_2019 = (
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
_OUTCOME_WORDS = (
    ("disclosed", "予以公开"), ("partially_disclosed", "部分公开"), ("withheld", "不予公开"),
    ("unavailable", "无法提供"), ("not_processed", "不予处理"), ("other", "其他处理"),
)
_COLUMN_WORDS = {"natural_person": "自然人", "business": "商业企业", "research": "科研机构",
                 "public_interest": "社会公益组织", "legal_services": "法律服务机构", "other": "其他"}
CHANNEL_LABELS = {"website": "门户网站", "wechat": "政务微信", "weibo": "政务微博",
                  "internal_report": "政府内部信息报送", "gazette": "政府公报",
                  "press_conference": "新闻发布会"}


def _outcome_group(outcome):
    for prefix, _word in _OUTCOME_WORDS:
        if outcome == prefix or outcome.startswith(prefix + "_"):
            return prefix
    return "other"


def _count_words(counts, unit="件"):
    """"予以公开2件，部分公开1件" from ``{group: n}`` in the table's order, zeros left out."""
    return "，".join(f"{word}{counts[key]}{unit}" for key, word in _OUTCOME_WORDS
                     if counts.get(key))


def legacy_published(year, item_counts):
    """The figures a legacy report states about proactive disclosure: the old site's for 2015,
    else the demo's items of the year (``item_counts``: total and per channel)."""
    return dict(LEGACY[year].get("published") or item_counts)


def legacy_stated_figures(year, published):
    """``[(measure, label as printed, value, unit)]``: what the legacy report of ``year``
    states, for its stated-figure blocks."""
    data = LEGACY[year]
    figures = [("proactive_total", "主动公开政府信息数", published.get("total", 0), "条")]
    for code in ("website", "wechat", "weibo", "internal_report"):
        if published.get(code):
            figures.append((f"channel:{code}", f"通过{CHANNEL_LABELS[code]}主动公开信息数",
                            published[code], "条"))
    figures += [("requests_received", "收到政府信息公开申请数", len(data["requests"]), "件"),
                ("fees_yuan", "收取费用（元）", 0, "元"),
                ("reconsiderations", "行政复议数", 0, "件"),
                ("lawsuits", "行政诉讼数", 0, "件")]
    return figures


def legacy_sections(year, published):
    """``(preamble, [(heading, [paragraph, …]), …])`` of the legacy report of ``year``."""
    data = LEGACY[year]
    trial = year >= 2019
    headings = _LEGACY_HEADINGS_2019 if trial else _LEGACY_HEADINGS_2008
    preamble = (f"本报告根据《中华人民共和国政府信息公开条例》要求，由温州市鹿城区供销合作社编制。"
                f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
                "如对本报告有疑问，请与区供销社办公室联系（电话：0577-88000001）。")
    highlights = data["highlights"]
    overview = [
        f"{year}年，区供销社认真贯彻落实《中华人民共和国政府信息公开条例》，在区政府办公室的指导下，"
        "结合供销社工作实际，扎实做好政府信息公开工作。区社成立由分管副主任负责的政府信息公开工作领导小组，"
        "区社办公室承担政府信息公开的日常工作。",
        *(f"{n}.{text}。" for n, text in enumerate(highlights, start=1)),
    ]
    channels = "，".join(f"通过{CHANNEL_LABELS[code]}主动发布信息{published[code]}条"
                         for code in ("website", "wechat", "weibo", "internal_report")
                         if published.get(code))
    proactive = [f"{year}年，区供销社主动公开政府信息{published.get('total', 0)}条（不同渠道和方式公开相同信息"
                 f"计1条）{'，其中' + channels if channels else ''}。主要涉及机构职能、政策法规、规划计划、"
                 "财政预决算、行政权力事项、区社动态、再生资源和为农服务等栏目。"]
    requests = data["requests"]
    if requests:
        counts = {}
        for _column, outcome in requests:
            group = _outcome_group(outcome)
            counts[group] = counts.get(group, 0) + 1
        received = [f"{year}年，区供销社共收到政府信息公开申请{len(requests)}件，已全部按期答复，"
                    f"其中{_count_words(counts)}。"]
    else:
        received = [f"{year}年，区供销社没有收到政府信息公开申请。"]
    fees = "区供销社未收取政府信息公开相关费用，没有减免情况。"
    review = "区供销社没有因政府信息公开工作被申请行政复议或者被提起行政诉讼的情况。"
    improving = [f"一是{data['problems']}", f"下一步，{data['plans']}"]
    if trial:
        sections = [overview, proactive, received, [review], improving, [fees]]
    else:
        sections = [overview, proactive, received, [fees], [review], improving]
    return preamble, list(zip(headings, sections))


# -- The text of a 2021-format report ------------------------------------------------------------
# What a year's report says about its own work (the demo's items of that year), the problems it
# admits and how it meant to improve. Years not listed get GENERIC_NOTES.
YEAR_NOTES = {
    2021: {
        "work": ["印发《鹿城区再生资源回收站点建设管理办法》，同步发布政策解读",
                 "公开《鹿城区供销合作社“十四五”发展规划》和领导班子成员分工"],
        "problems": "政策解读形式较为单一，以文字解读为主。",
        "improvements": "采用问答、图解等形式开展政策解读，提高解读的可读性。",
    },
    2022: {
        "work": ["修订《鹿城区供销合作社社有资产管理办法》，以问答形式发布解读，整改上年度报告提出的解读形式单一问题",
                 "通报供销社系统安全生产检查和隐患整改情况"],
        "problems": "依申请公开答复文书的说理还不够充分。",
        "improvements": "统一答复文书格式，对不予公开、无法提供等答复逐项说明理由和依据。",
    },
    2023: {
        "work": ["开展行政规范性文件清理，对已废止、失效的文件在信息公开目录中逐件标注",
                 "公开区供销社2022年度部门决算和“三公”经费支出情况"],
        "problems": "基层社和社属企业的信息报送还不够及时。",
        "improvements": "将信息报送纳入社属企业负责人经营业绩考核。",
    },
    2024: {
        "work": ["印发《关于推进基层供销社改造提升的实施意见》",
                 "公开区供销社2024年工作要点",
                 "行政处罚结果在作出决定之日起7个工作日内公示"],
        "problems": "个别涉及第三方权益的申请征求意见时间较长，未能在法定期限内答复。",
        "improvements": "建立依申请公开办理期限预警，征求第三方意见的同时告知申请人办理进度。",
    },
    2025: {
        "work": ["修订《鹿城区农资商品储备管理办法》，同步发布政策解读",
                 "启用依申请公开在线办理系统，申请人可以凭查询码和查询密码在网上查询办理进度和答复结果",
                 "行政处罚结果在作出决定之日起7个工作日内公示"],
        "problems": "一件不予公开的答复经行政复议被纠正，反映出对过程性信息的认定把握不够准确。",
        "improvements": "组织学习政府信息公开典型案例，不予公开的答复一律经法制审核。",
    },
}
GENERIC_NOTES = {
    "work": ["及时公开机构职能、财政预决算和行政权力事项等法定主动公开内容"],
    "problems": "政策解读和回应社会关切的水平有待进一步提高。",
    "improvements": "加强业务培训，完善信息发布审核机制。",
}


def _requests_summary(stats):
    rows = {row["key"]: row["values"] for row in stats["requests"]}
    new, carried_over = rows[fmt.NEW][6], rows[fmt.CARRIED_OVER][6]
    concluded, forward = rows[fmt.RESULTS_TOTAL][6], rows[fmt.CARRIED_FORWARD][6]
    counts = {}
    for key in fmt.RESULT_ROW_KEYS:
        if rows[key][6]:
            group = _outcome_group(key)
            counts[group] = counts.get(group, 0) + rows[key][6]
    by_column = [f"{_COLUMN_WORDS[c]}{rows[fmt.NEW][i]}件"
                 for i, c in enumerate(fmt.APPLICANT_COLUMN_KEYS) if rows[fmt.NEW][i]]
    return new, carried_over, concluded, forward, counts, by_column


def _on_time_sentence(stats, concluded):
    on_time = (stats.get("on_time") or {}).get("on_time")
    if not concluded:
        return ""
    if on_time is None or on_time >= concluded:
        return "办结的申请均在法定期限内答复。"
    return f"办结的申请中{on_time}件在法定期限内答复，{concluded - on_time}件超过法定期限答复。"


def _review_sentence(stats):
    values = stats.get("review_litigation") or [0] * 15
    reconsiderations, lawsuits = values[4], values[9] + values[14]
    if not reconsiderations and not lawsuits:
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    parts = []
    if reconsiderations:
        results = "、".join(f"{word}{values[i]}件" for i, word in (
            (0, "结果维持"), (1, "结果纠正"), (2, "其他结果"), (3, "尚未审结")) if values[i])
        parts.append(f"因政府信息公开被申请行政复议{reconsiderations}件（{results}）")
    if lawsuits:
        pending = values[8] + values[13]
        parts.append(f"被提起行政诉讼{lawsuits}件" + (f"（尚未审结{pending}件）" if pending else ""))
    return "本年度" + "，".join(parts) + "。"


def format_2021_sections(year, stats):
    """``{section number: [paragraph, …]}`` (0 to 5, the official sections) of the 2021-format
    report of ``year``, written from its statistics dict (entered figures filled in)."""
    notes = YEAR_NOTES.get(year, GENERIC_NOTES)
    channels = stats.get("channels") or {}
    total = channels.get("total") or 0
    proactive = stats["proactive"]
    normative = proactive["normative_document"]
    penalty = proactive["penalty"]["decisions"] or 0
    new, carried_over, concluded, forward, counts, by_column = _requests_summary(stats)
    on_time = _on_time_sentence(stats, concluded)
    fees = stats.get("fees_collected_yuan") or 0

    via = "、".join(f"{CHANNEL_LABELS[code]}{channels[code]}条" for code in (
        "wechat", "weibo", "internal_report", "gazette", "press_conference") if channels.get(code))
    requests_line = f"全年新收政府信息公开申请{new}件"
    if carried_over:
        requests_line += f"，上年结转{carried_over}件"
    requests_line += f"，办结{concluded}件"
    if forward:
        requests_line += f"，结转下年度继续办理{forward}件"
    general = [
        f"{year}年，区供销社认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
        "围绕为农服务、再生资源回收和社有资产监管等中心工作，扎实推进政府信息公开工作。",
        f"（一）主动公开。全年主动公开政府信息{total}条。" + "；".join(notes["work"]) + "。",
        f"（二）依申请公开。{requests_line}。{on_time}",
        "（三）政府信息管理。严格执行政府信息发布审核登记和保密审查制度，信息公开前均经保密审查；"
        "文件废止、失效或者修改的，在信息公开目录中及时标注并保留原文。",
        "（四）平台建设。依托政府信息公开平台集中发布信息，信息公开目录统一标注索引号、主题分类、发布机构、"
        "成文日期、文号和有效性等目录信息，门户网站与政务微信、政务微博协同发布。",
        "（五）监督保障。政府信息公开工作纳入机关科室和社属企业年度绩效考核，区社办公室配备专人负责"
        "信息发布和依申请公开办理。",
    ]
    penalties = (f"作出行政处罚决定{penalty}件，处罚结果均已公示" if penalty
                 else "未作出行政处罚决定")
    proactive_text = [
        f"本年度区供销社主动公开政府信息{total}条（不同渠道和方式公开相同信息计1条）"
        + (f"，其中通过{via}" if via else "") + "。",
        f"制发行政规范性文件{normative['issued']}件，废止{normative['repealed']}件，现行有效"
        f"{normative['in_force']}件；{penalties}。区供销社不行使行政许可、行政强制职权，"
        "没有行政事业性收费项目。",
    ]
    if new or carried_over:
        requests_text = [
            f"本年度新收政府信息公开申请{new}件" + (f"（{'、'.join(by_column)}）" if by_column else "")
            + (f"，上年结转{carried_over}件" if carried_over else "") + "。"
            + (f"办结{concluded}件，其中{_count_words(counts)}。" if concluded else "")
            + (f"结转下年度继续办理{forward}件。" if forward else "") + on_time]
    else:
        requests_text = ["本年度未收到政府信息公开申请。"]
    other = ["本年度未收取信息处理费。" if not fees
             else f"本年度依照《政府信息公开信息处理费管理办法》收取信息处理费{fees}元。",
             "无其他需要报告的事项。"]
    return {
        0: general,
        1: proactive_text,
        2: requests_text,
        3: [_review_sentence(stats)],
        4: [f"（一）存在的主要问题。{notes['problems']}", f"（二）改进情况。下一步，{notes['improvements']}"],
        5: other,
    }


def paragraphs(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts if text)
