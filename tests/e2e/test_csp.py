"""The Content-Security-Policy (wagtail_disclosure/security.py): the package's templates satisfy
the strict policy, with no 'unsafe-inline'; the Wagtail admin works under its looser one.

The browser tests serve the site with ``ContentSecurityPolicyMiddleware`` in ``MIDDLEWARE`` and
``DISCLOSURE_CSP = recommended_policy()`` (what agency.settings_production sends), visit every
public page type, the letter print view and the admin's editor and preview in Debian's Chromium,
and collect every ``securitypolicyviolation`` event and every CSP message of the console: none
is allowed. The other tests check the header itself, without a browser, and that no template
holds an inline script, inline style, ``style=""`` or event-handler attribute.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from wagtail_disclosure.security import (
    ContentSecurityPolicyMiddleware,
    format_policy,
    policy_for_path,
    recommended_policy,
)

from .conftest import login_to_admin

CSP_MIDDLEWARE = "wagtail_disclosure.security.ContentSecurityPolicyMiddleware"

#: The public pages' policy, spelt out (issue 11): no 'unsafe-inline' for scripts or styles.
STRICT = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
#: The Wagtail admin's policy: Wagtail 8 writes inline scripts and styles.
ADMIN = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
         "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; "
         "base-uri 'self'; form-action 'self'; frame-ancestors 'self'")

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "wagtail_disclosure" / "templates", ROOT / "example_project"]


def with_csp_middleware(middleware):
    middleware = list(middleware)
    if CSP_MIDDLEWARE not in middleware:
        middleware.insert(middleware.index("django.middleware.security.SecurityMiddleware") + 1,
                          CSP_MIDDLEWARE)
    return middleware


# -- the header, without a browser ------------------------------------------------------------


@pytest.fixture
def csp_on(settings):
    settings.MIDDLEWARE = with_csp_middleware(settings.MIDDLEWARE)
    settings.DISCLOSURE_CSP = recommended_policy()
    return settings


@pytest.mark.django_db
def test_public_pages_get_the_exact_strict_policy(csp_on, client):
    from tests import factories

    section = factories.section()
    item = factories.item(factories.column(section, "工作动态"), title="一条信息")
    for url in (section.url, item.url, "/no-such-page/"):
        response = client.get(url)
        assert response["Content-Security-Policy"] == STRICT, url
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_the_admin_gets_its_policy_and_the_letter_print_view_the_strict_one(
        csp_on, client, django_user_model):
    # (Not pytest-django's admin_client: this directory's admin_user needs transactional_db.)
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.gov.cn"))
    assert client.get("/admin/")["Content-Security-Policy"] == ADMIN
    # The letter print view (any response below its path: here a 404 for a missing letter).
    response = client.get("/admin/disclosure/requests/letter/999999/print/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == STRICT


@pytest.mark.django_db
def test_the_preview_gets_the_admin_policy_not_the_pages(csp_on, rf, django_user_model):
    """Wagtail renders a preview through the middleware with a dummy request for the page's
    public URL (``make_preview_request``): that inner response must not carry the public
    policy (frame-ancestors 'none'), which the admin's preview response would then keep,
    refusing the preview panel's iframe (as it did once the middleware was in the example's
    settings). The admin's own response gets the admin policy (test above)."""
    from tests import factories

    item = factories.item(factories.column(factories.section(), "工作动态"), title="一条信息")
    original = rf.get(f"/admin/pages/{item.pk}/edit/preview/")
    original.user = django_user_model.objects.create_superuser("chief", "c@example.gov.cn")
    response = item.make_preview_request(original, item.default_preview_mode)
    assert response.status_code == 200
    assert "一条信息" in response.content.decode()
    assert "Content-Security-Policy" not in response


@pytest.mark.django_db
def test_no_header_while_the_setting_is_off(settings, client):
    settings.MIDDLEWARE = with_csp_middleware(settings.MIDDLEWARE)
    settings.DISCLOSURE_CSP = None
    assert "Content-Security-Policy" not in client.get("/no-such-page/")


