"""The listing order index: a column page's newest items without sorting the column.

A column page lists the items anywhere below it (its sub-columns' too), newest first, 20 to a
page. Those items are a range of tree paths on the page table, and their order is
``published_on`` on the item table: no index serves both, so every uncached column page read
and sorted the whole column (the benchmark of issue 14: a column of 200,000 items cost three
times a column of 45, and the page API's listing twice Wagtail's own).

:class:`ItemPlacement` keeps one row per item and per *container* above it (the section and
every column on the way down: the pages with ``ItemContainerMixin``), with the item's
``published_on``; the index ``(container, published_on DESC, item DESC)`` then gives any
container's items in listing order, and the first page reads 20 rows whatever the column's
size. The listing still applies every condition of ``ItemContainerMixin.items()`` (published,
public, below the container): a placement only orders, it never makes an item visible.

The rows follow every change of an item's place or date, in the transaction of the change:

* an item saved (created, published, a revision published, scheduled publishing, copied, its
  date set): :func:`place_items` for it (``post_save``; two queries when nothing moved);
* a page moved (``post_page_move``): :func:`place_below` the page, i.e. every item below it;
* a page deleted: the rows go with it (``CASCADE`` on both keys).

Code that writes item pages' ``path`` or ``published_on`` without ``save()`` (bulk inserts,
imports, raw SQL) calls :func:`place_below` for the page above what it wrote, or runs
``manage.py disclosure_place_items``, which rebuilds every row (idempotent).
"""

import swapper
from django.db import models
from django.utils.translation import gettext_lazy as _

swapper.set_app_prefix("wagtailcore", "wagtail")

#: Items placed per round of :func:`place_items`: bounds the memory of a rebuild.
BATCH = 2000


class ItemPlacement(models.Model):
    """An item below a container (the section or a column), with the item's publication date:
    the row the container's listing is read in order from (:mod:`.placements`)."""

    # No index of its own: the unique constraint and the order index both begin with it.
    container = models.ForeignKey(swapper.get_model_name("wagtailcore", "Page"),
                                  on_delete=models.CASCADE, related_name="+", db_index=False)
    item = models.ForeignKey("wagtail_disclosure.DisclosureItemPage", on_delete=models.CASCADE,
                             related_name="placements")
    published_on = models.DateField(null=True)

    class Meta:
        verbose_name = _("item placement")
        verbose_name_plural = _("item placements")
        constraints = [models.UniqueConstraint(fields=["container", "item"],
                                               name="wd_placement_unique")]
        indexes = [models.Index(fields=["container", "-published_on", "-item"],
                                name="wd_placement_order")]


def container_type_ids():
    """The content types of the pages that list the items below them (``ItemContainerMixin``:
    the section and the columns, with their subclasses). No query: Django caches them."""
    from .navigation import content_type_ids
    from .pages import ItemContainerMixin

    return content_type_ids(ItemContainerMixin)


def _container_ids_by_path(paths):
    """``{path: page id}`` of the containers among the pages at ``paths`` (one query)."""
    from .pages import Page

    return dict(Page.objects.filter(path__in=list(paths), content_type_id__in=container_type_ids())
                .values_list("path", "pk"))


def _ancestor_paths(path, steplen):
    return [path[:end] for end in range(steplen, len(path), steplen)]


def _wanted_rows(items):
    """The placements ``items`` (``(pk, path, published_on)`` tuples) should have."""
    from .pages import Page

    steplen = Page.steplen
    above = {p for _pk, path, _on in items for p in _ancestor_paths(path, steplen)}
    containers = _container_ids_by_path(above) if above else {}
    return {(containers[p], pk, on) for pk, path, on in items
            for p in _ancestor_paths(path, steplen) if p in containers}


def place_items(items):
    """Make the placements of ``items`` (item pages, or a queryset of them) what their paths
    and dates say now; rows already right are left alone. Works in rounds of :data:`BATCH`
    items. Returns the number of rows written or deleted."""
    if isinstance(items, models.QuerySet):
        rows = items.order_by("pk").values_list("pk", "path", "published_on")
        changed, last = 0, None
        while True:
            chunk = list((rows.filter(pk__gt=last) if last is not None else rows)[:BATCH])
            if not chunk:
                return changed
            changed += _place(chunk)
            last = chunk[-1][0]
    # Saved instances: their path and date as saved (no query to read them again).
    rows = [(item.pk, item.path, item.published_on) for item in items if item.pk and item.path]
    return _place(rows) if rows else 0


def _place(rows):
    """Rewrite the placements of ``rows`` (``(pk, path, published_on)``): two queries when
    nothing changed (the containers above, the rows there are)."""
    wanted = _wanted_rows(rows)
    pks = [pk for pk, _path, _on in rows]
    existing = set(ItemPlacement.objects.filter(item_id__in=pks)
                   .values_list("container_id", "item_id", "published_on"))
    if existing == wanted:
        return 0
    stale = existing - wanted
    by_container = {}
    for container_id, item_id, _on in stale:
        by_container.setdefault(container_id, []).append(item_id)
    for container_id, item_ids in by_container.items():  # a few containers: a few queries
        ItemPlacement.objects.filter(container_id=container_id, item_id__in=item_ids).delete()
    fresh = wanted - existing
    ItemPlacement.objects.bulk_create(
        [ItemPlacement(container_id=c, item_id=i, published_on=on) for c, i, on in fresh],
        batch_size=BATCH)
    return len(stale) + len(fresh)


def place_below(page):
    """Place every item at or below ``page`` (after a move, a bulk insert or an import)."""
    from .pages import DisclosureItemPage
    from .tree_queries import at_or_below

    return place_items(at_or_below(DisclosureItemPage.objects.all(), page))


def place_all():
    """Rebuild every placement (``manage.py disclosure_place_items``): rows of pages that are
    no longer items or no longer below their container are removed, missing rows added."""
    from .pages import DisclosureItemPage

    return place_items(DisclosureItemPage.objects.all())


def in_listing_order(items, container, applied=None):
    """``items`` (a queryset below ``container``) newest first, read in order from the
    placements' index: ``-published_on, -pk``, the listing's order, without a sort. With a
    year filter in ``applied`` the index range is narrowed to the year as well."""
    import datetime

    # One filter() call: conditions on a multi-valued relation in separate calls would each
    # join the placements again. The ordering reuses this join.
    conditions = {"placements__container": container}
    year = (applied or {}).get("year")
    if year:
        conditions.update(placements__published_on__gte=datetime.date(year, 1, 1),
                          placements__published_on__lte=datetime.date(year, 12, 31))
    return items.filter(**conditions).order_by("-placements__published_on",
                                               "-placements__item_id")
