"""Schemathesis against the package's OpenAPI document (issue 13, fuzzing).

The document is the one the example site serves at ``/api/disclosure/openapi.json``
(``wagtail_disclosure.api.requests.api``). Every operation is called in-process, through
Django's WSGI handler, with cases that Schemathesis generates from that document: positive
cases (valid by the schema) and negative ones (invalid by the schema). Every response must

* not be a server error (``not_a_server_error``),
* have a documented status code and content type (``status_code_conformance``,
  ``content_type_conformance``),
* have a body and headers that match the documented schema (``response_schema_conformance``,
  ``response_headers_conformance``).

The site holds realistic data (a section with columns and items, a request form page, stored
and answered requests), and part of the cases aim at it: real column ids, a real tracking
number with its access code, and request bodies that start from a valid request and take a
generated value for some of its fields, so that the generator reaches the listing, the letters
and ``services.submit`` and not only the 404 and 422 answers.

Each test counts the cases it ran and fails below its floor, so it cannot pass by generating
nothing. ``DISCLOSURE_FUZZ_EXAMPLES`` sets the cases per operation and mode (``make fuzz``
raises it); ``DISCLOSURE_FUZZ_REPORT`` names a file that receives one JSON line of figures
per test. See docs/explanation/fuzzing.md.
"""

import collections
import datetime
import json
import os
import time

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories, hypothesis_profiles  # noqa: F401  (loads the profile)

pytestmark = pytest.mark.django_db

#: Cases per operation and generation mode: 9 tests x 120 = 1,080 in CI (tracking has no
#: negative mode), and 2 x 45 with the rate limits on.
EXAMPLES = int(os.environ.get("DISCLOSURE_FUZZ_EXAMPLES") or 120)
#: The fewest cases a test may run: Hypothesis stops early only when it has run out of
#: distinct inputs, which these operations' inputs never do. 9 x 109 + 2 x 40 = 1,061 in CI.
FLOOR = EXAMPLES * 10 // 11
#: Cases of the run with the rate limits on (the default limits: 10 submissions, 30 lookups
#: per hour and address): enough to pass both limits.
LIMITED_EXAMPLES = 45

OPENAPI = "/api/disclosure/openapi.json"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
OPERATIONS = [
    "GET /api/disclosure/requests/schema",
    "POST /api/disclosure/requests/",
    "GET /api/disclosure/requests/{tracking_number}",
    "GET /api/disclosure/columns/{column_id}/items",
    "GET /api/disclosure/columns/{column_id}/filters",
]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
#: Tracking takes two free strings (the number in the path, the code in a header): nothing
#: is invalid by the schema, so Schemathesis has no negative case to make (it reports
#: Unsatisfiable). Its positive cases already hold any string, the hostile ones included.
CASES = [(label, mode) for label in OPERATIONS for mode in MODES
         if not (mode is GenerationMode.NEGATIVE and "{tracking_number}" in label)]
#: The request form's fields that a generated body may replace in a valid request.
FORM_FIELDS = sorted(set(factories.request_data()) - {"consent"}) + ["consent", "page"]


