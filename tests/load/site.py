"""The small site of the reduced load test (``--site small``): the demo's organs, section,
columns, request form page and requests, but only a sixth of its items and none of its
reports or governance data, so that the CI run builds it in seconds. ``disclosure_demo``
builds the full site (``--site demo``, the default).

Run as ``python tests/load/site.py`` with DJANGO_SETTINGS_MODULE and DATABASE_URL set.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_small(every=6):
    from django.db import transaction

    from wagtail_disclosure import demo
    from wagtail_disclosure.catalogue.snippets import Topic
    from wagtail_disclosure.requests import demo as request_demo

    report = demo.DemoReport()
    with transaction.atomic():
        demo.seed_topics(Topic)
        user = demo.ensure_superuser(report)
        organs = demo.ensure_organs(report)
        home, _created = demo.ensure_home(report, user)
        section = demo.ensure_section(home, report, user)
        columns = demo.ensure_columns(section, report, user)
        chosen = demo.item_specs()[::every]
        slugs = {spec.slug for spec in chosen}
        specs = [spec for spec in chosen if not spec.replaced_by or spec.replaced_by in slugs]
        demo.ensure_items(section, columns, organs, specs, report, user)
        page = request_demo.ensure_request_page(section, report, user, demo._publish)
        request_demo.ensure_groups(report)
        request_demo.ensure_requests(page, report, user)
        request_demo.ensure_demo_tracking(page, report)
    return report


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "example_project")]
    import django
    from django.conf import settings
    from django.utils import translation

    django.setup()
    with translation.override(settings.LANGUAGE_CODE):
        built = build_small()
    print(f"Small site: {built.created_total} objects created")
