"""Course tables (spreadsheets and CSV) read as programmes: headers in seven languages, heading and
subtotal rows, encodings and separators, errors that name the cell. Sample layouts: tests/table_samples.py."""
from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from engine.api import audit
from engine.subjects.kinds import LoadOptions, load_subject
from engine.cli.main import main
from engine.errors import SubjectFileError
from engine.subjects.programme.table_programme import TableOptions, load_table_programme
from engine.subjects.programme.model import load_programme_file

from table_samples import (FRENCH_ROWS, GERMAN_ROWS, GREEK_MERGES, GREEK_ROWS, POLISH_ROWS, SERBIAN_ROWS,
                           SPANISH_ROWS, write_csv, write_xlsx)

FIRST_YEAR = TableOptions(fields={"cycle": "first", "years": 1})


def statuses(report, rule: str) -> dict[str, str]:
    return {f.subject: f.status for f in report.findings if f.rule == rule}


def test_greek_study_guide_with_merged_term_rows_and_a_wrong_printed_total(tmp_path):
    path = write_xlsx(tmp_path / "odigos.xlsx", {"Πρόγραμμα": GREEK_ROWS}, {"Πρόγραμμα": GREEK_MERGES})
    model, _, notes = load_table_programme(path, FIRST_YEAR)
    assert [c.term for c in model.courses] == [1, 1, 1, 1, 2, 2, 2, 2]
    assert model.courses[0].contact_hours_per_week == {"lectures": 4, "tutorials": 1, "labs": 0}
    assert model.printed_totals.terms == {1: 30, 2: 30}
    assert any("header row 3" in n for n in notes)
    assert any("'Α΄ Εξάμηνο' (term 1)" in n for n in notes)


def test_greek_printed_total_that_disagrees_is_a_warning_not_an_error(tmp_path):
    path = write_xlsx(tmp_path / "odigos.xlsx", {"Πρόγραμμα": GREEK_ROWS}, {"Πρόγραμμα": GREEK_MERGES})
    report = audit("ects_guide_2015", path, kind="programme", options=LoadOptions(table=FIRST_YEAR))
    got = statuses(report, "printed_totals_agree")
    assert got == {"printed total of term 1": "pass", "printed total of term 2": "fail"}
    assert next(f for f in report.findings if f.rule == "printed_totals_agree").severity == "warning"
    assert report.extra["input_notes"]
    # contact hours alone are no workload: hours per credit is undecided, never a false warning
    assert set(statuses(report, "hours_per_credit").values()) == {"indeterminate"}


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8"])
def test_serbian_cyrillic_accreditation_table_in_cp1251_and_utf8(tmp_path, encoding):
    path = write_csv(tmp_path / "tabela_5_2.csv", SERBIAN_ROWS, encoding=encoding, delimiter=";")
    model, _, notes = load_table_programme(path, FIRST_YEAR)
    assert [c.code for c in model.courses][:2] == ["ОИ101", "ОИ102"]
    assert model.courses[0].contact_hours_per_week == {"P": 3, "V": 3, "DON": 0}
    assert model.courses[4].type == "elective"
    assert [c.term for c in model.courses] == [1] * 5 + [2] * 5
    assert model.printed_totals.terms == {1: 30, 2: 30}
    assert any(encoding.replace("-", "").lower() in n.replace("-", "").lower() for n in notes)
    assert any("semicolons" in n for n in notes)


