"""Measure the Chinese search segmenters on the evaluation corpus, through the real backend.

Every document of ``corpus.py`` becomes a published ``DisclosureItemPage`` (title, 文号, 索引号,
内容概述, body) in a database; for each segmenter the pages are re-indexed by Wagtail's
configured search backend (SQLite FTS5 by default, PostgreSQL with ``DATABASE_URL``) with
``WAGTAIL_DISCLOSURE["SEARCH_SEGMENTER"]`` set to it, and every query of ``queries.py`` is run
with ``search_pages()`` over the section's live items, exactly as the section's search page does.

Figures (per query, then averaged):

* precision = relevant results / results (0 when nothing is returned: every query has at least
  one relevant document, so an empty answer is a failure);
* recall = relevant results / relevant documents;
* micro figures add up the counts of all queries; macro figures average the per-query figures
  (macro F1 is the mean of the per-query F1);
* "all relevant" counts every hand-labelled relevant document; "same wording" leaves out the
  documents that name the concept only under an equivalent name (``equivalent`` in
  ``queries.py``, e.g. 供销合作社 for the query 供销社), which no segmenter can find: it measures
  the segmentation itself.

Run it:

* as a test: ``.venv/bin/python -m pytest tests/test_search_eval.py`` (asserts the thresholds);
* as a script: ``.venv/bin/python -m tests.search_eval.evaluate`` (prints the tables; it creates
  a throwaway test database like the test runner and never touches the site's database).
  ``--details`` also lists every miss and false positive.
"""

import datetime
import os
import sys
from dataclasses import dataclass, field

SEGMENTERS = ("bigram", "jieba")
# The problem, measured: the page text indexed as it is and the query passed to the backend as
# typed (what Wagtail does without this package's segmentation). Reported, never a choice.
BASELINE = "none"


@dataclass
class QueryResult:
    query: str
    kind: str
    relevant: frozenset
    retrieved: frozenset
    equivalent: frozenset = frozenset()
    error: str = ""

    def same_wording(self):
        """This result without the documents that use only an equivalent name."""
        return QueryResult(self.query, self.kind, self.relevant - self.equivalent,
                           self.retrieved - self.equivalent, frozenset(), self.error)

    @property
    def true_positives(self):
        return len(self.relevant & self.retrieved)

    @property
    def precision(self):
        return self.true_positives / len(self.retrieved) if self.retrieved else 0.0

    @property
    def recall(self):
        return self.true_positives / len(self.relevant) if self.relevant else 1.0

    @property
    def f1(self):
        return _f1(self.precision, self.recall)

    @property
    def missed(self):
        return sorted(self.relevant - self.retrieved)

    @property
    def false_positives(self):
        return sorted(self.retrieved - self.relevant)


@dataclass
class Scores:
    segmenter: str
    results: list = field(default_factory=list)

    def _subset(self, kind, same_wording):
        rs = [r for r in self.results if kind is None or r.kind == kind]
        return [r.same_wording() for r in rs] if same_wording else rs

    def micro(self, kind=None, same_wording=False):
        rs = self._subset(kind, same_wording)
        tp = sum(r.true_positives for r in rs)
        retrieved = sum(len(r.retrieved) for r in rs)
        relevant = sum(len(r.relevant) for r in rs)
        p = tp / retrieved if retrieved else 0.0
        r = tp / relevant if relevant else 1.0
        return p, r, _f1(p, r)

    def macro(self, kind=None, same_wording=False):
        rs = self._subset(kind, same_wording)
        n = len(rs) or 1
        return (sum(r.precision for r in rs) / n, sum(r.recall for r in rs) / n,
                sum(r.f1 for r in rs) / n)

    @property
    def errors(self):
        return [r for r in self.results if r.error]


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


# -- building the site ------------------------------------------------------------------------


def build_site():
    """Create the corpus as published pages under one section; returns {page pk: document id}."""
    from tests import factories
    from tests.search_eval.corpus import DOCUMENTS, ORGANS

    organs = {key: factories.organ(name=name, code=code) for key, (name, code) in ORGANS.items()}
    index = factories.section()
    columns = {key: factories.column(index, title=f"{name}信息公开")
               for key, (name, _code) in ORGANS.items()}
    pages = {}
    for doc in DOCUMENTS:
        date = datetime.date.fromisoformat(doc["date"])
        page = factories.item(
            columns[doc["organ"]], title=doc["title"], organ_obj=organs[doc["organ"]],
            document_number=doc["doc_no"], index_number=doc["index_number"],
            published_on=date, formation_date=date, summary=doc["summary"],
            body=f"<p>{doc['body']}</p>",
        )
        assert page.index_number == doc["index_number"], page.index_number
        pages[page.pk] = doc["id"]
    return index, pages


def reindex(pages):
    """Index the pages with the current segmenter setting, with the call catalogue/signals.py
    makes after a commit (the evaluation runs in a transaction that is never committed)."""
    from wagtail.search import index as search_index

    from wagtail_disclosure.models import DisclosureItemPage

    for page in DisclosureItemPage.objects.filter(pk__in=list(pages)):
        search_index.insert_or_update_object(page)


