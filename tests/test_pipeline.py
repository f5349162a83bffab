"""One pipeline for every kind of subject: audit(), the kinds table, typed report sections, chart lines from
rule `chart` clauses, `override rule`, and conflicts between exceptions."""
from __future__ import annotations

from engine.render.wording import message_text

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import engine
from engine.api import audit, audit_files
from engine.cli.main import main
from engine.ruleset.compiled import compile_ruleset, load_ruleset
from engine.errors import RuleSetError, SubjectFileError
from engine.ruleset.compose import compose
from engine.evaluation.sections import GradingTables, ProgrammeCharts, Recognition
from engine.subjects.kinds import KINDS, OBJECT_TYPES, ROOTS, detect_kind, load_subject

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DAY = dt.date(2025, 1, 1)


def write_set(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "set.rules").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


# ---- one audit for every kind ------------------------------------------------------------------------

@pytest.mark.parametrize("path,kind,ruleset,section", [
    ("programmes/compliant_bsc.yaml", "programme", "ects_guide_2015", "charts"),
    ("transfers/clean_mobility.yaml", "transfer", "ects_guide_2015", "recognition"),
    ("grades/serbian-informatics.yaml", "cohort", "serbian_credit_act", "grading"),
    ("grades/greek-informatics.csv", "cohort", "greek_law_4009", "grading"),
])
def test_audit_takes_any_kind_of_subject_by_path(path, kind, ruleset, section):
    report = engine.audit(ruleset, EXAMPLES / path, as_of=DAY)
    assert report.subject_kind == kind and report.findings
    assert report.input_sha256 and len(report.input_sha256) == 64
    types = {"charts": ProgrammeCharts, "recognition": Recognition, "grading": GradingTables}
    assert isinstance(getattr(report, section), types[section])
    others = {"charts", "recognition", "grading"} - {section}
    assert all(getattr(report, other) is None for other in others)


def test_audit_of_a_subject_equals_audit_of_its_path():
    rs = load_ruleset("ects_guide_2015")
    subject = load_subject("transfer", EXAMPLES / "transfers/late_signature.yaml")
    by_subject = audit(rs, subject, as_of=DAY).to_dict()
    by_path = audit(rs, EXAMPLES / "transfers/late_signature.yaml", as_of=DAY).to_dict()
    assert by_subject == by_path
    assert by_subject["extra"]["recognition"]["decision"] in ("recorded", "none")


def test_a_file_of_no_known_kind_is_a_clear_error(tmp_path):
    odd = tmp_path / "odd.yaml"
    odd.write_text("id: x\nname: nothing we know\n")
    with pytest.raises(SubjectFileError) as err:
        detect_kind(odd)
    assert "programme" in err.value.message and err.value.path == str(odd)


def test_kinds_are_declared_in_one_table():
    assert set(KINDS) == {"programme", "transfer", "cohort"}
    assert ROOTS == {"programme": "Programme", "transfer": "Transfer", "cohort": "Cohort"}
    assert {"Year", "Term", "Course", "LaLine", "ReferenceGroup"} <= set(OBJECT_TYPES)


def test_audit_files_keeps_going_past_a_bad_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    batch = audit_files("ects_guide_2015", [EXAMPLES / "programmes/compliant_bsc.yaml", bad], "programme", as_of=DAY)
    assert len(batch.reports) == 1 and len(batch.subjects) == 1
    assert [loc for loc, _ in batch.not_audited][0].startswith(str(bad))


