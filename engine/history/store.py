"""What an audit store holds and the interface every store offers (engine.history.sqlite, .postgres).

An audit is written in one transaction, with all its findings, or not at all: a process killed in the middle
of a batch leaves the store with whole audits only. The SQL is shared; a store says how it connects, how it
runs a transaction, and how its placeholders are written."""
from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

from engine.errors import InputError
from engine.semantics.reasons import because
from .migrations import LATEST, SCHEMA_VERSION_TABLE, pending

Run = Callable[[str, Sequence[Any]], list[tuple]]  # run(sql with ? placeholders, params) -> rows


class StoreError(InputError):
    """An audit store that cannot be opened, read or written (one line, exit code 2)."""


@dataclass(frozen=True)
class FindingRecord:
    """One finding as stored: what identifies it, its status, its English message and its language-free data."""

    rule: str
    subject_kind: str
    subject_key: str | None
    subject_label: str
    status: str
    severity: str
    message: str  # in English
    data: dict[str, Any] = field(default_factory=dict, compare=False)  # Finding.to_dict()

    @property
    def key(self) -> tuple[str, str, str]:
        """What matches a finding across audits: the rule and the subject it is about."""
        return (self.rule, self.subject_kind, self.subject_label if self.subject_key is None else self.subject_key)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "subject": {"kind": self.subject_kind, "key": self.subject_key,
                                               "label": self.subject_label},
                "status": self.status, "severity": self.severity, "message": self.message, "data": self.data}


@dataclass(frozen=True)
class AuditRecord:
    """One recorded audit; `findings` is empty in listings (Store.audits) and full from Store.get."""

    subject_kind: str
    subject_id: str
    ruleset_id: str
    as_of: str
    engine_version: str
    verdict: str
    recorded_at: str  # ISO time, UTC
    subject_title: str | None = None
    input_path: str | None = None
    input_sha256: str | None = None
    ruleset_version: str | None = None
    ruleset_sha256: str | None = None  # None for audits recorded before schema version 2
    finding_count: int = 0
    findings: tuple[FindingRecord, ...] = ()
    id: int | None = None

    def to_dict(self, findings: bool = False) -> dict[str, Any]:
        d = {"id": self.id, "recorded_at": self.recorded_at,
             "subject": {"kind": self.subject_kind, "id": self.subject_id, "title": self.subject_title},
             "input": {"path": self.input_path, "sha256": self.input_sha256},
             "ruleset": {"id": self.ruleset_id, "version": self.ruleset_version, "sha256": self.ruleset_sha256},
             "as_of": self.as_of, "engine_version": self.engine_version, "verdict": self.verdict,
             "finding_count": self.finding_count}
        if findings:
            d["findings"] = [f.to_dict() for f in self.findings]
        return d


_AUDIT_COLUMNS = ("id", "recorded_at", "subject_kind", "subject_id", "subject_title", "input_path", "input_sha256",
                  "ruleset_id", "ruleset_version", "ruleset_sha256", "as_of", "engine_version", "verdict", "finding_count")
_FINDING_COLUMNS = ("rule", "subject_kind", "subject_key", "subject_label", "status", "severity", "message", "data")


