"""An audit's findings kept as rows until read (engine.evaluation.rows): made when a report's findings are
first read, they are the findings an eager evaluation makes, field by field, in the same order; and a
report's findings are still a list every reader may read, append to and replace."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given, settings

from engine.api import load_ruleset
from engine.evaluation.deferred import Later
from engine.evaluation.evaluator import Evaluator, evaluate
from engine.evaluation.findings import Finding, MessagePart, Report, SubjectRef
from engine.evaluation.rows import Rows
from engine.evaluation.waivers import apply_waivers
from engine.render import to_json
from engine.subjects.kinds import load_subject
from engine.subjects.programme.views import ProgrammeView
from engine.subjects.waivers import Waiver
from test_fastpath_properties import SETTINGS, valid_programme, varied_programmes

ROOT = Path(__file__).resolve().parent.parent
RULES = load_ruleset("ects_guide_2015")
FIELDS = ("rule", "titles", "severity", "citations", "replaces", "notes", "templates", "provenance", "status",
          "subject_ref", "waiver")


def _fields(findings: list[Finding]) -> list[tuple]:
    """Each finding field by field; its message and trace as data (an unknown value is equal only to itself)."""
    return [(*(getattr(f, name) for name in FIELDS), len(f.message_parts), len(f.trace), f.to_dict("en"),
             f.to_dict("el")) for f in findings]


def _pending(report: Report) -> bool:
    return isinstance(vars(report)["_findings"], Rows)


@settings(max_examples=30, **SETTINGS)
@given(varied_programmes())
def test_findings_made_from_rows_are_the_eagerly_made_findings(raw):
    model = valid_programme(raw)
    lazy = evaluate(RULES, ProgrammeView(model), evaluator=Evaluator(RULES))
    eager = evaluate(RULES, ProgrammeView(model), evaluator=Evaluator(RULES, fast=False))
    assert _pending(lazy)
    findings = lazy.findings
    assert type(findings) is list and lazy.findings is findings and not _pending(lazy)
    assert _fields(findings) == _fields(eager.findings)
    assert to_json(lazy) == to_json(eager)


def test_a_programme_with_electives_interleaves_rows_and_findings_made_the_generic_way():
    view = load_subject("programme", ROOT / "examples/programmes/greek_pe_bsc.yaml").view
    rows = Evaluator(RULES).evaluate(view, "programme", view.describe())
    assert isinstance(rows, Rows) and rows.made  # some findings went the generic way, in between
    assert not any(type(f._trace) is Later for f in rows.made)  # their traces are replayed (a Replay), if any
    eager = Evaluator(RULES, fast=False).evaluate(view, "programme", view.describe())
    assert len(rows) == len(eager) and rows[0] is rows.findings()[0]
    assert sum(isinstance(f._trace, Later) for f in rows) > len(rows) // 2  # most were rows
    assert _fields(list(rows)) == _fields(eager)


def test_an_element_has_one_reference_whichever_rule_names_it():
    view = load_subject("programme", ROOT / "examples/programmes/greek_pe_bsc.yaml").view
    findings = evaluate(RULES, view, evaluator=Evaluator(RULES)).findings
    by_subject: dict = {}
    for f in findings:
        by_subject.setdefault(f.subject_ref, set()).add(id(f.subject_ref))
    assert len(by_subject) > 10 and all(len(ids) == 1 for ids in by_subject.values())


def _report() -> Report:
    view = load_subject("programme", ROOT / "examples/programmes/faulty_bsc.yaml").view
    return evaluate(RULES, view, evaluator=Evaluator(RULES))


def _extra(status: str = "fail") -> Finding:
    return Finding("extra", {"en": "Extra"}, "error", status, SubjectRef("programme", None, "programme"),
                   (MessagePart("engine.requirement_not_met", {}),))


def test_a_reports_findings_can_be_appended_to_and_replaced_as_before():
    report = _report()
    count, summary = len(report.findings), report.summary
    report.findings.append(_extra())
    assert len(report.findings) == count + 1 and report.findings[-1].rule == "extra"
    assert report.summary["fail"] == summary["fail"] + 1 and report.verdict == "non_compliant"
    report.findings = [_extra("pass")]
    assert [f.rule for f in report.findings] == ["extra"] and report.verdict == "compliant"
    replaced = _report()
    replaced.findings = []  # replaced before it was ever read: the rows are never made
    assert replaced.findings == [] and replaced.summary["fail"] == 0


def test_a_report_built_with_a_list_keeps_that_list():
    given = [_extra()]
    report = Report(subject_kind="programme", subject_id="p", subject_title=None, ruleset_id="r",
                    ruleset_title="R", ruleset_version=None, as_of="2020-01-01", findings=given)
    assert report.findings is given and report.verdict == "non_compliant"
    assert Report("programme", "p", None, "r", "R", None, "2020-01-01").findings == []
    assert dataclasses.replace(report, subject_id="q").findings is given


def test_waivers_act_on_findings_made_from_rows_as_on_eager_ones():
    view = load_subject("programme", ROOT / "examples/programmes/faulty_bsc.yaml").view
    lazy = evaluate(RULES, view, evaluator=Evaluator(RULES))
    eager = evaluate(RULES, view, evaluator=Evaluator(RULES, fast=False))
    failed = next(f for f in eager.findings if f.status == "fail")
    waiver = Waiver.model_validate({"rule": failed.rule, "subject": failed.subject, "authority": "Senate",
                                    "reference": "decision 1/2020", "decided": "2019-01-01",
                                    "reason": "a test of waivers on findings made from rows"})
    for report in (lazy, eager):
        apply_waivers(report, [waiver], Evaluator(RULES).as_of)
    assert any(f.status == "waived" for f in lazy.findings)
    assert to_json(lazy) == to_json(eager)
