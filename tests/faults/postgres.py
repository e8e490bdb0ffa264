"""A private PostgreSQL server for the fault tests, which stop and restart it.

Never the shared server of the test run: ``initdb`` makes a cluster in a temporary folder and
``pg_ctl`` runs it on a free loopback port, as the ``postgres`` OS user when the tests run as
root (PostgreSQL refuses to run as root). Authentication is ``trust``, on 127.0.0.1 only.
"""

import glob
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.faults.smtp import free_port


def binaries():
    """The folder of PostgreSQL's server programs, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        bindir = Path(subprocess.run([pg_config, "--bindir"], capture_output=True,
                                     text=True, check=False).stdout.strip())
        if (bindir / "initdb").exists():
            return bindir
    return None


class PrivatePostgres:
    USER = "disclosure"

    def __init__(self):
        self.bin = binaries()
        # Not below pytest's tmp_path, which only root may enter.
        self.folder = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args, check=True):
        command = [str(self.bin / args[0]), *map(str, args[1:])]
        if self.as_postgres:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(command)]
        return subprocess.run(command, capture_output=True, text=True, check=check,
                              timeout=120)

    def init(self):
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
            os.chmod(self.folder, 0o755)
        self._run("initdb", "-D", self.data, "-U", self.USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        return self

    def start(self):
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.folder} -c fsync=off")
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w",
                  "start")

    def stop(self, mode="immediate"):
        """``immediate``: the server is killed mid-work, as by a crash or power loss."""
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def create_database(self, name):
        self._run("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", self.USER, name)

    def url(self, name):
        return f"postgres://{self.USER}@127.0.0.1:{self.port}/{name}"

    def load_from(self, source_url, name):
        """Copy a database of another server here (schema and data), with pg_dump."""
        dump = subprocess.run([str(self.bin / "pg_dump"), "--no-owner", "--no-privileges",
                               "-d", source_url], capture_output=True, check=True, timeout=300)
        subprocess.run([str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d",
                        self.url(name)], input=dump.stdout, capture_output=True, check=True,
                       timeout=300)

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self):
        try:
            return (self.folder / "log").read_text()[-3000:]
        except OSError:
            return ""
