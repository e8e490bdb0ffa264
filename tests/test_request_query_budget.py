"""Query budgets of information requests: the admin listing and the public request pages.

As in tests/test_query_budget.py, the number of SQL queries is exact and deterministic, so it
is asserted exactly: the listing's must not depend on the page number, the filter or the
number of requests (no query per row: the handler is joined, the deadline and the masked
personal data are computed from the row), and the public pages' must not depend on the
number of requests stored or of letters sent. The timings, with 100,000 requests, are
measured by ``make bench`` (tests/benchmarks/requests_bench.py), never asserted here; the
figures are in docs/explanation/performance.md ("Information requests").

The request form page is where the factories put it: below the section (depth 3), at depth 4.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from wagtail_disclosure.requests import services
from wagtail_disclosure.requests.admin import InformationRequestViewSet
from wagtail_disclosure.requests.models import InformationRequest
from wagtail_disclosure.requests.pages import SESSION_KEY

from . import factories as f

pytestmark = pytest.mark.django_db

LISTING = "/admin/disclosure/requests/"
PER_PAGE = InformationRequestViewSet.list_per_page  # 50
OVERDUE = "status=in_progress&overdue=1"

# The admin listing of requests, as a superuser: any page, filter or ordering. The session,
# the user and their admin profile (3); the COUNT (1); Wagtail's admin chrome: the locales,
# the "Forms" menu's check for form pages (the example project has a wagtail.contrib.forms page
# type), the "Pages" menu's root page (2) (4); the page of requests with their handlers, joined
# (1). An empty page of results makes one query fewer (no rows to read).
LISTING_QUERY_BUDGET = 9
# The same for an officer who may see the requests but not the applicants' personal data (so
# the names and numbers are masked): the user's permissions and their groups' are read once
# per request (+2), never per row.
LISTING_MASKED_QUERY_BUDGET = LISTING_QUERY_BUDGET + 2
# The public request form (GET), whatever the number of requests stored: Wagtail serves the
# page (the site, then the section and the form page, each by slug and then its specific row,
# the ancestors and their view restrictions: 8) and the template reads the breadcrumbs (1).
REQUEST_FORM_QUERY_BUDGET = 9
# The tracking page: the look-up form (GET: the same 9), and the request found with its letters
# and their documents (POST: + the request, the letters, their documents), whatever the number
# of letters and documents; the printed letters' issuing body reads the site and the request
# settings (+2).
TRACK_FORM_QUERY_BUDGET = 9
TRACK_RESULT_QUERY_BUDGET = 14
# The page after submitting (the 9, the session and the request it names), with the 登记回执
# printable: its letter, documents, the site and the request settings (+4).
SUBMITTED_PAGE_QUERY_BUDGET = 15

# Every other request is in progress; the others take the other statuses in turn.
OTHER_STATUSES = ["received", "awaiting_correction", "consulting", "extended",
                  "awaiting_payment", "answered", "closed", "withdrawn"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NUMBER = re.compile(r">\s*(\d{4}-\d{6})\s*<")


@pytest.fixture(autouse=True)
def _no_rate_limits_and_private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with override_settings(WAGTAIL_DISCLOSURE={
            **getattr(settings, "WAGTAIL_DISCLOSURE", {}),
            "SUBMIT_RATE_LIMIT": None, "TRACK_RATE_LIMIT": None}):
        yield


def make_requests(n):
    """``n`` requests received over two years, of every status, three handlers taking turns,
    deadlines from long past to weeks ahead (so most of those in progress are overdue)."""
    User = get_user_model()
    handlers = [User.objects.create_user(f"handler{i}", f"handler{i}@example.org",
                                         first_name=name[1:], last_name=name[0], is_staff=True)
                for i, name in enumerate(["王建国", "李芳", "张磊"])]
    today = timezone.localdate()
    objs = []
    for i in range(n):
        obj = f.information_request(
            received_on=today - datetime.timedelta(days=(i * 7) % 700),
            name=f"申请人{i}", description=f"第{i}项政府信息")
        obj.status = "in_progress" if i % 2 else OTHER_STATUSES[i // 2 % len(OTHER_STATUSES)]
        obj.handler = None if obj.status == "received" else handlers[i % len(handlers)]
        obj.due_on = today + datetime.timedelta(days=20 - (i * 5) % 300)
        objs.append(obj)
    InformationRequest.objects.bulk_update(objs, ["status", "handler", "due_on"])
    return objs


def viewer_user():
    """An officer who may see requests, but not the applicants' personal data."""
    group = Group.objects.create(name="依申请公开查看")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtail_disclosure",
                               codename="view_informationrequest"))
    user = get_user_model().objects.create_user("viewer", "viewer@example.org", is_staff=True)
    user.groups.add(group)
    return user


