"""Run by test_index_number_concurrency in separate processes: publishes the given drafts.

Usage: python -m tests.helpers.publish_worker START_AT PK [PK ...]
Waits until the wall-clock START_AT so all workers hit the database together.
"""

import os
import sys
import time


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agency.settings")
    import django

    django.setup()
    from wagtail_disclosure.models import DisclosureItemPage

    start_at = float(sys.argv[1])
    pks = [int(pk) for pk in sys.argv[2:]]
    pages = [DisclosureItemPage.objects.get(pk=pk) for pk in pks]
    revisions = [page.save_revision() for page in pages]
    time.sleep(max(0.0, start_at - time.time()))
    for revision in revisions:
        revision.publish()
    print("ok", len(revisions))


if __name__ == "__main__":
    main()
