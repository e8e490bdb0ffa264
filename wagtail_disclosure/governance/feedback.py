"""The feedback box (意见箱, 互动交流): storing a visitor's message, the clock against the
answer limit, assigning, answering, publishing and closing.

Every action is a plain function taking the ``Feedback`` and the acting user; each one writes
its entry in Wagtail's audit log (the actions are registered in ``feedback_admin``). Emails go
out only after the database has the data (``feedback_mail``): a mail failure never loses a
message or an answer.

The limit: a message is answered within ``FEEDBACK_ANSWER_MONTHS`` months of its receipt
(national government website inspection, 《政府网站与政务新媒体检查指标》: "对网民留言超过3个月
未回复" is a veto). For the counts of the assessment report (``assessment``): ``received_at``
is set when the message is stored; ``answered_at`` (and ``answered_by``) when it is answered,
with ``status`` ANSWERED; a message closed without an answer has ``status`` CLOSED,
``closed_at`` and no ``answered_at``.
"""

import calendar
import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..conf import disclosure_settings
from .choices import FeedbackStatus
from .models import Feedback

LOG_PREFIX = "wagtail_disclosure.feedback"
#: ``YJ2025-000001``: 意见, the year of receipt and a serial counted per year.
REFERENCE_FORMAT = "YJ{year}-{serial:06d}"
OPEN_STATUSES = (FeedbackStatus.NEW, FeedbackStatus.ASSIGNED)


# -- the clock -----------------------------------------------------------------------------


def add_months(day, months):
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day
    (2025-11-30 + 3 months = 2026-02-28). ``months`` may be negative."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def answer_due_on(received_at, months=None):
    """The last day to answer a message received at ``received_at`` (a datetime)."""
    months = disclosure_settings.FEEDBACK_ANSWER_MONTHS if months is None else months
    return add_months(timezone.localtime(received_at).date(), months)


def days_left(feedback, today=None):
    """Days until the answer is due (0 on the last day, negative when overdue); None once
    the message is answered or closed."""
    if feedback.status not in OPEN_STATUSES:
        return None
    today = today or timezone.localdate()
    return (answer_due_on(feedback.received_at) - today).days


def overdue_cutoff(today=None, months=None):
    """Messages received before this (aware) datetime and still open are overdue today,
    i.e. ``answer_due_on(received) < today``: received on or before the last day whose limit
    is yesterday. When yesterday ends its month, every day of the month ``months`` earlier
    qualifies (the 29th to 31st clamp to that month end)."""
    months = disclosure_settings.FEEDBACK_ANSWER_MONTHS if months is None else months
    yesterday = (today or timezone.localdate()) - datetime.timedelta(days=1)
    last = add_months(yesterday, -months)
    if yesterday.day == calendar.monthrange(yesterday.year, yesterday.month)[1]:
        last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    start = last + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


def overdue(queryset=None, today=None):
    """The open messages whose answer is overdue."""
    queryset = Feedback.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=OPEN_STATUSES, received_at__lt=overdue_cutoff(today))


# -- personal data -------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER_RUN = re.compile(r"(?<![\d])\+?\d(?:[\d\- ]*\d)?(?![\d])")
REDACTED = "***"


def _is_contact_number(run):
    """A phone or identity number (13800138000, 0577-88888888, 138 0013 8000,
    11010519491231002X's digits), not a date or a range of years (2025-11-30, 2019-2023):
    a group of 7 or more digits, or 10 or more digits in all."""
    groups = re.findall(r"\d+", run)
    return max(map(len, groups)) >= 7 or sum(map(len, groups)) >= 10


def _mask_numbers(text):
    return _NUMBER_RUN.sub(
        lambda match: REDACTED if _is_contact_number(match.group()) else match.group(), text)


def _has_number(text):
    return any(_is_contact_number(match.group()) for match in _NUMBER_RUN.finditer(text))


def _personal_values(feedback):
    return [value for value in (feedback.name, feedback.email, feedback.phone)
            if value and len(value.strip()) >= 2]


def mask_contact(feedback):
    """The contact fields as staff without ``view_feedback_personal_data`` see them."""
    from ..requests.permissions import mask, mask_name

    email = feedback.email or ""
    return {"name": mask_name(feedback.name),
            "email": email[:1] + "***@" + email.split("@")[-1] if "@" in email else "",
            "phone": mask(feedback.phone, 3, 4)}


