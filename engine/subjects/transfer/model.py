"""The credit transfer file: a mobility (or a transfer between programmes) and what became of its credits.

Field names follow the EWP Online Learning Agreement (`components_studied` = Table A,
`components_recognized` = Table B, `sending` / `receiving` signatures) and ELMO (`result_distribution`,
grading scheme ids; ELMO's `resultLabel` is `local_grade` here). Almost every field is optional:
real files often lack data, and missing data must become an "indeterminate" finding, not a crash.
Types are strict: a quoted "30" where credits are expected is an error, so is an unknown field.

Sides: `home` is where recognition is decided (the sending institution of a mobility, or the target
programme of a programme transfer); `host` is where the credits were earned (the receiving
institution, or the source programme), i.e. the issuer of the transcript.
"""
from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import ConfigDict, Field, StrictBool, ValidationInfo, field_validator

from engine.semantics.reasons import because
from engine.subjects.load import load_model
from engine.subjects.waivers import Waiver
from engine.subjects.transfer.base import (
    CountryCode,
    Credits,
    Cycle,
    Date,
    EctsGrade,
    Grade,
    StudyKind,
    Text,
    _Strict,
    _total,
)
from engine.subjects.transfer.learning_agreement import (
    Amendment,
    Component,
    LearningAgreement,
    Signature,
    Signatures,
    StudiedComponent,
)

__all__ = [
    "Agreement", "Amendment", "Component", "GradeCount", "GradeTableRef", "GradeTables", "GradingScheme", "Institution", "LearningAgreement",
    "NotRecognized", "Party", "Period", "Recognition", "RecognitionLine", "Signature", "Signatures",
    "Student", "StudiedComponent", "Transcript", "TranscriptComponent", "TransferFile", "load_transfer",
]


# --- parties ---------------------------------------------------------------------------------------

class Student(_Strict):
    """The student (optional; a file may be anonymised)."""

    name: Optional[Text] = Field(None, description="Full name.")
    id: Optional[Text] = Field(None, description="Student number or European Student Identifier at home.")


class Institution(_Strict):
    """A higher education institution."""

    name: Text = Field(description="Name of the institution, preferably in English.")
    schac: Optional[Text] = Field(None, description="SCHAC code (the institution's internet domain), e.g. uoa.gr.")
    erasmus_code: Optional[Text] = Field(None, description="Erasmus institutional code, e.g. 'G ATHINE01'.")


class Party(_Strict):
    """One side of the transfer: an institution and the programme the student is (or was) enrolled in."""

    institution: Institution = Field(description="The institution.")
    country: Optional[CountryCode] = None
    programme_id: Optional[Text] = Field(None, description="Id of the study programme (as in the programme files).")
    cycle: Optional[Cycle] = Field(None, description="Bologna cycle of the programme: short, first (bachelor), second (master), third (doctorate).")
    kind: Optional[StudyKind] = Field(None, description="Type of studies: academic or vocational (applied).")
    grading_scheme_id: Optional[Text] = Field(None, description="Id of the grading scheme the institution uses.")


class Agreement(_Strict):
    """The inter-institutional (or cooperation) agreement the mobility runs under."""

    id: Optional[Text] = Field(None, description="Agreement id, e.g. the EWP IIA id.")
    name: Optional[Text] = Field(None, description="Name of the agreement or cooperation programme.")
    approved: Optional[StrictBool] = Field(None, description="Whether the agreement is approved (true/false); absent = unknown.")
    approval_date: Optional[Date] = Field(None, description="Date of approval (ISO, YYYY-MM-DD).")


