"""Read replicas (wagtail_disclosure.routers): which queries go to the replica and which to the
primary, with a second real connection.

``agency.settings`` has a second alias, ``replica``, a test mirror of ``default``: its own
connection to the same test database (SQLite: the shared in-memory database; PostgreSQL: a
second session). The tests are transactional, so what one connection writes the other reads
once committed. Each request is run with the queries of both connections captured, and the
tests assert by table which connection ran them. The PostgreSQL leg runs this file too.
"""

import re

import pytest
from django.core.checks import run_checks
from django.db import connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests import factories
from wagtail_disclosure import routers
from wagtail_disclosure.catalogue.pages import DisclosureColumnPage, DisclosureItemPage
from wagtail_disclosure.requests.models import InformationRequest, WorkdayOverride

ROUTER = "wagtail_disclosure.routers.ReadReplicaRouter"
ITEMS_TABLE = "wagtail_disclosure_disclosureitempage"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True,
                                   databases=["default", "replica"])


def _settings(settings, **extra):
    return {**settings.WAGTAIL_DISCLOSURE, "READ_REPLICAS": ["replica"], **extra}


@pytest.fixture
def routed(settings):
    """The router on, the page cache off (one test turns it on)."""
    with override_settings(DATABASE_ROUTERS=[ROUTER], WAGTAIL_DISCLOSURE=_settings(
            settings, PAGE_CACHE=False)):
        yield


class Captured:
    """The SQL of each connection while the block runs."""

    def __enter__(self):
        self._contexts = {alias: CaptureQueriesContext(connections[alias])
                          for alias in ("default", "replica")}
        for context in self._contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self._contexts.values():
            context.__exit__(*exc)
        self.sql = {alias: [q["sql"] for q in context.captured_queries]
                    for alias, context in self._contexts.items()}

    def touching(self, alias, table):
        return [sql for sql in self.sql[alias] if re.search(rf'\b"?{table}"?\b', sql)]


def request(client, url, **extra):
    with Captured() as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response, captured


@pytest.fixture
def world(db):
    section = factories.section()
    column = factories.column(title="政策文件")
    item = factories.item(column, title="关于农资储备资金使用情况的通知")
    form_page = factories.request_form_page()
    return section, column, item, form_page


# -- anonymous public listings: the replica ---------------------------------------------------


@pytest.mark.parametrize("what", ["column", "column_filtered", "section", "search", "item"])
def test_anonymous_catalogue_pages_read_their_listings_from_the_replica(
        routed, client, world, what):
    section, column, item, _form = world
    url, table = {
        "column": (column.url, ITEMS_TABLE),
        "column_filtered": (column.url + "?year=2024&kind=&q=农资", ITEMS_TABLE),
        "section": (section.url, ITEMS_TABLE),
        "search": (section.url + "search/?q=农资储备", ITEMS_TABLE),
        "item": (item.url, "wagtail_disclosure_disclosureitemattachment"),
    }[what]
    response, captured = request(client, url)
    assert "关于农资储备资金使用情况的通知" in response.content.decode()
    assert captured.touching("replica", table), captured.sql
    # The listing is never read on the primary; routing the URL (the page tree, the site,
    # Wagtail's privacy check) is.
    assert captured.touching("default", table) == [] or what == "item", captured.sql["default"]
    assert captured.touching("default", "wagtail_disclosure_disclosureitemattachment") == []
    assert captured.sql["default"], "the page is routed and its privacy judged on the primary"
    assert not any(sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
                   for sql in captured.sql["replica"])


def test_the_catalogue_api_reads_from_the_replica(routed, client, world):
    _section, column, _item, _form = world
    for path in ("items", "filters"):
        response, captured = request(client, f"/api/disclosure/columns/{column.pk}/"
                                             f"{path}")
        assert captured.touching("replica", ITEMS_TABLE), (path, captured.sql)
        assert captured.touching("default", ITEMS_TABLE) == [], (path, captured.sql)
    assert response.json()["count"] == 1


def test_the_page_api_reads_from_the_replica(routed, client, world):
    response, captured = request(client, "/api/v2/pages/?type=wagtail_disclosure."
                                         "DisclosureItemPage&fields=title")
    assert [p["title"] for p in response.json()["items"]] == ["关于农资储备资金使用情况的通知"]
    assert captured.touching("replica", ITEMS_TABLE)
    assert captured.touching("default", ITEMS_TABLE) == []


def test_the_page_cache_reads_its_generation_from_the_same_replica(routed, client, world,
                                                                    settings):
    """The generation and the page stored under it come from one database: a lagging
    replica can never store an old page under a new generation. A hit answered by the
    middleware (before routing) compares the entry's generation with the primary's, the
    authoritative one: an entry from a lagging replica is then at most an extra miss."""
    _section, column, _item, _form = world
    with override_settings(WAGTAIL_DISCLOSURE=_settings(settings, PAGE_CACHE=True)):
        response, captured = request(client, column.url)
        assert response["X-Disclosure-Cache"] == "miss"
        generation = "wagtail_disclosure_pagecachegeneration"
        assert captured.touching("replica", generation) and captured.touching(
            "replica", ITEMS_TABLE)
        assert captured.touching("default", generation) == []
        response, captured = request(client, column.url)
        assert response["X-Disclosure-Cache"] == "hit"
        assert captured.touching("default", generation)
        assert captured.touching("replica", ITEMS_TABLE) == []  # not rendered


# -- everything else: the primary -------------------------------------------------------------


