"""Transfer views, transfer rules in the three rule sets, and the recognition output."""
from __future__ import annotations

import datetime as dt

import pytest

from engine.ruleset.compiled import load_ruleset
from engine.evaluation.evaluator import evaluate
from engine.subjects.transfer.model import TransferFile
from engine.subjects.transfer.views import TransferView
from engine.subjects.transfer.recognition import recognise
from engine.ruleset.compose import locate
from engine.tools.ruletests import overall_status, run_cases
from engine.api import audit
from engine.subjects.kinds import LoadOptions, load_subject
from engine.semantics.values import Unknown
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "transfers"
DAY = dt.date(2026, 1, 1)
SETS = ("ects_guide_2015", "greek_law_4009", "serbian_credit_act")


def statuses(ruleset: str, example: str) -> dict[str, str]:
    rs = load_ruleset(ruleset)
    view = load_subject("transfer", EXAMPLES / f"{example}.yaml").view
    findings = evaluate(rs, view, as_of=DAY).findings
    return {rule: overall_status([f for f in findings if f.rule == rule]) for rule in {f.rule for f in findings}}


def errors_failed(ruleset: str, example: str) -> set[str]:
    rs = load_ruleset(ruleset)
    view = load_subject("transfer", EXAMPLES / f"{example}.yaml").view
    return {f.rule for f in evaluate(rs, view, as_of=DAY).findings if f.status == "fail" and f.severity == "error"}


# ---- the worked examples fail the right rule ------------------------------------------------------------

@pytest.mark.parametrize("ruleset", SETS)
def test_clean_mobility_has_no_failure(ruleset):
    s = statuses(ruleset, "clean_mobility")
    assert "fail" not in s.values() and "indeterminate" not in s.values()


@pytest.mark.parametrize("example, ruleset, rule", [
    ("late_signature", "ects_guide_2015", "la_signed_before_start"),
    ("overlong_period", "greek_law_4009", "gr_mobility_max_one_year"),
    ("failed_component", "ects_guide_2015", "recognition_only_passed"),
    ("failed_component", "ects_guide_2015", "recognition_within_earned"),
    ("serbian_cross_cycle", "serbian_credit_act", "rs_transfer_same_level_and_type"),
])
def test_example_fails_its_rule(example, ruleset, rule):
    assert rule in errors_failed(ruleset, example)


def test_examples_fail_only_their_own_error_rules():
    assert errors_failed("greek_law_4009", "late_signature") == {"la_signed_before_start"}
    assert errors_failed("serbian_credit_act", "serbian_cross_cycle") == {"rs_transfer_same_level_and_type"}
    assert errors_failed("ects_guide_2015", "failed_component") == {"recognition_only_passed", "recognition_within_earned"}
    assert "gr_mobility_max_one_year" not in errors_failed("ects_guide_2015", "overlong_period")


@pytest.mark.parametrize("ruleset", SETS)
def test_rule_set_test_cases_pass(ruleset):
    results = run_cases(locate(ruleset))
    transfer_cases = [r for r in results if "transfers" in r.file]
    assert transfer_cases
    assert [r.describe() for r in transfer_cases if not r.ok] == []


@pytest.mark.parametrize("ruleset", SETS)
def test_every_transfer_rule_has_a_passing_and_a_failing_case(ruleset):
    folder = locate(ruleset)
    own = {line.split()[1] for line in (folder / "transfers.rules").read_text().splitlines() if line.startswith("rule ")}
    seen: dict[str, set[str]] = {}
    for r in run_cases(folder):
        if "transfers" in r.file:
            for f in r.findings:
                seen.setdefault(f.rule, set()).add(f.status)
    assert own
    for rule in own:
        assert {"pass", "fail"} <= seen.get(rule, set()), f"{rule} lacks a passing or a failing case"


# ---- the view ---------------------------------------------------------------------------------------------

def test_missing_data_is_unknown_with_a_reason():
    v = TransferView(TransferFile(kind="mobility", id="x"))
    assert isinstance(v.la_all_signed_before_start, Unknown)
    assert "learning agreement" in v.la_all_signed_before_start.reason
    assert isinstance(v.period_months, Unknown)
    assert isinstance(v.table_a, Unknown)
    assert isinstance(v.agreement_approved, Unknown)
    assert isinstance(v.earned_credits, Unknown)


def test_programme_transfer_without_agreement_has_empty_tables():
    v = TransferView(TransferFile(kind="programme_transfer", id="x"))
    assert list(v.table_a) == [] and list(v.amendments) == []


