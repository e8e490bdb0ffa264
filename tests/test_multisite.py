"""One installation, three agencies (issue 14, "One platform for many agencies": multi-site).

Three Wagtail sites (three host names), each with its own 政府信息公开 section, column, item,
organ, request form, report and settings. For each thing a site has, the tests prove that it
is that site's only: its pages, search and feeds, its catalogue and request API, its tracking
numbers and letter numbers, its deadlines (a local holiday on one site only), its report, its
settings; and that staff of one site (a Wagtail page permission on its section) see in the
admin, its exports and by URL only that site's requests, feedback and register rows.
"""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from home.models import HomePage
from wagtail.models import GroupPagePermission, Site

from tests import factories
from wagtail_disclosure import sites, workdays
from wagtail_disclosure.catalogue.pages import Page
from wagtail_disclosure.governance import feedback
from wagtail_disclosure.governance.models import ReleaseRegisterEntry
from wagtail_disclosure.governance.pages import FeedbackPage
from wagtail_disclosure.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    DisclosureColumnPage,
    DisclosureIndexPage,
    InformationRequest,
    PublishingOrgan,
    RequestFormPage,
)
from wagtail_disclosure.reports import statistics
from wagtail_disclosure.requests import services
from wagtail_disclosure.requests.forms import RequestForm
from wagtail_disclosure.requests.models import Notification, RequestLetter, WorkdayOverride
from wagtail_disclosure.requests.settings import RequestSettings

pytestmark = pytest.mark.django_db

HOSTS = {"a": "jiaxian.gov.test", "b": "yixian.gov.test", "c": "bingxian.gov.test"}
NAMES = {"a": "甲县", "b": "乙县", "c": "丙县"}
CODES = {"a": "000014349", "b": "000027381", "c": "000036472"}
PREFIXES = {"a": "JX", "b": "YX", "c": ""}
TODAY = datetime.date.today()
LISTING = "/admin/disclosure/requests/"


@pytest.fixture(autouse=True)
def _hosts(settings, tmp_path):
    settings.ALLOWED_HOSTS = [*HOSTS.values(), "testserver", "localhost"]
    settings.MEDIA_ROOT = tmp_path
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def _site(key):
    """Site ``key``: a home page, a Site on its host name, a section with a column, an item of
    the site's organ, a request form, a feedback page and a report index."""
    name = NAMES[key]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title=f"{name}人民政府", slug=f"home-{key}"))
    if key == "a":  # the installation's first site stays the default site
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.root_page, site.site_name = HOSTS[key], home, f"{name}人民政府"
        site.save()
    else:
        site = Site.objects.create(hostname=HOSTS[key], port=80, root_page=home,
                                   site_name=f"{name}人民政府")
    organ = PublishingOrgan.objects.create(name=f"{name}人民政府办公室", code=CODES[key],
                                           short_name=f"{name}政办")
    section = home.add_child(instance=DisclosureIndexPage(
        title="政府信息公开", slug="zfxxgk", office_name=f"{name}政务公开办公室",
        office_phone="0577-88888888", request_channels=["in_person", "post", "online"]))
    column = section.add_child(instance=DisclosureColumnPage(title="法定主动公开内容",
                                                             slug="fdzdgknr"))
    item = factories.item(column, title=f"{name}农田水利建设补助资金分配方案", organ_obj=organ)
    form = section.add_child(instance=RequestFormPage(
        title="依申请公开", slug="ysqgk", organ=organ, intro="<p>申请须知</p>",
        privacy_notice="<p>个人信息保护</p>"))
    feedback_page = section.add_child(instance=FeedbackPage(title="意见箱", slug="yjx"))
    reports = section.add_child(instance=AnnualReportIndexPage(title="年度报告", slug="ndbg"))
    settings_obj = RequestSettings.for_site(site)
    settings_obj.staff_email = f"office-{key}@{HOSTS[key]}"
    settings_obj.tracking_number_prefix = PREFIXES[key]
    settings_obj.save()
    return {"key": key, "site": site, "home": home, "section": section, "column": column,
            "item": item, "form": form, "organ": organ, "feedback_page": feedback_page,
            "reports": reports, "host": HOSTS[key], "name": name}


