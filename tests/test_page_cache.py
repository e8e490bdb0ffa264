"""The page cache (wagtail_disclosure.caching.page_cache): what it keeps, what it never keeps,
and, table-driven, that every change path of what the pages show is visible on the very next
request (issue 14). Runs on SQLite and on PostgreSQL (the PostgreSQL leg runs every file).
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from tests import factories
from wagtail_disclosure.caching import page_cache
from wagtail_disclosure.caching.models import PageCacheGeneration
from wagtail_disclosure.catalogue.choices import Validity
from wagtail_disclosure.catalogue.pages import Page  # the configured base page model

pytestmark = pytest.mark.django_db

HEADER = page_cache.HEADER


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": True}


class World:
    """A section with two columns, an item in the first, and a published annual report."""

    def __init__(self):
        self.section = factories.section()
        self.column = factories.column(title="政策文件")
        self.other = factories.column(title="财政信息")
        self.item = factories.item(self.column, title="关于农资储备的通知")
        self.reports = factories.report_index()
        self.report = factories.annual_report(2025, index=self.reports)
        self.officer = factories.make_user("gxs_admin", admin_access=True)
        self.officer.is_superuser = True
        self.officer.save()
        self.site_id = Site.objects.get(is_default_site=True).pk

    def fresh(self, page):
        return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def world():
    return World()


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response, response.content.decode()


def warm(client, url):
    """Read ``url`` twice: the second answer must come from the cache."""
    get(client, url)
    response, html = get(client, url)
    assert response[HEADER] == "hit", url
    return html


# -- what it keeps, and what it never keeps ---------------------------------------------------


def test_a_second_read_is_a_hit_with_the_same_page_and_fewer_queries(client, world):
    url = world.column.url
    with CaptureQueriesContext(connection) as rendered:
        first, first_html = get(client, url)
    with CaptureQueriesContext(connection) as cached:
        second, second_html = get(client, url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second_html == first_html and "关于农资储备的通知" in second_html
    assert second["Content-Type"] == first["Content-Type"]
    assert len(cached) < len(rendered)


def test_each_address_query_string_language_and_host_is_kept_apart(client, world):
    for n in range(25):  # a second page of the listing
        factories.item(world.column, title=f"第{n}条")
    base = world.column.url
    kept = {}
    for suffix in ("", "?page=2", "?year=2024", "?q=农资", "?q=储备", "feed/", "feed/atom/"):
        response = client.get(base + suffix)
        assert response.status_code == 200 and response[HEADER] == "miss", suffix
        kept[suffix] = response.content
        again = client.get(base + suffix)
        assert again[HEADER] == "hit" and again.content == kept[suffix], suffix
    assert len(set(kept.values())) == len(kept)  # seven different pages
    assert client.get(base, HTTP_HOST="127.0.0.1")[HEADER] == "miss"  # another host name
    assert client.get(base, HTTP_ACCEPT_LANGUAGE="en")[HEADER] in ("hit", "miss")


def test_every_cacheable_page_type_is_kept(client, world):
    for page in (world.section, world.column, world.item, world.reports, world.report):
        warm(client, page.url)


def test_logged_in_users_and_sessions_are_never_served_from_the_cache(client, world):
    warm(client, world.item.url)
    client.force_login(world.officer)
    response, _html = get(client, world.item.url)
    assert response[HEADER] == "bypass"
    client.logout()
    client.cookies["sessionid"] = "anything"
    assert get(client, world.item.url)[0][HEADER] == "bypass"


def test_the_request_form_and_its_views_are_never_cached(client, world):
    form = factories.request_form_page(parent=world.section)
    for url in (form.url, form.url + "track/"):
        response = client.get(url)
        assert HEADER not in response, url


def test_a_page_with_a_view_restriction_is_never_served_to_others(client, world):
    warm(client, world.column.url)
    PageViewRestriction.objects.create(page=world.column, restriction_type="password",
                                       password="mima")
    response, html = get(client, world.column.url)
    assert "关于农资储备的通知" not in html  # Wagtail's password form, not the kept listing
    assert HEADER not in response


def test_a_cache_that_cannot_be_reached_is_no_error(client, world, monkeypatch):
    class Broken:
        def get(self, key):
            raise ConnectionError("cache down")

        def set(self, *args, **kwargs):
            raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache, "page_cache", Broken)
    response, html = get(client, world.item.url)
    assert response[HEADER] == "bypass" and "关于农资储备的通知" in html


def test_off_by_default(client, world, settings):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": False}
    for _ in range(2):
        assert HEADER not in client.get(world.item.url)
    # The generations still move: the listings' aggregates are kept under them.
    before = page_cache.read_generation(world.site_id)
    factories.item(world.column, title="新发布的通知")
    assert page_cache.read_generation(world.site_id) > before
    response = client.get(world.column.url)
    assert HEADER not in response and "新发布的通知" in response.content.decode()


# -- every change path invalidates (the table) -------------------------------------------------
# Each row: the page read, the change, text the page must show after it, text it must not.


def publish_new_item(world):
    factories.item(world.column, title="新发布的通知")


def republish_with_new_title(world):
    item = world.fresh(world.item)
    item.title = "关于农资储备的通知（修订）"
    item.save_revision(user=world.officer).publish()


def unpublish(world):
    world.fresh(world.item).unpublish()


def scheduled_publishing(world):
    world.scheduled.save_revision(approved_go_live_at=datetime.datetime(
        2020, 1, 1, tzinfo=datetime.timezone.utc))
    call_command("publish_scheduled")


def move(world):
    world.fresh(world.item).move(world.other, pos="last-child")


def delete(world):
    world.fresh(world.item).delete()


def copy(world):
    world.fresh(world.item).copy(to=world.other, update_attrs={"slug": "copied"},
                                 keep_live=True)


def privacy(world):
    PageViewRestriction.objects.create(page=world.column, restriction_type="login")


def validity_upkeep(world):
    from wagtail_disclosure.governance.validity import update_validity

    assert update_validity(datetime.date(2026, 6, 1)).marked == 1


def withdrawal(world):
    from wagtail_disclosure.governance.withdrawal import withdraw

    withdraw(world.fresh(world.item), user=world.officer, reason="内容有误，已撤回")


def report_recompute_published(world):
    report = world.fresh(world.report)
    report.title = "2025年政府信息公开工作年度报告（重新统计）"
    report.refresh_figures([])
    report.save_revision(user=world.officer).publish()


def organ_renamed(world):
    organ = world.fresh(world.item).organ
    organ.name = "温州市鹿城区供销合作总社"
    organ.save()


def section_edited(world):
    section = world.fresh(world.section)
    section.office_phone = "0577-12345678"
    section.save_revision().publish()


def bulk_update_with_invalidate(world):
    type(world.item).objects.filter(pk=world.item.pk).update(title="批量改名的通知")
    page_cache.invalidate()  # the one function an import or a script calls


ITEM = "关于农资储备的通知"
CHANGES = [
    ("column", publish_new_item, "新发布的通知", None),
    ("item", republish_with_new_title, "（修订）", None),
    ("column", republish_with_new_title, "（修订）", None),
    ("column", unpublish, None, ITEM),
    ("column", scheduled_publishing, "定时发布的通知", None),
    ("other", move, ITEM, None),
    ("column", move, None, ITEM),
    ("column", delete, None, ITEM),
    ("other", copy, ITEM, None),
    ("column", privacy, None, ITEM),
    ("item", validity_upkeep, str(Validity.EXPIRED.label), None),
    ("item", withdrawal, "内容有误，已撤回", None),
    ("report", report_recompute_published, "（重新统计）", None),
    ("item", organ_renamed, "温州市鹿城区供销合作总社", None),
    ("section", section_edited, "0577-12345678", None),
    ("item", bulk_update_with_invalidate, "批量改名的通知", None),
]


@pytest.mark.parametrize("page, change, present, absent", CHANGES,
                         ids=[f"{c[1].__name__}-{c[0]}" for c in CHANGES])
def test_every_change_is_seen_on_the_very_next_request(client, world, page, change, present,
                                                       absent):
    url = getattr(world, page).url
    world.scheduled = factories.item(world.column, title="定时发布的通知", publish=False)
    if change is validity_upkeep:  # an expiry date passed, not yet marked
        type(world.item).objects.filter(pk=world.item.pk).update(
            expiry_date=datetime.date(2026, 1, 1))
    html = warm(client, url)
    assert (present is None or present not in html) and (absent is None or absent in html)

    change(world)
    response = client.get(url)
    html = response.content.decode()
    assert response.get(HEADER) != "hit"
    if present is not None:
        assert present in html
    if absent is not None:
        assert absent not in html


def test_without_invalidate_a_direct_write_stays_unseen(client, world):
    """Guard of the table: the cache really answers, so a write no signal announces (an
    update() without invalidate()) is not seen until invalidate() is called."""
    warm(client, world.item.url)
    type(world.item).objects.filter(pk=world.item.pk).update(title="批量改名的通知")
    response, html = get(client, world.item.url)
    assert response[HEADER] == "hit" and "批量改名的通知" not in html
    page_cache.invalidate()
    response, html = get(client, world.item.url)
    assert response[HEADER] == "miss" and "批量改名的通知" in html


def test_a_change_invalidates_only_the_sites_that_show_it(client, world):
    """Two sites: a publication on one leaves the other's kept pages alone."""
    other_home = Page.get_first_root_node().add_child(
        instance=factories.HomePage(title="另一机关", slug="another-agency"))
    other_site = Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    home_site = Site.objects.get(is_default_site=True)
    factories.item(world.column, title="新发布的通知")
    before = {pk: page_cache.read_generation(pk) for pk in (home_site.pk, other_site.pk)}
    factories.item(world.column, title="又一条通知")
    assert page_cache.read_generation(home_site.pk) > before[home_site.pk]
    assert page_cache.read_generation(other_site.pk) == before[other_site.pk]


