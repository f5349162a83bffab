"""The versioned schema of an audit store. Migration N brings a store from version N-1 to N; a store records
the versions applied in its `schema_version` table. A migration is only ever added, never changed: a store
written by an earlier version of ects opens in a later one, its audits kept.

Statements are written once for both databases; `{id}` stands for the dialect's auto-numbered key."""
from __future__ import annotations

from dataclasses import dataclass

ID_COLUMN = {"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgresql": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"}


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]

    def sql(self, dialect: str) -> list[str]:
        return [s.replace("{id}", ID_COLUMN[dialect]) for s in self.statements]


SCHEMA_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "audits and their findings", (
        """CREATE TABLE audits (
            id {id},
            recorded_at TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            subject_title TEXT,
            input_path TEXT,
            input_sha256 TEXT,
            ruleset_id TEXT NOT NULL,
            ruleset_version TEXT,
            as_of TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            verdict TEXT NOT NULL,
            finding_count INTEGER NOT NULL)""",
        """CREATE TABLE findings (
            audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            rule TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_key TEXT,
            subject_label TEXT NOT NULL,
            status TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (audit_id, position))""",
    )),
    Migration(2, "the rule set's content hash; audits looked up by subject", (
        "ALTER TABLE audits ADD COLUMN ruleset_sha256 TEXT",
        "CREATE INDEX audits_by_subject ON audits (subject_kind, subject_id, ruleset_id, id)",
    )),
)

LATEST = MIGRATIONS[-1].version


def pending(current: int) -> list[Migration]:
    """The migrations a store at version `current` still needs, in order."""
    return [m for m in MIGRATIONS if m.version > current]
