"""Uploads are not read before the rate-limit check.

Django parses a multipart body (writing files over 2.5 MB to temporary files) the first time
``request.POST`` is read, and CsrfViewMiddleware reads it before any view. So these tests use a
client that enforces CSRF: without ``RequestFormUploadGuard`` a refused client's 5 MB file is
written to a temporary file (shown below, the cause); with it, the file is dropped unread, the
form re-renders with the 429 error and the typed text, and nothing is stored."""

from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.conf.urls.i18n import i18n_patterns
from django.core.files import uploadhandler
from django.core.files.uploadedfile import SimpleUploadedFile
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client, RequestFactory, override_settings
from django.urls import include, path
from django.utils import translation
from wagtail import urls as wagtail_urls

from tests import factories
from wagtail_disclosure.checks import check_upload_guard
from wagtail_disclosure.middleware import (
    MIDDLEWARE_PATH,
    DiscardUploadsHandler,
    RequestFormUploadGuard,
    is_request_form_url,
)
from wagtail_disclosure.models import InformationRequest, RequestAttachment
from wagtail_disclosure.requests import ratelimit

pytestmark = pytest.mark.django_db

CSRF = "django.middleware.csrf.CsrfViewMiddleware"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIVE_MB = PDF + b"0" * (5 * 1024 * 1024)
LIMIT = {"SUBMIT_RATE_LIMIT": "1/hour"}

# A URLconf with a language prefix, as a site using i18n_patterns has.
urlpatterns = i18n_patterns(path("", include(wagtail_urls)))


def _middleware(with_guard=True):
    middleware = [m for m in django_settings.MIDDLEWARE if m != MIDDLEWARE_PATH]
    if with_guard:
        middleware.insert(middleware.index(CSRF), MIDDLEWARE_PATH)
    return middleware


