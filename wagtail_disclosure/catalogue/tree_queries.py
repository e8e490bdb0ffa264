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


def _with_path_range(queryset, page, inclusive=False):
    """``queryset`` (already limited to ``page``'s subtree) with the same condition as a range
    of paths on SQLite, where the path index can answer it."""
    if connections[queryset.db].vendor != "sqlite":
        return queryset
    lower = {"path__gte" if inclusive else "path__gt": page.path}
    return queryset.filter(**lower, path__lt=page.path + "~")


def descendants(queryset, page):
    """``queryset.descendant_of(page)``, answerable from the path index."""
    return _with_path_range(queryset.descendant_of(page), page)


def at_or_below(queryset, page):
    """``queryset.descendant_of(page, inclusive=True)``, answerable from the path index."""
    return _with_path_range(queryset.descendant_of(page, inclusive=True), page, inclusive=True)


def children(queryset, page):
    """``queryset.child_of(page)``, answerable from the path index on every database: without
    the range, SQLite walks the path index from the tree's first page (``ORDER BY path`` with
    ``.first()`` read every page of a 440,000-page tree to find the request form)."""
    return _with_path_range(queryset.child_of(page), page)


def first_child_of_type(model, page):
    """The first live child of ``page`` of the page type ``model`` in tree order, or None, for a
    type that has few pages (a section's request form page among its thousands of items).

    The (always true) condition "pk in ``model``'s own table" lets the database start from
    that small table; otherwise SQLite walked the section's whole path range (0.1 s at
    200,000 items). The few candidates are ordered here."""
    pages = (children(model.objects, page).live()
             .filter(pk__in=model.objects.order_by().values("pk")).order_by())
    return min(pages, key=lambda child: child.path, default=None)
