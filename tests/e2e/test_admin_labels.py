"""Wagtail's own admin keeps Wagtail's own words, in English and in Chinese.

The package's catalogue once translated generic words for its own meaning, and since Django
takes the first catalogue that has a string, Wagtail's admin said 办理状态 for the page
explorer's status column, 发布日期 for a publication in page history, 姓名或名称 for the users
list's names and 办理操作 for its action menus. An English-speaking administrator and a Chinese
one open the page explorer, a page's history, the users list and the request listing and
detail: Wagtail's labels are the ones Wagtail ships, and the package's own domain labels
(办理状态 of a request, 办理操作, 办理过程) are still there on the package's own screens.
"""

import pytest

from .conftest import ADMIN_PASSWORD, login_to_admin

pytestmark = pytest.mark.browser

# What each admin sees: Wagtail's words (as Wagtail 7.4 and 8 ship them), the package's
# words for its own screens, and the package's old domain words that Wagtail's screens must
# not show.
LABELS = {
    "en": {
        "wagtail": {"status": "Status", "published": "Published", "name": "Name",
                    "actions": "Actions"},
        "package": {"request_status": "Status", "request_actions": "Actions",
                    "request_timeline": "Timeline"},
        "browser_locale": "en-US",
    },
    "zh-hans": {
        "wagtail": {"status": "状态", "published": "已发布", "name": "名字", "actions": "动作"},
        "package": {"request_status": "办理状态", "request_actions": "办理操作",
                    "request_timeline": "办理过程"},
        "browser_locale": "zh-CN",
    },
}
PACKAGE_WORDS_WAGTAIL_MUST_NOT_SHOW = ["办理状态", "发布日期", "姓名或名称", "办理操作"]


@pytest.fixture
def admin_site(disclosure_site, django_user_model, settings, tmp_path):
    """The disclosure section, a request on file, and one administrator per admin language."""
    from wagtail.users.models import UserProfile

    from tests import factories

    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    request_obj = factories.information_request()
    users = {}
    for language in LABELS:
        username = f"admin-{language}"
        user = django_user_model.objects.create_superuser(
            username, f"{username}@example.gov.cn", ADMIN_PASSWORD)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        users[language] = username
    return disclosure_site, request_obj, users


def header_texts(page):
    """The column headers of the listing's table, as shown (sort links included)."""
    return [" ".join(text.split()) for text in page.locator("#listing-results table thead th").all_inner_texts()]


def assert_no_package_words(page, where):
    text = page.locator("main").inner_text()
    shown = [word for word in PACKAGE_WORDS_WAGTAIL_MUST_NOT_SHOW if word in text]
    assert not shown, f"{where} shows the package's words {shown}"


@pytest.mark.parametrize("language", list(LABELS))
def test_wagtails_admin_keeps_its_labels(new_context, admin_site, language):
    site, request_obj, users = admin_site
    labels = LABELS[language]
    wagtail, package = labels["wagtail"], labels["package"]
    page = new_context(locale=labels["browser_locale"]).new_page()
    login_to_admin(page, username=users[language])

    # The page explorer, inside the 政府信息公开 section: Wagtail's "Status" column.
    page.goto(f"/admin/pages/{site.section.pk}/")
    headers = header_texts(page)
    assert wagtail["status"] in headers, headers
    assert_no_package_words(page, "the page explorer")

    # A disclosure item's history: its publication is Wagtail's "Published".
    page.goto(f"/admin/pages/{site.new_measures.pk}/history/")
    actions = [" ".join(text.split())
               for text in page.locator("#listing-results table tbody tr td:first-child").all_inner_texts()]
    assert any(text.startswith(wagtail["published"]) for text in actions), actions
    assert_no_package_words(page, "page history")

    # The users list: Wagtail's "Name" column.
    page.goto("/admin/users/")
    headers = header_texts(page)
    assert wagtail["name"] in headers, headers
    assert_no_package_words(page, "the users list")

    # The request listing: the package's own status column (办理状态 in Chinese), and the
    # header's "more" menu (export) is Wagtail's "Actions" menu.
    page.goto("/admin/disclosure/requests/")
    headers = header_texts(page)
    assert package["request_status"] in headers, headers
    assert request_obj.tracking_number in page.locator("#listing-results table tbody").inner_text()
    assert page.locator(f'[aria-label="{wagtail["actions"]}"]').count() >= 1
    if language == "zh-hans":
        assert page.locator('[aria-label="办理操作"]').count() == 0

    # The request itself: the package's headings, in the package's words.
    page.goto(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    assert page.locator("#wd-actions").inner_text().strip() == package["request_actions"]
    assert page.locator("#wd-timeline").inner_text().strip() == package["request_timeline"]
    status_row = page.locator("tr", has=page.locator('[data-testid="admin-status"]'))
    assert status_row.locator("th").inner_text().strip() == package["request_status"]
