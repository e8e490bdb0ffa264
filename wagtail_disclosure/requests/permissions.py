"""Who may do what with requests (Wagtail groups), and masking of personal data."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.permission_policies import ModelPermissionPolicy

from .models import InformationRequest

permission_policy = ModelPermissionPolicy(InformationRequest)

APP = "wagtail_disclosure"
VIEW = f"{APP}.view_informationrequest"
PROCESS = f"{APP}.process_informationrequest"
APPROVE = f"{APP}.approve_extension"
PERSONAL_DATA = f"{APP}.view_personal_data"


def can_view(user):
    return user.is_active and (user.has_perm(VIEW) or user.has_perm(PROCESS))


def can_process(user):
    return user.is_active and user.has_perm(PROCESS)


def can_approve(user):
    return user.is_active and user.has_perm(APPROVE)


def can_see_personal_data(user):
    return user is not None and user.is_active and user.has_perm(PERSONAL_DATA)


def users_with_permission(codename, site_id=None):
    """Active users holding a permission of this app, directly, by group, or as superusers;
    with ``site_id``, on a platform of several sites, only those who work for that site
    (``sites.staff_of_site_q``): another agency's staff are never emailed about a request."""
    from ..sites import staff_of_site_q

    perm = Permission.objects.filter(content_type__app_label=APP, codename=codename)
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(user_permissions__in=perm) | Q(groups__permissions__in=perm),
        is_active=True)
    scope = staff_of_site_q(site_id)
    if scope:
        users = users.filter(pk__in=get_user_model().objects.filter(scope).values("pk"))
    return users.distinct()