def _segmenter_settings(segmenter):
    from django.conf import settings
    from django.test import override_settings

    current = dict(getattr(settings, "WAGTAIL_DISCLOSURE", {}) or {})
    return override_settings(WAGTAIL_DISCLOSURE={**current, "SEARCH_SEGMENTER": segmenter})


def _unsegmented():
    from unittest import mock

    return mock.patch("wagtail_disclosure.catalogue.pages.segment_for_index",
                      lambda text, segmenter=None: text)


def run_segmenter(segmenter, section, pages):
    from contextlib import ExitStack

    from tests.search_eval.queries import QUERIES
    from wagtail_disclosure.catalogue.search import search_pages

    def search(query):
        if segmenter == BASELINE:
            return section.items().search(query, operator="and")
        return search_pages(section.items(), query)

    scores = Scores(segmenter)
    with ExitStack() as stack:
        if segmenter == BASELINE:
            stack.enter_context(_unsegmented())
        else:
            stack.enter_context(_segmenter_settings(segmenter))
        reindex(pages)
        for spec in QUERIES:
            error = ""
            try:
                found = [p.pk for p in search(spec["q"])]
            except Exception as exc:  # a crash is a failed query, reported, not hidden
                found, error = [], f"{type(exc).__name__}: {exc}"
            scores.results.append(QueryResult(
                query=spec["q"], kind=spec["kind"], relevant=frozenset(spec["relevant"]),
                retrieved=frozenset(pages[pk] for pk in found if pk in pages),
                equivalent=frozenset(spec.get("equivalent", ())), error=error,
            ))
    return scores


def evaluate(segmenters=SEGMENTERS, baseline=True):
    """Build the corpus in the current database and score each segmenter: {name: Scores}
    (first the unsegmented baseline, named ``BASELINE``, unless ``baseline`` is false).

    Needs database access; the caller owns the transaction (the test rolls it back).
    """
    section, pages = build_site()
    names = ((BASELINE,) if baseline else ()) + tuple(segmenters)
    return {name: run_segmenter(name, section, pages) for name in names}


# -- reporting --------------------------------------------------------------------------------


def backend_description():
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    return f"{type(get_search_backend()).__name__} on {connection.vendor}"


def format_report(all_scores, details=False):
    from tests.search_eval.corpus import DOCUMENTS
    from tests.search_eval.queries import QUERIES

    lines = [
        f"Search evaluation: {len(DOCUMENTS)} documents, {len(QUERIES)} queries, "
        f"{backend_description()}",
        "",
        "| segmenter | relevant | micro P | micro R | micro F1 | macro P | macro R | macro F1 |",
        "|-----------|----------|--------:|--------:|---------:|--------:|--------:|---------:|",
    ]
    for same_wording, label in ((False, "all"), (True, "same wording")):
        for name, s in all_scores.items():
            figures = (*s.micro(same_wording=same_wording), *s.macro(same_wording=same_wording))
            lines.append(f"| {name:<9} | {label} | " + " | ".join(f"{v:.3f}" for v in figures)
                         + " |")
    kinds = list(dict.fromkeys(q["kind"] for q in QUERIES))
    lines += ["", "By kind of query (micro precision / recall, all relevant documents):", "",
              "| kind | queries | " + " | ".join(all_scores) + " |",
              "|------|--------:|" + "|".join("------------" for _ in all_scores) + "|"]
    for kind in kinds:
        n = sum(1 for q in QUERIES if q["kind"] == kind)
        cells = []
        for s in all_scores.values():
            p, r, _ = s.micro(kind)
            cells.append(f"{p:.2f} / {r:.2f}")
        lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    for name, s in all_scores.items():
        imperfect = [r for r in s.results if r.missed or r.false_positives or r.error]
        lines += ["", f"{name}: {len(imperfect)} of {len(s.results)} queries not exact"]
        if details:
            for r in imperfect:
                parts = []
                if r.missed:
                    parts.append("missed " + " ".join(
                        d + ("(equivalent name)" if d in r.equivalent else "") for d in r.missed))
                if r.false_positives:
                    parts.append("extra " + " ".join(r.false_positives))
                if r.error:
                    parts.append("ERROR " + r.error)
                lines.append(f"  {r.query} [{r.kind}]: " + "; ".join(parts))
    return "\n".join(lines)


# -- script mode ------------------------------------------------------------------------------


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for path in (root, os.path.join(root, "example_project")):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agency.settings")

    import django

    django.setup()

    from django.db import connection, transaction
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        # A database of its own, so that a test run going on at the same time is not touched.
        test_settings = connection.settings_dict.setdefault("TEST", {})
        test_settings["NAME"] = f"test_{old_name}_search_eval"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with transaction.atomic():
            scores = evaluate()
            transaction.set_rollback(True)
        print(format_report(scores, details="--details" in argv))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
