"""Fault: the mail server is down (issue 13, "Faults").

The site sends through Django's SMTP backend to a loopback port where nothing listens (the
connection is refused, as with a mail server that is down). A request submitted then, on the
HTML form or the JSON API, is accepted and its tracking number shown; its emails stay in the
outbox (``Notification``) unsent, with the attempt counted and the error kept (without any
address). When an SMTP server comes up on that port, the retry path (the
``send_request_reminders`` command, or the tasks) sends each email exactly once. Feedback
answers (``governance/feedback_mail.py``) follow the same pattern with
``send_feedback_answers``.

Deployment: docs/explanation/faults.md.
"""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Site

from tests import factories
from tests.faults.smtp import SMTPSink, free_port
from wagtail_disclosure.governance import feedback
from wagtail_disclosure.requests import notifications
from wagtail_disclosure.governance.models import Feedback
from wagtail_disclosure.requests.models import InformationRequest, Notification
from wagtail_disclosure.requests.settings import RequestSettings
from wagtail_disclosure.requests.tasks import send_notification_task

pytestmark = pytest.mark.django_db

APPLICANT = "zhangsan@example.com"
OFFICE = "office@agency.example"


@pytest.fixture
def smtp_port(settings, private_media):
    """Django's real SMTP backend, aimed at a closed loopback port: the mail server is down."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    return port


@pytest.fixture
def office_address():
    settings_obj = RequestSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.staff_email = OFFICE
    settings_obj.save()


def assert_waiting_with_error(notifications):
    assert notifications
    for notification in notifications:
        assert notification.sent_at is None
        assert notification.attempts == 1
        assert "ConnectionRefused" in notification.last_error
        assert "@" not in notification.last_error  # no address kept in the error


def assert_sent_once(sink, request_obj):
    """Each email of the request reached the server once, and the outbox says it was sent."""
    assert len(sink.to(APPLICANT)) == 1 and len(sink.to(OFFICE)) == 1
    assert len(sink.messages) == 2
    for message in sink.messages:
        assert request_obj.tracking_number in message["subject"]
    for notification in Notification.objects.filter(request=request_obj):
        assert notification.sent_at is not None and notification.last_error == ""


def retry_until_quiet(sink, request_obj):
    """The retry paths, each run twice: the daily command and the per-email task."""
    call_command("send_request_reminders", stdout=io.StringIO())
    assert_sent_once(sink, request_obj)
    call_command("send_request_reminders", stdout=io.StringIO())
    for notification in Notification.objects.filter(request=request_obj):
        send_notification_task.enqueue(notification.pk)  # a late duplicate task
    assert_sent_once(sink, request_obj)


def test_form_submission_is_accepted_and_its_emails_sent_once_when_the_server_is_back(
        client, smtp_port, office_address, django_capture_on_commit_callbacks):
    page = factories.request_form_page()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.get_url(), factories.request_data())
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    number = re.search(r'data-testid="tracking-number">([^<]+)<', html).group(1)
    request_obj = InformationRequest.objects.get()
    assert number == request_obj.tracking_number
    notifications = list(Notification.objects.filter(request=request_obj))
    assert {n.kind for n in notifications} == {"applicant:received", "staff:new"}
    assert_waiting_with_error(notifications)

    with SMTPSink(smtp_port) as sink:
        retry_until_quiet(sink, request_obj)
        # The applicant's email still carries the access code it promised.
        [acknowledgement] = sink.to(APPLICANT)
        assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", acknowledgement["body"])


def test_api_submission_is_accepted_and_its_emails_sent_once_when_the_server_is_back(
        client, smtp_port, office_address, django_capture_on_commit_callbacks):
    data = factories.request_data(consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/disclosure/requests/", data, content_type="application/json")
    assert response.status_code == 201, response.content
    request_obj = InformationRequest.objects.get()
    assert response.json()["tracking_number"] == request_obj.tracking_number
    assert_waiting_with_error(list(Notification.objects.filter(request=request_obj)))

    with SMTPSink(smtp_port) as sink:
        retry_until_quiet(sink, request_obj)


def test_the_retry_stops_nowhere_short_of_the_attempts_limit(
        smtp_port, django_capture_on_commit_callbacks):
    """Several failed runs while the server stays down: each counts an attempt, none sends,
    the email is still there to send when the server is back."""
    with django_capture_on_commit_callbacks(execute=True):
        request_obj = factories.information_request()
    for _run in range(3):
        call_command("send_request_reminders", stdout=io.StringIO())
    notification = Notification.objects.get(request=request_obj)
    assert notification.attempts == 4 and notification.sent_at is None
    with SMTPSink(smtp_port) as sink:
        call_command("send_request_reminders", stdout=io.StringIO())
        assert [m["to"] for m in sink.messages] == [[APPLICANT]]
    assert Notification.objects.get(pk=notification.pk).attempts == 5


def test_feedback_answer_waits_and_is_sent_once_when_the_server_is_back(
        smtp_port, django_capture_on_commit_callbacks):
    officer = factories.make_user("answerer", "answer_feedback")
    message = feedback.submit({"category": "question", "subject": "年报何时公开",
                               "message": "请问2025年年报何时公开？", "name": "李四",
                               "email": "lisi@example.com", "phone": ""})
    with django_capture_on_commit_callbacks(execute=True):
        feedback.answer(message, "将于1月31日前公开。", officer)
    stored = Feedback.objects.get(pk=message.pk)
    assert stored.answer == "将于1月31日前公开。"  # the answer is kept whatever the email does
    assert stored.answer_emailed_at is None and stored.answer_email_attempts == 1
    assert "ConnectionRefused" in stored.answer_email_error
    assert "@" not in stored.answer_email_error

    with SMTPSink(smtp_port) as sink:
        for _run in range(2):
            call_command("send_feedback_answers", stdout=io.StringIO())
        assert [m["to"] for m in sink.messages] == [["lisi@example.com"]]
        assert message.reference in sink.messages[0]["subject"]
        assert "将于1月31日前公开。" in sink.messages[0]["body"]
    assert Feedback.objects.get(pk=message.pk).answer_emailed_at is not None


def test_an_outage_longer_than_the_attempts_limit_loses_no_email(
        smtp_port, django_capture_on_commit_callbacks):
    """An email that could not reach the server is retried past MAX_ATTEMPTS (an outage of
    any length); one the server refused stops there; a run stops at the first unreachable
    one instead of waiting out the timeout for each."""
    with django_capture_on_commit_callbacks(execute=True):
        waiting = factories.information_request()
        refused = factories.information_request(email="wangwu@example.com")
    [outage] = Notification.objects.filter(request=waiting)
    assert outage.last_error.startswith(notifications.UNREACHABLE_MARK)
    Notification.objects.filter(pk=outage.pk).update(attempts=notifications.MAX_ATTEMPTS + 5)
    Notification.objects.filter(request=refused).update(
        attempts=notifications.MAX_ATTEMPTS,
        last_error="SMTPRecipientsRefused: {'<address>': (550, b'no such user')}")

    tried = []
    real_deliver = notifications.deliver

    def counting(pk):
        tried.append(pk)
        return real_deliver(pk)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(notifications, "deliver", counting)
        assert notifications.send_waiting() == 0
    assert tried == [outage.pk]  # stopped at the first: the server is down

    with SMTPSink(smtp_port) as sink:
        call_command("send_request_reminders", stdout=io.StringIO())
        assert [m["to"] for m in sink.messages] == [[APPLICANT]]
    assert Notification.objects.get(pk=outage.pk).sent_at is not None
    assert Notification.objects.get(request=refused).sent_at is None


def test_a_feedback_answer_waits_out_a_long_outage(smtp_port,
                                                   django_capture_on_commit_callbacks):
    officer = factories.make_user("answerer", "answer_feedback")
    message = feedback.submit({"category": "question", "subject": "年报", "message": "何时公开？",
                               "name": "", "email": "lisi@example.com", "phone": ""})
    with django_capture_on_commit_callbacks(execute=True):
        feedback.answer(message, "1月31日前。", officer)
    Feedback.objects.filter(pk=message.pk).update(answer_email_attempts=50)
    with SMTPSink(smtp_port) as sink:
        call_command("send_feedback_answers", stdout=io.StringIO())
        assert [m["to"] for m in sink.messages] == [["lisi@example.com"]]
