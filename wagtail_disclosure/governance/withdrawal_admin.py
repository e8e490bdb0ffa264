"""Admin of the governance tool 'withdrawal': the withdraw action on a live item (a view with a
form, reached from the page's header "more" menu, its action menu and the explorer listing),
the audit-log actions of withdrawal, end of publication and validity upkeep, and the
receivers that run on publication (``connect_signals``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from . import validity, withdrawal

VIEWSETS = []

URL_NAME = "wagtail_disclosure_withdraw"


def _item_class():
    from ..catalogue.pages import DisclosureItemPage

    return DisclosureItemPage


def _withdrawable(page, user):
    """The specific item when ``page`` is a live item ``user`` may withdraw, else None."""
    if not page.live or not issubclass(page.specific_class or object, _item_class()):
        return None
    if not user.has_perm("wagtail_disclosure.withdraw_item"):
        return None
    item = page.specific
    return item if withdrawal.can_withdraw(user, item) else None


# -- the view --------------------------------------------------------------------------------


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Public reason for the withdrawal"),
        max_length=withdrawal.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Shown to the public at the item's address, e.g. \"the penalty "
                               "decision was changed on review\" (行政处罚法 Art.48: withdraw "
                               "within three days with a public explanation)."),
        error_messages={"required": gettext_lazy("Give the public reason for the withdrawal.")},
    )


class WithdrawView(WagtailAdminTemplateMixin, FormView):
    form_class = WithdrawForm
    template_name = "wagtail_disclosure/governance/withdrawal/withdraw.html"
    page_title = pgettext_lazy("item withdrawal", "Withdraw")
    header_icon = "warning"

    def dispatch(self, request, page_id):
        page = get_object_or_404(_item_class().objects.all(), pk=page_id)
        if not page.live:
            messages.error(request, _("Only a published item can be withdrawn."))
            return redirect("wagtailadmin_pages:edit", page.pk)
        self.item = _withdrawable(page, request.user)
        if self.item is None:
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.item.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=[self.item.pk]),
             "label": self.item.get_admin_display_title()},
            {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["item_url"] = self.item.full_url
        return context

    def form_valid(self, form):
        try:
            withdrawal.withdraw(self.item, user=self.request.user,
                                reason=form.cleaned_data["reason"])
        except withdrawal.WithdrawalError:
            messages.error(self.request, _("Only a published item can be withdrawn."))
        else:
            messages.success(self.request, _("“%(title)s” was withdrawn; its address shows the "
                                             "notice.") % {"title": self.item.title})
        return redirect("wagtailadmin_explore", self.item.get_parent().pk)


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    return [path("disclosure/withdraw/<int:page_id>/", WithdrawView.as_view(), name=URL_NAME)]


# -- the buttons -----------------------------------------------------------------------------


def _button(page, user, priority):
    if _withdrawable(page, user) is None:
        return []
    return [Button(pgettext("item withdrawal", "Withdraw"), reverse(URL_NAME, args=[page.pk]),
                   icon_name="warning", priority=priority)]


@hooks.register("register_page_header_buttons")
def withdraw_header_button(page, user, *args, **kwargs):
    yield from _button(page, user, priority=62)


@hooks.register("register_page_listing_more_buttons")
def withdraw_listing_button(page, user, *args, **kwargs):
    yield from _button(page, user, priority=45)


class WithdrawMenuItem(ActionMenuItem):
    label = pgettext_lazy("item withdrawal", "Withdraw")
    name = "action-withdraw"
    icon_name = "warning"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return (context["view"] == "edit" and page is not None
                and not context.get("locked_for_user")
                and _withdrawable(page, context["request"].user) is not None)

    def get_url(self, parent_context):
        return reverse(URL_NAME, args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_withdraw_menu_item():
    return WithdrawMenuItem()


# -- the audit log ---------------------------------------------------------------------------


class WithdrawFormatter(LogFormatter):
    label = pgettext_lazy("item withdrawal", "Withdraw")

    def format_message(self, log_entry):
        return _("Withdrawn. Public reason: %(reason)s") % {
            "reason": (log_entry.data or {}).get("reason", "")}


class ValidityFormatter(LogFormatter):
    label = gettext_lazy("Change validity")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Validity changed by the daily upkeep: %(change)s") % {
            "change": validity.change_detail(data.get("old"), data.get("new"))}


@hooks.register("register_log_actions")
def register_withdrawal_log_actions(actions):
    actions.register_action(withdrawal.WITHDRAW_ACTION)(WithdrawFormatter)
    actions.register_action(validity.LOG_ACTION)(ValidityFormatter)
    actions.register_action(withdrawal.PUBLICATION_ENDED_ACTION,
                            gettext_lazy("End publication"),
                            gettext_lazy("Taken down: its publication period ended"))


# -- on publication --------------------------------------------------------------------------


def item_published(sender, instance, revision=None, **kwargs):
    """A publication clears a withdrawal, re-applies a due validity change and registers a
    change of validity made by hand."""
    from wagtail.log_actions import get_active_log_context

    if not isinstance(instance, _item_class()):
        return
    withdrawal.on_item_published(instance)
    user = get_active_log_context().user or getattr(revision, "user", None)
    validity.on_item_published(instance, revision=revision, user=user)


def connect_signals():
    """Connect the receivers (idempotent); ``governance.signals`` calls it from the app's
    ``ready()``."""
    from wagtail.signals import page_published

    page_published.connect(item_published, dispatch_uid="wagtail_disclosure_withdrawal_published")
