"""The lines of a CSV cohort's key paths, for error messages, without a line kept for every row.

A CSV cohort of a million rows has a million counts (one per group, academic year and grade). Their lines are
wanted only when one of them is wrong (a grade off the scale, a count the model refuses), so `CountLines`
keeps the lines of the groups, their columns and the settings, and finds the line of a count by reading the
file again, once, when an error message asks for it."""
from __future__ import annotations

import csv
import itertools
from pathlib import Path
from typing import Any, Iterator

from engine.grades.counts import academic_year
from engine.grades.errors import GradeError
from engine.grades.scale import to_grade

COUNTS = "counts"


class CountLines(dict):
    """Key path -> line, as engine.subjects.load.line_of reads it. Paths to a count, ("groups", i, "counts",
    year[, grade]), are looked up in the file itself."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.path = path
        self.ids: list[str] = []  # group ids by index
        self.layout: tuple[int, str, list[str], list[str] | None] | None = None  # settings lines, delimiter, columns, pooled

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or (self._is_count(key) and self._find(key) is not None)

    def __missing__(self, key: Any) -> int:
        line = self._find(key) if self._is_count(key) else None
        if line is None:
            raise KeyError(key)
        return line

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default

    def first_of(self, index: int):
        """For group no. `index`: the line of the first count of (year, grade), found again when asked for."""
        return lambda year, grade: self.get(("groups", index, COUNTS, year, grade))

    def _is_count(self, key: object) -> bool:
        return (isinstance(key, tuple) and len(key) in (4, 5) and key[0] == "groups" and key[2] == COUNTS
                and isinstance(key[1], int) and 0 <= key[1] < len(self.ids) and self.layout is not None)

    def _find(self, key: tuple) -> int | None:
        """The first line of the count (or of the year) the key names, reading the file again; kept once found."""
        found = super().get(key)
        if found is None:
            found = _first_line(self.path, self.layout, self.ids[key[1]], key[3], key[4] if len(key) == 5 else None)
            if found is not None:
                self[key] = found
        return found


def _first_line(path: str | Path, layout: tuple, gid: str, year: Any, grade: Any) -> int | None:
    skipped, delimiter, cols, pooled = layout
    for line, row in _rows(path, skipped, delimiter, cols):
        if row.get("group", "").strip() != gid:
            continue
        try:
            y = pooled[-1] if pooled is not None else academic_year(row.get("academic_year", "").strip())
            if y == year and (grade is None or to_grade(row.get("grade", "").strip()) == grade):
                return line
        except GradeError:
            continue
    return None


def _rows(path: str | Path, skipped: int, delimiter: str, cols: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(itertools.islice(fh, skipped + 1, None), delimiter=delimiter)
        try:
            for cells in reader:
                yield skipped + 1 + reader.line_num, dict(zip(cols, cells))
        except csv.Error:
            return
