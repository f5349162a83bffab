"""Exceptions and `for each ... where` filters that depend on the choice of electives, decided per choice.

The programme: term 1 carries 20 compulsory credits and one of two electives, PE351 (6 credits, 26 in all)
or PE352 (14 credits, 34 in all); term 2 carries 30 credits and no choice.
"""
from __future__ import annotations

import json
from unittest import mock

import jsonschema

from engine.evaluation.evaluator import evaluate
from engine.render import render
from engine.render.report_schema import report_schema
from engine.render.wording import finding_text, message_text
from engine.ruleset.compiled import compile_ruleset
from engine.ruleset.compose import compose
from engine.semantics import choices
from engine.subjects.programme.model import Programme
from engine.subjects.programme.views import ProgrammeView

HEADER = 'ruleset demo\n  title "Demo"\nsource s "A source"\n'
RULE = 'rule r\n  title "R"\n  severity error\n  cite s "art. 1"\n  for each term in programme.terms{where}\n{when}' \
       '  require {require}\n'
EXCEPTION = 'rule x exception to r\n  title "X"\n  cite s "art. 2"\n  when {when}\n  require {require}\n'


def course(code: str, term: int, credits: float) -> dict:
    return {"code": code, "term": term, "credits": credits}


TWO_WAYS = {"id": "p", "cycle": "first", "years": 1,
            "courses": [course("PE101", 1, 20), course("PE351", 1, 6), course("PE352", 1, 14), course("PE201", 2, 30)],
            "elective_groups": [{"id": "t1", "choose": 1, "courses": ["PE351", "PE352"]}]}


def report(write, require: str, where: str = "", when: str = "", exception: tuple[str, str] | None = None):
    text = HEADER + RULE.format(where=f" where {where}" if where else "", when=f"  when {when}\n" if when else "",
                                require=require)
    if exception:
        text += EXCEPTION.format(when=exception[0], require=exception[1])
    folder = write("demo/demo.rules", text).parent
    return evaluate(compile_ruleset(compose(str(folder))), ProgrammeView(Programme.model_validate(TWO_WAYS)))


def findings(write, *args, **kwargs) -> dict:
    return {f.subject: f for f in report(write, *args, **kwargs).findings}


def steps(f) -> list[str]:
    return [f"{s.label}: {s.expr} -> {s.value}" for s in finding_text(f, "en").trace if s.kind != "value"]


# ---- an exception whose condition depends on the choice ------------------------------------------------

def test_an_exception_that_applies_under_some_choices_passes_when_each_choice_meets_its_requirement(write):
    # PE351: 26 credits, the rule applies (<= 30, met); PE352: 34 credits, the exception applies (<= 34, met)
    f = findings(write, "term.credits <= 30", exception=("term.credits >= 30", "term.credits <= 34"))["term 1"]
    assert f.status == "pass" and f.rule == "r"
    text = message_text(f)
    assert "Which requirement applies depends on the student's choice of electives" in text
    assert "Met under every permitted choice of electives." in text
    assert steps(f) == [
        "exception applies when: term.credits >= 30 -> does not hold (if the student takes PE351)",
        "required: term.credits <= 30 -> met (if the student takes PE351)",
        "exception applies when: term.credits >= 30 -> holds (if the student takes PE352)",
        "required: term.credits <= 34 -> met (if the student takes PE352)"]


def test_an_exception_that_applies_under_some_choices_fails_when_no_choice_meets_its_requirement(write):
    f = findings(write, "term.credits >= 40", exception=("term.credits >= 30", "term.credits >= 36"))["term 1"]
    assert f.status == "fail"
    assert "Not met under any permitted choice of electives." in message_text(f)


def test_an_exception_that_applies_under_some_choices_names_a_failing_and_a_holding_choice(write):
    f = findings(write, "term.credits <= 30", exception=("term.credits >= 30", "term.credits <= 32"))["term 1"]
    assert f.status == "indeterminate"
    assert "it fails if the student takes PE352; holds if instead they take PE351" in message_text(f)
    assert steps(f)[:2] == ["exception applies when: term.credits >= 30 -> holds (if the student takes PE352)",
                            "required: term.credits <= 32 -> not met (if the student takes PE352)"]


def test_an_exception_that_applies_under_every_choice_gives_its_own_finding(write):
    # undecided symbolically (two totals of the same choice), true under each choice: the exception's finding
    same = "sum(c.credits for c in term.courses) == term.credits"
    got = findings(write, "term.credits >= 40", exception=(same, "term.credits >= 20"))
    assert got["term 1"].rule == "x" and got["term 1"].status == "pass"
    assert "Exception to 'r'" in message_text(got["term 1"])


