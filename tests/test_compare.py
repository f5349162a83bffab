"""`ects compare`: parameters, rules and verdicts of several rule sets side by side."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from engine.tools.compare import compare_md, compare_rulesets, compare_text
from engine.errors import UsageError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "programmes"
SETS = ["ects_guide_2015", "greek_law_4009", "serbian_credit_act"]
DAY = dt.date(2025, 1, 1)


@pytest.fixture(scope="module")
def data():
    return compare_rulesets(SETS, DAY, EXAMPLES / "semesters_32_28.yaml")


def row(rows, key, value):
    return next(r for r in rows if r[key] == value)


def test_parameters_side_by_side(data):
    p = row(data["parameters"], "name", "full_time_year_credits")
    assert p["sets"]["ects_guide_2015"]["role"] == "own"
    assert p["sets"]["greek_law_4009"]["role"] == "overrides ects_guide_2015"
    assert p["sets"]["greek_law_4009"]["confidence"] == "seed_only"
    assert "art. 14" in p["sets"]["greek_law_4009"]["citation"]
    assert p["sets"]["serbian_credit_act"]["value"] == "60 credits" and p["differs"]
    assert row(data["parameters"], "name", "hours_per_credit")["sets"]["greek_law_4009"]["unit"] == "hours/credit"
    only_greek = row(data["parameters"], "name", "intensive_year_credits")
    assert set(only_greek["sets"]) == {"greek_law_4009"} and only_greek["sets"]["greek_law_4009"]["role"] == "added"


def test_rules_added_overridden_excepted_dropped(data):
    rules = data["rules"]
    term = row(rules, "id", "term_credits")["sets"]
    assert term["ects_guide_2015"]["role"] == "own" and term["ects_guide_2015"]["severity"] == "warning"
    assert term["greek_law_4009"]["role"] == "overrides ects_guide_2015" and term["greek_law_4009"]["severity"] == "error"
    assert term["serbian_credit_act"]["role"] == "inherited from ects_guide_2015"
    assert row(rules, "id", "intensive_year_credits")["sets"]["greek_law_4009"]["role"] == "exception to year_credits"
    assert row(rules, "id", "cycle_credits")["sets"]["serbian_credit_act"]["role"].startswith("dropped (Serbian law")
    assert row(rules, "id", "active_teaching_hours")["sets"].keys() == {"serbian_credit_act"}


def test_verdicts_per_set(data):
    prog = data["programme"]
    assert prog["id"] == "msc-32-28"
    # semesters of 32 and 28: "normally 30" in the guide (a warning, no tolerance), "30" in Greek law (an error)
    assert prog["rules"]["ects_guide_2015"]["term_credits"]["status"] == "fail"
    assert prog["rules"]["ects_guide_2015"]["term_credits"]["severity"] == "warning"
    assert prog["rules"]["greek_law_4009"]["term_credits"]["status"] == "fail"
    assert prog["rules"]["greek_law_4009"]["term_credits"]["severity"] == "error"
    assert prog["rules"]["greek_law_4009"]["term_credits"]["counts"]["fail"] == 4
    assert prog["rules"]["serbian_credit_act"]["term_credits"]["status"] == "fail"
    assert prog["sets"]["ects_guide_2015"]["verdict"] == "compliant"
    assert prog["sets"]["greek_law_4009"]["verdict"] == "non_compliant"


def test_exception_verdicts_are_rows():
    d = compare_rulesets(["ects_guide_2015", "greek_law_4009"], DAY, EXAMPLES / "greek_intensive_msc.yaml")
    rules = d["programme"]["rules"]
    assert rules["ects_guide_2015"]["year_credits"]["status"] == "fail"
    assert rules["greek_law_4009"]["year_credits"] == {"status": "replaced", "severity": None, "counts": {},
                                                       "replaces": None, "by": "intensive_year_credits"}
    assert rules["greek_law_4009"]["intensive_year_credits"]["status"] == "pass"
    assert rules["greek_law_4009"]["intensive_year_credits"]["replaces"] == "year_credits"


def test_serbian_master_after_180_and_240():
    d = compare_rulesets(["ects_guide_2015", "serbian_credit_act"], DAY, EXAMPLES / "serbian_master_60_after_240.yaml")
    assert d["programme"]["rules"]["serbian_credit_act"]["master_academic_credits"]["status"] == "pass"
    assert d["programme"]["rules"]["ects_guide_2015"]["cycle_credits"]["status"] == "fail"  # 60 is not 90 or 120


def test_text_and_markdown(data):
    text = compare_text(data)
    assert "Rule sets compared as of 2025-01-01" in text
    line = next(x for x in text.splitlines() if x.startswith("term_credits") and "fail" in x)
    assert line.split()[1:] == ["fail", "(4", "of", "4)", "fail", "(4", "of", "4)", "fail", "(4", "of", "4)"]
    assert "overrides ects_guide_2015 (error, seed_only)" in text
    md = compare_md(data)
    assert "| parameter | ects_guide_2015 | greek_law_4009 | serbian_credit_act |" in md
    assert "| term_credits | fail (4 of 4) | fail (4 of 4) | fail (4 of 4) |" in md
    assert md.splitlines()[-1].startswith("| VERDICT | compliant | non_compliant |")


def test_without_programme_there_are_no_verdicts():
    d = compare_rulesets(["ects_guide_2015", "greek_law_4009"], DAY)
    assert d["programme"] is None and "Verdicts" not in compare_text(d)


def test_set_not_in_force_on_the_date():
    d = compare_rulesets(["greek_law_4009", "serbian_credit_act"], dt.date(2016, 1, 1), EXAMPLES / "semesters_32_28.yaml")
    assert d["programme"]["sets"]["serbian_credit_act"]["verdict"] == "not_in_force"
    assert d["programme"]["sets"]["greek_law_4009"]["verdict"] in ("compliant", "non_compliant", "incomplete")
    assert "not in force on 2016-01-01" in compare_text(d)


def test_usage_errors():
    with pytest.raises(UsageError):
        compare_rulesets([], DAY)
    with pytest.raises(UsageError, match="named twice"):
        compare_rulesets(["greek_law_4009", "greek_law_4009"], DAY)


def test_cli_json_md_and_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["compare", "ects_guide_2015", "greek_law_4009", "--programme",
                                  str(EXAMPLES / "greek_pe_bsc.yaml"), "--as-of", "2024-05-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["as_of"] == "2024-05-01" and d["programme"]["id"] == "gr-pe-bsc"
    out = tmp_path / "cmp.md"
    result = runner.invoke(main, ["compare", "ects_guide_2015", "serbian_credit_act", "--format", "md", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("# Rule sets compared")
    result = runner.invoke(main, ["compare", "ects_guide_2015", "no_such_set"])
    assert result.exit_code == 2 and result.output.startswith("error: unknown rule set 'no_such_set'")
    result = runner.invoke(main, ["compare", "ects_guide_2015", "--programme", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2 and "Traceback" not in result.output
