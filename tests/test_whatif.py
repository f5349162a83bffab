"""What-if audits: `--set NAME=VALUE` (a rule set with proposed parameter values) and `--choose GROUP=CODES`
(one choice of electives); every report made so says it is a what-if, in its header and in each finding
that used a changed value."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.api import audit
from engine.cli.main import main
from engine.errors import UsageError
from engine.ruleset.compiled import load_ruleset
from engine.ruleset.whatif import split_assignment, with_overrides
from engine.subjects.programme.choose import parse_choice, restrict
from engine.subjects.programme.model import load_programme_file

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"
COMPLIANT = PROGRAMMES / "compliant_bsc.yaml"
ELECTIVES = PROGRAMMES / "electives_msc.yaml"
SPORT = PROGRAMMES / "elective_rules_bsc.yaml"
DAY = dt.date(2024, 1, 1)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


# ---- the rule set with proposed values -------------------------------------------------------------

def test_an_override_is_in_force_every_day_and_the_rule_set_itself_is_untouched():
    rs = load_ruleset("ects_guide_2015")
    changed = with_overrides(rs, [("semester_credits", "28 credits")], DAY)
    assert changed.params["semester_credits"].at(DAY)[0] == 28
    assert changed.params["semester_credits"].at(dt.date(1990, 1, 1))[0] == 28
    assert changed.params["semester_credits"].at(DAY)[1] == ()  # no source backs a proposed value
    assert rs.params["semester_credits"].at(DAY)[0] == 30 and rs.what_ifs == ()
    (w,) = changed.what_ifs
    assert (w.kind, w.name, w.value, w.replaces) == ("set", "semester_credits", "28 credits", "30 credits")
    assert with_overrides(rs, [], DAY) is rs


def test_findings_that_read_an_override_are_marked_and_the_others_are_not():
    rs = with_overrides(load_ruleset("ects_guide_2015"), [("semester_credits", "28 credits")], DAY)
    report = audit(rs, COMPLIANT, as_of=DAY)
    term = [f for f in report.findings if f.rule == "term_credits"]
    assert term and all(f.status == "fail" for f in term)  # 30-credit semesters miss a proposed 28
    assert all(any(p.what_if and p.name == "semester_credits" for p in f.provenance.params) for f in term)
    year = next(f for f in report.findings if f.rule == "year_credits")
    assert not any(p.what_if for p in year.provenance.params)
    assert report.what_ifs == rs.what_ifs


@pytest.mark.parametrize("name, value, message", [
    ("semster_credits", "28 credits", "did you mean 'semester_credits'?"),
    ("semester_credits", "28 hours", "is a number of credits, not a number of hours"),
    ("semester_credits", "28", "not a plain number"),
    ("semester_credits", "28 ECTS", "not a value as a rule file writes one"),
    ("semester_credits", '28 credits cite guide "p. 1"', "no clauses"),
    ("first_cycle_credits", "{180 credits, 210}", "members of a set must all be"),
    ("hours_per_credit", "25 hours per credit", "is a range of hours/credit, not a number of hours/credit"),
    ("semester_credits", "28 credits\nparameter x = 1", "one line"),
])
def test_a_bad_override_is_a_one_line_usage_error(name, value, message):
    with pytest.raises(UsageError, match=message.replace("?", r"\?").replace("{", r"\{")):
        with_overrides(load_ruleset("ects_guide_2015"), [(name, value)], DAY)


def test_a_parameter_set_twice_and_a_malformed_assignment_are_refused():
    with pytest.raises(UsageError, match="given twice"):
        with_overrides(load_ruleset("ects_guide_2015"), [("semester_credits", "28 credits")] * 2, DAY)
    assert split_assignment(' semester_credits = 28 credits ') == ("semester_credits", "28 credits")
    with pytest.raises(UsageError, match="NAME=VALUE"):
        split_assignment("semester_credits")


# ---- the command line --------------------------------------------------------------------------------

def test_check_with_set_says_what_if_in_the_header_and_in_the_findings():
    code, out = run("check", COMPLIANT, "--rules", "ects_guide_2015", "--as-of", DAY, "--set", "semester_credits=28 credits")
    assert code == 0  # term_credits is a warning
    assert "WHAT-IF AUDIT, not an audit under the law" in out
    assert "parameter semester_credits = 28 credits (the rule set: 30 credits)" in out
    assert "What-if: this finding uses semester_credits = 28 credits" in out
    code, plain = run("check", COMPLIANT, "--rules", "ects_guide_2015", "--as-of", DAY)
    assert "WHAT-IF" not in plain and "What-if" not in plain


def test_the_json_report_lists_the_what_ifs_and_marks_the_parameter_versions():
    code, out = run("check", COMPLIANT, "--rules", "ects_guide_2015", "--as-of", DAY, "--format", "json",
                    "--set", "semester_credits=28 credits", "--show", "all")
    data = json.loads(out)
    assert data["what_ifs"] == [{"kind": "set", "name": "semester_credits", "value": "28 credits",
                                 "replaces": "30 credits",
                                 "text": "parameter semester_credits = 28 credits (the rule set: 30 credits)"}]
    term = next(f for f in data["findings"] if f["rule"] == "term_credits")
    assert {"name": "semester_credits", "what_if": True}.items() <= next(
        p for p in term["provenance"]["params"] if p["name"] == "semester_credits").items()
    assert term["what_if"].startswith("What-if:")
    _, plain = run("check", COMPLIANT, "--rules", "ects_guide_2015", "--as-of", DAY, "--format", "json")
    assert json.loads(plain)["what_ifs"] == []


@pytest.mark.parametrize("fmt, marker", [("md", "WHAT-IF AUDIT"), ("html", 'class="what-if"'),
                                         ("junit", 'name="what_if"')])
def test_every_format_shows_the_what_if(fmt, marker):
    _, out = run("check", COMPLIANT, "--rules", "ects_guide_2015", "--as-of", DAY, "--format", fmt,
                 "--set", "semester_credits=28 credits")
    assert marker in out and "28 credits" in out


@pytest.mark.parametrize("lang, word", [("el", "ΕΛΕΓΧΟΣ ΥΠΟΘΕΣΗΣ"), ("sr", "PROVERA PRETPOSTAVKE")])
def test_the_what_if_banner_is_translated(lang, word):
    _, out = run("check", COMPLIANT, "--rules", "ects_guide_2015", "--as-of", DAY, "--lang", lang,
                 "--set", "semester_credits=28 credits")
    assert word in out


def test_check_with_a_bad_set_exits_2_with_one_line():
    result = CliRunner().invoke(main, ["check", str(COMPLIANT), "--rules", "ects_guide_2015",
                                       "--set", "semster_credits=28 credits"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "did you mean 'semester_credits'?" in result.output


def test_transfer_and_grades_check_take_set():
    transfer = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
    code, out = run("transfer", transfer, "--rules", "ects_guide_2015", "--set", "tor_weeks=1 weeks")
    assert "parameter tor_weeks = 1 weeks" in out and code in (0, 1)
    cohort = ROOT / "examples" / "grades" / "greek-informatics.csv"
    code, out = run("grades", "check", cohort, "--rules", "ects_guide_2015", "--set", "min_reference_years=9 years")
    assert "parameter min_reference_years = 9 years" in out
    code, _ = run("grades", "check", cohort, "--rules", "ects_guide_2015", "--set", "min_reference_years=9")
    assert code == 2


# ---- elective choices ---------------------------------------------------------------------------------

def test_a_choice_narrows_the_group_and_decides_what_depended_on_it():
    _, out = run("check", ELECTIVES, "--rules", "ects_guide_2015", "--as-of", DAY)
    assert "Verdict: Incomplete" in out
    code, out = run("check", ELECTIVES, "--rules", "ects_guide_2015", "--as-of", DAY,
                    "--choose", "sem2-electives=DS521,DS522")
    assert code == 1 and "Verdict: Not compliant" in out and "Year 1 carries 58 credits" in out
    assert "elective group sem2-electives: only DS521,DS522 (the programme: DS521,DS522,DS523,DS524)" in out


def test_restrict_keeps_the_chosen_courses_and_leaves_the_programme_given_alone():
    programme, _ = load_programme_file(ELECTIVES)
    narrowed = restrict(programme, (("sem2-electives", ("DS523", "DS524")),))
    codes = {c.code for c in narrowed.courses}
    assert {"DS523", "DS524"} <= codes and not {"DS521", "DS522"} & codes
    assert {c.code for c in programme.courses} >= {"DS521", "DS522", "DS523", "DS524"}
    group = next(g for g in narrowed.elective_groups if g.id == "sem2-electives")
    assert group.courses == ["DS523", "DS524"] and group.count_range() == (2, 2)
    assert narrowed.course_name(len(narrowed.courses) - 1)  # caches rebuilt for the new course list


@pytest.mark.parametrize("choice, message", [
    ("sem2-elective=DS521,DS522", "did you mean 'sem2-electives'?"),
    ("sem2-electives=DS521,DS529", "DS529 is not in elective group sem2-electives"),
    ("sem2-electives=DS521", "lets a student take 2 of its courses, not 1"),
    ("sem2-electives=DS521,DS521", "chosen twice"),
    ("sem2-electives", "GROUP=CODE,CODE"),
])
def test_a_bad_choice_is_a_one_line_error_naming_the_file(choice, message):
    result = CliRunner().invoke(main, ["check", str(ELECTIVES), "--rules", "ects_guide_2015", "--choose", choice])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_choice_outside_the_groups_credit_bounds_is_refused_and_one_inside_is_taken():
    programme, _ = load_programme_file(SPORT)
    with pytest.raises(UsageError, match="have 9 credits; group activities asks for at least 12 and at most 12"):
        restrict(programme, (parse_choice("activities=PL521,PL524"),))
    narrowed = restrict(programme, (parse_choice("activities=PL521,PL524,PL525"),))
    assert sum(c.credits for c in narrowed.courses if c.code.startswith("PL")) == 12


# ---- compare: one rule set in two states -----------------------------------------------------------

def test_compare_with_set_names_the_programmes_whose_verdict_changes():
    code, out = run("compare", "ects_guide_2015", "--set", "full_time_year_credits=58 credits",
                    "--programmes", PROGRAMMES, "--as-of", DAY, "--format", "json")
    assert code == 0
    data = json.loads(out)
    compliant = next(p for p in data["programmes"] if p["path"].endswith("compliant_bsc.yaml"))
    assert (compliant["before"], compliant["after"], compliant["verdict_changes"]) == ("compliant", "non_compliant", True)
    # the data's keys as before; a changed finding also carries its subject in words (subject_words)
    assert {"rule": "year_credits", "subject": "year 1", "subject_words": "year 1", "before": "pass", "after": "fail"} \
        in compliant["findings_changed"]
    assert data["verdicts_changed"] >= 1
    assert data["parameters"] == [{"name": "full_time_year_credits", "before": "60 credits",
                                   "after": "58 credits (what-if)", "before_words": "60 credits",
                                   "after_words": "58 credits (what-if)"}]
    assert data["variants"][1]["what_ifs"][0]["name"] == "full_time_year_credits"


def test_compare_with_a_change_that_breaks_nothing_says_so():
    code, out = run("compare", "ects_guide_2015", "--set", "tor_weeks=6 weeks", "--programmes", COMPLIANT,
                    "--as-of", DAY)
    assert code == 0 and "(0 of 1 change verdict)" in out and "compliant -> compliant [same]" in out


def test_compare_one_rule_set_on_two_dates():
    code, out = run("compare", "greek_law_4009@2015-01-01", "greek_law_4009@2024-01-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert "first_cycle_minimum" in data["rules_only_after"]
    assert {"name": "first_cycle_min_credits", "before": None, "after": "240 credits",  # and the values in words
            "before_words": None, "after_words": "240 credits"} in data["parameters"]


@pytest.mark.parametrize("args, message", [
    (["x@2020-13-01", "y@2020-01-01"], "YYYY-MM-DD"),
    (["ects_guide_2015", "greek_law_4009", "--set", "tor_weeks=6 weeks"], "name one rule set"),
    (["ects_guide_2015@2024-01-01"], "name two states"),
    (["ects_guide_2015", "--set", "tor_weeks=6 weeks", "--format", "html"], "not html"),
    (["ects_guide_2015@1990-01-01", "ects_guide_2015@2024-01-01"], "not in force"),
])
def test_compare_states_refuses_bad_requests_with_one_line(args, message):
    result = CliRunner().invoke(main, ["compare", *args])
    assert result.exit_code == 2 and message in result.output
