"""Importing a holiday notice into the site's calendar: the service, the management command,
the admin view, the coverage warning (W101) and dashboard notice, and the recomputation of
deadlines when coverage changes.

The 2027 notice below is INVENTED for the tests (the real one is not published yet); it keeps
the published wording and the statutory days of 2027 (元旦 01-01; 春节 除夕 02-05 to 初三 02-08;
清明 04-05; 劳动节 05-01/02; 端午 06-09; 中秋 09-15; 国庆 10-01..03).
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.utils import OperationalError
from django.utils import translation
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_disclosure import checks, workdays
from wagtail_disclosure.holiday_notice import parse_notice
from wagtail_disclosure.requests import calendar as calendar_service
from wagtail_disclosure.requests import services
from wagtail_disclosure.requests.models import HolidayNotice, InformationRequest, WorkdayOverride

pytestmark = pytest.mark.django_db

D = datetime.date
FIXTURES = Path(__file__).parent / "fixtures" / "holiday_notices"

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周五）至3日（周日）放假，共3天。
　　二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
　　三、清明节：4月3日（周六）至5日（周一）放假，共3天。
　　四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
　　五、端午节：6月9日（周三）放假1天，不调休。
　　六、中秋节：9月15日（周三）放假1天，不调休。
　　七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
"""
DAYS_2027 = 3 + 8 + 3 + 5 + 1 + 1 + 7 + 5  # days off + makeup working days


@pytest.fixture(autouse=True)
def _calendar(fresh_calendar):
    yield


@pytest.fixture
def recomputations(monkeypatch):
    calls = []
    original = services.recompute_open_deadlines

    def spy(cause, user=None):
        calls.append(cause)
        return original(cause, user)

    monkeypatch.setattr(services, "recompute_open_deadlines", spy)
    return calls


def import_2027(text=NOTICE_2027, **kwargs):
    return calendar_service.import_notice(parse_notice(text), text, **kwargs)


# -- the service -----------------------------------------------------------------------------


def test_import_saves_the_days_and_recomputes_once(django_capture_on_commit_callbacks,
                                                    recomputations, admin_user):
    # Received Friday 2027-01-29. By the fallback: 02-01..04 (1-4), 02-05 除夕 and 02-08 初三
    # off, 02-09..12 (5-8), 02-15..19 (9-13), 02-22..26 (14-18), 03-01, 03-02 (19-20).
    late = factories.information_request(received_on=D(2027, 1, 29))
    assert (late.due_on, late.due_provisional) == (D(2027, 3, 2), True)
    # With the notice: 02-05..12 off, Saturday 02-20 works: 02-15..19 (5-9), 02-20 (10),
    # 02-22..26 (11-15), 03-01..05 (16-20).
    with django_capture_on_commit_callbacks(execute=True):
        result = import_2027(user=admin_user)
    notice = HolidayNotice.objects.get(year=2027)
    assert (notice.document_number, notice.imported_by) == ("国办发明电〔2026〕99号", admin_user)
    assert notice.title == "国务院办公厅关于2027年部分节假日安排的通知"
    assert notice.overrides.count() == result.created == DAYS_2027
    row = WorkdayOverride.objects.get(date=D(2027, 2, 20))
    assert row.is_working_day and row.notice == notice and "春节" in row.note
    assert recomputations == ["holiday_notice:2027"]  # once, not once per row
    assert result.changed_deadlines == 1
    late.refresh_from_db()
    assert (late.due_on, late.due_provisional) == (D(2027, 3, 5), False)
    entry = ModelLogEntry.objects.get(action=calendar_service.IMPORT_ACTION)
    assert entry.data["year"] == 2027 and entry.user_id == admin_user.pk
    deadline_log = ModelLogEntry.objects.get(action="wagtail_disclosure.request.deadline",
                                             object_id=str(late.pk), data__new="2027-03-05")
    assert deadline_log.data["cause"] == "holiday_notice:2027"
    with translation.override("en"):
        assert "2027" in entry.message
        assert "holiday notice was imported" in deadline_log.message
    assert workdays.year_is_covered(2027)
    assert workdays.covered_through(2026) == 2027