@pytest.fixture
def app():
    """Django's WSGI handler, without the end-of-request ``close_old_connections``: the test's
    transaction (pytest-django's ``db``) must survive each call, as under Django's test
    client, which disconnects it in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def site_data(private_media, officer):
    """A catalogue with items of several kinds, a request form page and requests to track."""
    section = factories.section()
    columns = [factories.column(section, title="法定主动公开内容"),
               factories.column(section, title="政策文件")]
    topic = factories.topic("综合政务\\政务公开")
    other_organ = factories.organ("温州市鹿城区财政局", "002590000")
    for number, column in enumerate(columns):
        factories.item(column, title=f"关于印发2024年农资储备方案的通知{number}", topic=topic,
                       document_number=f"鹿供〔2024〕{number + 1}号")
        factories.item(column, organ_obj=other_organ, kind="normative_document",
                       validity="repealed", repeal_date=datetime.date(2024, 6, 1))
        factories.power_item(column, title=f"行政许可事项{number}")
    factories.item(columns[0], title="草稿", publish=False)
    page, answered = factories.answered_request(officer)
    pending = factories.information_request()
    return {"section": section, "columns": columns, "page": page,
            "tracked": [(answered.tracking_number, answered.access_code),
                        (pending.tracking_number, pending.access_code)]}


@pytest.fixture
def schema(app, site_data):
    return schemathesis.openapi.from_wsgi(OPENAPI, app)


def valid_body(page_id):
    """A valid JSON request body (a natural person's request by email)."""
    body = factories.request_data(consent=True)
    body["page"] = page_id
    return body


def _aimed_strategies(operation, mode, site_data):
    """Generated cases that also reach the site's real columns, requests and form."""
    label = operation.label
    strategies = [operation.as_strategy(generation_mode=mode)]
    if "{column_id}" in label:
        ids = [site_data["section"].pk] + [c.pk for c in site_data["columns"]]
        strategies += [operation.as_strategy(generation_mode=mode,
                                             path_parameters={"column_id": pk}) for pk in ids]
    elif "{tracking_number}" in label:
        # A "/" (which the generator does not make) and a line break in the number once got
        # the site's HTML answers (tests/test_fuzz_regressions.py).
        strategies += [operation.as_strategy(generation_mode=mode,
                                             path_parameters={"tracking_number": number})
                       for number in ("2026/000001", "2026-000001\n")]
        for number, code in site_data["tracked"]:
            strategies.append(operation.as_strategy(
                generation_mode=mode, path_parameters={"tracking_number": number}))
            if mode is GenerationMode.POSITIVE:
                strategies.append(operation.as_strategy(
                    generation_mode=mode, path_parameters={"tracking_number": number},
                    headers={"X-Access-Code": code}))
    elif label.startswith("GET") and label.endswith("/schema"):
        strategies.append(operation.as_strategy(generation_mode=mode,
                                                query={"page": site_data["page"].pk}))
    elif label.startswith("POST") and mode is GenerationMode.POSITIVE:
        def merge_into_valid(pair):
            case, replaced = pair
            body = valid_body(site_data["page"].pk)
            if isinstance(case.body, dict):
                body.update({k: v for k, v in case.body.items() if k in replaced})
            case.body = body
            return case

        strategies.append(st.tuples(operation.as_strategy(generation_mode=mode),
                                    st.sets(st.sampled_from(FORM_FIELDS), max_size=3))
                          .map(merge_into_valid))
    return st.one_of(strategies)


def _run(app, strategy, examples):
    """Run ``examples`` generated cases through the app and every check: (cases, statuses)."""
    statuses = collections.Counter()

    @settings(max_examples=examples, suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def call_and_check(case):
        response = case.call(app=app)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    call_and_check()
    return sum(statuses.values()), statuses


def _report(name, cases, statuses, seconds):
    path = os.environ.get("DISCLOSURE_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as report:
            report.write(json.dumps({"test": name, "cases": cases, "seconds": round(seconds, 1),
                                     "statuses": dict(sorted(statuses.items()))}) + "\n")


@pytest.mark.parametrize(("label", "mode"), CASES, ids=[f"{l} {m.value}" for l, m in CASES])
def test_operation_conforms_to_its_schema(schema, app, site_data, settings, label, mode):
    """No 5xx, and a documented status, content type, body and headers for every case. The
    rate limits are off here so that the generator reaches past them (they are on below)."""
    settings.WAGTAIL_DISCLOSURE = {**getattr(settings, "WAGTAIL_DISCLOSURE", {}),
                                   "SUBMIT_RATE_LIMIT": None, "TRACK_RATE_LIMIT": None}
    operation = schema.find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the OpenAPI document"
    started = time.monotonic()
    cases, statuses = _run(app, _aimed_strategies(operation, mode, site_data), EXAMPLES)
    _report(f"{label} [{mode.value}]", cases, statuses, time.monotonic() - started)
    assert cases >= FLOOR, f"only {cases} cases ran ({dict(statuses)})"
    assert all(status < 500 for status in statuses)
    if mode is GenerationMode.POSITIVE:
        # The aimed cases reach the real data, not only the refusals.
        assert statuses[201 if label.startswith("POST") else 200] > 0, dict(statuses)


@pytest.mark.parametrize("label", ["POST /api/disclosure/requests/",
                                   "GET /api/disclosure/requests/{tracking_number}"])
def test_rate_limited_answers_conform_to_the_schema(schema, app, site_data, label):
    """With the default rate limits on, the generator passes them: the 429 answers are
    documented, with their body, and every other answer conforms too."""
    operation = schema.find_operation_by_label(label)
    started = time.monotonic()
    cases, statuses = _run(app, _aimed_strategies(operation, GenerationMode.POSITIVE, site_data),
                           LIMITED_EXAMPLES)
    _report(f"{label} [rate limits on]", cases, statuses, time.monotonic() - started)
    assert cases >= LIMITED_EXAMPLES * 10 // 11, dict(statuses)
    assert statuses[429] > 0, dict(statuses)


def test_the_document_declares_every_operation(schema):
    """The fuzzing above covers the whole API: no operation is left out of OPERATIONS."""
    declared = sorted(result.ok().label for result in schema.get_all_operations())
    assert declared == sorted(OPERATIONS)