@pytest.fixture
def platform(django_capture_on_commit_callbacks):
    Site.clear_site_root_paths_cache()
    with django_capture_on_commit_callbacks(execute=True):  # the search index, the register
        built = {key: _site(key) for key in HOSTS}
    Site.clear_site_root_paths_cache()
    return built


def _submit(entry, name="张三", **overrides):
    form = RequestForm(factories.request_data(name=name, **overrides))
    assert form.is_valid(), form.errors
    request_obj, code = services.submit(form.cleaned_data, form.cleaned_data["attachments"],
                                        page=entry["form"])
    request_obj.access_code = code
    return request_obj


@pytest.fixture
def requests_by_site(platform):
    return {key: _submit(entry, name=f"{entry['name']}申请人", phone=f"1380013800{i}")
            for i, (key, entry) in enumerate(platform.items())}


def _get(client, entry, path, **params):
    return client.get(path, params, HTTP_HOST=entry["host"])


def _others(platform, key):
    return [entry for other, entry in platform.items() if other != key]


# -- the public site ---------------------------------------------------------------------------


def test_a_platform_of_three_sites_is_multi_site(platform):
    assert sites.is_multi_site()
    assert {sites.site_id_for_page(entry["item"]) for entry in platform.values()} == {
        entry["site"].pk for entry in platform.values()}


def test_sections_columns_items_search_and_feeds_show_only_their_site(platform, client):
    for key, entry in platform.items():
        own_title = entry["item"].title
        for page in (entry["section"], entry["column"], entry["item"]):
            response = _get(client, entry, page.url)
            assert response.status_code == 200, (key, page.url)
        column_html = _get(client, entry, entry["column"].url).content.decode()
        section_html = _get(client, entry, entry["section"].url).content.decode()
        search = _get(client, entry, entry["section"].url + "search/", q="农田水利")
        feed = _get(client, entry, entry["column"].url + "feed/").content.decode()
        assert own_title in column_html and own_title in feed
        assert [i.pk for i in search.context["items"]] == [entry["item"].pk]
        for other in _others(platform, key):
            for html in (column_html, section_html, feed, search.content.decode()):
                assert other["item"].title not in html
                # the column's organ filter lists this site's organs only
                assert other["organ"].name not in html
            # another site's item is not served on this host name (its path is not here)
            other_path = other["item"].url_path[len(other["home"].url_path) - 1:]
            assert _get(client, entry, other_path).status_code == 404


def test_the_catalogue_api_serves_only_the_site_it_is_called_on(platform, client):
    for key, entry in platform.items():
        own = _get(client, entry, f"/api/disclosure/columns/{entry['column'].pk}/items")
        assert own.status_code == 200
        assert [i["id"] for i in own.json()["items"]] == [entry["item"].pk]
        filters = _get(client, entry, f"/api/disclosure/columns/{entry['column'].pk}/filters")
        assert [o["label"] for o in filters.json()["organs"]] == [entry["organ"].name]
        for other in _others(platform, key):
            for what in ("items", "filters"):
                response = _get(client, entry,
                                f"/api/disclosure/columns/{other['column'].pk}/{what}")
                assert response.status_code == 404, (key, other["key"], what)