def contact_for(feedback, user):
    """Name, email and phone as ``user`` may see them."""
    if can_see_personal_data(user):
        return {"name": feedback.name, "email": feedback.email, "phone": feedback.phone}
    return mask_contact(feedback)


def text_for(feedback, user, text):
    """A text of the visitor's (subject, message) as ``user`` may see it: the visitor's name,
    email and phone inside it masked for staff without the personal-data permission."""
    if can_see_personal_data(user):
        return text or ""
    from ..requests.permissions import text_replacer

    shown = mask_contact(feedback)
    return text_replacer([(getattr(feedback, field), shown[field], False)
                          for field in ("name", "email", "phone")])(text)


def public_text(feedback, text):
    """``text`` made fit to publish: the visitor's name, email and phone, any email address
    and any long number (a phone, an identity number) replaced by ``***``."""
    from ..requests.permissions import text_replacer

    text = text_replacer([(value, REDACTED, False) for value in _personal_values(feedback)])(
        text or "")
    return _mask_numbers(_EMAIL.sub(REDACTED, text))


def personal_data_in(feedback, text):
    """The reasons ``text`` may not be published (empty when it may)."""
    lowered = (text or "").lower()
    problems = []
    if any(value.strip().lower() in lowered for value in _personal_values(feedback)):
        problems.append(_("It contains the visitor's name, email or phone."))
    if _EMAIL.search(text or "") or _has_number(text or ""):
        problems.append(_("It contains an email address or a phone or identity number."))
    return problems


def can_see_personal_data(user):
    return bool(user is not None and user.is_active
                and user.has_perm("wagtail_disclosure.view_feedback_personal_data"))


def can_answer(user):
    return bool(user is not None and user.is_active
                and user.has_perm("wagtail_disclosure.answer_feedback"))


def can_view(user):
    return bool(user is not None and user.is_active
                and (user.has_perm("wagtail_disclosure.view_feedback") or can_answer(user)))


# -- receiving -----------------------------------------------------------------------------


def reference_prefix(page):
    """The prefix of the references of feedback left on ``page``: on a platform of several
    sites, its site's tracking-number prefix (``RequestSettings.tracking_number_prefix``, e.g.
    ``JX`` gives ``JXYJ2026-000001``); "" with a single site, or for a site without one."""
    from .. import sites

    if page is None or not sites.is_multi_site():
        return ""
    from ..requests.services import tracking_prefix

    return tracking_prefix(sites.site_for_page(page))


def next_reference(when, page=None):
    """The next reference of the year of ``when`` (for feedback left on ``page``): one
    database-serialised counter per prefix and year (the catalogue's ``IndexNumberSequence``:
    ``feedback:<year>`` without a prefix, as on a single site; ``feedback:<prefix>:<year>``
    for a site with one, see :func:`reference_prefix`), the unique column as the last
    defence."""
    from ..catalogue.models import IndexNumberSequence

    year = timezone.localtime(when).year
    prefix = reference_prefix(page)
    scope = f"feedback:{prefix}:{year}" if prefix else f"feedback:{year}"
    return prefix + REFERENCE_FORMAT.format(year=year,
                                            serial=IndexNumberSequence.next_serial(scope))


def submit(data, *, page=None):
    """Store a message (validated by ``FeedbackForm``) and return it. It is committed before
    anything else happens: the staff notification is queued after the commit and may fail
    without touching it."""
    now = timezone.now()
    with transaction.atomic():
        feedback = Feedback.objects.create(
            page=page, reference=next_reference(now, page), received_at=now,
            category=data["category"], subject=data["subject"], message=data["message"],
            name=data.get("name") or "", email=data.get("email") or "",
            phone=data.get("phone") or "")
        _log(feedback, "receive", None)
    from . import feedback_mail

    transaction.on_commit(lambda: feedback_mail.enqueue_staff_note(feedback.pk))
    return feedback


# -- the officer's actions -----------------------------------------------------------------


def _log(feedback, action, user, **data):
    log(instance=feedback, action=f"{LOG_PREFIX}.{action}", user=user, data=data or None)


