"""Reading the cells of a spreadsheet (.xlsx with openpyxl; .ods/.xls with python-calamine) or a CSV file.

A `Grid` is one sheet: rows of raw cell values, each addressable as 'Courses!D12' for error messages.
Merged cells are filled from their top-left cell (a term written once beside several courses). CSV is
decoded as UTF-8 (with or without BOM) and otherwise as the best of cp1250, cp1251 and cp1253
(charset-normalizer), and split on commas, semicolons or tabs (csv.Sniffer).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path


from engine.errors import SubjectFileError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls", ".csv", ".tsv")
MAX_ROWS, MAX_COLUMNS = 20000, 200
CSV_ENCODINGS = ("cp1250", "cp1251", "cp1253")


@dataclass
class Grid:
    """One sheet's cells; `sheet` is None for a CSV file. `notes` say what reading it inferred."""

    path: str
    sheet: str | None
    rows: list[list[object]]
    notes: list[str] = field(default_factory=list)

    def cell(self, row: int, col: int) -> str:
        """'plan.xlsx!Courses!D12' for 0-based row and column."""
        from openpyxl.utils import get_column_letter  # openpyxl loads only when a table is read

        ref = f"{get_column_letter(col + 1)}{row + 1}"
        return f"{self.path}!{self.sheet}!{ref}" if self.sheet else f"{self.path}!{ref}"

    def row_ref(self, row: int) -> str:
        """'Courses row 12' (or 'row 12' for CSV), for naming a course without a code."""
        return f"{self.sheet} row {row + 1}" if self.sheet else f"row {row + 1}"


def _check_file(path: Path) -> None:
    if not path.exists():
        raise SubjectFileError("file not found", path=str(path))
    if path.is_dir():
        raise SubjectFileError("is a folder, not a file", path=str(path))


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of a workbook ([] for CSV)."""
    p = Path(path)
    if p.suffix.lower() in CSV_SUFFIXES:
        return []
    return list(_open_workbook(p))


def read_sheet(path: str | Path, sheet: str) -> Grid:
    """The cells of one named sheet of a workbook."""
    p = Path(path)
    book = _open_workbook(p)
    if sheet not in book:
        raise SubjectFileError(f"no sheet '{sheet}' (sheets: {', '.join(book)})", path=str(path))
    return Grid(str(path), sheet, book[sheet]())


def read_csv(path: str | Path, encoding: str | None = None) -> Grid:
    """The cells of a CSV file, with notes on the encoding and separator it was read with."""
    p = Path(path)
    _check_file(p)
    raw = p.read_bytes()
    text, used = _decode(raw, str(path), encoding)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = max(",;\t", key=sample.count)
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep)]
    if len(rows) > MAX_ROWS:
        raise SubjectFileError(f"more than {MAX_ROWS} rows: not a study plan", path=str(path))
    names = {",": "commas", ";": "semicolons", "\t": "tabs"}
    grid = Grid(str(path), None, [[c if c.strip() else None for c in r] for r in rows])
    grid.notes.append(f"read as {used} text separated by {names.get(sep, repr(sep))}")
    return grid


def _decode(raw: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise SubjectFileError(f"cannot read the file as {encoding}: {e}", path=name) from None
    if b"\x00" in raw[:4096]:
        raise SubjectFileError("not a text file (a spreadsheet saved with a .csv name?)", path=name)
    try:
        return raw.decode("utf-8-sig"), "UTF-8" + (" (with BOM)" if raw.startswith(b"\xef\xbb\xbf") else "")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(CSV_ENCODINGS)).best()
    if best is None:
        raise SubjectFileError("not UTF-8, cp1250, cp1251 or cp1253 text; save the table as UTF-8 CSV", path=name)
    return str(best), best.encoding


def _open_workbook(p: Path) -> dict:
    """Sheet name -> a function returning that sheet's rows (filled merges), read lazily."""
    _check_file(p)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _openpyxl_sheets(p)
    if suffix in (".ods", ".xls"):
        return _calamine_sheets(p)
    raise SubjectFileError(f"not a spreadsheet or CSV file (expected {', '.join(TABLE_SUFFIXES)})", path=str(p))


def _openpyxl_sheets(p: Path) -> dict:
    from openpyxl import load_workbook

    try:
        book = load_workbook(p, data_only=True)  # cached formula results, not the formulas
    except Exception as e:  # openpyxl raises zipfile, KeyError, ValueError... on a damaged file
        raise SubjectFileError(f"cannot read the workbook ({type(e).__name__}: {e})", path=str(p)) from None

    def rows_of(ws):
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            raise SubjectFileError(f"sheet '{ws.title}' has {ws.max_row} rows and {ws.max_column} columns: "
                                   "not a study plan", path=str(p))
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for merged in ws.merged_cells.ranges:  # a term cell merged down beside its courses: fill it down
            col = merged.min_col - 1
            if merged.min_row > len(rows) or col >= len(rows[merged.min_row - 1]):
                continue
            top = rows[merged.min_row - 1][col]
            for r in range(merged.min_row, min(merged.max_row, len(rows))):
                rows[r][col] = top
        return [[None if isinstance(v, str) and not v.strip() else v for v in r] for r in rows]

    return {ws.title: (lambda ws=ws: rows_of(ws)) for ws in book.worksheets}


def _calamine_sheets(p: Path) -> dict:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(p))
    except Exception as e:  # calamine raises its own errors on a damaged file
        raise SubjectFileError(f"cannot read the workbook ({type(e).__name__}: {e})", path=str(p)) from None

    def rows_of(name):
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if len(rows) > MAX_ROWS:
            raise SubjectFileError(f"sheet '{name}' has more than {MAX_ROWS} rows: not a study plan", path=str(p))
        return [[None if v == "" else v for v in r] for r in rows]

    return {name: (lambda name=name: rows_of(name)) for name in book.sheet_names}
