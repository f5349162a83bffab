"""Property: whatever a CSV course table holds, the reader gives a programme or one SubjectFileError."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import SubjectFileError
from engine.subjects.programme.table_programme import TableOptions, load_table_programme

from table_samples import write_csv

WORDS = ["Code", "Title", "Semester", "ECTS", "Šifra", "ЕСПБ", "Εξάμηνο", "Ukupno", "Σύνολο", "Semester 3",
         "III", "Γ'", "7,5", "six", "-", "P", "V", "Type", "Izborni", "O", "0", "6", "30", "1", "9", "Year 2", ""]
CELL = st.one_of(st.sampled_from(WORDS), st.integers(-3, 200).map(str), st.text(max_size=6))
GRID = st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(GRID)
def test_any_csv_gives_a_programme_or_a_file_error(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "t.csv", [["Code", "Title", "Semester", "ECTS"]] + rows)
        try:
            model, _, notes = load_table_programme(path, TableOptions(fields={"cycle": "first"}))
        except SubjectFileError as e:
            assert e.format().startswith(str(path))
        else:
            assert model.courses and all(isinstance(n, str) for n in notes)


TYPES = st.sampled_from(["O", "I", None, "završni rad", "praksa"])  # compulsory, elective, untyped, thesis, internship


@settings(max_examples=60, deadline=None)
@given(column=st.sampled_from([0, 2]), offered=st.one_of(st.none(), st.integers(1, 6)),
       block=st.lists(TYPES, min_size=1, max_size=6))
def test_an_elective_block_holds_its_rows_up_to_the_first_non_elective_one(column, offered, block):
    """Whichever column holds the heading, the block's group is its rows up to the first one the table types as
    other than elective; no such row is ever grouped; a heading that offers another number of courses is noted."""
    heading = [None] * 5
    heading[column] = "Izborni predmeti" + (f" (bira se 1 od {offered})" if offered else "")
    rows = [["R.br.", "Šifra", "Naziv", "Tip", "ESPB"], ["I godina", None, None, None, None],
            [1, "M1", "Matematika", "O", 30], heading]
    rows += [[i + 2, f"C{i}", f"Predmet {i}", kind, 6] for i, kind in enumerate(block)]
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "t.csv", rows)
        model, _, notes = load_table_programme(path, TableOptions(fields={"cycle": "first", "years": 1}))
    types = {c.code: c.type for c in model.courses}
    first_other = next((i for i, kind in enumerate(block) if kind not in ("I", None)), len(block))
    expected = [f"C{i}" for i in range(first_other)]
    assert [g.courses for g in model.elective_groups] == ([expected] if expected else [])
    assert all(types[code] == "elective" for code in expected)
    grouped = {code for g in model.elective_groups for code in g.courses}
    assert all(types[code] == "elective" for code in grouped)
    noted = any("the heading says the block offers" in n for n in notes)
    assert noted == (bool(expected) and offered is not None and offered != len(expected))
