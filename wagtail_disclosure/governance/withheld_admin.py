"""The register of withheld information in the Wagtail admin (条例 Art.18): a ModelViewSet
(listing filtered by status, organ and review due; create and edit) with a "review" view that
records a :class:`~.models.WithheldReview` through ``withheld.review``."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

try:  # Wagtail 8: the listing's "more" dropdown holds menu items
    from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
except ImportError:  # Wagtail 7.4
    from wagtail.admin.widgets import ListingButton as ListingMenuItem

from .. import sites
from ..sites_admin import SiteScopedViewSetMixin, get_scoped_or_404, limit_site_field
from . import withheld
from .choices import WithheldReviewDecision, WithheldStatus
from .models import WithheldInformation

CHANGE = "wagtail_disclosure.change_withheldinformation"
MAX_TEXT = 2000


def can_review(user):
    return user.is_active and user.has_perm(CHANGE)


def _check_dates(form, decided_field, due_field):
    """Field errors of a decision (or review) date and the next review date."""
    decided = form.cleaned_data.get(decided_field)
    due = form.cleaned_data.get(due_field)
    if decided is None:
        return
    today = timezone.localdate()
    if decided > today:
        form.add_error(decided_field, _("The date cannot be in the future."))
        return
    if decided < withheld.EARLIEST_DECISION:
        form.add_error(decided_field, _("The date is too early."))
        return
    if due is None:
        return
    if not decided < due <= withheld.latest_review_date(decided):
        form.add_error(due_field, _("The next review must fall after the decision and within "
                                    "%(years)s years of it.") % {"years": withheld.MAX_REVIEW_YEARS})


class WithheldInformationForm(WagtailAdminModelForm):
    """Create and edit an entry: ground and reason required; the review date defaults to
    ``WITHHELD_REVIEW_MONTHS`` months after the decision."""

    class Meta:
        model = WithheldInformation
        fields = ["title", "organ", "description", "ground", "reason", "decided_on",
                  "review_due_on", "site"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.page_id:  # the entry of an item belongs to the item's site
            del self.fields["site"]
        limit_site_field(self, self.for_user)
        self.fields["description"].max_length = MAX_TEXT
        self.fields["reason"].max_length = MAX_TEXT
        for name in ("description", "reason"):
            self.fields[name].widget.attrs["maxlength"] = MAX_TEXT
            self.fields[name].validators.append(MaxLengthValidator(MAX_TEXT))
        self.fields["reason"].required = True
        self.fields["ground"].required = True
        self.fields["review_due_on"].required = False
        self.fields["review_due_on"].help_text = gettext_lazy(
            "Leave blank for the default: the configured number of months after the decision.")
        if not self.instance.pk:
            self.initial.setdefault("decided_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        _check_dates(self, "decided_on", "review_due_on")
        if data.get("decided_on") and not data.get("review_due_on") and not self.errors:
            data["review_due_on"] = withheld.default_review_date(data["decided_on"])
            self.instance.review_due_on = data["review_due_on"]
        return data


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=gettext_lazy("Reviewed on"))
    decision = forms.ChoiceField(label=pgettext_lazy("withheld review", "Decision"),
                                 choices=WithheldReviewDecision.choices,
                                 widget=forms.RadioSelect)
    next_review_on = forms.DateField(
        label=gettext_lazy("Next review due"), required=False,
        help_text=gettext_lazy("If kept withheld. Leave blank for the default."))
    column = forms.ModelChoiceField(
        label=pgettext_lazy("disclosure column", "Column of the new item"), queryset=None,
        required=False,
        help_text=gettext_lazy("If disclosed and no item is linked: a draft item is created "
                               "here."))
    organ = forms.ModelChoiceField(label=gettext_lazy("Publishing organ"), queryset=None,
                                   required=False)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, entry, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ..catalogue.pages import DisclosureColumnPage
        from ..models import PublishingOrgan

        self.entry = entry
        columns = DisclosureColumnPage.objects.order_by("path")
        # the columns of the reviewer's sites (docs/how-to/multi-site.md)
        self.fields["column"].queryset = (sites.restrict_pages(columns, user)
                                          if user is not None else columns)
        self.fields["organ"].queryset = PublishingOrgan.objects.all()
        self.initial.setdefault("reviewed_on", timezone.localdate())
        if entry.page_id:
            del self.fields["column"]
        if entry.page_id or entry.organ_id:
            del self.fields["organ"]

    def clean(self):
        data = super().clean()
        _check_dates(self, "reviewed_on", "next_review_on")
        if data.get("decision") == WithheldReviewDecision.DISCLOSE and not self.entry.page_id:
            if not data.get("column"):
                self.add_error("column", _("Choose the column of the item to publish."))
            if "organ" in self.fields and not data.get("organ"):
                self.add_error("organ", _("Choose the publishing organ of the item."))
        return data


class ReviewView(WagtailAdminTemplateMixin, FormView):
    form_class = ReviewForm
    template_name = "wagtail_disclosure/governance/withheld/review.html"
    page_title = gettext_lazy("Review withheld information")
    header_icon = "lock"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied
        # another site's entry is not found (docs/how-to/multi-site.md)
        self.entry = get_scoped_or_404(WithheldInformation.objects.all(), request.user,
                                       pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.entry.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")),
             "label": self.viewset.menu_label},
            {"url": reverse(self.viewset.get_url_name("edit"), args=[self.entry.pk]),
             "label": self.entry.title},
            {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "entry": self.entry, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entry=self.entry, reviews=self.entry.reviews.select_related("reviewed_by")[:50],
            done=self.entry.status != WithheldStatus.WITHHELD, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            withheld.review(self.entry, decision=data["decision"], user=self.request.user,
                            reviewed_on=data["reviewed_on"], note=data["note"],
                            next_review_on=data.get("next_review_on"),
                            column=data.get("column"), organ=data.get("organ"))
        except withheld.ReviewError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, str(exc))
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(None, _("You may not edit that item or add one to that column."))
            return self.form_invalid(form)
        self.entry.refresh_from_db()
        if self.entry.status == WithheldStatus.DISCLOSED:
            messages.success(self.request, _("Decided to disclose. The item is a draft: check "
                                             "it and publish it."))
            return redirect("wagtailadmin_pages:edit", self.entry.page_id)
        messages.success(self.request, _("Kept withheld; next review due on %(date)s.") % {
            "date": self.entry.review_due_on.isoformat()})
        return redirect(self.viewset.get_url_name("index"))


class ReviewDueFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        today = timezone.localdate()
        if value == "due":
            return qs.filter(status=WithheldStatus.WITHHELD, review_due_on__lte=today)
        if value == "not_due":
            return qs.exclude(status=WithheldStatus.WITHHELD, review_due_on__lte=today)
        return qs


class WithheldFilterSet(WagtailFilterSet):
    review = ReviewDueFilter(
        label=gettext_lazy("Review"), empty_label=gettext_lazy("All"),
        choices=[("due", gettext_lazy("Review due")), ("not_due", gettext_lazy("Not due"))])

    class Meta:
        model = WithheldInformation
        fields = ["status", "organ"]


class WithheldIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.status == WithheldStatus.WITHHELD and can_review(self.request.user):
            buttons.insert(0, ListingMenuItem(_("Review"), icon_name="tasks", priority=5,
                                       url=reverse("withheld:review", args=[instance.pk])))
        return buttons


class WithheldCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class WithheldViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = WithheldInformation
    name = "withheld"
    url_prefix = "disclosure/withheld"
    icon = "lock"
    menu_label = gettext_lazy("Withheld information")
    list_display = ["title", "organ", "ground", "decided_on", "review_due_on", "status"]
    filterset_class = WithheldFilterSet
    search_fields = ["title", "reason"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = WithheldIndexView
    add_view_class = WithheldCreateView

    def get_form_class(self, for_update=False):
        return WithheldInformationForm

    @property
    def review_view(self):
        return ReviewView.as_view(viewset=self)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/review/", self.review_view, name="review")]
