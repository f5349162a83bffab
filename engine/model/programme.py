"""The programme file format (pydantic): a study programme, its courses and elective groups."""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, PositiveInt, model_validator

from ..limits import MAX_YEARS
from ..load import load_model

Cycle = Literal["short", "first", "second", "third"]
CourseType = Literal["compulsory", "elective", "thesis", "internship", "other"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, str_strip_whitespace=True)


class Hours(_Strict):
    """Workload of a course in hours over the whole course, per component."""

    lectures: NonNegativeFloat | None = None
    tutorials: NonNegativeFloat | None = None
    seminars: NonNegativeFloat | None = None
    labs: NonNegativeFloat | None = None
    practicals: NonNegativeFloat | None = None
    fieldwork: NonNegativeFloat | None = None
    placement: NonNegativeFloat | None = None
    independent: NonNegativeFloat | None = None
    exams: NonNegativeFloat | None = None
    other: NonNegativeFloat | None = None
    total: NonNegativeFloat | None = Field(None, description="total workload, if given instead of (or beside) components")

    CONTACT: ClassVar[tuple[str, ...]] = ("lectures", "tutorials", "seminars", "labs", "practicals", "fieldwork")
    NON_CONTACT: ClassVar[tuple[str, ...]] = ("placement", "independent", "exams", "other")

    @model_validator(mode="after")
    def _total_covers_parts(self) -> "Hours":
        parts = sum(getattr(self, k) or 0 for k in self.CONTACT + self.NON_CONTACT)
        if self.total is not None and parts > self.total + 1e-9:
            raise ValueError(f"the components add up to {parts:g} hours, more than the total of {self.total:g}")
        return self


class Course(_Strict):
    """One educational component: a course unit, module, thesis or placement."""

    code: str = Field(min_length=1)
    title: str | None = None
    term: PositiveInt | None = Field(None, description="term counted across the programme (semesters 1..8)")
    year: PositiveInt | None = Field(None, description="academic year, for a year-long component")
    credits: NonNegativeFloat | None = None
    type: CourseType = "compulsory"
    level: Cycle | None = Field(None, description="defaults to the programme's cycle")
    specialisation: str | None = None
    contact_hours_per_week: NonNegativeFloat | None = None
    hours: Hours | None = None
    # course-description checklist of the ECTS Information Package
    lecturer: str | None = None
    learning_outcomes: str | list[str] | None = None
    prerequisites: str | list[str] | None = None
    contents: str | None = None
    reading: str | list[str] | None = None
    teaching_methods: str | list[str] | None = None
    assessment_methods: str | list[str] | None = None
    language: str | list[str] | None = None


class ElectiveGroup(_Strict):
    """'Choose N of these courses': makes term, year and programme totals depend on the choice."""

    id: str = Field(min_length=1)
    term: PositiveInt | None = None
    year: PositiveInt | None = None
    choose: PositiveInt
    courses: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _choose_fits(self) -> "ElectiveGroup":
        if self.choose > len(self.courses):
            raise ValueError(f"choose {self.choose} of only {len(self.courses)} courses")
        if len(set(self.courses)) != len(self.courses):
            raise ValueError("a course is listed twice")
        return self


class Programme(_Strict):
    """A study programme as described in a programme file."""

    id: str = Field(min_length=1)
    title: str | None = None
    institution: str | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    cycle: Cycle
    kind: Literal["academic", "vocational"] = "academic"
    mode: Literal["full_time", "part_time"] = "full_time"
    years: PositiveInt = Field(le=MAX_YEARS, description="nominal duration in academic years (see docs/limits.md)")
    terms_per_year: Literal[1, 2, 3, 4] = 2
    weeks_per_year: PositiveInt | None = Field(None, description="weeks of teaching, preparation and exams")
    teaching_weeks_per_term: PositiveInt | None = None
    prior_credits: NonNegativeFloat | None = Field(None, description="credits of the previous cycle required for admission")
    intensive: bool = Field(False, description="declared an intensive programme (no student holidays)")
    integrated: bool = False
    specialist: bool = Field(False, description="specialist studies (e.g. Serbian specijalisticke studije), not a bachelor or master")
    field_of_study: str | None = Field(None, description="ISCED-F code")
    specialisations: list[str] = []
    language: str | list[str] | None = None
    courses: list[Course] = Field(min_length=1)
    elective_groups: list[ElectiveGroup] = []

    @model_validator(mode="after")
    def _consistent(self) -> "Programme":
        problem = next(consistency_problems(self), None)
        if problem is not None:
            where, message = problem
            raise ValueError(f"@{where}: {message}")
        return self


def consistency_problems(p: Programme):
    """Cross-field problems of a programme, each as (field path like 'courses.3.term', message)."""
    n_terms = p.years * p.terms_per_year
    codes: dict[str, int] = {}
    for i, c in enumerate(p.courses):
        if c.code in codes:
            yield f"courses.{i}.code", f"course code '{c.code}' is used twice (also courses[{codes[c.code]}])"
        codes.setdefault(c.code, i)
        if c.term is not None and c.term > n_terms:
            yield f"courses.{i}.term", f"course {c.code}: term {c.term} is beyond the programme's {n_terms} terms"
        if c.year is not None and c.year > p.years:
            yield f"courses.{i}.year", f"course {c.code}: year {c.year} is beyond the programme's {p.years} years"
        if c.term is not None and c.year is not None and (c.term - 1) // p.terms_per_year + 1 != c.year:
            yield f"courses.{i}.year", f"course {c.code}: term {c.term} is not in year {c.year}"
    grouped: dict[str, str] = {}
    for gi, g in enumerate(p.elective_groups):
        for code in g.courses:
            if code not in codes:
                yield f"elective_groups.{gi}.courses", f"elective group {g.id} lists '{code}', which is not among the courses"
            elif code in grouped:
                yield f"elective_groups.{gi}.courses", f"course {code} is in two elective groups ({grouped[code]} and {g.id})"
            grouped.setdefault(code, g.id)
        if g.term is not None and g.term > n_terms:
            yield f"elective_groups.{gi}.term", f"elective group {g.id}: term {g.term} is beyond the programme's {n_terms} terms"
    groups = {code: g for g in p.elective_groups for code in g.courses}
    for i, c in enumerate(p.courses):
        g = groups.get(c.code)
        if c.term is None and c.year is None and (g is None or (g.term is None and g.year is None)):
            yield f"courses.{i}", f"course {c.code}: give its term or its year" + (" (or the elective group's)" if g else "")


def load_programme_file(path: str | Path) -> tuple[Programme, str]:
    """Read and validate a programme file (YAML or JSON); returns the model and the file's SHA-256."""
    return load_model(Programme, path, "programme")
