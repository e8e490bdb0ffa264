"""The JSON API of information requests (wagtail_disclosure/api/requests.py)."""

import base64
import datetime
import json
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from tests import factories
from wagtail_disclosure.requests import services, tracking
from wagtail_disclosure.requests.forms import HONEYPOT_FIELD, RequestForm
from wagtail_disclosure.requests.models import InformationRequest, RequestLetter

pytestmark = pytest.mark.django_db

BASE = "/api/disclosure/"
SUBMIT = BASE + "requests/"
SCHEMA = BASE + "requests/schema"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ORIGIN = "https://app.example.gov.cn"


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page():
    return factories.request_form_page()


def body(**overrides):
    """A valid JSON body: the HTML form's data with a JSON boolean for consent."""
    data = factories.request_data(consent=True)
    data.update(overrides)
    return data


def post(client, data, **extra):
    payload = data if isinstance(data, (str, bytes)) else json.dumps(data)
    extra.setdefault("CONTENT_TYPE", "application/json")  # the test client drops it if empty
    return client.post(SUBMIT, payload, content_type="application/json", **extra)


def b64(content):
    return base64.b64encode(content).decode()


def track(client, number, code=None, via="header", **extra):
    if via == "header":
        return client.get(f"{SUBMIT}{number}", HTTP_X_ACCESS_CODE=code or "", **extra)
    return client.get(f"{SUBMIT}{number}", {"access_code": code or ""}, **extra)


# -- the schema ------------------------------------------------------------------------------


