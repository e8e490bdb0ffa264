"""The rules of 2026-12 for requests (ogi-rules.md §1 and §6), with real dates.

- Fees (国办函〔2020〕109号): a fee notice only while the reply period runs; pay within 20 working
  days counted from the day after the applicant **receives** the notice; the clock stands still
  from the notice to the payment (``FEE_PAUSES_CLOCK``); 其他处理/2 only after the lapse; the
  items already requested this natural month; bounded quantities, closed-form fees.
- Art.33 extensions and the Art.35 delayed reply: refused once the deadline has passed.
- Art.32: the third party's 15 working days run from its receipt of the letter.
- Art.31: online requests received on the day both sides confirm (``ONLINE_RECEIPT``).
- Art.30: a lapsed correction is closed by the handler (or the daily run, if so set).
- The system checks W102 (a period longer than the statute) and W103 (not China's time zone).
- The admin actions (the Django test client).

How the dates were counted. The national calendar is chinesecalendar 1.11.0's (2004–2026).
Days are counted from the day **after** the start (民法典 Art.201). Around National Day 2025:
Sun 09-28 is a working day, 10-01..10-08 are days off, Sat 10-11 is a working day; November 2025
has no holiday; 2026-01-01..03 are days off and Sun 2026-01-04 is a working day. So the working
days after Fri 2025-09-26 are:

    09-28 (Sun) 1, 09-29 2, 09-30 3, 10-09 4, 10-10 5, 10-11 (Sat) 6, 10-13..17 7-11,
    10-20..24 12-16, 10-27..30 17-20 (→ the reply to a request received 09-26 is due 10-30),
    10-31 21, 11-03..07 22-26, 11-10..14 27-31, 11-17..21 32-36, 11-24..28 37-41.

The other counts are written out where they are used. The admin tests (the last section) act
"today", as the admin does; they check dates the package computes against each other, not
hand-counted ones.
"""

import datetime
import itertools
import random
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_disclosure import checks, fees
from wagtail_disclosure.requests import forms, outcomes, reminders, services
from wagtail_disclosure.requests.choices import (
    ExtensionKind,
    ExtensionStatus,
    FeeMethod,
    LetterKind,
    ReceiptChannel,
    Status,
)
from wagtail_disclosure.requests.models import (
    Extension,
    FeeNotice,
    InformationRequest,
    Notification,
)
from wagtail_disclosure.workdays import default_calendar

pytestmark = pytest.mark.django_db

D = datetime.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
A = D(2025, 9, 26)  # Fri: received; due 10-30 (see the module docstring)
A_DUE = D(2025, 10, 30)
APPLICANT_EMAIL = "zhangsan@example.com"
OTHER_APPLICANT = {"name": "李四", "id_number": "330302198001010019", "phone": "13900139000",
                   "email": "lisi@example.com"}


@pytest.fixture(autouse=True)
def _media(private_media, fresh_calendar):
    """Every test here may write letters' files and change the calendar."""


@pytest.fixture(autouse=True)
def _provisional_recompute(monkeypatch):
    """The daily run recomputes provisional deadlines with requests.calendar (another module,
    with its own tests); while it is not there yet, that step is left out."""
    try:
        import wagtail_disclosure.requests.calendar  # noqa: F401
    except ImportError:
        monkeypatch.setattr(reminders, "_recompute_provisional", lambda: 0)


def law(**values):
    """``override_settings`` of some WAGTAIL_DISCLOSURE keys, keeping the project's others."""
    return override_settings(WAGTAIL_DISCLOSURE={
        **getattr(django_settings, "WAGTAIL_DISCLOSURE", {}), **values})


def new_request(received_on=A, **overrides):
    return factories.information_request(received_on=received_on, **overrides)


def fresh(request_obj):
    return InformationRequest.objects.get(pk=request_obj.pk)


def log_entries(request_obj, action):
    return [entry.data for entry in ModelLogEntry.objects.for_instance(request_obj)
            .filter(action=f"wagtail_disclosure.request.{action}").order_by("timestamp", "pk")]


def staff_notifications(request_obj, kind):
    return Notification.objects.filter(request=request_obj, kind=f"staff:{kind}").count()


def fee(request_obj, user, issued_on, delivery="email", quantity=12, **kwargs):
    """A per-item notice for 12 items (200 yuan: items 11 and 12 at 100)."""
    return services.issue_fee_notice(fresh(request_obj), user, FeeMethod.PER_ITEM, quantity, 0,
                                     "请于{pay_by}前缴纳信息处理费{amount}元。", delivery=delivery,
                                     issued_on=issued_on, **kwargs)


# -- fees: only while the reply period runs ---------------------------------------------------


def test_fee_notice_refused_after_the_deadline(officer):
    request_obj = new_request()
    assert request_obj.due_on == A_DUE
    with pytest.raises(services.ActionNotAllowed) as exc:
        fee(request_obj, officer, D(2025, 10, 31))
    assert "2025-10-30" in " ".join(exc.value.messages)
    assert not FeeNotice.objects.exists()
    assert fresh(request_obj).status == Status.RECEIVED
    # Today (2026-12 or later) is long after the deadline too.
    with pytest.raises(services.ActionNotAllowed):
        services.issue_fee_notice(fresh(request_obj), officer, FeeMethod.PER_ITEM, 12, 0, "缴费")
    # On the last day of the period it is still possible.
    notice = fee(request_obj, officer, A_DUE)
    assert notice.issued_on == A_DUE
    assert fresh(request_obj).status == Status.AWAITING_PAYMENT


# -- fees: the pay-by date counts from the receipt --------------------------------------------


def test_pay_by_counts_from_receipt_by_email(officer):
    # Sent by email on Mon 09-29: received that day. 20 working days after it: 09-30 1,
    # 10-09 2, 10-10 3, 10-11 (Sat) 4, 10-13..17 5-9, 10-20..24 10-14, 10-27..31 15-19,
    # 11-03 20.
    notice = fee(new_request(), officer, D(2025, 9, 29), delivery="email")
    assert (notice.received_on, notice.pay_by) == (D(2025, 9, 29), D(2025, 11, 3))
    assert log_entries(notice.request, "fee_notice")[0]["pay_by"] == "2025-11-03"


def test_pay_by_by_post_counts_from_sending_until_the_receipt_is_recorded(officer):
    request_obj = new_request()
    notice = fee(request_obj, officer, D(2025, 9, 29), delivery="post")
    # Receipt unknown: counted from the sending date meanwhile (11-03, as above).
    assert (notice.received_on, notice.pay_by) == (None, D(2025, 11, 3))
    with pytest.raises(ValidationError) as exc:  # before it was sent
        services.record_fee_notice_receipt(notice, officer, D(2025, 9, 28))
    assert "received_on" in exc.value.error_dict
    # Received Thu 10-09: 10-10 1, 10-11 (Sat) 2, 10-13..17 3-7, 10-20..24 8-12,
    # 10-27..31 13-17, 11-03..05 18-20.
    services.record_fee_notice_receipt(notice, officer, D(2025, 10, 9))
    notice.refresh_from_db()
    assert (notice.received_on, notice.pay_by) == (D(2025, 10, 9), D(2025, 11, 5))
    assert log_entries(request_obj, "fee_received")[0]["pay_by"] == "2025-11-05"
    # The unpaid fee holds the clock up to the pay-by date, so the deadline moved with it:
    # working days 09-30..11-05 = 09-30, 10-09..11 (3), 10-13..31 (15), 11-03..05 (3) = 22,
    # so 20 + 22 = 42 working days after 09-26: 11-28 is the 41st, Mon 12-01 the 42nd.
    obj = fresh(request_obj)
    assert obj.due_on == D(2025, 12, 1)
    assert [e["cause"] for e in log_entries(obj, "deadline")] == ["fee_notice",
                                                                  "fee_notice_received"]


