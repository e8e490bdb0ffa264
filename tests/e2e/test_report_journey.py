"""The annual report journey in a real browser (Debian Chromium, Playwright), in Chinese:

an editor (Wagtail's "Editors" group, who cannot publish) creates the 2025 report under the
年度报告 column, saves a draft and reads the computed tables and the checks on the "Figures"
tab; overrides one cell with a reason, sees the check the override breaks, acknowledges it and
submits the report to Wagtail's moderation workflow (submitting without the acknowledgement is
refused). A moderator approves it and it goes live. A visitor on a phone reads the tables and
downloads the XLSX; axe-core checks the report and the report index. A request stored later
does not change the published figures: the editor sees the difference and recomputes it into a
new draft, while the live report keeps its figures. The editors' guide takes its screenshots
here (docs/editors-guide/reports.md).
"""

import datetime
import io
import re

import pytest

from wagtail_disclosure.reports.blocks import OFFICIAL_HEADINGS

from .conftest import ADMIN_PASSWORD, DESKTOP, MOBILE, login_to_admin
from .test_accessibility import assert_report_accessible
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

D = datetime.date
EDITOR, MODERATOR = "bianji", "shenhe"
REPORT_TITLE = "2025年政府信息公开工作年度报告"

# The cell the editor overrides (table 四, 行政复议 · 结果维持) and why. Its group's 总计 stays as
# computed, so one check fails: "行政复议: 总计 = 0; sum of the four results = 1".
OVERRIDE_CELL = "review.reconsideration.upheld"
OVERRIDE_REASON = "2025年3月收到的1件行政复议申请由区政府直接办理，复议决定书（维持）未录入本网站"
NEW_TOTAL = "requests.new.total"  # table 三, 一、本年新收政府信息公开申请数量 · 总计
NEW_ROW = "一、本年新收政府信息公开申请数量"


@pytest.fixture
def report_site(disclosure_site, django_user_model, settings):
    """The section with a 年度报告 column, two years of requests, the published 2024 report,
    Wagtail's moderation workflow on the column, an editor and a moderator."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowTask

    from tests import factories

    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    # Wagtail autosaves drafts while one types; here every revision is an editor's click, so
    # that the journey does not race an autosave (and the screenshots show no indicator).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0

    index = factories.report_index(disclosure_site.section, title="年度报告", slug="ndbg",
                                   intro="<p>本栏目发布本机关历年政府信息公开工作年度报告。</p>")

    # 2024: received 3, concluded 2, one carried forward into 2025.
    factories.past_request(D(2024, 3, 1), "natural_person", "disclosed", D(2024, 3, 20))
    factories.past_request(D(2024, 6, 10), "business", "partially_disclosed", D(2024, 7, 1))
    factories.past_request(D(2024, 12, 20), "natural_person", "disclosed", D(2025, 1, 10))
    # 2025: received 4 (three natural persons, one research institution), one still open.
    factories.past_request(D(2025, 2, 3), "natural_person", "disclosed", D(2025, 2, 20))
    factories.past_request(D(2025, 3, 3), "research", "withheld_state_secret", D(2025, 3, 25))
    factories.past_request(D(2025, 5, 6), "natural_person", "not_processed_repeat",
                           D(2025, 5, 12))
    factories.past_request(D(2025, 12, 29), "natural_person")
    report_2024 = factories.annual_report(2024, index=index)
    assert report_2024.live and report_2024.figures["year"] == 2024

    # Wagtail's new installs put the "Moderators approval" workflow on the root page; the
    # flushed test database gets it back with the serialized rollback. If a future Wagtail
    # stops shipping it, build the same one.
    moderators = Group.objects.get(name="Moderators")
    workflow = index.get_workflow()
    if workflow is None:
        workflow = Workflow.objects.create(name="Moderators approval")
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        workflow.workflow_pages.create(page=Page.get_first_root_node())
    assert index.get_workflow() == workflow and workflow.active

    users = {}
    for username, group in ((EDITOR, "Editors"), (MODERATOR, "Moderators")):
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn",
                                                     ADMIN_PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return index, report_2024, users


# -- helpers ----------------------------------------------------------------------------------


def open_figures_tab(page):
    """Click the editor's tab that holds the "Figures and checks" panel (found by the panel,
    not by the tab's label, which is translated)."""
    panel = page.locator("[role=tabpanel]:has([data-report-figures])")
    page.click(f"[role=tab][aria-controls='{panel.get_attribute('id')}']")
    figures = page.locator("[data-report-figures]")
    figures.wait_for(state="visible")
    return figures


