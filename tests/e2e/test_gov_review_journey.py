"""The confidentiality review journey (保密审查, 条例 Art.17) in a real browser, in Chinese.

An editor drafts an item as 主动公开 and submits it to the section's workflow "保密审查与发布";
a reviewer (another user, in the group 保密审查员) opens it and returns it with a reason; the
editor reads the reason and resubmits; the reviewer records the conclusion and answers the
checklist in the task's modal; the item is live. The officers' guide takes its screenshots here
(docs/editors-guide/governance-review.md).
"""

import datetime

import pytest

from .conftest import ADMIN_PASSWORD, DESKTOP, login_to_admin
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

EDITOR, REVIEWER = "bianji", "shencha"
TITLE = "关于2026年春季农资供应保障工作的通知"
REASON = "文号与正文落款不一致，请核对后重新提交"


@pytest.fixture
def review_site(disclosure_site, django_user_model, settings):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from wagtail_disclosure.governance import demo_review
    from wagtail_disclosure.governance.review_fields import page_permission
    from wagtail_disclosure.demo import DemoReport

    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    report = DemoReport()
    group = demo_review.ensure_reviewers(disclosure_site.section, report)
    demo_review.ensure_workflow(disclosure_site.section, group)
    editors = Group.objects.get(name="Editors")
    GroupPagePermission.objects.get_or_create(
        group=editors, page=disclosure_site.section,
        permission=page_permission("add"))
    for username, grp in ((EDITOR, editors), (REVIEWER, group)):
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn",
                                                     ADMIN_PASSWORD)
        user.groups.add(grp)
    return disclosure_site


def _new_page(new_context):
    page = new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    # the admin's editor is heavy: allow a loaded CI machine time to render it
    page.set_default_navigation_timeout(60_000)
    page.set_default_timeout(30_000)
    return page


def _open_actions(page):
    page.click("footer [data-w-dropdown-target=toggle]")


def _submit_for_review(page):
    _open_actions(page)
    with page.expect_navigation():
        page.click("footer button[name=action-submit]")
    assert page.locator(".error-message").count() == 0


def _open_modal(page, action):
    _open_actions(page)
    page.click(f"footer button[data-workflow-action-name={action}]"
               "[data-workflow-action-modal-url]")
    form = page.locator(".modal form[data-disclosure-review-form]")
    form.wait_for()
    return form


def test_review_journey(review_site, new_context, admin_user):
    from wagtail_disclosure.governance.models import ChecklistQuestion, ConfidentialityReview
    from wagtail_disclosure.models import DisclosureItemPage

    column = review_site.news
    # -- the editor drafts the item as 主动公开 and submits it -------------------------------
    editor = _new_page(new_context)
    login_to_admin(editor, EDITOR)
    editor.goto(f"/admin/pages/add/wagtail_disclosure/disclosureitempage/{column.pk}/")
    editor.fill("#id_title", TITLE)
    editor.evaluate("([id]) => { const el = document.querySelector('#id_organ');"
                    " el.value = String(id); }", [review_site.organ.pk])
    editor.fill("#id_document_number", "鹿供〔2026〕7号")
    formed = datetime.date.today() - datetime.timedelta(days=7)
    editor.fill("#id_formation_date", formed.isoformat())
    assert editor.locator("#id_disclosure_attribute").input_value() == "proactive"
    # nobody in the Editors group can publish: only submit
    _open_actions(editor)
    assert editor.locator("footer button[name=action-publish]").count() == 0
    editor.keyboard.press("Escape")
    _submit_for_review(editor)
    item = DisclosureItemPage.objects.get(title=TITLE)
    assert item.current_workflow_state.status == "in_progress" and not item.live

    # -- the reviewer returns it with a reason ---------------------------------------------
    reviewer = _new_page(new_context)
    login_to_admin(reviewer, REVIEWER)
    reviewer.goto("/admin/")
    assert TITLE in reviewer.locator("main").inner_text()  # awaiting your review
    reviewer.goto(f"/admin/pages/{item.pk}/edit/")
    form = _open_modal(reviewer, "reject")
    # the reasons are required
    form.locator("button[type=submit]").click()
    reviewer.locator(".modal .error-message").first.wait_for()
    form = reviewer.locator(".modal form[data-disclosure-review-form]")
    form.locator("textarea[name=comment]").fill(REASON)
    shoot(reviewer, "governance-review-return-modal.png")
    with reviewer.expect_navigation():
        form.locator("button[type=submit]").click()
    item.refresh_from_db()
    assert item.current_workflow_state.status == "needs_changes"

    # -- the editor reads the reason and resubmits -----------------------------------------
    editor.goto(f"/admin/pages/{item.pk}/history/")
    assert REASON in editor.locator("main").inner_text()
    shoot(editor, "governance-review-returned.png")
    editor.goto(f"/admin/pages/{item.pk}/edit/")
    editor.fill("#id_document_number", "鹿供〔2026〕8号")
    _submit_for_review(editor)
    item.refresh_from_db()
    assert item.current_workflow_state.status == "in_progress"

    # -- the reviewer records the conclusion and the checklist; the item goes live --------
    reviewer.goto(f"/admin/pages/{item.pk}/edit/")
    form = _open_modal(reviewer, "approve")
    questions = list(ChecklistQuestion.objects.filter(active=True))
    assert form.locator("fieldset legend").all_inner_texts() == [q.text for q in questions]
    form.locator("input[name=conclusion][value=disclose]").check()
    for q in questions:
        form.locator(f"input[name=answer_{q.pk}][value=no]").check()
    approval = next(q for q in questions if "审批程序" in q.text)
    form.locator(f"input[name=answer_{approval.pk}][value=yes]").check()
    form.locator(f"input[name=note_{approval.pk}]").fill("已经办公室主任签批")
    form.locator("textarea[name=comment]").fill("经审查，不涉密，可以公开。")
    shoot(reviewer, "governance-review-approve-modal.png")
    with reviewer.expect_navigation():
        form.locator("button[type=submit]").click()
    item = DisclosureItemPage.objects.get(pk=item.pk)
    assert item.live and item.index_number and item.document_number == "鹿供〔2026〕8号"
    approved = ConfidentialityReview.objects.filter(page_id=item.pk, decision="approved").get()
    assert approved.conclusion == "disclose" and approved.reviewer.username == REVIEWER
    assert {"question": approval.text, "answer": "yes", "note": "已经办公室主任签批"} in (
        approved.answers)
    assert ConfidentialityReview.objects.filter(page_id=item.pk, decision="rejected",
                                                comment=REASON).exists()
    visitor = new_context(viewport=DESKTOP).new_page()
    assert visitor.goto(item.url).ok

    # -- the release register shows the publication, with the reviewer and the conclusion --
    officer = _new_page(new_context)
    login_to_admin(officer)
    officer.goto("/admin/disclosure/register/")
    row = officer.locator("main table tbody tr", has_text=TITLE).first
    cells = row.inner_text()
    assert item.index_number in cells and REVIEWER in cells and "可以公开" in cells
    assert "发布" in cells and EDITOR in cells  # the event and the drafter
    shoot(officer, "governance-register-list.png")

    # -- and the item's editor shows its timeliness (条例 Art.26) ---------------------------
    officer.goto(f"/admin/pages/{item.pk}/edit/")
    panel = officer.locator("[data-wd-timeliness]")
    assert "按时公开" in panel.inner_text()
    assert item.timeliness == {"on_time": True, "working_days": 0}
