"""Validation of what applicants type and upload. Pure functions; messages are translatable."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..catalogue.snippets import uscc_is_valid

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id_is_valid(value):
    """The 18-character 居民身份证号码 (GB 11643-1999): format, birth date and check character."""
    value = value.upper()
    # [0-9], not \d: \d also matches the digits of other scripts (e.g. "١"), which int() reads.
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        return False
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if birth.year < 1900 or birth > datetime.date.today():
        return False
    total = sum(int(ch) * w for ch, w in zip(value[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == value[17]


def validate_resident_id(value):
    if not re.fullmatch(r"[0-9]{17}[0-9Xx]", value or ""):
        raise ValidationError(
            _("A resident identity card number has 18 characters: 17 digits and a last digit "
              "or X."), code="format")
    if not resident_id_is_valid(value):
        raise ValidationError(
            _("This identity card number is not valid (its date of birth or check digit is "
              "wrong). Please check it against the card."), code="checksum")


def validate_credit_code(value):
    code = (value or "").upper()
    if len(code) != 18:
        raise ValidationError(_("A unified social credit code has 18 characters."),
                              code="format")
    if not uscc_is_valid(code):
        raise ValidationError(
            _("This unified social credit code is not valid (its check character is wrong). "
              "Please check it against the business licence or certificate."), code="checksum")


# A tag starts with "<" directly followed by a letter, "/", "!" or "?" (as HTML parses it):
# "a < b" is text, not markup.
_MARKUP = re.compile(r"<(?:/?[a-zA-Z]|[!?/])|javascript\s*:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_plain_text(value):
    """Text fields take plain text: no HTML or script markup, no control characters."""
    if value and _MARKUP.search(value):
        raise ValidationError(
            _("Please write plain text: HTML tags and scripts are not accepted."), code="markup")
    if value and _CONTROL.search(value):
        raise ValidationError(_("The text contains control characters."), code="control")


def validate_phone(value):
    if value and not re.fullmatch(r"[0-9+\-() ]{5,30}", value):
        raise ValidationError(
            _("Enter a phone number with digits only (a leading + and hyphens are allowed)."),
            code="phone")


def validate_postcode(value):
    if value and not re.fullmatch(r"[0-9]{6}", value):
        raise ValidationError(_("A postcode has 6 digits."), code="postcode")


# Attachments: the type is decided by the file's first bytes, never by its name or the
# browser's claim, so an HTML or SVG file renamed .jpg is refused.
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
_EXTENSIONS = {"pdf": ("pdf",), "png": ("png",), "jpeg": ("jpg", "jpeg"), "gif": ("gif",)}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
                 "gif": "image/gif"}


#: The longest file name kept for an attachment (the column holds 255 characters).
MAX_FILE_NAME = 120


def clean_file_name(name, fallback="attachment"):
    """The name an applicant's file is kept under: the last path part, without control
    characters (a NUL byte cannot be stored by PostgreSQL nor used in a path), lone surrogates
    or other unprintable characters, at most ``MAX_FILE_NAME`` characters with its extension
    kept. A name with nothing left becomes ``fallback`` (plus the extension, if any)."""
    name = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and not "\ud800" <= ch <= "\udfff")
    name = name.strip().strip(".").strip()
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension[:10]
    stem = stem[:MAX_FILE_NAME - len(extension) - 1] if extension else stem[:MAX_FILE_NAME]
    if not stem.strip():
        stem = fallback
    return f"{stem}.{extension}" if extension else stem


def sniff_type(head):
    """The allow-listable type of a file from its first bytes, or None."""
    for kind, signatures in _SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


def check_attachment(uploaded, allowed_types, max_bytes):
    """Return the file's detected type, or raise ValidationError with a clear reason."""
    name = uploaded.name or ""
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is too large: at most %(max)s MB per file."),
            params={"name": name, "max": round(max_bytes / 1024 / 1024, 1)}, code="size")
    if not uploaded.size:
        raise ValidationError(_("“%(name)s” is empty."), params={"name": name}, code="empty")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    kind = sniff_type(head)
    allowed = ", ".join(t.upper() for t in allowed_types)
    if kind is None or kind not in allowed_types:
        raise ValidationError(
            _("“%(name)s” is not an accepted file: only %(types)s files are accepted, and the "
              "file's content must be of that type."),
            params={"name": name, "types": allowed}, code="type")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in _EXTENSIONS[kind]:
        raise ValidationError(
            _("“%(name)s” is named like another type of file than it contains (%(kind)s)."),
            params={"name": name, "kind": kind.upper()}, code="extension")
    return kind
