"""The simulated visitors of the load test: applicants who submit and track their requests,
browsers who read columns and items, search and use the tracking page, and the probe address
that submits past the rate limit. Standard library only (http.client and threads).

Every client binds its own source address in 127.0.0.0/8 (Linux routes the whole block to the
loopback interface), so the site sees a different ``REMOTE_ADDR`` per client, as it would for
applicants on different networks, without any proxy header.
"""

import http.client
import json
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

SUBMIT_PATH = "/api/disclosure/requests/"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")
_CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def submitter_address(index):
    return f"127.0.0.{2 + index}"  # 127.0.0.2 ... 127.0.0.251


def browser_address(index):
    return f"127.0.1.{1 + index}"


PROBE_ADDRESS = "127.0.2.1"


def resident_id(serial):
    """A valid 18-digit resident identity number (GB 11643-1999 check digit), one per
    simulated applicant: the repeat check and the fee count group requests by it."""
    body = f"33030219800101{serial % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, _CHECK_WEIGHTS))
    return body + "10X98765432"[total % 11]


@dataclass
class Sample:
    endpoint: str
    status: int  # 0: no answer (connection refused or reset, timeout)
    seconds: float
    client: str
    error: str = ""


@dataclass
class Recorder:
    """What every client saw, shared by the threads."""

    samples: list = field(default_factory=list)
    created: list = field(default_factory=list)  # (client, sent body, 201 answer)
    problems: list = field(default_factory=list)  # answers that contradict what was sent
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample):
        with self.lock:
            self.samples.append(sample)

    def problem(self, text):
        with self.lock:
            self.problems.append(text)


class Client:
    """One visitor: a source address, and one new connection per request (gunicorn's sync
    workers close the connection after each answer anyway)."""

    def __init__(self, host, port, address, recorder, deadline, timeout=120):
        self.host, self.port, self.address = host, port, address
        self.recorder, self.deadline, self.timeout = recorder, deadline, timeout

    def request(self, endpoint, method, path, body=None, headers=None):
        """(status, body bytes, headers); status 0 when no answer came."""
        headers = {"Host": f"{self.host}:{self.port}", "Connection": "close",
                   "Accept-Language": "zh-hans", **(headers or {})}
        timeout = max(1.0, min(self.timeout, self.deadline - time.monotonic()))
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout,
                                                source_address=(self.address, 0))
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            status, answer_headers, error = response.status, response.getheaders(), ""
        except (OSError, http.client.HTTPException) as exc:
            data, status, answer_headers, error = b"", 0, [], f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()
        self.recorder.add(Sample(endpoint, status, time.perf_counter() - started,
                                 self.address, error))
        return status, data, dict(answer_headers)

    def get(self, endpoint, path, headers=None):
        return self.request(endpoint, "GET", path, headers=headers)

    def post_json(self, endpoint, path, payload, headers=None):
        return self.request(endpoint, "POST", path, json.dumps(payload).encode(),
                            {"Content-Type": "application/json", **(headers or {})})


# -- applicants -----------------------------------------------------------------------------


def request_body(run_id, client_index, number, page_id):
    """A valid request from applicant ``client_index``; the description names the run, the
    client and the submission, so that the database check finds exactly the run's requests."""
    return {
        "applicant_type": "natural_person", "name": f"压测申请人{client_index:03d}",
        "id_type": "resident_id", "id_number": resident_id(client_index),
        "phone": f"138{client_index:04d}{number:04d}",
        "email": f"applicant{client_index}@example.com",
        "address": f"温州市鹿城区人民路{client_index}号", "postcode": "325000",
        "description": f"负载测试 {run_id} 客户{client_index} 第{number}件：区供销社农资储备资金使用情况",
        "document_number": "", "purpose": "", "form": "electronic", "delivery": "email",
        "consent": True, "page": page_id,
    }


def run_applicant(client, run_id, client_index, submissions, page_id, track_ratio, stop):
    """Submit ``submissions`` requests one after the other; after a 201, sometimes look one
    of this applicant's requests up with its access code, as applicants do."""
    rng = random.Random(f"{run_id}-{client_index}")
    mine = []
    for number in range(1, submissions + 1):
        if stop.is_set():
            return
        body = request_body(run_id, client_index, number, page_id)
        status, data, _headers = client.post_json("submit (API)", SUBMIT_PATH, body)
        if status != 201:
            continue
        answer = json.loads(data)
        with client.recorder.lock:
            client.recorder.created.append((client.address, body, answer))
        mine.append((body, answer))
        if rng.random() < track_ratio:
            track_own(client, *rng.choice(mine))


