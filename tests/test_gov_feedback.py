"""The feedback box (意见箱), public side: the form, its bounds and anti-abuse, the thank-you
page, the published questions and answers, and the page API's privacy."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.test import Client, override_settings
from django.utils import translation
from django.utils import timezone

from tests import factories
from wagtail_disclosure.governance import feedback
from wagtail_disclosure.governance.feedback_forms import FeedbackForm
from wagtail_disclosure.governance.models import Feedback
from wagtail_disclosure.governance.pages import FEEDBACK_SESSION_KEY, FeedbackPage
from wagtail_disclosure.requests.forms import HONEYPOT_FIELD, REQUIRED_MESSAGE

pytestmark = pytest.mark.django_db

PERSONAL = {"name": "李四", "email": "lisi@example.com", "phone": "13912345678"}


@pytest.fixture
def feedback_page():
    return factories.section().add_child(instance=FeedbackPage(
        title="意见箱", slug="yjx", intro="<p>欢迎对本机关政府信息公开工作提出意见。</p>",
        thank_you_text="<p>感谢您的来信。</p>"))


def data(**overrides):
    values = {"category": "question", "subject": "年报何时公开", "message": "请问2025年年报何时公开？",
              **PERSONAL}
    values.update(overrides)
    return values


def errors(**overrides):
    form = FeedbackForm(data(**overrides))
    form.is_valid()
    return form.errors


def published_feedback(page, officer=None, **fields):
    officer = officer or factories.make_user("answerer", "answer_feedback")
    item = feedback.submit(data(**fields), page=page)
    feedback.answer(item, "将于1月31日前公开。", officer)
    return feedback.publish(item, "请问年报何时公开？", "将于1月31日前公开。", officer)


# -- the form --------------------------------------------------------------------------------


def test_a_complete_message_is_valid_and_contacts_are_optional():
    assert FeedbackForm(data()).is_valid()
    assert FeedbackForm(data(name="", email="", phone="")).is_valid()


@pytest.mark.parametrize("field", ["category", "subject", "message"])
def test_required_fields(field):
    assert errors(**{field: ""})[field] == [str(REQUIRED_MESSAGE)]


@pytest.mark.parametrize("field,value", [
    ("email", "not-an-address"), ("phone", "call me"), ("phone", "1" * 31),
    ("name", "<b>李四</b>"), ("name", "张" * 101), ("subject", "题" * 201),
    ("category", "praise"), ("subject", "标题\x07"), ("message", "内容\x00"),
    ("message", "内容\ud800"),
])
def test_bad_values_are_field_errors(field, value):
    assert field in errors(**{field: value})


def test_the_message_is_bounded_by_the_setting(settings):
    settings.WAGTAIL_DISCLOSURE = {"FEEDBACK_MAX_LENGTH": 50}
    assert "message" in errors(message="字" * 51)
    form = FeedbackForm(data(message="字" * 50))
    assert form.is_valid()
    assert 'maxlength="50"' in str(form["message"])


def test_script_in_a_message_is_kept_as_text():
    text = "<script>alert(1)</script> 页面 <b>显示</b> 错误"
    form = FeedbackForm(data(subject="<img src=x onerror=alert(1)>", message=text))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == text


def test_the_honeypot_refuses_the_form():
    form = FeedbackForm(data(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert not form.is_valid()
    assert form.non_field_errors()


def fake_captcha(request, data):
    if data.get("captcha") != "ok":
        raise ValidationError("验证码错误。", code="captcha")


def test_the_captcha_validator_is_called(settings):
    settings.WAGTAIL_DISCLOSURE = {"CAPTCHA_VALIDATOR": f"{__name__}.fake_captcha"}
    assert "验证码错误。" in FeedbackForm(data()).non_field_errors()
    assert FeedbackForm(data(captcha="ok")).is_valid()


# -- the page --------------------------------------------------------------------------------


def test_sending_stores_then_redirects_to_the_thank_you_page(client, feedback_page):
    response = client.post(feedback_page.url, data())
    assert response.status_code == 302
    location = response["Location"]
    assert location.endswith("/sent/")
    for value in PERSONAL.values():  # no personal data in the URL
        assert value not in location
    stored = Feedback.objects.get()
    assert (stored.page_id, stored.status, stored.email) == (feedback_page.pk, "new",
                                                             PERSONAL["email"])
    assert stored.reference.startswith(f"YJ{timezone.localdate().year}-")
    assert stored.received_at is not None and stored.answered_at is None
    thanks = client.get(location)
    assert thanks.status_code == 200
    assert stored.reference in thanks.content.decode()
    assert "感谢您的来信" in thanks.content.decode()
    assert thanks["Cache-Control"] == "no-store"


def test_the_thank_you_page_without_a_message_goes_back_to_the_form(client, feedback_page):
    response = client.get(feedback_page.url + "sent/")
    assert response.status_code == 302 and response["Location"] == feedback_page.url


def test_the_thank_you_page_shows_only_this_browsers_message(client, feedback_page):
    other = Client()
    other.post(feedback_page.url, data())
    session = client.session
    session[FEEDBACK_SESSION_KEY] = {"reference": "YJ1999-000001"}
    session.save()
    assert client.get(feedback_page.url + "sent/").status_code == 302


def test_errors_keep_what_was_typed_and_are_in_chinese(client, feedback_page):
    response = client.post(feedback_page.url, data(email="lisi-at-example", subject=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "请问2025年年报何时公开？" in html  # nothing lost
    assert 'value="lisi-at-example"' in html
    assert 'href="#id_subject"' in html and 'href="#id_email"' in html  # the summary links
    assert 'aria-describedby="id_email-error id_email-help"' in html
    with translation.override("zh-hans"):
        assert str(EmailValidator.message) in html  # Django's own Chinese message
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(EmailValidator.message))
    assert not Feedback.objects.exists()


def test_script_is_escaped_everywhere_it_is_shown(client, feedback_page):
    response = client.post(feedback_page.url, data(subject="", message="<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    officer = factories.make_user("answerer", "answer_feedback")
    item = feedback.submit(data(message="<script>alert(1)</script>"), page=feedback_page)
    feedback.answer(item, "<b>答复</b>", officer)
    feedback.publish(item, "<script>alert(2)</script>", "<b>答复</b>", officer)
    page_html = client.get(feedback_page.url).content.decode()
    assert "<script>alert(2)</script>" not in page_html and "<b>答复</b>" not in page_html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page_html


def test_a_huge_message_is_a_field_error_not_a_500(client, feedback_page):
    response = client.post(feedback_page.url, data(message="长" * 500_000))
    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert not Feedback.objects.exists()


def test_the_rate_limit_refuses_with_429_and_keeps_the_text(client, feedback_page, settings):
    settings.WAGTAIL_DISCLOSURE = {"FEEDBACK_RATE_LIMIT": "2/hour"}
    for _ in range(2):
        assert client.post(feedback_page.url, data()).status_code == 302
    refused = client.post(feedback_page.url, data(message="第三条留言"))
    assert refused.status_code == 429
    assert "第三条留言" in refused.content.decode()
    assert Feedback.objects.count() == 2


def test_the_honeypot_on_the_page_stores_nothing(client, feedback_page):
    response = client.post(feedback_page.url, data(**{HONEYPOT_FIELD: "x"}))
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_csrf_is_required(feedback_page):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(feedback_page.url, data()).status_code == 403
    form = strict.get(feedback_page.url)
    token = form.cookies[django_settings.CSRF_COOKIE_NAME].value
    assert strict.post(feedback_page.url, {**data(), "csrfmiddlewaretoken": token}
                       ).status_code == 302


def test_stored_before_a_failing_mail_server(client, feedback_page,
                                             django_capture_on_commit_callbacks):
    factories.make_user("answerer", "answer_feedback")
    with override_settings(EMAIL_BACKEND="tests.test_gov_feedback_admin.FailingBackend"), \
            django_capture_on_commit_callbacks(execute=True):
        response = client.post(feedback_page.url, data())
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_staff_are_told_of_new_feedback_without_its_content(client, feedback_page,
                                                            django_capture_on_commit_callbacks):
    factories.make_user("answerer", "answer_feedback")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(feedback_page.url, data())
    assert len(mail.outbox) == 1
    note = mail.outbox[0]
    assert note.to == ["answerer@agency.example"]
    assert Feedback.objects.get().reference in note.subject
    for value in (*PERSONAL.values(), "年报何时公开"):
        assert value not in note.subject + note.body


# -- the published questions and answers ---------------------------------------------------


def test_the_page_lists_published_answers_without_personal_data(client, feedback_page):
    shown = published_feedback(feedback_page)
    unpublished = feedback.submit(data(subject="未公开的留言"), page=feedback_page)
    html = client.get(feedback_page.url).content.decode()
    assert "请问年报何时公开？" in html and "将于1月31日前公开。" in html
    assert shown.reference in html and unpublished.reference not in html
    received = timezone.localtime(shown.received_at).date()
    assert f"{received.year}年{received.month}月{received.day}日" in html
    for value in PERSONAL.values():
        assert value not in html


def test_the_listing_is_paginated_with_bounded_page_numbers(client, feedback_page, settings):
    settings.WAGTAIL_DISCLOSURE = {"PAGE_SIZE": 2}
    officer = factories.make_user("answerer", "answer_feedback")
    for n in range(5):
        published_feedback(feedback_page, officer, subject=f"留言{n}")
    first = client.get(feedback_page.url)
    assert first.content.decode().count('data-testid="feedback-entry"') == 2
    for number in ("3", "999999999", "9" * 5000, "-1", "abc", "1e9"):
        response = client.get(feedback_page.url, {"page": number})
        assert response.status_code == 200, number
        assert response.content.decode().count('data-testid="feedback-entry"') >= 1
    assert client.get(feedback_page.url, {"page": "999999999"}).context["page_obj"].number == 3


def test_unpublishing_removes_it_from_the_page(client, feedback_page):
    shown = published_feedback(feedback_page)
    feedback.unpublish(shown, None)
    assert "请问年报何时公开？" not in client.get(feedback_page.url).content.decode()


# -- the page API ----------------------------------------------------------------------------


def _flat(data):
    return {**data, **data.get("fields", {})} if isinstance(data, dict) else {}


def test_the_api_has_only_the_published_answers(client, feedback_page):
    shown = published_feedback(feedback_page)
    feedback.submit(data(subject="未公开的留言", message="秘密内容"), page=feedback_page)
    urls = [f"/api/v2/pages/{feedback_page.pk}/"]
    if getattr(django_settings, "HAS_API_V3", False):
        urls.append(f"/api/v3/pages/{feedback_page.pk}/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        entries = _flat(response.json())["published_questions"]
        assert [e["reference"] for e in entries] == [shown.reference]
        assert entries[0]["question"] == "请问年报何时公开？"
        assert entries[0]["answered_on"] == timezone.localdate().isoformat()
        for secret in (*PERSONAL.values(), "未公开的留言", "秘密内容", "年报何时公开\"",
                       "请问2025年年报何时公开"):
            assert secret not in body, (url, secret)
    listing = client.get("/api/v2/pages/", {"type": "wagtail_disclosure.FeedbackPage",
                                            "fields": "*"}).content.decode()
    for value in PERSONAL.values():
        assert value not in listing


# -- the clock -------------------------------------------------------------------------------


def test_add_months_clamps_to_the_end_of_the_month():
    assert feedback.add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)
    assert feedback.add_months(datetime.date(2023, 11, 30), 3) == datetime.date(2024, 2, 29)
    assert feedback.add_months(datetime.date(2025, 1, 15), -3) == datetime.date(2024, 10, 15)


def test_the_overdue_query_agrees_with_the_clock_on_every_day():
    """For receipts on each day of two years and a few todays, the database query and the pure
    clock agree (the month ends and the leap day included)."""
    start = datetime.date(2023, 10, 1)
    tz = timezone.get_current_timezone()
    rows = [Feedback(reference=f"T{n}", subject="s", message="m",
                     received_at=datetime.datetime.combine(
                         start + datetime.timedelta(days=n), datetime.time(23, 59), tz))
            for n in range(400)]
    Feedback.objects.bulk_create(rows)
    for today in (datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
                  for n in range(0, 366, 1)):
        by_query = set(feedback.overdue(today=today).values_list("reference", flat=True))
        by_clock = {row.reference for row in Feedback.objects.all()
                    if feedback.days_left(row, today) < 0}
        assert by_query == by_clock, today


# -- Wagtail's page assertions -------------------------------------------------------------

from home.models import HomePage  # noqa: E402
from wagtail.coreutils import get_dummy_request  # noqa: E402
from wagtail.test.utils import WagtailPageTestCase  # noqa: E402

from wagtail_disclosure.models import DisclosureColumnPage, DisclosureIndexPage  # noqa: E402


class FeedbackPageTests(WagtailPageTestCase):
    def setUp(self):
        self.section = factories.section()
        self.page = self.section.add_child(instance=FeedbackPage(title="意见箱", slug="yjx"))
        self.dummy_request = get_dummy_request()

    def test_allowed_parents_and_children(self):
        self.assertAllowedParentPageTypes(FeedbackPage, {DisclosureIndexPage})
        self.assertAllowedSubpageTypes(FeedbackPage, set())
        self.assertCanCreateAt(DisclosureIndexPage, FeedbackPage)
        self.assertCanNotCreateAt(DisclosureColumnPage, FeedbackPage)
        self.assertCanNotCreateAt(HomePage, FeedbackPage)

    def test_routable_renderable_previewable(self):
        self.assertPageIsRoutable(self.page)
        self.assertPageIsRenderable(self.page)
        self.assertPageIsRoutable(self.page, "sent/")
        response = self.page.make_preview_request(preview_mode=self.page.default_preview_mode)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="message"')
        self.assertPageIsPreviewable(self.page)
