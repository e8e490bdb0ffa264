#!/usr/bin/env python
r"""Benchmark: a column with 20,000 items against a plain Wagtail page of the same site.

``make bench`` runs this script. It

1. creates a scratch database (SQLite at ``.bench/bench.sqlite3``, or the PostgreSQL database
   in ``DATABASE_URL``, whose name must contain "bench" because it is wiped) and migrates it;
2. builds the example site: a HomePage (the plain-page baseline), the 政府信息公开 section, a
   column with four sub-columns and 20,000 published items below them, and beside it a
   column of 45 items (same depth: its pages must cost the same number of queries). The
   items are bulk-inserted (treebeard materialised paths computed here, one row per table
   of the page model chain, e.g. ``wagtailcore_page`` + ``…_disclosureitempage``, then the
   search index) because 20,000 ``add_child`` + ``publish`` calls would take most of an
   hour; the result is then checked (treebeard's ``find_problems``, counts, the pages render
   what they should);
3. requests every measured URL in turn, in a shuffled order each round, through Django's test
   client in this process (the "server time": middleware, routing, view, template rendering,
   SQL; no network, no HTTP server), after a warm-up, with ``DEBUG`` off;
4. counts the SQL queries of each URL, several times (the counts must not vary);
5. prints Markdown tables: median and 90th-percentile wall-clock milliseconds, the ratio of
   the median to the plain page's, the median CPU time of this process (steadier when other
   processes compete for the CPU; a PostgreSQL server's work is not in it), the number of
   queries; then the two goals, met or missed.

Speed is measured here and never asserted in the test suite; the query counts are asserted in
``tests/test_query_budget.py``. The figures and their discussion are in
``docs/explanation/performance.md``.

Usage::

    .venv/bin/python tests/benchmarks/run.py [--items 20000] [--rounds 30] [--reuse]
    DATABASE_URL=postgres://user:pass@127.0.0.1:5432/disclosure_bench \
        .venv/bin/python tests/benchmarks/run.py
"""

import argparse
import datetime
import os
import platform
import random
import statistics
import time

import common
from common import BENCH_DIR, cpu_model, p90

SQLITE_FILE = BENCH_DIR / "bench.sqlite3"

SECTION_SLUG = "zfxxgk"
COLUMN_SLUG = "fdzdgknr"
SUBCOLUMNS = [("gfxwj", "规范性文件"), ("gzdt", "工作动态"), ("ghjh", "规划计划"), ("qtwj", "其他文件")]
SMALL_COLUMN_SLUG, SMALL_COLUMN_ITEMS = "ysqgk", 45
FILTER_YEAR = 2020
FILTER_KIND = "normative_document"
SEARCH_QUERY = "供销社"
FIRST_YEAR, LAST_DAY = 2013, datetime.date(2026, 6, 30)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=20_000, help="items in the column")
    parser.add_argument("--rounds", type=int, default=30, help="measured requests per URL")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests per URL")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the scratch database if it already holds the site")
    parser.add_argument("--seed", type=int, default=20_000)
    return parser.parse_args()





def configure_environment():
    common.configure_environment(SQLITE_FILE)


def reset_database():
    common.reset_database(SQLITE_FILE)


def database_description():
    return common.database_description(SQLITE_FILE)


# -- the database ------------------------------------------------------------------------








# -- building the site ---------------------------------------------------------------------


TITLE_SUBJECTS = ["农村电子商务", "供销社综合改革", "农资储备", "社有企业安全生产", "基层社建设",
                  "农产品流通", "再生资源回收", "为农服务中心", "年度预算", "政府信息公开工作",
                  "新网工程", "冬春农资供应", "合作经济组织", "财务审计", "消防安全检查"]
TITLE_FORMS = ["关于{s}的通知", "关于印发{s}实施方案的通知", "{s}工作总结", "关于开展{s}工作的意见",
               "{s}情况通报", "区供销社{s}工作要点", "关于做好{s}的函", "{s}专项检查结果公示"]
