"""The compiled fast path against the generic evaluator: the same findings, to the byte.

Hypothesis writes random rules from the forms the fast path generates (fields of the programme, its
years, terms and courses; comparisons, ranges, sets, and/or/not, `is whole`, `is known`, arithmetic;
a `where` and a `when`; messages with holes) and random programmes with elective groups,
specialisations, year-long courses, courses without credits or hours (the programme strategy of
test_choices_properties, with those added). Every finding must be the same whichever way it was
decided: status, subject, message parts and trace (the finding as data, and its rendered report).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine.api import load_ruleset
from engine.dsl.cache import cached_compile
from engine.evaluation.deferred import Later
from engine.evaluation.evaluator import Evaluator, evaluate
from engine.evaluation.fastpath import fast_source
from engine.render import to_json
from engine.ruleset.compiled import compile_ruleset
from engine.ruleset.compose import compose
from engine.subjects.kinds import load_subject
from engine.subjects.programme.model import Programme
from engine.subjects.programme.views import ProgrammeView
from test_choices_properties import HEADER, programmes

PARAMS = """parameter least = 4 credits
  cite s "art. 2"
parameter band = 20..40 hours per credit
  cite s "art. 3"
parameter allowed = {2 credits, 4 credits, 6 credits}
  cite s "art. 4"
