"""Tree queries that use the path index on every database.

Treebeard's ``descendant_of`` is ``path LIKE 'p%'``. PostgreSQL answers it from Django's
``varchar_pattern_ops`` index on ``path``; SQLite's LIKE is case-insensitive and cannot use an
index, so each listing read the whole page table (the benchmark found a 45-item column
costing as much as a 200,000-item one in a large tree). On SQLite the same condition is added
as a range of paths: tree paths are made of digits and capital letters, all below ``~`` in
SQLite's binary order, so ``p < path < p + "~"`` holds for exactly the strict descendants.
Other databases keep the LIKE alone: a range there would depend on the column's collation.
"""

from django.db import connections


def descendants(queryset, page):
    """``queryset.descendant_of(page)``, answerable from the path index."""
    below = queryset.descendant_of(page)
    if connections[below.db].vendor == "sqlite":
        below = below.filter(path__gt=page.path, path__lt=page.path + "~")
    return below


def children(queryset, page):
    """``queryset.child_of(page)``, answerable from the path index on every database: without
    the range, SQLite walks the path index from the tree's first page (``ORDER BY path`` with
    ``.first()`` read every page of a 440,000-page tree to find the request form)."""
    below = queryset.child_of(page)
    if connections[below.db].vendor == "sqlite":
        below = below.filter(path__gt=page.path, path__lt=page.path + "~")
    return below


def at_or_below(queryset, page):
    """``queryset.descendant_of(page, inclusive=True)``, answerable from the path index."""
    below = queryset.descendant_of(page, inclusive=True)
    if connections[below.db].vendor == "sqlite":
        below = below.filter(path__gte=page.path, path__lt=page.path + "~")
    return below
