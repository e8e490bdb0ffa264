"""axe-core on every public page type and state (issue 13): zero violations of the WCAG 2.0,
2.1 and 2.2 A/AA rules and axe's best practices, on a desktop and, for a representative subset,
a 375px phone.

GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》 takes its indicators
from WCAG 2.0; docs/reference/accessibility.md maps them to these states (and lists each state
by name: ``test_the_reference_lists_every_state`` keeps the two in step).
``test_every_public_page_type_and_route_has_a_state`` fails when a page model or routable
sub-route of the package has no entry here.

The states are grouped so that each group's data is built once (a live-server test flushes
the database after it): ``catalogue``, ``requests``, ``reports`` (with feedback and errors).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from . import states_data
from .conftest import AXE_JS, AXE_TAGS, DESKTOP, MOBILE, format_violations
from .test_accessibility import page_violations

pytestmark = pytest.mark.browser

DOC = Path(__file__).parents[2] / "docs" / "reference" / "accessibility.md"


@dataclass(frozen=True)
class State:
    name: str  #: as listed in docs/reference/accessibility.md
    covers: str  #: the page model, "Model:route" for a routable sub-route, "error:404"...
    group: str
    reach: Callable  #: reach(page, data) brings the browser page into the state
    expect: str = ""  #: a selector only the state shows (proves it was reached)
    mobile: bool = False  #: also checked at 375px


def visit(url, status=200):
    def reach(page, data):
        target = url(data)
        response = page.goto(target)
        assert response.status == status, f"{target}: HTTP {response.status}"
    return reach


def submit(url, fill=None, button="form.wd-form button[type=submit]", status=200):
    """Open the form at ``url(data)``, fill it (``fill(page, data)``) and send it."""
    def reach(page, data):
        page.goto(url(data))
        if fill:
            fill(page, data)
        with page.expect_navigation() as navigation:
            page.click(button)
        assert navigation.value.status == status, navigation.value.status
    return reach


def limited(setting, reach):
    """``reach`` with the rate limit ``setting`` used up (0 a window): the 429 states."""
    def limited_reach(page, data):
        with states_data.disclosure_settings(**{setting: "0/hour"}):
            reach(page, data)
    return limited_reach


def track(status):
    def reach(page, data):
        number, code = data.requests.tracked[status]
        page.goto(data.requests.track_url)
        page.fill("input[name=tracking_number]", number)
        page.fill("input[name=access_code]", code)
        with page.expect_navigation():
            page.click("form.wd-track-form button[type=submit]")
        shown = page.locator("[data-testid=request-status]").inner_text()
        assert shown == str(data.requests.labels[status]), shown
    return reach


def fill_request(page, data, **values):
    page.check("input[name=applicant_type][value=natural_person]")
    fields = {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
              "email": "zhangsan@example.com", "description": "2024年度区供销社农资储备资金使用情况",
              **values}
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    page.select_option("select[name=id_type]", "resident_id")
    page.check("input[name=form][value=electronic]")
    page.check("input[name=delivery][value=email]")
    page.check("input[name=consent]")


def fill_feedback(page, data, **values):
    page.check("input[name=category][value=question]")
    for name, value in {"subject": "年报公开时间", "message": "请问年度报告何时公开？",
                        "name": "李四", "email": "lisi@example.com", **values}.items():
        page.fill(f"[name={name}]", value)


def render_error(template, **context):
    """Django renders 500.html without a request (the database may be down), and so does
    resilience.py its 503.html: the same here, put into a page of the live server so that
    the stylesheet loads."""
    def reach(page, data):
        from django.template.loader import render_to_string

        page.goto("/static/wagtail_disclosure/css/disclosure.css")
        page.set_content(render_to_string(template, context), wait_until="load")
    return reach


F = "wd-error-summary"
STATES = [
    # -- catalogue --------------------------------------------------------------------------
    State("section index", "DisclosureIndexPage", "catalogue",
          visit(lambda d: d.section.url), ".wd-columns", mobile=True),
    State("column with items", "DisclosureColumnPage", "catalogue",
          visit(lambda d: d.news.url), "table.wd-item-table tbody tr", mobile=True),
    State("column with sub-columns", "DisclosureColumnPage", "catalogue",
          visit(lambda d: d.statutory.url)),
    State("empty column", "DisclosureColumnPage", "catalogue",
          visit(lambda d: d.extra.empty.url), ".wd-empty"),
    State("column filtered with no results", "DisclosureColumnPage", "catalogue",
          visit(lambda d: f"{d.news.url}?year=2024&kind=budget"), ".wd-empty"),
    State("column filtered, paginated", "DisclosureColumnPage", "catalogue",
          visit(lambda d: f"{d.news.url}?year=2023&kind=work_news&page=2"), ".wd-pagination"),
    State("column, last page", "DisclosureColumnPage", "catalogue",
          visit(lambda d: f"{d.news.url}?page=4"), ".wd-pagination"),
    State("column with an invalid filter value", "DisclosureColumnPage", "catalogue",
          visit(lambda d: f"{d.news.url}?year=abc&kind=nonsense&page=x"), ".wd-notice"),
    State("item in force", "DisclosureItemPage", "catalogue",
          visit(lambda d: d.new_measures.url), ".wd-meta-table", mobile=True),
    State("repealed item", "DisclosureItemPage", "catalogue",
          visit(lambda d: d.old_measures.url), ".wd-banner--repealed", mobile=True),
    State("expired item", "DisclosureItemPage", "catalogue",
          visit(lambda d: d.extra.expired.url), ".wd-banner--expired"),
    State("withdrawn item notice", "DisclosureItemPage", "catalogue",
          visit(lambda d: d.extra.withdrawn.url), ".wd-withdrawal-notice"),
    State("publication period ended notice", "DisclosureItemPage", "catalogue",
          visit(lambda d: d.extra.ended.url), ".wd-withdrawal-notice"),
    State("index number lookup", "DisclosureIndexPage:index_number", "catalogue",
          visit(lambda d: f"{d.section.url}index-number/{d.new_measures.index_number}/"),
          ".wd-meta-table"),
    State("power item", "PowerItemPage", "catalogue",
          visit(lambda d: d.power.url), ".wd-meta-table", mobile=True),
    State("search with results", "DisclosureIndexPage:search", "catalogue",
          visit(lambda d: f"{d.section.url}search/?q=供销社"), "table.wd-item-table tbody tr",
          mobile=True),
    State("search without results", "DisclosureIndexPage:search", "catalogue",
          visit(lambda d: f"{d.section.url}search/?q=航天发射场"), ".wd-empty"),
    State("search without a query", "DisclosureIndexPage:search", "catalogue",
          visit(lambda d: f"{d.section.url}search/"), ".wd-filters"),
    State("search with an over-long query", "DisclosureIndexPage:search", "catalogue",
          visit(lambda d: f"{d.section.url}search/?q={'供销' * 60}"), ".wd-notice"),
    # -- requests ---------------------------------------------------------------------------
    State("request form", "RequestFormPage", "requests",
          visit(lambda d: d.requests.page.url), "form.wd-request-form"),
    State("request form, empty submit", "RequestFormPage", "requests",
          submit(lambda d: d.requests.page.url, button="form.wd-request-form button[type=submit]"),
          f".{F}", mobile=True),
    State("request form, invalid values", "RequestFormPage", "requests",
          submit(lambda d: d.requests.page.url,
                 lambda p, d: fill_request(p, d, id_number="110105194912310021", email="x@"),
                 button="form.wd-request-form button[type=submit]"), "#id_id_number-error"),
    State("request form, too many requests", "RequestFormPage", "requests",
          limited("SUBMIT_RATE_LIMIT", submit(
              lambda d: d.requests.page.url, fill_request, status=429,
              button="form.wd-request-form button[type=submit]")), f".{F}"),
    State("request submitted", "RequestFormPage:submitted", "requests",
          submit(lambda d: d.requests.page.url, fill_request,
                 button="form.wd-request-form button[type=submit]"),
          "[data-testid=access-code]", mobile=True),
    State("tracking form", "RequestFormPage:track", "requests",
          visit(lambda d: d.requests.track_url), "form.wd-track-form"),
    State("tracking, empty submit", "RequestFormPage:track", "requests",
          submit(lambda d: d.requests.track_url, button="form.wd-track-form button[type=submit]"),
          f".{F}"),
    State("tracking, wrong access code", "RequestFormPage:track", "requests",
          submit(lambda d: d.requests.track_url, lambda p, d: (
              p.fill("input[name=tracking_number]", d.requests.tracked["received"][0]),
              p.fill("input[name=access_code]", "AAAA-BBBB-CCCC")),
              button="form.wd-track-form button[type=submit]"), f".{F}", mobile=True),
    State("tracking, too many lookups", "RequestFormPage:track", "requests",
          limited("TRACK_RATE_LIMIT", submit(
              lambda d: d.requests.track_url, status=429,
              button="form.wd-track-form button[type=submit]")), f".{F}"),
    # every status an applicant can see; the letters too (none awaiting confirmation of
    # receipt; the reply's document link once answered)
    *(State(f"tracked request: {status.replace('_', ' ')}", "RequestFormPage:track", "requests",
            track(status), {"awaiting_confirmation": ".wd-letters .wd-empty",
                            "answered": ".wd-letter a[href*='track/document/']"}.get(
                                status, ".wd-letters .wd-letter"),
            mobile=status == "answered")
      for status in ("awaiting_confirmation", "received", "in_progress", "awaiting_correction",
                     "consulting", "extended", "awaiting_payment", "answered", "closed",
                     "withdrawn")),
    State("too many downloads", "RequestFormPage:document", "requests",
          limited("DOCUMENT_RATE_LIMIT", visit(
              lambda d: d.requests.track_url + "document/x/", status=429)), "main h1"),
    State("expired document link", "RequestFormPage:document", "requests",
          visit(lambda d: d.requests.track_url + "document/x/", status=404), ".wd-error-page"),
    # -- reports, feedback, errors ----------------------------------------------------------
    State("annual report index", "AnnualReportIndexPage", "reports",
          visit(lambda d: d.reports.index.url), "main a[href*=report-]"),
    State("annual report index without reports", "AnnualReportIndexPage", "reports",
          visit(lambda d: d.reports.empty_index.url), ".wd-empty"),
    State("computed report with tables and charts", "AnnualReportPage", "reports",
          visit(lambda d: d.reports.report.url),
          "table.wd-report-table--requests td.wd-overridden", mobile=True),
    State("legacy report", "AnnualReportPage", "reports",
          visit(lambda d: d.reports.legacy.url), "main h1"),
    State("report with unknown figures", "AnnualReportPage", "reports",
          visit(lambda d: d.reports.unknown.url), "td.wd-unknown"),
    State("feedback form", "FeedbackPage", "reports",
          visit(lambda d: d.feedback.empty.url), "form.wd-form"),
    State("feedback form, empty submit", "FeedbackPage", "reports",
          submit(lambda d: d.feedback.empty.url), f".{F}", mobile=True),
    State("feedback form, invalid values", "FeedbackPage", "reports",
          submit(lambda d: d.feedback.empty.url,
                 lambda p, d: fill_feedback(p, d, email="lisi-at-example")), "#id_email-error"),
    State("feedback form, too many messages", "FeedbackPage", "reports",
          limited("FEEDBACK_RATE_LIMIT", submit(lambda d: d.feedback.empty.url, fill_feedback,
                                                status=429)), f".{F}"),
    State("feedback sent", "FeedbackPage:sent", "reports",
          submit(lambda d: d.feedback.empty.url, fill_feedback),
          "[data-testid=feedback-reference]"),
    State("feedback with published answers", "FeedbackPage", "reports",
          visit(lambda d: d.feedback.answered.url), "[data-testid=feedback-entry]"),
    State("page not found (404)", "error:404", "reports",
          visit(lambda d: "/no-such-page/", status=404), ".wd-error-page", mobile=True),
    State("server error (500)", "error:500", "reports", render_error("500.html"), ".wd-page-500"),
    State("service briefly unavailable (503)", "error:503", "reports",
          render_error("wagtail_disclosure/503.html", message="数据库暂时无法连接，请稍后再试。"),
          ".wd-page-503"),
]
GROUPS = ["catalogue", "requests", "reports"]
#: Sub-routes that answer with something other than an HTML page.
NOT_HTML = {"DisclosureColumnPage:rss": "RSS feed", "DisclosureColumnPage:atom": "Atom feed",
            "AnnualReportPage:xlsx": "the report as an XLSX workbook"}


@pytest.fixture
def group_data(request, disclosure_site, settings, tmp_path):
    from tests.factories import make_user

    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    data, group = disclosure_site, request.param
    if group == "catalogue":
        settings.WAGTAIL_DISCLOSURE = {"PAGE_SIZE": 5}  # so the listings paginate
        data.extra = states_data.catalogue(data)
    elif group == "requests":
        officer = make_user("officer", "view_informationrequest", "process_informationrequest")
        approver = make_user("head", "view_informationrequest", "process_informationrequest",
                             "approve_extension")
        data.requests = states_data.requests(data, officer, approver)
    else:
        officer = make_user("officer")
        data.reports = states_data.reports(data, tmp_path)
        data.feedback = states_data.feedback(data, officer)
    return data


def check(page, data, states):
    failures = []
    for state in states:
        state.reach(page, data)
        if state.expect:
            assert page.locator(state.expect).count() > 0, (
                f"{state.name}: not reached ({state.expect} not on {page.url})")
        violations = page_violations(page)
        if violations:
            failures.append(f"== {state.name} ({page.url}):\n{format_violations(violations)}")
    return failures


@pytest.mark.parametrize("group_data", GROUPS, indirect=True)
def test_every_state_has_no_axe_violations(new_context, group_data, request):
    group = request.node.callspec.params["group_data"]
    states = [s for s in STATES if s.group == group]
    desktop = new_context(viewport=DESKTOP)
    phone = new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    for context in (desktop, phone):  # loaded with each document, not sent with each check
        context.add_init_script(path=str(AXE_JS))
    failures = check(desktop.new_page(), group_data, states)
    phone = phone.new_page()
    failures += [f"[375px] {f}" for f in check(phone, group_data,
                                               [s for s in states if s.mobile])]
    assert not failures, (f"axe-core ({', '.join(AXE_TAGS)}) found violations:\n"
                          + "\n".join(failures))


def test_every_public_page_type_and_route_has_a_state():
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    expected = set()
    for model in get_page_models():
        if model._meta.app_label != "wagtail_disclosure" or model._meta.abstract:
            continue
        expected.add(model.__name__)
        if issubclass(model, RoutablePageMixin):
            expected |= {f"{model.__name__}:{route.name}" for route in model.get_subpage_urls()
                         if str(route.pattern) != ""}
    # the error pages: wagtail_disclosure/404.html, 500.html, 503.html...
    templates = Path(__file__).parents[2] / "wagtail_disclosure" / "templates"
    expected |= {f"error:{t.stem}" for t in (templates / "wagtail_disclosure").glob("[0-9]*.html")}
    covered = {state.covers for state in STATES} | set(NOT_HTML)
    assert not expected - covered, f"page types or routes without a state: {expected - covered}"
    assert not covered - expected, f"unknown entries: {covered - expected}"
    assert len({state.name for state in STATES}) == len(STATES), "state names repeat"


def test_the_reference_lists_every_state():
    text = DOC.read_text(encoding="utf-8")
    missing = [state.name for state in STATES if f"`{state.name}`" not in text]
    assert not missing, f"{DOC.name} does not list: {missing}"
