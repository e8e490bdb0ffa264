"""Daily: mark items whose repeal or expiry date arrived, end time-limited publications."""

from django.core.management.base import BaseCommand, CommandError

from wagtail_disclosure.management.options import add_date_option, date_option


class Command(BaseCommand):
    help = ("Mark live items in force whose repeal date (废止日期) or expiry date (有效期至) has "
            "arrived as repealed or expired, and take down items whose publication period "
            "(公开时限) ends, leaving a notice at their address. Run it daily (cron), or "
            "schedule update_validity_task.")

    def add_arguments(self, parser):
        add_date_option(parser)
        parser.add_argument("--batch-size", type=int, default=200,
                            help="Items loaded at a time (default 200).")

    def handle(self, *args, **options):
        from wagtail_disclosure.governance.withdrawal import run_daily

        today = date_option(options)
        if not 1 <= options["batch_size"] <= 10000:
            raise CommandError("--batch-size must be between 1 and 10000.")
        run = run_daily(today, batch_size=options["batch_size"])
        self.stdout.write(f"Validity changed: {run.marked}; publications ended: {run.ended}; "
                          f"failed: {len(run.failed)}.")
        if run.failed:
            self.stderr.write("Failed items (see the log): "
                              + ", ".join(str(pk) for pk in run.failed))
