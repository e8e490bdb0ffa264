"""The public request form (RequestForm) and the request form page."""

import pytest
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils.datastructures import MultiValueDict

from tests import factories
from wagtail_disclosure.requests.forms import HONEYPOT_FIELD, RequestForm
from wagtail_disclosure.requests.models import (
    InformationRequest,
    Notification,
    RequestAttachment,
)
from wagtail_disclosure.requests.validators import resident_id_is_valid

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'

# Organisation data: a valid 统一社会信用代码 (GB 32100 check character).
ORGANISATION = {
    "applicant_type": "organisation", "organisation_kind": "business",
    "name": "某某科技有限公司", "id_type": "", "id_number": "",
    "organisation_code": factories.CREDIT_CODE, "legal_representative": "王五",
    "contact_person": "赵六",
}
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def fake_captcha(request, data):
    if data.get("captcha") != "ok":
        raise ValidationError("验证码错误。", code="captcha")


def form_for(files=None, **overrides):
    files = MultiValueDict({"attachments": list(files)}) if files is not None else None
    return RequestForm(factories.request_data(**overrides), files)


def errors_of(form):
    form.is_valid()
    return form.errors.as_data()


def error_codes(form, field):
    return [error.code for error in errors_of(form).get(field, [])]


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# -- valid requests ----------------------------------------------------------------------------


def test_valid_natural_person():
    form = form_for()
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["applicant_type"] == "natural_person"
    assert data["id_number"] == factories.RESIDENT_ID
    assert data["attachments"] == []


def test_valid_organisation():
    form = form_for(**ORGANISATION)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation_code"] == factories.CREDIT_CODE


