"""What can happen to a request: each action checks the status, changes the request, records
the event in Wagtail's audit log (who, when, what: never the applicant's personal data),
recomputes the deadline when it depends on the action, and queues the emails.

Views, the API and management commands call these functions; they hold no rules of their own.
Each function runs in one transaction: an action is done entirely or not at all.
"""

import datetime
import logging
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.log_actions import log

from ..catalogue.models import IndexNumberSequence
from ..conf import disclosure_settings
from ..workdays import default_calendar
from . import clock, notifications, outcomes
from .dates import check_receipt_date, check_recorded_date, latest_future_day
from .choices import (
    OPEN_STATUSES,
    SAME_DAY_DELIVERIES,
    ExtensionKind,
    ExtensionStatus,
    LetterKind,
    ReceiptChannel,
    Status,
)
from .models import (
    Consultation,
    FeeNotice,
    InformationRequest,
    LetterDocument,
    RequestAttachment,
    RequestLetter,
    hash_access_code,
    new_access_code,
    normalise_tracking_number,
)

ACTION_PREFIX = "wagtail_disclosure.request"

logger = logging.getLogger(__name__)


# The statuses each action is possible from. The services below check them; the admin offers
# its action forms by them, so the two cannot disagree.
ACTION_STATUSES = {
    "confirm_receipt": (Status.AWAITING_CONFIRMATION,),
    "start": (Status.RECEIVED,),
    "assign": OPEN_STATUSES,
    "correction_notice": (Status.RECEIVED, Status.IN_PROGRESS),
    "correction_received": (Status.AWAITING_CORRECTION,),
    "lapse_correction": (Status.AWAITING_CORRECTION,),
    "correction_more_time": (Status.AWAITING_CORRECTION,),
    "consultation": (Status.RECEIVED, Status.IN_PROGRESS, Status.EXTENDED, Status.CONSULTING),
    "consultation_received": (Status.CONSULTING,),
    "end_consultation": (Status.CONSULTING,),
    "extension": (Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING, Status.EXTENDED),
    "delay": (Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING, Status.EXTENDED),
    "fee_notice": (Status.RECEIVED, Status.IN_PROGRESS, Status.EXTENDED),
    "fee_received": (Status.AWAITING_PAYMENT,),
    "payment": (Status.AWAITING_PAYMENT,),
    # A reply while consulting is refused with its own reason (end the consultation first).
    "reply": (Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING, Status.EXTENDED,
              Status.AWAITING_PAYMENT),
    "delivery": (Status.ANSWERED,),
    "withdraw": OPEN_STATUSES,
    "close": (*OPEN_STATUSES, Status.ANSWERED),
    "publish_item": (Status.ANSWERED, Status.CLOSED),
}


class ActionNotAllowed(ValidationError):
    """The action does not fit the request's status (the message says why)."""


def _log(request_obj, action, user=None, **data):
    log(instance=request_obj, action=f"{ACTION_PREFIX}.{action}", user=user,
        data={key: (value.isoformat() if isinstance(value, datetime.date) else value)
              for key, value in data.items()})


def _require_status(request_obj, allowed, action_label):
    if request_obj.status not in allowed:
        raise ActionNotAllowed(
            _("“%(action)s” is not possible while the request is “%(status)s”.")
            % {"action": action_label, "status": request_obj.get_status_display()})


def _lock(request_obj):
    """Re-read the request under a row lock, so two officers cannot act on a stale copy."""
    return InformationRequest.objects.select_for_update().get(pk=request_obj.pk)


# -- the deadline --------------------------------------------------------------------------


def reply_period_runs(request_obj, on=None):
    """Whether the reply deadline has not passed on ``on`` (today): extensions, delays and fee
    notices are possible only then (条例 Art.33, 35; 国办函〔2020〕109号)."""
    return (on or timezone.localdate()) <= request_obj.due_on