def save_draft(page):
    with page.expect_navigation():
        page.click("footer button.action-save")
    assert_no_form_errors(page)


def open_action_menu(page):
    page.click("footer [data-w-dropdown-target=toggle]")


def form_errors(page):
    return [text.strip() for text in page.locator(
        "form .error-message, form .w-field__errors").all_inner_texts() if text.strip()]


def assert_no_form_errors(page):
    assert not form_errors(page), "the form was refused: " + " | ".join(form_errors(page))


def published_cell(page, path):
    """The figure a public table shows for a statistics cell path (the overridden mark's
    footnote number left out)."""
    cell = page.locator(f"table.wd-report-table [data-cell='{path}']").first
    return cell.evaluate("""td => Array.from(td.childNodes)
        .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim()""")


def open_xlsx(download):
    from openpyxl import load_workbook

    with open(download.path(), "rb") as xlsx:  # Playwright's download file has no suffix
        return load_workbook(io.BytesIO(xlsx.read()))


def row_value(worksheet, row_label, column):
    """The figure in column ``column`` (0-based) of the row whose first cell is ``row_label``."""
    for row in worksheet.iter_rows(values_only=True):
        if row and row[0] == row_label:
            return row[column]
    raise AssertionError(f"no row {row_label!r} on sheet {worksheet.title}")


def latest_draft(page_id):
    from wagtail_disclosure.models import AnnualReportPage

    return AnnualReportPage.objects.get(pk=page_id).get_latest_revision_as_object()


def failure_detail(page_id):
    """The detail of the one check the latest draft of a report fails."""
    from wagtail_disclosure.reports.checks import failures

    [failure] = failures(latest_draft(page_id).effective_statistics()["checks"])
    return failure["detail"]


# -- the journey ------------------------------------------------------------------------------


