"""The load test (``make loadtest``; docs/explanation/load-test.md).

The example site under gunicorn (several sync workers) on a PostgreSQL database of its own,
with the rate limits counted in a Redis server of its own, everything on loopback. Applicants
(one source address each) submit requests through the JSON API and look some of them up,
browsers read columns and items, search and use the tracking page, and a probe address submits
past the rate limit. Then it prints throughput and latency per endpoint and checks: every 201
is a stored request with what was sent, tracking numbers unique and gap-free, no 5xx, the
probe got exactly the limit across all workers. Exit status 0 only when every check holds.

    python tests/load/loadtest.py [--submissions 500 --clients 50 --browsers 10 --workers 4]

The database is ``<name>_load`` next to the one of ``--database-url`` (else DATABASE_URL, else
DISCLOSURE_TEST_POSTGRES_URL): created, migrated, filled with ``disclosure_demo``, dropped at
the end. A hard time limit (``--duration-limit``) ends everything, started processes included.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_project"
sys.path[:0] = [str(ROOT), str(EXAMPLE)]

from tests.load import clients, report, verify  # noqa: E402
from tests.load.database import LoadDatabase  # noqa: E402
from tests.net import free_port  # noqa: E402

DEFAULT_URL = "postgres://disclosure:disclosure@127.0.0.1:5432/disclosure"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--submissions", type=int, default=500, help="legitimate submissions in all")
    add("--clients", type=int, default=50, help="concurrent applicants, one address each")
    add("--browsers", type=int, default=10, help="concurrent browsers while they submit")
    add("--workers", type=int, default=4, help="gunicorn worker processes")
    add("--limit", type=int, default=10, help="SUBMIT_RATE_LIMIT per address and hour")
    add("--probe-extra", type=int, default=5, help="submissions of the probe past the limit")
    add("--track-ratio", type=float, default=0.3,
        help="chance that an applicant looks a request up after a 201")
    add("--browse-max", type=int, default=2000, help="at most this many visits per browser")
    add("--timeout", type=float, default=120,
        help="how long a client waits for an answer, s (queueing included)")
    add("--duration-limit", type=float, default=900, help="hard limit of the whole run, s")
    add("--site", choices=["demo", "small"], default="demo",
        help="demo: manage.py disclosure_demo (the full site); small: tests/load/site.py")
    add("--database-url", default=None)
    add("--fast-hasher", action="store_true",
        help="MD5 instead of PBKDF2 for access codes (the reduced CI run; not for figures)")
    add("--keep-db", action="store_true", help="do not drop the load database at the end")
    add("--json", type=Path, default=None, help="write the figures and checks here")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.submissions < args.clients:
        parser.error("--submissions must be at least --clients (one each at least)")
    if -(-args.submissions // args.clients) > args.limit:
        parser.error(f"{args.submissions} submissions from {args.clients} addresses exceed "
                     f"--limit {args.limit} per address: raise --clients or --limit")
    if args.clients > 250 or args.browsers > 250:
        parser.error("at most 250 applicants and 250 browsers (one loopback address each)")
    return args


class Processes:
    """The processes this run started; each in its own process group, ended by its id."""

    def __init__(self):
        self.running = []
        self.lock = threading.Lock()

    def start(self, name, command, log, **kwargs):
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True, **kwargs)
        with self.lock:
            self.running.append((name, process))
        return process

    def stop(self, process, grace=10):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its workers, if any outlived it
        except (ProcessLookupError, PermissionError):
            pass
        process.wait()

    def stop_all(self, grace=10):
        with self.lock:
            running, self.running = self.running[::-1], []
        for _name, process in running:
            self.stop(process, grace)


def wait_until(check, deadline, what):
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up in time")


def redis_ready(port):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")


def site_ready(port):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/api/disclosure/requests/schema")
        return connection.getresponse().status == 200
    finally:
        connection.close()


def run_setup(env, scratch, deadline, site):
    """Migrate and build the site, in the load settings' environment."""
    manage = [sys.executable, str(EXAMPLE / "manage.py")]
    build = (manage + ["disclosure_demo"] if site == "demo"
             else [sys.executable, str(ROOT / "tests" / "load" / "site.py")])
    with (scratch / "setup.log").open("a") as out:
        for what, command in (("migrated", manage + ["migrate", "--noinput", "-v0"]),
                              (f"built the {site} site", build)):
            started = time.perf_counter()
            subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT, check=True,
                           timeout=max(1, deadline - time.monotonic()))
            print(f"  {what} in {time.perf_counter() - started:.0f} s", flush=True)