class Store(ABC):
    """An audit store: `add` an audit, list them (`audits`), read one whole (`get`, `previous`).

    Subclasses give `dialect`, `location` (for messages, without secrets), `_transaction()` and `close()`."""

    dialect: str
    location: str
    opened_from: str = ""  # the PATH_OR_URL it was opened with (a URL may hold a password: never shown)

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Run]:
        """A write transaction, committed when the block ends and rolled back if it raises; errors of the
        database become StoreError."""

    def _lock_schema(self, run: Run) -> None:
        """Keep other processes from migrating at the same time (within the migration's transaction)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema ---------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the schema to the latest version, in one transaction; return the version it was at."""
        with self._transaction() as run:
            self._lock_schema(run)
            run(SCHEMA_VERSION_TABLE, ())
            current = run("SELECT COALESCE(MAX(version), 0) FROM schema_version", ())[0][0]
            if current > LATEST:
                raise StoreError(because("store.newer_schema", "the audit store has schema version {current}, written "
                                         "by a newer ects (this one knows up to {latest}); upgrade ects to read it",
                                         current=str(current), latest=str(LATEST)), path=self.location)
            for m in pending(current):
                for statement in m.sql(self.dialect):
                    run(statement, ())
                run("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                    (m.version, m.description, utc_now()))
        return current

    def schema_version(self) -> int:
        with self._transaction() as run:
            return run("SELECT COALESCE(MAX(version), 0) FROM schema_version", ())[0][0]

    # ---- writing and reading ----------------------------------------------------------------------

    def add(self, audit: AuditRecord) -> AuditRecord:
        """Write one audit and all its findings in one transaction; return it with its id."""
        columns = [c for c in _AUDIT_COLUMNS if c != "id"]
        row = [len(audit.findings) if c == "finding_count" else getattr(audit, c) for c in columns]
        with self._transaction() as run:
            audit_id = run(f"INSERT INTO audits ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                           f"RETURNING id", row)[0][0]
            insert = (f"INSERT INTO findings (audit_id, position, {', '.join(_FINDING_COLUMNS)}) "
                      f"VALUES ({', '.join('?' * (len(_FINDING_COLUMNS) + 2))})")
            for i, f in enumerate(audit.findings):
                run(insert, (audit_id, i, f.rule, f.subject_kind, f.subject_key, f.subject_label, f.status, f.severity,
                             f.message, json.dumps(f.data, ensure_ascii=False, sort_keys=True)))
        return replace(audit, id=audit_id, finding_count=len(audit.findings))

    def audits(self, subject: str | None = None, ruleset: str | None = None, before: str | None = None,
               kind: str | None = None) -> list[AuditRecord]:
        """Audits, oldest first, without their findings: of one subject id, under one rule set, of one kind,
        recorded before a time (ISO; a date means its start), as asked."""
        where, params = [], []
        for column, value in (("subject_id", subject), ("ruleset_id", ruleset), ("subject_kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if before is not None:
            where.append("recorded_at < ?")
            params.append(before)
        sql = f"SELECT {', '.join(_AUDIT_COLUMNS)} FROM audits" + (f" WHERE {' AND '.join(where)}" if where else "")
        with self._transaction() as run:
            rows = run(sql + " ORDER BY id", params)
        return [AuditRecord(**dict(zip(_AUDIT_COLUMNS, r))) for r in rows]

    def get(self, audit_id: int) -> AuditRecord | None:
        """One audit with its findings, or None."""
        with self._transaction() as run:
            rows = run(f"SELECT {', '.join(_AUDIT_COLUMNS)} FROM audits WHERE id = ?", (audit_id,))
            if not rows:
                return None
            found = run(f"SELECT {', '.join(_FINDING_COLUMNS)} FROM findings WHERE audit_id = ? ORDER BY position",
                        (audit_id,))
        findings = tuple(FindingRecord(*r[:-1], data=json.loads(r[-1])) for r in found)
        return AuditRecord(**dict(zip(_AUDIT_COLUMNS, rows[0])), findings=findings)

    def last_id(self, subject_kind: str, subject_id: str, ruleset_id: str) -> int | None:
        """The id of the last audit recorded of this subject under this rule set, or None."""
        with self._transaction() as run:
            rows = run("SELECT MAX(id) FROM audits WHERE subject_kind = ? AND subject_id = ? AND ruleset_id = ?",
                       (subject_kind, subject_id, ruleset_id))
        return rows[0][0]

    def previous(self, subject_kind: str, subject_id: str, ruleset_id: str) -> AuditRecord | None:
        """The last audit recorded of this subject under this rule set, with its findings, or None."""
        last = self.last_id(subject_kind, subject_id, ruleset_id)
        return self.get(last) if last is not None else None


def utc_now() -> str:
    """The time now, UTC, as ISO text (sorts as it reads)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