def test_credit_code_is_normalised():
    form = form_for(**{**ORGANISATION, "organisation_code": " 91350100-m000100y43"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation_code"] == factories.CREDIT_CODE
    form = form_for(**{**ORGANISATION, "organisation_code": "9135 0100 M000 100Y 43"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation_code"] == factories.CREDIT_CODE


@pytest.mark.parametrize("field", ["organisation_kind", "organisation_code",
                                   "legal_representative"])
def test_organisation_needs_kind_code_and_legal_representative(field):
    form = form_for(**{**ORGANISATION, field: ""})
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_natural_person_needs_an_identity_document():
    assert "id_type" in errors_of(form_for(id_type=""))
    assert "id_number" in errors_of(form_for(id_number=""))


# -- identity numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x",
                                    "330302198001010019", "330302199003151231"])
def test_valid_resident_id(number):
    form = form_for(id_number=number)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_number"] == number.upper()


@pytest.mark.parametrize(("number", "code"), [
    ("110105194912310021", "checksum"),  # wrong check digit (X expected)
    ("11010519491231002Y", "format"),
    ("110105194911310028", "checksum"),  # 1949-11-31 does not exist (check digit right)
    ("110105194902300020", "checksum"),  # 1949-02-30 does not exist
    ("110105209901010012", "checksum"),  # born 2099: in the future (check digit right)
    ("110105189912310023", "checksum"),  # born 1899 (check digit right)
    ("11010519491231002", "format"),     # 17 characters
    ("1101051949123100211", "format"),   # 19 characters
])
def test_invalid_resident_id(number, code):
    form = form_for(id_number=number)
    assert not form.is_valid()
    assert error_codes(form, "id_number") == [code]
    assert list(form.errors) == ["id_number"]


def test_future_birth_date_is_not_valid():
    assert resident_id_is_valid("11010519491231002X")
    assert not resident_id_is_valid("110105209901010012")


@pytest.mark.parametrize(("id_type", "number"), [
    ("passport", "E12345678"),
    ("hk_macao_permit", "H12345678"),
    ("taiwan_permit", "12345678"),
    ("foreign_permanent", "USA110079120101"),
    ("other", "110105194912310021"),  # would fail the resident ID check digit
    ("passport", "110105194912310021"),
])
def test_other_identity_documents_are_not_checksum_checked(id_type, number):
    form = form_for(id_type=id_type, id_number=number)
    assert form.is_valid(), form.errors


# -- the unified social credit code -------------------------------------------------------------


def test_credit_code_with_a_wrong_check_character():
    form = form_for(**{**ORGANISATION, "organisation_code": "91350100M000100Y44"})
    assert not form.is_valid()
    assert error_codes(form, "organisation_code") == ["checksum"]


@pytest.mark.parametrize("position", range(18))
def test_credit_code_any_changed_character_is_invalid(position):
    code = factories.CREDIT_CODE
    replacement = USCC_ALPHABET[(USCC_ALPHABET.index(code[position]) + 7) % 31]
    changed = code[:position] + replacement + code[position + 1:]
    assert changed != code
    form = form_for(**{**ORGANISATION, "organisation_code": changed})
    assert not form.is_valid()
    assert list(form.errors) == ["organisation_code"]


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y430", "91350100M00010OY43"])
def test_credit_code_of_wrong_shape(code):
    form = form_for(**{**ORGANISATION, "organisation_code": code})
    assert not form.is_valid()
    assert list(form.errors) == ["organisation_code"]


# -- contact and delivery ----------------------------------------------------------------------


def test_no_contact_at_all():
    form = form_for(phone="", email="", address="", postcode="", delivery="collect")
    assert not form.is_valid()
    assert list(form.errors) == ["phone"]


@pytest.mark.parametrize("contact", [{"phone": "0577-88888888"}, {"email": "a@example.com"},
                                     {"address": "温州市鹿城区人民路1号"}])
def test_one_contact_is_enough(contact):
    data = {"phone": "", "email": "", "address": "", "postcode": "", "delivery": "collect"}
    form = form_for(**{**data, **contact})
    assert form.is_valid(), form.errors


def test_delivery_by_email_needs_an_email():
    form = form_for(email="", delivery="email")
    assert not form.is_valid()
    assert list(form.errors) == ["email"]


def test_delivery_by_post_needs_an_address():
    form = form_for(address="", postcode="", delivery="post")
    assert not form.is_valid()
    assert list(form.errors) == ["address"]


@pytest.mark.parametrize(("field", "value"), [("phone", "138-0013-8000 转 1"),
                                              ("postcode", "32500"), ("email", "not-an-email")])
def test_malformed_contact_fields(field, value):
    form = form_for(**{field: value})
    assert not form.is_valid()
    assert field in form.errors


# -- markup in text fields --------------------------------------------------------------------

TEXT_FIELDS = ["name", "description", "document_number", "purpose", "address", "contact_person"]
MARKUP = [
    "<script>alert(1)</script>",
    "请公开<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "JavaScript :alert(1)",
    "</textarea><b>",
    "<!-- x -->",
]


@pytest.mark.parametrize("value", MARKUP)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_markup_is_refused(field, value):
    form = form_for(**{field: value})
    assert not form.is_valid()
    assert field in form.errors
    assert "markup" in error_codes(form, field)


@pytest.mark.parametrize("field", ["legal_representative", "contact_person"])
def test_markup_refused_in_organisation_fields(field):
    form = form_for(**{**ORGANISATION, field: "<script>alert(1)</script>"})
    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize("value", [
    "请公开《关于2024年度农资储备资金使用情况的通知》（鹿供发〔2024〕5号），包括附件、预算表；谢谢！",
    "a < b",
    "3 <= 4，且 5 > 2",
    "x<5 和 y>3",
    "<<条例>> 第三十条",
    "费用 < 100 元",
    "第一行\n第二行\t缩进",
])
def test_plain_text_is_accepted(value):
    form = form_for(description=value)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description"] == value.strip()


def test_control_characters_are_refused():
    form = form_for(description="信息\x07名称")
    assert not form.is_valid()
    assert error_codes(form, "description") == ["control"]


# -- attachments -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("id.pdf", PDF, "application/pdf"),
    ("ID.PDF", PDF, "application/pdf"),
    ("scan.png", PNG, "image/png"),
    ("scan.jpg", JPEG, "image/jpeg"),
    ("scan.jpeg", JPEG, "image/jpeg"),
])
def test_accepted_attachments(name, content, content_type):
    # The browser's claim is ignored: the type comes from the content.
    form = form_for([upload(name, content, "application/octet-stream")])
    assert form.is_valid(), form.errors
    [(uploaded, kind)] = form.cleaned_data["attachments"]
    assert uploaded.name == name and kind == content_type


