"""Approved deviations (`waivers:`): a failed finding a waiver in force covers is `waived`, shown with its
authority and decision, counted apart, and no longer makes the verdict non-compliant; a waiver that has
expired, covers nothing, or covers no failed finding is itself reported; undecided findings and passes are
never touched."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.api import audit
from engine.cli.main import main
from engine.evaluation.waivers import covers
from engine.evaluation.findings import Finding, SubjectRef
from engine.subjects.waivers import Waiver

ROOT = Path(__file__).resolve().parent.parent
WAIVED = ROOT / "examples" / "programmes" / "waived_bsc.yaml"
DAY = dt.date(2024, 6, 1)

ONE_ERROR = """id: one-error
title: One failing error
cycle: first
years: 1
courses:
  - {code: A, title: A, term: 1, credits: 30, hours: {total: 800}}
  - {code: B, title: B, term: 2, credits: 30, hours: {total: 800}}
  - {code: Z, title: Induction, term: 1, credits: 0, hours: {total: 4}}
"""
SENATE = """waivers:
  - rule: credits_positive
    subject: course Z
    authority: Senate
    reference: decision 1/2024
    decided: 2024-01-15
    valid_until: {until}
    reason: an induction listed for information
"""


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def statuses(report, rule):
    return {f.subject: f.status for f in report.findings if f.rule == rule}


def test_the_example_waives_in_force_failures_and_reports_every_waiver():
    report = audit("ects_guide_2015", WAIVED, as_of=DAY)
    assert statuses(report, "credits_positive")["course BIO100"] == "waived"
    assert statuses(report, "term_credits")["term 3"] == "waived"
    assert statuses(report, "year_credits")["year 2"] == "fail"  # its waiver expired in 2023
    assert statuses(report, "year_workload_hours")["year 1"] == "indeterminate"  # never decided by a waiver
    assert statuses(report, "hours_per_credit")["course BIO101"] == "pass"  # a pass is never touched
    own = [f for f in report.findings if f.rule == "waiver_valid"]
    assert [f.status for f in own] == ["pass", "pass", "fail", "fail", "fail", "fail"]
    assert [f.message_parts[0].template for f in own] == [
        "engine.waiver_applied", "engine.waiver_applied", "engine.waiver_expired", "engine.waiver_not_needed",
        "engine.waiver_undecided", "engine.waiver_covers_nothing"]
    assert all(f.severity == "warning" and [c.source for c in f.citations] == ["ects"] for f in own)
    assert report.summary["waived"] == 2 and report.verdict == "non_compliant"  # year 2 still fails
    waived = next(f for f in report.findings if f.status == "waived" and f.rule == "credits_positive")
    assert (waived.waiver.authority, waived.waiver.reference) == ("Senate of Example University", "decision 14/2023, item 3")


def test_a_waived_error_does_not_make_the_verdict_non_compliant(write):
    plain = audit("ects_guide_2015", write("p.yaml", ONE_ERROR), as_of=DAY)
    assert plain.verdict == "non_compliant"
    waived = audit("ects_guide_2015", write("w.yaml", ONE_ERROR + SENATE.format(until="2025-12-31")), as_of=DAY)
    assert waived.verdict == "compliant" and waived.summary["waived"] == 1
    assert not any(f.status == "fail" and f.severity == "error" for f in waived.findings)
    assert run("check", write("w2.yaml", ONE_ERROR + SENATE.format(until="2025-12-31")), "--rules",
               "ects_guide_2015", "--as-of", DAY)[0] == 0


def test_an_expired_waiver_waives_nothing_and_says_so(write):
    report = audit("ects_guide_2015", write("w.yaml", ONE_ERROR + SENATE.format(until="2024-03-31")), as_of=DAY)
    assert report.verdict == "non_compliant" and report.summary["waived"] == 0
    own = next(f for f in report.findings if f.rule == "waiver_valid")
    assert own.status == "fail" and own.message_parts[0].template == "engine.waiver_expired"
    before = audit("ects_guide_2015", write("x.yaml", ONE_ERROR + SENATE.format(until="2025-12-31")),
                   as_of=dt.date(2024, 1, 1))  # before the decision: not yet in force
    assert before.summary["waived"] == 0


@pytest.mark.parametrize("subject, ref, expected", [
    ("course PE305", SubjectRef("course", "PE305", "course PE305"), True),
    ("PE305", SubjectRef("course", "PE305", "course PE305"), True),
    ("pe305", SubjectRef("course", "PE305", "course PE305"), True),
    ("term 3", SubjectRef("term", 3, "term 3"), True),
    ("Term  3", SubjectRef("term", 3, "term 3"), True),
    ("term 3", SubjectRef("term", 4, "term 4"), False),
    ("3", SubjectRef("term", 3, "term 3"), False),  # a bare number is ambiguous: year 3 or term 3
    ("programme", SubjectRef("programme", "x", "programme"), True),
    ("programme", SubjectRef("course", "PE305", "course PE305"), False),
    ("course PE305", SubjectRef("course", "PE306", "course PE306"), False),
])
def test_what_a_waiver_covers(subject, ref, expected):
    waiver = Waiver(rule="r", subject=subject, authority="a", reference="b", decided="2024-01-01", reason="c")
    finding = Finding("r", {"en": "t"}, "error", "fail", ref)
    assert covers(waiver, finding, "programme") is expected
    assert not covers(waiver.model_copy(update={"rule": "other"}), finding, "programme")


def test_a_waiver_of_a_rule_covers_the_exception_that_replaced_it():
    waiver = Waiver(rule="parent", subject="term 1", authority="a", reference="b", decided="2024-01-01", reason="c")
    finding = Finding("child", {"en": "t"}, "error", "fail", SubjectRef("term", 1, "term 1"), replaces="parent")
    assert covers(waiver, finding, "programme")


@pytest.mark.parametrize("fmt, markers", [
    ("text", ["[WAIVED]", "Waived by Senate of Example University, decision 14/2023, item 3 (2023-11-20)", "Waived: 2"]),
    ("md", ["Waived by Senate of Example University", "| 2 |"]),
    ("html", ['class="waiver"', "status-waived"]),
    ("junit", ["<skipped message=\"Waived:"]),
])
def test_every_format_shows_waived_findings_with_their_authority(fmt, markers):
    _, out = run("check", WAIVED, "--rules", "ects_guide_2015", "--as-of", DAY, "--format", fmt)
    for marker in markers:
        assert marker in out


def test_the_json_report_carries_the_waiver_and_counts_waived_apart():
    _, out = run("check", WAIVED, "--rules", "ects_guide_2015", "--as-of", DAY, "--format", "json")
    data = json.loads(out)
    assert data["summary"]["waived"] == 2
    waived = [f for f in data["findings"] if f["status"] == "waived"]
    assert {f["waiver"]["reference"] for f in waived} == {"decision 14/2023, item 3", "decision 14/2023, item 4"}
    assert waived[0]["waiver"]["authority"] == "Senate of Example University"


@pytest.mark.parametrize("lang, word", [("el", "Εγκεκριμένες αποκλίσεις"), ("sr", "Odobrena odstupanja")])
def test_waived_is_translated(lang, word):
    _, out = run("check", WAIVED, "--rules", "ects_guide_2015", "--as-of", DAY, "--lang", lang)
    assert word in out


@pytest.mark.parametrize("waiver, message", [
    ("  - {rule: r, subject: s, authority: a, reference: b, decided: 2024-01-01, reason: c, valid_until: 2023-01-01}",
     "before the waiver starts"),
    ("  - {rule: r, subject: s, authority: a, reference: b, decided: 2024-01-01}", "reason"),
    ("  - {rule: r, subject: s, authority: a, reference: b, decided: soon, reason: c}", "YYYY-MM-DD"),
    ("  - {rule: r, subject: s, authority: a, reference: b, decided: 2024-01-01, reason: c, approver: x}", "approver"),
])
def test_a_malformed_waiver_is_a_one_line_error(write, waiver, message):
    result = CliRunner().invoke(main, ["check", str(write("w.yaml", ONE_ERROR + "waivers:\n" + waiver + "\n")),
                                       "--rules", "ects_guide_2015"])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_transfer_file_may_list_waivers(write):
    text = (ROOT / "examples" / "transfers" / "failed_component.yaml").read_text(encoding="utf-8")
    plain = audit("ects_guide_2015", write("t.yaml", text), as_of=DAY)
    failed = next(f for f in plain.findings if f.status == "fail")
    waiver = (f"\nwaivers:\n  - {{rule: {failed.rule}, subject: '{failed.subject}', authority: Faculty board, "
              f"reference: minutes 3/2024, decided: 2024-01-10, reason: agreed with the host}}\n")
    report = audit("ects_guide_2015", write("w.yaml", text + waiver), as_of=DAY)
    assert any(f.status == "waived" and f.rule == failed.rule for f in report.findings)
    assert next(f for f in report.findings if f.rule == "waiver_valid").status == "pass"


def test_the_schema_documents_waivers():
    _, out = run("schema", "programme")
    assert "waivers" in out and "authority" in out
    _, out = run("schema", "transfer")
    assert "waivers" in out


def _own(report, n):
    return next(f for f in report.findings if f.rule == "waiver_valid" and f.subject_ref.key == n)


def _values(f):
    return {e.expr: (e.value if e.kind == "read" else e.outcome) for e in f.trace}


def test_a_waivers_own_finding_traces_what_decided_it():
    report = audit("ects_guide_2015", WAIVED, as_of=DAY)
    expired = _values(_own(report, 3))  # year_credits, year 2: valid until 2023-09-30
    assert expired["waiver.rule"] == "year_credits" and expired["waiver.rule_in_rule_set"] is True
    assert expired["waiver.subject"] == "year 2" and expired["waiver.reference"] == "decision 9/2021, item 2"
    assert expired["waiver.valid_until"] == dt.date(2023, 9, 30) and expired["audit.date"] == DAY
    assert expired["waiver.starts <= audit.date and audit.date <= waiver.valid_until"] == "not_met"
    misspelt = _values(_own(report, 6))  # semester_credit: no such rule, covers nothing
    assert misspelt["waiver.rule_in_rule_set"] is False and misspelt["waiver.findings"] == 0
    undecided = _values(_own(report, 5))  # year_workload_hours, year 1: undecided, stays so
    assert undecided["waiver.failed_findings"] == 0 and undecided["waiver.undecided_findings"] == 1
    applied = _values(_own(report, 1))
    assert applied["waiver.failed_findings"] == 1 and applied["waiver.failed_findings > 0"] == "met"


def test_a_waivers_own_finding_names_its_source_as_a_project_choice_not_law():
    f = _own(audit("ects_guide_2015", WAIVED, as_of=DAY), 1)
    (c,) = f.citations
    assert c.source == "ects" and "project choice" in c.source_title and "not a provision of law" in c.source_title
    assert "no article" in c.ref and c.quote is None
    assert "project choice" in f.notes["en"].lower() and set(f.notes) == {"en", "el", "sr"}


@pytest.mark.parametrize("show", ["all", "problems"])  # in full, and compact
def test_a_waivers_trace_and_source_reach_the_json_report(show):
    code, out = run("check", WAIVED, "--rules", "ects_guide_2015", "--as-of", DAY, "--format", "json", "--show", show)
    data = json.loads(out)
    own = [f for f in data["findings"] if f["rule"] == "waiver_valid"]
    assert len(own) == (6 if show == "all" else 4)
    assert all(f.get("trace") or f.get("steps") for f in own), own[0]
    sources = {s["id"]: s for s in data.get("sources", [])} if isinstance(data.get("sources"), list) else data.get("sources", {})
    assert all(f["sources"] for f in own) and "ects" in json.dumps(sources)


def test_a_waivers_trace_is_worded_in_the_readers_language():
    code, out = run("check", WAIVED, "--rules", "ects_guide_2015", "--as-of", DAY, "--show", "all", "--explain",
                    "--lang", "el")
    assert "η ημερομηνία του ελέγχου [audit.date]" in out and "επιλογή του έργου, όχι διάταξη νόμου" in out