def test_the_request_api_submits_and_tracks_on_its_own_site_only(platform, client):
    stored = {}
    for key, entry in platform.items():
        body = {k: v for k, v in factories.request_data().items() if k != "consent"}
        body["consent"] = True
        other = _others(platform, key)[0]
        refused = client.post("/api/disclosure/requests/", json.dumps(
            {**body, "page": other["form"].pk}), content_type="application/json",
            HTTP_HOST=entry["host"])
        assert refused.status_code == 422 and "page" in refused.json()["errors"]
        schema = _get(client, entry, "/api/disclosure/requests/schema")
        assert schema.json()["page"]["id"] == entry["form"].pk
        created = client.post("/api/disclosure/requests/", json.dumps(body),
                              content_type="application/json", HTTP_HOST=entry["host"])
        assert created.status_code == 201, created.content
        stored[key] = created.json()
        request_obj = InformationRequest.objects.get(
            tracking_number=stored[key]["tracking_number"])
        assert (request_obj.site_id, request_obj.request_page_id, request_obj.organ_id) == (
            entry["site"].pk, entry["form"].pk, entry["organ"].pk)
    for key, entry in platform.items():
        number, code = stored[key]["tracking_number"], stored[key]["access_code"]
        assert client.get(f"/api/disclosure/requests/{number}", HTTP_HOST=entry["host"],
                          HTTP_X_ACCESS_CODE=code).status_code == 200
        for other in _others(platform, key):
            response = client.get(f"/api/disclosure/requests/{number}",
                                  HTTP_HOST=other["host"], HTTP_X_ACCESS_CODE=code)
            assert response.status_code == 404


def test_tracking_numbers_count_per_site_and_are_found_on_their_site_only(
        platform, requests_by_site, client):
    year = TODAY.year
    assert requests_by_site["a"].tracking_number == f"JX{year}-000001"
    assert requests_by_site["b"].tracking_number == f"YX{year}-000001"
    assert requests_by_site["c"].tracking_number == f"{year}-000001"
    second_b = _submit(platform["b"], name="李四")
    assert second_b.tracking_number == f"YX{year}-000002"
    for key, entry in platform.items():
        request_obj = requests_by_site[key]
        data = {"tracking_number": request_obj.tracking_number,
                "access_code": request_obj.access_code}
        url = entry["form"].url + "track/"
        found = client.post(url, data, HTTP_HOST=entry["host"])
        assert found.context["request_obj"] == request_obj
        for other in _others(platform, key):
            response = client.post(other["form"].url + "track/", data, HTTP_HOST=other["host"])
            assert response.context["request_obj"] is None
            assert request_obj.name not in response.content.decode()


def test_reply_letters_are_numbered_per_site(platform, requests_by_site):
    officer = User.objects.create_superuser("officer", "o@example.com", "pw")
    year = TODAY.year
    numbers = {}
    for key, request_obj in requests_by_site.items():
        services.record_reply(request_obj, officer, "disclosed", "见附件。", [], "email")
        numbers[key] = RequestLetter.objects.get(request=request_obj, kind="reply").number
    for key, entry in platform.items():
        assert numbers[key].startswith(entry["organ"].short_name)
        assert f"〔{year}〕1号" in numbers[key]
    # requests addressed to no organ: each site its own series too
    loose = {}
    for key in ("b", "c"):
        request_obj = _submit(platform[key], name="王五")
        InformationRequest.objects.filter(pk=request_obj.pk).update(organ=None)
        request_obj.refresh_from_db()
        services.record_reply(request_obj, officer, "disclosed", "见附件。", [], "email")
        loose[key] = RequestLetter.objects.get(request=request_obj, kind="reply").number
    assert all(f"〔{year}〕1号" in number for number in loose.values())


def _working_days_ahead(count):
    """The next ``count`` working days of the national calendar after tomorrow."""
    calendar = workdays.WorkdayCalendar()
    day, found = TODAY + datetime.timedelta(days=1), []
    while len(found) < count:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            found.append(day)
    return found


