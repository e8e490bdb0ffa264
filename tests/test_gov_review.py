"""保密审查 (条例 Art.17) and 公开属性: only proactive items are published, whatever the path;
the ConfidentialityReviewTask's modal records conclusions, checklist answers and reasons."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    PageLogEntry,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from wagtail_disclosure.catalogue.pages import Page
from wagtail_disclosure.governance.review_fields import page_permission
from wagtail_disclosure.governance import classification
from wagtail_disclosure.governance.choices import ReviewDecision
from wagtail_disclosure.governance.models import ChecklistQuestion, ConfidentialityReview
from wagtail_disclosure.governance.review import latest_review
from wagtail_disclosure.governance.review_forms import COMMENT_MAX_LENGTH, NOTE_MAX_LENGTH
from wagtail_disclosure.governance.workflows import ConfidentialityReviewTask
from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f
from .test_admin_editing import _add_url, _item_post

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def _access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin",
                                  codename="access_admin")


def _reviewers(name="保密审查员", username="reviewer", page=None):
    group = Group.objects.create(name=name)
    group.permissions.add(_access_admin())
    if page is not None:
        GroupPagePermission.objects.create(group=group, page=page,
                                           permission=page_permission("publish"))
    user = User.objects.create_user(username, f"{username}@agency.example", "pw")
    user.groups.add(group)
    return group, user


@pytest.fixture
def setup(client):
    """A section under a one-task review workflow; an editor (superuser) and a reviewer."""
    section = f.section()
    col = f.column(section)
    group, reviewer = _reviewers(page=section)
    task = ConfidentialityReviewTask.objects.create(name="保密审查")
    task.groups.add(group)
    workflow = Workflow.objects.create(name="保密审查与发布")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=section)
    editor = User.objects.create_superuser("editor", "editor@agency.example", "pw")
    return {"col": col, "task": task, "workflow": workflow, "editor": editor,
            "reviewer": reviewer, "group": group}


def _submitted(setup, **kwargs):
    page = f.item(setup["col"], publish=False, **kwargs)
    page.save_revision(user=setup["editor"])
    setup["workflow"].start(page, setup["editor"])
    page.refresh_from_db()
    return page


def _action_url(page, action):
    state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))


def _approve_data(page, conclusion="disclose", **extra):
    data = {"review_task_state": page.current_workflow_task_state.pk, "conclusion": conclusion,
            "comment": "经审查，可以公开。"}
    for q in ChecklistQuestion.objects.filter(active=True):
        data[f"answer_{q.pk}"] = "no"
    data.update(extra)
    return data


def _reviewer_client(client, setup):
    client.force_login(setup["reviewer"])
    return client


# -- 公开属性 -------------------------------------------------------------------------------


def test_items_are_proactive_by_default_and_other_attributes_need_reasons():
    page = DisclosureItemPage(title="x", disclosure_attribute="proactive")
    assert DisclosureItemPage._meta.get_field("disclosure_attribute").default == "proactive"
    page.attribute_reason, page.exemption_ground = "", ""
    page.published_on = page.formation_date = page.first_published_at = None
    page.backdating_reason = ""
    assert classification.item_errors(page) == {}
    page.disclosure_attribute = "on_request"
    assert set(classification.item_errors(page)) == {"attribute_reason"}
    page.disclosure_attribute = "not_disclosed"
    assert set(classification.item_errors(page)) == {"attribute_reason", "exemption_ground"}
    page.attribute_reason, page.exemption_ground = "涉及第三方商业秘密", "art15_third_party"
    assert classification.item_errors(page) == {}
    page.attribute_reason = "长" * (classification.REASON_MAX_LENGTH + 1)
    assert set(classification.item_errors(page)) == {"attribute_reason"}


@pytest.mark.parametrize("button", ["action-publish", "action-submit"])
def test_the_editor_cannot_publish_or_submit_a_non_proactive_item(client, setup, button):
    client.force_login(setup["editor"])
    post = _item_post("依申请公开的信息", slug="on-request", disclosure_attribute="on_request",
                      attribute_reason="仅向申请人提供")
    response = client.post(_add_url(setup["col"]), {**post, button: "x"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "主动公开" in " ".join(errors["disclosure_attribute"])
    assert not DisclosureItemPage.objects.filter(slug="on-request").exists()
    # saving it as a draft is fine, and nothing is lost
    assert client.post(_add_url(setup["col"]), post).status_code == 302
    page = DisclosureItemPage.objects.get(slug="on-request")
    assert not page.live and page.attribute_reason == "仅向申请人提供"
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(edit, {**post, button: "x"})
    assert response.status_code == 200 and "disclosure_attribute" in response.context["form"].errors
    page.refresh_from_db()
    assert not page.live and page.index_number is None and not page.workflow_in_progress


def test_code_cannot_publish_a_non_proactive_item(setup):
    page = f.item(setup["col"], publish=False, disclosure_attribute="not_disclosed",
                  attribute_reason="涉密", exemption_ground="art14_state_secret")
    revision = page.save_revision()
    with pytest.raises(classification.PublicationRefused) as caught:
        revision.publish()
    assert "disclosure_attribute" in caught.value.message_dict
    page.refresh_from_db()
    assert not page.live and page.index_number is None


def test_scheduling_a_non_proactive_item_is_refused(setup):
    page = f.item(setup["col"], publish=False, disclosure_attribute="on_request",
                  attribute_reason="依申请")
    page.go_live_at = timezone.now() + datetime.timedelta(days=2)
    revision = page.save_revision()
    with pytest.raises(classification.PublicationRefused):
        revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_a_go_live_of_a_non_proactive_revision_scheduled_earlier_is_refused(setup):
    page = f.item(setup["col"], publish=False, disclosure_attribute="on_request",
                  attribute_reason="依申请")
    revision = page.save_revision()
    # as if scheduled before the rule existed: written directly
    type(revision).objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(classification.PublicationRefused):
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live


def test_a_live_item_may_have_a_non_proactive_draft_but_it_is_not_published(setup):
    page = f.item(setup["col"])
    page.disclosure_attribute, page.attribute_reason = "on_request", "改为依申请公开"
    revision = page.save_revision()  # saving the draft is allowed
    live = DisclosureItemPage.objects.get(pk=page.pk)
    assert live.live and live.disclosure_attribute == "proactive"
    with pytest.raises(classification.PublicationRefused):
        revision.publish()
    assert DisclosureItemPage.objects.get(pk=page.pk).disclosure_attribute == "proactive"


def test_bulk_publishing_refuses_non_proactive_drafts(client, setup):
    client.force_login(setup["editor"])
    good = f.item(setup["col"], publish=False)
    good.save_revision()
    bad = f.item(setup["col"], publish=False, disclosure_attribute="on_request",
                 attribute_reason="依申请")
    bad.save_revision()
    page_model = Page._meta  # the site's base page model (swappable in Wagtail 8)
    url = reverse("wagtail_bulk_action",
                  args=(page_model.app_label, page_model.model_name, "publish"))
    response = client.post(f"{url}?id={good.pk}&id={bad.pk}", {}, follow=True)
    assert response.status_code == 200
    assert bad.title in response.content.decode()
    assert not DisclosureItemPage.objects.filter(pk__in=[good.pk, bad.pk], live=True).exists()


def test_another_tasks_approval_of_a_non_proactive_draft_is_refused_without_a_server_error(
        client, setup):
    task = GroupApprovalTask.objects.create(name="领导审签")
    task.groups.add(setup["group"])
    workflow = Workflow.objects.create(name="审签")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page = f.item(setup["col"], publish=False)
    page.save_revision()
    workflow.start(page, setup["editor"])
    page.disclosure_attribute, page.attribute_reason = "on_request", "依申请"
    page.save_revision()  # changed while in moderation
    client.force_login(setup["editor"])
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS


# -- the task's configuration --------------------------------------------------------------


def _task_form_post(client, groups):
    url = reverse("wagtailadmin_workflows:add_task",
                  args=("wagtail_disclosure", "confidentialityreviewtask"))
    return client.post(url, {"name": "保密审查", "groups": [g.pk for g in groups]})


def test_a_task_without_groups_is_refused(client, setup):
    client.force_login(setup["editor"])
    response = _task_form_post(client, [])
    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert ConfidentialityReviewTask.objects.count() == 1


def test_a_group_nobody_can_act_in_is_refused(client, setup):
    client.force_login(setup["editor"])
    empty = Group.objects.create(name="空组")
    response = _task_form_post(client, [empty])
    assert "空组" in " ".join(response.context["form"].errors["groups"])
    no_admin = Group.objects.create(name="无后台权限")
    User.objects.create_user("clerk", "", "pw").groups.add(no_admin)
    response = _task_form_post(client, [no_admin])
    assert "无后台权限" in " ".join(response.context["form"].errors["groups"])
    no_publish, _user = _reviewers(name="不能发布", username="clerk2")
    response = _task_form_post(client, [no_publish])
    assert "不能发布" in " ".join(response.context["form"].errors["groups"])
    assert ConfidentialityReviewTask.objects.count() == 1
    response = _task_form_post(client, [setup["group"]])
    assert response.status_code == 302
    assert ConfidentialityReviewTask.objects.count() == 2


# -- the checklist ----------------------------------------------------------------------------


def test_the_default_checklist_is_seeded_and_editable(client, setup):
    texts = list(ChecklistQuestion.objects.values_list("text", flat=True))
    assert "是否涉及国家秘密" in texts and "是否已按规定履行审批程序" in texts
    assert len(texts) >= 7
    client.force_login(setup["editor"])
    response = client.get("/admin/disclosure/review-checklist/")
    assert response.status_code == 200 and "是否涉及个人隐私" in response.content.decode()
    response = client.post("/admin/disclosure/review-checklist/new/",
                           {"text": "是否涉及<script>未成年人</script>", "help_text": "",
                            "sort_order": 5, "active": "on"})
    assert response.status_code == 302
    assert ChecklistQuestion.objects.filter(text__contains="未成年人").exists()


# -- the action modal -------------------------------------------------------------------------


def test_the_approve_modal_shows_every_active_question(client, setup):
    ChecklistQuestion.objects.filter(text="是否属于行政执法案卷信息").update(active=False)
    ChecklistQuestion.objects.create(text="是否涉及<b>敏感</b>内容", sort_order=1)
    page = _submitted(setup)
    response = _reviewer_client(client, setup).get(_action_url(page, "approve"), **XHR)
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    assert "是否涉及国家秘密" in html and "是否涉及&lt;b&gt;敏感&lt;/b&gt;内容" in html
    assert "是否属于行政执法案卷信息" not in html
    assert f'name="review_task_state" value="{page.current_workflow_task_state.pk}"' in html


@pytest.mark.parametrize("change, field", [
    ({"conclusion": ""}, "conclusion"),
    ({"conclusion": "partial"}, "ground"),
    ({"conclusion": "withhold", "ground": ""}, "ground"),
    ({"conclusion": "withhold", "ground": "art14_state_secret", "comment": ""}, "comment"),
    ({"comment": "长" * (COMMENT_MAX_LENGTH + 1)}, "comment"),
    ({"conclusion": "bogus"}, "conclusion"),
])
def test_the_approve_modal_validates(client, setup, change, field):
    page = _submitted(setup)
    data = _approve_data(page, **change)
    response = _reviewer_client(client, setup).post(_action_url(page, "approve"), data, **XHR)
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert payload["step"] == "action" and "error" in payload["html"]
    assert not ConfidentialityReview.objects.exists()
    page.refresh_from_db()
    assert not page.live and page.current_workflow_task_state.status == "in_progress"


def test_every_question_must_be_answered_and_notes_are_bounded(client, setup):
    page = _submitted(setup)
    question = ChecklistQuestion.objects.filter(active=True).first()
    reviewer = _reviewer_client(client, setup)
    data = _approve_data(page)
    del data[f"answer_{question.pk}"]
    payload = json.loads(reviewer.post(_action_url(page, "approve"), data, **XHR).content)
    assert payload["step"] == "action" and "error" in payload["html"]
    data = _approve_data(page, **{f"note_{question.pk}": "长" * (NOTE_MAX_LENGTH + 1)})
    payload = json.loads(reviewer.post(_action_url(page, "approve"), data, **XHR).content)
    assert payload["step"] == "action"
    assert not ConfidentialityReview.objects.exists()


def test_approving_records_the_review_and_publishes(client, setup):
    page = _submitted(setup)
    state = page.current_workflow_task_state
    question = ChecklistQuestion.objects.get(text="是否涉及个人隐私")
    data = _approve_data(page, conclusion="partial", ground="art15_third_party",
                         comment="删除个人信息后公开",
                         **{f"answer_{question.pk}": "yes",
                            f"note_{question.pk}": "已遮盖身份证号"})
    response = _reviewer_client(client, setup).post(_action_url(page, "approve"), data, **XHR)
    assert json.loads(response.content)["step"] == "success"
    page.refresh_from_db()
    assert page.live and page.index_number
    review = ConfidentialityReview.objects.get()
    assert review.decision == ReviewDecision.APPROVED and review.conclusion == "partial"
    assert review.ground == "art15_third_party" and review.reviewer == setup["reviewer"]
    assert review.task_state_id == state.pk and review.revision_id == page.live_revision_id
    assert {"question": "是否涉及个人隐私", "answer": "yes", "note": "已遮盖身份证号"} in review.answers
    assert len(review.answers) == ChecklistQuestion.objects.filter(active=True).count()
    assert latest_review(page) == review
    assert latest_review(page, page.live_revision) == review
    entry = PageLogEntry.objects.get(page=page, action="wagtail_disclosure.review.approve")
    assert entry.user == setup["reviewer"] and entry.data["conclusion"] == "partial"
    # the answers stay as asked, whatever becomes of the question
    question.text = "改过的问题"
    question.save()
    review.refresh_from_db()
    assert "是否涉及个人隐私" in [a["question"] for a in review.answers]


def test_returning_needs_reasons_and_the_editor_sees_them(client, setup):
    page = _submitted(setup)
    reviewer = _reviewer_client(client, setup)
    payload = json.loads(reviewer.post(_action_url(page, "reject"),
                                       {"comment": "  "}, **XHR).content)
    assert payload["step"] == "action"
    payload = json.loads(reviewer.post(_action_url(page, "reject"),
                                       {"comment": "长" * (COMMENT_MAX_LENGTH + 1)},
                                       **XHR).content)
    assert payload["step"] == "action"
    state = page.current_workflow_task_state
    response = reviewer.post(_action_url(page, "reject"),
                             {"comment": "<script>x</script>文号有误，请核对"}, **XHR)
    assert json.loads(response.content)["step"] == "success"
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state.status == "needs_changes"
    assert TaskState.objects.get(pk=state.pk).comment == "<script>x</script>文号有误，请核对"
    review = ConfidentialityReview.objects.get()
    assert review.decision == ReviewDecision.REJECTED and review.conclusion == ""
    assert latest_review(page) is None
    assert PageLogEntry.objects.filter(page=page,
                                       action="wagtail_disclosure.review.reject").exists()
    # the editor reads the reasons in the page's history, escaped
    client.force_login(setup["editor"])
    html = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))).content.decode()
    assert "文号有误，请核对" in html and "<script>x</script>" not in html


def test_not_to_be_disclosed_returns_the_item_and_marks_its_draft(client, setup):
    page = _submitted(setup)
    data = _approve_data(page, conclusion="withhold", ground="art16_process",
                         comment="属于过程性信息")
    response = _reviewer_client(client, setup).post(_action_url(page, "approve"), data, **XHR)
    assert json.loads(response.content)["step"] == "success"
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state.status == "needs_changes"
    draft = page.get_latest_revision_as_object()
    assert draft.disclosure_attribute == "not_disclosed"
    assert draft.exemption_ground == "art16_process" and draft.attribute_reason == "属于过程性信息"
    review = ConfidentialityReview.objects.get()
    assert (review.decision, review.conclusion) == (ReviewDecision.REJECTED, "withhold")
    assert PageLogEntry.objects.filter(page=page,
                                       action="wagtail_disclosure.review.withhold").exists()
    # resubmitting it as it is is refused: the editor must make it proactive again
    client.force_login(setup["editor"])
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    post = _item_post(page.title, slug=page.slug, disclosure_attribute="not_disclosed",
                      attribute_reason="属于过程性信息", exemption_ground="art16_process")
    response = client.post(edit, {**post, "action-submit": "x"})
    assert "disclosure_attribute" in response.context["form"].errors


def test_a_draft_made_non_proactive_in_moderation_cannot_be_approved(client, setup):
    page = _submitted(setup)
    draft = page.get_latest_revision_as_object()
    draft.disclosure_attribute, draft.attribute_reason = "on_request", "依申请"
    draft.save_revision()
    response = _reviewer_client(client, setup).post(_action_url(page, "approve"),
                                                    _approve_data(page), **XHR)
    payload = json.loads(response.content)
    assert payload["step"] == "action" and "error" in payload["html"]
    page.refresh_from_db()
    assert not page.live and not ConfidentialityReview.objects.exists()


def test_only_the_groups_members_can_act(client, setup):
    page = _submitted(setup)
    outsider = User.objects.create_user("outsider", "", "pw")
    outsider.user_permissions.add(_access_admin())
    client.force_login(outsider)
    response = client.post(_action_url(page, "approve"), _approve_data(page))
    assert response.status_code in (302, 403)
    assert not ConfidentialityReview.objects.exists()


# -- the demo ---------------------------------------------------------------------------------


def test_the_demo_puts_the_section_under_review_and_leaves_an_item_awaiting_it():
    from types import SimpleNamespace

    from wagtail_disclosure.demo import DemoReport
    from wagtail_disclosure.governance import demo_review

    section = f.section()
    col = f.column(section)
    user = User.objects.create_superuser("admin", "", "admin")
    context = SimpleNamespace(report=DemoReport(), user=user, section=section,
                              columns={"col": col}, organs={"o": f.organ()})
    demo_review.build(context)
    demo_review.build(context)  # idempotent
    workflow = Workflow.objects.get(name="保密审查与发布")
    assert section.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert isinstance(task, ConfidentialityReviewTask)
    reviewer = User.objects.get(username="reviewer")
    assert reviewer.check_password("reviewer") and task.groups.filter(user=reviewer).exists()
    pending = DisclosureItemPage.objects.filter(slug=demo_review.PENDING_SLUG)
    assert pending.count() == 1
    assert pending.get().current_workflow_task.specific == task
    assert task.get_task_states_user_can_moderate(reviewer).count() == 1
    assert any("reviewer" in note for note in context.report.notes)
