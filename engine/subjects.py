"""The kinds of subject a rule set can audit, and how to build each from a file or from inline data.

Each kind registers its pydantic model and a function from the validated model to the view object
that rules read (with `root_name`, `id`, `describe()`). The rule-set test runner and the CLI use this
registry, so a new kind of subject is added in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .errors import SubjectFileError
from .load import load_model, validate


@dataclass(frozen=True)
class SubjectKind:
    name: str  # programme | transfer | cohort
    model: type
    make_view: Callable[[Any], Any]


KINDS: dict[str, SubjectKind] = {}


def register_kind(kind: SubjectKind) -> None:
    KINDS[kind.name] = kind


def _ensure() -> None:
    from .schema import ensure_registered
    ensure_registered()


def kind(name: str) -> SubjectKind:
    _ensure()
    if name not in KINDS:
        raise SubjectFileError(f"unknown kind of subject '{name}' (known: {', '.join(sorted(KINDS))})")
    return KINDS[name]


def load_subject(name: str, path: str | Path):
    """Read a subject file of the given kind; return (view, sha256)."""
    k = kind(name)
    model, sha = load_model(k.model, path, name)
    return k.make_view(model), sha


def subject_from_data(name: str, data: Any, lines: dict, path: str, at: tuple = ()):
    """Build a subject from data already read (inline in a test case); errors point into `path`."""
    k = kind(name)
    sub_lines = {key[len(at):]: line for key, line in lines.items() if key[:len(at)] == at}
    return k.make_view(validate(k.model, data, sub_lines, path, name))