def test_a_local_holiday_moves_the_deadlines_of_its_site_only(
        platform, requests_by_site, django_capture_on_commit_callbacks):
    before = {key: r.due_on for key, r in requests_by_site.items()}
    local_day, national_day = _working_days_ahead(2)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=local_day, is_working_day=False,
                                       site=platform["b"]["site"], note="乙县地方节日")
    after = {key: InformationRequest.objects.get(pk=r.pk).due_on
             for key, r in requests_by_site.items()}
    assert after["a"] == before["a"] and after["c"] == before["c"]
    assert after["b"] > before["b"]
    # the calendars, cached per site
    assert not workdays.default_calendar(platform["b"]["site"]).is_working_day(local_day)
    assert workdays.default_calendar(platform["a"]["site"]).is_working_day(local_day)
    assert workdays.default_calendar().is_working_day(local_day)
    # a day off for every site applies to all three
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=national_day, is_working_day=False, note="全省")
    latest = {key: InformationRequest.objects.get(pk=r.pk).due_on
              for key, r in requests_by_site.items()}
    assert latest["a"] > after["a"] and latest["c"] > after["c"] and latest["b"] > after["b"]
    # a request submitted on site B now counts both days off
    fresh = {key: _submit(platform[key], name="赵六") for key in ("a", "b")}
    calendar_b = workdays.default_calendar(platform["b"]["site"])
    calendar_a = workdays.default_calendar(platform["a"]["site"])
    assert fresh["b"].due_on == calendar_b.add_working_days(TODAY, 20)
    assert fresh["a"].due_on == calendar_a.add_working_days(TODAY, 20)
    assert fresh["b"].due_on > fresh["a"].due_on


def test_a_report_without_organs_counts_its_site_only(platform, requests_by_site):
    year = TODAY.year
    for key, entry in platform.items():
        page = entry["reports"].add_child(instance=AnnualReportPage(
            title=f"{year}年报告", slug=f"report-{year}", year=year, organs=[]))
        figures = page.compute_figures([])
        assert figures["channels"]["total"] == 1
        own = statistics.requests_table(statistics.request_figures(year, [entry["organ"].pk]))
        assert figures["requests"] == own
        assert figures["requests"] != statistics.requests_table(
            statistics.request_figures(year))


def test_request_settings_are_per_site(platform, requests_by_site):
    for key, request_obj in requests_by_site.items():
        recipients = set(Notification.objects.filter(request=request_obj)
                         .values_list("recipient", flat=True))
        assert f"office-{key}@{HOSTS[key]}" in recipients
        for other in _others(platform, key):
            assert f"office-{other['key']}@{other['host']}" not in recipients


# -- staff -------------------------------------------------------------------------------------


def _site_staff(entry, username):
    """A disclosure officer of one site: a group with the request and feedback permissions,
    and a Wagtail page permission (edit) on the site's section."""
    group = Group.objects.create(name=f"{entry['name']}公开办")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                 codename="access_admin"))
    for codename in ("view_informationrequest", "process_informationrequest",
                     "view_personal_data", "view_feedback", "answer_feedback",
                     "view_feedback_personal_data", "view_releaseregisterentry"):
        group.permissions.add(Permission.objects.get(
            content_type__app_label="wagtail_disclosure", codename=codename))
    GroupPagePermission.objects.create(group=group, page=entry["section"],
                                       permission_type="change")
    user = User.objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(group)
    return User.objects.get(pk=user.pk)


