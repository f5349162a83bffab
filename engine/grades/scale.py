"""Local grading scales: the grades, their order, the pass mark and an optional points mapping."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Union

from ..limits import MAX_SCALE_GRADES, over_limit
from ..semantics.reasons import Shown, because
from .errors import GradeError, UnknownGradeError

Grade = Union[int, float, str]
"""A local grade: a number (8, 8.5, 1.3) or a label ("A", "sehr gut")."""

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def to_grade(value: object) -> Grade:
    """Normalise a grade as read from a file: numeric strings ("8", "8.5", "1,3") become numbers.

    Labels are kept as stripped strings. Booleans, empty strings and non-finite numbers are refused.
    """
    if isinstance(value, bool) or value is None:
        raise GradeError(because("grades.not_a_grade", "not a grade: {value}", value=repr(value)))
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal, Fraction)):
        f = float(value)
        if not math.isfinite(f):
            raise GradeError(because("grades.not_a_grade", "not a grade: {value}", value=repr(value)))
        return f
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise GradeError(because("grades.empty_grade", "a grade must not be empty"))
        if _NUMBER.match(text):
            text = text.replace(",", ".")
            return float(text) if "." in text else int(text)
        return text
    raise GradeError(because("grades.not_a_grade", "not a grade: {value}", value=repr(value)))


def is_numeric(grade: Grade) -> bool:
    """True for a numeric grade (not a label)."""
    return isinstance(grade, (int, float)) and not isinstance(grade, bool)


def format_grade(grade: Grade) -> str:
    """A grade as written in messages: 8, 8.5, 1.0, 'sehr gut'."""
    return repr(grade) if isinstance(grade, str) else str(grade)


@dataclass(frozen=True)
class PointsBand:
    """Points from `low` to `high` (both inclusive) give `grade` (e.g. Serbia: 51-60 points = 6)."""

    low: float
    high: float
    grade: Grade


@dataclass(frozen=True)
class GradingScale:
    """A local grading scale.

    `grades` is ordered best first. `higher_is_better` is True (Greek 0-10, Serbian 5-10) or
    False (German 1.0 best) for numeric scales, None for label scales (the list order rules).
    """

    id: str
    title: str
    grades: tuple[Grade, ...]
    pass_mark: Grade
    higher_is_better: bool | None = True
    points: tuple[PointsBand, ...] = ()

    def __post_init__(self) -> None:
        grades = tuple(to_grade(g) for g in self.grades)
        if not grades:
            raise GradeError(because("grades.scale_no_grades", "scale '{scale}' has no grades", scale=self.id))
        if len(set(grades)) != len(grades):
            raise GradeError(because("grades.scale_grade_twice", "scale '{scale}' lists a grade twice", scale=self.id))
        object.__setattr__(self, "grades", grades)
        object.__setattr__(self, "pass_mark", to_grade(self.pass_mark))
        if self.pass_mark not in grades:
            raise GradeError(because("grades.scale_pass_mark_off", "scale '{scale}': pass mark {grade} is not on the "
                                     "scale", scale=self.id, grade=format_grade(self.pass_mark)))
        for band in self.points:
            if to_grade(band.grade) not in grades:
                raise GradeError(because("grades.scale_band_off", "scale '{scale}': points band gives {grade}, not on "
                                         "the scale", scale=self.id, grade=format_grade(band.grade)))
        # worked out once: sort_key reads them for every grade of a cohort
        numeric = all(is_numeric(g) for g in grades)
        object.__setattr__(self, "_numeric_range", (min(grades), max(grades)) if numeric else None)

    # -- constructors -------------------------------------------------------------------------
    @classmethod
    def numeric(
        cls,
        id: str,
        title: str,
        lowest: float | str,
        highest: float | str,
        step: float | str,
        pass_mark: float,
        higher_is_better: bool = True,
        points: Iterable[PointsBand] = (),
    ) -> "GradingScale":
        """A numeric scale from `lowest` to `highest` in steps of `step` (e.g. 0..10 step 0.5)."""
        lo, hi, st = (Fraction(str(x)) for x in (lowest, highest, step))
        if st <= 0 or hi < lo or (hi - lo) % st:
            raise GradeError(because("grades.scale_steps", "scale '{scale}': {low}..{high} is not a whole number of steps "
                                     "of {step}", scale=id, low=str(lowest), high=str(highest), step=str(step)))
        if (hi - lo) / st + 1 > MAX_SCALE_GRADES:
            raise GradeError(over_limit(because("grades.scale_too_many", "scale '{scale}': {low}..{high} in steps of "
                                                "{step} has too many grades", scale=id, low=str(lowest),
                                                high=str(highest), step=str(step)), MAX_SCALE_GRADES))
        values = [lo + i * st for i in range(int((hi - lo) / st) + 1)]
        grades = [int(v) if v.denominator == 1 else float(v) for v in values]
        if higher_is_better:
            grades.reverse()
        return cls(id, title, tuple(grades), pass_mark, higher_is_better, tuple(points))

    @classmethod
    def from_list(cls, id: str, title: str, grades: Iterable[Grade], pass_mark: Grade) -> "GradingScale":
        """A scale from an explicit list, best grade first: labels ("A".."F") or irregular numbers (1.0, 1.3 ...)."""
        gs = tuple(to_grade(g) for g in grades)
        hib: bool | None = None
        if len(gs) > 1 and all(is_numeric(g) for g in gs):
            if all(a > b for a, b in zip(gs, gs[1:])):
                hib = True
            elif all(a < b for a, b in zip(gs, gs[1:])):
                hib = False
            else:
                raise GradeError(because("grades.scale_order", "scale '{scale}': numeric grades must be listed best first, "
                                         "in order", scale=id))
        return cls(id, title, gs, pass_mark, hib)

    # -- queries ------------------------------------------------------------------------------
    @property
    def is_numeric(self) -> bool:
        """True when every grade of the scale is a number."""
        return self._numeric_range is not None

    def contains(self, grade: object) -> bool:
        """True if `grade` (after normalisation) is one of the scale's grades."""
        try:
            return to_grade(grade) in self.grades
        except GradeError:
            return False

    def sort_key(self, grade: object) -> float:
        """Sort key: smaller is better. Numeric scales also order numbers between their steps."""
        g = to_grade(grade)
        bounds = self._numeric_range
        if bounds is not None and is_numeric(g) and bounds[0] <= g <= bounds[1]:
            return -g if self.higher_is_better else g
        if g not in self.grades:
            raise UnknownGradeError(because("grades.not_on_scale", "grade {grade} is not on scale '{scale}'",
                                            grade=format_grade(g), scale=self.id))
        return self.grades.index(g)

    def is_passing(self, grade: object) -> bool:
        """True if `grade` is at least as good as the pass mark."""
        return self.sort_key(grade) <= self.sort_key(self.pass_mark)

    def better(self, a: object, b: object) -> Grade:
        """The better of two grades (`a` if they are equal)."""
        return to_grade(a) if self.sort_key(a) <= self.sort_key(b) else to_grade(b)

    def sort_best_first(self, grades: Iterable[object]) -> list[Grade]:
        """The grades sorted best first."""
        return sorted((to_grade(g) for g in grades), key=self.sort_key)

    def grade_for_points(self, points: float) -> Grade:
        """The grade for a number of points, by the scale's points mapping (e.g. Serbian Art. 104)."""
        for band in self.points:
            if band.low <= points <= band.high:
                return to_grade(band.grade)
        if not self.points:
            raise GradeError(because("grades.scale_no_points", "scale '{scale}' has no points mapping", scale=self.id))
        raise GradeError(because("grades.points_outside", "{points} points are outside the points mapping of scale "
                                 "'{scale}'", points=Shown(points), scale=self.id))
