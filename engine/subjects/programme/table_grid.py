"""Reading the cells of a spreadsheet (.xlsx with openpyxl; .ods/.xls with python-calamine) or a CSV file.

A `Grid` is one sheet: rows of raw cell values, each addressable as 'Courses!D12' for error messages.
Merged cells are filled from their top-left cell (a term written once beside several courses). CSV is
decoded as UTF-8 (with or without BOM) and otherwise as the best of cp1250, cp1251 and cp1253
(charset-normalizer), and split on commas, semicolons or tabs (csv.Sniffer). Every file is read within
engine.limits: its size, a workbook's unpacked size (a zip bomb), rows, columns and the text of a cell.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


from engine.errors import SubjectFileError
from engine.semantics.reasons import Count, Reason, because
from engine.subjects.worded import WordedText
from engine.limits import (
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_TEXT_CHARS,
    MAX_UNPACKED_BYTES,
    display_name,
    over_limit,
    read_input_bytes,
    refuse_empty,
)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls", ".csv", ".tsv")
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
        return WordedText("course.sheet_row", "{sheet} row {n}", sheet=self.sheet, n=row + 1) if self.sheet \
            else WordedText("course.row", "row {n}", n=row + 1)


def _bounded(rows: list[list[object]], grid: Grid) -> list[list[object]]:
    """The rows, once checked against the limits on rows, columns and the text of one cell."""
    if len(rows) > MAX_TABLE_ROWS:
        raise SubjectFileError(over_limit(because("limit.table_rows", "{n} rows: not a study plan",
                                                  n=Count(len(rows))), MAX_TABLE_ROWS),
                               path=f"{grid.path}!{grid.sheet}" if grid.sheet else grid.path)
    for r, row in enumerate(rows):
        if len(row) > MAX_TABLE_COLUMNS and any(v is not None for v in row[MAX_TABLE_COLUMNS:]):
            raise SubjectFileError(over_limit(because("limit.table_columns", "{n} columns: not a study plan",
                                                      n=Count(len(row))), MAX_TABLE_COLUMNS),
                                   path=grid.cell(r, MAX_TABLE_COLUMNS))
        del row[MAX_TABLE_COLUMNS:]
        for c, v in enumerate(row):
            if isinstance(v, str) and len(v) > MAX_TEXT_CHARS:
                raise SubjectFileError(over_limit(because("limit.long_text", "a text of {n} characters",
                                                          n=Count(len(v))), MAX_TEXT_CHARS),
                                       path=grid.cell(r, c))
    return rows


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
        raise SubjectFileError(because("table.no_sheet", "no sheet '{sheet}' (sheets: {sheets})", sheet=sheet,
                                       sheets=", ".join(book)), path=str(path))
    grid = Grid(str(path), sheet, [])
    grid.rows = _bounded(book[sheet](), grid)
    return grid


def read_csv(path: str | Path, encoding: str | None = None) -> Grid:
    """The cells of a CSV file, with notes on the encoding and separator it was read with."""
    raw = refuse_empty(read_input_bytes(path, SubjectFileError), SubjectFileError, path)  # '-': standard input
    text, used = _decode(raw, display_name(path), encoding)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = max(",;\t", key=sample.count)
    grid = Grid(display_name(path), None, [])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows = []
    try:
        for r in reader:
            rows.append([c if c.strip() else None for c in r])
            if len(rows) > MAX_TABLE_ROWS:
                break
    except csv.Error as e:  # a NUL byte, a field larger than csv's own limit
        raise SubjectFileError(because("table.csv_unreadable", "cannot read the CSV text ({why})", why=str(e)),
                               path=grid.path, line=reader.line_num) from None
    names = {",": "commas", ";": "semicolons", "\t": "tabs"}
    grid.rows = _bounded(rows, grid)
    grid.notes.append(f"read as {used} text separated by {names.get(sep, repr(sep))}")
    return grid


def _decode(raw: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise SubjectFileError(because("table.bad_encoding", "cannot read the file as {encoding}: {why}",
                                           encoding=encoding, why=str(e)), path=name) from None
    if b"\x00" in raw[:4096]:
        raise SubjectFileError(because("table.not_text", "not a text file (a spreadsheet saved with a .csv name?)"),
                               path=name)
    try:
        return raw.decode("utf-8-sig"), "UTF-8" + (" (with BOM)" if raw.startswith(b"\xef\xbb\xbf") else "")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(CSV_ENCODINGS)).best()
    if best is None:
        raise SubjectFileError(because("table.unknown_encoding", "not UTF-8, cp1250, cp1251 or cp1253 text; save the "
                                       "table as UTF-8 CSV"), path=name)
    return str(best), best.encoding


def _open_workbook(p: Path) -> dict:
    """Sheet name -> a function returning that sheet's rows (filled merges), read lazily."""
    suffix = p.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        raw = refuse_empty(read_input_bytes(p, SubjectFileError), SubjectFileError, p)  # at most MAX_FILE_BYTES
        if suffix != ".xls":  # .xlsx and .ods are zips: refuse one that unpacks beyond the limit
            _check_unpacked(raw, str(p))
        return _openpyxl_sheets(raw, p) if suffix in (".xlsx", ".xlsm") else _calamine_sheets(raw, p)
    raise SubjectFileError(because("table.not_a_table", "not a spreadsheet or CSV file (expected {suffixes})",
                                   suffixes=", ".join(TABLE_SUFFIXES)), path=str(p))


