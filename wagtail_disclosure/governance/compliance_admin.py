"""Admin of the governance tool 'compliance': the self-inspection view (合规体检) at
``/admin/disclosure/compliance/``, the register of withheld information (条例 Art.18) and
their audit-log actions (the withheld register's receivers are connected in
``governance.signals``).

``VIEWSETS`` is shown in the governance menu (``governance/admin.py``)."""

from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..sites_admin import SiteFilterForm
from . import compliance, withheld
from .withheld_admin import WithheldViewSet

PERMISSION = "wagtail_disclosure.view_compliance"

STATUS_LABELS = {
    compliance.OK: pgettext_lazy("compliance status", "OK"),
    compliance.WARNING: pgettext_lazy("compliance status", "Warning"),
    compliance.FAILURE: pgettext_lazy("compliance status", "Failure"),
}
STATUS_ICONS = {compliance.OK: "success", compliance.WARNING: "warning",
                compliance.FAILURE: "error"}


def can_view(user):
    return user.is_active and user.has_perm(PERMISSION)


def _viewset_url(model, view_name, pk):
    """The URL of ``view_name`` of the admin viewset registered for ``model`` (another tool's
    viewset, found at run time), or None when there is none."""
    from wagtail.admin.viewsets import viewsets

    for viewset in viewsets.viewsets:
        if getattr(viewset, "model", None) is model:
            try:
                return reverse(viewset.get_url_name(view_name), args=[pk])
            except NoReverseMatch:
                continue
    return None


def fix_url(target):
    """The admin URL of a row's ``target`` (see ``compliance.Row``)."""
    if not target:
        return None
    kind, pk = target
    if kind == "edit_page":
        return reverse("wagtailadmin_pages:edit", args=[pk])
    if kind == "add_subpage":
        return reverse("wagtailadmin_pages:add_subpage", args=[pk])
    if kind == "withheld":
        return reverse("withheld:review", args=[pk])
    if kind == "feedback":
        from .models import Feedback

        return _viewset_url(Feedback, "edit", pk)
    if kind == "request":
        from ..requests.models import InformationRequest

        return _viewset_url(InformationRequest, "edit", pk)
    return None


FIX_LABELS = {
    "edit_page": _("Edit"),
    "add_subpage": _("Add an item"),
    "withheld": _("Review"),
    "feedback": _("Answer"),
    "request": _("Open the request"),
}


def present(indicators):
    """The indicators as the template shows them (status label and icon, fix links)."""
    shown = []
    for indicator in indicators:
        rows = [{"label": row.label, "detail": row.detail, "url": fix_url(row.target),
                 "fix_label": FIX_LABELS.get(row.target[0]) if row.target else ""}
                for row in indicator.rows]
        shown.append({"indicator": indicator, "rows": rows,
                      "status_label": STATUS_LABELS[indicator.status],
                      "icon": STATUS_ICONS[indicator.status]})
    return shown


class ComplianceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_disclosure/governance/compliance/index.html"
    page_title = _("Compliance self-inspection")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        # the user's sites, or the one chosen of them (docs/how-to/multi-site.md)
        site_form = SiteFilterForm(self.request.GET, self.request.user)
        indicators = compliance.run_all(today, site_form.site_ids)
        overall = compliance.overall_status(indicators)
        return super().get_context_data(
            today=today, indicators=present(indicators), overall=overall,
            site_form=site_form if site_form.fields else None,
            overall_label=STATUS_LABELS[overall], overall_icon=STATUS_ICONS[overall],
            failures=sum(1 for i in indicators if i.status == compliance.FAILURE),
            warnings=sum(1 for i in indicators if i.status == compliance.WARNING), **kwargs)


class ComplianceMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


class ComplianceViewSet(ViewSet):
    name = "compliance"
    url_prefix = "disclosure/compliance"
    icon = "tasks"
    menu_label = _("Compliance self-inspection")
    menu_item_class = ComplianceMenuItem

    def get_urlpatterns(self):
        return [path("", ComplianceView.as_view(), name="index")]


VIEWSETS = [ComplianceViewSet, WithheldViewSet]


@hooks.register("register_log_actions")
def register_compliance_log_actions(actions):
    actions.register_action(withheld.ACTION_CREATED,
                            _("Entered in the withheld register"),
                            _("Entered in the withheld register from its item"))
    actions.register_action(withheld.ACTION_KEEP, _("Review: keep withheld"),
                            _("Reviewed: kept withheld"))
    actions.register_action(withheld.ACTION_DISCLOSE, _("Review: disclose"),
                            _("Reviewed: decided to disclose; a draft item is ready"))

