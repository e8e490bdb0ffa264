"""Admin of the governance tool 'register': the release register (信息发布审核登记) listing,
its XLSX export and its print view (信息发布审核登记表, A4).

Entries are read-only: the viewset has no add, edit, copy or delete view, and the model has
only the ``view`` permission. Viewing needs ``wagtail_disclosure.view_releaseregisterentry``.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .. import sites
from ..conf import get_channel_choices
from .choices import RegisterEvent, ReviewConclusion
from .models import ReleaseRegisterEntry
from .register_filters import MAX_PRINT_DAYS, ReleaseRegisterFilterSet

VIEW_PERMISSION = "wagtail_disclosure.view_releaseregisterentry"
#: The print view's rows: a year of a busy site's register (the period is at most a year).
PRINT_MAX_ROWS = 5000


def local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def channel_labels(codes):
    labels = dict(get_channel_choices())
    return "、".join(str(labels.get(code, code)) for code in (codes or []))


def event_label(code):
    return str(dict(RegisterEvent.choices).get(code, code))


def conclusion_label(code):
    return str(dict(ReviewConclusion.choices).get(code, code)) if code else ""


class ReleaseRegisterIndexView(IndexView):
    """The listing: newest first, paginated; every value is a column of the entry itself (no
    relation to follow), so its cost does not grow with the number of entries."""

    list_export = ["event_at", "event", "title", "index_number", "organ_name", "column_title",
                   "drafter_name", "reviewer_name", "review_conclusion", "approver_name",
                   "publication_date", "channels", "backdated", "backdating_reason", "detail",
                   "url", "page_id"]
    export_headings = {
        "event_at": _("Time"),
        "event": pgettext_lazy("register", "Event"),
        "title": pgettext_lazy("register", "Item"),
        "column_title": pgettext_lazy("disclosure column", "Column"),
        "backdated": _("Back-dated"),
        "channels": _("Publication channels"),
    }
    custom_field_preprocess = {
        "event_at": {fmt: local_time for fmt in ("xlsx", "csv")},
        "event": {fmt: event_label for fmt in ("xlsx", "csv")},
        "review_conclusion": {fmt: conclusion_label for fmt in ("xlsx", "csv")},
        "channels": {fmt: channel_labels for fmt in ("xlsx", "csv")},
        "backdated": {fmt: (lambda v: str(_("Yes")) if v else "") for fmt in ("xlsx", "csv")},
    }
    export_filename = "release-register"

    def get_base_queryset(self):
        # the entries of the pages of the user's sites (docs/how-to/multi-site.md)
        return sites.restrict_page_ids(ReleaseRegisterEntry.objects.all(), self.request.user)

    @cached_property
    def header_more_buttons(self):
        from wagtail.admin.widgets import Button

        buttons = list(super().header_more_buttons)
        query = self.request.GET.urlencode()
        url = self.viewset_print_url + (f"?{query}" if query else "")
        buttons.append(Button(_("Print the register"), url=url, icon_name="doc-full",
                              priority=110))
        return buttons

    @property
    def viewset_print_url(self):
        from django.urls import reverse

        return reverse(f"{ReleaseRegisterViewSet.name}:print")


def print_view(request):
    """信息发布审核登记表: the filtered entries as one A4 table, the filters in its heading.

    Without a period, the current year so far. A period longer than ``MAX_PRINT_DAYS`` or a
    bad filter gives a 400 page listing the errors."""
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    data = request.GET.copy()
    if not data.get("date_from") and not data.get("date_to"):
        data["date_from"] = today.replace(month=1, day=1).isoformat()
        data["date_to"] = today.isoformat()
    visible = sites.restrict_page_ids(ReleaseRegisterEntry.objects.all(), request.user)
    filters = ReleaseRegisterFilterSet(data, queryset=visible, request=request)
    errors = []
    if filters.is_valid():
        start = filters.form.cleaned_data.get("date_from")
        end = filters.form.cleaned_data.get("date_to")
        start = start or (end - datetime.timedelta(days=MAX_PRINT_DAYS - 1))
        end = end or min(today, start + datetime.timedelta(days=MAX_PRINT_DAYS - 1))
        if (end - start).days + 1 > MAX_PRINT_DAYS:
            errors.append(_("A printed register covers at most %(days)s days.")
                          % {"days": MAX_PRINT_DAYS})
    else:
        errors = [f"{filters.form.fields[name].label}: {message}" if name in filters.form.fields
                  else message
                  for name, messages in filters.form.errors.items() for message in messages]
    context = {"errors": errors, "filters": filters, "entries": [], "truncated": False,
               "printed_at": timezone.localtime()}
    if errors:
        response = TemplateResponse(request, "wagtail_disclosure/governance/register/print.html",
                                    context, status=400)
        response["Cache-Control"] = "no-store"
        return response
    queryset = filters.filter_queryset(visible)
    queryset = queryset.filter(event_at__gte=filters._day_start(start),
                               event_at__lt=filters._day_start(end + datetime.timedelta(days=1)))
    rows = list(queryset.order_by("event_at", "pk")[:PRINT_MAX_ROWS + 1])
    context.update({
        "entries": [{
            "entry": entry, "time": local_time(entry.event_at),
            "event": event_label(entry.event),
            "conclusion": conclusion_label(entry.review_conclusion),
            "channels": channel_labels(entry.channels),
        } for entry in rows[:PRINT_MAX_ROWS]],
        "truncated": len(rows) > PRINT_MAX_ROWS, "max_rows": PRINT_MAX_ROWS,
        "period_start": start, "period_end": end,
        "described": [(label, shown) for label, shown in filters.describe()
                      if label not in (filters.form.fields["date_from"].label,
                                       filters.form.fields["date_to"].label)],
    })
    response = TemplateResponse(request, "wagtail_disclosure/governance/register/print.html",
                                context)
    response["Cache-Control"] = "no-store"
    return response


class ReleaseRegisterViewSet(ModelViewSet):
    model = ReleaseRegisterEntry
    name = "wagtail_disclosure_register"
    icon = "list-ul"
    menu_label = _("Release register")
    menu_name = "release-register"
    url_prefix = "disclosure/register"
    index_view_class = ReleaseRegisterIndexView
    filterset_class = ReleaseRegisterFilterSet
    search_fields = ["title", "index_number"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    add_to_reference_index = False
    list_display = [
        TitleColumn("title", label=pgettext_lazy("register", "Item"),
                    get_url=lambda entry: ReleaseRegisterViewSet.inspect_url(entry)),
        Column("index_number", label=_("Index number")),
        Column("event", label=pgettext_lazy("register", "Event"), accessor="get_event_display"),
        Column("event_at", label=_("Time"), accessor=lambda e: local_time(e.event_at),
               sort_key="event_at"),
        Column("organ_name", label=_("Publishing organ")),
        Column("column_title", label=pgettext_lazy("disclosure column", "Column")),
        Column("drafter_name", label=_("Drafter")),
        Column("reviewer_name", label=_("Reviewer")),
        Column("review_conclusion", label=_("Review conclusion"),
               accessor="get_review_conclusion_display"),
        Column("approver_name", label=_("Approver")),
        BooleanColumn("backdated", label=_("Back-dated")),
    ]
    inspect_view_fields = [
        "event", "event_at", "title", "index_number", "url", "page_id", "page_type",
        "organ_name", "column_title", "drafter_name", "reviewer_name", "review_conclusion",
        "approver_name", "publication_date", "channels", "backdated", "backdating_reason",
        "detail", "revision_id", "created_at",
    ]

    @staticmethod
    def inspect_url(entry):
        from django.urls import reverse

        return reverse(f"{ReleaseRegisterViewSet.name}:inspect", args=(entry.pk,))

    def get_common_view_kwargs(self, **kwargs):
        # no add, edit, copy, delete, history or usage view: nothing links to them
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for key in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name",
                    "history_url_name", "usage_url_name"):
            view_kwargs[key] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("print/", print_view, name="print"),
        ]

    def register_admin_url_finder(self):
        """An entry has no edit view to find."""

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(content_type__app_label="wagtail_disclosure",
                                         codename="view_releaseregisterentry")


VIEWSETS = [ReleaseRegisterViewSet]
