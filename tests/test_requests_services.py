"""Every action on a request (wagtail_disclosure.requests.services): the statuses it is allowed
from and refused from, its effect on the deadline, the audit log, letters and emails.

Dates: a request received Mon 2025-11-03 is due 2025-12-01 (November 2025 has no holiday; the
day-by-day counts are in tests/test_requests_clock.py, worked out from chinesecalendar 1.11.0's
data). Further working days after 11-03: 12-02..05 = 21-24, 12-08..12 = 25-29,
12-15..19 = 30-34, 12-22 = 35.

These scenarios lie in the past (the tests run after 2025): the actions refused once the reply
deadline has passed (an extension or its approval, a delayed reply, a fee notice) are given
the day they are taken (``on=``, ``issued_on=``) within the reply period. The rules of
2026-12 themselves are tested in tests/test_request_law.py.
"""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_disclosure import fees
from wagtail_disclosure.requests import outcomes, services
from wagtail_disclosure.requests.choices import (
    OPEN_STATUSES,
    ExtensionStatus,
    FeeMethod,
    LetterKind,
    Status,
)
from wagtail_disclosure.requests.models import (
    Consultation,
    Extension,
    FeeNotice,
    InformationRequest,
    LetterDocument,
    Notification,
    WorkdayOverride,
)

pytestmark = pytest.mark.django_db

D = datetime.date
NOV3 = D(2025, 11, 3)
# The day fee notices go out in these scenarios: within the reply period of a request
# received on 11-03 (due 12-01).
NOV5 = D(2025, 11, 5)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEADLINE = "wagtail_disclosure.request.deadline"
APPLICANT_EMAIL = "zhangsan@example.com"


@pytest.fixture(autouse=True)
def _media(private_media, fresh_calendar):
    """Every test here writes files and may change the calendar."""


make_user = factories.make_user


def new_request(received_on=NOV3, **overrides):
    return factories.information_request(received_on=received_on, **overrides)


def fresh(request_obj):
    return InformationRequest.objects.get(pk=request_obj.pk)


def deadline_entries(request_obj):
    return [entry.data for entry in ModelLogEntry.objects.for_instance(request_obj)
            .filter(action=DEADLINE).order_by("timestamp", "pk")]


def actions_logged(request_obj):
    return [entry.action.rsplit(".", 1)[-1] for entry in
            ModelLogEntry.objects.for_instance(request_obj).order_by("timestamp", "pk")]


def snapshot(request_obj):
    """Everything an action could change about a request."""
    obj = fresh(request_obj)
    return {
        "fields": {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields},
        "letters": list(obj.letters.values_list("pk", "kind", "body")),
        "consultations": list(obj.consultations.values_list("pk", "due_on", "ended_on",
                                                           "result")),
        "extensions": list(obj.extensions.values_list("pk", "status", "days", "decided_by")),
        "fee_notices": list(obj.fee_notices.values_list("pk", "amount", "paid_on")),
        "notifications": list(Notification.objects.filter(request=obj).values_list("pk")),
        "log": list(ModelLogEntry.objects.for_instance(obj).values_list("pk", "action")),
    }


# -- the status matrix -------------------------------------------------------------------------

ALL_STATUSES = list(Status)
OPEN = list(OPEN_STATUSES)


def in_status(status, user):
    """A request in ``status``, with what that status implies (an open consultation while
    consulting, an unpaid fee notice while awaiting payment, …)."""
    request_obj = new_request()
    update = {"status": status}
    if status == Status.CONSULTING:
        Consultation.objects.create(request=request_obj, third_party="某公司",
                                    started_on=D(2025, 11, 5), due_on=D(2025, 11, 26))
    elif status == Status.AWAITING_CORRECTION:
        request_obj.letters.create(kind=LetterKind.CORRECTION_NOTICE, title="补正", body="请补正",
                                   sent_on=D(2025, 11, 4))
        update["correction_due_on"] = D(2025, 11, 20)
    elif status == Status.AWAITING_PAYMENT:
        FeeNotice.objects.create(request=request_obj, method=FeeMethod.PER_ITEM, quantity=12,
                                 amount=200, issued_on=D(2025, 11, 5), pay_by=D(2025, 12, 3))
    elif status == Status.EXTENDED:
        Extension.objects.create(request=request_obj, days=10, reason="检索档案",
                                 status=ExtensionStatus.APPROVED, requested_by=user,
                                 decided_by=user)
        update["extension_days"] = 10
    elif status == Status.ANSWERED:
        update.update(outcome="disclosed", answered_on=D(2025, 11, 20))
    elif status == Status.CLOSED:
        update.update(outcome="not_processed_petition", closed_on=D(2025, 11, 20))
    elif status == Status.WITHDRAWN:
        update.update(outcome="other", closed_on=D(2025, 11, 20))
    InformationRequest.objects.filter(pk=request_obj.pk).update(**update)
    return fresh(request_obj)


def _open_consultation(request_obj):
    return (request_obj.consultations.filter(ended_on__isnull=True).first()
            or Consultation.objects.create(request=request_obj, third_party="某公司",
                                           started_on=D(2025, 11, 5), due_on=D(2025, 11, 26)))


def _pending_extension(request_obj, user):
    return Extension.objects.create(request=request_obj, days=5, reason="检索档案",
                                    requested_by=user)


def _unpaid_notice(request_obj):
    return (request_obj.fee_notices.filter(paid_on__isnull=True).first()
            or FeeNotice.objects.create(request=request_obj, method=FeeMethod.PER_ITEM,
                                        quantity=12, amount=200, issued_on=D(2025, 11, 5),
                                        pay_by=D(2025, 12, 3)))


def _same(status):
    return status


def _extended_unless_consulting(status):
    return Status.CONSULTING if status == Status.CONSULTING else Status.EXTENDED


