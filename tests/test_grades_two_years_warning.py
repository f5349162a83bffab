"""`ects grades convert` warns that a table covers one year only where the chosen rule set asks for two: the
Guide's `ects_grading_table_min_2_years`, which greek_law_4009 drops (its decision accepts 100 examined
students in one year). It warned under greek_law_4009 too."""
from __future__ import annotations

import json

import pytest

from cli_helpers import PROGRAMMES, run
from engine.grades.convert import asks_two_years
from engine.ruleset.compiled import load_ruleset

GRADES = PROGRAMMES.parent / "grades"
ONE_YEAR = ("grades", "convert", "8", "--from", GRADES / "serbian-informatics.yaml", "--to",
            GRADES / "greek-informatics.csv", "--to-group", "gr-informatics-first", "--to-scale", "gr-0-10",
            "--years", "2022-23", "--policy", "avg")


@pytest.mark.parametrize("rules, warned", [("greek_law_4009", False), ("ects_guide_2015", True), (None, True)])
@pytest.mark.parametrize("lang, words", [("en", "asks for at least two years"), ("el", "ζητά τουλάχιστον δύο έτη"),
                                         ("sr", "najmanje dve")])
def test_the_one_year_warning_follows_the_rule_set(rules, warned, lang, words):
    code, out, err = run(*ONE_YEAR, *(("--rules", rules) if rules else ()), "--lang", lang)
    assert code == 0, err
    assert (words in out) == warned, out


@pytest.mark.parametrize("rules, warned", [("greek_law_4009", False), ("ects_guide_2015", True)])
def test_the_json_warnings_follow_the_rule_set(rules, warned):
    code, out, err = run(*ONE_YEAR, "--rules", rules, "--format", "json")
    assert any("at least two years" in w for w in json.loads(out)["warnings"]) == warned


def test_a_rule_set_asks_for_two_years_when_it_has_the_guides_rule():
    assert asks_two_years(None)
    assert asks_two_years(load_ruleset("ects_guide_2015"))
    assert asks_two_years(load_ruleset("serbian_credit_act"))
    assert not asks_two_years(load_ruleset("greek_law_4009"))
