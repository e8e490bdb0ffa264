"""Query budgets of the public pages.

The number of SQL queries of a page is exact and deterministic, so it is asserted exactly:
it must not depend on the page number nor on the number of items. The budgets, and what
each query is for, are in docs/explanation/performance.md; the timings are measured by
``make bench`` (tests/benchmarks/run.py), never asserted here.

The budgets hold for the tree the tests build, which is the usual one: one site whose root
is the home page (depth 2), the section below it (depth 3), columns below the section
(depth 4), items below the columns (depth 5), no view restrictions. Each further level of
nesting costs two more queries (Wagtail's routing: the child page, then its specific row).
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model

from wagtail_disclosure.catalogue.pages import DisclosureItemAttachment
from wagtail_disclosure.catalogue.placements import place_below
from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """These budgets are of rendering a page: the page cache (on in the example site) is
    off here. A cached read's budget is in tests/test_page_cache.py."""
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": False}

# Every page of the section (section, column, item) reads its 公开目录 tree in one query
# (catalogue/navigation.py: the columns and the section's other children, the view
# restrictions checked in the same query); the budgets below include it.
# A column page at depth 4, unfiltered or filtered by year only (the year counts give the
# number of results, so there is no COUNT query).
COLUMN_PAGE_QUERY_BUDGET = 10
# A column page with any other filter (topic, organ, kind, validity; with or without a
# year): the number of results is a COUNT query the first time, then kept between requests
# under the site's generation (catalogue/listing.py), so a repeated view costs what an
# unfiltered one does. A topic filter reads the topic tree (+1; the organ filter is an id
# checked against the kept choices); see the docs.
COLUMN_PAGE_FILTERED_QUERY_BUDGET = 10
FILTER_COUNT_QUERIES = 1  # the first view of a filter
# A column page with a keyword (the search backend counts, then fetches the page; the items
# whose title, 文号 or 索引号 is the keyword are read first, to put them first: +1).
COLUMN_PAGE_SEARCH_QUERY_BUDGET = 12
# The section's front page (depth 3): its columns, its request form page and latest items.
SECTION_PAGE_QUERY_BUDGET = 10
# An item page at depth 5, with a publishing organ and a two-level topic (as in the national
# topic list), in force, with any number of attachments.
ITEM_PAGE_QUERY_BUDGET = 16

PAGE_SIZE = 10
KINDS = ("normative_document", "work_news")


def build_column(section, n_items, topic):
    """A column with a sub-column and ``n_items`` published items in the two of them,
    half published in 2023 and half in 2024, of two kinds in turn."""
    column = f.column(section)
    sub = f.column(column)
    for i in range(n_items):
        f.item(column if i % 2 else sub,
               published_on=datetime.date(2023 if i < n_items / 2 else 2024, 3, 1 + i % 28),
               kind=KINDS[i % 2], topic=topic)
    return column


@pytest.fixture
def site(django_capture_on_commit_callbacks):
    """Two columns side by side (3 and 45 items), like-for-like apart from their size.

    Built as if committed, so that the items are in the search index too.
    """
    with django_capture_on_commit_callbacks(execute=True):
        f.home_page()
        section = f.section()
        topic = f.topic("综合政务\\政务公开")
        small = build_column(section, 3, topic)
        large = build_column(section, 45, topic)
    return {"section": section, "small": small, "large": large, "topic": topic}


