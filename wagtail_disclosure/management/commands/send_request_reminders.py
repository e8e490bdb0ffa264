"""Daily: close lapsed corrections, remind handlers of deadlines, send waiting emails."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Close requests whose correction period ran out (其他处理/1), email handlers about "
            "requests due soon or overdue, and send the emails still waiting in the outbox. "
            "Run it daily (cron), or schedule send_request_reminders_task.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args, **options):
        from wagtail_disclosure.requests.reminders import run_reminders

        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date such as 2026-11-25.") from None
        run = run_reminders(today)
        self.stdout.write(
            f"Corrections lapsed: {run.corrections_lapsed}; reminders: {run.due_soon} due soon, "
            f"{run.overdue} overdue; emails sent: {run.notifications_sent}.")
