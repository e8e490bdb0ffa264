"""The dashboard panel: my requests due soon, overdue, and extensions awaiting my approval."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .. import sites
from ..conf import disclosure_settings
from . import permissions
from .choices import ExtensionStatus
from .models import Extension, InformationRequest


class RequestsPanel(Component):
    name = "wagtail_disclosure_requests"
    template_name = "wagtail_disclosure/requests/admin/dashboard_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        # the requests of the user's sites only (docs/how-to/multi-site.md)
        awaiting_reply = sites.restrict(InformationRequest.objects.awaiting_reply(), self.user)
        mine = awaiting_reply.filter(handler=self.user)
        approvals = (sites.restrict(Extension.objects.filter(status=ExtensionStatus.PENDING),
                                    self.user, "request__site")
                     .select_related("request") if permissions.can_approve(self.user)
                     else Extension.objects.none())
        return {
            # each request's horizon counts its own site's calendar
            "due_soon": mine.due_within_working_days(
                today, disclosure_settings.REMINDER_WORKING_DAYS).filter(
                due_on__gte=today).order_by("due_on"),
            "overdue": awaiting_reply.overdue(today).order_by("due_on"),
            "approvals": approvals,
            "unassigned": awaiting_reply.filter(handler__isnull=True).count(),
            "reminder_days": disclosure_settings.REMINDER_WORKING_DAYS,
        }
