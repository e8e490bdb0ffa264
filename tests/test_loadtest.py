"""The load test (tests/load/loadtest.py, docs/explanation/load-test.md).

``test_reduced_load_test_passes`` is the reduced form that CI runs in its PostgreSQL leg: the
script as a subprocess with small numbers (60 submissions from 10 addresses, 2 gunicorn
workers, the small site, a fast hasher), asserting that it exits 0 and that every one of its
checks printed ``ok``. It creates and drops its own database (``<name>_load``), never the
test database. The other tests feed the checks made-up records, to show that each check
can fail: a check that never fails would prove nothing.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.conftest import require_or_skip
from tests.load import clients, verify

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "load" / "loadtest.py"

CHECKS = [
    "no 5xx answer", "every request answered", "only expected statuses",
    "every legitimate submission got 201", "tracking numbers unique in the answers",
    "answers consistent with what was sent", "rate limit holds across workers",
    "the probe was served by several workers", "no error in the server log",
    "no worker killed or restarted",
    "every 201 is a stored request with the submitted content",
    "no stored request without a 201", "tracking numbers unique and gap-free",
    "one acknowledgement queued per request, and sent",
]


@pytest.mark.postgres
def test_reduced_load_test_passes(tmp_path):
    url = os.environ.get("DISCLOSURE_TEST_POSTGRES_URL") or os.environ.get("DATABASE_URL")
    require_or_skip(bool(url) and url.startswith("postgres"),
                    "no PostgreSQL URL (DISCLOSURE_TEST_POSTGRES_URL or DATABASE_URL)")
    require_or_skip(shutil.which("redis-server") is not None, "redis-server is not installed")
    require_or_skip(find_spec("gunicorn") is not None, "gunicorn is not installed")
    require_or_skip(find_spec("redis") is not None, "the redis package is not installed")
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--submissions", "60", "--clients", "10",
         "--browsers", "4", "--workers", "2", "--site", "small", "--fast-hasher",
         "--duration-limit", "300", "--database-url", url, "--json", str(figures)],
        capture_output=True, text=True, timeout=360, cwd=ROOT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    verdicts = {name: verdict for verdict, name
                in re.findall(r"^VERIFY (ok  |FAIL) (.+?): ", result.stdout, re.M)}
    assert sorted(verdicts) == sorted(CHECKS), output
    assert set(verdicts.values()) == {"ok  "}, output
    assert "RESULT: PASS" in result.stdout
    data = json.loads(figures.read_text())
    rows = {row["endpoint"]: row for row in data["endpoints"]}
    assert rows["submit (API)"]["statuses"] == {"201": 60}
    assert rows["submit over the limit (probe)"]["statuses"] == {"201": 10, "429": 5}
    assert not any(code.startswith("5") for code in rows["all"]["statuses"])
    assert data["passed"] is True


# -- each check can fail ----------------------------------------------------------------------


def _recorder(statuses=(201, 201), probe_extra=0):
    recorder = clients.Recorder()
    for number, status in enumerate(statuses, start=1):
        recorder.add(clients.Sample("submit (API)", status, 0.1, "127.0.0.2"))
        if status == 201:
            recorder.created.append(("127.0.0.2", {}, {"tracking_number": f"2026-{number:06d}"}))
    return recorder


def _verdicts(checks):
    return {name: ok for name, ok, _detail in checks}


def test_client_checks_pass_on_a_clean_run():
    checks = verify.client_checks(_recorder(), 2, ([201] * 3 + [429] * 2, True), 3, 2,
                                  {"<1>", "<2>"})
    assert all(_verdicts(checks).values()), checks


def test_client_checks_catch_a_5xx_a_lost_answer_and_a_repeated_number():
    recorder = _recorder((201, 500, 0))
    recorder.created.append(("127.0.0.3", {}, {"tracking_number": "2026-000001"}))
    verdicts = _verdicts(verify.client_checks(recorder, 3, ([201] * 3, True), 3, 1, set()))
    assert not verdicts["no 5xx answer"]
    assert not verdicts["every request answered"]
    assert not verdicts["every legitimate submission got 201"]
    assert not verdicts["tracking numbers unique in the answers"]


@pytest.mark.parametrize("probe, pids", [
    (([201] * 4 + [429], True), {"<1>", "<2>"}),  # one past the limit let through
    (([201] * 3 + [429] * 2, False), {"<1>", "<2>"}),  # the hour turned: proves nothing
    (([201] * 3 + [429] * 2, True), {"<1>"}),  # one worker alone: not "across workers"
])
def test_client_checks_catch_a_rate_limit_that_does_not_hold(probe, pids):
    verdicts = _verdicts(verify.client_checks(_recorder(), 2, probe, 3, 2, pids))
    assert not (verdicts["rate limit holds across workers"]
                and verdicts["the probe was served by several workers"])


def test_server_checks_catch_a_traceback_and_a_restarted_worker(tmp_path):
    log = tmp_path / "gunicorn.log"
    log.write_text("[INFO] Booting worker with pid: 1\n[INFO] Booting worker with pid: 2\n")
    assert all(_verdicts(verify.server_checks(log, 2)).values())
    log.write_text("[INFO] Booting worker with pid: 1\n[CRITICAL] WORKER TIMEOUT (pid:1)\n"
                   "[INFO] Booting worker with pid: 3\nERROR django.request Internal Server "
                   "Error\nTraceback (most recent call last):\n")
    verdicts = _verdicts(verify.server_checks(log, 2))
    assert not verdicts["no error in the server log"]
    assert not verdicts["no worker killed or restarted"]


def test_access_log_pids_are_those_that_served_the_address(tmp_path):
    log = tmp_path / "access.log"
    log.write_text('127.0.2.1 <10> 201 5 "POST /"\n127.0.0.2 <11> 201 5 "POST /"\n'
                   '127.0.2.1 <12> 429 1 "POST /"\n')
    assert verify.access_log_pids(log, "127.0.2.1") == {"<10>", "<12>"}


@pytest.mark.django_db
def test_database_checks_catch_a_gap_a_lost_request_and_an_unanswered_one(
        django_capture_on_commit_callbacks, settings, tmp_path):
    from tests import factories
    from wagtail_disclosure.requests.models import InformationRequest

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run = "run-1"
    with django_capture_on_commit_callbacks(execute=True):  # the acknowledgements are sent
        stored = [factories.information_request(description=f"负载测试 {run} 第{n}件")
                  for n in range(3)]
    recorder = clients.Recorder()
    for request_obj in stored:
        body = {key: getattr(request_obj, key)
                for key in ("name", "id_number", "email", "description")}
        recorder.created.append(("127.0.0.2", body,
                                 {"tracking_number": request_obj.tracking_number}))
    assert all(_verdicts(verify.database_checks(recorder, run)).values())

    InformationRequest.objects.filter(pk=stored[1].pk).delete()  # a gap, and a lost 201
    recorder.created.pop(0)  # stored, but its 201 never reached the client
    verdicts = _verdicts(verify.database_checks(recorder, run))
    assert not verdicts["every 201 is a stored request with the submitted content"]
    assert not verdicts["no stored request without a 201"]
    assert not verdicts["tracking numbers unique and gap-free"]


def test_resident_ids_have_a_valid_check_digit():
    from wagtail_disclosure.requests.validators import validate_resident_id

    for serial in (0, 1, 49, 999):
        validate_resident_id(clients.resident_id(serial))
