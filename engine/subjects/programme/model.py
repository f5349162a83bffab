"""The programme file format (pydantic): a study programme, its courses and elective groups."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import (BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt, PositiveFloat, PositiveInt,
                      PrivateAttr, model_validator)

from engine.semantics.choices import GroupRule
from engine.semantics.reasons import Shown, because
from engine.limits import MAX_YEARS
from engine.subjects.load import load_model
from engine.subjects.problems import FieldProblem
from engine.subjects.programme.consistency import consistency_problems
from engine.subjects.waivers import Waiver
from engine.subjects.worded import WordedText

Cycle = Literal["short", "first", "second", "third"]
CourseType = Literal["compulsory", "elective", "thesis", "internship", "other", "non_credit"]
# Kinds of contact hours published in curricula; P, V, DON, SIR are the Serbian columns (predavanja,
# vežbe, drugi oblici nastave, studijski istraživački rad).
ContactKind = Literal["lectures", "exercises", "tutorials", "seminars", "labs", "practicals", "fieldwork",
                      "research", "other", "P", "V", "DON", "SIR"]
ContactHours = NonNegativeFloat | dict[ContactKind, NonNegativeFloat]


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
        total = self.total
        if total is None:  # nothing to cover
            return self
        parts = sum([x for x in map(self.__dict__.get, self.CONTACT + self.NON_CONTACT) if x])
        if parts > total + 1e-9:
            raise ValueError(because("programme.check.hours_over_total", "the components add up to {parts} hours, "
                                     "more than the total of {total}", parts=Shown(parts), total=Shown(total)))
        return self


class Course(_Strict):
    """One educational component: a course unit, module, thesis or placement."""

    code: str | None = Field(None, min_length=1, description="optional; a course without one is named by its title and row")
    title: str | None = None
    term: PositiveInt | None = Field(None, description="term counted across the programme (semesters 1..8)")
    year: PositiveInt | None = Field(None, description="academic year, for a year-long component")
    credits: NonNegativeFloat | None = None
    type: CourseType = "compulsory"
    level: Cycle | None = Field(None, description="defaults to the programme's cycle")
    specialisation: str | None = None
    contact_hours_per_week: ContactHours | None = Field(
        None, description="weekly contact hours: a number, or a mapping by kind ({lectures: 2, exercises: 2}; P, V, DON, SIR)")
    contact_hours: ContactHours | None = Field(
        None, description="contact hours over the whole course: a number or a mapping by kind; never a total workload")
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

    @model_validator(mode="after")
    def _non_credit_has_none(self) -> "Course":
        if self.type == "non_credit" and self.credits not in (None, 0):
            raise ValueError(because("programme.check.non_credit_credits", "a non_credit course carries no credits "
                                     "(got {credits}); give it another type", credits=Shown(self.credits)))
        return self


class Covers(_Strict):
    """The terms a partial transcription holds (the rest of the programme is not in the file)."""

    from_term: PositiveInt
    to_term: PositiveInt

    @model_validator(mode="after")
    def _ordered(self) -> "Covers":
        if self.to_term < self.from_term:
            raise ValueError(because("programme.check.covers_order", "to_term {to_term} comes before from_term "
                                     "{from_term}", to_term=self.to_term, from_term=self.from_term))
        return self


_Number = Annotated[PositiveInt, Field(strict=False)]  # a mapping key: JSON writes it as text ("1")


class PrintedTotals(_Strict):
    """Credit totals as the published plan prints them, kept to be checked against the courses."""

    terms: dict[_Number, NonNegativeFloat] = {}
    years: dict[_Number, NonNegativeFloat] = {}
    programme: NonNegativeFloat | None = None


class CountRange(_Strict):
    """How many of a group's courses a student takes: at least `min`, at most `max`."""

    min: NonNegativeInt = 0
    max: PositiveInt | None = None


