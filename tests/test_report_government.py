"""A government's report covering several organs on several sites: summed figures, the per-organ
breakdown, unknown parts, frozen when published, the page cache, no personal data (issue 14).

The world: a county government site (the default site) with the government's office and the
education bureau, and the health commission's own site (a second Wagtail site in its own tree)
with its items and its own published report. Runs on SQLite and PostgreSQL.
"""

import datetime
import io
import json
import zipfile

import pytest
from django.utils.translation import gettext
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories as f
from wagtail_disclosure.caching import page_cache
from wagtail_disclosure.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    DisclosureColumnPage,
    DisclosureIndexPage,
    ReviewCase,
)
from wagtail_disclosure.reports import format as fmt
from wagtail_disclosure.reports import government, statistics

D = datetime.date
YEAR = 2025
pytestmark = pytest.mark.django_db

APPLICANT = {"name": "欧阳明远", "phone": "13912345678", "email": "ouyang@example.cn",
             "id_number": f.RESIDENT_ID, "address": "鹿城区申请人路88号"}


def fee(request_obj, amount, paid_on):
    from wagtail_disclosure.requests.models import FeeNotice

    FeeNotice.objects.create(request=request_obj, method="per_item", quantity=20,
                             items_before=0, amount=amount, issued_on=paid_on,
                             pay_by=paid_on + datetime.timedelta(days=20), paid_on=paid_on)


class County:
    """Three organs, two sites, data for each organ and one organ not covered."""

    def __init__(self):
        self.office = f.organ("某县人民政府办公室", "00000001-1")
        self.education = f.organ("某县教育局", "00000002-2")
        self.health = f.organ("某县卫生健康委员会", "00000003-3")
        self.other = f.organ("某市公安局", "00000004-4")  # not covered by the county's report
        self.county_site = Site.objects.get(is_default_site=True)
        self.county_column = f.column(title="政策文件")
        self.county_reports = f.report_index()
        # the health commission's own site, in its own tree
        home = f.Page.get_first_root_node().add_child(
            instance=f.HomePage(title="某县卫生健康委员会", slug="wjw-home"))
        self.health_site = Site.objects.create(hostname="wjw.example", port=80, root_page=home)
        section = home.add_child(instance=DisclosureIndexPage(
            title="政府信息公开", slug="zfxxgk", office_name="卫健委办公室",
            office_phone="0577-12345678", request_channels=["in_person", "post"]))
        self.health_column = section.add_child(
            instance=DisclosureColumnPage(title="卫健政策", slug="wjzc"))
        self.health_reports = section.add_child(
            instance=AnnualReportIndexPage(title="年度报告", slug="ndbg"))

        # items: regulations and normative documents of each organ, on its own site
        for organ, column, kinds in (
                (self.office, self.county_column, ["regulation", "normative_document"]),
                (self.education, self.county_column, ["normative_document"] * 2),
                (self.health, self.health_column, ["regulation", "normative_document"] * 2),
                (self.other, self.county_column, ["regulation"] * 3)):
            for kind in kinds:
                f.item(column, kind=kind, formation_date=D(YEAR, 2, 1),
                       published_on=D(YEAR, 2, 10), organ_obj=organ)
        # requests: new, carried over, concluded, carried forward, in several columns
        self.requests = []
        for organ, specs in (
                (self.office, [(D(YEAR, 3, 1), "natural_person", "disclosed", D(YEAR, 3, 20)),
                               (D(YEAR, 12, 28), "business", None, None)]),
                (self.education, [(D(YEAR - 1, 12, 20), "natural_person", "unavailable_not_held",
                                   D(YEAR, 1, 8)),
                                  (D(YEAR, 5, 6), "research", "withheld_state_secret",
                                   D(YEAR, 5, 30))]),
                (self.health, [(D(YEAR, 4, 1), "natural_person", "disclosed", D(YEAR, 4, 9)),
                               (D(YEAR, 6, 1), "legal_services", "partially_disclosed",
                                D(YEAR, 6, 19)),
                               (D(YEAR, 12, 30), "natural_person", None, None)]),
                (self.other, [(D(YEAR, 2, 1), "natural_person", "disclosed", D(YEAR, 2, 9))])):
            for received, column, outcome, concluded in specs:
                self.requests.append(f.past_request(received, column, outcome, concluded,
                                                    organ_obj=organ))
        first = self.requests[0]
        for field, value in APPLICANT.items():
            setattr(first, field, value)
        first.save()
        fee(self.requests[2], 100, D(YEAR, 1, 20))
        fee(self.requests[5], 60, D(YEAR, 6, 30))
        ReviewCase.objects.create(kind="reconsideration", organ=self.education,
                                  filed_on=D(YEAR, 7, 1), result="upheld",
                                  concluded_on=D(YEAR, 9, 1))
        ReviewCase.objects.create(kind="lawsuit_direct", organ=self.health,
                                  filed_on=D(YEAR, 8, 1))
        self.covered = [self.office, self.education, self.health]

    @property
    def covered_ids(self):
        return [organ.pk for organ in self.covered]

    def health_report(self, publish=True, **kwargs):
        """The health commission's own report on its own site, with figures it entered."""
        kwargs.setdefault("licensing_decisions", 120)
        kwargs.setdefault("penalty_decisions", 7)
        kwargs.setdefault("coercion_decisions", 0)
        kwargs.setdefault("fees_amount_wan", "0.1")
        return f.annual_report(YEAR, publish=publish, organs=[self.health],
                               index=self.health_reports,
                               **kwargs)

    def government_report(self, organ_figures="data", publish=True, **kwargs):
        return f.annual_report(YEAR, publish=publish, organs=self.covered,
                               index=self.county_reports, organ_figures=organ_figures,
                               **kwargs)