def discover_site():
    """The pages the browsers visit and the demo request they look up (from the database)."""
    from wagtail_disclosure.catalogue.pages import (DisclosureColumnPage, DisclosureIndexPage,
                                                    DisclosureItemPage)
    from wagtail_disclosure.requests.demo import DEMO_ACCESS_CODE
    from wagtail_disclosure.requests.models import InformationRequest
    from wagtail_disclosure.requests.pages import RequestFormPage

    section = DisclosureIndexPage.objects.live().first()
    page = RequestFormPage.objects.live().first()
    demo_request = next(r for r in InformationRequest.objects.filter(
        letters__kind="reply").distinct() if r.check_access_code(DEMO_ACCESS_CODE))
    items = list(DisclosureItemPage.objects.live().public())
    words = sorted({item.title[i:i + 2] for item in items for i in (0, 2, 4)
                    if len(item.title) > i + 1})
    site = clients.Site(
        section=section.url, columns=[c.url for c in DisclosureColumnPage.objects.live()],
        items=[item.url for item in items], search_words=words[::3] or ["公开"],
        track_page=page.url + page.reverse_subpage("track"),
        demo_tracking_number=demo_request.tracking_number, demo_access_code=DEMO_ACCESS_CODE)
    return site, page.pk


def run_load(args, port, site, page_id, run_id, deadline):
    recorder = clients.Recorder()
    stop = threading.Event()

    def make_client(address):
        return clients.Client("127.0.0.1", port, address, recorder, deadline, args.timeout)

    share, rest = divmod(args.submissions, args.clients)
    applicants = [threading.Thread(target=clients.run_applicant, daemon=True, args=(
        make_client(clients.submitter_address(i)), run_id, i, share + (i < rest), page_id,
        args.track_ratio, stop)) for i in range(args.clients)]
    browsers = [threading.Thread(target=clients.run_browser, daemon=True, args=(
        make_client(clients.browser_address(i)), site, f"{run_id}-b{i}", stop,
        args.browse_max)) for i in range(args.browsers)]
    probe_result = []
    probe = threading.Thread(target=lambda: probe_result.append(clients.run_probe(
        make_client, run_id, page_id, args.limit + args.probe_extra,
        min(args.workers * 2, args.limit + args.probe_extra))), daemon=True)
    started = time.perf_counter()
    for thread in browsers + applicants + [probe]:
        thread.start()
    for thread in applicants + [probe]:
        thread.join(max(0, deadline - time.monotonic()))
    stop.set()
    for thread in browsers:
        thread.join(max(0, deadline - time.monotonic()))
    elapsed = time.perf_counter() - started
    if any(t.is_alive() for t in applicants + browsers + [probe]):
        raise TimeoutError("the load did not finish within --duration-limit")
    return recorder, probe_result[0], elapsed


