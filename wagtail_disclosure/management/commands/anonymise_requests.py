"""Remove applicants' personal data from requests closed longer than the retention period."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Remove the personal data of requests finished more than "
            "WAGTAIL_DISCLOSURE['PERSONAL_DATA_RETENTION_DAYS'] days ago, keeping every figure "
            "the annual report needs.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int,
                            help="Use this retention period instead of the setting.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Only say how many requests would be anonymised.")

    def handle(self, *args, **options):
        from wagtail_disclosure.requests.retention import (
            anonymise,
            due_for_anonymisation,
            orphaned_files,
            remove_orphaned_files,
        )

        if options["days"] is not None and options["days"] < 0:
            raise CommandError("--days must be 0 or more.")
        due = due_for_anonymisation(days=options["days"])
        count = due.count()
        if options["dry_run"]:
            self.stdout.write(f"{count} request(s) would be anonymised.")
            self.stdout.write(f"{len(orphaned_files())} orphaned upload(s) would be removed.")
            return
        for request_obj in due.iterator():
            anonymise(request_obj)
        self.stdout.write(f"{count} request(s) anonymised.")
        # Files of applicants that no row points to (a failed submission's) go too.
        self.stdout.write(f"{len(remove_orphaned_files())} orphaned upload(s) removed.")
