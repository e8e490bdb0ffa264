"""Filters of the request listing in the admin."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.filters import WagtailFilterSet

from . import outcomes
from .choices import OPEN_STATUSES, ApplicantType, ReceiptChannel, Status
from .models import InformationRequest


def _year_choices():
    this_year = timezone.localdate().year
    return [(str(y), str(y)) for y in range(this_year, this_year - 15, -1)]


class CheckboxFilter(django_filters.BooleanFilter):
    """A filter that is on while its box is ticked, and simply not set otherwise.

    django-filter's ``BooleanFilter`` reads a form with a ``NullBooleanField``, for which an
    unticked checkbox is ``False``, a value different from its initial ``None``: Wagtail's
    listing then counted the filter as changed and showed an active-filter chip
    "Overdue: False" on the unfiltered listing. A ``BooleanField`` reads an unticked box, an
    absent parameter and ``?overdue=false`` all as ``False``, which is its initial value.
    """

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)


class CheckboxFilterAdapter(BaseFilterAdapter):
    """The active-filter chip of a ticked :class:`CheckboxFilter`: "Overdue: Yes", in the
    words of Wagtail's own yes/no filters, rather than "Overdue: True"."""

    def get_active_filters(self):
        yield ActiveFilter(self.bound_field.auto_id, self.filter.label, gettext("Yes"),
                           self.get_url_without_filter_param(self.name))


register_filter_adapter_class(CheckboxFilter, CheckboxFilterAdapter)


class InformationRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=pgettext_lazy("information request", "Status"), choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False)  # one row per request anyway; DISTINCT made counting 20x slower
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=outcomes.Outcome.choices)
    applicant_type = django_filters.ChoiceFilter(label=_("Applicant type"),
                                                 choices=ApplicantType.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=ReceiptChannel.choices)
    year = django_filters.ChoiceFilter(label=_("Year received"), choices=_year_choices,
                                       method="filter_year")
    due_within = django_filters.NumberFilter(
        label=_("Due within (working days)"), method="filter_due_within", min_value=0)
    overdue = CheckboxFilter(label=_("Overdue"), method="filter_overdue")
    provisional = CheckboxFilter(label=_("Provisional deadline"), method="filter_provisional")
    mine = CheckboxFilter(label=_("Assigned to me"), method="filter_mine")

    class Meta:
        model = InformationRequest
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(received_on__year=int(value)) if value else queryset

    def filter_due_within(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        # each request's horizon counts its own site's calendar
        return queryset.due_within_working_days(today, min(int(value), 400))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(timezone.localdate())

    def filter_provisional(self, queryset, name, value):
        return queryset.filter(due_provisional=True, status__in=OPEN_STATUSES) if value else (
            queryset)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(handler=self.request.user) if value and self.request else (
            queryset)
