"""Reading the counts of a cohort: academic years, grades and counts, with duplicate checks."""
from __future__ import annotations

import re
from typing import Any, Callable, NoReturn

from engine.limits import MAX_EXACT_WHOLE
from engine.semantics.reasons import Reason, because
from .errors import GradeError
from .scale import Grade, format_grade, to_grade

_YEAR = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*$")

Fail = Callable[..., NoReturn]
"""fail(message, where, first=None): raise an error for the entry at `where` (a line or key path)."""


def academic_year(value: Any) -> str:
    """Normalise an academic year: "2022-23", "2022/23", "2022-2023" and "2022/2023" all give "2022-23"."""
    m = _YEAR.match(str(value)) if isinstance(value, str) else None
    if not m:
        raise GradeError(because("grades.bad_year", "academic year {value} is not of the form 2022-23 or 2022/2023",
                                 value=repr(value)))
    start, end = int(m.group(1)), m.group(2)
    expected = start + 1 if len(end) == 4 else (start + 1) % 100
    if int(end) != expected:
        raise GradeError(because("grades.year_order", "academic year {value}: the second year must follow the first",
                                 value=repr(value)))
    return f"{start}-{(start + 1) % 100:02d}"


def count(value: Any) -> int:
    """A count of students: a whole number >= 0 (an int, or digits in a CSV cell)."""
    if isinstance(value, bool):
        raise GradeError(_not_whole(value))
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            value = int(text)
        elif not text:
            raise GradeError(because("grades.no_count", "the count is missing"))
        else:
            raise GradeError(_not_whole(text))
    if not isinstance(value, int):
        raise GradeError(_not_whole(value))
    if value < 0:
        raise GradeError(because("grades.negative_count", "a count must not be negative, got {value}", value=str(value)))
    if value > MAX_EXACT_WHOLE:  # the shares are computed with floats, which cannot hold it exactly (docs/limits.md)
        raise GradeError(because("grades.count_too_large", "a count larger than 9,007,199,254,740,992 (2^53) cannot be "
                                 "held exactly, got {value}", value=str(value)))
    return value


def _not_whole(value: Any) -> Reason:
    return because("grades.count_not_whole", "a count must be a whole number, not {value}", value=repr(value))


class Counts(dict):
    """{year: {grade: count}} as a CountsBuilder made it: every year, grade and count already read and checked."""


class CountsBuilder:
    """Collects (year, grade, count) entries into {year: {grade: count}}, refusing a grade counted twice in a year."""

    def __init__(self, fail: Fail, first_of: Callable[[str, Grade], Any] | None = None) -> None:
        """`fail(message, where, first)` raises; `first_of(year, grade)` says where a count was given first, for a
        reader that does not want each place kept (a CSV file of a million rows); else each place is kept."""
        self.counts: dict[str, dict[Grade, int]] = Counts()
        self._first: dict[tuple[str, Grade], Any] = {}
        self._first_of = first_of
        self._fail = fail
        self._read: dict[tuple[str, Any], Any] = {}  # years and grades already read (a cohort repeats them)
        self.entries = 0  # the (year, grade) counts added

    def add(self, year: Any, grade: Any, n: Any, where: Any = None, year_where: Any = None) -> tuple[str, Grade]:
        """Add one entry; `where` locates it for error messages (`year_where` locates the year, if apart)."""
        try:
            y = self._once("year", year, academic_year)
        except GradeError as e:
            self._fail(e.reason or str(e), where if year_where is None else year_where)
        try:
            g = self._once("grade", grade, to_grade)
            c = count(n)
        except GradeError as e:
            self._fail(e.reason or str(e), where)
        per_year = self.counts.setdefault(y, {})
        if g in per_year:
            first = self._first_of(y, g) if self._first_of is not None else self._first[(y, g)]
            self._fail(because("grades.counted_twice", "grade {grade} is counted twice for academic year {year}",
                               grade=format_grade(g), year=y), where, first)
        per_year[g] = c
        if self._first_of is None:
            self._first[(y, g)] = where
        self.entries += 1
        return y, g

    def _once(self, what: str, value: Any, read: Callable[[Any], Any]) -> Any:
        """read(value), remembered for text values (errors are raised each time, never remembered)."""
        if not isinstance(value, str):
            return read(value)
        key = (what, value)
        if key not in self._read:
            self._read[key] = read(value)
        return self._read[key]


def build_counts(counts: Any, fail: Fail) -> dict[str, dict[Grade, int]]:
    """Normalise a {year: {grade: count}} mapping; `fail` gets key paths like (year,) or (year, grade)."""
    if not isinstance(counts, dict):
        fail("counts must map academic years to {grade: count} mappings", ())
    builder = CountsBuilder(fail)
    for year, per_grade in counts.items():
        if not isinstance(per_grade, dict):
            fail(f"the counts of academic year {year!r} must map grades to counts", (year,))
        if not per_grade:
            try:
                builder.counts.setdefault(academic_year(year), {})
            except GradeError as e:
                fail(str(e), (year,))
        for grade, n in per_grade.items():
            builder.add(year, grade, n, (year, grade), (year,))
    return builder.counts
