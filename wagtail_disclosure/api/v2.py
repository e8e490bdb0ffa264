"""Wagtail API v2 helpers: Chinese-aware ``?search=`` for the pages endpoint.

Wagtail's ``SearchFilter`` hands the query to the search backend as typed, so on the
database backends ``?search=供销社`` finds nothing (see ``catalogue/search.py``). Mount
:class:`DisclosurePagesAPIViewSet` instead of Wagtail's ``PagesAPIViewSet`` to search the way
the site's search does (:func:`~wagtail_disclosure.catalogue.search.search_site`)::

    api_router.register_endpoint("pages", DisclosurePagesAPIViewSet)

Both it and :class:`DisclosureDocumentsAPIViewSet` refuse an ``?offset=`` above
:data:`MAX_OFFSET` with 400: Wagtail's paginator passes any offset to the database, and one of
2⁶³ or more is a 500 there (SQLite: "datatype mismatch"; PostgreSQL: "bigint out of range").
"""

from types import SimpleNamespace

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from ..catalogue.search import site_search_query
from ..routers import replica_reads


#: The largest ``?offset=`` the endpoints accept (far beyond any catalogue's size).
MAX_OFFSET = 10**9


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, with ``offset`` bounded by :data:`MAX_OFFSET` (400 above)."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own message follows
        if offset > MAX_OFFSET:
            raise BadRequestError("offset cannot be higher than %d" % MAX_OFFSET)
        return super().paginate_queryset(queryset, request, view=view)


class ChineseSearchFilter(SearchFilter):
    """``SearchFilter`` with the query of ``search_site()``: every term of the segmented query,
    or every word as typed (for the site's other pages). Terms are combined with AND unless
    ``search_operator=or``."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        params = request.GET.copy()
        operator = "or" if params.get("search_operator") == "or" else "and"
        search_query = site_search_query(params["search"], operator=operator)
        if search_query is None:
            return queryset.none()
        # Wagtail's filter passes the query on to the backend, which takes a query object too
        params = {**params.dict(), "search": search_query}
        params.pop("search_operator", None)
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


class DisclosurePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint with Chinese-aware search. Override this to add your own
    filters; keep the search filter last (search results cannot be filtered further)."""

    filter_backends = [
        ChineseSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
    pagination_class = BoundedPagination

    # Anonymous reads from a read replica, when READ_REPLICAS names one (routers).
    def listing_view(self, request):
        with replica_reads(request):
            return super().listing_view(request)

    def detail_view(self, request, pk):
        with replica_reads(request):
            return super().detail_view(request, pk)


class DisclosureDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Wagtail's documents endpoint with ``offset`` bounded (:class:`BoundedPagination`)."""

    pagination_class = BoundedPagination
