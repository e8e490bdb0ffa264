"""Personal data masked for staff without ``view_personal_data`` beyond the applicant's own
fields: letter texts (pre-filled forms, stored letters, the print view), attachment and document
file names, descriptions; and ID numbers and phones inside letters on the applicant's tracking
page (issue 11, "Personal data reaches staff who may not see it")."""

import csv
import datetime
import html as html_lib
import io
import json
import re
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_disclosure.requests import permissions, services
from wagtail_disclosure.requests.choices import LetterKind
from wagtail_disclosure.requests.forms import RequestForm
from wagtail_disclosure.requests.models import (
    Notification,
    RequestAttachment,
    RequestLetter,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = datetime.date.today()
LISTING = "/admin/disclosure/requests/"

# The probe's applicant: her name, number and phone are in the name of the file she sent.
NAME, ID_NUMBER, PHONE = "孙隐私", factories.RESIDENT_ID, "13800005555"
EMAIL, ADDRESS, POSTCODE = "sunyinsi@example.com", "温州市鹿城区人民路88号", "325000"
FILE_NAME = f"{NAME}_身份证{ID_NUMBER}_电话{PHONE}.pdf"
PERSONAL = [NAME, ID_NUMBER, PHONE, EMAIL, ADDRESS, POSTCODE]
MASKED_NAME = "孙**"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def staff(username, *codenames):
    """An admin user with these permissions of the package (and admin access)."""
    user = User.objects.create_user(username, f"{username}@agency.example", "pw")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                     codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(
            content_type__app_label="wagtail_disclosure", codename=codename))
    return User.objects.get(pk=user.pk)  # no stale permission cache


@pytest.fixture
def processor():
    """Processes requests, may not see personal data."""
    return staff("processor", "view_informationrequest", "process_informationrequest")


@pytest.fixture
def officer():
    """Processes requests and may see personal data."""
    return staff("officer", "view_informationrequest", "process_informationrequest",
                 "view_personal_data")


@pytest.fixture
def request_obj():
    factories.request_form_page()
    files = MultiValueDict({"attachments": [SimpleUploadedFile(FILE_NAME, PDF)]})
    form = RequestForm(factories.request_data(name=NAME, phone=PHONE, email=EMAIL,
                                              address=ADDRESS, postcode=POSTCODE), files)
    assert form.is_valid(), form.errors
    obj, code = services.submit(form.cleaned_data, form.cleaned_data["attachments"])
    obj.access_code = code
    assert RequestAttachment.objects.get(request=obj).original_name == FILE_NAME
    return obj


def detail_url(request_obj):
    return f"{LISTING}edit/{request_obj.pk}/"


def textarea(html, name):
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, name
    return html_lib.unescape(match.group(1)).lstrip("\r\n")


def assert_nothing_personal(text, where=""):
    for value in PERSONAL:
        assert value not in text, (value, where)


def reply_with_everything(request_obj, officer):
    """A reply typed by an officer who may see personal data: the applicant's data in the
    text and in the name of the document sent."""
    body = (f"{NAME}（身份证号{ID_NUMBER}，电话{PHONE}，邮箱{EMAIL}，地址{ADDRESS}，"
            f"邮编{POSTCODE}）：\n\n经审查，予以公开。")
    services.record_reply(request_obj, officer, "disclosed", body,
                          [SimpleUploadedFile(f"答复_{NAME}_{PHONE}.pdf", PDF)], "email")
    return RequestLetter.objects.get(request=request_obj, kind=LetterKind.REPLY)


# -- the text masker ----------------------------------------------------------------------


def test_text_masker_masks_every_personal_value(processor, request_obj):
    mask = permissions.text_masker(request_obj, processor)
    text = mask(f"{NAME}，{ID_NUMBER.lower()}，{PHONE}，{EMAIL}，{ADDRESS}，邮编{POSTCODE}")
    assert_nothing_personal(text)
    assert ID_NUMBER.lower() not in text  # the check letter typed in lower case too
    assert text == ("孙**，110***********002X，138****5555，s***@example.com，温州市鹿城区…，"
                    "邮编3****0")


def test_text_masker_leaves_numbers_that_only_contain_the_postcode(processor, request_obj):
    mask = permissions.text_masker(request_obj, processor)
    assert mask(f"文号1{POSTCODE}9") == f"文号1{POSTCODE}9"