def test_several_attachments_up_to_the_limit():
    files = [upload("a.pdf", PDF), upload("b.png", PNG), upload("c.jpg", JPEG),
             upload("d.pdf", PDF), upload("e.pdf", PDF)]
    form = form_for(files)
    assert form.is_valid(), form.errors
    assert [kind for _f, kind in form.cleaned_data["attachments"]] == [
        "application/pdf", "image/png", "image/jpeg", "application/pdf", "application/pdf"]


@pytest.mark.parametrize(("name", "content", "code"), [
    ("photo.jpg", HTML, "type"),           # HTML renamed .jpg
    ("photo.png", SVG, "type"),            # SVG renamed .png
    ("scan.pdf", PNG, "extension"),        # a PNG named .pdf
    ("scan.jpg", PNG, "extension"),
    ("scan", PDF, "extension"),            # no extension
    ("doc.gif", b"GIF89a\x01\x00\x01\x00", "type"),  # GIF is not an allowed type by default
    ("run.exe", b"MZ\x90\x00\x03\x00\x00\x00", "type"),
])
def test_refused_attachments(name, content, code):
    form = form_for([upload(name, content, "image/jpeg")])
    assert not form.is_valid()
    assert list(form.errors) == ["attachments"]
    assert error_codes(form, "attachments") == [code]


def test_empty_attachment_is_refused():
    form = form_for([upload("empty.pdf", b"")])
    assert not form.is_valid()
    assert list(form.errors) == ["attachments"]


def test_oversized_attachment_is_refused(settings):
    settings.WAGTAIL_DISCLOSURE = {"ATTACHMENT_MAX_BYTES": 1000}
    assert form_for([upload("small.pdf", PDF + b" " * (1000 - len(PDF)))]).is_valid()
    form = form_for([upload("big.pdf", PDF + b" " * 1000)])
    assert not form.is_valid()
    assert error_codes(form, "attachments") == ["size"]


def test_too_many_attachments(settings):
    form = form_for([upload(f"{n}.pdf", PDF) for n in range(6)])
    assert not form.is_valid()
    assert list(form.errors) == ["attachments"]
    settings.WAGTAIL_DISCLOSURE = {"ATTACHMENT_MAX_FILES": 2}
    assert not form_for([upload(f"{n}.pdf", PDF) for n in range(3)]).is_valid()
    assert form_for([upload(f"{n}.pdf", PDF) for n in range(2)]).is_valid()


def test_one_bad_file_among_good_ones_fails_the_field():
    form = form_for([upload("a.pdf", PDF), upload("photo.jpg", HTML)])
    assert not form.is_valid()
    assert error_codes(form, "attachments") == ["type"]


# -- honeypot and captcha ----------------------------------------------------------------------


def test_honeypot_filled_is_a_non_field_error():
    form = form_for(**{HONEYPOT_FIELD: "http://spam.example"})
    assert not form.is_valid()
    assert form.has_error(NON_FIELD_ERRORS, "honeypot")


def test_honeypot_empty_is_fine():
    assert form_for(**{HONEYPOT_FIELD: ""}).is_valid()


