"""`ects compare`: rule sets side by side, or one rule set in two states (two dates, or with --set) with the
verdicts of programme files under each. Loaded only when the command is run (engine.cli.main)."""
from __future__ import annotations

import datetime as dt
import json
import sys

import click

from engine.cli.common import EXIT_INPUT, EXIT_OK, REPORT_LANGUAGES, _guarded, emit, parse_date
from engine.cli.own_outputs import not_own_outputs
from engine.cli.whatif import ruleset_with, set_option
from engine.errors import UsageError
from engine.evaluation.evaluator import Evaluator
from engine.render.templated import render_comparison
from engine.ruleset.compiled import load_ruleset
from engine.semantics.reasons import because
from engine.subjects.kinds import KINDS, subject_files
from engine.tools.compare import compare_md, compare_rulesets, compare_text
from engine.tools.variants import Variant, compare_variants, split_at, variants_text


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


@click.command()
@click.argument("rulesets", nargs=-1, required=True)
@click.option("--programme", "programme", help="Also give each rule's verdict on this programme file under each set.")
@click.option("--as-of", "as_of", help="Compare the law in force on this day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text", show_default=True)
@click.option("-o", "--output", help="Write the comparison to this file.")
@set_option
@click.option("--programmes", "folder", help="With SET@DATE SET@DATE or --set: the programme files (or a folder of "
                                            "them) whose verdicts and findings to compare.")
@click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
              help="Language of the rule files' texts (titles, sources, articles, reasons) and of the HTML labels.")
@_guarded
def compare(rulesets, programme, as_of, fmt, output, sets, folder, lang):
    """Rule sets side by side: parameters, rules (added, overridden, excepted, dropped), verdicts.

    \b
    ects compare SET@2020-01-01 SET@2024-01-01 [--programmes FOLDER]   one set on two dates
    ects compare SET --set NAME=VALUE --programmes FOLDER              a proposed change: which programmes
                                                                       change verdict, which findings status"""
    if sets or folder or any("@" in r for r in rulesets):
        data, inputs = compare_states(list(rulesets), sets, folder or programme, parse_date(as_of), fmt, lang)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else variants_text(data, fmt == "md", lang)
        emit(text, output, inputs)
        sys.exit(EXIT_INPUT if data["not_audited"] else EXIT_OK)
    data = compare_rulesets(list(rulesets), parse_date(as_of), programme, lang)
    text = {"json": lambda d, _: json.dumps(d, ensure_ascii=False, indent=2) + "\n", "md": compare_md,
            "text": compare_text, "html": render_comparison}[fmt](data, lang)
    emit(text, output, [programme] if programme else [])