# name: (statuses it is allowed from, prepare(request, user) -> args, call, resulting status)
ACTIONS = {
    "assign": (OPEN, None, lambda r, a, u: services.assign(r, u, u),
               lambda s: Status.IN_PROGRESS if s == Status.RECEIVED else s),
    "start_processing": ([Status.RECEIVED], None,
                         lambda r, a, u: services.start_processing(r, u),
                         lambda s: Status.IN_PROGRESS),
    "send_correction_notice": (
        [Status.RECEIVED, Status.IN_PROGRESS], None,
        lambda r, a, u: services.send_correction_notice(r, u, "请补充文号。", D(2025, 11, 25),
                                                        sent_on=D(2025, 11, 5)),
        lambda s: Status.AWAITING_CORRECTION),
    "record_correction": ([Status.AWAITING_CORRECTION], None,
                          lambda r, a, u: services.record_correction(r, u, D(2025, 11, 10)),
                          lambda s: Status.IN_PROGRESS),
    "lapse_correction": ([Status.AWAITING_CORRECTION], None,
                         lambda r, a, u: services.lapse_correction(r, u, today=D(2025, 12, 31)),
                         lambda s: Status.CLOSED),
    "start_consultation": (
        [Status.RECEIVED, Status.IN_PROGRESS, Status.EXTENDED, Status.CONSULTING], None,
        lambda r, a, u: services.start_consultation(r, u, "某公司", D(2025, 11, 12), "征求意见"),
        lambda s: Status.CONSULTING),
    "end_consultation": ([Status.CONSULTING], lambda r, u: _open_consultation(r),
                         lambda r, a, u: services.end_consultation(a, u, D(2025, 11, 14), "同意"),
                         lambda s: Status.IN_PROGRESS),
    "request_extension": ([Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING,
                           Status.EXTENDED], None,
                          lambda r, a, u: services.request_extension(r, u, 10, "需要检索档案",
                                                                     on=D(2025, 11, 10)),
                          _extended_unless_consulting),
    "decide_extension": ([Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING,
                          Status.EXTENDED],
                         _pending_extension,
                         lambda r, a, u: services.decide_extension(a, u, approve=True,
                                                                   on=D(2025, 11, 10)),
                         _extended_unless_consulting),
    "record_reply": ([Status.RECEIVED, Status.IN_PROGRESS, Status.EXTENDED,
                      Status.AWAITING_PAYMENT], None,
                     lambda r, a, u: services.record_reply(r, u, "disclosed", "予以公开。",
                                                           answered_on=D(2025, 11, 20)),
                     lambda s: Status.ANSWERED),
    "record_delivery": ([Status.ANSWERED], None,
                        lambda r, a, u: services.record_delivery(r, u, D(2025, 11, 21), "post"),
                        _same),
    "withdraw": (OPEN, None, lambda r, a, u: services.withdraw(r, u, D(2025, 11, 20)),
                 lambda s: Status.WITHDRAWN),
    "close": (OPEN + [Status.ANSWERED], None,
              lambda r, a, u: services.close(r, u, "not_processed_petition", on=D(2025, 11, 20)),
              lambda s: Status.CLOSED),
    "issue_fee_notice": ([Status.RECEIVED, Status.IN_PROGRESS, Status.EXTENDED], None,
                         lambda r, a, u: services.issue_fee_notice(
                             r, u, FeeMethod.PER_ITEM, 12, 0, "请缴费。", issued_on=D(2025, 11, 10)),
                         lambda s: Status.AWAITING_PAYMENT),
    "record_payment": ([Status.AWAITING_PAYMENT], lambda r, u: _unpaid_notice(r),
                       lambda r, a, u: services.record_payment(a, u, D(2025, 11, 20)),
                       lambda s: Status.IN_PROGRESS),
}

MATRIX = [(name, status) for name in ACTIONS for status in ALL_STATUSES]


@pytest.mark.parametrize(("name", "status"), MATRIX,
                         ids=[f"{n}-{s.value}" for n, s in MATRIX])
def test_status_matrix(name, status, approver):
    allowed, prepare, call, result = ACTIONS[name]
    request_obj = in_status(status, approver)
    arg = prepare(request_obj, approver) if prepare else None
    if status in allowed:
        call(request_obj, arg, approver)
        assert fresh(request_obj).status == result(status)
    else:
        before = snapshot(request_obj)
        with pytest.raises(services.ActionNotAllowed):
            call(request_obj, arg, approver)
        assert snapshot(request_obj) == before


def test_reply_refused_while_a_consultation_is_open(officer):
    request_obj = new_request()
    services.start_consultation(request_obj, officer, "某公司", D(2025, 11, 10), "征求意见")
    before = snapshot(request_obj)
    with pytest.raises(services.ActionNotAllowed):
        services.record_reply(fresh(request_obj), officer, "disclosed", "予以公开。")
    assert snapshot(request_obj) == before


def test_ending_a_consultation_of_a_closed_request_does_not_reopen_it(officer):
    request_obj = new_request()
    consultation = services.start_consultation(request_obj, officer, "某公司", D(2025, 11, 10),
                                               "征求意见")
    services.withdraw(fresh(request_obj), officer, D(2025, 11, 12))
    with pytest.raises(services.ActionNotAllowed):
        services.end_consultation(consultation, officer, D(2025, 11, 14))
    assert fresh(request_obj).status == Status.WITHDRAWN


# -- correction (Art.30) ----------------------------------------------------------------------


def test_correction_notice_only_once(officer):
    request_obj = new_request()
    services.send_correction_notice(request_obj, officer, "请补充文号。", D(2025, 11, 20),
                                    sent_on=D(2025, 11, 5))
    obj = fresh(request_obj)
    assert obj.status == Status.AWAITING_CORRECTION
    assert obj.correction_due_on == D(2025, 11, 20)
    assert obj.letters.filter(kind=LetterKind.CORRECTION_NOTICE).count() == 1
    services.record_correction(obj, officer, D(2025, 11, 10))
    assert fresh(request_obj).status == Status.IN_PROGRESS
    before = snapshot(request_obj)
    with pytest.raises(services.ActionNotAllowed):
        services.send_correction_notice(fresh(request_obj), officer, "再补正。", D(2025, 12, 1),
                                        sent_on=D(2025, 11, 12))
    assert snapshot(request_obj) == before


