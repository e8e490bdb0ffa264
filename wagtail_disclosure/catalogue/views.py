"""Public views of the catalogue (called from the pages' routes)."""

from django.template.response import TemplateResponse

from .listing import filtered_listing
from .search import search_section_pages
from .navigation import child_columns


def _filtered(request, container, items, order_by_relevance):
    return filtered_listing(request.GET, items, order_by_relevance=order_by_relevance,
                            request=request, container=container)


def _querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def column_listing(request, column):
    """A column: its items and those of the columns below it, newest first, filtered."""
    form, applied, page_obj = _filtered(request, column, column.items(request),
                                        order_by_relevance=False)
    context = column.get_context(request)
    context.update({
        "filter_form": form,
        "filters_applied": applied,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "querystring": _querystring_without_page(request),
        # From the section's tree (live, public columns), kept between requests.
        "subcolumns": child_columns(column, request),
    })
    return TemplateResponse(request, column.get_template(request), context)


def search_results(request, section, items):
    """The section's search: Chinese-aware keyword search with the same filters."""
    form, applied, page_obj = _filtered(request, section, items, order_by_relevance=True)
    context = section.get_context(request)
    context.update({
        "filter_form": form,
        "filters_applied": applied,
        "query": applied.get("q", ""),
        # pages of other kinds (annual reports): for a keyword alone, on the first page
        "other_results": (search_section_pages(section, applied["q"])
                          if applied.keys() == {"q"} and page_obj.number == 1 else []),
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "querystring": _querystring_without_page(request),
    })
    return TemplateResponse(request, "wagtail_disclosure/search_results.html", context)
