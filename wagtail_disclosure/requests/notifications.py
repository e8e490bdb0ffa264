"""Email to applicants and staff, through an outbox (:class:`Notification`) and django-tasks.

Every email is first stored as a ``Notification`` row in the transaction that caused it; after
the commit a django-tasks task sends it. If the mail server or the task worker is down, the row
stays unsent with the error, and ``send_request_reminders`` (or the next task run) sends it
later. Nothing about the request is lost, and the request itself never waits for mail.
Log lines name the notification and the tracking number, never an address or a name.
"""

import logging
import re
import smtplib
import socket

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification

logger = logging.getLogger(__name__)

#: Attempts after which an email the mail server refused (a rejected address, a message
#: refused) is no longer retried. An email whose last attempt could not reach the server at
#: all (:func:`server_unreachable`, its error marked with ``UNREACHABLE_MARK``) is retried
#: however many attempts it has: through an outage of any length it waits, and the first
#: run after it sends it (issue 13, "notifications retried until sent").
MAX_ATTEMPTS = 10
UNREACHABLE_MARK = "[mail server unreachable] "

#: Errors that mean the mail server was not reached (down, restarting, the network cut):
#: nothing about the email itself is wrong.
UNREACHABLE_ERRORS = (ConnectionError, TimeoutError, socket.gaierror, smtplib.SMTPConnectError,
                      smtplib.SMTPServerDisconnected)


def server_unreachable(exc):
    """Whether a send failed because the mail server could not be reached."""
    return isinstance(exc, UNREACHABLE_ERRORS)


def safe_error(exc):
    """``exc`` as kept on the row: its type and message, without any address (SMTP errors
    often quote the recipient), at most 300 characters, marked with ``UNREACHABLE_MARK``
    when the server was not reached."""
    mark = UNREACHABLE_MARK if server_unreachable(exc) else ""
    return (mark + re.sub(r"\S+@\S+", "<address>", f"{type(exc).__name__}: {exc}"))[:300]


def retry_filter(attempts_field, error_field):
    """The ``Q`` of rows still to retry: under ``MAX_ATTEMPTS``, or last failed for want of
    a reachable server."""
    from django.db.models import Q

    return (Q(**{f"{attempts_field}__lt": MAX_ATTEMPTS})
            | Q(**{f"{error_field}__startswith": UNREACHABLE_MARK}))


ACCESS_CODE_PATTERN = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def queue(request_obj, kind, recipient, subject, body):
    """Store an email and send it after the current transaction commits."""
    if not recipient:
        return None
    notification = Notification.objects.create(
        request=request_obj, kind=kind, recipient=recipient, subject=subject[:200], body=body)
    transaction.on_commit(lambda: enqueue(notification.pk))
    return notification


def enqueue(notification_id):
    from .tasks import send_notification_task

    try:
        send_notification_task.enqueue(notification_id)
    except Exception:  # the task backend is down: the outbox keeps the email
        logger.warning("Could not enqueue notification %s; it stays in the outbox.",
                       notification_id, exc_info=True)


def deliver(notification_id):
    """Send one stored notification. Returns True when it was sent (now or before)."""
    with transaction.atomic():
        notification = (Notification.objects.select_for_update()
                        .filter(pk=notification_id, sent_at__isnull=True).first())
        if notification is None:
            return True
        notification.attempts += 1
        try:
            send_mail(notification.subject, notification.body,
                      getattr(settings, "DEFAULT_FROM_EMAIL", None), [notification.recipient])
        except Exception as exc:  # noqa: BLE001 - any mail failure is recorded, not raised
            notification.last_error = safe_error(exc)
            notification.save(update_fields=["attempts", "last_error"])
            logger.warning("Notification %s (%s) failed: %s", notification.pk,
                           notification.request_id, type(exc).__name__)
            return False
        notification.sent_at = timezone.now()
        notification.last_error = ""
        # The access code was for the applicant's eyes: the outbox keeps no copy of it.
        notification.body = ACCESS_CODE_PATTERN.sub("****-****-****", notification.body)
        notification.save(update_fields=["attempts", "sent_at", "last_error", "body"])
        return True


