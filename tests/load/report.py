"""The load test's figures: per endpoint count, throughput, latency percentiles, statuses."""

import math
from collections import Counter, defaultdict

ORDER = ["submit (API)", "submit over the limit (probe)", "track (API)", "section front page",
         "column listing", "item page", "section search", "tracking page (form)",
         "tracking page (lookup)"]


def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return 0.0
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def endpoint_rows(samples, elapsed):
    by_endpoint = defaultdict(list)
    for sample in samples:
        by_endpoint[sample.endpoint].append(sample)
    by_endpoint["all"] = list(samples)
    rows = []
    names = sorted(by_endpoint, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER),
                                               n == "all", n))
    for name in names:
        group = by_endpoint[name]
        times = sorted(s.seconds * 1000 for s in group)
        rows.append({
            "endpoint": name, "count": len(group),
            "per_second": round(len(group) / elapsed, 2) if elapsed else 0.0,
            "p50_ms": round(percentile(times, 50)), "p90_ms": round(percentile(times, 90)),
            "p99_ms": round(percentile(times, 99)), "max_ms": round(times[-1] if times else 0),
            "statuses": dict(sorted(Counter(str(s.status) for s in group).items())),
        })
    return rows


def table(rows, elapsed):
    head = (f"{'endpoint':<30} {'count':>6} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} "
            f"{'p99 ms':>7} {'max ms':>7}  statuses")
    lines = [f"Load phase: {elapsed:.1f} s", head, "-" * len(head)]
    for row in rows:
        statuses = " ".join(f"{code}×{n}" for code, n in row["statuses"].items())
        lines.append(f"{row['endpoint']:<30} {row['count']:>6} {row['per_second']:>7.2f} "
                     f"{row['p50_ms']:>7} {row['p90_ms']:>7} {row['p99_ms']:>7} "
                     f"{row['max_ms']:>7}  {statuses}")
    return "\n".join(lines)


def figures(args, rows, elapsed, setup_seconds, checks, passed, postgres, machine,
            worker_cpu_seconds):
    return {
        "settings": {"submissions": args.submissions, "clients": args.clients,
                     "browsers": args.browsers, "workers": args.workers, "site": args.site,
                     "submit_rate_limit": f"{args.limit}/hour",
                     "probe_attempts": args.limit + args.probe_extra,
                     "password_hasher": "MD5 (fast)" if args.fast_hasher else "PBKDF2 (default)"},
        "machine": {**machine, "postgresql": postgres},
        "setup_seconds": round(setup_seconds, 1), "load_seconds": round(elapsed, 1),
        "worker_cpu_seconds": round(worker_cpu_seconds, 1),
        "endpoints": rows,
        "checks": [{"name": n, "passed": ok, "detail": d} for n, ok, d in checks],
        "passed": passed,
    }
