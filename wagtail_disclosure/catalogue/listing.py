"""The one listing computation shared by the HTML pages and the JSON API.

A column page, the section's search and ``GET /api/disclosure/columns/{id}/items`` all call
:func:`filtered_listing`, so that a front end sees exactly the items, the order and the total
of the HTML listing for the same filters.
"""

from .filters import (
    ItemFilterForm,
    count_from_year_counts,
    filter_items,
    listing_years,
    organ_pairs,
    paginate,
    search_or_list,
    year_counts,
)
from .snippets import PublishingOrgan, Topic


def organ_choices(items):
    """The organs the filter offers: every organ on a single site; on a platform of several
    agencies (docs/how-to/multi-site.md) only the organs of ``items``, so that one agency's
    column never lists the organs of another."""
    from ..sites import is_multi_site

    if not is_multi_site():
        return PublishingOrgan.objects.all()
    return PublishingOrgan.objects.filter(pk__in=items.order_by().values("organ_id"))


def filtered_listing(params, items, order_by_relevance=False, per_page=None, *,
                     request=None, container=None):
    """Filter and page ``items`` by the query parameters ``params`` (a QueryDict or dict).

    Given the ``request`` and the ``container`` page whose items these are, the year counts
    and the topic tree are kept between requests under the site's generation
    (:mod:`wagtail_disclosure.caching.aggregates`): a column of any size then needs no scan
    while nothing changed.

    Returns ``(form, applied, page_obj)``: the bound filter form (its choices are the years
    that have items), the filters that could be applied (bad values are dropped, never an
    error) and the requested page (a malformed number gives page 1, one past the end the last).
    """
    base = items.select_related("organ")
    # One pass over the items gives the year choices and, unfiltered or filtered by year
    # only, the number of results (the paginator then needs no COUNT query).
    if request is not None and container is not None:
        from ..caching.aggregates import kept

        counts = kept(request, f"years:{container.pk}", lambda: year_counts(items))
        topics = kept(request, "topics", Topic.tree_choices)
        organs = kept(request, f"organs:{container.pk}",
                      lambda: organ_pairs(organ_choices(items)))
    else:
        counts, topics = year_counts(items), Topic.tree_choices()
        organs = organ_choices(items)
    form = ItemFilterForm(
        params or None,
        years=listing_years(items, counts),
        topics=topics,
        organs=organs,
    )
    applied = form.applied() if params else {}
    if container is not None and not applied.get("q"):
        # Newest first from the placements' index (catalogue/placements.py): no sort of the
        # container's items, whatever their number.
        from .placements import in_listing_order

        results = filter_items(in_listing_order(base, container, applied), applied)
    else:
        results = search_or_list(base.order_by("-published_on", "-pk"), applied,
                                 order_by_relevance=order_by_relevance)
    count = count_from_year_counts(counts, applied)
    if count is None and request is not None and container is not None and not applied.get("q"):
        # Other filters: the number of results is a COUNT over the container's items, kept
        # between requests under the site's generation like the year counts. The key holds
        # the validated filters only (a bounded set of values).
        from ..caching.aggregates import kept

        filters = ",".join(f"{name}={getattr(applied[name], 'pk', applied[name])}"
                           for name in sorted(applied))
        count = kept(request, f"count:{container.pk}:{filters}", results.count)
    page_obj = paginate(results, params.get("page") if params else None,
                        count=count, per_page=per_page)
    return form, applied, page_obj