def send_each(ids, send, unreachable):
    """Call ``send(pk)`` for each id, oldest first, and return how many were sent; stop at
    the first that could not reach the mail server (``unreachable(pk)``): the others would
    only wait out the same timeout, and the next run sends them."""
    sent = 0
    for pk in ids:
        if send(pk):
            sent += 1
        elif unreachable(pk):
            break
    return sent


def send_waiting(limit=500):
    """Send notifications still waiting (failed before, or never handed to a worker)."""
    ids = list(Notification.objects.filter(retry_filter("attempts", "last_error"),
                                           sent_at__isnull=True)
               .order_by("created_at").values_list("pk", flat=True)[:limit])
    return send_each(ids, deliver, lambda pk: Notification.objects.filter(
        pk=pk, last_error__startswith=UNREACHABLE_MARK).exists())


def notify_applicant(request_obj, kind, letter=None, access_code=None):
    """Email the applicant (if they gave an address) about their request.

    The acknowledgement carries the access code, as the applicant was promised; once the
    email is sent, the code is removed from the stored copy in the outbox."""
    from .choices import LetterKind
    from .letters import letter_values, render_letter

    if not request_obj.email or request_obj.anonymised_at:
        return None
    values = letter_values(request_obj)
    subjects = {
        "received": _("Your information request %(number)s was received"),
        "correction_notice": _("Your information request %(number)s needs a correction"),
        "extension_notice": _("The reply to your information request %(number)s is extended"),
        "delay_notice": _("The reply to your information request %(number)s is delayed"),
        "receipt_confirmed": _("Receipt of your information request %(number)s is "
                               "confirmed"),
        "fee_notice": _("A fee notice for your information request %(number)s"),
        "reply": _("The reply to your information request %(number)s"),
        "closure": _("Your information request %(number)s is closed"),
    }
    subject = subjects[kind] % {"number": request_obj.tracking_number}
    if letter is not None:
        from .letters import signature

        body = letter.body + "\n\n" + signature(letter)
    elif request_obj.status == "awaiting_confirmation":
        # ONLINE_RECEIPT = "confirmation": no date of receipt nor deadline yet (Art.31).
        body = _("Your request for government information was submitted. The office will "
                 "confirm its receipt; the time to reply counts from that day.") + "\n\n" + _(
            "Tracking number: %(number)s\nAccess code: %(code)s") % {
            "number": values["tracking_number"], "code": access_code or "—"}
    else:
        body = render_letter(LetterKind.ACKNOWLEDGEMENT, request_obj) + "\n\n" + _(
            "Tracking number: %(number)s\nAccess code: %(code)s\nDate of receipt: "
            "%(received)s\nReply due by: %(due)s") % {
            "number": values["tracking_number"], "code": access_code or "—",
            "received": values["received_on"], "due": values["due_on"]}
    body += "\n\n" + _("Follow your request with its tracking number and access code on the "
                       "request page of our website.")
    return queue(request_obj, f"applicant:{kind}", request_obj.email, subject, body)


def notify_staff(request_obj, kind, users=(), extra_addresses=()):
    """Email handlers or approvers. The email names the request, not the applicant."""
    subjects = {
        "new": _("New information request %(number)s"),
        "assigned": _("Information request %(number)s was assigned to you"),
        "extension_requested": _("An extension of request %(number)s awaits your approval"),
        "due_soon": _("Information request %(number)s is due on %(due)s"),
        "overdue": _("Information request %(number)s is overdue (due %(due)s)"),
        "correction_lapsed": _("Information request %(number)s was closed: not corrected in "
                               "time"),
        "correction_lapsed_confirm": _("Information request %(number)s: the correction period "
                                       "has lapsed; confirm or give more time"),
        "fee_lapsed": _("Information request %(number)s: the fee was not paid in time"),
    }
    params = {"number": request_obj.tracking_number, "due": request_obj.due_on.isoformat()}
    subject = subjects[kind] % params
    body = subject + "\n\n" + _("Open the request in the admin: 依申请公开 › %(number)s") % params
    addresses = {u.email for u in users if getattr(u, "email", "")} | set(filter(None,
                                                                            extra_addresses))
    return [queue(request_obj, f"staff:{kind}", address, subject, body)
            for address in sorted(addresses)]
