#!/usr/bin/env python
r"""Benchmark: the column pages at several sizes, uncached and cached, against a plain page.

``make bench`` runs this script. In one run it

1. creates a scratch database (SQLite at ``.bench/bench-<sizes>.sqlite3``, or the PostgreSQL
   database in ``DATABASE_URL``, whose name must contain "bench" because it is wiped) and
   migrates it;
2. builds the example site: a HomePage (the plain-page baseline), the 政府信息公开 section,
   and beside each other one column per size (``--sizes``, default 45, 20,000 and 200,000
   items), each with four sub-columns holding its items, so that every column page has the
   same shape; the 年报 column with one computed report; and, for the page-API comparison,
   one plain page per size holding that many plain child pages. Items and plain pages are
   bulk-inserted (treebeard materialised paths computed here, one row per table of the page
   model chain, then the search index) because ``add_child`` + ``publish`` would take hours;
   the result is then checked (treebeard's ``find_problems``, counts, the pages render what
   they should);
3. requests every measured URL through Django's test client in this process (the "server
   time": middleware, routing, view, template rendering, SQL; no network, no HTTP server),
   ``DEBUG`` off, in three ways, interleaved in a shuffled order each round after a warm-up:
   *uncached* (``WAGTAIL_DISCLOSURE["PAGE_CACHE"]`` off), *cached through the middleware*
   (``PageCacheMiddleware``, when the package has it) and *cached through the hook* (the
   ``on_serve_page`` hook alone: a client whose middleware chain leaves the middleware out).
   Every cached request must be a hit (``X-Disclosure-Cache: hit``); any other answer is
   counted and reported. The page cache's store is a local-memory cache, or Redis with
   ``--cache-url``;
4. counts the SQL queries of each URL in each way, several times (the counts must not
   vary), and of more page numbers than it times;
5. runs the publish-then-read loop: read the column page, the item page and the section
   through the cache (hits), publish a change (a new title, or a new item) with Wagtail's
   API (``save_revision().publish()``), read them again at once and check that the change is
   there; every read without it is a stale read;
6. times the catalogue API's listing of a column's items against Wagtail's own pages API
   (v2, and v3 for information) listing plain pages of the same count;
7. prints Markdown tables (medians and 90th percentiles of wall-clock milliseconds, medians
   of this process's CPU milliseconds, which barely move when other processes compete for the
   CPU, and ratios to the plain page *uncached*), then one verdict line per goal of issue 14.

Speed is measured here and never asserted in the test suite; the query counts are asserted in
``tests/test_query_budget.py``. The figures and their discussion are in
``docs/explanation/performance.md``.

Usage::

    .venv/bin/python tests/benchmarks/run.py [--sizes 45,20000,200000] [--rounds 30]
        [--warmup 3] [--loop-rounds 50] [--reuse] [--cache-url redis://127.0.0.1:6379/0]
        [--skip-api] [--skip-loop] [--quick]
    DATABASE_URL=postgres://user:pass@127.0.0.1:5432/disclosure_bench \
        .venv/bin/python tests/benchmarks/run.py --reuse
"""

import argparse
import collections
import datetime
import os
import platform
import random
import statistics
import time

import common
from common import BENCH_DIR, cache_state, cpu_model, p90

SECTION_SLUG = "zfxxgk"
SUBCOLUMNS = [("gfxwj", "规范性文件"), ("gzdt", "工作动态"), ("ghjh", "规划计划"), ("qtwj", "其他文件")]
REPORT_INDEX_SLUG, REPORT_YEAR = "gknb", 2025
FILTER_YEAR = 2020
FILTER_KIND = "normative_document"
SEARCH_QUERY = "供销社"
FIRST_YEAR, LAST_DAY = 2013, datetime.date(2026, 6, 30)
DEFAULT_SIZES = (45, 20_000, 200_000)
QUICK = {"sizes": (45, 2_000), "rounds": 5, "warmup": 2, "loop_rounds": 6}

# The goals of issue 14 ("The column-page speed goal (decided)" and "Benchmarks").
CACHED_GOAL = 1.0       # a cached page <= the plain page uncached
FLAT_GOAL = 1.3         # uncached, the largest column <= 1.3x the smallest
LEAN_GOAL = 4.0         # uncached column page CPU <= 4x the plain page
API_GOAL = 1.2          # catalogue API listing <= 1.2x Wagtail's pages API listing

PAGE_CACHE_MIDDLEWARE = "wagtail_disclosure.caching.middleware.PageCacheMiddleware"

# The timed column URLs, per size. "search" is not in the flat-cost and lean goals (a keyword
# search is a goal of its own); it is in the cached goal like every cached URL.
COLUMN_KINDS = [
    ("first", "first page"),
    ("last", "last page"),
    ("year", f"year filter ({FILTER_YEAR})"),
    ("kind", "kind filter (规范性文件)"),
    ("past_end", "page number past the end"),
    ("search", f"keyword search ({SEARCH_QUERY})"),
]
GOAL_KINDS = [key for key, _ in COLUMN_KINDS if key != "search"]
# Counted only (uncached): the count must be the same for every page number and size.
COUNTED_KINDS = [
    ("page_2", "page 2"),
    ("page_mid", "a middle page"),
    ("year_kind", "year + kind filter"),
    ("year_kind_2", "year + kind filter, page 2"),
    ("year_last", "year filter, last page"),
]