@pytest.mark.parametrize("due", [D(2025, 11, 5), D(2025, 11, 4)])
def test_correction_due_date_must_be_after_the_notice(officer, due):
    request_obj = new_request()
    before = snapshot(request_obj)
    with pytest.raises(ValidationError) as exc:
        services.send_correction_notice(request_obj, officer, "请补正。", due,
                                        sent_on=D(2025, 11, 5))
    assert "correction_due_on" in exc.value.error_dict
    assert snapshot(request_obj) == before


def test_late_correction_notice_is_logged_as_late(officer):
    request_obj = new_request()  # the notice is due by 2025-11-12 (7 working days)
    assert request_obj.correction_notice_due_on == D(2025, 11, 12)
    services.send_correction_notice(request_obj, officer, "请补正。", D(2025, 11, 28),
                                    sent_on=D(2025, 11, 13))
    entry = ModelLogEntry.objects.for_instance(request_obj).get(
        action="wagtail_disclosure.request.correction_notice")
    assert entry.data["late"] is True


def test_correction_restarts_the_clock(officer):
    # Received Mon 2025-10-20: due 2025-11-17 (10-21..24, 10-27..31, 11-03..07, 11-10..14,
    # 11-17). The corrected request arrives Mon 2025-11-03: due 2025-12-01.
    request_obj = new_request(D(2025, 10, 20))
    assert request_obj.due_on == D(2025, 11, 17)
    services.send_correction_notice(request_obj, officer, "请补正。", D(2025, 11, 7),
                                    sent_on=D(2025, 10, 22))
    services.record_correction(fresh(request_obj), officer, NOV3, description="2024年度农资储备资金")
    obj = fresh(request_obj)
    assert obj.clock_started_on == NOV3
    assert obj.due_on == D(2025, 12, 1)
    assert obj.received_on == D(2025, 10, 20)  # the first receipt is kept
    assert obj.description == "2024年度农资储备资金"
    assert deadline_entries(obj) == [{"old": "2025-11-17", "new": "2025-12-01",
                                      "cause": "correction_received", "provisional": False}]


def test_correction_cannot_arrive_before_the_request(officer):
    request_obj = new_request()
    services.send_correction_notice(request_obj, officer, "请补正。", D(2025, 11, 20),
                                    sent_on=D(2025, 11, 4))
    before = snapshot(request_obj)
    with pytest.raises(ValidationError):
        services.record_correction(fresh(request_obj), officer, D(2025, 11, 2))
    assert snapshot(request_obj) == before


def test_lapse_correction_closes_after_the_deadline_only(officer):
    request_obj = new_request()
    services.send_correction_notice(request_obj, officer, "请补正。", D(2025, 11, 20),
                                    sent_on=D(2025, 11, 5))
    for today in (D(2025, 11, 10), D(2025, 11, 20)):  # before and on the last day
        before = snapshot(request_obj)
        with pytest.raises(services.ActionNotAllowed):
            services.lapse_correction(fresh(request_obj), officer, today=today)
        assert snapshot(request_obj) == before
    services.lapse_correction(fresh(request_obj), officer, today=D(2025, 11, 21))
    obj = fresh(request_obj)
    assert obj.status == Status.CLOSED
    assert obj.outcome == "other_no_correction" == outcomes.NO_CORRECTION_OUTCOME
    assert obj.closed_on == D(2025, 11, 21)
    assert "correction_lapsed" in actions_logged(obj)


# -- consultations (Art.32) -------------------------------------------------------------------


def test_consultation_stops_the_clock(officer):
    request_obj = new_request()
    consultation = services.start_consultation(request_obj, officer, "某公司", D(2025, 11, 10),
                                               "征求意见")
    assert consultation.due_on == D(2025, 12, 1)  # 15 working days
    obj = fresh(request_obj)
    assert obj.status == Status.CONSULTING
    assert obj.due_on == D(2025, 12, 22)  # 20 + 15 working days while it is open
    assert obj.letters.filter(kind=LetterKind.CONSULTATION).count() == 1
    services.end_consultation(consultation, officer, D(2025, 11, 14), "不同意公开")
    obj = fresh(request_obj)
    assert obj.status == Status.IN_PROGRESS
    assert obj.due_on == D(2025, 12, 5)  # 20 + 4 working days (11-11..14)
    assert deadline_entries(obj) == [
        {"old": "2025-12-01", "new": "2025-12-22", "cause": "consultation_started",
         "provisional": False},
        {"old": "2025-12-22", "new": "2025-12-05", "cause": "consultation_ended",
         "provisional": False},
    ]


def test_several_consultations(officer):
    request_obj = new_request()
    first = services.start_consultation(request_obj, officer, "甲公司", D(2025, 11, 10), "函")
    second = services.start_consultation(fresh(request_obj), officer, "乙公司", D(2025, 11, 12),
                                         "函")
    services.end_consultation(first, officer, D(2025, 11, 14))
    assert fresh(request_obj).status == Status.CONSULTING  # the second is still open
    services.end_consultation(second, officer, D(2025, 11, 19))
    obj = fresh(request_obj)
    assert obj.status == Status.IN_PROGRESS
    # The clock stood still on 11-11..14 and 11-17..19: 7 working days → 27 → 2025-12-10.
    assert obj.due_on == D(2025, 12, 10)


def test_consultation_end_is_checked(officer):
    request_obj = new_request()
    consultation = services.start_consultation(request_obj, officer, "某公司", D(2025, 11, 10),
                                               "征求意见")
    with pytest.raises(ValidationError):
        services.end_consultation(consultation, officer, D(2025, 11, 7))
    services.end_consultation(consultation, officer, D(2025, 11, 14))
    with pytest.raises(services.ActionNotAllowed):
        services.end_consultation(consultation, officer, D(2025, 11, 17))


