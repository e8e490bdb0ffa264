"""The demo's annual reports: two computed years (with request history behind them) and the
2014 legacy report imported from the sample."""

import datetime
from decimal import Decimal
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "legacy-annual-report-2014.txt"

# A year of requests: (month, day, applicant column, outcome, days to conclude or None = open
# at year end). Outcomes are table 三 row keys.
HISTORY = [
    (1, 8, "natural_person", "disclosed", 12), (2, 14, "natural_person", "disclosed", 18),
    (3, 3, "business", "partially_disclosed", 25), (3, 20, "natural_person",
                                                    "unavailable_not_held", 9),
    (4, 9, "legal_services", "withheld_third_party", 30), (5, 6, "natural_person",
                                                            "not_processed_petition", 6),
    (5, 27, "research", "disclosed", 14), (6, 18, "natural_person", "other_no_correction", 40),
    (7, 2, "public_interest", "unavailable_needs_creation", 16),
    (8, 11, "natural_person", "disclosed", 8), (9, 15, "business", "other", 5),
    (10, 20, "natural_person", "withheld_process_information", 19),
    (11, 24, "other", "disclosed", 12), (12, 16, "natural_person", "disclosed", 30),
    (12, 22, "business", None, None),
]

REVIEW_CASES = [
    # (year offset from the last year, kind, month, result, month concluded)
    (-1, "reconsideration", 3, "corrected", 6),
    (0, "reconsideration", 4, "upheld", 7),
    (0, "lawsuit_direct", 9, "pending", None),
]

ENTERED = {"licensing_decisions": 126, "penalty_decisions": 3, "coercion_decisions": 0,
           "fees_amount_wan": Decimal(0)}


def ensure_report_index(section, report, user, publish):
    from .pages import AnnualReportIndexPage

    page = AnnualReportIndexPage.objects.child_of(section).first()
    report.tally("annual reports", created=page is None)
    if page is not None:
        return page
    page = AnnualReportIndexPage(
        title="政府信息公开工作年度报告", slug="ndbg",
        intro="<p>本栏目发布本机关历年政府信息公开工作年度报告。年度报告中的统计表由本网站的信息公开目录"
              "和依申请公开办理数据计算生成，发布后数据固定不变。</p>")
    return publish(section, page, user)


def _request(received, column, outcome, days, organ, page, serial):
    from ..requests import clock
    from ..requests.models import InformationRequest
    from ..requests.services import next_tracking_number

    deadline = clock.reply_deadline(received)
    concluded = received + datetime.timedelta(days=days) if days is not None else None
    is_person = column == "natural_person"
    request_obj = InformationRequest(
        tracking_number=next_tracking_number(received), channel="online",
        received_on=received, request_page=page, organ=organ,
        applicant_type="natural_person" if is_person else "organisation",
        organisation_kind="" if is_person else column,
        name=f"演示申请人{serial}", phone="", description="演示数据：历年申请", form="electronic",
        delivery="email", clock_started_on=received, due_on=deadline.date,
        due_provisional=deadline.provisional,
        correction_notice_due_on=clock.correction_notice_deadline(received).date,
        status="in_progress")
    request_obj.set_access_code("demo-history")
    if outcome and concluded:
        request_obj.outcome = outcome
        if outcome.startswith(("other", "not_processed")):
            request_obj.status, request_obj.closed_on = "closed", concluded
        else:
            request_obj.status, request_obj.answered_on = "answered", concluded
    request_obj.save()
    return request_obj


def ensure_history(page, organs, report, last_year):
    """Requests and cases for the two years before ``last_year + 1`` (skipped if present)."""
    from ..requests.models import InformationRequest
    from .models import ReviewCase

    first_year = last_year - 1
    if InformationRequest.objects.filter(received_on__year=first_year).exists():
        report.tally("report history", created=False)
        return
    organ = organs.get("gxs")
    serial = 0
    requests = []
    for year in (first_year, last_year):
        for month, day, column, outcome, days in HISTORY:
            serial += 1
            requests.append(_request(datetime.date(year, month, day), column, outcome, days,
                                     organ, page, serial))
    for offset, kind, month, result, concluded in REVIEW_CASES:
        year = last_year + offset
        ReviewCase.objects.create(
            kind=kind, case_number=f"鹿政复〔{year}〕{month}号" if kind == "reconsideration"
            else f"（{year}）浙0302行初{month}号",
            request=requests[month], organ=organ, filed_on=datetime.date(year, month, 10),
            result=result,
            concluded_on=datetime.date(year, concluded, 20) if concluded else None)
    report.tally("report history", created=True)


def ensure_computed_report(index, year, organs, report, user):
    from .pages import AnnualReportPage

    if AnnualReportPage.objects.child_of(index).filter(year=year).exists():
        report.tally("annual reports", created=False)
        return None
    organ = organs.get("gxs")
    page = AnnualReportPage(title=f"{organ.name}{year}年政府信息公开工作年度报告",
                            slug=f"{year}", year=year, organs=[organ], live=False, **ENTERED)
    page.refresh_figures([organ.pk])
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    report.tally("annual reports", created=True)
    return page


def ensure_legacy_report(index, organs, report, user):
    from .importers import parse_report
    from .importing import create_report
    from .pages import AnnualReportPage

    if AnnualReportPage.objects.child_of(index).filter(year=2014).exists():
        report.tally("annual reports", created=False)
        return None
    result = parse_report(SAMPLE.read_bytes(), filename=SAMPLE.name, year=2014)
    page = create_report(result, index, year=2014, organ=organs.get("gxs"), publish=True,
                         user=user)
    report.tally("annual reports", created=True)
    return page


def build(section, request_page, organs, report, user, publish, today):
    last_year = today.year - 1
    index = ensure_report_index(section, report, user, publish)
    ensure_history(request_page, organs, report, last_year)
    for year in (last_year - 1, last_year):
        ensure_computed_report(index, year, organs, report, user)
    ensure_legacy_report(index, organs, report, user)
    return index
