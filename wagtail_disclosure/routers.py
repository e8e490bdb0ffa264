"""Read replicas: the reads of public listings go to a replica, everything else to the primary.

Install the router and name the replica aliases (docs/how-to/read-replicas.md)::

    DATABASES = {"default": {...primary...}, "replica": {...hot standby...}}
    DATABASE_ROUTERS = ["wagtail_disclosure.routers.ReadReplicaRouter"]
    WAGTAIL_DISCLOSURE = {"READ_REPLICAS": ["replica"]}

**What may read from a replica.** Only the code run inside :func:`replica_reads`, which the
package enters for an anonymous GET or HEAD of

* the catalogue's pages (page types with ``read_replica = True``: the section with its
  search, the columns with their filters and feeds, the items), from the ``on_serve_page``
  hook, inside Wagtail's privacy check (so that a page restricted a moment ago is judged on
  the primary) and outside the page cache (so that the page cache's generation and the page
  it stores come from the same database, see below);
* the catalogue API (``/api/disclosure/columns/…``) and Wagtail's page API v2 endpoint
  of :class:`~wagtail_disclosure.api.v2.DisclosurePagesAPIViewSet`.

"Anonymous" means no logged-in user, no session cookie and no messages cookie: staff, an
applicant who has just submitted or tracked a request, a visitor who passed a password
restriction, all read their own writes from the primary.

**Everything else goes to the primary**: every write; every read outside such a request (the
admin, the request form, its submitted and tracking views, the feedback box, management
commands, the task worker); a read inside a transaction of the primary; every read after the
first write of the request (the request's remaining reads see what it wrote); the calendar's
rows (``WorkdayOverride``, ``HolidayNotice``: a process keeps them in memory, see
:data:`PRIMARY_ONLY_MODELS`).

**One replica per request.** With several aliases, one is chosen at random when the request
starts and used for all its reads: the page cache reads the site's generation, then renders
the page, from that one replica, so the page it stores is at least as new as the generation it
is stored under (a replica applies the primary's transactions in their order). A replica that
lags shows the site as it was a moment ago; it never stores an old page under a new generation.
"""

import contextlib
import contextvars
import random
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

from .conf import disclosure_settings

__all__ = ["PRIMARY_ONLY_MODELS", "ReadReplicaRouter", "public_read", "replica_aliases",
           "replica_reads"]

#: Models read from the primary even inside :func:`replica_reads`. The site calendar is kept
#: in each process's memory until a change clears it everywhere (workdays.clear_cache): rows
#: read from a replica that has not yet applied the change would be kept as the new calendar.
PRIMARY_ONLY_MODELS = frozenset({
    "wagtail_disclosure.WorkdayOverride",
    "wagtail_disclosure.HolidayNotice",
})


@dataclass
class _Reads:
    alias: str
    wrote: bool = False


_current = contextvars.ContextVar("wagtail_disclosure_replica_reads", default=None)


def replica_aliases():
    """The aliases of ``READ_REPLICAS`` (a list of keys of ``DATABASES``; empty: none)."""
    return list(disclosure_settings.READ_REPLICAS or ())


def public_read(request):
    """Whether ``request`` is an anonymous read that may be answered from a replica: a GET or
    HEAD, not a preview, without the session or messages cookie and without a logged-in
    user (whoever wrote something reads it back from the primary): the requests the page
    cache may answer too."""
    from .caching.page_cache import request_cacheable

    return request_cacheable(request)


@contextlib.contextmanager
def replica_reads(request=None):
    """Let the reads of the code inside go to a read replica (when ``READ_REPLICAS`` names
    one and ``request``, if given, is a :func:`public_read`). Yields whether they may. Nested
    uses keep the outer one's replica and its "wrote" state."""
    aliases = replica_aliases()
    if (not aliases or _current.get() is not None
            or (request is not None and not public_read(request))):
        yield bool(aliases) and _current.get() is not None
        return
    token = _current.set(_Reads(random.choice(aliases)))
    try:
        yield True
    finally:
        _current.reset(token)


def replica_for_page(page, request, serve):
    """``serve(page, request)`` inside :func:`replica_reads` when the page type allows it
    (``read_replica = True``), the response rendered inside (a template response would
    otherwise run its queries after the reads were handed back to the primary)."""
    if not getattr(page, "read_replica", False) or not replica_aliases():
        return serve()
    with replica_reads(request):
        response = serve()
        if callable(getattr(response, "render", None)) and not getattr(
                response, "is_rendered", True):
            response = response.render()
    return response


class ReadReplicaRouter:
    """A database router (``DATABASE_ROUTERS``) sending the reads made inside
    :func:`replica_reads` to the request's replica, and everything else to ``default``.

    It answers every question itself (it never returns None for a read or a write), so put it
    last in ``DATABASE_ROUTERS``. Replicas are never migrated (``allow_migrate``)."""

    primary = DEFAULT_DB_ALIAS

    def db_for_read(self, model, **hints):
        reads = _current.get()
        if reads is None or reads.wrote or model._meta.label in PRIMARY_ONLY_MODELS:
            return self.primary
        if connections[self.primary].in_atomic_block:
            return self.primary
        return reads.alias

    def db_for_write(self, model, **hints):
        reads = _current.get()
        if reads is not None:
            reads.wrote = True  # the rest of the request reads its own write
        return self.primary

    def allow_relation(self, obj1, obj2, **hints):
        same_data = {self.primary, *replica_aliases()}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db in replica_aliases():
            return False
        return None
