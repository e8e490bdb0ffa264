"""Admin of the governance tool 'assessment': the timeliness listing of items (a Wagtail page
listing with a timeliness column, filterable by organ, publication period and on time / late),
the assessment report (考核评议) and the dashboard panel."""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .. import sites
from ..catalogue.pages import DisclosureItemPage
from ..conf import disclosure_settings
from .assessment_dashboard import TimelinessPanel
from .assessment_panels import TimelinessColumn
from .assessment_views import AssessmentView, can_view


def _organs(request):
    from ..catalogue.snippets import PublishingOrgan

    return PublishingOrgan.objects.order_by("name")


class TimelinessFilterSet(PageFilterSet):
    TIMELINESS_CHOICES = [("on_time", _("On time")), ("late", _("Late")),
                          ("unknown", _("Unknown"))]

    organ = django_filters.ModelChoiceFilter(label=_("Publishing organ"), queryset=_organs)
    published_on = django_filters.DateFromToRangeFilter(label=_("Publication date"),
                                                        widget=DateRangePickerWidget)
    timeliness = django_filters.ChoiceFilter(label=_("Timeliness"), choices=TIMELINESS_CHOICES,
                                             method="filter_timeliness")

    class Meta:
        model = DisclosureItemPage
        fields = []

    def filter_timeliness(self, queryset, name, value):
        limit = disclosure_settings.TIMELINESS_WORKING_DAYS
        if value == "on_time":
            return queryset.filter(publication_working_days__lte=limit)
        if value == "late":
            return queryset.filter(publication_working_days__gt=limit)
        if value == "unknown":
            return queryset.filter(publication_working_days__isnull=True)
        return queryset


class IsoDateColumn(Column):
    """A date as YYYY-MM-DD (Wagtail's DateColumn says "6 minutes ago" of a date)."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return value.isoformat() if value else "—"


class TimelinessIndexView(IndexView):
    default_ordering = "-published_on"
    page_title = _("Timeliness of items")

    def get_base_queryset(self):
        # the listing's pages are fetched again as specific pages: join the organ there, so
        # that the organ column costs no query per row
        # the items of the user's sites only (docs/how-to/multi-site.md)
        return sites.restrict_pages(super().get_base_queryset(), self.request.user).select_related(
            "organ", for_specific_subqueries=True)

    def get_valid_orderings(self):
        return super().get_valid_orderings() + ["published_on", "-published_on",
                                                "formation_date", "-formation_date"]


class TimelinessListingViewSet(PageListingViewSet):
    """Every item with its timeliness (条例 Art.26), in Wagtail's page listing."""

    name = "wagtail_disclosure_timeliness"
    url_prefix = "disclosure/timeliness"
    model = DisclosureItemPage
    icon = "time"
    menu_label = _("Timeliness of items")
    index_view_class = TimelinessIndexView
    filterset_class = TimelinessFilterSet
    columns = [
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        Column("organ", label=_("Publishing organ")),
        IsoDateColumn("formation_date", label=_("Date of formation"),
                      sort_key="formation_date"),
        IsoDateColumn("published_on", label=_("Publication date"), sort_key="published_on"),
        TimelinessColumn("timeliness", label=_("Timeliness")),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]


class AssessmentMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


class AssessmentViewSet(ViewSet):
    """考核评议: the assessment report, for users with ``view_assessment``."""

    name = "wagtail_disclosure_assessment"
    url_prefix = "disclosure/assessment"
    icon = "list-ol"
    menu_label = _("Assessment report")
    menu_item_class = AssessmentMenuItem

    def get_urlpatterns(self):
        return [path("", AssessmentView.as_view(), name="index")]


VIEWSETS = [TimelinessListingViewSet, AssessmentViewSet]


@hooks.register("construct_homepage_panels")
def add_timeliness_panel(request, panels):
    panel = TimelinessPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)
