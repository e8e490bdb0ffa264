"""Admin of the governance tool 'feedback' (意见箱): its viewset (``VIEWSETS``, shown in the
governance menu) and its hooks (the audit log's actions, the permissions).

- the listing: filters (status, category, assigned, overdue), the clock against the limit,
  contacts masked for staff without ``view_feedback_personal_data`` (also in the export);
- "edit" is the message's page: what was written, the timeline, and the actions as forms
  (``feedback_views``); feedback is never added nor deleted here: it is closed instead.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .. import sites
from ..admin_permissions import RuleBasedPermissionPolicy
from ..requests.filters import CheckboxFilter
from . import feedback
from .choices import FeedbackCategory, FeedbackStatus
from .models import Feedback

# -- permissions ---------------------------------------------------------------------------


#: feedback comes from visitors and is closed rather than deleted: nobody adds or deletes it
#: here; "change" (the actions) is ``answer_feedback``
permission_policy = RuleBasedPermissionPolicy(
    Feedback, can_view=feedback.can_view, can_change=feedback.can_answer,
    refused=("add", "delete"))

try:  # Wagtail 8: the policy registry (the menu and other views look it up there)
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.4: the viewset's permission_policy is used
    register_permission_policy = None
if register_permission_policy is not None:
    register_permission_policy(Feedback, permission_policy)


# -- the listing ---------------------------------------------------------------------------


def clock_text(instance, today=None):
    """"12 days left" / "overdue by 3 days" for an open message; the date of the answer or
    of closing otherwise."""
    left = feedback.days_left(instance, today)
    if left is not None:
        if left < 0:
            return _("overdue by %(days)s days") % {"days": -left}
        return _("%(days)s days left") % {"days": left}
    if instance.status == FeedbackStatus.ANSWERED and instance.answered_at:
        return _("answered %(date)s") % {"date": f"{instance.answered_at:%Y-%m-%d}"}
    if instance.status == FeedbackStatus.CLOSED and instance.closed_at:
        return _("closed %(date)s") % {"date": f"{instance.closed_at:%Y-%m-%d}"}
    return ""


class ClockColumn(Column):
    def get_value(self, instance):
        return clock_text(instance)


class ContactColumn(Column):
    """The visitor's name (or email, or phone), masked unless the user may see it."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        shown = feedback.contact_for(instance, parent_context["request"].user)
        context["value"] = shown["name"] or shown["email"] or shown["phone"] or "—"
        return context


class SubjectColumn(Column):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = feedback.text_for(instance, parent_context["request"].user,
                                             instance.subject)
        return context


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=pgettext_lazy("feedback", "Status"), choices=FeedbackStatus.choices,
        widget=forms.CheckboxSelectMultiple, distinct=False)
    category = django_filters.ChoiceFilter(label=pgettext_lazy("feedback", "Kind of message"),
                                           choices=FeedbackCategory.choices)
    assigned = django_filters.ChoiceFilter(
        label=gettext_lazy("Assigned"), method="filter_assigned",
        empty_label=gettext_lazy("Anyone"),
        choices=[("me", gettext_lazy("To me")), ("nobody", gettext_lazy("Not assigned"))])
    overdue = CheckboxFilter(label=gettext_lazy("Overdue"), method="filter_overdue")

    class Meta:
        model = Feedback
        fields = []

    def filter_assigned(self, queryset, name, value):
        if value == "me" and self.request is not None:
            return queryset.filter(assigned_to=self.request.user)
        if value == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset

    def filter_overdue(self, queryset, name, value):
        return feedback.overdue(queryset) if value else queryset


