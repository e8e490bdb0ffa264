"""Weekly: email the compliance self-inspection's failures and warnings to the officers."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Email the failures and warnings of the compliance self-inspection (合规体检) to the "
            "disclosure officers. Run it weekly (cron), or schedule send_compliance_digest_task.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args, **options):
        from wagtail_disclosure.governance.digest import send_digest

        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date such as 2026-11-25.") from None
        run = send_digest(today)
        self.stdout.write(f"Indicators not ok: {run.problems}; recipients: {run.recipients}; "
                          f"sent: {run.sent}; failed: {run.failed}.")
