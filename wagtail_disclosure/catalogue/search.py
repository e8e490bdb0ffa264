"""Chinese full-text search on Wagtail's database backends.

Wagtail's database search backends (SQLite FTS5, PostgreSQL ``to_tsvector('simple')``) split
text on spaces and punctuation, so a run of Chinese characters becomes one token and a search
for 供销社 does not find 区供销社2014年政府信息公开工作报告. The fix is to index and query
*segmented* text: we store a derived field whose Chinese runs are broken into words, and we
segment the visitor's query the same way before handing it to Wagtail.

Two segmenters are available (``WAGTAIL_DISCLOSURE["SEARCH_SEGMENTER"]``):

``bigram``
    Overlapping character bigrams plus single characters. No dictionary, never misses a
    substring; the default after measuring both (see ``docs/explanation/search.md``).
``jieba``
    Dictionary-based word segmentation (``jieba.cut_for_search`` for documents).

The segmenting functions are pure (no ORM); :func:`search_pages` and :func:`search_site` run
a search on a queryset; :func:`exact_query_variants` gives the forms of a query that the
listings compare with a title or a 文号 to put an exact match first.
"""

import logging
import re
import unicodedata

from ..conf import disclosure_settings

# CJK Unified Ideographs (+ Extension A, compatibility ideographs) and 〇.
_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]+|[0-9A-Za-z]+(?:[._-][0-9A-Za-z]+)*")
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")

_jieba = None


def _get_jieba():
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba = jieba
    return _jieba


def _normalise(text):
    return unicodedata.normalize("NFKC", text or "").lower()


def _bigrams(run):
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text):
    """Raw tokens: runs of Chinese characters and runs of letters/digits."""
    return _TOKEN_RE.findall(_normalise(text))


def segment_for_index(text, segmenter=None):
    """Text to store in the search index: space-separated terms."""
    segmenter = segmenter or disclosure_settings.SEARCH_SEGMENTER
    terms = []
    for token in tokens(text):
        if not _CJK_RUN.match(token):
            terms.append(token)
            # 文号 such as 2014-5 are also searchable by their parts.
            terms.extend(t for t in re.split(r"[._-]", token) if t and t != token)
        elif segmenter == "jieba":
            terms.extend(w for w in _get_jieba().cut_for_search(token) if w.strip())
        else:
            terms.extend(token)  # single characters, so one-character queries work too
            if len(token) > 1:
                terms.extend(_bigrams(token))
    return " ".join(terms)


def segment_query(text, segmenter=None):
    """A visitor's query as space-separated terms, all of which must match (AND)."""
    segmenter = segmenter or disclosure_settings.SEARCH_SEGMENTER
    terms = []
    for token in tokens(text):
        if not _CJK_RUN.match(token):
            terms.append(token)
        elif segmenter == "jieba":
            terms.extend(w for w in _get_jieba().cut(token) if w.strip())
        else:
            terms.extend(_bigrams(token))
    # de-duplicate, keeping order: repeated terms add nothing to an AND query
    return " ".join(dict.fromkeys(terms))


def segment_for_autocomplete(text, max_length=32):
    """Text for an ``index.AutocompleteField``: a short name searchable by any part of it.

    The admin's choosers and snippet listings search with the backend's *autocomplete*: every
    term must match exactly except the last, which matches as a prefix. A run of Chinese
    characters is stored as every one of its suffixes (each cut to ``max_length`` characters)
    and its pairs of characters, so that any part of it is the prefix of a stored term:
    资源 finds 节能与资源综合利用 (through the suffix 资源综合利用) and 供销 finds
    温州市鹿城区供销合作社. Meant for names, not long texts: a run of *n* characters gives about
    *n* terms of up to ``max_length`` characters. Letters and digits are kept as they are.
    """
    terms = []
    for token in tokens(text):
        if not _CJK_RUN.match(token):
            terms.append(token)
            continue
        terms.extend(token[i : i + max_length] for i in range(len(token)))
        if len(token) > 2:
            terms.extend(_bigrams(token))
    return " ".join(dict.fromkeys(terms))


