"""`ects rules test --coverage`: rules, statuses and conditions the test cases exercise."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from engine.tools.coverage import measure
from engine.ruleset.compose import list_bundled, locate

RULES = '''ruleset demo
  title "Demo"
source s "A source"
parameter full_year = 60 credits
  cite s "art. 1"
rule year_credits
  title "A full-time year carries 60 credits"
  severity error
  cite s "art. 2"
  for each year in programme.years
  when programme.mode == "full_time" or programme.mode == "part_time"
  require year.credits == full_year
rule untested
  title "Never asked about"
  severity warning
  cite s "art. 3"
  require programme.credits > 0 credits
'''

CASES = '''programme: &p
  id: p
  mode: full_time
  cycle: first
  years: 1
  courses:
    - {code: C1, title: C1, year: 1, credits: 60}
cases:
  - name: a year of 60 credits passes
    programme: *p
    expect: {year_credits: pass}
  - name: a year of 58 credits fails
    programme:
      id: q
      mode: full_time
      cycle: first
      years: 1
      courses:
        - {code: C1, title: C1, year: 1, credits: 58}
    expect: {year_credits: fail}
'''


@pytest.fixture
def demo(write):
    write("demo/tests/cases.yaml", CASES)
    return write("demo/demo.rules", RULES).parent


def test_rules_statuses_and_conditions_are_measured(demo):
    cov = measure(demo)
    by_rule = {r.rule: r for r in cov.rules}
    year = by_rule["year_credits"]
    assert year.tested and year.expected == {"pass", "fail"}
    assert year.statuses_missing() == ["not_applicable"]  # no case where the 'when' is false
    outcomes = {c.text: c.outcomes for c in year.conditions}
    assert outcomes['programme.mode == "full_time"'] == {"true"}
    assert outcomes['programme.mode == "part_time"'] == set()  # never reached: 'or' stops at the first true
    assert outcomes["year.credits == full_year"] == {"true", "false"}
    assert not by_rule["untested"].tested
    assert cov.counts() == {"rules": 2, "rules_tested": 1, "statuses": 5, "statuses_seen": 3,
                            "conditions": 5, "conditions_covered": 1}


def test_cli_names_each_gap_with_file_and_line(demo):
    res = CliRunner().invoke(main, ["rules", "test", str(demo), "--coverage"])
    assert res.exit_code == 0, res.output
    assert "demo.rules:13: rule untested has no test case" in res.output
    assert "demo.rules:6: rule year_credits never gives not_applicable" in res.output
    assert "demo.rules:11:41: rule year_credits: operand 'programme.mode == \"part_time\"' never evaluated" in res.output
    assert "rules tested 1/2" in res.output and "2 passed, 0 failed" in res.output


def test_cli_json(demo):
    res = CliRunner().invoke(main, ["rules", "test", str(demo), "--coverage", "--format", "json"])
    data = json.loads(res.output)
    assert data["passed"] == 2 and data["coverage"][0]["summary"]["rules_tested"] == 1
    rule = next(r for r in data["coverage"][0]["rules"] if r["rule"] == "year_credits")
    assert rule["statuses_seen"] == ["fail", "pass"] and rule["conditions"][0]["role"] == "when"


@pytest.mark.parametrize("name", list_bundled())
def test_bundled_sets_have_full_rule_and_status_coverage(name):
    cov = measure(locate(name))
    assert all(c.ok for c in cov.cases)
    assert [r.rule for r in cov.rules if not r.tested] == []
    assert [(r.rule, r.statuses_missing()) for r in cov.rules if r.statuses_missing()] == []
