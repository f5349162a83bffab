"""Telling a subject file's kind from its top-level keys, and the one-line answer when a file of one kind is
given where another is expected (a grade cohort to `ects check`, a programme to `ects transfer`).

A file clearly holds a kind when it has a key only that kind's files have (a programme 'courses', a cohort
'groups', a transfer 'learning_agreement', 'transcript' or 'recognition') and no key of another kind.
"""
from __future__ import annotations

from typing import Any

from engine.semantics.reasons import Reason, because
from engine.subjects.problems import subject_kind

KIND_KEYS: dict[str, tuple[str, ...]] = {
    "programme": ("courses",),
    "cohort": ("groups",),
    "transfer": ("learning_agreement", "transcript", "recognition"),
}
AUDIT_COMMANDS = {"programme": "ects check", "transfer": "ects transfer", "cohort": "ects grades check"}


def kinds_by_keys(data: Any) -> list[str]:
    """The kinds whose own keys `data` (a file's top level) has, in KIND_KEYS order."""
    if not isinstance(data, dict):
        return []
    return [name for name, keys in KIND_KEYS.items() if any(k in data for k in keys)]


def clearly_other_kind(data: Any, expected: str) -> tuple[str, str] | None:
    """(kind, the key that tells it) when `data` clearly holds another kind of subject than `expected`."""
    found = kinds_by_keys(data)
    if expected not in KIND_KEYS or len(found) != 1 or found[0] == expected:
        return None
    return found[0], next(k for k in KIND_KEYS[found[0]] if k in data)


def wrong_kind(found: str, key: str, expected: str) -> Reason:
    """'this looks like a cohort file (it has 'groups'), not a programme file: audit it with `ects grades check`'."""
    return because("input.wrong_kind", "this looks like a {found} file (it has '{field}'), not a {expected} file: "
                   "audit it with `{command}`", found=subject_kind(found), field=key, expected=subject_kind(expected),
                   command=AUDIT_COMMANDS[found])