@pytest.fixture
def page(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = None
    return factories.request_form_page()


@pytest.fixture
def spy():
    """Records every temporary upload file and every in-memory upload Django makes."""
    made = []

    class CountingTemporaryUploadedFile(uploadhandler.TemporaryUploadedFile):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(("temporary", self.temporary_file_path()))

    class CountingInMemoryUploadedFile(uploadhandler.InMemoryUploadedFile):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(("memory", self.name))

    with mock.patch.object(uploadhandler, "TemporaryUploadedFile",
                           CountingTemporaryUploadedFile), \
            mock.patch.object(uploadhandler, "InMemoryUploadedFile",
                              CountingInMemoryUploadedFile):
        yield made


def _csrf_client(page):
    """A browser that has the form page open. (The client's handler loads MIDDLEWARE on its
    first request: make it inside the settings under test.)"""
    client = Client(enforce_csrf_checks=True)
    client.get(page.get_url())
    return client, client.cookies[django_settings.CSRF_COOKIE_NAME].value


def _exhaust(address="127.0.0.1"):
    ratelimit.hit(RequestFactory().post("/", REMOTE_ADDR=address), "submit",
                  LIMIT["SUBMIT_RATE_LIMIT"])


def _data(token, content=FIVE_MB):
    return {**factories.request_data(description="区供销社2024年度农资储备资金使用情况说明"),
            "csrfmiddlewaretoken": token,
            "attachments": SimpleUploadedFile("身份证.pdf", content,
                                              content_type="application/pdf")}


def _assert_refused_with_the_typed_text(response, media_root):
    assert response.status_code == 429
    html = response.content.decode()
    assert "您所在网络提交的申请过多" in html  # the rate-limit error, in Chinese
    assert "区供销社2024年度农资储备资金使用情况说明" in html  # the typed text comes back
    assert 'value="张三"' in html and 'value="13800138000"' in html
    assert not InformationRequest.objects.exists()
    assert not RequestAttachment.objects.exists()
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_an_exhausted_client_s_5_mb_upload_is_dropped_unread(page, settings, spy):
    _exhaust()
    discarded = []
    real_new_file = DiscardUploadsHandler.new_file

    def recording_new_file(self, *args, **kwargs):
        discarded.append(args[1])  # the file name
        return real_new_file(self, *args, **kwargs)

    with override_settings(MIDDLEWARE=_middleware(), WAGTAIL_DISCLOSURE=LIMIT), \
            mock.patch.object(DiscardUploadsHandler, "new_file", recording_new_file):
        client, token = _csrf_client(page)
        response = client.post(page.get_url(), _data(token))
    _assert_refused_with_the_typed_text(response, settings.MEDIA_ROOT)
    assert discarded == ["身份证.pdf"]  # the discarding handler got the file
    assert spy == []  # no temporary file, no copy in memory


def test_without_the_guard_csrf_middleware_writes_the_upload_to_a_temporary_file(
        page, settings, spy):
    """The cause, and the proof that the test above can fail."""
    _exhaust()
    with override_settings(MIDDLEWARE=_middleware(with_guard=False), WAGTAIL_DISCLOSURE=LIMIT):
        client, token = _csrf_client(page)
        response = client.post(page.get_url(), _data(token))
    _assert_refused_with_the_typed_text(response, settings.MEDIA_ROOT)
    assert [kind for kind, _ in spy] == ["temporary"]


def test_the_view_checks_the_limit_before_it_reads_the_body(page, settings, spy):
    """Where nothing parsed the body before the view (no CSRF middleware reading it), the form
    view itself counts the attempt first and drops the files unread."""
    _exhaust()
    with override_settings(MIDDLEWARE=_middleware(with_guard=False), WAGTAIL_DISCLOSURE=LIMIT):
        response = Client().post(page.get_url(), _data("unused"))
    _assert_refused_with_the_typed_text(response, settings.MEDIA_ROOT)
    assert spy == []


def test_a_client_within_the_limit_submits_its_files_through_the_guard(page, settings):
    with override_settings(MIDDLEWARE=_middleware(), WAGTAIL_DISCLOSURE=LIMIT):
        client, token = _csrf_client(page)
        response = client.post(page.get_url(), _data(token, content=PDF))
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = RequestAttachment.objects.get()
    assert attachment.original_name == "身份证.pdf" and attachment.size == len(PDF)


def test_files_dropped_by_the_guard_refuse_the_submission_even_if_the_window_turned(
        page, settings):
    """The guard saw the client over the limit; by the time the view counts, a new window may
    have begun: the request must still not be stored without its files."""
    with override_settings(MIDDLEWARE=_middleware(), WAGTAIL_DISCLOSURE=LIMIT), \
            mock.patch.object(ratelimit, "exhausted", return_value=True):
        client, token = _csrf_client(page)
        response = client.post(page.get_url(), _data(token, content=PDF))
    _assert_refused_with_the_typed_text(response, settings.MEDIA_ROOT)


def test_the_guard_peeks_and_leaves_other_requests_alone(page):
    factory = RequestFactory()
    seen = []
    guard = RequestFormUploadGuard(lambda request: seen.append(request.upload_handlers) or 1)
    url = page.get_url()
    multipart = factory.post(url, {"name": "张三", "attachments": SimpleUploadedFile(
        "a.pdf", PDF)})
    with override_settings(WAGTAIL_DISCLOSURE=LIMIT):
        guard(multipart)  # within the limit: Django's handlers
        assert not any(isinstance(h, DiscardUploadsHandler) for h in seen[-1])
        _exhaust()
        urlencoded = factory.post(url, "name=x", content_type="application/x-www-form-urlencoded")
        guard(urlencoded)
        assert not any(isinstance(h, DiscardUploadsHandler) for h in seen[-1])
        guard(factory.post(url + "track/", {"a": SimpleUploadedFile("a.pdf", PDF)}))
        assert not any(isinstance(h, DiscardUploadsHandler) for h in seen[-1])
        guard(factory.post(url, {"a": SimpleUploadedFile("a.pdf", PDF)}))
        assert [type(h) for h in seen[-1]] == [DiscardUploadsHandler]
        # peeking did not count: the client's count is still the one attempt
        assert ratelimit.hit(factory.post("/"), "submit", "2/hour")
        assert not ratelimit.hit(factory.post("/"), "submit", "2/hour")


def test_the_form_url_is_recognised_with_one_page_query(page, django_assert_max_num_queries):
    factory = RequestFactory()
    url = page.get_url()
    with django_assert_max_num_queries(2):  # the site (cached on the request) and the page
        assert is_request_form_url(factory.post(url))
    assert not is_request_form_url(factory.post(url + "track/"))
    assert not is_request_form_url(factory.post("/admin/"))
    assert not is_request_form_url(factory.post("/no/such/page/"))
    assert not is_request_form_url(factory.post(page.get_parent().url))  # the section
    page.unpublish()
    assert not is_request_form_url(factory.post(url))


def test_the_form_url_is_recognised_behind_a_language_prefix(page):
    request = RequestFactory().post(f"/zh-hans{page.get_url()}")
    request.urlconf = __name__
    with translation.override("zh-hans"):
        assert is_request_form_url(request)
        request = RequestFactory().post(f"/zh-hans{page.get_url()}track/")
        request.urlconf = __name__
        assert not is_request_form_url(request)


class MyCsrfMiddleware(CsrfViewMiddleware):
    pass


# -- W106 ----------------------------------------------------------------------------------


def test_the_guard_before_csrf_passes():
    with override_settings(MIDDLEWARE=_middleware()):
        assert check_upload_guard() == []


def test_a_missing_guard_is_w106():
    with override_settings(MIDDLEWARE=_middleware(with_guard=False)):
        warnings = check_upload_guard()
    assert [w.id for w in warnings] == ["wagtail_disclosure.W106"]
    assert "is not in MIDDLEWARE" in warnings[0].msg and CSRF in warnings[0].hint


def test_a_guard_after_csrf_is_w106():
    middleware = _middleware(with_guard=False)
    middleware.insert(middleware.index(CSRF) + 1, MIDDLEWARE_PATH)
    with override_settings(MIDDLEWARE=middleware):
        warnings = check_upload_guard()
    assert [w.id for w in warnings] == ["wagtail_disclosure.W106"]
    assert "comes after the CSRF middleware" in warnings[0].msg


def test_a_csrf_middleware_subclass_counts_as_csrf():
    middleware = [m for m in _middleware(with_guard=False) if m != CSRF]
    middleware += ["tests.test_upload_guard.MyCsrfMiddleware", MIDDLEWARE_PATH]
    with override_settings(MIDDLEWARE=middleware):
        assert [w.id for w in check_upload_guard()] == ["wagtail_disclosure.W106"]
