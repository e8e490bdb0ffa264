"""Fixtures of the browser journeys: Debian's Chromium driven by Playwright against
pytest-django's ``live_server``, and a small realistic 政府信息公开 section.

Never a downloaded browser: ``/usr/bin/chromium`` only (no ``playwright install``). No network
at run time: axe-core is vendored in ``tests/e2e/vendor/`` (axe-core 4.14.1 from the npm
registry, MPL-2.0, see the LICENSE files there).
"""

import datetime
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import CHROMIUM, require_or_skip  # noqa: E402

VENDOR = Path(__file__).parent / "vendor"
AXE_JS = VENDOR / "axe.min.js"

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 800}

ADMIN_USERNAME = "editor"
ADMIN_PASSWORD = "correct-horse-battery-staple"

SEARCH_TARGET = "区供销社2014年政府信息公开工作报告"


# -- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """One headless Chromium per test module."""
    require_or_skip(shutil.which(CHROMIUM) is not None, f"{CHROMIUM} is not installed")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright's event loop "runs", asgiref hands Django a second, context-local set of
    # connections. Keep using the test database's own connections (they carry the serialized
    # rollback data and, for in-memory SQLite, the database the live server shares).
    originals = {alias: connections[alias] for alias in connections}
    # Playwright's sync API runs an asyncio event loop in this thread; the ORM calls the tests
    # make while a browser is open are still plain synchronous calls. Only while it is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            for alias, connection in originals.items():
                connections[alias] = connection
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser, live_server):
    """Open browser contexts on the live server; all are closed after the test."""
    contexts = []

    def make(viewport=DESKTOP, **kwargs):
        kwargs.setdefault("locale", "zh-CN")
        kwargs.setdefault("timezone_id", "Asia/Shanghai")
        ctx = browser.new_context(base_url=live_server.url, viewport=viewport, **kwargs)
        # No network: anything not served by the live server (a gravatar, say) is refused.
        ctx.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
        # Fail fast instead of waiting 30 s when something is missing.
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(new_context):
    """A desktop-sized (1280×900) page on the live server."""
    return new_context().new_page()


@pytest.fixture
def mobile_page(new_context):
    """A phone-sized (375×800) page on the live server."""
    return new_context(viewport=MOBILE, is_mobile=True, has_touch=True).new_page()


# -- the data ------------------------------------------------------------------------------


def _topic(path):
    from tests import factories

    return factories.topic(path)