def _exported(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def feedback_by_site(platform):
    return {key: feedback.submit({"category": "question", "subject": f"{entry['name']}的问题",
                                  "message": "请问补助资金何时发放？", "name": f"{entry['name']}网民",
                                  "email": f"visitor@{entry['host']}"},
                                 page=entry["feedback_page"])
            for key, entry in platform.items()}


def test_site_staff_see_only_their_sites_rows_in_the_admin_exports_and_by_url(
        platform, requests_by_site, feedback_by_site, client):
    a = platform["a"]
    client.force_login(_site_staff(a, "jiaxian"))
    own, others = requests_by_site["a"], [requests_by_site[k] for k in ("b", "c")]

    listing = client.get(LISTING).content.decode()
    assert own.tracking_number in listing
    exported = _exported(client.get(LISTING + "?export=csv")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))[1:]
    assert [row[0] for row in rows] == [own.tracking_number]
    for request_obj in others:
        assert reverse("wagtail_disclosure_requests:edit", args=(request_obj.pk,)) not in listing
        assert request_obj.name not in listing
        for url in (reverse("wagtail_disclosure_requests:edit", args=(request_obj.pk,)),
                    reverse("wagtail_disclosure_requests:history", args=(request_obj.pk,)),
                    reverse("wagtail_disclosure_requests:action",
                            args=(request_obj.pk, "start"))):
            response = client.get(url) if "action" not in url else client.post(url)
            assert response.status_code == 404, url
            assert request_obj.name not in response.content.decode()
        letter = RequestLetter.objects.filter(request=request_obj).first()
        assert client.get(reverse("wagtail_disclosure_requests:letter_print",
                                  args=(letter.pk,))).status_code == 404
    assert client.get(reverse("wagtail_disclosure_requests:edit",
                              args=(own.pk,))).status_code == 200
    dashboard = client.get("/admin/").content.decode()
    for request_obj in others:
        assert reverse("wagtail_disclosure_requests:edit",
                       args=(request_obj.pk,)) not in dashboard

    # feedback
    feedback_list = client.get(reverse("wagtail_disclosure_feedback:index")).content.decode()
    assert feedback_by_site["a"].reference in feedback_list
    feedback_csv = _exported(client.get(reverse("wagtail_disclosure_feedback:index")
                                        + "?export=csv")).decode("utf-8-sig")
    for key in ("b", "c"):
        other = feedback_by_site[key]
        assert other.subject not in feedback_list and other.subject not in feedback_csv
        assert client.get(reverse("wagtail_disclosure_feedback:edit",
                                  args=(other.pk,))).status_code == 404

    # the release register: the publications of site A's items only
    register = client.get(reverse("wagtail_disclosure_register:index")).content.decode()
    assert ReleaseRegisterEntry.objects.filter(page_id=a["item"].pk).exists()
    assert a["item"].title in register
    register_csv = _exported(client.get(reverse("wagtail_disclosure_register:index")
                                        + "?export=csv")).decode("utf-8-sig")
    printed = client.get(reverse("wagtail_disclosure_register:print")).content.decode()
    for other in _others(platform, "a"):
        for text in (register, register_csv, printed):
            assert other["item"].title not in text


def test_staff_without_a_page_permission_see_no_site_and_superusers_every_site(
        platform, requests_by_site, client):
    user = factories.make_user("nobody", "view_informationrequest", admin_access=True)
    client.force_login(user)
    listing = client.get(LISTING).content.decode()
    assert not any(r.tracking_number in listing for r in requests_by_site.values())
    client.force_login(User.objects.create_superuser("root", "r@example.com", "pw"))
    listing = client.get(LISTING).content.decode()
    assert all(r.tracking_number in listing for r in requests_by_site.values())


def test_a_paper_request_is_registered_for_one_of_the_officers_sites(platform, client):
    b = platform["b"]
    client.force_login(_site_staff(b, "yixian"))
    data = {**factories.request_data(name="纸质申请人"), "channel": "registered_post",
            "received_on": TODAY.isoformat(), "organ": b["organ"].pk,
            "site": platform["a"]["site"].pk}
    response = client.post(LISTING + "new/", data)
    assert response.status_code == 200 and "site" in response.context["form"].errors
    data["site"] = b["site"].pk
    response = client.post(LISTING + "new/", data)
    assert response.status_code == 302, response.context["form"].errors
    request_obj = InformationRequest.objects.get(name="纸质申请人")
    assert request_obj.site == b["site"]
    assert request_obj.tracking_number.startswith("YX")


def test_only_the_sites_own_staff_are_told_about_its_requests(platform, requests_by_site):
    from wagtail_disclosure.requests.permissions import users_with_permission

    staff = {key: _site_staff(entry, f"staff-{key}") for key, entry in platform.items()}
    root = User.objects.create_superuser("root", "r@example.com", "pw")
    for key, entry in platform.items():
        told = set(users_with_permission("process_informationrequest", entry["site"].pk))
        assert told == {staff[key], root}
    # without a site (e.g. a platform-wide digest): everyone holding the permission
    assert set(users_with_permission("process_informationrequest")) == {*staff.values(), root}
