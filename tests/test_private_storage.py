"""Applicants' files on a storage that is not the filesystem (S3 and the like through
django-storages: docs/how-to/object-storage.md).

The private files' fields (``RequestAttachment.file``, ``LetterDocument.file``) are pointed at
Django's ``InMemoryStorage`` without ``path()`` (it raises ``NotImplementedError``, as
django-storages' S3 storage does), which writes nothing to disk: submitting with an
attachment, a rolled-back submission, the officer's reply, staff downloads, the applicant's
signed link, anonymisation and the orphan sweep all work through the storage API, and
MEDIA_ROOT stays empty. ``PRIVATE_STORAGE`` names the
``STORAGES`` alias the fields use; E072 reports one that does not exist.
"""

import datetime
import os
from unittest import mock

import pytest
from django.core.checks import run_checks
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from tests import factories
from wagtail_disclosure.requests import notifications, retention, services, tracking
from wagtail_disclosure.requests.forms import RequestForm
from wagtail_disclosure.requests.models import (
    PRIVATE_UPLOAD_DIR, InformationRequest, LetterDocument, RequestAttachment, private_storage)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


class ObjectStorage(InMemoryStorage):
    """Like an object store: no local path to open the files with (InMemoryStorage itself
    answers a path below MEDIA_ROOT where nothing is)."""

    def path(self, name):
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def _relative_path(self, name):  # InMemoryStorage's own use of path()
        return os.path.relpath(InMemoryStorage.path(self, name), self.location)


@pytest.fixture
def storage(settings, tmp_path):
    """An in-memory storage for the private files; MEDIA_ROOT an empty folder that must stay
    empty."""
    settings.MEDIA_ROOT = str(tmp_path)
    memory = ObjectStorage()
    with mock.patch.object(RequestAttachment._meta.get_field("file"), "storage", memory), \
            mock.patch.object(LetterDocument._meta.get_field("file"), "storage", memory):
        yield memory
    assert list(tmp_path.rglob("*")) == [], "a private file was written to the filesystem"


def files_in(storage, folder=PRIVATE_UPLOAD_DIR):
    subfolders, files = storage.listdir(folder) if storage.exists(folder) else ([], [])
    found = [f"{folder}/{name}" for name in files]
    for sub in subfolders:
        found += files_in(storage, f"{folder}/{sub}")
    return sorted(found)


def submit_with_attachment():
    files = MultiValueDict({"attachments": [SimpleUploadedFile("身份证.pdf", PDF)]})
    form = RequestForm(factories.request_data(), files)
    assert form.is_valid(), form.errors
    return services.submit(form.cleaned_data, form.cleaned_data["attachments"])


def test_the_object_storage_has_no_path():
    with pytest.raises(NotImplementedError):
        ObjectStorage().path("x")


def test_a_submission_stores_its_attachment_in_the_storage(storage, client):
    factories.request_form_page()
    request_obj, _code = submit_with_attachment()
    attachment = RequestAttachment.objects.get(request=request_obj)
    assert attachment.file.name.startswith(f"{PRIVATE_UPLOAD_DIR}/")
    assert files_in(storage) == [attachment.file.name]
    with storage.open(attachment.file.name) as stored:
        assert stored.read() == PDF
    # staff download it through the package's view (never a storage URL)
    staff = factories.make_user("viewer", "view_informationrequest",
                                "view_personal_data", admin_access=True)
    client.force_login(staff)
    response = client.get(f"/admin/disclosure/requests/file/attachment/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]


def test_the_request_form_page_stores_an_uploaded_attachment(storage, client):
    page = factories.request_form_page()
    data = {**factories.request_data(consent=True),
            "attachments": SimpleUploadedFile("扫描件.pdf", PDF, "application/pdf")}
    response = client.post(page.url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    [attachment] = RequestAttachment.objects.all()
    assert files_in(storage) == [attachment.file.name]


def test_a_rolled_back_submission_removes_its_files_from_the_storage(storage):
    with mock.patch.object(notifications, "notify_staff", side_effect=RuntimeError("boom")):
        with pytest.raises(RuntimeError):
            submit_with_attachment()
    assert not InformationRequest.objects.exists()
    assert files_in(storage) == []


def test_the_applicant_downloads_a_reply_document_through_the_signed_link(storage, client,
                                                                         officer):
    page, request_obj = factories.answered_request(officer, PDF)
    document = request_obj.letters.get(kind="reply").documents.get()
    assert files_in(storage) == [document.file.name]
    url = page.get_url() + page.reverse_subpage(
        "document", args=(tracking.document_token(document),))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # the storage's own URL is never handed out
    assert storage.base_url not in response.get("Location", "")


def test_anonymising_deletes_the_files_from_the_storage(storage, officer):
    _page, request_obj = factories.answered_request(officer, PDF)
    request_obj.refresh_from_db()
    submitted, _code = submit_with_attachment()
    assert len(files_in(storage)) == 2
    retention.anonymise(request_obj)
    retention.anonymise(submitted)
    assert files_in(storage) == []


def test_the_orphan_sweep_works_on_the_storage(storage):
    submitted, _code = submit_with_attachment()
    kept = RequestAttachment.objects.get(request=submitted).file.name
    orphan = storage.save(f"{PRIVATE_UPLOAD_DIR}/2026/01/left-over.pdf",
                          SimpleUploadedFile("x.pdf", PDF))
    later = timezone.now() + retention.ORPHAN_GRACE + datetime.timedelta(hours=1)
    assert retention.orphaned_files(now=later) == [orphan]
    assert retention.orphaned_files() == []  # younger than the grace period
    assert retention.remove_orphaned_files(now=later) == [orphan]
    assert files_in(storage) == [kept]


# -- PRIVATE_STORAGE -----------------------------------------------------------------------


def test_private_storage_is_the_default_storage_unless_named(settings):
    assert private_storage() is default_storage
    storages = {**settings.STORAGES, "disclosure_private": {
        "BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with override_settings(STORAGES=storages, WAGTAIL_DISCLOSURE={
            **settings.WAGTAIL_DISCLOSURE, "PRIVATE_STORAGE": "disclosure_private"}):
        assert isinstance(private_storage(), InMemoryStorage)
        assert not [m for m in run_checks() if m.id == "wagtail_disclosure.E072"]


@pytest.mark.parametrize("alias", ["nowhere", "", 3])
def test_an_unknown_private_storage_is_e072(settings, alias):
    with override_settings(WAGTAIL_DISCLOSURE={**settings.WAGTAIL_DISCLOSURE,
                                               "PRIVATE_STORAGE": alias}):
        [error] = [m for m in run_checks() if m.id == "wagtail_disclosure.E072"]
    assert repr(alias) in error.msg