"""

# per scope: (the `for each` line, numbers with their unit, yes/no conditions of one field)
SCOPES = {
    "course": ("for each c in programme.courses", [("c.credits", "credits"), ("c.total_hours", "hours"),
                                                   ("c.hours_per_credit", "hours per credit"),
                                                   ("c.contact_hours", "hours"), ("c.term", None)],
               ['c.type == "elective"', 'c.type != "compulsory"', "c.is_elective", "c.credits is whole",
                "c.total_hours is known", "c.credits in allowed", "c.hours_per_credit in band",
                "c.credits >= least"]),
    "term": ("for each t in programme.terms", [("t.credits", "credits"), ("t.total_hours", "hours"),
                                               ("t.number", None), ("t.course_count", None)],
             ["t.credits in allowed", "t.credits is whole", "t.total_hours is missing"]),
    "year": ("for each y in programme.years", [("y.credits", "credits"), ("y.total_hours", "hours"),
                                               ("y.share", None)],
             ["y.credits >= least * 2", "y.total_hours / y.credits in band"]),
    "programme": (None, [("programme.credits", "credits"), ("programme.total_hours", "hours"),
                         ("programme.terms_per_year", None), ("programme.elective_group_count", None)],
                  ['programme.mode == "full_time"', "programme.credits in allowed",
                   'programme.cycle in {"first", "second"}']),
}
OPS = ["==", "!=", "<", "<=", ">", ">="]


def literal(draw, unit: str | None) -> str:
    n = draw(st.integers(0, 60))
    if unit is None or draw(st.booleans()):
        return str(n)
    return f"{n} {unit}" if unit != "hours per credit" else f"{n} hours per credit"


@st.composite
def conditions(draw, scope: str, depth: int = 0) -> str:
    _, numbers, flags = SCOPES[scope]
    others = [] if scope == "programme" else SCOPES["programme"][1]
    kind = draw(st.sampled_from(["cmp", "flag", "span", "arith"] + (["and", "or", "not"] if depth < 2 else [])))
    if kind == "flag":
        return draw(st.sampled_from(flags + (SCOPES["programme"][2] if scope != "programme" else [])))
    if kind in ("cmp", "span", "arith"):
        field, unit = draw(st.sampled_from(numbers + others))
        if kind == "span":
            low = draw(st.integers(0, 40))
            span = f"{low}..{low + draw(st.integers(0, 30))}" + (f" {unit}" if unit else "")
            return f"{field} {'not in' if draw(st.booleans()) else 'in'} {span}"
        if kind == "arith":
            same = [f for f, u in numbers + others if u == unit and f != field]
            right = f"{draw(st.sampled_from(same))} {draw(st.sampled_from(['+', '-']))} {literal(draw, unit)}" \
                if same else f"{field} * 2"
            return f"{field} {draw(st.sampled_from(OPS))} {right}"
        return f"{field} {draw(st.sampled_from(OPS))} {literal(draw, unit)}"
    if kind == "not":
        return f"not ({draw(conditions(scope, depth + 1))})"
    return f"({draw(conditions(scope, depth + 1))}) {kind} ({draw(conditions(scope, depth + 1))})"


@st.composite
def rules(draw) -> str:
    scope = draw(st.sampled_from(sorted(SCOPES)))
    line, numbers, _ = SCOPES[scope]
    text = 'rule r\n  title "R"\n  severity error\n  cite s "art. 1"\n'
    if line:
        where = draw(st.one_of(st.none(), conditions(scope, depth=2)))
        text += f"  {line}" + (f" where {where}" if where else "") + "\n"
    if draw(st.booleans()):
        text += f"  when {draw(conditions(scope, depth=1))}\n"
    for _ in range(draw(st.integers(1, 2))):
        text += f"  require {draw(conditions(scope))}\n"
    holes = draw(st.lists(st.sampled_from([f for f, _ in numbers] + ["least", "band"]), max_size=3))
    if holes:
        text += '  message "' + ", ".join(f"{{{h}}}" for h in holes) + '"\n'
    return text


@st.composite
def varied_programmes(draw) -> dict:
    """The elective programmes of test_choices_properties, with hours, missing data and year-long courses."""
    raw = draw(programmes())
    for c in raw["courses"]:
        shape = draw(st.sampled_from(["hours", "hours", "total", "none", "no credits", "year-long"]))
        if shape in ("hours", "year-long"):
            c["hours"] = {"lectures": draw(st.integers(0, 60)), "independent": draw(st.integers(0, 150))}
        elif shape == "total":
            c["hours"] = {"total": draw(st.integers(0, 300))}
        elif shape == "no credits":
            del c["credits"]
        if shape == "year-long":
            del c["term"]
            c["year"] = 1
    raw["mode"] = draw(st.sampled_from(["full_time", "part_time"]))
    return raw


def valid_programme(raw: dict) -> Programme:
    """The generated programme as a model; an example the model refuses is not a test case (assume)."""
    try:
        return Programme.model_validate(raw)
    except ValidationError:
        assume(False)


def same_findings(rule_text: str, raw: dict) -> None:
    model = valid_programme(raw)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "prop.rules").write_text(HEADER + PARAMS + rule_text, encoding="utf-8")
        rs = compile_ruleset(compose(tmp))
    fast = evaluate(rs, ProgrammeView(model), evaluator=Evaluator(rs))
    generic = evaluate(rs, ProgrammeView(model), evaluator=Evaluator(rs, fast=False))
    assert [(f.rule, f.status, f.subject_ref) for f in fast.findings] == \
        [(f.rule, f.status, f.subject_ref) for f in generic.findings], rule_text
    for lang in ("en", "sr"):
        assert [f.to_dict(lang) for f in fast.findings] == [f.to_dict(lang) for f in generic.findings], rule_text
    assert to_json(fast) == to_json(generic), rule_text


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@settings(max_examples=150, **SETTINGS)
@given(rules(), varied_programmes())
def test_the_fast_path_gives_the_generic_evaluators_findings(rule_text, raw):
    same_findings(rule_text, raw)


ROOT = Path(__file__).resolve().parent.parent


def test_the_bundled_rules_are_generated_and_readable():
    source = fast_source(load_ruleset("ects_guide_2015"))
    compile(source, "generated", "exec")
    assert "def rule_" in source and "# rule hours_per_credit" in source
    assert "rule year_credits" in source


def test_a_rule_with_an_aggregate_is_left_to_the_generic_evaluator():
    # second_cycle_level_credits sums courses: not generated, evaluated the generic way
    assert "second_cycle_level_credits" not in fast_source(load_ruleset("ects_guide_2015"))


def test_a_finding_decided_fast_builds_its_message_and_trace_when_read():
    rs = load_ruleset("ects_guide_2015")
    view = load_subject("programme", ROOT / "examples/programmes/greek_pe_bsc.yaml").view
    fast = evaluate(rs, view, evaluator=Evaluator(rs)).findings
    generic = evaluate(rs, view, evaluator=Evaluator(rs, fast=False)).findings
    deferred = [f for f in fast if isinstance(f._trace, Later)]
    assert len(deferred) > len(fast) // 2  # most of this programme's findings are decided on the fast path
    assert [(f.trace, f.to_dict("el")) for f in fast] == [(f.trace, f.to_dict("el")) for f in generic]
    assert not any(isinstance(f._trace, Later) or isinstance(f._message, Later) for f in fast)  # built, kept


def test_a_waived_finding_keeps_the_message_of_its_verdict():
    # a waiver changes a finding's status after evaluation; its message and trace are still those of the verdict
    rs = load_ruleset("ects_guide_2015")
    view = load_subject("programme", ROOT / "examples/programmes/faulty_bsc.yaml").view
    fast = evaluate(rs, view, evaluator=Evaluator(rs)).findings
    generic = evaluate(rs, view, evaluator=Evaluator(rs, fast=False)).findings
    failed = [i for i, f in enumerate(fast) if f.status == "fail" and isinstance(f._message, Later)]
    assert failed
    for i in failed:
        fast[i].status = generic[i].status = "waived"
    assert [fast[i].to_dict("en") for i in failed] == [generic[i].to_dict("en") for i in failed]


def test_the_generated_code_is_cached_like_the_parse(tmp_path, monkeypatch):
    monkeypatch.delenv("ECTS_NO_CACHE", raising=False)
    monkeypatch.setenv("ECTS_CACHE_DIR", str(tmp_path))
    source = "def f():\n    return 42\n"
    first = cached_compile(source, "<generated>")
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    again = cached_compile(source, "<generated>")
    namespace: dict = {}
    exec(again, namespace)  # noqa: S102
    assert namespace["f"]() == 42 and again == first
    assert cached_compile(source + "\n", "<generated>") is not None and len(list(tmp_path.glob("*.pickle"))) == 2
