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

Pure functions; no ORM.
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


def search_pages(queryset, query, order_by_relevance=True):
    """Run a Chinese-aware search over a page queryset; returns Wagtail search results.

    An empty or punctuation-only query returns ``queryset.none()``.
    """
    segmented = segment_query(query)
    if not segmented:
        return queryset.none()
    return queryset.search(segmented, operator="and", order_by_relevance=order_by_relevance)