def mask(value, keep_start=3, keep_end=4):
    """``110105********1234``: the middle replaced by asterisks. Short values are starred."""
    value = value or ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    # At least 4 characters are hidden, so that a short number (a passport, an 8-digit permit)
    # is not shown all but one character.
    hidden = max(4, len(value) - keep_start - keep_end)
    keep_start = min(keep_start, (len(value) - hidden) // 2)
    keep_end = len(value) - hidden - keep_start
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_name(value):
    """张** / 某某公司 is kept: organisations' names are not personal data."""
    value = value or ""
    return value[:1] + "*" * (len(value) - 1) if value else ""


def masked_fields(request_obj, user):
    """The applicant's identifying fields as this user may see them."""
    if can_see_personal_data(user):
        return {"name": request_obj.name, "id_number": request_obj.id_number,
                "phone": request_obj.phone, "email": request_obj.email,
                "address": request_obj.address,
                "legal_representative": request_obj.legal_representative}
    return _masked(request_obj)


def _masked(request_obj):
    is_person = request_obj.applicant_type == "natural_person"
    return {
        "name": mask_name(request_obj.name) if is_person else request_obj.name,
        "id_number": mask(request_obj.id_number, 3, 4),
        "phone": mask(request_obj.phone, 3, 4),
        "email": (request_obj.email[:1] + "***@" + request_obj.email.split("@")[-1]
                  if "@" in request_obj.email else ""),
        "address": (request_obj.address[:6] + "…") if request_obj.address else "",
        "legal_representative": mask_name(request_obj.legal_representative),
    }


# -- personal data inside free text and file names ------------------------------------------
#
# The applicant's data also reaches texts that were not typed into its own fields: the letters
# (a template's ``{name}`` and ``{address}``, an officer's words), the description, the names of
# the files they sent. These functions mask it there by value: every occurrence of the stored
# name, identity number, phone, email, address, legal representative, contact person and
# postcode, compared case-insensitively, longest first, in one pass (what one replacement puts
# in is never replaced again). Limits: a value written differently (a phone with hyphens, an
# address abridged) is not recognised; values of fewer than 2 characters are left alone.

_TEXT_FIELDS = ("name", "id_number", "phone", "email", "address", "legal_representative",
                "contact_person", "postcode")
# A postcode is six digits: masked only where it is not part of a longer number.
_DIGIT_BOUNDED = ("postcode",)


def _unchanged(text):
    return text or ""


def text_replacer(pairs):
    """A function replacing each ``value`` of ``pairs`` (``(value, replacement, bounded)``) in
    a text by its ``replacement``: case-insensitive, longest value first, in one pass. A value
    with ``bounded`` is replaced only where no digit touches it. Values shorter than 2
    characters, and values equal to their replacement, are left alone."""
    entries = []
    for value, replacement, bounded in pairs:
        value = (value or "").strip()
        if len(value) >= 2 and value != replacement:
            entries.append((value, replacement or "", bounded))
    if not entries:
        return _unchanged
    entries.sort(key=lambda entry: -len(entry[0]))
    alternatives = []
    for index, (value, _replacement, bounded) in enumerate(entries):
        body = re.escape(value)
        if bounded:
            body = rf"(?<![0-9]){body}(?![0-9])"
        alternatives.append(f"(?P<v{index}>{body})")
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    replacements = {f"v{index}": entry[1] for index, entry in enumerate(entries)}
    return lambda text: pattern.sub(lambda match: replacements[match.lastgroup], text or "")


def _masked_values(request_obj):
    """Each personal value of the request and how staff without the permission see it."""
    shown = _masked(request_obj)
    shown["contact_person"] = mask_name(request_obj.contact_person)
    shown["postcode"] = mask(request_obj.postcode, 1, 1)
    return [(getattr(request_obj, name) or "", shown[name] or "", name in _DIGIT_BOUNDED)
            for name in _TEXT_FIELDS]


def text_masker(request_obj, user):
    """A function that masks the applicant's personal data inside a free text (a letter, the
    description, a document's title) as ``user`` may see it: the forms of
    :func:`masked_fields` (``张*``, ``110***********002X``, ``温州市鹿城区…``) for staff without
    ``view_personal_data``; the text unchanged for those who have it."""
    if can_see_personal_data(user):
        return _unchanged
    return text_replacer(_masked_values(request_obj))


def text_unmasker(request_obj, user):
    """The inverse of :func:`text_masker` for ``user``: a function putting the real values back
    where a text holds the masked forms unchanged.

    Why: a letter's form is pre-filled with the template, the applicant's name and address in
    it. Staff without ``view_personal_data`` see it masked (``张*：``); the letter stored and sent
    must carry the real name. So what such a user submits gets each masked form, where it is
    still as pre-filled, replaced by the real value; what they changed or wrote themselves is
    kept as written (a masked form edited, e.g. ``张*`` to ``张先生``, is not touched). Safe
    because the result is shown to staff only through :func:`text_masker` again, and the real
    text goes only to the applicant. A masked form that stands for two different values (two
    persons' names masked alike) is ambiguous and left as it is. For users who may see the
    data the text is returned unchanged: they were shown the real values."""
    if can_see_personal_data(user):
        return _unchanged
    meanings = {}
    for value, shown, bounded in _masked_values(request_obj):
        value = value.strip()
        if len(value) >= 2 and shown and shown != value:
            meanings.setdefault(shown, set()).add(value)
    return text_replacer([(shown, values.pop(), False) for shown, values in meanings.items()
                          if len(values) == 1])


REDACTED = "***"
# What the applicant's own pages (the tracking page, the page after submitting) never show in
# full inside a letter: the name and the address stay, because the page prints the letter
# addressed to them.
_APPLICANT_REDACTED = ("id_number", "phone", "email")


def applicant_text_masker(request_obj):
    """A function replacing the applicant's identity number, phone and email inside a text
    by ``***``, for the applicant's own pages: the letters are theirs, but a page open on a
    shared or public computer should not show those numbers. The JSON tracking API
    (``api/requests.py``) replaces the same way and also the name and the address, since its
    front end is not the package's own letter page."""
    return text_replacer([(getattr(request_obj, name) or "", REDACTED, False)
                          for name in _APPLICANT_REDACTED])


def public_text_redactor(request_obj):
    """A function replacing every personal value of the applicant inside a text by ``***``,
    for what is published (a reply's documents copied into a public item, Art.44): nothing
    of the applicant's, not even a masked ``张*``, reaches the public site."""
    return text_replacer([(value, REDACTED, bounded)
                          for value, _shown, bounded in _masked_values(request_obj)])


def attachment_display_name(attachment, position, user):
    """The name of an applicant's attachment as ``user`` sees it: the original name for staff
    who may see personal data; otherwise ``附件1.pdf`` (``position`` is its 1-based place
    among the request's attachments) with the original extension, because the applicant
    names the file freely (``孙隐私_身份证11010519491231002X_电话13800005555.pdf``)."""
    if can_see_personal_data(user):
        return attachment.original_name
    return neutral_file_name(_("Attachment %(number)s") % {"number": position},
                             attachment.original_name)


_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")


def neutral_file_name(stem, original):
    """``stem`` with the extension of ``original`` (letters and digits only, lower case)."""
    match = _EXTENSION.search(original or "")
    return f"{stem}.{match.group(1).lower()}" if match else str(stem)
