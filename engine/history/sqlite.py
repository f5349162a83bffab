"""The embedded audit store: one SQLite file (the standard library's sqlite3).

WAL mode lets readers go on while one process writes; several writers (processes or threads) take turns,
each waiting up to `BUSY_TIMEOUT_S` for the others. Every write is one `BEGIN IMMEDIATE` transaction."""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from engine.semantics.reasons import Reason, because, plain

from .store import Run, Store, StoreError

BUSY_TIMEOUT_S = 30.0


class SqliteStore(Store):
    """An audit store in a SQLite file, created (with its folder's permission) when missing if `create`."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, create: bool = True):
        self.location = str(path)
        if not create and not Path(path).is_file():
            raise StoreError(because("store.none_here", "no audit store here (give --store PATH of a store an audit was "
                                     "recorded in)"),
                             path=self.location)
        self._lock = threading.Lock()  # one connection, used by one thread at a time
        try:
            self._db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._wal()
            self._db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as e:
            raise StoreError(because("store.cannot_open", "cannot open the audit store: {why}", why=plain(str(e))),
                             path=self.location) from None
        self.migrate()

    def _wal(self) -> None:
        """Switch the file to WAL mode. Processes that open a new store at once race for this switch, and
        SQLite answers the losers "database is locked" at once, without its busy wait: they wait here."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @contextmanager
    def _transaction(self) -> Iterator[Run]:
        def run(sql, params):
            return self._db.execute(sql, tuple(params)).fetchall()
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise StoreError(_cannot_write(e), path=self.location) from None
            try:
                yield run
            except sqlite3.Error as e:
                self._db.execute("ROLLBACK")
                raise StoreError(because("store.failed", "audit store: {why}", why=plain(str(e))),
                                 path=self.location) from None
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as e:
                raise StoreError(_cannot_write(e), path=self.location) from None

    def close(self) -> None:
        self._db.close()


def _cannot_write(e: sqlite3.Error) -> Reason:
    """'cannot write to the audit store: ...' with SQLite's words for why, quoted in other languages."""
    return because("store.cannot_write", "cannot write to the audit store: {why}", why=plain(str(e)))

