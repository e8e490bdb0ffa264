"""The dashboard panel: my requests due soon, overdue, and extensions awaiting my approval."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..conf import disclosure_settings
from ..workdays import default_calendar
from . import permissions
from .choices import OPEN_STATUSES, ExtensionStatus, Status
from .models import Extension, InformationRequest


class RequestsPanel(Component):
    name = "wagtail_disclosure_requests"
    template_name = "wagtail_disclosure/requests/admin/dashboard_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        horizon = default_calendar().add_working_days(today,
                                                      disclosure_settings.REMINDER_WORKING_DAYS)
        open_requests = (InformationRequest.objects.filter(status__in=OPEN_STATUSES)
                         .exclude(status=Status.AWAITING_CORRECTION))
        mine = open_requests.filter(handler=self.user)
        approvals = (Extension.objects.filter(status=ExtensionStatus.PENDING)
                     .select_related("request") if permissions.can_approve(self.user)
                     else Extension.objects.none())
        return {
            "due_soon": mine.filter(due_on__gte=today, due_on__lte=horizon).order_by("due_on"),
            "overdue": open_requests.filter(due_on__lt=today).order_by("due_on"),
            "approvals": approvals,
            "unassigned": open_requests.filter(handler__isnull=True).count(),
            "reminder_days": disclosure_settings.REMINDER_WORKING_DAYS,
        }