def _check_unpacked(raw: bytes, name: str) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED_BYTES (as its zip directory states
    them; the zip reader stops at the stated size, so a part cannot unpack to more)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = sum(m.file_size for m in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise SubjectFileError(because("table.not_a_zip", "cannot read the workbook (not a readable zip: {why})",
                                       why=str(e)), path=name) from None
    if total > MAX_UNPACKED_BYTES:
        raise SubjectFileError(over_limit(because("limit.unpacked", "the workbook unpacks to {n} bytes", n=Count(total)),
                                          MAX_UNPACKED_BYTES, "bytes"),
                               path=name)


def _damaged(e: Exception) -> Reason:
    """A workbook the spreadsheet library cannot read: its error's name and words, as it gives them."""
    return because("table.bad_workbook", "cannot read the workbook ({kind}: {why})", kind=type(e).__name__, why=str(e))


def _sheet_too_large(sheet: str, rows: int, columns: int) -> Reason:
    return over_limit(because("limit.sheet_size", "sheet '{sheet}' has {rows} rows and {columns} columns: not a study "
                              "plan", sheet=sheet, rows=Count(rows), columns=Count(columns)), MAX_TABLE_ROWS, "rows")


def _openpyxl_sheets(raw: bytes, p: Path) -> dict:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), data_only=True)  # cached formula results, not the formulas
    except MemoryError:
        raise  # not a damaged file: the caller's memory limit (ects serve answers it as such)
    except Exception as e:  # openpyxl raises zipfile, KeyError, ValueError... on a damaged file
        raise SubjectFileError(_damaged(e), path=str(p)) from None

    def rows_of(ws):
        if ws.max_row > MAX_TABLE_ROWS or ws.max_column > MAX_TABLE_COLUMNS:
            raise SubjectFileError(_sheet_too_large(ws.title, ws.max_row, ws.max_column), path=str(p))
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


def _calamine_sheets(raw: bytes, p: Path) -> dict:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except MemoryError:
        raise  # not a damaged file: the caller's memory limit (ects serve answers it as such)
    except Exception as e:  # calamine raises its own errors on a damaged file
        raise SubjectFileError(_damaged(e), path=str(p)) from None

    def rows_of(name):
        try:
            sheet = book.get_sheet_by_name(name)
            if sheet.height > MAX_TABLE_ROWS or sheet.width > MAX_TABLE_COLUMNS:
                raise SubjectFileError(_sheet_too_large(name, sheet.height, sheet.width), path=str(p))
            rows = sheet.to_python(skip_empty_area=False)
        except (SubjectFileError, MemoryError):
            raise
        except Exception as e:  # calamine's own errors on a damaged sheet
            raise SubjectFileError(because("table.bad_sheet", "cannot read sheet '{sheet}' ({kind}: {why})", sheet=name,
                                           kind=type(e).__name__, why=str(e)), path=str(p)) from None
        return [[None if v == "" else v for v in r] for r in rows]

    return {name: (lambda name=name: rows_of(name)) for name in book.sheet_names}
