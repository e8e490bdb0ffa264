"""One installation, three agencies: the governance tools and the rest of the admin per site
(issue 14, "One platform for many agencies").

The same three sites as ``tests/test_multisite.py``. For each staff-facing record that was shared
before, the tests prove that a site's staff (a Wagtail page permission on its section) see and
change their site's only, by the listing, the export and the URL (another site's row is a
404), while superusers see every site and may pick one: the compliance self-inspection, the
assessment report, the timeliness panel and listing, the withheld-information register, the
review cases, the calendar rows, the site settings; and that feedback references count per
site and reminders use each request's site calendar.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from wagtail.models import GroupSitePermission

from tests import factories
from tests.test_multisite import (  # noqa: F401  (fixtures)
    HOSTS,
    TODAY,
    _hosts,
    _others,
    _site_staff,
    feedback_by_site,
    platform,
    requests_by_site,
)
from wagtail_disclosure import sites, workdays
from wagtail_disclosure.governance import assessment, compliance
from wagtail_disclosure.governance.assessment_dashboard import panel_data
from wagtail_disclosure.governance.models import Feedback, WithheldInformation
from wagtail_disclosure.models import DisclosureItemPage, InformationRequest
from wagtail_disclosure.reports.models import ReviewCase
from wagtail_disclosure.requests.models import WorkdayOverride
from wagtail_disclosure.requests.settings import RequestSettings

pytestmark = pytest.mark.django_db

COMPLIANCE = "/admin/disclosure/compliance/"
ASSESSMENT = "/admin/disclosure/assessment/"
TIMELINESS = "/admin/disclosure/timeliness/"
WITHHELD = "/admin/disclosure/withheld/"
CASES = "/admin/disclosure/review-cases/"
CALENDAR = "/admin/disclosure/workdays/"
LONG_AGO = datetime.date(2025, 3, 3)


def _grant(user, *codenames, app_label="wagtail_disclosure"):
    group = user.groups.first()
    for codename in codenames:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                     codename=codename))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def root():
    return User.objects.create_superuser("root", "root@example.com", "pw")


@pytest.fixture
def staff_a(platform):
    return _site_staff(platform["a"], "jiaxian")


def _text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# -- 1. figures: compliance, assessment, timeliness ---------------------------------------------


@pytest.fixture
def overdue(platform, requests_by_site):
    """Each site's request overdue, a withheld entry due for review, an old unanswered
    message."""
    past = TODAY - datetime.timedelta(days=10)
    for key, entry in platform.items():
        InformationRequest.objects.filter(pk=requests_by_site[key].pk).update(due_on=past)
        WithheldInformation.objects.create(
            title=f"{entry['name']}内部会议纪要", ground="art16_internal", reason="内部事务",
            decided_on=LONG_AGO, review_due_on=past, site=entry["site"])
        factories_feedback = Feedback.objects.create(
            page=entry["feedback_page"], reference=f"OLD-{key}", subject="旧留言",
            message="旧留言", received_at=datetime.datetime(2025, 1, 6, 9, tzinfo=datetime.UTC))
        assert factories_feedback.pk
    return requests_by_site


def test_the_compliance_inspection_counts_the_staff_members_sites_only(
        platform, overdue, staff_a, root, client):
    staff_a = _grant(staff_a, "view_compliance")
    by_key = {i.key: i for i in compliance.run_all(TODAY, frozenset({platform["a"]["site"].pk}))}
    assert by_key["overdue_requests"].count == 1
    assert by_key["withheld_reviews"].count == 1
    assert by_key["unanswered_feedback"].count == 1
    assert {i.key: i.count for i in compliance.run_all(TODAY)}["overdue_requests"] == 3

    client.force_login(staff_a)
    html = _text(client.get(COMPLIANCE))

    def link(key):
        return reverse("wagtail_disclosure_requests:edit", args=(overdue[key].pk,))

    assert link("a") in html and "甲县内部会议纪要" in html
    assert "OLD-a" in html
    for key in ("b", "c"):
        assert link(key) not in html
        assert f"OLD-{key}" not in html and f"{platform[key]['name']}内部会议纪要" not in html
    assert 'name="site"' not in html  # one site: nothing to choose
    # another site by its URL: not found
    assert client.get(COMPLIANCE, {"site": platform["b"]["site"].pk}).status_code == 404

    client.force_login(root)
    everything = _text(client.get(COMPLIANCE))
    assert all(link(key) in everything for key in overdue)
    assert 'name="site"' in everything
    only_b = _text(client.get(COMPLIANCE, {"site": platform["b"]["site"].pk}))
    assert link("b") in only_b
    assert link("a") not in only_b and link("c") not in only_b


def test_each_site_needs_its_own_annual_report(platform):
    from wagtail_disclosure.models import AnnualReportPage

    year = TODAY.year - 1
    platform["a"]["reports"].add_child(instance=AnnualReportPage(
        title=f"{year}年报告", slug=f"report-{year}", year=year, organs=[]))
    site_ids = {entry["site"].pk for entry in platform.values()}
    three = compliance.check_annual_report(TODAY, frozenset(site_ids))
    assert three.count == 2 and len(three.rows) == 2
    assert not any(platform["a"]["name"] in row.label for row in three.rows)
    assert compliance.check_annual_report(
        TODAY, frozenset({platform["a"]["site"].pk})).status == compliance.OK


def test_the_assessment_report_counts_the_staff_members_sites_only(
        platform, requests_by_site, staff_a, root, client):
    staff_a = _grant(staff_a, "view_assessment")
    own = assessment.compute(site_ids=frozenset({platform["a"]["site"].pk}))
    everything = assessment.compute()
    assert own["total"]["items_published"] == 1
    assert everything["total"]["items_published"] == 3
    assert [row["organ"]["name"] for row in own["rows"] if row["organ"]] == [
        platform["a"]["organ"].name]

    client.force_login(staff_a)
    html = _text(client.get(ASSESSMENT))
    assert platform["a"]["organ"].name in html
    workbook = client.get(ASSESSMENT, {"start": f"{TODAY.year}-01-01",
                                       "end": f"{TODAY.year}-12-31", "export": "xlsx"})
    assert workbook.status_code == 200
    from openpyxl import load_workbook
    import io

    sheet = load_workbook(io.BytesIO(workbook.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    for other in _others(platform, "a"):
        assert other["organ"].name not in html
        assert other["organ"].name not in cells
    # another site: not one of the choices
    refused = client.get(ASSESSMENT, {"site": platform["b"]["site"].pk})
    assert refused.status_code in (200, 400)
    assert platform["b"]["organ"].name not in refused.content.decode()

    client.force_login(root)
    html = _text(client.get(ASSESSMENT))
    assert all(entry["organ"].name in html for entry in platform.values())
    only_c = client.get(ASSESSMENT, {"site": platform["c"]["site"].pk})
    assert only_c.status_code == 200
    assert only_c.context["report"]["total"]["items_published"] == 1


def _draft(entry, title, formed_on):
    page = factories.item(entry["column"], title=title, publish=False,
                          organ_obj=entry["organ"])
    DisclosureItemPage.objects.filter(pk=page.pk).update(formation_date=formed_on)
    return page


def test_the_timeliness_panel_and_listing_show_the_staff_members_sites_only(
        platform, staff_a, client):
    drafts = {key: _draft(entry, f"{entry['name']}逾期草稿", LONG_AGO)
              for key, entry in platform.items()}
    own = panel_data(site_ids=frozenset({platform["a"]["site"].pk}))
    assert [p.pk for p in own["past_due"]] == [drafts["a"].pk]
    assert own["past_due_count"] == 1
    assert panel_data()["past_due_count"] == 3

    client.force_login(staff_a)
    dashboard = _text(client.get("/admin/"))
    listing = _text(client.get(TIMELINESS))
    assert drafts["a"].title in dashboard
    assert platform["a"]["item"].title in listing
    for key in ("b", "c"):
        assert drafts[key].title not in dashboard
        assert platform[key]["item"].title not in listing


def test_the_timeliness_panel_counts_each_sites_deadlines_with_its_calendar(platform):
    # a draft formed today is due in 20 working days; a local day off moves site B's only
    day_off = workdays.default_calendar().add_working_days(TODAY, 1)
    WorkdayOverride.objects.create(date=day_off, is_working_day=False,
                                   site=platform["b"]["site"], note="乙县地方节日")
    workdays.clear_cache()
    drafts = {key: _draft(platform[key], f"{platform[key]['name']}新草稿", TODAY)
              for key in ("a", "b")}
    data = panel_data(site_ids=frozenset({platform["a"]["site"].pk,
                                          platform["b"]["site"].pk}),
                      today=workdays.default_calendar().add_working_days(TODAY, 16))
    deadlines = {p.pk: p.timeliness_deadline for p in data["due_soon"]}
    assert deadlines[drafts["b"].pk] > deadlines[drafts["a"].pk]


# -- 2. the withheld register, the review cases, the calendar rows ----------------------------


@pytest.fixture
def withheld_by_site(platform):
    return {key: WithheldInformation.objects.create(
        title=f"{entry['name']}不予公开事项", ground="art16_internal", reason="内部事务",
        decided_on=LONG_AGO, review_due_on=TODAY + datetime.timedelta(days=30),
        site=entry["site"]) for key, entry in platform.items()}


def test_a_withheld_entry_of_an_item_belongs_to_the_items_site(platform):
    from wagtail_disclosure.governance import withheld

    item = platform["b"]["item"]
    item.disclosure_attribute = "not_disclosed"
    item.exemption_ground = "art16_internal"
    item.attribute_reason = "内部事务"
    entry = withheld.ensure_entry_for_item(item)
    assert entry.site_id == platform["b"]["site"].pk


def test_the_withheld_register_is_per_site(platform, withheld_by_site, staff_a, client):
    staff_a = _grant(staff_a, "view_withheldinformation", "add_withheldinformation",
                     "change_withheldinformation", "delete_withheldinformation")
    client.force_login(staff_a)
    listing = _text(client.get(WITHHELD))
    assert withheld_by_site["a"].title in listing
    for key in ("b", "c"):
        other = withheld_by_site[key]
        assert other.title not in listing
        for url in (f"{WITHHELD}edit/{other.pk}/", f"{WITHHELD}delete/{other.pk}/",
                    f"{WITHHELD}inspect/{other.pk}/", f"{WITHHELD}{other.pk}/review/",
                    f"{WITHHELD}history/{other.pk}/"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert other.title not in response.content.decode()
        assert client.post(f"{WITHHELD}delete/{other.pk}/").status_code == 404
        assert WithheldInformation.objects.filter(pk=other.pk).exists()
    assert client.get(f"{WITHHELD}edit/{withheld_by_site['a'].pk}/").status_code == 200

    data = {"title": "甲县新事项", "organ": "", "description": "", "ground": "art16_internal",
            "reason": "内部事务信息", "decided_on": "2026-01-05", "review_due_on": "",
            "site": platform["b"]["site"].pk}
    refused = client.post(f"{WITHHELD}new/", data)
    assert refused.status_code == 200 and "site" in refused.context["form"].errors
    data["site"] = platform["a"]["site"].pk
    assert client.post(f"{WITHHELD}new/", data).status_code == 302
    assert WithheldInformation.objects.get(title="甲县新事项").site == platform["a"]["site"]


def test_review_cases_are_per_site(platform, requests_by_site, staff_a, client):
    cases = {key: ReviewCase.objects.create(kind="reconsideration", case_number=f"复议{key}",
                                            request=requests_by_site[key], filed_on=TODAY)
             for key in platform}
    assert {key: case.site_id for key, case in cases.items()} == {
        key: entry["site"].pk for key, entry in platform.items()}
    staff_a = _grant(staff_a, "view_reviewcase", "add_reviewcase", "change_reviewcase",
                     "delete_reviewcase")
    client.force_login(staff_a)
    listing = _text(client.get(CASES))
    assert "复议a" in listing
    for key in ("b", "c"):
        assert f"复议{key}" not in listing
        for url in (f"{CASES}edit/{cases[key].pk}/", f"{CASES}delete/{cases[key].pk}/"):
            assert client.get(url).status_code == 404, url
    data = {"kind": "reconsideration", "case_number": "复议新", "filed_on": TODAY.isoformat(),
            "result": "pending", "concluded_on": "", "note": "", "organ": "",
            "tracking_number": requests_by_site["b"].tracking_number,
            "site": platform["a"]["site"].pk}
    refused = client.post(f"{CASES}new/", data)
    assert refused.status_code == 200 and "tracking_number" in refused.context["form"].errors
    data["tracking_number"] = requests_by_site["a"].tracking_number
    assert client.post(f"{CASES}new/", data).status_code == 302
    assert ReviewCase.objects.get(case_number="复议新").site == platform["a"]["site"]


def test_calendar_rows_are_per_site(platform, staff_a, client):
    days = [TODAY + datetime.timedelta(days=400 + n) for n in range(4)]
    rows = {key: WorkdayOverride.objects.create(date=days[n], is_working_day=False,
                                                site=entry["site"], note=f"{entry['name']}节日")
            for n, (key, entry) in enumerate(platform.items())}
    shared = WorkdayOverride.objects.create(date=days[3], is_working_day=False, note="全省节日")
    staff_a = _grant(staff_a, "view_workdayoverride", "add_workdayoverride",
                     "change_workdayoverride", "delete_workdayoverride")
    client.force_login(staff_a)
    listing = _text(client.get(CALENDAR))
    assert "甲县节日" in listing
    for row in (rows["b"], rows["c"], shared):
        assert row.note not in listing
        for url in (f"{CALENDAR}edit/{row.pk}/", f"{CALENDAR}delete/{row.pk}/"):
            assert client.get(url).status_code == 404, url
    data = {"date": (TODAY + datetime.timedelta(days=500)).isoformat(), "note": "新节日",
            "site": ""}
    refused = client.post(f"{CALENDAR}new/", data)
    assert refused.status_code == 200 and "site" in refused.context["form"].errors
    refused = client.post(f"{CALENDAR}new/", {**data, "site": platform["b"]["site"].pk})
    assert refused.status_code == 200 and "site" in refused.context["form"].errors
    assert client.post(f"{CALENDAR}new/", {**data, "site": platform["a"]["site"].pk}
                       ).status_code == 302
    assert WorkdayOverride.objects.get(note="新节日").site == platform["a"]["site"]
    # the State Council's notice is for every site: the platform administrators' (Wagtail
    # answers a refused permission with a redirect to the dashboard and a message)
    assert _refused(client.get(reverse("workdayoverride:import_notice")))


# -- 3. site settings ------------------------------------------------------------------------


def _refused(response):
    """Wagtail's answer to a refused permission in its admin: back to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"))


