"""The data the access matrix (``tests/access_matrix.py``) is measured on, built once per test
module: one applicant's requests (one open with an attachment and an extension awaiting
approval, one answered with a letter and a document), a review case, a feedback message
answered and published, a withheld-information entry, a published item (so a release register
entry), an item in the confidentiality review, an annual report, one user per role and a
public file in MEDIA_ROOT.

``build()`` returns a :class:`World`: the values the URLs are made of (``world.values``), the
secrets and masked forms the classifier looks for (``world.texts``) and a logged-in client per
role (``world.clients``).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.datastructures import MultiValueDict

from tests import factories

#: The applicant: values the matrix looks for in every body (distinctive, so that a hit is
#: this applicant's data and not a word of the interface).
APPLICANT = {
    "name": "欧阳隐名",
    "id_number": factories.RESIDENT_ID,
    "phone": "13912345678",
    "email": "ouyang.private@example.com",
    "address": "温州市鹿城区隐私路88号",
}
#: How staff without ``view_personal_data`` see them (``requests.permissions``).
APPLICANT_MASKED = {"masked_name": "欧***", "masked_id": "110***********002X"}
DESCRIPTION = "申请公开2024年度区供销社隐秘储备资金使用明细"
REPLY_TEXT = "经审查，答复如下：乙丙丁戊己。如有疑问请拨打13912345678。"
REPLY_DOCUMENT = b"%PDF-1.4\n% the reply document REPLYDOC-7A1\n%%EOF\n"
#: The applicant's ID card scan: its bytes carry the ID number, so that serving it is a FULL.
ATTACHMENT = f"%PDF-1.4\n% scan of ID {factories.RESIDENT_ID}\n%%EOF\n".encode()
#: The feedback visitor.
FEEDBACK = {"fb_name": "司马留言", "fb_email": "sima.feedback@example.com",
            "fb_phone": "13700001111"}
FEEDBACK_MASKED = {"fb_masked": "司***"}
PUBLIC_ANSWER = "公开答复：资金使用明细已在本栏目公开。"
PUBLIC_FILE = b"public notice PUBLICFILE-3C"
#: Texts matched as whole words (not inside a longer run of letters and digits): a tracking
#: number 2026-000001 is inside the feedback reference YJ2026-000001.
WHOLE_WORDS = ("tracking", "open_tracking")
#: The names of ``World.texts`` (what targets' ``secrets``, ``masked`` and ``shows`` name).
TEXT_NAMES = (*APPLICANT, *APPLICANT_MASKED, *FEEDBACK, *FEEDBACK_MASKED, "description",
              "tracking", "open_tracking", "reply", "reply_document", "public_answer",
              "public_file")


@dataclass
class World:
    values: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)


def _perms(*names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label,
                                            codename=codename))
    return found


def make_role_user(role, review_group):
    """The user of ``role`` (an ``access_matrix.Role``), or None for the anonymous visitor."""
    if role.anonymous:
        return None
    if role.superuser:
        return User.objects.create_superuser(role.key, f"{role.key}@agency.example", "pw")
    user = User.objects.create_user(role.key, f"{role.key}@agency.example", "pw")
    user.user_permissions.add(*_perms(*role.permissions))
    for name in role.groups:
        user.groups.add(review_group if name == REVIEW_GROUP else Group.objects.get(name=name))
    return User.objects.get(pk=user.pk)


REVIEW_GROUP = "保密审查员"


def _review_setup(section, column, submitter):
    """A section under a confidentiality review workflow, with an item submitted to it."""
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

    from wagtail_disclosure.governance.review_fields import page_permission
    from wagtail_disclosure.governance.workflows import ConfidentialityReviewTask

    group = Group.objects.create(name=REVIEW_GROUP)
    group.permissions.add(*_perms("wagtailadmin.access_admin"))
    GroupPagePermission.objects.create(group=group, page=section,
                                       permission=page_permission("publish"))
    task = ConfidentialityReviewTask.objects.create(name="保密审查")
    task.groups.add(group)
    workflow = Workflow.objects.create(name="保密审查与发布")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=section)
    draft = factories.item(column, title="待审查的信息", publish=False)
    draft.save_revision(user=submitter)
    workflow.start(draft, submitter)
    draft.refresh_from_db()
    return group, draft, draft.current_workflow_task_state


def _requests(form_page, superuser):
    from wagtail_disclosure.reports.models import ReviewCase
    from wagtail_disclosure.requests import extension_services, services
    from wagtail_disclosure.requests.forms import RequestForm

    data = factories.request_data(description=DESCRIPTION, **APPLICANT)
    files = MultiValueDict({"attachments": [SimpleUploadedFile("身份证.pdf", ATTACHMENT)]})
    form = RequestForm(data, files)
    assert form.is_valid(), form.errors
    open_request, _code = services.submit(form.cleaned_data, form.cleaned_data["attachments"],
                                          page=form_page)
    services.start_processing(open_request, superuser)
    clerk = factories.make_user("clerk", "view_informationrequest", "process_informationrequest")
    extension = extension_services.request_extension(open_request, clerk, 10, "需要调取档案")
    assert extension.status == "pending"

    form = RequestForm(data)
    assert form.is_valid(), form.errors
    answered, code = services.submit(form.cleaned_data, [], page=form_page)
    services.record_reply(answered, superuser, "disclosed", f"{APPLICANT['name']}：{REPLY_TEXT}",
                          [SimpleUploadedFile(f"答复{APPLICANT['name']}.pdf", REPLY_DOCUMENT)],
                          "email")
    answered.refresh_from_db()
    case = ReviewCase.objects.create(kind="reconsideration", case_number="鹿复〔2025〕1号",
                                     filed_on=datetime.date.today(), request=answered)
    return open_request, answered, code, case


def _feedback(section, superuser):
    from wagtail_disclosure.governance import feedback
    from wagtail_disclosure.governance.pages import FeedbackPage

    page = section.add_child(instance=FeedbackPage(title="意见箱", slug="yjx"))
    message = feedback.submit({
        "category": "suggestion", "subject": f"{FEEDBACK['fb_name']}的建议",
        "message": f"请公开资金明细。我的电话{FEEDBACK['fb_phone']}。",
        "name": FEEDBACK["fb_name"], "email": FEEDBACK["fb_email"],
        "phone": FEEDBACK["fb_phone"]}, page=page)
    feedback.answer(message, "已公开。", superuser)
    feedback.publish(message, "请公开资金明细。", PUBLIC_ANSWER, superuser)
    return page, message


def build(roles, media_root):
    """The world for ``roles``; files are written below ``media_root`` (a Path)."""
    from wagtail_disclosure.governance.models import ReleaseRegisterEntry, WithheldInformation
    from wagtail_disclosure.requests import tracking

    world = World()
    superuser = User.objects.create_superuser("builder", "builder@agency.example", "pw")
    section = factories.section()
    column = factories.column(section, title="财政资金")
    item = factories.item(column, title="2024年度财政预算")
    form_page = factories.request_form_page(section)
    open_request, answered, code, case = _requests(form_page, superuser)
    feedback_page, message = _feedback(section, superuser)
    report = factories.annual_report(year=2025)
    withheld = WithheldInformation.objects.create(
        title="涉及商业秘密的合同", organ=factories.organ(), ground="art15_third_party",
        reason="第三方不同意公开", decided_on=datetime.date.today(),
        review_due_on=datetime.date.today() + datetime.timedelta(days=365))
    review_group, draft, task_state = _review_setup(section, column, superuser)

    letter = answered.letters.get(kind="reply")
    document = letter.documents.get()
    attachment = open_request.attachments.get()
    (media_root / "public").mkdir(parents=True, exist_ok=True)
    (media_root / "public" / "notice.txt").write_bytes(PUBLIC_FILE)

    form_url = form_page.get_url()
    world.values = {
        "request_pk": open_request.pk, "answered_pk": answered.pk,
        "attachment_pk": attachment.pk, "letter_pk": letter.pk, "document_pk": document.pk,
        "tracking_number": answered.tracking_number, "access_code": code,
        "case_pk": case.pk, "feedback_pk": message.pk, "feedback_page_id": feedback_page.pk,
        "feedback_url": feedback_page.get_url(), "form_page_id": form_page.pk,
        "form_url": form_url, "section_url": section.get_url(), "column_url": column.get_url(),
        "column_id": column.pk, "item_id": item.pk, "report_id": report.pk,
        "withheld_pk": withheld.pk, "register_pk": ReleaseRegisterEntry.objects.first().pk,
        "draft_id": draft.pk, "task_state_id": task_state.pk,
        "attachment_media": attachment.file.name, "document_media": document.file.name,
        "document_link": form_url + form_page.reverse_subpage(
            "document", args=(tracking.document_token(document),)).lstrip("/"),
        "question_id": _first_question_pk(),
    }
    world.texts = {**APPLICANT, **APPLICANT_MASKED, **FEEDBACK, **FEEDBACK_MASKED,
                   "description": DESCRIPTION, "tracking": answered.tracking_number,
                   "open_tracking": open_request.tracking_number,
                   "reply": REPLY_TEXT[:14], "reply_document": "REPLYDOC-7A1",
                   "public_answer": PUBLIC_ANSWER, "public_file": "PUBLICFILE-3C"}
    for role in roles:
        user = make_role_user(role, review_group)
        client = Client()
        if user is not None:
            client.force_login(user)
            world.tokens[role.key] = _api_token(user)
        world.users[role.key] = user
        world.clients[role.key] = client
    return world


def _api_token(user):
    """A Wagtail API v3 token of ``user`` (None on Wagtail 7.4, which has no API v3)."""
    try:
        from wagtail.models import APIToken
    except ImportError:
        return None
    return APIToken.create_token(user=user, name="access matrix")[1]


def _first_question_pk():
    from wagtail_disclosure.governance.models import ChecklistQuestion

    question = ChecklistQuestion.objects.order_by("pk").first()
    return question.pk if question else 0