def test_polish_plan_with_title_block_hour_kinds_and_year_total(tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Plan": POLISH_ROWS})
    model, _, notes = load_table_programme(path, FIRST_YEAR)
    assert len(model.courses) == 11
    assert model.courses[1].contact_hours == {"lectures": 30, "exercises": 0, "labs": 30}
    assert model.printed_totals.terms == {1: 30, 2: 30}
    assert model.printed_totals.years == {1: 60}
    assert any("'Razem w roku' 60: the printed total of year 1" in n for n in notes)


@pytest.mark.parametrize("bom", [True, False])
def test_spanish_boe_table_with_decimal_commas_year_and_term_columns(tmp_path, bom):
    path = write_csv(tmp_path / "plan.csv", SPANISH_ROWS, delimiter=";", bom=bom)
    model, _, _ = load_table_programme(path, FIRST_YEAR)
    assert [c.credits for c in model.courses][2:4] == [7.5, 4.5]
    assert [c.term for c in model.courses] == [1] * 5 + [2] * 5
    assert model.printed_totals.years == {1: 60}


def test_german_and_french_tables(tmp_path):
    de = write_xlsx(tmp_path / "verlauf.xlsx", {"Plan": GERMAN_ROWS})
    model, _, _ = load_table_programme(de, FIRST_YEAR)
    assert model.courses[3].type == "elective" and model.courses[0].contact_hours_per_week == 6
    fr = write_csv(tmp_path / "maquette.csv", FRENCH_ROWS, delimiter="\t")
    model, _, notes = load_table_programme(fr, FIRST_YEAR)
    assert [c.term for c in model.courses] == [1] * 5 + [2] * 5
    assert model.courses[0].contact_hours == {"lectures": 18, "exercises": 18, "labs": 12}
    assert model.printed_totals.terms == {1: 30, 2: 30}
    assert any("tabs" in n for n in notes)


def test_greek_csv_in_cp1253(tmp_path):
    rows = [[("" if v is None else v) for v in r] for r in GREEK_ROWS]
    path = write_csv(tmp_path / "odigos.csv", rows, encoding="cp1253")
    model, _, _ = load_table_programme(path, FIRST_YEAR)
    assert model.courses[1].title == "Εισαγωγή στον Προγραμματισμό"


def test_a_zero_credit_course_fails_unless_typed_non_credit(tmp_path):
    rows = [r[:] for r in SERBIAN_ROWS]
    path = write_csv(tmp_path / "t.csv", rows, delimiter=";")
    view, _ = _view(path)
    assert "ОИ204" in {v.code for v in view.courses}
    rows[11][4] = "без ЕСПБ"
    path = write_csv(tmp_path / "t2.csv", rows, delimiter=";")
    model, _, _ = load_table_programme(path, FIRST_YEAR)
    assert model.courses[8].type == "non_credit"


def _view(path):
    subject = load_subject("programme", path, LoadOptions(table=FIRST_YEAR))
    return subject.view, subject.sha256


# ---- errors name the cell ----------------------------------------------------------------------------

def test_a_credit_that_is_not_a_number_names_file_sheet_and_cell(tmp_path):
    rows = [["Code", "Title", "Semester", "Credits"]] + [[f"C{i}", f"Course {i}", 1, 6] for i in range(2, 12)]
    rows[10][3] = "six"
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    with pytest.raises(SubjectFileError) as e:
        load_table_programme(path, FIRST_YEAR)
    assert e.value.format() == f"{path}!Courses!D11: credits must be a number, got 'six'"


def test_validation_errors_point_at_the_cell(tmp_path):
    rows = [["Code", "Title", "Semester", "Credits"], ["A", "Course A", 1, 30], ["B", "Course B", 5, 30]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    with pytest.raises(SubjectFileError) as e:
        load_table_programme(path, FIRST_YEAR)
    assert e.value.format().startswith(f"{path}!Courses!C3: ")
    assert "term 5 is beyond the programme's last term (number of terms: 2)" in e.value.message


@pytest.mark.parametrize("rows, options, expected", [
    ([["Nothing", "here"], ["a", "b"]], FIRST_YEAR, "no header row found"),
    ([["Code", "Title", "Credits", "Type"], ["A", "Course", 6, "weird"]], FIRST_YEAR, "!Courses!D2: type 'weird'"),
    ([["Code", "Title", "Semester", "Credits"], ["A", "Course", 1, 60]], TableOptions(), "programme's cycle"),
    ([["Code", "Title", "Semester", "Credits"], ["A", "Course", "winter", 60]], FIRST_YEAR, "!Courses!C2: term must"),
])
def test_bad_tables_give_one_clear_error(tmp_path, rows, options, expected):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    with pytest.raises(SubjectFileError) as e:
        load_table_programme(path, options)
    assert expected in e.value.format()


def test_a_damaged_workbook_and_a_missing_sheet_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(SubjectFileError, match="cannot read the workbook"):
        load_table_programme(bad, FIRST_YEAR)
    good = write_xlsx(tmp_path / "p.xlsx", {"Plan": POLISH_ROWS})
    with pytest.raises(SubjectFileError, match="no sheet 'Kursy'"):
        load_table_programme(good, TableOptions(sheet="Kursy", fields={"cycle": "first"}))


# ---- the command line ------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_columns_and_fields_on_the_command_line(tmp_path):
    rows = [["Predmet (naziv)", "Oznaka predmeta", "Sem", "Bodovi ukupno"], ["Matematika", "M1", 1, 30],
            ["Fizika", "F1", 2, 30]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    result = run("import", "table", path, "--columns", "title=Predmet (naziv),code=Oznaka predmeta,credits=Bodovi ukupno",
                 "--field", "cycle=first", "--explain")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert [c["code"] for c in data["courses"]] == ["M1", "F1"] and data["years"] == 1
    assert "read: " in result.stderr


def test_import_table_writes_a_programme_file_that_checks_the_same(tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Plan": POLISH_ROWS})
    out = tmp_path / "plan.yaml"
    result = run("import", "table", path, "-o", out, "--field", "cycle=first")
    assert result.exit_code == 0, result.output
    load_programme_file(out)  # a valid programme file
    direct = run("check", path, "--rules", "ects_guide_2015", "--field", "cycle=first", "--format", "json")
    via_yaml = run("check", out, "--rules", "ects_guide_2015", "--format", "json")
    assert direct.exit_code == via_yaml.exit_code
    import json
    verdicts = lambda r: sorted((f["rule"], f["subject"], f["status"]) for f in json.loads(r.stdout)["findings"])  # noqa: E731
    assert verdicts(direct) == verdicts(via_yaml)


def test_check_reports_a_bad_cell_with_exit_code_2(tmp_path):
    rows = [["Code", "Title", "Semester", "ECTS"], ["A", "Course A", 1, "six"]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    result = run("check", path, "--rules", "ects_guide_2015", "--field", "cycle=first")
    assert result.exit_code == 2
    assert f"{path}!Courses!D2: credits must be a number, got 'six'" in result.stderr


def test_the_template_reads_back(tmp_path):
    path = tmp_path / "plan.xlsx"
    assert run("template", "programme", "-o", path).exit_code == 0
    from openpyxl import load_workbook

    book = load_workbook(path)
    assert book.sheetnames == ["Programme", "Courses"]
    assert any("compulsory" in (dv.formula1 or "") for dv in book["Courses"].data_validations.dataValidation)
    result = run("check", path, "--rules", "ects_guide_2015", "--format", "json")
    assert result.exit_code == 1, result.output  # the example row alone is not a 180-credit programme
    import json
    report = json.loads(result.stdout)
    assert report["subject"]["id"] == "my-programme"
    assert any("sheet 'Courses'" in n for n in report["extra"]["input_notes"])


def test_year_headings_with_terms_counted_within_the_year(tmp_path):
    rows = [["Code", "Title", "ECTS"], ["Year 1", None, None], ["Semester 1", None, None], ["A", "A", 30],
            ["Semester 2", None, None], ["B", "B", 30], ["Year 2", None, None], ["Semester 1", None, None],
            ["C", "C", 30], ["Semester 2", None, None], ["D", "D", 30]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    model, _, notes = load_table_programme(path, TableOptions(fields={"cycle": "first"}))
    assert [c.term for c in model.courses] == [1, 2, 3, 4] and model.years == 2
    assert "term 1 under year 2 read as term 3" in notes


def test_two_header_rows_and_a_term_cell_merged_down(tmp_path):
    rows = [["Semestar", "Šifra", "Naziv predmeta", "Aktivna nastava", None, None, "ESPB"],
            [None, None, None, "P", "V", "DON", None],
            ["I", "M1", "Matematika 1", 3, 3, 0, 8], [None, "P1", "Programiranje 1", 2, 2, 2, 8],
            ["II", "M2", "Matematika 2", 3, 3, 0, 8]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows}, {"Courses": ["A1:A2", "A3:A4", "D1:F1", "B1:B2", "C1:C2", "G1:G2"]})
    model, _, notes = load_table_programme(path, FIRST_YEAR)
    assert [c.term for c in model.courses] == [1, 1, 2]
    assert model.courses[1].contact_hours_per_week == {"P": 2, "V": 2, "DON": 2}
    assert any("header row 1 and 2" in n for n in notes)


def test_a_table_that_stops_early_suggests_covers(tmp_path):
    rows = [["Code", "Title", "Semester", "ECTS"], ["A", "A", 1, 30], ["B", "B", 2, 30]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    _, _, notes = load_table_programme(path, TableOptions(fields={"cycle": "first", "years": 3}))
    assert any("covers={from_term: 1, to_term: 2}" in n for n in notes)
    model, _, _ = load_table_programme(path, TableOptions(fields={"cycle": "first", "years": 3,
                                                                  "covers": {"from_term": 1, "to_term": 2}}))
    assert model.covers.to_term == 2


def test_units_in_cells_term_words_block_headings_and_electives_are_noted(tmp_path):
    rows = [["Šifra", "Naziv predmeta", "Semestar", "ESPB", "Status"], ["M1", "Matematika", "1. semestar", "8 ESPB", "O"],
            [None, "Izborni predmeti", None, None, None], ["E1", "Izborni A", "2. semestar", "6", "I"],
            ["E2", "Izborni B", "2. semestar", "6", "I"]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    model, _, notes = load_table_programme(path, FIRST_YEAR)
    assert [(c.code, c.term, c.credits) for c in model.courses] == [("M1", 1, 8), ("E1", 2, 6), ("E2", 2, 6)]
    assert any("'Izborni predmeti'" in n and "headings" in n for n in notes)
    group = model.elective_groups[0]  # the block heading states no count: any number of its courses
    assert (group.courses, group.choose.min, group.choose.max) == (["E1", "E2"], 0, 2)
    assert any("does not say how many a student chooses" in n and "--field" in n for n in notes)


def test_greek_teaching_units_give_way_to_ects_and_a_course_named_total_is_a_course(tmp_path):
    rows = [["Κωδικός", "Μάθημα", "Εξάμηνο", "ΔΜ", "ECTS"], ["ΔΕΟ1", "Total Quality Management", 1, 4, 30],
            ["ΔΕΟ2", "Μάρκετινγκ", 2, 3, 30], [None, "Σύνολο", None, 7, 60]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": rows})
    model, _, notes = load_table_programme(path, FIRST_YEAR)
    assert [c.credits for c in model.courses] == [30, 30]
    assert model.printed_totals.years == {1: 60}
    assert any("'ECTS' → credits" in n for n in notes)
    assert any(n.startswith("columns not read") and "'ΔΜ'" in n for n in notes)


def test_a_programme_sheet_gives_fields_and_a_misspelt_one_names_its_cell(tmp_path):
    courses = [["code", "title", "term", "credits"], ["A", "Course A", 1, 30], ["B", "Course B", 2, 30]]
    info = [["field", "value"], ["id", "p1"], ["cycle", "first"], ["years", 1]]
    model, _, _ = load_table_programme(write_xlsx(tmp_path / "a.xlsx", {"Programme": info, "Courses": courses}),
                                       TableOptions())
    assert (model.id, model.cycle, model.years) == ("p1", "first", 1)
    info.append(["cylce", "second"])
    path = write_xlsx(tmp_path / "b.xlsx", {"Programme": info, "Courses": courses})
    with pytest.raises(SubjectFileError) as e:
        load_table_programme(path, TableOptions())
    assert e.value.format().startswith(f"{path}!Programme!B5: ")
    # a sheet called Programme that holds the courses themselves is read as the course table
    model, _, _ = load_table_programme(write_xlsx(tmp_path / "c.xlsx", {"Programme": courses}), FIRST_YEAR)
    assert len(model.courses) == 2


def test_polish_plan_exported_as_cp1250_csv(tmp_path):
    rows = [[("" if v is None else str(v)) for v in r] for r in POLISH_ROWS]
    path = write_csv(tmp_path / "plan.csv", rows, encoding="cp1250", delimiter=";")
    model, _, notes = load_table_programme(path, FIRST_YEAR)
    assert model.courses[1].title == "Wstęp do programowania" and model.courses[4].title == "Język angielski"
    assert "read as cp1250 text separated by semicolons" in notes