def test_text_masker_changes_nothing_for_those_who_may_see(officer, request_obj):
    text = f"{NAME} {ID_NUMBER} {PHONE}"
    assert permissions.text_masker(request_obj, officer)(text) == text
    assert permissions.text_unmasker(request_obj, officer)("孙**") == "孙**"


def test_unmasker_restores_only_unchanged_masked_forms(processor, request_obj):
    mask = permissions.text_masker(request_obj, processor)
    unmask = permissions.text_unmasker(request_obj, processor)
    original = f"{NAME}：\n\n地址：{ADDRESS}；电话：{PHONE}。"
    assert unmask(mask(original)) == original
    # what the user changed stays as they wrote it
    edited = mask(original).replace(MASKED_NAME, "孙女士")
    assert unmask(edited) == f"孙女士：\n\n地址：{ADDRESS}；电话：{PHONE}。"


def test_an_ambiguous_masked_form_is_not_restored(processor):
    org = factories.information_request(
        applicant_type="organisation", organisation_kind="business", name="某某科技有限公司",
        id_type="", id_number="", organisation_code=factories.CREDIT_CODE,
        legal_representative="王五", contact_person="王六")
    # both names are masked as 王*: which one it stands for cannot be told
    assert permissions.text_unmasker(org, processor)("联系人王*") == "联系人王*"


# -- 1. letter texts: the forms and the letters stored ------------------------------------


def test_prefilled_letter_forms_are_masked(client, processor, request_obj):
    client.force_login(processor)
    response = client.get(detail_url(request_obj))
    assert response.status_code == 200
    html = response.content.decode()
    body = textarea(html, "correction_notice-body")
    assert body.startswith(MASKED_NAME)
    assert textarea(html, "reply-body").startswith(MASKED_NAME)
    assert_nothing_personal(html, "processing page")


def test_prefilled_letter_forms_are_in_full_for_those_who_may_see(client, officer,
                                                                  request_obj):
    client.force_login(officer)
    html = client.get(detail_url(request_obj)).content.decode()
    assert textarea(html, "reply-body").startswith(NAME + "：")


def _submit_reply(client, request_obj, body):
    return client.post(detail_url(request_obj) + "action/reply/", {
        "reply-outcome": "disclosed", "reply-body": body,
        "reply-answered_on": TODAY.isoformat(), "reply-delivery": "email"})


def test_the_letter_sent_carries_the_real_data(client, processor, request_obj,
                                               django_capture_on_commit_callbacks):
    client.force_login(processor)
    html = client.get(detail_url(request_obj)).content.decode()
    body = textarea(html, "reply-body").replace("{reasons}", "经审查，予以公开。")
    assert MASKED_NAME in body and NAME not in body
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit_reply(client, request_obj, body)
    assert response.status_code == 302, response.content.decode()[:2000]
    letter = RequestLetter.objects.get(request=request_obj, kind=LetterKind.REPLY)
    assert letter.body.startswith(NAME + "：") and MASKED_NAME not in letter.body
    # the applicant's email carries the real name too
    email = Notification.objects.get(request=request_obj, kind="applicant:reply")
    assert email.body.startswith(NAME + "：")
    # and the processor still sees it masked
    html = client.get(f"{LISTING}letter/{letter.pk}/print/").content.decode()
    assert MASKED_NAME in html
    assert_nothing_personal(html, "print view")


def test_a_masked_form_the_user_edited_is_kept_as_written(client, processor, request_obj):
    client.force_login(processor)
    html = client.get(detail_url(request_obj)).content.decode()
    body = (textarea(html, "reply-body").replace("{reasons}", "予以公开。")
            .replace(MASKED_NAME, "孙女士", 1))
    assert _submit_reply(client, request_obj, body).status_code == 302
    letter = RequestLetter.objects.get(request=request_obj, kind=LetterKind.REPLY)
    assert letter.body.startswith("孙女士：")


