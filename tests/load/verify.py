"""What the load test checks after the load: the client's records against the database and
the server's logs. Each check is (name, passed, detail).

The tracking numbers follow ``TRACKING_NUMBER_FORMAT`` (``{year}-{serial:06d}`` by default):
``services.next_tracking_number`` takes the next serial of the year's sequence
(``IndexNumberSequence`` scope ``request:<year>``) inside the transaction that stores the
request, so a rolled-back submission gives its serial back and the serials of a year run
1, 2, 3 ... without a gap or a repeat, up to the sequence's ``last_serial``.
"""

import re
from collections import Counter, defaultdict

EXPECTED = {
    "submit (API)": {201},
    "submit over the limit (probe)": {201, 429},
    "track (API)": {200},
}  # every other endpoint: 200


def client_checks(recorder, submissions_expected, probe, limit, workers, probe_pids):
    """Checks on what the clients saw."""
    samples = recorder.samples
    server_errors = [s for s in samples if s.status >= 500]
    no_answer = [s for s in samples if s.status == 0]
    unexpected = Counter((s.endpoint, s.status) for s in samples
                         if s.status and s.status < 500
                         and s.status not in EXPECTED.get(s.endpoint, {200}))
    legit = [s for s in samples if s.endpoint == "submit (API)"]
    created = sum(1 for s in legit if s.status == 201)
    statuses, one_window = probe
    probe_201, probe_429 = statuses.count(201), statuses.count(429)
    numbers = [answer["tracking_number"] for _client, _body, answer in recorder.created]
    repeated = [n for n, count in Counter(numbers).items() if count > 1]
    checks = [
        ("no 5xx answer", not server_errors,
         f"{len(server_errors)} of {len(samples)} answers were 5xx"
         + (f" (first: {server_errors[0].endpoint} {server_errors[0].status})"
            if server_errors else "")),
        ("every request answered", not no_answer,
         f"{len(no_answer)} without an answer"
         + (f" (first: {no_answer[0].endpoint}: {no_answer[0].error})" if no_answer else "")),
        ("only expected statuses", not unexpected,
         ", ".join(f"{e} {s}: {n}" for (e, s), n in sorted(unexpected.items())) or "none"),
        ("every legitimate submission got 201", created == submissions_expected,
         f"{created} of {submissions_expected}"),
        ("tracking numbers unique in the answers", not repeated,
         f"{len(numbers)} numbers" + (f", repeated: {repeated[:5]}" if repeated else "")),
        ("answers consistent with what was sent", not recorder.problems,
         "; ".join(recorder.problems[:3]) or "yes"),
        ("rate limit holds across workers",
         probe_201 == limit and probe_429 == len(statuses) - limit and one_window,
         f"probe address sent {len(statuses)}: {probe_201} × 201, {probe_429} × 429 "
         f"(limit {limit}/hour{'' if one_window else ', crossed an hour: window restarted'})"),
    ]
    if workers > 1:
        checks.append(("the probe was served by several workers", len(probe_pids) > 1,
                       f"{len(probe_pids)} worker process(es) answered it"))
    return checks


def database_checks(recorder, run_id):
    """Checks on the stored requests (needs Django set up on the load database)."""
    from wagtail_disclosure.catalogue.models import IndexNumberSequence
    from wagtail_disclosure.requests.models import InformationRequest, Notification

    sent = {answer["tracking_number"]: body for _client, body, answer in recorder.created}
    stored = {row["tracking_number"]: row for row in InformationRequest.objects.filter(
        tracking_number__in=list(sent)).values(
        "pk", "tracking_number", "name", "id_number", "email", "description", "channel")}
    missing = sorted(set(sent) - set(stored))
    differing = [number for number, row in stored.items()
                 if any(row[key] != sent[number][key]
                        for key in ("name", "id_number", "email", "description"))]
    of_run = InformationRequest.objects.filter(description__contains=f"负载测试 {run_id} ")
    unacknowledged = sorted(set(of_run.values_list("tracking_number", flat=True)) - set(sent))

    gaps = []
    by_year = defaultdict(list)
    pattern = re.compile(r"^(\d{4})-(\d+)$")
    for number in InformationRequest.objects.values_list("tracking_number", flat=True):
        match = pattern.match(number)
        if match:
            by_year[match.group(1)].append(int(match.group(2)))
    years = sorted({pattern.match(n).group(1) for n in sent if pattern.match(n)})
    for year in years:
        serials = by_year[year]
        last = (IndexNumberSequence.objects.filter(scope=f"request:{year}")
                .values_list("last_serial", flat=True).first() or 0)
        if sorted(serials) != list(range(1, last + 1)):
            absent = sorted(set(range(1, last + 1)) - set(serials))
            gaps.append(f"{year}: {len(serials)} stored, sequence at {last}, "
                        f"missing {absent[:5]}, repeated "
                        f"{[s for s, c in Counter(serials).items() if c > 1][:5]}")

    acks = Counter(Notification.objects.filter(
        request__tracking_number__in=list(sent), kind="applicant:received")
        .values_list("request__tracking_number", flat=True))
    acks_sent = Notification.objects.filter(
        request__tracking_number__in=list(sent), kind="applicant:received",
        sent_at__isnull=False).count()
    bad_acks = [n for n in sent if acks.get(n) != 1]
    return [
        ("every 201 is a stored request with the submitted content",
         not missing and not differing and len(stored) == len(sent),
         f"{len(stored)} of {len(sent)} stored"
         + (f"; missing {missing[:5]}" if missing else "")
         + (f"; content differs for {differing[:5]}" if differing else "")),
        ("no stored request without a 201", not unacknowledged,
         f"{of_run.count()} stored for this run"
         + (f"; never answered 201: {unacknowledged[:5]}" if unacknowledged else "")),
        ("tracking numbers unique and gap-free", bool(years) and not gaps,
         "; ".join(gaps) or f"years {', '.join(years)}: serials 1..n with no gap or repeat"),
        ("one acknowledgement queued per request, and sent",
         not bad_acks and acks_sent == len(sent),
         f"{len(sent) - len(bad_acks)} of {len(sent)} queued once, {acks_sent} sent"),
    ]


def server_checks(error_log, workers):
    """Checks on gunicorn's and Django's log: no traceback, no worker killed or restarted."""
    text = error_log.read_text(errors="replace") if error_log.exists() else ""
    boots = len(re.findall(r"Booting worker with pid", text))
    timeouts = len(re.findall(r"WORKER TIMEOUT|was sent SIGKILL|Worker exiting", text))
    tracebacks = text.count("Traceback (most recent call last)")
    errors = [line for line in text.splitlines()
              if any(mark in line for mark in ("[ERROR]", "[CRITICAL]", " ERROR ", " CRITICAL "))]
    return [
        ("no error in the server log", tracebacks == 0 and not errors,
         f"{tracebacks} traceback(s), {len(errors)} error line(s)"
         + (f" (first: {errors[0][:160]})" if errors else "")),
        ("no worker killed or restarted", timeouts == 0 and boots == workers,
         f"{boots} worker(s) booted for {workers}, {timeouts} timeout(s) or kill(s)"),
    ]


def access_log_pids(access_log, address):
    """The worker pids that answered ``address`` (the access log's format is ``%(h)s %(p)s
    %(s)s``: client address, worker pid, status)."""
    pids = set()
    if access_log.exists():
        for line in access_log.read_text(errors="replace").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == address:
                pids.add(parts[1])
    return pids
