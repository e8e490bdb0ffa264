#!/usr/bin/env python
r"""Benchmark: the information-request form against a Wagtail form page, and the request listing.

``make bench`` runs this script after ``run.py``. It

1. creates a scratch database (SQLite at ``.bench/requests.sqlite3``, or the PostgreSQL database
   in ``DATABASE_URL``, whose name must contain "bench" because it is wiped) and migrates it;
2. builds a site: the 政府信息公开 section with its ``RequestFormPage`` (the package's form) and,
   at the same depth, a ``RequestBaselineFormPage`` (the example project's plain
   ``wagtail.contrib.forms`` page) whose form fields mirror ours: same names, same kinds of
   field (no file field: the form builder has none); then 100,000 information requests,
   bulk-inserted (``bulk_create``), received over five years, with the statuses, outcomes,
   handlers and deadlines such a register would hold;
3. requests every measured URL in turn, in a shuffled order each round, through Django's test
   client in this process (middleware, routing, view, forms, templates, SQL; no network, no
   HTTP server), after a warm-up, with ``DEBUG`` off, rate limiting off and Django's in-memory
   email backend: the GET of each form page, a valid POST to each (ours answers with a
   redirect to its "submitted" page, the baseline with its landing page), and the admin
   listing ``/admin/disclosure/requests/`` as a superuser (first page, last page, a filtered
   page, sorted by due date); every request a POST stored is deleted after it, outside the
   timing, so that each request meets the same database. Then the XLSX export of one year of
   requests, and its CSV export, a few times each (``--export-rounds``; 0 leaves them out);
4. counts the SQL queries of each URL, several times (the counts must not vary);
5. prints Markdown tables: median and 90th-percentile wall-clock milliseconds, the ratio of our
   form's median to the baseline's for the same action, the median CPU time of this process
   (a PostgreSQL server's work is not in it), the number of queries; then the verdicts: our
   submit against the baseline's, and whether the listing's query count is the same for the
   first, last and filtered pages.

Speed is measured here and never asserted in the test suite; the query counts are asserted in
``tests/test_request_query_budget.py``. The figures and their discussion are in
``docs/explanation/performance.md`` (section "Information requests").

Usage::

    .venv/bin/python tests/benchmarks/requests_bench.py [--requests 100000] [--rounds 30]
        [--export-rounds 3] [--reuse]
    DATABASE_URL=postgres://user:pass@127.0.0.1:5432/disclosure_requests_bench \
        .venv/bin/python tests/benchmarks/requests_bench.py
"""

import argparse
import datetime
import os
import platform
import random
import re
import statistics
import time

import common
from common import BENCH_DIR, cpu_model, p90

SQLITE_FILE = BENCH_DIR / "requests.sqlite3"

LISTING = "/admin/disclosure/requests/"
FILTER = "status=in_progress&overdue=1"
EXPORT_YEAR = datetime.date.today().year - 1  # the last whole year of requests
YEARS = 5
KNOWN_ACCESS_CODE = "BNCH-2026-CODE"  # the access code of the request the "submitted" page shows
STAFF_EMAIL = "gkb@example.org"
ADMIN_USERNAME = "bench-admin"
VIEWER_USERNAME = "bench-viewer"

# The baseline's form fields: our RequestForm's field names and kinds (labels and choices as the
# Chinese form shows them). Ours has more: the organisation's fields, the attachments and the
# honeypot; the form builder has no file field.
BASELINE_FIELDS = [
    ("applicant_type", "申请人类型", "radio", True, "自然人\n法人或者其他组织"),
    ("name", "姓名或者名称", "singleline", True, ""),
    ("id_type", "身份证件类型", "dropdown", False,
     "居民身份证\n护照\n港澳居民来往内地通行证\n台湾居民来往大陆通行证\n外国人永久居留身份证\n其他身份证件"),
    ("id_number", "身份证件号码", "singleline", False, ""),
    ("phone", "联系电话", "singleline", False, ""),
    ("email", "电子邮箱", "email", False, ""),
    ("address", "通信地址", "singleline", False, ""),
    ("postcode", "邮政编码", "singleline", False, ""),
    ("description", "所需政府信息的名称、文号或者便于查询的其他特征性描述", "multiline", True, ""),
    ("document_number", "文号", "singleline", False, ""),
    ("purpose", "用途（选填）", "multiline", False, ""),
    ("form", "信息的载体形式", "radio", True, "纸质\n电子"),
    ("delivery", "获取信息的方式", "radio", True, "邮寄\n电子邮件\n自行领取\n当场阅读"),
    ("consent", "我已阅读并同意个人信息告知", "checkbox", True, ""),
]
BASELINE_DATA = {
    "applicant_type": "自然人", "name": "张三", "id_type": "居民身份证",
    "id_number": "11010519491231002X", "phone": "13800138000", "email": "zhangsan@example.com",
    "address": "温州市鹿城区人民路1号", "postcode": "325000",
    "description": "2024年度区供销社农资储备资金使用情况", "document_number": "", "purpose": "",
    "form": "电子", "delivery": "电子邮件", "consent": "on",
}
INTRO = ("<p>公民、法人或者其他组织可以向本机关申请获取政府信息。请如实填写申请表，"
         "本机关自收到申请之日起20个工作日内予以答复。</p>")
