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
                     request, container):
    """Filter and page ``items``, the items of the ``container`` page, by the query parameters
    ``params`` (a QueryDict or dict).

    The year counts, the topic tree, the organ choices and the number of results of a filter
    are kept between requests under the ``request``'s site generation
    (:mod:`wagtail_disclosure.caching.aggregates`), and the page of items is read from the
    listing order index (:mod:`.placements`): a column of any size then needs no scan while
    nothing changed.

    Returns ``(form, applied, page_obj)``: the bound filter form (its choices are the years
    that have items), the filters that could be applied (bad values are dropped, never an
    error) and the requested page (a malformed number gives page 1, one past the end the last).
    """
    from ..caching.aggregates import kept
    from .placements import in_listing_order

    def keep(name, compute):
        return kept(request, f"{name}:{container.pk}", compute)

    base = items.select_related("organ")
    # One pass over the items gives the year choices and, unfiltered or filtered by year
    # only, the number of results (the paginator then needs no COUNT query).
    counts = keep("years", lambda: year_counts(items))
    form = ItemFilterForm(
        params or None,
        years=listing_years(items, counts),
        topics=kept(request, "topics", Topic.tree_choices),
        organs=keep("organs", lambda: organ_pairs(organ_choices(items))),
    )
    applied = form.applied() if params else {}
    count = count_from_year_counts(counts, applied)
    if applied.get("q"):
        results = search_or_list(base.order_by("-published_on", "-pk"), applied,
                                 order_by_relevance=order_by_relevance)
    else:
        # Newest first from the index: no sort of the container's items.
        results = filter_items(in_listing_order(base, container, applied), applied)
        if count is None:
            # Other filters: a COUNT, kept like the year counts. The key holds the validated
            # filters only (a bounded set of values).
            filters = ",".join(f"{name}={applied[name]}" for name in sorted(applied))
            count = keep(f"count:{filters}", results.count)
    page_obj = paginate(results, params.get("page") if params else None,
                        count=count, per_page=per_page)
    return form, applied, page_obj
