"""Fifty requests submitted at once from several processes are all stored, with unique
tracking numbers (PostgreSQL)."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.db import connection

from wagtail_disclosure.models import InformationRequest

from . import factories as f

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 5
PER_WORKER = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_are_all_stored_with_unique_tracking_numbers(settings, tmp_path):
    assert connection.vendor == "postgresql", "run with DATABASE_URL pointing at PostgreSQL"
    page = f.request_form_page()
    url = urlparse(os.environ["DATABASE_URL"])
    test_db_url = urlunparse(url._replace(path="/" + connection.settings_dict["NAME"]))
    env = {**os.environ, "DATABASE_URL": test_db_url,
           "PYTHONPATH": os.pathsep.join([str(ROOT / "example_project"), str(ROOT)])}
    start_at = time.time() + 6
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.submit_worker", str(start_at), page.url,
             str(PER_WORKER), str(w)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in range(WORKERS)
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    reported = []
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err[:6000]
        reported += out.split()[1:]
    stored = list(InformationRequest.objects.values_list("tracking_number", flat=True))
    assert len(stored) == len(set(stored)) == WORKERS * PER_WORKER
    assert sorted(stored) == sorted(reported)  # what each visitor was shown is what was stored
    descriptions = set(InformationRequest.objects.values_list("description", flat=True))
    assert descriptions == {f"并发提交的申请 {w}-{n}" for w in range(WORKERS)
                            for n in range(PER_WORKER)}
    serials = sorted(int(n.split("-")[1]) for n in stored)
    assert serials == list(range(1, WORKERS * PER_WORKER + 1))
