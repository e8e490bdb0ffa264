"""Fault: the task worker is stopped, then restarted (issue 13, "Faults").

A real persistent task backend (django-tasks-db) and its real worker (``manage.py db_worker``)
in subprocesses, on a copy of the test database (tests/faults/database.py), sending through
SMTP to a sink in this process:

1. No worker has started yet: requests (two overdue ones made by the scenario, one submitted
   through the JSON API) are accepted (201) and their email tasks are stored, waiting.
2. A worker process starts and sends them; it is stopped (SIGTERM, as a deployment stops it)
   and exits cleanly.
3. With no worker, a request is submitted through the API: accepted, its task waits; the
   scheduled daily reminder task is enqueued twice (the schedule fired twice while the worker
   was down). The worker starts again (``db_worker --batch``: it runs what waits, then exits):
   the waiting email is sent, the reminders of the overdue requests catch up, and each email
   is sent once, although the reminder task ran twice and every email has both its own task
   and the outbox (``send_waiting``).
4. With no worker, the cron path (``send_request_reminders``) sends a new request's email
   itself; the worker started afterwards finds it sent and sends nothing twice.

Deployment: docs/explanation/faults.md.
"""

import collections
import signal

import pytest

from tests.faults.database import database_copy, manage, run_scenario, subprocess_env, wait_for
from tests.faults.smtp import SMTPSink, free_port

OFFICER = "officer@agency.example"


def sent_once(sink, notifications):
    """Every stored email reached the server exactly once, and nothing else did."""
    received = collections.Counter((m["to"][0], m["subject"]) for m in sink.messages)
    stored = collections.Counter((n["recipient"], n["subject"]) for n in notifications)
    return received == stored and set(received.values()) == {1}


def ours(state):
    """The package's tasks (Wagtail enqueues its own too, e.g. reference index updates)."""
    return [t for t in state["tasks"]
            if t["task"] in ("send_notification_task", "send_request_reminders_task")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_lost_and_reminders_catch_up_once_when_the_worker_restarts(
        tmp_path, django_db_blocker):
    port = free_port()
    with database_copy(tmp_path, django_db_blocker) as database, SMTPSink(port) as sink:
        env = subprocess_env(FAULTS_SMTP_PORT=port, FAULTS_MEDIA_ROOT=tmp_path / "media",
                             **database)
        # Phase 1: no worker yet. A request submitted is accepted; its email task waits.
        report = run_scenario(env, "prepare", "submit")
        overdue_numbers, submitted = (result for _step, result in report["steps"])
        assert submitted["status"] == 201 and submitted["body"]["tracking_number"]
        state = report["state"]
        assert [(n["kind"], n["sent"], n["attempts"]) for n in state["notifications"]] == [
            ("applicant:received", False, 0)] * 3
        assert sorted((t["args"][0], t["status"]) for t in ours(state)) == sorted(
            (n["id"], "READY") for n in state["notifications"])
        assert sink.messages == []

        # Phase 2: a worker process starts and sends them; then it is stopped (SIGTERM).
        log = tmp_path / "worker.log"
        worker = manage(env, log, "db_worker", "--no-reload", "--no-startup-delay",
                        "--interval", "0.2")
        try:
            wait_for(lambda: len(sink.messages) == 3, "the worker to send the emails")
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
        assert worker.returncode == 0, log.read_text()[-3000:]

        # Phase 3: no worker. A request is accepted and its email task waits; the scheduled
        # reminder task is enqueued twice. Then the worker is started again (``work``).
        report = run_scenario(env, "submit", "schedule_reminders", "schedule_reminders",
                              "state", "work")
        submitted, _id1, _id2, state, _output = (result for _step, result in report["steps"])
        assert submitted["status"] == 201
        waiting = [n for n in state["notifications"]
                   if n["tracking_number"] == submitted["body"]["tracking_number"]]
        assert [(n["kind"], n["sent"], n["attempts"]) for n in waiting] == [
            ("applicant:received", False, 0)]
        ready = [t for t in ours(state) if t["status"] == "READY"]
        assert sorted((t["task"], t["args"]) for t in ready) == [
            ("send_notification_task", [waiting[0]["id"]]),
            ("send_request_reminders_task", []), ("send_request_reminders_task", [])]
        # After the worker: everything ran, the reminders caught up, each email went once.
        state = report["state"]
        assert {t["status"] for t in state["tasks"]} == {"SUCCESSFUL"}
        reminders = [n for n in state["notifications"] if n["kind"].startswith("staff:")]
        assert sorted((n["kind"], n["tracking_number"], n["recipient"]) for n in reminders) == [
            ("staff:overdue", number, OFFICER) for number in sorted(overdue_numbers)]
        assert all(n["sent"] for n in state["notifications"])
        assert sent_once(sink, state["notifications"])

        # Phase 4: no worker; the daily command sends a new request's email itself, and the
        # worker started afterwards finds it sent: nothing goes twice.
        report = run_scenario(env, "submit", "cron", "state", "work")
        submitted, _cron, state, _output = (result for _step, result in report["steps"])
        assert submitted["status"] == 201
        assert [t["task"] for t in ours(state) if t["status"] == "READY"] == [
            "send_notification_task"]
        assert all(n["sent"] for n in state["notifications"])
        state = report["state"]
        assert {t["status"] for t in state["tasks"]} == {"SUCCESSFUL"}
        assert len(state["notifications"]) == 7  # 5 acknowledgements, 2 reminders
        assert sent_once(sink, state["notifications"])
        assert len(state["requests"]) == 5
