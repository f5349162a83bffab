"""The shape of the generated fast path (engine.ruleset.codegen) on the bundled ECTS Users' Guide 2015 rules:
what a generated function records (each finding's position in its rule's collection), and what it works
out once rather than per element. test_fastpath_properties compares its findings with the generic
evaluator's on random rules and programmes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.api import load_ruleset
from engine.evaluation.evaluator import Evaluator
from engine.evaluation.fastpath import fast_path, fast_source
from engine.evaluation.naming import subject_ref
from engine.subjects.kinds import load_subject

ROOT = Path(__file__).resolve().parent.parent
RULES = load_ruleset("ects_guide_2015")


def _function(name: str) -> str:
    """The generated source of one rule's function."""
    source = fast_source(RULES)
    match = re.search(rf"def rule_\d+_{name}\(.*?(?=\n\n\ndef |\n\n# constants|\Z)", source, re.S)
    assert match, name
    return match.group(0)


@pytest.mark.parametrize("example", ["faulty_bsc.yaml", "greek_pe_bsc.yaml", "electives_msc.yaml"])
def test_a_generated_function_records_each_finding_by_its_position_in_the_rules_collection(example):
    view = load_subject("programme", ROOT / "examples/programmes" / example).view
    fast, generic = Evaluator(RULES), Evaluator(RULES, fast=False)
    checked_rules = 0
    for rule in fast.rules_for("programme"):
        function = fast_path(RULES).function(rule)
        if function is None or rule.collection is None:
            continue
        rows: list = []
        handed: list = []
        function(view, fast.params, rows.extend, lambda item: handed.append(item) or 1)
        elements = fast.elements(rule, view)
        positions, statuses = rows[0::2], rows[1::2]
        assert all(type(p) is int for p in positions) and positions == sorted(set(positions)), rule.id
        assert not set(map(id, handed)) & {id(elements[p]) for p in positions}, rule.id  # decided once
        for pos, status in zip(positions, statuses):
            item = elements[pos]
            assert generic.rebuilt(rule, view, item, subject_ref(item, rule.scope_type)).status == status, rule.id
        checked_rules += bool(positions)
    assert checked_rules >= 3  # the per-course rules at least


def test_reads_the_same_for_every_element_are_made_once_before_the_loop():
    hours = _function("hours_per_credit")
    before, loop = hours.split("for pos, s1 in enumerate(items):")
    assert "P[" in before and "P[" not in loop  # the band of hours per credit
    terms = _function("term_credits")
    before, loop = terms.split("for pos, s1 in enumerate(items):")
    assert "s0.terms_per_year" in before and "s0." not in loop  # the programme's terms per year, read once


def test_only_a_clause_with_and_or_is_guarded_by_try():
    # credits_positive: a `where` and a `require` without and/or hand an undecided element to G where they stand
    positive = _function("credits_positive")
    assert "try:" not in positive and "_Undecided" not in positive and positive.count("G(s1)") == 2
    # term_credits: its `when` and its requirement combine conditions (`and`, `or`)
    assert _function("term_credits").count("except _Undecided:") == 2