def _date(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def disclosure_site(transactional_db, live_server, django_db_serialized_rollback):
    """A small 政府信息公开 section of a 区供销合作社, built with tests/factories.py.

    政府信息公开 (index page, with its 指南)
    ├── 工作动态 ............ 16 items, 2022–2024, work news and other documents
    ├── 法定主动公开内容 ..... 2 items (budget, plan)
    │   ├── 规范性文件 ........ 4 normative documents, one repealed and replaced
    │   └── 权责清单 .......... 1 power item (with process and materials), 2 power results
    └── 政府信息公开年报 ..... 6 annual reports, 2014 and 2019–2023

    The test database is flushed after every live-server test, so the rollback is serialized
    (the migrations' root page, default Site, locale and national topics come back).
    """
    from wagtail.models import Site

    from tests import factories
    from wagtail_disclosure.models import DisclosureItemPage

    # The default Site answers for any host name (Wagtail falls back to the
    # is_default_site Site), so the live server's localhost:<port> is served by it.
    site = Site.objects.get(is_default_site=True)
    factories.home_page()
    site.refresh_from_db()
    site.site_name = "区供销合作社"
    site.save()

    organ = factories.organ("温州市鹿城区供销合作社", "014320144")
    gov_office = factories.organ("温州市鹿城区人民政府办公室", "002661401")

    trade = _topic("商贸、海关、旅游\\国内贸易（含供销）")
    open_gov = _topic("综合政务\\政务公开")
    farming = _topic("农业、林业、水利\\农业、畜牧业、渔业")
    finance = _topic("财政、金融、审计\\财政")
    plans = _topic("国民经济管理、国有资产监管\\发展规划")

    section = factories.section(
        title="政府信息公开",
        slug="zfxxgk",
        intro="<p>本栏目依照《中华人民共和国政府信息公开条例》公开区供销合作社的政府信息。</p>",
        office_name="区供销社办公室",
        office_address="温州市鹿城区府前街88号",
        office_postcode="325000",
        office_hours="工作日 8:30–12:00，14:00–17:30",
        office_phone="0577-88888888",
        office_email="gxs@example.gov.cn",
        request_channels=["in_person", "post", "online"],
        guide=[
            ("section", {"heading": "信息分类与编排",
                         "text": "<p>主动公开的政府信息按栏目和主题分类编排，每条信息有唯一的索引号。</p>"}),
            ("section", {"heading": "获取方式",
                         "text": "<p>可通过本网站查阅，也可向本机关提出政府信息公开申请。</p>"}),
            ("section", {"heading": "监督和救济",
                         "text": "<p>认为本机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。</p>"}),
        ],
    )

    news = factories.column(section, "工作动态", description="<p>区供销社的日常工作动态。</p>")
    statutory = factories.column(section, "法定主动公开内容")
    normative = factories.column(statutory, "规范性文件")
    powers = factories.column(statutory, "权责清单")
    reports = factories.column(section, "政府信息公开年报")

    items = []

    def add(parent, title, published, kind, topic=None, organ_obj=None, **kwargs):
        published = _date(published)
        kwargs.setdefault("formation_date", published - datetime.timedelta(days=3))
        page = factories.item(parent, title=title, kind=kind, topic=topic,
                              organ_obj=organ_obj or organ, published_on=published, **kwargs)
        page.column = parent
        items.append(page)
        return page

    # 工作动态: 2022–2024, mostly work news, with other documents mixed in.
    news_rows = [
        ("区供销社召开2022年度工作总结会议", "2022-01-18", "work_news", open_gov),
        ("区供销社开展农资打假专项行动", "2022-05-09", "work_news", farming),
        ("区供销社部署秋冬季农资保供工作", "2022-10-12", "work_news", farming),
        ("区供销社召开2023年度工作会议", "2023-01-16", "work_news", open_gov),
        ("关于印发《区供销社2023年工作要点》的通知", "2023-02-20", "other_document", open_gov),
        ("区供销社推进“供销e家”农村电商服务站建设", "2023-03-14", "work_news", trade),
        ("春耕备耕农资储备充足 价格总体平稳", "2023-04-06", "work_news", farming),
        ("区供销社开展安全生产大检查", "2023-06-21", "work_news", open_gov),
        ("农产品产销对接会在我区举行", "2023-08-30", "work_news", trade),
        ("关于开展2023年度基层社规范化建设评估的通知", "2023-09-12", "other_document", trade),
        ("区供销社召开主题教育专题民主生活会", "2023-11-02", "work_news", open_gov),
        ("区供销社完成年度再生资源回收网点布局", "2023-12-15", "work_news", trade),
        ("区供销社召开2024年度工作会议", "2024-01-22", "work_news", open_gov),
        ("全区供销系统春季农资供应工作部署会召开", "2024-03-05", "work_news", farming),
        ("区供销社开展消费帮扶进社区活动", "2024-05-17", "work_news", trade),
        ("区供销社为民办实事项目推进情况", "2024-07-09", "work_news", open_gov),
    ]
    for title, published, kind, topic in news_rows:
        add(news, title, published, kind, topic,
            summary=f"{title}。", keywords="供销 农资 为民服务")

    add(statutory, "区供销社2023年部门预算", "2023-02-08", "budget", finance,
        summary="区供销社2023年部门收支预算总表及说明。")
    add(statutory, "区供销社“十四五”发展规划", "2022-03-28", "plan_statistics", plans,
        summary="到2025年基本建成覆盖全区的供销为农服务体系。")

    # 规范性文件: the 2019 measures were repealed by the 2023 ones.
    add(normative, "区供销社基层社财务管理办法", "2021-06-15", "normative_document", finance,
        document_number="鹿供〔2021〕12号", effective_date=_date("2021-07-01"))
    new_measures = add(
        normative, "区供销社社有资产监督管理办法", "2023-05-10", "normative_document", trade,
        document_number="鹿供〔2023〕8号", effective_date=_date("2023-06-01"),
        summary="规范社有资产的监督管理，防止社有资产流失。",
        body="<p>第一条 为加强社有资产监督管理，制定本办法。</p>",
    )
    old_measures = add(
        normative, "区供销社社有资产管理暂行办法", "2019-04-02", "normative_document", trade,
        document_number="鹿供〔2019〕5号", effective_date=_date("2019-05-01"),
        validity="repealed", repeal_date=_date("2023-06-01"), replaced_by=new_measures,
        summary="本办法已被《区供销社社有资产监督管理办法》废止。",
    )
    add(normative, "关于加强农资市场监管的若干意见", "2022-08-19", "normative_document", farming,
        document_number="鹿政办〔2022〕31号", organ_obj=gov_office,
        effective_date=_date("2022-09-01"))

    # 权责清单: one administrative power item and two results.
    power = factories.power_item(
        powers,
        title="再生资源回收经营者备案",
        published_on=_date("2023-07-03"),
        formation_date=_date("2023-06-28"),
        topic=trade,
        power_kind="other",
        power_code="330302-QT-0012",
        summary="从事再生资源回收经营活动的经营者，应当向所在地商务主管部门备案。",
        legal_basis="<p>《再生资源回收管理办法》第七条。</p>",
        statutory_time_limit="5个工作日",
        promised_time_limit="1个工作日",
        fees="不收费",
        enquiry_phone="0577-88888801",
        complaint_phone="0577-88888802",
        required_materials=[
            ("material", {"name": "再生资源回收经营者备案登记表", "copies": "原件1份", "note": ""}),
            ("material", {"name": "营业执照", "copies": "复印件1份", "note": "加盖公章"}),
            ("material", {"name": "法定代表人身份证明", "copies": "复印件1份", "note": ""}),
        ],
        process_steps=[
            ("step", {"step": "申请", "responsible_post": "申请人", "time_limit": "",
                      "description": "申请人通过浙江政务服务网或窗口提交材料。"}),
            ("step", {"step": "受理", "responsible_post": "窗口工作人员", "time_limit": "即时",
                      "description": "材料齐全的当场受理。"}),
            ("step", {"step": "审查", "responsible_post": "业务科室", "time_limit": "1个工作日",
                      "description": "对申请材料进行审查。"}),
            ("step", {"step": "备案", "responsible_post": "分管领导", "time_limit": "当日",
                      "description": "予以备案并告知申请人。"}),
        ],
    )
    power.column = powers
    items.append(power)
    add(powers, "2023年行政检查结果公示（第一批）", "2023-09-28", "power_result", trade)
    add(powers, "2024年行政检查结果公示（第一批）", "2024-04-26", "power_result", trade)

    # 政府信息公开年报.
    report_2014 = add(reports, SEARCH_TARGET, "2015-03-20", "other_document", open_gov,
                      summary="2014年度区供销社政府信息公开工作情况。",
                      keywords="年度报告 政府信息公开")
    for year in range(2019, 2024):
        add(reports, f"区供销社{year}年度政府信息公开工作年度报告", f"{year + 1}-01-25",
            "other_document", open_gov, keywords="年度报告 政府信息公开")

    # Every page was published through a revision and got its 索引号.
    for obj in items:
        obj.refresh_from_db()
        assert obj.index_number, obj.title
    # The Site root is the home page; everything above resolves on any host.
    assert section.get_site().pk == site.pk

    def items_in(column):
        """The live items listed in a column (its own and its sub-columns'), in listing order."""
        return sorted(
            (i for i in items if i.path.startswith(column.path)),
            key=lambda i: (i.published_on, i.pk), reverse=True,
        )

    return SimpleNamespace(
        site=site, section=section, organ=organ, columns=[news, statutory, reports],
        news=news, statutory=statutory, normative=normative, powers=powers, reports=reports,
        items=items, items_in=items_in, report_2014=report_2014, old_measures=old_measures,
        new_measures=new_measures, power=power,
        item_count=DisclosureItemPage.objects.live().count(),
    )


@pytest.fixture
def admin_user(transactional_db, django_user_model):
    return django_user_model.objects.create_superuser(
        ADMIN_USERNAME, "editor@example.gov.cn", ADMIN_PASSWORD)


def login_to_admin(page, username=ADMIN_USERNAME, password=ADMIN_PASSWORD):
    """Log in through Wagtail's login form, as an editor would."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert "/admin/login/" not in page.url, "login failed"


# -- accessibility -------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page):
    """Run axe-core (vendored) on the current page; returns the list of violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    # Only the violations and "incomplete" results are used: passes and inapplicable rules are
    # neither detailed (resultTypes) nor sent back, which took most of the time of a check.
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations', 'incomplete'],
            });
            return {violations: result.violations, incomplete: result.incomplete};
        }""",
        AXE_TAGS,
    )
    # axe files a contrast it cannot settle under "incomplete" (needs review), and a link
    # coloured like its background once hid there: our pages have nothing axe should be
    # unsure about, so an unsettled contrast counts as a violation.
    # (Nodes next to a decorative pseudo-element, like the numbered circles of a process
    # flow, are left to axe's judgement: it cannot measure those.)
    unsure = []
    for entry in result["incomplete"]:
        if entry["id"] != "color-contrast":
            continue
        nodes = [n for n in entry["nodes"]
                 if not any("pseudo element" in check["message"] for check in n["any"])]
        if nodes:
            unsure.append({**entry, "nodes": nodes})
    return result["violations"] + unsure


def format_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)
