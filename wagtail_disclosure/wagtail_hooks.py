"""Admin registrations (thin: the viewsets live with their domain)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet

from .catalogue.admin import CatalogueSnippetGroup
from .governance import admin as governance_admin  # noqa: F401  (registers its hooks)
from .requests import calendar_admin, log_actions, permissions
from .requests.admin import InformationRequestViewSet
from .requests.dashboard import RequestsPanel
from .requests.models import WorkdayOverride
from .requests.settings import RequestSettings
from .reports import admin as report_admin
from .sites_admin import SiteScopedViewSetMixin

register_snippet(CatalogueSnippetGroup)
register_setting(RequestSettings, icon="mail")


class WorkdayOverrideViewSet(SiteScopedViewSetMixin, ModelViewSet):
    """The calendar's rows; a site's staff see and change their sites' own rows only (the
    rows for every site are the platform administrators', docs/how-to/multi-site.md)."""

    model = WorkdayOverride
    icon = "date"
    menu_label = _("Working-day calendar")
    url_prefix = "disclosure/workdays"
    form_fields = ["date", "is_working_day", "site", "note"]
    list_display = ["date", "is_working_day", "site", "note", "notice"]
    list_filter = ["is_working_day", "site", "notice"]
    copy_view_enabled = False
    index_view_class = calendar_admin.WorkdayOverrideIndexView

    def get_form_class(self, for_update=False):
        return calendar_admin.WorkdayOverrideForm

    @property
    def import_notice_view(self):
        return calendar_admin.ImportNoticeView.as_view(viewset=self)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", self.import_notice_view, name="import_notice")]


class RequestsViewSetGroup(ViewSetGroup):
    items = (InformationRequestViewSet, WorkdayOverrideViewSet,
             calendar_admin.HolidayNoticeViewSet, report_admin.ReviewCaseViewSet)
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
    report_admin.register_log_actions(actions)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("disclosure/reports/<int:page_id>/recompute/", report_admin.recompute_view,
                 name="wagtail_disclosure_report_recompute")]


@hooks.register("construct_homepage_panels")
def add_requests_panel(request, panels):
    if permissions.can_view(request.user):
        panels.append(RequestsPanel(request.user))
    coverage = calendar_admin.CalendarCoveragePanel.for_user(request.user)
    if coverage is not None:
        panels.append(coverage)


@hooks.register("on_serve_page", order=100)
def serve_through_the_page_cache(next_serve):
    """The page cache (caching.page_cache), around Wagtail's serving of every page; it only
    acts on page types with ``page_cache = True`` while ``PAGE_CACHE`` is on. Order 100: inside
    Wagtail's own ``check_view_restrictions`` (order 0), so a restricted page's form or login
    redirect never reaches the cache."""
    from .caching import page_cache

    def serve(page, request, args, kwargs):
        return page_cache.serve(page, request, args, kwargs, next_serve)

    return serve


@hooks.register("on_serve_page", order=50)
def serve_from_a_read_replica(next_serve):
    """Anonymous reads of the catalogue's pages from a read replica (routers), when
    ``READ_REPLICAS`` names one. Order 50: inside Wagtail's privacy check (order 0: a page
    restricted a moment ago is judged on the primary), outside the page cache (order 100: the
    generation and the page it stores are read from the same replica)."""
    from .routers import replica_for_page

    def serve(page, request, args, kwargs):
        return replica_for_page(page, request, lambda: next_serve(page, request, args, kwargs))

    return serve
