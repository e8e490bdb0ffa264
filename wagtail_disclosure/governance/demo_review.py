"""Demo data of the governance tool 'review': the workflow "保密审查与发布" with a
ConfidentialityReviewTask on the 政府信息公开 section, its reviewers' group and demo reviewer,
and one item awaiting review (so the dashboard shows it)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

WORKFLOW_NAME = "保密审查与发布"
TASK_NAME = "保密审查"
GROUP_NAME = "保密审查员"
REVIEWER_USERNAME = "reviewer"
REVIEWER_PASSWORD = "reviewer"
PENDING_SLUG = "demo-awaiting-review"
PENDING_TITLE = "关于开展2026年度再生资源回收网点规范化建设的通知（待保密审查）"


def ensure_reviewers(section, report):
    """The reviewers' group (admin access; edit and publish in the section) and a demo user."""
    from wagtail.models import GroupPagePermission

    from .review_fields import page_permission

    group, created = Group.objects.get_or_create(name=GROUP_NAME)
    report.tally("staff groups", created=created)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin",
                                                     codename="access_admin"))
    for permission_type in ("change", "publish"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=section, permission=page_permission(permission_type))
    User = get_user_model()
    reviewer = User.objects.filter(**{User.USERNAME_FIELD: REVIEWER_USERNAME}).first()
    if reviewer is None:
        reviewer = User.objects.create_user(**{User.USERNAME_FIELD: REVIEWER_USERNAME},
                                            email="reviewer@example.com",
                                            password=REVIEWER_PASSWORD,
                                            first_name="保密审查员")
        report.notes.append(f"Confidentiality reviewer: username {REVIEWER_USERNAME}  "
                            f"password {REVIEWER_PASSWORD} (demo only)")
    reviewer.groups.add(group)
    return group


def ensure_workflow(section, group):
    """The workflow with its review task, assigned to the section (unless the section already
    has a workflow of its own)."""
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from .workflows import ConfidentialityReviewTask

    task = ConfidentialityReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ConfidentialityReviewTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task,
                                       defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
    return workflow


def ensure_pending_item(section, columns, organs, user, workflow, report):
    """A draft item submitted for review and awaiting it."""
    from ..catalogue.pages import DisclosureItemPage

    if DisclosureItemPage.objects.descendant_of(section).filter(slug=PENDING_SLUG).exists():
        return
    column = next(iter(columns.values()))
    organ = next(iter(organs.values()))
    page = DisclosureItemPage(
        title=PENDING_TITLE, slug=PENDING_SLUG, organ=organ, live=False,
        document_number="鹿供〔2026〕18号", kind="other_document",
        summary="部署2026年度再生资源回收网点规范化建设工作。",
        body="<p>各基层供销社：为规范再生资源回收网点建设，现将有关事项通知如下。</p>")
    column.add_child(instance=page)
    page.save_revision(user=user)
    workflow.start(page, user)


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
    group = ensure_reviewers(context.section, context.report)
    workflow = ensure_workflow(context.section, group)
    ensure_pending_item(context.section, context.columns, context.organs, context.user,
                        workflow, context.report)