def _settings_url(site):
    return reverse("wagtailsettings:edit", args=["wagtail_disclosure", "requestsettings",
                                                 site.pk])


def test_site_settings_are_edited_for_the_staff_members_sites_only(platform, staff_a, root,
                                                                   client):
    staff_a = _grant(staff_a, "change_requestsettings")
    client.force_login(staff_a)
    own = client.get(_settings_url(platform["a"]["site"]))
    assert own.status_code == 200
    assert own.context["site_switcher"] is None
    for other in _others(platform, "a"):
        response = client.get(_settings_url(other["site"]))
        assert _refused(response)
        assert other["site"].site_name not in response.content.decode()
        assert _refused(client.post(_settings_url(other["site"]), {"staff_email": "x@y.cn"}))
        assert RequestSettings.for_site(other["site"]).staff_email != "x@y.cn"
    # the settings menu's address on another site's host name: this user's own site
    redirect = client.get(reverse("wagtailsettings:edit", args=["wagtail_disclosure",
                                                                "requestsettings"]),
                          HTTP_HOST=HOSTS["b"])
    assert redirect.status_code == 302
    assert redirect["Location"] == _settings_url(platform["a"]["site"])

    # Wagtail's own per-site grant adds a site: the switcher lists those two
    GroupSitePermission.objects.create(
        group=staff_a.groups.first(), site=platform["c"]["site"],
        permission=Permission.objects.get(codename="change_requestsettings"))
    staff_a = User.objects.get(pk=staff_a.pk)
    client.force_login(staff_a)
    response = client.get(_settings_url(platform["c"]["site"]))
    assert response.status_code == 200
    switcher = response.context["site_switcher"]
    assert {value for value, _label in switcher.fields["site"].choices} == {
        _settings_url(platform["a"]["site"]), _settings_url(platform["c"]["site"])}

    client.force_login(root)
    for entry in platform.values():
        assert client.get(_settings_url(entry["site"])).status_code == 200