def main(argv=None):
    args = parse_args(argv)
    deadline = time.monotonic() + args.duration_limit
    run_id = time.strftime("%H%M%S") + f"-{os.getpid()}"
    processes = Processes()
    scratch = Path(tempfile.mkdtemp(prefix="disclosure-load-"))
    database = LoadDatabase(args.database_url or os.environ.get("DATABASE_URL")
                            or os.environ.get("DISCLOSURE_TEST_POSTGRES_URL") or DEFAULT_URL)
    finished = threading.Event()

    def watchdog():
        if not finished.wait(max(0, deadline - time.monotonic()) + 5):
            print(f"HARD TIME LIMIT of {args.duration_limit:.0f} s reached: stopping.",
                  file=sys.stderr, flush=True)
            processes.stop_all(grace=2)
            if not finished.wait(20):
                database.drop_quietly()
                os._exit(3)

    threading.Thread(target=watchdog, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    passed = False
    try:
        passed = _run(args, deadline, run_id, processes, scratch, database)
    except Exception as exc:  # noqa: BLE001 - reported, then everything is cleaned up
        print(f"RESULT: FAIL ({type(exc).__name__}: {exc}); logs in {scratch}", flush=True)
    finally:
        processes.stop_all()
        if not args.keep_db:
            database.drop_quietly()
        finished.set()
        if passed:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0 if passed else 1


def _run(args, deadline, run_id, processes, scratch, database):
    print(f"Load database {database.name}; scratch folder {scratch}", flush=True)
    redis_port, web_port = free_port(), free_port()
    redis = processes.start("redis", ["redis-server", "--port", str(redis_port), "--bind",
                                      "127.0.0.1", "--save", "", "--appendonly", "no"],
                            (scratch / "redis.log").open("w"))
    wait_until(lambda: redis_ready(redis_port), min(deadline, time.monotonic() + 20), "Redis")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.load.settings",
           "DATABASE_URL": database.url, "LOADTEST_DIR": str(scratch),
           "LOADTEST_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
           "LOADTEST_SUBMIT_LIMIT": str(args.limit),
           "LOADTEST_FAST_HASHER": "1" if args.fast_hasher else "0",
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(EXAMPLE)])}
    os.environ.update({k: env[k] for k in env if k.startswith(("LOADTEST_", "DJANGO_S"))},
                      DATABASE_URL=database.url)
    started = time.perf_counter()
    database.create()
    run_setup(env, scratch, deadline, args.site)
    setup_seconds = time.perf_counter() - started
    print(f"Setup took {setup_seconds:.0f} s", flush=True)

    import django

    django.setup()
    from django.db import connections

    site, page_id = discover_site()
    connections.close_all()

    server_log = scratch / "gunicorn.log"
    access_log = scratch / "access.log"
    gunicorn = processes.start("gunicorn", [
        sys.executable, "-m", "gunicorn", "agency.wsgi:application", "--chdir", str(EXAMPLE),
        "--bind", f"127.0.0.1:{web_port}", "--workers", str(args.workers), "--timeout", "60",
        "--graceful-timeout", "10", "--backlog", "1024", "--log-level", "info",
        "--error-logfile", "-", "--access-logfile", str(access_log),
        "--access-logformat", "%(h)s %(p)s %(s)s %(M)s \"%(r)s\""],
        server_log.open("w"), env=env)
    wait_until(lambda: site_ready(web_port), min(deadline, time.monotonic() + 60), "gunicorn")
    warm = clients.Client("127.0.0.1", web_port, "127.0.3.1", clients.Recorder(), deadline)
    for path in [site.section, *site.columns[:3], site.items[0], site.track_page]:
        warm.get("warm-up", path)
    print(f"gunicorn: {args.workers} workers on 127.0.0.1:{web_port}; load starts "
          f"({args.submissions} submissions from {args.clients} addresses, "
          f"{args.browsers} browsers)", flush=True)

    load_before, cpu_before = os.getloadavg(), worker_cpu_seconds(gunicorn.pid)
    recorder, probe, elapsed = run_load(args, web_port, site, page_id, run_id, deadline)
    worker_cpu = worker_cpu_seconds(gunicorn.pid) - cpu_before
    time.sleep(0.5)  # the access log is written after each answer
    checks = verify.client_checks(
        recorder, args.submissions, probe, args.limit, args.workers,
        verify.access_log_pids(access_log, clients.PROBE_ADDRESS))
    checks += verify.server_checks(server_log, args.workers)
    processes.stop(gunicorn)
    processes.stop(redis)
    checks += verify.database_checks(recorder, run_id)
    connections.close_all()

    rows = report.endpoint_rows(recorder.samples, elapsed)
    print(report.table(rows, elapsed))
    print("Load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}"
          .format(*load_before, *os.getloadavg()))
    print(f"CPU time of the gunicorn workers during the load: {worker_cpu:.1f} s "
          f"({1000 * worker_cpu / max(1, len(recorder.samples)):.0f} ms per answer)")
    for name, ok, detail in checks:
        print(f"VERIFY {'ok  ' if ok else 'FAIL'} {name}: {detail}")
    passed = all(ok for _name, ok, _detail in checks)
    print(f"RESULT: {'PASS' if passed else 'FAIL'}" + ("" if passed else f"; logs in {scratch}"))
    if args.json:
        args.json.write_text(json.dumps(report.figures(
            args, rows, elapsed, setup_seconds, checks, passed, database.server_version(),
            machine={**machine(), "load_average_before": [round(x, 2) for x in load_before],
                     "load_average_after": [round(x, 2) for x in os.getloadavg()]},
            worker_cpu_seconds=worker_cpu),
            ensure_ascii=False, indent=2) + "\n")
    return passed


def worker_cpu_seconds(master_pid):
    """User and system CPU time the gunicorn workers have used so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    for pid in children.read_text().split() if children.exists() else ():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def machine():
    redis_version = subprocess.run(["redis-server", "--version"], capture_output=True,
                                   text=True).stdout.split()[2].removeprefix("v=")
    import gunicorn

    return {"cpus": os.cpu_count(), "system": platform.platform(),
            "python": platform.python_version(), "gunicorn": gunicorn.__version__,
            "redis": redis_version}


if __name__ == "__main__":
    sys.exit(main())