_OPEN_BRACKETS = "〔[【(（［〖"
_CLOSE_BRACKETS = "〕]】)）］〗"
_BRACKET_PAIRS = (("〔", "〕"), ("[", "]"), ("【", "】"), ("(", ")"), ("（", "）"), ("〖", "〗"))
_BRACKETED_YEAR = re.compile(
    rf"[{re.escape(_OPEN_BRACKETS)}](\d{{4}})[{re.escape(_CLOSE_BRACKETS)}]")
MAX_EXACT_QUERY_LENGTH = 255


def exact_query_variants(query):
    """The forms of a query to compare with a title, a 文号 or a 索引号 as stored.

    The query itself stripped, its NFKC form (full-width digits and letters made half-width),
    and, when it holds a bracketed year as a 文号 does, the same with each usual pair of
    brackets: 鹿供[2016]13号 also gives 鹿供〔2016〕13号, the form the national rules prescribe.
    An empty or overlong query (a title is at most 255 characters) gives no variant.
    """
    query = (query or "").strip()
    if not query or len(query) > MAX_EXACT_QUERY_LENGTH:
        return []
    normalised = unicodedata.normalize("NFKC", query)
    variants = [query, normalised]
    if _BRACKETED_YEAR.search(normalised):
        variants.extend(_BRACKETED_YEAR.sub(rf"{opening}\1{closing}", normalised)
                        for opening, closing in _BRACKET_PAIRS)
    return list(dict.fromkeys(variants))


def search_pages(queryset, query, order_by_relevance=True):
    """Run a Chinese-aware search over a page queryset; returns Wagtail search results.

    An empty or punctuation-only query returns ``queryset.none()``.
    """
    segmented = segment_query(query)
    if not segmented:
        return queryset.none()
    return queryset.search(segmented, operator="and", order_by_relevance=order_by_relevance)


def site_search_query(query, operator="and"):
    """The search query of :func:`search_site` (a Wagtail search query object), or ``None``
    when ``query`` has no terms."""
    from wagtail.search.query import Or, PlainText

    segmented = segment_query(query)
    if not segmented:
        return None
    typed = " ".join(query.split())
    search_query = PlainText(segmented, operator=operator)
    if typed != segmented:
        search_query = Or([search_query, PlainText(typed, operator=operator)])
    return search_query


def search_site(queryset, query, order_by_relevance=True):
    """A site-wide search that finds what Wagtail's own search finds, and Chinese words too.

    For a site's search view (``Page.objects.live().search(query)`` in the ``wagtail start``
    template)::

        search_results = search_site(Page.objects.live(), search_query)

    A page matches when it has every term of the segmented query (how the disclosure items and
    the fields declared with :class:`~wagtail_disclosure.catalogue.indexing.SegmentedSearchField`
    are indexed) *or* every word of the query as typed (how Wagtail indexes the site's other
    pages). An empty or punctuation-only query returns ``queryset.none()``.
    """
    search_query = site_search_query(query)
    if search_query is None:
        return queryset.none()
    return queryset.search(search_query, order_by_relevance=order_by_relevance)


#: The section's search lists at most this many pages other than items (annual reports …).
MAX_OTHER_RESULTS = 10


def section_search_models():
    """The page types, other than items, that the section's search looks for below it.

    They are the page types with a
    :class:`~wagtail_disclosure.catalogue.indexing.SegmentedSearchField` in their
    ``search_fields`` (the annual reports do): a page type that indexes its text for Chinese
    search is one a visitor can find. The catalogue needs not know them by name.
    """
    from wagtail.models import get_page_models

    from .indexing import SegmentedSearchField
    from .pages import DisclosureItemPage

    models = [
        model for model in get_page_models()
        if not issubclass(model, DisclosureItemPage) and not model._meta.abstract
        and any(isinstance(f, SegmentedSearchField) for f in model.get_search_fields())
    ]
    # a search on a model finds its subclasses' pages too
    return [m for m in models if not any(o is not m and issubclass(m, o) for o in models)]


def search_section_pages(section, query, limit=MAX_OTHER_RESULTS):
    """The live, public pages below ``section`` that are not items and match ``query``
    (most relevant first, at most ``limit``, one query per page type of
    :func:`section_search_models`)."""
    from .tree_queries import descendants

    results = []
    for model in section_search_models():
        if len(results) >= limit:
            break
        pages = descendants(model.objects.live().public(), section)
        results.extend(search_pages(pages, query)[: limit - len(results)])
    return results
