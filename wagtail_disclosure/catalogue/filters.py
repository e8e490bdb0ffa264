"""Filtering and paging of column listings and search results.

Bad input never breaks a page: a malformed or out-of-range value is dropped (and the form
shows it as not applied), a page number past the end shows the last page.
"""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from ..conf import disclosure_settings
from .choices import ItemKind, Validity
from .search import search_pages
from .snippets import PublishingOrgan, Topic

MIN_YEAR = 1949


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.path_label


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    topic = TopicChoiceField(label=_("Topic"), required=False, queryset=Topic.objects.none(),
                             empty_label=_("All topics"))
    organ = forms.ModelChoiceField(label=_("Publishing organ"), required=False,
                                   queryset=PublishingOrgan.objects.none(),
                                   empty_label=_("All organs"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    validity = forms.ChoiceField(label=_("Validity"), required=False)

    def __init__(self, data=None, *, years=(), topics=None, organs=None):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]
        self.fields["topic"].queryset = topics if topics is not None else Topic.objects.all()
        self.fields["organ"].queryset = (
            organs if organs is not None else PublishingOrgan.objects.all()
        )
        self.fields["kind"].choices = [("", _("All kinds"))] + list(ItemKind.choices)
        self.fields["validity"].choices = [("", _("Any validity"))] + list(Validity.choices)

    def applied(self):
        """The valid, non-empty filters; invalid ones are left out (never an error page)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {k: v for k, v in cleaned.items() if v not in (None, "") and k not in self.errors}

    @property
    def ignored(self):
        """Names of the filters that were given but could not be applied."""
        return [self.fields[name].label for name in self.errors]


def filter_items(queryset, applied):
    """Apply ``ItemFilterForm.applied()`` to a queryset of items (not the keyword)."""
    if "year" in applied:
        year = applied["year"]
        queryset = queryset.filter(
            published_on__gte=datetime.date(year, 1, 1), published_on__lte=datetime.date(year, 12, 31)
        )
    if "topic" in applied:
        queryset = queryset.filter(topic_id__in=Topic.descendant_ids(applied["topic"].pk))
    if "organ" in applied:
        queryset = queryset.filter(organ=applied["organ"])
    if "kind" in applied:
        queryset = queryset.filter(kind=applied["kind"])
    if "validity" in applied:
        queryset = queryset.filter(validity=applied["validity"])
    return queryset


def search_or_list(queryset, applied, order_by_relevance=False):
    """Filtered items, searched by the keyword if one is given."""
    queryset = filter_items(queryset, applied)
    if applied.get("q"):
        return search_pages(queryset, applied["q"], order_by_relevance=order_by_relevance)
    return queryset


def paginate(object_list, page_number, per_page=None):
    """A page of results; a malformed number gives page 1, a number past the end the last."""
    paginator = Paginator(object_list, per_page or disclosure_settings.PAGE_SIZE)
    return paginator.get_page(page_number)


def listing_years(queryset):
    """The years that have published items, newest first (one query)."""
    return [d.year for d in queryset.dates("published_on", "year", order="DESC")
            if d.year >= MIN_YEAR]
