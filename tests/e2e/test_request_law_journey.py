"""The legal clock in a real browser (Debian Chromium, Playwright), in Chinese.

- A fee notice: the handler issues it, the processing page says the clock stands still and the
  deadline moves out to the latest it can be; the payment is recorded and the deadline is the
  original one plus the working days actually paused, with the cause in the timeline.
- A holiday notice: a request's deadline reaches into 2027, which chinesecalendar does not
  cover, so it is provisional and counted with the statutory holidays only; the handler pastes
  the State Council's notice for 2027, sees the preview, saves it, and the open deadline moves
  to what the notice's 调休 make it.
- A refusal: the reply letter of a 不予公开 shows reconsideration first (复议前置).

Today is the real today (the tests run on 2026-12-01 and later); dates before it are set up
through the services, as an officer registering a request received earlier would.
"""

import datetime

import pytest

from .conftest import DESKTOP, login_to_admin
from .test_request_journey import HANDLER, open_action, request_site, submit_action  # noqa: F401
from .test_screenshots import shoot

pytestmark = pytest.mark.browser

# A notice for 2027 in the State Council's published wording (《国务院办公厅关于2027年部分节假日
# 安排的通知》). The 2027 notice's real text was not at hand when this test was written, so the
# schedule is constructed: the statutory days of 全国年节及纪念日放假办法 with the usual 调休.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至13日（周六）放假调休，共9天。2月14日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
"""


def _submit(received_on, **extra):
    from tests import factories
    from wagtail_disclosure.requests import services

    data = {**factories.request_data(), **extra}
    request_obj, _code = services.submit(data, received_on=received_on, channel="in_person")
    return request_obj


def _timeline(page):
    return page.locator("#wd-timeline ~ table").inner_text()


def test_fee_notice_stops_the_clock_and_payment_moves_it(new_context, request_site,
                                                          live_server):
    from wagtail_disclosure.models import FeeNotice, InformationRequest
    from wagtail_disclosure.workdays import default_calendar

    from django.utils import timezone

    today = timezone.localdate()  # the site's date (Asia/Shanghai), not the machine's
    calendar = default_calendar()
    received = calendar.add_working_days(today - datetime.timedelta(days=14), 1)
    request_obj = _submit(received)
    original_due = request_obj.due_on
    assert original_due >= today  # the reply period still runs

    officer = new_context(viewport=DESKTOP).new_page()
    login_to_admin(officer, HANDLER)
    officer.goto(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    open_action(officer, "fee_notice")
    officer.select_option("#id_fee_notice-method", "per_page")
    officer.fill("#id_fee_notice-quantity", "100000000000000000000")  # 10²⁰: a field error
    officer.select_option("#id_fee_notice-delivery", "email")
    with officer.expect_navigation():
        officer.click("#action-fee_notice form button[type=submit]")
    assert officer.locator("#action-fee_notice .error-message").count() >= 1
    assert not FeeNotice.objects.exists()

    officer.fill("#id_fee_notice-quantity", "150")
    shoot(officer, "admin-request-fee-notice.png")
    submit_action(officer, "fee_notice")
    request_obj.refresh_from_db()
    notice = request_obj.fee_notices.get()
    assert request_obj.status == "awaiting_payment"
    assert notice.amount == 700 + 1000  # pages 31–100 at 10, 101–150 at 20
    assert notice.received_on == today  # sent by email: received the day it was sent
    assert notice.pay_by == calendar.add_working_days(today, 20)
    # The clock stands still: the deadline shown counts the pause up to the pay-by date.
    paused_to_pay_by = calendar.working_days_between(today, notice.pay_by)
    assert request_obj.due_on == calendar.add_working_days(
        request_obj.clock_started_on, 20 + paused_to_pay_by)
    assert officer.locator("[data-testid=admin-clock-stopped]").is_visible()
    assert not InformationRequest.objects.overdue(request_obj.due_on + datetime.timedelta(1))
    shoot(officer, "admin-request-awaiting-payment.png", full_page=True)

    # Three working days pass before the applicant pays: the notice is moved back to three
    # working days before today (the browser cannot wait for them).
    # Counted back until three working days lie after it up to today: on a day off today is
    # not one of them (the test assumed it was, and failed when run on a Saturday, China time).
    issued = today
    while calendar.working_days_between(issued, today) < 3:
        issued -= datetime.timedelta(days=1)
    assert issued >= request_obj.clock_started_on
    FeeNotice.objects.filter(pk=notice.pk).update(issued_on=issued)

    officer.reload()
    open_action(officer, "payment")
    officer.select_option("#id_payment-notice", str(notice.pk))
    officer.fill("#id_payment-paid_on", today.isoformat())
    submit_action(officer, "payment")
    request_obj.refresh_from_db()
    assert request_obj.status == "in_progress"
    paused = calendar.working_days_between(issued, today)
    assert paused == 3
    assert request_obj.due_on == calendar.add_working_days(request_obj.clock_started_on,
                                                           20 + paused)
    assert request_obj.due_on > original_due
    assert request_obj.due_on.isoformat() in officer.locator(
        "[data-testid=admin-due]").inner_text()
    assert "缴" in _timeline(officer)  # the deadline change names the payment as its cause


@pytest.fixture
def year_2027_not_national(monkeypatch):
    """2027 stays outside the national data even after a chinesecalendar upgrade adds it, so
    that the notice, not the package, is what covers it here."""
    from wagtail_disclosure import workdays

    national = workdays.WorkdayCalendar.national_years
    monkeypatch.setattr(workdays.WorkdayCalendar, "national_years",
                        range(national.start, min(national.stop, 2027)))
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def test_pasting_a_holiday_notice_moves_open_deadlines(new_context, request_site, admin_user,
                                                        live_server, year_2027_not_national):
    from tests import factories
    from wagtail_disclosure.models import HolidayNotice, WorkdayOverride
    from wagtail_disclosure.requests import services

    approver = factories.make_user("approver2", "view_informationrequest",
                                   "process_informationrequest", "approve_extension")
    # Received Wednesday 2026-12-02; a third party consulted by email the same day (15 working
    # days, to 12-23); an extension of 20 approved the same day. 20 + 15 + 20 = 55 working days
    # after 12-02. December 2026 has 21 of them (12-03 … 12-31). Without a notice, 2027 counts
    # Monday to Friday less the statutory days: 1-01 off, January has 20 (to 1-29, 41 in all),
    # 2-01 … 2-04 (45), 2-05 除夕 and 2-08 初三 off, 2-09 … 2-12 (49), 2-15 … 2-19 (54), 2-22
    # (55). With the notice, 2-05 … 2-13 are off and Sunday 2-14 and Saturday 2-20 are working
    # days: 2-01 … 2-04 (45), 2-14 (46), 2-15 … 2-19 (51), 2-20 (52), 2-22 … 2-24 (55).
    received = datetime.date(2026, 12, 2)
    request_obj = _submit(received)
    services.start_consultation(request_obj, approver, "某公司", received, "征求意见",
                                delivery="email")
    services.request_extension(type(request_obj).objects.get(pk=request_obj.pk), approver, 20,
                               "需要调取档案", on=received)
    request_obj.refresh_from_db()
    assert request_obj.due_on == datetime.date(2027, 2, 22)
    assert request_obj.due_provisional

    officer = new_context(viewport=DESKTOP).new_page()
    login_to_admin(officer)
    officer.goto(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    due_text = officer.locator("[data-testid=admin-due]").inner_text()
    assert "2027-02-22" in due_text and "暂定" in due_text

    # Text the parser cannot fully understand is refused with its line, and nothing is saved.
    officer.goto("/admin/disclosure/workdays/import/")
    broken = NOTICE_2027.replace("2月14日（周日）", "2月14日（周一）")
    officer.fill("#id_text", broken)
    with officer.expect_navigation():
        officer.click("button[name=action][value=preview]")
    error = officer.locator("#id_text-error, .error-message").first.inner_text()
    assert "2月14日" in error
    assert not HolidayNotice.objects.exists()

    officer.fill("#id_text", NOTICE_2027)
    with officer.expect_navigation():
        officer.click("button[name=action][value=preview]")
    february = officer.locator("table.wd-month", has=officer.locator("caption",
                                                                     has_text="2027-02"))
    assert february.locator("td.wd-off").count() == 9  # 2-05 … 2-13
    assert february.locator("td.wd-working").count() == 2  # Sunday 2-14, Saturday 2-20
    assert not WorkdayOverride.objects.exists()  # a preview saves nothing
    shoot(officer, "admin-holiday-notice-paste.png")
    officer.evaluate("document.getElementById('wd-preview-heading').scrollIntoView()")
    shoot(officer, "admin-holiday-notice-preview.png")
    with officer.expect_navigation():
        officer.click("button[name=action][value=save]")
    assert HolidayNotice.objects.get().year == 2027
    assert WorkdayOverride.objects.filter(notice__year=2027, is_working_day=True).count() == 4
    assert "1" in officer.locator(".messages").inner_text()  # one open deadline changed

    request_obj.refresh_from_db()
    assert request_obj.due_on == datetime.date(2027, 2, 24)
    assert not request_obj.due_provisional
    officer.goto(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    due_text = officer.locator("[data-testid=admin-due]").inner_text()
    assert "2027-02-24" in due_text and "暂定" not in due_text
    assert "2027-02-24" in _timeline(officer)


def test_a_refusal_letter_points_to_reconsideration_first(new_context, request_site,
                                                          live_server):
    """行政复议法 Art.23 ¶1 (四): against 不予公开, reconsideration comes first (复议前置); the
    printed 答复书 has its number, the issuing body and the seal line."""
    from django.utils import timezone

    from wagtail_disclosure.models import RequestLetter

    request_obj = _submit(timezone.localdate())
    officer = new_context(viewport=DESKTOP).new_page()
    login_to_admin(officer, HANDLER)
    officer.goto(f"/admin/disclosure/requests/edit/{request_obj.pk}/")
    open_action(officer, "reply")
    officer.select_option("#id_reply-outcome", "withheld_third_party")
    body = officer.input_value("#id_reply-body")
    assert "{remedy}" in body and "（）" not in body and "(" not in body
    # The officer must write the reasons: the placeholder left in is refused.
    with officer.expect_navigation():
        officer.click("#action-reply form button[type=submit]")
    assert "{reasons}" in officer.locator("#action-reply").inner_text()
    officer.fill("#id_reply-body", body.replace(
        "{reasons}", "您申请的信息涉及第三方的商业秘密，第三方不同意公开，依据《条例》第十五条不予公开。"))
    submit_action(officer, "reply")

    letter = RequestLetter.objects.get(request=request_obj, kind="reply")
    assert letter.number.endswith("号") and str(timezone.localdate().year) in letter.number
    assert "行政复议决定" in letter.body  # a lawsuit only against the reconsideration decision
    assert "6个月" not in letter.body and "六个月" not in letter.body
    officer.goto(f"/admin/disclosure/requests/letter/{letter.pk}/print/")
    sheet = officer.locator("main, body").first.inner_text()
    assert letter.number in sheet and "盖章" in sheet
    shoot(officer, "admin-reply-letter-print.png")
