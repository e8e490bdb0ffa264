"""Browser journey: a disclosure officer withdraws a live penalty decision with a public reason
in the admin (行政处罚法 Art.48); its address then shows the withdrawal notice, and its 索引号
still leads there. Screenshots for the officers' guide."""

import pytest

from .conftest import DESKTOP, login_to_admin
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

OFFICER = "officer"
PASSWORD = "correct-horse-battery-staple"
TITLE = "鹿城区某农资店销售过期农药案行政处罚决定公示"
REASON = "该行政处罚决定经行政复议已予变更，依照《中华人民共和国行政处罚法》第四十八条撤回原公示。"


@pytest.fixture
def penalty_site(transactional_db, live_server, django_db_serialized_rollback):
    from django.contrib.auth.models import Group

    from tests import factories

    col = factories.column(factories.section(), title="行政处罚")
    item = factories.item(col, title=TITLE,
                          summary="对某农资店销售过期农药的违法行为作出行政处罚。")
    officer = factories.make_user(OFFICER, "withdraw_item", admin_access=True)
    officer.set_password(PASSWORD)
    officer.save()
    officer.groups.add(Group.objects.get(name="Moderators"))  # may publish, so unpublish
    return item


def test_an_officer_withdraws_an_item_and_its_address_shows_the_notice(new_context,
                                                                       penalty_site):
    item = penalty_site
    officer = new_context(viewport=DESKTOP).new_page()
    login_to_admin(officer, OFFICER, PASSWORD)

    # the edit view offers the action (header "more" menu and the action menu)
    officer.goto(f"/admin/pages/{item.pk}/edit/")
    action = officer.locator(f'a[href="/admin/disclosure/withdraw/{item.pk}/"]')
    assert action.count() >= 1
    officer.goto(action.first.get_attribute("href"))

    # the reason is required
    officer.get_by_role("button", name="撤回该信息").or_(
        officer.get_by_role("button", name="Withdraw the item")).click()
    officer.wait_for_load_state()
    assert officer.locator(".error-message, .w-field__errors").count() >= 1
    officer.fill("textarea[name=reason]", REASON)
    shoot(officer, "governance-withdrawal-form.png")
    with officer.expect_navigation():
        officer.get_by_role("button", name="撤回该信息").or_(
            officer.get_by_role("button", name="Withdraw the item")).click()
    assert "/admin/pages/" in officer.url  # back to the column in the explorer

    # a visitor at the item's address reads the notice
    visitor = new_context(viewport=DESKTOP).new_page()
    response = visitor.goto(item.url)
    assert response.status == 200
    notice = visitor.locator("main").inner_text()
    assert REASON in notice
    assert "撤回" in notice or "withdrawn" in notice
    assert TITLE not in notice
    assert visitor.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    shoot(visitor, "governance-withdrawal-notice.png")

    # the 索引号 still leads to it
    item.refresh_from_db()
    visitor.goto(f"{item.get_parent().get_parent().url}index-number/{item.index_number}/")
    assert visitor.url.endswith(item.url)
    assert REASON in visitor.locator("main").inner_text()
