"""Letter and email texts generated from templates that the agency can edit.

Templates are plain text with ``{placeholders}``; unknown placeholders are left as they are.
They are filled by simple substitution, never by a template language, so an edited template
cannot run code or reach other data. The defaults below are used while a template in the
site's 依申请公开 settings (:class:`~wagtail_disclosure.requests.settings.RequestSettings`) is
blank.
"""

import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .choices import LetterKind

PLACEHOLDERS = {
    "tracking_number": _("the tracking number"),
    "name": _("the applicant's name"),
    "received_on": _("the date of receipt"),
    "due_on": _("the reply deadline"),
    "description": _("the information asked for"),
    "office_name": _("the disclosure office's name"),
    "today": _("today's date"),
    "outcome": _("the outcome (the national table's row)"),
    "reasons": _("the reasons and details typed by the officer"),
    "correction_due_on": _("the date the correction is due"),
    "extension_days": _("the working days of the extension"),
    "amount": _("the fee in yuan"),
    "pay_by": _("the date the fee is due"),
    "third_party": _("the third party consulted"),
}

DEFAULT_TEMPLATES = {
    LetterKind.ACKNOWLEDGEMENT: _(
        "{name}:\n\nYour request for government information was received on {received_on} "
        "and registered under tracking number {tracking_number}. Unless we ask you to correct "
        "it, we will reply by {due_on}.\n\nInformation requested: {description}\n\n"
        "{office_name}\n{today}"),
    LetterKind.CORRECTION_NOTICE: _(
        "{name}:\n\nWe received your request {tracking_number} on {received_on}. To process "
        "it we need you to correct or complete it as follows:\n\n{reasons}\n\nPlease send the "
        "corrected request by {correction_due_on}. The 20 working days for our reply start "
        "again from the day we receive it. If it does not reach us by then without good "
        "reason, the request is treated as abandoned (条例 Art.30).\n\n{office_name}\n{today}"),
    LetterKind.EXTENSION_NOTICE: _(
        "{name}:\n\nWith the approval of the head of our disclosure office, the time to reply "
        "to your request {tracking_number} is extended by {extension_days} working days "
        "(条例 Art.33). We will reply by {due_on}.\n\nReason: {reasons}\n\n{office_name}\n"
        "{today}"),
    LetterKind.FEE_NOTICE: _(
        "{name}:\n\nYour request {tracking_number} goes beyond a reasonable volume, so an "
        "information processing fee of {amount} yuan is payable (国办函〔2020〕109号). Please "
        "pay by {pay_by}; if it is not paid by then, the request will not be processed "
        "further.\n\n{reasons}\n\n{office_name}\n{today}"),
    LetterKind.REPLY: _(
        "{name}:\n\nWe received your request {tracking_number} on {received_on} for: "
        "{description}\n\nOur answer ({outcome}):\n\n{reasons}\n\nIf you disagree with this "
        "answer, you may apply for administrative reconsideration within 60 days of receiving "
        "it, or bring an administrative lawsuit within 6 months.\n\n{office_name}\n{today}"),
    LetterKind.CLOSURE: _(
        "{name}:\n\nYour request {tracking_number} is closed ({outcome}).\n\n{reasons}\n\n"
        "{office_name}\n{today}"),
    LetterKind.CONSULTATION: _(
        "To {third_party}:\n\nWe have received a request for government information that may "
        "affect your lawful rights and interests. Please give us your opinion in writing within "
        "15 working days of receiving this letter (条例 Art.32); if you do not answer in time, "
        "we will decide according to law.\n\n{office_name}\n{today}"),
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(template, values):
    """Replace ``{name}`` placeholders with ``values``; leave unknown ones untouched."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), str(template))


def _date(value):
    return date_format(value, "Y年n月j日") if value else ""


def letter_values(request_obj, **extra):
    """The placeholders' values for a request (dates in Chinese form)."""
    from .settings import office_name_for

    row = request_obj.outcome_row
    values = {
        "tracking_number": request_obj.tracking_number,
        "name": request_obj.name,
        "received_on": _date(request_obj.received_on),
        "due_on": _date(request_obj.due_on),
        "description": request_obj.description,
        "office_name": office_name_for(request_obj),
        "today": _date(timezone.localdate()),
        "outcome": str(row.display) if row else "",
        "reasons": "",
        "correction_due_on": _date(request_obj.correction_due_on),
        "extension_days": request_obj.extension_days,
        "amount": "",
        "pay_by": "",
        "third_party": "",
    }
    for key, value in extra.items():
        values[key] = _date(value) if hasattr(value, "isoformat") else value
    return values


def render_letter(kind, request_obj, **extra):
    """The text of a letter of ``kind`` for ``request_obj`` from the site's template."""
    from .settings import letter_template_for

    return fill(letter_template_for(kind, request_obj), letter_values(request_obj, **extra))


def letter_number(request_obj, kind, on):
    """The number a new letter of ``kind`` gets (答复书 are numbered per organ and year by
    ``REPLY_NUMBER_FORMAT``); "" for letters that are not numbered."""
    return ""


def final_values(request_obj, kind, outcome=None, number=""):
    """Placeholders filled only when a letter is issued, once its outcome and number are known
    (e.g. ``{remedy}``, which depends on the outcome, and ``{letter_number}``)."""
    return {}