class CreditRange(_Strict):
    """The credits of the courses a student takes from a group: at least `min`, at most `max`."""

    min: NonNegativeFloat | None = None
    max: NonNegativeFloat | None = None


class ElectiveGroup(_Strict):
    """A pool of optional courses: 'choose 2', '3 to 5 courses', 'courses worth 40 to 50 credits'.

    Makes term, year and programme totals depend on the student's choice."""

    id: str = Field(min_length=1)
    term: PositiveInt | None = Field(None, description="term of the group's courses that give none")
    year: PositiveInt | None = Field(None, description="year of the group's courses that give none")
    choose: PositiveInt | CountRange | None = Field(
        None, description="how many courses a student takes: a number, or {min: 3, max: 5}")
    credits: CreditRange | None = Field(
        None, description="bounds on the credits of the courses taken: {min: 40, max: 50}")
    specialisation: str | None = Field(None, description="the specialisation whose students take this group")
    courses: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _choose_fits(self) -> "ElectiveGroup":
        if self.choose is None and self.credits is None:
            raise ValueError(because("programme.check.group_no_bounds", "give {choose} (how many courses a student "
                                     "takes) or {credits} (their bounds), or both", choose="choose",
                                     credits="credits"))
        low, high = self.count_range()
        if low > len(self.courses):
            raise ValueError(because("programme.check.group_choose_over", "choose {n} of only {count} courses",
                                     n=low, count=len(self.courses)))
        if isinstance(self.choose, CountRange):
            if self.choose.max is not None and self.choose.max > len(self.courses):
                raise ValueError(because("programme.check.group_choose_max_over", "choose at most {n} of only "
                                         "{count} courses", n=self.choose.max, count=len(self.courses)))
            if low > high:
                raise ValueError(because("programme.check.group_choose_min_max", "choose: min {low} is more than "
                                         "max {high}", low=low, high=high))
        c = self.credits
        if c is not None:
            if c.min is None and c.max is None:
                raise ValueError(because("programme.check.group_credits_empty", "{field}: give min, max or both",
                                         field="credits"))
            if c.min is not None and c.max is not None and c.min > c.max:
                raise ValueError(because("programme.check.group_credits_min_max", "{field}: min {low} is more than "
                                         "max {high}", field="credits", low=Shown(c.min), high=Shown(c.max)))
        if len(set(self.courses)) != len(self.courses):
            raise ValueError(because("programme.check.group_course_twice", "a course is listed twice"))
        return self

    def count_range(self) -> tuple[int, int]:
        """(fewest, most) courses a student takes from the group."""
        if self.choose is None:
            return 0, len(self.courses)
        if isinstance(self.choose, int):
            return self.choose, self.choose
        return self.choose.min, self.choose.max if self.choose.max is not None else len(self.courses)

    def rule(self, credits_of: Mapping[str, float | None], specialisation: str | None) -> GroupRule:
        """The group as the engine's choice space reads it (`credits_of`: course code -> credits, for at
        least the codes the group lists)."""
        bounds = (self.credits.min, self.credits.max) if self.credits is not None else (None, None)
        codes = tuple(self.courses)
        return GroupRule(self.id, codes, tuple(map(credits_of.get, codes)),
                         self.count_range(), bounds, specialisation)