def count_queries(client, url, django_assert_num_queries, budget):
    client.get(url)  # warm: the site-root-paths and content-type caches are per process
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": PAGE_SIZE})
def test_column_page_budget_is_the_same_for_every_page_and_column_size(
        site, client, django_assert_num_queries):
    small, large = site["small"].url, site["large"].url
    assert site["large"].items().count() == 45  # 5 pages
    for url in [
        small, f"{small}?page=1", f"{small}?page=99",
        large, f"{large}?page=2", f"{large}?page=3", f"{large}?page=5", f"{large}?page=99",
        f"{large}?page=abc",
        # filtered by year only: the count comes from the year counts too
        f"{small}?year=2023", f"{large}?year=2023", f"{large}?year=2023&page=3",
    ]:
        count_queries(client, url, django_assert_num_queries, COLUMN_PAGE_QUERY_BUDGET)


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": PAGE_SIZE})
def test_filtered_column_page_budget_is_the_same_for_every_page_and_column_size(
        site, client, django_assert_num_queries):
    small, large = site["small"].url, site["large"].url
    year_and_kind = f"year=2023&kind={KINDS[0]}"  # 1 item of the small column, 12 of the large
    for url in [
        f"{small}?{year_and_kind}", f"{large}?{year_and_kind}",
        f"{large}?{year_and_kind}&page=2", f"{large}?{year_and_kind}&page=99",
        f"{large}?kind={KINDS[1]}&page=3", f"{large}?validity=in_force&page=5",
    ]:
        count_queries(client, url, django_assert_num_queries, COLUMN_PAGE_FILTERED_QUERY_BUDGET)
    # The first view of a filter counts its results; a change the pages show counts again.
    f.item(site["large"], kind="other_document")
    client.get(large)  # the column's other aggregates, computed again after the change
    with django_assert_num_queries(COLUMN_PAGE_FILTERED_QUERY_BUDGET + FILTER_COUNT_QUERIES):
        assert client.get(f"{large}?kind=other_document").status_code == 200
    with django_assert_num_queries(COLUMN_PAGE_FILTERED_QUERY_BUDGET):
        client.get(f"{large}?kind=other_document")
    f.item(site["large"], kind="other_document")
    response = client.get(f"{large}?kind=other_document")
    assert response.context["page_obj"].paginator.count == \
        site["large"].items().filter(kind="other_document").count()
    # A topic filter reads the topic tree (for the topics below it); an organ filter nothing.
    organ = f.organ()
    count_queries(client, f"{large}?organ={organ.pk}&page=2", django_assert_num_queries,
                  COLUMN_PAGE_FILTERED_QUERY_BUDGET)
    count_queries(client, f"{large}?topic={site['topic'].pk}&page=2", django_assert_num_queries,
                  COLUMN_PAGE_FILTERED_QUERY_BUDGET + 1)


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": PAGE_SIZE})
def test_column_keyword_search_budget(site, client, django_assert_num_queries):
    """A keyword on a column page (newest first, not by relevance) pages like the rest."""
    large = site["large"].url
    for url in [f"{large}?q=信息条目", f"{large}?q=信息条目&page=3", f"{large}?q=信息条目&page=99"]:
        count_queries(client, url, django_assert_num_queries, COLUMN_PAGE_SEARCH_QUERY_BUDGET)
    response = client.get(f"{large}?q=信息条目&page=5")
    assert len(response.context["items"]) == 5


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": PAGE_SIZE})
def test_last_page_shows_the_oldest_items_in_order(site, client):
    """The last pages are read backwards from the end (cheaper); same rows, same order,
    ties broken by id, an undated item (NULL) where the database sorts it: last on SQLite,
    first on PostgreSQL, whichever way the page was read."""
    column = site["large"]
    undated = column.items().order_by("pk")[10]
    DisclosureItemPage.objects.filter(pk=undated.pk).update(published_on=None)
    place_below(column)  # what code writing without save() must do (catalogue/placements.py)
    expected = list(column.items().order_by("-published_on", "-pk"))
    assert undated.pk in (expected[0].pk, expected[-1].pk)
    seen = []
    for number in range(1, 6):
        response = client.get(f"{column.url}?page={number}")
        seen.extend(response.context["items"])
    assert [item.pk for item in seen] == [item.pk for item in expected]


@pytest.mark.parametrize("n_items", [3, 45])
def test_section_page_budget(n_items, client, django_assert_num_queries):
    f.home_page()
    section = f.section()
    build_column(section, n_items, f.topic("综合政务\\政务公开"))
    f.column(section)  # an empty column too
    count_queries(client, section.url, django_assert_num_queries, SECTION_PAGE_QUERY_BUDGET)


@pytest.mark.parametrize("n_items", [3, 45])
def test_item_page_budget(n_items, client, django_assert_num_queries):
    f.home_page()
    topic = f.topic("综合政务\\政务公开")
    column = f.column(f.section())
    items = [f.item(column, topic=topic) for _ in range(n_items)]
    for item in (items[0], items[-1]):
        count_queries(client, item.url, django_assert_num_queries, ITEM_PAGE_QUERY_BUDGET)


@pytest.mark.parametrize("n_attachments", [1, 4])
def test_item_page_budget_does_not_grow_with_attachments(
        n_attachments, client, django_assert_num_queries, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    f.home_page()
    Document = get_document_model()
    page = DisclosureItemPage(
        title="附有附件的条目", slug="with-attachments", organ=f.organ(),
        topic=f.topic("综合政务\\政务公开"), live=False,
        attachments=[DisclosureItemAttachment(document=Document.objects.create(
            title=f"附件{n}", file=ContentFile(b"%PDF-1.4\n", name=f"a{n}.pdf")))
            for n in range(n_attachments)],
    )
    f.column(f.section()).add_child(instance=page)
    page.save_revision().publish()
    count_queries(client, page.url, django_assert_num_queries, ITEM_PAGE_QUERY_BUDGET)
    html = client.get(page.url).content.decode()
    assert all(f"附件{n}" in html for n in range(n_attachments))


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": PAGE_SIZE})
def test_result_counts_taken_from_the_year_counts_are_right(site, client):
    """Unfiltered or filtered by year only, the number of results comes from the year
    counts (no COUNT query): it must be what COUNT would say, undated items included."""
    column = site["large"]
    undated = column.items().order_by("pk").first()
    DisclosureItemPage.objects.filter(pk=undated.pk).update(published_on=None)
    place_below(column)
    everything = column.items().count()
    for query, expected in [
        ("", everything),
        ("?page=3", everything),
        ("?year=2023", column.items().filter(published_on__year=2023).count()),
        ("?year=2024&page=2", column.items().filter(published_on__year=2024).count()),
        ("?year=2019", everything),  # not a year of this column: ignored
    ]:
        response = client.get(f"{column.url}{query}")
        assert response.context["page_obj"].paginator.count == expected, query
    assert column.items().count() == 45
    years = dict(client.get(column.url).context["filter_form"].fields["year"].choices)
    assert [y for y in years if y] == [2024, 2023]
