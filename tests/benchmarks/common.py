"""What the benchmark scripts share: the scratch database, the environment, small statistics."""

import os
import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"


def configure_environment(sqlite_file):
    """The example project's settings, production-like (no DEBUG, no query logging), on the
    scratch SQLite file unless DATABASE_URL names a PostgreSQL database."""
    sys.path[:0] = [str(ROOT / "example_project"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agency.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    if not os.environ.get("DATABASE_URL"):
        BENCH_DIR.mkdir(exist_ok=True)
        os.environ["SQLITE_PATH"] = str(sqlite_file)


def reset_database(sqlite_file):
    """An empty database: the SQLite file removed, or the PostgreSQL schema dropped."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        return
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to wipe database {name!r}: the benchmark database's name must "
                 "contain 'bench' (it is dropped and rebuilt).")
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")


def database_description(sqlite_file):
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (file, {Path(sqlite_file).relative_to(ROOT)})"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    host = connection.settings_dict.get("HOST") or "local socket"
    return f"PostgreSQL {version} ({host})"


def prepare_site(sqlite_file, reuse, find_site, build_site, size, seed):
    """The benchmark's site: found in the scratch database with ``--reuse``, else built in a
    freshly migrated one. Returns what ``find_site``/``build_site`` return."""
    import time

    from django.core.management import call_command

    pages = None
    if reuse:
        try:
            pages = find_site(size)
        except Exception:  # noqa: BLE001 - no database or no tables yet
            pages = None
    if pages is None:
        print("Building the benchmark site...", flush=True)
        started = time.perf_counter()
        reset_database(sqlite_file)
        call_command("migrate", verbosity=0, interactive=False)
        print(f"  migrated in {time.perf_counter() - started:.1f} s", flush=True)
        pages = build_site(size, seed)
    else:
        print("Reusing the benchmark site in the scratch database.")
    return pages


def p90(values):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"
