"""Turning an uploaded file's bytes into text: size and binary checks, then the encoding.

Order: a byte-order mark; the page's own ``<meta charset>`` / ``http-equiv`` declaration; UTF-8;
GB18030 (a superset of GBK and GB2312, which many government pages still use). One exception to
that order: a page that declares a GB charset but is valid UTF-8 with non-ASCII text was re-saved
as UTF-8 without its declaration being updated (common), so UTF-8 wins there.

A declared charset is used only when it is one of ``DECLARED_ENCODINGS`` (the encodings pages
are actually saved in): Python also knows codecs such as ``punycode`` whose decoding takes time
that grows with the square of the input, so a page declaring one is read as UTF-8/GB18030.
Every decoding is then linear in the file's size, which ``check_size`` bounds first.
"""

import codecs
import re
import unicodedata

from django.utils.translation import gettext as _

from .import_base import ReportImportError

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP/DOCX/XLSX"),
    (b"\xd0\xcf\x11\xe0", "DOC/XLS"),
    (b"{\\rtf", "RTF"),
    (b"\x1f\x8b", "GZIP"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "hz-gb-2312"}
# Python's canonical names (``codecs.lookup(name).name``) of the charsets a page may declare.
DECLARED_ENCODINGS = frozenset({
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "latin-1", "iso8859-1", "cp1252",
    "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "euc_jp", "shift_jis", "euc_kr",
})


def check_size(raw, max_bytes):
    if max_bytes is not None and len(raw) > max_bytes:
        raise ReportImportError(
            _("The file is too large (%(size)s bytes; the limit is %(limit)s bytes).")
            % {"size": len(raw), "limit": max_bytes})


def _binary_kind(raw):
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    if b"\x00" in raw[:65536] and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary"
    return None


def _declared(raw):
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    if name in _GB:
        return "gb18030"
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    return encoding if encoding in DECLARED_ENCODINGS else None


def _strict(raw, encoding):
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_text(text):
    """Rejects random bytes that happen to decode: too many control or unassigned characters."""
    if not text:
        return True
    sample = text[:20000]
    bad = sum(1 for ch in sample
              if (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f\v")
              or ch == "\ufffd")
    return bad <= len(sample) * 0.01


def decode(raw):
    """``(text, encoding)`` or ``ReportImportError`` for binary or undecodable input."""
    kind = _binary_kind(raw)
    if kind:
        raise ReportImportError(
            _("This is a binary file (%(kind)s), not an HTML page or a text file. Save the report "
              "as HTML or copy its text into a .txt file.") % {"kind": kind})
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw, encoding)
            if text is not None and _looks_like_text(text):
                return text, encoding
    candidates = []
    declared = _declared(raw)
    if declared:
        utf8 = _strict(raw, "utf-8")
        if declared == "gb18030" and utf8 is not None and not utf8.isascii():
            candidates.append("utf-8")
        candidates.append(declared)
    candidates += ["utf-8", "gb18030"]
    for encoding in dict.fromkeys(candidates):
        text = _strict(raw, encoding)
        if text is not None and _looks_like_text(text):
            return text, encoding
    raise ReportImportError(
        _("The file's text could not be decoded (tried UTF-8 and GB18030/GBK); it may be a "
          "binary file or use an unsupported encoding."))
