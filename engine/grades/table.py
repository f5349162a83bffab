"""Grading tables (ECTS Users' Guide 2015 §4.3, pp. 39-40): the distribution of passing grades.

For each passing grade, best first: the count, the percentage of all passing grades and the
cumulative percentage (share of passing grades at or above this grade). Percentages are kept as
exact fractions; `percentage` and `cumulative_percentage` round them to 2 decimals for display
(round half to even). Each grade also has its cumulative band [lower, upper) in percent, 0 being
the best end: lower = share of better grades, upper = cumulative percentage.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Mapping, Protocol

from engine.semantics.reasons import Reason, because

from .counts import academic_year
from .errors import EmptyTableError, GradeError, UnknownGradeError
from .scale import Grade, GradingScale, format_grade, is_numeric, to_grade


def display(value: Fraction) -> float:
    """An exact percentage rounded to 2 decimals for display."""
    return float(round(value, 2))


_NONE = Fraction(0)


def overlap(a: tuple[Fraction, Fraction], b: tuple[Fraction, Fraction]) -> Fraction:
    """The length of the intersection of two bands [lower, upper) (0 if they do not meet)."""
    lower = a[0] if a[0] > b[0] else b[0]
    upper = a[1] if a[1] < b[1] else b[1]
    return upper - lower if upper > lower else _NONE


@dataclass(frozen=True)
class TableRow:
    """One passing grade of a grading table; `share`, `lower` and `upper` are exact percentages."""

    grade: Grade
    count: int
    share: Fraction
    lower: Fraction
    upper: Fraction

    @property
    def percentage(self) -> float:
        """Percentage of all passing grades, rounded to 2 decimals."""
        return display(self.share)

    @property
    def cumulative_percentage(self) -> float:
        """Percentage of passing grades at or above this grade, rounded to 2 decimals."""
        return display(self.upper)

    @property
    def band(self) -> tuple[Fraction, Fraction]:
        """The exact cumulative band [lower, upper) in percent."""
        return self.lower, self.upper

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form: grade, count, percentage, cumulative_percentage, band."""
        return {
            "grade": self.grade,
            "count": self.count,
            "percentage": self.percentage,
            "cumulative_percentage": self.cumulative_percentage,
            "band": [display(self.lower), display(self.upper)],
        }


class ReferenceGroup(Protocol):
    """What a grading table reads of a reference group (engine.subjects.cohort.model.ReferenceGroup)."""

    id: str
    years: list[str]
    years_covered: list[str]
    pooled_years: Any

    def totals(self, years: Iterable[str]) -> Mapping[Any, int]: ...


