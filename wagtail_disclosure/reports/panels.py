"""The editor's view of a report's figures: the tables as they will publish, the checks, the
overrides, and the cells where the site's data now differ from the stored figures."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from . import format as fmt


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
            context.update(
                statistics=stats,
                tables=all_tables(stats, channel_labels=channel_labels()),
                failures=[c for c in stats["checks"] if not c["ok"]],
                passed=sum(1 for c in stats["checks"] if c["ok"]),
                unacknowledged=page.unacknowledged_failures(stats),
                overrides=[{**o, "label": labels.get(o["cell"], o["cell"])}
                           for o in stats["overrides"]],
            )
            if page.report_format == fmt.FORMAT_2021 and page.figures_source == "computed":
                context["changes"] = page.figure_changes()
                context["diff_checked"] = True
                context["recompute_url"] = reverse("wagtail_disclosure_report_recompute",
                                                   args=[page.pk])
            return context
