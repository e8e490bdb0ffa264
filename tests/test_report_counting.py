"""The annual report's counting choices: table 二's 已失效 and 已修改 items
(``REPORT_EXPIRED_COUNTS_AS_REPEALED``), table 四's year of a case (``REPORT_REVIEW_CASE_YEAR``),
their system check (E030), and the precision of a 万元 override (380 元 = 0.038 万元)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories as f
from wagtail_disclosure.checks import check_report_counting_settings
from wagtail_disclosure.models import AnnualReportPage
from wagtail_disclosure.reports import checks, statistics
from wagtail_disclosure.reports.models import AnnualReportOverride, ReviewCase

D = datetime.date
pytestmark = pytest.mark.django_db


def counting(settings, **values):
    """Set the counting settings (``settings`` is pytest-django's fixture)."""
    settings.WAGTAIL_DISCLOSURE = {**getattr(settings, "WAGTAIL_DISCLOSURE", {}), **values}


# -- table 二 --------------------------------------------------------------------------------

@pytest.fixture
def regulations():
    """规章 that stopped being in force, or were amended, in 2025, each in its own way."""
    column = f.column()

    def regulation(**kwargs):
        return f.item(column, kind="regulation", **kwargs)

    replacement = regulation(formation_date=D(2025, 5, 20))  # issued in 2025, in force
    items = {
        "in_force": regulation(formation_date=D(2021, 4, 1)),
        "repealed": regulation(formation_date=D(2019, 3, 1), validity="repealed",
                               repeal_date=D(2025, 6, 30)),
        "expired": regulation(formation_date=D(2020, 1, 10), validity="expired",
                              repeal_date=D(2025, 12, 31)),
        # amended in place: the amended document is still in force
        "amended_in_place": regulation(formation_date=D(2018, 7, 1), validity="amended",
                                       repeal_date=D(2025, 3, 15)),
        "amended_no_date": regulation(formation_date=D(2018, 8, 1), validity="amended"),
        # amended by a new document that replaces it: no longer in force after its date
        "replaced": regulation(formation_date=D(2017, 9, 1), validity="amended",
                               repeal_date=D(2025, 5, 20), replaced_by=replacement),
        # replaced, with no date entered: it ended when the replacement was written
        "replaced_no_date": regulation(formation_date=D(2016, 9, 1), validity="amended",
                                       replaced_by=replacement),
        "expires_next_year": regulation(formation_date=D(2022, 2, 1), validity="expired",
                                        repeal_date=D(2026, 1, 1)),
    }
    return {"replacement": replacement, **items}


def test_expired_items_count_as_repealed_by_default(regulations):
    figures = statistics.compute(2025)["proactive"]["regulation"]
    # in force on 31 Dec 2025: the replacement, in_force, the two amended in place and the one
    # that expires in 2026; not the repealed, expired or replaced ones
    assert figures == {"issued": 1, "repealed": 2, "in_force": 5}


def test_expired_items_are_not_repealed_when_the_setting_is_off(settings, regulations):
    counting(settings, REPORT_EXPIRED_COUNTS_AS_REPEALED=False)
    figures = statistics.compute(2025)["proactive"]["regulation"]
    # only 已废止 is 本年废止; an expired item is still not in force
    assert figures == {"issued": 1, "repealed": 1, "in_force": 5}


@pytest.mark.parametrize("expired_counts", [True, False])
def test_an_amended_item_without_a_replacement_stays_in_force(settings, expired_counts):
    counting(settings, REPORT_EXPIRED_COUNTS_AS_REPEALED=expired_counts)
    column = f.column()
    f.item(column, kind="normative_document", formation_date=D(2023, 6, 1), validity="amended",
           repeal_date=D(2025, 8, 1))
    for year in (2024, 2025, 2026):
        figures = statistics.compute(year)["proactive"]["normative_document"]
        assert figures["in_force"] == 1, year
        assert figures["repealed"] == 0, year  # 修改 is not 废止


def test_a_replaced_item_counts_in_force_until_it_was_replaced(regulations):
    last_year = statistics.compute(2024)["proactive"]["regulation"]
    # on 31 Dec 2024 all eight but the replacement (written 2025) were in force
    assert last_year == {"issued": 0, "repealed": 0, "in_force": 8}


def test_table_two_is_still_one_query(regulations):
    with CaptureQueriesContext(connection) as captured:
        statistics.item_figures(2025)
    assert len(captured) == 1


# -- table 四 --------------------------------------------------------------------------------

@pytest.fixture
def cases():
    def case(kind, filed_on, result="pending", concluded_on=None):
        return ReviewCase.objects.create(kind=kind, filed_on=filed_on, result=result,
                                         concluded_on=concluded_on)

    return {
        # filed 2024, concluded 2025: 尚未审结 in 2024; counted again in 2025 if chosen
        "carried": case("reconsideration", D(2024, 11, 4), "corrected", D(2025, 3, 3)),
        "done_2024": case("reconsideration", D(2024, 6, 3), "upheld", D(2024, 9, 2)),
        "open": case("reconsideration", D(2024, 12, 2)),  # still pending at the end of 2025
        "this_year": case("reconsideration", D(2025, 2, 3), "upheld", D(2025, 5, 6)),
        # filed 2025, concluded 2026: pending in 2025, counted again in 2026 if chosen
        "into_2026": case("reconsideration", D(2025, 10, 9), "other", D(2026, 1, 12)),
        # a lawsuit filed in 2023, decided in 2025
        "old_lawsuit": case("lawsuit_direct", D(2023, 5, 8), "upheld", D(2025, 7, 1)),
    }


def test_cases_count_in_the_year_they_were_filed_by_default(cases):
    assert statistics.compute(2025)["review_litigation"] == [
        1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert statistics.compute(2024)["review_litigation"] == [
        1, 0, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert statistics.compute(2026)["review_litigation"] == [0] * 15


def test_filed_and_concluded_counts_a_case_again_in_the_year_it_concluded(settings, cases):
    counting(settings, REPORT_REVIEW_CASE_YEAR="filed_and_concluded")
    stats = statistics.compute(2025)
    # reconsideration: this_year (upheld), carried (corrected, filed 2024), into_2026 (pending);
    # lawsuit: old_lawsuit (upheld, filed 2023). "open" and "done_2024" are not counted.
    assert stats["review_litigation"] == [1, 1, 0, 1, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert checks.failures(checks.review_checks(stats)) == []
    # a case filed in the year still counts as today: pending when concluded after the year
    assert statistics.compute(2024)["review_litigation"] == [
        1, 0, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert statistics.compute(2026)["review_litigation"] == [
        0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_filed_and_concluded_respects_the_organs_of_the_report(settings):
    counting(settings, REPORT_REVIEW_CASE_YEAR="filed_and_concluded")
    ours, theirs = f.organ("本机关", "000000001"), f.organ("他机关", "000000002")
    for organ in (ours, theirs):
        ReviewCase.objects.create(kind="lawsuit_after_reconsideration", organ=organ,
                                  filed_on=D(2024, 10, 8), result="corrected",
                                  concluded_on=D(2025, 4, 1))
    values = statistics.compute(2025, [ours])["review_litigation"]
    assert values[10:] == [0, 1, 0, 0, 1]


@pytest.mark.parametrize("case_year", ["filed", "filed_and_concluded"])
def test_table_four_is_still_one_query(settings, cases, case_year):
    counting(settings, REPORT_REVIEW_CASE_YEAR=case_year)
    with CaptureQueriesContext(connection) as captured:
        statistics.review_figures(2025)
    assert len(captured) == 1


# -- the system check ------------------------------------------------------------------------

def _ids(settings, **values):
    counting(settings, **values)
    return [message.id for message in check_report_counting_settings()]


@pytest.mark.parametrize("values", [
    {},
    {"REPORT_EXPIRED_COUNTS_AS_REPEALED": False},
    {"REPORT_REVIEW_CASE_YEAR": "filed_and_concluded"},
    {"REPORT_EXPIRED_COUNTS_AS_REPEALED": True, "REPORT_REVIEW_CASE_YEAR": "filed"},
])
def test_valid_counting_settings_pass_the_check(settings, values):
    assert _ids(settings, **values) == []


@pytest.mark.parametrize("values, count", [
    ({"REPORT_EXPIRED_COUNTS_AS_REPEALED": "yes"}, 1),
    ({"REPORT_EXPIRED_COUNTS_AS_REPEALED": 1}, 1),
    ({"REPORT_EXPIRED_COUNTS_AS_REPEALED": None}, 1),
    ({"REPORT_REVIEW_CASE_YEAR": "concluded"}, 1),
    ({"REPORT_REVIEW_CASE_YEAR": "Filed"}, 1),
    ({"REPORT_REVIEW_CASE_YEAR": ["filed"]}, 1),
    ({"REPORT_EXPIRED_COUNTS_AS_REPEALED": "no", "REPORT_REVIEW_CASE_YEAR": ""}, 2),
])
def test_bad_counting_settings_are_errors(settings, values, count):
    assert _ids(settings, **values) == ["wagtail_disclosure.E030"] * count


def test_manage_py_check_reports_e030(settings):
    counting(settings, REPORT_REVIEW_CASE_YEAR="concluded")
    with pytest.raises(SystemCheckError, match="E030"):
        call_command("check")


# -- 万元 to four decimals --------------------------------------------------------------------

OVERRIDE_DECIMALS = AnnualReportOverride._meta.get_field("value").decimal_places
ENTERED_DECIMALS = AnnualReportPage._meta.get_field("fees_amount_wan").decimal_places


def test_an_override_keeps_as_many_decimals_as_the_entered_field():
    assert OVERRIDE_DECIMALS == ENTERED_DECIMALS == 4

FEES_PATH = "proactive.fees.amount_wan"


@pytest.fixture
def report():
    f.past_request(D(2025, 3, 3), "natural_person", "disclosed", D(2025, 3, 20))
    return f.annual_report(2025)


def _publish(client, page, overrides=(), **fields):
    """Publish ``page`` through the editor with ``overrides`` and entered ``fields``. The body
    is not posted (it has nested blocks): the caller puts it back with ``_restore_body``."""
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "year": page.year,
        "report_format": page.report_format, "body": streamfield([]),
        "stated_figures": streamfield([]), "overrides": inline_formset(list(overrides)),
    })
    data.update(fields)
    data["action-publish"] = "1"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def _restore_body(page, body):
    """Publish ``page`` again with the report body it had (the editor form was posted without
    it), as a new revision: the figures, entered fields and overrides stay as saved."""
    page = AnnualReportPage.objects.get(pk=page.pk)
    page.body = body
    page.save_revision().publish()
    return AnnualReportPage.objects.get(pk=page.pk)


def _fees_cell_of_the_xlsx(client, page):
    book = load_workbook(io.BytesIO(client.get(page.url + "xlsx/").content))
    sheet = next(ws for ws in book.worksheets if "二" in ws.title)
    row = next(r for r in sheet.iter_rows() if any(c.value == "行政事业性收费" for c in r))
    return next(c.value for c in row if isinstance(c.value, (int, float)))


def _fees_of_the_api(client, page):
    stats = client.get(f"/api/v2/pages/{page.pk}/").json()["statistics"]
    return stats["proactive"]["fees"]["amount_wan"]


def _fees_text_of_the_table(page):
    from wagtail_disclosure.reports.tables import proactive_table

    table = proactive_table(page.effective_statistics())
    return next(cell.text for cell in table.cells() if cell.path == FEES_PATH)


def test_the_entered_fee_amount_keeps_four_decimals(admin_client, client, report):
    """380 元 entered as 0.038 万元 (the figures-tab field) is kept everywhere."""
    body = report.body.raw_data
    response = _publish(admin_client, report, fees_amount_wan="0.038")
    assert response.status_code == 302, response.context["form"].errors
    page = _restore_body(report, body)
    assert page.fees_amount_wan == Decimal("0.038")
    assert _fees_text_of_the_table(page) == "0.038"
    assert "0.038" in client.get(page.url).content.decode()
    assert _fees_cell_of_the_xlsx(client, page) == pytest.approx(0.038)
    assert _fees_of_the_api(client, page) == pytest.approx(0.038)



def test_the_override_keeps_as_many_decimals_as_the_entered_field():
    assert OVERRIDE_DECIMALS >= ENTERED_DECIMALS, (
        "AnnualReportOverride.value would round a 万元 override that fees_amount_wan keeps")



def test_a_380_yuan_override_is_kept_as_0_038_wan(admin_client, client, report):
    body = report.body.raw_data
    response = _publish(admin_client, report, fees_amount_wan="0.1", overrides=[{
        "cell": FEES_PATH, "value": "0.038", "reason": "财政决算更正：全年收费380元"}])
    assert response.status_code == 302, response.context["form"].formsets["overrides"].errors
    page = _restore_body(report, body)
    override = page.overrides.get()
    override.refresh_from_db()  # as the database returns it
    assert override.value == Decimal("0.038")
    assert override.number == pytest.approx(0.038)
    stats = page.effective_statistics()
    assert stats["overrides"][0]["value"] == pytest.approx(0.038)
    assert stats["overrides"][0]["computed"] == pytest.approx(0.1)
    assert _fees_text_of_the_table(page) == "0.038"
    html = client.get(page.url).content.decode()
    assert "0.038" in html
    assert _fees_cell_of_the_xlsx(client, page) == pytest.approx(0.038)
    assert _fees_of_the_api(client, page) == pytest.approx(0.038)


def test_a_fee_override_with_more_than_four_decimals_is_refused(admin_client, report):
    response = _publish(admin_client, report, overrides=[{
        "cell": FEES_PATH, "value": "0.03805", "reason": "3805 厘"}])
    assert response.status_code == 200
    assert "value" in response.context["form"].formsets["overrides"].errors[0]


@pytest.mark.parametrize("value", ["0.5", "2.0001"])
def test_a_count_override_must_still_be_a_whole_number(admin_client, report, value):
    response = _publish(admin_client, report, overrides=[{
        "cell": "requests.new.business", "value": value, "reason": "x"}])
    assert response.status_code == 200
    assert "value" in response.context["form"].formsets["overrides"].errors[0]
