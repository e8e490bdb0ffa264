"""The item editor's read-only timeliness panel (条例 Art.26) and the listing column.

Add the panel to an item type's edit handler::

    from wagtail_disclosure.governance.assessment_panels import ItemTimelinessPanel

    content_panels = [..., ItemTimelinessPanel()]
"""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column

from ..conf import disclosure_settings
from . import timeliness


def timeliness_summary(item, today=None):
    """What the panel says about ``item``: ``status`` is "on_time", "late", "due" (not
    published yet, with its ``deadline`` and whether it is ``overdue``) or "unknown"."""
    limit = disclosure_settings.TIMELINESS_WORKING_DAYS
    summary = {"limit": limit, "status": "unknown"}
    if getattr(item, "published_on", None) is None:
        if getattr(item, "formation_date", None) is not None:
            deadline = timeliness.deadline_for(item.formation_date)
            summary.update(status="due", deadline=deadline,
                           overdue=deadline < (today or timezone.localdate()))
        return summary
    result = timeliness.item_timeliness(item)
    if result["on_time"] is None:
        return summary
    working_days = item.publication_working_days
    if working_days is None:
        working_days = timeliness.working_days_to_publication(item)
    summary.update(status="on_time" if result["on_time"] else "late",
                   late_by=result["working_days"], working_days=working_days)
    return summary


class ItemTimelinessPanel(Panel):
    """Read-only: whether the item was published on time, or by when it must be."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Timeliness (条例 Art.26)"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_disclosure/governance/assessment/timeliness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(timeliness_summary(self.instance))
            return context


class TimelinessColumn(Column):
    """The listing's column: on time, late by N working days, or unknown."""

    def get_value(self, instance):
        result = timeliness.item_timeliness(instance)
        if result["on_time"] is None:
            return _("unknown")
        if result["on_time"]:
            return _("on time")
        return ngettext("late by %(days)s working day", "late by %(days)s working days",
                        result["working_days"]) % {"days": result["working_days"]}

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        result = timeliness.item_timeliness(instance)
        if result["on_time"] is False:
            context["value"] = format_html("<strong>{}</strong>", context["value"])
        return context
