"""Daily: close lapsed corrections, remind handlers of deadlines, send waiting emails."""

from django.core.management.base import BaseCommand

from wagtail_disclosure.management.options import add_date_option, date_option


class Command(BaseCommand):
    help = ("Close requests whose correction period ran out (其他处理/1), email handlers about "
            "requests due soon or overdue, and send the emails still waiting in the outbox. "
            "Run it daily (cron), or schedule send_request_reminders_task.")

    def add_arguments(self, parser):
        add_date_option(parser)

    def handle(self, *args, **options):
        from wagtail_disclosure.requests.reminders import run_reminders

        today = date_option(options)
        run = run_reminders(today)
        self.stdout.write(
            f"Corrections lapsed: {run.corrections_lapsed}; reminders: {run.due_soon} due soon, "
            f"{run.overdue} overdue; emails sent: {run.notifications_sent}.")
