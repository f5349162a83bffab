"""A report's subjects in words, each worded once per report: a course is the subject of several rules."""
from __future__ import annotations

from engine.evaluation.findings import SubjectRef
from .wording import Wording

_PLAIN = (str, int, type(None))  # the types of a subject's key that are remembered


def subject_words(ref: SubjectRef, w: Wording, seen: dict) -> str:
    """`w.subject(ref)`, remembered in `seen` (a dict the caller keeps for one report, so that memory stays
    flat over a batch). Only plain keys and labels are remembered, by type too (1 and True apart; an
    engine-made text, whose words depend on more than its English, is worded each time)."""
    if type(ref.label) is not str or type(ref.key) not in _PLAIN:
        return w.subject(ref)
    key = (ref, type(ref.key))
    words = seen.get(key)
    if words is None:
        words = seen[key] = w.subject(ref)
    return words


__all__ = ["subject_words"]