def test_report_journey(new_context, report_site, live_server):
    from tests import factories
    from wagtail_disclosure.models import AnnualReportPage
    from wagtail_disclosure.reports import format as fmt

    index, report_2024, _users = report_site

    # -- the editor creates the 2025 report and saves a draft -----------------------------
    editor = new_context(viewport=DESKTOP).new_page()
    login_to_admin(editor, EDITOR)
    editor.goto(f"/admin/pages/{index.pk}/add_subpage/")
    # A 年度报告 column takes only annual reports: Wagtail goes straight to the form.
    editor.wait_for_url("**/admin/pages/add/wagtail_disclosure/annualreportpage/**")
    editor.fill("#id_title", REPORT_TITLE)
    editor.fill("#id_year", "2025")
    # The body starts with the preamble and the six official sections, tables in place.
    editor.locator("[data-contentpath=body] input[type=text]").first.wait_for(state="attached")
    headings = editor.locator("[data-contentpath=body] input[type=text]").evaluate_all(
        "inputs => inputs.map(i => i.value)")
    assert [h for h in headings if h in OFFICIAL_HEADINGS] == list(OFFICIAL_HEADINGS)
    shoot(editor, "report-admin-create.png")
    # An editor cannot publish: the main button saves a draft.
    assert editor.locator("footer button[name=action-publish]").count() == 0
    save_draft(editor)
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    report = AnnualReportPage.objects.get(year=2025)
    assert not report.live and report.title == REPORT_TITLE
    draft = latest_draft(report.pk)
    # The first save computed the figures from the site's data and stored them; what 2025
    # carried over is what the published 2024 report carried forward.
    assert fmt.get_cell(draft.figures, NEW_TOTAL) == 4
    assert fmt.get_cell(draft.figures, "requests.carried_over.total") == fmt.get_cell(
        report_2024.figures, "requests.carried_forward.total") == 1

    # -- the Figures tab: the computed tables and the checks ------------------------------
    figures = open_figures_tab(editor)
    assert editor.locator(
        f"[data-report-figures] table.wd-report-table [data-cell='{NEW_TOTAL}']").inner_text(
    ).strip() == "4"
    assert editor.locator(
        "[data-report-figures] [data-cell='requests.carried_over.natural_person']"
    ).inner_text().strip() == "1"
    checks = figures.locator("section[aria-labelledby=wd-checks-heading]")
    # 39 rules of table 三, 3 of table 四 and the cross-year rule against the 2024 report.
    assert re.search(r"(?<!\d)43(?!\d)", checks.inner_text()), checks.inner_text()
    assert figures.locator("[data-check-failures]").count() == 0
    assert figures.locator("[data-figures-current]").is_visible()
    checks.scroll_into_view_if_needed()
    shoot(editor, "report-admin-figures.png")

    # -- an override with its reason ------------------------------------------------------
    editor.click("#id_overrides-ADD")
    editor.select_option("#id_overrides-0-cell", OVERRIDE_CELL)
    editor.fill("#id_overrides-0-value", "1")
    editor.fill("#id_overrides-0-reason", OVERRIDE_REASON)
    editor.locator("#id_overrides-0-reason").scroll_into_view_if_needed()
    shoot(editor, "report-admin-override.png")
    save_draft(editor)
    figures = open_figures_tab(editor)
    failures = figures.locator("[data-check-failures] li")
    assert failures.count() == 1
    assert "review_total:reconsideration" in failures.inner_text()
    assert "行政复议" in failures.inner_text()
    overridden = figures.locator("section[aria-labelledby=wd-overrides-heading]")
    assert OVERRIDE_REASON in overridden.inner_text()
    assert "表四 行政复议 · 结果维持" in overridden.inner_text()
    assert editor.locator(
        f"[data-report-figures] [data-cell='{OVERRIDE_CELL}']").get_attribute(
        "class").split().count("wd-overridden") == 1
    acknowledge = editor.locator("input[name=acknowledged_checks]")
    assert acknowledge.count() == 1 and not acknowledge.is_checked()

    # Submitting to moderation without the acknowledgement is refused.
    open_action_menu(editor)
    with editor.expect_navigation():
        editor.click("footer button[name=action-submit]")
    ack_field = editor.locator("[data-field-wrapper]:has(input[name=acknowledged_checks])")
    error = ack_field.locator(".error-message")
    error.first.wait_for(state="attached")
    assert re.search(r"(?<!\d)1(?!\d)", error.first.inner_text()), error.first.inner_text()
    report.refresh_from_db()
    assert report.current_workflow_state is None and not report.live
    open_figures_tab(editor)

    # With the failure ticked, the report goes to the moderators.
    editor.locator("input[name=acknowledged_checks]").check()
    editor.locator("input[name=acknowledged_checks]").scroll_into_view_if_needed()
    shoot(editor, "report-admin-acknowledge.png")
    open_action_menu(editor)
    with editor.expect_navigation():
        editor.click("footer button[name=action-submit]")
    assert_no_form_errors(editor)
    report = AnnualReportPage.objects.get(pk=report.pk)
    assert report.current_workflow_state is not None
    assert report.current_workflow_state.status == "in_progress"
    assert not report.live
    assert latest_draft(report.pk).acknowledged_checks == [
        {"rule": "review_total:reconsideration", "detail": failure_detail(report.pk)}]

    # -- the moderator approves: the report is live ----------------------------------------
    moderator = new_context(viewport=DESKTOP).new_page()
    login_to_admin(moderator, MODERATOR)
    moderator.goto(f"/admin/pages/{report.pk}/edit/")
    # The editor's acknowledgement is kept: the moderator sees it ticked.
    assert moderator.locator("input[name=acknowledged_checks]").is_checked()
    open_action_menu(moderator)
    approve = moderator.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    approve.wait_for()
    shoot(moderator, "report-admin-approve.png")
    with moderator.expect_navigation():
        approve.click()
    assert_no_form_errors(moderator)
    report = AnnualReportPage.objects.get(pk=report.pk)
    assert report.live and not report.has_unpublished_changes
    assert fmt.get_cell(report.figures, NEW_TOTAL) == 4

    # -- a visitor reads the report on a phone and downloads the tables -------------------
    visitor = new_context(viewport=MOBILE, is_mobile=True, has_touch=True,
                          accept_downloads=True).new_page()
    response = visitor.goto(report.url)
    assert response.ok
    assert visitor.locator("h1").inner_text() == REPORT_TITLE
    captions = visitor.locator("table.wd-report-table > caption").all_inner_texts()
    assert "表三 收到和处理政府信息公开申请情况" in captions
    assert "表二 主动公开政府信息情况" in captions and "表四 政府信息公开行政复议、行政诉讼情况" in captions
    requests_table = visitor.locator("table.wd-report-table--requests")
    assert requests_table.locator(
        "th[scope=row]", has_text="一、本年新收政府信息公开申请数量").count() == 1
    assert requests_table.locator("th[scope=col]", has_text="自然人").count() == 1
    assert published_cell(visitor, NEW_TOTAL) == "4"
    # The overridden cell is flagged, and its note gives the figure computed and the reason.
    flagged = visitor.locator(f"td.wd-overridden[data-cell='{OVERRIDE_CELL}']")
    assert flagged.count() == 1 and published_cell(visitor, OVERRIDE_CELL) == "1"
    note_href = flagged.locator("a").get_attribute("href")
    note = visitor.locator(note_href)
    assert OVERRIDE_REASON in note.inner_text()
    assert_report_accessible(visitor, "the published report (375px)")
    shoot(visitor, "report-public-mobile.png", full_page=True)
    visitor.locator("#wd-table-review-block").scroll_into_view_if_needed()
    shoot(visitor, "report-public-override-mobile.png")

    with visitor.expect_download() as download:
        visitor.click(".wd-report-downloads a")
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = open_xlsx(download.value)
    # Table 三 as printed: three label columns, then 自然人 … 总计 (the tenth column).
    assert row_value(workbook["表三"], NEW_ROW, 9) == 4
    # The overridden figure is the stated one, with the reason as the cell's comment.
    [commented] = [cell for row in workbook["表四"].iter_rows() for cell in row if cell.comment]
    assert commented.value == 1 and OVERRIDE_REASON in commented.comment.text

    visitor.goto(index.url)
    years = visitor.locator(".wd-report-list li").all_inner_texts()
    assert [text.split()[0] for text in years] == ["2025", "2024"]
    assert_report_accessible(visitor, "the report index (375px)")

    # -- a request stored later does not change the published figures --------------------
    factories.past_request(D(2025, 11, 3), "business", "disclosed", D(2025, 11, 20))
    visitor.goto(report.url)
    assert published_cell(visitor, NEW_TOTAL) == "4"
    with visitor.expect_download() as download:
        visitor.click(".wd-report-downloads a")
    assert row_value(open_xlsx(download.value)["表三"], NEW_ROW, 9) == 4

    # The editor sees the difference between the stored figures and today's data.
    editor.goto(f"/admin/pages/{report.pk}/edit/")
    figures = open_figures_tab(editor)
    diff = figures.locator("table[data-figures-diff]")
    row = diff.locator("tr", has=editor.locator(
        "th", has_text="表三 一、本年新收政府信息公开申请数量 · 总计"))
    assert row.locator("td").all_inner_texts() == ["4", "5"]
    diff.scroll_into_view_if_needed()
    shoot(editor, "report-admin-diff.png")

    # "Recompute into a new draft…": a confirmation listing the changes, then a new draft.
    with editor.expect_navigation():
        editor.click(f"[data-report-figures] a[href='/admin/disclosure/reports/{report.pk}"
                     "/recompute/']")
    confirm = editor.locator("main table.listing")
    assert confirm.locator("tr", has_text="表三 一、本年新收政府信息公开申请数量 · 总计").locator(
        "td").all_inner_texts() == ["4", "5"]
    shoot(editor, "report-admin-recompute.png")
    with editor.expect_navigation():
        editor.click("main form[method=post] button[type=submit]")
    editor.wait_for_url(f"**/admin/pages/{report.pk}/edit/")
    assert fmt.get_cell(latest_draft(report.pk).figures, NEW_TOTAL) == 5
    report = AnnualReportPage.objects.get(pk=report.pk)
    assert report.live and report.has_unpublished_changes
    assert fmt.get_cell(report.figures, NEW_TOTAL) == 4
    figures = open_figures_tab(editor)
    assert figures.locator("[data-figures-current]").is_visible()
    assert editor.locator(
        f"[data-report-figures] [data-cell='{NEW_TOTAL}']").inner_text().strip() == "5"

    # The live report still shows the published figures.
    visitor.goto(report.url)
    assert published_cell(visitor, NEW_TOTAL) == "4"

