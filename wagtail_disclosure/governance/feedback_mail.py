"""Email of the feedback box: the answer to the visitor, a note to staff of a new message.

The answer is stored first (``feedback.answer``); its email is sent after the commit by a
django-tasks task. A failure is recorded on the message (``answer_email_error``, without any
address) and shown in the admin, which offers to send it again; ``send_waiting_answers`` (the
task ``send_feedback_answers_task``, for a site's schedule) retries every unsent answer up to
``MAX_ATTEMPTS`` times, and for as long as the mail server cannot be reached at all
(``requests.notifications.retry_filter``). Log lines name the reference, never an address or
a name.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..requests.notifications import (  # noqa: F401 - MAX_ATTEMPTS is read from here too
    MAX_ATTEMPTS, UNREACHABLE_MARK, retry_filter, safe_error, send_each)
from .choices import FeedbackStatus
from .models import Feedback

logger = logging.getLogger(__name__)


def _from_address():
    return getattr(settings, "DEFAULT_FROM_EMAIL", None)


def answer_message(feedback):
    """(subject, body) of the email carrying the answer."""
    subject = _("The answer to your message %(reference)s") % {"reference": feedback.reference}
    body = "\n\n".join([
        _("You wrote to us on %(date)s (reference %(reference)s):") % {
            "date": timezone.localtime(feedback.received_at).date().isoformat(),
            "reference": feedback.reference},
        feedback.subject,
        _("Our answer:"),
        feedback.answer,
    ])
    return subject, body


def enqueue_answer(feedback_id):
    """Hand the answer's email to the task backend (called after the commit)."""
    from .feedback_tasks import send_feedback_answer_task

    try:
        send_feedback_answer_task.enqueue(feedback_id)
    except Exception as exc:  # noqa: BLE001 - the task backend is down: keep it to retry
        logger.warning("Could not enqueue the answer of feedback %s; it waits to be sent.",
                       feedback_id, exc_info=True)
        Feedback.objects.filter(pk=feedback_id, answer_emailed_at__isnull=True).update(
            answer_email_error=f"{type(exc).__name__}"[:300])


def deliver_answer(feedback_id):
    """Send the answer of one message, once. True when it is sent (now or before)."""
    with transaction.atomic():
        feedback = (Feedback.objects.select_for_update()
                    .filter(pk=feedback_id, status=FeedbackStatus.ANSWERED).first())
        if feedback is None or not feedback.email:
            return False
        if feedback.answer_emailed_at:
            return True
        feedback.answer_email_attempts += 1
        subject, body = answer_message(feedback)
        try:
            send_mail(subject, body, _from_address(), [feedback.email])
        except Exception as exc:  # noqa: BLE001 - any mail failure is recorded, not raised
            feedback.answer_email_error = safe_error(exc)
            feedback.save(update_fields=["answer_email_attempts", "answer_email_error"])
            logger.warning("The answer of feedback %s could not be emailed: %s",
                           feedback.reference, type(exc).__name__)
            return False
        feedback.answer_emailed_at = timezone.now()
        feedback.answer_email_error = ""
        feedback.save(update_fields=["answer_email_attempts", "answer_email_error",
                                     "answer_emailed_at"])
        return True


def waiting_answers():
    """Answers with an email address not sent yet, under the attempts limit."""
    return Feedback.objects.filter(
        retry_filter("answer_email_attempts", "answer_email_error"),
        status=FeedbackStatus.ANSWERED, answer_emailed_at__isnull=True).exclude(email="")


def send_waiting_answers(limit=200):
    """Retry the answers whose email failed or never left. Returns how many were sent."""
    ids = list(waiting_answers().order_by("answered_at", "pk").values_list("pk", flat=True)
               [:limit])
    return send_each(ids, deliver_answer, lambda pk: Feedback.objects.filter(
        pk=pk, answer_email_error__startswith=UNREACHABLE_MARK).exists())


def enqueue_staff_note(feedback_id):
    """Queue :func:`notify_staff_safely` (called after the commit); never raises."""
    from .feedback_tasks import notify_staff_of_feedback_task

    try:
        notify_staff_of_feedback_task.enqueue(feedback_id)
    except Exception:  # noqa: BLE001 - the message is stored; the note is a courtesy
        logger.warning("Could not enqueue the staff note of feedback %s.", feedback_id,
                       exc_info=True)


def notify_staff_safely(feedback_id):
    """Tell the staff who may answer feedback that a message arrived. The email names the
    reference and the category, nothing the visitor wrote. Never raises: the message is
    already stored."""
    try:
        from ..requests.permissions import users_with_permission

        feedback = Feedback.objects.get(pk=feedback_id)
        from ..sites import site_id_for_page

        # the staff of the message's site only (docs/how-to/multi-site.md)
        site_id = site_id_for_page(feedback.page) if feedback.page_id else None
        recipients = sorted({user.email for user in users_with_permission("answer_feedback",
                                                                          site_id)
                             if user.email})
        if not recipients:
            return 0
        subject = _("New feedback %(reference)s (%(category)s)") % {
            "reference": feedback.reference, "category": feedback.get_category_display()}
        body = subject + "\n\n" + _("Open it in the admin: Disclosure governance › Feedback.")
        return send_mail(subject, body, _from_address(), recipients)
    except Exception:  # noqa: BLE001
        logger.warning("Staff were not told of new feedback %s.", feedback_id, exc_info=True)
        return 0
