"""A copy of the migrated test database for the fault tests' subprocesses.

The in-process test database (made by pytest-django) is never touched: SQLite's is in memory,
so it is written to a file with SQLite's backup API; PostgreSQL's is copied with
``CREATE DATABASE … TEMPLATE`` (which needs every session on it closed: Django reconnects
when the test next queries). The scenario migrates the copy for django-tasks-db (app label ``django_tasks_database``).
"""

import contextlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

from django.db import connection, connections

REPO = Path(__file__).resolve().parents[2]


def subprocess_env(**extra):
    from django.conf import settings

    base = os.environ.get("DJANGO_SETTINGS_MODULE") or settings.SETTINGS_MODULE
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.faults.settings_tasks",
           "FAULTS_BASE_SETTINGS": base or "agency.settings",
           "PYTHONPATH": os.pathsep.join([str(REPO / "example_project"), str(REPO)]),
           "DJANGO_DEBUG": "0", "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("SQLITE_PATH", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _admin_connection():
    import psycopg

    params = connection.settings_dict
    return psycopg.connect(dbname="postgres", user=params["USER"], password=params["PASSWORD"],
                           host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432,
                           autocommit=True)


def database_url_of(name, params=None, port=None):
    params = params or connection.settings_dict
    return (f"postgres://{params['USER']}:{params['PASSWORD']}@"
            f"{params['HOST'] or '127.0.0.1'}:{port or params['PORT'] or 5432}/{name}")


@contextlib.contextmanager
def database_copy(tmp_path, django_db_blocker):
    """Yield the environment entries that point a subprocess at a fresh copy."""
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            path = tmp_path / "copy.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            yield {"SQLITE_PATH": path}
            return
        name = f"faults_copy_{uuid.uuid4().hex[:8]}"
        template = connection.settings_dict["NAME"]
        connections.close_all()
        with _admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        try:
            yield {"DATABASE_URL": database_url_of(name)}
        finally:
            with _admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_scenario(env, *steps, timeout=240):
    """Run ``tests/faults/scenario.py`` steps in one process; returns its JSON report."""
    import json

    result = subprocess.run([sys.executable, str(REPO / "tests/faults/scenario.py"), *steps],
                            env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout,
                            check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


MANAGE = REPO / "example_project" / "manage.py"


def manage(env, log_path, *args):
    """Start ``manage.py`` with these arguments (a ``subprocess.Popen``), its output going to
    ``log_path`` (a pipe nobody reads while it runs would fill up and block it)."""
    with open(log_path, "w") as log:
        return subprocess.Popen([sys.executable, str(MANAGE), *args], env=env, cwd=REPO,
                                stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, what, timeout=120, interval=0.1):
    """Wait until ``condition()`` is true; fail (saying ``what``) after ``timeout`` seconds.
    A guard against a hang, not a measure of speed."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up waiting for {what}")
        time.sleep(interval)
