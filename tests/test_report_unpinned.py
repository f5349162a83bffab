"""A kept report does not keep its subject's view alive (engine.evaluation.source): its findings, messages
and traces, read once the view is gone, are those read while it was alive (the view made again from its
model), for programmes (generated ones with electives, and one audited with chosen electives), transfers
and cohorts; and while the view is alive it is the one findings are rebuilt from."""
from __future__ import annotations

import gc
import weakref
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings

from engine.api import audit, load_ruleset
from engine.evaluation.evaluator import Evaluator, evaluate
from engine.evaluation.findings import Report
from engine.evaluation import rows as rows_module
from engine.evaluation.rows import Rows
from engine.render import to_json
from engine.subjects.cohort.views import CohortView
from engine.subjects.kinds import LoadOptions, load_subject
from engine.subjects.programme.views import ProgrammeView
from engine.subjects.transfer.views import TransferView
from cli_helpers import run
from test_fastpath_properties import SETTINGS, valid_programme, varied_programmes
from test_finding_rows import _fields

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RULES = load_ruleset("ects_guide_2015")
EVALUATOR = Evaluator(RULES)
EAGER = Evaluator(RULES, fast=False)


@contextmanager
def kept_as_before():
    """Reports made here keep their views, as before (no view can be made again): every element is
    referred to by itself and every trace is the recorder of the evaluation (the reference)."""
    with mock.patch.object(ProgrammeView, "recipe", lambda self: None), \
            mock.patch.object(TransferView, "recipe", lambda self: None), \
            mock.patch.object(CohortView, "recipe", lambda self: None):
        yield


def _read(report: Report) -> tuple:
    """Everything of a report's findings (field by field, messages and traces as data), and its JSON report
    with every finding in full (as --show all --explain gives it)."""
    return _fields(report.findings), to_json(report, show="all"), to_json(report, lang="el", show="all")


def _view_dropped(make_report) -> Report:
    """A report made by `make_report(view_ref)`, read after the view it audited is gone."""
    views: list = []
    report = make_report(views.append)
    assert views, "the test made no view"
    ref = weakref.ref(views.pop())
    gc.collect()
    assert ref() is None, "the report keeps its view alive"
    return report


@settings(max_examples=25, **SETTINGS)
@given(varied_programmes())
def test_findings_read_after_the_view_is_gone_are_those_read_while_it_lives(raw):
    model = valid_programme(raw)
    with kept_as_before():
        expected = _read(evaluate(RULES, ProgrammeView(model), evaluator=EAGER))
    view = ProgrammeView(model)
    assert _read(evaluate(RULES, view, evaluator=EVALUATOR)) == expected  # read while the view lives

    def made(keep):
        v = ProgrammeView(model)
        keep(v)
        return evaluate(RULES, v, evaluator=EVALUATOR)
    assert _read(_view_dropped(made)) == expected


def test_a_report_whose_findings_were_read_does_not_keep_its_view_either():
    with kept_as_before():
        expected = _read(audit(RULES, load_subject("programme", EXAMPLES / "programmes/greek_pe_bsc.yaml"),
                               evaluator=EAGER))

    def made(keep):
        s = load_subject("programme", EXAMPLES / "programmes/greek_pe_bsc.yaml")
        keep(s.view)
        report = audit(RULES, s, evaluator=EVALUATOR)  # its charts read the findings while the view lives
        assert not isinstance(vars(report)["_findings"], Rows)
        report.findings[0].message_parts  # a message rebuilt from the living view: what it keeps is data
        return report
    assert _read(_view_dropped(made)) == expected


def test_an_element_has_one_reference_on_the_view_made_again():
    def made(keep):
        s = load_subject("programme", EXAMPLES / "programmes/greek_pe_bsc.yaml")
        keep(s.view)
        return evaluate(RULES, s.view, evaluator=EVALUATOR)
    by_subject: dict = {}
    for f in _view_dropped(made).findings:
        by_subject.setdefault(f.subject_ref, set()).add(id(f.subject_ref))
    assert len(by_subject) > 10 and all(len(ids) == 1 for ids in by_subject.values())


def test_a_programme_audited_with_chosen_electives():
    path = EXAMPLES / "programmes/greek_pe_bsc.yaml"
    options = LoadOptions(choices=(("sem7-electives", ("PE411", "PE413")),))
    with kept_as_before():
        expected = _read(audit(RULES, load_subject("programme", path, options), evaluator=EAGER))
    assert '"course PE412"' not in expected[1] and '"course PE411"' in expected[1]  # PE412 was not chosen

    def made(keep):
        s = load_subject("programme", path, options)
        keep(s.view)
        return audit(RULES, s, evaluator=EVALUATOR)
    assert _read(_view_dropped(made)) == expected