def fee_pause_spans(request_obj):
    """The fee notices as pauses of the clock: from the notice to its payment, or to the end
    of its payment period while unpaid (国办函〔2020〕109号; ``FEE_PAUSES_CLOCK``)."""
    return [clock.PauseSpan(n.issued_on, n.pay_by, n.paid_on or n.lapsed_on)
            for n in request_obj.fee_notices.all()]


def delay_working_days(request_obj):
    """The working days the approved delayed replies (Art.35) added to the deadline of their
    day (0 without a delay: no query)."""
    if request_obj.delayed_until is None:
        return 0
    return sum(e.days for e in request_obj.extensions.all()
               if e.kind == ExtensionKind.DELAY and e.status == ExtensionStatus.APPROVED)


def compute_deadline(request_obj, calendar=None):
    calendar = calendar or clock.calendar_for(request_obj)
    spans = [clock.PauseSpan(c.started_on, c.due_on, c.ended_on)
             for c in request_obj.consultations.all()]
    # A delay is counted as the working days it added, so that a fee paused or an extension
    # granted after it moves the delayed deadline too (the paused days never count).
    return clock.reply_deadline(request_obj.clock_started_on, request_obj.extension_days,
                                spans, calendar, fee_pauses=fee_pause_spans(request_obj),
                                delayed_until=request_obj.delayed_until,
                                delay_days=delay_working_days(request_obj))


def recompute_deadline(request_obj, cause, user=None, calendar=None):
    """Recompute and store the reply deadline; log the change with its cause. Returns True
    when the deadline changed."""
    deadline = compute_deadline(request_obj, calendar)
    old, old_provisional = request_obj.due_on, request_obj.due_provisional
    if deadline.date == old and deadline.provisional == old_provisional:
        return False
    request_obj.due_on, request_obj.due_provisional = deadline.date, deadline.provisional
    InformationRequest.objects.filter(pk=request_obj.pk).update(
        due_on=deadline.date, due_provisional=deadline.provisional)
    _log(request_obj, "deadline", user, old=old, new=deadline.date, cause=cause,
         provisional=deadline.provisional)
    return True


def recompute_open_deadlines(cause, user=None):
    """After the working-day calendar changed: recompute every open request's deadlines,
    each with its site's calendar."""
    changed = 0
    with transaction.atomic():
        for request_obj in (InformationRequest.objects.select_for_update()
                            .filter(status__in=OPEN_STATUSES)
                            .prefetch_related("consultations", "fee_notices",
                                              "extensions")):
            calendar = clock.calendar_for(request_obj)
            # An open consultation's 15 working days move with the calendar too.
            for consultation in request_obj.consultations.all():
                if consultation.ended_on is None:
                    due = clock.consultation_deadline(
                        consultation.received_on or consultation.started_on, calendar).date
                    if due != consultation.due_on:
                        Consultation.objects.filter(pk=consultation.pk).update(due_on=due)
                        consultation.due_on = due
            # An unpaid fee's payment period moves with the calendar too.
            for notice in request_obj.fee_notices.all():
                if notice.paid_on is None and notice.lapsed_on is None:
                    pay_by = clock.fee_payment_deadline(notice.received_on or notice.issued_on,
                                                        calendar).date
                    if pay_by != notice.pay_by:
                        FeeNotice.objects.filter(pk=notice.pk).update(pay_by=pay_by)
                        notice.pay_by = pay_by
            if recompute_deadline(request_obj, cause, user, calendar):
                changed += 1
            notice = clock.correction_notice_deadline(request_obj.received_on, calendar).date
            if notice != request_obj.correction_notice_due_on:
                InformationRequest.objects.filter(pk=request_obj.pk).update(
                    correction_notice_due_on=notice)
    return changed


# -- receiving -----------------------------------------------------------------------------


def tracking_prefix(site):
    """The tracking-number prefix of ``site`` (``RequestSettings.tracking_number_prefix``),
    "" without one."""
    if site is None:
        return ""
    from .settings import RequestSettings

    return normalise_tracking_number(RequestSettings.for_site(site).tracking_number_prefix)