PRIVACY = "<p>我们仅为办理您的申请收集您的个人信息，保存期限依照档案管理规定。</p>"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100_000,
                        help="information requests in the register")
    parser.add_argument("--rounds", type=int, default=30, help="measured requests per URL")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests per URL")
    parser.add_argument("--export-rounds", type=int, default=3,
                        help="timed exports (XLSX, then CSV) of one year of requests "
                             "(0: none)")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the scratch database if it already holds the site")
    parser.add_argument("--seed", type=int, default=100_000)
    return parser.parse_args()





def configure_environment():
    common.configure_environment(SQLITE_FILE)


def reset_database():
    common.reset_database(SQLITE_FILE)


def database_description():
    return common.database_description(SQLITE_FILE)


# -- the database ------------------------------------------------------------------------








# -- building the site ---------------------------------------------------------------------


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀英", "华", "慧", "建国", "志强", "晓东", "海燕"]
COMPANY_WORDS = ["鹿城", "瓯江", "江心", "松台", "五马", "南塘", "双屿", "藤桥", "仰义", "山福"]
COMPANY_KINDS = ["贸易", "农业科技", "建设工程", "物流", "律师事务所", "房地产开发", "咨询"]
SUBJECTS = ["农资储备资金", "供销社综合改革", "再生资源回收网点", "为农服务中心建设",
            "基层社财务审计", "社有资产出租", "农产品冷链物流项目", "年度部门预算",
            "消防安全检查", "信访事项处理", "土地征收补偿", "职工安置方案"]
DESCRIPTIONS = ["{y}年度{s}的有关文件", "关于{s}的批复和会议纪要", "{s}的资金使用情况",
                "{s}的招标文件和中标结果", "{y}年{s}的检查记录", "{s}涉及本人的有关材料"]
STREETS = ["人民路", "解放街", "车站大道", "学院路", "府前街", "锦绣路", "飞霞南路"]

CHANNELS = common.REQUEST_CHANNELS
RECENT_STATUSES = common.RECENT_STATUSES
OLD_STATUSES = common.OLD_STATUSES
ANSWER_OUTCOMES = {"disclosed": 40, "partially_disclosed": 14, "withheld_third_party": 3,
                   "withheld_process_information": 3, "withheld_internal_affairs": 2,
                   "withheld_prohibited_by_law": 1, "unavailable_not_held": 20,
                   "unavailable_needs_creation": 3, "unavailable_still_unclear": 2,
                   "not_processed_petition": 6, "not_processed_repeat": 4,
                   "not_processed_publication": 2}
CLOSE_OUTCOMES = {"other_no_correction": 60, "other_unpaid_fee": 10, "other": 30}
DELIVERIES = common.REQUEST_DELIVERIES
RECENT_DAYS = common.RECENT_DAYS


