"""Annual report pages: frozen figures, overrides, acknowledgement before publishing, recompute,
the public page, the XLSX and the page API (issue 4)."""

import datetime
import io

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories as f
from wagtail_disclosure.models import AnnualReportPage
from wagtail_disclosure.reports import format as fmt

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    f.past_request(D(2025, 3, 1), "natural_person", "disclosed", D(2025, 3, 9))
    f.past_request(D(2025, 4, 1), "business", "withheld_state_secret", D(2025, 4, 20))
    return f.annual_report(2025)


def edit_data(page, overrides=(), acknowledged=(), action=None, **fields):
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "year": fields.pop("year", page.year),
        "report_format": page.report_format,
        "body": streamfield([]), "stated_figures": streamfield([]),
        "overrides": inline_formset(list(overrides)),
    })
    data.update({k: ("" if v is None else v) for k, v in fields.items()})
    if acknowledged:
        data["acknowledged_checks"] = list(acknowledged)
    if action:
        data[action] = "1"
    return data


def latest(page):
    """The page's latest revision, read afresh (a page instance caches its latest revision)."""
    return AnnualReportPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def post_edit(client, page, **kwargs):
    return client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, **kwargs))


def test_new_report_is_created_with_the_official_sections_and_figures(admin_client):
    f.past_request(D(2025, 3, 1), "natural_person", "disclosed", D(2025, 3, 9))
    index = f.report_index()
    data = nested_form_data({"title": "2025年报告", "slug": "r2025", "year": 2025,
                             "report_format": "2021", "body": streamfield([]),
                             "stated_figures": streamfield([]),
                             "overrides": inline_formset([])})
    response = admin_client.post(
        f"/admin/pages/add/wagtail_disclosure/annualreportpage/{index.pk}/", data)
    assert response.status_code == 302
    page = AnnualReportPage.objects.get(slug="r2025").get_latest_revision_as_object()
    assert page.figures["year"] == 2025
    assert fmt.request_row(page.figures, "new")["values"][6] == 1
    # the default body, from the model (a fresh report, not posted with an empty body)
    headings = [b.value["heading"] for b in AnnualReportPage(title="x").body
                if b.block_type == "section"]
    assert headings[0] == "一、总体情况" and headings[-1] == "六、其他需要报告的事项"
    assert len(headings) == 6


def test_published_figures_do_not_change_when_the_data_do(client, report):
    before = client.get(f"/api/v2/pages/{report.pk}/").json()["statistics"]
    f.past_request(D(2025, 5, 1), "natural_person", "disclosed", D(2025, 5, 9))
    report.refresh_from_db()
    after = client.get(f"/api/v2/pages/{report.pk}/").json()["statistics"]
    assert after["requests"] == before["requests"]
    assert fmt.request_row(after, "new")["values"][6] == 2
    # the live data now differ by cell
    changes = {path: (a, b) for path, a, b in fmt.diff(report.figures, report.live_figures())}
    assert changes["requests.new.natural_person"] == (1, 2)
    assert changes["requests.disclosed.total"] == (1, 2)


def test_recompute_creates_a_draft_and_leaves_the_live_report(admin_client, report):
    f.past_request(D(2025, 5, 1), "natural_person", "disclosed", D(2025, 5, 9))
    url = f"/admin/disclosure/reports/{report.pk}/recompute/"
    confirm = admin_client.get(url)
    assert "requests.new.natural_person" not in confirm.content.decode()  # labels, not paths
    assert "表三" in confirm.content.decode()
    response = admin_client.post(url)
    assert response.status_code == 302
    report.refresh_from_db()
    assert fmt.request_row(report.figures, "new")["values"][6] == 2  # unchanged
    draft = latest(report)
    assert fmt.request_row(draft.figures, "new")["values"][6] == 3
    assert report.has_unpublished_changes
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.filter(page=report,
                                        action="wagtail_disclosure.report.recompute").get()
    assert entry.data["changed_cells"] >= 3


