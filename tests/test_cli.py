"""The `ects` command line: exit codes, output files, bad input, determinism."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import every_finding
from click.testing import CliRunner

from engine.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
COMPLIANT = ROOT / "examples" / "programmes" / "compliant_bsc.yaml"

FAULTY = """id: faulty
title: Faulty programme
cycle: first
years: 1
courses:
  - {code: A, title: A, term: 1, credits: 30, hours: {total: 800}}
  - {code: B, title: B, term: 2, credits: 20, hours: {total: 540}}
"""


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output, result.stderr if hasattr(result, "stderr") else ""


def test_a_compliant_programme_exits_0_with_a_text_report():
    code, out, _ = run("check", COMPLIANT, "--rules", "ects_guide_2015")
    assert code == 0
    assert "Verdict: Compliant" in out and "ECTS Users' Guide 2015" in out


def test_a_failed_error_rule_exits_1_and_failures_come_first(write):
    code, out, _ = run("check", write("f.yaml", FAULTY), "--rules", "ects_guide_2015")
    assert code == 1
    assert out.index("Failures") < out.index("Passed")
    assert "[FAIL] error · year_credits · year 1" in out and "Year 1 carries 50 credits" in out
    assert "ECTS key features" in out and "[primary source]" in out


def test_strict_makes_undecided_findings_fail(write):
    text = FAULTY.replace("credits: 20, hours: {total: 540}", "credits: 30")
    path = write("u.yaml", text)
    assert run("check", path, "--rules", "ects_guide_2015")[0] == 0
    assert run("check", path, "--rules", "ects_guide_2015", "--strict")[0] == 1


def test_json_output_has_the_documented_shape_and_is_deterministic(write):
    path = write("f.yaml", FAULTY)
    code, out1, _ = run("check", path, "--rules", "ects_guide_2015", "--format", "json", "--as-of", "2024-01-01",
                        "--show", "all")
    _, out2, _ = run("check", path, "--rules", "ects_guide_2015", "--format", "json", "--as-of", "2024-01-01",
                     "--show", "all")
    assert out1 == out2
    data = json.loads(out1)
    assert data["subject"] == {"kind": "programme", "id": "faulty", "title": "Faulty programme"}
    assert data["ruleset"]["id"] == "ects_guide_2015" and data["ruleset"]["as_of"] == "2024-01-01"
    assert data["verdict"] == "non_compliant"
    assert set(data["summary"]) == {"pass", "fail", "indeterminate", "not_applicable", "waived"}
    f = next(f for f in data["findings"] if f["rule"] == "year_credits")
    assert set(f) >= {"rule", "title", "severity", "status", "subject", "message", "citations", "trace"}
    assert f["citations"][0]["quote"].startswith("60 ECTS credits")
    assert any(step["expr"] == "year.credits" and step["value"] == "50 credits" for step in f["trace"])


def test_several_programmes_give_a_json_list(write):
    folder = write("progs/a.yaml", FAULTY).parent
    shutil.copy(COMPLIANT, folder / "b.yaml")
    code, out, _ = run("check", folder, "--rules", "ects_guide_2015", "--format", "json")
    assert code == 1 and [r["subject"]["id"] for r in json.loads(out)] == ["faulty", "uni-cs-bsc"]


def test_one_bad_file_in_a_folder_the_good_ones_are_still_reported(write, tmp_path):
    folder = write("progs/good.yaml", COMPLIANT.read_text()).parent
    write("progs/bad.yaml", "id: x\ncycle: first\nyears: one\ncourses: []\n")
    out_file = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["check", str(folder), "--rules", "ects_guide_2015", "--format", "json",
                                       "-o", str(out_file)])
    assert result.exit_code == 2
    assert "bad.yaml:3: programme field 'years'" in result.output
    assert json.loads(out_file.read_text())["subject"]["id"] == "uni-cs-bsc"


@pytest.mark.parametrize("args, words", [
    (["check", "missing.yaml", "--rules", "ects_guide_2015"], "missing.yaml: file not found"),
    (["check", str(COMPLIANT), "--rules", "no_such_set"], "unknown rule set 'no_such_set'"),
    (["check", str(COMPLIANT), "--rules", "ects_guide_2015", "--as-of", "2015-13-01"], "is not a date"),
    (["check", str(COMPLIANT), "--rules", "ects_guide_2015", "--as-of", "2010-01-01"],
     "rule set 'ects_guide_2015' is not in force on 2010-01-01"),
])
def test_input_errors_exit_2_with_one_line_and_no_traceback(args, words):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt, words", [("text", "Files not audited (input errors) (1):"),
                                         ("junit", '<error type="input"'), ("md", "## Files not audited")])
def test_written_reports_name_the_files_that_could_not_be_audited(write, tmp_path, fmt, words):
    folder = write("progs/good.yaml", COMPLIANT.read_text()).parent
    write("progs/bad.yaml", "id: x\ncycle: first\nyears: one\ncourses: []\n")
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(main, ["check", str(folder), "--rules", "ects_guide_2015", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 2
    assert words in out.read_text() and "bad.yaml:3" in out.read_text()


def test_output_is_written_atomically_and_never_over_an_input(write, tmp_path):
    path = write("f.yaml", FAULTY)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015", "-o", str(path)])
    assert result.exit_code == 2 and "refusing to write the report over an input file" in result.output
    assert path.read_bytes() == before
    out = tmp_path / "out.txt"
    assert CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015", "-o", str(out)]).exit_code == 1
    assert "Verdict: Not compliant" in out.read_text()
    assert not list(tmp_path.glob(".out.txt.*"))  # no temporary file left behind


def test_a_malformed_rule_folder_gives_file_line_and_exit_2(write):
    folder = write("mine/mine.rules", 'ruleset mine extends ects_guide_2015\nparameter x = 5 credits\n'
                                      '  cite guide "p.1"\nrule r\n  title "R"\n  severity error\n'
                                      '  cite guide "p.1"\n  require programme.credit > x\n').parent
    result = CliRunner().invoke(main, ["check", str(COMPLIANT), "--rules", str(folder)])
    assert result.exit_code == 2
    assert "mine.rules:8:11: Programme has no field 'credit' (did you mean 'credits'?)" in result.output


def test_a_user_folder_extending_a_bundled_set(write):
    folder = write("mine/mine.rules", 'ruleset mine extends ects_guide_2015\n'
                                      'source inst "Internal regulation of the institution, 2024" confidence primary\n'
                                      'rule min_courses\n  title "At least 20 courses"\n  severity error\n'
                                      '  cite inst "art. 4"\n  require count(programme.courses) >= 20\n').parent
    code, out, _ = run("check", COMPLIANT, "--rules", folder, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["ruleset"]["id"] == "mine"
    assert any(f["rule"] == "min_courses" and f["status"] == "pass" for f in every_finding(data))
    assert any(f["rule"] == "year_credits" for f in every_finding(data))


def test_rules_commands():
    assert "ects_guide_2015" in run("rules", "list")[1]
    code, out, _ = run("rules", "show", "ects_guide_2015")
    assert code == 0 and "hours_per_credit = 25 to 30 hours per credit" in out and "Weak citations" in out
    assert run("rules", "check", "ects_guide_2015")[0] == 0
    code, out, _ = run("rules", "test", "ects_guide_2015")
    assert code == 0 and " 0 failed" in out


def test_rules_test_shows_expected_and_actual_with_the_trace(tmp_path):
    folder = tmp_path / "set"
    shutil.copytree(ROOT / "rules" / "ects_guide_2015", folder)
    for f in (folder / "tests").glob("*"):
        f.unlink()
    (folder / "tests" / "wrong.yaml").write_text(
        "name: deliberately wrong\nprogramme:\n  id: t\n  cycle: first\n  years: 1\n  courses:\n"
        "    - {code: A, title: A, term: 1, credits: 50}\nexpect:\n  year_credits: pass\n")
    code, out, _ = run("rules", "test", folder)
    assert code == 1
    assert "year_credits: expected pass, got fail" in out and "year.credits = 50 credits" in out


def test_schema_programme_is_json_schema():
    code, out, _ = run("schema", "programme")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Programme" and "courses" in schema["properties"]


def test_a_cycle_through_folders_is_a_rule_file_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "a.rules").write_text("ruleset cyc_a extends b\n")
    (tmp_path / "b" / "b.rules").write_text("ruleset cyc_b extends a\n")
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path / "a")])
    assert result.exit_code == 2 and "'extends' makes a cycle: cyc_a -> cyc_b -> a" in result.output
    assert "Traceback" not in result.output and "RecursionError" not in result.output


def test_rules_check_lists_every_problem_at_once(write):
    folder = write("m/m.rules", 'ruleset m extends ects_guide_2015\nrule r\n  title "R"\n  severity error\n'
                                '  cite nosuch "x"\n  require programme.credit > 0 credits\n').parent
    result = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert result.exit_code == 2
    assert "m.rules:5:3: cites an unknown source 'nosuch'" in result.output
    assert "m.rules:6:11: Programme has no field 'credit'" in result.output


@pytest.mark.parametrize("course, words", [
    ("{code: A, term: 1, credits: .inf}", "Input should be a finite number"),
    ("{code: 101, term: 1, credits: 6}", 'put it in quotes: "101"'),
    ('{code: A, term: 1, credits: "6"}', "if it is in quotes, remove them"),
    ("{code: A, term: 1, credit: 6}", "(did you mean 'credits'?)"),
    ("{code: A, term: 1, credits: 6, colour: red}", "a misspelt field name?"),
])
def test_type_slips_get_a_hint(write, course, words):
    path = write("p.yaml", f"id: p\ncycle: first\nyears: 1\ncourses:\n  - {course}\n")
    result = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015"])
    assert result.exit_code == 2 and words in result.output and "p.yaml:5:" in result.output


SPELT_HINT = "(write the number out in full: exponent notation such as 1e5, NaN and Infinity are not read as numbers)"


@pytest.mark.parametrize("credits", ["1e400", "NaN", "Infinity", "-Infinity", "1e308", "1e5"])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_exponent_notation_and_non_finite_constants_get_a_hint_that_speaks_of_them(write, credits, suffix):
    """JSON and YAML files are read as YAML 1.1 reads them: these are text, and nothing is in quotes."""
    text = (f"id: p\ncycle: first\nyears: 1\ncourses:\n  - {{code: A, term: 1, credits: {credits}}}\n"
            if suffix == ".yaml" else
            f'{{"id": "p", "cycle": "first", "years": 1,\n "courses": [{{"code": "A", "term": 1, "credits": {credits}}}]}}\n')
    path = write(f"p{suffix}", text)
    result = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015"])
    assert result.exit_code == 2 and f"p{suffix}:" in result.output
    assert "'courses[0].credits'" in result.output and SPELT_HINT in result.output
    assert "quotes" not in result.output


@pytest.mark.parametrize("suffix, course", [(".yaml", '{code: A, term: 1, credits: "6"}'),
                                            (".json", '{"code": "A", "term": 1, "credits": "6"}')])
def test_a_plain_number_in_quotes_keeps_the_quotes_hint(write, suffix, course):
    text = (f"id: p\ncycle: first\nyears: 1\ncourses:\n  - {course}\n" if suffix == ".yaml" else
            f'{{"id": "p", "cycle": "first", "years": 1, "courses": [{course}]}}\n')
    result = CliRunner().invoke(main, ["check", str(write(f"p{suffix}", text)), "--rules", "ects_guide_2015"])
    assert result.exit_code == 2 and "if it is in quotes, remove them" in result.output
    assert "exponent" not in result.output


def test_an_output_that_cannot_be_written_is_an_input_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["check", str(COMPLIANT), "--rules", "ects_guide_2015",
                                       "-o", str(blocker / "sub" / "r.txt")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_rules_not_in_force_and_dropped_rules_are_reported():
    result = CliRunner().invoke(main, ["check", str(COMPLIANT), "--rules", "serbian_credit_act", "--format", "json"])
    data = json.loads(result.output)
    assert any(d["rule"] == "cycle_credits" and d["reason"] for d in data["extra"]["dropped_rules"])
    result = CliRunner().invoke(main, ["check", str(COMPLIANT), "--rules", "greek_law_4009", "--as-of", "2020-01-01",
                                       "--format", "json"])
    first = [f for f in json.loads(result.output)["findings"] if f["rule"] == "first_cycle_minimum"]
    assert first and first[0]["status"] == "not_applicable" and first[0]["message"].startswith("Not in force on 2020-01-01")


def test_several_programmes_into_one_html_file_or_a_folder(write, tmp_path):
    folder = write("progs/a.yaml", FAULTY).parent
    shutil.copy(COMPLIANT, folder / "b.yaml")
    one = tmp_path / "all.html"
    assert CliRunner().invoke(main, ["check", str(folder), "--rules", "ects_guide_2015", "--format", "html",
                                     "-o", str(one)]).exit_code == 1
    assert one.is_file() and "faulty" in one.read_text() and "uni-cs-bsc" in one.read_text()
    out = tmp_path / "out"
    CliRunner().invoke(main, ["check", str(folder), "--rules", "ects_guide_2015", "--format", "html", "-o", f"{out}/"])
    assert (out / "index.html").is_file() and len(list(out.glob("*.html"))) == 3


def test_syntax_errors_of_every_file_are_reported_together(write):
    write("two/a.rules", "ruleset two\nrule x\n  severity fatal\n")
    folder = write("two/b.rules", "parameter p = 3..1 credits\n").parent
    result = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert result.exit_code == 2
    assert "a.rules:3:12: unexpected 'fatal'" in result.output and "b.rules:1:15: range 3..1 runs backwards" in result.output


def test_an_output_path_ending_in_a_slash_is_a_folder_of_reports(tmp_path):
    result = CliRunner().invoke(main, ["check", str(COMPLIANT), "--rules", "ects_guide_2015", "-o", f"{tmp_path}/new/"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["index.html", "index.json", "uni-cs-bsc.txt"]