def parse_sizes(text):
    sizes = tuple(sorted({int(part) for part in text.split(",") if part.strip()}))
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 45,20000,200000")
    return sizes


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=None,
                        help="items in the columns, comma-separated (default "
                             f"{','.join(map(str, DEFAULT_SIZES))}); the smallest and the "
                             "largest are compared for the flat-cost goal")
    parser.add_argument("--rounds", type=int, default=None,
                        help="measured requests per URL and way (default 30)")
    parser.add_argument("--warmup", type=int, default=None,
                        help="unmeasured requests per URL and way (default 3)")
    parser.add_argument("--loop-rounds", type=int, default=None,
                        help="rounds of the publish-then-read loop (default 50)")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the scratch database if it already holds the site of "
                             "these sizes")
    parser.add_argument("--cache-url", default="",
                        help="the page cache's store: a redis:// URL for Django's Redis "
                             "backend (default: a local-memory cache)")
    parser.add_argument("--skip-api", action="store_true",
                        help="leave out the page-API comparison")
    parser.add_argument("--skip-loop", action="store_true",
                        help="leave out the publish-then-read loop")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: sizes 45,2000, 5 rounds, 2 warm-up rounds, 6 loop "
                             "rounds (each can still be set); its figures are not for the docs")
    parser.add_argument("--seed", type=int, default=20_000)
    args = parser.parse_args(argv)
    defaults = QUICK if args.quick else {"sizes": DEFAULT_SIZES, "rounds": 30, "warmup": 3,
                                         "loop_rounds": 50}
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.cache_url and not args.cache_url.startswith(("redis://", "rediss://", "unix://")):
        parser.error("--cache-url must be a redis://, rediss:// or unix:// URL")
    if args.rounds < 1 or args.warmup < 1 or args.loop_rounds < 0:
        parser.error("--rounds and --warmup must be at least 1, --loop-rounds at least 0")
    return args


def sqlite_file(sizes):
    return BENCH_DIR / f"bench-{'-'.join(map(str, sizes))}.sqlite3"


def column_slug(size):
    return f"fdzdgknr-{size}"


def plain_slug(size):
    return f"plain-{size}"


# -- building the site ---------------------------------------------------------------------


TITLE_SUBJECTS = ["农村电子商务", "供销社综合改革", "农资储备", "社有企业安全生产", "基层社建设",
                  "农产品流通", "再生资源回收", "为农服务中心", "年度预算", "政府信息公开工作",
                  "新网工程", "冬春农资供应", "合作经济组织", "财务审计", "消防安全检查"]
TITLE_FORMS = ["关于{s}的通知", "关于印发{s}实施方案的通知", "{s}工作总结", "关于开展{s}工作的意见",
               "{s}情况通报", "区供销社{s}工作要点", "关于做好{s}的函", "{s}专项检查结果公示"]
KIND_WEIGHTS = {"other_document": 30, "work_news": 30, "normative_document": 10,
                "regulation": 2, "interpretation": 8, "plan_statistics": 10, "budget": 5,
                "power_result": 5}
ORGANS = [("温州市鹿城区供销合作社", "0143201"), ("温州市鹿城区供销合作社办公室", "0143202"),
          ("温州市鹿城区农资有限公司", "0143203")]


def place_column(column):
    """The bulk insert writes rows without ``save()``: the listing order index is built as the
    package documents for such paths (``catalogue.placements.place_below``), when it has one."""
    try:
        from wagtail_disclosure.catalogue.placements import place_below
    except ImportError:  # an earlier version of the package, measured for comparison
        return
    place_below(column)


def build_site(sizes, seed):
    """The example site with one column per size. Returns ``find_site(sizes)``."""
    from django.db import transaction
    from home.models import HomePage
    from wagtail.models import Page, Site

    from wagtail_disclosure.models import (
        DisclosureColumnPage,
        DisclosureIndexPage,
        PublishingOrgan,
    )

    with transaction.atomic():
        site = Site.objects.get(is_default_site=True)
        home = Page.get_first_root_node().add_child(instance=HomePage(
            title="区供销合作社", slug="agency",
            body="".join(f"<p>第{i}段：区供销合作社是为农服务的合作经济组织，"
                         "承担农资供应、农产品流通和再生资源回收等工作。</p>" for i in range(1, 6)),
        ))
        site.root_page = home
        site.site_name = "区供销合作社"
        site.save()
        section = home.add_child(instance=DisclosureIndexPage(
            title="政府信息公开", slug=SECTION_SLUG, office_name="区供销社办公室",
            office_phone="0577-88888888", request_channels=["in_person", "post", "online"],
        ))
        columns = {}
        for n, size in enumerate(sizes):
            column = section.add_child(instance=DisclosureColumnPage(
                title=f"法定主动公开内容（{size}条）", slug=column_slug(size),
                description="<p>本栏目公开本机关依法主动公开的政府信息。</p>",
            ))
            subcolumns = [column.add_child(instance=DisclosureColumnPage(title=title, slug=slug))
                          for slug, title in SUBCOLUMNS]
            # Organs of their own per column, so that the 索引号 of two columns never collide.
            organs = [PublishingOrgan.objects.create(name=f"{name}（{n + 1}）",
                                                     code=f"{code}{n:02d}")
                      for name, code in ORGANS]
            columns[size] = (column, subcolumns, organs)
        plain_parents = {size: home.add_child(instance=HomePage(
            title=f"普通页面（{size}个）", slug=plain_slug(size), body="<p>普通页面的列表。</p>"))
            for size in sizes}

    def step(what, fn, *args):
        started = time.perf_counter()
        result = fn(*args)
        print(f"  {what} in {time.perf_counter() - started:.1f} s", flush=True)
        return result

    rng = random.Random(seed)
    for size in sizes:
        column, subcolumns, organs = columns[size]
        item_ids = step(f"column of {size}: items inserted", bulk_create_items, subcolumns,
                        organs, size, rng)
        step(f"column of {size}: items placed", place_column, column)
        step(f"column of {size}: search index built", index_items, item_ids)
        step(f"{size} plain pages inserted", bulk_create_plain_pages, plain_parents[size], size)
    step("the 年报 column and a computed report", build_report, section)
    common.analyze_database()
    return find_site(sizes)