def test_a_rule_whose_when_depends_on_the_choice_goes_the_way_each_choice_takes(write):
    # PE351: the rule does not apply (26 < 30); PE352: the exception applies (34 <= 34): met wherever it applies.
    # Without trying each choice the exception was not seen, and PE352 failed the rule's own requirement.
    f = findings(write, "term.credits <= 33", when="term.credits >= 30",
                 exception=("term.credits >= 34", "term.credits <= 34"))["term 1"]
    assert f.status == "pass"
    assert "when: term.credits >= 30 -> does not hold (if the student takes PE351)" in "\n".join(steps(f))


# ---- a `for each ... where` filter that depends on the choice -----------------------------------------

def test_an_element_covered_under_some_choices_passes_when_each_covering_choice_meets_the_rule(write):
    got = findings(write, "term.credits <= 34", where="term.credits >= 30")
    f = got["term 1"]
    assert f.status == "pass"
    text = message_text(f)
    assert "Whether term 1 is covered by this rule depends on the student's choice of electives" in text
    assert "a choice that leaves it out requires nothing of it" in text
    assert steps(f) == ["covered when: term.credits >= 30 -> does not hold (if the student takes PE351)",
                        "covered when: term.credits >= 30 -> holds (if the student takes PE352)",
                        "required: term.credits <= 34 -> met (if the student takes PE352)"]
    assert got["term 2"].status == "pass"


def test_an_element_covered_under_some_choices_fails_there_and_is_undecided(write):
    # covered and failing under PE352, left out (nothing required) under PE351: it depends on the choice
    f = findings(write, "term.credits <= 33", where="term.credits >= 30")["term 1"]
    assert f.status == "indeterminate"
    assert "it fails if the student takes PE352; holds if instead they take PE351" in message_text(f)


def test_an_element_covered_under_every_choice_gets_the_rule_s_own_finding(write):
    # undecided symbolically, covered under each choice: the rule's finding, decided per choice as ever
    covered = "sum(c.credits for c in term.courses) == term.credits"
    failing = findings(write, "term.credits >= 40", where=covered)["term 1"]
    assert failing.status == "fail" and message_text(failing) == "Requirement not met."
    assert findings(write, "term.credits >= 20", where=covered)["term 1"].status == "pass"


def test_an_element_no_choice_covers_is_left_out(write):
    got = findings(write, "term.credits >= 40", where="sum(c.credits for c in term.courses) != term.credits")
    assert list(got) == ["programme"] and got["programme"].status == "not_applicable"


def test_beyond_the_limit_of_choices_the_finding_says_how_many_there_were(write):
    # two totals, each undecided on its own: which choices cover term 1 is not named without trying them
    where = "term.credits - sum(c.credits for c in term.courses where c.credits > 10) == 0"
    assert findings(write, "term.credits <= 34", where=where)["term 1"].status == "pass"
    with mock.patch.object(choices, "WORLD_LIMIT", 1):
        f = findings(write, "term.credits <= 34", where=where)["term 1"]
    assert f.status == "indeterminate"
    assert "Cannot tell whether term 1 is covered by this rule" in message_text(f)
    assert "(2 combinations of electives, more than 1 checked one by one)" in message_text(f)
    with mock.patch.object(choices, "WORLD_LIMIT", 1):  # the rule's own requirement alone would not do
        f = findings(write, "term.credits <= 33", when="term.credits >= 30",
                     exception=("term.credits >= 34", "term.credits <= 34"))["term 1"]
    assert f.status == "indeterminate" and "Cannot tell whether the rule applies" in message_text(f)


# ---- in every language, and in the JSON report -----------------------------------------------------------

def test_the_finding_is_worded_in_each_language_and_meets_the_report_schema(write):
    r = report(write, "term.credits <= 33", where="term.credits >= 30")
    f = next(f for f in r.findings if f.subject == "term 1")
    greek, serbian = finding_text(f, "el"), finding_text(f, "sr")
    assert "PE352" in greek.message and "επιλογή μαθημάτων επιλογής" in greek.message
    assert "αν ο φοιτητής επιλέξει PE351" in "\n".join(s.value for s in greek.trace)
    assert "izbornih predmeta" in serbian.message and "choice" not in serbian.message
    data = json.loads(render([r], "json"))
    jsonschema.validate(data, report_schema())
    trace = next(x for x in data["findings"] if x["subject"] == "term 1")["trace"]
    assert {"kind": "condition", "outcome": "holds", "reason": "if the student takes PE352", "role": "where"} \
        in [step["event"] for step in trace]
