"""Anonymous input that once gave a 500 (issue 11): each now gets a 4xx with a clear message
and stores nothing. Run on SQLite and on PostgreSQL (the NUL byte and the 2⁶³ id differ there).
"""

import json

import pytest
from django.core.cache import cache

from tests import factories
from wagtail_disclosure.requests.models import InformationRequest, RequestAttachment

pytestmark = pytest.mark.django_db

SUBMIT = "/api/disclosure/requests/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HUGE_IDS = [2**63, 2**63 - 1 + 10, 10**30, -(2**63) - 1]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def page():
    return factories.request_form_page()


def body(**overrides):
    data = factories.request_data(consent=True)
    data.update(overrides)
    return data


def post_json(client, payload):
    raw = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(SUBMIT, raw, content_type="application/json",
                       HTTP_ACCEPT_LANGUAGE="zh-hans")


def assert_clear_4xx(response, status=422):
    assert response.status_code == status, response.content[:500]
    data = response.json()
    messages = [m for ms in data.get("errors", {}).values() for m in ms]
    assert messages or data.get("detail"), data
    return data


def test_deeply_nested_json_is_refused(client, page):
    for depth in (50, 100_000):
        raw = '{"name": ' + "[" * depth + "]" * depth + "}"
        data = assert_clear_4xx(post_json(client, raw))
        assert data["errors"]["__all__"]
    assert not InformationRequest.objects.exists()


def test_deep_nesting_inside_an_attachment_is_refused(client, page):
    raw = json.dumps(body())[:-1] + ', "extra": ' + "{\"a\":" * 5000 + "1" + "}" * 5000 + "}"
    assert_clear_4xx(post_json(client, raw))
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("field", ["name", "description", "address", "purpose", "email"])
def test_a_lone_surrogate_in_a_text_field_is_a_field_error(client, page, field):
    raw = json.dumps(body(**{field: "张\ud800三"}))  # json.dumps writes it as \ud800
    assert "\\ud800" in raw
    data = assert_clear_4xx(post_json(client, raw))
    assert data["errors"][field]
    assert "字符" in data["errors"][field][0]
    assert not InformationRequest.objects.exists()


def test_a_lone_surrogate_in_an_attachment_name_is_refused(client, page):
    import base64

    attachment = {"name": "\udc00身份证.pdf", "content_base64": base64.b64encode(PDF).decode()}
    data = assert_clear_4xx(post_json(client, json.dumps(body(attachments=[attachment]))))
    assert data["errors"]["attachments"]
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_a_page_id_out_of_range_is_a_field_error(client, page, huge):
    data = assert_clear_4xx(post_json(client, body(page=huge)))
    assert data["errors"]["page"]
    response = client.get("/api/disclosure/requests/schema", {"page": huge})
    assert response.status_code in (404, 422), response.content[:300]
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_catalogue_endpoints_with_an_id_out_of_range_are_404(client, huge):
    for url in (f"/api/disclosure/columns/{huge}/items", f"/api/disclosure/columns/{huge}/filters"):
        response = client.get(url)
        assert response.status_code in (404, 422), (url, response.content[:300])


@pytest.mark.parametrize("huge", [str(2**63), str(10**30)])
def test_page_apis_with_an_id_out_of_range_are_404(client, huge, settings):
    factories.section()
    for url in (f"/api/v2/pages/{huge}/", f"/api/v2/pages/?child_of={huge}",
                f"/api/v2/pages/?descendant_of={huge}", f"/api/v2/images/{huge}/",
                f"/api/v2/documents/{huge}/", f"/api/v2/pages/?id={huge}",
                f"/api/v2/pages/?offset={huge}", f"/api/v2/pages/?limit={huge}",
                f"/api/v2/documents/?offset={huge}", f"/api/v3/pages/?offset={huge}",
                f"/api/v3/pages/{huge}/", f"/api/v3/pages/?child_of={huge}",
                f"/api/v3/images/?offset={huge}", f"/api/v3/documents/?offset={huge}"):
        response = client.get(url)
        assert response.status_code < 500, (url, response.content[:300])
        if "offset" in url and not (url.startswith("/api/v3/") and not settings.HAS_API_V3):
            assert response.status_code == 400, url
            assert "offset" in response.json().get("message", response.json().get("detail", ""))


