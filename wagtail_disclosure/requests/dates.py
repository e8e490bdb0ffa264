"""The range of the dates staff record on a request (issue: a receipt on 0001-01-01 made every
officer's listing take half a minute and the request could not be deleted).

* A date of receipt lies between :data:`EARLIEST_RECEIPT`, the day the 政府信息公开条例 came
  into force (国务院令第492号 Art.38: "本条例自2008年5月1日起施行"), and today: no request to
  an agency under the 条例 was received before it, and none is received in the future.
* A date that records what happened (a reply sent, a delivery, a withdrawal, a payment, a
  closure) lies between the date of receipt (or the later event it follows, e.g. the reply for
  its delivery) and today.
* Dates ahead (a correction due date, a pay-by date, a delayed reply) are bounded by
  ``MAX_FUTURE_DAYS`` (see ``services._check_future_date``) or their own rule.

The service functions check these (so every caller gets them); the admin's forms show the
services' errors on the field, and set ``min``/``max`` on their date inputs.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

#: 政府信息公开条例 (国务院令第492号) Art.38: in force from 2008-05-01.
EARLIEST_RECEIPT = datetime.date(2008, 5, 1)


def today():
    """Today in the site's time zone (one place, so that tests can move it)."""
    return timezone.localdate()


def latest_future_day():
    """The latest date due that may be recorded: ``MAX_FUTURE_DAYS`` after today."""
    from ..conf import disclosure_settings

    return today() + datetime.timedelta(days=disclosure_settings.MAX_FUTURE_DAYS)


def check_receipt_date(value, field="received_on"):
    """A date of receipt: from :data:`EARLIEST_RECEIPT` to today, else a ValidationError on
    ``field`` (``None``: a plain error)."""
    today_ = today()
    if not EARLIEST_RECEIPT <= value <= today_:
        message = _("The date of receipt lies between %(earliest)s, when the Regulations on "
                    "the Disclosure of Government Information came into force, and today "
                    "(%(today)s).") % {"earliest": EARLIEST_RECEIPT, "today": today_}
        raise ValidationError({field: message} if field else message)
    return value


def check_recorded_date(value, field, earliest):
    """A date on which something happened: from ``earliest`` (the receipt, or the event this
    one follows) to today."""
    today_ = today()
    if not earliest <= value <= today_:
        raise ValidationError({field: _(
            "Choose a date between %(earliest)s and today (%(today)s).") % {
            "earliest": earliest, "today": today_}})
    return value
