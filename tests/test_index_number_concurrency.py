"""Index numbers stay unique when several processes publish at once (PostgreSQL)."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.db import connection

from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 4
PER_WORKER = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_publishing_never_duplicates_an_index_number():
    assert connection.vendor == "postgresql", "run with DATABASE_URL pointing at PostgreSQL"
    col = f.column()
    drafts = [f.item(col, publish=False, title=f"并发{n}") for n in range(WORKERS * PER_WORKER)]
    url = urlparse(os.environ["DATABASE_URL"])
    test_db_url = urlunparse(url._replace(path="/" + connection.settings_dict["NAME"]))
    env = {**os.environ, "DATABASE_URL": test_db_url,
           "PYTHONPATH": os.pathsep.join([str(ROOT / "example_project"), str(ROOT)])}
    start_at = time.time() + 6  # every worker starts publishing at the same moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.publish_worker", str(start_at),
             *[str(p.pk) for p in drafts[w::WORKERS]]],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for w in range(WORKERS)
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err[:6000]
    numbers = list(DisclosureItemPage.objects.filter(pk__in=[d.pk for d in drafts])
                   .values_list("index_number", flat=True))
    assert None not in numbers
    assert len(set(numbers)) == len(numbers) == WORKERS * PER_WORKER
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert serials == list(range(1, WORKERS * PER_WORKER + 1))  # no gaps, no repeats
