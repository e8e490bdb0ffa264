"""索引号 (catalogue index numbers): formatting and lenient parsing.

Pure functions, no ORM. The database side (allocating the next serial safely under
concurrency) lives in :mod:`wagtail_disclosure.catalogue.models` (``IndexNumberSequence``).

The national catalogue guide (政府信息公开目录系统实施指引) defines ``前段码/后段码``: the
publisher's organisation code, then ``YYYY-NNNNN``. Real sites vary: hyphens kept in the
organisation code, 18-character 统一社会信用代码, a ``YYYYMM`` middle part, site codes as the
prefix. Generation is configurable; parsing accepts all of those forms.
"""

import re
import string
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ALLOWED_FIELDS = {"organ_code", "year", "month", "serial"}

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_INDEX_RE = re.compile(
    r"^(?P<prefix>[0-9A-Za-z](?:[0-9A-Za-z-]{0,38}[0-9A-Za-z])?)"
    r"/(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])?"
    r"-(?P<serial>\d{1,10})$",
    re.ASCII,  # \d is 0-9 only: the digits of other scripts (e.g. "٢") are not stored
)


class IndexNumberError(ValueError):
    """A 索引号 that cannot be read. ``str(exc)`` is a translated, user-facing message."""


@dataclass(frozen=True)
class ParsedIndexNumber:
    prefix: str
    year: int
    month: int | None
    serial: int
    text: str  # the normalised form that is stored


def validate_format(fmt):
    """Raise ``ValueError`` unless ``fmt`` is a usable index-number format string."""
    if not isinstance(fmt, str) or not fmt:
        raise ValueError("the format must be a non-empty string")
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None}
    except ValueError as exc:
        raise ValueError(f"bad format string ({exc})") from None
    unknown = fields - ALLOWED_FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(ALLOWED_FIELDS)}")
    for required in ("organ_code", "serial"):
        if required not in fields:
            raise ValueError(f"the format must contain {{{required}}}")
    if "year" not in fields:
        raise ValueError("the format must contain {year}: serials restart every year")
    try:
        sample = format_index_number(fmt, "000014349", 2025, 1, 1)
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"the format cannot be rendered ({exc})") from None
    if len(sample) > 64:
        raise ValueError("the format renders numbers longer than 64 characters")


def normalise_organ_code(code):
    """The organ code as it appears in the index number: hyphens and spaces dropped."""
    return re.sub(r"[\s\-" + _DASHES + "]", "", unicodedata.normalize("NFKC", code or ""))


def uses_month(fmt):
    return any(name == "month" for _, name, _, _ in string.Formatter().parse(fmt))


def serial_scope(fmt, organ_code, year, month):
    """The key under which serials are counted: per organ and year (or year and month)."""
    period = f"{year:04d}{month:02d}" if uses_month(fmt) else f"{year:04d}"
    return f"{normalise_organ_code(organ_code)}|{period}"


def format_index_number(fmt, organ_code, year, month, serial):
    """Render one index number, e.g. ``format_index_number(DEFAULT, "000014349", 2017, 3, 110)``
    gives ``000014349/2017-00110``."""
    return fmt.format(
        organ_code=normalise_organ_code(organ_code), year=year, month=month, serial=serial
    )


def clean_text(raw):
    """Fold full-width forms, odd dashes and spaces, and a leading '索引号：' label."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = re.sub(r"^索引号\s*[:：]?\s*", "", text)
    for dash in _DASHES:
        text = text.replace(dash, "-")
    text = text.replace("\\", "/")
    return re.sub(r"\s+", "", text)


def parse_index_number(raw):
    """Read a 索引号 written in any of the forms real sites use.

    Accepts e.g. ``014320144/2015-00056``, ``0142768-8/2022-00185``,
    ``11341702486344515H/202110-00013``, ``sggzyjyzx/2024-00002``, full-width characters and
    stray spaces. Returns a :class:`ParsedIndexNumber`; raises :class:`IndexNumberError` with a
    message that tells the editor what is wrong.
    """
    text = clean_text(raw)
    if not text:
        raise IndexNumberError(_("Enter an index number."))
    if "/" not in text:
        raise IndexNumberError(
            _("An index number has two parts separated by '/': the organisation code, then "
              "the year and serial, e.g. 000014349/2017-00110.")
        )
    match = _INDEX_RE.match(text)
    if not match:
        raise IndexNumberError(
            _("“%(value)s” is not a valid index number. Expected the organisation code, '/', "
              "a four-digit year (optionally followed by a two-digit month), '-' and a serial "
              "number, e.g. 000014349/2017-00110 or 11341702486344515H/202110-00013.")
            % {"value": raw.strip()}
        )
    month = match["month"]
    return ParsedIndexNumber(
        prefix=match["prefix"],
        year=int(match["year"]),
        month=int(month) if month else None,
        serial=int(match["serial"]),
        text=text,
    )
