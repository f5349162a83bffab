"""The compact JSON report (`--show problems` or `failures` without `--explain`): passes named per rule in
`passed`, problems with their trace in words, sources in the report's language only, each rule's file and
line in `rules`, no chart figures; and it says the same of every finding as the full form (`--show all`).
Reports: the project's example programmes, transfers and cohort, and generated programmes."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import audit
from engine.cli.whatif import ruleset_with
from engine.render import render
from engine.render.json_report import report_dict, to_json, to_json_line
from engine.render.report_schema import report_schema
from engine.render.wording import wording
from engine.ruleset.compiled import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DAY = dt.date(2024, 6, 1)
LANGS = ("en", "el", "sr", "sr-Cyrl")


def _audits() -> list:
    rs = load_ruleset("ects_guide_2015")
    out = [audit(rs, p, kind="programme", as_of=DAY) for p in sorted((EXAMPLES / "programmes").glob("*.yaml"))]
    out += [audit(rs, p, kind="transfer", as_of=DAY) for p in sorted((EXAMPLES / "transfers").glob("*.yaml"))]
    out.append(audit("greek_law_4009", EXAMPLES / "grades" / "greek-informatics.csv", kind="cohort", as_of=DAY))
    return out


REPORTS = _audits()
NAMES = [f"{r.subject_kind}:{r.subject_id}" for r in REPORTS]


def _named(data: dict) -> Counter:
    """(rule, subject, status) of every finding a JSON report names, compact or full."""
    named = Counter((f["rule"], f["subject"], f["status"]) for f in data["findings"])
    for group in data.get("passed", ()):
        named.update((group["rule"], s, "pass") for s in group["subjects"])
    return named


@pytest.mark.parametrize("report", REPORTS, ids=NAMES)
def test_passes_are_named_per_rule_in_report_order(report):
    data = report_dict(report, "en", "problems")
    assert not [f for f in data["findings"] if f["status"] == "pass"]
    passes = [f for f in report.findings if f.status == "pass"]
    w = wording("en")
    expected: dict[str, list[str]] = {}
    for f in passes:
        expected.setdefault(f.rule, []).append(w.subject(f.subject_ref))
    assert {g["rule"]: g["subjects"] for g in data["passed"]} == expected
    order = [r["rule"] for r in data["rules"]]
    assert [g["rule"] for g in data["passed"]] == [r for r in order if r in expected]
    assert sum(len(g["subjects"]) for g in data["passed"]) == data["summary"]["pass"] == len(passes)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("show", ["problems", "failures"])
@pytest.mark.parametrize("report", REPORTS, ids=NAMES)
def test_the_compact_and_the_full_form_name_the_same_findings(report, show, lang):
    compact, full = report_dict(report, lang, show), report_dict(report, lang, "all")
    assert _named(compact) == _named(full)
    assert compact["summary"] == full["summary"] and compact["verdict"] == full["verdict"]
    assert sum(_named(compact).values()) == sum(compact["summary"].values())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picks=st.lists(st.integers(0, 10**6), max_size=60), lang=st.sampled_from(LANGS),
       show=st.sampled_from(["problems", "failures"]))
def test_any_findings_compact_and_full_agree_on_every_finding(picks, lang, show):
    """A report of any findings of the example reports, in any order (rules and subjects interleaved,
    repeated): the compact and the full form name the same findings."""
    pool = [f for r in REPORTS for f in r.findings]
    report = replace(REPORTS[0], findings=[pool[i % len(pool)] for i in picks], charts=None)
    assert _named(report_dict(report, lang, show)) == _named(report_dict(report, lang, "all"))


@pytest.mark.parametrize("report", REPORTS, ids=NAMES)
def test_a_problem_keeps_the_values_that_decided_it_and_its_sources(report):
    compact, full = report_dict(report, "en", "problems"), report_dict(report, "en", "all")
    problems = [f for f in compact["findings"] if "trace" in f]
    in_full = {(f["rule"], f["subject"]): f for f in full["findings"]}
    ids = {s["id"] for s in compact["sources"]}
    for f in problems:
        whole = in_full[(f["rule"], f["subject"])]
        assert set(f) >= {"rule", "severity", "status", "subject", "subject_ref", "message", "sources", "trace"}
        assert not set(f) & {"title", "note", "notes", "message_parts", "provenance", "citations"}
        assert f["message"] == whole["message"] and f["sources"] == whole["sources"] and set(f["sources"]) <= ids
        assert [s["value"] for s in f["trace"]] == [s["value"] for s in whole["trace"]]
        assert [s.get("detail") for s in f["trace"]] == [s.get("detail") for s in whole["trace"]]
        assert [s.get("words") or s.get("expr") for s in f["trace"]] == [s.get("words") or s["expr"] for s in whole["trace"]]
        assert not any("event" in s for s in f["trace"])
        assert [s.get("role") for s in f["trace"]] == [s["event"].get("role") for s in whole["trace"]]
        for key in ("waiver", "replaces", "what_if"):
            assert f.get(key) == whole.get(key)


def test_the_waived_and_what_if_findings_keep_their_waiver_and_sentence():
    waived = next(r for r in REPORTS if any(f.status == "waived" for f in r.findings))
    data = report_dict(waived, "en", "problems")
    assert [f["waiver"]["authority"] for f in data["findings"] if f["status"] == "waived"]
    rs = ruleset_with("ects_guide_2015", ("semester_credits=28 credits",), DAY)
    what_if = audit(rs, EXAMPLES / "programmes" / "compliant_bsc.yaml", kind="programme", as_of=DAY)
    data = report_dict(what_if, "en", "problems")
    assert data["what_ifs"] and any(f.get("what_if") for f in data["findings"])


@pytest.mark.parametrize("lang", LANGS)
def test_sources_are_worded_in_the_report_language_only(lang):
    report = next(r for r in REPORTS if r.subject_id and r.subject_kind == "programme")
    compact, full = report_dict(report, lang, "problems"), report_dict(report, lang, "all")
    assert [s["id"] for s in compact["sources"]] == [s["id"] for s in full["sources"]]
    cited = {i for f in full["findings"] for i in f["sources"]} | {i for r in full["rules"] for i in r["sources"]}
    assert {s["id"] for s in compact["sources"]} <= cited
    w = wording(lang)
    for c, s in zip(compact["sources"], full["sources"]):
        assert not set(c) & {"source_titles", "refs"}
        assert c["quote"] == s["quote"] and c["confidence"] == s["confidence"] and c.get("quotes") == s.get("quotes")
        assert c["source"] == w.rule_text(s.get("source_titles") or {"en": s["source"]})
    if lang == "el":
        assert any(c["source"] != s["source"] for c, s in zip(compact["sources"], full["sources"]))


@pytest.mark.parametrize("report", REPORTS, ids=NAMES)
def test_rules_give_each_rules_file_and_line_once(report):
    compact, full = report_dict(report, "en", "problems"), report_dict(report, "en", "all")
    where = {f["rule"]: (f["provenance"]["file"], f["provenance"]["line"]) for f in full["findings"] if f["provenance"]}
    assert {r["rule"]: (r["file"], r["line"]) for r in compact["rules"] if "file" in r} == where
    assert [{k: v for k, v in r.items() if k not in ("file", "line")} for r in compact["rules"]] == full["rules"]
    assert not any("file" in r or "line" in r for r in full["rules"])


def test_chart_figures_are_left_out_of_the_compact_form_only():
    report = next(r for r in REPORTS if r.charts is not None)
    assert "chart_data" not in report_dict(report, "en", "problems").get("extra", {})
    assert "chart_data" in report_dict(report, "en", "all")["extra"]
    assert "chart_data" in report_dict(report, "en", "problems", explain=True)["extra"]
    cohort = next(r for r in REPORTS if r.grading is not None)
    assert "grading_table" in report_dict(cohort, "en", "problems")["extra"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_dropped_rules_reason_is_given_in_the_report_language_only(lang):
    cohort = next(r for r in REPORTS if r.dropped_rules)
    compact = report_dict(cohort, lang, "problems")["extra"]["dropped_rules"]
    full = report_dict(cohort, lang, "all")["extra"]["dropped_rules"]
    assert [d["rule"] for d in compact] == [d["rule"] for d in full]
    for c, f in zip(compact, full):
        assert "reasons" not in c and c["reason"] == wording(lang).dropped_reason(f)
        assert {k: v for k, v in c.items() if k != "reason"} == {k: v for k, v in f.items() if k not in ("reason", "reasons")}
    if lang == "el":
        assert compact[0]["reason"] == full[0]["reasons"]["el"] != full[0]["reason"]


@pytest.mark.parametrize("report", REPORTS, ids=NAMES)
def test_explain_and_show_all_give_the_full_form(report):
    explained = report_dict(report, "en", "problems", explain=True)
    assert "passed" not in explained and len(explained["findings"]) == len(report.findings)
    assert all("event" in s for f in explained["findings"] if "trace" in f for s in f["trace"])
    every = report_dict(report, "en", "all")
    assert "passed" not in every and all("message_parts" in f for f in every["findings"])
    assert to_json(report, show="all") == to_json(report, show="all", explain=True)
    for show in ("problems", "failures"):  # --explain gives every finding in full, whatever --show says
        assert to_json(report, show=show, explain=True) == to_json(report, show="all")
    assert json.loads(to_json_line(report, "en", "problems", explain=True)) == explained
    assert json.loads(render([report], "jsonl", explain=True, show="problems")) == explained


@pytest.mark.parametrize("report", REPORTS, ids=NAMES)
def test_the_compact_form_meets_the_schema_and_is_smaller(report):
    validator = jsonschema.Draft202012Validator(report_schema())
    for show in ("problems", "failures"):
        data = json.loads(to_json_line(report, "el", show))
        validator.validate(data)
        assert len(json.dumps(data)) < len(json.dumps(report_dict(report, "el", "all")))


@pytest.mark.parametrize("lang", ["en", "el"])
def test_an_undecided_finding_keeps_its_reason_under_failures(lang):
    """Under --show failures an undecided finding is compact, but still says why it could not be decided."""
    undecided = 0
    for report in REPORTS:
        full = {(f["rule"], f["subject"]): f["message"] for f in report_dict(report, lang, "all")["findings"]}
        for f in report_dict(report, lang, "failures")["findings"]:
            if f["status"] == "indeterminate":
                undecided += 1
                assert f["message"] == full[(f["rule"], f["subject"])]
    assert undecided > 0, "no example gives an undecided finding: the test checks nothing"
