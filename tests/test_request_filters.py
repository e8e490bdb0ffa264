"""The filters of the back office's request listing, as Wagtail's listing shows them.

Wagtail shows an "active filter" chip for every filter whose value differs from its initial
one. The checkbox filters (overdue, provisional deadline, assigned to me) once read an unticked
box as ``False`` rather than "not set", so the unfiltered listing said "已超期: False".
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import timezone

from wagtail_disclosure.requests.filters import InformationRequestFilterSet
from wagtail_disclosure.requests.models import InformationRequest

from . import factories

pytestmark = pytest.mark.django_db

LISTING = "/admin/disclosure/requests/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def requests_on_file():
    """One request long overdue (received 60 days ago, never answered) and one received
    today."""
    today = timezone.localdate()
    late = factories.information_request(received_on=today - datetime.timedelta(days=60))
    fresh = factories.information_request(received_on=today)
    assert list(InformationRequest.objects.overdue(today)) == [late]
    return late, fresh


def listing(client, user, query=""):
    client.force_login(user)
    response = client.get(LISTING + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def chips(soup):
    return [" ".join(pill.get_text(" ", strip=True).split())
            for pill in soup.select(".w-active-filters .w-pill")]


def test_the_unfiltered_listing_shows_no_active_filter(client, admin_user, requests_on_file):
    late, fresh = requests_on_file
    soup = listing(client, admin_user)
    assert chips(soup) == []
    assert not soup.select(".w-active-filters")
    text = soup.get_text()
    assert late.tracking_number in text and fresh.tracking_number in text


def test_the_overdue_filter_shows_one_chip_and_lists_the_overdue_request(
        client, admin_user, requests_on_file):
    late, fresh = requests_on_file
    soup = listing(client, admin_user, "?overdue=true")
    # The chip names the filter and says "yes" in Wagtail's words, not "True".
    assert chips(soup) == ["已超期: 是"]
    text = soup.get_text()
    assert late.tracking_number in text and fresh.tracking_number not in text


def test_a_ticked_box_is_a_filter_and_false_is_none(client, admin_user, requests_on_file):
    late, fresh = requests_on_file
    # What the filter form's checkbox sends when ticked.
    soup = listing(client, admin_user, "?overdue=on")
    assert chips(soup) == ["已超期: 是"]
    assert fresh.tracking_number not in soup.get_text()
    # An explicit "false" or an empty value (a hand-made or old URL) is the same as no
    # filter at all.
    soup = listing(client, admin_user, "?overdue=false&provisional=False&mine=")
    assert chips(soup) == []
    text = soup.get_text()
    assert late.tracking_number in text and fresh.tracking_number in text


def test_other_filters_still_show_their_chips(client, admin_user, requests_on_file):
    soup = listing(client, admin_user, "?status=received&mine=on")
    assert sorted(chips(soup)) == ["分配给我: 是", "办理状态: 已收到"]


@pytest.mark.parametrize("data, changed", [
    ({}, set()),
    ({"overdue": "false", "provisional": "False", "mine": ""}, set()),
    ({"overdue": "on"}, {"overdue"}),
    ({"provisional": "true", "mine": "on"}, {"provisional", "mine"}),
])
def test_only_ticked_boxes_count_as_changed(admin_user, data, changed):
    request = RequestFactory().get(LISTING, data)
    request.user = admin_user
    filters = InformationRequestFilterSet(data=request.GET, request=request,
                                          queryset=InformationRequest.objects.all())
    assert filters.form.is_valid(), filters.form.errors
    assert set(filters.form.changed_data) == changed
