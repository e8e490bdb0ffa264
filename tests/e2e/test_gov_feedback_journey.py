"""The feedback box (意见箱) in a real browser (Debian Chromium, Playwright), in Chinese:

a visitor on a phone sends a message (first with a mistake: the errors are listed, tied to their
fields, nothing typed is lost); an officer (an administrator) answers it and publishes it with
edited public text; the question and its answer appear on the page without the visitor's
name or contact. axe-core checks the form, its errors, the thank-you page and the listing.
The officers' guide takes its screenshots here.
"""

import re

import pytest

from .conftest import DESKTOP, MOBILE, format_violations, login_to_admin, run_axe
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

NAME, EMAIL, PHONE = "李四", "lisi@example.com", "13912345678"


def assert_accessible(page, what):
    violations = run_axe(page)
    assert not violations, f"axe-core on {what}:\n{format_violations(violations)}"


@pytest.fixture
def feedback_page(disclosure_site, settings):
    from wagtail_disclosure.governance.pages import FeedbackPage

    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    return disclosure_site.section.add_child(instance=FeedbackPage(
        title="意见箱", slug="yjx",
        intro="<p>欢迎对本机关的政府信息公开工作提出意见和建议。</p>",
        thank_you_text="<p>感谢您的来信。</p>"))


def test_feedback_journey(new_context, feedback_page, admin_user):
    from wagtail_disclosure.governance.models import Feedback

    visitor = new_context(viewport=MOBILE, is_mobile=True, has_touch=True).new_page()

    # -- the visitor sends a message, first with a mistake -----------------------------
    visitor.goto(feedback_page.url)
    assert visitor.locator("h1").inner_text() == "意见箱"
    assert_accessible(visitor, "the feedback form")
    visitor.check("input[name=category][value=question]")
    visitor.fill("textarea[name=message]", "<script>alert(1)</script>请问2025年政府信息公开"
                                           "工作年度报告何时公开？")
    visitor.fill("input[name=name]", NAME)
    visitor.fill("input[name=email]", "lisi-at-example")
    visitor.fill("input[name=phone]", PHONE)
    shoot(visitor, "governance-feedback-form.png", full_page=True)
    with visitor.expect_navigation():
        visitor.click("form.wd-form button[type=submit]")
    assert visitor.locator(".wd-error-summary").is_visible()
    assert visitor.locator("#id_subject-error").is_visible()
    assert visitor.locator("#id_email-error").is_visible()
    assert visitor.input_value("textarea[name=message]").startswith("<script>")  # kept
    assert visitor.locator("#id_email").get_attribute("aria-describedby").startswith(
        "id_email-error")
    assert not Feedback.objects.exists()
    assert_accessible(visitor, "the feedback form with errors")
    visitor.click(".wd-error-summary a[href='#id_subject']")
    visitor.keyboard.type("年报公开时间")
    visitor.fill("input[name=email]", EMAIL)
    with visitor.expect_navigation():
        visitor.click("form.wd-form button[type=submit]")
    assert "/sent/" in visitor.url and EMAIL not in visitor.url
    reference = visitor.locator("[data-testid=feedback-reference]").inner_text().strip()
    assert re.fullmatch(r"YJ\d{4}-\d{6}", reference)
    assert_accessible(visitor, "the thank-you page")
    stored = Feedback.objects.get(reference=reference)
    assert stored.message.startswith("<script>")  # stored as typed, as text

    # -- the officer answers and publishes it --------------------------------------------
    officer = new_context(viewport=DESKTOP).new_page()
    login_to_admin(officer)
    officer.goto("/admin/disclosure/feedback/")
    assert reference in officer.content()
    officer.click(f"text={reference}")
    officer.wait_for_url(re.compile(r"/admin/disclosure/feedback/edit/\d+/$"))
    assert "<script>alert(1)</script>" in officer.locator(
        "[data-testid=feedback-message]").inner_text()  # shown as text, not run
    officer.click("#action-answer summary")
    officer.fill("#id_answer-answer", "您好，2025年年度报告将于2026年1月31日前在“政府信息公开年报”栏目公开。")
    shoot(officer, "governance-feedback-answer.png", full_page=True)
    with officer.expect_navigation():
        officer.click("#action-answer form button[type=submit]")
    assert officer.locator("[data-testid=feedback-status]").inner_text().startswith("已答复") or (
        "answered" in officer.locator("[data-testid=feedback-status]").inner_text().lower())
    officer.click("#action-publish summary")
    proposed = officer.input_value("#id_publish-public_question")
    assert NAME not in proposed and EMAIL not in proposed and PHONE not in proposed
    officer.fill("#id_publish-public_question", "请问2025年政府信息公开工作年度报告何时公开？")
    with officer.expect_navigation():
        officer.click("#action-publish form button[type=submit]")
    assert officer.locator("[data-testid=feedback-public-question]").is_visible()

    # -- the visitor finds the question and its answer on the page -----------------------
    visitor.goto(feedback_page.url)
    entry = visitor.locator("[data-testid=feedback-entry]")
    assert entry.count() == 1
    text = entry.inner_text()
    assert reference in text and "何时公开" in text and "1月31日前" in text
    for value in (NAME, EMAIL, PHONE):
        assert value not in visitor.content()
    assert_accessible(visitor, "the feedback page with a published answer")
    entry.scroll_into_view_if_needed()
    shoot(visitor, "governance-feedback-published.png")