def next_tracking_number(received_on, site=None):
    """The next tracking number of a request received on ``received_on`` by ``site``: the
    site's prefix, then ``TRACKING_NUMBER_FORMAT``. Serials count per prefix and year (the
    sequence ``request:<year>`` without a prefix, as before; ``request:<prefix>:<year>`` with
    one), so that numbers are unique across every site of the installation."""
    prefix = tracking_prefix(site)
    scope = f"request:{prefix}:{received_on.year}" if prefix else f"request:{received_on.year}"
    serial = IndexNumberSequence.next_serial(scope)
    return prefix + normalise_tracking_number(disclosure_settings.TRACKING_NUMBER_FORMAT.format(
        year=received_on.year, serial=serial))


def _site_of_submission(data, page):
    """The site a request belongs to: its form page's, else the one chosen when it was
    registered (``data["site"]``), else the default site."""
    from .. import sites

    if page is not None:
        site = sites.site_for_page(page)
        if site is not None:
            return site
    if data.get("site") is not None:
        return data["site"]
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).first()


def _normalise(text):
    return re.sub(r"[\s，。、,.;；:：!！?？“”\"'‘’（）()《》<>【】\[\]-]", "", text or "").lower()


def same_applicant(request_obj):
    """The other requests by the same applicant: the credit code, else the identity number,
    else name and phone. Used by the repeat check and the per-item fee count."""
    others = InformationRequest.objects.exclude(pk=request_obj.pk)
    if request_obj.organisation_code:
        return others.filter(organisation_code=request_obj.organisation_code)
    if request_obj.id_number:
        return others.filter(id_number=request_obj.id_number)
    return others.filter(name=request_obj.name, phone=request_obj.phone)


def find_possible_repeat(request_obj):
    """An earlier request by the same applicant for apparently the same information."""
    earlier_requests = same_applicant(request_obj).filter(anonymised_at__isnull=True)
    wanted = _normalise(request_obj.description)
    number = _normalise(request_obj.document_number)
    for earlier in earlier_requests.order_by("-received_on", "-pk")[:50]:
        if number and number == _normalise(earlier.document_number):
            return earlier
        if wanted and wanted == _normalise(earlier.description):
            return earlier
    return None