def build_report(section):
    """The 年报 column with one report, its figures computed from the site's items."""
    from wagtail_disclosure.reports.pages import AnnualReportIndexPage, AnnualReportPage

    index = section.add_child(instance=AnnualReportIndexPage(
        title="政府信息公开工作年度报告", slug=REPORT_INDEX_SLUG,
        intro="<p>本机关政府信息公开工作年度报告。</p>"))
    index.save_revision().publish()
    report = AnnualReportPage(title=f"区供销合作社{REPORT_YEAR}年政府信息公开工作年度报告",
                              slug=str(REPORT_YEAR), year=REPORT_YEAR)
    report.refresh_figures([])
    index.add_child(instance=report)
    report.save_revision().publish()


def bulk_create_plain_pages(parent, n_pages, batch_size=1000):
    """``n_pages`` plain pages (``HomePage``) below ``parent``, for Wagtail's pages API."""
    from django.utils import timezone
    from home.models import HomePage

    tz = timezone.get_current_timezone()
    span = (LAST_DAY - datetime.date(FIRST_YEAR, 1, 1)).days

    def rows():
        for n in range(1, n_pages + 1):
            day = datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(days=n * span // n_pages)
            at = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=tz)
            yield ({"title": f"普通页面第{n}篇", "slug": f"page-{n}", "live": True,
                    "first_published_at": at, "last_published_at": at},
                   {"body": f"<p>第{n}篇普通页面的正文。</p>"})

    common.bulk_create_pages(HomePage, [parent], rows(), batch_size)


def _random_items(rng, n_items, organs):
    """Deterministic item data, oldest first, with a unique 索引号 per organ and year."""
    from wagtail_disclosure.catalogue.index_numbers import format_index_number, serial_scope
    from wagtail_disclosure.conf import disclosure_settings
    from wagtail_disclosure.models import Topic

    topics = list(Topic.objects.filter(parent__isnull=False).order_by("pk"))
    span = (LAST_DAY - datetime.date(FIRST_YEAR, 1, 1)).days
    dates = sorted(datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(span))
                   for _ in range(n_items))
    kinds, weights = zip(*KIND_WEIGHTS.items())
    fmt = disclosure_settings.INDEX_NUMBER_FORMAT
    serials = {}
    for n, published_on in enumerate(dates, start=1):
        organ = organs[0] if rng.random() < 0.7 else rng.choice(organs[1:] or organs)
        scope = serial_scope(fmt, organ.index_code, published_on.year, published_on.month)
        serials[scope] = serials.get(scope, 0) + 1
        validity = rng.choices(["in_force", "repealed", "amended"], [85, 10, 5])[0]
        subject = rng.choice(TITLE_SUBJECTS)
        yield {
            "n": n,
            "title": rng.choice(TITLE_FORMS).format(s=subject) + f"（{n}）",
            "organ": organ,
            "index_number": format_index_number(fmt, organ.index_code, published_on.year,
                                                published_on.month, serials[scope]),
            "published_on": published_on,
            "formation_date": published_on - datetime.timedelta(days=rng.randrange(0, 20)),
            "kind": rng.choices(kinds, weights)[0],
            "topic": rng.choice(topics) if rng.random() < 0.9 else None,
            "validity": validity,
            "repeal_date": (published_on + datetime.timedelta(days=rng.randrange(30, 900))
                            if validity == "repealed" else None),
            "document_number": (f"鹿供社〔{published_on.year}〕{serials[scope]}号"
                                if rng.random() < 0.4 else ""),
            "summary": f"{subject}的有关事项。",
            "body": f"<p>各基层社、社有企业：现将{subject}的有关事项通知如下。</p>",
            "channels": ["weibo"] if rng.random() < 0.2 else [],
        }, scope



def bulk_create_items(parents, organs, n_items, rng, batch_size=500):
    """Insert published items under ``parents`` (round-robin) without add_child/publish
    (``common.bulk_create_pages``), and the index-number sequences to match."""
    from django.db import transaction
    from django.utils import timezone

    from wagtail_disclosure.models import DisclosureItemPage, IndexNumberSequence

    tz = timezone.get_current_timezone()
    last_serials = {}

    def rows():
        for data, scope in _random_items(rng, n_items, organs):
            n = data.pop("n")
            published_at = datetime.datetime.combine(
                data["published_on"], datetime.time(9, 0), tzinfo=tz)
            last_serials[scope] = max(last_serials.get(scope, 0),
                                      int(data["index_number"].rsplit("-", 1)[1]))
            yield ({"title": data["title"], "slug": f"item-{n}", "live": True,
                    "first_published_at": published_at, "last_published_at": published_at},
                   {key: data[key] for key in (
                       "index_number", "published_on", "formation_date", "kind", "topic",
                       "validity", "repeal_date", "document_number", "summary", "body",
                       "channels", "organ")})

    # items are numbered from 1: item n goes to parents[n % len(parents)], as before
    rotated = parents[1:] + parents[:1]
    with transaction.atomic():
        item_ids = common.bulk_create_pages(DisclosureItemPage, rotated, rows(), batch_size)
        IndexNumberSequence.objects.bulk_create(
            [IndexNumberSequence(scope=s, last_serial=v) for s, v in last_serials.items()])
    return item_ids




