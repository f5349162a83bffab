"""Grading tables and grade conversion straight from cohort files, for the CLI and for transfer recognition.

    from engine.grades.files import convert_transcript
    conv = convert_transcript(["1,3", 2.0], "de.csv", "gr.csv", policy="avg",
                              foreign_group="de-informatik-bachelor", foreign_scale="de-1-5",
                              home_group="gr-informatics-first", ruleset=load_ruleset("greek_law_4009"))
    conv.results, conv.to_dict()

Every problem is an engine.errors.InputError with a one-line message naming the file: a file that
cannot be read (SubjectFileError, with the line), a group or year that is not there (UsageError),
a grade that was not awarded as a passing grade in the foreign table (UsageError).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from engine.errors import UsageError
from engine.subjects.cohort.model import load_cohort, some_ids
from engine.subjects.cohort.views import CohortView, GroupView
from engine.grades.convert import Conversion, TranscriptConversion, asks_two_years, convert_grade, convert_grades
from engine.grades.errors import GradeError
from engine.grades.presets import get_scale
from engine.grades.table import GradingTable
from engine.limits import display_name
from engine.semantics.reasons import because


def read_cohort(path: str | Path, *, ruleset=None, scale: str | None = None, pass_mark: object = None,
                years: Iterable[str] | None = None, only_group: str | None = None, one_group: bool = False) -> CohortView:
    """Load a cohort file and read it through a scale: `scale` (a preset id) if given, else the rule set's
    (`ruleset`: a compiled rule set, see engine.compiled.load_ruleset), else the file's own. `pass_mark` and `years` override.
    With `only_group`, the view holds that one group (the others are read and checked, but no table is built for them).
    With `one_group` and no `only_group`, a cohort of several groups is refused before any table is built."""
    name = display_name(path)
    try:
        fixed = get_scale(scale) if scale is not None else None
    except GradeError as e:
        raise UsageError(e.reason or str(e)) from None
    cohort = load_cohort(path, scale=fixed)
    if one_group and only_group is None and len(cohort.groups) != 1:
        raise _choose_one([g.id for g in cohort.groups], path, "--group")
    try:
        if only_group is not None:
            cohort = cohort.model_copy(update={"groups": [cohort.group(only_group)]})
        if ruleset is not None and fixed is None:  # read through the rule set's scale at once
            return CohortView.through(cohort, ruleset, pass_mark=pass_mark, years=years, name=Path(name).name)
        return CohortView(cohort, scale=fixed, pass_mark=pass_mark, years=years, name=Path(name).name)
    except GradeError as e:
        raise UsageError(e.reason or str(e), path=name) from None


def pick_group(view: CohortView, group: str | None, path: str | Path, option: str = "--group") -> GroupView:
    """The group named `group`, or the only group of the cohort; UsageError otherwise."""
    try:
        if group is not None:
            return view.group(group)
    except GradeError as e:
        raise UsageError(e.reason or str(e), path=str(path)) from None
    if view.group_count != 1:
        raise _choose_one([g.id for g in view.group_list], path, option)
    return view.group_list[0]


def _choose_one(ids: list[str], path: str | Path, option: str) -> UsageError:
    return UsageError(because("cohort.choose_group", "the cohort has {n} groups; choose one with {option} ({ids})",
                              n=len(ids), option=option, ids=some_ids(ids)), path=str(path))


def group_table(group: GroupView, path: str | Path) -> GradingTable:
    """The group's grading table; UsageError saying why there is none (no passing grades, grades off the scale)."""
    if group.table is None:
        raise UsageError(group.no_table_reason or group.table_dict(False)["problem"], path=str(path))
    return group.table


@dataclass(frozen=True)
class TableSource:
    """Where a grading table comes from: the cohort file, the group and the scale options."""

    path: str | Path
    group: str | None = None
    scale: str | None = None
    pass_mark: object = None
    years: tuple[str, ...] | None = None

    def load(self, ruleset=None) -> tuple[GroupView, GradingTable]:
        """Read the file and build the group's table."""
        view = read_cohort(self.path, ruleset=ruleset, scale=self.scale, pass_mark=self.pass_mark, years=self.years)
        g = pick_group(view, self.group, self.path)
        return g, group_table(g, self.path)


def _grade_error(e: GradeError, path: str | Path) -> UsageError:
    return UsageError(e.reason or str(e), path=str(path))


def convert_tables(grade: object, foreign: GradingTable, home: GradingTable, *, policy: str,
                   path: str | Path, two_years: bool = True) -> Conversion:
    """convert_grade with a grade or policy problem turned into a UsageError naming the foreign file `path`."""
    try:
        return convert_grade(grade, foreign, home, policy=policy, two_years=two_years)
    except GradeError as e:
        raise _grade_error(e, path) from None


def convert_transcript(grades: Iterable[object], foreign_file: str | Path, home_file: str | Path, *, policy: str,
                       foreign_group: str | None = None, home_group: str | None = None,
                       foreign_scale: str | None = None, home_scale: str | None = None,
                       ruleset=None, years: Iterable[str] | None = None) -> TranscriptConversion:
    """Convert a list of transcript grades from the foreign cohort file's grading table to the home one's.

    `policy` is min, max, avg or mid (no default: the Guide asks to decide in advance). Groups may be
    left out when a file holds one group. The foreign table is read through its file's scale (or
    `foreign_scale`); the home table through `home_scale`, else `ruleset`'s scale, else its file's.
    """
    yrs = tuple(years) if years is not None else None
    _, ft = TableSource(foreign_file, foreign_group, foreign_scale, years=yrs).load()
    _, ht = TableSource(home_file, home_group, home_scale, years=yrs).load(ruleset)
    try:
        return convert_grades(list(grades), ft, ht, policy=policy, two_years=asks_two_years(ruleset))
    except GradeError as e:
        raise _grade_error(e, foreign_file) from None
