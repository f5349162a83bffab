"""Recording audits: `open_store(PATH_OR_URL)` and `record(store, report, subject)`, which a command calls
after each audit, before it renders the report, so that the report can say what changed since the last audit
of the same subject under the same rule set."""
from __future__ import annotations

import importlib
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

from engine.evaluation.findings import Finding, Report
from engine.evaluation.sections import SinceLastAudit
from engine.render.wording import wording
from .diff import diff_audits
from .postgres import SCHEMES, PostgresStore
from .store import AuditRecord, FindingRecord, Store, utc_now

DEFAULT_STORE = "audits.db"
RECORDED_LANGUAGES = ("el", "sr")  # base languages; sr-Cyrl is transliterated when read


SQLITE_STORE = "engine.history.sqlite:SqliteStore"  # imported (with sqlite3) when a store is opened, not by every audit


def _sqlite_store() -> type[Store]:
    module, _, attribute = SQLITE_STORE.partition(":")
    return getattr(importlib.import_module(module), attribute)


def open_store(location: str, create: bool = True) -> Store:
    """The store at a SQLite file path or a `postgresql://` URL; migrated to the latest schema. With
    `create` false, a missing SQLite file is an error (reading the history creates nothing)."""
    scheme = location.split("://", 1)[0].lower() if "://" in location else ""
    if scheme in SCHEMES:
        store: Store = PostgresStore(location)
        store.opened_from = location
    else:
        store = _sqlite_store()(location, create=create)
        store.opened_from = str(Path(location).resolve())  # the same file for a process in another folder
    return store


def engine_version() -> str:
    try:
        return metadata.version("ects")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


def _messages(f: Finding) -> dict[str, str]:
    """The finding's message in each report language other than English (`ects diff --lang` shows them)."""
    return {lang: wording(lang).message(f) for lang in RECORDED_LANGUAGES}


def audit_record(report: Report, subject: Any = None) -> AuditRecord:
    """A report as the record a store keeps: identity, verdict and every finding (English message and data)."""
    english = wording("en")
    findings = tuple(
        FindingRecord(rule=f.rule, subject_kind=f.subject_ref.kind,
                      subject_key=None if f.subject_ref.key is None else str(f.subject_ref.key),
                      subject_label=f.subject_ref.label, status=f.status, severity=f.severity,
                      message=english.finding(f).message, data={**f.to_dict("en"), "messages": _messages(f)})
        for f in report.findings)
    return AuditRecord(
        subject_kind=report.subject_kind, subject_id=str(report.subject_id), subject_title=report.subject_title,
        input_path=report.input_path or getattr(subject, "path", None),
        input_sha256=report.input_sha256 or getattr(subject, "sha256", None),
        ruleset_id=report.ruleset_id, ruleset_version=report.ruleset_version, ruleset_sha256=report.ruleset_sha256,
        as_of=report.as_of, engine_version=engine_version(), verdict=report.verdict, recorded_at=utc_now(),
        findings=findings, finding_count=len(findings))


def compare_with_last(store: Store, report: Report, subject: Any = None) -> tuple[AuditRecord, int | None]:
    """The report's audit record, not yet recorded; the report's `since_last_audit` is set from the last audit
    of the same subject under the same rule set in `store`, whose id is returned with it (None: there is none)."""
    audit = audit_record(report, subject)
    earlier = store.previous(audit.subject_kind, audit.subject_id, audit.ruleset_id)
    if earlier is None:
        return audit, None
    d = diff_audits(earlier, audit)
    report.since_last_audit = SinceLastAudit(
        audit_id=earlier.id or 0, recorded_at=earlier.recorded_at, fixed=d.fixed, new=d.new,
        changed=len(d.changes), input_changed=earlier.input_sha256 != audit.input_sha256,
        ruleset_changed=d.ruleset_changed)
    return audit, earlier.id


def record(store: Store | None, report: Report, subject: Any = None) -> int | None:
    """Record one audit in `store` (nothing when None) and set the report's `since_last_audit` from the last
    audit of the same subject under the same rule set; return the new audit's id."""
    if store is None:
        return None
    audit, _ = compare_with_last(store, report, subject)
    return store.add(audit).id


def record_all(store: Store | None, reports: Iterable[Report], subjects: Iterable[Any] = ()) -> None:
    """Record every report of a batch (each with its subject, when given), in order."""
    subjects = list(subjects)
    for i, report in enumerate(reports):
        record(store, report, subjects[i] if i < len(subjects) else None)
