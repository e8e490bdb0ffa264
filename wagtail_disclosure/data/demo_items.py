"""The items of the demo site, before they are pages (used by :mod:`wagtail_disclosure.demo`).

:func:`item_specs` turns the content of :mod:`.demo_site` into a list of :class:`ItemSpec`:
titles, dates, 文号, the index numbers of items imported from the old site, channels and the
validity history. Pure and deterministic (a fixed-seed ``random.Random``); no ORM.
"""

import datetime
import random
import re
from dataclasses import dataclass, field

from django.utils.html import escape

from ..conf import get_channel_choices
from . import demo_site as content

IMPORTED_BEFORE = datetime.date(2016, 1, 1)
"""Items published before this day come "from the old site" and keep their 索引号."""

OLD_SITE_YEARLY_ITEMS = {2014: 55, 2015: 70}
"""How many items the old site published a year (the 2014 report says 55): spaces out the
serials of the imported index numbers the way the old site's numbering ran."""

_CN_DIGITS = "零一二三四五六七八九"


@dataclass
class ItemSpec:
    """One disclosure item (or power item) of the demo, before it is a page."""

    slug: str
    column: str
    title: str
    kind: str
    organ: str
    topic: str
    published_on: datetime.date
    formation_date: datetime.date | None = None
    effective_date: datetime.date | None = None
    document_number: str = ""
    docno: str = ""  # a DOC_PREFIXES key: the 文号 is allotted by assign_document_numbers()
    keywords: str = ""
    summary: str = ""
    body: str = ""
    channels: list = field(default_factory=list)
    index_number: str = ""  # only for items imported from the old site
    validity: str = "in_force"  # the final state, applied after the item was published in force
    repeal_date: datetime.date | None = None
    replaced_by: str = ""  # slug
    attachments: list = field(default_factory=list)  # dicts: name, title, lines
    power: dict | None = None  # PowerItemPage fields
    source: dict = field(default_factory=dict, repr=False)


# -- Small text helpers ----------------------------------------------------------------------


