"""The fixed ECTS A-E scale of the Greek Ministerial Decision (pre-2009 ECTS grading scale).

Passing students are ranked: A best 10 %, B next 25 %, C next 30 %, D next 25 %, E last 10 %;
failing students get FX or F. A local grade covers a band of the cumulative percentage (see
table.py) that may straddle a letter boundary, so a policy decides its letter (project choice):

* ``midpoint`` (default): the letter whose band holds the midpoint of the grade's band;
* ``majority``: the letter whose band holds the largest share of the grade's students
  (a tie goes to the better letter).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from fractions import Fraction
from typing import Any

from engine.grade_shares import ECTS_SHARES
from engine.semantics.reasons import Alternatives, because

from .errors import UnknownGradeError, UnknownPolicyError
from .scale import Grade, format_grade, to_grade
from .table import GradingTable, display, overlap


def _letter_bands() -> dict[str, tuple[Fraction, Fraction]]:
    out, start = {}, 0
    for letter, share in ECTS_SHARES:
        out[letter] = (Fraction(start), Fraction(start + share))
        start += share
    return out


LETTER_BANDS: dict[str, tuple[Fraction, Fraction]] = _letter_bands()
"""Cumulative band [lower, upper) of each letter: A [0, 10), B [10, 35), C [35, 65), D [65, 90), E [90, 100)."""

BAND_POLICIES = ("midpoint", "majority")


def letter_at(position: Fraction) -> str:
    """The letter whose cumulative band holds `position` (0 = best, 100 = worst)."""
    for letter, (lo, hi) in LETTER_BANDS.items():
        if lo <= position < hi:
            return letter
    return "E"


@dataclass(frozen=True)
class LetterRow:
    """A local grade's letter and how its band splits over the letters (percentage points)."""

    grade: Grade
    count: int
    letter: str
    band: tuple[Fraction, Fraction]
    split: tuple[tuple[str, Fraction], ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "grade": self.grade,
            "count": self.count,
            "letter": self.letter,
            "band": [display(self.band[0]), display(self.band[1])],
            "split": {k: display(v) for k, v in self.split},
        }


@dataclass(frozen=True)
class LetterAssignment:
    """The ECTS letters of a grading table's grades, with observed shares and deviations."""

    table: GradingTable
    policy: str
    rows: tuple[LetterRow, ...]
    fx_from: Grade | None = None

    def letter(self, grade: object) -> str:
        """The letter of a local grade: from the table if passing; FX or F if failing on the table's scale.

        A failing grade gets FX when it is at least as good as `fx_from`, else F (project choice).
        """
        g = to_grade(grade)
        for r in self.rows:
            if r.grade == g:
                return r.letter
        scale = self.table.scale
        if scale is not None and scale.contains(g) and not scale.is_passing(g):
            if self.fx_from is not None and scale.sort_key(g) <= scale.sort_key(self.fx_from):
                return "FX"
            return "F"
        raise UnknownGradeError(because("grades.not_passing", "grade {grade} is not a passing grade of {table}",
                                        grade=format_grade(g), table=self.table.named))

    @cached_property
    def shares(self) -> dict[str, Fraction]:
        """Observed percentage of passing grades per letter (exact); computed once (a report's trace reads it
        for every letter of every finding on the group's shares)."""
        out = {letter: Fraction(0) for letter, _ in ECTS_SHARES}
        for r in self.rows:
            out[r.letter] += r.band[1] - r.band[0]
        return out

    @cached_property
    def deviation(self) -> dict[str, Fraction]:
        """Observed minus target share per letter, in percentage points (exact); computed once."""
        shares = self.shares
        return {letter: shares[letter] - target for letter, target in ECTS_SHARES}

    def within(self, tolerance: float) -> bool:
        """True if every letter's share is within `tolerance` percentage points of its target."""
        return all(abs(d) <= Fraction(str(tolerance)) for d in self.deviation.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form: policy, rows, and per letter the target, observed share and deviation."""
        shares, dev = self.shares, self.deviation
        return {
            "policy": self.policy,
            "rows": [r.to_dict() for r in self.rows],
            "letters": [
                {"letter": k, "target": t, "observed": display(shares[k]), "deviation": display(dev[k])}
                for k, t in ECTS_SHARES
            ],
        }


def assign_letters(table: GradingTable, policy: str = "midpoint", *, fx_from: Grade | None = None) -> LetterAssignment:
    """Give each passing grade of `table` an ECTS letter A-E by `policy` ('midpoint' or 'majority')."""
    if policy not in BAND_POLICIES:
        raise UnknownPolicyError(because("grades.unknown_band_policy", "unknown band policy '{policy}' (use {known})",
                                         policy=policy, known=Alternatives(BAND_POLICIES)))
    rows = []
    for r in table.rows:
        split = tuple((k, ov) for k, band in LETTER_BANDS.items() if (ov := overlap(r.band, band)) > 0)
        if policy == "midpoint":
            letter = letter_at((r.lower + r.upper) / 2)
        else:
            best = max(ov for _, ov in split)
            letter = next(k for k, ov in split if ov == best)
        rows.append(LetterRow(r.grade, r.count, letter, r.band, split))
    return LetterAssignment(table, policy, tuple(rows), None if fx_from is None else to_grade(fx_from))