def _locked(feedback):
    return Feedback.objects.select_for_update().get(pk=feedback.pk)


def _refuse_unless_open(feedback):
    if feedback.status not in OPEN_STATUSES:
        raise ValidationError(_("Feedback %(reference)s is already %(status)s.") % {
            "reference": feedback.reference, "status": feedback.get_status_display()})


def assign(feedback, assignee, user):
    """Give the message to ``assignee`` (a user who may answer feedback)."""
    with transaction.atomic():
        feedback = _locked(feedback)
        _refuse_unless_open(feedback)
        if not can_answer(assignee):
            raise ValidationError({"assignee": _("This user may not answer feedback.")})
        feedback.assigned_to = assignee
        feedback.status = FeedbackStatus.ASSIGNED
        feedback.save(update_fields=["assigned_to", "status"])
        _log(feedback, "assign", user, assignee=assignee.get_username())
    return feedback


def answer(feedback, text, user):
    """Record the answer; it is emailed after the commit when the visitor gave an email
    address (``feedback_mail``). The answer is stored whatever happens to the email."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"answer": _("Write the answer.")})
    with transaction.atomic():
        feedback = _locked(feedback)
        _refuse_unless_open(feedback)
        feedback.answer = text
        feedback.answered_at = timezone.now()
        feedback.answered_by = user
        feedback.status = FeedbackStatus.ANSWERED
        feedback.answer_email_error = ""
        feedback.save(update_fields=["answer", "answered_at", "answered_by", "status",
                                     "answer_email_error"])
        _log(feedback, "answer", user, emailed=bool(feedback.email))
    if feedback.email:
        from . import feedback_mail

        transaction.on_commit(lambda: feedback_mail.enqueue_answer(feedback.pk))
    return feedback


def publish(feedback, question, answer_text, user):
    """Publish the question and its answer on the feedback page, in the edited public
    wording, which must not contain the visitor's personal data."""
    question, answer_text = (question or "").strip(), (answer_text or "").strip()
    errors = {}
    for field, value in (("public_question", question), ("public_answer", answer_text)):
        if not value:
            errors[field] = [_("Write the text to publish.")]
        elif personal_data_in(feedback, value):
            errors[field] = personal_data_in(feedback, value)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        feedback = _locked(feedback)
        if feedback.status != FeedbackStatus.ANSWERED:
            raise ValidationError(_("Only answered feedback can be published."))
        feedback.public_question = question
        feedback.public_answer = answer_text
        feedback.published = True
        feedback.published_at = timezone.now()
        feedback.save(update_fields=["public_question", "public_answer", "published",
                                     "published_at"])
        _log(feedback, "publish", user)
    return feedback


def unpublish(feedback, user):
    with transaction.atomic():
        feedback = _locked(feedback)
        if not feedback.published:
            raise ValidationError(_("This feedback is not published."))
        feedback.published = False
        feedback.save(update_fields=["published"])
        _log(feedback, "unpublish", user)
    return feedback


def close(feedback, reason, user):
    """Close without an answer (a duplicate, spam, no question asked), with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for closing without an answer.")})
    with transaction.atomic():
        feedback = _locked(feedback)
        _refuse_unless_open(feedback)
        feedback.status = FeedbackStatus.CLOSED
        feedback.closed_at = timezone.now()
        feedback.close_reason = reason
        feedback.save(update_fields=["status", "closed_at", "close_reason"])
        _log(feedback, "close", user)
    return feedback


# -- the public listing --------------------------------------------------------------------


def published_for(page):
    """The published questions and answers of ``page``, newest answer first."""
    return (Feedback.objects.filter(page=page, published=True,
                                    status=FeedbackStatus.ANSWERED)
            .order_by("-answered_at", "-pk"))


def public_entry(feedback):
    """What the page and its API show of one published message: nothing personal."""
    return {
        "reference": feedback.reference,
        "category": feedback.category,
        "category_label": str(feedback.get_category_display()),
        "question": feedback.public_question,
        "answer": feedback.public_answer,
        "received_on": timezone.localtime(feedback.received_at).date().isoformat(),
        "answered_on": (timezone.localtime(feedback.answered_at).date().isoformat()
                        if feedback.answered_at else None),
    }
