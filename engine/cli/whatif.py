"""The what-if options of the auditing commands: `--set NAME=VALUE` (a parameter of the rule set, for
this audit only) and `--choose GROUP=CODE,CODE` (an elective choice of a programme). A report made with
either says so in its header and in every finding that used a changed value."""
from __future__ import annotations

import datetime as dt

import click

from engine.cli.own_outputs import not_own_outputs
from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.evaluation.evaluator import Evaluator
from engine.ruleset.compiled import CompiledRuleSet, load_ruleset
from engine.ruleset.whatif import with_overrides
from engine.subjects.kinds import KINDS, subject_files
from engine.tools.variants import Variant, compare_variants, split_at
from engine.whatif_options import assignments, choices

set_option = click.option(
    "--set", "sets", multiple=True, metavar="NAME=VALUE",
    help='What-if: give a parameter of the rule set another value for this audit only, written as in a rule '
         'file (--set semester_credits="28 credits"); repeatable. The report is marked as a what-if.')
choose_option = click.option(
    "--choose", "choices", multiple=True, metavar="GROUP=CODE,CODE",
    help="What-if: fix the choice of an elective group (--choose E1=PE301,PE302); repeatable. The report is "
         "marked as a what-if.")


def compare_states(names: list[str], sets: tuple[str, ...], programmes: str | None, day: dt.date,
                   fmt: str, lang: str = "en") -> tuple[dict, list]:
    """`ects compare` of one rule set in two states: SET@DATE SET@DATE, or SET and SET with --set (on `day`);
    with the programme files of `programmes` (a file or a folder). Returns the data and the files read."""
    if fmt == "html":
        raise UsageError(because("compare.no_html", "this comparison is given as text, json or md, not html"))
    if sets:
        if len(names) != 1:
            raise UsageError(because("compare.set_one_ruleset", "with --set, name one rule set: it is compared with itself "
                                     "under the change"))
        base, at = split_at(names[0])
        day = at or day
        variants = (Variant(names[0], load_ruleset(base), day), Variant(f"{names[0]} (what-if)",
                                                                         ruleset_with(base, sets, day), day))
    else:
        if len(names) != 2:
            raise UsageError(because("compare.two_states", "name two states to compare, e.g. SET@2020-01-01 "
                                     "SET@2024-01-01"))
        parsed = [split_at(n) for n in names]
        variants = tuple(Variant(n, load_ruleset(base), at or day) for n, (base, at) in zip(names, parsed))
    for v in variants:
        Evaluator(v.ruleset, v.day)  # a set not in force on its day: a one-line error before anything is read
    files = not_own_outputs(subject_files([programmes], KINDS["programme"].suffixes), "programme", lang) if programmes else []
    if programmes and not files:
        raise UsageError(because("compare.no_programmes", "no programme files found"), path=programmes)
    return compare_variants(*variants, files, lang), files


def ruleset_with(name: str, sets: tuple[str, ...], as_of: dt.date | None) -> CompiledRuleSet:
    """The rule set named, with the --set values in force instead of its own (itself without --set)."""
    return with_overrides(load_ruleset(name), assignments(sets), as_of)


__all__ = ["set_option", "choose_option", "assignments", "choices", "ruleset_with", "compare_states"]
