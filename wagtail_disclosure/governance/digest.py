"""The weekly compliance digest: the failures and warnings of the self-inspection, emailed to
the disclosure officers (``COMPLIANCE_DIGEST_RECIPIENTS``, by default every active user with
the ``view_compliance`` permission).

Run by the ``send_compliance_digest`` command (weekly, from cron) or the
``send_compliance_digest_task`` django-tasks task. Nothing is sent when every indicator is ok.
A mail that cannot be sent is logged and counted; the run goes on, and the next run sends the
digest again (it keeps no state: every run reports what is wrong on its day).
"""

import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..conf import disclosure_settings
from . import compliance

logger = logging.getLogger(__name__)

PERMISSION = "view_compliance"
INDEX_URL_NAME = "compliance:index"


@dataclass
class DigestRun:
    problems: int = 0
    recipients: int = 0
    sent: int = 0
    failed: int = 0

    def as_dict(self):
        return asdict(self)


def recipients():
    """The addresses the digest goes to (each gets their own message)."""
    configured = disclosure_settings.COMPLIANCE_DIGEST_RECIPIENTS
    if configured is not None:
        addresses = [a.strip() for a in configured if a and a.strip()]
    else:
        from ..requests.permissions import users_with_permission

        addresses = [u.email for u in users_with_permission(PERMISSION).order_by("pk")
                     if u.email]
    return list(dict.fromkeys(addresses))  # once each, in order


def view_url():
    """The absolute address of the compliance view (``WAGTAILADMIN_BASE_URL`` + path)."""
    try:
        path = reverse(INDEX_URL_NAME)
    except NoReverseMatch:  # the admin URLs are not installed
        path = "/admin/disclosure/compliance/"
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def render_digest(indicators, today):
    """(subject, text, html) of the digest of ``indicators`` (only those not ok)."""
    shown = compliance.problems(indicators)
    context = {"indicators": shown, "today": today, "url": view_url(),
               "failures": sum(1 for i in shown if i.status == compliance.FAILURE),
               "warnings": sum(1 for i in shown if i.status == compliance.WARNING)}
    subject = _("Compliance self-inspection: %(failures)s failures, %(warnings)s warnings "
                "(%(date)s)") % {**context, "date": today.isoformat()}
    text = render_to_string("wagtail_disclosure/governance/compliance/digest.txt", context)
    html = render_to_string("wagtail_disclosure/governance/compliance/digest.html", context)
    return subject, text, html


def send_digest(today=None):
    """Compute the indicators and email the digest; returns a :class:`DigestRun`.

    Never raises for a mail problem: it is logged (without the addresses) and counted."""
    today = today or timezone.localdate()
    run = DigestRun()
    with translation.override(settings.LANGUAGE_CODE):
        indicators = compliance.run_all(today)
        run.problems = len(compliance.problems(indicators))
        if not run.problems:
            return run
        addresses = recipients()
        run.recipients = len(addresses)
        if not addresses:
            logger.warning("The compliance digest has no recipient: set "
                           "COMPLIANCE_DIGEST_RECIPIENTS or give view_compliance to an officer.")
            return run
        subject, text, html = render_digest(indicators, today)
    try:
        connection = get_connection(fail_silently=False)
    except Exception:
        logger.exception("Could not open the mail connection for the compliance digest")
        run.failed = len(addresses)
        return run
    for address in addresses:
        message = EmailMultiAlternatives(subject, text, to=[address], connection=connection)
        message.attach_alternative(html, "text/html")
        try:
            message.send()
        except Exception:  # a mail server problem must not stop the run (retried next run)
            logger.exception("Could not send the compliance digest to recipient %s of %s",
                             addresses.index(address) + 1, len(addresses))
            run.failed += 1
        else:
            run.sent += 1
    return run
