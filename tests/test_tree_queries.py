"""Listings find the items below a column from the path index on every database (the
benchmark found SQLite reading the whole page table for each listing: treebeard's
``path LIKE`` cannot use SQLite's index)."""

import pytest
from django.db import connection

from tests import factories as f
from wagtail_disclosure.catalogue.navigation import tree_pages
from wagtail_disclosure.catalogue.pages import Page
from wagtail_disclosure.catalogue.tree_queries import descendants
from wagtail_disclosure.models import DisclosureItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    section = f.section()
    first = f.column(title="政策文件")
    below = f.column(parent=first, title="规范性文件")
    second = f.column(title="财政信息")
    items = [f.item(first), f.item(below), f.item(second)]
    return section, first, below, second, items


def test_the_same_pages_as_treebeard_descendant_of(tree):
    section, first, below, second, items = tree
    for page in (section, first, below, second):
        expected = set(Page.objects.descendant_of(page).values_list("pk", flat=True))
        assert set(descendants(Page.objects.all(), page).values_list("pk", flat=True)) == expected
        assert page.pk not in expected
    assert set(first.items().values_list("pk", flat=True)) == {items[0].pk, items[1].pk}
    assert list(second.items()) == [DisclosureItemPage.objects.get(pk=items[2].pk)]


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def test_sqlite_reads_the_path_index_not_the_whole_page_table(tree):
    """On SQLite the range is added and the plan uses the index; PostgreSQL keeps treebeard's
    LIKE alone (Django's varchar_pattern_ops index answers it; a range would depend on the
    collation)."""
    section, first, *_rest = tree
    if connection.vendor != "sqlite":
        sql = str(first.items().query)
        assert "LIKE" in sql and '"path" >' not in sql and '"path" <' not in sql, sql
        return
    table = Page._meta.db_table  # the configured page model's (WAGTAIL_PAGE_MODEL)
    for queryset in (first.items().order_by(), section.items().order_by()):
        steps = plan(queryset)
        assert not any(step.startswith(f"SCAN {table}") for step in steps), steps
        assert any(f"{table} USING INDEX" in step and "path>" in step
                   for step in steps), steps
    assert [p.pk for p in tree_pages(section)]  # the navigation uses the same condition
