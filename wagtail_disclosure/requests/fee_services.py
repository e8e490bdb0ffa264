"""信息处理费 in the request process (条例 Art.42, 国办函〔2020〕109号): the fee notice, its
receipt, the payment and the lapse. Part of :mod:`~wagtail_disclosure.requests.services`, which
re-exports these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import disclosure_settings
from . import clock, notifications
from .choices import SAME_DAY_DELIVERIES, FeeMethod, LetterKind, Status
from .models import FeeNotice, InformationRequest
from .services import (
    ACTION_STATUSES,
    ActionNotAllowed,
    _letter,
    _lock,
    _log,
    _require_status,
    _running_status,
    recompute_deadline,
    reply_period_runs,
    same_applicant,
)


#: The largest fee one notice records (``FeeNotice.amount`` is a 32-bit integer column).
MAX_FEE_AMOUNT = 2**31 - 1


def check_fee_quantities(method, quantity, items_before=0):
    """Raise a field ``ValidationError`` for a quantity beyond the documented maximum
    (``FEE_MAX_ITEMS``, ``FEE_MAX_PAGES``, ``FEE_MAX_ITEMS_BEFORE``) or below 1, or whose fee
    exceeds :data:`MAX_FEE_AMOUNT`."""
    conf = disclosure_settings
    maximum = conf.FEE_MAX_ITEMS if method == FeeMethod.PER_ITEM else conf.FEE_MAX_PAGES

    def whole(value):  # True is an int to Python, but not a quantity (fees would raise)
        return isinstance(value, int) and not isinstance(value, bool)

    if not whole(quantity) or not 1 <= quantity <= maximum:
        raise ValidationError({"quantity": _(
            "Enter a whole number from 1 to %(max)s.") % {"max": f"{maximum:,}"}})
    if not whole(items_before) or not 0 <= items_before <= conf.FEE_MAX_ITEMS_BEFORE:
        raise ValidationError({"items_before": _(
            "Enter a whole number from 0 to %(max)s.") % {
            "max": f"{conf.FEE_MAX_ITEMS_BEFORE:,}"}})
    # The quantities are each in bounds, but the progressive per-item fee of the largest ones
    # (10,000 items after 100,000 this month: 10,498,500,000 yuan) is more than the notice's
    # column holds: a 500 on PostgreSQL. Computed in closed form, so this check is cheap.
    amount = fee_amount(method, quantity, items_before)
    if amount > MAX_FEE_AMOUNT:
        raise ValidationError({"quantity": _(
            "The fee for these quantities would be %(amount)s yuan, more than one notice can "
            "record (%(max)s yuan). Check the quantities.") % {
            "amount": f"{amount:,}", "max": f"{MAX_FEE_AMOUNT:,}"}})


def fee_amount(method, quantity, items_before=0):
    """The fee in yuan; constant cost whatever the quantity (closed form, see ``fees``)."""
    from .. import fees

    if method == FeeMethod.PER_ITEM:
        return fees.per_item_fee(items_before, quantity)
    return fees.per_page_fee(quantity)


def items_already_this_month(request_obj):
    """The proposal for "items already requested this natural month" (按件计收, 109号): the same
    applicant's earlier requests received in the natural month of this one, each counted as
    its per-item fee notice's items if it had one, else as one item. The officer may change it
    (e.g. after splitting requests by 一事一申请)."""
    from django.db.models import Sum

    day = request_obj.received_on
    earlier = same_applicant(request_obj).filter(
        received_on__year=day.year, received_on__month=day.month,
        received_on__lte=day).exclude(received_on=day, pk__gt=request_obj.pk)
    with_notice = (FeeNotice.objects.filter(request__in=earlier, method=FeeMethod.PER_ITEM)
                   .values("request").annotate(items=Sum("quantity")))
    counted = {row["request"]: row["items"] for row in with_notice}
    return earlier.count() - len(counted) + sum(counted.values())


def issue_fee_notice(request_obj, user, method, quantity, items_before, body, delivery="",
                     received_on=None, issued_on=None, pay_by=None):
    """收费通知 (Art.42, 国办函〔2020〕109号). Only while the reply period runs. The applicant
    pays within ``FEE_PAYMENT_WORKING_DAYS`` working days from the day after receiving it;
    sent by email, online or in person it is received the day it is sent unless
    ``received_on`` says otherwise; by post the pay-by date counts from the sending date until
    the receipt is recorded (``record_fee_notice_receipt``). ``pay_by`` is accepted only as the
    computed date (kept for old callers)."""
    issued_on = issued_on or timezone.localdate()
    if received_on is None and delivery in SAME_DAY_DELIVERIES:
        received_on = issued_on
    check_fee_quantities(method, quantity, items_before)
    with transaction.atomic():
        request_obj = _lock(request_obj)
        _require_status(request_obj, ACTION_STATUSES["fee_notice"], _("Issue a fee notice"))
        if not reply_period_runs(request_obj, issued_on):
            raise ActionNotAllowed(_(
                "The reply was due on %(date)s: a fee notice can only be sent while the reply "
                "period runs (国办函〔2020〕109号).") % {"date": request_obj.due_on})
        if issued_on < request_obj.clock_started_on or issued_on > timezone.localdate():
            raise ValidationError({"issued_on": _(
                "The notice is sent between the request's receipt and today.")})
        if received_on is not None and not issued_on <= received_on <= timezone.localdate():
            raise ValidationError({"received_on": _(
                "The notice is received between the day it was sent and today.")})
        amount = fee_amount(method, quantity, items_before)
        if amount <= 0:
            raise ValidationError({"quantity": _(
                "No fee is due for this quantity: the free allowance covers it.")})
        computed = clock.fee_payment_deadline(received_on or issued_on,
                                              clock.calendar_for(request_obj)).date
        notice = FeeNotice.objects.create(
            request=request_obj, method=method, quantity=quantity, items_before=items_before,
            amount=amount, issued_on=issued_on, delivery=delivery, received_on=received_on,
            pay_by=computed)
        request_obj.status = Status.AWAITING_PAYMENT
        request_obj.save(update_fields=["status"])
        from .letters import chinese_date, fill

        body = fill(body, {"amount": amount, "pay_by": chinese_date(computed)})
        letter = _letter(request_obj, LetterKind.FEE_NOTICE, _("Fee notice"), body, user,
                         issued_on)
        _log(request_obj, "fee_notice", user, fee_notice=notice.pk, amount=amount,
             method=method, quantity=quantity, pay_by=computed, received_on=received_on)
        recompute_deadline(request_obj, "fee_notice", user)
        notifications.notify_applicant(request_obj, "fee_notice", letter)
    return notice


def record_fee_notice_receipt(notice, user, received_on):
    """The day the applicant received a posted fee notice: the payment period is counted
    from the day after it."""
    with transaction.atomic():
        request_obj = _lock(notice.request)
        _require_status(request_obj, ACTION_STATUSES["fee_received"],
                        _("Record receipt of the fee notice"))
        notice = FeeNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.paid_on:
            raise ActionNotAllowed(_("This fee has already been paid."))
        if not notice.issued_on <= received_on <= timezone.localdate():
            raise ValidationError({"received_on": _(
                "The notice is received between the day it was sent (%(date)s) and today.")
                % {"date": notice.issued_on}})
        notice.received_on = received_on
        notice.pay_by = clock.fee_payment_deadline(received_on,
                                                   clock.calendar_for(request_obj)).date
        notice.save(update_fields=["received_on", "pay_by"])
        _log(request_obj, "fee_received", user, fee_notice=notice.pk, received_on=received_on,
             pay_by=notice.pay_by)
        recompute_deadline(request_obj, "fee_notice_received", user)
    return notice


def record_payment(notice, user, paid_on):
    """The fee was paid: processing goes on, and the reply deadline moves by the working days
    the clock stood still (``FEE_PAUSES_CLOCK``), with the cause in the audit log."""
    with transaction.atomic():
        request_obj = _lock(notice.request)
        notice = FeeNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.paid_on:
            raise ActionNotAllowed(_("This fee has already been paid."))
        # A request closed for non-payment (其他处理/2) is not reopened by a late payment.
        _require_status(request_obj, ACTION_STATUSES["payment"], _("Record a payment"))
        if not notice.issued_on <= paid_on <= timezone.localdate():
            raise ValidationError({"paid_on": _(
                "The fee is paid between the notice (%(date)s) and today.") % {
                "date": notice.issued_on}})
        notice.paid_on = paid_on
        notice.save(update_fields=["paid_on"])
        request_obj.status = _running_status(request_obj)
        request_obj.save(update_fields=["status"])
        paused = (clock.calendar_for(request_obj).working_days_between(notice.issued_on,
                                                           min(paid_on, notice.pay_by))
                  if disclosure_settings.FEE_PAUSES_CLOCK else 0)
        _log(request_obj, "fee_paid", user, fee_notice=notice.pk, paid_on=paid_on,
             amount=notice.amount, paused_working_days=paused)
        recompute_deadline(request_obj, "fee_paid", user)
    return notice


def unpaid_lapsed_notice(request_obj, today=None):
    """The fee notice whose payment period has lapsed unpaid, if any: its receipt is known and
    its pay-by date has passed."""
    today = today or timezone.localdate()
    return (request_obj.fee_notices.filter(paid_on__isnull=True, received_on__isnull=False,
                                           pay_by__lt=today).order_by("pay_by").first())
