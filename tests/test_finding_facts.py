"""A finding points to the facts its rule shares with its other findings (engine.evaluation.findings.RuleFacts):
the public attributes read as before, and changing one finding's does not change its siblings'."""
from __future__ import annotations

import pickle
from pathlib import Path

from engine.api import load_ruleset
from engine.evaluation.evaluator import Evaluator, evaluate
from engine.evaluation.findings import Finding, SubjectRef
from engine.subjects.kinds import load_subject

ROOT = Path(__file__).resolve().parent.parent


def _findings():
    rs = load_ruleset("ects_guide_2015")
    view = load_subject("programme", ROOT / "examples/programmes/greek_pe_bsc.yaml").view
    return evaluate(rs, view, evaluator=Evaluator(rs)).findings


def test_the_findings_of_one_rule_share_one_record_of_its_facts():
    findings = _findings()
    by_rule: dict = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    several = [fs for fs in by_rule.values() if len(fs) > 1]
    assert several
    for fs in several:
        assert len({id(f.facts) for f in fs}) == 1
        assert all(f.titles == fs[0].titles and f.provenance == fs[0].provenance for f in fs)


def test_setting_a_fact_on_one_finding_leaves_its_siblings_alone():
    findings = _findings()
    first = findings[0]
    siblings = [f for f in findings[1:] if f.rule == first.rule]
    assert siblings
    severity, notes = first.severity, dict(first.notes)
    first.severity = "info"
    first.notes = {"en": "changed here"}
    assert first.severity == "info" and first.note == "changed here"
    assert all(f.severity == severity and f.notes == notes and f.facts is not first.facts for f in siblings)


def test_a_finding_made_by_hand_reads_as_before_and_survives_pickling():
    f = Finding("r", {"en": "Title"}, "error", "fail", SubjectRef("course", "C1", "course C1"), notes="a note",
                replaces="parent")
    assert (f.rule, f.title, f.severity, f.note, f.notes, f.replaces, f.citations, f.templates, f.provenance) == \
        ("r", "Title", "error", "a note", {"en": "a note"}, "parent", (), {}, None)
    back = pickle.loads(pickle.dumps(f))
    assert back.to_dict("en") == f.to_dict("en")
