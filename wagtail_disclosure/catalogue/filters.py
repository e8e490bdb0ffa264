"""Filtering and paging of column listings and search results.

Bad input never breaks a page: a malformed or out-of-range value is dropped (and the form
shows it as not applied), a page number past the end shows the last page.
"""

import datetime
from html import escape as _escape

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..conf import disclosure_settings
from .choices import ItemKind, Validity
from .search import exact_query_variants, search_pages
from .snippets import PublishingOrgan, Topic

MIN_YEAR = 1949
#: At most this many exact matches are put first (the rest keep their place in the order).
MAX_EXACT_MATCHES = 20
_SEARCH_ORDER_ALIASES = {"pk": "id", "-pk": "-id"}


class FastSelect(forms.Select):
    """A ``<select>`` whose options are built in Python.

    Django renders each ``<option>`` through a template; with the national topic list the
    filter form has about 150 options and that rendering was a third of a column page's
    time. It gives the same elements and attributes as Django's widget (flat choices only),
    without the whitespace between the options; Django's ``select.html`` and
    ``select_option.html`` widget templates are not used.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        # The options joined with the standard library's escape (what Django's escape() uses),
        # not format_html_join: a third of the form's time went to building a SafeString per
        # option. A label already marked safe is kept as it is, as conditional_escape() does.
        parts = []
        for v, label in self.choices:
            key = "" if v is None else str(v)
            text = label.__html__() if hasattr(label, "__html__") else _escape(str(label))
            parts.append(f'<option value="{_escape(key)}"'
                         f'{" selected" if key in selected else ""}>{text}</option>')
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs),
                           mark_safe("".join(parts)))


def organ_pairs(organs):
    """``(id, label)`` pairs of a queryset of organs (pairs are returned as they are)."""
    if isinstance(organs, QuerySet):
        return [(organ.pk, str(organ)) for organ in organs]
    return list(organs)


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None,
                                  widget=FastSelect)
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int,
                                   empty_value=None, widget=FastSelect)
    # The organ's id (not the row: the choices may come from the kept aggregates, and the
    # listing filters on the id).
    organ = forms.TypedChoiceField(label=_("Publishing organ"), required=False, coerce=int,
                                   empty_value=None, widget=FastSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=FastSelect)
    validity = forms.ChoiceField(label=_("Validity"), required=False, widget=FastSelect)

    def __init__(self, data=None, *, years=(), topics=None, organs=None):
        """``topics``: ``(id, label)`` pairs (default: ``Topic.tree_choices()``); ``organs``:
        ``(id, label)`` pairs or a queryset of organs (default: every organ)."""
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]
        topics = Topic.tree_choices() if topics is None else topics
        self.fields["topic"].choices = [("", _("All topics"))] + list(topics)
        self.fields["organ"].choices = [("", _("All organs"))] + organ_pairs(
            PublishingOrgan.objects.all() if organs is None else organs)
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
        queryset = queryset.filter(topic_id__in=Topic.descendant_ids(applied["topic"]))
    if "organ" in applied:
        queryset = queryset.filter(organ=applied["organ"])
    if "kind" in applied:
        queryset = queryset.filter(kind=applied["kind"])
    if "validity" in applied:
        queryset = queryset.filter(validity=applied["validity"])
    return queryset


def search_or_list(queryset, applied, order_by_relevance=False):
    """Filtered items, searched by the keyword if one is given.

    With a keyword, the items whose title, 文号 or 索引号 is the keyword itself come first (in
    the queryset's order), then the other results in relevance order or the queryset's order:
    a visitor who pastes a document number or a title finds that document at the top.
    """
    queryset = filter_items(queryset, applied)
    query = applied.get("q")
    if not query:
        return queryset
    if not order_by_relevance:
        # The search backends sort by indexed fields only: "pk" is not one, but "id"
        # (an index.FilterField of every page, the same value) is.
        queryset = queryset.order_by(
            *[_SEARCH_ORDER_ALIASES.get(f, f) for f in queryset.query.order_by])
    exact = exact_matches(queryset, query)
    if exact:
        rest = search_pages(queryset.exclude(pk__in=[item.pk for item in exact]), query,
                            order_by_relevance=order_by_relevance)
        return ExactMatchesFirst(exact, rest)
    return search_pages(queryset, query, order_by_relevance=order_by_relevance)


def exact_matches(queryset, query):
    """The items of ``queryset`` whose title, 文号 or 索引号 is ``query`` (one query).

    The 文号 is compared in its usual bracket forms (鹿供[2016]13号 = 鹿供〔2016〕13号), all of
    them with full-width characters made half-width; at most :data:`MAX_EXACT_MATCHES` items.
    """
    variants = exact_query_variants(query)
    if not variants:
        return []
    index_numbers = list(dict.fromkeys(variants + [v.upper() for v in variants]))
    return list(queryset.filter(Q(title__in=variants) | Q(document_number__in=variants)
                                | Q(index_number__in=index_numbers))[:MAX_EXACT_MATCHES])


class ExactMatchesFirst:
    """Search results with some items put before them: what the paginator needs of a
    queryset (``count()`` and slicing), over the exact matches and then the other results."""

    def __init__(self, first, rest):
        self.first = list(first)
        self.rest = rest
        self._count = None

    def count(self):
        if self._count is None:
            self._count = len(self.first) + self.rest.count()
        return self._count

    def __len__(self):
        return self.count()

    def __iter__(self):
        yield from self.first
        yield from self.rest

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return list(self[key : key + 1])[0] if key >= 0 else list(self)[key]
        start, stop, step = key.indices(self.count())
        if step != 1:
            return list(self)[key]
        n_first = len(self.first)
        rows = self.first[start:stop]
        if stop > n_first:
            rows += list(self.rest[max(start - n_first, 0) : stop - n_first])
        return rows


class ListingPaginator(Paginator):
    """A paginator that reads a page in the second half of an ordered queryset backwards.

    ``OFFSET n`` makes the database step over n rows, so the last page of a long listing
    would cost a pass over all of it; counted from the other end it costs what the first
    page does. The rows and their order are the same (the listings' ordering is total:
    it ends with the primary key, and reversing it mirrors NULLs too).
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self._can_read_backwards() and bottom > self.count - top:
            rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
            rows.reverse()
            return self._get_page(rows, number, self)
        return super().page(number)

    def _can_read_backwards(self):
        object_list = self.object_list
        if not isinstance(object_list, QuerySet) or object_list.query.is_sliced:
            return False
        order_by = object_list.query.order_by
        # Total orderings: ending with the primary key, or with the item of the placements'
        # index (unique per container: catalogue/placements.py).
        return (bool(order_by) and isinstance(order_by[-1], str)
                and order_by[-1].lstrip("-") in ("pk", "id", "placements__item_id"))


def paginate(object_list, page_number, per_page=None, count=None):
    """A page of results; a malformed number gives page 1, a number past the end the last.

    ``count``, when the caller already knows it, saves the paginator its COUNT query.
    """
    paginator = ListingPaginator(object_list, per_page or disclosure_settings.PAGE_SIZE)
    if count is not None:
        paginator.count = count
    return paginator.get_page(page_number)


class PublicationYear(ExtractYear):
    """The year of a date, computed by the database.

    On SQLite Django's ``ExtractYear`` (and ``QuerySet.dates()``) call a Python function for
    every row; ``strftime`` is SQLite's own. Other databases use ``EXTRACT(YEAR FROM …)``.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS INTEGER)", params


def year_counts(queryset):
    """``{year: number of items}`` for the items of ``queryset`` (one query, one pass).

    Items without a publication date are counted under ``None``.
    """
    rows = (queryset.order_by().annotate(wd_year=PublicationYear("published_on"))
            .values_list("wd_year").annotate(wd_count=Count("pk")))
    return {(None if year is None else int(year)): count for year, count in rows}


def listing_years(queryset, counts=None):
    """The years that have published items, newest first (one query, or none given
    ``counts`` from :func:`year_counts`)."""
    if counts is None:
        counts = year_counts(queryset)
    return sorted((y for y in counts if y is not None and y >= MIN_YEAR), reverse=True)


def count_from_year_counts(counts, applied):
    """The number of results, when the year counts tell it: no filter, or only the year."""
    if not applied:
        return sum(counts.values())
    if applied.keys() == {"year"}:
        return counts.get(applied["year"], 0)
    return None