@pytest.fixture
def county():
    return County()


def cells(stats):
    return {path: fmt.get_cell(stats, path) for path, _label in fmt.cell_paths()}


def rows_by_name(stats):
    return {row["organ"]["name"]: row for row in stats["organ_breakdown"]}


# -- the sums ---------------------------------------------------------------------------------


def test_every_summed_figure_is_the_organs_figures_added_up(county):
    together = statistics.compute(YEAR, county.covered_ids)
    alone = [statistics.compute(YEAR, [pk]) for pk in county.covered_ids]
    for path, value in cells(together).items():
        parts = [fmt.get_cell(stats, path) for stats in alone]
        if path.startswith(tuple(f"proactive.{key}." for key in fmt.ENTERED_PROACTIVE)):
            assert value is None and parts == [None] * 3, path  # entered, not counted
        else:
            assert value == sum(parts), path
    for key in together["channels"]:
        assert together["channels"][key] == sum(s["channels"][key] for s in alone), key
    assert together["fees_collected_yuan"] == 160
    assert together["on_time"] == {
        "concluded": sum(s["on_time"]["concluded"] for s in alone),
        "on_time": sum(s["on_time"]["on_time"] for s in alone)}
    # the figures themselves, so that the sum is not of zeros
    assert fmt.get_cell(together, "requests.new.total") == 6  # the other organ's 1 is left out
    assert fmt.get_cell(together, "requests.carried_over.total") == 1
    assert fmt.get_cell(together, "requests.carried_forward.total") == 2
    assert together["proactive"]["regulation"]["issued"] == 3
    assert together["proactive"]["normative_document"]["issued"] == 5
    assert together["channels"]["total"] == 8  # items on both sites
    assert fmt.get_cell(together, "review.reconsideration.upheld") == 1
    assert fmt.get_cell(together, "review.lawsuit_direct.pending") == 1
    # the sum of the parts by government.sum_statistics gives the same figures
    assert cells(government.sum_statistics(YEAR, [
        statistics.compute_parts(YEAR, county.covered_ids)[pk]
        for pk in county.covered_ids])) == cells(together)


def test_the_breakdown_has_one_row_per_organ_in_the_reports_order(county):
    stats = statistics.compute(YEAR, county.covered_ids)
    assert [row["organ"]["name"] for row in stats["organ_breakdown"]] == [
        "某县人民政府办公室", "某县教育局", "某县卫生健康委员会"]
    rows = rows_by_name(stats)
    health = rows["某县卫生健康委员会"]
    assert health["source"] == {"kind": "data"}
    assert (health["requests_new"], health["requests_concluded"],
            health["requests_carried_forward"]) == (3, 2, 1)
    assert (health["regulation_issued"], health["normative_document_issued"],
            health["items_published"]) == (2, 2, 4)
    assert (health["reconsiderations"], health["lawsuits"]) == (0, 1)
    assert rows["某县教育局"]["requests_carried_over"] == 1
    # counted from the data, the entered figures are not in the breakdown at all
    assert "licensing_decisions" not in health
    for key, _path in government.BREAKDOWN_MEASURES:
        if key in health:
            assert sum(row[key] for row in stats["organ_breakdown"]) == government.read(
                stats, _path), key


