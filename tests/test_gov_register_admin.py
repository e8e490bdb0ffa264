"""The release register in the admin: the listing and its filters, the XLSX export, the A4
print view, permissions, bad filter input (field errors or 400, never 500), query cost."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from wagtail_disclosure.governance.choices import RegisterEvent
from wagtail_disclosure.governance.register import record
from wagtail_disclosure.governance.register_signals import connect_register_signals
from wagtail_disclosure.models import ReleaseRegisterEntry

from . import factories as f

pytestmark = pytest.mark.django_db

INDEX = "wagtail_disclosure_register:index"
PRINT = "wagtail_disclosure_register:print"


@pytest.fixture(autouse=True)
def _signals_connected():
    connect_register_signals()


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("keeper", "keeper@agency.example", "pw",
                                                     last_name="登记员")
    client.force_login(user)
    return client


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def register():
    """Entries in two organs, two columns (one nested) and three months of 2025."""
    other_organ = f.organ(name="区农业农村局", code="002345678")
    top = f.column(title="通知公告")
    nested = f.column(parent=top, title="行政处罚")
    elsewhere = f.column(title="规划信息")
    a = f.item(top, title="一月的通知")
    b = f.item(nested, title="二月的处罚决定", organ_obj=other_organ)
    c = f.item(elsewhere, title="三月的规划")
    made = {
        "jan": record(a, RegisterEvent.PUBLISHED, when=at(datetime.date(2025, 1, 15))),
        "feb": record(b, RegisterEvent.PUBLISHED, when=at(datetime.date(2025, 2, 10))),
        "feb_withdrawn": record(b, RegisterEvent.WITHDRAWN, detail="决定已变更",
                                when=at(datetime.date(2025, 2, 28), 23)),
        "mar": record(c, RegisterEvent.PUBLISHED, when=at(datetime.date(2025, 3, 1), 0)),
    }
    return {"organ": other_organ, "top": top, "nested": nested, "elsewhere": elsewhere,
            "entries": made}


def listed_titles(response):
    return [e.title for e in response.context["object_list"]]


def test_the_listing_shows_the_entries_newest_first(staff, register):
    response = staff.get(reverse(INDEX))
    assert response.status_code == 200
    fixed = [e for e in response.context["object_list"] if e.event_at.year == 2025]
    assert [e.pk for e in fixed] == [register["entries"][k].pk
                                     for k in ("mar", "feb_withdrawn", "feb", "jan")]
    assert "二月的处罚决定" in response.content.decode()


@pytest.mark.parametrize("query, expected", [
    ({"date_from": "2025-02-01", "date_to": "2025-02-28"}, {"feb", "feb_withdrawn"}),
    ({"date_from": "2025-03-01"}, {"mar"}),
    ({"date_to": "2025-01-31"}, {"jan"}),
    ({"event": "withdrawn"}, {"feb_withdrawn"}),
])
def test_period_and_event_filters(staff, register, query, expected):
    response = staff.get(reverse(INDEX), {**query, "date_to": query.get("date_to", "2025-12-31")})
    assert {e.pk for e in response.context["object_list"]} == {
        register["entries"][k].pk for k in expected}


def test_organ_filter(staff, register):
    response = staff.get(reverse(INDEX), {"organ": register["organ"].pk,
                                          "date_to": "2025-12-31"})
    assert set(listed_titles(response)) == {"二月的处罚决定"}


def test_column_filter_includes_the_columns_below(staff, register):
    response = staff.get(reverse(INDEX), {"column": register["top"].pk,
                                          "date_from": "2025-01-01", "date_to": "2025-12-31"})
    assert sorted(listed_titles(response)) == sorted(["一月的通知", "二月的处罚决定",
                                                      "二月的处罚决定"])
    response = staff.get(reverse(INDEX), {"column": register["elsewhere"].pk,
                                          "date_to": "2025-12-31"})
    assert set(listed_titles(response)) == {"三月的规划"}


@pytest.mark.parametrize("query, field", [
    ({"date_from": "2025-13-45"}, "date_from"),
    ({"date_from": "1800-01-01"}, "date_from"),
    ({"date_from": "2025-03-01", "date_to": "2025-01-01"}, "date_to"),
    ({"organ": "abc"}, "organ"),
    ({"organ": "999999"}, "organ"),
    ({"column": "999999"}, "column"),
    ({"event": "<script>alert(1)</script>"}, "event"),
    ({"date_from": "x" * 5000}, "date_from"),
])
def test_bad_filter_input_gives_field_errors_not_an_error_page(staff, register, query, field):
    response = staff.get(reverse(INDEX), query)
    assert response.status_code == 200
    form = response.context["filters"].form
    assert field in form.errors
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_by_index_number(staff, register):
    number = register["entries"]["mar"].index_number
    response = staff.get(reverse(INDEX), {"q": number, "date_to": "2025-12-31"})
    assert set(listed_titles(response)) == {"三月的规划"}


def test_xlsx_export_holds_the_filtered_entries_in_local_time(staff, register):
    response = staff.get(reverse(INDEX), {"export": "xlsx", "date_from": "2025-02-01",
                                          "date_to": "2025-02-28"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headings = rows[0]
    assert len(rows) == 3
    by_heading = [dict(zip(headings, row)) for row in rows[1:]]
    withdrawn = next(r for r in by_heading if r[pgettext("register", "Event")]
                     == str(RegisterEvent.WITHDRAWN.label))
    entry = register["entries"]["feb_withdrawn"]
    assert withdrawn[pgettext("register", "Event")] == str(RegisterEvent.WITHDRAWN.label)
    assert entry.index_number in withdrawn.values()
    assert "2025-02-28 23:00" in withdrawn.values()  # local time, not UTC
    assert "决定已变更" in withdrawn.values()
    assert "区农业农村局" in withdrawn.values()


def test_print_view_is_the_a4_register_with_its_filters_in_the_heading(staff, register):
    response = staff.get(reverse(PRINT), {"date_from": "2025-01-01", "date_to": "2025-03-31",
                                          "organ": register["organ"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert pgettext("printed register", "Release register") in html
    assert "2025-01-01 – 2025-03-31" in html
    assert "区农业农村局" in html.split("<table")[0]  # the organ filter, in the heading
    rows = response.context["entries"]
    assert [r["entry"].pk for r in rows] == [register["entries"]["feb"].pk,
                                            register["entries"]["feb_withdrawn"].pk]
    assert "governance-register-print.css" in html


def test_print_view_without_a_period_prints_this_year(staff, register):
    response = staff.get(reverse(PRINT))
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["period_start"] == today.replace(month=1, day=1)
    assert response.context["period_end"] == today


@pytest.mark.parametrize("query", [
    {"date_from": "2020-01-01", "date_to": "2025-01-01"},   # longer than a year
    {"date_from": "not-a-date"},
    {"organ": "abc"},
    {"date_from": "2025-03-01", "date_to": "2025-01-01"},
])
def test_print_view_refuses_bad_filters_with_400(staff, register, query):
    response = staff.get(reverse(PRINT), query)
    assert response.status_code == 400
    assert response.context["errors"]


def test_titles_are_escaped_everywhere(staff):
    page = f.item(f.column(), title="<script>alert('x')</script>通知")
    assert ReleaseRegisterEntry.objects.filter(page_id=page.pk).exists()
    for url in (reverse(INDEX), reverse(PRINT)):
        html = staff.get(url).content.decode()
        assert "<script>alert('x')</script>" not in html
        assert "&lt;script&gt;" in html


def test_back_dated_entries_show_their_reason_in_print(staff):
    page = f.item(f.column(), publish=False, formation_date=datetime.date(2015, 2, 1),
                  backdating_reason="旧网站迁移")
    page.published_on = datetime.date(2015, 3, 1)
    page.save()
    page.save_revision().publish()
    html = staff.get(reverse(PRINT)).content.decode()
    assert "旧网站迁移" in html and "2015-03-01" in html


# -- permissions -------------------------------------------------------------------------------


def test_without_the_permission_the_register_is_refused(client, register):
    client.force_login(f.make_user("clerk", admin_access=True))
    response = client.get(reverse(INDEX))
    assert response.status_code in (302, 403)
    assert "二月的处罚决定" not in response.content.decode()
    printed = client.get(reverse(PRINT))
    assert printed.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    assert "二月的处罚决定" not in printed.content.decode()
    entry = register["entries"]["jan"]
    inspect = reverse("wagtail_disclosure_register:inspect", args=(entry.pk,))
    assert client.get(inspect).status_code in (302, 403)


def test_with_the_view_permission_the_register_is_readable_but_not_editable(client, register):
    client.force_login(f.make_user("reader", "view_releaseregisterentry", admin_access=True))
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    assert "二月的处罚决定" in response.content.decode()
    assert client.get(reverse(PRINT)).status_code == 200
    entry = register["entries"]["jan"]
    inspect = client.get(reverse("wagtail_disclosure_register:inspect", args=(entry.pk,)))
    assert inspect.status_code == 200
    assert entry.title in inspect.content.decode()


def test_there_is_no_add_edit_or_delete_view_even_for_a_superuser(staff, register):
    entry = register["entries"]["jan"]
    base = reverse(INDEX)
    for suffix in ("new/", f"edit/{entry.pk}/", f"delete/{entry.pk}/", f"copy/{entry.pk}/"):
        assert staff.get(base + suffix).status_code == 404
        assert staff.post(base + suffix).status_code == 404
    html = staff.get(base).content.decode()
    assert f"{base}new/" not in html and f"{base}delete/" not in html
    assert ReleaseRegisterEntry.objects.filter(pk=entry.pk).exists()


def test_the_django_admin_has_no_register(staff):
    from django.contrib import admin

    assert ReleaseRegisterEntry not in admin.site._registry


# -- cost ---------------------------------------------------------------------------------------


def test_listing_cost_does_not_grow_with_the_entries(staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = f.item(f.column())

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert staff.get(reverse(INDEX)).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        record(page, RegisterEvent.REPUBLISHED)
    count()  # warm-up: the first request also loads content types, hooks, the session
    few = count()
    for _ in range(60):
        record(page, RegisterEvent.REPUBLISHED)
    assert count() == few
