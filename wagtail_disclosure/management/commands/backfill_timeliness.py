"""Store the timeliness count (条例 Art.26) of published items that have none."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Count the working days from formation to publication (条例 Art.26) of published "
            "items that have no count yet (published before it was stored, or in a year the "
            "working-day calendar did not cover then). Run it again after importing a year's "
            "holiday notice.")

    def add_arguments(self, parser):
        parser.add_argument("--recount", action="store_true",
                            help="Count every published item again, not only those without.")
        parser.add_argument("--batch-size", type=int, default=500,
                            help="Items loaded at a time (default 500).")

    def handle(self, *args, **options):
        from wagtail_disclosure.governance.timeliness import backfill

        if not 1 <= options["batch_size"] <= 10000:
            raise CommandError("--batch-size must be between 1 and 10000.")
        counted, unknown = backfill(batch_size=options["batch_size"],
                                    recount=options["recount"])
        self.stdout.write(f"Counted: {counted}; still unknown: {unknown}.")
