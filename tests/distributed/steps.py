"""Changes made "by another process" while the workers run (tests/test_shared_cache_workers.py),
run as ``python tests/distributed/steps.py STEP [ARG]`` with the workers' settings and
database. The last line printed is the step's result as JSON.

Steps: ``retitle ITEM_ID TITLE`` (an editor publishes a new revision of an item: Wagtail's
publish, with its signals), ``day_off`` (a WorkdayOverride makes a working day within the
next 20 working days a day off, as the admin's calendar does; the result is the reply
deadline a request submitted now gets, computed in this fresh process).
"""

import datetime
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def retitle(item_id, title):
    from wagtail_disclosure.catalogue.pages import DisclosureItemPage

    page = DisclosureItemPage.objects.get(pk=int(item_id))
    page.title = title
    page.save_revision().publish()
    return {"title": title}


def day_off():
    from django.test import Client

    from tests import factories
    from wagtail_disclosure import workdays
    from wagtail_disclosure.requests.models import WorkdayOverride

    day, counted = datetime.date.today(), 0
    while counted < 5:  # the fifth working day from today
        day += datetime.timedelta(days=1)
        counted += workdays.is_working_day(day)
    WorkdayOverride.objects.create(date=day, is_working_day=False, note="shared-cache test")
    response = Client(REMOTE_ADDR="127.0.9.9").post(
        "/api/disclosure/requests/", factories.request_data(consent=True),
        content_type="application/json")
    assert response.status_code == 201, response.content
    return {"day_off": day.isoformat(), "due_on": response.json()["due_on"]}


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "example_project")]
    import django

    django.setup()
    step, *args = sys.argv[1:]
    print(json.dumps({"retitle": retitle, "day_off": day_off}[step](*args)))
