"""Filters of the release register: period, organ, column, event.

Every value is bounded: dates between ``EARLIEST`` and ``LATEST``, the period no longer than
``MAX_PRINT_DAYS`` when printed, organs and columns among the existing ones, events among
``RegisterEvent``. Bad input gives field errors, never an error page.
"""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet

from .choices import RegisterEvent
from .models import ReleaseRegisterEntry

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2099, 12, 31)
#: The longest period one printed register covers (a year, leap day included).
MAX_PRINT_DAYS = 366


def organ_choices():
    from ..catalogue.snippets import PublishingOrgan

    return [(str(pk), name) for pk, name in
            PublishingOrgan.objects.order_by("name", "pk").values_list("pk", "name")]


def column_pages():
    """The pages that hold registered pages: catalogue columns and annual-report indexes."""
    from ..catalogue.pages import DisclosureColumnPage, Page
    from ..reports.pages import AnnualReportIndexPage

    return Page.objects.type(DisclosureColumnPage, AnnualReportIndexPage).order_by("path")


def column_choices():
    pages = list(column_pages().values_list("pk", "title", "depth"))
    top = min((depth for _pk, _title, depth in pages), default=0)
    # nested columns are indented so that the tree reads in the drop-down
    return [(str(pk), "\u3000" * (depth - top) + title) for pk, title, depth in pages]


class RegisterFilterForm(forms.Form):
    """Checks each date's range, and the period as a whole: its start before its end."""

    def clean_date_from(self):
        return _bounded(self.cleaned_data.get("date_from"))

    def clean_date_to(self):
        return _bounded(self.cleaned_data.get("date_to"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned


class BoundedDateFilter(django_filters.DateFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)


def _bounded(value):
    if value and not (EARLIEST <= value <= LATEST):
        raise forms.ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
            code="out_of_range")
    return value


class ReleaseRegisterFilterSet(WagtailFilterSet):
    date_from = BoundedDateFilter(label=pgettext_lazy("period", "From"), field_name="event_at",
                                  method="filter_date_from")
    date_to = BoundedDateFilter(label=pgettext_lazy("period", "To"), field_name="event_at",
                                method="filter_date_to")
    organ = django_filters.ChoiceFilter(label=_("Publishing organ"), choices=organ_choices,
                                        method="filter_organ")
    column = django_filters.ChoiceFilter(label=pgettext_lazy("disclosure column", "Column"),
                                         choices=column_choices, method="filter_column")
    event = django_filters.ChoiceFilter(label=pgettext_lazy("register", "Event"),
                                        choices=RegisterEvent.choices)

    class Meta:
        model = ReleaseRegisterEntry
        fields = []
        form = RegisterFilterForm

    @staticmethod
    def _day_start(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(event_at__gte=self._day_start(value)) if value else queryset

    def filter_date_to(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(event_at__lt=self._day_start(value + datetime.timedelta(days=1)))

    def filter_organ(self, queryset, name, value):
        return queryset.filter(organ_id=int(value)) if value else queryset

    def filter_column(self, queryset, name, value):
        """The column and every column below it (one subquery, not one per column)."""
        if not value:
            return queryset
        column = column_pages().filter(pk=int(value)).values("path").first()
        if column is None:
            return queryset.none()
        from ..catalogue.pages import Page

        below = Page.objects.filter(path__startswith=column["path"]).values("pk")
        return queryset.filter(column_id__in=below)

    def describe(self):
        """[(label, value shown)] of the filters in use, for the printed heading."""
        if not self.is_bound or not self.is_valid():
            return []
        described = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            described.append((field.label, str(shown).strip()))
        return described