class Programme(_Strict):
    """A study programme as described in a programme file."""

    id: str = Field(min_length=1)
    title: str | None = None
    institution: str | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    cycle: Cycle
    kind: Literal["academic", "vocational"] = "academic"
    mode: Literal["full_time", "part_time"] = "full_time"
    years: PositiveFloat = Field(le=MAX_YEARS, description="nominal duration in academic years; a multiple of 1/terms_per_year (1.5); see docs/limits.md")
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
    covers: Covers | None = Field(None, description="the terms this file holds, when it transcribes only part of the programme")
    printed_totals: PrintedTotals | None = Field(None, description="credit totals as the published plan prints them")
    waivers: list[Waiver] = Field([], description="approved deviations from rules (docs/programmes.md#waivers)")
    _course_rows: dict[int, str] = PrivateAttr(default_factory=dict)  # course index -> where it stands in the source
    _code_counts: Counter | None = PrivateAttr(None)
    _positions: dict[int, int] | None = PrivateAttr(None)

    @property
    def term_count(self) -> int:
        """Number of terms of the nominal duration (3 for 1.5 years of semesters)."""
        return round(self.years * self.terms_per_year)

    @property
    def year_count(self) -> int:
        """Number of academic years, the last one possibly partial."""
        return -(-self.term_count // self.terms_per_year)

    def course_row(self, index: int) -> str:
        """Where the course stands in its source: a table row, or its place in the file's list."""
        return self._course_rows.get(index) or WordedText("course.entry", "entry {n} of courses", n=index + 1)

    def course_name(self, index: int) -> str:
        """How findings name a course: its code, or its title and row when it has no (unique) code."""
        c = self.courses[index]
        if c.code and self.code_counts()[c.code] == 1:
            return c.code
        return WordedText("course.unnamed", "'{title}' ({row})", title=c.title or WordedText("course.untitled", "(untitled)"),
                          row=self.course_row(index))

    def course_label(self, index: int) -> str:
        """How a message names a course in full: its code and title ("C14 'Analysis I'"); with its place too
        when other courses share its code; its title and place when it has no code; no title it lacks."""
        c = self.courses[index]
        if not c.code:
            return self.course_name(index)
        shared = self.code_counts()[c.code] > 1
        if c.title:
            if shared:
                return WordedText("course.labelled_at", "{code} '{title}' ({row})", code=c.code, title=c.title,
                                  row=self.course_row(index))
            return WordedText("course.labelled", "{code} '{title}'", code=c.code, title=c.title)
        return WordedText("course.code_at", "{code} ({row})", code=c.code, row=self.course_row(index)) if shared else c.code

    def code_counts(self) -> Counter:
        """How many courses use each code (computed once)."""
        private = self.__pydantic_private__  # read directly: a private attribute's lookup is slow
        counts = private["_code_counts"]
        if counts is None:
            counts = private["_code_counts"] = Counter(c.code for c in self.courses if c.code)
        return counts

    def index_of(self, course: Course) -> int:
        """The position of a course (this very object) in `courses`."""
        if self._positions is None:
            self._positions = {id(c): i for i, c in enumerate(self.courses)}
        return self._positions[id(course)]

    @model_validator(mode="after")
    def _consistent(self) -> "Programme":
        problem = next(consistency_problems(self), None)
        if problem is not None:
            raise FieldProblem(*problem)
        return self


def contact_hours_sum(hours) -> float | None:
    """Contact hours given as a number or as a mapping by kind ({lectures: 2, exercises: 2}): their sum."""
    if isinstance(hours, dict):
        total = sum(hours.values())
        return (int(total) if float(total).is_integer() else total) if hours else None
    return hours


def group_specialisations(p: Programme, tags: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """Group id -> the specialisation whose students take it: the group's own `specialisation`, else the
    one every course of the group names (a group of courses all tagged 'Coaching' is Coaching's).
    `tags`: course code -> the specialisation the course names, when the caller has it for every code
    a group lists (else read from the courses)."""
    out = {}
    if tags is None:
        tags = {c.code: c.specialisation for c in p.courses}
    for g in p.elective_groups:
        named = {tags.get(code) for code in g.courses}
        if g.specialisation is not None:
            out[g.id] = g.specialisation
        elif len(named) == 1 and None not in named:
            out[g.id] = named.pop()
    return out


def load_programme_file(path: str | Path) -> tuple[Programme, str]:
    """Read and validate a programme file (YAML or JSON); returns the model and the file's SHA-256."""
    return load_model(Programme, path, "programme", json_direct=True)
