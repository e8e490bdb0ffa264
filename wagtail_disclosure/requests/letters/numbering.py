"""Numbers of letters: a reply (答复书) is numbered per organ and year by the
``REPLY_NUMBER_FORMAT`` setting, e.g. ``鹿供公开〔2026〕1号``; other letters are not numbered."""

from django.core.exceptions import ImproperlyConfigured

from ...conf import disclosure_settings
from ..choices import LetterKind

NUMBER_MAX_LENGTH = 100  # RequestLetter.number
SCOPE_MAX_LENGTH = 80  # IndexNumberSequence.scope
NUMBERED_KINDS = (LetterKind.REPLY,)


def format_reply_number(fmt, organ_short, year, serial):
    """``fmt`` with its fields ``organ_short``, ``year`` and ``serial`` filled in."""
    return fmt.format(organ_short=organ_short, year=year, serial=serial)


def reply_number_format_problem(fmt):
    """Why ``fmt`` cannot number reply letters, or "" when it can (system check E020)."""
    if not isinstance(fmt, str):
        return f"it must be a string, not {type(fmt).__name__}"
    try:
        first = format_reply_number(fmt, "鹿供", 2026, 1)
        if first == format_reply_number(fmt, "鹿供", 2026, 2):
            return "it must contain {serial}"
        if first == format_reply_number(fmt, "鹿供", 2027, 1):
            return "it must contain {year}: serials start again each year"
        longest = format_reply_number(fmt, "温" * 50, 2026, 99999)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        return f"use only the fields {{organ_short}}, {{year}} and {{serial}} ({exc!r})"
    if len(longest) > NUMBER_MAX_LENGTH:
        return f"the numbers could be longer than {NUMBER_MAX_LENGTH} characters"
    return ""


def number_scope(organ, year, site_id=None):
    """The ``IndexNumberSequence`` scope of the reply numbers of ``organ`` in ``year``.

    A request addressed to no organ is numbered with the issuing body of its site
    (``RequestSettings``): per site, so that the sites of one installation do not share one
    series. The default site (and a request of no site) keeps the scope of a single-site
    installation, ``reply:0:<year>``, so that its series goes on where it was."""
    if organ is not None:
        return f"reply:{organ.pk}:{year}"[:SCOPE_MAX_LENGTH]
    if site_id is not None and site_id != _default_site_id():
        return f"reply:0:site{site_id}:{year}"[:SCOPE_MAX_LENGTH]
    return f"reply:0:{year}"


def _default_site_id():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def organ_short_name(request_obj):
    """The organ's 机关代字 (its short name), else its name, else the issuing body."""
    organ = request_obj.organ
    if organ is not None and (organ.short_name or organ.name):
        return organ.short_name or organ.name
    from ..settings import issuing_body_for

    return issuing_body_for(request_obj)


def letter_number(request_obj, kind, on):
    """The number a new letter of ``kind`` issued ``on`` gets: reply letters take the next
    serial of their organ and year; other letters "" (not numbered)."""
    if kind not in NUMBERED_KINDS:
        return ""
    fmt = disclosure_settings.REPLY_NUMBER_FORMAT
    problem = reply_number_format_problem(fmt)
    if problem:
        raise ImproperlyConfigured(f"WAGTAIL_DISCLOSURE['REPLY_NUMBER_FORMAT']: {problem}.")
    from ...catalogue.models import IndexNumberSequence

    serial = IndexNumberSequence.next_serial(
        number_scope(request_obj.organ, on.year, getattr(request_obj, "site_id", None)))
    number = format_reply_number(fmt, organ_short_name(request_obj), on.year, serial)
    return number[:NUMBER_MAX_LENGTH]