def test_recompute_needs_edit_permission(client, report, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post(f"/admin/disclosure/reports/{report.pk}/recompute/")
    assert response.status_code in (302, 403)
    assert f"/pages/{report.pk}/edit/" not in response.get("Location", "")
    assert not AnnualReportPage.objects.get(pk=report.pk).has_unpublished_changes


def test_an_override_is_applied_flagged_and_listed(admin_client, report):
    response = post_edit(admin_client, report, overrides=[{
        "cell": "proactive.regulation.in_force", "value": "7", "reason": "含市政府转发的规章"}])
    assert response.status_code == 302, response.context["form"].errors
    draft = latest(report)
    stats = draft.effective_statistics()
    assert stats["proactive"]["regulation"]["in_force"] == 7
    assert stats["overrides"] == [{"cell": "proactive.regulation.in_force", "value": 7,
                                   "computed": 0, "reason": "含市政府转发的规章"}]


@pytest.mark.parametrize("value, reason", [("-1", "x"), ("2.5", "x"), ("3", "")])
def test_override_values_and_reasons_are_validated(admin_client, report, value, reason):
    response = post_edit(admin_client, report, overrides=[{
        "cell": "requests.new.business", "value": value, "reason": reason}])
    assert response.status_code == 200
    errors = response.context["form"].formsets["overrides"].errors[0]
    assert set(errors) == ({"reason"} if not reason else {"value"})


def test_entered_figures_must_be_non_negative(admin_client, report):
    response = post_edit(admin_client, report, licensing_decisions="-3")
    assert response.status_code == 200
    assert "licensing_decisions" in response.context["form"].errors


def test_table_four_can_be_entered_by_hand(admin_client, report):
    values = {f"review_entered_{n}": str(n % 4) for n in range(12)}
    response = post_edit(admin_client, report, **values)
    assert response.status_code == 302, response.context["form"].errors
    stats = latest(report).effective_statistics()
    assert stats["review_litigation"] == [0, 1, 2, 3, 6] * 3


def test_table_four_figures_entered_by_hand_are_bounded(admin_client, report):
    values = {f"review_entered_{n}": "0" for n in range(12)}
    values["review_entered_3"] = str(10**20)
    response = post_edit(admin_client, report, **values)
    assert response.status_code == 200
    assert "review_entered" in response.context["form"].errors
    assert latest(report).review_entered is None


def _failing_override():
    return [{"cell": "requests.new.business", "value": "5", "reason": "纸质申请漏录"}]


def test_publishing_a_report_that_breaks_a_rule_needs_each_failure_acknowledged(
        admin_client, report):
    # saving a draft with a failing rule is fine
    assert post_edit(admin_client, report, overrides=_failing_override()).status_code == 302
    draft = latest(report)
    failures = [c for c in draft.effective_statistics()["checks"] if not c["ok"]]
    assert {c["rule"] for c in failures} == {"balance:business", "columns_total:new"}

    # publishing is refused until each failure is ticked
    refused = post_edit(admin_client, draft, overrides=_failing_override(),
                        action="action-publish")
    assert refused.status_code == 200
    assert "acknowledged_checks" in refused.context["form"].errors
    report.refresh_from_db()
    assert fmt.get_cell(report.effective_statistics(), "requests.new.business") == 1

    form = refused.context["form"]
    choices = [value for value, _label in form.fields["acknowledged_checks"].choices]
    assert len(choices) == 2
    one_only = post_edit(admin_client, draft, overrides=_failing_override(),
                         acknowledged=choices[:1], action="action-publish")
    assert one_only.status_code == 200

    published = post_edit(admin_client, draft, overrides=_failing_override(),
                          acknowledged=choices, action="action-publish")
    assert published.status_code == 302
    report.refresh_from_db()
    assert fmt.get_cell(report.effective_statistics(), "requests.new.business") == 5
    assert len(report.acknowledged_checks) == 2


def test_submitting_to_the_workflow_is_checked_too(admin_client, report):
    assert post_edit(admin_client, report, overrides=_failing_override()).status_code == 302
    draft = latest(report)
    refused = post_edit(admin_client, draft, overrides=_failing_override(),
                        action="action-submit")
    assert refused.status_code == 200
    assert "acknowledged_checks" in refused.context["form"].errors


def test_changing_the_year_of_a_draft_recomputes_its_figures(admin_client, report):
    f.past_request(D(2024, 5, 1), "research", "disclosed", D(2024, 5, 9))
    assert post_edit(admin_client, report, year=2024).status_code == 302
    draft = latest(report)
    assert draft.figures["year"] == 2024
    assert fmt.get_cell(draft.figures, "requests.new.research") == 1


def test_cross_year_check_uses_last_years_published_report(report):
    f.past_request(D(2024, 12, 30), "natural_person")  # open: carried into 2025
    last = f.annual_report(2024, index=report.get_parent().specific)
    assert fmt.get_cell(last.figures, "requests.carried_forward.natural_person") == 1
    report.refresh_from_db()
    # the 2025 report was computed before that request existed: 二 is 0, last year's 四 is 1
    failed = [c for c in report.effective_statistics()["checks"] if not c["ok"]]
    assert "carried_over" in {c["rule"] for c in failed}


def test_public_page_shows_the_tables_and_charts(client, report):
    html = client.get(report.url).content.decode()
    assert "表三 收到和处理政府信息公开申请情况" in html
    assert 'scope="col"' in html and "<caption" in html
    assert html.count("<svg") >= 1
    assert "一、总体情况" in html


def test_the_xlsx_holds_the_tables_in_the_official_layout(client, report):
    from openpyxl import load_workbook

    response = client.get(report.url + "xlsx/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = next(ws for ws in book.worksheets if "三" in ws.title)
    numbers = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, int)]
    assert 2 in numbers  # 一、本年新收 总计
    assert sheet.merged_cells.ranges