def index_items(item_ids, chunk=2000):
    """Add the bulk-created items to the search index, as publishing would.

    Indexing an item the ordinary way (``backend.add_bulk``) computes its ``search_text()``
    three times (once for each of the index's title, body and autocomplete columns) and reads
    its attachments with a query each time (``attachments_with_documents``): about 7 ms an
    item on SQLite, half an hour for 200,000. These items have no attachments, so here, for
    the bulk load only, ``search_text()`` is computed once per item and the attachments are
    the prefetched (empty) ones: the index rows are the same."""
    from wagtail.search.backends import get_search_backend

    from wagtail_disclosure.catalogue import pages as catalogue_pages
    from wagtail_disclosure.models import DisclosureItemPage

    backend = get_search_backend()
    cls = catalogue_pages.DisclosureItemPage
    original_text, original_attachments = cls.search_text, cls.attachments_with_documents

    def search_text_once(self):
        if "_bench_search_text" not in self.__dict__:
            self.__dict__["_bench_search_text"] = original_text(self)
        return self.__dict__["_bench_search_text"]

    cls.search_text = search_text_once
    cls.attachments_with_documents = property(lambda self: self.attachments.all())
    try:
        for start in range(0, len(item_ids), chunk):
            objs = list(DisclosureItemPage.objects.filter(pk__in=item_ids[start:start + chunk])
                        .prefetch_related("attachments"))
            backend.add_bulk(DisclosureItemPage, objs)
    finally:
        cls.search_text, cls.attachments_with_documents = original_text, original_attachments


def find_site(sizes):
    """The pages of an already-built bench site with a column of each of ``sizes``, or None."""
    from home.models import HomePage

    from wagtail_disclosure.models import DisclosureColumnPage, DisclosureIndexPage
    from wagtail_disclosure.reports.pages import AnnualReportIndexPage, AnnualReportPage

    section = DisclosureIndexPage.objects.filter(slug=SECTION_SLUG, depth=3).first()
    if section is None:
        return None
    home = section.get_parent().specific
    columns, plain = {}, {}
    for size in sizes:
        column = DisclosureColumnPage.objects.child_of(section).filter(
            slug=column_slug(size)).first()
        if column is None or column.items().count() != size:
            return None
        parent = HomePage.objects.child_of(home).filter(slug=plain_slug(size)).first()
        if parent is None or parent.get_children().live().count() != size:
            return None
        columns[size] = column
        plain[size] = parent
    if DisclosureColumnPage.objects.child_of(section).count() != len(sizes):
        return None  # built for other sizes too
    report_index = AnnualReportIndexPage.objects.child_of(section).first()
    report = AnnualReportPage.objects.live().child_of(report_index).first() if report_index \
        else None
    if report is None:
        return None
    return {"home": home, "section": section, "columns": columns, "plain": plain,
            "report_index": report_index, "report": report,
            "subcolumns": {size: list(DisclosureColumnPage.objects.child_of(column))
                           for size, column in columns.items()}}


# -- checking what was built ---------------------------------------------------------------


def newest_item(column):
    from wagtail_disclosure.models import DisclosureItemPage

    newest = column.items().order_by("-published_on", "-pk").first()
    return DisclosureItemPage.objects.get(pk=newest.pk)


