"""A throwaway PostgreSQL server for the audit-store tests: `initdb` and `pg_ctl` from PATH or from
/usr/lib/postgresql/*/bin, in a temporary folder, on a free port; run as the `postgres` user when the tests
run as root (initdb refuses root). The tests that need it are skipped when no server can be started (they fail
instead when ECTS_REQUIRE_POSTGRES is set, as CI sets it once it has installed PostgreSQL)."""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

_names = itertools.count(1)


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A running server: `url(db)` names a database on it, `new_database()` makes a fresh one."""

    def __init__(self) -> None:
        initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
        if not (initdb and pg_ctl):
            raise RuntimeError("initdb and pg_ctl not found")
        self.pg_ctl = pg_ctl
        self.folder = Path(tempfile.mkdtemp(prefix="ects-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")  # KeyError: no such user, the tests are skipped
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self._run(initdb, "-D", str(self.data), "-A", "trust", "-U", "ects", "--no-sync", "-E", "UTF8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "-t", "60",
                  "start")

    def _run(self, *cmd: str) -> None:
        subprocess.run([*self.run_as, *cmd], check=True, capture_output=True, timeout=120)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://ects@127.0.0.1:{self.port}/{db}"

    def new_database(self) -> str:
        name = f"audits_{next(_names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-W", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = PgServer()
    except (RuntimeError, KeyError, OSError, subprocess.SubprocessError) as e:
        if os.environ.get("ECTS_REQUIRE_POSTGRES"):  # set by .ci/run once PostgreSQL is installed
            pytest.fail(f"PostgreSQL is installed but no server could be started: {e}")
        pytest.skip(f"no PostgreSQL server could be started: {e}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a fresh, empty database on the throwaway server."""
    return pg_server.new_database()
