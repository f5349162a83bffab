"""Elective blocks read from course tables: a heading row ("Izborni predmeti (izbor 1 od 3)", "Elective
courses (choose 2)", "Μαθήματα επιλογής"...) or an elective-group column makes an elective group, with
the count only where the table states it; otherwise the choice is left open (totals indeterminate)."""
from __future__ import annotations

import pytest

from engine.api import audit
from engine.subjects.kinds import LoadOptions
from engine.subjects.programme.table_electives import block_heading, stated_count, stated_offer
from engine.subjects.programme.table_programme import TableOptions, load_table_programme

from table_samples import write_csv, write_xlsx

ONE_YEAR = TableOptions(fields={"cycle": "first", "years": 1})
COMPULSORY = [["M1", "Matematika 1", 1, 8], ["M2", "Fizika", 1, 7], ["P1", "Programiranje 1", 1, 8],
              ["E1", "Engleski jezik", 1, 7], ["M3", "Matematika 2", 2, 8], ["P2", "Programiranje 2", 2, 8],
              ["A1", "Algoritmi", 2, 8]]  # 54 credits
ELECTIVES = [["I1", "Ekonomija", 2, 6], ["I2", "Sociologija", 2, 6], ["I3", "Psihologija", 2, 6]]
HEADER = ["Šifra", "Naziv predmeta", "Semestar", "ESPB"]


def plan(heading: str) -> list[list]:
    return [HEADER, *COMPULSORY, [None, heading, None, None], *ELECTIVES]


def year_status(report) -> str:
    return next(f.status for f in report.findings if f.rule == "year_credits")


@pytest.mark.parametrize("heading, count", [
    ("Izborni predmeti (izbor 1 od 3)", 1), ("Elective courses (choose 2)", 2), ("Изборни предмети (избор 1)", 1),
    ("Μαθήματα επιλογής (επιλογή 2)", 2), ("Wahlpflichtmodule: 2 aus 3", 2), ("Przedmioty do wyboru (wybierz 1)", 1),
    ("Optativas (elegir 2)", 2), ("Electives: one of the following", 1), ("Izborni predmeti", None),
    ("Μαθήματα επιλογής", None)])
def test_headings_in_several_languages_and_the_counts_they_state(heading, count):
    assert block_heading(heading) == "elective"
    assert stated_count(heading) == count


def test_other_rows_are_not_elective_headings():
    assert block_heading("Obavezni predmeti") == "compulsory"
    assert block_heading("Matematika 1") is None
    assert stated_count("Semester 2") is None


def test_a_stated_count_makes_an_exact_group_and_the_year_passes(tmp_path):
    path = write_csv(tmp_path / "plan.csv", plan("Izborni predmeti (izbor 1 od 3)"))
    model, _, notes = load_table_programme(path, ONE_YEAR)
    group = model.elective_groups[0]
    assert (group.courses, group.choose) == (["I1", "I2", "I3"], 1)
    assert {c.type for c in model.courses if c.code.startswith("I")} == {"elective"}
    assert any("choose 1 of 3" in n for n in notes)
    report = audit("ects_guide_2015", path, kind="programme", options=LoadOptions(table=ONE_YEAR))
    assert year_status(report) == "pass"  # 54 + 6, not 54 + 18


def test_a_count_that_does_not_fit_gives_a_failure_for_every_choice(tmp_path):
    path = write_csv(tmp_path / "plan.csv", plan("Elective courses (choose 3)"))
    report = audit("ects_guide_2015", path, kind="programme", options=LoadOptions(table=ONE_YEAR))
    assert year_status(report) == "fail"  # 54 + 18 = 72 for the only choice