def build_site(n_requests, seed):
    """The site, its two form pages, the staff and ``n_requests`` requests. Returns the pages."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db import transaction
    from home.models import HomePage, RequestBaselineFormField, RequestBaselineFormPage
    from wagtail.models import Page, Site

    from wagtail_disclosure.models import DisclosureIndexPage, RequestFormPage
    from wagtail_disclosure.requests.settings import RequestSettings

    User = get_user_model()
    with transaction.atomic():
        site = Site.objects.get(is_default_site=True)
        home = Page.get_first_root_node().add_child(instance=HomePage(
            title="区供销合作社", slug="agency",
            body="<p>区供销合作社是为农服务的合作经济组织。</p>"))
        site.root_page = home
        site.site_name = "区供销合作社"
        site.save()
        section = home.add_child(instance=DisclosureIndexPage(
            title="政府信息公开", slug="zfxxgk", office_name="区供销社办公室",
            office_phone="0577-88888888", request_channels=["in_person", "post", "online"]))
        ours = section.add_child(instance=RequestFormPage(
            title="依申请公开", slug="ysqgk", intro=INTRO, privacy_notice=PRIVACY,
            confirmation_text="<p>请记下申请编号和查询码。</p>"))
        # The baseline at the same depth (4), below a plain page at the section's depth.
        services = home.add_child(instance=HomePage(title="办事服务", slug="bsfw"))
        baseline = services.add_child(instance=RequestBaselineFormPage(
            title="政府信息公开申请（表单页）", slug="ysqgk-form", intro=INTRO + PRIVACY,
            thank_you_text="<p>您的申请已提交，我们将尽快与您联系。</p>",
            to_address=STAFF_EMAIL, from_address="noreply@example.org",
            subject="新的政府信息公开申请"))
        for order, (name, label, kind, required, choices) in enumerate(BASELINE_FIELDS):
            RequestBaselineFormField.objects.create(
                page=baseline, sort_order=order, clean_name=name, label=label, field_type=kind,
                required=required, choices=choices)
        settings_obj = RequestSettings.for_site(site)
        settings_obj.staff_email = STAFF_EMAIL
        settings_obj.save()

        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", "bench-password")
        handlers = [User.objects.create_user(f"handler{n}", f"handler{n}@example.org",
                                             first_name=name[1:], last_name=name[0],
                                             is_staff=True)
                    for n, name in enumerate(["王建国", "李芳", "张磊", "陈静", "刘洋", "赵敏"])]
        viewers = Group.objects.create(name="依申请公开查看")
        viewers.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin",
                                   codename="access_admin"),
            Permission.objects.get(content_type__app_label="wagtail_disclosure",
                                   codename="view_informationrequest"))
        viewer = User.objects.create_user(VIEWER_USERNAME, "viewer@example.org", is_staff=True)
        viewer.groups.add(viewers)

    started = time.perf_counter()
    bulk_create_requests(n_requests, ours, handlers, random.Random(seed))
    print(f"  {n_requests} requests inserted in {time.perf_counter() - started:.1f} s",
          flush=True)
    return {"ours": ours, "baseline": baseline}


def _pick(rng, weights):
    keys, values = zip(*weights.items())
    return rng.choices(keys, values)[0]


def _random_requests(rng, n_requests, today):
    """Request data, oldest first: (received_on, fields) with the statuses of a register."""
    first_day = today - datetime.timedelta(days=365 * YEARS)
    span = (today - first_day).days
    days = sorted(first_day + datetime.timedelta(days=rng.randrange(span + 1))
                  for _ in range(n_requests))
    for n, received_on in enumerate(days):
        person = rng.random() < 0.85
        fields = {
            "channel": _pick(rng, CHANNELS),
            "applicant_type": "natural_person" if person else "organisation",
            "description": rng.choice(DESCRIPTIONS).format(y=received_on.year - rng.randrange(3),
                                                           s=rng.choice(SUBJECTS)),
            "form": "electronic" if rng.random() < 0.7 else "paper",
            "delivery": _pick(rng, DELIVERIES),
            "phone": f"13{rng.randrange(10**9):09d}",
            "postcode": "325000",
        }
        if person:
            fields.update(
                name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_type="resident_id",
                id_number=f"330302{1950 + rng.randrange(55)}{rng.randrange(1, 13):02d}"
                          f"{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
                          f"{rng.choice('0123456789X')}")
        else:
            fields.update(
                name=f"温州{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_KINDS)}有限公司",
                organisation_kind=rng.choice(["business", "business", "legal_services",
                                              "research", "other"]),
                organisation_code=f"91330302MA{rng.randrange(10**8):08d}",
                legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN))
        if rng.random() < 0.4:
            fields["email"] = f"applicant{n}@example.com"
        if rng.random() < 0.6:
            fields["address"] = f"温州市鹿城区{rng.choice(STREETS)}{rng.randrange(1, 300)}号"
        if rng.random() < 0.2:
            fields["document_number"] = f"鹿供社〔{received_on.year - 1}〕{rng.randrange(1, 90)}号"
        recent = (today - received_on).days <= RECENT_DAYS
        fields["status"] = _pick(rng, RECENT_STATUSES if recent else OLD_STATUSES)
        fields["extension_days"] = (
            20 if fields["status"] == "extended" or (not recent and rng.random() < 0.05) else 0)
        yield received_on, fields


def bulk_create_requests(n_requests, page, handlers, rng, batch_size=2000):
    """Insert ``n_requests`` requests with ``bulk_create``, and the tracking-number sequences.

    Tracking numbers are ``YYYY-NNNNNN`` by year of receipt, in order of receipt; the deadlines
    are computed with the site's working-day calendar, as ``services.submit`` does.
    """
    from django.db import transaction
    from django.utils import timezone

    from wagtail_disclosure.conf import disclosure_settings
    from wagtail_disclosure.models import IndexNumberSequence
    from wagtail_disclosure.requests import clock
    from wagtail_disclosure.requests.models import InformationRequest, hash_access_code
    from wagtail_disclosure.workdays import default_calendar

    calendar = default_calendar()
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    deadlines, notice_deadlines = {}, {}
    serials = {}
    fmt = disclosure_settings.TRACKING_NUMBER_FORMAT
    known_hash = hash_access_code(KNOWN_ACCESS_CODE)

    with transaction.atomic():
        batch = []
        for n, (received_on, fields) in enumerate(_random_requests(rng, n_requests, today), 1):
            serials[received_on.year] = serials.get(received_on.year, 0) + 1
            key = (received_on, fields["extension_days"])
            if key not in deadlines:
                deadlines[key] = clock.reply_deadline(received_on, fields["extension_days"],
                                                      calendar=calendar)
            if received_on not in notice_deadlines:
                notice_deadlines[received_on] = clock.correction_notice_deadline(
                    received_on, calendar).date
            deadline = deadlines[key]
            submitted_at = datetime.datetime.combine(
                received_on, datetime.time(8, 30), tzinfo=tz) + datetime.timedelta(
                minutes=rng.randrange(600))
            status = fields["status"]
            obj = InformationRequest(
                **fields,
                tracking_number=fmt.format(year=received_on.year,
                                           serial=serials[received_on.year]),
                # Any string will do, except for the one request whose code the bench knows.
                access_code_hash=known_hash if n == n_requests else f"bench${n:064x}",
                request_page=page if fields["channel"] == "online" else None,
                submitted_at=submitted_at, received_on=received_on,
                consent_given_at=submitted_at if fields["channel"] == "online" else None,
                clock_started_on=received_on, due_on=deadline.date,
                due_provisional=deadline.provisional,
                correction_notice_due_on=notice_deadlines[received_on],
                handler=None if status == "received" else rng.choice(handlers),
            )
            if status in ("answered", "closed"):
                obj.answered_on = min(deadline.date, received_on + datetime.timedelta(
                    days=rng.randrange(3, 29)), today)
                obj.outcome = _pick(rng, ANSWER_OUTCOMES)
                obj.reply_delivery = obj.delivery
                obj.reply_delivered_on = obj.answered_on
            if status == "closed":
                if rng.random() < 0.5:  # ended without an answer on the merits
                    obj.answered_on, obj.reply_delivery, obj.reply_delivered_on = None, "", None
                    obj.outcome = _pick(rng, CLOSE_OUTCOMES)
                obj.closed_on = min(today, received_on + datetime.timedelta(
                    days=rng.randrange(10, 40)))
            if status == "withdrawn":
                obj.outcome = "other"
                obj.closed_on = min(today, received_on + datetime.timedelta(
                    days=rng.randrange(1, 15)))
            if status == "awaiting_correction":
                obj.correction_due_on = today + datetime.timedelta(days=rng.randrange(1, 15))
            batch.append(obj)
            if len(batch) == batch_size:
                InformationRequest.objects.bulk_create(batch)
                batch = []
        if batch:
            InformationRequest.objects.bulk_create(batch)
        IndexNumberSequence.objects.bulk_create(
            [IndexNumberSequence(scope=f"request:{year}", last_serial=last)
             for year, last in serials.items()])


def find_site(n_requests):
    """The pages of an already-built bench site holding ``n_requests`` requests, or None.

    Requests a crashed run left behind (stored by its POSTs) are deleted first.
    """
    from home.models import RequestBaselineFormPage

    from wagtail_disclosure.models import RequestFormPage
    from wagtail_disclosure.requests.models import InformationRequest

    ours = RequestFormPage.objects.filter(slug="ysqgk").first()
    baseline = RequestBaselineFormPage.objects.filter(slug="ysqgk-form").first()
    if ours is None or baseline is None:
        return None
    last_bulk = (InformationRequest.objects.order_by("pk").values_list("pk", flat=True)
                 [n_requests - 1:n_requests].first())
    if last_bulk is None:
        return None
    InformationRequest.objects.filter(pk__gt=last_bulk).delete()
    return {"ours": ours, "baseline": baseline}


# -- what is measured ------------------------------------------------------------------------


class Target:
    """One measured URL: who asks, how, and what the answer must be."""

    def __init__(self, key, label, client, url, method="get", data=None, status=200,
                 timed=True, after=None):
        self.key, self.label, self.client, self.url = key, label, client, url
        self.method, self.data, self.status = method, data, status
        self.timed, self.after = timed, after

    def request(self):
        if self.method == "post":
            response = self.client.post(self.url, self.data)
        else:
            response = self.client.get(self.url)
        if response.streaming:  # a streamed export runs its queries while it is read
            response.body = b"".join(response.streaming_content)
        else:
            response.body = response.content
        return response

    def run(self):
        response = self.request()
        if self.after:
            self.after()
        assert response.status_code == self.status, (self.url, response.status_code)
        return response


def make_cleanup(last_bulk_pk):
    """Delete what a POST stored (a request and its outbox; a form submission) and the sent
    emails: every request of the benchmark meets the same database."""
    from django.core import mail
    from wagtail.contrib.forms.models import FormSubmission

    from wagtail_disclosure.requests.models import InformationRequest

    def cleanup():
        InformationRequest.objects.filter(pk__gt=last_bulk_pk).delete()
        FormSubmission.objects.all().delete()
        mail.outbox = []

    return cleanup


def listing_pages(n_filtered, n_requests, per_page):
    last = -(-n_requests // per_page)
    last_filtered = max(1, -(-n_filtered // per_page))
    return last, last_filtered


def make_targets(pages, clients, args, per_page, n_filtered, cleanup, known):
    """What is timed, what is only counted, and the exports. ``known`` is the request whose
    access code the benchmark knows (the newest)."""
    from tests.factories import request_data

    ours, baseline = pages["ours"], pages["baseline"]
    public, admin, viewer, submitted = (clients["public"], clients["admin"], clients["viewer"],
                                        clients["submitted"])
    last, last_filtered = listing_pages(n_filtered, args.requests, per_page)
    ours_url, baseline_url = ours.url, baseline.url
    timed = [
        Target("baseline_get", "Wagtail form page (`RequestBaselineFormPage`), GET", public,
               baseline_url),
        Target("ours_get", "Our request form (`RequestFormPage`), GET", public, ours_url),
        Target("baseline_post", "Wagtail form page, valid POST (200, landing page)", public,
               baseline_url, "post", BASELINE_DATA, 200, after=cleanup),
        Target("ours_post", "Our request form, valid POST (302 to the submitted page)", public,
               ours_url, "post", request_data(), 302, after=cleanup),
        Target("ours_submitted", "Our submitted page, GET (where the 302 leads; information)",
               submitted, f"{ours_url}submitted/"),
        Target("track_post", "Our tracking page, look-up of a request, POST (information)",
               public, f"{ours_url}track/", "post", {
                   "tracking_number": known.tracking_number,
                   "access_code": KNOWN_ACCESS_CODE}),
        Target("list_first", "Listing, first page (by due date, the default)", admin,
               LISTING),
        Target("list_last", f"Listing, last page ({last})", admin, f"{LISTING}?p={last}"),
        Target("list_filtered", "Listing, in progress + overdue, first page", admin,
               f"{LISTING}?{FILTER}"),
        Target("list_filtered_last", f"Listing, in progress + overdue, last page "
               f"({last_filtered})", admin, f"{LISTING}?{FILTER}&p={last_filtered}"),
        Target("list_sorted", "Listing, sorted by due date, latest first", admin,
               f"{LISTING}?ordering=-due_on"),
        Target("list_masked", "Listing, first page, as an officer who may not see personal "
               "data (information)", viewer, LISTING),
        Target("list_answered", "Listing, status answered (most requests), first page "
               "(information)", admin, f"{LISTING}?status=answered"),
        Target("list_empty", "Listing, a filter that matches nothing (the admin page's fixed "
               "cost; information)", admin, f"{LISTING}?status=withdrawn&overdue=1"),
        Target("list_search", "Listing, keyword search (information)", admin,
               f"{LISTING}?q=农资储备"),
    ]
    counted = [
        Target("list_2", "Listing, page 2", admin, f"{LISTING}?p=2", timed=False),
        Target("list_mid", f"Listing, page {last // 2}", admin, f"{LISTING}?p={last // 2}",
               timed=False),
        Target("list_past_end", "Listing, page past the end (shows the last)", admin,
               f"{LISTING}?p={last + 1000}", timed=False),
        Target("list_sorted_mid", f"Listing, sorted by due date, latest first, page "
               f"{last // 2}", admin, f"{LISTING}?ordering=-due_on&p={last // 2}",
               timed=False),
        Target("list_received", "Listing, sorted by date of receipt", admin,
               f"{LISTING}?ordering=-received_on", timed=False),
        Target("list_year", f"Listing, received in {EXPORT_YEAR}, page 3", admin,
               f"{LISTING}?year={EXPORT_YEAR}&p=3", timed=False),
        Target("list_masked_last", "Listing, last page, officer without personal data",
               viewer, f"{LISTING}?p={last}", timed=False),
        Target("track_get", "Our tracking page, GET", public, f"{ours_url}track/", timed=False),
    ]
    exports = [Target(f"export_{kind}", f"{kind.upper()}, received in {EXPORT_YEAR}", admin,
                      f"{LISTING}?export={kind}&year={EXPORT_YEAR}", timed=False)
               for kind in ("xlsx", "csv")]
    return timed, counted, exports


# -- checking what was built -----------------------------------------------------------------


NUMBER = re.compile(r">\s*(\d{4}-\d{6})\s*<")


def check_site(pages, targets, args, n_filtered):
    """Fail loudly unless the pages, the forms and the listing do what they should."""
    from django.core import mail
    from django.utils import timezone
    from wagtail.contrib.forms.models import FormSubmission

    from wagtail_disclosure.requests.models import InformationRequest

    by_key = {t.key: t for t in targets}
    requests = InformationRequest.objects.all()
    assert requests.count() == args.requests, requests.count()

    html = by_key["ours_get"].run().content.decode()
    assert 'name="description"' in html and 'name="attachments"' in html
    html = by_key["baseline_get"].run().content.decode()
    for name, *_ in BASELINE_FIELDS:
        assert f'name="{name}"' in html, name

    mail.outbox = []
    target = by_key["ours_post"]
    response = target.request()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith("/submitted/"), response["Location"]
    stored = requests.order_by("-pk").first()
    assert stored.name == "张三" and stored.request_page_id == pages["ours"].pk
    ours_mails = len(mail.outbox)
    target.after()
    assert requests.count() == args.requests

    mail.outbox = []
    target = by_key["baseline_post"]
    response = target.request()
    assert response.status_code == 200 and "您的申请已提交" in response.content.decode()
    submission = FormSubmission.objects.get()
    assert submission.form_data["description"] == BASELINE_DATA["description"]
    baseline_mails = len(mail.outbox)
    target.after()

    newest = requests.order_by("-received_on", "-pk").first()
    html = by_key["ours_submitted"].run().content.decode()
    assert newest.tracking_number in html, "the submitted page does not show the request"
    html = by_key["track_post"].run().content.decode()
    assert "request-status" in html, "the tracking page does not find the request"

    per_page = 50
    today = timezone.localdate()

    def shown_dues(target):
        shown = NUMBER.findall(target.run().content.decode())
        due = dict(requests.filter(tracking_number__in=shown).values_list("tracking_number",
                                                                          "due_on"))
        return [due[number] for number in shown]

    dues = list(requests.order_by("due_on").values_list("due_on", flat=True))
    first = shown_dues(by_key["list_first"])
    assert len(first) == per_page and first == sorted(first) and first[-1] <= dues[per_page - 1]
    last = shown_dues(by_key["list_last"])
    assert len(last) == per_page - (-args.requests % per_page), len(last)
    assert last == sorted(last) and last[0] >= dues[-len(last)]
    latest = shown_dues(by_key["list_sorted"])
    assert latest == sorted(latest, reverse=True) and latest[-1] >= dues[-per_page]
    overdue = requests.filter(status="in_progress", due_on__lt=today)
    assert overdue.count() == n_filtered and n_filtered > per_page, n_filtered
    html = by_key["list_filtered"].run().content.decode()
    shown = NUMBER.findall(html)
    assert len(shown) == per_page and overdue.filter(tracking_number__in=shown).count() == len(
        shown)
    html = by_key["list_filtered_last"].run().content.decode()
    shown = NUMBER.findall(html)
    assert 0 < len(shown) <= per_page and overdue.filter(tracking_number__in=shown).count() == (
        len(shown))
    html = by_key["list_masked"].run().content.decode()
    assert "*" in html and len(NUMBER.findall(html)) == per_page
    print(f"  checked: {args.requests} requests; our POST stored a request and sent "
          f"{ours_mails} emails, the baseline's stored a submission and sent {baseline_mails}; "
          f"the listing shows the right rows ({n_filtered} in progress and overdue)")
    return ours_mails, baseline_mails


# -- measuring -----------------------------------------------------------------------------


def count_queries(target, repeat=3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = set()
    target.run()  # warm: the first request of a process also fills per-process caches
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            response = target.request()
        if target.after:
            target.after()
        assert response.status_code == target.status, (target.url, response.status_code)
        counts.add(len(ctx.captured_queries))
    return counts.pop() if len(counts) == 1 else f"varies: {sorted(counts)}"


def measure(targets, rounds, warmup, seed):
    """Wall-clock and CPU milliseconds of each request, URLs interleaved and shuffled.

    The CPU time (of this process: Python and SQLite; a PostgreSQL server's work is not in
    it) is reported too because it barely moves when other processes compete for the CPU.
    What a POST stored is deleted after it, outside the timing.
    """
    for _ in range(warmup):
        for target in targets:
            target.run()
    wall = {t.key: [] for t in targets}
    cpu = {t.key: [] for t in targets}
    order = list(targets)
    rng = random.Random(seed)
    for _ in range(rounds):
        rng.shuffle(order)
        for target in order:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = target.request()
            wall[target.key].append((time.perf_counter() - started) * 1000)
            cpu[target.key].append((time.process_time() - started_cpu) * 1000)
            if target.after:
                target.after()
            assert response.status_code == target.status, (target.url, response.status_code)
    return wall, cpu


def measure_export(target, rounds):
    """Wall-clock and CPU milliseconds of an export, read to the end; its number of rows."""
    from io import BytesIO

    import openpyxl

    wall, cpu, rows = [], [], None
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = target.request()
        content = response.body
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code
        if rows is None and target.key == "export_xlsx":
            sheet = openpyxl.load_workbook(BytesIO(content), read_only=True).active
            rows = sum(1 for _ in sheet.iter_rows(values_only=True)) - 1  # less the headings
        elif rows is None:
            rows = len(content.decode("utf-8-sig").splitlines()) - 1
    return wall, cpu, rows


SUBMIT_GOAL = 1.25  # issue 14: a submission <= 1.25x a contrib.forms submission


def time_parts(rounds):
    """Two parts timed alone (medians, wall-clock and CPU ms): the duplicate check of a
    submission, and the working days left of the rows of the in-progress + overdue page."""
    from django.utils import timezone

    from wagtail_disclosure.requests import clock, services
    from wagtail_disclosure.requests.models import InformationRequest
    from wagtail_disclosure.workdays import default_calendar

    def timed(fn):
        wall, cpu = [], []
        for _ in range(rounds):
            started, started_cpu = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        return statistics.median(wall), statistics.median(cpu)

    probe = InformationRequest(id_number="11010519491231002X", name="张三",
                               description="2024年度区供销社农资储备资金使用情况")
    today = timezone.localdate()
    calendar = default_calendar()
    dues = list(InformationRequest.objects.filter(status="in_progress", due_on__lt=today)
                .order_by("due_on", "pk").values_list("due_on", flat=True)[:50])
    from wagtail_disclosure.requests.models import hash_access_code

    return {"repeat": timed(lambda: services.find_possible_repeat(probe)),
            # the access code's deliberately slow hash (PASSWORD_HASHERS[0]), once per submit
            "hash": timed(lambda: hash_access_code("K7MQ-2WXC-9HPA")),
            "days_left": timed(lambda: [clock.working_days_left(today, due, calendar)
                                        for due in dues]),
            "oldest_overdue": dues[0] if dues else None}








def report(timed, counted, wall, cpu, queries, export, parts, mails, args, db, n_filtered):
    import django
    import wagtail

    med = {k: statistics.median(v) for k, v in wall.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    print()
    print(f"Date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} cores, "
          f"{cpu_model()}; load average before the run {args.load}; Python "
          f"{platform.python_version()}, Django {django.get_version()}, Wagtail "
          f"{wagtail.__version__}; database: {db}.")
    print(f"{args.requests} requests ({n_filtered} in progress and overdue); {args.rounds} "
          f"rounds after {args.warmup} warm-up rounds, URLs in a shuffled order each round; "
          "in-process (Django test client), DEBUG off, rate limiting off, in-memory email.")
    print()
    print("| Form | Median (ms) | p90 (ms) | Median / baseline | CPU median (ms) "
          "| CPU / baseline | SQL queries |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    base_of = {"baseline_get": "baseline_get", "ours_get": "baseline_get",
               "baseline_post": "baseline_post", "ours_post": "baseline_post",
               "ours_submitted": None}
    by_key = {t.key: t for t in timed}

    def form_row(key, label=None, median=None, median_cpu=None, n_queries=None, p90_ms=None):
        base = base_of.get(key)
        median = med[key] if median is None else median
        median_cpu = med_cpu[key] if median_cpu is None else median_cpu
        ratio = f"{median / med[base]:.2f}×" if base else "—"
        ratio_cpu = f"{median_cpu / med_cpu[base]:.2f}×" if base else "—"
        p90_text = f"{p90(wall[key]):.1f}" if p90_ms is None else p90_ms
        print(f"| {label or by_key[key].label} | {median:.1f} | {p90_text} | {ratio} "
              f"| {median_cpu:.1f} | {ratio_cpu} "
              f"| {queries[key] if n_queries is None else n_queries} |")

    for key in base_of:
        form_row(key)
    both = med["ours_post"] + med["ours_submitted"]
    both_cpu = med_cpu["ours_post"] + med_cpu["ours_submitted"]
    base_of["both"] = "baseline_post"
    form_row("both", "Our POST + the submitted page (sum of the medians)", both, both_cpu,
             queries["ours_post"] + queries["ours_submitted"], "—")
    form_row("track_post")
    print()
    print("| Admin listing | Median (ms) | p90 (ms) | Median / first page | CPU median (ms) "
          "| SQL queries |")
    print("|---|---:|---:|---:|---:|---:|")
    for t in timed:
        if not t.key.startswith("list_"):
            continue
        print(f"| {t.label} | {med[t.key]:.1f} | {p90(wall[t.key]):.1f} "
              f"| {med[t.key] / med['list_first']:.2f}× | {med_cpu[t.key]:.1f} "
              f"| {queries[t.key]} |")
    print()
    print("| Counted only | SQL queries |")
    print("|---|---:|")
    for t in counted:
        print(f"| {t.label} | {queries[t.key]} |")
    print()
    export_targets, export_results = export
    if export_results:
        print("| Export | Rounds | Rows | Median (ms) | Min (ms) | CPU median (ms) "
              "| SQL queries |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for target in export_targets:
            e_wall, e_cpu, rows = export_results[target.key]
            print(f"| {target.label} | {len(e_wall)} | {rows} "
                  f"| {statistics.median(e_wall):.0f} | {min(e_wall):.0f} "
                  f"| {statistics.median(e_cpu):.0f} | {queries[target.key]} |")
        print()
    print(f"Parts, timed alone (medians, wall-clock / CPU): the duplicate check of a "
          f"submission (one query over {args.requests} requests) "
          f"{parts['repeat'][0]:.1f} / {parts['repeat'][1]:.1f} ms; the working days left of "
          f"the 50 rows of the in-progress + overdue page {parts['days_left'][0]:.1f} / "
          f"{parts['days_left'][1]:.1f} ms (oldest deadline {parts['oldest_overdue']}).")
    print(f"The access code's hash (Django's PASSWORD_HASHERS[0], made once per submission), "
          f"timed alone: {parts['hash'][0]:.1f} / {parts['hash'][1]:.1f} ms.")
    print(f"Emails per submission: ours {mails[0]} (the applicant's acknowledgement, the "
          f"office's notice), the baseline {mails[1]} (the office's).")
    print()
    print(f"Submit: ours {med['ours_post']:.1f} ms against the baseline's "
          f"{med['baseline_post']:.1f} ms: {med['ours_post'] / med['baseline_post']:.2f}x "
          f"(CPU {med_cpu['ours_post'] / med_cpu['baseline_post']:.2f}x); with the submitted "
          f"page {both / med['baseline_post']:.2f}x")
    ratio = med["ours_post"] / med["baseline_post"]
    without = (med["ours_post"] - parts["hash"][0]) / med["baseline_post"]
    without_cpu = (med_cpu["ours_post"] - parts["hash"][1]) / med_cpu["baseline_post"]
    print(f"Goal submit: ours <= {SUBMIT_GOAL}x the baseline's submission: {ratio:.2f}x -> "
          f"{'met' if ratio <= SUBMIT_GOAL else 'MISSED'}; without the access code's hash "
          f"(the time the hash takes alone subtracted) {without:.2f}x, CPU {without_cpu:.2f}x")
    same_keys = ["list_first", "list_last", "list_filtered", "list_filtered_last",
                 "list_sorted", "list_answered", "list_2", "list_mid",
                 "list_past_end", "list_sorted_mid", "list_received", "list_year"]
    values = {queries[k] for k in same_keys}
    same = len(values) == 1 and all(isinstance(v, int) for v in values)
    print(f"Listing queries the same for the first, last and filtered pages (and every other "
          f"listing page counted, as a superuser): {sorted(map(str, values))} -> "
          f"{'met' if same else 'MISSED'}")
    print(f"An empty page of results makes one query fewer (no rows to read): "
          f"{queries['list_empty']}")
    masked = {queries["list_masked"], queries["list_masked_last"]}
    print(f"As an officer without the personal-data permission: {sorted(map(str, masked))}")


def main():
    args = parse_args()
    args.load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    run_started = time.perf_counter()
    configure_environment()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from wagtail_disclosure.requests.admin import InformationRequestViewSet
    from wagtail_disclosure.requests.models import InformationRequest
    from wagtail_disclosure.requests.pages import SESSION_KEY

    pages = common.prepare_site(SQLITE_FILE, args.reuse, find_site, build_site, args.requests,
                                args.seed)
    db = database_description()

    overrides = override_settings(
        WAGTAIL_DISCLOSURE={**getattr(settings, "WAGTAIL_DISCLOSURE", {}),
                            "SUBMIT_RATE_LIMIT": None, "TRACK_RATE_LIMIT": None},
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    overrides.enable()
    try:
        User = get_user_model()
        clients = {"public": Client(), "admin": Client(), "viewer": Client(),
                   "submitted": Client()}
        clients["admin"].force_login(User.objects.get(username=ADMIN_USERNAME))
        clients["viewer"].force_login(User.objects.get(username=VIEWER_USERNAME))
        newest = InformationRequest.objects.order_by("-received_on", "-pk").first()
        session = clients["submitted"].session
        session[SESSION_KEY] = {"tracking_number": newest.tracking_number,
                                "access_code": KNOWN_ACCESS_CODE}
        session.save()

        last_bulk = InformationRequest.objects.order_by("-pk").values_list("pk", flat=True)[0]
        cleanup = make_cleanup(last_bulk)
        n_filtered = InformationRequest.objects.filter(
            status="in_progress", due_on__lt=timezone.localdate()).count()
        timed, counted, exports = make_targets(pages, clients, args,
                                               InformationRequestViewSet.list_per_page,
                                               n_filtered, cleanup, newest)
        mails = check_site(pages, timed, args, n_filtered)
        print(f"Measuring {len(timed)} URLs x {args.rounds} rounds...", flush=True)
        wall, cpu = measure(timed, args.rounds, args.warmup, args.seed)
        queries = {t.key: count_queries(t) for t in timed + counted}
        export_results = {}
        if args.export_rounds > 0:
            print(f"Exporting {args.export_rounds} times in each format...", flush=True)
            expected = InformationRequest.objects.filter(received_on__year=EXPORT_YEAR).count()
            for target in exports:
                export_results[target.key] = result = measure_export(target, args.export_rounds)
                assert result[2] == expected, (target.key, result[2], expected)
                queries[target.key] = count_queries(target, repeat=1)
        parts = time_parts(args.rounds)
    finally:
        overrides.disable()
    report(timed, counted, wall, cpu, queries, (exports, export_results), parts, mails, args,
           db, n_filtered)
    print(f"\nThe whole run took {time.perf_counter() - run_started:.0f} s.")


if __name__ == "__main__":
    main()