class FeedbackIndexView(IndexView):
    default_ordering = "-received_at"

    def get_base_queryset(self):
        # the listing and its export: the messages of the user's sites only
        return sites.restrict_pages(super().get_base_queryset(), self.request.user,
                                    "page__url_path").select_related("assigned_to")

    def get_edit_url(self, instance):
        return reverse(self.edit_url_name, args=(instance.pk,))

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = list(queryset.query.order_by)
        if ordering and not any(field.lstrip("-") in ("pk", "id") for field in ordering):
            queryset = queryset.order_by(*ordering, "-pk")
        return queryset

    def preprocess_field_value(self, field, value, export_format):
        from ..requests.admin import neutralise_spreadsheet_formula

        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_spreadsheet_formula(value)
        return value

    def to_row_dict(self, item):
        """A row of the export: contacts and the visitor's texts masked as the listing."""
        row = super().to_row_dict(item)
        user = self.request.user
        row.update({key: value for key, value in feedback.contact_for(item, user).items()
                    if key in row})
        for field in ("subject", "message"):
            if field in row:
                row[field] = feedback.text_for(item, user, row[field])
        return row


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = gettext_lazy("Feedback")
    menu_name = "feedback"
    url_prefix = "disclosure/feedback"
    name = "wagtail_disclosure_feedback"
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = FeedbackIndexView
    filterset_class = FeedbackFilterSet
    search_fields = ["reference", "subject", "message"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn("reference", label=pgettext_lazy("feedback", "Reference"),
                    get_url=lambda obj: reverse("wagtail_disclosure_feedback:edit",
                                                args=(obj.pk,))),
        Column("received_at", label=pgettext_lazy("feedback", "Received"),
               sort_key="received_at"),
        Column("category", label=pgettext_lazy("feedback", "Kind of message"),
               accessor="get_category_display"),
        SubjectColumn("subject", label=pgettext_lazy("feedback", "Subject")),
        ContactColumn("name", label=pgettext_lazy("feedback", "From")),
        Column("status", label=pgettext_lazy("feedback", "Status"),
               accessor="get_status_display", sort_key="status"),
        Column("assigned_to", label=gettext_lazy("Assigned to")),
        ClockColumn("clock", label=gettext_lazy("Answer limit")),
        Column("published", label=pgettext_lazy("feedback", "Published")),
    ]
    list_export = ["reference", "received_at", "category", "subject", "message", "name",
                   "email", "phone", "status", "assigned_to", "answered_at", "answer",
                   "answer_emailed_at", "published", "closed_at", "close_reason"]
    export_filename = "feedback"

    @property
    def permission_policy(self):
        return permission_policy

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(
            content_type__app_label="wagtail_disclosure",
            codename__in=["view_feedback", "answer_feedback", "view_feedback_personal_data"])

    @property
    def add_view(self):
        """Feedback is sent by visitors: there is no form to add it here (not routed)."""
        return _no_view

    @property
    def edit_view(self):
        from .feedback_views import FeedbackDetailView

        return FeedbackDetailView.as_view(viewset=self)

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns()
                    if p.name not in ("add", "delete", "usage", "copy")]
        return patterns + [
            path("edit/<int:pk>/action/<str:action>/", self.edit_view, name="action"),
        ]


def _no_view(request, *args, **kwargs):
    raise PermissionDenied


VIEWSETS = [FeedbackViewSet]


# -- the audit log -------------------------------------------------------------------------

LOG_ACTIONS = {
    "receive": (gettext_lazy("Receive feedback"), gettext_lazy("Feedback received")),
    "assign": (gettext_lazy("Assign feedback"), gettext_lazy("Feedback assigned")),
    "answer": (gettext_lazy("Answer feedback"), gettext_lazy("Feedback answered")),
    "publish": (gettext_lazy("Publish feedback"),
                gettext_lazy("Question and answer published on the feedback page")),
    "unpublish": (gettext_lazy("Unpublish feedback"),
                  gettext_lazy("Question and answer removed from the feedback page")),
    "close": (gettext_lazy("Close feedback"), gettext_lazy("Closed without an answer")),
    "resend": (gettext_lazy("Resend answer"), gettext_lazy("Answer email sent again")),
}


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    for name, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"{feedback.LOG_PREFIX}.{name}", label, message)
