"""Retry the feedback answers whose email failed (for sites that run cron, not a task worker)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Send the answers to feedback messages whose email failed or never left (each is "
            "tried at most 10 times). Run it daily, or schedule send_feedback_answers_task.")

    def handle(self, *args, **options):
        from wagtail_disclosure.governance.feedback_mail import send_waiting_answers

        self.stdout.write(f"Feedback answers sent: {send_waiting_answers()}.")