@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "transfers").glob("*.yaml")))
def test_transfers(name):
    rules = load_ruleset("serbian_credit_act" if name.startswith("serbian") else "ects_guide_2015")
    path = EXAMPLES / "transfers" / name
    with kept_as_before():
        expected = _read(audit(rules, load_subject("transfer", path), evaluator=Evaluator(rules, fast=False)))

    def made(keep):
        s = load_subject("transfer", path)
        keep(s.view)
        return audit(rules, s)
    assert _read(_view_dropped(made)) == expected


@pytest.mark.parametrize("name", ["greek-informatics.csv", "serbian-informatics.yaml"])
def test_cohorts_read_through_the_rule_sets_scale(name):
    rules = load_ruleset("greek_law_4009")
    path = EXAMPLES / "grades" / name
    with kept_as_before():
        expected = _read(audit(rules, load_subject("cohort", path, ruleset=rules), evaluator=Evaluator(rules, fast=False)))

    def made(keep):
        s = load_subject("cohort", path, ruleset=rules)
        keep(s.view)
        return audit(rules, s)
    assert _read(_view_dropped(made)) == expected


def test_a_cohort_bound_to_the_rule_set_only_by_the_audit():
    rules = load_ruleset("greek_law_4009")
    path = EXAMPLES / "grades" / "greek-informatics.csv"
    with kept_as_before():
        expected = _read(audit(rules, load_subject("cohort", path, ruleset=rules), evaluator=Evaluator(rules, fast=False)))
    unbound = load_subject("cohort", path)  # read without a rule set: the audit binds a view of its own
    assert unbound.view.for_ruleset(rules) is not unbound.view
    report = audit(rules, unbound)
    gc.collect()
    assert _read(report) == expected


def test_a_view_that_cannot_be_made_again_is_kept():
    cohort = load_subject("cohort", EXAMPLES / "grades" / "greek-informatics.csv").model
    rules = load_ruleset("greek_law_4009")
    scale = CohortView.through(cohort, rules).grading_scale
    view = CohortView(cohort, scale=scale)  # a scale given to it: the view does not keep how it was given
    assert view.recipe() is None
    ref = weakref.ref(view)
    expected = _read(audit(rules, view))
    report = audit(rules, view)
    del view
    gc.collect()
    assert ref() is not None  # kept by the report, which reads it as before
    assert _read(report) == expected


def test_while_the_view_lives_findings_are_rebuilt_from_it(monkeypatch):
    subject = load_subject("programme", EXAMPLES / "programmes/faulty_bsc.yaml")
    report = evaluate(RULES, subject.view, evaluator=EVALUATOR)

    def made_again(self, model):
        pytest.fail("a living view was made again")
    monkeypatch.setattr(ProgrammeView, "__init__", made_again)
    assert all(f.trace is not None and f.message_parts is not None for f in report.findings)


def test_ects_check_never_makes_a_view_again(monkeypatch, tmp_path):
    made = []
    make = ProgrammeView.__init__

    def counted(self, model):
        made.append(model)
        make(self, model)
    monkeypatch.setattr(ProgrammeView, "__init__", counted)
    files = ("faulty_bsc.yaml", "greek_pe_bsc.yaml", "electives_msc.yaml")
    for name in files:
        (tmp_path / name).write_bytes((EXAMPLES / "programmes" / name).read_bytes())
    for fmt in ("jsonl", "text", "html"):
        made.clear()
        code, _, err = run("check", tmp_path, "--rules", "ects_guide_2015", "--format", fmt, "--show", "all",
                           "--explain", "--jobs", "1", "-o", tmp_path / f"out.{fmt}", "-q")
        assert code in (0, 1), err
        assert len(made) == len(files), fmt


def test_an_element_not_found_in_its_rules_collection_keeps_the_view(monkeypatch):
    def not_found(self, rule, item):
        raise KeyError("not in the collection")
    monkeypatch.setattr(rows_module._Positions, "one", not_found)
    view = load_subject("programme", EXAMPLES / "programmes/greek_pe_bsc.yaml").view
    ref = weakref.ref(view)
    report = evaluate(RULES, view, evaluator=EVALUATOR)
    assert not vars(report)["_findings"].source.by_position
    del view
    gc.collect()
    assert ref() is not None  # kept by the report: findings by their elements, as before
    with kept_as_before():
        expected = _read(evaluate(RULES, load_subject("programme", EXAMPLES / "programmes/greek_pe_bsc.yaml").view,
                                  evaluator=EAGER))
    assert _read(report) == expected
