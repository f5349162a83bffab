"""Grades converted end to end: a transfer names the grading tables of both sides (in the file or on the
command line), the recognition converts every grade, and the board gets a suggested grades table.

Hand calculation (tests/data/grades): the Danish host table, pass mark 02, 100 passing grades over two
years: 12 [0, 10), 10 [10, 30), 7 [30, 70), 4 [70, 90), 02 [90, 100). The Greek home table, 100 passing:
10 [0, 5), 9 [5, 15), 8 [15, 40), 7 [40, 70), 6 [70, 90), 5 [90, 100).
avg: 12 -> (10*5 + 9*5)/10 = 9.5, a tie -> 10; 7 -> (8*10 + 7*30)/40 = 7.25 -> 7; 4 -> 6; 02 -> 5.
mid: 12 -> midpoint 5 lies in [5, 15) -> 9.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from engine.cli.main import main
from engine.errors import InputError
from engine.subjects.transfer.model import load_transfer
from engine.subjects.transfer.recognition_grades import transfer_grades
from transfer_helpers import audit_transfer, recognition

DATA = Path(__file__).resolve().parent / "data"
TRANSFER = DATA / "transfers" / "dk_to_gr_grades.yaml"
GREEK = DATA / "grades" / "greek_home_0_10.yaml"
DANISH = DATA / "grades" / "dk_host_7_point.csv"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def results(grades: dict) -> dict:
    return {c["source"]: c["result"] for c in grades["conversions"]}


def test_tables_named_in_the_transfer_file_convert_every_grade():
    model, _ = load_transfer(TRANSFER)
    grades = transfer_grades(model, TRANSFER)
    assert grades["policy"] == "avg"
    assert results(grades) == {"NDAA09001U": 10, "NDAA09002U": 7, "NDAA09008U": 6, "NDAA09003U": 5}
    assert "NDAA09005U" not in results(grades)  # failed: not converted


def test_file_policy_wins_and_mid_policy_by_hand(tmp_path):
    text = TRANSFER.read_text(encoding="utf-8").replace("policy: avg", "policy: mid")
    p = tmp_path / "t.yaml"
    p.write_text(text.replace("../grades/", f"{DATA / 'grades'}/"), encoding="utf-8")
    model, _ = load_transfer(p)
    assert results(transfer_grades(model, p, policy="max"))["NDAA09001U"] == 9


def test_command_line_tables_win_over_the_file():
    model, _ = load_transfer(TRANSFER)
    grades = transfer_grades(model, TRANSFER, home_grades=(str(GREEK), "gr-informatics-first"),
                             host_grades=(str(DANISH), "dk-datascience-first"))
    assert results(grades)["NDAA09002U"] == 7


def test_audit_shows_the_conversion():
    report, _ = audit_transfer("ects_guide_2015", TRANSFER)
    g = recognition(report)["grades"]
    assert g["converted"] and results(g)["NDAA09008U"] == 6


def test_both_tables_without_pass_mark_are_named_at_once(tmp_path):
    for name in ("h.csv", "f.csv"):
        (tmp_path / name).write_text("group,academic_year,grade,count\ng,2022-23,7,3\ng,2023-24,4,3\n", encoding="utf-8")
    text = TRANSFER.read_text(encoding="utf-8").replace("{file: ../grades/greek_home_0_10.yaml, group: gr-informatics-first}",
                                                        "{file: h.csv}").replace("{file: ../grades/dk_host_7_point.csv}",
                                                                                 "{file: f.csv}")
    p = tmp_path / "t.yaml"
    p.write_text(text, encoding="utf-8")
    model, _ = load_transfer(p)
    with pytest.raises(InputError, match=r"the home table \(h.csv\) and the host table \(f.csv\)"):
        transfer_grades(model, p)


def test_suggested_grades_csv_on_screen():
    r = run("grades", "suggest", TRANSFER)
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0][0] == "home code" and rows[0][-1] == "approved grade"
    assert [(row[0], row[5], row[6]) for row in rows[1:]] == [("INF101", "12", "10"), ("INF102", "7", "7"),
                                                             ("INF103", "4", "6"), ("INF104", "02", "5")]
    assert all("project's own design choice" in row[9] and row[10] == "" for row in rows[1:])


def test_suggested_grades_xlsx(tmp_path):
    out = tmp_path / "suggested.xlsx"
    r = run("grades", "suggest", TRANSFER, "-o", out)
    assert r.exit_code == 0, r.output
    ws = load_workbook(out).active
    assert ws["A1"].value == "Suggested grades for dk-to-gr-grades"
    assert [c.value for c in ws[2]][:7] == ["home code", "home component", "credits", "transcript code",
                                            "transcript component", "foreign grade", "suggested grade"]
    assert [ws.cell(row=r, column=7).value for r in range(3, 7)] == ["10", "7", "6", "5"]


def test_suggested_grades_without_recognition_lists_passed_components(tmp_path):
    text = TRANSFER.read_text(encoding="utf-8")
    text = text[:text.index("recognition:")] + text[text.index("grades:"):]
    p = tmp_path / "t.yaml"
    p.write_text(text.replace("../grades/", f"{DATA / 'grades'}/"), encoding="utf-8")
    r = run("grades", "suggest", p)
    assert r.exit_code == 0, r.output
    assert r.output.count("\n") == 5 and ",NDAA09002U,Statistics for Data Science,7,7," in r.output


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "x.txt"], "written as .csv or .xlsx"),
    (["--home-grades", "x.csv"], "--home-grades and --home-group go together"),
])
def test_suggest_usage_errors(tmp_path, args, message):
    args = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
    r = run("grades", "suggest", TRANSFER, *args)
    assert r.exit_code == 2 and message in r.output


def test_suggest_needs_a_home_table():
    r = run("grades", "suggest", DATA / "ewp" / "omobility-las" / "ola-dashboard-scenarios" / "Ex9.xml")
    assert r.exit_code == 2 and "no home grading table" in r.output


def test_suggest_never_writes_over_an_input():
    r = run("grades", "suggest", TRANSFER, "-o", DANISH.with_suffix(".csv"))
    assert r.exit_code == 2 and "input" in r.output


def test_transfer_command_with_host_table_and_output_never_over_a_grade_file(tmp_path):
    r = run("transfer", TRANSFER, "--rules", "ects_guide_2015", "--host-grades", DANISH, "--host-group",
            "dk-datascience-first", "--format", "json")
    assert '"result": 6' in r.output and r.exit_code in (0, 1)
    before = GREEK.read_bytes()
    r = run("transfer", TRANSFER, "--rules", "ects_guide_2015", "-o", GREEK)
    assert r.exit_code == 2 and GREEK.read_bytes() == before


def test_transfer_host_grades_needs_its_group():
    r = run("transfer", TRANSFER, "--rules", "ects_guide_2015", "--host-grades", DANISH)
    assert r.exit_code == 2 and "--host-grades and --host-group go together" in r.output


@pytest.mark.parametrize("lang, separator, not_there", [("el", "μονάδων· ", "μονάδων; "), ("en", "points; ", "points· ")])
def test_the_overlapping_home_grades_are_listed_with_the_languages_separator(lang, separator, not_there):
    """In Greek ';' is the question mark: the overlapping home grades of a suggestion are listed with the
    upper stop (·) the catalogues use; other languages keep '; '."""
    res = CliRunner().invoke(main, ["grades", "suggest", str(TRANSFER), "--lang", lang])
    assert res.exit_code == 0, res.output
    assert separator in res.output and not_there not in res.output
