"""Grade conversion between two grading tables by comparing band positions (Guide 2015 §4.4, p. 41).

The Guide only says: compare each grade's position in the two tables; where percentage ranges
overlap, decide in advance whether to take the minimum, average or maximum comparable grade. The
precise EGRACONS algorithm is not published, so the band-overlap rule below is this project's design:

1. the foreign grade's cumulative band [a, b) in the foreign table (0 = best end);
2. the candidates: home grades whose bands overlap [a, b) by more than zero, with the overlap size;
3. the policy: ``min`` the worst candidate, ``max`` the best, ``avg`` the overlap-weighted mean of
   the candidates (grade values for numeric tables, else positions 0 = best) rounded to the nearest
   grade of the home table, a tie going to the better grade; ``mid`` the home grade whose band holds
   the midpoint (a + b) / 2.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable

from engine.semantics.reasons import Listed, because, plain

from .errors import UnknownGradeError, UnknownPolicyError
from .scale import Grade, format_grade, to_grade
from .table import GradingTable, TableRow, display, overlap

POLICIES = ("min", "max", "avg", "mid")

METHOD_NOTE = (
    "Method: the grade's position in the foreign grading table is compared with the positions of the "
    "home grades (ECTS Users' Guide 2015 §4.4, p. 41, which leaves the choice of minimum, average or "
    "maximum for overlapping ranges to the converting institution). The precise EGRACONS algorithm is "
    "not published: this band-overlap rule is this project's own design choice, and the result is a "
    "suggested grade for the examination board to confirm."
)


def _pct(x: Fraction) -> str:
    return f"{display(x):.2f}"


def _band(band: tuple[Fraction, Fraction]) -> str:
    return f"[{_pct(band[0])} %, {_pct(band[1])} %)"


@dataclass(frozen=True)
class Candidate:
    """A home grade whose band overlaps the foreign band, and by how many percentage points."""

    grade: Grade
    band: tuple[Fraction, Fraction]
    overlap: Fraction

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {"grade": self.grade, "band": [display(b) for b in self.band], "overlap": display(self.overlap)}


@dataclass(frozen=True)
class Conversion:
    """The conversion of one foreign grade: the result, both bands, the candidates and the reasons."""

    grade: Grade
    result: Grade
    policy: str
    foreign_band: tuple[Fraction, Fraction]
    home_band: tuple[Fraction, Fraction]
    candidates: tuple[Candidate, ...]
    explanation: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    average: Fraction | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "grade": self.grade,
            "result": self.result,
            "policy": self.policy,
            "foreign_band": [display(b) for b in self.foreign_band],
            "home_band": [display(b) for b in self.home_band],
            "candidates": [c.to_dict() for c in self.candidates],
            "average": None if self.average is None else float(self.average),
            "explanation": list(self.explanation),
            "warnings": list(self.warnings),
        }


# why two tables may not be comparable: the English texts of the data (a report words each key from its
# catalogue, `grades.warn.<key>`, with the same names)
PARALLEL_TEXTS = {
    "unknown": "cannot check that the reference groups are parallel: the {side} table has no {what}",
    "broader": "the ISCED-F fields {foreign} and {home} match only at the broader level {level}",
    "differ": "the reference groups are not parallel: foreign {what} {foreign} but home {what} {home}",
    "one_year": "the {side} table covers only {year}; the Guide (§4.3 step 2) asks for at least two years",
}


# the Guide's rule that a grading table counts at least two academic years (§4.3 step 2); a rule set that
# drops it (greek_law_4009: its decision sets its own reference group) is not warned about one year
TWO_YEARS_RULE = "ects_grading_table_min_2_years"


def asks_two_years(ruleset: Any = None) -> bool:
    """Whether the chosen rule set (a compiled one; None: none chosen, the Guide's warnings) has the Guide's
    two-year rule, so that a table of one year is worth a warning."""
    return ruleset is None or TWO_YEARS_RULE in ruleset.rules


def parallel_issues(foreign: GradingTable, home: GradingTable, two_years: bool = True) -> list[tuple[str, dict[str, str]]]:
    """Why the two tables' reference groups may not be parallel (cycle, ISCED-F field) or are short, as
    (PARALLEL_TEXTS key, names); `side` is foreign or home, `what` cycle or field. A table of one year is
    short only where the rule set asks for two (`two_years`, asks_two_years)."""
    out: list[tuple[str, dict[str, str]]] = []
    for attr in ("cycle", "field"):
        f = getattr(foreign.group, attr, None) if foreign.group else None
        h = getattr(home.group, attr, None) if home.group else None
        if f is None or h is None:
            out.append(("unknown", {"side": "foreign" if f is None else "home", "what": attr}))
        elif attr == "field" and f != h and (f.startswith(h) or h.startswith(f)):
            out.append(("broader", {"foreign": f, "home": h, "level": min(f, h, key=len)}))
        elif f != h:
            out.append(("differ", {"what": attr, "foreign": f, "home": h}))
    for side, table in (("foreign", foreign), ("home", home)) if two_years else ():
        if len(table.years) == 1:
            out.append(("one_year", {"side": side, "year": table.years[0]}))
    return out


def parallel_warnings(foreign: GradingTable, home: GradingTable, two_years: bool = True) -> list[str]:
    """Warnings when the two tables' reference groups are not parallel (cycle, ISCED-F field) or are short
    (`two_years`: as for parallel_issues)."""
    what = {"cycle": "cycle", "field": "ISCED-F field"}
    return [PARALLEL_TEXTS[key].format(**{**names, **({"what": what[names["what"]]} if "what" in names else {})})
            for key, names in parallel_issues(foreign, home, two_years)]


def _candidates(band: tuple[Fraction, Fraction], home: GradingTable) -> list[tuple[TableRow, Fraction]]:
    return [(r, ov) for r in home.rows if (ov := overlap(band, r.band)) > 0]


def _average(cands: list[tuple[TableRow, Fraction]], home: GradingTable) -> tuple[TableRow, Fraction, str]:
    """The overlap-weighted mean and the home row nearest to it (a tie goes to the better grade)."""
    numeric = home.is_numeric
    index = {r.grade: i for i, r in enumerate(home.rows)}

    def value(r: TableRow) -> Fraction:
        return Fraction(str(r.grade)) if numeric else Fraction(index[r.grade])

    weight = sum(ov for _, ov in cands)
    mean = sum(value(r) * ov for r, ov in cands) / weight
    nearest = min(home.rows, key=lambda r: (abs(value(r) - mean), index[r.grade]))
    unit = "grade values" if numeric else "grade positions (0 = best grade)"
    return nearest, mean, unit


def convert_grade(grade: object, foreign: GradingTable, home: GradingTable, *, policy: str,
                  two_years: bool = True) -> Conversion:
    """Convert a grade of the `foreign` table into the `home` table by `policy` (min, max, avg or mid);
    `two_years`: whether a table of one year is warned about (asks_two_years).

    UnknownGradeError if the grade was not awarded (as a passing grade) in the foreign table.
    """
    if policy not in POLICIES:
        raise UnknownPolicyError(because("grades.unknown_conversion_policy", "unknown conversion policy '{policy}' (use "
                                         "one of {known})", policy=str(policy), known=Listed(POLICIES)))
    g = to_grade(grade)
    frow = foreign.row(g)
    band = frow.band
    cands = _candidates(band, home)
    average = None
    if policy == "min":
        chosen = cands[-1][0]
        rule = "takes the worst overlapping home grade"
    elif policy == "max":
        chosen = cands[0][0]
        rule = "takes the best overlapping home grade"
    elif policy == "mid":
        midpoint = (band[0] + band[1]) / 2
        chosen = home.row_at(midpoint)
        rule = f"takes the home grade whose band holds the midpoint {_pct(midpoint)} % of the foreign band"
    else:
        chosen, average, unit = _average(cands, home)
        rule = (
            f"takes the overlap-weighted mean of the overlapping home {unit}, {float(average):.4g}, "
            "rounded to the nearest grade of the home table (a tie goes to the better grade)"
        )
    listed = "; ".join(f"{format_grade(r.grade)} {_band(r.band)} overlapping {_pct(ov)} points" for r, ov in cands)
    explanation = (
        f"Foreign grade {format_grade(g)} was awarded {frow.count} times among the {foreign.total} passing grades "
        f"of the foreign {foreign.label}: its band is {_band(band)}, counted from the best grade (0 %).",
        f"Home grades whose bands overlap it in the home {home.label}: {listed}.",
        f"Policy '{policy}' {rule}: {format_grade(chosen.grade)}.",
        METHOD_NOTE,
    )
    return Conversion(
        grade=g,
        result=chosen.grade,
        policy=policy,
        foreign_band=band,
        home_band=chosen.band,
        candidates=tuple(Candidate(r.grade, r.band, ov) for r, ov in cands),
        explanation=explanation,
        warnings=tuple(parallel_warnings(foreign, home, two_years)),
        average=average,
    )


@dataclass(frozen=True)
class TranscriptConversion:
    """The conversion of a list of grades (e.g. the lines of a Transcript of Records)."""

    conversions: tuple[Conversion, ...]
    policy: str
    warnings: tuple[str, ...]

    @property
    def results(self) -> list[Grade]:
        """The converted grades, in the order given."""
        return [c.result for c in self.conversions]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "policy": self.policy,
            "warnings": list(self.warnings),
            "conversions": [c.to_dict() for c in self.conversions],
        }


def convert_grades(
    grades: Iterable[object], foreign: GradingTable, home: GradingTable, *, policy: str, two_years: bool = True
) -> TranscriptConversion:
    """Convert every grade of a list; an absent grade is an UnknownGradeError naming its place (1-based);
    `two_years` as for convert_grade."""
    out = []
    for i, grade in enumerate(grades, start=1):
        try:
            out.append(convert_grade(grade, foreign, home, policy=policy, two_years=two_years))
        except UnknownGradeError as e:
            raise UnknownGradeError(because("grades.numbered", "grade no. {i}: {why}", i=str(i),
                                               why=e.reason or plain(str(e)))) from None
    return TranscriptConversion(tuple(out), policy, tuple(parallel_warnings(foreign, home, two_years)))
