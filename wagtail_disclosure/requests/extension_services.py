"""Extensions (条例 Art.33 ¶2) and the delayed reply (Art.35): asked for, approved by the head
of the disclosure office, refused once the reply deadline has passed. Part of
:mod:`~wagtail_disclosure.requests.services`, which re-exports these functions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import disclosure_settings
from .clock import calendar_for
from . import notifications
from .choices import ExtensionKind, ExtensionStatus, LetterKind, Status
from .models import Extension
from .services import (
    ACTION_STATUSES,
    ActionNotAllowed,
    _letter,
    _lock,
    _log,
    _require_status,
    recompute_deadline,
    reply_period_runs,
)

def _refuse_after_deadline(request_obj, what, today=None):
    """An extension or a delay cannot make a late reply timely: refused once the deadline has
    passed (条例 Art.33 ¶2 and Art.35 let the agency extend the period, not revive it)."""
    if today is not None and not (request_obj.clock_started_on <= today
                                  <= timezone.localdate()):
        raise ValidationError(_("An action is dated between the request's receipt and today."))
    today = today or timezone.localdate()
    if not reply_period_runs(request_obj, today):
        raise ActionNotAllowed(_(
            "The reply was due on %(date)s: %(what)s is no longer possible, and a late reply "
            "stays late.") % {"date": request_obj.due_on, "what": what})


def request_extension(request_obj, user, days, reason, on=None):
    """Ask for an extension (Art.33 ¶2: at most 20 more working days, 经政府信息公开工作机构负责人
    同意); a user who may approve extensions approves it at once. Refused once the reply
    deadline has passed."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["extension"], _("Extend"))
        _refuse_after_deadline(request_obj, _("an extension"), on)
        if request_obj.extensions.filter(status=ExtensionStatus.PENDING).exists():
            raise ActionNotAllowed(_("An extension or delay already awaits approval."))
        available = disclosure_settings.MAX_EXTENSION_WORKING_DAYS - request_obj.extension_days
        if not 1 <= days <= available:
            raise ValidationError({"days": _(
                "An extension can add 1 to %(max)s working days.") % {"max": available}
                if available > 0 else _("The deadline has already been extended by the "
                                        "maximum.")})
        extension = Extension.objects.create(request=request_obj, days=days, reason=reason,
                                             requested_by=user)
        _log(request_obj, "extension_request", user, extension=extension.pk, days=days)
    return _approve_at_once_or_ask(request_obj, extension, user, on)


def latest_delay_date(request_obj, calendar=None):
    """The latest date a delayed reply (Art.35) may be set to: ``MAX_DELAY_WORKING_DAYS``
    working days after the present deadline."""
    calendar = calendar or calendar_for(request_obj)
    return calendar.add_working_days(request_obj.due_on,
                                     disclosure_settings.MAX_DELAY_WORKING_DAYS)


def request_delay(request_obj, user, until, reason, on=None):
    """条例 Art.35 延迟答复: the volume or frequency is clearly beyond a reasonable range and the
    applicant's reasons are reasonable, but the reply cannot be given in time: the agency sets
    a reasonable later date (``until``) and tells the applicant. Approved like an extension;
    a reply by ``until`` is on time. Refused once the reply deadline has passed."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the delayed reply.")})
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["delay"], _("Delay the reply"))
        _refuse_after_deadline(request_obj, _("a delayed reply"), on)
        if request_obj.extensions.filter(status=ExtensionStatus.PENDING).exists():
            raise ActionNotAllowed(_("An extension or delay already awaits approval."))
        latest = latest_delay_date(request_obj)
        if until <= request_obj.due_on or until > latest:
            raise ValidationError({"until": _(
                "Choose a date after the present deadline (%(due)s) and no later than "
                "%(latest)s.") % {"due": request_obj.due_on, "latest": latest}})
        days = calendar_for(request_obj).working_days_between(request_obj.due_on, until)
        extension = Extension.objects.create(request=request_obj, kind=ExtensionKind.DELAY,
                                             days=days, until=until, reason=reason,
                                             requested_by=user)
        _log(request_obj, "delay_request", user, extension=extension.pk, until=until)
    return _approve_at_once_or_ask(request_obj, extension, user, on)


def _approve_at_once_or_ask(request_obj, extension, user, on=None):
    if user.has_perm("wagtail_disclosure.approve_extension"):
        return decide_extension(extension, user, approve=True, on=on)
    from .permissions import users_with_permission

    notifications.notify_staff(request_obj, "extension_requested",
                               users=users_with_permission("approve_extension",
                                                           request_obj.site_id))
    return extension


def decide_extension(extension, user, approve, letter_body=None, on=None):
    """Approve or reject a pending extension or delayed reply (the approve permission) on
    ``on`` (today). An approval is refused once the reply deadline has passed."""
    on = on or timezone.localdate()
    if not user.has_perm("wagtail_disclosure.approve_extension"):
        raise PermissionDenied(_("Only a user who may approve extensions can decide this."))
    with transaction.atomic():
        request_obj = _lock(extension.request)
        extension = Extension.objects.select_for_update().get(pk=extension.pk)
        if extension.status != ExtensionStatus.PENDING:
            raise ActionNotAllowed(_("This extension has already been decided."))
        delay = extension.kind == ExtensionKind.DELAY
        if approve:
            _require_status(request_obj, ACTION_STATUSES["delay" if delay else "extension"],
                            _("Delay the reply") if delay else _("Extend"))
            _refuse_after_deadline(request_obj, _("approving it"), on)
        extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
        extension.decided_by, extension.decided_at = user, timezone.now()
        extension.save(update_fields=["status", "decided_by", "decided_at"])
        if not approve:
            _log(request_obj, "extension_reject", user, extension=extension.pk)
            return extension
        from .letters import render_letter

        if delay:
            if extension.until <= request_obj.due_on:
                raise ActionNotAllowed(_("The delayed reply date is not after the present "
                                         "deadline (%(due)s).") % {"due": request_obj.due_on})
            # The working days it adds to the deadline of today (which may have moved since
            # it was asked for).
            extension.days = calendar_for(request_obj).working_days_between(request_obj.due_on,
                                                                      extension.until)
            extension.save(update_fields=["days"])
            request_obj.delayed_until = extension.until
            fields = ["delayed_until"]
            kind, title = LetterKind.DELAY_NOTICE, _("Delayed reply notice")
            _log(request_obj, "delay_approve", user, extension=extension.pk,
                 until=extension.until)
        else:
            if (request_obj.extension_days + extension.days
                    > disclosure_settings.MAX_EXTENSION_WORKING_DAYS):
                raise ActionNotAllowed(_("This extension would take the deadline past the "
                                         "maximum of %(max)s working days.") % {
                    "max": disclosure_settings.MAX_EXTENSION_WORKING_DAYS})
            request_obj.extension_days += extension.days
            fields = ["extension_days"]
            kind, title = LetterKind.EXTENSION_NOTICE, _("Extension notice")
            _log(request_obj, "extension_approve", user, extension=extension.pk,
                 days=extension.days)
        if request_obj.status != Status.CONSULTING:
            request_obj.status = Status.EXTENDED
            fields.append("status")
        request_obj.save(update_fields=fields)
        recompute_deadline(request_obj, "delay" if delay else "extension", user)
        body = letter_body or render_letter(kind, request_obj, reasons=extension.reason,
                                            extension_days=extension.days,
                                            delayed_until=extension.until)
        letter = _letter(request_obj, kind, title, body, user, on)
        notifications.notify_applicant(request_obj, kind.value, letter)
    return extension