def test_view_derived_fields():
    view = load_subject("transfer", EXAMPLES / "overlong_period.yaml").view
    assert view.period_months == 14.0
    assert view.table_a_initial_credits == 66 and view.table_a_credits == 72
    assert view.amendments.items[0].all_signed is True
    missing = [line.code for line in view.table_a if line.on_transcript is False]
    assert missing == ["800531", "800530"]
    late = load_subject("transfer", EXAMPLES / "late_signature.yaml").view
    assert late.la_all_signed_before_start is False
    assert late.la_last_signed == dt.date(2024, 9, 30)


def test_unsigned_party_fails_not_undecided():
    t = TransferFile.model_validate({
        "kind": "mobility", "id": "x", "period": {"start": "2024-10-01", "end": "2025-02-28"},
        "learning_agreement": {"signatures": {"student": {"signed": "2024-06-01"}, "sending": {"signed": "2024-06-02"}}},
    })
    v = TransferView(t)
    assert v.la_all_signed_before_start is False
    assert v.la_unsigned == "receiving"


# ---- recognition ------------------------------------------------------------------------------------------

def test_recognition_of_failed_component():
    from engine.subjects.transfer.model import load_transfer

    t, _ = load_transfer(EXAMPLES / "failed_component.yaml")
    rec = recognise(t)
    assert rec["credits_claimed"] == 30 and rec["credits_to_recognise"] == 24
    bad = [line for line in rec["lines"] if line["status"] != "recognised"]
    assert [line["code"] for line in bad] == ["MYY802"]
    assert "failed" in bad[0]["reasons"][0]
    assert rec["grades"]["note"] == "no home grading table given; grades not converted" and not rec["grades"]["converted"]
    assert rec["grades"]["note_part"]["key"] == "grades.no_tables"  # data a report words in its language
    assert bad[0]["reason_parts"][0]["key"] == "component.failed_grade"


def test_recognition_capped_at_earned():
    t = TransferFile.model_validate({
        "kind": "mobility", "id": "x",
        "transcript": {"components": [{"code": "A", "title": "A", "credits": 5, "passed": True}]},
        "recognition": {"lines": [{"code": "H1", "title": "H1", "credits": 6, "from_components": ["A"]},
                                  {"code": "H2", "title": "H2", "credits": 3, "from_components": ["A"]}]},
    })
    rec = recognise(t)
    assert rec["credits_to_recognise"] == 5  # the first line keeps what A earned; nothing is left for the second
    assert [(x["status"], x["credits_recognised"]) for x in rec["lines"]] == [("partly_recognised", 5),
                                                                            ("not_recognised", 0)]
    assert "5 of its 6 credits recognised" in rec["lines"][0]["reasons"][0]
    exceeds = {(n["code"], n["credits"]) for n in rec["not_recognised"] if "exceeds the credits earned" in n["reason"]}
    assert exceeds == {("H1", 1), ("H2", 3)}


def test_recognition_proposal_without_decision():
    from engine.subjects.transfer.model import load_transfer

    t, _ = load_transfer(EXAMPLES / "overlong_period.yaml")
    rec = recognise(t)
    assert rec["decision"] == "none" and rec["credits_to_recognise"] == 60
    assert {n["code"] for n in rec["not_recognised"]} == {"800531", "800530"}


def test_audit_puts_recognition_in_report():
    report = audit("serbian_credit_act", EXAMPLES / "serbian_cross_cycle.yaml", as_of=DAY)
    rec = report.to_dict()["extra"]["recognition"]
    assert rec["credits_to_recognise"] == 12
    assert any("learning outcomes" in n["reason"] for n in rec["not_recognised"])
    assert report.verdict == "non_compliant"


def test_grade_conversion_with_tables(tmp_path):
    import json

    import yaml

    data = yaml.safe_load((EXAMPLES / "clean_mobility.yaml").read_text())
    dist = [("1.0", 6), ("1.3", 9), ("1.7", 12), ("2.0", 15), ("2.3", 14), ("2.7", 11), ("3.0", 9), ("3.3", 6),
            ("3.7", 4), ("4.0", 3)]
    data["transcript"]["grading_schemes"][0]["grade_distribution"] = [{"label": g, "count": n} for g, n in dist]
    path = tmp_path / "graded.json"
    path.write_text(json.dumps(data, default=str))
    home = (str(ROOT / "examples/grades/greek-informatics.csv"), "gr-informatics-first")
    report = audit("ects_guide_2015", path, kind="transfer", as_of=DAY, options=LoadOptions(home_grades=home))
    grades = report.recognition.data["grades"]
    assert grades["converted"] is True
    assert {c["source"] for c in grades["conversions"]} == {"IN2064", "IN2259", "IN2018", "IN0006", "IN2106"}