KIND_WEIGHTS = {"other_document": 30, "work_news": 30, "normative_document": 10,
                "regulation": 2, "interpretation": 8, "plan_statistics": 10, "budget": 5,
                "power_result": 5}


def build_site(n_items, seed):
    """The example site with a column of ``n_items`` items. Returns a dict of its pages."""
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
        organs = [
            PublishingOrgan.objects.create(name="温州市鹿城区供销合作社", code="014320144"),
            PublishingOrgan.objects.create(name="温州市鹿城区供销合作社办公室", code="014320152"),
            PublishingOrgan.objects.create(name="温州市鹿城区农资有限公司", code="91330302MA2AB0001P"),
        ]
        section = home.add_child(instance=DisclosureIndexPage(
            title="政府信息公开", slug=SECTION_SLUG, office_name="区供销社办公室",
            office_phone="0577-88888888", request_channels=["in_person", "post", "online"],
        ))
        column = section.add_child(instance=DisclosureColumnPage(
            title="法定主动公开内容", slug=COLUMN_SLUG,
            description="<p>本栏目公开本机关依法主动公开的政府信息。</p>",
        ))
        subcolumns = [column.add_child(instance=DisclosureColumnPage(title=title, slug=slug))
                      for slug, title in SUBCOLUMNS]
        # A small column at the same depth: its page must cost the same number of queries.
        small = section.add_child(instance=DisclosureColumnPage(
            title="依申请公开", slug=SMALL_COLUMN_SLUG))
        small_organ = PublishingOrgan.objects.create(name="温州市鹿城区供销合作社信息中心",
                                                     code="014320160")

    started = time.perf_counter()
    rng = random.Random(seed)
    item_ids = bulk_create_items(subcolumns, organs, n_items, rng)
    # Another organ, so that its index numbers cannot collide with the big column's.
    item_ids += bulk_create_items([small], [small_organ], SMALL_COLUMN_ITEMS, rng)
    print(f"  {len(item_ids)} items inserted in {time.perf_counter() - started:.1f} s",
          flush=True)
    started = time.perf_counter()
    index_items(item_ids)
    print(f"  search index built in {time.perf_counter() - started:.1f} s", flush=True)
    for page in [column, *subcolumns, small]:
        page.refresh_from_db()
    return {"home": home, "section": section, "column": column, "subcolumns": subcolumns,
            "small": small}


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


def index_items(item_ids, chunk=1000):
    """Add the bulk-created items to the search index (as publishing would)."""
    from wagtail.search.backends import get_search_backend

    from wagtail_disclosure.models import DisclosureItemPage

    backend = get_search_backend()
    for start in range(0, len(item_ids), chunk):
        objs = list(DisclosureItemPage.objects.filter(pk__in=item_ids[start:start + chunk])
                    .prefetch_related("attachments"))
        backend.add_bulk(DisclosureItemPage, objs)


def find_site(n_items):
    """The pages of an already-built bench site holding ``n_items`` items, or None."""
    from wagtail_disclosure.models import DisclosureColumnPage

    column = DisclosureColumnPage.objects.filter(slug=COLUMN_SLUG, depth=4).first()
    if column is None or column.items().count() != n_items:
        return None
    section = column.get_parent().specific
    small = DisclosureColumnPage.objects.child_of(section).get(slug=SMALL_COLUMN_SLUG)
    return {"home": section.get_parent().specific, "section": section, "column": column,
            "subcolumns": list(DisclosureColumnPage.objects.child_of(column)), "small": small}


# -- checking what was built ---------------------------------------------------------------