def test_ending_a_consultation_returns_an_extended_request_to_extended(approver):
    request_obj = new_request()
    services.request_extension(request_obj, approver, 10, "需要检索档案", on=NOV5)
    consultation = services.start_consultation(fresh(request_obj), approver, "某公司",
                                               D(2025, 11, 10), "征求意见")
    services.end_consultation(consultation, approver, D(2025, 11, 14))
    obj = fresh(request_obj)
    assert obj.status == Status.EXTENDED
    assert obj.due_on == D(2025, 12, 19)  # 20 + 10 + 4 = 34 working days


# -- extensions (Art.33 ¶2) -------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_extension_needs_a_reason(approver, reason):
    request_obj = new_request()
    before = snapshot(request_obj)
    with pytest.raises(ValidationError) as exc:
        services.request_extension(request_obj, approver, 10, reason)
    assert "reason" in exc.value.error_dict
    assert snapshot(request_obj) == before


@pytest.mark.parametrize("days", [0, -1, 21])
def test_extension_days_are_1_to_20(approver, days):
    request_obj = new_request()
    before = snapshot(request_obj)
    with pytest.raises(ValidationError) as exc:
        services.request_extension(request_obj, approver, days, "需要检索档案", on=NOV5)
    assert "days" in exc.value.error_dict
    assert snapshot(request_obj) == before


def test_second_extension_up_to_20_working_days_in_all(approver):
    request_obj = new_request()
    services.request_extension(request_obj, approver, 15, "需要检索档案", on=NOV5)
    obj = fresh(request_obj)
    assert (obj.status, obj.extension_days) == (Status.EXTENDED, 15)
    before = snapshot(request_obj)
    with pytest.raises(ValidationError) as exc:
        services.request_extension(obj, approver, 6, "还需检索", on=D(2025, 12, 1))
    assert "days" in exc.value.error_dict
    assert snapshot(request_obj) == before
    services.request_extension(obj, approver, 5, "还需检索", on=D(2025, 12, 1))
    obj = fresh(request_obj)
    assert (obj.status, obj.extension_days) == (Status.EXTENDED, 20)
    assert obj.due_on == D(2025, 12, 29)  # 40 working days after 11-03
    assert [e["new"] for e in deadline_entries(obj)] == ["2025-12-22", "2025-12-29"]
    assert obj.letters.filter(kind=LetterKind.EXTENSION_NOTICE).count() == 2
    with pytest.raises(ValidationError):
        services.request_extension(obj, approver, 1, "还需检索", on=D(2025, 12, 1))


def test_extensions_total_at_most_20_working_days(approver):
    request_obj = new_request()
    services.start_consultation(request_obj, approver, "某公司", D(2025, 11, 10), "征求意见")
    on = D(2025, 11, 12)
    services.request_extension(fresh(request_obj), approver, 15, "需要检索档案", on=on)
    obj = fresh(request_obj)
    assert obj.extension_days == 15 and obj.status == Status.CONSULTING
    before = snapshot(request_obj)
    with pytest.raises(ValidationError) as exc:
        services.request_extension(obj, approver, 6, "还需检索", on=on)
    assert "days" in exc.value.error_dict
    assert snapshot(request_obj) == before
    services.request_extension(obj, approver, 5, "还需检索", on=on)
    assert fresh(request_obj).extension_days == 20
    with pytest.raises(ValidationError):
        services.request_extension(fresh(request_obj), approver, 1, "还需检索", on=on)
    assert fresh(request_obj).extension_days == 20


def test_extension_by_an_officer_waits_for_approval(
        officer, approver, mailoutbox, django_capture_on_commit_callbacks):
    request_obj = new_request()
    with django_capture_on_commit_callbacks(execute=True):
        extension = services.request_extension(request_obj, officer, 10, "需要检索档案", on=NOV5)
    assert isinstance(extension, Extension)
    assert extension.status == ExtensionStatus.PENDING
    obj = fresh(request_obj)
    assert obj.due_on == D(2025, 12, 1) and obj.extension_days == 0
    assert obj.status == Status.RECEIVED
    assert deadline_entries(obj) == []
    assert not obj.letters.filter(kind=LetterKind.EXTENSION_NOTICE).exists()
    to_approver = [m for m in mailoutbox if m.to == [approver.email]]
    assert len(to_approver) == 1 and obj.tracking_number in to_approver[0].subject
    assert not [m for m in mailoutbox if officer.email in m.to]
    assert not [m for m in mailoutbox if APPLICANT_EMAIL in m.to]
    # one pending extension at a time
    with pytest.raises(services.ActionNotAllowed):
        services.request_extension(obj, officer, 5, "再延", on=NOV5)
    # an officer cannot decide it
    with pytest.raises(PermissionDenied):
        services.decide_extension(extension, officer, approve=True, on=NOV5)
    assert fresh(request_obj).extension_days == 0


def test_approver_approves_an_extension(officer, approver, mailoutbox,
                                        django_capture_on_commit_callbacks):
    request_obj = new_request()
    extension = services.request_extension(request_obj, officer, 10, "需要检索档案", on=NOV5)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_extension(extension, approver, approve=True, on=D(2025, 11, 6))
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.APPROVED and extension.decided_by == approver
    obj = fresh(request_obj)
    assert obj.status == Status.EXTENDED
    assert obj.extension_days == 10
    assert obj.due_on == D(2025, 12, 15)  # 30 working days after 11-03
    assert deadline_entries(obj) == [{"old": "2025-12-01", "new": "2025-12-15",
                                      "cause": "extension", "provisional": False}]
    letter = obj.letters.get(kind=LetterKind.EXTENSION_NOTICE)
    assert obj.tracking_number in letter.body and "需要检索档案" in letter.body
    assert "2025年12月15日" in letter.body  # the new deadline
    to_applicant = [m for m in mailoutbox if m.to == [APPLICANT_EMAIL]]
    assert len(to_applicant) == 1
    assert to_applicant[0].body.startswith(letter.body)
    # decided once only
    with pytest.raises(services.ActionNotAllowed):
        services.decide_extension(extension, approver, approve=False, on=D(2025, 11, 6))