@dataclass(frozen=True)
class GradingTable:
    """A grading table: rows of awarded passing grades, best first, and where they come from."""

    rows: tuple[TableRow, ...]
    group: ReferenceGroup | None = None
    years: tuple[str, ...] = ()
    failing_excluded: int = 0
    scale: GradingScale | None = None

    @property
    def total(self) -> int:
        """The number of passing grades in the table."""
        return sum(r.count for r in self.rows)

    @property
    def graded_total(self) -> int:
        """Passing plus failing grades counted (the students who sat the exams, for the Greek MD's 100)."""
        return self.total + self.failing_excluded

    @property
    def grades(self) -> list[Grade]:
        """The table's grades, best first."""
        return [r.grade for r in self.rows]

    @property
    def is_numeric(self) -> bool:
        """True when all grades are numbers that rise or fall steadily from best to worst."""
        gs = self.grades
        if not all(is_numeric(g) for g in gs):
            return False
        pairs = list(zip(gs, gs[1:]))
        return all(a > b for a, b in pairs) or all(a < b for a, b in pairs)

    @property
    def label(self) -> str:
        """A short name for messages: the group id and years, or 'table'."""
        return str(self.named)

    @property
    def named(self) -> Reason:
        """The label as a catalogue entry (worded in a report's language)."""
        if self.group is None:
            if self.years:
                return because("grades.named_table_years", "table ({years})", years=", ".join(self.years))
            return because("grades.named_table", "table")
        if self.years:
            return because("grades.named_group_years", "group '{group}' ({years})", group=self.group.id,
                           years=", ".join(self.years))
        return because("grades.named_group", "group '{group}'", group=self.group.id)

    def row(self, grade: object) -> TableRow:
        """The row of `grade`; UnknownGradeError if it is not a passing grade awarded in this table."""
        g = to_grade(grade)
        for r in self.rows:
            if r.grade == g:
                return r
        shown = ", ".join(format_grade(x) for x in self.grades)
        raise UnknownGradeError(because("grades.not_awarded", "grade {grade} is not a passing grade awarded in {table} "
                                        "(grades: {grades})", grade=format_grade(g), table=self.named, grades=shown))

    def row_at(self, position: Fraction) -> TableRow:
        """The row whose band [lower, upper) holds `position` (0-100; 100 gives the last row)."""
        for r in self.rows:
            if r.lower <= position < r.upper:
                return r
        if position == 100:
            return self.rows[-1]
        raise GradeError(because("grades.position_outside", "position {position} is outside 0-100", position=str(position)))

    def band(self, grade: object) -> tuple[Fraction, Fraction]:
        """The exact cumulative band [lower, upper) of `grade`, in percent."""
        return self.row(grade).band

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form of the table with its reference group and rows."""
        g = self.group
        return {
            "group": g.id if g else None,
            "field": g.field if g else None,
            "cycle": g.cycle if g else None,
            "institution": g.institution if g else None,
            "years": list(self.years),
            "scale": self.scale.id if self.scale else None,
            "passing_total": self.total,
            "graded_total": self.graded_total,
            "failing_excluded": self.failing_excluded,
            "rows": [r.to_dict() for r in self.rows],
        }


def _order_and_filter(
    counts: Mapping[Grade, int], scale: GradingScale | None, pass_mark: Grade | None, higher_is_better: bool | None
) -> tuple[list[Grade], int]:
    """The passing grades best first, and the number of failing grades left out."""
    grades = list(counts)
    if scale is not None and None not in (higher_is_better, scale.higher_is_better):
        if higher_is_better != scale.higher_is_better:
            raise GradeError(because("grades.order_contradicts", "higher_is_better={value} contradicts scale '{scale}'",
                                     value=str(higher_is_better), scale=scale.id))
    if scale is not None:
        for g in grades:
            if not scale.contains(g):
                raise UnknownGradeError(because("grades.not_on_scale", "grade {grade} is not on scale '{scale}'",
                                                grade=format_grade(g), scale=scale.id))
        key = scale.sort_key
    elif all(is_numeric(g) for g in grades):
        sign = -1 if higher_is_better in (None, True) else 1
        key = lambda g: sign * g  # noqa: E731
    else:
        raise GradeError(because("grades.labels_need_scale", "grades given as labels need a grading scale to put them "
                                 "in order"))
    mark = pass_mark if pass_mark is not None else (scale.pass_mark if scale else None)
    if mark is not None:
        mark = to_grade(mark)
        if not is_numeric(mark) and scale is None:
            raise GradeError(because("grades.pass_mark_label", "pass mark {grade} is a label: give the grading scale too",
                                         grade=format_grade(mark)))
        passing = [g for g in grades if key(g) <= key(mark)]
    else:
        passing = grades
    failing = sum(n for g, n in counts.items() if g not in passing)
    return sorted(passing, key=key), failing


def build_table(
    counts: Mapping[Any, int],
    *,
    scale: GradingScale | None = None,
    pass_mark: Grade | None = None,
    higher_is_better: bool | None = None,
    group: ReferenceGroup | None = None,
    years: Iterable[str] = (),
) -> GradingTable:
    """A grading table from counts per grade.

    Failing grades are left out by the pass mark (`pass_mark`, else the scale's). Without either,
    all counts are taken as passing. Without a scale, numeric grades are ordered by
    `higher_is_better` (default True). Grades with count 0 are not awarded and get no row.
    """
    norm: dict[Grade, int] = {}
    for g, n in counts.items():
        g = to_grade(g)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise GradeError(because("grades.count_of_grade", "the count of grade {grade} must be a whole number >= 0, "
                                     "not {value}", grade=format_grade(g), value=repr(n)))
        norm[g] = norm.get(g, 0) + n
    ordered, failing = _order_and_filter(norm, scale, pass_mark, higher_is_better)
    total = sum(norm[g] for g in ordered)
    if total == 0:
        raise EmptyTableError(because("grades.empty_table", "the grading table has no passing grades, so it has no "
                                      "percentages"))
    rows, before = [], 0
    for g in ordered:
        n = norm[g]
        if n == 0:
            continue
        rows.append(TableRow(g, n, Fraction(100 * n, total), Fraction(100 * before, total), Fraction(100 * (before + n), total)))
        before += n
    return GradingTable(tuple(rows), group, tuple(years), failing, scale)


def grading_table(
    group: ReferenceGroup,
    years: Iterable[str] | None = None,
    *,
    scale: GradingScale | None = None,
    pass_mark: Grade | None = None,
    higher_is_better: bool | None = None,
) -> GradingTable:
    """The grading table of a reference group over `years` (default: all its academic years)."""
    chosen = group.years if years is None else sorted({academic_year(y) for y in years})
    return build_table(
        group.totals(chosen),
        scale=scale,
        pass_mark=pass_mark,
        higher_is_better=higher_is_better,
        group=group,
        years=group.years_covered if group.pooled_years else chosen,  # a pooled table names all the years it covers
    )
