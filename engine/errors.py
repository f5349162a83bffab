"""Errors raised for bad input: every one names the file and, where known, the line and column.

A message may be given as a Reason (engine.semantics.reasons: a catalogue key, its English sentence and
arguments): `message` then holds the English sentence and `reason` the data a command run with `--lang`
(or a web page with `?lang=`) words in the reader's language (`format(say=wording(lang).reason)`).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable

from engine.semantics.reasons import Reason, because, plain


@dataclass
class InputError(Exception):
    """A problem with a user's file (rule file, programme, transfer, cohort...).

    `format()` gives the one-line form the CLI prints; `detail` may add the offending
    source line with a caret under the column.
    """

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    detail: str | None = None
    reason: Reason | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Reason):  # a keyed message: English text here, the key kept for wording
            self.reason, self.message = self.message, str(self.message)
        Exception.__init__(self, self.format())

    def location(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, say: Callable[[Reason], str] | None = None) -> str:
        """'file:line: message'; `say` words a keyed message in the reader's language (else English)."""
        message = say(self.reason) if say is not None and self.reason is not None else self.message
        if self.path is None and self.line is None:
            return message
        return f"{self.location()}: {message}"

    def format_long(self) -> str:
        return self.format() + (f"\n{self.detail}" if self.detail else "")


class RuleSetError(InputError):
    """A rule file that cannot be parsed, resolved or type-checked."""


class SubjectFileError(InputError):
    """A programme, transfer or cohort file that cannot be read or validated."""


class UsageError(InputError):
    """A command used wrongly: unknown rule set, unknown option value."""


def caret_excerpt(text: str, line: int | None, column: int | None) -> str | None:
    """The source line `line` (1-based) with a caret under `column` (1-based)."""
    if line is None:
        return None
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    src = lines[line - 1].rstrip("\n")
    if column is None:
        return f"    {src}"
    return f"    {src}\n    {' ' * (max(column, 1) - 1)}^"


def nearest(name: str, candidates, cutoff: float = 0.6) -> str | None:
    """The candidate closest to `name`, if one is close enough to be a likely slip of the pen (else None):
    `cutoff` is the least likeness (difflib's ratio, 0 to 1) of a candidate named."""
    best = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=cutoff)
    return best[0] if best else None


def did_you_mean(name: str, candidates) -> str:
    """' (did you mean X?)' for the nearest candidate, or ''."""
    best = nearest(name, candidates)
    return f" (did you mean '{best}'?)" if best else ""


def suggestion(name: str, candidates) -> Reason:
    """did_you_mean as a catalogue entry, for a keyed message (worded in the reader's language)."""
    best = nearest(name, candidates)
    return you_meant(best) if best else plain("")


def you_meant(name: str) -> Reason:
    """' (did you mean X?)' as a catalogue entry, for a name known to be the one meant."""
    return because("error.did_you_mean", " (did you mean '{name}'?)", name=name)