def test_no_count_leaves_the_choice_open_and_asks_for_it(tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": plan("Izborni predmeti")})
    model, _, notes = load_table_programme(path, ONE_YEAR)
    assert (model.elective_groups[0].choose.min, model.elective_groups[0].choose.max) == (0, 3)
    assert any("--field \"elective_groups=[{id: electives_1, choose: N, courses: [I1, I2, I3]}]\"" in n for n in notes)
    report = audit("ects_guide_2015", path, kind="programme", options=LoadOptions(table=ONE_YEAR))
    assert year_status(report) == "indeterminate"  # never a false error: 60 for one choice only


def test_the_count_given_with_field_replaces_the_blocks(tmp_path):
    path = write_csv(tmp_path / "plan.csv", plan("Izborni predmeti"))
    fields = {**ONE_YEAR.fields, "elective_groups": [{"id": "IZB", "choose": 1, "courses": ["I1", "I2", "I3"]}]}
    report = audit("ects_guide_2015", path, kind="programme", options=LoadOptions(table=TableOptions(fields=fields)))
    assert year_status(report) == "pass"


def test_a_block_ends_at_the_next_term_heading(tmp_path):
    rows = [HEADER, ["Semester 1", None, None, None], *[r[:2] + [None, r[3]] for r in COMPULSORY[:4]],
            [None, "Elective courses (choose 1)", None, None], ["X1", "X", None, 6], ["X2", "Y", None, 6],
            ["Semester 2", None, None, None], *[r[:2] + [None, r[3]] for r in COMPULSORY[4:]]]
    model, _, _ = load_table_programme(write_csv(tmp_path / "plan.csv", rows), ONE_YEAR)
    assert model.elective_groups[0].courses == ["X1", "X2"]
    assert {c.code: c.type for c in model.courses}["M3"] != "elective"


def test_a_group_column_makes_one_group_per_value(tmp_path):
    rows = [["Code", "Title", "Term", "ECTS", "Elective group"], ["A", "a", 1, 30, None], ["B", "b", 2, 24, None],
            ["C", "c", 2, 6, "X (choose 1)"], ["D", "d", 2, 6, "X (choose 1)"], ["F", "f", 2, 6, "Y"],
            ["G", "g", 2, 6, "Y"]]
    model, _, notes = load_table_programme(write_csv(tmp_path / "plan.csv", rows), ONE_YEAR)
    groups = {tuple(g.courses): g.choose for g in model.elective_groups}
    assert groups[("C", "D")] == 1
    assert (groups[("F", "G")].min, groups[("F", "G")].max) == (0, 2)


def test_a_block_of_courses_without_codes_is_noted_not_guessed(tmp_path):
    rows = [HEADER, *COMPULSORY, [None, "Elective courses (choose 1)", None, None], [None, "Ekonomija", 2, 6],
            [None, "Sociologija", 2, 6]]
    model, _, notes = load_table_programme(write_csv(tmp_path / "plan.csv", rows), ONE_YEAR)
    assert model.elective_groups == []
    assert any("need distinct codes" in n for n in notes)



# Tabela 5.2 of Serbian accreditation documents: R.br. | Šifra | Naziv | Sem. | Tip (O/I) | ESPB, with merged
# block headings whose text sits in the first column, and a compulsory course listed right after the electives.
TABELA_HEADER = ["R.br.", "Šifra", "Naziv predmeta", "Sem.", "Tip", "ESPB"]
TABELA_COMPULSORY = [[1, "M1", "Matematika 1", 1, "O", 30], [2, "M2", "Fizika", 2, "O", 16]]
TABELA_ELECTIVES = [[3, "I1", "Ekonomija", 2, "I", 6], [4, "I2", "Sociologija", 2, "I", 6],
                    [5, "I3", "Psihologija", 2, "I", 6]]
TABELA_AFTER = [[6, "M3", "Operativni sistemi", 2, "O", 8]]  # 54 compulsory + 6 elective = 60


def write_tabela(tmp_path, suffix: str, heading: str, column: int, electives=TABELA_ELECTIVES):
    """The table as CSV, or as a workbook whose heading cell is merged across the row from `column`."""
    heading_row = [None] * len(TABELA_HEADER)
    heading_row[column] = heading
    rows = [TABELA_HEADER, ["I godina", *[None] * 5], *TABELA_COMPULSORY, heading_row, *electives, *TABELA_AFTER]
    if suffix == ".csv":
        return write_csv(tmp_path / "tabela.csv", rows)
    at = len(TABELA_COMPULSORY) + 3
    merged = f"{'ABCDEF'[column]}{at}:F{at}"
    return write_xlsx(tmp_path / "tabela.xlsx", {"Tabela 5.2": rows}, {"Tabela 5.2": [merged]})


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("column", [0, 2])  # the merged heading's first column, as Tabela 5.2 has it; the title column
def test_a_compulsory_row_ends_the_block_and_a_heading_is_read_in_any_column(tmp_path, suffix, column):
    path = write_tabela(tmp_path, suffix, "Izborni blok 1 (bira se 1 od 3)", column)
    model, _, notes = load_table_programme(path, ONE_YEAR)
    assert [(g.courses, g.choose) for g in model.elective_groups] == [(["I1", "I2", "I3"], 1)]
    assert {c.code: c.type for c in model.courses}["M3"] == "compulsory"
    assert any("choose 1 of 3" in n and "row 9 'M3', typed compulsory" in n for n in notes)
    assert not any("offers" in n for n in notes)
    report = audit("ects_guide_2015", path, kind="programme", options=LoadOptions(table=ONE_YEAR))
    assert year_status(report) == "pass"  # 54 + 6; not 46 + 6 or 8 (M3 chosen away), nor 54 + 18 (all taken)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_heading_that_offers_more_courses_than_the_block_holds_is_noted(tmp_path, suffix):
    path = write_tabela(tmp_path, suffix, "Izborni predmeti (bira se 1 od 4)", 0)
    model, _, notes = load_table_programme(path, ONE_YEAR)
    assert model.elective_groups[0].courses == ["I1", "I2", "I3"]
    assert any("says the block offers 4 courses, but 3 rows were read into it (I1, I2, I3)" in n for n in notes)


def test_a_heading_that_chooses_more_than_the_block_holds_leaves_the_choice_open(tmp_path):
    path = write_tabela(tmp_path, ".csv", "Izborni predmeti (bira se 4 od 4)", 0)
    model, _, notes = load_table_programme(path, ONE_YEAR)
    choose = model.elective_groups[0].choose
    assert (choose.min, choose.max) == (0, 3)
    assert any("the heading says choose 4, but the block holds only 3 courses" in n for n in notes)
    report = audit("ects_guide_2015", path, kind="programme", options=LoadOptions(table=ONE_YEAR))
    assert year_status(report) == "indeterminate"


def test_a_lone_text_in_the_first_column_that_names_no_block_is_not_read():
    assert block_heading("Napomena: videti tabelu 5.3") is None  # such a row stays "not read as a course"


@pytest.mark.parametrize("heading, count, offered", [
    ("Izborni blok 1 (bira se 1 od 3)", 1, 3), ("Изборни блок (бира се 2 од 5)", 2, 5),
    ("Μαθήματα επιλογής (επιλογή 2 από 4)", 2, 4), ("Elective courses (choose 2 of 5)", 2, 5),
    ("Wahlpflichtmodule: 2 aus 3", 2, 3), ("Przedmioty do wyboru (wybierz 1 z 2)", 1, 2),
    ("Optativas (elegir 2 de 6)", 2, 6), ("Elective courses (choose 2)", 2, None), ("Izborni predmeti", None, None)])
def test_the_number_of_courses_a_heading_offers(heading, count, offered):
    assert (stated_count(heading), stated_offer(heading)) == (count, offered)
