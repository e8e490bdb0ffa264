"""Import an annual report from a saved web page (HTML) or a text file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = ("Import a 政府信息公开工作年度报告 (HTML or plain text) as a report page: sections, "
            "the 2021-format tables as figures, a legacy report's stated figures.")

    def add_arguments(self, parser):
        parser.add_argument("source", help="Path of the HTML or text file.")
        parser.add_argument("--parent", type=int, required=True,
                            help="ID of the annual reports column (AnnualReportIndexPage).")
        parser.add_argument("--year", type=int, help="The year reported on, if not in the file.")
        parser.add_argument("--organ", type=int, help="ID of the publishing organ it covers.")
        parser.add_argument("--publish", action="store_true", help="Publish it (else a draft).")
        parser.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024,
                            help="Refuse larger files (default 5 MB).")

    def handle(self, source, parent, year=None, organ=None, publish=False, max_bytes=None,
               **options):
        from ...catalogue.snippets import PublishingOrgan
        from ...reports.importers import ReportImportError, parse_report
        from ...reports.checks import check_counts, failures, not_evaluable
        from ...reports.importing import create_report
        from ...reports.pages import AnnualReportIndexPage

        parent_page = AnnualReportIndexPage.objects.filter(pk=parent).first()
        if parent_page is None:
            raise CommandError(_("Page %(id)s is not an annual reports column.") % {"id": parent})
        organ_obj = None
        if organ is not None:
            organ_obj = PublishingOrgan.objects.filter(pk=organ).first()
            if organ_obj is None:
                raise CommandError(_("There is no publishing organ %(id)s.") % {"id": organ})
        path = Path(source)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": source})
        if year is not None and not 2000 <= year <= 2100:
            raise CommandError(_("--year must be a year such as 2014."))
        if path.stat().st_size > max_bytes:
            raise CommandError(_("The file is %(size)s bytes; the limit is %(limit)s bytes.")
                               % {"size": path.stat().st_size, "limit": max_bytes})
        try:
            # No more than the limit is read, even from a file that grows after the check:
            # ``parse_report`` refuses the one byte over it.
            with path.open("rb") as stream:
                data = stream.read(max_bytes + 1)
            result = parse_report(data, filename=path.name, max_bytes=max_bytes, year=year)
        except ReportImportError as exc:
            raise CommandError(str(exc)) from exc

        write = self.stdout.write
        write(_("Recognised:"))
        for line in result.recognised:
            write(f"  + {line}")
        if result.unrecognised:
            write(_("Not recognised:"))
            for line in result.unrecognised:
                write(f"  ? {line}")
        if result.unread:
            write(_("Not read (unknown: blank in the tables, null in the API, never 0):"))
            for line in result.unread:
                write(f"  - {line}")
        if result.checks:
            counts = check_counts(result.checks)
            write(_("Checks: %(passed)s passed, %(failed)s failed (kept as printed, not "
                    "corrected), %(unknown)s not evaluable (a figure they involve was not read).")
                  % {"passed": counts["passed"], "failed": counts["failed"],
                     "unknown": counts["not_evaluable"]})
            for check in failures(result.checks):
                write(f"  ✗ {check['rule']}: {check['detail']}")
            for check in not_evaluable(result.checks):
                write(f"  ? {check['rule']}: {check['detail']}")
        try:
            page = create_report(result, parent_page, year=year, organ=organ_obj,
                                 publish=publish)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        state = _("published") if publish else _("saved as a draft")
        write(self.style.SUCCESS(_("Created page %(id)s “%(title)s” (%(year)s, %(format)s), "
                                   "%(state)s.") % {"id": page.pk, "title": page.title,
                                                    "year": page.year,
                                                    "format": page.report_format,
                                                    "state": state}))
