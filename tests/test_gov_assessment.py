"""The assessment report (考核评议): figures against hand-counted fixtures, a constant number of
queries per organ, the admin view's permission, filters and bad input, the XLSX cells, and the
annual report's assessment figures block."""

import datetime
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from tests import factories as f
from wagtail_disclosure.governance import assessment
from wagtail_disclosure.governance.assessment_blocks import AssessmentFiguresBlock, figure_rows
from wagtail_disclosure.governance.assessment_views import COLUMNS
from wagtail_disclosure.governance.models import Feedback
from wagtail_disclosure.requests.models import Extension

pytestmark = pytest.mark.django_db
d = datetime.date
URL = "/admin/disclosure/assessment/"
START, END = d(2025, 1, 1), d(2025, 12, 31)
TODAY = d(2026, 1, 15)


def aware(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def data(fresh_calendar):
    """Two organs. A: 4 items published in 2025 (on time, late, late, unknown) and one in
    2024; B: one on-time item. Requests of A: 2 answered on time, 1 answered late, 1 open past
    its deadline, 1 answered in 2024; of B: 1 answered on time with an approved extension.
    Feedback: 3 received in 2025, 2 answered (1 within 3 months), 1 received in 2024."""
    col = f.column()
    a = f.organ()
    b = f.organ(name="温州市鹿城区再生资源管理办公室", code="000000777")
    items = {
        "on_time": f.item(col, organ_obj=a, formation_date=d(2025, 9, 26),
                          published_on=d(2025, 10, 30)),
        "late": f.item(col, organ_obj=a, formation_date=d(2025, 9, 26),
                       published_on=d(2025, 10, 31)),
        "late2": f.item(col, organ_obj=a, formation_date=d(2025, 1, 2),
                        published_on=d(2025, 6, 30)),
        "unknown": f.item(col, organ_obj=a, formation_date=None, published_on=d(2025, 3, 3)),
        "last_year": f.item(col, organ_obj=a, formation_date=d(2024, 9, 20),
                            published_on=d(2024, 10, 23)),
        "b": f.item(col, organ_obj=b, formation_date=d(2025, 1, 20),
                    published_on=d(2025, 2, 21)),
    }
    f.item(col, organ_obj=a, publish=False, formation_date=d(2025, 5, 5))  # a draft
    past = f.past_request
    past(d(2025, 3, 3), outcome="disclosed", concluded_on=d(2025, 3, 20), organ_obj=a,
         due_on=d(2025, 3, 31))
    past(d(2025, 4, 1), outcome="disclosed", concluded_on=d(2025, 4, 29), organ_obj=a,
         due_on=d(2025, 4, 29))
    past(d(2025, 5, 6), outcome="disclosed", concluded_on=d(2025, 6, 10), organ_obj=a,
         due_on=d(2025, 6, 3))
    past(d(2025, 11, 3), organ_obj=a, due_on=d(2025, 12, 1))  # still open, overdue
    past(d(2024, 5, 6), outcome="disclosed", concluded_on=d(2024, 6, 1), organ_obj=a,
         due_on=d(2024, 6, 3))
    extended = past(d(2025, 7, 1), outcome="disclosed", concluded_on=d(2025, 8, 20),
                    organ_obj=b, due_on=d(2025, 8, 26))
    Extension.objects.create(request=extended, days=20, reason="需要调取档案",
                             status="approved", decided_at=aware(d(2025, 7, 25)))
    Extension.objects.create(request=extended, days=5, reason="again", status="rejected",
                             decided_at=aware(d(2025, 7, 26)))
    for n, (received, answered) in enumerate([
            (d(2025, 2, 1), d(2025, 4, 30)),   # within 3 months (due 2025-05-01)
            (d(2025, 2, 1), d(2025, 5, 2)),    # answered, but late
            (d(2025, 9, 1), None),             # not answered
            (d(2024, 12, 1), d(2025, 1, 5))]):  # received the year before
        Feedback.objects.create(reference=f"FB{n}", received_at=aware(received),
                                subject="意见", message="内容",
                                answered_at=aware(answered) if answered else None)
    return {"a": a, "b": b, "items": items, "column": col}


def test_figures_against_hand_counted_fixtures(data):
    report = assessment.compute(START, END, today=TODAY)
    rows = {row["organ"]["name"]: row for row in report["rows"]}
    a, b = rows[data["a"].name], rows[data["b"].name]
    assert (a["items_published"], a["items_on_time"], a["items_late"],
            a["items_unknown"]) == (4, 1, 2, 1)
    # the unknown item is not counted as late: 1 of the 3 known
    assert a["on_time_rate"] == round(1 / 3, 4)
    assert (b["items_published"], b["items_on_time"], b["on_time_rate"]) == (1, 1, 1.0)
    assert (a["requests_answered"], a["requests_answered_on_time"],
            a["requests_answered_late"], a["requests_overdue_open"],
            a["requests_overdue"]) == (3, 2, 1, 1, 2)
    assert (b["requests_answered"], b["requests_extended"], a["requests_extended"]) == (1, 1, 0)
    total = report["total"]
    assert (total["items_published"], total["requests_answered"],
            total["requests_overdue"]) == (5, 4, 2)
    assert total["on_time_rate"] == 0.5
    assert report["feedback"] == {"received": 3, "answered": 2, "answered_in_time": 1}


def test_unknown_rate_is_none_not_zero(data):
    report = assessment.compute(d(2023, 1, 1), d(2023, 12, 31), today=TODAY)
    assert report["total"]["items_published"] == 0
    assert report["total"]["on_time_rate"] is None
    unknown_only = assessment.compute(d(2025, 3, 3), d(2025, 3, 3), today=TODAY)
    assert unknown_only["total"]["items_unknown"] == 1
    assert unknown_only["total"]["on_time_rate"] is None


def test_one_organ_only(data):
    report = assessment.compute(START, END, [data["b"]], today=TODAY)
    assert [row["organ"]["id"] for row in report["rows"]] == [data["b"].pk]
    assert report["total"]["items_published"] == 1


def test_overdue_open_is_counted_as_of_the_period_end(data):
    # on 2025-11-30 the open request (due 12-01) was not overdue yet
    report = assessment.compute(START, d(2025, 11, 30), [data["a"]], today=TODAY)
    assert report["total"]["requests_overdue_open"] == 0
    # the late answer (due 06-03, answered 06-10) was still open and overdue on 06-05
    report = assessment.compute(START, d(2025, 6, 5), [data["a"]], today=TODAY)
    assert report["total"]["requests_overdue_open"] == 1
    assert report["total"]["requests_answered_late"] == 0


def test_items_updated_counts_republications_not_the_first(data):
    today = timezone.localdate()
    this_year = (today.replace(month=1, day=1), today.replace(month=12, day=31))
    # every fixture item was first published now: none is "updated"
    assert assessment.compute(*this_year)["total"]["items_updated"] == 0
    page = data["items"]["late"]
    for _ in range(2):
        page.save_revision().publish()
    report = assessment.compute(*this_year)
    rows = {row["organ"]["id"]: row for row in report["rows"]}
    assert rows[data["a"].pk]["items_updated"] == 1  # once however many times
    assert rows[data["b"].pk]["items_updated"] == 0


def test_constant_query_count_whatever_the_number_of_organs(data):
    with CaptureQueriesContext(connection) as one:
        assessment.compute(START, END, [data["a"]], today=TODAY)
    for n in range(5):
        organ = f.organ(name=f"机关{n}", code=f"10000000{n}")
        f.item(data["column"], organ_obj=organ, formation_date=d(2025, 1, 2),
               published_on=d(2025, 1, 10))
    with CaptureQueriesContext(connection) as many:
        assessment.compute(START, END, today=TODAY)
    assert len(one) == len(many) == 6


def test_add_months_clamps_to_the_month_end():
    assert assessment.add_months(d(2025, 11, 30), 3) == d(2026, 2, 28)
    assert assessment.add_months(d(2025, 1, 31), 1) == d(2025, 2, 28)
    assert assessment.add_months(d(2025, 2, 1), 3) == d(2025, 5, 1)


# -- the admin view ----------------------------------------------------------------------------


@pytest.fixture
def viewer(db):
    return f.make_user("assessor", "view_assessment", admin_access=True)


def test_permission_is_required(client, data):
    nobody = f.make_user("nobody", admin_access=True)
    client.force_login(nobody)
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message
    for query in ({}, {"export": "xlsx"}):
        response = client.get(URL, query)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_the_view_shows_the_figures(client, data, viewer):
    client.force_login(viewer)
    response = client.get(URL, {"start": "2025-01-01", "end": "2025-12-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert data["a"].name in html and "33.3%" in html
    # default: this year
    assert client.get(URL).context["report"]["start"] == d(timezone.localdate().year, 1, 1)


@pytest.mark.parametrize("query, field", [
    ({"start": "2025-13-01"}, "start"),
    ({"start": "1999-01-01", "end": "1999-12-31"}, "start"),
    ({"start": "2025-06-01", "end": "2025-05-01"}, "end"),
    ({"start": "2010-01-01", "end": "2025-12-31"}, "end"),
    ({"organs": "999999"}, "organs"),
    ({"organs": "x' OR 1=1"}, "organs"),
    ({"end": "9" * 400}, "end"),
])
def test_bad_filter_input_is_a_field_error_not_a_500(client, data, viewer, query, field):
    client.force_login(viewer)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert response.context["report"] is None
    # no export of an invalid filter
    assert client.get(URL, {**query, "export": "xlsx"})["Content-Type"].startswith("text/html")


def test_filter_values_are_escaped(client, data, viewer):
    client.force_login(viewer)
    response = client.get(URL, {"start": "<script>alert(1)</script>"})
    assert b"<script>alert(1)" not in response.content


def test_xlsx_cells(client, data, viewer):
    client.force_login(viewer)
    response = client.get(URL, {"start": "2025-01-01", "end": "2025-12-31",
                                "organs": [data["a"].pk, data["b"].pk], "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="assessment-20250101-20251231.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "2025-01-01" in sheet["A1"].value
    header = [c.value for c in sheet[3]]
    with translation.override(settings.LANGUAGE_CODE):
        assert header[1:] == [str(label) for _key, label in COLUMNS]
    by_name = {row[0].value: row for row in sheet.iter_rows(min_row=4, max_row=6)}
    with translation.override(settings.LANGUAGE_CODE):
        total_label = str(translation.gettext("Total"))
    a, b, total = by_name[data["a"].name], by_name[data["b"].name], by_name[total_label]
    assert [c.value for c in a[1:5]] == [4, 1, 2, 1]
    assert a[5].value == round(1 / 3, 4) and a[5].number_format == "0.0%"
    assert a[7].value == 3 and b[12].value == 1
    assert total[1].value == 5 and total[5].value == 0.5
    feedback = [c.value for c in sheet[9]]
    assert feedback[1:4] == [3, 2, 1]


def test_xlsx_unknown_rate_is_a_dash(client, data, viewer):
    client.force_login(viewer)
    response = client.get(URL, {"start": "2023-01-01", "end": "2023-12-31", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=4, column=6).value == "—"


def test_menu_item_only_for_permitted_users(client, data, viewer):
    client.force_login(viewer)
    assert URL.encode() in client.get("/admin/").content
    client.force_login(f.make_user("other", admin_access=True))
    assert URL.encode() not in client.get("/admin/").content


# -- the annual report's block ---------------------------------------------------------------


@translation.override("en")
def test_block_renders_the_frozen_figures(data):
    frozen = assessment.report_figures(2025, [], today=TODAY)
    html = AssessmentFiguresBlock().render(
        AssessmentFiguresBlock().to_python({"figures": ["items_published", "on_time_rate",
                                                        "feedback_answered"]}),
        context={"statistics": {"assessment": frozen}, "page": None})
    assert "<td>5</td>" in html and "<td>50.0%</td>" in html and "<td>2</td>" in html
    assert "Figures as of" not in html
    # chosen figures only, in the chosen order
    assert [label for label, _v in figure_rows(frozen, ["requests_overdue"])] == [
        "Requests overdue"]


@translation.override("en")
def test_block_without_frozen_figures_computes_them_and_says_so(data):
    report = f.annual_report(year=2025, publish=False)
    report.body = [("section", {"heading": "一、总体情况", "content": [
        ("assessment", {"figures": ["items_published"]})]})]
    html = report.body[0].render(context={"page": report, "statistics": {}})
    assert "<td>5</td>" in html and "Figures as of" in html
