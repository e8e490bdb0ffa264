"""Fault: PostgreSQL restarted while the site runs (issue 13, "Faults").

The example site runs under gunicorn (one worker, four threads) with a persistent task
backend, against a private PostgreSQL server (tests/faults/postgres.py; never the shared one)
holding a copy of the test database. Applicants keep submitting requests with an attachment
through the JSON API while the server is killed (``pg_ctl stop -m immediate``) and, later,
started again. Checked:

* while it is down, the public pages answer a clean 503 page and the JSON API a 503 in its
  error shape: no 500, no traceback (``wagtail_disclosure.resilience``);
* every submission is answered 201 or 503, never anything else;
* no half-written request: every stored request has its attachment row and file (the same
  bytes), its acknowledgement letter and its email in the outbox; every request answered 201
  is stored; files of submissions cut short are at most as many as the 503 answers (the
  retention sweep removes them);
* once the server is back, the same site process serves pages and takes requests again
  (Django opens a new connection): no restart of the site.

Two in-process tests (any database) check the answer itself: the middleware's 503 page and
JSON, and ``resilience.server_error`` as ``handler500``.
"""

import base64
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from wagtail.models import Site

from tests import factories
from tests.conftest import require_or_skip
from tests.faults.database import REPO, database_url_of, run_scenario, subprocess_env, wait_for
from tests.faults.postgres import PrivatePostgres, binaries
from tests.faults.smtp import free_port
from wagtail_disclosure import resilience

RESILIENCE = "wagtail_disclosure.resilience.ServiceUnavailableMiddleware"

PDF = b"%PDF-1.4\n" + b"%" + b"7" * 20_000 + b"\n%%EOF\n"
API = "/api/disclosure/requests/"


