"""Timeliness of proactive disclosure (条例 Art.26: within 20 working days of formation), counted
with the package's calendar across the Spring Festival and National Day holidays and their 调休
makeup working days (chinesecalendar's real data for 2024–2026)."""

import datetime

import pytest
from django.core.management import call_command

from tests import factories as f
from wagtail_disclosure.governance import timeliness
from wagtail_disclosure.governance.timeliness import (
    count_working_days,
    deadline_for,
    item_timeliness,
    latest_formation_due_by,
)
from wagtail_disclosure.workdays import WorkdayCalendar

d = datetime.date
NATIONAL = WorkdayCalendar()


def weekdays_between(start, end):
    """The naive count (Monday to Friday), to show that the holidays change the answer."""
    day, n = start, 0
    while day < end:
        day += datetime.timedelta(days=1)
        n += day.weekday() < 5
    return n


# (formed on, the 20th working day after it, counted by hand in the comment)
HAND_COUNTED = [
    # National Day 2025: 9/28 (Sun) makeup is day 1, 9/29–30 days 2–3, 10/1–8 off, 10/9–10
    # days 4–5, 10/11 (Sat) makeup day 6, 10/13–17 7–11, 10/20–24 12–16, 10/27–30 17–20
    (d(2025, 9, 26), d(2025, 10, 30)),
    # Spring Festival 2025: 1/21–24 days 1–4, 1/26 (Sun) makeup 5, 1/27 6, 1/28–2/4 off,
    # 2/5–7 7–9, 2/8 (Sat) makeup 10, 2/10–14 11–15, 2/17–21 16–20
    (d(2025, 1, 20), d(2025, 2, 21)),
    # Spring Festival 2026: 2/9–13 days 1–5, 2/14 (Sat) makeup 6, 2/16–23 off, 2/24–27 7–10,
    # 2/28 (Sat) makeup 11, 3/2–6 12–16, 3/9–12 17–20
    (d(2026, 2, 6), d(2026, 3, 12)),
    # National Day 2024: 9/23–27 days 1–5, 9/29 (Sun) makeup 6, 9/30 7, 10/1–7 off, 10/8–11
    # 8–11, 10/12 (Sat) makeup 12, 10/14–18 13–17, 10/21–23 18–20
    (d(2024, 9, 20), d(2024, 10, 23)),
]


@pytest.mark.parametrize("formed, last_day", HAND_COUNTED)
def test_the_20th_working_day_across_holidays(formed, last_day):
    assert count_working_days(formed, last_day, NATIONAL) == 20
    assert count_working_days(formed, last_day + datetime.timedelta(days=1), NATIONAL) in (20, 21)
    assert deadline_for(formed, NATIONAL) == last_day


def test_the_holiday_decides_between_on_time_and_late():
    # 24 weekdays but 20 working days: on time only because of the calendar
    formed, published = d(2025, 9, 26), d(2025, 10, 30)
    assert weekdays_between(formed, published) == 24
    assert count_working_days(formed, published, NATIONAL) == 20
    # the next day (a Friday) is the 21st working day: late by one
    assert count_working_days(formed, d(2025, 10, 31), NATIONAL) == 21


def test_the_day_of_formation_is_not_counted_the_day_of_publication_is():
    assert count_working_days(d(2025, 3, 3), d(2025, 3, 3), NATIONAL) == 0
    assert count_working_days(d(2025, 3, 3), d(2025, 3, 4), NATIONAL) == 1
    # published on a holiday: the holiday is not a working day
    assert count_working_days(d(2025, 9, 30), d(2025, 10, 8), NATIONAL) == 0


def test_never_negative_and_none_without_a_date():
    assert count_working_days(d(2025, 5, 10), d(2025, 5, 1), NATIONAL) == 0
    assert count_working_days(None, d(2025, 5, 1), NATIONAL) is None
    assert count_working_days(d(2025, 5, 1), None, NATIONAL) is None


def test_an_uncovered_year_gives_none_never_a_guess():
    # chinesecalendar 1.11 stops at 2026: a period running into 2027 is unknown
    assert not NATIONAL.year_is_covered(2027)
    assert count_working_days(d(2026, 12, 20), d(2027, 1, 15), NATIONAL) is None
    # with 2027's notice imported (a covered year) it is counted
    covered = WorkdayCalendar(covered_years=[2027])
    assert count_working_days(d(2026, 12, 20), d(2027, 1, 15), covered) is not None
    # overrides for some days of 2027 do not cover the others
    partly = WorkdayCalendar({d(2027, 1, 1): False})
    assert count_working_days(d(2026, 12, 30), d(2027, 1, 1), partly) == 1
    assert count_working_days(d(2026, 12, 30), d(2027, 1, 4), partly) is None


def test_a_calendar_that_raises_gives_none():
    class Raising(WorkdayCalendar):
        def working_days_between(self, start, end):
            raise NotImplementedError("no data")

    assert count_working_days(d(2025, 1, 1), d(2025, 2, 1), Raising()) is None


def test_latest_formation_due_by_is_the_inverse_of_the_deadline():
    for day in (d(2025, 10, 30), d(2025, 10, 31), d(2026, 3, 12), d(2025, 10, 4)):
        cut = latest_formation_due_by(day, NATIONAL)
        assert deadline_for(cut, NATIONAL) <= day
        assert deadline_for(cut + datetime.timedelta(days=1), NATIONAL) > day


