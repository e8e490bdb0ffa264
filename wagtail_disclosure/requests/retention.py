"""Removing applicants' personal data once it need not be kept (``anonymise_requests``).

What is kept: every figure the annual report needs (applicant type and kind of organisation,
channel, dates, status, outcome, deadlines, extensions, consultations' dates, fees' amounts)
and the audit trail (which never held personal data). What goes: names, identity numbers,
contact details, the description and purpose (which may name people), the applicant's
attachments, the letters' texts and documents, and the emails in the outbox.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..conf import disclosure_settings
from .choices import FINISHED_STATUSES
from .models import PRIVATE_UPLOAD_DIR, InformationRequest, LetterDocument, RequestAttachment

REMOVED = "—"


def due_for_anonymisation(today=None, days=None):
    days = disclosure_settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
    if days is None:
        return InformationRequest.objects.none()
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=days)
    # Counted from the day the request was closed, or answered when it was not closed after
    # the answer (an answered request closed later is kept from its closing date).
    return InformationRequest.objects.filter(
        Q(closed_on__lt=cutoff) | Q(closed_on__isnull=True, answered_on__lt=cutoff),
        status__in=FINISHED_STATUSES, anonymised_at__isnull=True)


def anonymise(request_obj, user=None):
    with transaction.atomic():
        request_obj = InformationRequest.objects.select_for_update().get(pk=request_obj.pk)
        if request_obj.anonymised_at:
            return request_obj
        for field in ("id_number", "organisation_code", "legal_representative",
                      "contact_person", "phone", "email", "address", "postcode",
                      "document_number", "purpose"):
            setattr(request_obj, field, "")
        request_obj.name = REMOVED
        request_obj.description = REMOVED
        request_obj.anonymised_at = timezone.now()
        request_obj.save()
        for attachment in RequestAttachment.objects.filter(request=request_obj):
            attachment.file.delete(save=False)
            attachment.delete()
        for document in LetterDocument.objects.filter(letter__request=request_obj):
            document.file.delete(save=False)
            document.delete()
        request_obj.letters.update(body=_("(Removed under the retention rules.)"))
        # Third parties' names and answers and the officers' reasons may name people too.
        for letter in request_obj.letters.filter(kind="consultation"):
            letter.title = str(letter.get_kind_display())
            letter.save(update_fields=["title"])
        request_obj.consultations.update(third_party=REMOVED, result="")
        request_obj.extensions.update(reason=REMOVED)
        request_obj.notifications.filter(sent_at__isnull=True).delete()
        request_obj.notifications.update(recipient="removed@invalid", body=REMOVED)
        log(instance=request_obj, action="wagtail_disclosure.request.anonymise", user=user,
            data={})
    return request_obj


#: Files younger than this are never swept: a request may be being stored at that moment.
ORPHAN_GRACE = datetime.timedelta(days=1)


def _private_storage():
    """The storage the attachments' and letters' files are in (requests.models.private_storage,
    as the model fields have it)."""
    return RequestAttachment._meta.get_field("file").storage


def orphaned_files(now=None, storage=None):
    """Files in the private upload folder that no attachment or letter document points to,
    older than :data:`ORPHAN_GRACE` (e.g. left by a request whose enclosing transaction was
    rolled back after its files were written). The cost grows with the folder's files, never
    with anything typed. ``storage``: the private files' (``PRIVATE_STORAGE``) unless given."""
    storage = storage or _private_storage()
    now = now or timezone.now()
    known = set(RequestAttachment.objects.values_list("file", flat=True))
    known.update(LetterDocument.objects.values_list("file", flat=True))
    folders, found = [PRIVATE_UPLOAD_DIR], []
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        folders.extend(f"{folder}/{name}" for name in subfolders)
        for name in files:
            path = f"{folder}/{name}"
            if path in known:
                continue
            try:
                modified = storage.get_modified_time(path)
            except (NotImplementedError, OSError):
                continue
            if now - modified >= ORPHAN_GRACE:
                found.append(path)
    return sorted(found)


def remove_orphaned_files(now=None, storage=None):
    """Delete :func:`orphaned_files`; returns their names."""
    storage = storage or _private_storage()
    names = orphaned_files(now=now, storage=storage)
    for name in names:
        storage.delete(name)
    return names