# -- 4. feedback references ------------------------------------------------------------------


def test_feedback_references_count_per_site(platform, feedback_by_site):
    year = TODAY.year
    assert feedback_by_site["a"].reference == f"JXYJ{year}-000001"
    assert feedback_by_site["b"].reference == f"YXYJ{year}-000001"
    assert feedback_by_site["c"].reference == f"YJ{year}-000001"
    from wagtail_disclosure.governance import feedback

    second = feedback.submit({"category": "question", "subject": "第二条", "message": "请问",
                              "name": "", "email": ""}, page=platform["b"]["feedback_page"])
    assert second.reference == f"YXYJ{year}-000002"


def test_a_single_site_keeps_its_feedback_references(settings):
    from wagtail.models import Site

    from wagtail_disclosure.governance import feedback
    from wagtail_disclosure.governance.pages import FeedbackPage
    from wagtail_disclosure.requests.settings import RequestSettings

    site = Site.objects.get(is_default_site=True)
    settings_obj = RequestSettings.for_site(site)
    settings_obj.tracking_number_prefix = "LC"
    settings_obj.save()
    page = site.root_page.add_child(instance=FeedbackPage(title="意见箱", slug="yjx-single"))
    assert not sites.is_multi_site()
    message = feedback.submit({"category": "question", "subject": "问题", "message": "请问",
                               "name": "", "email": ""}, page=page)
    assert message.reference == f"YJ{TODAY.year}-000001"


