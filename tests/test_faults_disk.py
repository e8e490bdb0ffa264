"""Fault: the disk is full when an applicant's attachment is written (issue 13, "Faults").

Where the tests run as root, ``MEDIA_ROOT`` is a real 32 KB tmpfs, so the kernel itself
refuses the write (``ENOSPC``) part-way through the file, as a full disk does; elsewhere the
storage is patched to do the same (write part of the file, then raise ``ENOSPC``). Either way:

* the HTML form answers with a form-level error saying the attachments could not be saved and
  nothing was submitted, and re-renders with everything the applicant typed;
* the JSON API answers a 503 in its error shape with that message
  (``wagtail_disclosure.resilience``);
* no ``InformationRequest`` (nor attachment, notification) is stored, and no file is left
  behind, not even the part written before the disk filled up;
* once there is room again, the same submission goes through.
"""

import base64
import errno
import os
import re
import subprocess
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests import factories
from wagtail_disclosure import resilience
from wagtail_disclosure.requests.models import InformationRequest, Notification, RequestAttachment

pytestmark = pytest.mark.django_db

RESILIENCE = "wagtail_disclosure.resilience.ServiceUnavailableMiddleware"
#: A valid PDF larger than the 32 KB disk.
PDF = b"%PDF-1.4\n" + b"%" + b"0" * 200_000 + b"\n%%EOF\n"
DESCRIPTION = "区供销社2024年度农资储备资金使用情况说明"


def _mount_tmpfs(path):
    if os.geteuid() != 0:
        return False
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k,mode=0755", "tmpfs",
                             str(path)], capture_output=True, check=False)
    return result.returncode == 0


class Disk:
    """``MEDIA_ROOT`` with no room left; ``free()`` makes room again."""

    def __init__(self, root, mounted, patcher):
        self.root, self.mounted, self._patcher = root, mounted, patcher

    def files(self):
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def free(self):
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,size=16m", str(self.root)], check=True)
        else:
            self._patcher.undo()


@pytest.fixture
def full_disk(settings, tmp_path, monkeypatch):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.FILE_UPLOAD_TEMP_DIR = None
    assert settings.MIDDLEWARE[0] == RESILIENCE  # the example site installs it first
    mounted = _mount_tmpfs(root)
    if not mounted:
        real_save = FileSystemStorage._save

        def save_part_then_fail(self, name, content):
            # What a full disk does: the file is created, part of it written, then ENOSPC.
            path = self.path(name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as partial:
                partial.write(next(iter(content.chunks()))[:4096])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)

        monkeypatch.setattr(FileSystemStorage, "_save", save_part_then_fail)
        assert real_save is not save_part_then_fail
    disk = Disk(root, mounted, monkeypatch)
    yield disk
    if mounted:
        subprocess.run(["umount", "-l", str(root)], check=False)


def storage_full_message():
    with translation.override(django_settings.LANGUAGE_CODE):
        return resilience.storage_full_message()


def assert_nothing_stored(disk):
    assert not InformationRequest.objects.exists()
    assert not RequestAttachment.objects.exists()
    assert not Notification.objects.exists()
    assert disk.files() == []  # no orphan, not even the part written before ENOSPC


def form_data():
    return {**factories.request_data(description=DESCRIPTION),
            "attachments": SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")}


def test_form_says_the_files_could_not_be_saved_and_keeps_what_was_typed(client, full_disk):
    page = factories.request_form_page()
    response = client.post(page.get_url(), form_data())
    assert response.status_code == 503
    html = response.content.decode()
    assert storage_full_message() in html
    assert DESCRIPTION in html  # the typed text comes back
    assert 'value="张三"' in html and 'value="13800138000"' in html
    assert 'value="zhangsan@example.com"' in html
    assert "Traceback" not in html
    assert_nothing_stored(full_disk)

    full_disk.free()
    response = client.post(page.get_url(), form_data())
    assert response.status_code == 302
    [attachment] = RequestAttachment.objects.all()
    assert attachment.file.read() == PDF
    assert [p.name for p in full_disk.files()] == [os.path.basename(attachment.file.name)]


def test_api_answers_a_clean_503_and_stores_nothing(client, full_disk):
    body = factories.request_data(
        consent=True, description=DESCRIPTION,
        attachments=[{"name": "身份证.pdf", "content_base64": base64.b64encode(PDF).decode()}])
    response = client.post("/api/disclosure/requests/", body, content_type="application/json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    message = storage_full_message()
    assert response.json() == {"detail": message, "errors": {"__all__": [message]}}
    assert int(response["Retry-After"]) > 0
    assert_nothing_stored(full_disk)

    full_disk.free()
    response = client.post("/api/disclosure/requests/", body, content_type="application/json")
    assert response.status_code == 201
    request_obj = InformationRequest.objects.get()
    assert request_obj.tracking_number == response.json()["tracking_number"]
    assert request_obj.attachments.get().file.read() == PDF


def test_the_tmpfs_or_the_patch_really_refuses_the_write(full_disk):
    """The fixture's full disk is real: writing the PDF there fails with ENOSPC."""
    storage = FileSystemStorage(location=full_disk.root)
    with pytest.raises(OSError) as caught:
        storage.save(f"probe-{uuid.uuid4().hex}.pdf", SimpleUploadedFile("p.pdf", PDF))
    assert caught.value.errno == errno.ENOSPC
    assert re.search("ENOSPC|space", f"{errno.errorcode[caught.value.errno]} {caught.value}")
