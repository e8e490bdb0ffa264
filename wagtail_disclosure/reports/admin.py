"""Admin views of the annual reports: recompute into a new draft, and the case records."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action

from .. import sites
from ..sites_admin import SiteScopedViewSetMixin, limit_site_field
from .models import ReviewCase
from .pages import AnnualReportPage

RECOMPUTE_ACTION = "wagtail_disclosure.report.recompute"


@require_http_methods(["GET", "POST"])
def recompute_view(request, page_id):
    """Compute the figures from today's data into a new draft (the live report is untouched)."""
    page = get_object_or_404(AnnualReportPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    live = draft.live_figures()
    changes = draft.figure_changes(live)
    if request.method == "POST":
        draft.refresh_figures(figures=live)
        revision = draft.save_revision(user=request.user, log_action=True)
        log_action(instance=page, action=RECOMPUTE_ACTION, user=request.user, revision=revision,
                   data={"year": draft.year, "changed_cells": len(changes),
                         "cells": [c["cell"] for c in changes][:50]})
        messages.success(request, _(
            "The figures were recomputed into a new draft (%(count)s cell(s) changed). The "
            "published report keeps its figures until this draft is published.")
            % {"count": len(changes)})
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "wagtail_disclosure/reports/admin/recompute.html", {
        "page": page, "changes": changes, "header_title": _("Recompute the figures"),
    })


class RecomputeFormatter(LogFormatter):
    label = gettext_lazy("Recompute report figures")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Figures of the %(year)s report recomputed into a draft: %(count)s cell(s) "
                 "changed") % {"year": data.get("year", ""), "count": data.get("changed_cells", 0)}


def register_log_actions(actions):
    actions.register_action(RECOMPUTE_ACTION)(RecomputeFormatter)


class ReviewCaseForm(WagtailAdminModelForm):
    """The request concerned is given by its tracking number (a site may hold 100,000)."""

    tracking_number = forms.CharField(
        label=gettext_lazy("tracking number of the request concerned"), required=False,
        max_length=30)

    class Meta:
        model = ReviewCase
        fields = ["kind", "case_number", "organ", "filed_on", "result", "concluded_on", "note",
                  "site"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.request_id:
            self.fields["tracking_number"].initial = self.instance.request.tracking_number
        self.order_fields(["kind", "case_number", "tracking_number"])
        limit_site_field(self, self.for_user)
        if "site" in self.fields:
            self.fields["site"].help_text = gettext_lazy(
                "The site the case belongs to; a case about a request belongs to the "
                "request's site.")

    def clean_tracking_number(self):
        from ..requests.models import InformationRequest, normalise_tracking_number

        number = normalise_tracking_number(self.cleaned_data.get("tracking_number") or "")
        if not number:
            self.instance.request = None
            return ""
        # a request of the user's sites only (another site's is not found)
        found = sites.restrict(InformationRequest.objects.all(), self.for_user).filter(
            tracking_number=number).first()
        if found is None:
            raise forms.ValidationError(_("No request has the tracking number %(number)s.")
                                        % {"number": number})
        self.instance.request = found
        return number

    def clean(self):
        data = super().clean()
        request_obj = self.instance.request if self.instance.request_id else None
        if request_obj is not None and request_obj.site_id and "site" in self.fields:
            # the case belongs to its request's site
            data["site"] = request_obj.site
            self.errors.pop("site", None)
        return data


class ReviewCaseViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = ReviewCase
    form_fields = ReviewCaseForm.Meta.fields
    icon = "clipboard-list"
    menu_label = gettext_lazy("Reconsiderations and lawsuits")
    url_prefix = "disclosure/review-cases"
    list_display = ["case_number", "kind", "filed_on", "result", "concluded_on", "request"]
    list_filter = ["kind", "result"]
    search_fields = ["case_number", "note"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        # (ModelViewSet has no ``form_class``: it builds a plain model form from
        # ``form_fields`` unless told which class to use)
        return ReviewCaseForm
