#!/usr/bin/env python
r"""Benchmark: the annual report's statistics against hand-written GROUP BY queries.

``make bench`` runs this script after ``run.py`` and ``requests_bench.py``. It

1. prepares a scratch database (SQLite at ``.bench/reports.sqlite3``, or the PostgreSQL
   database in ``DATABASE_URL``, whose name must contain "bench" because it is wiped when it
   is built), once: a database that already holds the data is reused (``--rebuild`` builds it
   again). The data: six publishing organs; 200,000 information requests received from
   January 2024 to October 2026 (applicant types and organisation kinds, statuses, every
   outcome of table 三, answers and closures, some concluded the next year, some still open,
   deadlines), bulk-inserted (``bulk_create``); 100,000 ``DisclosureItemPage`` rows published
   since 2016 in four columns (every kind, 规章 and 行政规范性文件 among them; formation dates;
   validity and repeal dates; other publication channels; a few drafts), inserted in bulk with
   their treebeard paths (``common.bulk_create_pages``, the way ``run.py`` builds its column;
   not added to the search index, which the statistics do not read); 1,000 reconsideration
   and litigation cases; 2,000 fee notices;
2. checks that the hand-written queries give the same figures as ``statistics.compute``;
3. times, interleaved (every target once per round, in a shuffled order each round, after
   warm-up rounds), the median wall-clock and CPU milliseconds of:

   - (a) ``statistics.compute(2025)``, every organ, and with two organs
     (``compute(2025, organs)``, which adds the organs' names and the per-organ table);
   - (b) one hand-written GROUP BY over the same request rows that yields table 三: by
     applicant type, organisation kind and outcome, with the same WHERE and conditional counts
     of the new, carried over, concluded and carried forward requests;
   - (c) one hand-written GROUP BY over the live items that yields table 二's 规章 and
     行政规范性文件 rows (issued, repealed, in force at the end of the year);
   - (b) and (c) with the same two organs; for information, each of ``compute``'s own
     queries alone and a bare ``COUNT(*)`` GROUP BY (the floor of any table 三 query);

4. prints Markdown tables, the ratios of (a) to (b) + (c) and to (b) alone (the issue's
   goal: within 2x), and ``compute``'s query count. ``--explain`` prints each query's plan
   (``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN ANALYZE`` on PostgreSQL).

The figures and their discussion are in ``docs/explanation/performance.md`` (section "Annual
report statistics").

Usage::

    .venv/bin/python tests/benchmarks/reports_bench.py [--rounds 15] [--explain] [--rebuild]
    DATABASE_URL=postgres://user:pass@127.0.0.1:5432/disclosure_reports_bench \
        .venv/bin/python tests/benchmarks/reports_bench.py
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

SQLITE_FILE = BENCH_DIR / "reports.sqlite3"

YEAR = 2025
REQUESTS_FROM, REQUESTS_TO = datetime.date(2024, 1, 1), datetime.date(2026, 10, 31)
ITEMS_FROM = datetime.date(2016, 1, 1)
SECTION_SLUG = "zfxxgk"
COLUMNS = [("fdzdgknr", "法定主动公开内容"), ("gfxwj", "规范性文件"), ("gzdt", "工作动态"),
           ("qtwj", "其他文件")]
# (name, 组织机构代码, weight among the requests and the items). The report "with organs"
# covers the first two.
ORGANS = [("温州市鹿城区人民政府", "002570119", 30),
          ("温州市鹿城区人民政府办公室", "002570127", 15),
          ("温州市鹿城区发展和改革局", "002570135", 15),
          ("温州市鹿城区市场监督管理局", "002570143", 20),
          ("温州市鹿城区自然资源和规划局", "002570151", 12),
          ("温州市鹿城区供销合作社", "014320144", 8)]
REPORT_ORGANS = 2


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=15, help="measured runs per target")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs per target")
    parser.add_argument("--rebuild", action="store_true",
                        help="build the data again even if the database already holds it")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--seed", type=int, default=2025)
    return parser.parse_args()


# -- building the data -----------------------------------------------------------------------

APPLICANTS = {"natural_person": 85, "organisation": 15}
ORGANISATION_KINDS = {"business": 55, "legal_services": 15, "research": 5,
                      "public_interest": 5, "other": 15, "": 5}  # "": an old row, no kind
CHANNELS = common.REQUEST_CHANNELS
DELIVERIES = common.REQUEST_DELIVERIES
RECENT_DAYS = common.RECENT_DAYS
RECENT_STATUSES = common.RECENT_STATUSES
OLD_STATUSES = common.OLD_STATUSES
# Every row of table 三 that an answer records (the national table's groups 一 to 五).
ANSWER_OUTCOMES = {"disclosed": 40, "partially_disclosed": 14, "withheld_state_secret": 0.3,
                   "withheld_prohibited_by_law": 1, "withheld_security_stability": 0.3,
                   "withheld_third_party": 3, "withheld_internal_affairs": 2,
                   "withheld_process_information": 3, "withheld_enforcement_file": 0.5,
                   "withheld_administrative_query": 0.5, "unavailable_not_held": 20,
                   "unavailable_needs_creation": 3, "unavailable_still_unclear": 2,
                   "not_processed_petition": 6, "not_processed_repeat": 4,
                   "not_processed_publication": 2, "not_processed_excessive": 0.3,
                   "not_processed_confirmation": 0.5, "": 0.1}  # "": an old row, no outcome
CLOSE_OUTCOMES = {"other_no_correction": 60, "other_unpaid_fee": 10, "other": 30}
# How long a request takes, in calendar days (the statutory 20 working days are about 28).
DURATIONS = [((3, 21), 80), ((21, 29), 14), ((29, 70), 6)]

ITEM_KINDS = {"other_document": 30, "work_news": 30, "normative_document": 10,
              "regulation": 2, "interpretation": 8, "plan_statistics": 10, "budget": 5,
              "power_result": 5}
ITEM_VALIDITY = {"in_force": 85, "repealed": 10, "amended": 3, "expired": 2}
ITEM_CHANNELS = ["weibo", "wechat", "gazette", "press_conference", "internal_report"]
SUBJECTS = ["农村电子商务", "城市更新", "农资储备", "安全生产", "基层治理", "营商环境",
            "再生资源回收", "老旧小区改造", "年度预算", "政府信息公开工作", "市场监管",
            "国土空间规划", "冬春农资供应", "消防安全检查", "民生实事项目"]
TITLE_FORMS = ["关于{s}的通知", "关于印发{s}实施方案的通知", "{s}工作总结", "关于开展{s}工作的意见",
               "{s}情况通报", "{s}工作要点", "关于做好{s}的函", "{s}专项检查结果公示"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"]


def _pick(rng, weights):
    keys, values = zip(*weights.items())
    return rng.choices(keys, values)[0]


def _dates(rng, n, first, last):
    span = (last - first).days + 1
    return sorted(first + datetime.timedelta(days=rng.randrange(span)) for _ in range(n))


def build_site(sizes, seed):
    """Organs, the section and its columns, the items, requests, cases and fee notices."""
    from django.db import transaction
    from home.models import HomePage
    from wagtail.models import Page, Site

    from wagtail_disclosure.models import (
        DisclosureColumnPage,
        DisclosureIndexPage,
        PublishingOrgan,
    )

    n_requests, n_items = sizes
    rng = random.Random(seed)
    with transaction.atomic():
        site = Site.objects.get(is_default_site=True)
        home = Page.get_first_root_node().add_child(instance=HomePage(
            title="鹿城区人民政府", slug="agency"))
        site.root_page = home
        site.site_name = "鹿城区人民政府"
        site.save()
        section = home.add_child(instance=DisclosureIndexPage(
            title="政府信息公开", slug=SECTION_SLUG, office_name="区政府办公室",
            office_phone="0577-88888888", request_channels=["in_person", "post", "online"]))
        columns = [section.add_child(instance=DisclosureColumnPage(title=title, slug=slug))
                   for slug, title in COLUMNS]
        organs = [PublishingOrgan.objects.create(name=name, code=code)
                  for name, code, _weight in ORGANS]

    started = time.perf_counter()
    bulk_create_items(columns, organs, n_items, rng)
    print(f"  {n_items} items inserted in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    request_ids = bulk_create_requests(organs, n_requests, rng)
    print(f"  {n_requests} requests inserted in {time.perf_counter() - started:.1f} s",
          flush=True)
    create_cases_and_fees(organs, request_ids, rng)
    common.analyze_database()
    return find_site(sizes)


def _random_items(rng, n_items, organs, serials):
    """(page fields, item fields) of ``n_items`` items, oldest first; ``serials`` receives
    the last 索引号 serial of each scope."""
    from django.utils import timezone

    from wagtail_disclosure.catalogue.index_numbers import format_index_number, serial_scope
    from wagtail_disclosure.conf import disclosure_settings

    tz = timezone.get_current_timezone()
    index_format = disclosure_settings.INDEX_NUMBER_FORMAT
    weights = [weight for *_rest, weight in ORGANS]
    for n, published_on in enumerate(_dates(rng, n_items, ITEMS_FROM, REQUESTS_TO), start=1):
        organ = rng.choices(organs, weights)[0]
        kind = _pick(rng, ITEM_KINDS)
        subject = rng.choice(SUBJECTS)
        title = rng.choice(TITLE_FORMS).format(s=subject) + f"（{n}）"
        state = rng.random()
        if state < 0.015:  # a draft, never published
            live, published_on, index_number = False, None, None
        else:
            live = state >= 0.02  # 0.5 %: published, then unpublished
            scope = serial_scope(index_format, organ.index_code, published_on.year,
                                 published_on.month)
            serials[scope] = serials.get(scope, 0) + 1
            index_number = format_index_number(index_format, organ.index_code,
                                               published_on.year, published_on.month,
                                               serials[scope])
        written_on = (published_on or REQUESTS_TO) - datetime.timedelta(days=rng.randrange(0, 25))
        validity = _pick(rng, ITEM_VALIDITY)
        repeal_date = None
        if validity != "in_force":
            repeal_date = written_on + datetime.timedelta(days=rng.randrange(60, 2000))
        elif rng.random() < 0.03:  # in force, with a set expiry date still to come
            repeal_date = written_on + datetime.timedelta(days=rng.randrange(1500, 3000))
        channels = []
        if published_on and rng.random() < 0.35:
            channels = sorted(rng.sample(ITEM_CHANNELS, rng.choice([1, 1, 1, 2, 3])))
        published_at = (datetime.datetime.combine(published_on, datetime.time(9), tzinfo=tz)
                        if published_on else None)
        yield {"title": title, "slug": f"item-{n}", "live": live,
               "first_published_at": published_at, "last_published_at": published_at}, {
            "index_number": index_number, "organ_id": organ.pk, "published_on": published_on,
            # 成文日期: entered on nine items in ten; the report falls back on 发布日期
            "formation_date": written_on if rng.random() < 0.9 else None,
            "kind": kind, "validity": validity, "repeal_date": repeal_date,
            "document_number": (f"鹿政发〔{written_on.year}〕{n % 97 + 1}号"
                                if kind in ("regulation", "normative_document") else ""),
            "summary": f"{subject}的有关事项。",
            "body": f"<p>现将{subject}的有关事项通知如下。</p>",
            "channels": channels,
        }


def bulk_create_items(columns, organs, n_items, rng):
    from wagtail_disclosure.models import DisclosureItemPage, IndexNumberSequence

    serials = {}
    ids = common.bulk_create_pages(DisclosureItemPage, columns,
                                   _random_items(rng, n_items, organs, serials))
    IndexNumberSequence.objects.bulk_create(
        [IndexNumberSequence(scope=s, last_serial=v) for s, v in serials.items()])
    return ids


def _random_requests(rng, n_requests, organs):
    """InformationRequest field dicts, oldest first."""
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    weights = [weight for *_rest, weight in ORGANS]
    serials = {}
    for n, received_on in enumerate(_dates(rng, n_requests, REQUESTS_FROM, REQUESTS_TO), 1):
        serials[received_on.year] = serials.get(received_on.year, 0) + 1
        applicant_type = _pick(rng, APPLICANTS)
        person = applicant_type == "natural_person"
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        recent = (REQUESTS_TO - received_on).days <= RECENT_DAYS
        status = _pick(rng, RECENT_STATUSES if recent else OLD_STATUSES)
        (low, high), = rng.choices([d for d, _w in DURATIONS], [w for _d, w in DURATIONS])
        concluded_on = received_on + datetime.timedelta(days=rng.randrange(low, high))
        if status in ("answered", "closed", "withdrawn") and concluded_on > REQUESTS_TO:
            status = "in_progress"  # not concluded yet on the data's last day
        due_on = received_on + datetime.timedelta(days=28)
        extension = 0
        if status == "extended" or (concluded_on > due_on and rng.random() < 0.7):
            extension, due_on = 20, due_on + datetime.timedelta(days=28)
        row = {
            "tracking_number": f"{received_on.year}-{serials[received_on.year]:06d}",
            "access_code_hash": f"bench${n:064x}",
            "organ_id": rng.choices(organs, weights)[0].pk if rng.random() < 0.99 else None,
            "channel": _pick(rng, CHANNELS),
            "submitted_at": datetime.datetime.combine(received_on, datetime.time(10),
                                                      tzinfo=tz),
            "received_on": received_on, "clock_started_on": received_on,
            "applicant_type": applicant_type,
            "organisation_kind": "" if person else _pick(rng, ORGANISATION_KINDS),
            "name": name if person else f"温州{name}贸易有限公司",
            "id_type": "resident_id" if person else "",
            "id_number": f"330302{1950 + n % 50}{n % 12 + 1:02d}{n % 28 + 1:02d}{n % 10000:04d}"
            if person else "",
            "organisation_code": "" if person else f"91330302MA{n:08d}",
            "phone": f"138{n:08d}",
            "description": f"{received_on.year}年度{rng.choice(SUBJECTS)}的有关文件",
            "form": "electronic" if rng.random() < 0.7 else "paper",
            "delivery": _pick(rng, DELIVERIES),
            "status": status, "due_on": due_on, "extension_days": extension,
            "correction_notice_due_on": received_on + datetime.timedelta(days=7),
            "outcome": "", "answered_on": None, "closed_on": None,
        }
        if status == "answered":
            row["answered_on"], row["outcome"] = concluded_on, _pick(rng, ANSWER_OUTCOMES)
        elif status == "closed":
            if rng.random() < 0.5:  # answered, then closed
                row["answered_on"], row["outcome"] = concluded_on, _pick(rng, ANSWER_OUTCOMES)
                row["closed_on"] = min(REQUESTS_TO, concluded_on + datetime.timedelta(days=5))
            else:  # ended without an answer on the merits
                row["closed_on"], row["outcome"] = concluded_on, _pick(rng, CLOSE_OUTCOMES)
        elif status == "withdrawn":
            row["closed_on"], row["outcome"] = concluded_on, "other"
        elif status == "awaiting_correction":
            row["correction_due_on"] = received_on + datetime.timedelta(days=20)
        yield row


def bulk_create_requests(organs, n_requests, rng, batch_size=2000):
    from django.db import transaction

    from wagtail_disclosure.models import IndexNumberSequence
    from wagtail_disclosure.requests.models import InformationRequest

    last = {}
    with transaction.atomic():
        batch = []
        for row in _random_requests(rng, n_requests, organs):
            year, serial = row["tracking_number"].split("-")
            last[year] = int(serial)
            batch.append(InformationRequest(**row))
            if len(batch) == batch_size:
                InformationRequest.objects.bulk_create(batch)
                batch = []
        if batch:
            InformationRequest.objects.bulk_create(batch)
        IndexNumberSequence.objects.bulk_create(
            [IndexNumberSequence(scope=f"request:{year}", last_serial=serial)
             for year, serial in last.items()])
    return list(InformationRequest.objects.filter(outcome__gt="").values_list(
        "pk", "organ_id", "received_on", "answered_on"))


def create_cases_and_fees(organs, concluded, rng, n_cases=1000, n_fees=2000):
    """Reconsideration and litigation cases (table 四), fee notices (section 六)."""
    from wagtail_disclosure.reports.models import ReviewCase
    from wagtail_disclosure.requests.models import FeeNotice

    cases = []
    for pk, organ_id, _received, answered_on in rng.sample(concluded, n_cases):
        filed_on = (answered_on or REQUESTS_TO) + datetime.timedelta(days=rng.randrange(5, 90))
        case = ReviewCase(kind=_pick(rng, {"reconsideration": 60, "lawsuit_direct": 25,
                                           "lawsuit_after_reconsideration": 15}),
                          case_number=f"鹿政复〔{filed_on.year}〕{pk}号", request_id=pk,
                          organ_id=organ_id, filed_on=filed_on)
        decided_on = filed_on + datetime.timedelta(days=rng.randrange(30, 240))
        if decided_on <= REQUESTS_TO and rng.random() < 0.9:
            case.result = _pick(rng, {"upheld": 60, "corrected": 15, "other": 25})
            case.concluded_on = decided_on
        cases.append(case)
    ReviewCase.objects.bulk_create(cases)
    notices = []
    for pk, _organ, received_on, _answered in rng.sample(concluded, n_fees):
        issued_on = received_on + datetime.timedelta(days=rng.randrange(3, 15))
        per_item = rng.random() < 0.6
        quantity = rng.randrange(1, 40)
        notices.append(FeeNotice(
            request_id=pk, method="per_item" if per_item else "per_page", quantity=quantity,
            amount=(100 * quantity if per_item else 10 * quantity), issued_on=issued_on,
            pay_by=issued_on + datetime.timedelta(days=20),
            paid_on=issued_on + datetime.timedelta(days=rng.randrange(1, 20))
            if rng.random() < 0.7 else None))
    FeeNotice.objects.bulk_create(notices)


def find_site(sizes):
    """The organs of an already-built database holding ``sizes`` rows, or None."""
    from wagtail_disclosure.models import DisclosureItemPage, PublishingOrgan
    from wagtail_disclosure.reports.models import ReviewCase
    from wagtail_disclosure.requests.models import InformationRequest

    n_requests, n_items = sizes
    organs = list(PublishingOrgan.objects.filter(code__in=[c for _n, c, _w in ORGANS])
                  .order_by("pk"))
    if (len(organs) != len(ORGANS) or InformationRequest.objects.count() != n_requests
            or DisclosureItemPage.objects.count() != n_items
            or not ReviewCase.objects.exists()):
        return None
    return {"organs": organs}


# -- what is measured ------------------------------------------------------------------------


def hand_written_queries():
    """The SQL of the hand-written queries: (b) table 三, (c) table 二, the bare count."""
    from django.db import connection

    from wagtail_disclosure.models import DisclosureItemPage
    from wagtail_disclosure.requests.models import InformationRequest

    q = connection.ops.quote_name
    requests = q(InformationRequest._meta.db_table)
    items = q(DisclosureItemPage._meta.db_table)
    pages = q(DisclosureItemPage._meta.get_parent_list()[-1]._meta.db_table)
    item_pk = q(DisclosureItemPage._meta.pk.column)
    # (b): everything table 三 needs, per column (applicant type + organisation kind) and
    # outcome. A request is in the report of the year if received by its end and not
    # concluded before its start; "concluded" is the answer's day, else the closing day.
    table_3 = f"""
        SELECT applicant_type, organisation_kind, outcome,
               SUM(CASE WHEN received_on >= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN received_on < %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN COALESCE(answered_on, closed_on) <= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN COALESCE(answered_on, closed_on) <= %s THEN 0 ELSE 1 END)
        FROM {requests}
        WHERE received_on <= %s
          AND (COALESCE(answered_on, closed_on) IS NULL
               OR COALESCE(answered_on, closed_on) >= %s){{organs}}
        GROUP BY applicant_type, organisation_kind, outcome"""
    bare = f"""
        SELECT applicant_type, organisation_kind, outcome, COUNT(*)
        FROM {requests}
        WHERE received_on <= %s
          AND (COALESCE(answered_on, closed_on) IS NULL
               OR COALESCE(answered_on, closed_on) >= %s)
        GROUP BY applicant_type, organisation_kind, outcome"""
    # (c): table 二's 规章 and 行政规范性文件 rows from the live items of those two kinds.
    table_2 = f"""
        SELECT i.kind,
               SUM(CASE WHEN COALESCE(i.formation_date, i.published_on) >= %s
                         AND COALESCE(i.formation_date, i.published_on) <= %s
                        THEN 1 ELSE 0 END),
               SUM(CASE WHEN i.validity = 'repealed' AND i.repeal_date >= %s
                         AND i.repeal_date <= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN COALESCE(i.formation_date, i.published_on) <= %s
                         AND (i.validity = 'in_force' OR i.repeal_date > %s)
                        THEN 1 ELSE 0 END)
        FROM {items} i JOIN {pages} p ON p.id = i.{item_pk}
        WHERE p.live AND i.kind IN ('regulation', 'normative_document'){{organs}}
        GROUP BY i.kind"""
    return table_3, table_2, bare


def make_targets(organ_ids):
    """(key, label, function) of every timed target."""
    from django.db import connection

    from wagtail_disclosure.reports import statistics as stats_module

    table_3, table_2, bare = hand_written_queries()
    start, end = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
    in_organs = ", ".join(["%s"] * len(organ_ids))

    def run_sql(sql, params):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        run.sql, run.params = sql, params
        return run

    b_params = [start, start, end, end, end, start]
    c_params = [start, end, start, end, end, end]
    return [
        ("compute", f"(a) `statistics.compute({YEAR})`, every organ",
         lambda: stats_module.compute(YEAR)),
        ("table3", "(b) hand-written GROUP BY, table 三",
         run_sql(table_3.format(organs=""), b_params)),
        ("table2", "(c) hand-written GROUP BY, table 二 (规章, 规范性文件)",
         run_sql(table_2.format(organs=""), c_params)),
        ("compute_organs", f"(a) `compute({YEAR}, organs)`, {len(organ_ids)} organs",
         lambda: stats_module.compute(YEAR, organ_ids)),
        ("table3_organs", f"(b) table 三, {len(organ_ids)} organs",
         run_sql(table_3.format(organs=f" AND organ_id IN ({in_organs})"),
                 b_params + organ_ids)),
        ("table2_organs", f"(c) table 二, {len(organ_ids)} organs",
         run_sql(table_2.format(organs=f" AND i.organ_id IN ({in_organs})"),
                 c_params + organ_ids)),
        ("bare", "Bare `COUNT(*)` GROUP BY of the requests (information)",
         run_sql(bare, [end, start])),
        ("part_items", "`compute`'s items query alone, `item_figures` (information)",
         lambda: stats_module.item_figures(YEAR)),
        ("part_requests", "`compute`'s requests query alone, `request_figures` (information)",
         lambda: stats_module.request_figures(YEAR)),
        ("part_reviews", "`compute`'s cases query alone, `review_figures` (information)",
         lambda: stats_module.review_figures(YEAR)),
        ("part_fees", "`compute`'s fees query alone, `fees_collected` (information)",
         lambda: stats_module.fees_collected(YEAR)),
    ]


# -- checking --------------------------------------------------------------------------------


def check(targets, organ_ids):
    """Fail loudly unless the hand-written queries give ``compute``'s figures; return the
    2025 figures of the dataset (for the record)."""
    from wagtail_disclosure.reports import format as fmt
    from wagtail_disclosure.reports import statistics as stats_module

    by_key = {key: fn for key, _label, fn in targets}

    def table_3(rows):
        groups = [{"applicant_type": a, "organisation_kind": k, "outcome": o, "new": new,
                   "carried_over": old, "concluded": done, "carried_forward": left}
                  for a, k, o, new, old, done, left in rows]
        return stats_module.requests_table(groups)

    def table_2(rows):
        return {kind: {"issued": issued, "repealed": repealed, "in_force": in_force}
                for kind, issued, repealed, in_force in rows}

    for suffix, organs in (("", None), ("_organs", organ_ids)):
        stats = stats_module.compute(YEAR, organs)
        assert table_3(by_key["table3" + suffix]()) == stats["requests"], suffix
        proactive = table_2(by_key["table2" + suffix]())
        for kind in ("regulation", "normative_document"):
            assert proactive.get(kind) == stats["proactive"][kind], (kind, proactive, stats)
    stats = stats_module.compute(YEAR)
    row = {key: fmt.request_row(stats, key)["values"][6]
           for key in ("new", "carried_over", "total", "carried_forward")}
    assert row["new"] + row["carried_over"] == row["total"] + row["carried_forward"], row
    groups = len(by_key["table3"]())
    print(f"  checked: (b) and (c) give compute's tables 三 and 二, with and without organs; "
          f"{YEAR}: {row['new']} new, {row['carried_over']} carried over, {row['total']} "
          f"concluded, {row['carried_forward']} carried forward; {groups} groups in (b)")
    return {**row, "groups_b": groups, "groups_compute": len(stats_module.request_figures(YEAR)),
            "proactive": {k: stats["proactive"][k] for k in ("regulation", "normative_document")},
            "published": stats["channels"]["total"], "review": sum(stats["review_litigation"]),
            "fees": stats["fees_collected_yuan"]}


def count_queries(fn, repeat=3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = set()
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            fn()
        counts.add(len(ctx.captured_queries))
    return counts.pop() if len(counts) == 1 else f"varies: {sorted(counts)}"


def measure(targets, rounds, warmup, seed):
    """Wall-clock and CPU milliseconds of each target, interleaved, shuffled each round."""
    for _ in range(warmup):
        for _key, _label, fn in targets:
            fn()
    wall = {key: [] for key, *_ in targets}
    cpu = {key: [] for key, *_ in targets}
    order = list(targets)
    rng = random.Random(seed)
    for _ in range(rounds):
        rng.shuffle(order)
        for key, _label, fn in order:
            started, started_cpu = time.perf_counter(), time.process_time()
            fn()
            wall[key].append((time.perf_counter() - started) * 1000)
            cpu[key].append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def explain(targets):
    """Print the plan of each of compute's queries and of the hand-written ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_disclosure.reports import statistics as stats_module

    with CaptureQueriesContext(connection) as ctx:
        stats_module.compute(YEAR)
    queries = [("compute", q["sql"], None) for q in ctx.captured_queries]
    by_key = {key: fn for key, _label, fn in targets}
    queries += [(key, by_key[key].sql, by_key[key].params) for key in ("table3", "table2")]
    prefix = ("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite"
              else "EXPLAIN (ANALYZE, BUFFERS) ")
    for key, sql, params in queries:
        print(f"\n-- {key}: {' '.join(sql.split())[:300]}…")
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            for row in cursor.fetchall():
                print("   ", " | ".join(str(v) for v in row))


