"""The JSON API of the catalogue (公开目录): a column's items with the column page's filters,
and the filters' choices with counts, for front ends other than the package's own pages.

The router is mounted on the request API's :data:`~wagtail_disclosure.api.requests.api`, so
mounting that API (``path("api/disclosure/", disclosure_api.urls)``) serves both, with the same
``Accept-Language`` handling and the same CORS rule (``API_ALLOWED_ORIGINS``).

The listing is computed by :func:`~wagtail_disclosure.catalogue.listing.filtered_listing`, the
function the column page and the section's search use, with the query string passed as it came:
the items, their order, the total and the way bad values are dropped are those of the HTML
listing by construction. See ``docs/reference/catalogue-api.md``.

Only public data leaves: live, public pages and their catalogue metadata; an organ is its id,
name and code.
"""

import datetime

from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Router, Schema

from ..catalogue.choices import ItemKind, PowerKind, Validity
from ..catalogue.filters import listing_years, year_counts
from ..catalogue.listing import filtered_listing, organ_choices
from ..catalogue.pages import DisclosureColumnPage, DisclosureIndexPage
from ..catalogue.power_items import power_kinds_of
from ..catalogue.snippets import PublishingOrgan, Topic
from .. import sites
from ..conf import disclosure_settings
from ..routers import replica_reads

try:
    from ninja import Status
except ImportError:  # django-ninja < 1.6 returns (status, body) tuples instead
    def Status(status_code, value):
        return status_code, value

__all__ = ["MAX_PAGE_SIZE", "router"]

#: The largest ``page_size`` a caller may ask for (or ``PAGE_SIZE``, if that is larger).
MAX_PAGE_SIZE = 100

#: The filters of the column page, in the order the form shows them.
FILTER_NAMES = ("q", "year", "topic", "organ", "kind", "validity")

# Page ids are database integers: a larger number cannot be one (and SQLite refuses it).
_MAX_ID = 2**63 - 1

router = Router(tags=["catalogue"])


# -- response schemas (for the OpenAPI document) ------------------------------------------


class NotFound(Schema):
    detail: str


class InvalidParameters(Schema):
    errors: dict[str, list[str]]


class Unavailable(Schema):
    """The 503 while the database is unreachable (``resilience.service_unavailable``)."""
    detail: str
    errors: dict[str, list[str]]


class ColumnInfo(Schema):
    id: int
    title: str
    url: str | None = None
    type: str  # "section" or "column"


class OrganOut(Schema):
    id: int
    name: str
    code: str


class TopicOut(Schema):
    id: int
    name: str
    path: str


class CodeLabel(Schema):
    value: str
    label: str


class ItemOut(Schema):
    id: int
    title: str
    url: str | None = None
    index_number: str | None = None
    organ: OrganOut | None = None
    document_number: str
    written_on: datetime.date | None = None
    published_on: datetime.date | None = None
    topic: TopicOut | None = None
    kind: CodeLabel
    validity: CodeLabel
    power_kind: CodeLabel | None = None


class Applied(Schema):
    q: str | None = None
    year: int | None = None
    topic: int | None = None
    organ: int | None = None
    kind: str | None = None
    validity: str | None = None


class ItemsOut(Schema):
    column: ColumnInfo
    count: int
    page: int
    num_pages: int
    page_size: int
    applied: Applied
    ignored: list[str]
    items: list[ItemOut]


class YearChoice(Schema):
    value: int
    label: str
    count: int


class TopicChoice(Schema):
    value: int
    label: str
    name: str
    parent: int | None = None
    count: int


class OrganChoice(Schema):
    value: int
    label: str
    code: str
    count: int


class CodeChoice(Schema):
    value: str
    label: str
    count: int


class FiltersOut(Schema):
    column: ColumnInfo
    count: int
    years: list[YearChoice]
    topics: list[TopicChoice]
    organs: list[OrganChoice]
    kinds: list[CodeChoice]
    validity: list[CodeChoice]


def _query_parameter(name, schema, description):
    return {"in": "query", "name": name, "required": False, "schema": schema,
            "description": description}


_COLUMN_ID = ("The id of a column (DisclosureColumnPage), or of the section "
              "(DisclosureIndexPage) for all of its items.")

