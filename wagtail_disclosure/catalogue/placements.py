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
  date set): :func:`place_items` for it (``post_save``; one query when nothing moved);
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


def container_classes():
    """The page classes whose pages list the items below them (``ItemContainerMixin``)."""
    from wagtail.models import get_page_models

    from .pages import ItemContainerMixin

    return [model for model in get_page_models() if issubclass(model, ItemContainerMixin)]


def _container_ids_by_path(paths):
    """``{path: page id}`` of the containers among the pages at ``paths`` (one query)."""
    from django.contrib.contenttypes.models import ContentType

    from .pages import Page

    types = ContentType.objects.get_for_models(*container_classes(),
                                               for_concrete_models=False).values()
    return dict(Page.objects.filter(path__in=list(paths), content_type__in=list(types))
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
    from .pages import DisclosureItemPage

    if isinstance(items, models.QuerySet):
        keys = items.order_by("pk").values_list("pk", flat=True)
        changed, last = 0, None
        while True:
            chunk = keys.filter(pk__gt=last) if last is not None else keys
            pks = list(chunk[:BATCH])
            if not pks:
                return changed
            changed += _place(DisclosureItemPage.objects.filter(pk__in=pks))
            last = pks[-1]
    # Saved instances: their path and date as saved (no query to read them again).
    rows = [(item.pk, item.path, item.published_on) for item in items if item.pk and item.path]
    return _place(rows) if rows else 0


def _place(rows):
    """Rewrite the placements of ``rows`` (``(pk, path, published_on)``): two queries when
    nothing changed (the containers above, the rows there are)."""
    if isinstance(rows, models.QuerySet):
        rows = list(rows.values_list("pk", "path", "published_on"))
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