def test_local_overrides_count():
    # a local holiday (e.g. a minority-region festival) pushes the deadline by a day
    local = WorkdayCalendar({d(2025, 10, 20): False})
    assert count_working_days(d(2025, 9, 26), d(2025, 10, 31), local) == 20


# -- items ------------------------------------------------------------------------------------


class Item:
    def __init__(self, formation_date=None, published_on=None, publication_working_days=None):
        self.formation_date = formation_date
        self.published_on = published_on
        self.publication_working_days = publication_working_days


def test_item_timeliness_reports_the_working_days_late(settings):
    assert item_timeliness(Item(publication_working_days=20)) == {"on_time": True,
                                                                  "working_days": 0}
    assert item_timeliness(Item(publication_working_days=27)) == {"on_time": False,
                                                                  "working_days": 7}
    assert item_timeliness(Item()) == {"on_time": None, "working_days": None}
    settings.WAGTAIL_DISCLOSURE = {"TIMELINESS_WORKING_DAYS": 30}
    assert item_timeliness(Item(publication_working_days=27)) == {"on_time": True,
                                                                  "working_days": 0}


@pytest.mark.django_db
def test_item_timeliness_computes_when_nothing_was_stored(fresh_calendar):
    late = Item(d(2025, 9, 26), d(2025, 10, 31))
    assert item_timeliness(late) == {"on_time": False, "working_days": 1}
    assert item_timeliness(Item(d(2026, 12, 20), d(2027, 1, 15))) == {
        "on_time": None, "working_days": None}


@pytest.mark.django_db
def test_stored_at_first_publication_and_kept_on_republishing(fresh_calendar):
    col = f.column()
    # brought over from an old site with its original publication date: counted from it
    page = f.item(col, formation_date=d(2025, 9, 26), published_on=d(2025, 10, 31))
    assert page.publication_working_days == 21
    assert page.timeliness == {"on_time": False, "working_days": 1}
    page.formation_date = d(2025, 10, 30)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.publication_working_days == 21  # the first publication's count stays
    draft = f.item(col, publish=False, formation_date=d(2025, 9, 26))
    assert draft.publication_working_days is None
    assert draft.timeliness == {"on_time": None, "working_days": None}


@pytest.mark.django_db
def test_api_v2_and_v3_show_the_timeliness(client, settings, fresh_calendar):
    col = f.column()
    page = f.item(col, formation_date=d(2025, 9, 26), published_on=d(2025, 10, 31))
    on_time = f.item(col, formation_date=d(2025, 9, 26), published_on=d(2025, 10, 30))
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["timeliness"] == {"on_time": False, "working_days": 1}
    assert client.get(f"/api/v2/pages/{on_time.pk}/").json()["timeliness"] == {
        "on_time": True, "working_days": 0}
    listing = client.get("/api/v2/pages/", {"type": "wagtail_disclosure.DisclosureItemPage",
                                            "fields": "timeliness"}).json()
    assert {i["id"]: i["timeliness"]["working_days"] for i in listing["items"]} == {
        page.pk: 1, on_time.pk: 0}
    response = client.get(f"/api/v3/pages/{page.pk}/")
    if not getattr(settings, "HAS_API_V3", False):
        assert response.status_code == 404
        return
    data = response.json()
    flat = {**data, **data.get("fields", {})}
    assert flat["timeliness"] == {"on_time": False, "working_days": 1}


@pytest.mark.django_db
def test_backfill_fills_items_published_before(fresh_calendar):
    from wagtail_disclosure.models import DisclosureItemPage

    col = f.column()
    old = f.item(col, formation_date=d(2024, 9, 20), published_on=d(2024, 10, 24))
    later = f.item(col, formation_date=d(2025, 1, 20), published_on=d(2025, 2, 21))
    no_date = f.item(col, formation_date=None, published_on=d(2025, 1, 1))
    DisclosureItemPage.objects.update(publication_working_days=None)

    class Until2024(WorkdayCalendar):
        national_years = range(2004, 2025)

    assert timeliness.backfill(calendar=Until2024(), batch_size=1) == (1, 1)
    values = dict(DisclosureItemPage.objects.values_list("pk", "publication_working_days"))
    assert values == {old.pk: 21, later.pk: None, no_date.pk: None}
    # with the whole calendar, the rest is counted; then nothing is left to do
    assert timeliness.backfill() == (1, 0)
    assert DisclosureItemPage.objects.get(pk=later.pk).publication_working_days == 20
    assert timeliness.backfill() == (0, 0)
    call_command("backfill_timeliness", "--recount", stdout=open("/dev/null", "w"))
    assert DisclosureItemPage.objects.get(pk=old.pk).publication_working_days == 21


def test_backfill_command_refuses_a_bad_batch_size():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("backfill_timeliness", "--batch-size", "0")


@pytest.mark.django_db
def test_the_migration_fills_items_published_before(fresh_calendar):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from wagtail_disclosure.models import DisclosureItemPage

    migration = importlib.import_module("wagtail_disclosure.migrations.0009_governance_data")
    page = f.item(f.column(), formation_date=d(2025, 1, 20), published_on=d(2025, 2, 24))
    DisclosureItemPage.objects.update(publication_working_days=None)
    migration.fill_publication_working_days(apps, SimpleNamespace(connection=connection))
    assert DisclosureItemPage.objects.get(pk=page.pk).publication_working_days == 21
