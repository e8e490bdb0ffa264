"""The editor's view of a report's figures: the tables as they will publish, the checks, the
overrides, and the cells where the site's data now differ from the stored figures."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from . import format as fmt
from .checks import check_counts, failures, not_evaluable, status

# The entered table 二 cells: blank until entered, whatever the report's source.
ENTERED_PATHS = tuple(f"proactive.{key}." for key in fmt.ENTERED_PROACTIVE)


class ReportFiguresPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_disclosure/reports/admin/figures_panel.html"

        def get_context_data(self, parent_context=None):
            from .pages import channel_labels
            from .tables import all_tables

            context = super().get_context_data(parent_context)
            page = self.instance
            context["page"] = page
            if not page.pk:
                context["unsaved"] = True
                return context
            stats = page.effective_statistics()
            labels = dict(fmt.cell_paths())
            counts = check_counts(stats["checks"])
            context.update(
                statistics=stats,
                tables=all_tables(stats, channel_labels=channel_labels()),
                failures=failures(stats["checks"]),
                passed=counts["passed"],
                not_evaluable=not_evaluable(stats["checks"]),
                unknown_cells=[labels.get(path, path) for path in fmt.unknown_cells(stats)
                               if not path.startswith(ENTERED_PATHS)],
                # a check that cannot be evaluated needs no acknowledgement
                unacknowledged=[c for c in page.unacknowledged_failures(stats)
                                if status(c) == "failed"],
                overrides=[{**o, "label": labels.get(o["cell"], o["cell"])}
                           for o in stats["overrides"]],
            )
            if page.report_format == fmt.FORMAT_2021 and page.figures_source == "computed":
                context["changes"] = page.figure_changes()
                context["diff_checked"] = True
                context["recompute_url"] = reverse("wagtail_disclosure_report_recompute",
                                                   args=[page.pk])
            return context
