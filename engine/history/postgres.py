"""The server audit store: a PostgreSQL database shared by several reviewers (`--store postgresql://...`),
through psycopg 3. The same tables and SQL as the SQLite store; writers take turns per transaction, and a
migration holds an advisory lock so that two servers starting together do not both apply it."""
from __future__ import annotations

import importlib
import threading
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

from engine.semantics.reasons import because, plain

from .store import Run, Store, StoreError

SCHEMES = ("postgresql", "postgres")
MIGRATION_LOCK = 0x65637473  # "ects": the advisory lock key held while migrating
CONNECT_TIMEOUT_S = 10


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresStore(Store):
    """An audit store in a PostgreSQL database (the URL names the server, user and database)."""

    dialect = "postgresql"

    def __init__(self, url: str):
        self.location = redacted(url)
        self._lock = threading.Lock()
        # psycopg is loaded when a PostgreSQL store is opened, not by every command that might record an audit
        try:
            self._pg = importlib.import_module("psycopg")
        except ImportError:
            raise StoreError(because("store.needs_psycopg", "a PostgreSQL audit store needs the psycopg package (pip "
                                     "install 'psycopg[binary]')"),
                             path=self.location) from None
        try:
            self._db = self._pg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except self._pg.Error as e:
            raise StoreError(because("store.cannot_connect", "cannot connect to the audit store: {why}",
                                     why=plain(_first_line(e))), path=self.location) from None
        self.migrate()

    def _lock_schema(self, run: Run) -> None:
        run("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))

    @contextmanager
    def _transaction(self) -> Iterator[Run]:
        def run(sql, params):
            cur = self._db.execute(sql.replace("?", "%s"), tuple(params))
            return cur.fetchall() if cur.description else []
        with self._lock:
            try:
                with self._db.transaction():
                    yield run
            except self._pg.Error as e:
                raise StoreError(because("store.failed", "audit store: {why}", why=plain(_first_line(e))),
                                 path=self.location) from None

    def close(self) -> None:
        self._db.close()


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]
