"""`ects grades table | check | convert`: output shapes, exit codes, one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import every_finding, run
from click.testing import CliRunner

from engine.cli.main import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "grades"
SERBIAN = EXAMPLES / "serbian-informatics.yaml"
GREEK = EXAMPLES / "greek-informatics.csv"


def cohort_yaml(counts: dict, scale: str | None = None) -> str:
    lines = ([f"scale: {scale}"] if scale else []) + ["groups:", "  - id: g", '    field: "0613"', "    cycle: first",
                                                      "    counts:"]
    lines += [f'      "{y}": {{{", ".join(f"{g}: {n}" for g, n in per.items())}}}' for y, per in counts.items()]
    return "\n".join(lines) + "\n"


# ---- table -----------------------------------------------------------------------------------------

def test_table_json_shape():
    code, out, _ = run("grades", "table", SERBIAN, "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert d["group"] == "rs-informatics-first" and d["field"] == "0613" and d["cycle"] == "first"
    assert d["years"] == ["2022-23", "2023-24"] and d["scale"] == "rs-5-10" and d["pass_mark"] == 6
    assert (d["passing_total"], d["graded_total"], d["failing_excluded"]) == (239, 275, 36)
    rows = d["rows"]
    assert [r["grade"] for r in rows] == [10, 9, 8, 7, 6]  # best first, grade 5 left out
    assert set(rows[0]) >= {"grade", "count", "percentage", "cumulative_percentage"}
    assert rows[0] == {"grade": 10, "count": 26, "percentage": 10.88, "cumulative_percentage": 10.88,
                       "band": [0.0, 10.88]}
    assert rows[-1]["cumulative_percentage"] == 100.0
    assert abs(sum(r["percentage"] for r in rows) - 100) <= 0.005 * len(rows)  # rounding of the display
    assert "letters" not in d and d["ruleset"] is None


def test_table_letters_when_the_rule_set_gives_them():
    code, out, _ = run("grades", "table", GREEK, "--group", "gr-informatics-first", "--rules", "greek_law_4009",
                       "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert d["ruleset"] == "greek_law_4009" and d["scale"] == "gr_0_10"
    assert [r["letter"] for r in d["rows"]][:3] == ["A", "A", "A"] and d["rows"][-1]["letter"] == "E"
    assert [s["letter"] for s in d["letters"]["shares"]] == ["A", "B", "C", "D", "E"]
    assert d["letters"]["policy"] == "midpoint"


def test_table_years_and_pass_mark_options():
    code, out, _ = run("grades", "table", SERBIAN, "--years", "2022-23", "--pass", "5", "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["years"] == ["2022-23"] and d["passing_total"] == 139 and d["rows"][-1]["grade"] == 5


@pytest.mark.parametrize("fmt, marker", [("text", "cumulative %"), ("md", "| grade | count | percentage |")])
def test_table_text_and_markdown(fmt, marker):
    code, out, _ = run("grades", "table", SERBIAN, "--format", fmt)
    assert code == 0 and marker in out and "rs-informatics-first" in out


def test_table_of_a_file_with_several_groups_needs_group():
    code, out, err = run("grades", "table", GREEK)
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "choose one with --group" in err and str(GREEK) in err


def test_grade_outside_the_scale_is_one_line_with_file_and_line(write):
    path = write("bad.yaml", cohort_yaml({"2022-23": {10: 3, 4: 2}}, scale="rs-5-10"))
    for args in (("grades", "table", path), ("grades", "check", path, "--rules", "serbian_credit_act")):
        code, out, err = run(*args)
        assert code == 2 and out == ""
        assert err.count("\n") == 1
        assert err.startswith(f"error: {path}:7: ") and "grade 4 is not on scale 'rs-5-10'" in err


@pytest.mark.parametrize("args, message", [
    (("--years", "2020"), "is not of the form 2022-23"),
    (("--years", "2020-21"), "has no counts for academic year 2020-21"),
    (("--group", "nope"), "no group 'nope'"),
    (("--scale", "xx"), "unknown grading scale 'xx'"),
])
def test_table_bad_options_exit_2(args, message):
    code, _, err = run("grades", "table", SERBIAN, *args)
    assert code == 2 and message in err and err.count("\n") == 1


# ---- check -----------------------------------------------------------------------------------------

TWO_YEARS_100 = {"2022-23": {10: 5, 9: 12, 8: 15, 7: 13, 6: 5}, "2023-24": {10: 5, 9: 13, 8: 15, 7: 12, 6: 5}}


def check_json(path, ruleset):
    code, out, err = run("grades", "check", path, "--rules", ruleset, "--format", "json", "--as-of", "2024-01-01")
    return code, (json.loads(out) if out else None), err


def rule_status(report, rule):
    return {f["status"] for f in every_finding(report) if f["rule"] == rule}


def test_check_99_and_100_students_under_the_greek_set(write):
    code, report, _ = check_json(write("c100.yaml", cohort_yaml(TWO_YEARS_100)), "greek_law_4009")
    assert code == 0 and report["verdict"] == "compliant"
    assert rule_status(report, "gr_reference_group_min_100_or_3_years") == {"pass"}
    ninety_nine = {"2022-23": TWO_YEARS_100["2022-23"], "2023-24": {**TWO_YEARS_100["2023-24"], 6: 4}}
    code, report, _ = check_json(write("c99.yaml", cohort_yaml(ninety_nine)), "greek_law_4009")
    # too small a group is the decision's lawful fallback (ECTS grades optional): severity info
    assert code == 0 and report["verdict"] == "compliant"
    assert rule_status(report, "gr_reference_group_min_100_or_3_years") == {"fail"}
    assert report["subject"]["kind"] == "cohort"


def test_check_two_and_three_years(write):
    two = {"2022-23": {10: 10, 8: 20}, "2023-24": {9: 20, 7: 19}}
    code, report, _ = check_json(write("two.yaml", cohort_yaml(two)), "greek_law_4009")
    assert code == 0 and rule_status(report, "gr_reference_group_min_100_or_3_years") == {"fail"}  # info
    three = {**two, "2021-22": {6: 1}}
    code, report, _ = check_json(write("three.yaml", cohort_yaml(three)), "greek_law_4009")
    assert code == 0 and rule_status(report, "gr_reference_group_min_100_or_3_years") == {"pass"}
    one = {"2023-24": {10: 10, 8: 20}}
    code, report, _ = check_json(write("one.yaml", cohort_yaml(one)), "ects_guide_2015")
    assert code == 1 and rule_status(report, "ects_grading_table_min_2_years") == {"fail"}


def test_check_report_carries_the_grading_tables(tmp_path):
    out = tmp_path / "report.json"
    code, stdout, _ = run("grades", "check", SERBIAN, "--rules", "serbian_credit_act", "--format", "json", "-o", out)
    assert code == 0 and stdout == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    tables = report["extra"]["grading_table"]
    assert [t["group"] for t in tables] == ["rs-informatics-first"]
    assert [r["grade"] for r in tables[0]["rows"]] == [10, 9, 8, 7, 6]
    assert report["input"]["sha256"] and report["ruleset"]["id"] == "serbian_credit_act"


def test_check_text_and_refusing_to_overwrite_the_input():
    code, out, _ = run("grades", "check", SERBIAN, "--rules", "serbian_credit_act")
    assert code == 0 and "rs_grades_5_to_10" in out
    code, _, err = run("grades", "check", SERBIAN, "--rules", "serbian_credit_act", "-o", SERBIAN)
    assert code == 2 and "input file" in err


def test_check_pass_mark_5_fails_the_serbian_rule():
    code, report_text, _ = run("grades", "check", SERBIAN, "--rules", "serbian_credit_act", "--pass", "5",
                               "--format", "json")
    assert code == 1 and rule_status(json.loads(report_text), "rs_grade_5_not_passing") == {"fail"}


# ---- convert ---------------------------------------------------------------------------------------

@pytest.fixture
def worked(write):
    """The worked example of docs/grades.md §5: foreign 1.0-4.0 (lower is better), home 10-5."""
    foreign = write("de.csv", "group,academic_year,grade,count\n"
                              "de,2022-23,1.0,1\nde,2022-23,2.0,3\nde,2022-23,3.0,4\nde,2022-23,4.0,2\n")
    home = write("gr.yaml", "groups:\n  - id: gr\n    counts:\n      2022-23: {10: 2, 9: 2, 8: 4, 7: 6, 6: 4, 5: 2}\n")
    return foreign, home


@pytest.mark.parametrize("policy, results", [
    ("min", [10, 8, 6, 5]), ("max", [10, 9, 7, 6]), ("avg", [10, 8, 7, 6]), ("mid", [10, 8, 7, 5]),
])
def test_convert_worked_by_hand(worked, policy, results):
    foreign, home = worked
    for grade, want in zip(["1.0", "2.0", "3.0", "4.0"], results):
        code, out, err = run("grades", "convert", grade, "--from", foreign, "--from-scale", "de-1-5", "--to", home,
                             "--to-scale", "gr-0-10",
                             "--policy", policy, "--format", "json")
        assert code == 0, err
        d = json.loads(out)
        assert d["result"] == want and d["policy"] == policy
        assert d["explanation"] and d["from"]["group"] == "de" and d["to"]["group"] == "gr"


def test_convert_avg_explains_the_weighted_mean(worked):
    foreign, home = worked
    code, out, _ = run("grades", "convert", "3.0", "--from", foreign, "--from-scale", "de-1-5", "--to", home,
                       "--to-scale", "gr-0-10",
                       "--policy", "avg", "--format", "json")
    d = json.loads(out)
    assert d["foreign_band"] == [40.0, 80.0] and d["average"] == 6.75
    assert [(c["grade"], c["overlap"]) for c in d["candidates"]] == [(7, 30.0), (6, 10.0)]
    code, text, _ = run("grades", "convert", "3.0", "--from", foreign, "--from-scale", "de-1-5", "--to", home,
                        "--to-scale", "gr-0-10",
                        "--policy", "avg")
    assert code == 0 and text.startswith("3.0 -> 7  (policy avg)") and "project's own design choice" in text


def test_convert_identity():
    for grade in (10, 9, 8, 7, 6):
        for policy in ("min", "max", "avg", "mid"):
            code, out, _ = run("grades", "convert", grade, "--from", SERBIAN, "--to", SERBIAN, "--policy", policy,
                               "--format", "json")
            assert code == 0 and json.loads(out)["result"] == grade


def test_convert_bad_input_is_one_line():
    code, out, err = run("grades", "convert", "5", "--from", SERBIAN, "--to", SERBIAN, "--policy", "avg")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {SERBIAN}: grade 5 is not a passing grade")
    code, _, err = run("grades", "convert", "7", "--from", SERBIAN, "--to", EXAMPLES / "missing.csv", "--policy", "min")
    assert code == 2 and "missing.csv" in err and err.count("\n") == 1
    code, _, err = run("grades", "convert", "7", "--from", SERBIAN, "--to", SERBIAN)
    assert code == 2 and "--policy" in err


GERMAN = EXAMPLES / "german-informatik.csv"
TO_GREEK = ("--to", GREEK, "--to-group", "gr-informatics-first", "--policy", "avg")


def test_convert_refuses_a_home_table_without_a_pass_mark():
    """The Greek example file names no scale: read without one, its 0-4.5 would count as passing."""
    code, out, err = run("grades", "convert", "4,0", "--from", GERMAN, "--from-scale", "de-1-5", *TO_GREEK)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {GREEK}: no grading scale or pass mark is known for the home table")
    assert "--rules" in err and "--to-scale" in err and "--to-pass" in err


def test_convert_refuses_a_foreign_table_without_a_pass_mark():
    code, out, err = run("grades", "convert", "4,0", "--from", GERMAN, *TO_GREEK, "--rules", "greek_law_4009")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {GERMAN}: no grading scale or pass mark is known for the foreign table")
    assert "--from-scale" in err and "--from-pass" in err


@pytest.mark.parametrize("home", [("--rules", "greek_law_4009"), ("--to-scale", "gr-0-10"), ("--to-pass", "5")])
def test_a_german_pass_converts_to_a_greek_pass_once_the_home_pass_mark_is_known(home):
    code, out, err = run("grades", "convert", "4,0", "--from", GERMAN, "--from-scale", "de-1-5", *TO_GREEK, *home,
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["result"] >= 5  # the Greek pass mark: a pass stays a pass


def test_convert_reads_a_file_that_names_its_scale_without_options():
    code, out, err = run("grades", "convert", "6", "--from", SERBIAN, "--to", SERBIAN, "--policy", "min")
    assert code == 0 and out.startswith("6 -> 6"), err


def test_a_table_read_without_a_pass_mark_says_every_grade_counts_as_passing():
    greek = Path(__file__).resolve().parent.parent / "examples" / "grades" / "greek-informatics.csv"
    r = CliRunner().invoke(main, ["grades", "table", str(greek), "--group",
                               "gr-informatics-first", "--format", "json"])
    assert r.exit_code == 0
    assert "every grade is counted as passing" in r.stderr
    assert "every grade is counted as passing" in json.loads(r.stdout)["warning"]
