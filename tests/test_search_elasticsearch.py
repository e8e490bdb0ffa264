"""The package's Chinese search queries, compiled by Wagtail's Elasticsearch query compiler
(docs/how-to/elasticsearch.md), without a server.

Wagtail's Elasticsearch 7/8/9 and OpenSearch backends compile queries with
``modelsearch.backends.elasticsearchbase.ElasticsearchBaseSearchQueryCompiler`` (their own
compilers only name their mapping class, which adds nothing). The test backend below uses it
and records the request body each search would send instead of sending it, so the column page's
keyword search with every filter, the section's search, the catalogue API and the page API's
``?search=`` run as on a site configured with Elasticsearch. A filter or an ordering that the
backend cannot express (a field that is not an ``index.FilterField``) raises there
(``FilterFieldError``, ``OrderByFieldError``) and would be a 500 in production: every page here
answers 200 and each body is a JSON document with the segmented query.
"""

import json

import pytest
from django.test import override_settings
from modelsearch.backends.base import BaseSearchBackend, BaseSearchResults
from modelsearch.backends.elasticsearchbase import (
    ElasticsearchBaseMapping,
    ElasticsearchBaseSearchQueryCompiler,
)

from tests import factories

pytestmark = pytest.mark.django_db

SENT = []


class RecordingResults(BaseSearchResults):
    """Elasticsearch's request body (``_get_es_body`` of the real results class), recorded."""

    def _body(self, for_count=False):
        body = {"query": self.query_compiler.get_query()}
        sort = None if for_count else self.query_compiler.get_sort()
        if sort is not None:
            body["sort"] = sort
        SENT.append(json.loads(json.dumps(body)))  # must be plain JSON
        return body

    def _do_search(self):
        self._body()
        return []

    def _do_count(self):
        self._body(for_count=True)
        return 0


class RecordingBackend(BaseSearchBackend):
    query_compiler_class = ElasticsearchBaseSearchQueryCompiler
    results_class = RecordingResults


SearchBackend = RecordingBackend


@pytest.fixture
def elasticsearch(settings):
    SENT.clear()
    with override_settings(WAGTAILSEARCH_BACKENDS={
            "default": {"BACKEND": "tests.test_search_elasticsearch"}}):
        yield SENT


@pytest.fixture
def world(db):
    section = factories.section()
    column = factories.column(title="政策文件")
    organ = factories.organ()
    item = factories.item(column, title="关于供销社农资储备的通知", organ_obj=organ)
    return section, column, item, organ


def _matches(body):
    """Every ``match`` and ``multi_match`` clause of a compiled query: (field, query text,
    operator), one per field."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "match" and isinstance(value, dict):
                    for field, spec in value.items():
                        if isinstance(spec, dict) and "query" in spec:
                            found.append((field, spec["query"], spec.get("operator")))
                if key == "multi_match" and isinstance(value, dict):
                    found.extend((field.split("^")[0], value["query"], value.get("operator"))
                                 for field in value["fields"])
                walk(value)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(body)
    return found


def test_the_test_backend_compiles_like_elasticsearch():
    assert ElasticsearchBaseSearchQueryCompiler.mapping_class is ElasticsearchBaseMapping


@pytest.mark.parametrize("query", [
    "?q=供销社", "?q=供销社&year=2024", "?q=农资储备&kind=normative&validity=valid",
    "?q=鹿供〔2016〕12号", "?q=ABC 供销社 2024",
])
def test_the_column_search_compiles_for_elasticsearch(client, world, elasticsearch, query):
    _section, column, _item, organ = world
    response = client.get(column.url + query)
    assert response.status_code == 200
    assert elasticsearch, "the keyword went to the search backend"
    for body in elasticsearch:
        matches = _matches(body["query"])
        assert matches and all(field in ("_all_text", "_all_text_boost_2_0")
                               for field, _q, _op in matches)
        assert all(op == "and" for _f, _q, op in matches)  # every term must match
        assert "filter" in body["query"]["bool"]  # the listing's filters went too
    words = {q for body in elasticsearch for _f, q, _op in _matches(body["query"])}
    if "供销社" in query:
        assert any("供销" in w and " " in w for w in words), words  # segmented, spaced


def test_a_column_search_with_an_organ_and_a_topic_filter_compiles(client, world,
                                                                     elasticsearch):
    _section, column, item, organ = world
    topic = factories.topic("综合政务\\政务公开")
    item.topic = topic
    item.save_revision().publish()
    response = client.get(f"{column.url}?q=供销社&organ={organ.pk}&topic={topic.pk}")
    assert response.status_code == 200
    for body in elasticsearch:
        [_content_type, listing] = body["query"]["bool"]["filter"]
        must = listing["bool"]["must"]
        assert {"term": {"live_filter": True}} in must
        assert {"term": {"wagtail_disclosure_disclosureitempage__organ_id_filter":
                         organ.pk}} in must
        [topics] = [f["terms"] for f in must if "terms" in f]
        assert topics == {"wagtail_disclosure_disclosureitempage__topic_id_filter": [topic.pk]}


def test_the_section_search_and_the_apis_compile_for_elasticsearch(client, world,
                                                                     elasticsearch):
    section, column, _item, _organ = world
    for url in (section.url + "search/?q=供销社农资",
                f"/api/disclosure/columns/{column.pk}/items?q=供销社",
                "/api/v2/pages/?search=供销社", "/api/v2/pages/?search=供销社&search_operator=or"):
        count = len(elasticsearch)
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:500])
        assert len(elasticsearch) > count, url
    # the page API's query: the segmented terms or the words as typed (Or of two PlainTexts)
    last = elasticsearch[-1]["query"]
    assert {q for _f, q, _op in _matches(last)} >= {"供销 销社", "供销社"}