def test_settings_of_a_site_invalidate_that_site(world):
    from wagtail_disclosure.requests.settings import RequestSettings

    site = Site.objects.get(is_default_site=True)
    before = page_cache.read_generation(site.pk)
    settings_obj = RequestSettings.for_site(site)
    settings_obj.staff_email = "office@agency.example"
    settings_obj.save()
    assert page_cache.read_generation(site.pk) > before


#: Queries of a cached read of an item three levels below the site root answered inside
#: Wagtail's serving, without the middleware (routing, Wagtail's privacy check, the
#: generation): none of them grows with the column or the page.
ITEM_HIT_QUERY_BUDGET = 11
MIDDLEWARE = "wagtail_disclosure.caching.middleware.PageCacheMiddleware"


@pytest.fixture
def without_middleware(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]


@pytest.mark.parametrize("n_items", [3, 45])
def test_a_cached_read_has_a_constant_query_budget(client, world, n_items, without_middleware,
                                                   django_assert_max_num_queries):
    items = [world.item] + [factories.item(world.column) for _ in range(n_items - 1)]
    for item in (items[0], items[-1]):
        warm(client, item.url)
        with django_assert_max_num_queries(ITEM_HIT_QUERY_BUDGET):
            assert client.get(item.url)[HEADER] == "hit"


