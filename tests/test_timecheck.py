"""Static checks of time in `ects rules check`: values missing while a rule is in force, gaps, parents."""
from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from engine.cli.main import main
from engine.ruleset.compiled import compile_ruleset
from engine.dsl import ast
from engine.ruleset.compose import compose
from engine.ruleset.timecheck import check_time, uncovered

HEADER = '''ruleset demo
  title "Demo"
  in force from 2010-01-01
source s "A source"
'''
RULE = '''rule year_credits
  title "A year carries the prescribed credits"
  severity error
  cite s "art. 2"
  for each year in programme.years
  require year.credits == full_year
'''


def problems_of(folder) -> list[tuple[str, int, str]]:
    return [(p.severity, p.pos.line, p.message) for p in check_time(compile_ruleset(compose(str(folder))))]


def test_rule_in_force_before_its_parameter_is_an_error(write):
    folder = write("demo/demo.rules", HEADER + '''parameter full_year = 60 credits
  cite s "art. 1"
  in force from 2012-09-01
''' + RULE).parent
    assert problems_of(folder) == [("error", 8, "rule 'year_credits' is in force from 2010-01-01 but parameter "
                                                "'full_year' it reads has no value in force from 2010-01-01 until 2012-09-01")]
    res = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert res.exit_code == 2 and "demo.rules:8:" in res.output and "Traceback" not in res.output


def test_gap_between_parameter_versions_is_a_warning_and_an_error_for_the_rule(write):
    folder = write("demo/demo.rules", HEADER + '''parameter full_year = 60 credits
  cite s "art. 1"
  in force until 2015-01-01
parameter full_year = 60 credits
  cite s "art. 9"
  in force from 2016-01-01
''' + RULE).parent
    found = problems_of(folder)
    assert ("warning", 8, "parameter 'full_year' has no value from 2015-01-01 until 2016-01-01, between its versions") in found
    assert any(sev == "error" and "from 2015-01-01 until 2016-01-01" in msg for sev, _, msg in found)


def test_versions_that_meet_and_rules_within_their_values_are_clean(write):
    folder = write("demo/demo.rules", HEADER + '''parameter full_year = 60 credits
  cite s "art. 1"
  in force until 2015-01-01
parameter full_year = 60 credits
  cite s "art. 9"
  in force from 2015-01-01
''' + RULE).parent
    assert problems_of(folder) == []
    res = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert res.exit_code == 0 and "warning" not in res.output


def test_child_outside_its_parent_and_child_override_leaving_a_parent_rule_without_value(write):
    write("sets/demo/demo.rules", HEADER + 'parameter full_year = 60 credits\n  cite s "art. 1"\n' + RULE)
    child = write("sets/child/child.rules", '''ruleset child extends demo
  title "Child"
  in force from 2005-01-01
parameter full_year = 60 credits
  cite s "art. 3"
  in force from 2011-01-01
''').parent
    found = problems_of(child)
    assert ("warning", 1, "rule set 'child' is in force from 2005-01-01 but extends 'demo', in force from 2010-01-01: "
                          "demo's rules are applied from 2005-01-01 until 2010-01-01, when it was not in force") in found
    assert ("error", 4, "rule 'year_credits' is in force from 2005-01-01 but parameter 'full_year' it reads has no "
                        "value in force from 2005-01-01 until 2011-01-01") in found


def test_bundled_sets_have_no_time_errors():
    for name in ("ects_guide_2015", "greek_law_4009", "serbian_credit_act"):
        found = check_time(compile_ruleset(compose(name)))
        assert [p.format() for p in found if p.severity == "error"] == []


DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2000, 3, 1))
PERIODS = st.tuples(st.none() | DAYS, st.none() | DAYS).filter(lambda t: None in t or t[0] < t[1]).map(
    lambda t: ast.InForce(*t))


@given(PERIODS, st.lists(PERIODS, max_size=4), DAYS)
def test_uncovered_days_are_exactly_those_no_version_covers(period, covers, day):
    gaps = uncovered(period, covers)
    in_gap = any(g.covers(day) for g in gaps)
    assert in_gap == (period.covers(day) and not any(c.covers(day) for c in covers))