def test_the_page_api_gives_the_statistics_in_the_documented_shape(client, report):
    stats = client.get(f"/api/v2/pages/{report.pk}/").json()["statistics"]
    assert stats["format"] == "2021" and stats["year"] == 2025
    assert len(stats["requests"]) == 25
    secret = next(r for r in stats["requests"] if r["key"] == "withheld_state_secret")
    assert secret["group"] == "（三）不予公开" and secret["label"] == "1.属于国家秘密"
    assert secret["values"] == [0, 1, 0, 0, 0, 0, 1]
    assert len(stats["review_litigation"]) == 15
    assert {"rule", "ok", "detail"} <= set(stats["checks"][0])
    assert set(stats["proactive"]) == {"regulation", "normative_document", "licensing",
                                       "penalty", "coercion", "fees"}
    assert "total" in stats["channels"]


def test_no_personal_data_reaches_the_report_api(client, report):
    body = client.get(f"/api/v2/pages/{report.pk}/").content.decode()
    assert "申请人1" not in body and "申请人2" not in body


def test_index_lists_reports_newest_first_with_a_chart(client, report):
    f.annual_report(2024, index=report.get_parent().specific)
    html = client.get(report.get_parent().url).content.decode()
    assert html.index("2025年政府信息公开工作年度报告") < html.index("2024年政府信息公开工作年度报告")
    assert "<svg" in html


class TestPageTypes:
    def test_report_pages_live_under_the_section(self):
        from wagtail_disclosure.models import AnnualReportIndexPage, DisclosureIndexPage

        assert AnnualReportIndexPage.can_create_at(DisclosureIndexPage())
        assert AnnualReportPage.can_create_at(AnnualReportIndexPage())
        assert not AnnualReportPage.can_create_at(DisclosureIndexPage())