def check_site(pages, sizes, client):
    """Fail loudly unless the bulk-created tree is a correct Wagtail tree that renders."""
    from wagtail_disclosure.conf import disclosure_settings

    started = time.perf_counter()
    how = common.check_tree([*(p for size in sizes for p in pages["subcolumns"][size]),
                             *pages["plain"].values()])
    for size in sizes:
        column = pages["columns"][size]
        assert column.items().count() == size, (size, column.items().count())
        newest = newest_item(column)
        oldest = column.items().order_by("published_on", "pk").first()
        response = client.get(column.url)
        html = response.content.decode()
        assert response.status_code == 200, response.status_code
        assert newest.title in html and newest.index_number in html and newest.url in html
        assert str(size) in html
        last = -(-size // disclosure_settings.PAGE_SIZE)
        html = client.get(f"{column.url}?page={last}").content.decode()
        assert oldest.title in html and oldest.index_number in html
        filtered = column.items().filter(published_on__year=FILTER_YEAR, kind=FILTER_KIND)
        html = client.get(f"{column.url}?year={FILTER_YEAR}&kind={FILTER_KIND}").content.decode()
        if filtered.exists():
            assert str(filtered.count()) in html
            assert filtered.order_by("-published_on", "-pk").first().title in html
        response = client.get(newest.url)
        html = response.content.decode()
        assert response.status_code == 200 and newest.index_number in html
        assert newest.organ.name in html and newest.get_parent().title in html
        html = client.get(f"{column.url}?q={SEARCH_QUERY}").content.decode()
        assert "wd-item-table" in html, f"the keyword search found nothing (column of {size})"
    for url in (pages["report_index"].url, pages["report"].url, pages["section"].url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    assert pages["report"].title in client.get(pages["report_index"].url).content.decode()
    print(f"  checked in {time.perf_counter() - started:.1f} s: tree consistent ({how}), "
          "columns of "
          f"{', '.join(map(str, sizes))} items, pages render")


# -- what is measured ----------------------------------------------------------------------


class Target:
    """One URL to time. ``cached``: also timed with the page cache on (the page type is
    cached); ``group``: plain, column, site, api, wagtail_api."""

    def __init__(self, key, label, url, group, cached, size=None, kind=None):
        self.key, self.label, self.url, self.group = key, label, url, group
        self.cached, self.size, self.kind = cached, size, kind


def column_urls(column, size):
    from wagtail_disclosure.conf import disclosure_settings

    per_page = disclosure_settings.PAGE_SIZE
    last = -(-size // per_page)
    year_count = column.items().filter(published_on__year=FILTER_YEAR).count()
    year_last = max(1, -(-year_count // per_page))
    url = column.url
    flt = f"year={FILTER_YEAR}&kind={FILTER_KIND}"
    timed = {
        "first": url,
        "last": f"{url}?page={last}",
        "year": f"{url}?year={FILTER_YEAR}",
        "kind": f"{url}?kind={FILTER_KIND}",
        "past_end": f"{url}?page={last + 1000}",
        "search": f"{url}?q={SEARCH_QUERY}",
    }
    counted = {
        "page_2": f"{url}?page=2",
        "page_mid": f"{url}?page={max(1, last // 2)}",
        "year_kind": f"{url}?{flt}",
        "year_kind_2": f"{url}?{flt}&page=2",
        "year_last": f"{url}?year={FILTER_YEAR}&page={year_last}",
    }
    return timed, counted, last


def measured_targets(pages, sizes, api_versions):
    """(timed targets, counted-only {key: url}, the "size:kind" keys of filters that find
    nothing: an empty page of results makes one query fewer, see performance.md)."""
    from wagtail_disclosure.conf import disclosure_settings

    per_page = disclosure_settings.PAGE_SIZE
    largest = max(sizes)
    labels = dict(COLUMN_KINDS)
    targets = [Target("plain", "Plain page (HomePage)", pages["home"].url, "plain", False)]
    counted, empty = {}, set()
    for size in sizes:
        timed, counts, last = column_urls(pages["columns"][size], size)
        for kind, url in timed.items():
            label = labels[kind] + (f" ({last})" if kind == "last" else "")
            targets.append(Target(f"{size}:{kind}", f"Column of {size}: {label}", url,
                                  "column", True, size, kind))
        counted.update({f"{size}:{kind}": url for kind, url in counts.items()})
        items = pages["columns"][size].items()
        results = {"year": items.filter(published_on__year=FILTER_YEAR).count(),
                   "kind": items.filter(kind=FILTER_KIND).count(),
                   "year_kind": items.filter(published_on__year=FILTER_YEAR,
                                             kind=FILTER_KIND).count()}
        results.update(year_last=results["year"], year_kind_2=results["year_kind"])
        empty.update(f"{size}:{kind}" for kind, n in results.items() if n == 0)
    item = newest_item(pages["columns"][largest])
    targets += [
        Target("section", "Section index page", pages["section"].url, "site", True),
        Target("item", f"Item page (column of {largest}, in a sub-column)", item.url, "site",
               True),
        Target("report_index", "Annual reports column (年报)", pages["report_index"].url,
               "site", True),
        Target("report", f"Annual report {REPORT_YEAR}", pages["report"].url, "site", True),
    ]
    if api_versions:
        for size in sizes:
            column, parent = pages["columns"][size], pages["plain"][size]
            last = -(-size // per_page)
            items = f"/api/disclosure/columns/{column.pk}/items"
            targets += [
                Target(f"api:{size}:first", f"Catalogue API, {size} items, first page", items,
                       "api", False, size, "first"),
                Target(f"api:{size}:last", f"Catalogue API, {size} items, last page",
                       f"{items}?page={last}", "api", False, size, "last"),
                Target(f"api:{size}:year", f"Catalogue API, {size} items, year filter",
                       f"{items}?year={FILTER_YEAR}", "api", False, size, "year"),
            ]
            offset = max(0, size - per_page)
            for version in api_versions:
                listing = f"/api/{version}/pages/?child_of={parent.pk}"
                targets += [
                    Target(f"{version}:{size}:first",
                           f"Wagtail API {version}, {size} plain pages, first page",
                           f"{listing}&limit={per_page}", "wagtail_api", False, size, "first"),
                    Target(f"{version}:{size}:last",
                           f"Wagtail API {version}, {size} plain pages, last page",
                           f"{listing}&limit={per_page}&offset={offset}", "wagtail_api",
                           False, size, "last"),
                ]
    return targets, counted, empty


def api_versions(client, pages):
    """The Wagtail page APIs the example project mounts and that answer here."""
    from django.conf import settings

    versions = []
    for version in ("v2", "v3"):
        if version == "v3" and not getattr(settings, "HAS_API_V3", False):
            continue
        parent = next(iter(pages["plain"].values()))
        response = client.get(f"/api/{version}/pages/?child_of={parent.pk}&limit=1")
        if response.status_code == 200:
            versions.append(version)
        else:
            print(f"  Wagtail API {version} answers {response.status_code}: left out")
    return versions


# -- measuring -----------------------------------------------------------------------------


class Way:
    """A way of serving: a test client and the page cache on or off."""

    def __init__(self, name, label, client, cache_on):
        self.name, self.label, self.client, self.cache_on = name, label, client, cache_on


def serving_ways(pages):
    """Uncached; cached through the middleware (when the package has it); cached through the
    ``on_serve_page`` hook alone."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    has_middleware = PAGE_CACHE_MIDDLEWARE in settings.MIDDLEWARE
    ways = [Way("uncached", "uncached", client, False)]
    if has_middleware:
        ways.append(Way("middleware", "cached, PageCacheMiddleware", client, True))
        hook_client = common.client_without_middleware(PAGE_CACHE_MIDDLEWARE, pages["home"].url)
        ways.append(Way("hook", "cached, on_serve_page hook only", hook_client, True))
    else:
        ways.append(Way("hook", "cached, on_serve_page hook only (no PageCacheMiddleware in "
                                "this version of the package)", client, True))
    return ways


def pairs_of(targets, ways):
    return [(t, w) for t in targets for w in ways if not w.cache_on or t.cached]


def measure(targets, ways, switch, rounds, warmup, seed):
    """Wall-clock and CPU milliseconds of each (URL, way), interleaved and shuffled, and the
    page cache's answer (``X-Disclosure-Cache``) to each timed request.

    The CPU time (of this process: Python and SQLite; a PostgreSQL server's work is not in
    it) is reported too because it barely moves when other processes compete for the CPU.
    """
    pairs = pairs_of(targets, ways)
    for _ in range(warmup):
        for target, way in pairs:
            switch.set(way.cache_on)
            response = way.client.get(target.url)
            assert response.status_code == 200, (target.url, way.name, response.status_code)
    after_warmup = {}
    for target, way in pairs:
        if way.cache_on:
            switch.set(True)
            after_warmup[target.key, way.name] = cache_state(way.client.get(target.url))
    wall = collections.defaultdict(list)
    cpu = collections.defaultdict(list)
    states = collections.defaultdict(collections.Counter)
    order = list(pairs)
    rng = random.Random(seed)
    for _ in range(rounds):
        rng.shuffle(order)
        for target, way in order:
            switch.set(way.cache_on)
            started, started_cpu = time.perf_counter(), time.process_time()
            response = way.client.get(target.url)
            wall[target.key, way.name].append((time.perf_counter() - started) * 1000)
            cpu[target.key, way.name].append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, (target.url, way.name, response.status_code)
            states[target.key, way.name][cache_state(response)] += 1
    return wall, cpu, states, after_warmup


def count_queries(way, switch, url, repeat=3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    switch.set(way.cache_on)
    counts = set()
    way.client.get(url)  # warm: the first request of a process fills per-process caches
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            response = way.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.add(len(ctx.captured_queries))
    return counts.pop() if len(counts) == 1 else f"varies: {sorted(counts)}"


# -- the publish-then-read loop ------------------------------------------------------------


def publish_loop(pages, ways, switch, rounds):
    """``rounds`` rounds of: read the column page, the newest item's page and the section
    through the cache (the second read of each must be a hit), publish a change with Wagtail's
    API (even rounds: a new title for the newest item, ``save_revision().publish()``; odd
    rounds: a new item, ``add_child()`` then ``save_revision().publish()``), then read the
    three pages once more at once: each read that does not show the new title is stale.
    The cached ways take turns. What the loop changed is undone at the end (new items
    deleted, the title put back), so that ``--reuse`` finds the site as it was built."""
    from wagtail_disclosure.models import DisclosureItemPage

    largest = max(pages["columns"])
    column, section = pages["columns"][largest], pages["section"]
    subcolumn = pages["subcolumns"][largest][0]
    cached_ways = [w for w in ways if w.cache_on]
    original = newest_item(column)
    original_title = original.title
    created = []
    result = {"rounds": rounds, "reads": 0, "stale": 0, "stale_details": [],
              "before": collections.Counter(), "after": collections.Counter(),
              "publish_ms": [], "ways": [w.name for w in cached_ways]}
    switch.set(True)
    try:
        for n in range(rounds):
            way = cached_ways[n % len(cached_ways)]
            item = newest_item(column)
            urls = [column.url, item.url, section.url]
            for url in urls:
                way.client.get(url)
                result["before"][cache_state(way.client.get(url))] += 1
            title = f"基准测试：第{n + 1}轮发布的标题"
            started = time.perf_counter()
            if n % 2 == 0:
                item.title = title
                item.save_revision().publish()
                changed_url = item.url
            else:
                new = DisclosureItemPage(
                    title=title, slug=f"bench-publish-{n + 1}", organ=original.organ,
                    kind="work_news", summary="发布后立即读取的测试。",
                    body="<p>发布后立即读取的测试。</p>")
                subcolumn.add_child(instance=new)
                new.save_revision().publish()
                created.append(new.pk)
                changed_url = new.url
            result["publish_ms"].append((time.perf_counter() - started) * 1000)
            for url in (column.url, changed_url, section.url):
                response = way.client.get(url)
                result["reads"] += 1
                result["after"][cache_state(response)] += 1
                if response.status_code != 200 or title not in response.content.decode():
                    result["stale"] += 1
                    result["stale_details"].append((n + 1, way.name, url,
                                                    response.status_code,
                                                    cache_state(response)))
    finally:
        for pk in created:
            DisclosureItemPage.objects.get(pk=pk).delete()
        item = DisclosureItemPage.objects.get(pk=original.pk)
        if item.title != original_title:
            item.title = original_title
            item.save_revision().publish()
    return result


# -- the report ----------------------------------------------------------------------------


def _fmt_ratio(value):
    return f"{value:.2f}×"


def report(targets, empty, ways, results, queries, counted_queries, loop, args, db):
    import django
    import wagtail

    wall, cpu, states, after_warmup = results
    sizes = args.sizes
    med_wall = {key: statistics.median(values) for key, values in wall.items()}
    med_cpu = {key: statistics.median(values) for key, values in cpu.items()}
    plain_wall, plain_cpu = med_wall["plain", "uncached"], med_cpu["plain", "uncached"]
    cached_ways = [w for w in ways if w.cache_on]
    by_key = {t.key: t for t in targets}

    print()
    print(f"Date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} cores, "
          f"{cpu_model()}; load average before the run {args.load}; Python "
          f"{platform.python_version()}, Django {django.get_version()}, Wagtail "
          f"{wagtail.__version__}; database: {db}.")
    print(f"Columns of {', '.join(map(str, sizes))} items; {args.rounds} rounds after "
          f"{args.warmup} warm-up rounds, every (URL, way) in a shuffled order each round; "
          "in-process (Django test client), DEBUG off.")
    print(f"Page cache store: {args.cache_desc}. Serving paths measured: "
          + "; ".join(f"{w.name} = {w.label}" for w in ways) + ".")
    print("Ratios (×plain) are to the plain page *uncached*: CPU median "
          f"{plain_cpu:.1f} ms, wall-clock median {plain_wall:.1f} ms.")

    # 1. every URL, uncached and cached, side by side
    print()
    head = ("| Page | Uncached wall median (ms) | p90 | CPU median (ms) | CPU ×plain "
            "| Queries |")
    rule = "|---|---:|---:|---:|---:|---:|"
    for way in cached_ways:
        head += (f" {way.name}: CPU median (ms) | CPU ×plain | wall ×plain | Queries "
                 "| Hits |")
        rule += "---:|---:|---:|---:|---:|"
    print(head)
    print(rule)
    for target in targets:
        if target.group not in ("plain", "column", "site"):
            continue
        key = target.key
        row = (f"| {target.label} | {med_wall[key, 'uncached']:.1f} "
               f"| {p90(wall[key, 'uncached']):.1f} | {med_cpu[key, 'uncached']:.1f} "
               f"| {_fmt_ratio(med_cpu[key, 'uncached'] / plain_cpu)} "
               f"| {queries[key, 'uncached']} |")
        for way in cached_ways:
            if target.cached:
                hits = states[key, way.name]["hit"]
                total = sum(states[key, way.name].values())
                row += (f" {med_cpu[key, way.name]:.2f} "
                        f"| {_fmt_ratio(med_cpu[key, way.name] / plain_cpu)} "
                        f"| {_fmt_ratio(med_wall[key, way.name] / plain_wall)} "
                        f"| {queries[key, way.name]} | {hits}/{total} |")
            else:
                row += " — | — | — | — | — |"
        print(row)

    # 2. the column pages by size, uncached
    print()
    smallest, largest = sizes[0], sizes[-1]
    head = "| Column page, uncached |"
    rule = "|---|"
    for size in sizes:
        head += f" {size}: CPU (ms) | {size}: queries |"
        rule += "---:|---:|"
    head += f" CPU {largest} / {smallest} | wall {largest} / {smallest} |"
    rule += "---:|---:|"
    print(head)
    print(rule)
    for kind, label in COLUMN_KINDS:
        row = f"| {label} |"
        for size in sizes:
            row += f" {med_cpu[f'{size}:{kind}', 'uncached']:.1f} " \
                   f"| {queries[f'{size}:{kind}', 'uncached']} |"
        big, small = (f"{largest}:{kind}", "uncached"), (f"{smallest}:{kind}", "uncached")
        row += (f" {_fmt_ratio(med_cpu[big] / med_cpu[small])} "
                f"| {_fmt_ratio(med_wall[big] / med_wall[small])} |")
        print(row)
    for kind, label in COUNTED_KINDS:
        row = f"| {label} (counted only) |"
        for size in sizes:
            row += f" — | {counted_queries[f'{size}:{kind}']} |"
        print(row + " — | — |")

    # 3. the page APIs
    api_targets = [t for t in targets if t.group in ("api", "wagtail_api")]
    if api_targets:
        print()
        print("| Page API listing (20 a page), uncached | CPU median (ms) | wall median (ms) "
              "| p90 (ms) | Queries |")
        print("|---|---:|---:|---:|---:|")
        for target in api_targets:
            key = target.key
            print(f"| {target.label} | {med_cpu[key, 'uncached']:.1f} "
                  f"| {med_wall[key, 'uncached']:.1f} | {p90(wall[key, 'uncached']):.1f} "
                  f"| {queries[key, 'uncached']} |")

    # 4. the publish-then-read loop
    if loop is not None:
        print()
        before, after = loop["before"], loop["after"]
        print(f"Publish-then-read loop: {loop['rounds']} rounds (new title / new item in turn, "
              f"ways {' and '.join(loop['ways'])} in turn), column of {largest}: second read "
              f"before publishing: {before['hit']} hits of {sum(before.values())}"
              f" ({dict(before)}); reads after publishing: {loop['reads']} "
              f"({dict(after)}); publish median "
              f"{statistics.median(loop['publish_ms']) if loop['publish_ms'] else 0:.0f} ms.")
        for detail in loop["stale_details"][:10]:
            print(f"  stale: round {detail[0]}, {detail[1]}, {detail[2]}: status {detail[3]}, "
                  f"cache {detail[4]}")

    # 5. the verdicts
    print()
    problems = [f"{by_key[key].label} ({way}): {state}" for (key, way), state
                in after_warmup.items() if state != "hit"]
    problems += [f"{by_key[key].label} ({way}): {dict(counter)}" for (key, way), counter
                 in states.items() if way != "uncached" and set(counter) != {"hit"}]
    if problems:
        print("WARNING: not every cached measurement was a hit, so the cached figures of "
              "these are not of hits: " + "; ".join(problems))
    verdict = lambda ok: "met" if ok else "MISSED"  # noqa: E731
    for way in cached_ways:
        cached_keys = [t.key for t in targets if t.cached]
        worst_key = max(cached_keys, key=lambda k: med_cpu[k, way.name])
        worst = med_cpu[worst_key, way.name] / plain_cpu
        worst_wall_key = max(cached_keys, key=lambda k: med_wall[k, way.name])
        worst_wall = med_wall[worst_wall_key, way.name] / plain_wall
        all_hits = not any(f"({way.name})" in p for p in problems)
        print(f"Goal cached ({way.name}{'' if way.name == 'middleware' else ', no middleware'}"
              f"): every cached URL <= {CACHED_GOAL}x the plain page "
              f"uncached: worst CPU {worst:.2f}x ({by_key[worst_key].label}), worst wall "
              f"{worst_wall:.2f}x ({by_key[worst_wall_key].label})"
              f"{'' if all_hits else ', NOT ALL HITS'} -> "
              f"{verdict(worst <= CACHED_GOAL and all_hits)}")
    if loop is not None:
        print(f"Goal fresh: a publication is visible on the very next request: "
              f"{loop['stale']} stale reads of {loop['reads']} -> {verdict(loop['stale'] == 0)}")
    ratios = {kind: med_cpu[f"{largest}:{kind}", "uncached"]
              / med_cpu[f"{smallest}:{kind}", "uncached"] for kind in GOAL_KINDS}
    worst_kind = max(ratios, key=ratios.get)
    # A filter that finds nothing makes one query fewer (no rows to read): compared only
    # between the sizes where it finds something.
    same = {}
    for kind, _ in COLUMN_KINDS:
        same[kind] = {queries[f"{size}:{kind}", "uncached"] for size in sizes
                      if f"{size}:{kind}" not in empty}
    for kind, _ in COUNTED_KINDS:
        same[kind] = {counted_queries[f"{size}:{kind}"] for size in sizes
                      if f"{size}:{kind}" not in empty}
    differing = {kind: sorted(map(str, counts)) for kind, counts in same.items()
                 if len(counts) != 1 or not all(isinstance(c, int) for c in counts)}
    flat_queries = not any(kind in differing for kind in GOAL_KINDS)
    flat_wall = max(med_wall[f"{largest}:{kind}", "uncached"]
                    / med_wall[f"{smallest}:{kind}", "uncached"] for kind in GOAL_KINDS)
    print(f"Goal flat: uncached, the column of {largest} <= {FLAT_GOAL}x the column of "
          f"{smallest} (CPU medians, all but the keyword search): worst {ratios[worst_kind]:.2f}x "
          f"({dict(COLUMN_KINDS)[worst_kind]}; worst wall-clock {flat_wall:.2f}x); same query "
          f"count {'yes' if flat_queries else 'no'} -> "
          f"{verdict(ratios[worst_kind] <= FLAT_GOAL and flat_queries)}")
    search_ratio = (med_cpu[f"{largest}:search", "uncached"]
                    / med_cpu[f"{smallest}:search", "uncached"])
    print(f"  For information: keyword search, column of {largest} / column of {smallest}: "
          f"{search_ratio:.2f}x CPU")
    unfiltered = {kind: same[kind] for kind in ("first", "last", "past_end", "page_2",
                                               "page_mid")}
    print("Same query count at every size (every timed and counted page kind): "
          + ("yes" if not differing else "no, " + "; ".join(
              f"{kind}: {counts}" for kind, counts in differing.items()))
          + f" (unfiltered pages: {sorted(set().union(*unfiltered.values()), key=str)}) -> "
          + verdict(not differing))
    if empty:
        print("  Left out of that comparison, filters that find nothing (one query fewer, "
              "as documented): " + ", ".join(sorted(empty)))
    lean = {size: max((med_cpu[f"{size}:{kind}", "uncached"] / plain_cpu, kind)
                      for kind in GOAL_KINDS) for size in sizes}
    worst_size = max(lean, key=lambda s: lean[s][0])
    print(f"Goal lean: uncached column page CPU <= {LEAN_GOAL}x the plain page (all but the "
          "keyword search, every size): worst "
          + ", ".join(f"{size}: {lean[size][0]:.2f}x ({dict(COLUMN_KINDS)[lean[size][1]]})"
                      for size in sizes)
          + f" -> {verdict(lean[worst_size][0] <= LEAN_GOAL)}")
    if api_targets:
        api_ratios = []
        for size in sizes:
            for kind in ("first", "last"):
                ours = med_cpu[f"api:{size}:{kind}", "uncached"]
                theirs = med_cpu[f"v2:{size}:{kind}", "uncached"]
                api_ratios.append((ours / theirs, size, kind))
        worst_api = max(api_ratios)
        api_queries = {queries[f"api:{size}:{kind}", "uncached"] for size in sizes
                       for kind in ("first", "last")}
        wagtail_queries = {queries[f"v2:{size}:{kind}", "uncached"] for size in sizes
                           for kind in ("first", "last")}
        print(f"Goal API: the catalogue API's listing <= {API_GOAL}x Wagtail's API v2 listing "
              "of as many plain pages (CPU medians, first and last pages, every size): "
              + ", ".join(f"{size} {kind} {ratio:.2f}x" for ratio, size, kind in api_ratios)
              + f"; queries: catalogue {sorted(map(str, api_queries))}, Wagtail "
              f"{sorted(map(str, wagtail_queries))} -> "
              f"{verdict(worst_api[0] <= API_GOAL and len(api_queries) == 1)}")


def main(argv=None):
    args = parse_args(argv)
    args.load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    if args.cache_url:
        os.environ["DISCLOSURE_BENCH_CACHE_URL"] = args.cache_url
    db_file = sqlite_file(args.sizes)
    common.configure_environment(db_file, settings_module="bench_settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    if args.cache_url:
        store = caches[settings.WAGTAIL_DISCLOSURE["PAGE_CACHE_ALIAS"]]
        store.set("ping", 1)  # fail now if the server cannot be reached
        args.cache_desc = f"Redis ({args.cache_url}, Django's RedisCache)"
    else:
        args.cache_desc = "local memory (Django's LocMemCache)"

    pages = common.prepare_site(db_file, args.reuse, find_site, build_site, args.sizes,
                                args.seed)
    db = common.database_description(db_file)
    switch = common.PageCacheSwitch()
    try:
        switch.set(False)
        check_site(pages, args.sizes, Client())
        ways = serving_ways(pages)
        versions = [] if args.skip_api else api_versions(ways[0].client, pages)
        targets, counted, empty = measured_targets(pages, args.sizes, versions)
        pairs = pairs_of(targets, ways)
        print(f"Measuring {len(targets)} URLs, {len(pairs)} (URL, way) pairs x {args.rounds} "
              f"rounds...", flush=True)
        started = time.perf_counter()
        results = measure(targets, ways, switch, args.rounds, args.warmup, args.seed)
        print(f"  measured in {time.perf_counter() - started:.0f} s; counting queries...",
              flush=True)
        queries = {(t.key, w.name): count_queries(w, switch, t.url) for t, w in pairs}
        counted_queries = {key: count_queries(ways[0], switch, url)
                           for key, url in counted.items()}
        loop = None
        if not args.skip_loop and args.loop_rounds:
            print(f"Publish-then-read loop, {args.loop_rounds} rounds...", flush=True)
            loop = publish_loop(pages, ways, switch, args.loop_rounds)
    finally:
        switch.close()
    report(targets, empty, ways, results, queries, counted_queries, loop, args, db)


if __name__ == "__main__":
    main()
