"""The what-if options of the auditing commands: `--set NAME=VALUE` (a parameter of the rule set, for
this audit only) and `--choose GROUP=CODE,CODE` (an elective choice of a programme). A report made with
either says so in its header and in every finding that used a changed value."""
from __future__ import annotations

import datetime as dt

import click

from engine.ruleset.compiled import CompiledRuleSet, load_ruleset
from engine.ruleset.whatif import with_overrides
from engine.whatif_options import assignments, choices

set_option = click.option(
    "--set", "sets", multiple=True, metavar="NAME=VALUE",
    help='What-if: give a parameter of the rule set another value for this audit only, written as in a rule '
         'file (--set semester_credits="28 credits"); repeatable. The report is marked as a what-if.')
choose_option = click.option(
    "--choose", "choices", multiple=True, metavar="GROUP=CODE,CODE",
    help="What-if: fix the choice of an elective group (--choose E1=PE301,PE302); repeatable. The report is "
         "marked as a what-if.")


def ruleset_with(name: str, sets: tuple[str, ...], as_of: dt.date | None) -> CompiledRuleSet:
    """The rule set named, with the --set values in force instead of its own (itself without --set)."""
    return with_overrides(load_ruleset(name), assignments(sets), as_of)


__all__ = ["set_option", "choose_option", "assignments", "choices", "ruleset_with"]