def test_grades_check_takes_a_folder(tmp_path):
    folder = tmp_path / "cohorts"
    folder.mkdir()
    (folder / "rs.yaml").write_text((EXAMPLES / "grades/serbian-informatics.yaml").read_text())
    result = CliRunner().invoke(main, ["grades", "check", str(folder), "--rules", "serbian_credit_act",
                                       "--as-of", "2025-01-01", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    assert data["subject"]["kind"] == "cohort" and data["extra"]["grading_table"]


# ---- chart lines come from the rules' `chart` clauses -----------------------------------------------------

def _chart(ruleset: str, example: str) -> dict:
    return audit(ruleset, EXAMPLES / "programmes" / example, as_of=DAY).to_dict()["extra"]["chart_data"]


def test_chart_lines_come_from_the_rules_that_applied():
    data = _chart("ects_guide_2015", "compliant_bsc.yaml")
    assert data["year_required"] == 60 and data["term_required"] == 30
    assert data["hours_per_credit_band"] == [25, 30]
    assert {t["rule"] for t in data["targets"]} == {"year_credits", "term_credits", "hours_per_credit"}
    assert {"quantity": "year.credits", "role": "target", "value": 60, "rule": "year_credits"} in data["targets"]


def test_an_exception_draws_its_own_line():
    # the intensive exception replaces the 60-credit year: the chart shows 75, from the exception
    data = _chart("greek_law_4009", "greek_intensive_msc.yaml")
    assert data["year_required"] == 75
    assert {"quantity": "year.credits", "role": "target", "value": 75, "rule": "intensive_year_credits"} \
        in data["targets"]


def test_contact_hours_minimum_from_the_serbian_rule():
    data = _chart("serbian_credit_act", "serbian_master_60_after_240.yaml")
    assert data["contact_hours_minimum"] == 600


def test_no_line_where_the_rule_does_not_apply(tmp_path):
    part_time = tmp_path / "pt.yaml"
    text = (EXAMPLES / "programmes/compliant_bsc.yaml").read_text()
    part_time.write_text(text.replace("mode: full_time", "mode: part_time") if "mode: full_time" in text
                         else text + "\nmode: part_time\n")
    data = audit("ects_guide_2015", part_time, as_of=DAY).to_dict()["extra"]["chart_data"]
    assert "year_required" not in data and "term_required" not in data
    assert data["hours_per_credit_band"] == [25, 30]


@pytest.mark.parametrize("clause,problem", [
    ("chart programme.credits target 60 credits", "names a field of what the rule goes through"),
    ("chart year.nothing target 60 credits", "names a field of what the rule goes through"),
    ("chart year.credits target 25..30 hours", "must be a number of credits"),
    ("chart year.credits band 60 credits", "must be a range of credits"),
    ("chart year.credits target year.credits", "year"),
])
def test_bad_chart_clause_is_an_error(tmp_path, clause, problem):
    folder = write_set(tmp_path / "c", f"""\
        ruleset c
          title "Charts"
        source s "A source"
        rule r
          title "R"
          severity error
          cite s "art. 1"
          for each year in programme.years
          require year.credits >= 1 credits
          {clause}
        """)
    with pytest.raises(RuleSetError) as err:
        compile_ruleset(compose(str(folder), collect=True))
    assert problem in " ".join(e.message for e in err.value.errors)


# ---- override rule ------------------------------------------------------------------------------------

CHILD = """\
    ruleset child extends ects_guide_2015
      title "Child"
    source s "A source"
    {marker}rule {name}
      title "Years carry 61 credits"
      severity error
      cite s "art. 1"
      for each year in programme.years
      require year.credits == 61 credits
    """


def test_a_rule_with_an_ancestors_name_must_say_override(tmp_path):
    folder = write_set(tmp_path / "child", CHILD.format(marker="", name="year_credits"))
    with pytest.raises(RuleSetError) as err:
        compose(str(folder))
    assert "has the name of a rule of 'ects_guide_2015'" in err.value.message
    assert "override rule year_credits" in err.value.message
    assert err.value.line == 4


def test_override_replaces_the_ancestors_rule(tmp_path):
    folder = write_set(tmp_path / "child", CHILD.format(marker="override ", name="year_credits"))
    rs = load_ruleset(str(folder))
    [rule] = rs.rules["year_credits"]
    assert rule.origin == "child" and rule.overrides == "ects_guide_2015"
    report = audit(rs, EXAMPLES / "programmes/compliant_bsc.yaml", as_of=DAY)
    assert {f.status for f in report.findings if f.rule == "year_credits"} == {"fail"}


def test_override_of_nothing_is_an_error(tmp_path):
    folder = write_set(tmp_path / "child", CHILD.format(marker="override ", name="year_credit"))
    with pytest.raises(RuleSetError) as err:
        compose(str(folder))
    assert "says 'override' but no rule set it extends has a rule 'year_credit'" in err.value.message
    assert "year_credits" in err.value.message  # did you mean


def test_bundled_sets_mark_their_overrides():
    rs = load_ruleset("greek_law_4009")
    overridden = sorted(n for n, v in rs.rules.items() if v and v[0].overrides)
    assert overridden == ["la_amendments_signed", "la_signed_before_start", "term_credits"]
    assert all(v[0].decl.override for n, v in rs.rules.items() if n in overridden)


# ---- two exceptions to one rule ----------------------------------------------------------------------

def _exceptions(first_when: str, second_when: str, second_require: str = "year.credits == 60 credits") -> str:
    return f"""\
        ruleset two extends ects_guide_2015
          title "Two exceptions"
        source s "A source"
        rule first_exception exception to year_credits
          cite s "art. 1"
          when {first_when}
          require year.credits == 60 credits
        rule second_exception exception to year_credits
          cite s "art. 2"
          when {second_when}
          require {second_require}
        """


def test_exceptions_that_visibly_apply_together_are_a_rules_check_error(tmp_path):
    folder = write_set(tmp_path / "two", _exceptions('programme.cycle == "first"',
                                                     'programme.cycle == "first" and programme.nominal_years == 3'))
    result = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert result.exit_code == 2
    assert "exceptions 'first_exception'" in result.output and "'second_exception'" in result.output
    assert "neither says which prevails" in result.output


def test_exceptions_with_exclusive_conditions_pass_the_check(tmp_path):
    folder = write_set(tmp_path / "two", _exceptions('programme.cycle == "first"', 'programme.cycle == "second"'))
    result = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert result.exit_code == 0, result.output


def _year_findings(tmp_path, second_require: str):
    # both conditions hold for the compliant bachelor (first cycle, 3 years); the checker cannot see it
    folder = write_set(tmp_path / "two", _exceptions('programme.cycle == "first"', "programme.nominal_years == 3",
                                                     second_require))
    report = audit(str(folder), EXAMPLES / "programmes/compliant_bsc.yaml", as_of=DAY)
    return [f for f in report.findings if f.rule in ("year_credits", "first_exception", "second_exception")]


def test_a_conflict_of_exceptions_that_disagree_is_undecided(tmp_path):
    findings = _year_findings(tmp_path, "year.credits == 61 credits")
    assert findings and all(f.rule == "year_credits" for f in findings)
    assert {f.status for f in findings} == {"indeterminate"}
    message = message_text(findings[0])
    assert "'first_exception'" in message and "'second_exception'" in message
    assert "does not say which prevails" in message
    assert "'first_exception' gives pass" in message and "'second_exception' gives fail" in message


def test_a_conflict_of_exceptions_that_agree_keeps_their_verdict_and_names_both(tmp_path):
    findings = _year_findings(tmp_path, "year.credits == 60 credits")
    assert {f.status for f in findings} == {"pass"}
    assert all("does not say which prevails" in message_text(f) for f in findings)


# ---- the front door -----------------------------------------------------------------------------------

def test_front_door_as_the_readme_shows():
    rs = engine.load_ruleset("ects_guide_2015")
    programme, sha = engine.load_programme(EXAMPLES / "programmes/compliant_bsc.yaml")
    report = engine.evaluate(rs, programme, as_of=DAY)
    assert len(sha) == 64 and report.verdict in ("compliant", "incomplete", "non_compliant")
    assert "ects_guide_2015" in engine.render([report], "text")
    text = engine.render([engine.audit(rs, EXAMPLES / "transfers/clean_mobility.yaml", as_of=DAY)], "text")
    assert "Credits to recognise" in text  # the transfer's recognition section, known to the text renderer


def test_rules_show_lists_each_rules_chart_clause():
    result = CliRunner().invoke(main, ["rules", "show", "ects_guide_2015", "--as-of", "2025-01-01", "--format", "json"])
    rules = {r["id"]: r for r in json.loads(result.output)["rules"]}
    assert rules["year_credits"]["charts"] == ["year.credits target full_time_year_credits"]
    assert rules["hours_per_credit"]["charts"] == ["course.hours_per_credit band hours_per_credit"]


def test_audit_refuses_what_is_not_a_subject():
    with pytest.raises(TypeError, match="cannot audit a dict"):
        audit("ects_guide_2015", {"id": "x"})
