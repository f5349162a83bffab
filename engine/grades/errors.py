"""Errors of the grade computations (all are ValueError subclasses, so callers may catch either)."""
from __future__ import annotations

from engine.semantics.reasons import Reason


class GradeError(ValueError):
    """A grade, table or policy that cannot be used as asked. The message may be a Reason (a catalogue entry):
    `str(e)` is then its English sentence and `e.reason` the data a report words in its own language."""

    def __init__(self, message: str | Reason = "") -> None:
        self.reason = message if isinstance(message, Reason) else None
        super().__init__(str(message))


class UnknownGradeError(GradeError):
    """A grade that is not on the grading scale or not in the grading table."""


class EmptyTableError(GradeError):
    """A grading table with no passing grades: it has no percentages."""


class UnknownPolicyError(GradeError):
    """A conversion or band policy that is not one of the supported names."""
