"""Letters (文书) and email texts generated from templates that the agency can edit.

Templates are plain text with ``{placeholders}``; unknown placeholders are left as they are.
They are filled by simple substitution, never by a template language, so an edited template
cannot run code or reach other data. The defaults (:mod:`.texts`) are used while a template in
the site's 依申请公开 settings (:class:`~wagtail_disclosure.requests.settings.RequestSettings`)
is blank.

A letter is filled twice. When the officer's form is prepared (:func:`render_letter`), with
what is known about the request; placeholders that depend on the decision (``{remedy}``,
``{letter_number}``, and ``{outcome}`` while none is chosen) stay in the text. When the letter
is issued, ``services._letter`` fills those with :func:`final_values`.

- :mod:`.texts`: the default texts, the printed titles and the remedy sentences;
- :mod:`.remedies`: which remedy fits which outcome; the check of edited reply templates;
- :mod:`.numbering`: the numbers of reply letters (``REPLY_NUMBER_FORMAT``);
- :mod:`.sheets`: what a printed letter shows.
"""

import re

from django.utils import timezone
from django.utils.formats import date_format

from ...conf import disclosure_settings
from .. import outcomes
from .numbering import letter_number, reply_number_format_problem
from .remedies import remedy_bodies, remedy_text, reply_template_problems
from .sheets import LetterSheet, letter_sheet, letter_sheets
from .texts import DEFAULT_TEMPLATES, DOCUMENT_TITLES, PLACEHOLDERS

__all__ = [
    "DEFAULT_TEMPLATES", "DOCUMENT_TITLES", "PLACEHOLDERS", "LetterSheet", "chinese_date",
    "fill", "final_values", "letter_number", "letter_sheet", "letter_sheets", "letter_values",
    "remedy_text", "render_letter", "reply_number_format_problem", "reply_template_problems",
    "signature",
]

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def fill(template, values):
    """Replace ``{name}`` placeholders with ``values``; leave unknown ones untouched."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), str(template))


def chinese_date(value):
    """``2026年1月5日`` (the form of dates in letters), "" for None."""
    return date_format(value, "Y年n月j日") if value else ""


_date = chinese_date  # the old private name


def letter_values(request_obj, **extra):
    """The placeholders' values for a request (dates in Chinese form). ``{remedy}`` and
    ``{letter_number}`` are not among them (see :func:`final_values`), nor ``{outcome}``
    while the request has none."""
    from ..settings import settings_for

    return _values(request_obj, settings_for(request_obj), extra)


def _values(request_obj, settings_obj, extra):
    from ..settings import issuing_body_for, office_name_for

    reconsideration_body, court = remedy_bodies(settings_obj=settings_obj)
    row = request_obj.outcome_row
    values = {
        "tracking_number": request_obj.tracking_number,
        "name": request_obj.name,
        "address": request_obj.address,
        "received_on": chinese_date(request_obj.received_on),
        "due_on": chinese_date(request_obj.due_on),
        "description": request_obj.description,
        "issuing_body": issuing_body_for(request_obj, settings_obj=settings_obj),
        "office_name": office_name_for(request_obj),
        "today": chinese_date(timezone.localdate()),
        "reasons": "",
        "reconsideration_body": reconsideration_body,
        "court": court,
        "reply_working_days": disclosure_settings.REPLY_WORKING_DAYS,
        "correction_due_on": chinese_date(request_obj.correction_due_on),
        "extension_days": request_obj.extension_days,
        "delayed_until": chinese_date(request_obj.delayed_until),
        "third_party": "",
        "consultation_working_days": disclosure_settings.CONSULTATION_WORKING_DAYS,
        "amount": "",
        "payment_working_days": disclosure_settings.FEE_PAYMENT_WORKING_DAYS,
        "fee_received_on": "",
        "pay_by": "",
    }
    if row is not None:
        values["outcome"] = str(row.display)
    for key, value in extra.items():
        values[key] = chinese_date(value) if hasattr(value, "isoformat") else value
    return values


def render_letter(kind, request_obj, **extra):
    """The text of a letter of ``kind`` for ``request_obj`` from the site's template."""
    from ..settings import letter_template_for, settings_for

    settings_obj = settings_for(request_obj)
    text = fill(letter_template_for(kind, request_obj, settings_obj=settings_obj),
                _values(request_obj, settings_obj, extra))
    return _BLANK_LINES.sub("\n\n", text)  # an empty optional paragraph leaves no gap


def final_values(request_obj, kind, outcome=None, number=""):
    """Placeholders filled only when a letter is issued, once its outcome and number are known:
    ``{remedy}`` (by the outcome, see :mod:`.remedies`; "" for letters that are not
    decisions), ``{letter_number}``, ``{outcome}``, ``{reconsideration_body}``, ``{court}``."""
    from ..settings import settings_for

    outcome = outcome or request_obj.outcome
    settings_obj = settings_for(request_obj)
    reconsideration_body, court = remedy_bodies(settings_obj=settings_obj)
    values = {
        "remedy": remedy_text(outcome, request_obj, kind, settings_obj=settings_obj),
        "letter_number": number,
        "reconsideration_body": reconsideration_body,
        "court": court,
    }
    row = outcomes.BY_KEY.get(outcome or "")
    if row is not None:
        values["outcome"] = str(row.display)
    return values


def signature(letter):
    """The issuing body and the date of ``letter``, on two lines: what the printed sheet shows
    under the text, for an email that carries the letter."""
    from ..settings import issuing_body_for

    day = letter.sent_on or timezone.localdate(letter.created_at)
    return "\n".join(part for part in (issuing_body_for(letter.request), chinese_date(day))
                     if part)
