"""Finding the header row of a course table and what each column holds.

Headers are recognised by their words (engine.importers.table_headers) or named by the user
(`--columns code=Šifra,title=Naziv predmeta`); a second header row holding hour kinds (P V DON SIR
under "Aktivna nastava") is read with the first.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.errors import SubjectFileError
from engine.subjects.programme.table_grid import Grid
from engine.subjects.programme.table_headers import HOUR_COLUMNS, header_field, is_blank, normalise
from engine.semantics.reasons import because
from engine.subjects.wrong_kind import wrong_kind

HEADER_SEARCH_ROWS = 40
# Words that only take a field no clearer header names: Polish "Lp." (No.) vs German LP (credits); Greek
# ΔΜ (teaching units, not ECTS) when the table also has an ECTS or ΠΜ column; generic words.
AMBIGUOUS = {"lp", "cr", "cp", "sem", "art", "option", "status", "name", "module", "course", "ue", "δμ", "δ μ"}


@dataclass
class Layout:
    """Where the header is and which column holds which field ('hours:sr_p' for an hour column)."""

    header_rows: tuple[int, ...]
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text
    unused: list[int] = field(default_factory=list)  # columns with a header no field takes

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1


def _given(columns: dict[str, str]) -> dict[str, str]:
    """--columns as normalised header text -> field ('' header: the field has no column)."""
    return {normalise(h): f for f, h in columns.items() if h.strip()}


def _map_row(row: list[object], given: dict[str, str], skipped: set[str]) -> dict[str, int]:
    """Field -> column for one row; ambiguous words ('Lp.' is Polish for 'No.', German for credits) only
    take a field no clearer header in the row names."""
    found: dict[str, int] = {}
    for weak in (False, True):
        for col, value in enumerate(row):
            if is_blank(value) or not isinstance(value, str) or (normalise(value) in AMBIGUOUS) != weak:
                continue
            name = given.get(normalise(value)) or header_field(value)
            if name and name not in skipped and name not in found and col not in found.values():
                found[name] = col
    return found


def find_layout(grid: Grid, columns: dict[str, str]) -> Layout:
    """The first row that names a credits column and a title or code column (or every --columns header)."""
    given = _given(columns)
    skipped = {f for f, h in columns.items() if not h.strip()}
    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        found = _map_row(row, given, skipped)
        wanted = set(given.values())
        if wanted and not wanted <= set(found):
            continue
        if "credits" in found and ("title" in found or "code" in found):
            return _with_second_row(grid, r, found, given, skipped)
    where = grid.cell(0, 0).rsplit("!", 1)[0]
    if given:
        raise SubjectFileError(because("table.headers_not_found", "no row among the first {n} holds every header "
                                       "given in --columns ({headers})", n=HEADER_SEARCH_ROWS,
                                       headers=", ".join(h for h in columns.values() if h.strip())), path=where)
    cohort_row = next((r for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS])
                       if {"grade", "count"} <= {normalise(v) for v in row if isinstance(v, str)}), None)
    if cohort_row is not None:  # a grade cohort's CSV (grade,count,...) given as a course table
        raise SubjectFileError(wrong_kind("cohort", "grade", "programme"), path=where, line=cohort_row + 1)
    raise SubjectFileError(because(
        "table.no_header_row", "no header row found among the first {n} rows (a row naming a credits column and a "
        "title or code column, e.g. Code | Title | Semester | ECTS); name the columns with --columns "
        "{example}", n=HEADER_SEARCH_ROWS, example="code=...,title=...,term=...,credits=..."), path=where)


def _with_second_row(grid: Grid, r: int, found: dict[str, int], given: dict[str, str], skipped: set[str]) -> Layout:
    rows = (r,)
    if r + 1 < len(grid.rows):
        below = grid.rows[r + 1]
        extra = {f: c for f, c in _map_row(below, given, skipped).items() if f.startswith("hours:") and f not in found}
        above = grid.rows[r]
        others = [v for c, v in enumerate(below) if not is_blank(v) and c not in extra.values()
                  and not (c < len(above) and v == above[c])]  # a header cell merged down over both rows
        if extra and not others:
            found = {**found, **extra}
            rows = (r, r + 1)
    headers = {}
    for hr in rows:
        for c, v in enumerate(grid.rows[hr]):
            if not is_blank(v) and headers.get(c) != str(v):
                headers[c] = f"{headers[c]} / {v}" if c in headers else str(v)
    used = set(found.values())
    return Layout(rows, found, headers, sorted(c for c in headers if c not in used))


def _field_words(name: str) -> str:
    """'credits', or 'P hours a week' for an hour column."""
    if not name.startswith("hours:"):
        return name
    kind, unit, _ = HOUR_COLUMNS[name[len("hours:"):]]
    return f"{kind} hours " + ("a week" if unit == "week" else "over the term")


def describe_layout(grid: Grid, layout: Layout) -> list[str]:
    """Notes for --explain: which row is the header, and which column went to which field."""
    rows = " and ".join(str(r + 1) for r in layout.header_rows)
    where = f"sheet '{grid.sheet}', " if grid.sheet else ""
    notes = [f"{where}header row {rows}"]
    by_col = sorted((c, f) for f, c in layout.columns.items())
    notes.append("columns: " + "; ".join(
        f"{grid.cell(layout.header_rows[0], c).rsplit('!', 1)[-1].rstrip('0123456789')} "
        f"'{layout.headers.get(c, '')}' → {_field_words(f)}" for c, f in by_col))
    if layout.unused:
        notes.append("columns not read: " + "; ".join(f"'{layout.headers[c]}'" for c in layout.unused))
    return notes
