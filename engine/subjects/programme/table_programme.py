"""A programme from a table: the course rows, the programme fields (a "Programme" sheet of field/value
rows, then --field options) and what was inferred, validated with errors that name the cell.

This is the loader `ects check plan.xlsx` and `ects import table` share.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from engine.errors import SubjectFileError
from engine.limits import STDIN, display_name, input_sha256
from engine.subjects.load import validate
from engine.subjects.programme.model import Programme
from engine.subjects.programme.table import TableRead, read_courses
from engine.subjects.programme.table_grid import CSV_SUFFIXES, Grid, read_csv, read_sheet, sheet_names
from engine.subjects.programme.table_headers import is_blank
from engine.subjects.programme.table_layout import find_layout
# the loader's options, named here too (engine.subjects.programme.table_options)
from engine.subjects.programme.table_options import TableOptions, field_values, parse_pairs  # noqa: F401
from engine.semantics.reasons import because

PROGRAMME_SHEET, COURSES_SHEET = "Programme", "Courses"


@dataclass
class TableProgramme:
    data: dict
    read: TableRead
    field_cells: dict[str, str]  # programme field -> where its value came from

    @property
    def notes(self) -> list[str]:
        return self.read.notes


def read_table_programme(path: str | Path, options: TableOptions) -> TableProgramme:
    """Programme data from a spreadsheet or CSV course table (not yet validated)."""
    name = display_name(path)
    fields: dict[str, object] = {}
    field_cells: dict[str, str] = {}
    if Path(path).suffix.lower() in CSV_SUFFIXES or str(path) == STDIN:  # standard input: CSV text
        grid = read_csv(path, options.encoding)
    else:
        sheets = sheet_names(path)
        if PROGRAMME_SHEET in sheets and options.sheet != PROGRAMME_SHEET:
            info = read_sheet(path, PROGRAMME_SHEET)
            if _is_field_sheet(info):
                _programme_sheet(info, fields, field_cells)
                sheets = [n for n in sheets if n != PROGRAMME_SHEET]
        grid = _course_sheet(path, sheets, options)
    for key, value in options.fields.items():
        fields[key] = value
        field_cells[key] = f"--field {key}"
    tpy = fields.get("terms_per_year", 2)
    read = read_courses(grid, options.columns, tpy if isinstance(tpy, int) and tpy > 0 else 2)
    data: dict = {"id": fields.pop("id", None) or _slug(Path(name).stem)}
    if "id" not in field_cells:
        read.notes.append(f"id '{data['id']}': from the file name")
    data.update(fields)
    if "years" not in data and read.max_term:
        years = read.max_term / (tpy if isinstance(tpy, int) and tpy > 0 else 2)
        data["years"] = int(years) if years.is_integer() else years
        read.notes.append(f"years {data['years']:g}: from the highest term, {read.max_term} (give --field years=N if "
                          "the table covers only part of the programme)")
    tpy_ok = tpy if isinstance(tpy, int) and tpy > 0 else 2
    if "covers" not in data and isinstance(data.get("years"), (int, float)) and \
            0 < read.max_term < data["years"] * tpy_ok:
        read.notes.append(f"the table's courses reach term {read.max_term} of {data['years'] * tpy_ok:g}: if it holds "
                          f"only part of the programme, say so with --field \"covers={{from_term: 1, to_term: "
                          f"{read.max_term}}}\"")
    if "cycle" not in data:
        raise SubjectFileError(because("table.no_cycle", "the table does not say the programme's cycle: add --field "
                                       "cycle=first (short, first, second or third) or a 'cycle' row on a Programme "
                                       "sheet"), path=name)
    data["courses"] = read.courses
    if read.elective_groups and "elective_groups" not in data:
        data["elective_groups"] = read.elective_groups
    grouped = {code for g in data.get("elective_groups") or () if isinstance(g, dict) for code in g.get("courses") or ()}
    electives = sum(1 for c in read.courses if c.get("type") == "elective" and c.get("code") not in grouped)
    if electives:
        read.notes.append(f"{electives} courses are typed elective but in no elective block or group: each is "
                          "counted as taken; head their rows with a block heading ('Elective courses (choose 2)'), or "
                          "give --field elective_groups=... or add elective_groups to the imported programme file")
    if read.printed and "printed_totals" not in data:
        data["printed_totals"] = read.printed
    return TableProgramme(data, read, field_cells)


def load_table_programme(path: str | Path, options: TableOptions | None = None) -> tuple[Programme, str, list[str]]:
    """Read and validate a table as a programme; returns the model, the file's SHA-256 and the notes."""
    table = read_table_programme(path, options or TableOptions())
    refs = [display_name(path)]
    lines: dict[tuple, int] = {(): 0}
    for key, cell in table.read.cells.items():
        lines[key] = len(refs)
        refs.append(cell)
    for key, where in table.field_cells.items():
        lines[(key,)] = len(refs)
        refs.append(f"{display_name(path)} ({where})" if where.startswith("--field") else where)
    try:
        model = validate(Programme, table.data, lines, display_name(path), "programme")
    except SubjectFileError as e:
        raise SubjectFileError(e.reason or e.message, path=refs[e.line or 0]) from None
    model._course_rows = dict(table.read.rows)
    sha = input_sha256(path, SubjectFileError)
    return model, sha, table.notes


def _is_field_sheet(grid: Grid) -> bool:
    """A Programme sheet as the template writes it: a first row 'field | value'."""
    first = grid.rows[0] if grid.rows else []
    return len(first) >= 2 and [str(v).strip().casefold() for v in first[:2]] == ["field", "value"]


def _programme_sheet(grid: Grid, fields: dict, cells: dict) -> None:
    """field | value rows of a Programme sheet (the template's), below its header row."""
    for r, row in enumerate(grid.rows[1:], start=1):
        if len(row) < 2 or is_blank(row[0]) or is_blank(row[1]) or not isinstance(row[0], str):
            continue
        key = row[0].strip()
        value = row[1]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, str):
            value = field_values({key: value})[key]
        fields[key] = value
        cells[key] = grid.cell(r, 1)


def _course_sheet(path, sheets: list[str], options: TableOptions) -> Grid:
    if options.sheet is not None:
        return read_sheet(path, options.sheet)
    if COURSES_SHEET in sheets:
        return read_sheet(path, COURSES_SHEET)
    first_error = None
    for name in sheets:
        grid = read_sheet(path, name)
        try:
            find_layout(grid, options.columns)
        except SubjectFileError as e:
            first_error = first_error or e
            continue
        if len(sheets) > 1:
            grid.notes.append(f"sheet '{name}': the first of {len(sheets)} sheets with a course table "
                              "(choose another with --sheet)")
        return grid
    raise first_error or SubjectFileError(because("table.no_sheets", "the workbook has no sheets"), path=str(path))


def _slug(stem: str) -> str:
    return re.sub(r"[^\w-]+", "-", stem, flags=re.UNICODE).strip("-") or "programme"