@override_settings(WAGTAIL_DISCLOSURE={"CAPTCHA_VALIDATOR": "tests.test_requests_forms.fake_captcha"})
def test_captcha_hook():
    form = form_for()
    assert not form.is_valid()
    assert form.has_error(NON_FIELD_ERRORS, "captcha")
    form = form_for(captcha="wrong")
    assert not form.is_valid()
    assert form.has_error(NON_FIELD_ERRORS, "captcha")
    form = form_for(captcha="ok")
    assert form.is_valid(), form.errors


def test_no_captcha_by_default():
    assert form_for().is_valid()


# -- the public page ---------------------------------------------------------------------------


@pytest.fixture
def page_setup(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the per-IP rate limit lives in the cache
    yield factories.request_form_page()
    cache.clear()


def _stored_files(tmp_path):
    return [p for p in tmp_path.rglob("*") if p.is_file()]


@pytest.mark.parametrize("overrides", [
    {"name": ""},
    {"id_number": "110105194912310021"},
    {"description": "<script>alert(1)</script>"},
    {"consent": ""},
    {HONEYPOT_FIELD: "http://spam.example"},
])
def test_page_invalid_post_stores_nothing(client, page_setup, tmp_path, overrides,
                                          django_capture_on_commit_callbacks, mailoutbox):
    data = factories.request_data(**overrides)
    data["attachments"] = upload("id.pdf", PDF, "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_setup.get_url(), data)
    assert response.status_code == 200
    assert "wd-error-summary" in response.content.decode()
    assert InformationRequest.objects.count() == 0
    assert RequestAttachment.objects.count() == 0
    assert Notification.objects.count() == 0
    assert _stored_files(tmp_path) == []
    assert mailoutbox == []


def test_page_invalid_attachment_stores_nothing(client, page_setup, tmp_path):
    data = factories.request_data()
    data["attachments"] = [upload("id.pdf", PDF, "application/pdf"),
                           upload("photo.jpg", HTML, "image/jpeg")]
    response = client.post(page_setup.get_url(), data)
    assert response.status_code == 200
    assert "photo.jpg" in response.content.decode()
    assert InformationRequest.objects.count() == 0
    assert _stored_files(tmp_path) == []


def test_page_valid_post_stores_one_request(client, page_setup, tmp_path,
                                            django_capture_on_commit_callbacks, mailoutbox):
    data = factories.request_data()
    data["attachments"] = [upload("id.pdf", PDF, "application/pdf"),
                           upload("scan.png", PNG, "image/png")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_setup.get_url(), data)
    assert response.status_code == 302
    assert InformationRequest.objects.count() == 1
    request_obj = InformationRequest.objects.get()
    assert request_obj.request_page_id == page_setup.pk
    assert request_obj.channel == "online"
    assert request_obj.consent_given_at is not None
    assert sorted(request_obj.attachments.values_list("original_name", "content_type")) == [
        ("id.pdf", "application/pdf"), ("scan.png", "image/png")]
    assert len(_stored_files(tmp_path)) == 2
    assert [m.to for m in mailoutbox] == [["zhangsan@example.com"]]


@override_settings(WAGTAIL_DISCLOSURE={"CAPTCHA_VALIDATOR": "tests.test_requests_forms.fake_captcha"})
def test_page_captcha(client, page_setup):
    response = client.post(page_setup.get_url(), factories.request_data())
    assert response.status_code == 200
    assert "验证码错误" in response.content.decode()
    assert InformationRequest.objects.count() == 0
    response = client.post(page_setup.get_url(), factories.request_data(captcha="ok"))
    assert response.status_code == 302
    assert InformationRequest.objects.count() == 1


def test_contact_fields_identify_their_purpose():
    """WCAG 1.3.5 / GB/T 37668: the contact fields say what they hold, so that a browser can
    fill them in for an elderly or motor-impaired applicant."""
    html = str(RequestForm())
    for name, purpose in [("contact_person", "name"), ("phone", "tel"), ("email", "email"),
                          ("address", "street-address"), ("postcode", "postal-code")]:
        assert f'autocomplete="{purpose}"' in str(RequestForm()[name]), name
    assert 'inputmode="tel"' in html