def submit(data, files=(), *, channel=ReceiptChannel.ONLINE, received_on=None, user=None,
           page=None, consent=True):
    """Store a request (already validated by a :class:`RequestForm`). Returns the request and
    its access code, which is shown once and then only its hash is kept. ``received_on`` lies
    between 2008-05-01 (the 条例 in force) and today (:func:`dates.check_receipt_date`)."""
    received_on = check_receipt_date(received_on or timezone.localdate())
    site = _site_of_submission(data, page)
    calendar = default_calendar(site)
    access_code = new_access_code()
    # Hashed (slowly, on purpose) before the transaction: not while the tracking-number
    # sequence row is locked, which would serialise every submission behind the hasher.
    access_code_hash = hash_access_code(access_code)
    stored = []  # files written to storage, removed again if the request is not stored
    written = False  # all written: from here only the commit itself can fail
    try:
        with transaction.atomic():
            fields = {name: data.get(name) or "" for name in (
                "applicant_type", "organisation_kind", "name", "id_type", "id_number",
                "organisation_code", "legal_representative", "contact_person", "phone", "email",
                "address", "postcode", "description", "document_number", "purpose", "form",
                "delivery")}
            if fields["applicant_type"] == "natural_person":
                # Organisation fields left over from switching the applicant type: not stored (and
                # the credit code would otherwise decide who the applicant is for repeats).
                fields["organisation_kind"] = fields["organisation_code"] = ""
                fields["legal_representative"] = ""
            deadline = clock.reply_deadline(received_on, calendar=calendar)
            # 条例 Art.31: an internet request is received on the day both sides confirm it. With
            # ONLINE_RECEIPT = "confirmation" the office confirms it by an action (confirm_receipt),
            # which dates the receipt and starts the clock; until then the dates are provisional.
            awaiting_confirmation = (channel == ReceiptChannel.ONLINE
                                     and disclosure_settings.ONLINE_RECEIPT == "confirmation")
            request_obj = InformationRequest(
                status=Status.AWAITING_CONFIRMATION if awaiting_confirmation else Status.RECEIVED,
                **fields,
                tracking_number=next_tracking_number(received_on, site),
                request_page=page, site=site, channel=channel, received_on=received_on,
                organ=data.get("organ") or (page.organ if page is not None else None),
                consent_given_at=timezone.now() if consent else None,
                created_by=user if user and user.is_authenticated else None,
                clock_started_on=received_on, due_on=deadline.date,
                due_provisional=deadline.provisional,
                correction_notice_due_on=clock.correction_notice_deadline(received_on,
                                                                          calendar).date,
            )
            request_obj.access_code_hash = access_code_hash
            request_obj.save()
            for uploaded, kind in files:
                attachment = RequestAttachment(
                    request=request_obj, original_name=uploaded.name[:255],
                    content_type=kind, size=uploaded.size)
                # The name is chosen (and noted) before the file is written: a write cut
                # short (the disk full) leaves part of the file there, removed below too.
                name = attachment.file.field.generate_filename(attachment, uploaded.name)
                stored.append(name)
                attachment.file.name = attachment.file.storage.save(
                    name, uploaded, max_length=attachment.file.field.max_length)
                stored[-1] = attachment.file.name
                attachment.save()
            repeat = find_possible_repeat(request_obj)
            if repeat is not None:
                request_obj.possible_repeat_of = repeat
                request_obj.save(update_fields=["possible_repeat_of"])
            # The 登记回执, kept as a letter so that the applicant can read and print it on the
            # tracking page (it is emailed too). Awaiting confirmation, it is issued on confirming.
            if not awaiting_confirmation:
                _acknowledge(request_obj, received_on)
            _log(request_obj, "receive", user if user and user.is_authenticated else None,
                 channel=channel, received_on=received_on, due_on=deadline.date,
                 possible_repeat_of=repeat.tracking_number if repeat else None)
            notifications.notify_applicant(request_obj, "received", access_code=access_code)
            from .settings import settings_for

            settings_obj = settings_for(request_obj)
            notifications.notify_staff(request_obj, "new", extra_addresses=[
                settings_obj.staff_email if settings_obj else ""])
            written = True
    except BaseException:
        # Rolled back: no row points to these files any more, so remove them (else they stay
        # in the private folder, where retention never finds them; see also
        # retention.remove_orphaned_files for a rollback of an enclosing transaction).
        # Not when the COMMIT itself failed (the database went away while committing): it
        # may have been made all the same, and a stored request must keep its files; the
        # orphan sweep removes them if it was not (docs/explanation/faults.md).
        if not written:
            _remove_files(stored)
        raise
    return request_obj, access_code


def _remove_files(names):
    storage = RequestAttachment._meta.get_field("file").storage

    for name in names:
        try:
            storage.delete(name)
        except OSError:  # the sweep (retention.remove_orphaned_files) removes it later
            logger.warning("Could not remove an orphaned upload %s", name)


def _acknowledge(request_obj, on):
    from .letters import render_letter

    return _letter(request_obj, LetterKind.ACKNOWLEDGEMENT, _("Acknowledgement of receipt"),
                   render_letter(LetterKind.ACKNOWLEDGEMENT, request_obj), None, on)


