"""Admin registrations (thin: the viewsets live with their domain)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet

from .catalogue.admin import CatalogueSnippetGroup
from .requests import log_actions, permissions
from .requests.admin import InformationRequestViewSet
from .requests.dashboard import RequestsPanel
from .requests.models import WorkdayOverride
from .requests.settings import RequestSettings

register_snippet(CatalogueSnippetGroup)
register_setting(RequestSettings, icon="mail")


class WorkdayOverrideViewSet(ModelViewSet):
    model = WorkdayOverride
    icon = "date"
    menu_label = _("Working-day calendar")
    url_prefix = "disclosure/workdays"
    form_fields = ["date", "is_working_day", "note"]
    list_display = ["date", "is_working_day", "note"]
    copy_view_enabled = False


class RequestsViewSetGroup(ViewSetGroup):
    items = (InformationRequestViewSet, WorkdayOverrideViewSet)
    menu_icon = "mail"
    menu_label = _("Information requests")
    menu_name = "information-requests-group"
    menu_order = 250


@hooks.register("register_admin_viewset")
def register_request_viewsets():
    return RequestsViewSetGroup()


@hooks.register("register_log_actions")
def register_request_log_actions(actions):
    log_actions.register(actions)


@hooks.register("construct_homepage_panels")
def add_requests_panel(request, panels):
    if permissions.can_view(request.user):
        panels.append(RequestsPanel(request.user))
