"""Course tables and OLA files within the documented limits (engine/limits.py, docs/limits.md): each
breach is a one-line SubjectFileError naming the file and the cell or line, in bounded time and memory."""
from __future__ import annotations

import io
import zipfile

import pytest

from engine import limits
from engine.errors import SubjectFileError
from engine.subjects.programme.table_programme import TableOptions, load_table_programme
from engine.subjects.transfer.ola import read_ola

from table_samples import write_csv, write_xlsx

ONE_YEAR = TableOptions(fields={"cycle": "first", "years": 1})
HEADER = ["Code", "Title", "Semester", "ECTS"]


def error_of(path) -> SubjectFileError:
    with pytest.raises(SubjectFileError) as e:
        load_table_programme(path, ONE_YEAR)
    assert "\n" not in e.value.format()
    return e.value


def test_too_many_rows(tmp_path):
    rows = [HEADER] + [[f"C{i}", "T", 1, 6] for i in range(limits.MAX_TABLE_ROWS + 5)]
    e = error_of(write_csv(tmp_path / "plan.csv", rows))
    assert "rows: not a study plan" in e.message and "docs/limits.md" in e.message


def test_too_many_columns_names_the_cell(tmp_path):
    rows = [HEADER + ["x"] * 300, ["A", "a", 1, 6] + ["1"] * 300]
    e = error_of(write_csv(tmp_path / "plan.csv", rows))
    assert e.path.endswith("plan.csv!GS1") and "columns" in e.message


def test_a_cell_too_long_names_the_cell(tmp_path):
    rows = [HEADER, ["A", "x" * (limits.MAX_TEXT_CHARS + 1), 1, 6]]
    e = error_of(write_csv(tmp_path / "plan.csv", rows))  # (a workbook cell holds at most 32,767)
    assert e.path.endswith("plan.csv!B2") and "characters" in e.message


def test_a_file_too_large(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "plan.csv", [HEADER, ["A", "a", 1, 6]] * 50)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    assert "too large" in error_of(path).message


def test_a_workbook_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b"0" * (limits.MAX_UNPACKED_BYTES + 1) + b"</a>")
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buf.getvalue())
    e = error_of(path)
    assert e.path == str(path) and "unpacks to" in e.message


def test_a_damaged_workbook_is_one_line(tmp_path):
    good = write_xlsx(tmp_path / "plan.xlsx", {"Courses": [HEADER, ["A", "a", 1, 6]]}).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert "cannot read the workbook" in error_of(path).message


def test_an_ola_file_nested_too_deeply_names_the_line(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_text("<la>\n" + "<x>" * (limits.MAX_DATA_DEPTH + 5) + "</x>" * (limits.MAX_DATA_DEPTH + 5) + "</la>")
    with pytest.raises(SubjectFileError) as e:
        read_ola(path)
    assert e.value.line == 2 and "nested too deeply" in e.value.message


@pytest.mark.parametrize("reader, suffix", [("openpyxl.load_workbook", ".xlsx"),
                                            ("python_calamine.CalamineWorkbook.from_filelike", ".ods")])
def test_running_out_of_memory_is_not_called_a_damaged_workbook(tmp_path, monkeypatch, reader, suffix):
    """A reader that runs out of memory (ects serve's memory limit) is not a damaged file: the MemoryError
    goes up to whoever set the limit, which answers it as such."""
    module, _, name = reader.rpartition(".")
    owner = __import__(module.split(".")[0])
    for part in module.split(".")[1:]:
        owner = getattr(owner, part)

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(owner, name, out_of_memory)
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": [HEADER, ["A", "a", 1, 6]]})
    path = path.rename(path.with_suffix(suffix))
    with pytest.raises(MemoryError):
        load_table_programme(path, ONE_YEAR)