def confirm_receipt(request_obj, user, on=None):
    """条例 Art.31 "双方确认之日": the office confirms an online request's receipt (with
    ``ONLINE_RECEIPT = "confirmation"``); that day is the date of receipt and the clock starts.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["confirm_receipt"], _("Confirm receipt"))
        submitted_on = timezone.localdate(request_obj.submitted_at)
        if on < submitted_on or on > timezone.localdate():
            raise ValidationError({"on": _(
                "Receipt is confirmed between the submission (%(date)s) and today.") % {
                "date": submitted_on}})
        request_obj.received_on = request_obj.clock_started_on = on
        request_obj.correction_notice_due_on = clock.correction_notice_deadline(
            on, clock.calendar_for(request_obj)).date
        request_obj.status = Status.RECEIVED
        request_obj.save(update_fields=["received_on", "clock_started_on",
                                        "correction_notice_due_on", "status"])
        _log(request_obj, "confirm_receipt", user, received_on=on)
        recompute_deadline(request_obj, "receipt_confirmed", user)
        letter = _acknowledge(request_obj, on)
        notifications.notify_applicant(request_obj, "receipt_confirmed", letter)
    return request_obj


# -- letters -------------------------------------------------------------------------------


def _letter(request_obj, kind, title, body, user, sent_on, documents=(), outcome=None):
    """Store a letter: numbered if its kind is numbered, with the placeholders that depend on
    the outcome or the number (``{remedy}``, ``{letter_number}``) filled in."""
    from .letters import fill, final_values, letter_number

    number = letter_number(request_obj, kind, sent_on or timezone.localdate())
    body = fill(body, final_values(request_obj, kind, outcome=outcome, number=number))
    letter = RequestLetter.objects.create(request=request_obj, kind=kind, title=title,
                                          number=number, body=body, created_by=user,
                                          sent_on=sent_on)
    for uploaded in documents:
        LetterDocument.objects.create(letter=letter, file=uploaded,
                                      title=uploaded.name[:255],
                                      content_type=getattr(uploaded, "content_type", "") or "",
                                      size=uploaded.size or 0)
    return letter


# -- processing ----------------------------------------------------------------------------


def assign(request_obj, handler, user):
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["assign"], _("Assign"))
        request_obj.handler = handler
        if request_obj.status == Status.RECEIVED:
            request_obj.status = Status.IN_PROGRESS
        request_obj.save(update_fields=["handler", "status"])
        _log(request_obj, "assign", user, handler=handler.get_username() if handler else None)
        if handler is not None and handler != user:
            notifications.notify_staff(request_obj, "assigned", users=[handler])
    return request_obj


def start_processing(request_obj, user):
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["start"], _("Start processing"))
        request_obj.status = Status.IN_PROGRESS
        if request_obj.handler is None:
            request_obj.handler = user
        request_obj.save(update_fields=["status", "handler"])
        _log(request_obj, "start", user)
    return request_obj


def send_correction_notice(request_obj, user, body, correction_due_on, sent_on=None):
    """补正告知 (Art.30): at most once (一次性告知), before any other step on the merits."""
    sent_on = sent_on or timezone.localdate()
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["correction_notice"],
                        _("Send a correction notice"))
        if request_obj.letters.filter(kind=LetterKind.CORRECTION_NOTICE).exists():
            raise ActionNotAllowed(_("A correction notice was already sent: the regulation asks "
                                     "for everything to be corrected at once (一次性告知)."))
        if correction_due_on <= sent_on:
            raise ValidationError({"correction_due_on": _(
                "The applicant needs a reasonable time to correct the request: choose a date "
                "after the notice.")})
        _check_future_date(correction_due_on, "correction_due_on", after=sent_on)
        late = sent_on > request_obj.correction_notice_due_on
        request_obj.status = Status.AWAITING_CORRECTION
        request_obj.correction_due_on = correction_due_on
        request_obj.save(update_fields=["status", "correction_due_on"])
        letter = _letter(request_obj, LetterKind.CORRECTION_NOTICE, _("Correction notice"),
                         body, user, sent_on)
        _log(request_obj, "correction_notice", user, sent_on=sent_on,
             correction_due_on=correction_due_on, late=late)
        notifications.notify_applicant(request_obj, "correction_notice", letter)
    return request_obj


def record_correction(request_obj, user, received_on, description=None):
    """The corrected request arrived: the 20 working days start again from its receipt."""
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["correction_received"],
                        _("Record the correction"))
        notice = request_obj.letters.filter(kind=LetterKind.CORRECTION_NOTICE).first()
        earliest = notice.sent_on if notice and notice.sent_on else request_obj.received_on
        if received_on < earliest or received_on > timezone.localdate():
            raise ValidationError({"received_on": _(
                "The corrected request arrives after the correction notice went out "
                "(%(date)s) and no later than today.") % {"date": earliest}})
        request_obj.clock_started_on = received_on
        request_obj.status = Status.IN_PROGRESS
        fields = ["clock_started_on", "status"]
        if description:
            request_obj.description = description
            fields.append("description")
        request_obj.save(update_fields=fields)
        _log(request_obj, "correction_received", user, received_on=received_on)
        recompute_deadline(request_obj, "correction_received", user)
    return request_obj


def lapse_correction(request_obj, user=None, today=None):
    """No correction by the applicant's deadline: the request ends as 其他处理/1."""
    today = today or timezone.localdate()
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["lapse_correction"],
                        _("Close as not corrected"))
        if request_obj.correction_due_on and request_obj.correction_due_on >= today:
            raise ActionNotAllowed(_("The applicant still has until %(date)s to correct the "
                                     "request.") % {"date": request_obj.correction_due_on})
        _finish(request_obj, Status.CLOSED, outcomes.NO_CORRECTION_OUTCOME, today)
        _log(request_obj, "correction_lapsed", user, closed_on=today,
             automatic=user is None)
    return request_obj


