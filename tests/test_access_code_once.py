"""The access code is shown once: after the confirmation page's first view neither the page
nor the session holds it, and the page is never stored by a browser or a proxy."""

import re

import pytest

from tests import factories
from wagtail_disclosure.requests.pages import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _session_text(client):
    """Everything the session store holds for this browser, decoded."""
    return repr(dict(client.session.items()))


def test_the_code_is_shown_once_and_leaves_the_session(client, django_capture_on_commit_callbacks):
    page = factories.request_form_page()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.get_url(), factories.request_data())
    assert response.status_code == 302
    submitted = response["Location"]

    first = client.get(submitted)
    assert first.status_code == 200 and first["Cache-Control"] == "no-store"
    html = first.content.decode()
    number = re.search(r'data-testid="tracking-number">([^<]+)<', html).group(1)
    code = re.search(r'data-testid="access-code">([^<]+)<', html).group(1)
    # after the first view the session keeps which request, not its code
    assert code not in _session_text(client)
    assert client.session[SESSION_KEY]["tracking_number"] == number
    assert "access_code" not in client.session[SESSION_KEY]

    again = client.get(submitted)
    assert again.status_code == 200 and again["Cache-Control"] == "no-store"
    html = again.content.decode()
    assert number in html and code not in html
    assert 'data-testid="access-code-shown"' in html
    # the code still works where it belongs: on the tracking page
    track = client.post(page.get_url() + "track/", {"tracking_number": number,
                                                     "access_code": code})
    assert "request-status" in track.content.decode()


def test_a_forged_session_entry_shows_nothing(client):
    page = factories.request_form_page()
    request_obj = factories.information_request()
    session = client.session
    session[SESSION_KEY] = {"tracking_number": "1999-000001", "request_pk": request_obj.pk}
    session.save()
    response = client.get(page.get_url() + "submitted/")
    assert response.status_code == 302 and response["Location"] == page.get_url()
