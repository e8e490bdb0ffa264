"""Import a State Council holiday notice (《国务院办公厅关于YYYY年部分节假日安排的通知》)."""

import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Read the text of the State Council's yearly holiday notice and save its days off "
            "and makeup working days as the working-day calendar of that year.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file with the notice, or - for standard "
                                         "input.")
        parser.add_argument("--year", type=int,
                            help="The year of the notice, if its title is not in the text.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Show the preview and what would change; save nothing.")

    def handle(self, *args, **options):
        from wagtail_disclosure.holiday_notice import NoticeError, parse_notice
        from wagtail_disclosure.requests.calendar import format_preview, import_notice

        try:
            if options["file"] == "-":
                text = sys.stdin.read()
            else:
                with open(options["file"], encoding="utf-8-sig") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        try:
            parsed = parse_notice(text, options["year"])
        except NoticeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_preview(parsed))
        result = import_notice(parsed, text, dry_run=options["dry_run"])
        for row in result.replaced:
            flag = " (conflict)" if row.conflict else ""
            self.stdout.write(f"Replaces the manual override of {row.date:%Y-%m-%d} "
                              f"({'working day' if row.was_working_day else 'day off'}, "
                              f"{row.note or '-'}){flag}.")
        if result.previous_rows:
            self.stdout.write(f"Replaces the {result.previous_rows} day(s) of the earlier "
                              f"import of {parsed.year}.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was saved.")
            return
        self.stdout.write(f"Saved {result.created} day(s) for {parsed.year}; "
                          f"{result.changed_deadlines or 0} open deadline(s) changed.")