# -- 5. reminders count each request's site calendar ------------------------------------------


def test_due_soon_counts_each_requests_site_calendar(platform, requests_by_site):
    from wagtail_disclosure.conf import disclosure_settings
    from wagtail_disclosure.requests import reminders

    days = disclosure_settings.REMINDER_WORKING_DAYS
    national = workdays.default_calendar()
    day_off = national.add_working_days(TODAY, 1)
    WorkdayOverride.objects.create(date=day_off, is_working_day=False,
                                   site=platform["b"]["site"], note="乙县地方节日")
    workdays.clear_cache()
    horizon_b = workdays.default_calendar(platform["b"]["site"]).add_working_days(TODAY, days)
    assert horizon_b > national.add_working_days(TODAY, days)
    for request_obj in requests_by_site.values():  # each due on site B's horizon
        InformationRequest.objects.filter(pk=request_obj.pk).update(
            due_on=horizon_b, due_provisional=False)
    due = set(InformationRequest.objects.due_within_working_days(TODAY, days)
              .values_list("pk", flat=True))
    assert due == {requests_by_site["b"].pk}
    run = reminders.run_reminders(TODAY)
    assert run.due_soon == 1
    assert InformationRequest.objects.get(pk=requests_by_site["b"].pk).last_reminded_on == TODAY
    assert InformationRequest.objects.get(pk=requests_by_site["a"].pk).last_reminded_on is None