def test_report_only_and_a_views_own_header():
    factory = RequestFactory()
    with override_settings(DISCLOSURE_CSP=recommended_policy(report_only=True)):
        response = ContentSecurityPolicyMiddleware(lambda r: HttpResponse())(factory.get("/"))
        assert response["Content-Security-Policy-Report-Only"] == STRICT
        assert "Content-Security-Policy" not in response

    def own(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    with override_settings(DISCLOSURE_CSP=recommended_policy()):
        response = ContentSecurityPolicyMiddleware(own)(factory.get("/"))
        assert response["Content-Security-Policy"] == "default-src 'none'"


def test_longest_prefix_wins_and_none_sends_nothing():
    config = {"DIRECTIVES": {"default-src": ["'self'"]},
              "PATH_DIRECTIVES": {"/a/": {"default-src": ["'none'"]}, "/a/b/": None}}
    with override_settings(DISCLOSURE_CSP=config):
        assert policy_for_path("/x/") == ("Content-Security-Policy", "default-src 'self'")
        assert policy_for_path("/a/c/") == ("Content-Security-Policy", "default-src 'none'")
        assert policy_for_path("/a/b/c/") is None


@pytest.mark.parametrize("config, message", [
    ({"DIRECTIVES": {"script-src": ["'self'; script-src *"]}}, "is not a CSP source"),
    ({"DIRECTIVES": {"script-src": "'self'"}}, "must be a non-empty list"),
    ({"DIRECTIVES": {"Script Src": ["'self'"]}}, "is not a CSP directive name"),
    ({"DIRECTIVES": {}, "EXCLUDE": []}, "must be a dict with the key 'DIRECTIVES'"),
    ({"DIRECTIVES": {}, "PATH_DIRECTIVES": {"admin/": None}}, "must be a path starting with /"),
])
def test_a_malformed_setting_stops_the_server(config, message):
    with override_settings(DISCLOSURE_CSP=config):
        with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
            ContentSecurityPolicyMiddleware(lambda r: HttpResponse())


def test_directive_without_sources():
    assert format_policy({"upgrade-insecure-requests": True, "default-src": ["'self'"]}) == (
        "upgrade-insecure-requests; default-src 'self'")


INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>"  # a script element without src
    r"|<style[\s>]"                  # a style element
    r"|\sstyle=[\"']"                # a style attribute
    r"|\son[a-z]+=[\"']"             # an event-handler attribute
    r"|javascript:", re.I)


def test_no_template_holds_inline_script_or_style():
    templates = [p for d in TEMPLATE_DIRS for p in d.rglob("*.html")]
    assert len(templates) > 40
    found = [f"{path.relative_to(ROOT)}: {match.group(0)!r}"
             for path in templates for match in INLINE_CODE.finditer(path.read_text())]
    assert not found, "inline code that the Content-Security-Policy refuses:\n" + "\n".join(found)


def test_the_template_check_finds_inline_code():
    for sample in ('<button onclick="window.print()">', "<style>\n", '<p style="color:red">',
                   "<script>alert(1)</script>", '<a href="javascript:void(0)">'):
        assert INLINE_CODE.search(sample), sample
    assert not INLINE_CODE.search('<script src="/static/x.js"></script>')


# -- in the browser ---------------------------------------------------------------------------

