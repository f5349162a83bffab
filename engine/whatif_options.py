"""What-if options as the command line and the server take them: `NAME=VALUE` texts (`--set`, a parameter
of the rule set for one audit) and `GROUP=CODE,CODE` texts (`--choose`, an elective choice of a programme),
read with the rule language's parsers and checked against the rule sets, with the CLI's one-line errors."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from engine.ruleset.compiled import CompiledRuleSet
from engine.ruleset.whatif import split_assignment, with_overrides
from engine.subjects.programme.choose import Choice, parse_choice


def assignments(sets: Iterable[str]) -> list[tuple[str, str]]:
    """The --set options as (name, value text) pairs (a one-line usage error for a malformed one)."""
    return [split_assignment(s) for s in sets]


def choices(texts: Iterable[str]) -> tuple[Choice, ...]:
    """The --choose options as (group, codes) pairs."""
    return tuple(parse_choice(c) for c in texts)


def check_assignments(rulesets: Iterable[CompiledRuleSet], pairs: list[tuple[str, str]], as_of: dt.date) -> None:
    """Raise the CLI's UsageError if a (name, value text) pair does not fit one of the rule sets (an unknown
    parameter, a value of another type or unit, a parameter given twice)."""
    for rs in rulesets:
        with_overrides(rs, pairs, as_of)


__all__ = ["assignments", "choices", "check_assignments"]