def test_reimporting_replaces_the_earlier_import(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_2027()
    corrected = NOTICE_2027.replace("2月20日（周六）上班。", "2月20日（周六）、2月27日（周六）上班。")
    plan = calendar_service.plan_import(parse_notice(corrected))
    assert plan.previous_rows == DAYS_2027 and plan.replaced == []
    with django_capture_on_commit_callbacks(execute=True):
        result = import_2027(corrected)
    assert HolidayNotice.objects.count() == 1
    assert WorkdayOverride.objects.count() == result.created == DAYS_2027 + 1
    assert WorkdayOverride.objects.get(date=D(2027, 2, 27)).is_working_day


def test_manual_overrides_on_the_notices_days_are_replaced_and_reported(
        django_capture_on_commit_callbacks):
    WorkdayOverride.objects.create(date=D(2027, 1, 1), is_working_day=False, note="元旦 (by hand)")
    WorkdayOverride.objects.create(date=D(2027, 2, 20), is_working_day=False, note="local")
    kept = WorkdayOverride.objects.create(date=D(2027, 3, 10), is_working_day=False, note="local")
    with django_capture_on_commit_callbacks(execute=True):
        result = import_2027()
    assert [(r.date, r.conflict) for r in result.replaced] == [
        (D(2027, 1, 1), False), (D(2027, 2, 20), True)]
    assert WorkdayOverride.objects.get(date=D(2027, 2, 20)).is_working_day
    assert WorkdayOverride.objects.get(pk=kept.pk).notice is None  # other days untouched
    entry = ModelLogEntry.objects.get(action=calendar_service.IMPORT_ACTION)
    assert [r["date"] for r in entry.data["replaced_overrides"]] == ["2027-01-01", "2027-02-20"]


def test_a_dry_run_saves_nothing():
    WorkdayOverride.objects.create(date=D(2027, 1, 1), is_working_day=False)
    result = import_2027(dry_run=True)
    assert result.dry_run and result.notice is None and len(result.replaced) == 1
    assert not HolidayNotice.objects.exists()
    assert WorkdayOverride.objects.count() == 1


def test_deleting_a_notice_deletes_its_days_and_recomputes_once(
        django_capture_on_commit_callbacks, recomputations):
    with django_capture_on_commit_callbacks(execute=True):
        import_2027()
    recomputations.clear()
    with django_capture_on_commit_callbacks(execute=True):
        HolidayNotice.objects.get(year=2027).delete()
    assert not WorkdayOverride.objects.exists()
    assert recomputations == ["calendar"]
    assert not workdays.year_is_covered(2027)


def test_editing_an_override_still_recomputes(django_capture_on_commit_callbacks,
                                              recomputations):
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=D(2027, 3, 10), is_working_day=False)
    assert recomputations == ["calendar"]


def test_the_daily_run_recomputes_provisional_deadlines():
    late = factories.information_request(received_on=D(2027, 1, 29))
    settled = factories.information_request(received_on=D(2026, 9, 1))
    assert late.due_provisional and not settled.due_provisional
    # The year becomes known without a recomputation (as when a chinesecalendar release that
    # covers it is installed and the server restarted): rows written without signals.
    notice = HolidayNotice.objects.create(year=2027, title="t", text="t")
    WorkdayOverride.objects.bulk_create(
        WorkdayOverride(date=day.date, is_working_day=day.is_working_day, notice=notice)
        for day in parse_notice(NOTICE_2027).days)
    assert calendar_service.recompute_provisional_deadlines() == 1
    late.refresh_from_db()
    assert (late.due_on, late.due_provisional) == (D(2027, 3, 5), False)
    assert ModelLogEntry.objects.filter(object_id=str(late.pk),
                                        data__cause="calendar_coverage").count() == 1
    assert calendar_service.recompute_provisional_deadlines() == 0


# -- the management command ----------------------------------------------------------------