class Period(_Strict):
    """The mobility period (actual dates where known). The end must be after the start."""

    start: Optional[Date] = Field(None, description="First day (ISO date).")
    end: Optional[Date] = Field(None, description="Last day (ISO date).")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start")
        if end is not None and start is not None and end <= start:
            raise ValueError(because("input.end_before_start", "the end ({end}) must be after the start ({start})",
                                     end=end, start=start))
        return end

    @property
    def days(self) -> int | None:
        """Length in days, both ends included; None if a date is missing."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    @property
    def months(self) -> float | None:
        """Length in months: whole calendar months plus leftover days / 30 (1 Sep - 31 Jan = 5.0)."""
        if self.start is None or self.end is None:
            return None
        after = self.end + dt.timedelta(days=1)
        whole = (after.year - self.start.year) * 12 + after.month - self.start.month
        while whole > 0 and _add_months(self.start, whole) > after:
            whole -= 1
        return round(whole + (after - _add_months(self.start, whole)).days / 30, 2)


def _add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of the month."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))



# --- transcript ------------------------------------------------------------------------------------

class GradeCount(_Strict):
    """One grade of a grade distribution: how many students (or what share) got it."""

    label: Text = Field(description="The grade as written, e.g. '8', 'B', 'sehr gut'.")
    count: Optional[Annotated[int, Field(strict=True, ge=0)]] = Field(None, description="Number of students.")
    percentage: Optional[Annotated[float, Field(strict=True, ge=0, le=100)]] = Field(None, description="Share of students, in percent.")


class GradingScheme(_Strict):
    """A grading scheme used in the transcript (ELMO gradingScheme)."""

    id: Optional[Text] = Field(None, description="Local id, referenced by components' grading_scheme_id.")
    description: Optional[Text] = Field(None, description="What the grades mean, e.g. '0-10, pass mark 5'.")
    grade_distribution: list[GradeCount] = Field(default_factory=list, description="Grade distribution (ECTS grading table) of the reference group.")
    grading_table_url: Optional[Text] = Field(None, description="Web link to the grade distribution table, if given instead.")


class TranscriptComponent(_Strict):
    """A component on the host's Transcript of Records, with its result."""

    code: Optional[Text] = Field(None, description="Local code of the component (ELMO identifier type 'local').")
    title: Text = Field(description="Title, in English where available.")
    type: Optional[Text] = Field(None, description="ELMO type: Course, Module, Class, Degree Programme...")
    term: Optional[Text] = Field(None, description="Academic term label.")
    credits: Optional[Credits] = None
    local_grade: Optional[Grade] = Field(None, description="The grade in the host's scheme (ELMO resultLabel): a number or a text.")
    grading_scheme_id: Optional[Text] = Field(None, description="Id of the grading scheme of local_grade (see transcript.grading_schemes).")
    ects_grade: Optional[EctsGrade] = Field(None, description="ECTS grade A-E, FX or F, if given.")
    passed: Optional[StrictBool] = Field(None, description="true = passed, false = failed; absent = unknown (e.g. in progress).")
    result_date: Optional[Date] = Field(None, description="Date of the result (ELMO LOI date).")
    result_distribution: list[GradeCount] = Field(default_factory=list, description="Grade distribution of this component, if given.")
    absence_reason: Optional[Text] = Field(None, description="Why there is no result, e.g. 'did not sit the exam'.")
    note: Optional[Text] = Field(None, description="Any other remark.")
    part_of: Optional[Text] = Field(None, description="Programme or module this component belongs to (context only; its credits are not counted).")


class Transcript(_Strict):
    """The host's Transcript of Records."""

    components: list[TranscriptComponent] = Field(default_factory=list, description="The components with their results.")
    issued: Optional[Date] = Field(None, description="Date the transcript was issued.")
    results_date: Optional[Date] = Field(None, description="Date the results were published / available.")
    grading_schemes: list[GradingScheme] = Field(default_factory=list, description="The grading scheme(s) used (one is usual; ELMO allows several).")

    @property
    def earned_credits(self) -> float | None:
        """Credits of passed components; None if a result or a passed component's credits is unknown."""
        if any(c.passed is None for c in self.components):
            return None
        return _total([c.credits for c in self.components if c.passed])

    @property
    def total_credits(self) -> float | None:
        """Credits of all components, passed or not; None if one lacks credits."""
        return _total([c.credits for c in self.components])

    @property
    def weeks_from_results_to_issue(self) -> float | None:
        """Weeks between results_date and issued; None if either is missing."""
        if self.issued is None or self.results_date is None:
            return None
        return round((self.issued - self.results_date).days / 7, 2)

    def component(self, code: str) -> TranscriptComponent | None:
        """The component with this code, or None."""
        return next((c for c in self.components if c.code == code), None)

    def find_grading_scheme(self, scheme_id: str | None = None) -> GradingScheme | None:
        """The scheme with this id; without an id, the only scheme (None if there are several)."""
        if scheme_id is None:
            return self.grading_schemes[0] if len(self.grading_schemes) == 1 else None
        return next((g for g in self.grading_schemes if g.id == scheme_id), None)


# --- recognition -----------------------------------------------------------------------------------

