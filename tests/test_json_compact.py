"""The compact JSON report (`--show problems` or `failures` without `--explain`): passes named per rule in
`passed`, problems with their trace in words (each step once, in `steps`), sources in the report's language
only (each document's title and each quote once), each rule's file and line in `rules`, no chart figures;
it says each of these once, and it says the same of every finding as the full form (`--show all`):
expanded (engine.render.json_expand), each problem's trace and subject and each source's title and quote
are the full form's. Reports: the project's example programmes, transfers and cohort."""
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
from engine.evaluation.findings import Finding, SubjectRef
from engine.cli.whatif import ruleset_with
from engine.render import render
from engine.render.json_compact import keyed
from engine.render.json_expand import expand_compact
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
# the same programme under a rule set that redefines rules of the guide with other severities and sources:
# pooled with the others, findings of one rule id that say other things
REDEFINED = audit("greek_law_4009", EXAMPLES / "programmes" / "compliant_bsc.yaml", kind="programme", as_of=DAY)


def _named(data: dict) -> Counter:
    """(rule, subject, status) of every finding a JSON report names, compact (expanded) or full."""
    data = expand_compact(data)
    named = Counter((f["rule"], f["subject"], f["status"]) for f in data["findings"])
    for group in data.get("passed", ()):
        named.update((group["rule"], s, "pass") for s in group["subjects"])
    return named


def _problems_agree(compact: dict, full: dict) -> int:
    """That the compact report, expanded, gives each finding's severity and each problem as the full form
    does (message, sources, subject_ref, and each trace step's words, value, detail, kind and role), and
    each source with the full form's quote, original texts, confidence and label; the number of problems
    compared."""
    expanded = expand_compact(compact)
    in_full = [f for f in full["findings"] if f["status"] != "pass"]  # the compact form's findings, in order
    assert len(expanded["findings"]) == len(in_full)
    compared = 0
    for f, whole in zip(expanded["findings"], in_full):
        assert (f["rule"], f["subject"], f["status"], f["severity"]) == \
            (whole["rule"], whole["subject"], whole["status"], whole["severity"])
        if "trace" not in f:
            continue
        compared += 1
        for key in ("message", "sources", "subject_ref", "waiver", "replaces", "what_if"):
            assert f.get(key) == whole.get(key), key
        assert [(s.get("words") or s["expr"], s["value"], s.get("detail"), s.get("kind"), s.get("role"))
                for s in f["trace"]] == [(s.get("words") or s["expr"], s["value"], s.get("detail"), s.get("kind"),
                                          s["event"].get("role")) for s in whole["trace"]]
    quoted = {s["id"]: s for s in full["sources"]}
    for s in expanded["sources"]:
        whole = quoted[s["id"]]
        for key in ("source_id", "quote", "quotes", "confidence", "language", "unofficial_translation", "quote_label"):
            assert s.get(key) == whole.get(key), key
    return compared


@pytest.mark.parametrize("report", REPORTS, ids=NAMES)
def test_passes_are_named_per_rule_in_report_order(report):
    data = report_dict(report, "en", "problems")
    assert not [f for f in data["findings"] if f["status"] == "pass"]
    passes = [f for f in report.findings if f.status == "pass"]
    w = wording("en")
    expected: dict[str, list[str]] = {}
    for f in passes:
        expected.setdefault(f.rule, []).append(w.subject(f.subject_ref))
    assert {g["rule"]: g["subjects"] for g in expand_compact(data)["passed"]} == expected
    order = [r["rule"] for r in data["rules"]]
    assert [g["rule"] for g in data["passed"]] == [r for r in order if r in expected]
    assert sum(len(g.get("keys") or g["subjects"]) for g in data["passed"]) == data["summary"]["pass"] == len(passes)


@pytest.mark.parametrize("lang", LANGS)
def test_passes_of_one_kind_are_named_by_key_with_the_words_of_one_subject(lang):
    """Courses, years and terms that passed are given by key, with the words of one subject in the report's
    language ('μάθημα {key}'); a subject worded otherwise (the programme) keeps its words."""
    report = next(r for r in REPORTS if {("whole_credits", "course"), ("year_credits", "year"), ("cycle_credits", "programme")}
                  <= {(f.rule, f.subject_ref.kind) for f in r.findings if f.status == "pass"})
    w = wording(lang)
    groups = {g["rule"]: g for g in report_dict(report, lang, "problems")["passed"]}
    passes = [f for f in report.findings if f.status == "pass"]
    assert groups["whole_credits"]["subject"] == w.subject(SubjectRef("course", "{key}", ""))
    assert groups["whole_credits"]["keys"] == [f.subject_ref.key for f in passes if f.rule == "whole_credits"]
    years = [f.subject_ref.key for f in passes if f.rule == "year_credits"]
    assert groups["year_credits"]["keys"] == years and all(type(k) is int for k in years)
    assert groups["year_credits"]["subject"] == w.subject(SubjectRef("year", "{key}", ""))
    programme = next(f for f in passes if f.subject_ref.kind == "programme")
    assert groups[programme.rule]["subjects"] == [w.subject(programme.subject_ref)]


