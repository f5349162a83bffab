"""The "suggested grades" table for the examination board: each converted grade, how, and a column to approve.

Built from the outcome of engine.recognition_grades (one row per converted transcript grade), written
as CSV (UTF-8, comma separated) or XLSX (one sheet, with openpyxl). The board fills in the last column.
Headers, notes and the sheet's name are in the reader's language (catalogue keys grades.suggest.*).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any


from engine.errors import UsageError
from engine.grades.scale import format_grade
from engine.output import guard_inputs, write_atomic
from engine.render.i18n import Labels
from engine.render.wording import wording
from engine.semantics.reasons import reason_from_data
from engine.workbook_bytes import workbook_bytes

COLUMN_KEYS = ("home_code", "home_title", "credits", "source", "source_title", "foreign_grade", "suggested", "policy",
               "recorded", "explanation", "approved")
COLUMNS = tuple(Labels("en")(f"grades.suggest.column.{k}") for k in COLUMN_KEYS)


def columns(lang: str = "en") -> list[str]:
    """The column headers in `lang`."""
    t = Labels(lang)
    return [t(f"grades.suggest.column.{k}") for k in COLUMN_KEYS]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def suggested_rows(grades: dict[str, Any]) -> list[list[Any]]:
    """One row per converted grade (in COLUMNS order); the approval column is left empty."""
    policy = grades.get("policy", "")
    rows = []
    for c in grades.get("conversions", []):
        rows.append([_cell(c.get("home_code")), _cell(c.get("home_title")), _cell(c.get("credits")), _cell(c["source"]),
                     _cell(c.get("source_title")), str(c.get("label", format_grade(c["grade"]))),
                     format_grade(c["result"]), policy,
                     format_grade(c["recorded"]) if c.get("recorded") is not None else "",
                     " ".join(c.get("explanation", [])), ""])
    return rows


def _notes(grades: dict[str, Any], lang: str) -> list[str]:
    t = Labels(lang)
    skipped = grades.get("skipped", [])
    parts = grades.get("skipped_parts") or [None] * len(skipped)
    out = [t("grades.suggest.not_converted", text=wording(lang).reason(reason_from_data(p)) if p else s)
           for p, s in zip(parts, skipped)]
    return out + [t("grades.convert.warning", text=w) for w in grades.get("warnings", [])]


def suggested_csv(grades: dict[str, Any], lang: str = "en") -> str:
    """The table as CSV text; notes (grades not converted, warnings) follow as `#` lines."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns(lang))
    writer.writerows(suggested_rows(grades))
    return buf.getvalue() + "".join(f"# {n}\n" for n in _notes(grades, lang))


def suggested_xlsx(grades: dict[str, Any], title: str, lang: str = "en") -> bytes:
    """The table as an XLSX workbook (bytes): a header row, the rows, then the notes."""
    from openpyxl import Workbook  # openpyxl loads only when a workbook is written
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = Labels(lang)("grades.suggest.sheet")
    ws.append([title])
    ws["A1"].font = Font(bold=True)
    ws.append(columns(lang))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in suggested_rows(grades):
        ws.append(row)
    for note in _notes(grades, lang):
        ws.append([note])
    for col, width in zip("ABCDEFGHIJK", (12, 28, 8, 14, 28, 10, 10, 8, 12, 80, 14)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        row[9].alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(wb)


def write_suggested(grades: dict[str, Any], target: str | Path, title: str, inputs: list, lang: str = "en") -> None:
    """Write the table to `target` (.csv or .xlsx), in `lang`, atomically and never over an input."""
    suffix = Path(target).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError("the suggested grades table is written as .csv or .xlsx", path=str(target))
    guard_inputs(target, inputs)
    write_atomic(target, suggested_csv(grades, lang) if suffix == ".csv" else suggested_xlsx(grades, title, lang))


__all__ = ["COLUMNS", "COLUMN_KEYS", "columns", "suggested_rows", "suggested_csv", "suggested_xlsx", "write_suggested"]
