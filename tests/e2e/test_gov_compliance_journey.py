"""Browser journey of the compliance self-inspection: an officer sees a stale column, publishes
an item in it through the admin editor (主动公开), and the column is no longer listed."""

import datetime

import pytest

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME, DESKTOP, login_to_admin
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

STALE = "通知公告"
TITLE = "关于做好2026年春季农资供应工作的通知"


@pytest.fixture
def stale_site(transactional_db, live_server, django_db_serialized_rollback, admin_user):
    from wagtail.models import Workflow

    from tests import factories

    # publish directly as a superuser: no workflow (other tools add review workflows)
    Workflow.objects.update(active=False)
    factories.home_page()
    organ = factories.organ("温州市鹿城区供销合作社", "014320144")
    section = factories.section()
    stale = factories.column(section, STALE, freshness_days=90)
    factories.item(stale, title="关于做好年度农资储备工作的通知", summary="农资储备。",
                   published_on=datetime.date.today() - datetime.timedelta(days=200))
    fresh = factories.column(section, "工作动态")
    factories.item(fresh, title="区供销社召开工作会议", summary="工作会议。",
                   published_on=datetime.date.today())
    return stale, organ


def test_a_stale_column_clears_when_an_item_is_published_there(stale_site, new_context):
    stale, organ = stale_site
    page = new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    login_to_admin(page, ADMIN_USERNAME, ADMIN_PASSWORD)

    page.goto("/admin/disclosure/compliance/")
    section = page.locator("section[data-indicator=stale_columns]")
    assert STALE in section.inner_text()
    # the status is written out, not only coloured
    assert section.locator("h2 svg").count() == 1
    shoot(page, "governance-compliance-view.png", full_page=True)

    # the row's fix link opens "add a page here" for the column
    with page.expect_navigation():
        section.locator("tbody tr", has_text=STALE).locator("a").click()
    assert f"/admin/pages/{stale.pk}/add_subpage/" in page.url
    page.goto(f"/admin/pages/add/wagtail_disclosure/disclosureitempage/{stale.pk}/")
    page.fill("#id_title", TITLE)
    page.evaluate("([id]) => { const el = document.querySelector('#id_organ');"
                  " el.value = String(id); }", [organ.pk])
    page.fill("#id_summary", "部署春季农资供应保障工作。")
    assert page.locator("#id_disclosure_attribute").input_value() == "proactive"
    page.click("footer [data-w-dropdown-target=toggle]")
    with page.expect_navigation():
        page.click("footer button[name=action-publish]")

    from wagtail_disclosure.models import DisclosureItemPage

    item = DisclosureItemPage.objects.get(title=TITLE)
    assert item.live and item.published_on == datetime.date.today()

    page.goto("/admin/disclosure/compliance/")
    page.locator("table.wd-compliance__summary").wait_for()
    assert page.locator("section[data-indicator=stale_columns]").count() == 0
    row = page.locator("table.wd-compliance__summary tbody tr").first
    assert "wd-compliance__status--ok" in (row.get_attribute("class") or "")