def give_more_time_to_correct(request_obj, user, correction_due_on, body, sent_on=None):
    """The applicant had a good reason (正当理由) not to correct in time: a new notice gives a
    new date (Art.30). The request stays awaiting its correction."""
    sent_on = sent_on or timezone.localdate()
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["correction_more_time"],
                        _("Give more time to correct"))
        _check_future_date(correction_due_on, "correction_due_on", after=max(
            sent_on, request_obj.correction_due_on or sent_on))
        old = request_obj.correction_due_on
        request_obj.correction_due_on = correction_due_on
        request_obj.save(update_fields=["correction_due_on"])
        letter = _letter(request_obj, LetterKind.CORRECTION_NOTICE,
                         _("Correction notice: more time"), body, user, sent_on)
        _log(request_obj, "correction_more_time", user, old=old, new=correction_due_on)
        notifications.notify_applicant(request_obj, "correction_notice", letter)
    return request_obj


def _check_future_date(value, field, after):
    """A date that lies ahead: after ``after`` and at most ``MAX_FUTURE_DAYS`` from today."""
    latest = latest_future_day()
    if value <= after:
        raise ValidationError({field: _("Choose a date after %(date)s.") % {"date": after}})
    if value > latest:
        raise ValidationError({field: _("Choose a date no later than %(date)s.") % {
            "date": latest}})


def start_consultation(request_obj, user, third_party, started_on, body, delivery="",
                       received_on=None):
    """征求第三方意见 (Art.32): the letter goes out on ``started_on``; the third party's 15
    working days count from the day after it **receives** it. Sent by email or handed over,
    it is taken as received the day it was sent unless ``received_on`` says otherwise; by post
    the receipt is recorded when known (until then the days count from the sending date)."""
    if received_on is None and delivery in SAME_DAY_DELIVERIES:
        received_on = started_on
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["consultation"],
                        _("Consult a third party"))
        if started_on < request_obj.clock_started_on or started_on > timezone.localdate():
            raise ValidationError({"started_on": _(
                "The letter must have been sent between the (corrected) request's receipt and "
                "today.")})
        if started_on > request_obj.due_on:
            raise ValidationError({"started_on": _(
                "The reply was already due when this letter went out: a consultation cannot "
                "extend a deadline that has passed.")})
        if received_on is not None and not started_on <= received_on <= timezone.localdate():
            raise ValidationError({"received_on": _(
                "The letter is received between the day it was sent and today.")})
        from .letters import fill

        body = fill(body, {"third_party": third_party})
        due = clock.consultation_deadline(received_on or started_on,
                                          clock.calendar_for(request_obj)).date
        consultation = Consultation.objects.create(
            request=request_obj, third_party=third_party, started_on=started_on,
            delivery=delivery, received_on=received_on, due_on=due)
        _letter(request_obj, LetterKind.CONSULTATION, _("Letter to %(party)s") % {
            "party": third_party}, body, user, started_on)
        request_obj.status = Status.CONSULTING
        request_obj.save(update_fields=["status"])
        _log(request_obj, "consultation_start", user, consultation=consultation.pk,
             started_on=started_on, answer_due_on=due)
        recompute_deadline(request_obj, "consultation_started", user)
    return consultation