def test_approver_rejects_an_extension(officer, approver, mailoutbox,
                                       django_capture_on_commit_callbacks):
    request_obj = new_request()
    extension = services.request_extension(request_obj, officer, 10, "需要检索档案", on=NOV5)
    before = fresh(request_obj)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # a rejection is possible even after the deadline: nothing moves
        services.decide_extension(extension, approver, approve=False)
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.REJECTED
    obj = fresh(request_obj)
    assert (obj.status, obj.due_on, obj.extension_days) == (before.status, before.due_on, 0)
    assert not obj.letters.filter(kind=LetterKind.EXTENSION_NOTICE).exists()
    assert not [m for m in mailoutbox if APPLICANT_EMAIL in m.to]
    assert "extension_reject" in actions_logged(obj)
    # a new extension can be asked for now (within the reply period)
    services.request_extension(obj, approver, 5, "还需检索", on=D(2025, 11, 7))
    assert fresh(request_obj).extension_days == 5


# -- the reply (Art.36) ----------------------------------------------------------------------

ANSWER_OUTCOMES = [row.key for row in outcomes.ROWS if row.group in outcomes.ANSWER_GROUPS]
OTHER_OUTCOMES = [row.key for row in outcomes.ROWS if row.group not in outcomes.ANSWER_GROUPS]


def test_outcome_groups_are_split_as_expected():
    assert OTHER_OUTCOMES == ["other_no_correction", "other_unpaid_fee", "other"]
    groups = {outcomes.BY_KEY[key].group for key in ANSWER_OUTCOMES}
    assert groups == set(outcomes.ANSWER_GROUPS)


@pytest.mark.parametrize("outcome", ANSWER_OUTCOMES)
def test_reply_with_each_outcome(officer, outcome, mailoutbox,
                                 django_capture_on_commit_callbacks):
    request_obj = new_request()
    services.start_processing(request_obj, officer)
    document = SimpleUploadedFile("answer.pdf", PDF, content_type="application/pdf")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_reply(fresh(request_obj), officer, outcome, "答复如下。", [document],
                              delivery="email", answered_on=D(2025, 11, 20))
    obj = fresh(request_obj)
    assert obj.status == Status.ANSWERED
    assert obj.outcome == outcome
    assert obj.answered_on == D(2025, 11, 20)
    assert obj.reply_delivery == "email"
    letter = obj.letters.get(kind=LetterKind.REPLY)
    assert letter.body == "答复如下。" and letter.sent_on == D(2025, 11, 20)
    assert LetterDocument.objects.filter(letter=letter).count() == 1
    entry = ModelLogEntry.objects.for_instance(obj).get(action="wagtail_disclosure.request.reply")
    assert entry.data["outcome"] == outcome and entry.data["on_time"] is True
    assert [m.to for m in mailoutbox] == [[APPLICANT_EMAIL]]


def test_late_reply_is_logged_as_late(officer):
    request_obj = new_request()
    services.record_reply(request_obj, officer, "disclosed", "予以公开。",
                          answered_on=D(2025, 12, 2))
    entry = ModelLogEntry.objects.for_instance(request_obj).get(
        action="wagtail_disclosure.request.reply")
    assert entry.data["on_time"] is False


@pytest.mark.parametrize("outcome", OTHER_OUTCOMES + ["", "nonsense"])
def test_reply_refuses_other_outcomes(officer, outcome):
    request_obj = new_request()
    before = snapshot(request_obj)
    with pytest.raises(ValidationError) as exc:
        services.record_reply(request_obj, officer, outcome, "答复。")
    assert "outcome" in exc.value.error_dict
    assert snapshot(request_obj) == before


def test_record_delivery_after_the_reply(officer):
    request_obj = new_request()
    services.record_reply(request_obj, officer, "disclosed", "予以公开。", delivery="post",
                         answered_on=D(2025, 11, 20))
    assert fresh(request_obj).reply_delivered_on is None
    services.record_delivery(fresh(request_obj), officer, D(2025, 11, 25), "post")
    obj = fresh(request_obj)
    assert (obj.reply_delivery, obj.reply_delivered_on) == ("post", D(2025, 11, 25))
    assert obj.status == Status.ANSWERED


# -- withdrawal and closing -------------------------------------------------------------------


def test_withdraw(officer):
    request_obj = new_request()
    services.withdraw(request_obj, officer, D(2025, 11, 10))
    obj = fresh(request_obj)
    assert obj.status == Status.WITHDRAWN
    assert obj.outcome == "other" == outcomes.WITHDRAWN_OUTCOME
    assert obj.closed_on == D(2025, 11, 10)
    assert not obj.is_open


def test_close_with_a_not_processed_outcome(officer, mailoutbox,
                                            django_capture_on_commit_callbacks):
    request_obj = new_request()
    services.start_processing(request_obj, officer)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close(fresh(request_obj), officer, "not_processed_repeat",
                       body="您的申请属于重复申请，不予重复处理。", on=D(2025, 11, 12))
    obj = fresh(request_obj)
    assert obj.status == Status.CLOSED
    assert obj.outcome == "not_processed_repeat"
    assert outcomes.official_label(obj.outcome) == ("（五）不予处理", "2.重复申请")
    assert obj.closed_on == D(2025, 11, 12)
    assert obj.letters.get(kind=LetterKind.CLOSURE).body.startswith("您的申请属于重复申请")
    assert [m.to for m in mailoutbox] == [[APPLICANT_EMAIL]]
    entry = ModelLogEntry.objects.for_instance(obj).get(action="wagtail_disclosure.request.close")
    assert entry.data["outcome"] == "not_processed_repeat"


def test_close_without_body_sends_nothing(officer, mailoutbox,
                                          django_capture_on_commit_callbacks):
    request_obj = new_request()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close(request_obj, officer, "not_processed_petition", on=D(2025, 11, 12))
    assert fresh(request_obj).status == Status.CLOSED
    assert not fresh(request_obj).letters.filter(kind=LetterKind.CLOSURE).exists()
    assert mailoutbox == []


def test_close_refuses_an_unknown_outcome(officer):
    request_obj = new_request()
    before = snapshot(request_obj)
    with pytest.raises(ValidationError):
        services.close(request_obj, officer, "nonsense")
    assert snapshot(request_obj) == before