def test_pay_by_by_post_with_the_receipt_known_at_once(officer):
    notice = fee(new_request(), officer, D(2025, 9, 29), delivery="post",
                 received_on=D(2025, 10, 9))
    assert (notice.received_on, notice.pay_by) == (D(2025, 10, 9), D(2025, 11, 5))


def test_notice_receipt_between_sending_and_today(officer):
    request_obj = new_request()
    for received_on in (D(2025, 9, 28), timezone.localdate() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            fee(request_obj, officer, D(2025, 9, 29), delivery="post", received_on=received_on)
        assert "received_on" in exc.value.error_dict
    assert not FeeNotice.objects.exists()


# -- fees: the clock stands still -------------------------------------------------------------


def test_paid_fee_moves_the_deadline_by_exactly_the_paused_working_days(officer):
    request_obj = new_request()
    # Sent by email Tue 09-30 (pay by 11-04: 10-09 1, 10-10 2, 10-11 3, 10-13..17 4-8,
    # 10-20..24 9-13, 10-27..31 14-18, 11-03 19, 11-04 20).
    notice = fee(request_obj, officer, D(2025, 9, 30))
    assert notice.pay_by == D(2025, 11, 4)
    # Unpaid, the pause counts up to the pay-by date (20 working days): 10-30 + 20 = 11-27.
    obj = fresh(request_obj)
    assert (obj.status, obj.due_on) == (Status.AWAITING_PAYMENT, D(2025, 11, 27))
    # Paid Fri 10-10: the working days after the notice up to the payment are 10-09 and 10-10
    # (10-01..08 are days off): 2. The deadline: 10-30 + 2 = 10-31, Mon 11-03.
    services.record_payment(notice, officer, D(2025, 10, 10))
    obj = fresh(request_obj)
    assert obj.status == Status.IN_PROGRESS
    assert obj.due_on == D(2025, 11, 3)
    assert default_calendar().working_days_between(A_DUE, obj.due_on) == 2
    [paid] = log_entries(obj, "fee_paid")
    assert paid["paused_working_days"] == 2
    assert log_entries(obj, "deadline")[-1] == {
        "old": "2025-11-27", "new": "2025-11-03", "cause": "fee_paid", "provisional": False}
    # A reply on the moved deadline is on time.
    services.record_reply(obj, officer, "disclosed", "予以公开。", answered_on=D(2025, 11, 3))
    assert log_entries(obj, "reply")[0]["on_time"] is True


def test_late_payment_pauses_only_up_to_the_pay_by_date(officer):
    request_obj = new_request()
    notice = fee(request_obj, officer, D(2025, 9, 30))  # pay by 11-04, 20 working days on
    services.record_payment(notice, officer, D(2025, 11, 10))  # paid late, before closing
    [paid] = log_entries(request_obj, "fee_paid")
    assert paid["paused_working_days"] == 20  # 10-01..11-04, not up to 11-10
    assert fresh(request_obj).due_on == D(2025, 11, 27)  # 10-30 + 20


def test_lapsed_fee_pauses_up_to_the_pay_by_date(officer):
    request_obj = new_request()
    notice = fee(request_obj, officer, D(2025, 9, 30))
    services.close(fresh(request_obj), officer, outcomes.UNPAID_FEE_OUTCOME, on=D(2025, 11, 5))
    notice.refresh_from_db()
    assert notice.lapsed_on == notice.pay_by == D(2025, 11, 4)
    # The paused span ends at the lapse: 20 working days, as while it ran.
    assert services.compute_deadline(fresh(request_obj)).date == D(2025, 11, 27)


def test_without_the_fee_pause_the_clock_runs(officer):
    with law(FEE_PAUSES_CLOCK=False):
        request_obj = new_request()
        notice = fee(request_obj, officer, D(2025, 9, 30))
        obj = fresh(request_obj)
        assert (obj.status, obj.due_on) == (Status.AWAITING_PAYMENT, A_DUE)
        assert obj.awaiting_reply and obj.is_overdue(D(2025, 10, 31))
        assert list(InformationRequest.objects.overdue(D(2025, 10, 31))) == [obj]
        run = reminders.run_reminders(today=D(2025, 10, 31))
        assert run.overdue == 1 and staff_notifications(obj, "overdue") == 1
        services.record_payment(notice, officer, D(2025, 10, 10))
        assert log_entries(obj, "fee_paid")[0]["paused_working_days"] == 0
        assert fresh(request_obj).due_on == A_DUE


def test_request_awaiting_a_fee_is_neither_overdue_nor_reminded(officer):
    waiting = new_request()
    fee(waiting, officer, D(2025, 9, 30))  # unpaid; pay by 11-04; deadline 11-27 meanwhile
    control = new_request(description="另一项政府信息")  # no fee: due 10-30
    waiting = fresh(waiting)
    assert not waiting.awaiting_reply
    for today in (D(2025, 10, 31), D(2025, 12, 1)):  # after 10-30; after 11-27 too
        assert not waiting.is_overdue(today)
        assert list(InformationRequest.objects.overdue(today)) == [fresh(control)]
    # Within the payment period (Wed 10-29): the control is due soon, the fee request is not.
    run = reminders.run_reminders(today=D(2025, 10, 29))
    assert (run.due_soon, run.overdue, run.fees_lapsed) == (1, 0, 0)
    assert staff_notifications(waiting, "due_soon") == 0
    # After the lapse: the handler hears of the lapsed fee (once a day), never "overdue".
    run = reminders.run_reminders(today=D(2025, 12, 1))
    assert (run.overdue, run.fees_lapsed) == (1, 1)
    assert staff_notifications(waiting, "fee_lapsed") == 1
    assert staff_notifications(waiting, "overdue") == 0
    assert reminders.run_reminders(today=D(2025, 12, 1)).fees_lapsed == 0
    assert fresh(waiting).status == Status.AWAITING_PAYMENT  # the run closes nothing


def test_fee_by_post_without_receipt_does_not_lapse_in_the_daily_run(officer):
    request_obj = new_request()
    fee(request_obj, officer, D(2025, 9, 30), delivery="post")
    assert reminders.run_reminders(today=D(2025, 12, 1)).fees_lapsed == 0
    assert staff_notifications(request_obj, "fee_lapsed") == 0


# -- fees: closing as 其他处理/2 ------------------------------------------------------------------


def test_close_unpaid_refused_before_the_lapse_and_allowed_after(officer):
    request_obj = new_request()
    fee(request_obj, officer, D(2025, 9, 30))  # received 09-30 (email), pay by 11-04
    for on in (D(2025, 10, 20), D(2025, 11, 4)):  # during the period; its last day
        with pytest.raises(ValidationError) as exc:
            services.close(fresh(request_obj), officer, outcomes.UNPAID_FEE_OUTCOME, on=on)
        assert "outcome" in exc.value.error_dict
        assert fresh(request_obj).status == Status.AWAITING_PAYMENT
    services.close(fresh(request_obj), officer, outcomes.UNPAID_FEE_OUTCOME, on=D(2025, 11, 5))
    obj = fresh(request_obj)
    assert (obj.status, obj.outcome, obj.closed_on) == (
        Status.CLOSED, "other_unpaid_fee", D(2025, 11, 5))


def test_close_unpaid_needs_the_receipt_of_a_posted_notice(officer):
    request_obj = new_request()
    notice = fee(request_obj, officer, D(2025, 9, 30), delivery="post")
    # Its provisional pay-by date (11-04, from the sending date) has passed, but nobody knows
    # when the applicant received it.
    with pytest.raises(ValidationError):
        services.close(fresh(request_obj), officer, outcomes.UNPAID_FEE_OUTCOME,
                       on=D(2025, 11, 5))
    # Received Thu 10-09: pay by 11-05 (see above); closable from 11-06.
    services.record_fee_notice_receipt(notice, officer, D(2025, 10, 9))
    with pytest.raises(ValidationError):
        services.close(fresh(request_obj), officer, outcomes.UNPAID_FEE_OUTCOME,
                       on=D(2025, 11, 5))
    services.close(fresh(request_obj), officer, outcomes.UNPAID_FEE_OUTCOME, on=D(2025, 11, 6))
    assert fresh(request_obj).outcome == "other_unpaid_fee"


def test_close_unpaid_refused_without_a_fee(officer):
    request_obj = new_request()
    with pytest.raises(ValidationError):
        services.close(request_obj, officer, outcomes.UNPAID_FEE_OUTCOME, on=D(2025, 12, 1))
    assert fresh(request_obj).status == Status.RECEIVED


# -- fees: items already requested this natural month -----------------------------------------


def test_items_already_this_month(officer):
    new_request(D(2025, 9, 30), description="九月的申请")  # the previous month: not counted
    new_request(D(2025, 10, 9), description="十月第一件")  # one item
    with_notice = new_request(D(2025, 10, 10), description="十月第二件，拆分为15件")
    # its per-item notice was for 15 items: counted as 15 (issued on Mon 10-13)
    fee(with_notice, officer, D(2025, 10, 13), quantity=15)
    per_page = new_request(D(2025, 10, 13), description="十月第三件")  # a per-page fee: 1
    services.issue_fee_notice(per_page, officer, FeeMethod.PER_PAGE, 40, 0, "缴费",
                              delivery="email", issued_on=D(2025, 10, 14))
    new_request(D(2025, 10, 14), description="他人的申请", **OTHER_APPLICANT)  # not the same
    same_day_before = new_request(D(2025, 10, 20), description="同日较早")  # same day: 1
    target = new_request(D(2025, 10, 20), description="本次申请")
    new_request(D(2025, 10, 20), description="同日较晚")  # after the target: not counted
    new_request(D(2025, 10, 27), description="月内较晚")  # later: not counted
    assert services.items_already_this_month(target) == 1 + 15 + 1 + 1
    assert services.items_already_this_month(same_day_before) == 1 + 15 + 1
    # A November request starts a new natural month.
    assert services.items_already_this_month(new_request(D(2025, 11, 3),
                                                         description="十一月")) == 0
    # The other applicant's own count knows only their requests.
    other = new_request(D(2025, 10, 28), description="他人第二件", **OTHER_APPLICANT)
    assert services.items_already_this_month(other) == 1


def test_items_already_this_month_of_an_organisation_by_its_credit_code():
    org = {"applicant_type": "organisation", "organisation_kind": "business",
           "name": "某某科技有限公司", "id_type": "", "id_number": "",
           "organisation_code": factories.CREDIT_CODE, "legal_representative": "王五"}
    new_request(D(2025, 10, 9), description="甲", **org)
    new_request(D(2025, 10, 9), description="乙", **{**org, "name": "某某科技（更名后）"})
    new_request(D(2025, 10, 10), description="丙", **{**org,
                                                     "organisation_code": "91330302MA2AB12341"})
    assert services.items_already_this_month(
        new_request(D(2025, 10, 20), description="丁", **org)) == 2


# -- fees: bounded quantities, closed-form fees ------------------------------------------------


@pytest.mark.parametrize(("method", "quantity", "items_before", "field"), [
    (FeeMethod.PER_ITEM, 10**20, 0, "quantity"),
    (FeeMethod.PER_ITEM, 10_001, 0, "quantity"),
    (FeeMethod.PER_PAGE, 1_000_001, 0, "quantity"),
    (FeeMethod.PER_PAGE, 10**20, 0, "quantity"),
    (FeeMethod.PER_ITEM, 0, 0, "quantity"),
    (FeeMethod.PER_ITEM, 12, 100_001, "items_before"),
    (FeeMethod.PER_ITEM, 12, 10**20, "items_before"),
    (FeeMethod.PER_ITEM, 12, -1, "items_before"),
    (FeeMethod.PER_ITEM, True, 0, "quantity"),  # a bool is not a quantity
    (FeeMethod.PER_ITEM, 12.0, 0, "quantity"),
    (FeeMethod.PER_ITEM, 12, True, "items_before"),
])
def test_quantities_beyond_the_bounds_are_refused(officer, method, quantity, items_before,
                                                  field):
    with pytest.raises(ValidationError) as exc:
        services.check_fee_quantities(method, quantity, items_before)
    assert set(exc.value.error_dict) == {field}
    request_obj = new_request()
    with pytest.raises(ValidationError) as exc:
        services.issue_fee_notice(request_obj, officer, method, quantity, items_before, "缴费",
                                  delivery="email", issued_on=D(2025, 10, 9))
    assert field in exc.value.error_dict
    assert not FeeNotice.objects.exists()
    assert fresh(request_obj).status == Status.RECEIVED


def test_quantities_at_the_bounds_are_accepted():
    # Each bound alone; both together cost more than a notice records (test below).
    services.check_fee_quantities(FeeMethod.PER_ITEM, 10_000, 0)  # 498,502,000 yuan
    services.check_fee_quantities(FeeMethod.PER_ITEM, 1, 100_000)
    services.check_fee_quantities(FeeMethod.PER_PAGE, 1_000_000, 0)


@pytest.mark.parametrize(("method", "quantity", "items_before", "field"), [
    ("per_item", 10**20, 0, "quantity"),
    ("per_item", 10_001, 0, "quantity"),
    ("per_page", 1_000_001, 0, "quantity"),
    ("per_item", 12, 10**20, "items_before"),
])
def test_fee_notice_form_bounds(method, quantity, items_before, field):
    form = forms.FeeNoticeForm({"method": method, "quantity": str(quantity),
                                "items_before": str(items_before), "delivery": "email",
                                "body": "请缴费。"})
    assert not form.is_valid()
    assert field in form.errors


def test_fee_notice_form_accepts_10001_pages():
    form = forms.FeeNoticeForm({"method": "per_page", "quantity": "10001", "items_before": "0",
                                "delivery": "post", "body": "请缴费。"})
    assert form.is_valid(), form.errors


def _rate_of_unit(unit, tiers, band):
    """The rate of one unit: its tier's, or in the bands after the last tier, band k (1-based)
    at the last tier's rate + k * step."""
    lower = 0
    for bound, rate in tiers:
        if bound is None or unit <= bound:
            return rate
        lower = bound
    size, step = band
    return tiers[-1][1] + ((unit - lower - 1) // size + 1) * step


def brute_force_fee(start, count, tiers, band=None):
    return sum(_rate_of_unit(unit, tiers, band) for unit in range(start + 1, start + count + 1))


ITEM_TIERS, ITEM_BAND = [(10, 0), (30, 100)], (10, 100)
PAGE_TIERS = [(30, 0), (100, 10), (200, 20), (None, 40)]


def test_fee_functions_return_for_10_to_the_20_units():
    big = 10**20
    # Per page: 30 free, 70 at 10, 100 at 20, the rest at 40.
    assert fees.per_page_fee(big) == 70 * 10 + 100 * 20 + (big - 200) * 40
    # Per item: 20 at 100 (items 11-30), then K whole bands of 10 items, band k at
    # 100 + 100k per item (10**20 - 30 is a multiple of 10).
    bands = (big - 30) // 10
    assert fees.per_item_fee(0, big) == 20 * 100 + 10 * (100 * bands
                                                          + 100 * bands * (bands + 1) // 2)
    assert fees.per_item_fee(big, big) > fees.per_item_fee(0, big)
    for breakdown in (fees.per_item_fee_breakdown(0, big), fees.per_item_fee_breakdown(big, big),
                      fees.per_page_fee_breakdown(big)):
        assert 1 <= len(breakdown) <= len(ITEM_TIERS) + max(fees.MAX_LISTED_BANDS, 3) + 1
    middle = [p for p in fees.per_item_fee_breakdown(0, big) if p.last_rate is not None]
    assert len(middle) == 1  # the run of whole bands, given as one portion
    assert middle[0].last_rate > middle[0].rate


def _check_breakdown(start, count, tiers, band):
    breakdown = fees.progressive_fee_breakdown(start, count, tiers, band)
    assert sum(p.amount for p in breakdown) == brute_force_fee(start, count, tiers, band)
    if count:  # contiguous, from the first new unit to the last
        assert breakdown[0].first == start + 1 and breakdown[-1].last == start + count
        assert all(a.last + 1 == b.first for a, b in itertools.pairwise(breakdown))
    for portion in breakdown:  # each portion, a run of bands included, is its units' sum
        units = portion.last - portion.first + 1
        assert portion.amount == brute_force_fee(portion.first - 1, units, tiers, band)
        if portion.last_rate is None:
            assert portion.amount == units * portion.rate
    assert len(breakdown) <= len(tiers) + max(fees.MAX_LISTED_BANDS, 3)


def test_fee_functions_match_a_brute_force_reference():
    rng = random.Random(20261202)
    for _ in range(300):
        start, count = rng.randint(0, 400), rng.randint(0, 400)
        assert fees.per_item_fee(start, count) == brute_force_fee(start, count, ITEM_TIERS,
                                                                  ITEM_BAND)
        assert fees.per_page_fee(count) == brute_force_fee(0, count, PAGE_TIERS)
        _check_breakdown(start, count, ITEM_TIERS, ITEM_BAND)
        _check_breakdown(0, count, PAGE_TIERS, None)


def test_progressive_fee_matches_a_brute_force_reference_for_random_tiers():
    rng = random.Random(109)
    for _ in range(200):
        bounds = sorted(rng.sample(range(1, 80), rng.randint(1, 4)))
        tiers = [(bound, rng.randint(0, 60)) for bound in bounds]
        band = (rng.randint(1, 12), rng.randint(0, 50))
        start, count = rng.randint(0, 150), rng.randint(0, 250)
        assert fees.progressive_fee(start, count, tiers, band) == brute_force_fee(
            start, count, tiers, band)
        _check_breakdown(start, count, tiers, band)
        open_tiers = [*tiers, (None, rng.randint(0, 60))]
        assert fees.progressive_fee(start, count, open_tiers) == brute_force_fee(
            start, count, open_tiers)


# -- extensions (Art.33 ¶2): refused after the deadline ----------------------------------------


def test_extension_refused_after_the_deadline(approver):
    request_obj = new_request()
    with pytest.raises(services.ActionNotAllowed) as exc:
        services.request_extension(request_obj, approver, 10, "需要检索档案", on=D(2025, 10, 31))
    assert "2025-10-30" in " ".join(exc.value.messages)
    assert not Extension.objects.exists()
    # On the last day it is possible: 10-30 + 10 working days = 10-31, 11-03..07, 11-10..13.
    services.request_extension(fresh(request_obj), approver, 10, "需要检索档案", on=A_DUE)
    obj = fresh(request_obj)
    assert (obj.status, obj.extension_days, obj.due_on) == (Status.EXTENDED, 10,
                                                            D(2025, 11, 13))


def test_approval_after_the_deadline_is_refused(officer, approver):
    request_obj = new_request()
    extension = services.request_extension(request_obj, officer, 10, "需要检索档案",
                                           on=D(2025, 10, 29))
    assert extension.status == ExtensionStatus.PENDING
    with pytest.raises(services.ActionNotAllowed):
        services.decide_extension(extension, approver, approve=True, on=D(2025, 10, 31))
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING
    obj = fresh(request_obj)
    assert (obj.extension_days, obj.due_on) == (0, A_DUE)
    assert not obj.letters.filter(kind=LetterKind.EXTENSION_NOTICE).exists()
    # Without a date: today, years after the deadline, refused too.
    with pytest.raises(services.ActionNotAllowed):
        services.decide_extension(extension, approver, approve=True)
    # It can still be rejected (nothing moves).
    services.decide_extension(extension, approver, approve=False, on=D(2025, 10, 31))
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.REJECTED


def test_approval_on_the_last_day_is_possible(officer, approver):
    request_obj = new_request()
    extension = services.request_extension(request_obj, officer, 5, "需要检索档案",
                                           on=D(2025, 10, 29))
    services.decide_extension(extension, approver, approve=True, on=A_DUE)
    # 10-30 + 5: 10-31, 11-03..06
    assert fresh(request_obj).due_on == D(2025, 11, 6)


# -- the delayed reply (Art.35) -----------------------------------------------------------------


def test_delayed_reply_sets_the_deadline_and_a_reply_that_day_is_on_time(
        approver, mailoutbox, django_capture_on_commit_callbacks):
    request_obj = new_request()
    with django_capture_on_commit_callbacks(execute=True):
        extension = services.request_delay(request_obj, approver, D(2025, 11, 28),
                                           "申请数量明显超过合理范围，理由合理", on=D(2025, 10, 20))
    assert (extension.kind, extension.status) == (ExtensionKind.DELAY, ExtensionStatus.APPROVED)
    # Working days after 10-30 up to 11-28: 10-31, then 4 weeks of November = 1 + 20.
    assert extension.days == 21
    obj = fresh(request_obj)
    assert (obj.delayed_until, obj.due_on, obj.status) == (
        D(2025, 11, 28), D(2025, 11, 28), Status.EXTENDED)
    assert obj.extension_days == 0  # a delay is not an Art.33 extension
    letter = obj.letters.get(kind=LetterKind.DELAY_NOTICE)
    assert letter.sent_on == D(2025, 10, 20)
    assert Notification.objects.filter(request=obj, kind="applicant:delay_notice").count() == 1
    assert log_entries(obj, "deadline")[-1]["cause"] == "delay"
    services.record_reply(obj, approver, "disclosed", "予以公开。", answered_on=D(2025, 11, 28))
    assert log_entries(obj, "reply")[0]["on_time"] is True


def test_reply_after_the_delayed_date_is_late(approver):
    request_obj = new_request()
    services.request_delay(request_obj, approver, D(2025, 11, 28), "数量大", on=D(2025, 10, 20))
    services.record_reply(fresh(request_obj), approver, "disclosed", "予以公开。",
                          answered_on=D(2025, 12, 1))
    assert log_entries(request_obj, "reply")[0]["on_time"] is False


def test_delay_bounds(approver):
    request_obj = new_request()
    # 60 working days after 10-30: 10-31 1, November 2-21, December (23 working days) 22-44,
    # 2026-01-01..03 off, Sun 01-04 45, 01-05..09 46-50, 01-12..16 51-55, 01-19..23 56-60.
    assert services.latest_delay_date(request_obj) == D(2026, 1, 23)
    for until in (A_DUE, D(2025, 10, 29), D(2026, 1, 26)):
        with pytest.raises(ValidationError) as exc:
            services.request_delay(fresh(request_obj), approver, until, "数量大",
                                   on=D(2025, 10, 20))
        assert "until" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.request_delay(fresh(request_obj), approver, D(2025, 11, 28), "  ",
                               on=D(2025, 10, 20))
    assert "reason" in exc.value.error_dict
    assert not Extension.objects.exists()
    services.request_delay(fresh(request_obj), approver, D(2026, 1, 23), "数量大",
                           on=D(2025, 10, 20))
    assert fresh(request_obj).due_on == D(2026, 1, 23)


def test_delay_refused_after_the_deadline(approver):
    request_obj = new_request()
    with pytest.raises(services.ActionNotAllowed):
        services.request_delay(request_obj, approver, D(2025, 11, 28), "数量大",
                               on=D(2025, 10, 31))
    assert fresh(request_obj).delayed_until is None


def test_a_fee_and_an_extension_after_a_delay_move_the_delayed_deadline(approver):
    request_obj = new_request()
    # Delayed to Fri 11-28: 21 working days after 10-30 (see above), 41 after 09-26.
    services.request_delay(request_obj, approver, D(2025, 11, 28), "数量大", on=D(2025, 10, 20))
    # A fee notice by email on Mon 11-03 (pay by 12-01: 11-04..07 4, 11-10..28 19, 12-01 20).
    notice = fee(request_obj, approver, D(2025, 11, 3))
    assert notice.pay_by == D(2025, 12, 1)
    # Unpaid, the clock stands still up to 12-01 (20 working days): 41 + 20 = 61 working
    # days after 09-26; 11-28 is the 41st, then 12-01..05 42-46, 12-08..12 47-51,
    # 12-15..19 52-56, 12-22..26 57-61 → 12-26.
    assert fresh(request_obj).due_on == D(2025, 12, 26)
    # Paid Fri 11-21: paused 11-04..07, 11-10..14, 11-17..21 = 14; 11-28 + 14 = 12-18.
    services.record_payment(notice, approver, D(2025, 11, 21))
    obj = fresh(request_obj)
    assert log_entries(obj, "fee_paid")[0]["paused_working_days"] == 14
    assert obj.due_on == D(2025, 12, 18)
    assert default_calendar().working_days_between(D(2025, 11, 28), obj.due_on) == 14
    assert obj.delayed_until == D(2025, 11, 28)  # the date told to the applicant stays
    # An extension granted afterwards adds its working days too: 12-19, 12-22..25 → 12-25.
    services.request_extension(obj, approver, 5, "还需检索", on=D(2025, 11, 24))
    assert fresh(request_obj).due_on == D(2025, 12, 25)


def test_delay_to_a_day_off_is_due_that_day(approver):
    request_obj = new_request()
    # Sat 11-29 is not a working day: the reply is due on the date told to the applicant.
    services.request_delay(request_obj, approver, D(2025, 11, 29), "数量大", on=D(2025, 10, 20))
    obj = fresh(request_obj)
    assert obj.due_on == D(2025, 11, 29)
    services.record_reply(obj, approver, "disclosed", "予以公开。", answered_on=D(2025, 11, 29))
    assert log_entries(obj, "reply")[0]["on_time"] is True


def test_delay_approved_later_counts_from_the_deadline_of_its_approval(officer, approver):
    request_obj = new_request()
    extension = services.request_delay(request_obj, officer, D(2025, 11, 28), "数量大",
                                       on=D(2025, 10, 13))
    assert extension.days == 21  # 10-30 → 11-28
    # Meanwhile the deadline moved: an extension of 5 (10-30 → 11-06) was approved.
    Extension.objects.filter(pk=extension.pk).update(status=ExtensionStatus.REJECTED)
    services.request_extension(fresh(request_obj), approver, 5, "检索", on=D(2025, 10, 14))
    Extension.objects.filter(pk=extension.pk).update(status=ExtensionStatus.PENDING)
    assert fresh(request_obj).due_on == D(2025, 11, 6)
    services.decide_extension(extension, approver, approve=True, on=D(2025, 10, 15))
    extension.refresh_from_db()
    assert extension.days == 16  # 11-06 → 11-28: 11-07, 11-10..14, 11-17..21, 11-24..28
    assert fresh(request_obj).due_on == D(2025, 11, 28)


def test_delay_by_an_officer_waits_for_approval(officer, approver):
    request_obj = new_request()
    extension = services.request_delay(request_obj, officer, D(2025, 11, 28), "数量大",
                                       on=D(2025, 10, 20))
    assert extension.status == ExtensionStatus.PENDING
    obj = fresh(request_obj)
    assert (obj.delayed_until, obj.due_on) == (None, A_DUE)
    assert Notification.objects.filter(request=obj, kind="staff:extension_requested",
                                       recipient=approver.email).count() == 1
    with pytest.raises(services.ActionNotAllowed):  # decided after the deadline
        services.decide_extension(extension, approver, approve=True, on=D(2025, 10, 31))
    services.decide_extension(extension, approver, approve=True, on=D(2025, 10, 21))
    obj = fresh(request_obj)
    assert (obj.delayed_until, obj.due_on) == (D(2025, 11, 28), D(2025, 11, 28))
    assert obj.letters.filter(kind=LetterKind.DELAY_NOTICE).count() == 1


# -- third parties (Art.32): 15 working days from the receipt ---------------------------------


def test_consultation_by_email_counts_from_the_sending_day(officer):
    request_obj = new_request()
    # Mon 09-29 by email: received that day. 09-30 1, 10-09 2, 10-10 3, 10-11 4, 10-13..17
    # 5-9, 10-20..24 10-14, 10-27 15.
    consultation = services.start_consultation(request_obj, officer, "某公司", D(2025, 9, 29),
                                               "征求意见", delivery="email")
    assert (consultation.received_on, consultation.due_on) == (D(2025, 9, 29), D(2025, 10, 27))
    # While it runs, the reply deadline is held up to its due date: 15 working days
    # (09-30..10-27), so 10-30 + 15 = 10-31, 11-03..07, 11-10..14, 11-17..20 → 11-20.
    assert fresh(request_obj).due_on == D(2025, 11, 20)


def test_consultation_by_post_until_the_receipt_is_recorded(officer):
    request_obj = new_request()
    consultation = services.start_consultation(request_obj, officer, "某公司", D(2025, 9, 29),
                                               "征求意见", delivery="post")
    assert (consultation.received_on, consultation.due_on) == (None, D(2025, 10, 27))
    with pytest.raises(ValidationError) as exc:
        services.record_consultation_receipt(consultation, officer, D(2025, 9, 28))
    assert "received_on" in exc.value.error_dict
    # Received Thu 10-09: 10-10 1, 10-11 2, 10-13..17 3-7, 10-20..24 8-12, 10-27..29 13-15.
    services.record_consultation_receipt(consultation, officer, D(2025, 10, 9))
    consultation.refresh_from_db()
    assert (consultation.received_on, consultation.due_on) == (D(2025, 10, 9), D(2025, 10, 29))
    # The reply deadline: paused 09-30..10-29 = 17 working days; 10-30 + 17: 10-31, 11-03..07,
    # 11-10..14, 11-17..21, 11-24 → 11-24.
    obj = fresh(request_obj)
    assert obj.due_on == D(2025, 11, 24)
    assert log_entries(obj, "deadline")[-1]["cause"] == "consultation_received"
    assert log_entries(obj, "consultation_received")[0]["answer_due_on"] == "2025-10-29"
    # Ended on 10-17: paused 09-30, 10-09..11, 10-13..17 = 9 → 10-30 + 9 = 11-12.
    services.end_consultation(consultation, officer, D(2025, 10, 17), "不同意公开")
    assert fresh(request_obj).due_on == D(2025, 11, 12)


def test_consultation_receipt_given_at_once(officer):
    consultation = services.start_consultation(new_request(), officer, "某公司", D(2025, 9, 29),
                                               "征求意见", delivery="post",
                                               received_on=D(2025, 10, 9))
    assert consultation.due_on == D(2025, 10, 29)


# -- online receipt (Art.31 "双方确认之日") ---------------------------------------------------------


def test_every_submission_stores_its_acknowledgement():
    request_obj = new_request()
    assert request_obj.status == Status.RECEIVED
    [letter] = request_obj.letters.all()
    assert (letter.kind, letter.sent_on) == (LetterKind.ACKNOWLEDGEMENT, A)


def _awaiting_confirmation():
    with law(ONLINE_RECEIPT="confirmation"):
        request_obj = new_request()
    # submitted on Fri 09-26 at 09:00 in Beijing
    InformationRequest.objects.filter(pk=request_obj.pk).update(
        submitted_at=datetime.datetime(2025, 9, 26, 9, 0, tzinfo=SHANGHAI))
    return fresh(request_obj)


def test_online_receipt_by_confirmation(officer, mailoutbox, django_capture_on_commit_callbacks):
    request_obj = _awaiting_confirmation()
    assert request_obj.status == Status.AWAITING_CONFIRMATION
    assert not request_obj.letters.filter(kind=LetterKind.ACKNOWLEDGEMENT).exists()
    # The clock has not started: no deadline runs, whatever the day.
    assert not request_obj.awaiting_reply
    assert not request_obj.is_overdue(D(2026, 12, 2))
    assert not InformationRequest.objects.due_by(D(2026, 12, 31)).exists()
    assert not InformationRequest.objects.overdue(D(2026, 12, 31)).exists()
    run = reminders.run_reminders(today=D(2025, 12, 1))
    assert (run.due_soon, run.overdue) == (0, 0)
    # Other actions wait for the confirmation.
    with pytest.raises(services.ActionNotAllowed):
        services.start_processing(request_obj, officer)
    # The confirmation lies between the submission and today.
    for on in (D(2025, 9, 25), timezone.localdate() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            services.confirm_receipt(fresh(request_obj), officer, on)
        assert "on" in exc.value.error_dict
    assert fresh(request_obj).status == Status.AWAITING_CONFIRMATION
    # Confirmed on the working Sunday 09-28: 20 working days after it are 09-29 1, 09-30 2,
    # 10-09 3, 10-10 4, 10-11 5, 10-13..17 6-10, 10-20..24 11-15, 10-27..31 16-20 → 10-31;
    # the correction notice is due 7 working days after it: 09-29, 09-30, 10-09, 10-10,
    # 10-11, 10-13, 10-14 → 10-14.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_receipt(fresh(request_obj), officer, D(2025, 9, 28))
    obj = fresh(request_obj)
    assert obj.status == Status.RECEIVED
    assert (obj.received_on, obj.clock_started_on) == (D(2025, 9, 28), D(2025, 9, 28))
    assert (obj.due_on, obj.correction_notice_due_on) == (D(2025, 10, 31), D(2025, 10, 14))
    assert obj.awaiting_reply
    letter = obj.letters.get(kind=LetterKind.ACKNOWLEDGEMENT)
    assert letter.sent_on == D(2025, 9, 28)
    assert [m.to for m in mailoutbox] == [[APPLICANT_EMAIL]]
    assert Notification.objects.filter(request=obj,
                                       kind="applicant:receipt_confirmed").count() == 1
    assert log_entries(obj, "confirm_receipt") == [{"received_on": "2025-09-28"}]
    assert log_entries(obj, "deadline")[-1]["cause"] == "receipt_confirmed"
    # Once only.
    with pytest.raises(services.ActionNotAllowed):
        services.confirm_receipt(obj, officer, D(2025, 9, 29))


def test_confirmation_on_the_submission_day(officer):
    request_obj = _awaiting_confirmation()
    services.confirm_receipt(request_obj, officer, A)
    assert fresh(request_obj).due_on == A_DUE


def test_online_receipt_default_and_other_channels_start_at_once():
    assert new_request().status == Status.RECEIVED  # ONLINE_RECEIPT = "submission"
    with law(ONLINE_RECEIPT="confirmation"):
        form = forms.RequestForm(factories.request_data())
        assert form.is_valid(), form.errors
        in_person, _code = services.submit(form.cleaned_data, (),
                                           channel=ReceiptChannel.IN_PERSON, received_on=A)
    assert (in_person.status, in_person.due_on) == (Status.RECEIVED, A_DUE)
    assert in_person.letters.filter(kind=LetterKind.ACKNOWLEDGEMENT).count() == 1


# -- the correction period lapses (Art.30) -----------------------------------------------------


CORRECTION_DUE = D(2025, 10, 17)


def _awaiting_correction(officer, due=CORRECTION_DUE):
    request_obj = new_request()
    services.assign(request_obj, officer, officer)  # the handler hears of the lapse
    services.send_correction_notice(fresh(request_obj), officer, "请补充文号。", due,
                                    sent_on=D(2025, 9, 29))
    return fresh(request_obj)


def test_lapsed_correction_is_put_to_the_handler_by_default(officer):
    request_obj = _awaiting_correction(officer)
    run = reminders.run_reminders(today=D(2025, 10, 17))  # its last day: nothing yet
    assert (run.corrections_lapsed, run.corrections_to_confirm) == (0, 0)
    run = reminders.run_reminders(today=D(2025, 10, 20))
    assert (run.corrections_lapsed, run.corrections_to_confirm) == (0, 1)
    assert fresh(request_obj).status == Status.AWAITING_CORRECTION
    assert staff_notifications(request_obj, "correction_lapsed_confirm") == 1
    assert reminders.run_reminders(today=D(2025, 10, 20)).corrections_to_confirm == 0
    assert reminders.run_reminders(today=D(2025, 10, 21)).corrections_to_confirm == 1
    # The handler confirms 无正当理由: 其他处理/1.
    services.lapse_correction(fresh(request_obj), officer, today=D(2025, 10, 21))
    obj = fresh(request_obj)
    assert (obj.status, obj.outcome, obj.closed_on) == (
        Status.CLOSED, "other_no_correction", D(2025, 10, 21))
    assert log_entries(obj, "correction_lapsed")[0]["automatic"] is False


def test_lapsed_correction_closed_by_the_run_when_so_set(officer):
    request_obj = _awaiting_correction(officer)
    with law(AUTO_CLOSE_LAPSED_CORRECTIONS=True):
        assert reminders.run_reminders(today=D(2025, 10, 17)).corrections_lapsed == 0
        run = reminders.run_reminders(today=D(2025, 10, 20))
    assert (run.corrections_lapsed, run.corrections_to_confirm) == (1, 0)
    obj = fresh(request_obj)
    assert (obj.status, obj.outcome, obj.closed_on) == (
        Status.CLOSED, "other_no_correction", D(2025, 10, 20))
    assert log_entries(obj, "correction_lapsed")[0]["automatic"] is True
    assert Notification.objects.filter(request=obj, kind="staff:correction_lapsed",
                                       recipient=officer.email).count() == 1


def test_close_as_not_corrected_only_after_the_lapse(officer):
    request_obj = _awaiting_correction(officer)
    with pytest.raises(ValidationError) as exc:
        services.close(request_obj, officer, outcomes.NO_CORRECTION_OUTCOME, on=D(2025, 10, 17))
    assert "outcome" in exc.value.error_dict
    services.close(fresh(request_obj), officer, outcomes.NO_CORRECTION_OUTCOME,
                   on=D(2025, 10, 20))
    assert fresh(request_obj).outcome == "other_no_correction"
    # Never for a request that was not asked to correct.
    other = new_request(description="另一项")
    with pytest.raises(ValidationError):
        services.close(other, officer, outcomes.NO_CORRECTION_OUTCOME, on=D(2025, 10, 20))


def test_more_time_to_correct(officer, mailoutbox, django_capture_on_commit_callbacks):
    request_obj = _awaiting_correction(officer)
    for due in (D(2025, 10, 20), D(2025, 10, 17)):  # not after the new notice / the old date
        with pytest.raises(ValidationError) as exc:
            services.give_more_time_to_correct(fresh(request_obj), officer, due, "请补正。",
                                               sent_on=D(2025, 10, 20))
        assert "correction_due_on" in exc.value.error_dict
    too_late = timezone.localdate() + datetime.timedelta(days=367)
    with pytest.raises(ValidationError):
        services.give_more_time_to_correct(fresh(request_obj), officer, too_late, "请补正。",
                                           sent_on=D(2025, 10, 20))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.give_more_time_to_correct(fresh(request_obj), officer, D(2025, 10, 31),
                                           "请于10月31日前补正。", sent_on=D(2025, 10, 20))
    obj = fresh(request_obj)
    assert (obj.status, obj.correction_due_on) == (Status.AWAITING_CORRECTION, D(2025, 10, 31))
    assert obj.letters.filter(kind=LetterKind.CORRECTION_NOTICE).count() == 2
    assert [m.to for m in mailoutbox] == [[APPLICANT_EMAIL]]
    assert log_entries(obj, "correction_more_time") == [{"old": "2025-10-17",
                                                         "new": "2025-10-31"}]
    # Not lapsed any more.
    assert reminders.run_reminders(today=D(2025, 10, 27)).corrections_to_confirm == 0
    with pytest.raises(services.ActionNotAllowed):
        services.lapse_correction(obj, officer, today=D(2025, 10, 31))
    # The correction arrives: the 20 working days start again (Mon 10-27 → 11-24).
    services.record_correction(obj, officer, D(2025, 10, 27))
    assert fresh(request_obj).due_on == D(2025, 11, 24)


# -- system checks ------------------------------------------------------------------------------


def ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize(("key", "statute"), [
    ("REPLY_WORKING_DAYS", 20), ("CORRECTION_NOTICE_WORKING_DAYS", 7),
    ("MAX_EXTENSION_WORKING_DAYS", 20), ("CONSULTATION_WORKING_DAYS", 15)])
def test_w102_period_longer_than_the_statute(key, statute):
    with law(**{key: statute + 1}):
        warnings = checks.check_legal_settings()
    assert ids(warnings) == ["wagtail_disclosure.W102"]
    assert key in warnings[0].msg
    with law(**{key: statute}):
        assert checks.check_legal_settings() == []
    with law(**{key: statute - 1}):  # shorter than the statute is the agency's choice
        assert checks.check_legal_settings() == []


def test_w103_time_zone_not_china():
    assert checks.check_legal_settings() == []  # the example project: Asia/Shanghai
    with override_settings(TIME_ZONE="UTC"):
        assert ids(checks.check_legal_settings()) == ["wagtail_disclosure.W103"]
    with override_settings(TIME_ZONE="Asia/Tokyo"):
        assert ids(checks.check_legal_settings()) == ["wagtail_disclosure.W103"]
    with override_settings(USE_TZ=False):
        assert ids(checks.check_legal_settings()) == ["wagtail_disclosure.W103"]
    with override_settings(TIME_ZONE="Asia/Chongqing"):
        assert checks.check_legal_settings() == []


@pytest.mark.parametrize(("values", "code"), [
    ({"ONLINE_RECEIPT": "both"}, "E018"),
    ({"FEE_PAUSES_CLOCK": "yes"}, "E018"),
    ({"AUTO_CLOSE_LAPSED_CORRECTIONS": 1}, "E018"),
    ({"FEE_PAYMENT_WORKING_DAYS": 0}, "E019"),
    ({"MAX_DELAY_WORKING_DAYS": True}, "E019"),
    ({"FEE_MAX_ITEMS": 10**20}, "E019"),
])
def test_e018_e019_values_of_the_new_settings(values, code):
    with law(**values):
        assert ids(checks.check_settings()) == [f"wagtail_disclosure.{code}"]


# -- the admin actions --------------------------------------------------------------------------


def action_url(request_obj, name):
    return reverse("wagtail_disclosure_requests:action", args=(request_obj.pk, name))


def detail_url(request_obj):
    return reverse("wagtail_disclosure_requests:edit", args=(request_obj.pk,))


def bound_form(response, name):
    return next(a["form"] for a in response.context["actions"] if a["name"] == name)


@pytest.fixture
def admin_client(client, admin_user):
    factories.request_form_page()
    client.force_login(admin_user)
    return client


def test_admin_fee_notice(admin_client):
    request_obj = new_request(timezone.localdate())
    html = admin_client.get(detail_url(request_obj)).content.decode()
    assert 'id="action-fee_notice"' in html
    data = {"fee_notice-method": "per_item", "fee_notice-quantity": str(10**20),
            "fee_notice-items_before": "0", "fee_notice-delivery": "email",
            "fee_notice-body": "请于{pay_by}前缴纳{amount}元。"}
    response = admin_client.post(action_url(request_obj, "fee_notice"), data)
    assert response.status_code == 200
    assert "quantity" in bound_form(response, "fee_notice").errors
    assert not FeeNotice.objects.exists()
    response = admin_client.post(action_url(request_obj, "fee_notice"),
                                 {**data, "fee_notice-quantity": "12"})
    assert response.status_code == 302
    notice = FeeNotice.objects.get()
    today = timezone.localdate()
    assert (notice.amount, notice.issued_on, notice.received_on) == (200, today, today)
    assert notice.pay_by == default_calendar().add_working_days(today, 20)
    assert fresh(request_obj).status == Status.AWAITING_PAYMENT


def test_admin_fee_notice_proposes_the_items_this_month(admin_client):
    today = timezone.localdate()
    new_request(today, description="本月较早的申请")
    request_obj = new_request(today, description="本次申请")
    response = admin_client.get(detail_url(request_obj))
    assert bound_form(response, "fee_notice").initial["items_before"] == 1


def test_admin_offers_no_fee_notice_extension_or_delay_after_the_deadline(admin_client):
    request_obj = new_request(D(2025, 11, 3))  # due 2025-12-01
    response = admin_client.get(detail_url(request_obj))
    html = response.content.decode()
    for name in ("fee_notice", "extension", "delay"):
        assert f'id="action-{name}"' not in html
    assert 'id="action-reply"' in html  # a late reply is still a reply
    response = admin_client.post(action_url(request_obj, "fee_notice"), {
        "fee_notice-method": "per_item", "fee_notice-quantity": "12",
        "fee_notice-items_before": "0", "fee_notice-delivery": "email",
        "fee_notice-body": "请缴费。"})
    assert response.status_code == 302
    assert not FeeNotice.objects.exists()
    response = admin_client.post(action_url(request_obj, "delay"), {
        "delay-days": "5", "delay-reason": "数量大"})
    assert response.status_code == 302
    assert fresh(request_obj).delayed_until is None


def test_admin_delay(admin_client):
    request_obj = new_request(timezone.localdate())
    calendar = default_calendar()
    assert 'id="action-delay"' in admin_client.get(detail_url(request_obj)).content.decode()
    # Beyond MAX_DELAY_WORKING_DAYS: the service's field error shows on the form.
    beyond = calendar.add_working_days(request_obj.due_on, 61)
    response = admin_client.post(action_url(request_obj, "delay"), {
        "delay-until": beyond.isoformat(), "delay-reason": "数量大"})
    assert response.status_code == 200
    assert "until" in bound_form(response, "delay").errors
    assert fresh(request_obj).delayed_until is None
    # As a number of working days after the present deadline; the superuser approves at once.
    until = calendar.add_working_days(request_obj.due_on, 10)
    response = admin_client.post(action_url(request_obj, "delay"), {
        "delay-days": "10", "delay-reason": "申请数量明显超过合理范围"})
    assert response.status_code == 302
    obj = fresh(request_obj)
    assert (obj.delayed_until, obj.due_on, obj.status) == (until, until, Status.EXTENDED)
    assert obj.letters.filter(kind=LetterKind.DELAY_NOTICE).count() == 1


def test_admin_delay_by_date(admin_client):
    request_obj = new_request(timezone.localdate())
    until = default_calendar().add_working_days(request_obj.due_on, 3)
    response = admin_client.post(action_url(request_obj, "delay"), {
        "delay-until": until.isoformat(), "delay-reason": "数量大"})
    assert response.status_code == 302
    assert fresh(request_obj).due_on == until


def test_admin_confirm_receipt(admin_client):
    today = timezone.localdate()
    with law(ONLINE_RECEIPT="confirmation"):
        request_obj = new_request(today)
        assert request_obj.status == Status.AWAITING_CONFIRMATION
        html = admin_client.get(detail_url(request_obj)).content.decode()
        assert 'id="action-confirm_receipt"' in html
        assert 'id="action-start"' not in html
        tomorrow = today + datetime.timedelta(days=1)
        response = admin_client.post(action_url(request_obj, "confirm_receipt"),
                                     {"confirm_receipt-on": tomorrow.isoformat()})
        assert response.status_code == 200
        assert "on" in bound_form(response, "confirm_receipt").errors
        assert fresh(request_obj).status == Status.AWAITING_CONFIRMATION
        response = admin_client.post(action_url(request_obj, "confirm_receipt"),
                                     {"confirm_receipt-on": today.isoformat()})
    assert response.status_code == 302
    obj = fresh(request_obj)
    assert (obj.status, obj.received_on) == (Status.RECEIVED, today)
    assert obj.due_on == default_calendar().add_working_days(today, 20)
    assert obj.letters.filter(kind=LetterKind.ACKNOWLEDGEMENT).count() == 1


def test_a_fee_too_large_for_one_notice_is_a_field_error_not_a_database_error(officer):
    """10,000 items after 100,000 this month (both within their bounds) cost 10,498,500,000
    yuan: more than FeeNotice.amount holds (a 500 on PostgreSQL before)."""
    from wagtail_disclosure.requests.fee_services import MAX_FEE_AMOUNT, fee_amount

    assert fee_amount(FeeMethod.PER_ITEM, 10_000, 100_000) > MAX_FEE_AMOUNT
    with pytest.raises(ValidationError) as exc:
        services.check_fee_quantities(FeeMethod.PER_ITEM, 10_000, 100_000)
    assert "10,498,500,000" in exc.value.message_dict["quantity"][0]
    form = forms.FeeNoticeForm({"method": "per_item", "quantity": "10000",
                                "items_before": "100000", "delivery": "email",
                                "body": "请缴费。"})
    assert not form.is_valid() and "quantity" in form.errors
    request_obj = new_request()
    with pytest.raises(ValidationError):
        services.issue_fee_notice(request_obj, officer, FeeMethod.PER_ITEM, 10_000, 100_000,
                                  "缴费", delivery="email", issued_on=D(2025, 10, 9))
    assert not FeeNotice.objects.exists()
    services.check_fee_quantities(FeeMethod.PER_PAGE, 1_000_000, 0)  # 39,994,700 yuan fits
