"""The listing order index (wagtail_disclosure/catalogue/placements.py, issue 14 "Flat cost").

A column page reads its newest items from ``ItemPlacement``'s index instead of sorting the
column. Every change path must leave the listing exactly what the authoritative query
(``items()`` sorted by ``-published_on, -pk``) says, on every page, and the plan must read the
index without a sort (SQLite's EXPLAIN; on PostgreSQL the same rows and order are checked).
"""

import datetime
import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.models import PageViewRestriction

from wagtail_disclosure.catalogue.placements import (
    ItemPlacement,
    in_listing_order,
    place_all,
    place_below,
)
from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f

pytestmark = pytest.mark.django_db

PAGE_SIZE = 4


def listed(client, column, query=""):
    """Every item the column page lists, page after page (PAGE_SIZE a page)."""
    seen, number = [], 1
    while True:
        separator = "&" if query else ""
        response = client.get(f"{column.url}?{query}{separator}page={number}")
        assert response.status_code == 200
        page_obj = response.context["page_obj"]
        seen.extend(item.pk for item in page_obj.object_list)
        if not page_obj.has_next():
            return seen
        number += 1


def expected(column, **filters):
    return list(column.items().filter(**filters).order_by("-published_on", "-pk")
                .values_list("pk", flat=True))


def dated(column, day, **kwargs):
    return f.item(column, published_on=day, backdating_reason="补录历史文件", **kwargs)


@pytest.fixture
def tree():
    section = f.section()
    first = f.column(section, title="政策文件")
    sub = f.column(first, title="规范性文件")
    second = f.column(section, title="财政信息")
    days = [datetime.date(2024, 1, 1) + datetime.timedelta(days=37 * n % 700) for n in range(14)]
    items = [dated(parent, day) for parent, day in
             zip([first, sub, second] * 5, days)]
    return section, first, sub, second, items


def assert_listings_right(client, *containers):
    for container in containers:
        assert listed(client, container) == expected(container), container.title


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": PAGE_SIZE})
def test_every_change_path_keeps_each_listing_exact(tree, client):
    section, first, sub, second, items = tree
    columns = (first, sub, second)
    assert_listings_right(client, *columns)
    assert ItemPlacement.objects.filter(container=section).count() == len(items)

    # created and published (a new day, ties on the same day broken by id)
    fresh = dated(sub, datetime.date(2024, 1, 1))
    assert listed(client, first)[-2:] == expected(first)[-2:]
    assert fresh.pk in listed(client, first) and fresh.pk in listed(client, sub)
    assert_listings_right(client, *columns)

    # unpublished, then published again
    fresh.unpublish()
    assert fresh.pk not in listed(client, first)
    fresh.save_revision().publish()
    assert fresh.pk in listed(client, sub)

    # an item moved from the sub-column to the other column
    fresh.refresh_from_db()
    fresh.move(second, pos="last-child")
    assert fresh.pk not in listed(client, first) and fresh.pk not in listed(client, sub)
    assert fresh.pk in listed(client, second)
    assert_listings_right(client, *columns)

    # a whole sub-column moved under the other column: its items go with it
    sub.refresh_from_db()
    moved = set(expected(sub))
    sub.move(second, pos="last-child")
    assert not moved & set(listed(client, first))
    assert moved <= set(listed(client, second))
    assert_listings_right(client, first, second)

    # a column copied with its items: the copies are listed in the copy, the originals stay
    copy = second.copy(recursive=True, update_attrs={"slug": "caizheng-copy", "title": "副本"},
                       to=section)
    copy_items = set(DisclosureItemPage.objects.descendant_of(copy).values_list("pk", flat=True))
    assert ItemPlacement.objects.filter(container=copy).count() == len(copy_items)
    assert_listings_right(client, first, second)

    # a view restriction: the restricted column's items leave the section's listing
    PageViewRestriction.objects.create(page=first, restriction_type="password", password="x")
    section_rows = set(in_listing_order(section.items(), section).values_list("pk", flat=True))
    assert section_rows == set(expected(section)) and not section_rows & set(expected(first))

    # deleted: an item, then a column with all below it
    gone = items[2]
    gone.delete()
    assert not ItemPlacement.objects.filter(item_id=gone.pk).exists()
    second.refresh_from_db()
    below = list(second.get_descendants().values_list("pk", flat=True))
    second.delete()
    assert not ItemPlacement.objects.filter(item_id__in=below).exists()
    assert not ItemPlacement.objects.filter(container_id__in=[second.pk, *below]).exists()
    assert_listings_right(client, copy)


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": PAGE_SIZE})
def test_the_year_filter_and_the_last_pages_read_the_index_too(tree, client):
    _section, first, *_rest = tree
    for year in (2024, 2025):
        assert listed(client, first, f"year={year}") == expected(first, published_on__year=year)
    # the last page, read backwards by the paginator, in the same order
    response = client.get(f"{first.url}?page=999")
    assert [i.pk for i in response.context["items"]] == expected(first)[-len(
        response.context["items"]):]


def test_writes_without_save_are_placed_by_the_documented_calls(tree, client):
    """A bulk path (QuerySet.update, bulk_create, raw SQL) calls place_below() or the
    command; both make the rows right, and running them again changes nothing."""
    _section, first, sub, *_rest = tree
    moved_day = datetime.date(2020, 5, 5)
    target = expected(sub)[0]
    DisclosureItemPage.objects.filter(pk=target).update(published_on=moved_day)
    assert place_below(first) == 3 * 2  # its rows under the section, column, sub-column: out, in
    assert place_below(first) == 0
    assert (ItemPlacement.objects.filter(item_id=target).values_list("published_on", flat=True)
            .distinct().get() == moved_day)

    ItemPlacement.objects.filter(container=first).delete()  # rows lost: the command rebuilds
    out = io.StringIO()
    call_command("disclosure_place_items", stdout=out)
    lost = len(expected(first))  # the rows under the column itself
    assert out.getvalue().strip() == f"{lost} placement row(s) written or removed."
    assert list(in_listing_order(first.items(), first).values_list("pk", flat=True)) == \
        expected(first)
    assert place_all() == 0


def test_the_migration_builds_the_rows_the_signals_keep(tree):
    """Existing installations get their rows from migration 0014, the same rows as the saves
    made."""
    made = set(ItemPlacement.objects.values_list("container_id", "item_id", "published_on"))
    ItemPlacement.objects.all().delete()
    migration = importlib.import_module("wagtail_disclosure.migrations.0014_item_placements")
    migration.place_existing_items(django_apps, None)
    assert set(ItemPlacement.objects.values_list("container_id", "item_id", "published_on")) \
        == made


def test_the_listing_reads_the_index_in_order_without_sorting(tree):
    section, first, *_rest = tree
    queryset = in_listing_order(first.items().select_related("organ"), first)[:20]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            steps = [row[-1] for row in cursor.fetchall()]
            assert any("wd_placement_order" in step for step in steps), steps
            assert not any("TEMP B-TREE" in step for step in steps), steps
        else:
            # A tiny table, where sorting is cheapest: forbid the sort to see that the plan in
            # order exists (the ORDER BY's id is the placement's item_id by the join).
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "wd_placement_order" in plan and "Sort" not in plan, plan
    assert [item.pk for item in queryset] == expected(first)[:20]