def test_closing_an_answered_request_keeps_its_outcome(officer):
    request_obj = new_request()
    services.record_reply(request_obj, officer, "partially_disclosed", "部分公开。",
                          answered_on=D(2025, 11, 20))
    services.close(fresh(request_obj), officer, "other", on=D(2025, 11, 30))
    obj = fresh(request_obj)
    assert (obj.status, obj.outcome) == (Status.CLOSED, "partially_disclosed")
    assert (obj.answered_on, obj.closed_on) == (D(2025, 11, 20), D(2025, 11, 30))


# -- fees (Art.42, 国办函〔2020〕109号) -----------------------------------------------------------


@pytest.mark.parametrize(("method", "quantity", "items_before"), [
    (FeeMethod.PER_ITEM, 12, 0),
    (FeeMethod.PER_ITEM, 10, 5),
    (FeeMethod.PER_ITEM, 15, 30),
    (FeeMethod.PER_PAGE, 31, 0),
    (FeeMethod.PER_PAGE, 101, 0),
])
def test_fee_notice_amount(officer, method, quantity, items_before, mailoutbox,
                           django_capture_on_commit_callbacks):
    expected = (fees.per_item_fee(items_before, quantity) if method == FeeMethod.PER_ITEM
                else fees.per_page_fee(quantity))
    assert expected > 0
    request_obj = new_request()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.issue_fee_notice(request_obj, officer, method, quantity,
                                           items_before, "请缴纳信息处理费。", issued_on=NOV5)
    notice.refresh_from_db()
    assert notice.amount == expected
    assert (notice.method, notice.quantity, notice.items_before) == (method, quantity,
                                                                     items_before)
    obj = fresh(request_obj)
    assert obj.status == Status.AWAITING_PAYMENT
    assert obj.letters.filter(kind=LetterKind.FEE_NOTICE).count() == 1
    assert [m.to for m in mailoutbox] == [[APPLICANT_EMAIL]]


def test_fee_amounts_of_the_examples():
    assert services.fee_amount(FeeMethod.PER_ITEM, 12) == 200
    assert services.fee_amount(FeeMethod.PER_ITEM, 10, 5) == 500
    assert services.fee_amount(FeeMethod.PER_PAGE, 101) == 720


@pytest.mark.parametrize(("method", "quantity", "items_before"), [
    (FeeMethod.PER_ITEM, 10, 0), (FeeMethod.PER_ITEM, 3, 7), (FeeMethod.PER_PAGE, 30, 0)])
def test_zero_fee_is_refused(officer, method, quantity, items_before):
    request_obj = new_request()
    before = snapshot(request_obj)
    with pytest.raises(ValidationError) as exc:
        services.issue_fee_notice(request_obj, officer, method, quantity, items_before,
                                  "请缴费。", issued_on=NOV5)
    assert "quantity" in exc.value.error_dict
    assert snapshot(request_obj) == before
    assert not FeeNotice.objects.exists()


def test_payment_returns_the_request_to_in_progress(officer):
    request_obj = new_request()
    notice = services.issue_fee_notice(request_obj, officer, FeeMethod.PER_ITEM, 12, 0,
                                       "请缴费。", delivery="email", issued_on=NOV5)
    services.record_payment(notice, officer, D(2025, 11, 20))
    notice.refresh_from_db()
    assert notice.paid_on == D(2025, 11, 20)
    obj = fresh(request_obj)
    assert obj.status == Status.IN_PROGRESS
    entry = ModelLogEntry.objects.for_instance(request_obj).get(
        action="wagtail_disclosure.request.fee_paid")
    assert entry.data["amount"] == 200
    # The clock stood still from the notice to the payment: 11-06..07, 11-10..14, 11-17..20
    # = 11 working days, so 12-01 + 11 working days (12-02..05, 12-08..12, 12-15..16).
    assert entry.data["paused_working_days"] == 11
    assert obj.due_on == D(2025, 12, 16)
    with pytest.raises(services.ActionNotAllowed):
        services.record_payment(notice, officer, D(2025, 11, 21))


def test_payment_returns_an_extended_request_to_extended(approver):
    request_obj = new_request()
    services.request_extension(request_obj, approver, 10, "需要检索档案", on=NOV5)
    notice = services.issue_fee_notice(fresh(request_obj), approver, FeeMethod.PER_PAGE, 40, 0,
                                       "请缴费。", issued_on=NOV5)
    assert fresh(request_obj).status == Status.AWAITING_PAYMENT
    services.record_payment(notice, approver, D(2025, 11, 20))
    assert fresh(request_obj).status == Status.EXTENDED


def test_close_unpaid(officer):
    request_obj = new_request()
    # Sent by email on 11-05, so received that day: pay by 12-03 (20 working days).
    notice = services.issue_fee_notice(request_obj, officer, FeeMethod.PER_ITEM, 12, 0,
                                       "请缴费。", delivery="email", issued_on=NOV5)
    assert notice.pay_by == D(2025, 12, 3)
    services.close(fresh(request_obj), officer, outcomes.UNPAID_FEE_OUTCOME, on=D(2026, 1, 5))
    obj = fresh(request_obj)
    assert (obj.status, obj.outcome) == (Status.CLOSED, "other_unpaid_fee")
    # a payment arriving after the request was closed does not reopen it
    with pytest.raises(services.ActionNotAllowed):
        services.record_payment(notice, officer, D(2026, 1, 6))
    assert fresh(request_obj).status == Status.CLOSED
    notice.refresh_from_db()
    assert notice.paid_on is None


# -- the audit log ----------------------------------------------------------------------------