#: Registered before any script of a page (and in every frame): every violation of the policy.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ` +
        `${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`);
}, true);
"""


@pytest.fixture(scope="module")
def live_server(django_db_setup):
    """This module's own live server, started with the CSP middleware in MIDDLEWARE (the
    server's handler reads MIDDLEWARE once, when it starts); the policy itself is switched on
    by the ``csp_site`` fixture, per test."""
    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    with override_settings(MIDDLEWARE=with_csp_middleware(settings.MIDDLEWARE)):
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def csp_site(disclosure_site, settings):
    settings.DISCLOSURE_CSP = recommended_policy()
    settings.X_FRAME_OPTIONS = "DENY"  # as in production: Wagtail's preview sends SAMEORIGIN
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False  # as in production (no call to wagtail.org)
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    return disclosure_site


class ViolationLog:
    """The CSP violations a page met: its events, in every frame, and its console messages."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def take(self):
        events = []
        for frame in self.page.frames:
            try:
                events += frame.evaluate("() => window.__cspViolations || []")
            except Exception:  # a frame that went away while we asked
                continue
        found, self.console = events + self.console, []
        for frame in self.page.frames:
            try:
                frame.evaluate("() => { window.__cspViolations = []; }")
            except Exception:
                continue
        return found


def visit(page, log, url, what, policy=STRICT, failures=None):
    response = page.goto(url)
    assert response.headers.get("content-security-policy") == policy, (what, response.headers)
    page.wait_for_load_state("load")
    found = log.take()
    if found:
        failures.append(f"== {what} ({url}):\n    " + "\n    ".join(found))
    return response


@pytest.fixture
def report_pages(csp_site):
    from tests import factories

    day = datetime.date
    index = factories.report_index(csp_site.section, intro="<p>历年年度报告。</p>")
    factories.past_request(day(2024, 5, 6), "business", "partially_disclosed", day(2024, 6, 1))
    factories.past_request(day(2024, 12, 20), "natural_person", "disclosed", day(2025, 1, 8))
    report = factories.annual_report(2024, index=index)
    return index, report


@pytest.mark.browser
def test_public_pages_and_letter_print_view_meet_the_strict_policy(
        new_context, csp_site, report_pages, admin_user):
    from tests import factories
    from wagtail_disclosure.models import InformationRequest
    from wagtail_disclosure.requests import services

    data = csp_site
    report_index, report = report_pages
    form_page = factories.request_form_page(data.section)
    page = new_context().new_page()
    log = ViolationLog(page)
    failures = []

    for what, url in [
        ("the section index page", data.section.url),
        ("a column page with filters", f"{data.news.url}?year=2023&kind=work_news"),
        ("a column page with sub-columns", data.statutory.url),
        ("an item page", data.new_measures.url),
        ("a repealed item page", data.old_measures.url),
        ("the power item page", data.power.url),
        ("the annual reports column", report_index.url),
        ("an annual report", report.url),
        ("the search results page", f"{data.section.url}search/?q=供销社"),
        ("the tracking form", f"{form_page.url}track/"),
    ]:
        visit(page, log, url, what, failures=failures)
    # The external scripts ran under the policy: the item's print button is shown by one.
    visit(page, log, data.new_measures.url, "an item page", failures=failures)
    assert page.locator(".wd-print-link button").is_visible()
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.click(".wd-print-link button")  # an inline onclick would be refused here
    assert page.evaluate("() => window.__printed === true")
    failures += [f"== printing an item:\n    {v}" for v in log.take()]
    page.goto(report.url)
    assert page.locator("svg.wd-chart__svg").count() >= 1  # the inline SVG charts were checked

    response = visit(page, log, "/no-such-page/", "the 404 page", failures=failures)
    assert response.status == 404

    # The request form with errors, the confirmation page, the tracking page with letters.
    visit(page, log, form_page.url, "the request form", failures=failures)
    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("input[name=name]", "张三")
    with page.expect_navigation():
        page.click("form.wd-request-form button[type=submit]")
    assert page.locator(".wd-error-summary").is_visible()
    failures += [f"== the request form with errors:\n    {v}" for v in log.take()]
    page.select_option("select[name=id_type]", "resident_id")
    page.fill("input[name=id_number]", factories.RESIDENT_ID)
    page.fill("input[name=phone]", "13800138000")
    page.fill("textarea[name=description]", "2024年度区供销社农资储备资金的使用情况")
    page.check("input[name=form][value=electronic]")
    page.check("input[name=delivery][value=email]")
    page.fill("input[name=email]", "zhangsan@example.com")
    page.check("input[name=consent]")
    with page.expect_navigation():
        page.click("form.wd-request-form button[type=submit]")
    number = page.locator("[data-testid=tracking-number]").inner_text().strip()
    code = page.locator("[data-testid=access-code]").inner_text().strip()
    assert page.locator(".wd-print-button").is_visible()
    failures += [f"== the confirmation page:\n    {v}" for v in log.take()]

    request_obj = InformationRequest.objects.get(tracking_number=number)
    services.send_correction_notice(request_obj, admin_user, "请补充所需信息的具体名称。",
                                    request_obj.received_on + datetime.timedelta(days=15))
    page.goto(f"{form_page.url}track/")
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=access_code]", code)
    with page.expect_navigation():
        page.click("form.wd-track-form button[type=submit]")
    assert page.locator("article.wd-letter").count() == 2  # acknowledgement, correction notice
    assert page.locator("article.wd-letter .wd-print-button").first.is_visible()
    failures += [f"== the tracking page with letters:\n    {v}" for v in log.take()]

    # A logged-in editor sees Wagtail's user bar on the public pages: under the strict policy.
    login_to_admin(page)
    log.take()  # the admin's login page is under the admin policy
    visit(page, log, data.new_measures.url, "an item page with the user bar", failures=failures)
    assert page.locator("wagtail-userbar, [data-wagtail-userbar], #wagtail-userbar").count() >= 1

    letter = request_obj.letters.order_by("pk").last()
    visit(page, log, f"/admin/disclosure/requests/letter/{letter.pk}/print/",
          "the letter print view", failures=failures)
    assert page.locator(".wd-print-bar button").is_visible()
    assert page.evaluate("() => getComputedStyle(document.body).maxWidth") != "none"  # its CSS

    assert not failures, "Content-Security-Policy violations:\n" + "\n".join(failures)


