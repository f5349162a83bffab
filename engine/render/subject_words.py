"""A report's subjects in words, each worded once per report: a course is the subject of several rules."""
from __future__ import annotations

from functools import lru_cache

from engine.evaluation.findings import SubjectRef
from .wording import Wording

_PLAIN = (str, int, type(None))  # the types of a subject's key that are remembered


def subject_words(ref: SubjectRef, w: Wording, seen: dict) -> str:
    """`w.subject(ref)`, remembered in `seen` (a dict the caller keeps for one report) and over the batch
    (bounded, so that memory stays flat). Only plain keys and labels are remembered, by type too (1 and True apart; an
    engine-made text, whose words depend on more than its English, is worded each time)."""
    if type(ref.label) is not str or type(ref.key) not in _PLAIN:
        return w.subject(ref)
    key = (ref, type(ref.key))
    words = seen.get(key)
    if words is None:
        words = seen[key] = _remembered(w, *key)
    return words


@lru_cache(maxsize=8192)
def _remembered(w: Wording, ref: SubjectRef, kind_of_key: type) -> str:
    """`w.subject(ref)` of a plain reference, remembered over a batch (bounded): its reports name the same
    years, terms and course codes. (`kind_of_key` keeps 1 and True apart.)"""
    return w.subject(ref)


__all__ = ["subject_words"]