def chinese_number(n):
    """1 → 一, 12 → 十二, 21 → 二十一 (enough for article numbers)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_CN_DIGITS[tens] if tens > 1 else "") + "十" + (_CN_DIGITS[ones] if ones else "")


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)


def working_day(day, backwards=False):
    """Move a Saturday or Sunday to the nearest weekday (forwards unless told otherwise)."""
    step = -1 if backwards else 1
    while day.weekday() >= 5:
        day += datetime.timedelta(days=step)
    return day


def tiny_pdf(lines):
    """A one-page PDF showing ``lines`` in the standard Chinese font STSong-Light (no font is
    embedded; PDF readers supply it)."""
    ops = ["BT", "/F1 16 Tf", "72 770 Td", "22 TL"]
    for line in lines:
        ops.append(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


# -- The item specs (pure) -------------------------------------------------------------------


def _random_day(rng, year, months=None, month_from=1):
    month = rng.choice(months) if months else rng.randint(month_from, 12)
    return working_day(datetime.date(year, month, rng.randint(1, 28)))


def _formation_before(rng, published_on, max_days=12):
    return working_day(published_on - datetime.timedelta(days=rng.randint(1, max_days)),
                       backwards=True)


def _document_specs(rng):
    specs, by_slug = [], {}
    for doc in content.DOCUMENTS:
        if "date" in doc:
            published_on = datetime.date.fromisoformat(doc["date"])
        elif "after" in doc:
            target = by_slug[doc["after"]]
            published_on = working_day(target.published_on + datetime.timedelta(days=1))
        else:
            published_on = _random_day(rng, doc["year"], month_from=doc.get("month_from", 1))
        formation = (datetime.date.fromisoformat(doc["formation"]) if "formation" in doc
                     else _formation_before(rng, published_on))
        effective = None
        if "effective" in doc:
            effective = datetime.date.fromisoformat(doc["effective"])
        elif "effective_days" in doc:
            effective = formation + datetime.timedelta(days=doc["effective_days"])
        spec = ItemSpec(
            slug=doc["slug"], column=doc["column"], title=doc["title"], kind=doc["kind"],
            organ=doc["organ"], topic=doc["topic"], published_on=published_on,
            formation_date=formation, effective_date=effective,
            document_number=doc.get("document_number", ""), docno=doc.get("docno", ""),
            keywords=doc.get("keywords", ""), summary=doc.get("summary", ""),
            replaced_by=doc.get("replaced_by", ""), validity=doc.get("validity", "in_force"),
            attachments=[doc["attachment"]] if "attachment" in doc else [], source=doc,
        )
        if "expires_on" in doc:
            spec.repeal_date = datetime.date.fromisoformat(doc["expires_on"])
        elif "expires" in doc:  # 有效期 N 年
            start = effective or formation
            end = start.replace(year=start.year + doc["expires"])
            spec.repeal_date = end - datetime.timedelta(days=1)
        specs.append(spec)
        by_slug[spec.slug] = spec
    return specs


def _document_body(spec):
    doc = spec.source
    effective = chinese_date(spec.effective_date) if spec.effective_date else "发布之日"
    paragraphs = [doc["addressee"]] if "addressee" in doc else []
    for number, article in enumerate(doc.get("articles", []), start=1):
        paragraphs.append(f"第{chinese_number(number)}条　{article.format(effective=effective)}")
    paragraphs += doc.get("paragraphs", [])
    if spec.docno:
        paragraphs += [content.SIGNATURES[spec.docno], chinese_date(spec.formation_date)]
    return paragraphs_html(paragraphs)


def _news_organ(title):
    if title.startswith("区再生资源管理办公室"):
        return "zsb"
    if title.startswith("区农合联"):
        return "nhl"
    return "gxs"


def _news_specs(rng):
    """The news and notices of the 区社动态, 再生资源 and 为农服务 columns, spread over the years
    2014-2026, each template at most once a year."""
    specs = []
    years = list(range(2014, 2027))
    for column, templates in content.NEWS.items():
        used = set()
        for n in range(content.NEWS_COUNTS[column]):
            year = years[(n * len(years)) // content.NEWS_COUNTS[column]]
            choices = [i for i, t in enumerate(templates)
                       if (t[3] is None or year in t[3]) and (i, year) not in used]
            if not choices:
                continue
            index = rng.choice(choices)
            used.add((index, year))
            title_tpl, topic, keywords, _years, months, details = templates[index]
            published_on = _random_day(rng, year, months)
            title = title_tpl.format(year=year, n=rng.randint(6, 18))
            notice = title.startswith("关于")
            spec = ItemSpec(
                slug=f"{column}-{published_on:%Y%m%d}-{index:02d}", column=column, title=title,
                kind="other_document" if notice else "work_news", organ=_news_organ(title),
                topic=topic, published_on=published_on,
                keywords=keywords, summary=details[0].format(year=year),
                docno="gxs" if notice else "",
            )
            if notice:
                spec.formation_date = _formation_before(rng, published_on)
                spec.body = paragraphs_html(
                    ["各基层供销社、社属各企业："] + [d.format(year=year) for d in details]
                    + [content.SIGNATURES["gxs"], chinese_date(spec.formation_date)])
            else:
                spec.formation_date = published_on
                opening = f"{chinese_date(published_on)}，{title}。"
                if "会" in title:
                    opening += rng.choice(content.NEWS_ATTENDEES)
                spec.body = paragraphs_html(
                    [opening, *(d.format(year=year) for d in details),
                     rng.choice(content.NEWS_CLOSINGS)])
            specs.append(spec)
    return specs


def _budget_body(rng, year, final):
    income = rng.randint(48000, 96000) / 100
    reception, cars = rng.randint(40, 250) / 100, rng.randint(180, 600) / 100
    what = "决算" if final else "预算"
    return paragraphs_html([
        f"根据《中华人民共和国预算法》和区财政局关于部门{what}公开的要求，现将温州市鹿城区供销合作社"
        f"{year}年部门{what}公开如下。",
        "一、部门基本情况：区供销社是区政府直属的参照公务员法管理事业单位，内设"
        + ("办公室、业务科、财务审计科" if year < 2019 else "办公室、合作指导科、经济发展科、财务审计科")
        + "，下属区再生资源管理办公室。",
        f"二、收支{what}总体情况：{year}年收入{what}{income:.2f}万元，支出{what}{income:.2f}万元，"
        "收支平衡。",
        f"三、“三公”经费{what}：{reception + cars:.2f}万元，其中公务接待费{reception:.2f}万元，"
        f"公务用车运行维护费{cars:.2f}万元，因公出国（境）费0万元。",
        "四、名词解释：“三公”经费是指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费"
        "和公务接待费。",
    ])


def _yearly_specs(rng):
    """Series that come back every year: work plans and summaries, budgets and final accounts,
    power results and statistics. (The annual reports are pages of the 年报 column, not items:
    see :mod:`.demo_reports`.)"""
    specs = []

    def add(slug, column, title, kind, topic, published_on, summary, body, organ="gxs",
            docno="", keywords="", attachments=()):
        specs.append(ItemSpec(
            slug=slug, column=column, title=title, kind=kind, organ=organ, topic=topic,
            published_on=published_on, formation_date=_formation_before(rng, published_on),
            summary=summary, body=body, docno=docno, keywords=keywords,
            attachments=list(attachments)))

    for year in content.WORK_PLAN_YEARS:
        points = rng.sample(content.WORK_PLAN_POINTS, 5)
        add(f"ghjh-gzyd-{year}", "ghjh", f"区供销社{year}年工作要点", "plan_statistics",
            "planning", _random_day(rng, year, [2, 3]),
            f"明确{year}年全区供销社工作的总体要求和{len(points)}项重点任务。",
            paragraphs_html([f"{year}年全区供销社工作的总体要求是：坚持为农服务根本宗旨，深化综合改革，"
                             "推动供销合作事业高质量发展。重点抓好以下工作："]
                            + [f"{chinese_number(i)}、{p}。" for i, p in enumerate(points, 1)]),
            docno="gxs", keywords="工作要点")
    for year in content.WORK_SUMMARY_YEARS:
        add(f"ghjh-gzzj-{year}", "ghjh", f"区供销社{year}年工作总结", "plan_statistics",
            "planning", _random_day(rng, year + 1, [1]),
            f"总结{year}年全区供销社各项工作完成情况，提出下一年度工作思路。",
            paragraphs_html([f"{year}年，区供销社在区委、区政府的正确领导下，各项工作取得新成效。",
                             "一、主要工作成效：为农服务能力持续增强，再生资源回收体系不断完善，"
                             "社有资产保值增值。",
                             "二、存在的问题：基层社实力偏弱，经营服务创新不足。",
                             f"三、{year + 1}年工作思路：坚持稳中求进，突出为农服务，深化综合改革。"]),
            keywords="工作总结")
    for year in content.BUDGET_YEARS:
        attachments = []
        if year in content.BUDGET_ATTACHMENT_YEARS:
            attachments.append({"name": f"bmys-{year}.pdf", "title": f"{year}年部门预算公开表",
                                "lines": [f"温州市鹿城区供销合作社{year}年部门预算公开表",
                                          "一、收支预算总表", "二、一般公共预算支出表",
                                          "三、“三公”经费支出预算表"]})
        add(f"czyjs-ys-{year}", "czyjs", f"温州市鹿城区供销合作社{year}年部门预算", "budget",
            "finance", _random_day(rng, year, [2]),
            f"公开{year}年部门收支预算总体情况和“三公”经费预算情况。",
            _budget_body(rng, year, final=False), keywords="部门预算 三公经费",
            attachments=attachments)
    for year in content.FINAL_ACCOUNT_YEARS:
        add(f"czyjs-js-{year}", "czyjs", f"温州市鹿城区供销合作社{year}年度部门决算", "budget",
            "finance", _random_day(rng, year + 1, [8, 9]),
            f"公开{year}年度部门收支决算总体情况和“三公”经费支出情况。",
            _budget_body(rng, year, final=True), keywords="部门决算 三公经费")
    for year in content.RECYCLING_FILING_YEARS:
        count = rng.randint(12, 40)
        add(f"xzql-ba-{year}", "xzql", f"鹿城区{year}年再生资源回收经营者备案情况公示",
            "power_result", "recycling", _random_day(rng, year + 1, [1]),
            f"公示{year}年度办理再生资源回收经营者备案{count}户的情况。",
            paragraphs_html([f"{year}年，区再生资源管理办公室共办理再生资源回收经营者备案{count}户，"
                             "其中新设备案和变更备案均已办结。",
                             "备案经营者名单可在区再生资源管理办公室查阅。"]),
            organ="zsb", keywords="备案 公示 再生资源")
    for year in content.SAFETY_REPORT_YEARS:
        count = rng.randint(15, 30)
        add(f"xzql-aq-{year}", "xzql", f"区供销社{year}年度系统安全生产检查情况通报",
            "power_result", "safety", _random_day(rng, year, [12]),
            f"通报{year}年度供销社系统企业安全生产检查和隐患整改情况。",
            paragraphs_html([f"{year}年，区供销社共组织安全生产检查{rng.randint(6, 12)}次，"
                             f"检查企业和场所{count}家次，发现并督促整改隐患{rng.randint(10, 40)}处。",
                             "整改率100%，未发生安全生产责任事故。"]),
            docno="gxs", keywords="安全生产 检查 通报")
    for year in content.RECYCLING_STATISTICS_YEARS:
        tons = rng.randint(30000, 60000)
        add(f"zszy-tj-{year}", "zszy", f"鹿城区{year}年再生资源回收利用情况", "plan_statistics",
            "recycling", _random_day(rng, year + 1, [2, 3]),
            f"{year}年全区再生资源回收总量约{tons}吨。",
            paragraphs_html([f"{year}年，全区再生资源回收总量约{tons}吨，主要品种为废钢铁、废纸、"
                             "废塑料、废旧家电和废有色金属。",
                             "全区规范化回收站点运行良好，可回收物回收利用率稳步提高。"]),
            organ="zsb", keywords="再生资源 统计")
    return specs


def _power_specs(rng):
    specs = []
    for item in content.POWER_ITEMS:
        published_on = _random_day(rng, item["year"], month_from=item.get("month_from", 1))
        specs.append(ItemSpec(
            slug=item["slug"], column="xzql", title=item["title"], kind="power_item",
            organ=item["organ"], topic=item["topic"], published_on=published_on,
            formation_date=_formation_before(rng, published_on), keywords=item["keywords"],
            summary=item["summary"],
            attachments=[item["attachment"]] if "attachment" in item else [],
            power={
                "power_kind": item["power_kind"], "power_code": item["power_code"],
                "legal_basis": paragraphs_html(item["legal_basis"]),
                "required_materials": [
                    ("material", {"name": n, "copies": c, "note": note})
                    for n, c, note in item["materials"]],
                "process_steps": [
                    ("step", {"step": s, "responsible_post": p, "time_limit": t,
                              "description": d})
                    for s, p, t, d in item["steps"]],
                "statutory_time_limit": item["statutory"],
                "promised_time_limit": item["promised"], "fees": item["fees"],
                "enquiry_phone": content.POWER_PHONES["enquiry"],
                "complaint_phone": content.POWER_PHONES["complaint"],
            },
        ))
    return specs


def assign_document_numbers(specs):
    """Allot 文号 like 鹿供〔2016〕12号 per prefix and year, in order of formation."""
    counters = {}
    rng = random.Random(content.SEED + 1)
    for spec in sorted(specs, key=lambda s: (s.formation_date, s.slug)):
        if not spec.docno or spec.document_number:
            continue
        key = (spec.docno, spec.formation_date.year)
        counters[key] = counters.get(key, 0) + rng.randint(1, 6)
        prefix = content.DOC_PREFIXES[spec.docno]
        spec.document_number = f"{prefix}〔{key[1]}〕{counters[key]}号"


def assign_old_index_numbers(specs, organ_codes):
    """Give the items published before :data:`IMPORTED_BEFORE` the index number they had on the
    old site: serials spaced out over the year as the old site handed them out."""
    last = {}
    for spec in sorted(specs, key=lambda s: (s.published_on, s.slug)):
        if spec.published_on >= IMPORTED_BEFORE:
            continue
        year = spec.published_on.year
        day_of_year = spec.published_on.timetuple().tm_yday
        by_rate = -(-day_of_year * OLD_SITE_YEARLY_ITEMS.get(year, 60) // 365)
        serial = max(last.get(year, 0) + 1, by_rate)
        last[year] = serial
        spec.index_number = f"{organ_codes[spec.organ]}/{year}-{serial:05d}"


def assign_channels(rng, specs, configured):
    """Spread the items over the configured publication channels (besides the website)."""
    odds = {
        "work_news": {"internal_report": 0.6, "weibo": 0.4, "wechat": 0.5},
        "normative_document": {"gazette": 0.6, "wechat": 0.3, "press_conference": 0.15},
        "regulation": {"gazette": 0.3},
        "interpretation": {"wechat": 0.6, "weibo": 0.3},
        "plan_statistics": {"internal_report": 0.5, "press_conference": 0.1},
        "power_result": {"internal_report": 0.4},
        "other_document": {"internal_report": 0.4},
    }
    for spec in specs:
        chances = odds.get(spec.kind, {})
        spec.channels = [code for code in sorted(chances)
                         if code in configured and rng.random() < chances[code]
                         and not (code == "wechat" and spec.published_on.year < 2015)]


def resolve_history(specs):
    """Repeal dates of the items that a newer item replaced: the day the newer one took effect."""
    by_slug = {s.slug: s for s in specs}
    for spec in specs:
        if spec.replaced_by and not spec.repeal_date:
            newer = by_slug[spec.replaced_by]
            spec.repeal_date = newer.effective_date or newer.published_on


def item_specs(seed=content.SEED, today=None, channels=None):
    """Every item of the demo, in publication order. Deterministic for a given seed."""
    rng = random.Random(seed)
    today = today or datetime.date.today()
    documents = _document_specs(rng)  # their bodies are composed once the 文号 are known
    specs = documents + _news_specs(rng) + _yearly_specs(rng) + _power_specs(rng)
    for spec in specs:
        spec.published_on = min(spec.published_on, today)
        if spec.formation_date and spec.formation_date > spec.published_on:
            spec.formation_date = spec.published_on
    assign_document_numbers(specs)
    for spec in documents:
        spec.body = _document_body(spec)
    organ_codes = {key: re.sub(r"[\s-]", "", organ["code"])
                   for key, organ in content.ORGANS.items()}
    assign_old_index_numbers(specs, organ_codes)
    resolve_history(specs)
    if channels is None:
        channels = [code for code, _label in get_channel_choices(include_website=False)]
    assign_channels(random.Random(seed + 2), specs, set(channels))
    return sorted(specs, key=lambda s: (s.published_on, s.slug))