def test_a_government_report_adds_up_the_organs_own_reports_across_sites(county):
    own = county.health_report()
    gov = county.government_report("reports")
    stats = gov.statistics
    rows = rows_by_name(stats)
    health = rows["某县卫生健康委员会"]
    assert health["source"]["kind"] == "report"
    assert health["source"]["report"]["id"] == own.pk
    assert health["source"]["report"]["url"].startswith("http://wjw.example/")
    assert health["licensing_decisions"] == 120 and health["fees_amount_wan"] == 0.1
    assert rows["某县教育局"]["source"] == {"kind": "data"}
    # the counted figures are the same as counting all three from the data
    counted = statistics.compute(YEAR, county.covered_ids)
    for path, value in cells(counted).items():
        if not path.startswith("proactive.") or path.split(".")[1] not in fmt.ENTERED_PROACTIVE:
            assert fmt.get_cell(stats, path) == value, path


def test_the_organs_report_as_published_is_taken_with_its_overrides(county):
    own = county.health_report(publish=False)
    own.overrides.create(cell="requests.disclosed.natural_person", value=5,
                         reason="纸质申请补录")
    own.save_revision().publish()
    gov = county.government_report("reports")
    # the health commission's override (1 → 5) is in the sum, and the format's checks, run on
    # the sum, find the rules it breaks
    assert fmt.get_cell(gov.statistics, "requests.disclosed.natural_person") == 1 + 5
    failed = {c["rule"] for c in gov.statistics["checks"] if c["status"] == "failed"}
    assert failed == {"results_total:natural_person", "columns_total:disclosed"}
    # a draft of an organ's report is not taken: only what it published
    own.licensing_decisions = 999
    own.save_revision()
    again = county.government_report("reports", publish=False)
    assert rows_by_name(again.figures)["某县卫生健康委员会"]["licensing_decisions"] == 120


# -- unknown parts ----------------------------------------------------------------------------


def test_a_figure_with_an_unknown_part_is_unknown_never_the_known_ones_added(county, client):
    county.health_report()  # entered its licences; the other two organs have no report
    gov = county.government_report("reports")
    stats = gov.statistics
    assert stats["proactive"]["licensing"]["decisions"] is None  # 120 + unknown + unknown
    assert rows_by_name(stats)["某县教育局"]["licensing_decisions"] is None
    # an imported report of the education bureau that could not read one cell of table 三
    imported = fmt.copy_statistics(statistics.compute(YEAR, [county.education.pk]))
    fmt.set_cell(imported, "requests.new.research", None)
    fmt.set_cell(imported, "requests.new.total", None)
    report = f.annual_report(YEAR, organs=[county.education], index=county.county_reports,
                             publish=False)
    report.figures, report.figures_source = imported, "imported"
    report.save_revision().publish()
    gov = county.government_report("reports")
    stats = gov.statistics
    assert fmt.get_cell(stats, "requests.new.research") is None
    assert fmt.get_cell(stats, "requests.new.natural_person") == 3  # known in every part
    statuses = {c["rule"]: c["status"] for c in stats["checks"]}
    assert statuses["balance:research"] == "not_evaluable"
    assert statuses["balance:natural_person"] == "passed"
    breakdown = {row["organ"]["name"]: row for row in stats["organ_breakdown"]}
    assert breakdown["某县教育局"]["requests_new"] is None
    from wagtail_disclosure.reports import tables

    table = tables.organ_breakdown_table(stats)
    total_row = table.body[-1]
    headings = [cell.text for cell in table.head[0]]
    new_column = headings.index(gettext("New requests"))
    assert total_row[new_column].value is None  # not 2 + 3, the known parts
    assert "wd-unknown" in total_row[new_column].classes
    # the page: blank, marked cells with the note; the API: null
    html = client.get(gov.url).content.decode()
    assert 'data-cell="requests.new.research"' in html
    assert str(tables.unknown_note(stats)) in html
    api = client.get(f"/api/v2/pages/{gov.pk}/").json()["statistics"]
    assert fmt.request_row(api, "new")["values"][2] is None
    # the editor fills the gap on the government's report: an entered figure is published
    gov.licensing_decisions = 130
    gov.save_revision().publish()
    assert AnnualReportPage.objects.get(pk=gov.pk).statistics[
        "proactive"]["licensing"]["decisions"] == 130


