"""`ects template programme`: a workbook to fill in, which the table reader reads back.

The "Programme" sheet holds one programme field a row (field, value, what it means); the "Courses"
sheet one column per course field, with data validation for the fields that take a choice.
"""
from __future__ import annotations

from pathlib import Path
from typing import get_args


from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.subjects.programme.model import CourseType, Cycle
from engine.output import write_atomic
from engine.workbook_bytes import workbook_bytes

PROGRAMME_ROWS = [
    ("id", "my-programme", "a short identifier"),
    ("title", "", "the programme's title"),
    ("institution", "", "the awarding institution"),
    ("country", "", "ISO 3166-1 alpha-2 code (GR, RS, PL...)"),
    ("cycle", "first", "short, first, second or third"),
    ("kind", "academic", "academic or vocational"),
    ("mode", "full_time", "full_time or part_time"),
    ("years", 3, "nominal duration in years; 1.5 for three semesters"),
    ("terms_per_year", 2, "2 semesters or 3 trimesters"),
    ("teaching_weeks_per_term", "", "teaching weeks per term (turns weekly hours into term hours)"),
    ("prior_credits", "", "credits of the previous cycle required for admission"),
    ("field_of_study", "", "ISCED-F code"),
]
CHOICES = {"cycle": get_args(Cycle), "kind": ("academic", "vocational"), "mode": ("full_time", "part_time"),
           "terms_per_year": ("2", "3", "1", "4")}
COURSE_COLUMNS = [
    ("code", 12), ("title", 40), ("term", 8), ("year", 8), ("credits", 9), ("type", 14), ("level", 10),
    ("specialisation", 16), ("contact hours per week", 12), ("workload", 10), ("independent study", 12),
    ("lecturer", 20),
]
EXAMPLE = ("C101", "Example course (replace or delete this row)", 1, None, 6, "compulsory", None, None, 4, 150, 90, None)


def _list_validation(values, where: str) -> DataValidation:
    from openpyxl.worksheet.datavalidation import DataValidation  # openpyxl loads only when a template is written

    dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="Not a permitted value",
                        error=f"Choose one of: {', '.join(values)}")
    dv.add(where)
    return dv


def build_template() -> Workbook:
    """The template workbook (not yet saved)."""
    from openpyxl import Workbook  # openpyxl loads only when a template is written
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    info = book.active
    info.title = "Programme"
    info.append(["field", "value", "meaning"])
    for row in PROGRAMME_ROWS:
        info.append(list(row))
    for r, (name, _, _) in enumerate(PROGRAMME_ROWS, start=2):
        if name in CHOICES:
            info.add_data_validation(_list_validation(CHOICES[name], f"B{r}"))
    info.column_dimensions["A"].width, info.column_dimensions["B"].width, info.column_dimensions["C"].width = 24, 30, 60
    courses = book.create_sheet("Courses")
    courses.append([name for name, _ in COURSE_COLUMNS])
    courses.append(list(EXAMPLE))
    for col, (name, width) in enumerate(COURSE_COLUMNS, start=1):
        courses.cell(row=1, column=col).font = Font(bold=True)
        courses.column_dimensions[courses.cell(row=1, column=col).column_letter].width = width
    courses.add_data_validation(_list_validation(get_args(CourseType), "F2:F1000"))
    courses.add_data_validation(_list_validation(get_args(Cycle), "G2:G1000"))
    for where, kind in (("C2:D1000", "whole"), ("E2:E1000", "decimal"), ("I2:K1000", "decimal")):
        dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0" if kind == "decimal" else "1",
                            allow_blank=True, showErrorMessage=True, error="A number is expected here")
        dv.add(where)
        courses.add_data_validation(dv)
    for cell in info[1]:
        cell.font = Font(bold=True)
    return book


def write_template(output: str) -> None:
    """Write the template workbook (never over an existing file of another kind)."""
    if Path(output).suffix.lower() != ".xlsx":
        raise UsageError(because("tools.template.not_xlsx", "the template is a workbook: give an output name ending in "
                                 ".xlsx"), path=output)
    write_atomic(output, workbook_bytes(build_template()))
