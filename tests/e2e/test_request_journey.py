"""The request journey in a real browser (Debian Chromium, Playwright), in Chinese:

a visitor submits a request and tracks it; a handler sends a correction notice, records the
correction and asks for an extension; the office's head approves it; the handler replies with
部分公开 and a document; the visitor sees the reply and downloads the document. axe-core
checks the form and the tracking page. The officer's guide takes its screenshots here.
"""

import re

import pytest

from .conftest import (
    ADMIN_PASSWORD,
    DESKTOP,
    MOBILE,
    format_violations,
    login_to_admin,
    run_axe,
)
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HANDLER, APPROVER = "handler", "head"


@pytest.fixture
def request_site(disclosure_site, django_user_model, settings, tmp_path):
    from django.contrib.auth.models import Group

    from tests import factories
    from wagtail_disclosure.demo import DemoReport
    from wagtail_disclosure.requests.demo import GROUPS, ensure_groups

    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    page = factories.request_form_page(disclosure_site.section)

    ensure_groups(DemoReport())
    users = {}
    for username, group in ((HANDLER, "政府信息公开经办人"), (APPROVER, "政府信息公开负责人")):
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn",
                                                     ADMIN_PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    assert set(GROUPS) == {"政府信息公开经办人", "政府信息公开负责人"}
    return page, users


def assert_accessible(page, what):
    violations = run_axe(page)
    assert not violations, f"axe-core on {what}:\n{format_violations(violations)}"


def open_action(page, name):
    page.click(f"#action-{name} summary")


def submit_action(page, name):
    with page.expect_navigation():
        page.click(f"#action-{name} form button[type=submit]")
    errors = page.locator(f"#action-{name} .error-message, #action-{name} .help-critical")
    assert "/action/" not in page.url, (
        f"{name} was not accepted: " + " | ".join(errors.all_inner_texts()))