_ITEMS_PARAMETERS = [
    _query_parameter("q", {"type": "string", "maxLength": 100},
                     "Keyword: Chinese-aware full-text search, all terms must match."),
    _query_parameter("year", {"type": "integer"},
                     "Year of the 发布日期 (one of the years in the filters' `years`)."),
    _query_parameter("topic", {"type": "integer"},
                     "A topic (主题分类) id; its sub-topics are included."),
    _query_parameter("organ", {"type": "integer"}, "A publishing organ (发布机构) id."),
    _query_parameter("kind", {"type": "string", "enum": list(ItemKind.values)}, "Item kind."),
    _query_parameter("validity", {"type": "string", "enum": list(Validity.values)},
                     "Validity (有效性)."),
    _query_parameter("page", {"type": "integer", "minimum": 1},
                     "Page number; past the end gives the last page, a malformed one page 1."),
    _query_parameter("page_size", {"type": "integer", "minimum": 1},
                     f"Items per page: default the PAGE_SIZE setting, at most {MAX_PAGE_SIZE} "
                     f"(or PAGE_SIZE if larger)."),
]


# -- helpers --------------------------------------------------------------------------------


def _container(column_id, request):
    """The live, public column or section with this id on the API's site, or None."""
    if not 0 < column_id <= _MAX_ID:
        return None
    for model in (DisclosureColumnPage, DisclosureIndexPage):
        # only the site the API is called on (docs/how-to/multi-site.md)
        page = sites.on_request_site(model.objects.live().public(), request).filter(
            pk=column_id).first()
        if page is not None:
            return page
    return None


def _not_found():
    return Status(404, {"detail": _("There is no published catalogue column with this id.")})


def _column_info(request, container):
    return {"id": container.pk, "title": container.title,
            "url": container.get_full_url(request),
            "type": "section" if isinstance(container, DisclosureIndexPage) else "column"}


def _page_size(raw):
    """(items per page, whether the given value was ignored)."""
    default = disclosure_settings.PAGE_SIZE
    if raw in (None, ""):
        return default, False
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return default, True
    if value < 1:
        return default, True
    return min(value, max(MAX_PAGE_SIZE, default)), False


def _page_is_malformed(raw):
    if raw in (None, ""):
        return False
    try:
        return int(raw) < 1
    except (TypeError, ValueError):
        return True


def _topic_table():
    """``{id: (name, parent id)}`` of every topic (one query: the topic tree is small)."""
    return {pk: (name, parent_id) for pk, name, parent_id in
            Topic.objects.values_list("pk", "name", "parent_id")}


def _topic_path(table, topic_id):
    names, node, seen = [], topic_id, set()
    while node is not None and node in table and node not in seen:
        seen.add(node)
        names.append(table[node][0])
        node = table[node][1]
    return "\\".join(reversed(names))


def _applied_json(applied):
    out = {}
    for name in FILTER_NAMES:
        if name in applied:
            value = applied[name]
            out[name] = value.pk if isinstance(value, PublishingOrgan) else value
    return out


def _serialise_items(request, items):
    """The catalogue metadata of a page of items, in a bounded number of queries."""
    organ_ids = {item.organ_id for item in items if item.organ_id}
    organs = {pk: {"id": pk, "name": name, "code": code} for pk, name, code in
              PublishingOrgan.objects.filter(pk__in=organ_ids).values_list("pk", "name", "code")
              } if organ_ids else {}
    topics = _topic_table() if any(item.topic_id for item in items) else {}
    power_kinds = power_kinds_of(items)
    power_labels = dict(PowerKind.choices)
    kind_labels, validity_labels = dict(ItemKind.choices), dict(Validity.choices)
    result = []
    for item in items:
        topic = None
        if item.topic_id and item.topic_id in topics:
            topic = {"id": item.topic_id, "name": topics[item.topic_id][0],
                     "path": _topic_path(topics, item.topic_id)}
        power_kind = power_kinds.get(item.pk)
        result.append({
            "id": item.pk,
            "title": item.title,
            "url": item.get_full_url(request),
            "index_number": item.index_number,
            "organ": organs.get(item.organ_id),
            "document_number": item.document_number,
            "written_on": item.formation_date,
            "published_on": item.published_on,
            "topic": topic,
            "kind": {"value": item.kind, "label": str(kind_labels.get(item.kind, item.kind))},
            "validity": {"value": item.validity,
                         "label": str(validity_labels.get(item.validity, item.validity))},
            "power_kind": ({"value": power_kind,
                            "label": str(power_labels.get(power_kind, power_kind))}
                           if power_kind else None),
        })
    return result