def test_sum_statistics_treats_none_as_unknown_and_amounts_as_decimals():
    first, second = fmt.empty_statistics(YEAR), fmt.empty_statistics(YEAR)
    fmt.set_cell(first, "proactive.fees.amount_wan", 0.1)
    fmt.set_cell(second, "proactive.fees.amount_wan", 0.2)
    fmt.set_cell(first, "requests.new.business", 2)
    fmt.set_cell(second, "requests.new.business", None)
    second["channels"] = {"total": None}
    total = government.sum_statistics(YEAR, [first, second])
    assert fmt.get_cell(total, "proactive.fees.amount_wan") == 0.3
    assert fmt.get_cell(total, "requests.new.business") is None
    assert fmt.get_cell(total, "requests.new.natural_person") == 0
    assert total["channels"]["total"] is None
    assert government.add([]) == 0 and government.add([0, None]) is None


# -- frozen -----------------------------------------------------------------------------------


def test_a_published_government_report_keeps_its_figures(county, client, admin_client):
    own = county.health_report()
    gov = county.government_report("reports")
    before = client.get(f"/api/v2/pages/{gov.pk}/").json()["statistics"]
    # new data, and the health commission republishes its report with other figures
    f.past_request(D(YEAR, 9, 1), "natural_person", organ_obj=county.education)
    own = AnnualReportPage.objects.get(pk=own.pk)
    own.licensing_decisions = 150
    own.save_revision().publish()
    after = client.get(f"/api/v2/pages/{gov.pk}/").json()["statistics"]
    assert after["requests"] == before["requests"]
    assert after["organ_breakdown"] == before["organ_breakdown"]
    gov = AnnualReportPage.objects.get(pk=gov.pk)
    changes = {c["cell"]: (c["stored"], c["live"]) for c in gov.figure_changes()}
    assert changes["requests.new.total"] == (6, 7)
    # recompute: a draft with the new figures, the live report untouched until published
    response = admin_client.post(f"/admin/disclosure/reports/{gov.pk}/recompute/")
    assert response.status_code == 302
    draft = AnnualReportPage.objects.get(pk=gov.pk).get_latest_revision_as_object()
    assert fmt.get_cell(draft.figures, "requests.new.total") == 7
    assert rows_by_name(draft.figures)["某县卫生健康委员会"]["licensing_decisions"] == 150
    live = client.get(f"/api/v2/pages/{gov.pk}/").json()["statistics"]
    assert fmt.request_row(live, "new")["values"][6] == 6