def test_staff_read_their_own_writes_from_the_primary(routed, client, world):
    section, column, item, form_page = world
    staff = factories.make_user("editor", admin_access=True)
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    page = DisclosureItemPage.objects.get(pk=item.pk)
    page.title = "关于农资储备资金使用情况的通知（修订）"
    page.save_revision(user=staff).publish()
    for url in (column.url, item.url, section.url + "search/?q=农资", "/admin/pages/"
                f"{column.pk}/"):
        response, captured = request(client, url)
        assert captured.sql["replica"] == [], url
    assert "（修订）" in request(client, column.url)[0].content.decode()


def test_a_session_cookie_keeps_an_anonymous_visitor_on_the_primary(routed, client, world):
    _section, column, _item, _form = world
    client.cookies["sessionid"] = "anything"
    _response, captured = request(client, column.url)
    assert captured.sql["replica"] == []


def test_a_request_submission_never_reads_from_the_replica(routed, client, world):
    *_rest, form_page = world
    _response, captured = request(client, form_page.url)
    assert captured.sql["replica"] == []
    with Captured() as captured:
        response = client.post(form_page.url, factories.request_data(consent=True))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert InformationRequest.objects.count() == 1
    assert captured.sql["replica"] == [] and captured.sql["default"]
    with Captured() as captured:
        response = client.get(response["Location"])
    assert response.status_code == 200 and captured.sql["replica"] == []
    with Captured() as captured:
        response = client.post("/api/disclosure/requests/",
                               factories.request_data(consent=True),
                               content_type="application/json")
    assert response.status_code == 201, response.content
    assert captured.sql["replica"] == [] and InformationRequest.objects.count() == 2
    _response, captured = request(Client_without_session(), form_page.url + "track/")
    assert captured.sql["replica"] == []


def Client_without_session():  # noqa: N802 - reads as a client
    from django.test import Client

    return Client()


def test_the_admin_and_unconfigured_sites_use_the_primary(routed, client, world, settings):
    _section, column, _item, _form = world
    client.force_login(factories.make_user("gxs_admin", admin_access=True))
    _response, captured = request(client, "/admin/")
    assert captured.sql["replica"] == []
    client.logout()
    with override_settings(WAGTAIL_DISCLOSURE=_settings(settings, READ_REPLICAS=[])):
        _response, captured = request(client, column.url)
    assert captured.sql["replica"] == [] and captured.touching("default", ITEMS_TABLE)


# -- the router's rules, directly ---------------------------------------------------------


def _alias_of(queryset_call):
    with Captured() as captured:
        queryset_call()
    return [alias for alias, sql in captured.sql.items() if sql]


def test_reads_inside_a_transaction_or_after_a_write_go_to_the_primary(routed, world):
    count = DisclosureColumnPage.objects.count
    assert _alias_of(count) == ["default"]  # outside replica_reads
    with routers.replica_reads():
        assert _alias_of(count) == ["replica"]
        with transaction.atomic():
            assert _alias_of(count) == ["default"]
        assert _alias_of(count) == ["replica"]
        # the calendar's rows: always the primary (each process keeps them in memory)
        assert _alias_of(lambda: list(WorkdayOverride.objects.all())) == ["default"]
        site = Site.objects.get(is_default_site=True)
        assert site._state.db == "replica"
        site.site_name = "区供销合作社"
        site.save()  # written to the primary, although read from the replica
        assert _alias_of(count) == ["default"]  # after a write: the request reads its own
    assert Site.objects.get(pk=site.pk).site_name == "区供销合作社"
    with routers.replica_reads():
        assert _alias_of(count) == ["replica"]  # a new request starts on the replica again


def test_a_replica_is_never_migrated_and_objects_relate_across(routed, world):
    router = routers.ReadReplicaRouter()
    assert router.allow_migrate("replica", "wagtail_disclosure") is False
    assert router.allow_migrate("default", "wagtail_disclosure") is None
    with routers.replica_reads():
        column = DisclosureColumnPage.objects.get(pk=world[1].pk)
    assert column._state.db == "replica"
    item = DisclosureItemPage.objects.get(pk=world[2].pk)
    assert router.allow_relation(column, item) is True


def test_without_replicas_nothing_changes(routed, settings, world):
    with override_settings(WAGTAIL_DISCLOSURE=_settings(settings, READ_REPLICAS=[])):
        with routers.replica_reads() as on:
            assert on is False
            assert _alias_of(DisclosureColumnPage.objects.count) == ["default"]


# -- system checks ------------------------------------------------------------------------


def _ids(**overrides):
    return sorted(m.id for m in run_checks() if m.id.startswith("wagtail_disclosure.E07"))


@pytest.mark.parametrize("replicas, routers_, expected", [
    (["replica"], [ROUTER], []),
    ([], [], []),
    (["replica"], [], ["wagtail_disclosure.E071"]),
    ([], [ROUTER], ["wagtail_disclosure.E071"]),
    (["nowhere"], [ROUTER], ["wagtail_disclosure.E070"]),
    (["default"], [ROUTER], ["wagtail_disclosure.E070"]),
    ("replica", [ROUTER], ["wagtail_disclosure.E070"]),
])
def test_read_replica_checks(settings, replicas, routers_, expected):
    with override_settings(DATABASE_ROUTERS=routers_,
                           WAGTAIL_DISCLOSURE={**settings.WAGTAIL_DISCLOSURE,
                                               "READ_REPLICAS": replicas}):
        assert _ids() == expected
