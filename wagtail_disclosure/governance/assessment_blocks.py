"""The annual report's "assessment figures" block: quotes figures of the assessment report
(考核评议) in a section such as 一、总体情况, for the report's year and organs.

It reads ``statistics["assessment"]``, stored with the report's other figures (computed by
:func:`governance.assessment.report_figures` when the report's figures are computed, so that
a published report never changes). A report whose stored figures predate that shows the
figures computed now, marked as such, until its figures are recomputed.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

FIGURE_CHOICES = [
    ("items_published", _("Items published")),
    ("on_time_rate", _("On-time rate")),
    ("items_late", _("Published late")),
    ("items_updated", _("Items updated")),
    ("requests_answered", _("Requests answered")),
    ("requests_answered_on_time", _("Answered on time")),
    ("requests_overdue", _("Requests overdue")),
    ("requests_extended", _("Requests extended")),
    ("feedback_received", _("Feedback received")),
    ("feedback_answered", _("Feedback answered")),
]
DEFAULT_FIGURES = ("items_published", "on_time_rate", "requests_answered",
                   "requests_answered_on_time", "feedback_answered")


def figure_rows(figures, chosen=()):
    """``[(label, value), …]`` of the ``chosen`` figures (all the defaults if none) from a
    ``report_figures`` dict; a rate as a percentage, an unknown one as "—"."""
    labels = dict(FIGURE_CHOICES)
    rows = []
    for key in chosen or DEFAULT_FIGURES:
        if key not in labels:
            continue
        if key.startswith("feedback_"):
            value = figures["feedback"].get(key.removeprefix("feedback_"))
        else:
            value = figures["total"].get(key)
        if key == "on_time_rate":
            value = "—" if value is None else f"{value * 100:.1f}%"
        rows.append((labels[key], value))
    return rows


class AssessmentFiguresBlock(blocks.StructBlock):
    figures = blocks.MultipleChoiceBlock(
        choices=FIGURE_CHOICES, required=False, label=_("figures"),
        help_text=_("Leave empty for the usual figures."))

    class Meta:
        icon = "list-ol"
        label = _("Assessment figures")
        template = "wagtail_disclosure/governance/assessment/figures_block.html"

    def get_context(self, value, parent_context=None):
        from . import assessment

        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        statistics = parent_context.get("statistics") or {}
        figures, frozen = statistics.get("assessment"), True
        page = parent_context.get("page")
        if not figures and page is not None and getattr(page, "year", None):
            organ_ids = page.organ_ids() if getattr(page, "pk", None) else []
            site_id = (page.figures_site_id() if not organ_ids
                       and hasattr(page, "figures_site_id") else None)
            figures, frozen = assessment.report_figures(page.year, organ_ids,
                                                        site_id=site_id), False
        context["rows"] = figure_rows(figures, value.get("figures")) if figures else []
        context["assessment"] = figures
        context["frozen"] = frozen
        return context