def record_consultation_receipt(consultation, user, received_on):
    """The day the third party received the letter: its 15 working days are counted again."""
    with transaction.atomic():
        request_obj = _lock(consultation.request)
        _require_status(request_obj, ACTION_STATUSES["consultation_received"],
                        _("Record the third party's receipt"))
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.ended_on:
            raise ActionNotAllowed(_("This consultation has already ended."))
        if not consultation.started_on <= received_on <= timezone.localdate():
            raise ValidationError({"received_on": _(
                "The letter is received between the day it was sent (%(date)s) and today.")
                % {"date": consultation.started_on}})
        consultation.received_on = received_on
        consultation.due_on = clock.consultation_deadline(
            received_on, clock.calendar_for(consultation.request)).date
        consultation.save(update_fields=["received_on", "due_on"])
        _log(request_obj, "consultation_received", user, consultation=consultation.pk,
             received_on=received_on, answer_due_on=consultation.due_on)
        recompute_deadline(request_obj, "consultation_received", user)
    return consultation


def end_consultation(consultation, user, ended_on, result=""):
    with transaction.atomic():
        request_obj = _lock(consultation.request)
        # A request withdrawn or closed during the consultation stays finished.
        _require_status(request_obj, ACTION_STATUSES["end_consultation"],
                        _("End a consultation"))
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.ended_on:
            raise ActionNotAllowed(_("This consultation has already ended."))
        if ended_on < consultation.started_on or ended_on > timezone.localdate():
            raise ValidationError({"ended_on": _(
                "A consultation ends between the day it began and today.")})
        consultation.ended_on, consultation.result = ended_on, result
        consultation.save(update_fields=["ended_on", "result"])
        if not request_obj.consultations.filter(ended_on__isnull=True).exists():
            request_obj.status = _running_status(request_obj)
            request_obj.save(update_fields=["status"])
        _log(request_obj, "consultation_end", user, consultation=consultation.pk,
             ended_on=ended_on)
        recompute_deadline(request_obj, "consultation_ended", user)
    return consultation


def _finish(request_obj, status, outcome, on):
    request_obj.status, request_obj.outcome = status, outcome
    fields = ["status", "outcome"]
    if status == Status.ANSWERED:
        request_obj.answered_on = on
        fields.append("answered_on")
    else:
        request_obj.closed_on = on
        fields.append("closed_on")
    request_obj.save(update_fields=fields)



def record_reply(request_obj, user, outcome, body, documents=(), delivery="",
                 delivered_on=None, answered_on=None):
    """The reply (答复): its outcome row, the letter and the documents disclosed."""
    answered_on = answered_on or timezone.localdate()
    if outcome not in outcomes.BY_KEY or outcomes.BY_KEY[outcome].group not in (
            outcomes.ANSWER_GROUPS):
        raise ValidationError({"outcome": _("Choose the outcome of the reply.")})
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["reply"], _("Reply"))
        if request_obj.consultations.filter(ended_on__isnull=True).exists():
            raise ActionNotAllowed(_("End the third-party consultation before replying."))
        check_recorded_date(answered_on, "answered_on", request_obj.received_on)
        if delivered_on is not None:
            check_recorded_date(delivered_on, "delivered_on", answered_on)
        _finish(request_obj, Status.ANSWERED, outcome, answered_on)
        request_obj.reply_delivery = delivery or request_obj.delivery
        request_obj.reply_delivered_on = delivered_on
        request_obj.save(update_fields=["reply_delivery", "reply_delivered_on"])
        letter = _letter(request_obj, LetterKind.REPLY, _("Reply to the information request"),
                         body, user, answered_on, documents, outcome=outcome)
        _log(request_obj, "reply", user, outcome=outcome, answered_on=answered_on,
             on_time=answered_on <= request_obj.due_on, documents=letter.documents.count())
        notifications.notify_applicant(request_obj, "reply", letter)
    return request_obj