def test_schema_lists_every_field_with_choices(client, page):
    response = client.get(SCHEMA, {"page": page.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data = response.json()
    fields = {f["name"]: f for f in data["fields"]}
    expected = set(RequestForm().fields) - {HONEYPOT_FIELD}
    assert set(fields) == expected
    assert data["honeypot_field"] == HONEYPOT_FIELD
    assert fields["applicant_type"]["type"] == "choice"
    assert fields["applicant_type"]["required"] is True
    assert {"value": "natural_person", "label": "Natural person"} in (
        fields["applicant_type"]["choices"])
    assert fields["id_type"]["choices"][0]["value"] == "resident_id"  # no blank choice
    assert {c["value"] for c in fields["delivery"]["choices"]} == {
        "post", "email", "collect", "on_site"}
    assert fields["name"] == {
        "name": "name", "type": "string", "required": True, "label": "Name",
        "help_text": "Your full name, or the organisation's full name.", "max_length": 200,
        "choices": None}
    assert fields["consent"]["type"] == "boolean" and fields["consent"]["required"]
    assert fields["attachments"]["type"] == "files"
    assert fields["email"]["type"] == "email"
    assert data["page"]["id"] == page.pk
    assert data["page"]["url"].endswith(page.url)
    assert "申请获取政府信息" in data["intro"]
    assert "个人信息" in data["privacy_notice"]
    assert data["attachments"] == {"max_files": 5, "max_bytes": 10 * 1024 * 1024,
                                   "types": ["pdf", "jpeg", "png"],
                                   "extensions": [".pdf", ".jpg", ".jpeg", ".png"]}
    assert data["periods"]["reply_working_days"] == 20
    assert data["periods"]["correction_notice_working_days"] == 7
    assert data["periods"]["max_extension_working_days"] == 20


def test_schema_without_page_uses_first_live_page_or_is_empty(client):
    data = client.get(SCHEMA).json()
    assert data["page"] is None and data["intro"] == "" and data["privacy_notice"] == ""
    assert data["fields"]  # the form is there even without a page
    page = factories.request_form_page()
    data = client.get(SCHEMA).json()
    assert data["page"]["id"] == page.pk
    assert "申请获取政府信息" in data["intro"]


def test_schema_page_parameter_errors(client, page):
    response = client.get(SCHEMA, {"page": page.pk + 1000})
    assert response.status_code == 404
    assert "detail" in response.json()
    response = client.get(SCHEMA, {"page": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json() == {"errors": {"page": ["Enter a whole number."]}}


# -- submitting ------------------------------------------------------------------------------


def test_valid_post_stores_the_request(client, page):
    response = post(client, body(attachments=[{"name": "id.pdf", "content_base64": b64(PDF)}]))
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"tracking_number", "access_code", "received_on", "due_on",
                         "due_provisional", "status"}
    assert response["Cache-Control"] == "no-store"
    request_obj = tracking.find_request(data["tracking_number"], data["access_code"])
    assert request_obj is not None
    assert request_obj.name == "张三" and request_obj.channel == "online"
    assert request_obj.request_page_id == page.pk
    assert request_obj.consent_given_at is not None
    assert data["received_on"] == request_obj.received_on.isoformat()
    assert data["due_on"] == request_obj.due_on.isoformat()
    assert data["status"] == "received"
    attachment = request_obj.attachments.get()
    assert attachment.original_name == "id.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.file.read() == PDF


def test_data_url_attachment_and_explicit_page(client, page):
    attachment = {"name": "scan.pdf", "content_base64": "data:application/pdf;base64," + b64(PDF)}
    response = post(client, body(attachments=[attachment], page=page.pk))
    assert response.status_code == 201, response.content
    request_obj = InformationRequest.objects.get()
    assert request_obj.attachments.count() == 1


VALID_CODE_ORG = {"applicant_type": "organisation", "organisation_kind": "business",
                  "name": "某某科技有限公司", "legal_representative": "李四", "id_type": "",
                  "id_number": ""}
HTML_AS_JPG = {"name": "photo.jpg",
               "content_base64": b64(b"<html><script>alert(1)</script></html>")}


@pytest.mark.parametrize(("overrides", "field"), [
    pytest.param({"id_number": "110105194912310021"}, "id_number", id="id-checksum"),
    pytest.param({**VALID_CODE_ORG, "organisation_code": "91350100M000100Y44"},
                 "organisation_code", id="credit-code"),
    pytest.param({"name": ""}, "name", id="missing-name"),
    pytest.param({"name": 123}, "name", id="name-is-number"),
    pytest.param({"description": ["a", "b"]}, "description", id="description-is-list"),
    pytest.param({"consent": "maybe"}, "consent", id="consent-maybe"),
    pytest.param({"consent": False}, "consent", id="consent-false"),
    pytest.param({"attachments": [HTML_AS_JPG]}, "attachments", id="html-renamed-jpg"),
    pytest.param({"attachments": [{"name": "id.pdf", "content_base64": "%%%not base64"}]},
                 "attachments", id="bad-base64"),
    pytest.param({"attachments": {"name": "id.pdf"}}, "attachments", id="attachments-not-list"),
    pytest.param({"attachments": [{"content_base64": b64(PDF)}]}, "attachments",
                 id="attachment-without-name"),
    pytest.param({"description": "<script>alert(1)</script>"}, "description", id="script"),
    pytest.param({HONEYPOT_FIELD: "http://spam.example"}, "__all__", id="honeypot"),
    pytest.param({"page": 999999}, "page", id="unknown-page"),
    pytest.param({"page": "1"}, "page", id="page-not-integer"),
])
def test_invalid_input_is_422_and_nothing_is_stored(client, page, overrides, field):
    before = InformationRequest.objects.count()
    response = post(client, body(**overrides), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert errors.get(field), errors
    assert all(isinstance(m, str) and m for messages in errors.values() for m in messages)
    assert InformationRequest.objects.count() == before


def test_wrong_json_type_says_so_rather_than_required(client, page):
    response = post(client, body(name=123, consent="maybe"), HTTP_ACCEPT_LANGUAGE="en")
    errors = response.json()["errors"]
    assert errors["name"] == ["Enter text (a JSON string)."]
    assert errors["consent"] == ["Enter true or false."]


def test_credit_code_and_id_messages_come_from_the_form(client, page):
    response = post(client, body(id_number="110105194912310021"), HTTP_ACCEPT_LANGUAGE="en")
    assert "check digit" in response.json()["errors"]["id_number"][0]
    response = post(client, body(**VALID_CODE_ORG, organisation_code="91350100M000100Y43"))
    assert response.status_code == 201, response.content  # the valid code is accepted


@pytest.mark.parametrize(("payload", "message"), [
    pytest.param(b"[1, 2]", "must be a JSON object", id="list"),
    pytest.param(b'"text"', "must be a JSON object", id="string"),
    pytest.param(b"null", "must be a JSON object", id="null"),
    pytest.param(b'{"name": "x",', "not valid JSON", id="malformed"),
    pytest.param(b"", "not valid JSON", id="empty"),
    pytest.param(b"\xff\xfe{}", "not valid JSON", id="not-utf8"),
])
def test_body_that_is_not_an_object_is_422(client, page, payload, message):
    response = post(client, payload, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    data = response.json()
    assert list(data["errors"]) == ["__all__"]
    assert message in data["errors"]["__all__"][0]
    assert InformationRequest.objects.count() == 0


def test_only_json_is_accepted(client, page):
    # A form post or text/plain needs no CORS preflight: other sites could make their
    # visitors' browsers submit requests.
    response = client.post(SUBMIT, json.dumps(body()), content_type="text/plain",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 415
    assert "application/json" in response.json()["errors"]["__all__"][0]
    response = client.post(SUBMIT, factories.request_data())  # multipart form data
    assert response.status_code == 415
    assert post(client, body()).status_code == 201
    assert InformationRequest.objects.count() == 1


def test_body_larger_than_django_allows_is_413(client, page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    response = post(client, body(attachments=[{"name": "id.pdf",
                                               "content_base64": b64(PDF * 100)}]))
    assert response.status_code == 413
    assert response.json()["errors"]["__all__"]
    assert InformationRequest.objects.count() == 0
    assert client.get(SCHEMA).json()["max_body_bytes"] == 2048


def test_submit_rate_limit(client, page):
    with override_settings(WAGTAIL_DISCLOSURE={"SUBMIT_RATE_LIMIT": "2/hour"}):
        assert post(client, body()).status_code == 201
        assert post(client, body(name="")).status_code == 422  # invalid attempts count too
        response = post(client, body(), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 429
        assert "Too many requests" in response.json()["errors"]["__all__"][0]
        assert 0 < int(response["Retry-After"]) <= 3600
    assert InformationRequest.objects.count() == 1


def test_csrf_enforcing_client_can_post(page):
    client = Client(enforce_csrf_checks=True)
    response = post(client, body())
    assert response.status_code == 201, response.content


# -- tracking --------------------------------------------------------------------------------


def _submitted(client):
    data = post(client, body()).json()
    return data["tracking_number"], data["access_code"]


def test_an_access_code_in_the_address_is_refused(client, page):
    """A query parameter lands in server and proxy logs: the code is refused there, right or
    wrong, with a message that says where it goes."""
    number, code = _submitted(client)
    for sent in (code, "AAAA-BBBB-CCCC", ""):
        response = track(client, number, sent, via="query", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert "X-Access-Code header" in response.json()["detail"]
        assert "tracking_number" not in response.json()
    # also with the right code in the header as well
    both = client.get(f"{SUBMIT}{number}", {"access_code": code}, HTTP_X_ACCESS_CODE=code)
    assert both.status_code == 400
    chinese = track(client, number, code, via="query", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert chinese.json()["detail"] == "查询码不能放在网址中（网址会被写入日志），请通过 X-Access-Code 请求头发送。"


def test_track_with_the_header(client, page):
    number, code = _submitted(client)
    for via in ("header",):
        response = track(client, number, code, via=via, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, response.content
        assert response["Cache-Control"] == "no-store"
        data = response.json()
        assert data["tracking_number"] == number
        assert data["status"] == "received" and data["status_label"] == "Received"
        assert data["outcome"] is None and data["outcome_label"] is None
        assert data["due_on"] is not None
        assert data["description"] == "2024年度区供销社农资储备资金使用情况"
        # Only the acknowledgement (登记回执), stored as a letter at submission.
        assert [letter["kind"] for letter in data["letters"]] == ["acknowledgement"]
    # The code is not case- or hyphen-sensitive, and the number is trimmed (as on the page).
    assert track(client, number.lower(), code.lower().replace("-", "")).status_code == 200


def test_wrong_code_and_unknown_number_give_the_same_404(client, page):
    number, code = _submitted(client)
    wrong_code = track(client, number, "AAAA-BBBB-CCCC")
    unknown = track(client, "1999-999999", code)
    no_code = client.get(f"{SUBMIT}{number}")
    assert wrong_code.status_code == unknown.status_code == no_code.status_code == 404
    assert wrong_code.content == unknown.content == no_code.content
    assert set(wrong_code.json()) == {"detail"}
    assert wrong_code["Cache-Control"] == "no-store"


def test_track_rate_limit(client, page):
    number, code = _submitted(client)
    with override_settings(WAGTAIL_DISCLOSURE={"TRACK_RATE_LIMIT": "2/hour"}):
        assert track(client, number, "WRONG").status_code == 404
        assert track(client, number, code).status_code == 200
        response = track(client, number, code)
        assert response.status_code == 429
        assert set(response.json()) == {"detail"}


def test_tracking_answer_has_letters_but_no_personal_data(client, page, admin_user):
    number, code = _submitted(client)
    request_obj = InformationRequest.objects.get(tracking_number=number)
    # A letter to a third party and an unsent draft are not the applicant's to see.
    RequestLetter.objects.create(request=request_obj, kind="consultation", title="征求意见函",
                                 body="致某公司", sent_on=timezone.localdate())
    RequestLetter.objects.create(request=request_obj, kind="closure", title="草稿",
                                 body="未发出", sent_on=None)
    services.record_reply(
        request_obj, admin_user, "partially_disclosed",
        "张三：\n您申请的信息部分公开。如有疑问请联系13800138000，身份证11010519491231002X，"
        "邮件 zhangsan@example.com，地址温州市鹿城区人民路1号。",
        documents=[SimpleUploadedFile("answer.pdf", PDF)], delivery="email")
    response = track(client, number, code, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    for personal in ("张三", "13800138000", "11010519491231002X", "zhangsan@example.com",
                     "温州市鹿城区人民路1号"):
        assert personal not in text
        assert json.dumps(personal)[1:-1] not in text  # nor \u-escaped
    data = response.json()
    assert data["status"] == "answered"
    assert data["outcome"] == "partially_disclosed"
    assert data["outcome_group"].startswith("（二）部分公开")
    assert data["outcome_label"] == data["outcome_group"]
    # The applicant's wording, as on the tracking page: no statistics counting note.
    assert data["outcome_applicant_label"] == "（二）部分公开"
    assert data["due_on"] is None  # not open any more
    assert data["answered_on"] == datetime.date.today().isoformat()
    # The acknowledgement stored at submission, then the reply.
    assert [letter["kind"] for letter in data["letters"]] == ["acknowledgement", "reply"]
    letter = data["letters"][1]
    assert letter["kind_label"] == "Reply (答复书)"
    assert "您申请的信息部分公开" in letter["body"] and "***" in letter["body"]
    assert letter["documents"][0]["title"] == "answer.pdf"
    url = letter["documents"][0]["url"]
    assert url.startswith(f"http://testserver{page.url}track/document/")
    token = urlparse(url).path.rstrip("/").rsplit("/", 1)[1]
    assert tracking.document_from_token(token).letter.kind == "reply"


def test_document_link_downloads_the_file(client, page, admin_user):
    number, code = _submitted(client)
    request_obj = InformationRequest.objects.get(tracking_number=number)
    services.record_reply(request_obj, admin_user, "disclosed", "予以公开。",
                          documents=[SimpleUploadedFile("answer.pdf", PDF)])
    letters = track(client, number, code).json()["letters"]
    url = next(letter for letter in letters
               if letter["kind"] == "reply")["documents"][0]["url"]
    download = client.get(urlparse(url).path)
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store"
    assert b"".join(download.streaming_content) == PDF


def test_closed_request_shows_official_outcome(client, page, admin_user):
    number, code = _submitted(client)
    request_obj = InformationRequest.objects.get(tracking_number=number)
    services.withdraw(request_obj, admin_user)
    data = track(client, number, code).json()
    assert data["status"] == "withdrawn"
    assert data["outcome_group"] == "（六）其他处理" and data["outcome_label"] == "3.其他"
    assert data["outcome_applicant_label"] == "（六）其他处理 3.其他"
    assert data["closed_on"] == datetime.date.today().isoformat() and data["due_on"] is None


# -- language --------------------------------------------------------------------------------


def test_accept_language_switches_the_language(client, page):
    english = post(client, body(name=""), HTTP_ACCEPT_LANGUAGE="en")
    chinese = post(client, body(name=""), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert english["Content-Language"] == "en"
    assert chinese["Content-Language"] == "zh-hans"
    assert english.json()["errors"]["name"] == ["This field is required."]
    # The request form's own wording (a pgettext context), in the request's language.
    with translation.override("zh-hans"):
        required_zh = translation.pgettext("request form", "This field is required.")
    assert required_zh == "此项为必填项。"
    assert chinese.json()["errors"]["name"] == [required_zh]
    assert "Accept-Language" in english["Vary"]
    # No Accept-Language: the site's language.
    assert client.get(SCHEMA)["Content-Language"] == "zh-hans"
    assert client.get(SCHEMA, HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"


# -- CORS ------------------------------------------------------------------------------------


@override_settings(WAGTAIL_DISCLOSURE={"API_ALLOWED_ORIGINS": [ORIGIN]})
def test_cors_allowed_origin(client, page):
    response = client.get(SCHEMA, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in response["Vary"]
    assert "Access-Control-Allow-Credentials" not in response
    response = post(client, body(name=""), HTTP_ORIGIN=ORIGIN)  # errors are readable too
    assert response.status_code == 422
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    response = post(client, body(), HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == ORIGIN


@override_settings(WAGTAIL_DISCLOSURE={"API_ALLOWED_ORIGINS": [ORIGIN]})
def test_cors_other_origins_get_no_cors_headers(client, page):
    for origin in ("https://evil.example.com", ORIGIN + ".evil.example.com", "null", "*"):
        response = client.get(SCHEMA, HTTP_ORIGIN=origin)
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response
        response = client.options(SUBMIT, HTTP_ORIGIN=origin,
                                  HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
        assert not any(h.lower().startswith("access-control-") for h in response.headers)
    assert "Access-Control-Allow-Origin" not in client.get(SCHEMA)


@override_settings(WAGTAIL_DISCLOSURE={"API_ALLOWED_ORIGINS": [ORIGIN]})
def test_cors_preflight(client, page):
    for url in (SUBMIT, SCHEMA, f"{SUBMIT}2026-000001"):
        response = client.options(url, HTTP_ORIGIN=ORIGIN,
                                  HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                                  HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type")
        assert response.status_code == 204
        assert response["Access-Control-Allow-Origin"] == ORIGIN
        assert response["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
        assert response["Access-Control-Allow-Headers"] == (
            "Content-Type, X-Access-Code, Accept-Language")
        assert response["Access-Control-Max-Age"] == "600"
        assert "Access-Control-Allow-Credentials" not in response
    assert InformationRequest.objects.count() == 0


def test_no_origins_allowed_by_default(client, page):
    response = client.options(SUBMIT, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


# -- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_document(client):
    response = client.get(BASE + "openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    paths = document["paths"]
    assert {"/api/disclosure/requests/schema", "/api/disclosure/requests/",
            "/api/disclosure/requests/{tracking_number}"} <= set(paths)
    post_op = paths["/api/disclosure/requests/"]["post"]
    schema = post_op["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["consent"] == {"type": "boolean"}
    assert schema["properties"]["name"]["maxLength"] == 200
    assert "natural_person" in schema["properties"]["applicant_type"]["enum"]
    assert {"201", "422", "429"} <= set(post_op["responses"])
    track_op = paths["/api/disclosure/requests/{tracking_number}"]["get"]
    assert "X-Access-Code" in {p["name"] for p in track_op["parameters"]}
    # No interactive docs page (it would load from a CDN).
    assert client.get(BASE + "docs", follow=True).status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("wagtail_disclosure_api:openapi-view")