def _full_flow(officer, approver):
    """Received Mon 2025-10-20 (due 11-17), corrected 11-03 (12-01), consulted 11-10 (12-22)
    to 11-14 (12-05), extended by 10 (12-19), a local holiday on 12-10 (12-22), removed
    again (12-19), then a fee, a reply and its delivery."""
    request_obj = new_request(D(2025, 10, 20))
    services.assign(request_obj, officer, approver)
    services.send_correction_notice(fresh(request_obj), officer, "请补正。", D(2025, 11, 7),
                                    sent_on=D(2025, 10, 22))
    services.record_correction(fresh(request_obj), officer, NOV3)
    consultation = services.start_consultation(fresh(request_obj), officer, "某公司",
                                               D(2025, 11, 10), "征求意见")
    services.end_consultation(consultation, officer, D(2025, 11, 14), "同意")
    extension = services.request_extension(fresh(request_obj), officer, 10, "需要检索档案",
                                           on=D(2025, 11, 17))
    services.decide_extension(extension, approver, approve=True, on=D(2025, 11, 18))
    return request_obj


def test_every_deadline_change_is_logged(officer, approver, django_capture_on_commit_callbacks):
    request_obj = _full_flow(officer, approver)
    with django_capture_on_commit_callbacks(execute=True):
        holiday = WorkdayOverride.objects.create(date=D(2025, 12, 10), is_working_day=False,
                                                 note="本地节日")
    assert fresh(request_obj).due_on == D(2025, 12, 22)
    with django_capture_on_commit_callbacks(execute=True):
        holiday.delete()
    assert fresh(request_obj).due_on == D(2025, 12, 19)
    assert deadline_entries(request_obj) == [
        {"old": "2025-11-17", "new": "2025-12-01", "cause": "correction_received",
         "provisional": False},
        {"old": "2025-12-01", "new": "2025-12-22", "cause": "consultation_started",
         "provisional": False},
        {"old": "2025-12-22", "new": "2025-12-05", "cause": "consultation_ended",
         "provisional": False},
        {"old": "2025-12-05", "new": "2025-12-19", "cause": "extension", "provisional": False},
        {"old": "2025-12-19", "new": "2025-12-22", "cause": "calendar", "provisional": False},
        {"old": "2025-12-22", "new": "2025-12-19", "cause": "calendar", "provisional": False},
    ]


def test_audit_log_holds_no_personal_data(officer, approver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request_obj = _full_flow(officer, approver)
        notice = services.issue_fee_notice(fresh(request_obj), officer, FeeMethod.PER_ITEM, 12,
                                           0, "张三：请缴费。", delivery="email",
                                           issued_on=D(2025, 11, 28))
        services.record_payment(notice, officer, D(2025, 12, 1))
        services.record_reply(fresh(request_obj), officer, "disclosed", "张三：予以公开。",
                              delivery="email", answered_on=D(2025, 12, 5))
        services.record_delivery(fresh(request_obj), officer, D(2025, 12, 5), "email")
        services.close(fresh(request_obj), officer, "other", on=D(2025, 12, 8))
        # and a repeat request by the same applicant
        repeat = new_request(D(2025, 12, 8))
        services.withdraw(repeat, officer, D(2025, 12, 9))
    assert fresh(repeat).possible_repeat_of_id == request_obj.pk
    entries = list(ModelLogEntry.objects.all())
    assert len(entries) > 15
    personal = ["张三", factories.RESIDENT_ID, "13800138000", APPLICANT_EMAIL, "人民路"]
    for entry in entries:
        text = json.dumps(entry.data, ensure_ascii=False) + entry.label + str(entry.object_id)
        for value in personal:
            assert value not in text, (entry.action, text)


# -- tracking numbers -------------------------------------------------------------------------


def test_tracking_numbers_are_sequential_per_year():
    numbers = [new_request(D(2026, 3, 2)).tracking_number for _ in range(3)]
    assert numbers == ["2026-000001", "2026-000002", "2026-000003"]
    assert new_request(D(2025, 12, 31)).tracking_number == "2025-000001"
    assert new_request(D(2026, 11, 30)).tracking_number == "2026-000004"
    all_numbers = list(InformationRequest.objects.values_list("tracking_number", flat=True))
    assert len(all_numbers) == len(set(all_numbers)) == 5


@override_settings(WAGTAIL_DISCLOSURE={"TRACKING_NUMBER_FORMAT": "YSQ{year}-{serial:04d}"})
def test_tracking_number_format_setting():
    assert new_request(D(2026, 3, 2)).tracking_number == "YSQ2026-0001"
    assert new_request(D(2026, 3, 2)).tracking_number == "YSQ2026-0002"


# -- possible repeats (Art.36(6)) -------------------------------------------------------------


def test_same_applicant_same_description_is_flagged():
    first = new_request(D(2025, 10, 1))
    second = new_request(D(2025, 11, 3),
                         description=" 2024年度 区供销社农资储备资金使用情况。")
    assert second.possible_repeat_of == first
    entry = ModelLogEntry.objects.for_instance(second).get(
        action="wagtail_disclosure.request.receive")
    assert entry.data["possible_repeat_of"] == first.tracking_number
    assert new_request(D(2025, 9, 1)).possible_repeat_of is not None


def test_same_applicant_same_document_number_is_flagged():
    first = new_request(D(2025, 10, 1), description="关于农资储备的通知",
                        document_number="鹿供发〔2024〕5号")
    second = new_request(D(2025, 11, 3), description="农资储备资金文件",
                         document_number="鹿供发 〔2024〕 5号")
    assert second.possible_repeat_of == first


def test_same_applicant_other_information_is_not_flagged():
    new_request(D(2025, 10, 1), document_number="鹿供发〔2024〕5号")
    second = new_request(D(2025, 11, 3), description="2025年度采购目录",
                         document_number="鹿供发〔2024〕6号")
    assert second.possible_repeat_of is None


def test_other_applicant_is_not_flagged():
    new_request(D(2025, 10, 1), document_number="鹿供发〔2024〕5号")
    other = new_request(D(2025, 11, 3), name="李四", id_number="330302198001010019",
                        phone="13900139000", email="lisi@example.com",
                        document_number="鹿供发〔2024〕5号")
    assert other.possible_repeat_of is None


def test_organisation_fields_of_a_natural_person_are_not_stored():
    # The applicant first chose "organisation", typed a credit code, then switched to
    # "natural person": the leftovers neither get stored nor hide the repeat.
    first = new_request(D(2025, 10, 1))
    leftovers = {"organisation_kind": "business", "organisation_code": factories.CREDIT_CODE,
                 "legal_representative": "王五"}
    second = new_request(D(2025, 11, 3), **leftovers)
    obj = fresh(second)
    assert (obj.organisation_kind, obj.organisation_code, obj.legal_representative) == (
        "", "", "")
    assert obj.possible_repeat_of == first


def test_same_organisation_is_flagged_by_credit_code():
    org = {"applicant_type": "organisation", "organisation_kind": "business",
           "name": "某某科技有限公司", "id_type": "", "id_number": "",
           "organisation_code": factories.CREDIT_CODE, "legal_representative": "王五"}
    first = new_request(D(2025, 10, 1), **org)
    second = new_request(D(2025, 11, 3), **org)
    assert second.possible_repeat_of == first
    other = new_request(D(2025, 11, 4), **{**org, "organisation_code": "91330302MA2AB12341"})
    assert other.possible_repeat_of is None


# -- the working-day calendar changes (signals) -----------------------------------------------


def test_workday_override_recomputes_open_deadlines(officer, django_capture_on_commit_callbacks):
    open_request = new_request()
    closed_request = new_request(description="另一项信息")
    services.withdraw(closed_request, officer, D(2025, 11, 5))
    assert open_request.due_on == closed_request.due_on == D(2025, 12, 1)
    with django_capture_on_commit_callbacks(execute=True):
        holiday = WorkdayOverride.objects.create(date=D(2025, 11, 20), is_working_day=False,
                                                 note="本地节日")
    obj = fresh(open_request)
    assert obj.due_on == D(2025, 12, 2)  # one working day later
    assert obj.correction_notice_due_on == D(2025, 11, 12)  # before the holiday: unchanged
    assert deadline_entries(obj) == [{"old": "2025-12-01", "new": "2025-12-02",
                                      "cause": "calendar", "provisional": False}]
    assert fresh(closed_request).due_on == D(2025, 12, 1)
    assert deadline_entries(closed_request) == []
    with django_capture_on_commit_callbacks(execute=True):
        holiday.delete()
    assert fresh(open_request).due_on == D(2025, 12, 1)
    assert [e["cause"] for e in deadline_entries(open_request)] == ["calendar", "calendar"]


def test_makeup_working_day_moves_deadlines_earlier(django_capture_on_commit_callbacks):
    request_obj = new_request()
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=D(2025, 11, 22), is_working_day=True)  # a Saturday
    assert fresh(request_obj).due_on == D(2025, 11, 28)


