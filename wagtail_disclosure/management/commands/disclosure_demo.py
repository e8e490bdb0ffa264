"""``manage.py disclosure_demo``: build the demo 政府信息公开 site (see wagtail_disclosure.demo)."""

from django.conf import settings
from django.core.management.base import BaseCommand, no_translations
from django.utils import translation

from wagtail_disclosure import demo


class Command(BaseCommand):
    help = ("Build the demo site of a district supply and marketing cooperative "
            "(温州市鹿城区供销合作社). Idempotent: running it again creates nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--no-superuser", action="store_true",
                            help="Do not create the demo superuser admin/admin.")

    @no_translations  # the report below in one language: the catalogue translates only some
    def handle(self, *args, no_superuser=False, **options):
        # What the site stores (letters, their titles) is in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            report = demo.build_demo(create_superuser=not no_superuser)
        self.stdout.write(demo.format_report(report))