def test_the_command_imports_a_file(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_holiday_notice", str(path), stdout=out)
    assert "2027-02" in out.getvalue()
    assert WorkdayOverride.objects.filter(notice__year=2027).count() == DAYS_2027


def test_the_command_reads_standard_input_and_can_dry_run(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(NOTICE_2027))
    out = io.StringIO()
    call_command("import_holiday_notice", "-", "--dry-run", stdout=out)
    assert "2027-10" in out.getvalue() and "Dry run" in out.getvalue()
    assert not HolidayNotice.objects.exists()


def test_the_command_takes_the_year(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE_2027.split("\n", 1)[1], encoding="utf-8")
    call_command("import_holiday_notice", str(path), "--year", "2027", "--dry-run",
                 stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import_holiday_notice", str(path), "--dry-run", stdout=io.StringIO())


def test_the_command_refuses_with_the_line_and_saves_nothing(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE_2027.replace("2月20日（周六）上班", "2月19日（周五）上班"),
                    encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as info:
        call_command("import_holiday_notice", str(path), stdout=io.StringIO())
    assert str(info.value).startswith("line 6: 二、春节：")
    assert str(info.value).endswith("is a Friday, not a Saturday or Sunday")
    assert not HolidayNotice.objects.exists() and not WorkdayOverride.objects.exists()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_holiday_notice", str(tmp_path / "missing.txt"))


def test_the_command_reads_the_real_notices(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_holiday_notice", str(FIXTURES / "2026.txt"), stdout=io.StringIO())
    assert HolidayNotice.objects.get(year=2026).document_number == "国办发明电〔2025〕7号"


# -- the admin ------------------------------------------------------------------------------

IMPORT_URL = "/admin/disclosure/workdays/import/"


def test_the_listing_links_to_the_import(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/disclosure/workdays/")
    assert response.status_code == 200
    assert IMPORT_URL in response.content.decode()
    assert client.get("/admin/disclosure/holiday-notices/").status_code == 200


def test_preview_then_save(client, admin_user, django_capture_on_commit_callbacks):
    factories.information_request(received_on=D(2027, 1, 29))
    client.force_login(admin_user)
    assert client.get(IMPORT_URL).status_code == 200
    response = client.post(IMPORT_URL, {"text": NOTICE_2027, "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>2027-02</caption>" in html and 'th scope="col"' in html
    assert 'name="action" value="save"' in html
    assert not HolidayNotice.objects.exists()  # a preview saves nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_URL, {"text": NOTICE_2027, "action": "save"})
    assert response.status_code == 302
    assert WorkdayOverride.objects.filter(notice__year=2027).count() == DAYS_2027
    assert InformationRequest.objects.get().due_on == D(2027, 3, 5)
    response = client.get(response["Location"])
    assert "2027" in response.content.decode()


def test_save_parses_the_text_again_and_refuses_errors(client, admin_user):
    client.force_login(admin_user)
    bad = NOTICE_2027.replace("（周五）至3日", "（周六）至3日")
    response = client.post(IMPORT_URL, {"text": bad, "action": "save"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "一、元旦：1月1日（周六）至3日（周日）放假，共3天。" in html and "周六" in html
    assert not HolidayNotice.objects.exists()


def admin_access(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                     codename="access_admin"))
    return type(user).objects.get(pk=user.pk)


def test_only_calendar_editors_may_import(client):
    officer = admin_access(factories.make_user("officer", "view_informationrequest"))
    client.force_login(officer)
    # PermissionDenied, which Wagtail's admin answers with a redirect to the dashboard and an
    # error message (a 403 for a script).
    response = client.get(IMPORT_URL)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get(IMPORT_URL, headers={"x-requested-with": "XMLHttpRequest"}
                      ).status_code == 403
    assert client.post(IMPORT_URL, {"text": NOTICE_2027, "action": "save"}).status_code == 302
    assert not HolidayNotice.objects.exists()
    editor = admin_access(factories.make_user("editor", "add_workdayoverride",
                                              "view_workdayoverride"))
    client.force_login(editor)
    assert client.get(IMPORT_URL).status_code == 200
    assert IMPORT_URL in client.get("/admin/disclosure/workdays/").content.decode()


def test_a_notice_cannot_be_added_by_hand(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/disclosure/holiday-notices/new/")
    assert response.status_code in (302, 403)


# -- coverage: the system check and the dashboard -------------------------------------------


def test_w101_while_a_needed_year_is_not_covered(monkeypatch):
    monkeypatch.setattr(calendar_service.timezone, "localdate", lambda: D(2026, 12, 1))
    warnings = checks.check_calendar_coverage()
    assert [w.id for w in warnings] == ["wagtail_disclosure.W101"]
    assert "2027" in warnings[0].msg
    monkeypatch.setattr(calendar_service.timezone, "localdate", lambda: D(2026, 10, 31))
    assert checks.check_calendar_coverage() == []


def test_w101_is_silenced_by_an_imported_notice(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(calendar_service.timezone, "localdate", lambda: D(2026, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        import_2027()
    assert checks.check_calendar_coverage() == []


def test_w101_survives_a_missing_table(monkeypatch):
    def missing(today=None):
        raise OperationalError("no such table")

    monkeypatch.setattr(calendar_service, "missing_years", missing)
    assert checks.check_calendar_coverage() == []


def test_the_dashboard_says_which_year_is_missing(client, admin_user, monkeypatch,
                                                  django_capture_on_commit_callbacks):
    monkeypatch.setattr(calendar_service.timezone, "localdate", lambda: D(2026, 12, 1))
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert 'id="wd-calendar-coverage"' in html or "wd-calendar-coverage" in html
    assert IMPORT_URL in html
    with django_capture_on_commit_callbacks(execute=True):
        import_2027()
    html = client.get("/admin/").content.decode()
    assert "wd-calendar-coverage" not in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_commits_recompute_once_per_transaction(recomputations):
    # Without the test's wrapping transaction: the on-commit callbacks run for real.
    factories.information_request(received_on=D(2027, 1, 29))
    result = import_2027()
    assert result.changed_deadlines == 1  # known when import_notice returns
    assert recomputations == ["holiday_notice:2027"]
    recomputations.clear()
    HolidayNotice.objects.get(year=2027).delete()  # the notice and its 33 days
    assert recomputations == ["calendar"]
    recomputations.clear()
    WorkdayOverride.objects.create(date=D(2027, 3, 10), is_working_day=False)
    WorkdayOverride.objects.create(date=D(2027, 3, 11), is_working_day=False)
    assert recomputations == ["calendar", "calendar"]  # two transactions, two recomputations
