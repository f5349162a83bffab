"""`ects rules explain SET RULE`: a rule as a reviewer reads it, in English, Greek or Serbian."""
from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from engine.cli.main import main
from engine.ruleset.compiled import load_ruleset
from engine.dsl.parser import parse_expression
from engine.tools.explain import explain_rule, in_words

DAY = dt.date(2024, 1, 1)


def test_rule_with_law_quote_parameters_and_exceptions():
    data = explain_rule(load_ruleset("greek_law_4009"), "year_credits", DAY)
    assert data["title"] == "A full-time academic year carries the prescribed number of credits"
    assert data["origin"] == "ects_guide_2015" and data["declared_at"].startswith("ects_guide_2015/ects_guide_2015.rules:")
    assert data["citations"][0]["quote"].startswith("60 ECTS credits are allocated")
    assert data["scope"] == "each year in programme.years"
    assert data["when"] == 'programme.mode is "full_time"'
    assert data["requires"] == ["year.credits is (full_time_year_credits (60 credits) * year.share)"]
    assert [p["name"] for p in data["parameters"]] == ["full_time_year_credits"]
    assert [e["rule"] for e in data["exceptions"]] == ["intensive_year_credits"]


def test_an_exception_says_what_it_replaces_and_its_dated_versions_show():
    rs = load_ruleset("greek_law_4009")
    exc = explain_rule(rs, "intensive_year_credits", DAY)
    assert exc["exception_to"] == "year_credits"
    dated = explain_rule(rs, "postgraduate_min_credits", DAY)
    assert dated["in_force"] == ["from 2017-08-04 until 2022-07-21", "from 2022-07-21"]


def test_words_in_greek_and_serbian():
    e = parse_expression("programme.credits >= limit and programme.cycle != \"first\"")
    assert in_words(e, "el", {"limit": "60 πιστωτικές μονάδες"}) == \
        'programme.credits είναι τουλάχιστον limit (60 πιστωτικές μονάδες) και programme.cycle δεν είναι "first"'
    assert in_words(e, "sr", {}) == 'programme.credits je najmanje limit i programme.cycle nije "first"'
    res = CliRunner().invoke(main, ["rules", "explain", "greek_law_4009", "year_credits", "--lang", "el"])
    assert res.exit_code == 0 and "Νομική βάση:" in res.output and "Ένα ακαδημαϊκό έτος" in res.output


def test_cli_json_and_errors():
    res = CliRunner().invoke(main, ["rules", "explain", "ects_guide_2015", "cycle_credits", "--format", "json"])
    values = {p["name"]: p["versions"][0]["value"] for p in json.loads(res.output)["parameters"]}
    assert values["second_cycle_credits"] == "{90 credits, 120 credits}"
    res = CliRunner().invoke(main, ["rules", "explain", "serbian_credit_act", "cycle_credits"])
    assert res.exit_code == 2 and "dropped by rule set serbian_credit_act" in res.output
    res = CliRunner().invoke(main, ["rules", "explain", "ects_guide_2015", "year_credit"])
    assert res.exit_code == 2 and "did you mean 'year_credits'" in res.output
