"""The search evaluation (tests/search_eval) as a test: real pages, real search backend.

The corpus is indexed once per segmenter by the configured Wagtail search backend (SQLite FTS5
in the default test database, PostgreSQL with DATABASE_URL) and the hand-labelled queries are
run through ``search_pages``. The figures are measured here, not written down: the test fails
if the default segmenter stops being the better choice. Run with ``-s`` to see the tables, or
``python -m tests.search_eval.evaluate --details``.
"""

import pytest
from django.db import transaction

from tests.search_eval import evaluate
from tests.search_eval.corpus import DOCUMENTS, ORGANS
from tests.search_eval.queries import QUERIES
from wagtail_disclosure.conf import DEFAULTS

# marked as a database test so it runs before the transactional (flushing) tests
pytestmark = pytest.mark.django_db

KEPT = DEFAULTS["SEARCH_SEGMENTER"]
OTHER = next(name for name in evaluate.SEGMENTERS if name != KEPT)


@pytest.fixture(scope="module")
def scores(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            result = evaluate.evaluate()
            report = evaluate.format_report(result, details=True)
            transaction.set_rollback(True)
    print("\n" + report)
    return result


# -- the data itself ------------------------------------------------------------------------


def test_corpus_and_queries_are_large_enough_and_consistent():
    ids = [d["id"] for d in DOCUMENTS]
    assert len(ids) >= 120
    assert len(set(ids)) == len(ids)
    assert len({d["index_number"] for d in DOCUMENTS}) == len(DOCUMENTS)
    assert {d["organ"] for d in DOCUMENTS} <= set(ORGANS)
    for d in DOCUMENTS:
        code = ORGANS[d["organ"]][1]
        assert d["index_number"].startswith(f"{code}/{d['date'][:4]}-"), d["id"]

    assert len(QUERIES) >= 50
    assert len({q["q"] for q in QUERIES}) == len(QUERIES)
    known = set(ids)
    for q in QUERIES:
        assert q["relevant"], q["q"]
        assert set(q["relevant"]) <= known, q["q"]
        assert len(set(q["relevant"])) == len(q["relevant"]), q["q"]
        assert set(q.get("equivalent", ())) <= set(q["relevant"]), q["q"]
    kinds = {q["kind"] for q in QUERIES}
    assert {"word", "phrase", "doc_no", "index", "trap", "name"} <= kinds


# -- the measurements -----------------------------------------------------------------------


def test_every_query_runs_without_error(scores):
    for s in scores.values():
        assert not s.errors, [(r.query, r.error) for r in s.errors]
        assert len(s.results) == len(QUERIES)


def test_kept_segmenter_finds_at_least_95_percent_of_what_segmentation_can_find(scores):
    """Recall over the documents that use the query's own wording (see queries.py): the
    documents that name the concept only under another name (供销合作社 for 供销社) cannot be
    found by any segmenter and are reported separately."""
    _, recall, _ = scores[KEPT].micro(same_wording=True)
    assert recall >= 0.95, evaluate.format_report(scores, details=True)


def test_kept_segmenter_recall_over_all_relevant_documents_does_not_regress(scores):
    # 0.942 when measured (the misses are all equivalent names); a guard, not a target.
    _, recall, _ = scores[KEPT].micro()
    assert recall >= 0.93, evaluate.format_report(scores, details=True)


def test_kept_segmenter_beats_or_equals_the_other_on_f1(scores):
    kept, other = scores[KEPT], scores[OTHER]
    report = evaluate.format_report(scores)
    assert kept.micro()[2] >= other.micro()[2], report
    assert kept.macro()[2] >= other.macro()[2], report


def test_without_segmentation_most_chinese_words_are_not_found(scores):
    """The problem being solved: the backend alone sees a run of Chinese characters as one
    token, so a word inside a title, summary or body is not found."""
    baseline = scores[evaluate.BASELINE]
    assert baseline.micro()[1] < 0.5
    assert baseline.micro("word")[1] < 0.1
    assert scores[KEPT].micro()[1] > baseline.micro()[1] + 0.5


def test_exact_identifiers_are_always_found(scores):
    """A 文号 or 索引号, whole or in part, is found by either segmenter."""
    for name in evaluate.SEGMENTERS:
        s = scores[name]
        for r in s.results:
            if r.kind in ("doc_no", "index"):
                assert not r.missed, (s.segmenter, r.query, r.missed)