# -- migration 0015 ----------------------------------------------------------------------------


# serialized_rollback: the test starts from the migrated database's rows (the default site),
# whatever transactional test ran before, and leaves them for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0015_takes_the_site_of_the_entrys_item_and_of_the_cases_request():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("wagtail_disclosure", "0014_item_placements")]
    after = [("wagtail_disclosure", "0015_site_of_withheld_and_cases")]
    day = datetime.date(2025, 1, 6)
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    site = old.get_model("wagtailcore", "Site").objects.get(is_default_site=True)
    entry_model = old.get_model("wagtail_disclosure", "WithheldInformation")
    case_model = old.get_model("wagtail_disclosure", "ReviewCase")
    request_model = old.get_model("wagtail_disclosure", "InformationRequest")
    of_item = entry_model.objects.create(title="有条目", ground="art16_internal", reason="内部",
                                         decided_on=day, review_due_on=day,
                                         page_id=site.root_page_id)
    by_hand = entry_model.objects.create(title="手工", ground="art16_internal", reason="内部",
                                         decided_on=day, review_due_on=day)
    request_obj = request_model.objects.create(
        tracking_number="2025-000001", received_on=day, site_id=site.pk, name="张三",
        description="材料", clock_started_on=day, due_on=day, correction_notice_due_on=day)
    of_request = case_model.objects.create(kind="reconsideration", request_id=request_obj.pk,
                                           filed_on=day)
    alone = case_model.objects.create(kind="reconsideration", filed_on=day)
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        entries = new.get_model("wagtail_disclosure", "WithheldInformation").objects
        cases = new.get_model("wagtail_disclosure", "ReviewCase").objects
        assert entries.get(pk=of_item.pk).site_id == site.pk
        assert entries.get(pk=by_hand.pk).site_id is None
        assert cases.get(pk=of_request.pk).site_id == site.pk
        assert cases.get(pk=alone.pk).site_id is None
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
