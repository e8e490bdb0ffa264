"""The load test's own PostgreSQL database, next to a given one (never that one itself)."""

from urllib.parse import unquote, urlparse, urlunparse


class LoadDatabase:
    """``<name>_load`` on the server of ``base_url``: dropped if left over, created empty,
    dropped again at the end. Only a name ending in ``_load`` is ever dropped."""

    def __init__(self, base_url):
        parsed = urlparse(base_url)
        if parsed.scheme not in ("postgres", "postgresql"):
            raise SystemExit(f"The load test needs PostgreSQL, not {parsed.scheme or base_url!r}")
        base = unquote(parsed.path.lstrip("/")) or "disclosure"
        self.name = base if base.endswith("_load") else f"{base}_load"
        self.url = urlunparse(parsed._replace(path="/" + self.name))
        self.admin_url = urlunparse(parsed._replace(path="/postgres"))
        self.created = False

    def _execute(self, *statements):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=10) as conn:
            for statement in statements:
                conn.execute(statement)

    def create(self):
        assert self.name.endswith("_load")
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
                      f'CREATE DATABASE "{self.name}"')
        self.created = True

    def drop_quietly(self):
        if not self.created:
            return
        try:
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False
        except Exception as exc:  # noqa: BLE001 - the run's result is already decided
            print(f"Could not drop the load database {self.name}: {exc}")

    def server_version(self):
        import psycopg

        with psycopg.connect(self.admin_url, connect_timeout=10) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
