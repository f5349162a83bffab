"""A course table (spreadsheet or CSV) read into programme-file data, with every inference noted.

Rows below the header are, in turn: blank (skipped); a term or year heading ("Semester 3",
"3. semestar", "Γ' Εξάμηνο", "II godina"), which gives the term or year of the courses below it; a
subtotal ("Total", "Σύνολο", "Ukupno", "Укупно", "Razem", "Suma"), kept as a printed total; or a course.
Errors name the cell: `plan.xlsx!Courses!D12: credits must be a number, got 'six'`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.errors import SubjectFileError
from engine.limits import MAX_LIST_ITEMS, over_limit, too_large_whole
from engine.subjects.programme.table_electives import ElectiveBlocks, block_heading
from engine.subjects.programme.table_grid import Grid
from engine.subjects.programme.table_headers import (
    HOUR_COLUMNS,
    course_type,
    is_blank,
    is_subtotal,
    number_text,
    ordinal,
    parse_number,
    section_heading,
)
from engine.subjects.programme.table_layout import Layout, describe_layout, find_layout
from engine.subjects.programme.table_totals import TotalsTracker
from engine.semantics.reasons import Field, because

TEXT_FIELDS = ("title", "specialisation", "lecturer", "level")


@dataclass
class TableRead:
    """Programme data read from a table: courses (and printed totals), where each came from, and notes."""

    courses: list[dict] = field(default_factory=list)
    cells: dict[tuple, str] = field(default_factory=dict)  # ("courses", i, "credits") -> cell reference
    rows: dict[int, str] = field(default_factory=dict)  # course index -> "Courses row 12"
    notes: list[str] = field(default_factory=list)
    printed: dict = field(default_factory=dict)  # printed_totals data
    max_term: int = 0
    elective_groups: list[dict] = field(default_factory=list)  # from elective blocks or a group column


def read_courses(grid: Grid, columns: dict[str, str], terms_per_year: int) -> TableRead:
    """Read the courses of one sheet or CSV file."""
    layout = find_layout(grid, columns)
    out = TableRead(notes=grid.notes + describe_layout(grid, layout))
    reader = _RowReader(grid, layout, terms_per_year, out)
    for r in range(layout.first_data_row, len(grid.rows)):
        reader.read(r)
    out.printed = reader.totals.finish()
    reader.flush_notes()
    out.elective_groups = reader.electives.groups(out.courses, out.notes)
    if not out.courses:
        raise SubjectFileError(because("table.no_course_rows", "no course rows below the header"),
                               path=grid.cell(layout.first_data_row, 0))
    return out


class _RowReader:
    def __init__(self, grid: Grid, layout: Layout, tpy: int, out: TableRead):
        self.grid, self.layout, self.tpy, self.out = grid, layout, tpy, out
        self.term: int | None = None
        self.year: int | None = None
        self.headings: list[str] = []
        self.skipped: list[str] = []
        self.block_headings: list[str] = []
        self.renumbered: set[str] = set()
        self.totals = TotalsTracker(out.notes)
        self.electives = ElectiveBlocks()

    def value(self, r: int, name: str):
        col = self.layout.columns.get(name)
        row = self.grid.rows[r]
        if col is None or col >= len(row) or is_blank(row[col]):
            return None
        return row[col]

    def read(self, r: int) -> None:
        row = self.grid.rows[r]
        texts = [(c, v) for c, v in enumerate(row) if not is_blank(v)]
        if not texts:
            return
        first_text = next((str(v) for _, v in texts if isinstance(v, str)), "")
        code = self.value(r, "code")
        if (code is None or is_subtotal(code)) and (is_subtotal(first_text) or is_subtotal(self.value(r, "title") or "")):
            self.totals.subtotal(r, self.grid.row_ref(r), first_text, self._number(r, "credits"))
            self.electives.close()
            return
        heading = self._heading(texts)
        if heading is not None:
            kind, k = heading
            self.electives.close()
            if kind == "year":
                self.year, self.term = k, None
            else:
                self.term = self._absolute_term(k, r)
            self.headings.append(f"{self.grid.row_ref(r)} '{first_text}' ({kind} {k})")
            return
        if self._block_heading(texts, r):
            return
        if self.value(r, "title") is None and self.value(r, "code") is None:
            self.skipped.append(self.grid.row_ref(r))
            return
        self._course(r)

    def _block_heading(self, texts: list, r: int) -> bool:
        """A row holding one text only: in the title column, a block heading ("Izborni predmeti", "Electives");
        in any other column (the first, where Tabela 5.2 merges its headings), one if its words name a block."""
        if len(texts) != 1:
            return False
        col, text = texts[0]
        in_title = col == self.layout.columns.get("title")
        if not in_title and (not isinstance(text, str) or block_heading(text) is None
                             or col == self.layout.columns.get("credits")):
            return False
        text = text if isinstance(text, str) else ""
        self.electives.heading(text, self.grid.row_ref(r))  # an elective block opens, or one closes
        self.block_headings.append(f"{self.grid.row_ref(r)} '{text}'")  # "Izborni predmeti", "Electives"
        return True

    def _heading(self, texts: list) -> tuple[str, int] | None:
        values = {str(v).strip() for _, v in texts}
        if len(values) != 1:
            return None
        return section_heading(values.pop())

    def _absolute_term(self, k: int, r: int) -> int:
        """A term under a year heading may count within the year ('Year 2' / 'Semester 1' = term 3)."""
        if self.year is not None and self.year > 1 and k <= self.tpy:
            self.renumbered.add(f"term {k} under year {self.year} read as term {(self.year - 1) * self.tpy + k}")
            return (self.year - 1) * self.tpy + k
        return k

    def _number(self, r: int, name: str) -> float | None:
        v = self.value(r, name)
        if v is None:
            return None
        n = parse_number(v)
        if n is None or n < 0:
            raise SubjectFileError(because("table.not_a_number", "{column} must be a number, got '{value}'",
                                           column=Field(name), value=str(v)),
                                   path=self.grid.cell(r, self.layout.columns[name]))
        if too_large_whole(number_text(v) if isinstance(v, str) else v):
            raise SubjectFileError(because("table.too_large", "{column}: a whole number larger than "
                                           "9,007,199,254,740,992 (2^53) cannot be held exactly, got '{value}'",
                                           column=Field(name), value=str(v)),
                                   path=self.grid.cell(r, self.layout.columns[name]))
        return int(n) if n.is_integer() else n

    def _ordinal(self, r: int, name: str) -> int | None:
        v = self.value(r, name)
        if v is None:
            return None
        n = int(v) if isinstance(v, (int, float)) and float(v).is_integer() else ordinal(str(v))
        if n is None and isinstance(v, str):
            heading = section_heading(v)  # a term cell saying "3. semestar", a year cell "II godina"
            n = heading[1] if heading and heading[0] == name else None
        if n is None or n < 1:
            raise SubjectFileError(because("table.not_an_ordinal", "{column} must be a number (3, III, Γ'), got "
                                           "'{value}'", column=Field(name), value=str(v)),
                                   path=self.grid.cell(r, self.layout.columns[name]))
        return n

    def _course(self, r: int) -> None:
        i = len(self.out.courses)
        if i >= MAX_LIST_ITEMS:
            raise SubjectFileError(over_limit(because("limit.table_courses", "more courses than accepted"),
                                              MAX_LIST_ITEMS), path=self.grid.cell(r, 0))
        course: dict = {}
        cells = self.out.cells
        code = self.value(r, "code")
        if code is not None:
            course["code"] = str(int(code)) if isinstance(code, float) and code.is_integer() else str(code).strip()
        for name in TEXT_FIELDS:
            v = self.value(r, name)
            if v is not None:
                course[name] = str(v).strip()
        term = self._ordinal(r, "term")
        year = self._ordinal(r, "year")
        if term is not None and year is not None and year > 1 and term <= self.tpy:
            self.renumbered.add(f"term {term} in year {year} read as term {(year - 1) * self.tpy + term}")
            term = (year - 1) * self.tpy + term
        term = term if term is not None else (self.term if year is None else None)
        if term is not None:
            course["term"] = term
            self.out.max_term = max(self.out.max_term, term)
        elif (year or self.year) is not None:
            course["year"] = year or self.year
            self.out.max_term = max(self.out.max_term, (year or self.year) * self.tpy)
        credits = self._number(r, "credits")
        if credits is not None:
            course["credits"] = credits
        kind = self.value(r, "type")
        if kind is not None:
            t = course_type(kind)
            if t is None:
                raise SubjectFileError(because("table.unknown_type", "type '{kind}' is not a course type the reader "
                                               "knows ({types}, in the plan's language); map the column away with "
                                               "--columns type=", kind=str(kind),
                                               types="compulsory, elective, thesis, internship, non_credit"),
                                       path=self.grid.cell(r, self.layout.columns["type"]))
            course["type"] = t
        self._hours(r, course)
        for name, col in self.layout.columns.items():
            cells[("courses", i, name)] = self.grid.cell(r, col)
        cells[("courses", i)] = self.grid.cell(r, 0)
        self.out.rows[i] = self.grid.row_ref(r)
        self.out.courses.append(course)
        self.electives.course(i, self.value(r, "elective_group"), course.get("type"),
                              f"{self.grid.row_ref(r)} '{course.get('code') or course.get('title', '')}'")
        self.totals.course(term, course.get("year") or (None if term is None else (term - 1) // self.tpy + 1))

    def _hours(self, r: int, course: dict) -> None:
        weekly: dict[str, float] = {}
        per_term: dict[str, float] = {}
        for name in self.layout.columns:
            if not name.startswith("hours:"):
                continue
            n = self._number(r, name)
            if n is not None:
                kind, unit, _ = HOUR_COLUMNS[name[len("hours:"):]]
                (weekly if unit == "week" else per_term)[kind] = n
        plain_weekly = self._number(r, "contact_hours_per_week")
        plain_term = self._number(r, "contact_hours")
        if weekly or plain_weekly is not None:
            course["contact_hours_per_week"] = weekly or plain_weekly
        if per_term or plain_term is not None:
            course["contact_hours"] = per_term or plain_term
        hours = {k: v for k, v in (("total", self._number(r, "total_hours")),
                                   ("independent", self._number(r, "independent_hours"))) if v is not None}
        if hours:
            course["hours"] = hours

    def flush_notes(self) -> None:
        notes = self.out.notes
        if self.headings:
            notes.append("term and year headings: " + "; ".join(self.headings))
        notes.extend(sorted(self.renumbered))
        if self.block_headings:
            notes.append("rows with only a title (no code, no credits), read as headings, not courses: "
                         + "; ".join(self.block_headings))
        if self.skipped:
            notes.append("rows without a title or code, not read as courses: " + ", ".join(self.skipped))