def http(base, path, body=None, accept="text/html"):
    """(status, content type, text) of a GET, or of a POST of ``body`` as JSON."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers={
        "Accept": accept, **({"Content-Type": "application/json"} if data else {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def submission(n):
    return factories.request_data(
        consent=True, description=f"请公开2024年度第{n}批农资储备资金使用情况",
        attachments=[{"name": f"材料{n}.pdf", "content_base64": base64.b64encode(PDF).decode()}])


class Applicants(threading.Thread):
    """Submits requests one after another until stopped; keeps every answer."""

    def __init__(self, base):
        super().__init__(daemon=True)
        self.base, self.answers, self.running = base, [], True

    def run(self):
        n = 0
        while self.running:
            n += 1
            try:
                status, kind, text = http(self.base, API, submission(n), "application/json")
            except OSError as error:  # the site itself must never drop the connection
                status, kind, text = "connection", "", repr(error)
            self.answers.append((status, kind, text))
            time.sleep(0.05)

    def count(self, status):
        return sum(1 for answer in self.answers if answer[0] == status)


@pytest.fixture
def private_postgres():
    require_or_skip(binaries() is not None, "PostgreSQL's server programs are not installed")
    server = PrivatePostgres().init()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def site(private_postgres, tmp_path):
    """The example site under gunicorn against a copy of the test database."""
    page = factories.request_form_page()  # committed: this test is transactional
    private_postgres.create_database("site")
    private_postgres.load_from(database_url_of(connection.settings_dict["NAME"]), "site")
    env = subprocess_env(DATABASE_URL=private_postgres.url("site"),
                         FAULTS_SMTP_PORT=free_port(), FAULTS_MEDIA_ROOT=tmp_path / "media")
    run_scenario(env, "migrate_tasks")
    port = free_port()
    # To a file: a pipe nobody reads while the site runs would fill up and block it.
    with open(tmp_path / "site.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "agency.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "120",
             "--config", str(REPO / "tests/faults/gunicorn_conf.py")],
            env=env, cwd=REPO / "example_project", stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return http(base, "/")[0] == 200
        except OSError:
            return False

    try:
        wait_for(up, "the site to start", timeout=180, interval=0.5)
        yield base, page.get_url(), env, tmp_path / "media"
    finally:
        if shutil.which("pgrep"):  # the worker's stacks, for a failure report
            for child in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                        text=True, check=False).stdout.split():
                os.kill(int(child), signal.SIGUSR2)
            time.sleep(1)
        server.terminate()
        server.wait(timeout=60)
        print((tmp_path / "site.log").read_text()[-8000:])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_clean_503_while_the_database_is_down_and_full_service_after(site, private_postgres):
    base, form_url, env, media = site
    assert http(base, form_url)[0] == 200
    applicants = Applicants(base)
    applicants.start()
    try:
        wait_for(lambda: applicants.count(201) >= 3, "the first requests to be accepted")
        private_postgres.stop("immediate")  # mid-run: requests are being written
        wait_for(lambda: applicants.count(503) >= 2, "submissions refused while it is down")

        for path in ("/", form_url, form_url + "track/"):
            status, kind, text = http(base, path)
            assert status == 503 and kind.startswith("text/html"), (path, status, text[:500])
            assert "Traceback" not in text and "OperationalError" not in text
            assert '<html lang="zh-hans">' in text
        for path, body in ((API, submission(0)), (API + "2026-000001", None),
                           ("/api/v2/pages/", None)):
            status, kind, text = http(base, path, body, "application/json")
            assert status == 503 and kind == "application/json", (path, status, text[:500])
            [message] = json.loads(text)["errors"]["__all__"]
            assert message and "Traceback" not in text

        private_postgres.start()
        seen = applicants.count(201)
        wait_for(lambda: applicants.count(201) > seen, "requests accepted again")
    finally:
        applicants.running = False
        applicants.join(timeout=120)

    # Full service from the same site process.
    assert http(base, "/")[0] == 200 and http(base, form_url)[0] == 200
    status, _kind, text = http(base, API, submission(999), "application/json")
    assert status == 201, text
    # Every answer was a 201 or a clean 503 (JSON), never a 500 or a dropped connection.
    assert {answer[0] for answer in applicants.answers} == {201, 503}, [
        a for a in applicants.answers if a[0] not in (201, 503)][:3]
    assert {kind.split(";")[0] for _s, kind, _t in applicants.answers} == {"application/json"}

    accepted = {json.loads(text)["tracking_number"]
                for status, _kind, text in applicants.answers if status == 201}
    state = run_scenario(env, "state")["state"]
    stored = {r["tracking_number"]: r for r in state["requests"]}
    assert accepted <= set(stored)
    for request in state["requests"]:
        assert request["attachments"] == 1, request
        assert request["files_intact"] == 1, request
        assert request["acknowledgements"] == 1, request
        assert request["notifications"] >= 1, request
    on_disk = {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}
    kept = set(state["attachment_files"])
    assert kept <= on_disk
    assert len(on_disk - kept) <= applicants.count(503)


# -- in-process, on any database: the answer itself ---------------------------------------------


def unreachable(*args, **kwargs):
    raise OperationalError("connection failed: connection refused")


@pytest.mark.django_db
def test_the_middleware_answers_503_for_pages_and_json_for_the_api(client, settings,
                                                                   monkeypatch):
    assert settings.MIDDLEWARE[0] == RESILIENCE  # the example site installs it first
    form_url = factories.request_form_page().get_url()
    monkeypatch.setattr(Site, "find_for_request", unreachable)
    response = client.get(form_url)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    html = response.content.decode()
    assert resilience.database_unavailable_message() in html and "Traceback" not in html
    from wagtail_disclosure.api import requests as api_requests

    monkeypatch.setattr(api_requests, "_default_page", unreachable)
    response = client.post(API, submission(1), content_type="application/json")
    assert response.status_code == 503
    message = resilience.database_unavailable_message()
    assert response.json() == {"detail": message, "errors": {"__all__": [message]}}


def test_the_500_handler_answers_503_for_the_database_and_500_for_anything_else():
    request = RequestFactory().get("/", HTTP_ACCEPT="text/html")
    try:
        unreachable()
    except OperationalError:
        response = resilience.server_error(request)
    assert response.status_code == 503
    try:
        raise ValueError("a bug")
    except ValueError:
        response = resilience.server_error(request)
    assert response.status_code == 500


@pytest.mark.django_db
def test_the_api_answers_503_by_itself_without_the_middleware(client, settings, monkeypatch):
    """A site that does not install the middleware still gets the API's 503 (its exception
    handlers), for the database and for a full disk; any other OSError stays a bug (500)."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != RESILIENCE]
    factories.request_form_page()
    from wagtail_disclosure.api import requests as api_requests

    monkeypatch.setattr(api_requests, "_default_page", unreachable)
    response = client.post(API, submission(1), content_type="application/json")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    message = resilience.database_unavailable_message()
    assert response.json() == {"detail": message, "errors": {"__all__": [message]}}

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(api_requests, "_default_page", disk_full)
    response = client.post(API, submission(2), content_type="application/json")
    assert response.status_code == 503
    assert response.json()["detail"] == resilience.storage_full_message()

    def permission_denied(*args, **kwargs):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(api_requests, "_default_page", permission_denied)
    client.raise_request_exception = False
    assert client.post(API, submission(3), content_type="application/json").status_code == 500


def test_every_operation_of_the_json_api_documents_its_503():
    from wagtail_disclosure.api.requests import api

    schema = api.get_openapi_schema()
    operations = [(path, method, operation) for path, methods in schema["paths"].items()
                  for method, operation in methods.items()]
    assert len(operations) >= 5
    for path, method, operation in operations:
        assert 503 in operation["responses"], (method, path)