def test_workday_override_moves_the_correction_notice_deadline(
        django_capture_on_commit_callbacks):
    request_obj = new_request()
    assert request_obj.correction_notice_due_on == D(2025, 11, 12)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=D(2025, 11, 5), is_working_day=False)
    assert fresh(request_obj).correction_notice_due_on == D(2025, 11, 13)


def test_workday_override_moves_an_open_consultation(officer,
                                                     django_capture_on_commit_callbacks):
    request_obj = new_request()
    consultation = services.start_consultation(request_obj, officer, "某公司", D(2025, 11, 10),
                                               "征求意见")
    assert (consultation.due_on, fresh(request_obj).due_on) == (D(2025, 12, 1), D(2025, 12, 22))
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=D(2025, 11, 20), is_working_day=False)
    consultation.refresh_from_db()
    # The third party still has 15 working days: 12-02. The reply: 20 + 15 working days
    # (the holiday counted in neither) → 12-23.
    assert consultation.due_on == D(2025, 12, 2)
    assert fresh(request_obj).due_on == D(2025, 12, 23)


def test_fee_notice_pay_by_is_computed_and_the_notice_is_dated_in_the_reply_period(officer):
    # The pay-by date is no longer typed: 20 working days after the receipt of the notice.
    # The notice itself goes out between the receipt of the request and its deadline
    # (12-01); once the deadline has passed it is refused (国办函〔2020〕109号).
    request_obj = in_status(Status.IN_PROGRESS, officer)
    for issued_on in (D(2025, 11, 2), datetime.date.today() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.issue_fee_notice(fresh(request_obj), officer, FeeMethod.PER_ITEM, 12, 0,
                                      "请缴费。", issued_on=issued_on)
    before = snapshot(request_obj)
    for issued_on in (D(2025, 12, 2), None):  # the day after the deadline; today
        with pytest.raises(services.ActionNotAllowed):
            services.issue_fee_notice(fresh(request_obj), officer, FeeMethod.PER_ITEM, 12, 0,
                                      "请缴费。", issued_on=issued_on)
    assert snapshot(request_obj) == before
    assert not fresh(request_obj).fee_notices.exists()
    notice = services.issue_fee_notice(fresh(request_obj), officer, FeeMethod.PER_ITEM, 12, 0,
                                       "请缴费。", delivery="email", issued_on=D(2025, 12, 1))
    # received 12-01 by email: 12-02..05, 12-08..12, 12-15..19, 12-22..26, 12-29 (the 20th)
    assert (notice.received_on, notice.pay_by) == (D(2025, 12, 1), D(2025, 12, 29))


def test_close_refuses_a_decision_on_the_merits(officer):
    request_obj = in_status(Status.IN_PROGRESS, officer)
    for outcome in ("disclosed", "withheld_state_secret", "unavailable_not_held"):
        with pytest.raises(ValidationError):
            services.close(fresh(request_obj), officer, outcome)
    assert fresh(request_obj).status == Status.IN_PROGRESS
    services.close(fresh(request_obj), officer, "not_processed_petition")
    assert fresh(request_obj).outcome == "not_processed_petition"


def test_consultation_cannot_start_after_the_deadline_or_before_receipt(officer):
    request_obj = in_status(Status.IN_PROGRESS, officer)
    obj = fresh(request_obj)
    for started_on in (obj.clock_started_on - datetime.timedelta(days=1),
                       obj.due_on + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.start_consultation(fresh(request_obj), officer, "某公司", started_on, "函")
    assert not fresh(request_obj).consultations.exists()
