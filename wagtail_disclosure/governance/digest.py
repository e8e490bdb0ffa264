"""The weekly compliance digest: the failures and warnings of the self-inspection, emailed to
the disclosure officers (``COMPLIANCE_DIGEST_RECIPIENTS``, by default every active user with
the ``view_compliance`` permission).

On a platform of several sites (``docs/how-to/multi-site.md``) each officer's digest counts the
sites they work for only (``COMPLIANCE_DIGEST_RECIPIENTS``, plain addresses, get the whole
installation's).

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


def _officers():
    """The active users with ``view_compliance`` who have an address, once per address, in
    order."""
    from ..requests.permissions import users_with_permission

    seen = set()
    for user in users_with_permission(PERMISSION).order_by("pk"):
        if user.email and user.email not in seen:
            seen.add(user.email)
            yield user


def recipients():
    """The addresses the digest goes to (each gets their own message)."""
    configured = disclosure_settings.COMPLIANCE_DIGEST_RECIPIENTS
    if configured is None:
        return [user.email for user in _officers()]
    return list(dict.fromkeys(a.strip() for a in configured if a and a.strip()))


def recipients_by_scope():
    """``{site ids (None: every site): [address, …]}``: each address with the sites its user
    works for (``sites.staff_site_ids``); every address the whole installation's on a single
    site or when ``COMPLIANCE_DIGEST_RECIPIENTS`` names them."""
    from .. import sites

    configured = disclosure_settings.COMPLIANCE_DIGEST_RECIPIENTS
    if configured is not None or not sites.is_multi_site():
        addresses = recipients()
        return {sites.ALL_SITES: addresses} if addresses else {}
    scopes = {}
    for user in _officers():
        scope = sites.staff_site_ids(user)
        if scope is not sites.ALL_SITES and not scope:
            continue  # works for no site: nothing to report to them
        scopes.setdefault(scope, []).append(user.email)
    return scopes


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
    messages = []  # (address, subject, text, html)
    with translation.override(settings.LANGUAGE_CODE):
        scopes = recipients_by_scope()
        for scope, addresses in scopes.items():
            indicators = compliance.run_all(today, scope)
            problems = len(compliance.problems(indicators))
            run.problems = max(run.problems, problems)
            if not problems:
                continue
            subject, text, html = render_digest(indicators, today)
            messages += [(address, subject, text, html) for address in addresses]
        if not scopes:
            run.problems = len(compliance.problems(compliance.run_all(today)))
            if run.problems:
                logger.warning("The compliance digest has no recipient: set "
                               "COMPLIANCE_DIGEST_RECIPIENTS or give view_compliance to an "
                               "officer.")
            return run
    run.recipients = len(messages)
    if not messages:
        return run
    try:
        connection = get_connection(fail_silently=False)
    except Exception:
        logger.exception("Could not open the mail connection for the compliance digest")
        run.failed = len(messages)
        return run
    for number, (address, subject, text, html) in enumerate(messages, 1):
        message = EmailMultiAlternatives(subject, text, to=[address], connection=connection)
        message.attach_alternative(html, "text/html")
        try:
            message.send()
        except Exception:  # a mail server problem must not stop the run (retried next run)
            logger.exception("Could not send the compliance digest to recipient %s of %s",
                             number, len(messages))
            run.failed += 1
        else:
            run.sent += 1
    return run
