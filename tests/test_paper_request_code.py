"""Staff registering a paper request see its access code once: on the first view of the
request's processing page, never through Django's messages (cookie or session storage) nor
the URL; a reload shows it no more and the session no longer holds it (issue 11, "The access
code")."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages

from tests import factories
from wagtail_disclosure.requests.admin import STAFF_CODE_SESSION_KEY
from wagtail_disclosure.requests.models import InformationRequest
from wagtail_disclosure.requests.notifications import ACCESS_CODE_PATTERN

pytestmark = pytest.mark.django_db

NEW = "/admin/disclosure/requests/new/"
CODE = re.compile(r'data-testid="access-code">([^<]+)<')


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def clerk():
    """Registers and processes requests; may not see personal data."""
    return factories.make_user("clerk", "add_informationrequest", "view_informationrequest",
                               "process_informationrequest", admin_access=True)


def paper_request_data(**overrides):
    data = factories.request_data(channel="in_person",
                                  received_on=datetime.date.today().isoformat())
    data.pop("consent")
    data.update(overrides)
    return data


def _stored_messages_text(client, response):
    """The text of every message Django's messages storage holds for this browser: the
    cookie (decoded: it may be compressed) and the session's copy."""
    from django.contrib.messages.storage.cookie import CookieStorage

    cookie = response.cookies.get("messages")
    decoded = CookieStorage(None)._decode(cookie.value) if cookie and cookie.value else None
    in_session = client.session.get("_messages", "")
    return " ".join(str(message) for message in decoded or []) + repr(in_session)


def _register(client):
    response = client.post(NEW, paper_request_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    return response, InformationRequest.objects.get()


@pytest.mark.parametrize("storage", [
    "django.contrib.messages.storage.fallback.FallbackStorage",
    "django.contrib.messages.storage.session.SessionStorage",
    "django.contrib.messages.storage.cookie.CookieStorage",
])
def test_the_code_is_shown_once_and_never_through_messages(client, clerk, settings, storage):
    settings.MESSAGE_STORAGE = storage
    factories.request_form_page()
    client.force_login(clerk)
    response, request_obj = _register(client)
    location = response["Location"]
    assert location.endswith(f"/edit/{request_obj.pk}/")
    messages_after_post = _stored_messages_text(client, response)
    assert request_obj.tracking_number in messages_after_post  # the message was stored

    first = client.get(location)
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    html = first.content.decode()
    # the code, wherever the page shows it (in its panel, or in a message)
    shown = CODE.search(html)
    code = shown.group(1) if shown else ACCESS_CODE_PATTERN.search(html).group(0)
    assert InformationRequest.objects.get(pk=request_obj.pk).check_access_code(code)
    assert html.count(code) == 1
    # never in the messages (cookie or session), nor the URL
    assert code not in messages_after_post
    assert code not in location
    assert all(code not in str(message) for message in get_messages(first.wsgi_request))
    assert CODE.search(html), "shown in its own panel"
    # the session no longer holds it
    session = client.session
    assert STAFF_CODE_SESSION_KEY not in session
    assert code not in repr(dict(session.items()))

    again = client.get(location)
    assert again.status_code == 200
    assert code not in again.content.decode()
    assert not CODE.search(again.content.decode())


def test_the_code_is_in_the_session_only_until_the_first_view(client, clerk):
    factories.request_form_page()
    client.force_login(clerk)
    _register(client)
    entry = client.session[STAFF_CODE_SESSION_KEY]
    code = entry["access_code"]
    other = factories.information_request()
    # any other request's page drops it, without showing it
    html = client.get(f"/admin/disclosure/requests/edit/{other.pk}/").content.decode()
    assert code not in html
    assert STAFF_CODE_SESSION_KEY not in client.session
    html = client.get(f"/admin/disclosure/requests/edit/{entry['pk']}/").content.decode()
    assert code not in html


def test_the_registration_message_names_the_request_only(client, clerk):
    factories.request_form_page()
    client.force_login(clerk)
    response, request_obj = _register(client)
    first = client.get(response["Location"])
    shown = [str(message) for message in first.context["messages"]]
    assert any(request_obj.tracking_number in message for message in shown)
    code = CODE.search(first.content.decode()).group(1)
    assert all(code not in message for message in shown)