def record_delivery(request_obj, user, delivered_on, delivery):
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["delivery"], _("Record delivery"))
        check_recorded_date(delivered_on, "delivered_on",
                            request_obj.answered_on or request_obj.received_on)
        request_obj.reply_delivery, request_obj.reply_delivered_on = delivery, delivered_on
        request_obj.save(update_fields=["reply_delivery", "reply_delivered_on"])
        _log(request_obj, "delivery", user, delivered_on=delivered_on, delivery=delivery)
    return request_obj


def withdraw(request_obj, user, on=None, note=""):
    """The applicant withdrew the request (counted as 其他处理/3, a documented choice)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["withdraw"], _("Withdraw"))
        check_recorded_date(on, "on", request_obj.received_on)
        _finish(request_obj, Status.WITHDRAWN, outcomes.WITHDRAWN_OUTCOME, on)
        _log(request_obj, "withdraw", user, on=on)
    return request_obj


def close(request_obj, user, outcome, body="", on=None):
    """End a request without an answer on the merits, or finish an answered one."""
    on = on or timezone.localdate()
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["close"],
                        pgettext("information request action", "Close"))
        check_recorded_date(on, "on", request_obj.answered_on or request_obj.received_on)
        if request_obj.status == Status.ANSWERED:
            request_obj.status, request_obj.closed_on = Status.CLOSED, on
            request_obj.save(update_fields=["status", "closed_on"])
            _log(request_obj, "close", user, on=on, outcome=request_obj.outcome)
            return request_obj
        if outcome not in outcomes.BY_KEY or outcomes.BY_KEY[outcome].group not in (
                outcomes.CLOSING_GROUPS):
            raise ValidationError({"outcome": _(
                "Choose how the request ends: 不予处理 or 其他处理. A decision on the merits "
                "(公开, 不予公开, 无法提供) is recorded with a reply.")})
        if outcome == outcomes.UNPAID_FEE_OUTCOME:
            # 其他处理/2 only once the payment period has lapsed unpaid (国办函〔2020〕109号).
            notice = unpaid_lapsed_notice(request_obj, on)
            if request_obj.status != Status.AWAITING_PAYMENT or notice is None:
                raise ValidationError({"outcome": _(
                    "“Fee not paid in time” applies only once the payment period of a fee "
                    "notice the applicant received has lapsed unpaid.")})
            FeeNotice.objects.filter(pk=notice.pk).update(lapsed_on=notice.pay_by)
        if outcome == outcomes.NO_CORRECTION_OUTCOME and not (
                request_obj.status == Status.AWAITING_CORRECTION
                and request_obj.correction_due_on and request_obj.correction_due_on < on):
            raise ValidationError({"outcome": _(
                "“Not corrected in time” applies only once the correction period has lapsed.")})
        _finish(request_obj, Status.CLOSED, outcome, on)
        _log(request_obj, "close", user, on=on, outcome=outcome)
        if body:
            letter = _letter(request_obj, LetterKind.CLOSURE, _("Closure notice"), body, user,
                             on, outcome=outcome)
            notifications.notify_applicant(request_obj, "closure", letter)
    return request_obj


def _running_status(request_obj):
    """The status of a request being processed again (after a consultation or a fee)."""
    if request_obj.extension_days or request_obj.delayed_until:
        return Status.EXTENDED
    return Status.IN_PROGRESS


# The extension and fee actions live in their own modules; they are part of this API.
from .extension_services import (  # noqa: E402, F401
    decide_extension,
    latest_delay_date,
    request_delay,
    request_extension,
)
from .fee_services import (  # noqa: E402, F401
    check_fee_quantities,
    fee_amount,
    issue_fee_notice,
    items_already_this_month,
    record_fee_notice_receipt,
    record_payment,
    unpaid_lapsed_notice,
)
