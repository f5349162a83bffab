"""Errors raised for bad input: every one names the file and, where known, the line and column."""
from __future__ import annotations

from dataclasses import dataclass


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

    def __post_init__(self) -> None:
        Exception.__init__(self, self.format())

    def location(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        if self.path is None and self.line is None:
            return self.message
        return f"{self.location()}: {self.message}"

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


def did_you_mean(name: str, candidates) -> str:
    """' (did you mean X?)' for the nearest candidate, or ''."""
    import difflib

    best = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean '{best[0]}'?)" if best else ""
