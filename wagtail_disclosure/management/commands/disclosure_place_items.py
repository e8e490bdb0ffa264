"""Rebuild the listing order index (``catalogue/placements.py``) of every item.

Saving, moving and deleting pages keep it up to date; code that writes item pages without
``save()`` (a bulk insert, an import, raw SQL) runs this afterwards, or calls
``wagtail_disclosure.catalogue.placements.place_below(page)`` for the page above what it wrote.
"""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = ("Rebuild the order index of the column listings for every item (after a bulk "
            "insert or an import that wrote pages without save()). Safe to run at any time.")

    def handle(self, *args, **options):
        from wagtail_disclosure.caching.page_cache import invalidate
        from wagtail_disclosure.catalogue.placements import place_all

        with transaction.atomic():
            changed = place_all()
            if changed:
                invalidate()  # the listings may show other items now
        self.stdout.write(f"{changed} placement row(s) written or removed.")
