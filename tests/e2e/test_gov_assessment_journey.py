"""Browser journey of timeliness and assessment: an officer sees on the dashboard the drafts past
the 20-working-day limit and the items published late this month, opens the timeliness listing
filtered to the late items, then the assessment report for a period, and downloads it as XLSX."""

import datetime

import pytest

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME, DESKTOP, login_to_admin
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

LATE = "区供销社召开农资储备工作推进会"
ON_TIME = "为农服务中心开展冬季农资供应服务"
DRAFT = "区供销社部署年终安全生产大检查"


@pytest.fixture
def timeliness_site(transactional_db, live_server, django_db_serialized_rollback, admin_user):
    from tests import factories
    from wagtail_disclosure.governance.demo_assessment import working_days_before
    from wagtail_disclosure.workdays import default_calendar

    calendar = default_calendar()
    today = datetime.date.today()
    factories.home_page()
    organ = factories.organ("温州市鹿城区供销合作社", "014320144")
    column = factories.column(factories.section(), "区社动态")
    factories.item(column, title=LATE, published_on=today,
                   formation_date=working_days_before(today, 32, calendar))
    factories.item(column, title=ON_TIME, published_on=today,
                   formation_date=working_days_before(today, 5, calendar))
    factories.item(column, title=DRAFT, publish=False,
                   formation_date=working_days_before(today, 24, calendar))
    return organ, today


def test_an_officer_follows_timeliness_to_the_assessment_report(timeliness_site, new_context):
    organ, today = timeliness_site
    page = new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    login_to_admin(page, ADMIN_USERNAME, ADMIN_PASSWORD)

    page.goto("/admin/")
    panel = page.locator("#wd-timeliness-section")
    panel.wait_for()
    text = panel.inner_text()
    assert DRAFT in text and LATE in text and ON_TIME not in text
    shoot(page, "governance-assessment-dashboard.png", full_page=True)

    # the listing, filtered to the items published late, says by how much
    page.goto("/admin/disclosure/timeliness/?timeliness=late")
    table = page.locator("table.listing")
    assert LATE in table.inner_text() and ON_TIME not in table.inner_text()
    assert "12" in table.locator("tr", has_text=LATE).inner_text()
    shoot(page, "governance-assessment-timeliness.png", full_page=True)

    # the assessment report of this year
    page.goto("/admin/disclosure/assessment/")
    page.fill("#id_start", f"{today.year}-01-01")
    page.fill("#id_end", f"{today.year}-12-31")
    with page.expect_navigation():
        page.click("form.wd-assessment-filter button[type=submit]")
    assert "start=" in page.url
    row = page.locator("table.listing tbody tr", has_text=organ.name)
    cells = row.locator("td").all_inner_texts()
    assert cells[:3] == ["2", "1", "1"] and cells[4] == "50.0%"
    shoot(page, "governance-assessment-report.png", full_page=True)
    with page.expect_download() as download:
        page.click("a[href*='export=xlsx']")
    assert download.value.suggested_filename == (
        f"assessment-{today.year}0101-{today.year}1231.xlsx")
