"""Emails about requests: the outbox (Notification), django-tasks delivery, and the daily
reminder run (run_reminders).

Dates: a request received Mon 2025-11-03 is due Mon 2025-12-01 (November 2025 has no holiday in
chinesecalendar 1.11.0; see tests/test_requests_clock.py). Five working days before it:
Mon 11-24 + 5 working days = 12-01, Fri 11-21 + 5 = 11-28.
"""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Site

from tests import factories
from wagtail_disclosure.requests import notifications, services
from wagtail_disclosure.requests.choices import Status
from wagtail_disclosure.requests.models import InformationRequest, Notification
from wagtail_disclosure.requests.reminders import run_reminders
from wagtail_disclosure.requests.settings import RequestSettings

pytestmark = pytest.mark.django_db

D = datetime.date
NOV3 = D(2025, 11, 3)
APPLICANT = "zhangsan@example.com"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class BrokenBackend:
    """A mail server that refuses connections."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture(autouse=True)
def _media(private_media, fresh_calendar):
    """Every test here writes files and may change the calendar."""


@pytest.fixture(autouse=True)
def _provisional_recompute(monkeypatch):
    """The daily run recomputes provisional deadlines with requests.calendar; while that
    module is not there yet, the step is left out (it has its own tests)."""
    try:
        import wagtail_disclosure.requests.calendar  # noqa: F401
    except ImportError:
        from wagtail_disclosure.requests import reminders

        monkeypatch.setattr(reminders, "_recompute_provisional", lambda: 0)


make_user = factories.make_user


def fresh(request_obj):
    return InformationRequest.objects.get(pk=request_obj.pk)


def to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


# -- the applicant's emails --------------------------------------------------------------------


def test_applicant_emailed_at_receipt(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request_obj = factories.information_request(received_on=NOV3)
    [mail] = to(mailoutbox, APPLICANT)
    assert request_obj.tracking_number in mail.subject
    assert request_obj.tracking_number in mail.body
    assert "2025年11月3日" in mail.body and "2025年12月1日" in mail.body
    # The applicant is emailed the access code (the issue asks for it) ...
    assert request_obj.access_code in mail.body
    notification = Notification.objects.get(request=request_obj, kind="applicant:received")
    assert notification.sent_at is not None and notification.attempts == 1
    # ... but once sent, the outbox keeps no copy of it.
    assert request_obj.access_code not in notification.body
    assert "****-****-****" in notification.body


def test_no_email_address_no_email(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        factories.information_request(received_on=NOV3, email="", delivery="collect")
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_staff_address_gets_new_requests_without_personal_data(
        mailoutbox, django_capture_on_commit_callbacks):
    settings_obj = RequestSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.staff_email = "office@agency.example"
    settings_obj.save()
    with django_capture_on_commit_callbacks(execute=True):
        request_obj = factories.information_request(received_on=NOV3)
    [mail] = to(mailoutbox, "office@agency.example")
    assert request_obj.tracking_number in mail.subject
    for value in ("张三", factories.RESIDENT_ID, "13800138000", APPLICANT):
        assert value not in mail.subject + mail.body


def test_applicant_emailed_at_correction_notice(officer, mailoutbox,
                                                django_capture_on_commit_callbacks):
    request_obj = factories.information_request(received_on=NOV3)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_correction_notice(request_obj, officer, "请补充所需文件的文号。",
                                        D(2025, 11, 20), sent_on=D(2025, 11, 5))
    [mail] = to(mailoutbox, APPLICANT)
    assert request_obj.tracking_number in mail.subject
    assert mail.body.startswith("请补充所需文件的文号。")


def test_applicant_emailed_at_extension(approver, mailoutbox,
                                        django_capture_on_commit_callbacks):
    request_obj = factories.information_request(received_on=NOV3)
    with django_capture_on_commit_callbacks(execute=True):
        # within the reply period (due 12-01): an extension is refused after it
        services.request_extension(request_obj, approver, 10, "需要检索档案",
                                   on=D(2025, 11, 5))
    [mail] = to(mailoutbox, APPLICANT)
    assert request_obj.tracking_number in mail.subject
    assert "2025年12月15日" in mail.body and "需要检索档案" in mail.body
    assert Notification.objects.filter(request=request_obj,
                                       kind="applicant:extension_notice").count() == 1


def test_applicant_emailed_at_reply(officer, mailoutbox, django_capture_on_commit_callbacks):
    request_obj = factories.information_request(received_on=NOV3)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_reply(request_obj, officer, "disclosed", "现予以公开，详见附件。",
                              delivery="email", answered_on=D(2025, 11, 20))
    [mail] = to(mailoutbox, APPLICANT)
    assert request_obj.tracking_number in mail.subject
    assert mail.body.startswith("现予以公开，详见附件。")


def test_no_email_before_the_commit(officer, mailoutbox, django_capture_on_commit_callbacks):
    # Stored in the transaction, sent after it: a rolled-back action sends nothing.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.information_request(received_on=NOV3)
    assert mailoutbox == []
    assert len(callbacks) == 1
    assert Notification.objects.filter(sent_at__isnull=True).count() == 1


# -- a broken mail server ----------------------------------------------------------------------


def test_broken_mail_backend_does_not_break_submission(client, settings, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    cache.clear()  # the per-IP rate limit
    page = factories.request_form_page()
    settings.EMAIL_BACKEND = "tests.test_requests_notifications.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.get_url(), factories.request_data())
    assert response.status_code == 302
    request_obj = InformationRequest.objects.get()
    notification = Notification.objects.get(request=request_obj)
    assert notification.kind == "applicant:received"
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert "ConnectionRefusedError" in notification.last_error
    assert mailoutbox == []
    # the confirmation page still works
    assert client.get(response["Location"]).status_code == 200
    # the mail server is back
    settings.EMAIL_BACKEND = LOCMEM
    assert notifications.send_waiting() == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.attempts == 2 and notification.last_error == ""
    assert [m.to for m in mailoutbox] == [[APPLICANT]]
    # sent once only
    assert notifications.send_waiting() == 0
    assert len(mailoutbox) == 1


def test_send_waiting_gives_up_after_max_attempts(settings, mailoutbox):
    request_obj = factories.information_request(received_on=NOV3)
    notification = Notification.objects.get(request=request_obj)
    Notification.objects.filter(pk=notification.pk).update(
        attempts=notifications.MAX_ATTEMPTS)
    assert notifications.send_waiting() == 0
    assert mailoutbox == []
    Notification.objects.filter(pk=notification.pk).update(
        attempts=notifications.MAX_ATTEMPTS - 1)
    assert notifications.send_waiting() == 1
    assert len(mailoutbox) == 1


def test_deliver_is_idempotent(mailoutbox):
    request_obj = factories.information_request(received_on=NOV3)
    notification = Notification.objects.get(request=request_obj)
    assert notifications.deliver(notification.pk) is True
    assert notifications.deliver(notification.pk) is True
    assert len(mailoutbox) == 1


# -- the daily run ---------------------------------------------------------------------------


@pytest.fixture
def handler():
    return make_user("handler", "view_informationrequest", "process_informationrequest")


def _assigned(handler, officer, **kwargs):
    request_obj = factories.information_request(received_on=NOV3, **kwargs)
    services.assign(request_obj, handler, officer)
    return fresh(request_obj)


def _clear(mailoutbox):
    notifications.send_waiting()  # receipts and assignments queued while setting up
    mailoutbox.clear()


def _corrections(handler, officer):
    expired = _assigned(handler, officer)
    services.send_correction_notice(expired, officer, "请补正。", D(2025, 11, 20),
                                    sent_on=D(2025, 11, 5))
    last_day = _assigned(handler, officer, description="另一项信息")
    services.send_correction_notice(last_day, officer, "请补正。", D(2025, 11, 21),
                                    sent_on=D(2025, 11, 5))
    return expired, last_day


def test_run_reminders_puts_expired_corrections_to_the_handler(officer, handler, mailoutbox):
    # By default the run does not close a lapsed correction itself: whether the applicant had
    # no good reason (无正当理由, Art.30) is the handler's call, asked once a day.
    expired, last_day = _corrections(handler, officer)
    _clear(mailoutbox)
    run = run_reminders(today=D(2025, 11, 21))
    assert (run.corrections_lapsed, run.corrections_to_confirm) == (0, 1)
    assert fresh(expired).status == Status.AWAITING_CORRECTION
    assert fresh(last_day).status == Status.AWAITING_CORRECTION
    confirm = Notification.objects.get(kind="staff:correction_lapsed_confirm")
    assert confirm.request_id == expired.pk and confirm.recipient == handler.email
    assert [m.to for m in mailoutbox] == [[handler.email]]
    assert run.due_soon == run.overdue == 0
    # once a day
    assert run_reminders(today=D(2025, 11, 21)).corrections_to_confirm == 0
    assert run_reminders(today=D(2025, 11, 24)).corrections_to_confirm == 2


@override_settings(WAGTAIL_DISCLOSURE={"AUTO_CLOSE_LAPSED_CORRECTIONS": True})
def test_run_reminders_lapses_expired_corrections(officer, handler, mailoutbox):
    expired, last_day = _corrections(handler, officer)
    _clear(mailoutbox)
    run = run_reminders(today=D(2025, 11, 21))
    assert run.corrections_lapsed == 1
    obj = fresh(expired)
    assert (obj.status, obj.outcome, obj.closed_on) == (Status.CLOSED, "other_no_correction",
                                                        D(2025, 11, 21))
    assert fresh(last_day).status == Status.AWAITING_CORRECTION  # its last day is today
    lapsed = Notification.objects.get(kind="staff:correction_lapsed")
    assert lapsed.request_id == expired.pk and lapsed.recipient == handler.email
    assert lapsed.sent_at is not None
    assert [m.to for m in mailoutbox] == [[handler.email]]
    # awaiting correction: no deadline reminder
    assert run.due_soon == run.overdue == 0


def test_run_reminders_due_soon_once_a_day(officer, handler, mailoutbox):
    request_obj = _assigned(handler, officer)
    assert request_obj.due_on == D(2025, 12, 1)
    _clear(mailoutbox)
    # Fri 11-21: due in 6 working days, beyond the 5-day horizon (11-28)
    run = run_reminders(today=D(2025, 11, 21))
    assert (run.due_soon, run.overdue) == (0, 0)
    assert mailoutbox == []
    # Mon 11-24: due in 5 working days
    run = run_reminders(today=D(2025, 11, 24))
    assert (run.due_soon, run.overdue, run.notifications_sent) == (1, 0, 1)
    [mail] = mailoutbox
    assert mail.to == [handler.email]
    assert request_obj.tracking_number in mail.subject and "2025-12-01" in mail.subject
    assert fresh(request_obj).last_reminded_on == D(2025, 11, 24)
    # the same day again: nothing new
    run = run_reminders(today=D(2025, 11, 24))
    assert (run.due_soon, run.overdue, run.notifications_sent) == (0, 0, 0)
    assert len(mailoutbox) == 1
    # the next day: reminded again
    run = run_reminders(today=D(2025, 11, 25))
    assert run.due_soon == 1
    assert len(mailoutbox) == 2


def test_run_reminders_overdue(officer, handler, mailoutbox):
    request_obj = _assigned(handler, officer)
    _clear(mailoutbox)
    run = run_reminders(today=D(2025, 12, 1))  # due today: still "due soon"
    assert (run.due_soon, run.overdue) == (1, 0)
    run = run_reminders(today=D(2025, 12, 2))
    assert (run.due_soon, run.overdue) == (0, 1)
    assert Notification.objects.filter(kind="staff:overdue", request=request_obj,
                                       recipient=handler.email).count() == 1
    assert len(to(mailoutbox, handler.email)) == 2


def test_run_reminders_without_handler_emails_every_processor(officer, handler, approver,
                                                              mailoutbox):
    factories.information_request(received_on=NOV3)  # nobody assigned
    viewer = make_user("viewer", "view_informationrequest")
    _clear(mailoutbox)
    run = run_reminders(today=D(2025, 11, 28))
    assert run.due_soon == 1
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([officer.email, handler.email, approver.email])
    assert viewer.email not in recipients


def test_run_reminders_skips_finished_requests(officer, handler, mailoutbox):
    answered = _assigned(handler, officer)
    services.record_reply(answered, officer, "disclosed", "予以公开。",
                          answered_on=D(2025, 11, 20))
    withdrawn = _assigned(handler, officer, description="另一项信息")
    services.withdraw(withdrawn, officer, D(2025, 11, 20))
    _clear(mailoutbox)
    run = run_reminders(today=D(2025, 12, 5))
    assert (run.corrections_lapsed, run.due_soon, run.overdue) == (0, 0, 0)
    assert mailoutbox == []


def test_run_reminders_sends_the_waiting_outbox(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.test_requests_notifications.BrokenBackend"
    request_obj = factories.information_request(received_on=NOV3)
    notification = Notification.objects.get(request=request_obj)
    assert notifications.deliver(notification.pk) is False
    settings.EMAIL_BACKEND = LOCMEM
    run = run_reminders(today=D(2025, 11, 4))
    assert run.notifications_sent == 1
    assert [m.to for m in mailoutbox] == [[APPLICANT]]
