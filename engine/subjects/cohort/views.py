"""Cohorts as a subject of rules: `cohort.groups`, each reference group with its grading table and ECTS shares.

A CohortView reads a Cohort (engine.grades.cohort) through one grading scale. Which scale is a
project choice (see engine.grades.declared.scale_for_cohort): when a rule set is evaluated,
`for_ruleset` re-reads the cohort through the rule set's declared scale. Values that cannot be
computed (labels without a scale, a group without passing grades) are Unknown with the reason.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable

from engine.semantics.collection import Collection
from engine.semantics.reasons import Listed, Reason, because
from engine.semantics.values import Unknown
from engine.grades.bands import ECTS_SHARES, LetterAssignment, assign_letters
from engine.subjects.cohort.model import Cohort, ReferenceGroup
from engine.grades.counts import academic_year
from engine.grades.declared import DeclaredScale, scale_for_cohort
from engine.grades.errors import EmptyTableError, GradeError
from engine.grades.scale import Grade, GradingScale, format_grade, is_numeric, to_grade
from engine.grades.table import GradingTable, display, grading_table
from engine.subjects.worded import WordedText


NO_SCALE = because("cohort.no_scale", "the cohort is read without a grading scale")


def _num(x: Fraction | float | int) -> float | int:
    f = float(x)
    return int(f) if f.is_integer() else round(f, 6)


class GradeCountView:
    """One local grade awarded in a group over the chosen years (passing or failing)."""

    __slots__ = ("grade", "label", "count", "passing", "on_scale")

    def __init__(self, grade: Grade, count: int, scale: GradingScale | None, pass_mark: Grade | None):
        self.grade = grade if is_numeric(grade) else Unknown(because("grade.label", "grade {grade} is a label, not a number",
                                                                   grade=format_grade(grade)))
        self.label = format_grade(grade)
        self.count = count
        self.on_scale = scale.contains(grade) if scale else Unknown(NO_SCALE)
        self.passing = _passing(grade, scale, pass_mark)

    def describe(self) -> str:
        return f"grade {self.label}"


def _passing(grade: Grade, scale: GradingScale | None, pass_mark: Grade | None):
    if pass_mark is None:
        return Unknown(because("cohort.no_pass_mark", "no pass mark is known for this cohort"))
    try:
        if scale is not None:
            return scale.sort_key(grade) <= scale.sort_key(pass_mark)
        return grade >= pass_mark if is_numeric(grade) and is_numeric(pass_mark) else Unknown(
            because("grade.no_scale", "grade {grade} cannot be compared with the pass mark without a scale",
                    grade=format_grade(grade)))
    except GradeError as e:
        return Unknown(e.reason or str(e))


class TableRowView:
    """One row of a grading table (passing grades only), with its ECTS letter when letters are given."""

    __slots__ = ("grade", "label", "count", "percentage", "cumulative_percentage", "letter")

    def __init__(self, row, letter: str | None):
        self.grade = row.grade if is_numeric(row.grade) else Unknown(because("grade.is_label", "grade {grade} is a label",
                                                                              grade=format_grade(row.grade)))
        self.label = format_grade(row.grade)
        self.count = row.count
        self.percentage = row.percentage
        self.cumulative_percentage = row.cumulative_percentage
        self.letter = letter if letter else Unknown(because("cohort.no_letters", "this reading gives no ECTS letters"))

    def describe(self) -> str:
        return f"grade {self.label}"


class GroupView:
    """A reference group read through a scale over the chosen academic years: counts, table, letter shares."""

    def __init__(self, g: ReferenceGroup, years: list[str], scale: GradingScale | None, pass_mark: Grade | None,
                 letter_policy: str, passing_only: bool = False):
        self.model = g
        self.id = g.id
        self.passing_only = passing_only  # the file states it counts passing grades only (EGRACONS tables)
        self.title = g.title or Unknown(because("group.no_title", "group {id} has no title", id=g.id))
        self.field = g.field or Unknown(because("group.no_field", "group {id} gives no ISCED-F field", id=g.id))
        self.cycle = g.cycle or Unknown(because("group.no_cycle", "group {id} gives no cycle", id=g.id))
        self.institution = g.institution or Unknown(because("group.no_institution", "group {id} names no institution", id=g.id))
        self.years = g.years_covered if g.pooled_years else years
        self.year_count = len(self.years)
        no_years = Unknown(because("group.no_years", "group {id} has no academic years", id=g.id))
        self.first_year = self.years[0] if self.years else no_years
        self.last_year = self.years[-1] if self.years else no_years
        totals = g.totals(years)
        self.per_year = {y: sum(g.counts[y].values()) for y in years}
        self.scale = scale
        self.pass_mark_grade = pass_mark
        self.pass_mark = pass_mark if pass_mark is not None and is_numeric(pass_mark) else Unknown(
            because("group.no_pass_mark", "no pass mark is known: the cohort names no scale and the rule set declares none")
            if pass_mark is None else because("group.pass_mark_label", "the pass mark {grade} is a label",
                                              grade=format_grade(pass_mark)))
        order = scale.sort_best_first([x for x in totals if scale.contains(x)]) if scale else sorted(
            totals, key=lambda x: (not is_numeric(x), -x if is_numeric(x) else 0, str(x)))
        order += [x for x in totals if x not in order]
        self.grade_list = [GradeCountView(x, totals[x], scale, pass_mark) for x in order if totals[x] > 0]
        self.grades = Collection(self.grade_list)
        self.student_count = sum(totals.values())
        off = [x for x in order if scale is not None and not scale.contains(x) and totals[x] > 0]
        self.off_scale = off
        self.off_scale_count = len(off) if scale is not None else Unknown(NO_SCALE)
        awarded = [x for x in totals if totals[x] > 0]
        numeric = [x for x in awarded if is_numeric(x)]
        if len(numeric) < len(awarded) or not numeric:
            why = because("group.label_grades", "group {id} has grades given as labels", id=g.id) if numeric or awarded \
                else because("group.no_grades", "group {id} has no grades", id=g.id)
            self.lowest_grade = self.highest_grade = Unknown(why)
        else:
            self.lowest_grade, self.highest_grade = min(numeric), max(numeric)
        self._empty = False
        self.table, self.letters, self._why = self._table(years, letter_policy)
        self._derive()

    def _table(self, years, policy) -> tuple[GradingTable | None, LetterAssignment | None, Reason | None]:
        """The grading table and its letters, or None and the reason there is none."""
        if self.off_scale:
            shown = ", ".join(format_grade(x) for x in self.off_scale)
            return None, None, because("group.off_scale", "group {id} has grades not on scale '{scale}': {grades}",
                                       id=self.id, scale=self.scale.id, grades=shown)
        try:
            table = grading_table(self.model, years, scale=self.scale, pass_mark=self.pass_mark_grade)
        except EmptyTableError:
            self._empty = True
            return None, None, because("group.no_passing", "group {id} has no passing grades, so no grading table",
                                       id=self.id)
        except GradeError as e:  # a grade the grading library refuses: its reason, worded in the report's language
            return None, None, because("group.refused", "group {id}: {why}", id=self.id, why=e.reason or str(e))
        return table, assign_letters(table, policy), None

    def _derive(self) -> None:
        """The figures of the table and the letters; 0 for a group without passing grades, else Unknown."""
        t, la = self.table, self.letters
        unknown = Unknown(self._why) if self._why else None
        if t is not None:
            self.passing_count, self.failing_count = t.total, self.student_count - t.total
            self.percentage_total, self.cumulative_total = _num(sum(r.share for r in t.rows)), _num(t.rows[-1].upper)
        elif self._empty:
            self.passing_count, self.failing_count = 0, self.student_count
            self.percentage_total = self.cumulative_total = 0
        else:
            self.passing_count = self.failing_count = self.percentage_total = self.cumulative_total = unknown
        self.row_list = [TableRowView(r, la.letter(r.grade) if la else None) for r in t.rows] if t else []
        self.rows = Collection(self.row_list)
        worst = t.rows[-1].grade if t else None
        if worst is not None and is_numeric(worst):
            self.lowest_passing_grade = worst
        else:
            self.lowest_passing_grade = unknown if unknown is not None else Unknown(
                because("group.no_numeric_passing", "group {id} has no numeric passing grades", id=self.id))
        shares = la.shares if la else {}
        for letter, _target in ECTS_SHARES:
            setattr(self, f"share_{letter.lower()}", _num(shares[letter]) if la else unknown)
        self.max_share_deviation = _num(max(abs(d) for d in la.deviation.values())) if la else unknown

    def explain(self, field: str) -> Reason | str | None:
        """How a derived figure was obtained, for the trace of a finding (a Reason where it has words)."""
        if field == "student_count":
            return because("detail.per_year", "{years} (passing and failing grades)",
                           years=" + ".join(f"{y}: {n}" for y, n in self.per_year.items()))
        if field in ("passing_count", "failing_count") and self.table is not None:
            mark = format_grade(self.pass_mark_grade) if self.pass_mark_grade is not None else None
            return because("detail.passing", "{passing} passing, {failing} failing (pass mark {mark})",
                           passing=self.table.total, failing=self.table.failing_excluded,
                           mark=mark if mark is not None else because("detail.none", "none"))
        if field == "year_count":
            pooled = " (one table pooled over these years)" if self.model.pooled_years else ""
            return ", ".join(self.years) + pooled
        if field == "percentage_total" and self.table is not None:
            return " + ".join(f"{format_grade(r.grade)}: {r.percentage:.2f}" for r in self.table.rows)
        if field.startswith("share_") or field == "max_share_deviation":
            if self.letters is None:
                return None
            dev = self.letters.deviation
            shares = Listed(because("detail.letter_share", "{letter} {share} (target {target}, {deviation})", letter=k,
                                    share=round(float(display(self.letters.shares[k])), 2), target=t,
                                    deviation=_signed(round(float(display(dev[k])), 2))) for k, t in ECTS_SHARES)
            return because("detail.letter_shares", "{shares} ({policy} policy)", shares=shares,
                           policy=because(f"detail.policy.{self.letters.policy}", self.letters.policy))
        if field == "off_scale_count" and self.off_scale:
            return ", ".join(format_grade(x) for x in self.off_scale)
        return None

    @property
    def no_table_reason(self) -> Reason | None:
        """Why the group has no grading table (a catalogue entry), None when it has one."""
        return self._why

    def table_dict(self, with_letters: bool) -> dict[str, Any]:
        """The grading table as JSON-able data (group info, rows, and letters if asked and known)."""
        if self.table is None:
            g = self.model
            return {"group": g.id, "title": g.title, "field": g.field, "cycle": g.cycle, "institution": g.institution,
                    "years": self.years, "scale": self.scale.id if self.scale else None,
                    "pass_mark": self.pass_mark_grade, "passing_total": 0, "graded_total": self.student_count,
                    "rows": [], "problem": str(self._why) if self._why else None}
        d = self.table.to_dict()
        d["title"] = self.model.title
        d["pass_mark"] = self.pass_mark_grade
        if with_letters and self.letters is not None:
            letters = self.letters.to_dict()
            by_grade = {r["grade"]: r["letter"] for r in letters["rows"]}
            for row in d["rows"]:
                row["letter"] = by_grade.get(row["grade"])
            d["letters"] = {"policy": letters["policy"], "shares": letters["letters"],
                            "max_deviation": display(max(abs(x) for x in self.letters.deviation.values()))}
        return d

    def describe(self) -> str:
        return f"group {self.id}"


def _pass_mark(cohort: Cohort, scale: GradingScale | None, option: object) -> tuple[Grade | None, str]:
    """The pass mark to read the cohort with, and where it comes from: the option (e.g. --pass), the
    scale, the file's `pass_mark:`, or none (`passing_only: true` then takes each group's lowest grade)."""
    if option is not None:
        return to_grade(option), "given as an option"
    if scale is not None:
        return scale.pass_mark, f"the pass mark of scale {scale.id}"
    if cohort.pass_mark is not None:
        return cohort.pass_mark, "the file's pass_mark"
    if cohort.passing_only:
        return None, "passing_only: the file lists passing grades only, so its lowest grade passes"
    return None, "none known"


def _lowest_listed(g: ReferenceGroup) -> Grade | None:
    """The lowest numeric grade a passing-only group lists (all its grades pass); None for labels."""
    grades = [x for y in g.counts.values() for x, n in y.items() if n > 0]
    return min(grades) if grades and all(is_numeric(x) for x in grades) else None


def _signed(x: float) -> Reason | float:
    """A deviation with its sign written: +3.35 (the number as the report's locale writes it)."""
    return because("detail.plus", "+{n}", n=x) if x > 0 else x


class CohortView:
    """A cohort file as rules read it (root `cohort`): its reference groups through one grading scale.

    `scale` and `pass_mark` given here (e.g. by command-line options) win over the rule set's scale.
    """

    root_name = "cohort"

    def __init__(self, cohort: Cohort, *, scale: GradingScale | DeclaredScale | None = None,
                 pass_mark: object = None, years: Iterable[str] | None = None, name: str | None = None,
                 _fixed: bool | None = None):
        self.model = cohort
        self._bound = None
        self._options = {"pass_mark": pass_mark, "years": None if years is None else list(years), "name": name}
        self._fixed_scale = scale is not None if _fixed is None else _fixed
        if scale is None and cohort.scale is not None:
            scale = scale_for_cohort(cohort.scale)
        declared = scale if isinstance(scale, DeclaredScale) else None
        self.grading_scale: GradingScale | None = declared.scale if declared else scale
        self.letter_policy = declared.letters if declared else None
        mark, self.pass_mark_source = _pass_mark(cohort, self.grading_scale, pass_mark)
        chosen = None if years is None else sorted({academic_year(y) for y in years})
        self.group_list = [GroupView(g, chosen if chosen is not None else g.years, self.grading_scale,
                                     mark if mark is not None or not cohort.passing_only else _lowest_listed(g),
                                     self.letter_policy or "midpoint", cohort.passing_only) for g in cohort.groups]
        self.groups = Collection(self.group_list)
        self.group_count = len(self.group_list)
        self.id = name or ", ".join(g.id for g in cohort.groups)
        self.title = WordedText("cohort.title", "cohort of {n} reference group" + ("s" if self.group_count != 1 else ""),
                                n=self.group_count)
        self.scale_id = self.grading_scale.id if self.grading_scale else Unknown(NO_SCALE)
        self.pass_mark = mark if mark is not None and is_numeric(mark) else Unknown(because("cohort.no_numeric_pass_mark", "no numeric pass mark is known"))

    @classmethod
    def through(cls, cohort: Cohort, ruleset, *, pass_mark: object = None, years: Iterable[str] | None = None,
                name: str | None = None) -> "CohortView":
        """The cohort read through the rule set's scale, built once (what `for_ruleset` gives a view read
        without a scale of its own)."""
        composed = getattr(ruleset, "composed", ruleset)
        view = cls(cohort, scale=scale_for_cohort(cohort.scale, composed), pass_mark=pass_mark, years=years, name=name,
                   _fixed=False)
        view._bound = composed
        return view

    def for_ruleset(self, ruleset) -> "CohortView":
        """The same cohort read through the rule set's scale (unless a scale was given explicitly)."""
        if self._fixed_scale or self._bound is getattr(ruleset, "composed", ruleset):
            return self
        return CohortView.through(self.model, ruleset, **self._options)

    @property
    def ruleset_id(self) -> str | None:
        """The id of the rule set whose scale the cohort is read through, if any."""
        return self._bound.id if self._bound is not None else None

    @property
    def gives_letters(self) -> bool:
        """True when the scale in use declares ECTS A-E letters (`letters midpoint|majority` in the rule set)."""
        return self.letter_policy is not None

    def group(self, group_id: str) -> GroupView:
        """The view of one group; GradeError naming the known ids otherwise."""
        self.model.group(group_id)
        return next(g for g in self.group_list if g.id == group_id)

    def tables(self) -> list[dict[str, Any]]:
        """Every group's grading table as JSON-able data (for reports)."""
        return [g.table_dict(self.gives_letters) for g in self.group_list]

    def describe(self) -> str:
        return "cohort"


    def recipe(self) -> tuple | None:
        """How to make this view again (engine.evaluation.source): (function, args, kwargs); None for a view
        read through a scale given to it (the view keeps what it made of the scale, not the scale)."""
        if self._fixed_scale or type(self) is not CohortView:
            return None
        if self._bound is None:
            return CohortView, (self.model,), dict(self._options)
        return CohortView.through, (self.model, self._bound), dict(self._options)