def report(targets, wall, cpu, queries, figures, args, db):
    import django
    import wagtail

    med = {k: statistics.median(v) for k, v in wall.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    print()
    print(f"Date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} cores, "
          f"{cpu_model()}; load average before the run {args.load}; Python "
          f"{platform.python_version()}, Django {django.get_version()}, Wagtail "
          f"{wagtail.__version__}; database: {db}.")
    print(f"{args.requests} requests, {args.items} items; report year {YEAR}: "
          f"{figures['new']} new, {figures['carried_over']} carried over, "
          f"{figures['total']} concluded, {figures['carried_forward']} carried forward; "
          f"groups: {figures['groups_b']} in (b), {figures['groups_compute']} in compute's "
          f"(with the organ); {args.rounds} rounds after {args.warmup} warm-up rounds, "
          "targets in a shuffled order each round; in-process, DEBUG off.")
    print()
    print("| Target | Median (ms) | p90 (ms) | CPU median (ms) | SQL queries |")
    print("|---|---:|---:|---:|---:|")
    for key, label, _fn in targets:
        print(f"| {label} | {med[key]:.1f} | {p90(wall[key]):.1f} | {med_cpu[key]:.1f} "
              f"| {queries[key]} |")
    print()

    def ratio(a, *parts):
        return med[a] / sum(med[p] for p in parts), med_cpu[a] / sum(med_cpu[p] for p in parts)

    lines = [("compute / ((b) + (c))", ratio("compute", "table3", "table2"), True),
             ("compute / (b)", ratio("compute", "table3"), False),
             ("compute(organs) / ((b) + (c), organs)",
              ratio("compute_organs", "table3_organs", "table2_organs"), True),
             ("compute(organs) / (b, organs)", ratio("compute_organs", "table3_organs"),
              False)]
    # The CPU time is this process's: on SQLite it includes the database's work; on PostgreSQL
    # it leaves out the server's, so a ratio of CPU times would mean nothing there.
    sqlite = db.startswith("SQLite")
    for text, (r_wall, r_cpu), goal in lines:
        verdict = f" -> {'met' if r_wall <= 2 else 'MISSED'} (goal: within 2x)" if goal else ""
        cpu_text = f" (CPU {r_cpu:.2f}x)" if sqlite else ""
        print(f"Ratio {text}: {r_wall:.2f}x{cpu_text}{verdict}")


def main():
    args = parse_args()
    args.load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    run_started = time.perf_counter()
    common.configure_environment(SQLITE_FILE)

    import django

    django.setup()

    site = common.prepare_site(SQLITE_FILE, not args.rebuild, find_site, build_site,
                               (args.requests, args.items), args.seed)
    db = common.database_description(SQLITE_FILE)
    organ_ids = [organ.pk for organ in site["organs"][:REPORT_ORGANS]]
    targets = make_targets(organ_ids)
    figures = check(targets, organ_ids)
    if args.explain:
        explain(targets)
    print(f"Measuring {len(targets)} targets x {args.rounds} rounds...", flush=True)
    wall, cpu = measure(targets, args.rounds, args.warmup, args.seed)
    queries = {key: count_queries(fn) for key, _label, fn in targets}
    report(targets, wall, cpu, queries, figures, args, db)
    print(f"\nThe whole run took {time.perf_counter() - run_started:.0f} s.")


if __name__ == "__main__":
    main()
