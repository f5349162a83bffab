"""The audit store (engine.history) on SQLite and, when a server can be started, on PostgreSQL: the same
contract on both; the versioned schema (a store written at version 1 opens at version 2, nothing lost); one
transaction per audit (a failure or a killed process leaves whole audits only); several writing processes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.history import store as store_module
from engine.history.diff import diff_audits
from engine.history.migrations import LATEST, MIGRATIONS
from engine.history.recording import open_store
from engine.history.store import AuditRecord, FindingRecord, StoreError
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parent.parent

# A child process that writes `count` synthetic audits of `findings` findings each (count 0: until killed).
WRITER = """
import sys
from engine.history.store import AuditRecord, FindingRecord
location, count, n, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
if location.startswith("postgresql:"):
    from engine.history.postgres import PostgresStore as Opened
else:
    from engine.history.sqlite import SqliteStore as Opened
with Opened(location) as s:
    i = 0
    while count == 0 or i < count:
        findings = tuple(FindingRecord(f"rule_{k}", "course", f"C{k}", f"course C{k}", "pass", "error", "ok", {"k": k})
                         for k in range(n))
        s.add(AuditRecord("programme", tag, "set", "2026-01-01", "test", "compliant", f"2026-01-01T00:00:{i:09d}",
                          findings=findings))
        i += 1
"""


def audit(subject: str = "p1", statuses: dict[str, str] | None = None, **fields) -> AuditRecord:
    statuses = statuses if statuses is not None else {"a": "pass", "b": "fail", "c": "indeterminate"}
    findings = tuple(FindingRecord(rule, "programme", None, "programme", status, "error", f"{rule} is {status}",
                                   {"rule": rule, "status": status}) for rule, status in statuses.items())
    base = dict(subject_kind="programme", subject_id=subject, ruleset_id="set", as_of="2026-01-01",
                engine_version="0.1.0", verdict="non_compliant", recorded_at=store_module.utc_now(),
                input_sha256="aa", ruleset_sha256="bb", findings=findings)
    return AuditRecord(**{**base, **fields})


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "audits.db")
    return request.getfixturevalue("pg_url")


def whole_audits_only(location: str) -> list[AuditRecord]:
    """Every audit of the store, each checked to hold exactly the findings it counts."""
    with open_store(location, create=False) as s:
        audits = s.audits()
        for a in audits:
            full = s.get(a.id)
            assert len(full.findings) == a.finding_count, a
    return audits


def test_an_audit_is_written_and_read_back_whole(location):
    with open_store(location) as s:
        first = s.add(audit())
        s.add(audit(subject="p2"))
        got = s.get(first.id)
        assert got.findings == first.findings and got.findings[1].data == {"rule": "b", "status": "fail"}
        assert (got.subject_id, got.ruleset_sha256, got.finding_count) == ("p1", "bb", 3)
        assert [a.subject_id for a in s.audits()] == ["p1", "p2"]
        assert [a.id for a in s.audits(subject="p2")] == [first.id + 1]
        assert s.audits(subject="p1")[0].findings == ()  # listings leave the findings out
        assert s.previous("programme", "p1", "set").id == first.id
        assert s.previous("programme", "p1", "other set") is None
        assert s.get(first.id + 99) is None
        assert s.schema_version() == LATEST


def test_a_failure_in_the_middle_of_an_audit_leaves_nothing_of_it(location):
    with open_store(location) as s:
        s.add(audit())
        findings = list(audit().findings) * 50
        findings[100] = FindingRecord("x", "programme", None, "programme", "pass", "error", "m", {"bad": object()})
        with pytest.raises(TypeError):  # not JSON: raised after 100 findings were inserted
            s.add(audit(findings=tuple(findings)))
        assert len(s.audits()) == 1
    assert len(whole_audits_only(location)) == 1


def test_a_store_written_at_version_1_opens_at_version_2_with_nothing_lost(location, monkeypatch):
    monkeypatch.setattr(store_module, "pending", lambda current: [m for m in MIGRATIONS[:1] if m.version > current])
    with open_store(location) as old, old._transaction() as run:
        assert run("SELECT MAX(version) FROM schema_version", ())[0][0] == 1
        audit_id = run("INSERT INTO audits (recorded_at, subject_kind, subject_id, ruleset_id, as_of, engine_version, "
                       "verdict, finding_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       ("2025-05-01T10:00:00+00:00", "programme", "p1", "set", "2025-05-01", "0.0.9", "non_compliant",
                        1))[0][0]
        run("INSERT INTO findings (audit_id, position, rule, subject_kind, subject_key, subject_label, status, severity, "
            "message, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (audit_id, 0, "b", "programme", None, "programme", "fail", "error", "b is fail", '{"rule": "b"}'))
    monkeypatch.undo()
    with open_store(location) as s:
        assert s.schema_version() == 2
        kept = s.get(audit_id)
        assert (kept.engine_version, kept.ruleset_sha256, kept.findings[0].message) == ("0.0.9", None, "b is fail")
        new = s.add(audit(statuses={"b": "pass"}))
        d = diff_audits(kept, s.get(new.id))
        assert (d.fixed, d.new, d.ruleset_changed) == (1, 0, None)  # the old audit has no rule-set hash


def test_a_store_from_a_newer_ects_is_refused(location):
    with open_store(location) as s, s._transaction() as run:
        run("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)", (LATEST + 1, "x", "now"))
    with pytest.raises(StoreError, match="newer ects"):
        open_store(location)


def _writers(location: str, count: int, findings: int, tags: list[str]) -> list[subprocess.Popen]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return [subprocess.Popen([sys.executable, "-c", WRITER, location, str(count), str(findings), tag], env=env,
                             stderr=subprocess.PIPE) for tag in tags]


def test_several_processes_write_at_once(location):
    procs = _writers(location, 10, 40, ["w1", "w2", "w3"])
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    audits = whole_audits_only(location)
    assert sorted(a.subject_id for a in audits) == sorted(["w1", "w2", "w3"] * 10)
    assert {a.finding_count for a in audits} == {40}
    with open_store(location) as s:  # the processes that started together migrated the new store once
        assert s.schema_version() == LATEST
        with s._transaction() as run:
            assert run("SELECT COUNT(*) FROM schema_version", ())[0][0] == len(MIGRATIONS)


def test_a_process_killed_in_the_middle_of_a_batch_leaves_whole_audits(location):
    open_store(location).close()
    (proc,) = _writers(location, 0, 3000, ["killed"])
    deadline = time.monotonic() + 60
    try:
        while len(whole_audits_only(location)) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    audits = whole_audits_only(location)
    assert len(audits) >= 3 and {a.finding_count for a in audits} == {3000}
    with open_store(location) as s:  # and the store takes new audits
        s.add(audit())


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(StoreError) as e:
        open_store("postgresql://reviewer:s3cret@127.0.0.1:1/audits")
    assert "s3cret" not in e.value.format() and "***" in e.value.format() and "\n" not in e.value.format()
