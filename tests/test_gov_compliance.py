"""The compliance self-inspection (合规体检): each indicator, its query budget, the admin view."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from wagtail_disclosure.governance import compliance as c
from wagtail_disclosure.governance.models import Feedback, WithheldInformation
from wagtail_disclosure.models import DisclosureItemPage

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def days_ago(n, today=TODAY):
    return today - datetime.timedelta(days=n)


def by_key(indicators):
    return {i.key: i for i in indicators}


def labels(indicator):
    return [row.label for row in indicator.rows]


# -- helpers ----------------------------------------------------------------------------------


def test_add_months_clamps_to_the_end_of_shorter_months():
    assert c.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert c.add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert c.add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    assert c.months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert c.months_before(datetime.date(2026, 2, 10), 12) == datetime.date(2025, 2, 10)


def test_page_link_ids_reads_page_links_in_any_attribute_order_and_is_bounded():
    html = ('<p><a linktype="page" id="12">a</a> <a id="13" linktype="page">b</a> '
            '<a href="https://example.com/?id=14">c</a> <a linktype="document" id="15">d</a></p>')
    assert c.page_link_ids(html) == [12, 13]
    many = '<a linktype="page" id="7">x</a>' * (c.MAX_LINKS_PER_BODY + 50)
    assert len(c.page_link_ids(many)) == c.MAX_LINKS_PER_BODY
    assert c.page_link_ids(None) == []
    assert c.page_link_ids("<a " + "x" * 10_000) == []


# -- columns ----------------------------------------------------------------------------------


def test_a_column_with_only_old_items_is_stale_and_a_new_item_clears_it():
    section = f.section()
    stale = f.column(section, "通知公告")
    f.item(stale, published_on=days_ago(200))
    fresh = f.column(section, "工作动态")
    f.item(fresh, published_on=days_ago(10))
    indicator = c.check_stale_columns(TODAY)
    assert indicator.status == c.FAILURE
    assert labels(indicator) == ["通知公告"]
    assert "200" in indicator.rows[0].detail and "180" in indicator.rows[0].detail
    assert indicator.rows[0].target == ("add_subpage", stale.pk)

    f.item(stale, published_on=days_ago(1))
    assert c.check_stale_columns(TODAY).status == c.OK


def test_a_columns_own_freshness_limit_wins_over_the_default(settings):
    section = f.section()
    yearly = f.column(section, "年度计划", freshness_days=365)
    f.item(yearly, published_on=days_ago(200))
    monthly = f.column(section, "每月通报", freshness_days=30)
    f.item(monthly, published_on=days_ago(31))
    assert labels(c.check_stale_columns(TODAY)) == ["每月通报"]
    settings.WAGTAIL_DISCLOSURE = {"COLUMN_FRESHNESS_DAYS": 100}
    assert labels(c.check_stale_columns(TODAY)) == ["每月通报"]
    yearly.freshness_days = None
    yearly.save()
    assert set(labels(c.check_stale_columns(TODAY))) == {"年度计划", "每月通报"}


def test_an_item_in_a_sub_column_updates_the_column_above():
    section = f.section()
    parent = f.column(section, "法定主动公开内容")
    f.item(parent, published_on=days_ago(400))
    child = f.column(parent, "规范性文件")
    f.item(child, published_on=days_ago(5))
    assert c.check_stale_columns(TODAY).status == c.OK


def test_unpublished_and_withdrawn_items_do_not_update_a_column():
    section = f.section()
    column = f.column(section, "通知公告")
    f.item(column, published_on=days_ago(300))
    f.item(column, publish=False, published_on=days_ago(1))
    withdrawn = f.item(column, published_on=days_ago(2))
    DisclosureItemPage.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    assert labels(c.check_stale_columns(TODAY)) == ["通知公告"]


def test_empty_leaf_columns_are_flagged_and_five_fail_the_site():
    section = f.section()
    parent = f.column(section, "法定主动公开内容")  # holds only columns: not itself empty
    for n in range(4):
        f.column(parent, f"空栏目{n}")
    full = f.column(section, "工作动态")
    f.item(full)
    indicator = c.check_empty_columns(TODAY)
    assert indicator.status == c.WARNING
    assert sorted(labels(indicator)) == [f"空栏目{n}" for n in range(4)]
    f.column(section, "空栏目4")
    indicator = c.check_empty_columns(TODAY)
    assert indicator.count == 5 and indicator.status == c.FAILURE


def test_a_column_with_only_a_draft_is_empty_and_no_columns_is_ok():
    assert c.check_empty_columns(TODAY).status == c.OK
    column = f.column(f.section(), "草稿栏目")
    f.item(column, publish=False)
    assert labels(c.check_empty_columns(TODAY)) == ["草稿栏目"]


# -- items ------------------------------------------------------------------------------------


def test_live_items_without_a_publication_date_fail():
    column = f.column(f.section())
    dated = f.item(column, title="有日期")
    undated = f.item(column, title="无日期")
    assert c.check_items_without_date(TODAY).status == c.OK
    DisclosureItemPage.objects.filter(pk=undated.pk).update(published_on=None)
    indicator = c.check_items_without_date(TODAY)
    assert indicator.status == c.FAILURE and labels(indicator) == ["无日期"]
    assert indicator.rows[0].target == ("edit_page", undated.pk)
    assert dated.pk not in [r.target[1] for r in indicator.rows]


def test_live_items_without_a_summary_are_a_warning():
    column = f.column(f.section())
    f.item(column, title="有概述", summary="内容概述。")
    f.item(column, title="无概述", summary="")
    f.item(column, title="草稿无概述", summary="", publish=False)
    indicator = c.check_items_without_summary(TODAY)
    assert indicator.status == c.WARNING and labels(indicator) == ["无概述"]


def test_normative_documents_need_their_validity_information():
    column = f.column(f.section())
    f.item(column, title="有生效日期", kind="normative_document",
           effective_date=datetime.date(2024, 1, 1))
    f.item(column, title="无生效日期", kind="normative_document")
    f.item(column, title="规章无生效日期", kind="regulation")
    f.item(column, title="工作动态", kind="work_news")
    repealed = f.item(column, title="已废止无日期", kind="normative_document",
                      effective_date=datetime.date(2020, 1, 1))
    DisclosureItemPage.objects.filter(pk=repealed.pk).update(validity="repealed")
    indicator = c.check_normative_validity(TODAY)
    assert indicator.status == c.WARNING
    assert sorted(labels(indicator)) == sorted(["无生效日期", "规章无生效日期", "已废止无日期"])


def test_links_from_items_in_force_to_repealed_items_are_listed():
    column = f.column(f.section())
    dead = f.item(column, title="旧办法", validity="repealed",
                  repeal_date=datetime.date(2023, 1, 1))
    alive = f.item(column, title="新办法")
    f.item(column, title="引用旧办法", body=f'<p><a linktype="page" id="{dead.pk}">旧办法</a></p>')
    f.item(column, title="引用新办法", body=f'<p><a id="{alive.pk}" linktype="page">新办法</a></p>')
    indicator = c.check_links_to_repealed(TODAY)
    assert indicator.status == c.WARNING and labels(indicator) == ["引用旧办法"]
    assert "旧办法" in indicator.rows[0].detail


def test_replaced_by_chains_ending_at_a_repealed_item_are_listed():
    column = f.column(f.section())
    end = f.item(column, title="终点（已废止）", validity="repealed",
                 repeal_date=datetime.date(2024, 1, 1))
    f.item(column, title="指向已废止", validity="repealed",
           repeal_date=datetime.date(2023, 1, 1), replaced_by=end)
    current = f.item(column, title="现行办法")
    middle = f.item(column, title="中间（已废止）", validity="repealed",
                    repeal_date=datetime.date(2022, 1, 1), replaced_by=current)
    f.item(column, title="链条通向现行", validity="repealed",
           repeal_date=datetime.date(2021, 1, 1), replaced_by=middle)
    indicator = c.check_links_to_repealed(TODAY)
    assert labels(indicator) == ["指向已废止"]


def test_a_replaced_by_cycle_ends():
    column = f.column(f.section())
    a = f.item(column, title="甲", validity="amended", repeal_date=datetime.date(2022, 1, 1))
    b = f.item(column, title="乙", validity="amended", repeal_date=datetime.date(2022, 1, 1),
               replaced_by=a)
    DisclosureItemPage.objects.filter(pk=a.pk).update(replaced_by=b)
    assert c.check_links_to_repealed(TODAY).status == c.OK


# -- feedback, reports, requests, withheld ----------------------------------------------------


def _feedback(reference, received, status="new"):
    return Feedback.objects.create(
        reference=reference, subject="主题", message="留言",
        received_at=timezone.make_aware(datetime.datetime.combine(received, datetime.time(9))),
        status=status, name="张三", email="zhangsan@example.com")


def test_feedback_unanswered_past_the_limit_fails_without_personal_data(settings):
    _feedback("YJX-1", c.months_before(TODAY, 4))
    _feedback("YJX-2", c.months_before(TODAY, 2))
    _feedback("YJX-3", c.months_before(TODAY, 5), status="answered")
    indicator = c.check_unanswered_feedback(TODAY)
    assert indicator.status == c.FAILURE and labels(indicator) == ["YJX-1"]
    assert "张三" not in repr(indicator) and "zhangsan" not in repr(indicator)
    settings.WAGTAIL_DISCLOSURE = {"FEEDBACK_ANSWER_MONTHS": 1}
    assert labels(c.check_unanswered_feedback(TODAY)) == ["YJX-1", "YJX-2"]


def test_annual_report_of_last_year_is_due_by_31_january():
    f.section()
    index = f.report_index()
    indicator = c.check_annual_report(datetime.date(2026, 1, 20))
    assert indicator.status == c.WARNING
    assert indicator.rows[0].target == ("add_subpage", index.pk)
    indicator = c.check_annual_report(datetime.date(2026, 2, 1))
    assert indicator.status == c.FAILURE and "2026-01-31" in indicator.rows[0].detail
    draft = f.annual_report(year=2025, publish=False)
    assert c.check_annual_report(datetime.date(2026, 2, 1)).rows[0].target == (
        "edit_page", draft.pk)
    draft.save_revision().publish()
    assert c.check_annual_report(datetime.date(2026, 2, 1)).status == c.OK


def test_annual_report_due_date_is_a_setting(settings):
    settings.WAGTAIL_DISCLOSURE = {"ANNUAL_REPORT_DUE": (3, 31)}
    assert c.check_annual_report(datetime.date(2026, 2, 1)).status == c.WARNING


def test_overdue_requests_fail_listing_only_the_tracking_number():
    today = timezone.localdate()
    late = f.past_request(today - datetime.timedelta(days=60),
                          due_on=today - datetime.timedelta(days=3))
    f.past_request(today - datetime.timedelta(days=5), due_on=today + datetime.timedelta(days=20))
    indicator = c.check_overdue_requests(today)
    assert indicator.status == c.FAILURE and labels(indicator) == [late.tracking_number]
    assert late.name not in repr(indicator)


def test_withheld_entries_due_for_review_are_a_warning():
    common = {"ground": "art16_process", "reason": "过程性信息",
              "decided_on": datetime.date(2025, 1, 1)}
    WithheldInformation.objects.create(title="到期", review_due_on=TODAY, **common)
    WithheldInformation.objects.create(title="未到期", review_due_on=TODAY + datetime.timedelta(1),
                                       **common)
    WithheldInformation.objects.create(title="已公开", review_due_on=days_ago(30),
                                       status="disclosed", **common)
    indicator = c.check_withheld_reviews(TODAY)
    assert indicator.status == c.WARNING and labels(indicator) == ["到期"]


def test_rows_are_bounded_but_the_count_is_not(monkeypatch):
    monkeypatch.setattr(c, "MAX_ROWS", 2)
    column = f.column(f.section())
    for n in range(4):
        f.item(column, title=f"无概述{n}", summary="")
    indicator = c.check_items_without_summary(TODAY)
    assert indicator.count == 4 and len(indicator.rows) == 2
    assert indicator.truncated


# -- the query budget -------------------------------------------------------------------------


def _grow(section, n):
    for i in range(n):
        column = f.column(section, f"栏目{i}")
        sub = f.column(column, f"子栏目{i}")
        f.item(sub, summary="", published_on=days_ago(300 + i),
               body=f'<a linktype="page" id="{column.pk}">x</a>')
        f.item(column, kind="normative_document", published_on=days_ago(i))
        f.column(section, f"空栏目{i}")
        _feedback(f"YJX-{section.pk}-{i}-{n}", c.months_before(TODAY, 6))


def _count_queries():
    with CaptureQueriesContext(connection) as ctx:
        c.run_all(TODAY)
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_columns_or_items():
    section = f.section()
    f.report_index()
    _grow(section, 1)
    small = _count_queries()
    _grow(section, 4)
    assert _count_queries() == small
    assert small <= 25


# -- the admin view ---------------------------------------------------------------------------


URL = "/admin/disclosure/compliance/"


def test_the_url_is_the_documented_one():
    assert reverse("compliance:index") == URL


def test_the_view_needs_the_view_compliance_permission(client):
    user = f.make_user("clerk", admin_access=True)
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
    officer = f.make_user("officer2", "view_compliance", admin_access=True)
    client.force_login(officer)
    assert client.get(URL).status_code == 200


def test_the_view_shows_status_in_text_and_icon_with_fix_links_escaped(client, django_user_model):
    section = f.section()
    stale = f.column(section, "<script>alert(1)</script>通知")
    f.item(stale, published_on=timezone.localdate() - datetime.timedelta(days=400))
    f.column(section, "空栏目")
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.cn", "pw"))
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;通知" in html
    assert 'data-indicator="stale_columns"' in html
    assert reverse("wagtailadmin_pages:add_subpage", args=[stale.pk]) in html
    assert "#icon-error" in html and "#icon-warning" in html
    assert "不合格" in html or "Failure" in html


def test_a_feedback_row_links_to_the_feedback_admin_when_it_exists(client, django_user_model):
    entry = _feedback("YJX-LINK", c.months_before(timezone.localdate(), 5))
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.cn", "pw"))
    html = client.get(URL).content.decode()
    assert "YJX-LINK" in html
    from wagtail_disclosure.governance.compliance_admin import fix_url

    url = fix_url(("feedback", entry.pk))
    if url:  # the feedback tool's viewset is registered
        assert url in html


# -- the demo ---------------------------------------------------------------------------------


def test_the_demo_shows_red_rows_and_is_idempotent(django_user_model):
    from types import SimpleNamespace

    from wagtail_disclosure.catalogue.standard_tree import publish_new_page
    from wagtail_disclosure.demo import DemoReport
    from wagtail_disclosure.governance import demo_compliance

    user = django_user_model.objects.create_superuser("demo", "d@x.cn", "pw")
    today = timezone.localdate()
    context = SimpleNamespace(report=DemoReport(), user=user, section=f.section(), columns={},
                              organs={"gxs": f.organ()}, today=today, publish=publish_new_page)
    demo_compliance.build(context)
    created = context.report.created_total
    indicators = by_key(c.run_all(today))
    assert demo_compliance.EMPTY_COLUMN[1] in labels(indicators["empty_columns"])
    assert demo_compliance.STALE_COLUMN[1] in labels(indicators["stale_columns"])
    assert demo_compliance.NO_SUMMARY_ITEM[1] in labels(indicators["items_without_summary"])
    assert demo_compliance.FEEDBACK_REFERENCE in labels(indicators["unanswered_feedback"])
    assert demo_compliance.WITHHELD_TITLE in labels(indicators["withheld_reviews"])
    assert indicators["stale_columns"].status == c.FAILURE

    context.report = DemoReport()
    demo_compliance.build(context)
    assert context.report.created_total == 0 and created > 0
