"""Checking rule files before evaluation: names, fields, types, units, duplicates, citations."""
from __future__ import annotations

import pytest

from engine.ruleset.compiled import compile_ruleset
from engine.errors import RuleSetError
from engine.ruleset.compose import compose

HEADER = '''ruleset demo
  title "Demo"
source s "A source"
parameter year_credits = 60 credits
  cite s "art. 1"
'''


def problems(write, body: str) -> list[RuleSetError]:
    write("demo/demo.rules", HEADER + body)
    folder = write("demo/demo.rules", HEADER + body).parent
    with pytest.raises(RuleSetError) as e:
        compile_ruleset(compose(str(folder)))
    return getattr(e.value, "errors", [e.value])


def rule(require: str, scope: str = "for each year in programme.years") -> str:
    return f'rule r\n  title "R"\n  severity error\n  cite s "art. 2"\n  {scope}\n  require {require}\n'


@pytest.mark.parametrize("require, expected", [
    ("year.credit == year_credits", "Year has no field 'credit' (did you mean 'credits'?)"),
    ("year.credits == year_credit", "unknown name 'year_credit' (did you mean 'year_credits'?)"),
    ("yeer.credits == 60 credits", "unknown name 'yeer' (did you mean 'year'?)"),
    ("year.credits + year.total_hours > 0", "cannot add a number of credits and a number of hours"),
    ("year.credits == 60 hours", "cannot compare a number of credits with a number of hours"),
    ("year.credits", "a 'require' clause must be a yes/no condition"),
    ('programme.cycle == "secnod"', '"secnod" is not one of "short", "first", "second", "third" (did you mean \'second\'?)'),
    ("year_credits.value > 1", "parameter 'year_credits' is a number of credits; it has no field 'value'"),
    ("sum(c.title for c in year.courses) > 1", "sum(...) needs numbers, but 'c.title' is a text"),
    ("year.credits in programme.cycle", "'in' needs a range (25..30 hours) or a set"),
])
def test_each_mistake_is_named_with_a_position_and_a_suggestion(write, require, expected):
    errs = problems(write, rule(require))
    assert any(expected in e.message for e in errs), [e.message for e in errs]
    err = errs[0]
    assert err.path.endswith("demo.rules") and err.line == 11 and err.column >= 11
    assert "^" in err.detail


def test_duplicate_rule_ids_are_an_error(write):
    errs = problems(write, rule("year.credits == year_credits") + rule("year.credits > 0 credits"))
    assert any("rule 'r' is declared twice for overlapping dates" in e.message for e in errs)


def test_dated_versions_of_a_rule_may_share_an_id(write):
    body = rule("year.credits == year_credits").replace("require", 'in force until 2020-01-01\n  require') + \
        rule("year.credits > 0 credits").replace("require", 'in force from 2020-01-01\n  require')
    folder = write("demo/demo.rules", HEADER + body).parent
    assert len(compile_ruleset(compose(str(folder))).rules["r"]) == 2


def test_a_parameter_without_a_citation_is_an_error(write):
    errs = problems(write, "parameter p = 2 credits\n" + rule("year.credits > p"))
    assert any("parameter 'p' has no citation" in e.message for e in errs)


def test_a_rule_without_citation_or_severity_is_an_error(write):
    errs = problems(write, 'rule r\n  title "R"\n  require programme.credits > 0 credits\n')
    messages = " | ".join(e.message for e in errs)
    assert "rule 'r' has no citation" in messages and "rule 'r' has no severity" in messages


def test_citing_an_unknown_source_is_an_error(write):
    errs = problems(write, rule("year.credits > 0 credits").replace('cite s "art. 2"', 'cite guide "art. 2"'))
    assert any("cites an unknown source 'guide'" in e.message for e in errs)


def test_a_rule_must_look_at_a_subject(write):
    errs = problems(write, rule("year_credits > 0 credits", scope="when true"))
    assert any("does not look at any subject" in e.message for e in errs)


def test_scope_over_a_non_list(write):
    errs = problems(write, rule("x.credits > 0 credits", scope="for each x in programme.credits"))
    assert any("'programme.credits' is a number of credits, not a list to go through" in e.message for e in errs)


def test_units_combine_by_multiplication_and_division(write):
    body = HEADER + '''parameter hpc = 25..30 hours per credit
  cite s "art. 3"
rule ok
  title "R"
  severity info
  cite s "x"
  for each course in programme.courses
  require course.total_hours / course.credits in hpc
  require course.credits * 25 hours per credit <= course.total_hours
'''
    folder = write("demo/demo.rules", body).parent
    assert "ok" in compile_ruleset(compose(str(folder))).rules


def test_the_bundled_rule_sets_check_cleanly():
    from engine.ruleset.compose import list_bundled
    for name in list_bundled():
        assert compile_ruleset(compose(name)).rules
