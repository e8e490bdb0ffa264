"""The feedback box (意见箱) in the admin: the listing and its filters, the clock, assigning,
answering (email with locmem and with a failing backend), publishing with edited public text,
closing, the permissions and the masking of contacts, the audit log."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_disclosure.governance import feedback, feedback_mail
from wagtail_disclosure.governance.feedback_admin import clock_text
from wagtail_disclosure.governance.models import Feedback
from wagtail_disclosure.governance.pages import FeedbackPage

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "李四", "lisi@example.com", "13912345678"
MESSAGE = f"我是{NAME}，电话{PHONE}，邮箱{EMAIL}。请问2025-11-30发布的年报在哪里？"


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses everything, quoting the recipient as SMTP servers do."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"mailbox unavailable")})


@pytest.fixture
def feedback_page():
    return factories.section().add_child(instance=FeedbackPage(title="意见箱", slug="yjx"))


@pytest.fixture
def item(feedback_page):
    return feedback.submit({"category": "question", "subject": f"{NAME}的问题", "message": MESSAGE,
                            "name": NAME, "email": EMAIL, "phone": PHONE}, page=feedback_page)


@pytest.fixture
def answerer(db):
    return factories.make_user("answerer", "view_feedback", "answer_feedback",
                               admin_access=True)


@pytest.fixture
def viewer(db):
    return factories.make_user("viewer", "view_feedback", admin_access=True)


@pytest.fixture
def privileged(db):
    return factories.make_user("privileged", "view_feedback", "answer_feedback",
                               "view_feedback_personal_data", admin_access=True)


def url(name, *args):
    return reverse(f"wagtail_disclosure_feedback:{name}", args=args)


def act(client, item, name, **data):
    return client.post(url("action", item.pk, name), {f"{name}-{k}": v for k, v in data.items()})


# -- the clock -------------------------------------------------------------------------------


def test_the_clock_counts_down_to_the_limit_and_then_up(item, settings):
    settings.WAGTAIL_DISCLOSURE = {"FEEDBACK_ANSWER_MONTHS": 3}
    received = timezone.localtime(item.received_at).date()
    due = feedback.add_months(received, 3)
    assert feedback.answer_due_on(item.received_at) == due
    with translation.override("en"):
        assert clock_text(item, today=due - datetime.timedelta(days=12)) == "12 days left"
        assert clock_text(item, today=due) == "0 days left"
        assert clock_text(item, today=due + datetime.timedelta(days=3)) == "overdue by 3 days"
    # the admin runs in Chinese
    assert clock_text(item, today=due + datetime.timedelta(days=3)) == "已超期 3 天"
    assert feedback.overdue(today=due + datetime.timedelta(days=1)).get() == item
    assert not feedback.overdue(today=due).exists()


# -- the listing -------------------------------------------------------------------------------


def test_the_listing_masks_contacts_without_the_permission(client, item, viewer, privileged):
    client.force_login(viewer)
    html = client.get(url("index")).content.decode()
    assert item.reference in html
    assert NAME not in html and "李*" in html
    client.force_login(privileged)
    assert NAME in client.get(url("index")).content.decode()


def test_the_export_masks_contacts_and_texts(client, item, viewer, privileged):
    client.force_login(viewer)
    response = client.get(url("index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert item.reference in body
    for value in (NAME, EMAIL, PHONE):
        assert value not in body
    assert "l***@example.com" in body and "139****5678" in body
    client.force_login(privileged)
    full = b"".join(client.get(url("index") + "?export=csv").streaming_content).decode("utf-8-sig")
    assert EMAIL in full and PHONE in full


def test_the_filters(client, feedback_page, item, privileged, answerer):
    old = Feedback.objects.create(page=feedback_page, reference="YJ2020-000001",
                                  received_at=timezone.now() - datetime.timedelta(days=200),
                                  subject="旧留言", message="m")
    answered = feedback.submit({"category": "complaint", "subject": "投诉", "message": "m"},
                               page=feedback_page)
    feedback.answer(answered, "答复", privileged)
    feedback.assign(item, privileged, answerer)
    client.force_login(privileged)

    def listed(**params):
        response = client.get(url("index"), params)
        assert response.status_code == 200
        return {obj.reference for obj in response.context["object_list"]}

    assert listed(overdue="on") == {old.reference}
    assert listed(status="answered") == {answered.reference}
    assert listed(category="complaint") == {answered.reference}
    assert listed(assigned="me") == {item.reference}
    assert listed(assigned="nobody") == {old.reference, answered.reference}
    assert "已超期" in client.get(url("index")).content.decode()  # the clock column, in Chinese


# -- permissions -------------------------------------------------------------------------------


def test_no_view_permission_no_access(client, item):
    nobody = factories.make_user("nobody", admin_access=True)
    client.force_login(nobody)
    assert client.get(url("index")).status_code in (302, 403)
    assert client.get(url("edit", item.pk)).status_code in (302, 403)


def test_a_viewer_sees_the_message_masked_and_cannot_act(client, item, viewer):
    client.force_login(viewer)
    response = client.get(url("edit", item.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for value in (NAME, EMAIL, PHONE):
        assert value not in html
    assert "l***@example.com" in html and "139****5678" in html
    assert "请问2025-11-30发布的年报在哪里？" in html
    assert response.context["actions"] == []
    refused = act(client, item, "answer", answer="答复")  # Wagtail: denied → the dashboard
    assert refused.status_code == 403 or refused["Location"] == "/admin/"
    item.refresh_from_db()
    assert item.status == "new"


def test_no_add_or_delete(client, item, privileged):
    client.force_login(privileged)
    assert client.get("/admin/disclosure/feedback/new/").status_code == 404
    assert client.get(f"/admin/disclosure/feedback/delete/{item.pk}/").status_code == 404


# -- assigning, answering, emailing ------------------------------------------------------------


def test_assign_then_answer_emails_the_visitor(client, item, answerer, privileged,
                                                django_capture_on_commit_callbacks):
    client.force_login(answerer)
    assert act(client, item, "assign", assignee=privileged.pk).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.assigned_to) == ("assigned", privileged)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, item, "answer", answer="年报已于1月20日公开，见年报栏目。")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "answered" and item.answered_at and item.answered_by == answerer
    assert item.answer_emailed_at is not None and item.answer_email_attempts == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    assert "年报已于1月20日公开" in mail.outbox[0].body
    assert item.reference in mail.outbox[0].subject
    actions = list(ModelLogEntry.objects.for_instance(item).order_by("timestamp", "pk")
                   .values_list("action", flat=True))
    assert actions == ["wagtail_disclosure.feedback.receive",
                       "wagtail_disclosure.feedback.assign",
                       "wagtail_disclosure.feedback.answer"]
    # the timeline shows the registered messages
    timeline = client.get(url("edit", item.pk)).content.decode()
    assert "Feedback answered" in timeline or "已答复" in timeline


def test_only_answerers_can_be_assigned(item, answerer, viewer):
    with pytest.raises(ValidationError):
        feedback.assign(item, viewer, answerer)


def test_a_failing_mail_server_never_loses_the_answer(client, item, answerer, caplog,
                                                      django_capture_on_commit_callbacks):
    client.force_login(answerer)
    with override_settings(EMAIL_BACKEND="tests.test_gov_feedback_admin.FailingBackend"), \
            django_capture_on_commit_callbacks(execute=True):
        assert act(client, item, "answer", answer="我们的答复").status_code == 302
    item.refresh_from_db()
    assert item.status == "answered" and item.answer == "我们的答复"
    assert item.answer_emailed_at is None and item.answer_email_attempts == 1
    assert "SMTPRecipientsRefused" in item.answer_email_error
    assert EMAIL not in item.answer_email_error and EMAIL not in caplog.text
    page = client.get(url("edit", item.pk))
    assert 'data-testid="feedback-email-error"' in page.content.decode()
    assert "resend" in [a["name"] for a in page.context["actions"]]
    # the retry (the scheduled task, or the officer's button) sends it once the server is back
    assert feedback_mail.waiting_answers().get() == item
    assert act(client, item, "resend").status_code == 302
    item.refresh_from_db()
    assert item.answer_emailed_at is not None and item.answer_email_error == ""
    assert len(mail.outbox) == 1
    assert feedback_mail.send_waiting_answers() == 0  # nothing left, nothing sent twice
    assert len(mail.outbox) == 1


def test_a_failed_resend_is_shown(client, item, answerer):
    feedback.answer(item, "答复", answerer)
    client.force_login(answerer)
    with override_settings(EMAIL_BACKEND="tests.test_gov_feedback_admin.FailingBackend"):
        response = act(client, item, "resend")
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("SMTPRecipientsRefused" in m for m in messages)


def test_the_retry_task_stops_after_max_attempts(item, answerer):
    feedback.answer(item, "答复", answerer)
    Feedback.objects.filter(pk=item.pk).update(answer_email_attempts=feedback_mail.MAX_ATTEMPTS)
    assert feedback_mail.send_waiting_answers() == 0 and not mail.outbox


def test_an_answer_without_email_address_sends_nothing(feedback_page, answerer,
                                                       django_capture_on_commit_callbacks):
    anonymous = feedback.submit({"category": "other", "subject": "s", "message": "m"},
                                page=feedback_page)
    with django_capture_on_commit_callbacks(execute=True):
        feedback.answer(anonymous, "答复", answerer)
    assert not mail.outbox and not feedback_mail.waiting_answers().exists()


def test_an_empty_answer_is_a_field_error(client, item, answerer):
    client.force_login(answerer)
    response = act(client, item, "answer", answer="  ")
    assert response.status_code == 200
    assert response.context["actions"][1]["form"].errors["answer"]
    item.refresh_from_db()
    assert item.status == "new"


# -- publishing ------------------------------------------------------------------------------


def test_publish_proposes_a_masked_question_and_refuses_personal_data(client, item, answerer):
    feedback.answer(item, f"{NAME}您好，年报在年报栏目。", answerer)
    client.force_login(answerer)
    page = client.get(url("edit", item.pk))
    publish = next(a for a in page.context["actions"] if a["name"] == "publish")
    proposed = publish["form"].initial
    for value in (NAME, EMAIL, PHONE):
        assert value not in proposed["public_question"]
        assert value not in proposed["public_answer"]
    assert "2025-11-30" in proposed["public_question"]  # a date is not a phone number
    refused = act(client, item, "publish", public_question=f"{NAME}问：年报在哪里？",
                  public_answer="在年报栏目。")
    assert refused.status_code == 200
    item.refresh_from_db()
    assert not item.published
    refused = act(client, item, "publish", public_question="电话 0577-88881234 的来信",
                  public_answer="在年报栏目。")
    assert refused.status_code == 200 and not Feedback.objects.get(pk=item.pk).published
    assert act(client, item, "publish", public_question="", public_answer="").status_code == 200
    done = act(client, item, "publish", public_question="请问年报在哪里？", public_answer="在年报栏目。")
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.published and item.published_at
    assert (item.public_question, item.public_answer) == ("请问年报在哪里？", "在年报栏目。")
    assert act(client, item, "unpublish").status_code == 302
    item.refresh_from_db()
    assert not item.published
    actions = set(ModelLogEntry.objects.for_instance(item).values_list("action", flat=True))
    assert {"wagtail_disclosure.feedback.publish", "wagtail_disclosure.feedback.unpublish"} <= (
        actions)


def test_only_answered_feedback_can_be_published(item, answerer):
    with pytest.raises(ValidationError):
        feedback.publish(item, "问题", "答复", answerer)


def test_public_text_masks_contacts_and_numbers(item):
    text = feedback.public_text(item, MESSAGE + " 身份证11010519491231002X，座机0577-88881234")
    for value in (NAME, EMAIL, PHONE, "110105194912310", "88881234"):
        assert value not in text
    assert "2025-11-30" in text and "***" in text
    assert feedback.personal_data_in(item, "2019-2023年的年报") == []


# -- closing -------------------------------------------------------------------------------


def test_close_without_answer_needs_a_reason(client, item, answerer):
    client.force_login(answerer)
    assert act(client, item, "close", reason="").status_code == 200
    assert act(client, item, "close", reason="重复留言").status_code == 302
    item.refresh_from_db()
    assert item.status == "closed" and item.closed_at and item.answered_at is None
    with translation.override("en"):
        assert clock_text(item).startswith("closed")
    # a closed message takes no answer
    response = act(client, item, "answer", answer="答复")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "closed" and item.answer == ""
    with pytest.raises(ValidationError):
        feedback.answer(item, "答复", answerer)


def test_the_audit_log_holds_no_personal_data(item, answerer, privileged):
    feedback.assign(item, privileged, answerer)
    feedback.answer(item, "答复", answerer)
    for entry in ModelLogEntry.objects.for_instance(item):
        text = f"{entry.label} {entry.data} {entry.message}"
        for value in (NAME, EMAIL, PHONE, MESSAGE):
            assert value not in text


def test_the_command_sends_the_answers_a_failing_server_held_back(item, answerer):
    from io import StringIO

    from django.core.management import call_command

    with override_settings(EMAIL_BACKEND="tests.test_gov_feedback_admin.FailingBackend"):
        feedback.answer(item, "答复", answerer)
        feedback_mail.deliver_answer(item.pk)
    item.refresh_from_db()
    assert item.answer_emailed_at is None and item.answer_email_attempts == 1
    out = StringIO()
    call_command("send_feedback_answers", stdout=out)
    assert "Feedback answers sent: 1." in out.getvalue()
    item.refresh_from_db()
    assert item.answer_emailed_at is not None and len(mail.outbox) == 1
    call_command("send_feedback_answers", stdout=StringIO())
    assert len(mail.outbox) == 1  # never twice
