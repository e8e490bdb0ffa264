"""The annual report's figures computed from the site's data (issue 4)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from wagtail_disclosure.reports import checks, statistics
from wagtail_disclosure.reports import format as fmt

D = datetime.date
pytestmark = pytest.mark.django_db


def cell(stats, path):
    return fmt.get_cell(stats, path)


@pytest.fixture
def history():
    """Requests around 2025, each placed to test one counting rule."""
    return {
        # received 2024, concluded 2025: carried over into 2025, concluded in 2025
        "carried_concluded": f.past_request(D(2024, 12, 20), "business", "disclosed",
                                            D(2025, 1, 10)),
        # received 2024, still open at the end of 2025: carried over and carried forward
        "carried_open": f.past_request(D(2024, 12, 28), "natural_person"),
        # received and concluded in 2024: not in the 2025 report at all
        "done_2024": f.past_request(D(2024, 3, 1), "natural_person", "disclosed",
                                    D(2024, 3, 20)),
        # received 2025, concluded 2025 with various outcomes and columns
        "new_disclosed": f.past_request(D(2025, 2, 3), "natural_person", "disclosed",
                                        D(2025, 2, 20)),
        "new_secret": f.past_request(D(2025, 3, 3), "research", "withheld_state_secret",
                                     D(2025, 3, 25)),
        "new_fee": f.past_request(D(2025, 4, 3), "legal_services", "other_unpaid_fee",
                                  D(2025, 5, 30)),
        "new_kind_blank": f.past_request(D(2025, 5, 3), "other", "not_processed_repeat",
                                         D(2025, 5, 8)),
        # received 2025, concluded 2026: new in 2025 and carried forward
        "new_open": f.past_request(D(2025, 12, 30), "public_interest", "disclosed",
                                   D(2026, 1, 15)),
        # received 2026: not in the 2025 report
        "next_year": f.past_request(D(2026, 1, 5), "natural_person"),
    }


def test_table_three_counts_each_request_in_its_rows(history):
    stats = statistics.compute(2025)
    assert fmt.request_row(stats, "new")["values"] == [1, 0, 1, 1, 1, 1, 5]
    assert fmt.request_row(stats, "carried_over")["values"] == [1, 1, 0, 0, 0, 0, 2]
    assert cell(stats, "requests.disclosed.natural_person") == 1
    assert cell(stats, "requests.disclosed.business") == 1
    assert cell(stats, "requests.disclosed.public_interest") == 0  # concluded in 2026
    assert cell(stats, "requests.withheld_state_secret.research") == 1
    assert cell(stats, "requests.other_unpaid_fee.legal_services") == 1
    assert cell(stats, "requests.not_processed_repeat.other") == 1
    assert fmt.request_row(stats, "total")["values"] == [1, 1, 1, 0, 1, 1, 5]
    assert fmt.request_row(stats, "carried_forward")["values"] == [1, 0, 0, 1, 0, 0, 2]
    # the table's own arithmetic holds for computed figures
    assert checks.failures(checks.run_checks(stats)) == []


def test_this_years_carried_over_equals_last_years_carried_forward(history):
    last, this = statistics.compute(2024), statistics.compute(2025)
    assert (fmt.request_row(last, "carried_forward")["values"]
            == fmt.request_row(this, "carried_over")["values"])
    assert checks.cross_year_checks(this, last)[0]["ok"] is True


def test_on_time_counts_requests_concluded_by_their_deadline():
    f.past_request(D(2025, 3, 1), "natural_person", "disclosed", D(2025, 3, 10),
                   due_on=D(2025, 3, 28))
    f.past_request(D(2025, 3, 1), "natural_person", "disclosed", D(2025, 4, 10),
                   due_on=D(2025, 3, 28))
    stats = statistics.compute(2025)
    assert stats["on_time"] == {"concluded": 2, "on_time": 1}


def test_computation_is_a_fixed_number_of_queries():
    def queries():
        with CaptureQueriesContext(connection) as captured:
            statistics.compute(2025)
        return len(captured)

    f.past_request(D(2025, 3, 1), "natural_person", "disclosed", D(2025, 3, 10))
    few = queries()
    for day in range(1, 29):
        f.past_request(D(2025, 2, day), "business", "partially_disclosed", D(2025, 3, day))
        f.past_request(D(2025, 2, day), "research")
    assert queries() == few <= 5


def _item(parent, **kwargs):
    return f.item(parent, **kwargs)


def test_table_two_counts_regulations_and_normative_documents_by_their_dates():
    column = f.column()
    _item(column, kind="regulation", formation_date=D(2025, 3, 1))
    _item(column, kind="regulation", formation_date=D(2020, 3, 1))
    _item(column, kind="regulation", formation_date=D(2019, 3, 1), validity="repealed",
          repeal_date=D(2025, 6, 1))
    _item(column, kind="regulation", formation_date=D(2018, 3, 1), validity="repealed",
          repeal_date=D(2026, 2, 1))  # still in force at the end of 2025
    _item(column, kind="normative_document", formation_date=D(2025, 7, 1))
    _item(column, kind="normative_document", formation_date=D(2026, 1, 2))  # next year
    _item(column, kind="work_news", formation_date=D(2025, 7, 1))  # not counted
    _item(column, kind="normative_document", formation_date=D(2025, 8, 1), publish=False)
    stats = statistics.compute(2025)
    assert stats["proactive"]["regulation"] == {"issued": 1, "repealed": 1, "in_force": 3}
    assert stats["proactive"]["normative_document"] == {"issued": 1, "repealed": 0,
                                                        "in_force": 1}
    assert stats["proactive"]["licensing"] == {"decisions": None}  # entered, not counted


def test_channels_count_an_item_once_in_the_total_and_once_per_channel():
    column = f.column()
    today = datetime.date.today()
    _item(column, channels=["weibo", "wechat"])
    _item(column, channels=["weibo"])
    _item(column)
    stats = statistics.compute(today.year)
    assert stats["channels"]["total"] == 3
    assert stats["channels"]["website"] == 3
    assert stats["channels"]["weibo"] == 2
    assert stats["channels"]["wechat"] == 1
    assert stats["channels"]["gazette"] == 0
    assert statistics.compute(today.year - 1)["channels"]["total"] == 0


def test_table_four_counts_cases_filed_in_the_year_by_their_result_at_year_end():
    from wagtail_disclosure.reports.models import ReviewCase

    ReviewCase.objects.create(kind="reconsideration", filed_on=D(2025, 2, 1), result="upheld",
                              concluded_on=D(2025, 5, 1))
    ReviewCase.objects.create(kind="reconsideration", filed_on=D(2025, 9, 1),
                              result="corrected", concluded_on=D(2026, 2, 1))  # pending then
    ReviewCase.objects.create(kind="lawsuit_direct", filed_on=D(2025, 3, 1), result="other",
                              concluded_on=D(2025, 8, 1))
    ReviewCase.objects.create(kind="lawsuit_after_reconsideration", filed_on=D(2024, 3, 1),
                              result="upheld", concluded_on=D(2024, 8, 1))  # other year
    stats = statistics.compute(2025)
    assert stats["review_litigation"] == [1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]
    assert checks.failures(checks.review_checks(stats)) == []


def test_fees_collected_counts_payments_made_in_the_year():
    from wagtail_disclosure.requests.models import FeeNotice

    request_obj = f.past_request(D(2025, 3, 1))
    for paid_on, amount in ((D(2025, 4, 1), 100), (D(2026, 1, 3), 50), (None, 70)):
        FeeNotice.objects.create(request=request_obj, method="per_item", quantity=20,
                                 items_before=0, amount=amount, issued_on=D(2025, 3, 20),
                                 pay_by=D(2025, 4, 20), paid_on=paid_on)
    assert statistics.compute(2025)["fees_collected_yuan"] == 100


def test_a_report_on_several_organs_sums_them_and_breaks_them_down():
    first = f.organ()
    second = f.organ("温州市鹿城区再生资源管理办公室", "12330302470873164A")
    third = f.organ("温州市鹿城区农村合作经济组织联合会", "32843571-0")
    f.past_request(D(2025, 3, 1), organ_obj=first)
    f.past_request(D(2025, 3, 2), organ_obj=second)
    f.past_request(D(2025, 3, 3), organ_obj=second, outcome="disclosed",
                   concluded_on=D(2025, 3, 20))
    f.past_request(D(2025, 3, 4), organ_obj=third)
    column = f.column()
    _item(column, kind="regulation", formation_date=D(2025, 1, 5), organ_obj=second)
    both = statistics.compute(2025, [first.pk, second.pk])
    assert fmt.request_row(both, "new")["values"][6] == 3
    assert both["proactive"]["regulation"]["issued"] == 1
    breakdown = {row["organ"]["name"]: row for row in both["organ_breakdown"]}
    assert breakdown[first.name]["requests_new"] == 1
    assert breakdown[second.name]["requests_new"] == 2
    assert breakdown[second.name]["requests_concluded"] == 1
    assert breakdown[second.name]["regulation_issued"] == 1
    only_third = statistics.compute(2025, [third.pk])
    assert fmt.request_row(only_third, "new")["values"][6] == 1
    assert only_third["organ_breakdown"] == []  # one organ: no breakdown table
    assert fmt.request_row(statistics.compute(2025), "new")["values"][6] == 4


def test_checks_report_each_broken_rule_without_fixing_it():
    stats = fmt.empty_statistics(2025)
    fmt.set_cell(stats, "requests.new.business", 2)
    fmt.set_cell(stats, "review.reconsideration.total", 1)
    failed = {c["rule"] for c in checks.failures(checks.run_checks(stats))}
    assert failed == {"balance:business", "columns_total:new", "review_total:reconsideration"}
    assert cell(stats, "requests.new.business") == 2  # untouched


def test_cross_year_check_names_the_columns_that_differ():
    last, this = fmt.empty_statistics(2024), fmt.empty_statistics(2025)
    fmt.set_cell(last, "requests.carried_forward.research", 3)
    result = checks.cross_year_checks(this, last)[0]
    assert result["ok"] is False and "科研机构" in result["detail"]


def test_every_official_row_is_spelt_as_the_national_table_prints_it():
    rows = fmt.empty_requests()
    assert len(rows) == 25
    labels = {(r["group"], r["label"]) for r in rows}
    assert ("（三）不予公开", "1.属于国家秘密") in labels
    assert ("（六）其他处理", "3.其他") in labels
    assert ("（七）总计", "（七）总计") in labels
    assert rows[0]["label"] == "一、本年新收政府信息公开申请数量"
    assert rows[-1]["label"] == "四、结转下年度继续办理"
    assert len(fmt.cell_paths()) == 10 + 25 * 7 + 15