@pytest.mark.browser
def test_the_admin_editor_and_preview_work_under_the_admin_policy(new_context, csp_site,
                                                                  admin_user):
    data = csp_site
    page = new_context().new_page()
    log = ViolationLog(page)
    login_to_admin(page)
    failures = []
    for what, url in [
        ("the dashboard", "/admin/"),
        ("the page explorer", f"/admin/pages/{data.section.pk}/"),
        ("the item editor", f"/admin/pages/{data.new_measures.pk}/edit/"),
        ("the requests listing", "/admin/disclosure/requests/"),
    ]:
        visit(page, log, url, what, policy=ADMIN, failures=failures)

    # The live preview: a same-origin iframe, although X_FRAME_OPTIONS is DENY.
    page.goto(f"/admin/pages/{data.new_measures.pk}/edit/")
    page.click("button[data-side-panel-toggle='preview']")
    preview = page.frame_locator("#w-preview-iframe")
    # The preview is rendered after a POST of the form: give a loaded machine time.
    title = preview.locator("h1.wd-item__title").inner_text(timeout=60_000)
    assert title == data.new_measures.title
    failures += [f"== the preview panel:\n    {v}" for v in log.take()]
    assert not failures, "Content-Security-Policy violations:\n" + "\n".join(failures)


@pytest.mark.browser
def test_the_violation_log_sees_a_violation(new_context, csp_site):
    """Guard against an inert collector: inline code added to a page is reported."""
    page = new_context().new_page()
    log = ViolationLog(page)
    page.goto(csp_site.news.url)
    assert log.take() == []
    # Resolves once both violations have been reported (the events come as separate tasks).
    page.evaluate("""() => new Promise((resolve) => {
        let seen = 0;
        document.addEventListener('securitypolicyviolation',
            () => { if (++seen === 2) resolve(); });
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true;';
        document.body.appendChild(script);
        document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
    })""")
    found = log.take()
    assert any(v.startswith("script-src-elem") for v in found), found
    assert any(v.startswith("style-src-attr") for v in found), found
    assert page.evaluate("() => window.__ran === undefined")  # and the script did not run