def test_choosing_the_source_in_the_editor_recomputes_the_draft(county, admin_client):
    county.health_report()
    gov = county.government_report("data", publish=False)
    assert rows_by_name(gov.figures)["某县卫生健康委员会"]["source"] == {"kind": "data"}
    data = nested_form_data({
        "title": gov.title, "slug": gov.slug, "year": YEAR, "report_format": "2021",
        "organ_figures": "reports",
        "body": streamfield([]), "stated_figures": streamfield([]),
        "overrides": inline_formset([])})
    data["organs"] = [str(pk) for pk in county.covered_ids]
    response = admin_client.post(f"/admin/pages/{gov.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    draft = AnnualReportPage.objects.get(pk=gov.pk).get_latest_revision_as_object()
    assert draft.organ_figures == "reports" and draft.figures["organ_figures"] == "reports"
    assert rows_by_name(draft.figures)["某县卫生健康委员会"]["source"]["kind"] == "report"
    # the edit form offers the organs of both sites and the two sources
    response = admin_client.get(f"/admin/pages/{gov.pk}/edit/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="wd-table-organ_breakdown"' in page  # the Figures tab shows the breakdown
    assert "某县卫生健康委员会" in page and 'name="organ_figures"' in page


# -- the page, the export, no personal data ---------------------------------------------------


def test_the_page_shows_the_breakdown_once_and_links_the_organs_reports(county, client):
    own = county.health_report()
    gov = county.government_report("reports")
    html = client.get(gov.url).content.decode()
    assert html.count('id="wd-table-organ_breakdown"') == 1
    assert f'href="{own.get_full_url()}"' in html
    # placed in the body by the editor: shown there, not again after the body
    gov = AnnualReportPage.objects.get(pk=gov.pk)
    gov.body = [("section", {"heading": "附表", "content": [
        ("table", {"table": "organ_breakdown"})]})]
    gov.save_revision().publish()
    html = client.get(gov.url).content.decode()
    assert html.count('id="wd-table-organ_breakdown"') == 1
    assert gettext("Annex: figures by organ") not in html


def test_the_xlsx_has_the_breakdown_sheet_with_the_sums(county, client):
    from openpyxl import load_workbook

    own = county.health_report()
    gov = county.government_report("reports")
    response = client.get(gov.url + "xlsx/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["表二", "表三", "表四"] and "分机关" in book.sheetnames
    sheet = book["分机关"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    heads = values[0]
    by_organ = {row[0]: row for row in values[1:5]}
    new = heads.index(gettext("New requests"))
    assert [by_organ[name][new] for name in ("某县人民政府办公室", "某县教育局",
                                             "某县卫生健康委员会")] == [2, 1, 3]
    assert by_organ[gettext("Total")][new] == 6  # the parts added up
    licensing = heads.index(gettext("Licensing decisions"))
    assert by_organ["某县教育局"][licensing] is None  # unknown stays blank, not 0
    assert by_organ[gettext("Total")][licensing] is None
    linked = [cell for row in sheet.iter_rows() for cell in row if cell.hyperlink]
    assert [cell.hyperlink.target for cell in linked] == [own.get_full_url()]
    # table 三 of the workbook is the summed one
    assert 6 in [cell.value for row in book["表三"].iter_rows() for cell in row]


def test_no_applicant_personal_data_in_the_page_the_api_the_xlsx_or_the_figures(county,
                                                                                client):
    county.health_report()
    gov = county.government_report("reports")
    html = client.get(gov.url).content.decode()
    api = client.get(f"/api/v2/pages/{gov.pk}/").content.decode("unicode_escape")
    xlsx = client.get(gov.url + "xlsx/").content
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheets = "".join(archive.read(name).decode() for name in archive.namelist()
                         if name.endswith(".xml"))
    stored = json.dumps(AnnualReportPage.objects.get(pk=gov.pk).figures, ensure_ascii=False)
    names = [r.name for r in county.requests] + [r.tracking_number for r in county.requests]
    for text in (html, api, sheets, stored):
        for value in [*APPLICANT.values(), *names]:
            assert value not in text


def test_recompute_of_a_government_report_needs_edit_permission(county, client):
    gov = county.government_report("reports")
    user = f.make_user("reader", admin_access=True)
    client.force_login(user)
    response = client.post(f"/admin/disclosure/reports/{gov.pk}/recompute/")
    # refused (Wagtail's admin answers a PermissionDenied with a redirect to the dashboard)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert AnnualReportPage.objects.get(pk=gov.pk).get_latest_revision().pk == \
        gov.get_latest_revision().pk


# -- the page cache ---------------------------------------------------------------------------


def test_publishing_or_recomputing_bumps_every_site_that_shows_the_report(county, settings,
                                                                          admin_client):
    """The county's report is shown by the county site and by a site rooted at the county's
    section (a second host of the same pages); the health commission's site does not show it."""
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": True}
    mirror = Site.objects.create(hostname="gk.county.example", port=80,
                                 root_page=f.section())
    sites = (county.county_site.pk, mirror.pk, county.health_site.pk)

    def generations():
        return [page_cache.read_generation(pk) for pk in sites]

    gov = county.government_report("reports", publish=False)
    before = generations()
    gov.save_revision().publish()
    after = generations()
    assert after[0] > before[0] and after[1] > before[1]
    assert after[2] == before[2]
    response = admin_client.post(f"/admin/disclosure/reports/{gov.pk}/recompute/")
    assert response.status_code == 302
    again = generations()
    assert again[0] > after[0] and again[1] > after[1] and again[2] == after[2]
