"""Errors of the grade computations (all are ValueError subclasses, so callers may catch either)."""
from __future__ import annotations


class GradeError(ValueError):
    """A grade, table or policy that cannot be used as asked."""


class UnknownGradeError(GradeError):
    """A grade that is not on the grading scale or not in the grading table."""


class EmptyTableError(GradeError):
    """A grading table with no passing grades: it has no percentages."""


class UnknownPolicyError(GradeError):
    """A conversion or band policy that is not one of the supported names."""