def test_request_journey(new_context, request_site, live_server, tmp_path):
    from wagtail_disclosure.models import InformationRequest

    form_page, _users = request_site
    visitor = new_context(viewport=MOBILE, is_mobile=True, has_touch=True).new_page()

    # -- the visitor submits a request -------------------------------------------------
    visitor.goto(form_page.url)
    assert visitor.locator("h1").inner_text() == "依申请公开"
    assert_accessible(visitor, "the request form")

    # An invalid submission: errors are listed and tied to their fields, nothing is stored.
    visitor.check("input[name=applicant_type][value=natural_person]")
    visitor.fill("input[name=name]", "张三")
    visitor.select_option("select[name=id_type]", "resident_id")
    visitor.fill("input[name=id_number]", "110105194912310021")  # wrong check digit
    with visitor.expect_navigation():
        visitor.click("form.wd-request-form button[type=submit]")
    assert visitor.locator(".wd-error-summary").is_visible()
    assert visitor.locator("#id_id_number-error").is_visible()
    assert visitor.locator("#id_description-error").is_visible()
    assert InformationRequest.objects.count() == 0
    assert_accessible(visitor, "the request form with errors")
    shoot(visitor, "request-form-errors-mobile.png", full_page=True)

    visitor.fill("input[name=id_number]", "11010519491231002X")
    visitor.fill("input[name=phone]", "13800138000")
    visitor.fill("input[name=email]", "zhangsan@example.com")
    visitor.fill("textarea[name=description]", "2024年度区供销社农资储备资金的使用情况")
    visitor.check("input[name=form][value=electronic]")
    visitor.check("input[name=delivery][value=email]")
    pdf = tmp_path / "身份证.pdf"
    pdf.write_bytes(PDF)
    visitor.set_input_files("input[name=attachments]", str(pdf))
    visitor.check("input[name=consent]")
    with visitor.expect_navigation():
        visitor.click("form.wd-request-form button[type=submit]")
    number = visitor.locator("[data-testid=tracking-number]").inner_text().strip()
    code = visitor.locator("[data-testid=access-code]").inner_text().strip()
    assert re.fullmatch(r"\d{4}-\d{6}", number)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert_accessible(visitor, "the confirmation page")
    shoot(visitor, "request-submitted-mobile.png", full_page=True)
    request_obj = InformationRequest.objects.get(tracking_number=number)
    assert request_obj.attachments.count() == 1

    # -- the visitor tracks it ---------------------------------------------------------
    def track(expect_status):
        visitor.goto(form_page.url + "track/")
        visitor.fill("input[name=tracking_number]", number)
        visitor.fill("input[name=access_code]", code)
        with visitor.expect_navigation():
            visitor.click("form.wd-track-form button[type=submit]")
        status = visitor.locator("[data-testid=request-status]").inner_text()
        assert status == expect_status, status

    visitor.goto(form_page.url + "track/")
    assert_accessible(visitor, "the tracking form")
    visitor.fill("input[name=tracking_number]", number)
    visitor.fill("input[name=access_code]", "AAAA-BBBB-CCCC")
    with visitor.expect_navigation():
        visitor.click("form.wd-track-form button[type=submit]")
    assert visitor.locator(".wd-error-summary").is_visible()
    track("已收到")

    # -- the handler: correction notice, correction, extension request -----------------
    handler_context = new_context(viewport=DESKTOP)
    officer = handler_context.new_page()
    login_to_admin(officer, HANDLER)
    officer.goto("/admin/disclosure/requests/")
    assert number in officer.content()
    assert "11010519491231002X" not in officer.content()  # masked without the permission
    shoot(officer, "admin-requests-listing.png")
    officer.click(f"text={number}")
    assert officer.locator("[data-testid=admin-status]").inner_text().startswith("已收到")
    shoot(officer, "admin-request-detail.png", full_page=True)

    open_action(officer, "correction_notice")
    officer.fill("#id_correction_notice-body", "请补充所需资金使用情况的具体项目名称或者文号。")
    shoot(officer, "admin-request-correction-notice.png")
    submit_action(officer, "correction_notice")
    request_obj.refresh_from_db()
    assert request_obj.status == "awaiting_correction"
    track("待补正")
    assert "请补充所需资金使用情况" in visitor.content()

    open_action(officer, "correction_received")
    submit_action(officer, "correction_received")
    request_obj.refresh_from_db()
    assert request_obj.status == "in_progress"
    due_before_extension = request_obj.due_on

    open_action(officer, "extension")
    officer.fill("#id_extension-days", "10")
    officer.fill("#id_extension-reason", "需要调取2024年度财务档案，工作量较大。")
    submit_action(officer, "extension")
    request_obj.refresh_from_db()
    assert request_obj.extension_days == 0  # waits for the head's approval
    assert request_obj.extensions.get().status == "pending"

    # -- the head approves the extension ------------------------------------------------
    head_page = new_context(viewport=DESKTOP).new_page()
    login_to_admin(head_page, APPROVER)
    head_page.goto("/admin/")
    # The dashboard panel lists the extension awaiting the head's approval.
    assert f"/admin/disclosure/requests/edit/{request_obj.pk}/#action-decide_extension" in (
        head_page.content())
    head_page.goto(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    open_action(head_page, "decide_extension")
    head_page.check("input[name=decide_extension-decision][value=approve]")
    submit_action(head_page, "decide_extension")
    request_obj.refresh_from_db()
    assert request_obj.extension_days == 10 and request_obj.status == "extended"
    assert request_obj.due_on > due_before_extension
    track("已延期")

    # -- the handler replies with 部分公开 and a document -------------------------------
    officer.goto(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    open_action(officer, "reply")
    officer.select_option("#id_reply-outcome", "partially_disclosed")
    answer = tmp_path / "农资储备资金使用情况.pdf"
    answer.write_bytes(PDF)
    officer.set_input_files("#id_reply-documents", str(answer))
    officer.fill("#id_reply-body", "经审查，您申请的信息部分公开，涉及第三方商业秘密的部分不予公开。")
    shoot(officer, "admin-request-reply.png", full_page=True)
    submit_action(officer, "reply")
    request_obj.refresh_from_db()
    assert request_obj.status == "answered" and request_obj.outcome == "partially_disclosed"
    timeline = officer.locator("#wd-timeline ~ table").inner_text()
    assert "延期" in timeline or "Extension" in timeline

    # -- the visitor sees the reply and downloads the document --------------------------
    track("已答复")
    assert "部分公开" in visitor.content()
    assert_accessible(visitor, "the tracking page with letters")
    shoot(visitor, "request-tracking-reply-mobile.png", full_page=True)
    with visitor.expect_download() as download:
        visitor.click("text=农资储备资金使用情况.pdf")
    assert open(download.value.path(), "rb").read() == PDF