class RecognitionLine(_Strict):
    """A home component recognised, and the transcript components it comes from."""

    code: Optional[Text] = Field(None, description="Home component code.")
    title: Text = Field(description="Home component title.")
    credits: Optional[Credits] = None
    converted_grade: Optional[Grade] = Field(None, description="The grade after conversion to the home scheme.")
    from_components: list[Text] = Field(default_factory=list, description="Codes of the transcript components it is based on.")


class NotRecognized(_Strict):
    """A transcript component (or home component) that was not recognised, and why."""

    code: Optional[Text] = None
    title: Optional[Text] = None
    credits: Optional[Credits] = None
    reason: Optional[Text] = Field(None, description="Why it was not recognised.")


class Recognition(_Strict):
    """The home institution's recognition decision."""

    date: Optional[Date] = Field(None, description="Date of the decision.")
    lines: list[RecognitionLine] = Field(default_factory=list, description="Recognised home components.")
    not_recognized: list[NotRecognized] = Field(default_factory=list, description="Components not recognised, with reasons.")

    @property
    def recognized_credits(self) -> float | None:
        """Total credits recognised; None if a line lacks credits."""
        return _total([line.credits for line in self.lines])

    def source_codes(self) -> list[str]:
        """Codes of all transcript components claimed by some line (in order, without repeats)."""
        return list(dict.fromkeys(code for line in self.lines for code in line.from_components))


# --- grading tables --------------------------------------------------------------------------------

class GradeTableRef(_Strict):
    """Where one side's grading table comes from: a cohort file (path relative to the transfer file)."""

    file: Text = Field(description="The cohort file (CSV, YAML or JSON; see docs/grades.md), relative to this file.")
    group: Optional[Text] = Field(None, description="The reference group in it (needed when it holds several).")
    scale: Optional[Text] = Field(None, description="A ready-made scale to read it with, e.g. dk-7-point, fr-0-20.")
    pass_mark: Optional[Grade] = Field(None, description="The pass mark, when neither the scale nor the file gives one.")


class GradeTables(_Strict):
    """The grading tables grades are converted with (ECTS Users' Guide 2015 §4.4)."""

    home: Optional[GradeTableRef] = Field(None, description="The home institution's table (grades are converted into it).")
    host: Optional[GradeTableRef] = Field(None, description=(
        "The host institution's table; absent = the grade distribution the transcript gives."))
    policy: Optional[Literal["min", "max", "avg", "mid"]] = Field(None, description=(
        "Where grade bands overlap: the worst, best, overlap-weighted average or midpoint home grade."))


# --- the file --------------------------------------------------------------------------------------

class TransferFile(_Strict):
    """A credit transfer file: a mobility or a programme transfer, with its learning agreement, transcript and recognition."""

    model_config = ConfigDict(extra="forbid", title="Credit transfer file", defer_build=True)

    kind: Literal["mobility", "programme_transfer"] = Field(description="mobility (study abroad) or programme_transfer (change of programme).")
    id: Text = Field(description="Identifier of this case, unique in its collection.")
    title: Optional[Text] = Field(None, description="A human title.")
    student: Optional[Student] = None
    home: Optional[Party] = Field(None, description="Where recognition is decided: the sending institution, or the target programme.")
    host: Optional[Party] = Field(None, description="Where the credits were earned: the receiving institution, or the source programme.")
    agreement: Optional[Agreement] = None
    period: Optional[Period] = None
    learning_agreement: Optional[LearningAgreement] = None
    transcript: Optional[Transcript] = None
    recognition: Optional[Recognition] = None
    grades: Optional[GradeTables] = Field(None, description="The grading tables of both sides, to convert grades.")
    waivers: list[Waiver] = Field([], description="Approved deviations from rules (docs/transfers.md#waivers).")

    def recognition_sources(self) -> list[tuple[str, TranscriptComponent | None]]:
        """Each transcript code claimed by a recognition line, with its transcript component (None if not on the transcript)."""
        codes = self.recognition.source_codes() if self.recognition else []
        return [(code, self.transcript.component(code) if self.transcript else None) for code in codes]


def load_transfer(path: str | Path) -> tuple[TransferFile, str]:
    """Read and validate a transfer file (YAML or JSON); return it and the file's SHA-256.

    Raises engine.errors.SubjectFileError naming file, line and field.
    """
    return load_model(TransferFile, path, "transfer")