def test_a_nul_byte_in_an_attachment_name_is_cleaned_or_refused(client, page):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = factories.request_data(consent="on")
    data["attachments"] = SimpleUploadedFile("id\x00card.pdf", PDF, content_type="application/pdf")
    response = client.post(page.url, data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        attachment = RequestAttachment.objects.get()
        assert "\x00" not in attachment.original_name
        assert attachment.original_name.endswith(".pdf")
    else:
        assert not InformationRequest.objects.exists()


def test_a_nul_byte_in_an_api_attachment_name_is_cleaned_or_refused(client, page):
    import base64

    attachment = {"name": "id\x00card.pdf", "content_base64": base64.b64encode(PDF).decode()}
    response = post_json(client, body(attachments=[attachment]))
    assert response.status_code in (201, 422), response.content[:300]
    for stored in RequestAttachment.objects.all():
        assert "\x00" not in stored.original_name


# -- file names that arrive GBK-encoded ------------------------------------------------------

UPLOAD_HANDLERS = ["wagtail_disclosure.requests.uploads.LegacyFileNameUploadHandler",
                   "django.core.files.uploadhandler.MemoryFileUploadHandler",
                   "django.core.files.uploadhandler.TemporaryFileUploadHandler"]


def multipart_with_raw_filename(fields, raw_filename, content=PDF):
    from django.test.client import BOUNDARY, encode_multipart

    body = encode_multipart(BOUNDARY, fields)
    part = (f"--{BOUNDARY}\r\n".encode()
            + b'Content-Disposition: form-data; name="attachments"; filename="' + raw_filename
            + b'"\r\nContent-Type: application/pdf\r\n\r\n' + content + b"\r\n")
    end = f"--{BOUNDARY}--\r\n".encode()
    return body[: body.rindex(end)] + part + end, f"multipart/form-data; boundary={BOUNDARY}"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8"])
@pytest.mark.parametrize("installed_by", ["middleware", "FILE_UPLOAD_HANDLERS"])
def test_a_file_name_in_gbk_arrives_decoded(client, page, settings, encoding, installed_by):
    if installed_by == "FILE_UPLOAD_HANDLERS":
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RequestFormUploadGuard" not in m]
        settings.FILE_UPLOAD_HANDLERS = UPLOAD_HANDLERS
    raw, content_type = multipart_with_raw_filename(
        factories.request_data(consent="on"), "孙某身份证.pdf".encode(encoding))
    response = client.generic("POST", page.url, raw, content_type=content_type)
    assert response.status_code == 302
    attachment = RequestAttachment.objects.get()
    assert attachment.original_name == "孙某身份证.pdf"
    assert attachment.file.read() == PDF


def test_without_the_handler_django_drops_a_gbk_named_file(client, page, settings):
    """Why the handler exists: Django alone skips the part's header and loses the file."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RequestFormUploadGuard" not in m]
    raw, content_type = multipart_with_raw_filename(
        factories.request_data(consent="on"), "孙某身份证.pdf".encode("gbk"))
    client.generic("POST", page.url, raw, content_type=content_type)
    assert not RequestAttachment.objects.exists()


def test_an_undecodable_file_name_keeps_the_file(client, page):
    raw, content_type = multipart_with_raw_filename(
        factories.request_data(consent="on"), b"\xff\xfe\xfa.pdf")
    response = client.generic("POST", page.url, raw, content_type=content_type)
    assert response.status_code == 302
    attachment = RequestAttachment.objects.get()
    assert attachment.original_name.endswith(".pdf")
    assert attachment.file.read() == PDF


@pytest.mark.parametrize("read_size", [1, 7, 100, 64 * 1024])
def test_the_transcoding_stream_changes_headers_only(read_size):
    import io

    from wagtail_disclosure.requests.uploads import HeaderTranscodingStream

    boundary = b"XyZ"
    # File content that looks like a header and holds GBK bytes must come through unchanged.
    content = (b"\r\nContent-Disposition: form-data; filename=\"" + "假".encode("gbk")
               + b"\"\r\n\r\n" + bytes(range(256)) * 40)
    body = (b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\""
            + "文件.pdf".encode("gbk") + b"\"\r\nContent-Type: application/pdf\r\n\r\n"
            + content + b"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n"
            + "正文".encode() + b"\r\n--XyZ--\r\n")
    stream = HeaderTranscodingStream(io.BytesIO(body), boundary, chunk_size=read_size)
    out = b""
    while chunk := stream.read(read_size):
        out += chunk
    expected = body.replace("文件.pdf".encode("gbk"), "文件.pdf".encode())
    assert out == expected


# -- no file stays behind when a request is not stored -----------------------------------------


def private_files(root):
    folder = root / "disclosure_private"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_files_of_a_request_that_fails_after_the_upload_are_removed(page, tmp_path, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail_disclosure.requests import notifications, services
    from wagtail_disclosure.requests.forms import RequestForm

    form = RequestForm(factories.request_data(consent="on"), {"attachments": [
        SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)]})
    assert form.is_valid(), form.errors

    def fail(*args, **kwargs):
        assert len(private_files(tmp_path)) == 2  # both files were written by then
        raise RuntimeError("the database went away")

    monkeypatch.setattr(notifications, "notify_staff", fail)
    with pytest.raises(RuntimeError):
        services.submit(form.cleaned_data, form.cleaned_data["attachments"], page=page)
    assert not InformationRequest.objects.exists()
    assert not RequestAttachment.objects.exists()
    assert private_files(tmp_path) == []


def test_the_sweep_removes_only_old_files_no_row_points_to(page, tmp_path):
    import datetime
    import os

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.utils import timezone

    from wagtail_disclosure.requests import services
    from wagtail_disclosure.requests.forms import RequestForm
    from wagtail_disclosure.requests.retention import orphaned_files

    form = RequestForm(factories.request_data(consent="on"),
                       {"attachments": [SimpleUploadedFile("kept.pdf", PDF)]})
    assert form.is_valid(), form.errors
    services.submit(form.cleaned_data, form.cleaned_data["attachments"], page=page)
    kept = private_files(tmp_path)
    assert len(kept) == 1
    folder = tmp_path / "disclosure_private" / "2020" / "01"
    folder.mkdir(parents=True)
    old, young = folder / "old.pdf", folder / "young.pdf"
    for path in (old, young):
        path.write_bytes(PDF)
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(old, (two_days_ago, two_days_ago))
    os.utime(kept[0], (two_days_ago, two_days_ago))  # old, but a row points to it
    assert orphaned_files() == ["disclosure_private/2020/01/old.pdf"]
    call_command("anonymise_requests", stdout=open(os.devnull, "w"))
    assert private_files(tmp_path) == sorted([kept[0], young])