def test_the_example_site_installs_the_middleware_last(settings):
    assert settings.MIDDLEWARE[-1] == MIDDLEWARE


@pytest.mark.parametrize("n_items", [3, 45])
def test_with_the_middleware_a_hit_is_one_query_before_routing(client, world, n_items,
                                                                django_assert_num_queries):
    """The entry's site generation, and nothing else: no routing, no page row."""
    items = [world.item] + [factories.item(world.column) for _ in range(n_items - 1)]
    for page in (items[0], items[-1], world.column, world.section, world.report):
        html = warm(client, page.url)
        with django_assert_num_queries(1):
            response = client.get(page.url)
        assert response[HEADER] == "hit" and response.content.decode() == html


def test_the_middleware_costs_no_query_for_an_address_never_kept(world, rf,
                                                                 django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from wagtail_disclosure.caching.middleware import PageCacheMiddleware

    seen = []
    middleware = PageCacheMiddleware(lambda request: seen.append(request) or "rendered")
    request = rf.get("/api/v2/pages/?type=anything")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert middleware(request) == "rendered"
    assert getattr(seen[0], page_cache.LOOKED_UP).startswith(page_cache.KEY_PREFIX)


def test_the_middleware_renders_afresh_when_the_entry_is_stale(client, world):
    warm(client, world.item.url)
    world.item.title = "关于农资储备的补充通知"
    world.item.save_revision().publish()
    response, html = get(client, world.item.url)
    assert response[HEADER] == "miss" and "补充通知" in html
    assert client.get(world.item.url)[HEADER] == "hit"


# -- what caches downstream are told ----------------------------------------------------------


def test_cached_pages_are_revalidated_by_browsers_and_kept_by_no_cdn_by_default(client, world):
    for state in ("miss", "hit"):
        response = client.get(world.column.url)
        assert response[HEADER] == state
        assert response["Cache-Control"] == "max-age=0"


def test_shared_max_age_lets_a_cdn_keep_them(client, world, settings):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE,
                                   "PAGE_CACHE_SHARED_MAX_AGE": 300}
    for state in ("miss", "hit"):
        response = client.get(world.item.url)
        assert response[HEADER] == state
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert control == {"public", "max-age=0", "s-maxage=300"}


