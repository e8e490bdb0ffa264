"""Weekly: email the compliance self-inspection's failures and warnings to the officers."""

from django.core.management.base import BaseCommand

from wagtail_disclosure.management.options import add_date_option, date_option


class Command(BaseCommand):
    help = ("Email the failures and warnings of the compliance self-inspection (合规体检) to the "
            "disclosure officers. Run it weekly (cron), or schedule send_compliance_digest_task.")

    def add_arguments(self, parser):
        add_date_option(parser)

    def handle(self, *args, **options):
        from wagtail_disclosure.governance.digest import send_digest

        today = date_option(options)
        run = send_digest(today)
        self.stdout.write(f"Indicators not ok: {run.problems}; recipients: {run.recipients}; "
                          f"sent: {run.sent}; failed: {run.failed}.")
