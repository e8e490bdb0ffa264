"""The weekly compliance digest: recipients, content, a failing mail server, the command and
the task."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from tests import factories as f
from wagtail_disclosure.governance import digest
from wagtail_disclosure.governance.compliance import months_before
from wagtail_disclosure.governance.compliance_tasks import send_compliance_digest_task
from wagtail_disclosure.governance.models import Feedback

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "zh-hans"
    settings.WAGTAILADMIN_BASE_URL = "https://gov.example.cn"


@pytest.fixture
def officers():
    return [f.make_user("officer_a", "view_compliance"), f.make_user("officer_b", "view_compliance")]


@pytest.fixture
def problems():
    """An empty column (warning) and feedback unanswered for 4 months (failure)."""
    f.column(f.section(), "空栏目")
    Feedback.objects.create(
        reference="YJX-OLD", subject="<b>主题</b>", message="留言", name="李四",
        email="lisi@example.com",
        received_at=timezone.make_aware(datetime.datetime.combine(
            months_before(timezone.localdate(), 4), datetime.time(9))))


def test_recipients_default_to_active_users_with_the_permission(officers):
    f.make_user("clerk")  # without the permission
    inactive = f.make_user("gone", "view_compliance")
    inactive.is_active = False
    inactive.save()
    assert digest.recipients() == ["officer_a@agency.example", "officer_b@agency.example"]


def test_recipients_can_be_set(settings, officers):
    settings.WAGTAIL_DISCLOSURE = {"COMPLIANCE_DIGEST_RECIPIENTS": ["gk@gov.example.cn", " ",
                                                                    "gk@gov.example.cn"]}
    assert digest.recipients() == ["gk@gov.example.cn"]


def test_the_digest_lists_failures_and_warnings_in_chinese_with_a_link(officers, problems):
    run = digest.send_digest()
    assert run.sent == 2 and run.failed == 0
    assert [m.to for m in mail.outbox] == [["officer_a@agency.example"],
                                           ["officer_b@agency.example"]]
    message = mail.outbox[0]
    # rendered in the site's language (the zh_Hans catalogue translates the strings)
    assert message.subject.startswith("合规体检")
    assert message.subject.endswith(f"（{timezone.localdate().isoformat()}）")
    assert "空栏目" in message.body and "YJX-OLD" in message.body
    assert "https://gov.example.cn/admin/disclosure/compliance/" in message.body
    assert "李四" not in message.body and "lisi@" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="zh-hans">' in html
    assert 'href="https://gov.example.cn/admin/disclosure/compliance/"' in html
    assert "<b>主题</b>" not in html


def test_ok_indicators_are_not_in_the_digest(officers, problems):
    from wagtail_disclosure.governance import compliance

    indicators = compliance.run_all()
    _subject, text, _html = digest.render_digest(indicators, timezone.localdate())
    for indicator in indicators:
        if indicator.status == compliance.OK:
            assert str(indicator.title) not in text
        else:
            assert str(indicator.title) in text


def test_nothing_is_sent_when_everything_is_ok(officers):
    f.report_index()
    f.annual_report(year=timezone.localdate().year - 1)
    run = digest.send_digest()
    assert run.problems == 0 and mail.outbox == []


def test_a_failing_mail_server_is_logged_and_does_not_crash(settings, officers, problems,
                                                             caplog):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="wagtail_disclosure.governance.digest"):
        run = digest.send_digest()
    assert run.sent == 0 and run.failed == 2
    assert "compliance digest" in caplog.text
    assert "officer_a@" not in caplog.text  # no addresses in logs
    # the next run tries again
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digest.send_digest().sent == 2


def test_no_recipient_is_logged(problems, caplog):
    with caplog.at_level(logging.WARNING, logger="wagtail_disclosure.governance.digest"):
        run = digest.send_digest()
    assert run.recipients == 0 and mail.outbox == []
    assert "no recipient" in caplog.text


def test_the_command_and_the_task(officers, problems, capsys):
    call_command("send_compliance_digest", "--date", timezone.localdate().isoformat())
    assert "sent: 2" in capsys.readouterr().out
    assert send_compliance_digest_task.call()["sent"] == 2
    assert len(mail.outbox) == 4


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_compliance_digest", "--date", "2026-13-40")
