"""The working-day calendar in the Wagtail admin: importing a holiday notice, its listing, the
header button on the calendar listing and the dashboard notice of a year not covered.

The import is two steps on one page: paste the text and "Preview" (the days month by month, or
the line and the reason of an error), then "Save". Saving parses the re-posted text again on
the server; nothing from the preview is trusted.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

try:  # Wagtail 8
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.4: the viewset's permission_policy below is what counts
    register_permission_policy = None

from .. import sites
from ..holiday_notice import MAX_CHARACTERS, NoticeError, parse_notice
from ..sites_admin import limit_site_field
from . import permissions
from .calendar import import_notice, missing_years, plan_import, preview_months
from .models import HolidayNotice, WorkdayOverride

ADD_OVERRIDE = "wagtail_disclosure.add_workdayoverride"
CHANGE_OVERRIDE = "wagtail_disclosure.change_workdayoverride"
IMPORT_URL_NAME = "workdayoverride:import_notice"


def can_import(user):
    """Who may import a notice: users who may add working-day overrides (and superusers); on
    a platform of several sites, only those who work for every site (a notice changes the
    rows for every site)."""
    return (user.is_active and user.has_perm(ADD_OVERRIDE)
            and sites.staff_site_ids(user) is sites.ALL_SITES)


class WorkdayOverrideForm(WagtailAdminModelForm):
    """A calendar row: staff of some sites only choose one of their sites (a row for every
    site is the platform administrators')."""

    class Meta:
        model = WorkdayOverride
        fields = ["date", "is_working_day", "site", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_site_field(self, self.for_user, remove_on_single_site=False)


def can_edit_calendar(user):
    return user.is_active and (user.has_perm(ADD_OVERRIDE) or user.has_perm(CHANGE_OVERRIDE))


# -- the import ----------------------------------------------------------------------------


class ImportNoticeForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text of the notice"), max_length=MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 16, "lang": "zh-Hans"}),
        help_text=gettext_lazy(
            "Paste the whole notice 《国务院办公厅关于YYYY年部分节假日安排的通知》 as published, "
            "from its title to its date. Lines other than the festivals' are ignored."))
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1901, max_value=2100,
        help_text=gettext_lazy("Only needed if the title is not in the text."))

    def clean(self):
        data = super().clean()
        if "text" in data:
            try:
                data["parsed"] = parse_notice(data["text"], data.get("year"))
            except NoticeError as exc:
                self.add_error("text", str(exc))
        return data


class ImportNoticeView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportNoticeForm
    template_name = "wagtail_disclosure/requests/admin/import_notice.html"
    page_title = gettext_lazy("Import a holiday notice")
    header_icon = "date"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")),
             "label": self.viewset.menu_label},
            {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        parsed = form.cleaned_data["parsed"]
        if self.request.POST.get("action") == "save":
            result = import_notice(parsed, form.cleaned_data["text"], user=self.request.user)
            message = _("The notice for %(year)s was saved: %(off)s days off and %(working)s "
                        "makeup working days.") % {
                "year": parsed.year, "off": len(parsed.days_off),
                "working": len(parsed.working_days)}
            if result.changed_deadlines is not None:
                message += " " + _("%(count)s open reply deadline(s) changed.") % {
                    "count": result.changed_deadlines}
            messages.success(self.request, message)
            return redirect(self.viewset.get_url_name("index"))
        return self.render_to_response(self.get_context_data(
            form=form, parsed=parsed, plan=plan_import(parsed),
            months=preview_months(parsed), weekday_names=list(WEEKDAYS_ABBR.values())))


# -- the listings ----------------------------------------------------------------------------


class WorkdayOverrideIndexView(IndexView):
    """The calendar listing, with a button to import a notice."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_import(self.request.user):
            buttons.append(HeaderButton(_("Import a holiday notice"), url=reverse(IMPORT_URL_NAME),
                                        icon_name="doc-full"))
        return buttons


class HolidayNoticePermissionPolicy(ModelPermissionPolicy):
    """A notice is created and changed only by the import (with its days); it may be viewed,
    and deleted with its days by those allowed to."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        if action == "delete" and sites.staff_site_ids(user) is not sites.ALL_SITES:
            return False  # its days are for every site
        if action == "view":
            return can_edit_calendar(user) or super().user_has_permission(user, "view")
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


holiday_notice_policy = HolidayNoticePermissionPolicy(HolidayNotice)
if register_permission_policy is not None:
    register_permission_policy(HolidayNotice, holiday_notice_policy, exact_class=True)


class HolidayNoticeViewSet(ModelViewSet):
    model = HolidayNotice
    icon = "doc-full"
    menu_label = gettext_lazy("Holiday notices")
    url_prefix = "disclosure/holiday-notices"
    name = "wagtail_disclosure_holiday_notices"
    list_display = ("year", "document_number", "title", "imported_at", "imported_by")
    inspect_view_enabled = True
    inspect_view_fields = ("year", "title", "document_number", "imported_at", "imported_by",
                           "text")
    copy_view_enabled = False
    form_fields = ("year",)  # never used: the policy refuses add and change

    @property
    def permission_policy(self):
        return holiday_notice_policy


# -- the dashboard -----------------------------------------------------------------------------


class CalendarCoveragePanel(Component):
    """Says which year the calendar does not cover (this year, or from 1 November the next),
    with a link to the import."""

    name = "wagtail_disclosure_calendar_coverage"
    template_name = "wagtail_disclosure/requests/admin/calendar_coverage_panel.html"
    order = 90

    def __init__(self, user, years):
        self.user, self.years = user, years

    @classmethod
    def for_user(cls, user):
        """The panel, or None when it has nothing to say or the user nothing to do with it."""
        if not (permissions.can_view(user) or can_edit_calendar(user)):
            return None
        years = missing_years()
        return cls(user, years) if years else None

    def get_context_data(self, parent_context=None):
        return {"years": self.years, "can_import": can_import(self.user),
                "import_url": reverse(IMPORT_URL_NAME)}