@settings(max_examples=200, deadline=None)
@given(kinds=st.lists(st.sampled_from(["course", "year", "term", "programme", "la_line", "printed_total", "waiver",
                                       "no_such_kind"]), min_size=1, max_size=4),
       keys=st.lists(st.one_of(st.text(max_size=6), st.integers(-5, 10**6), st.none(), st.booleans()), min_size=1,
                     max_size=4),
       lang=st.sampled_from(LANGS))
def test_a_pattern_of_passes_words_each_subject_as_the_report_does(kinds, keys, lang):
    """Whatever the kinds and keys, a rule's passes are given by pattern and keys only when the pattern with
    each key put in is each subject's words, as a finding names it."""
    w = wording(lang)
    refs = [SubjectRef(kinds[i % len(kinds)], key, f"label {key}") for i, key in enumerate(keys)]
    pattern = keyed(refs, w, {})
    if pattern is not None:
        assert [pattern.replace("{key}", str(ref.key)) for ref in refs] == [w.subject(ref) for ref in refs]
        assert len({ref.kind for ref in refs}) == 1


def test_passes_worded_otherwise_than_by_one_pattern_keep_their_words():
    """A rule that passed for subjects of two kinds, or of a kind without the words of one pattern, names
    each subject in words."""
    report = next(r for r in REPORTS if r.subject_id == "example-bio-bsc")
    courses = [f for f in report.findings if f.status == "pass" and f.rule == "whole_credits"][:2]
    year = next(f for f in report.findings if f.status == "pass" and f.rule == "year_credits")
    mixed = Finding.of(courses[0].facts, "pass", year.subject_ref, (), ())
    odd = Finding.of(courses[0].facts, "pass", SubjectRef("printed_total", "term 1", "printed total: term 1"), (), ())
    for extra in (mixed, odd):
        data = report_dict(replace(report, findings=[*courses, extra], charts=None), "en", "problems")
        w = wording("en")
        assert data["passed"] == [{"rule": "whole_credits", "subjects": [w.subject(f.subject_ref) for f in [*courses, extra]]}]


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
    repeated, a rule's findings under two rule sets with other severities and sources): the compact and the
    full form name the same findings, and the compact one, expanded, gives each problem's trace and subject
    and each source's quote as the full form does."""
    pool = [f for r in [*REPORTS, REDEFINED] for f in r.findings]
    report = replace(REPORTS[0], findings=[pool[i % len(pool)] for i in picks], charts=None)
    compact, full = report_dict(report, lang, show), report_dict(report, lang, "all")
    assert _named(compact) == _named(full)
    _problems_agree(compact, full)
    _said_once(compact)


@pytest.mark.parametrize("lang", ["en", "el", "sr"])
@pytest.mark.parametrize("report", [*REPORTS, REDEFINED], ids=[*NAMES, "redefined"])
def test_a_problem_keeps_the_values_that_decided_it_and_its_sources(report, lang):
    compact, full = report_dict(report, lang, "problems"), report_dict(report, lang, "all")
    assert _problems_agree(compact, full) == sum(1 for f in compact["findings"] if "trace" in f)
    ids, steps = {s["id"] for s in compact["sources"]}, {s["id"] for s in compact["steps"]}
    for f in compact["findings"]:
        assert not set(f) & {"title", "note", "notes", "message_parts", "provenance", "citations"}
        if "trace" in f:
            assert set(f) >= {"rule", "severity", "status", "subject", "subject_ref", "message", "sources", "trace"}
            assert set(f["trace"]) <= steps and set(f.get("sources", ())) <= ids
    _said_once(compact)


def _said_once(data: dict) -> None:
    """That the compact report says each thing once: each step, document title and quote once; a subject's
    label and a source's title only where they differ from what is given once."""
    keys = [tuple((k, v) for k, v in s.items() if k != "id") for s in data["steps"]]
    assert len(keys) == len(set(keys)) and [s["id"] for s in data["steps"]] == [f"T{i}" for i in range(1, len(keys) + 1)]
    used = [i for f in data["findings"] for i in f.get("trace", ())]
    assert set(used) == {s["id"] for s in data["steps"]}
    titles = {d["source_id"]: d["source"] for d in data["documents"]}
    assert len(titles) == len(data["documents"])
    quotes = [(s["quote"], tuple(sorted(s.get("quotes", {}).items()))) for s in data["sources"] if s.get("quote")]
    assert len(quotes) == len(set(quotes))
    ids = [s["id"] for s in data["sources"]]
    for s in data["sources"]:
        assert s.get("source", None) != titles[s["source_id"]]
        if "same_quote_as" in s:
            assert ids.index(s["same_quote_as"]) < ids.index(s["id"])
    for f in data["findings"]:
        if "subject_ref" in f:
            assert f["subject_ref"].get("label") != f["subject"]


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
    assert not any(set(c) & {"source_titles", "refs"} for c in compact["sources"])
    expanded = expand_compact(compact)["sources"]
    for c, s in zip(expanded, full["sources"]):
        assert c["quote"] == s["quote"] and c["confidence"] == s["confidence"] and c.get("quotes") == s.get("quotes")
        assert c["source"] == w.rule_text(s.get("source_titles") or {"en": s["source"]})
        assert c["ref"] == w.rule_text(s.get("refs") or {"en": s["ref"]}) or c["ref"] == s["ref"]
    if lang == "el":
        assert any(c["source"] != s["source"] for c, s in zip(expanded, full["sources"]))


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
