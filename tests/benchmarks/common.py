"""What the benchmark scripts share: the scratch database, the environment, small statistics."""

import os
import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"


def configure_environment(sqlite_file, settings_module="agency.settings"):
    """The example project's settings (or ``settings_module``, e.g. ``run.py``'s
    ``bench_settings``), production-like (no DEBUG, no query logging), on the scratch SQLite
    file unless DATABASE_URL names a PostgreSQL database."""
    sys.path[:0] = [str(ROOT / "example_project"), str(ROOT), str(Path(__file__).parent)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ.setdefault("DJANGO_DEBUG", "0")
    if not os.environ.get("DATABASE_URL"):
        BENCH_DIR.mkdir(exist_ok=True)
        os.environ["SQLITE_PATH"] = str(sqlite_file)


def reset_database(sqlite_file):
    """An empty database: the SQLite file removed, or the PostgreSQL schema dropped."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        return
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to wipe database {name!r}: the benchmark database's name must "
                 "contain 'bench' (it is dropped and rebuilt).")
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")


def database_description(sqlite_file):
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (file, {Path(sqlite_file).relative_to(ROOT)})"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    host = connection.settings_dict.get("HOST") or "local socket"
    return f"PostgreSQL {version} ({host})"


def prepare_site(sqlite_file, reuse, find_site, build_site, size, seed):
    """The benchmark's site: found in the scratch database with ``--reuse``, else built in a
    freshly migrated one. Returns what ``find_site``/``build_site`` return."""
    import time

    from django.core.management import call_command

    pages = None
    if reuse:
        try:
            pages = find_site(size)
        except Exception:  # noqa: BLE001 - no database or no tables yet
            pages = None
    if pages is None:
        print("Building the benchmark site...", flush=True)
        started = time.perf_counter()
        reset_database(sqlite_file)
        call_command("migrate", verbosity=0, interactive=False)
        print(f"  migrated in {time.perf_counter() - started:.1f} s", flush=True)
        pages = build_site(size, seed)
    else:
        print("Reusing the benchmark site in the scratch database.")
    return pages


def p90(values):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def bulk_create_pages(model, parents, rows, batch_size=1000):
    """Insert pages of ``model`` under ``parents`` (round-robin) without add_child/publish,
    the way ``run.py`` builds its 20,000-item column: treebeard's materialised path computed
    here, then one row per table of the page-model chain (``wagtailcore_page``, then each
    multi-table child down to ``model``) with the same primary key. ``rows`` yields
    ``(page_fields, specific_fields)``: ``page_fields`` has ``title``, ``slug``, ``live`` and
    the publication times, ``specific_fields`` the fields of the child models. The parents'
    ``numchild`` is updated to match. Returns the new pages' ids. The search index is not
    updated (``run.py``'s ``index_items`` does that when a benchmark needs it).
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    chain = [*reversed(model._meta.get_parent_list()), model]
    base_model, child_models = chain[0], chain[1:]
    content_type = ContentType.objects.get_for_model(model)
    numchild = {p.pk: p.numchild for p in parents}
    ids = []

    def flush(batch):
        base_rows = [base for base, _ in batch]
        base_model._base_manager.bulk_create(base_rows)
        for child in child_models:
            objs = []
            for base, data in batch:
                obj = child(**{f.attname: getattr(base, f.attname)
                               for f in base_model._meta.concrete_fields})
                for parent_link in child._meta.parents.values():
                    setattr(obj, parent_link.attname, base.pk)
                for key, value in data.items():
                    setattr(obj, key, value)
                objs.append(obj)
            child._base_manager._insert(objs, fields=child._meta.local_concrete_fields)
        ids.extend(base.pk for base in base_rows)

    with transaction.atomic():
        batch = []
        for n, (page_fields, data) in enumerate(rows):
            parent = parents[n % len(parents)]
            numchild[parent.pk] += 1
            slug = page_fields["slug"]
            base = base_model(
                path=base_model._get_path(parent.path, parent.depth + 1, numchild[parent.pk]),
                depth=parent.depth + 1, numchild=0, draft_title=page_fields["title"],
                url_path=f"{parent.url_path}{slug}/", content_type_id=content_type.pk,
                locale_id=parent.locale_id, translation_key=uuid.uuid4(),
                has_unpublished_changes=not page_fields.get("live", True), **page_fields)
            batch.append((base, data))
            if len(batch) == batch_size:
                flush(batch)
                batch = []
        if batch:
            flush(batch)
        for parent in parents:
            base_model._base_manager.filter(pk=parent.pk).update(numchild=numchild[parent.pk])
    return ids


def check_tree(parents, limit=50_000):
    """Fail unless the page tree is consistent: treebeard's ``find_problems()`` for a tree of
    up to ``limit`` pages (it makes two queries per page: an hour for the 440,000 pages of
    ``run.py``'s default sizes), else the same checks in three queries (depth against the
    path's length, every page's parent exists) and the children of ``parents`` (the pages the
    bulk load wrote below) counted against their ``numchild``. Paths are unique by the
    table's constraint."""
    from django.db.models import Exists, F, OuterRef
    from django.db.models.functions import Length, Substr
    from wagtail.models import Page

    if Page.objects.count() <= limit:
        problems = Page.find_problems()
        assert not any(problems), f"treebeard finds problems in the page tree: {problems}"
        return "treebeard's find_problems()"
    steplen = Page.steplen
    wrong_depth = (Page.objects.annotate(length=Length("path"))
                   .exclude(length=F("depth") * steplen).count())
    assert wrong_depth == 0, f"{wrong_depth} pages whose depth does not match their path"
    parent = Page.objects.filter(path=Substr(OuterRef("path"), 1,
                                             Length(OuterRef("path")) - steplen))
    orphans = Page.objects.filter(depth__gt=1).exclude(Exists(parent)).count()
    assert orphans == 0, f"{orphans} pages without a parent"
    for page in parents:
        page.refresh_from_db()
        assert page.numchild == page.get_children().count(), (page, page.numchild)
    return "depth, parents and numchild checked in SQL"


def analyze_database():
    """Refresh the planner's statistics after a bulk load: what PostgreSQL's autovacuum does
    by itself soon after (run here so that the first measurements do not race it). SQLite is
    left alone: Django never runs ``ANALYZE`` there, so a site's SQLite file has no
    statistics either."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# -- the mix of requests both request benchmarks build -------------------------------------
REQUEST_CHANNELS = {"online": 65, "in_person": 12, "registered_post": 10, "letter": 5,
                    "email": 6, "fax": 2}
REQUEST_DELIVERIES = {"email": 45, "post": 35, "collect": 15, "on_site": 5}
# Requests received in the last RECENT_DAYS days are in every status; older ones are finished,
# except a few forgotten ones (open for months or years).
RECENT_DAYS = 45
RECENT_STATUSES = {"received": 20, "in_progress": 40, "awaiting_correction": 8,
                   "consulting": 4, "extended": 6, "awaiting_payment": 2, "answered": 18,
                   "closed": 1, "withdrawn": 1}
OLD_STATUSES = {"answered": 88, "closed": 6, "withdrawn": 5.5, "in_progress": 0.4,
                "extended": 0.1}


# -- the page cache, on and off in one run (run.py) ----------------------------------------


class PageCacheSwitch:
    """``WAGTAIL_DISCLOSURE["PAGE_CACHE"]`` on or off, switched between requests with
    ``override_settings`` (the package drops its settings cache on ``setting_changed``). The
    settings are read once after each switch, so that the timed request does not pay for
    reloading them."""

    def __init__(self):
        from django.conf import settings
        from django.test import override_settings

        base = dict(settings.WAGTAIL_DISCLOSURE)
        self._overrides = {on: override_settings(WAGTAIL_DISCLOSURE={**base, "PAGE_CACHE": on})
                           for on in (False, True)}
        self.current = None

    def set(self, on):
        from wagtail_disclosure.conf import disclosure_settings

        if self.current is on:
            return
        if self.current is not None:
            self._overrides[self.current].disable()
        self._overrides[on].enable()
        self.current = on
        assert disclosure_settings.PAGE_CACHE is on

    def close(self):
        if self.current is not None:
            self._overrides[self.current].disable()
            self.current = None


CACHE_HEADER = "X-Disclosure-Cache"


def cache_state(response):
    """What the page cache did for ``response``: hit, miss, bypass, or "-" (not a cached
    page type, or the cache off)."""
    return response.headers.get(CACHE_HEADER, "-")


def client_without_middleware(middleware, warm_url):
    """A test client whose handler was built without ``middleware`` (the chain is built on
    the first request and kept)."""
    from django.conf import settings
    from django.test import Client, override_settings

    client = Client()
    with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != middleware]):
        client.get(warm_url)
    return client