def count_queries(client, url, django_assert_num_queries, budget, data=None):
    """The page's queries, after a warm-up request (per-process caches: the content types,
    the site root paths, the working-day calendar)."""
    request = (lambda: client.post(url, data)) if data is not None else (lambda: client.get(url))
    request()
    with django_assert_num_queries(budget):
        response = request()
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def last_page(n):
    return max(1, -(-n // PER_PAGE))


@pytest.mark.parametrize("n_requests", [30, 120])
def test_listing_budget_is_the_same_for_every_page_filter_and_size(
        n_requests, client, admin_user, django_assert_num_queries):
    make_requests(n_requests)
    today = timezone.localdate()
    n_overdue = InformationRequest.objects.filter(status="in_progress", due_on__lt=today).count()
    assert n_overdue > (PER_PAGE if n_requests > PER_PAGE * 2 else 0)
    client.force_login(admin_user)
    last, last_overdue = last_page(n_requests), last_page(n_overdue)
    for url, rows in [
        (LISTING, min(n_requests, PER_PAGE)),
        (f"{LISTING}?p={last}", n_requests - (last - 1) * PER_PAGE),
        (f"{LISTING}?p=99", n_requests - (last - 1) * PER_PAGE),  # past the end: the last
        (f"{LISTING}?{OVERDUE}", min(n_overdue, PER_PAGE)),
        (f"{LISTING}?{OVERDUE}&p={last_overdue}", n_overdue - (last_overdue - 1) * PER_PAGE),
        (f"{LISTING}?ordering=-due_on", min(n_requests, PER_PAGE)),
        (f"{LISTING}?ordering=-due_on&p={last}", n_requests - (last - 1) * PER_PAGE),
        (f"{LISTING}?ordering=received_on&status=answered", None),
        (f"{LISTING}?year={today.year}&applicant_type=natural_person", None),
        (f"{LISTING}?due_within=10", None),
    ]:
        html = count_queries(client, url, django_assert_num_queries, LISTING_QUERY_BUDGET)
        if rows is not None:
            assert len(NUMBER.findall(html)) == rows, url


@pytest.mark.parametrize("n_requests", [30, 120])
def test_listing_budget_with_masked_personal_data(n_requests, client,
                                                  django_assert_num_queries):
    make_requests(n_requests)
    client.force_login(viewer_user())
    for url in [LISTING, f"{LISTING}?p={last_page(n_requests)}", f"{LISTING}?{OVERDUE}"]:
        html = count_queries(client, url, django_assert_num_queries,
                             LISTING_MASKED_QUERY_BUDGET)
        assert "申请人1" not in html and "申*" in html  # masked


@pytest.mark.parametrize("n_requests", [0, 30])
def test_request_form_budget(n_requests, client, django_assert_num_queries):
    page = f.request_form_page()
    make_requests(n_requests)
    html = count_queries(client, page.url, django_assert_num_queries,
                         REQUEST_FORM_QUERY_BUDGET)
    assert 'name="description"' in html


@pytest.mark.parametrize("n_letters", [1, 3])
def test_tracking_page_budget(n_letters, client, django_assert_num_queries):
    page = f.request_form_page()
    make_requests(5)
    request_obj = f.information_request()
    for n in range(n_letters):
        services._letter(request_obj, "reply", f"答复书{n}", "正文", None,
                         timezone.localdate(), documents=[
                             SimpleUploadedFile(f"doc{n}-{m}.pdf", PDF) for m in range(n + 1)])
    track = f"{page.url}track/"
    count_queries(client, track, django_assert_num_queries, TRACK_FORM_QUERY_BUDGET)
    html = count_queries(client, track, django_assert_num_queries, TRACK_RESULT_QUERY_BUDGET,
                         data={"tracking_number": request_obj.tracking_number,
                               "access_code": request_obj.access_code})
    assert html.count('class="wd-letter"') == n_letters + 1  # and the 登记回执
    assert html.count("/track/document/") == n_letters * (n_letters + 1) // 2


@pytest.mark.parametrize("n_requests", [0, 30])
def test_submitted_page_budget(n_requests, client, django_assert_num_queries):
    page = f.request_form_page()
    make_requests(n_requests)
    request_obj = f.information_request()
    session = client.session
    session[SESSION_KEY] = {"tracking_number": request_obj.tracking_number,
                            "access_code": request_obj.access_code}
    session.save()
    html = count_queries(client, f"{page.url}submitted/", django_assert_num_queries,
                         SUBMITTED_PAGE_QUERY_BUDGET)
    assert request_obj.tracking_number in html