def test_a_refused_letter_form_shows_the_masked_text_again(client, processor, request_obj):
    client.force_login(processor)
    html = client.get(detail_url(request_obj)).content.decode()
    body = textarea(html, "reply-body")  # {reasons} not replaced: refused
    response = _submit_reply(client, request_obj, body)
    assert response.status_code == 200
    html = response.content.decode()
    assert textarea(html, "reply-body").startswith(MASKED_NAME)
    assert_nothing_personal(html, "the form shown again")
    assert not RequestLetter.objects.filter(request=request_obj, kind=LetterKind.REPLY).exists()


def test_a_literal_masked_form_typed_by_a_permitted_officer_stays(client, officer,
                                                                  request_obj):
    client.force_login(officer)
    assert _submit_reply(client, request_obj, f"{MASKED_NAME}：予以公开。").status_code == 302
    letter = RequestLetter.objects.get(request=request_obj, kind=LetterKind.REPLY)
    assert letter.body == f"{MASKED_NAME}：予以公开。"


# -- 2. the print view and the processing page's letters ----------------------------------


def test_print_view_shows_nothing_unmasked(client, processor, officer, request_obj):
    letter = reply_with_everything(request_obj, officer)
    client.force_login(processor)
    response = client.get(f"{LISTING}letter/{letter.pk}/print/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert_nothing_personal(html, "print view")
    assert "孙**（身份证号110***********002X，电话138****5555" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert request_obj.tracking_number in title
    assert "答复_孙**_138****5555.pdf" in html  # the enclosure's title


def test_print_view_in_full_for_those_who_may_see(client, officer, request_obj):
    letter = reply_with_everything(request_obj, officer)
    client.force_login(officer)
    html = client.get(f"{LISTING}letter/{letter.pk}/print/").content.decode()
    for value in PERSONAL:
        assert value in html


def test_processing_page_masks_letters_documents_and_the_description(client, processor,
                                                                      officer, request_obj):
    request_obj.description = f"请寄到{ADDRESS}，有疑问请打{PHONE}"
    request_obj.purpose = f"{NAME}本人使用"
    request_obj.save(update_fields=["description", "purpose"])
    letter = reply_with_everything(request_obj, officer)
    client.force_login(processor)
    html = client.get(detail_url(request_obj)).content.decode()
    assert_nothing_personal(html, "processing page")
    assert "答复_孙**_138****5555.pdf" in html
    assert "请寄到温州市鹿城区…，有疑问请打138****5555" in html
    # the document is downloaded under the masked name
    document = letter.documents.get()
    response = client.get(f"{LISTING}file/document/{document.pk}/")
    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert "答复_孙**_138****5555.pdf" in disposition
    assert_nothing_personal(disposition, "download name")
    client.force_login(officer)
    response = client.get(f"{LISTING}file/document/{document.pk}/")
    assert f"答复_{NAME}_{PHONE}.pdf" in unquote(response["Content-Disposition"])


# -- 3. attachment file names ---------------------------------------------------------------


def test_attachment_names_are_neutral_for_staff_who_may_not_see(client, processor,
                                                                request_obj):
    client.force_login(processor)
    html = client.get(detail_url(request_obj)).content.decode()
    assert "附件1.pdf" in html or "Attachment 1.pdf" in html
    assert FILE_NAME not in html
    assert_nothing_personal(html, "processing page")


def test_attachment_names_in_full_for_those_who_may_see(client, officer, request_obj):
    client.force_login(officer)
    html = client.get(detail_url(request_obj)).content.decode()
    assert FILE_NAME in html
    attachment = RequestAttachment.objects.get(request=request_obj)
    response = client.get(f"{LISTING}file/attachment/{attachment.pk}/")
    assert response.status_code == 200
    assert FILE_NAME in unquote(response["Content-Disposition"])


def test_attachment_display_name():
    attachment = RequestAttachment(original_name=FILE_NAME)
    from django.contrib.auth.models import AnonymousUser

    name = permissions.attachment_display_name(attachment, 2, AnonymousUser())
    assert name in ("附件2.pdf", "Attachment 2.pdf")
    assert permissions.neutral_file_name("附件1", "scan.JPEG") == "附件1.jpeg"
    assert permissions.neutral_file_name("附件1", "扫描件") == "附件1"
    assert permissions.neutral_file_name("附件1", "x.pdf<script>") == "附件1"


def _exported(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_no_file_name_nor_personal_data_in_listings_exports_logs_or_staff_emails(
        client, processor, request_obj, django_capture_on_commit_callbacks):
    openpyxl = pytest.importorskip("openpyxl")
    request_obj.description = f"有疑问请打{PHONE}"
    request_obj.save(update_fields=["description"])
    client.force_login(processor)
    listing = client.get(LISTING).content.decode()
    assert request_obj.tracking_number in listing
    assert_nothing_personal(listing, "listing")
    text = _exported(client.get(LISTING + "?export=csv")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and "有疑问请打138****5555" in rows[1]
    assert_nothing_personal(text, "csv")
    sheet = openpyxl.load_workbook(io.BytesIO(_exported(
        client.get(LISTING + "?export=xlsx")))).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert request_obj.tracking_number in cells
    assert_nothing_personal(cells, "xlsx")
    dashboard = client.get("/admin/").content.decode()
    assert_nothing_personal(dashboard, "dashboard")
    entries = ModelLogEntry.objects.for_instance(request_obj)
    logged = json.dumps([[e.label, e.data] for e in entries], ensure_ascii=False)
    assert entries.exists()
    assert FILE_NAME not in logged
    assert_nothing_personal(logged, "log entries")
    for notification in Notification.objects.filter(request=request_obj,
                                                    kind__startswith="staff:"):
        assert_nothing_personal(notification.subject + notification.body, "staff email")
        assert FILE_NAME not in notification.body


# -- 4. the applicant's tracking page -------------------------------------------------------


def test_tracking_page_masks_id_numbers_and_phones_inside_letters(client, officer,
                                                                  request_obj):
    reply_with_everything(request_obj, officer)
    page = factories.request_form_page()
    response = client.post(page.get_url() + "track/", {
        "tracking_number": request_obj.tracking_number,
        "access_code": request_obj.access_code})
    html = response.content.decode()
    assert "wd-letter-sheet" in html
    for value in (ID_NUMBER, PHONE, EMAIL):
        assert value not in html, value
    assert "身份证号***，电话***，邮箱***" in html
    # the letter is theirs, addressed to them: the name and the address stay (docstring of
    # letters.sheets._masker; the JSON API removes those too)
    assert NAME in html and ADDRESS in html
    assert f"答复_{NAME}_***.pdf" in html


def test_the_json_api_and_the_tracking_page_agree_on_numbers(client, officer, request_obj):
    reply_with_everything(request_obj, officer)
    response = client.get(f"/api/disclosure/requests/{request_obj.tracking_number}",
                          HTTP_X_ACCESS_CODE=request_obj.access_code)
    assert response.status_code == 200
    letters = response.json()["letters"]
    text = json.dumps(letters, ensure_ascii=False)
    assert "身份证号***，电话***，邮箱***" in text
    for value in (ID_NUMBER, PHONE, EMAIL):
        assert value not in text


def test_publishing_a_reply_as_an_item_keeps_the_applicant_out_of_the_public_document(
        request_obj, officer):
    """条例 Art.44: the documents of a reply copied into a public item (and the Wagtail
    document's title and file name) carry no personal data, not even masked."""
    from wagtail.documents import get_document_model

    from wagtail_disclosure.requests.publishing import publish_as_item

    reply_with_everything(request_obj, officer)
    column = factories.column(factories.section())
    item = publish_as_item(request_obj, officer, column, "关于再生资源回收网点的信息",
                           factories.organ())
    document = get_document_model().objects.get()
    assert item.attachments.get().document == document
    for text in (document.title, document.file.name):
        assert_nothing_personal(text, text)
        assert MASKED_NAME not in text
    assert document.title == "答复_***_***.pdf"


def test_the_proposed_item_title_holds_no_personal_data_for_any_user(request_obj, officer,
                                                                   processor):
    """The title proposed for a published item comes from the description, which may name
    the applicant: it goes on the public site, so even a permitted officer gets ``***``."""
    from wagtail_disclosure.requests.admin import _initial

    request_obj.description = f"请公开{NAME}（电话{PHONE}）申请的再生资源回收网点布局信息"
    request_obj.save(update_fields=["description"])
    for user in (officer, processor):
        title = _initial("publish_item", request_obj, user)["title"]
        assert_nothing_personal(title)
        assert MASKED_NAME not in title and "***" in title
