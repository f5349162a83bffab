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
