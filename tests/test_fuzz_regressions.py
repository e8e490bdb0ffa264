"""Regressions of what the fuzzing (tests/test_fuzz_api.py, tests/test_properties_*.py) found.

The pure modules' cases are kept as ``@example`` in their property tests; the API's are here.
See docs/explanation/fuzzing.md.
"""

import json

import pytest
from django.test import Client

from tests import factories
from wagtail_disclosure.requests.models import InformationRequest

pytestmark = pytest.mark.django_db

TRACK = "/api/disclosure/requests/"


@pytest.fixture
def client():
    return Client()


@pytest.mark.parametrize("number", ["2026/000001", "a%2Fb", "2026-000001/", "x/y/z",
                                    # found by make fuzz: a line break (the path converter
                                    # stops at it) got the HTML 404 page
                                    "I%F1%BE%B8%AB%0Ak%C3%AB", "a%0A", "%0D%0A/x"])
def test_a_tracking_number_with_a_slash_gets_the_documented_json_404(client, number):
    """It was answered by an APPEND_SLASH redirect (301, text/html) to the site's HTML 404
    page, or by that page itself: a status and content type the document does not list."""
    response = client.get(TRACK + number, HTTP_X_ACCESS_CODE="ABCD-EFGH-JKLM")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert set(json.loads(response.content)) == {"detail"}


def test_a_tracking_number_format_with_a_slash_can_be_tracked(client, private_media):
    request_obj = factories.information_request()
    InformationRequest.objects.filter(pk=request_obj.pk).update(tracking_number="2026/000123")
    response = client.get(TRACK + "2026/000123", HTTP_X_ACCESS_CODE=request_obj.access_code)
    assert response.status_code == 200, response.content
    assert response.json()["tracking_number"] == "2026/000123"