def track_own(client, body, answer):
    number = urllib.parse.quote(answer["tracking_number"])
    status, data, _headers = client.get(
        "track (API)", f"/api/disclosure/requests/{number}",
        {"X-Access-Code": answer["access_code"]})
    if status != 200:
        return
    found = json.loads(data)
    if (found.get("tracking_number") != answer["tracking_number"]
            or found.get("description") != body["description"]):
        client.recorder.problem(f"tracking {answer['tracking_number']} with its code answered "
                                f"another request: {found.get('tracking_number')!r}")


# -- the probe ------------------------------------------------------------------------------


def run_probe(make_client, run_id, page_id, attempts, parallel):
    """``attempts`` submissions from one address, ``parallel`` at a time (so that several
    workers serve them). Returns the statuses and whether the burst stayed in one window of
    the hourly limit (else the count may have restarted in the middle)."""
    statuses, lock = [], threading.Lock()
    numbers = iter(range(1, attempts + 1))
    started_slot = int(time.time() // 3600)

    def worker():
        client = make_client(PROBE_ADDRESS)
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            body = request_body(run_id, 999, number, page_id)
            status, data, _headers = client.post_json("submit over the limit (probe)",
                                                      SUBMIT_PATH, body)
            with lock:
                statuses.append(status)
                if status == 201:
                    client.recorder.created.append((PROBE_ADDRESS, body, json.loads(data)))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, started_slot == int(time.time() // 3600)


# -- browsers -------------------------------------------------------------------------------


@dataclass
class Site:
    """What the browsers visit, found in the database before the load starts."""

    section: str
    columns: list
    items: list
    search_words: list
    track_page: str
    demo_tracking_number: str
    demo_access_code: str


def run_browser(client, site, seed, stop, max_requests):
    """Browse until ``stop`` is set (the applicants are done) or ``max_requests`` were made."""
    rng = random.Random(seed)
    actions = [(browse_column, 4), (browse_item, 3), (search, 2), (browse_section, 1),
               (track_page, 1), (track_api_demo, 1)]
    choices, weights = zip(*actions)
    for _ in range(max_requests):
        if stop.is_set():
            return
        rng.choices(choices, weights)[0](client, site, rng)


def browse_section(client, site, rng):
    client.get("section front page", site.section)


def browse_column(client, site, rng):
    client.get("column listing", rng.choice(site.columns))


def browse_item(client, site, rng):
    client.get("item page", rng.choice(site.items))


def search(client, site, rng):
    query = urllib.parse.urlencode({"q": rng.choice(site.search_words)})
    client.get("section search", f"{site.section}search/?{query}")


def track_api_demo(client, site, rng):
    number = urllib.parse.quote(site.demo_tracking_number)
    client.get("track (API)", f"/api/disclosure/requests/{number}",
               {"X-Access-Code": site.demo_access_code})


def track_page(client, site, rng):
    """The HTML tracking page: the form (which sets the CSRF cookie), then a lookup with the
    demo's code, or now and then a wrong one (which must answer 200 with a message too)."""
    status, data, headers = client.get("tracking page (form)", site.track_page)
    token = _CSRF_INPUT.search(data.decode("utf-8", "replace")) if status == 200 else None
    cookie = _CSRF_COOKIE.search(headers.get("Set-Cookie", "")) if token else None
    if not cookie:
        if status == 200:
            client.recorder.problem("the tracking page sent no CSRF token or cookie")
        return
    code = site.demo_access_code if rng.random() < 0.8 else "AAAA-BBBB-CCCC"
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1),
                                   "tracking_number": site.demo_tracking_number,
                                   "access_code": code}).encode()
    status, data, _headers = client.request(
        "tracking page (lookup)", "POST", site.track_page, form,
        {"Content-Type": "application/x-www-form-urlencoded",
         "Cookie": f"csrftoken={cookie.group(1)}"})
    if status == 200 and code == site.demo_access_code and (
            site.demo_tracking_number not in data.decode("utf-8", "replace")):
        client.recorder.problem("the tracking page did not show the demo request")
