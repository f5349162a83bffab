"""Grade computations: grading scales, grading tables, ECTS letters, grade conversion.

A pure library (no CLI); cohort files, the subject grade rules audit, are read by
engine.subjects.cohort. The usual path:

    from engine.grades import grading_table, convert_grade, assign_letters, get_scale
    from engine.subjects.cohort.model import load_cohort

    scale = get_scale("gr-0-10")                        # or GradingScale.numeric(...) / .from_list(...)
    cohort = load_cohort("cohort.csv", scale=scale)     # CSV, YAML or JSON; SubjectFileError with file:line
    home = grading_table(cohort.group("cs-first"), scale=scale)          # Guide 2015 §4.3
    foreign = grading_table(load_cohort("de.csv").group("informatik"), higher_is_better=False)
    conv = convert_grade(1.7, foreign, home, policy="avg")             # min | max | avg | mid
    conv.result, conv.explanation, conv.to_dict()
    letters = assign_letters(home, "midpoint")         # Greek MD A-E 10/25/30/25/10; or "majority"
    letters.deviation, letters.within(5)

Modules:
    scale    GradingScale (frozen dataclass), PointsBand, to_grade, Grade
    presets  ready-made scales: gr-0-10, gr-0-10-whole, rs-5-10 (with points), de-1-5, ects-a-f; get_scale
    counts   the counts of grades per academic year
    table    GradingTable, TableRow, grading_table, build_table
    bands    ECTS_SHARES, LETTER_BANDS, assign_letters, LetterAssignment
    convert  convert_grade, convert_grades, Conversion, Candidate, TranscriptConversion, POLICIES
    errors   GradeError (a ValueError) and its kinds; file problems are engine.errors.SubjectFileError

Percentages are exact fractions inside; `to_dict()` gives JSON-able forms rounded to 2 decimals.
See docs/grades.md for the file formats, the method and which parts are law/guide or project choices.
"""
from .bands import BAND_POLICIES, ECTS_SHARES, LETTER_BANDS, LetterAssignment, LetterRow, assign_letters, letter_at
from .convert import (
    POLICIES,
    Candidate,
    Conversion,
    TranscriptConversion,
    convert_grade,
    convert_grades,
    parallel_warnings,
)
from .counts import academic_year
from .errors import EmptyTableError, GradeError, UnknownGradeError, UnknownPolicyError
from .presets import SCALES, get_scale
from .scale import Grade, GradingScale, PointsBand, format_grade, to_grade
from .table import GradingTable, TableRow, build_table, grading_table

__all__ = [
    "BAND_POLICIES",
    "Candidate",
    "Conversion",
    "ECTS_SHARES",
    "EmptyTableError",
    "Grade",
    "GradeError",
    "GradingScale",
    "GradingTable",
    "LETTER_BANDS",
    "LetterAssignment",
    "LetterRow",
    "POLICIES",
    "PointsBand",
    "SCALES",
    "TableRow",
    "TranscriptConversion",
    "UnknownGradeError",
    "UnknownPolicyError",
    "academic_year",
    "assign_letters",
    "build_table",
    "convert_grade",
    "convert_grades",
    "format_grade",
    "get_scale",
    "grading_table",
    "letter_at",
    "parallel_warnings",
    "to_grade",
]