def check_site(pages, n_items, client):
    """Fail loudly unless the bulk-created tree is a correct Wagtail tree that renders."""
    from wagtail.models import Page

    from wagtail_disclosure.conf import disclosure_settings
    from wagtail_disclosure.models import DisclosureItemPage

    column = pages["column"]
    problems = Page.find_problems()
    assert not any(problems), f"treebeard finds problems in the page tree: {problems}"
    assert column.items().count() == n_items, column.items().count()
    assert pages["small"].items().count() == SMALL_COLUMN_ITEMS
    for parent in [*pages["subcolumns"], pages["small"]]:
        assert parent.numchild == parent.get_children().count()

    newest = column.items().order_by("-published_on", "-pk").first()
    oldest = column.items().order_by("published_on", "pk").first()
    response = client.get(column.url)
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert newest.title in html and newest.index_number in html and newest.url in html
    assert str(n_items) in html
    last = -(-n_items // disclosure_settings.PAGE_SIZE)
    html = client.get(f"{column.url}?page={last}").content.decode()
    assert oldest.title in html and oldest.index_number in html

    filtered = column.items().filter(published_on__year=FILTER_YEAR, kind=FILTER_KIND)
    html = client.get(f"{column.url}?year={FILTER_YEAR}&kind={FILTER_KIND}").content.decode()
    assert filtered.count() > 0
    assert str(filtered.count()) in html
    assert filtered.order_by("-published_on", "-pk").first().title in html

    item = DisclosureItemPage.objects.get(pk=newest.pk)
    response = client.get(item.url)
    html = response.content.decode()
    assert response.status_code == 200 and item.index_number in html and item.organ.name in html
    assert item.get_parent().title in html  # breadcrumbs

    html = client.get(f"{column.url}?q={SEARCH_QUERY}").content.decode()
    assert "wd-item-table" in html, "the keyword search found nothing"
    print(f"  checked: tree consistent, {n_items} items in the column, pages render")


# -- measuring -----------------------------------------------------------------------------


def measured_urls(pages, n_items):
    from wagtail_disclosure.conf import disclosure_settings

    column = pages["column"]
    size = disclosure_settings.PAGE_SIZE
    last = -(-n_items // size)
    filtered = column.items().filter(published_on__year=FILTER_YEAR, kind=FILTER_KIND).count()
    last_filtered = max(1, -(-filtered // size))
    flt = f"year={FILTER_YEAR}&kind={FILTER_KIND}"
    timed = [
        ("plain", "Plain page (HomePage)", pages["home"].url, True),
        ("first", "Column, first page", column.url, True),
        ("last", f"Column, last page ({last})", f"{column.url}?page={last}", True),
        ("filtered_first", "Column, year + kind filter, first page", f"{column.url}?{flt}", True),
        ("filtered_last", f"Column, year + kind filter, last page ({last_filtered})",
         f"{column.url}?{flt}&page={last_filtered}", True),
        ("search", "Column, keyword search (information)", f"{column.url}?q={SEARCH_QUERY}",
         False),
        ("small", f"A column of {SMALL_COLUMN_ITEMS} items, first page (information)",
         pages["small"].url, False),
        ("section", "Section index page (information)", pages["section"].url, False),
        ("item", "Item page, in a sub-column (information)",
         column.items().order_by("-published_on", "-pk").first().url, False),
    ]
    # Counted only: the count must be the same for every page number and column size.
    counted = [
        ("page_2", "Column, page 2", f"{column.url}?page=2"),
        ("page_mid", f"Column, page {last // 2}", f"{column.url}?page={last // 2}"),
        ("page_past_end", "Column, page past the end (shows the last)",
         f"{column.url}?page={last + 1000}"),
        ("filtered_mid", "Column, filter, page 2", f"{column.url}?{flt}&page=2"),
        ("small_first",
         f"Another column at the same depth ({SMALL_COLUMN_ITEMS} items), first page",
         pages["small"].url),
        ("small_last", f"Another column ({SMALL_COLUMN_ITEMS} items), last page",
         f"{pages['small'].url}?page={-(-SMALL_COLUMN_ITEMS // size)}"),
    ]
    return timed, counted


def count_queries(client, url, repeat=3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = set()
    client.get(url)  # warm: the first request of a process also fills per-process caches
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.add(len(ctx.captured_queries))
    return counts.pop() if len(counts) == 1 else f"varies: {sorted(counts)}"


def measure(client, timed, rounds, warmup, seed):
    """Wall-clock and CPU milliseconds of each request, URLs interleaved and shuffled.

    The CPU time (of this process: Python and SQLite; a PostgreSQL server's work is not in
    it) is reported too because it barely moves when other processes compete for the CPU.
    """
    for _ in range(warmup):
        for _, _, url, _ in timed:
            assert client.get(url).status_code == 200, url
    wall = {key: [] for key, *_ in timed}
    cpu = {key: [] for key, *_ in timed}
    order = list(timed)
    rng = random.Random(seed)
    for _ in range(rounds):
        rng.shuffle(order)
        for key, _, url, _ in order:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall[key].append((time.perf_counter() - started) * 1000)
            cpu[key].append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return wall, cpu








def report(timed, counted, wall, cpu, queries, args, db):
    import django
    import wagtail

    plain = statistics.median(wall["plain"])
    plain_cpu = statistics.median(cpu["plain"])
    print()
    print(f"Date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} cores, "
          f"{cpu_model()}; load average before the run {args.load}; Python "
          f"{platform.python_version()}, Django {django.get_version()}, Wagtail "
          f"{wagtail.__version__}; database: {db}.")
    print(f"{args.items} items; {args.rounds} rounds after {args.warmup} warm-up rounds, URLs "
          "in a shuffled order each round; in-process (Django test client), DEBUG off.")
    print()
    print("| Page | Median (ms) | p90 (ms) | Median / plain | CPU median (ms) | CPU / plain "
          "| SQL queries |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key, label, _, _ in timed:
        median, median_cpu = statistics.median(wall[key]), statistics.median(cpu[key])
        print(f"| {label} | {median:.1f} | {p90(wall[key]):.1f} | {median / plain:.2f}× "
              f"| {median_cpu:.1f} | {median_cpu / plain_cpu:.2f}× | {queries[key]} |")
    print()
    print("| Counted only | SQL queries |")
    print("|---|---:|")
    for key, label, _ in counted:
        print(f"| {label} | {queries[key]} |")
    print()

    goal_keys = [key for key, _, _, in_goal in timed if in_goal and key != "plain"]
    worst = max(statistics.median(wall[k]) / plain for k in goal_keys)
    print(f"Goal 1 (median <= 1.5x the plain page, column pages): worst {worst:.2f}x -> "
          f"{'met' if worst <= 1.5 else 'MISSED'}")
    scaling = statistics.median(wall["first"]) / statistics.median(wall["small"])
    print(f"For information: the column of {args.items} items costs {scaling:.2f}x the column "
          f"of {SMALL_COLUMN_ITEMS} items (first pages, medians)")
    unfiltered = {queries[k] for k in ("first", "last", "page_2", "page_mid", "page_past_end",
                                       "small_first", "small_last")}
    filtered = {queries[k] for k in ("filtered_first", "filtered_last", "filtered_mid")}
    same = len(unfiltered) == 1 and len(filtered) == 1 and all(
        isinstance(v, int) for v in unfiltered | filtered)
    print(f"Goal 2 (same query count for every page number and column size): "
          f"unfiltered {sorted(map(str, unfiltered))}, filtered {sorted(map(str, filtered))} "
          f"-> {'met' if same else 'MISSED'}")


def main():
    args = parse_args()
    args.load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    configure_environment()

    import django

    django.setup()
    from django.test import Client

    pages = common.prepare_site(SQLITE_FILE, args.reuse, find_site, build_site, args.items,
                                args.seed)
    db = database_description()

    client = Client()
    check_site(pages, args.items, client)
    timed, counted = measured_urls(pages, args.items)
    print(f"Measuring {len(timed)} URLs x {args.rounds} rounds...", flush=True)
    wall, cpu = measure(client, timed, args.rounds, args.warmup, args.seed)
    queries = {key: count_queries(client, url) for key, _, url, _ in timed}
    queries.update({key: count_queries(client, url) for key, _, url in counted})
    report(timed, counted, wall, cpu, queries, args, db)


if __name__ == "__main__":
    main()
