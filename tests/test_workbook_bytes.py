"""Workbooks are the same bytes on every run: the --matrix workbook (also with --jobs), the suggested grades
table and the programme template carry fixed dates (2000-01-01, a project choice), never the time of saving,
in their document properties (docProps/core.xml) and in their zip entries."""
from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.writer.excel

from cli_helpers import batch_folder, run
from engine.workbook_bytes import FIXED_TIME, workbook_bytes

TRANSFER = Path(__file__).resolve().parent / "data" / "transfers" / "dk_to_gr_grades.yaml"
ARGS = ["--rules", "ects_guide_2015", "--as-of", "2024-01-01"]


def _assert_fixed_dates(path: Path) -> None:
    with zipfile.ZipFile(path) as book:
        assert {entry.date_time for entry in book.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode("utf-8")
    assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified
    assert "<dcterms:created" in core and "<dcterms:modified" in core


def test_the_matrix_workbook_is_the_same_bytes_on_every_run_and_with_jobs(tmp_path):
    folder = batch_folder(tmp_path / "progs", "m_broken.yaml")
    for name, extra in (("one.xlsx", []), ("two.xlsx", []), ("jobs.xlsx", ["--jobs", "2"])):
        code, _, err = run("check", folder, *ARGS, "-q", *extra, "--matrix", tmp_path / name)
        assert code == 2 and "m_broken.yaml" in err  # the broken file; the others are audited and written
    _assert_fixed_dates(tmp_path / "one.xlsx")
    one = (tmp_path / "one.xlsx").read_bytes()
    assert one == (tmp_path / "two.xlsx").read_bytes() == (tmp_path / "jobs.xlsx").read_bytes()


def test_the_suggested_grades_workbook_is_the_same_bytes_on_every_run(tmp_path):
    for name in ("one.xlsx", "two.xlsx"):
        assert run("grades", "suggest", TRANSFER, "-o", tmp_path / name)[0] == 0
    _assert_fixed_dates(tmp_path / "one.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


def test_the_programme_template_is_the_same_bytes_on_every_run(tmp_path):
    for name in ("one.xlsx", "two.xlsx"):
        assert run("template", "programme", "-o", tmp_path / name)[0] == 0
    _assert_fixed_dates(tmp_path / "one.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


def test_a_workbook_saved_later_is_the_same_bytes(monkeypatch):
    """openpyxl's save stamps `modified` with the clock: a clock a day on changes nothing."""
    def book():
        made = openpyxl.Workbook()
        made.active.append(["a", 1])
        return made

    first = workbook_bytes(book())

    class Later(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    monkeypatch.setattr(openpyxl.writer.excel.datetime, "datetime", Later)
    assert workbook_bytes(book()) == first
    assert FIXED_TIME == datetime.datetime(2000, 1, 1)
