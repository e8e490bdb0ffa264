"""Redis as the cache shared by several gunicorn workers (issue 14, "Real distributed parts").

The example site runs under gunicorn with three sync worker processes, on a copy of the test
database (tests/faults/database.py), with Django's cache on a Redis server this test starts
on a free loopback port (tests/distributed/settings.py). Every answer says which worker gave
it (``X-Worker-Pid``). Requests are sent in bursts of parallel connections until every worker
has answered, so that each claim below is seen in each worker:

* **page cache**: a column page rendered and stored by one worker is a ``hit`` in every
  other; after an editor publishes a change (in another process, tests/distributed/steps.py),
  the very next answer of every worker shows it: no worker ever answers the old page;
* **rate limit**: one client address gets exactly ``SUBMIT_RATE_LIMIT`` (4) submissions
  accepted, and *every* worker refuses it after that: no worker counted the limit alone;
* **calendar**: every worker has its calendar in memory (its submissions' deadlines); a day
  made a day off in another process moves the deadline in every worker's next submission,
  to the deadline that fresh process computes.

Redis and gunicorn are required: locally the test is skipped without them, in CI (``CI`` set)
it fails (tests/conftest.py ``require_or_skip``); ``.ci/run`` installs redis-server.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from importlib.util import find_spec

import pytest

from tests import factories
from tests.conftest import require_or_skip
from tests.faults.database import REPO, database_copy, subprocess_env, wait_for
from tests.net import free_port

WORKERS = 3
LIMIT = 4
PARALLEL = 6
MAX_BURSTS = 40  # a bound on the requests sent while waiting for every worker to answer
API = "/api/disclosure/requests/"
OLD_TITLE = "关于2024年度农资储备资金使用情况的通知"
NEW_TITLE = "关于2024年度农资储备资金使用情况的通知（更正）"


def redis_binary():
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)


def _ping(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_url(tmp_path):
    binary = redis_binary()
    require_or_skip(binary is not None, "redis-server is not installed")
    require_or_skip(find_spec("redis") is not None, "the redis package is not installed")
    port = free_port()
    with open(tmp_path / "redis.log", "w") as log:
        server = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: _ping(port), "Redis to start", timeout=30, interval=0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=30)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.pid = int(headers.get("x-worker-pid", 0))
        self.cache = headers.get("x-disclosure-cache")

    def json(self):
        return json.loads(self.body)


def fetch(port, path, body=None, address="127.0.0.1"):
    """One request on a new connection from ``address`` (a loopback address: the rate limits
    count per client address)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                            source_address=(address, 0))
    headers = {"Connection": "close", "Accept-Language": "zh-hans"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        connection.request("POST" if data else "GET", path, body=data, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                      response.read().decode())
    finally:
        connection.close()


def bursts(send, pids, until=None):
    """Call ``send(n)`` in bursts of PARALLEL threads until every worker of ``pids`` has
    answered (or ``until(answers)`` holds); return every answer, in the order sent."""
    answers, n = [], 0
    for _ in range(MAX_BURSTS):
        results = [None] * PARALLEL

        def one(i, number):
            results[i] = send(number)

        threads = [threading.Thread(target=one, args=(i, n + i)) for i in range(PARALLEL)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        n += PARALLEL
        answers.extend(results)
        done = until(answers) if until else {a.pid for a in answers} >= pids
        if done:
            return answers
    raise AssertionError(f"not every worker answered in {MAX_BURSTS} bursts: "
                         f"{sorted({a.pid for a in answers})} of {sorted(pids)}")


def children_of(pid):
    """The pids of the processes whose parent is ``pid`` (gunicorn's workers)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


@pytest.fixture
def site(redis_url, tmp_path, django_db_blocker):
    require_or_skip(find_spec("gunicorn") is not None, "gunicorn is not installed")
    factories.section()
    column = factories.column(title="政策文件")
    item = factories.item(column, title=OLD_TITLE)
    factories.request_form_page()
    with database_copy(tmp_path, django_db_blocker) as database:
        env = subprocess_env(DJANGO_SETTINGS_MODULE="tests.distributed.settings",
                             DISTRIBUTED_REDIS_URL=redis_url, DISTRIBUTED_SCRATCH=tmp_path,
                             DISTRIBUTED_SUBMIT_LIMIT=LIMIT, **database)
        port = free_port()
        with open(tmp_path / "site.log", "w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "agency.wsgi:application", "--bind",
                 f"127.0.0.1:{port}", "--workers", str(WORKERS), "--timeout", "120"],
                env=env, cwd=REPO / "example_project", stdout=log, stderr=subprocess.STDOUT)
        try:
            def up():
                try:
                    return (fetch(port, "/").status == 200
                            and len(children_of(server.pid)) == WORKERS)
                except OSError:
                    return False

            wait_for(up, "the site's workers to start", timeout=180, interval=0.5)
            yield {"port": port, "env": env, "pids": children_of(server.pid),
                   "column": column.url, "item": item}
        finally:
            server.terminate()
            server.wait(timeout=60)
            print((tmp_path / "site.log").read_text()[-6000:])


def step(env, *args):
    result = subprocess.run([sys.executable, str(REPO / "tests/distributed/steps.py"), *args],
                            env=env, cwd=REPO, capture_output=True, text=True, timeout=240,
                            check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def submission(n):
    return factories.request_data(consent=True, description=f"请公开2024年度第{n}批农资储备资金使用情况")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rate_limits_page_cache_and_calendar_are_shared_by_every_worker(site):
    port, pids, column = site["port"], site["pids"], site["column"]
    assert len(pids) == WORKERS

    # -- page cache: stored by one worker, a hit in every other --------------------------
    first = fetch(port, column)
    assert (first.status, first.cache) == (200, "miss") and OLD_TITLE in first.body
    answers = bursts(lambda n: fetch(port, column), pids)
    assert {a.status for a in answers} == {200}
    assert {a.cache for a in answers} == {"hit"}, [(a.pid, a.cache) for a in answers]
    assert {a.pid for a in answers} == pids  # every worker answered from the shared cache
    assert all(a.body == first.body for a in answers)

    # -- a publication invalidates for every worker: never a stale page ------------------
    step(site["env"], "retitle", str(site["item"].pk), NEW_TITLE)
    answers = bursts(lambda n: fetch(port, column), pids)
    assert {a.status for a in answers} == {200}
    stale = [a.pid for a in answers if NEW_TITLE not in a.body]
    assert stale == [], f"workers {stale} answered the page as it was before the publication"
    assert {a.pid for a in answers} == pids
    # The burst's requests run in parallel: which of them render the page again (a "miss",
    # perhaps several) and which find it stored by another is a race, and the order sent says
    # nothing about it. The page was rendered again, and once stored it is served as stored.
    caches = [a.cache for a in answers]
    assert "miss" in caches and set(caches) <= {"miss", "hit"}, caches
    again = fetch(port, column)
    assert (again.cache, again.body) == ("hit", answers[-1].body)

    # -- the rate limit counts across workers --------------------------------------------
    probe = "127.0.3.1"

    def every_worker_refused(answers):
        return {a.pid for a in answers if a.status == 429} >= pids

    answers = bursts(lambda n: fetch(port, API, submission(n), address=probe), pids,
                     until=every_worker_refused)
    statuses = [a.status for a in answers]
    assert set(statuses) == {201, 429}, statuses
    assert statuses.count(201) == LIMIT, statuses
    # Every worker refused the address, though LIMIT were accepted in all: with a count of
    # its own, a worker refuses only after accepting LIMIT itself (3 × LIMIT in all).
    assert {a.pid for a in answers if a.status == 429} == pids

    # -- the calendar: a change in one process is seen by every worker -------------------
    def fresh_address(prefix):
        return lambda n: fetch(port, API, submission(n), address=f"127.0.{prefix}.{n + 1}")

    before = bursts(fresh_address(4), pids)
    assert {a.status for a in before} == {201}, [a.body for a in before if a.status != 201]
    [due_before] = {a.json()["due_on"] for a in before}  # every worker's calendar, cached
    changed = step(site["env"], "day_off")
    assert changed["due_on"] != due_before  # the fresh process's deadline moved
    after = bursts(fresh_address(5), pids)
    assert {a.status for a in after} == {201}
    by_worker = {(a.pid, a.json()["due_on"]) for a in after}
    assert by_worker == {(pid, changed["due_on"]) for pid in pids}, (due_before, changed)