def _grouped_counts(items, field):
    return dict(items.order_by().values_list(field).annotate(n=Count("pk")))


# -- GET columns/{column_id}/items ----------------------------------------------------------


@router.get("columns/{column_id}/items",
            response={200: ItemsOut, 404: NotFound, 422: InvalidParameters, 503: Unavailable},
            summary="A column's items, filtered and paged as on the column page",
            openapi_extra={"parameters": _ITEMS_PARAMETERS})
def column_items(request, column_id: int):
    with replica_reads(request):
        return _column_items(request, column_id)


def _column_items(request, column_id):
    container = _container(column_id, request)
    if container is None:
        return _not_found()
    params = request.GET
    per_page, page_size_ignored = _page_size(params.get("page_size"))
    # The section's listing is its search page's: a keyword ranks by relevance there.
    form, applied, page_obj = filtered_listing(
        params, container.items(request),
        order_by_relevance=isinstance(container, DisclosureIndexPage), per_page=per_page,
        request=request, container=container)
    ignored = [name for name in FILTER_NAMES if name in form.errors]
    if _page_is_malformed(params.get("page")):
        ignored.append("page")
    if page_size_ignored:
        ignored.append("page_size")
    items = list(page_obj.object_list)
    return {
        "column": _column_info(request, container),
        "count": page_obj.paginator.count,
        "page": page_obj.number,
        "num_pages": page_obj.paginator.num_pages,
        "page_size": per_page,
        "applied": _applied_json(applied),
        "ignored": ignored,
        "items": _serialise_items(request, items),
    }


# -- GET columns/{column_id}/filters --------------------------------------------------------


@router.get("columns/{column_id}/filters",
            response={200: FiltersOut, 404: NotFound, 422: InvalidParameters,
                      503: Unavailable},
            summary="The column page's filter choices, each with its number of items")
def column_filters(request, column_id: int):
    with replica_reads(request):
        return _column_filters(request, column_id)


def _column_filters(request, column_id):
    container = _container(column_id, request)
    if container is None:
        return _not_found()
    items = container.items(request)

    def counts():
        return (year_counts(items), _grouped_counts(items, "topic_id"),
                _grouped_counts(items, "organ_id"), _grouped_counts(items, "kind"),
                _grouped_counts(items, "validity"))

    # Five scans of the container's items, kept between requests under the site's generation
    # (caching/aggregates.py): computed again after any change the site's pages show.
    from ..caching.aggregates import kept

    by_year, by_topic, by_organ, by_kind, by_validity = kept(
        request, f"filter-counts:{container.pk}", counts)

    # A topic filter includes the sub-topics: a topic's count is that of its subtree.
    table = _topic_table()
    children = {}
    for pk, (_name, parent_id) in table.items():
        children.setdefault(parent_id, []).append(pk)

    def subtree_count(topic_id):
        total, stack, seen = 0, [topic_id], set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            total += by_topic.get(node, 0)
            stack.extend(children.get(node, []))
        return total

    topics = [{"value": pk, "label": label, "name": table[pk][0] if pk in table else label,
               "parent": table[pk][1] if pk in table else None, "count": subtree_count(pk)}
              for pk, label in Topic.tree_choices()]
    organs = [{"value": pk, "label": name, "code": code, "count": by_organ.get(pk, 0)}
              for pk, name, code in organ_choices(items).values_list("pk", "name", "code")]
    return {
        "column": _column_info(request, container),
        "count": sum(by_year.values()),
        "years": [{"value": year, "label": str(year), "count": by_year[year]}
                  for year in listing_years(items, by_year)],
        "topics": topics,
        "organs": organs,
        "kinds": [{"value": value, "label": str(label), "count": by_kind.get(value, 0)}
                  for value, label in ItemKind.choices],
        "validity": [{"value": value, "label": str(label), "count": by_validity.get(value, 0)}
                     for value, label in Validity.choices],
    }