def test_personal_answers_are_private(client, world, settings):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE,
                                   "PAGE_CACHE_SHARED_MAX_AGE": 300}
    client.force_login(world.officer)
    response = client.get(world.item.url)
    assert response[HEADER] == "bypass"
    assert "private" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]
    client.logout()


def test_the_forms_and_their_answers_are_kept_by_no_cache(client, world):
    """The request form and the feedback form carry the visitor's CSRF token and, when they
    come back with errors, what was typed: no cache downstream may keep them."""
    form = factories.request_form_page(parent=world.section)
    from wagtail_disclosure.governance.pages import FeedbackPage

    box = world.section.add_child(instance=FeedbackPage(title="意见箱", slug="yjx"))
    for url in (form.url, form.url + "track/", box.url):
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store", url
        assert HEADER not in response
    invalid = client.post(form.url, {"name": "张三"})
    assert invalid.status_code in (200, 400) and invalid["Cache-Control"] == "no-store"


# -- purging a CDN (caching.purge; nginx for real in test_frontend_cache_nginx.py) ------------


@pytest.fixture
def purged(settings, monkeypatch):
    from wagtail.contrib.frontend_cache import utils

    settings.WAGTAILFRONTENDCACHE = {"cdn": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://127.0.0.1:9"}}
    calls = []
    monkeypatch.setattr(utils, "purge_urls_from_cache", lambda urls: calls.append(sorted(urls)))
    return calls


def test_a_change_purges_the_listings_and_the_page_after_the_commit(world, purged,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        world.item.title = "关于农资储备的补充通知"
        world.item.save_revision().publish()
    assert purged == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(purged) == 1  # one purge for the whole transaction
    root = "http://localhost"
    paths = [url.removeprefix(root) for url in purged[0]]
    for page in (world.section, world.column, world.other):
        assert page.url in paths
    for page in (world.column, world.other):
        assert page.url + "feed/" in paths and page.url + "feed/atom/" in paths
    assert world.reports.url in paths and world.item.url in paths
    assert world.report.url not in paths  # another page, not a listing


def test_a_deleted_page_and_the_pages_below_a_new_restriction_are_purged(
        world, purged, django_capture_on_commit_callbacks):
    item_url = "http://localhost" + world.item.url
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=world.column, restriction_type="password",
                                           password="mima")
    assert item_url in purged[-1]  # below the restricted column
    with django_capture_on_commit_callbacks(execute=True):
        world.fresh(world.item).delete()
    assert item_url in purged[-1]  # its address, taken before it went


def test_a_rolled_back_change_purges_nothing(world, purged, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                page_cache.invalidate_pages(world.item)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert purged == []


def test_no_purge_without_a_frontend_cache(world, settings, monkeypatch,
                                           django_capture_on_commit_callbacks):
    from wagtail.contrib.frontend_cache import utils

    settings.WAGTAILFRONTENDCACHE = {}
    calls = []
    monkeypatch.setattr(utils, "purge_urls_from_cache", calls.append)
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.invalidate_pages(world.item)
    assert calls == []


def test_the_listing_pages_purged_per_site_are_bounded(world, purged, settings, caplog):
    from wagtail_disclosure.caching import purge

    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE_PURGE_LIMIT": 2}
    urls = purge.urls_to_purge([Site.objects.get(is_default_site=True).pk])
    listed = {url.removeprefix("http://localhost") for url in urls}
    assert listed == {world.section.url, world.column.url, world.column.url + "feed/",
                      world.column.url + "feed/atom/"}  # the first two, in tree order
    assert "PAGE_CACHE_PURGE_LIMIT" in caplog.text


@pytest.mark.parametrize("values, expected", [
    ({}, []),
    ({"PAGE_CACHE": "yes"}, ["E050"]),
    ({"PAGE_CACHE_TIMEOUT": 0}, ["E051"]),
    ({"PAGE_CACHE_TIMEOUT": 86_401}, ["E051"]),
    ({"PAGE_CACHE_TIMEOUT": "600"}, ["E051"]),
    ({"PAGE_CACHE_TIMEOUT": True}, ["E051"]),
    ({"PAGE_CACHE_TIMEOUT": 86_400}, []),
    ({"PAGE_CACHE_ALIAS": "pages"}, ["E052"]),
    ({"PAGE_CACHE_SHARED_MAX_AGE": -1}, ["E053"]),
    ({"PAGE_CACHE_SHARED_MAX_AGE": 86_401}, ["E053"]),
    ({"PAGE_CACHE_SHARED_MAX_AGE": 0.5}, ["E053"]),
    ({"PAGE_CACHE_SHARED_MAX_AGE": 86_400}, []),
    ({"PAGE_CACHE_PURGE_LIMIT": 0}, ["E054"]),
    ({"PAGE_CACHE_PURGE_LIMIT": 10_001}, ["E054"]),
    ({"PAGE_CACHE_PURGE_LIMIT": None}, ["E054"]),
])
def test_the_settings_are_checked(settings, values, expected):
    from wagtail_disclosure.checks import check_settings

    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, **values}
    ids = [e.id for e in check_settings() if e.id.startswith("wagtail_disclosure.E05")]
    assert ids == [f"wagtail_disclosure.{i}" for i in expected]


# -- the listings' aggregates kept between requests (caching.aggregates) ----------------------


def year_scans(queries):
    return [q["sql"] for q in queries if "wd_year" in q["sql"]]


@pytest.mark.parametrize("page_cache_on", [False, True])
def test_the_year_counts_are_kept_between_renders_and_follow_every_change(
        client, world, settings, page_cache_on):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": page_cache_on}
    url = world.column.url + "?kind=work_news"  # a filter: rendered, whichever the setting
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert len(year_scans(first)) == 1
    page_cache.invalidate()  # stand-in for the page cache's own entry going stale
    with CaptureQueriesContext(connection) as second:
        html = client.get(url).content.decode()
    assert len(year_scans(second)) == 1  # a change: counted afresh
    with CaptureQueriesContext(connection) as third:
        again = client.get(url + "&page=1").content.decode()
    assert year_scans(third) == [] and '<option value="2019"' not in again
    assert html.count("<option") == again.count("<option")
    factories.item(world.column, title="旧文件", published_on=datetime.date(2019, 3, 1))
    html = client.get(url + "&page=1&x=1").content.decode()
    assert '<option value="2019"' in html  # the new year, on the very next render


def test_the_api_and_the_page_share_the_kept_counts(client, world, settings):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": False}
    client.get(world.column.url)
    with CaptureQueriesContext(connection) as api:
        response = client.get(f"/api/disclosure/columns/{world.column.pk}/items")
    assert response.status_code == 200 and year_scans(api) == []
    assert response.json()["count"] == 1


def test_the_section_tree_is_kept_and_follows_a_new_column(client, world, settings):
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": False}
    client.get(world.item.url)
    with CaptureQueriesContext(connection) as second:
        html = client.get(world.item.url).content.decode()
    assert "财政信息" in html
    assert not [q for q in second.captured_queries if "content_type_id\" IN" in q["sql"]
                and "depth" in q["sql"]]  # the tree's query: kept
    factories.column(title="规划计划")
    assert "规划计划" in client.get(world.item.url).content.decode()
