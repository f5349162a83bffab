"""The `ects` command line: a thin layer over the library (engine.api and friends).

Exit codes: 0 no failed error-severity finding; 1 at least one (with --strict, also any undecided
finding); 2 usage or input error, with the message on stderr.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click

from engine.cli.rules import register as register_rules_commands, report_time_problems, test_with_coverage
from engine.subjects.kinds import LoadOptions
from engine.cli.common import (
    EXIT_FAIL,
    EXIT_INPUT,
    EXIT_OK,
    REPORT_FORMATS,
    REPORT_LANGUAGES,
    _guarded,
    batch_options,
    emit,
    explain_option,
    lang_option,
    messages_lang_option,
    parse_date,
    store_option,
)
from engine.cli.batchrun import find_files, stream_batch
from engine.cli.work import Job
from engine.cli.usage_words import ARGV_KEY, usage_language, worded
from engine.cli.tables import table_options, table_read_options, template_group
from engine.cli.whatif import choices as parse_choices, choose_option, compare_states, set_option
from engine.tools.variants import variants_text
from engine.tools.compare import compare_md, compare_rulesets, compare_text
from engine.ruleset.compiled import compile_ruleset, load_ruleset
from engine.tools.describe import describe_ruleset, describe_text
from engine.render.templated import render_comparison
from engine.render.wording import Wording, wording
from engine.ruleset import compose as rulesets
from engine.ruleset.compose import compose, list_bundled, locate
from engine.ruleset.translations import rule_named
from engine.tools.ruletests import run_cases
from engine.subjects.schemas import json_schema


class _Commands(click.Group):
    """The command group, with commands whose modules load only when the command is run (or listed in
    --help): `ects serve` brings the web framework, `ects transfer` the transfer readers, `ects grades` the
    cohort readers, none of which a plain `ects check` needs."""

    LAZY = {  # command name -> "module:attribute" of the command
        "serve": "engine.web.command:serve",
        "transfer": "engine.cli.transfer:transfer",
        "import": "engine.cli.imports:import_group",  # elmo, ola (engine.cli.imports); table (engine.cli.tables)
        "grades": "engine.cli.grades:grades",  # table, check, convert (engine.cli.grades); suggest (engine.cli.suggest)
        "history": "engine.cli.history:history",  # the audits recorded with --store (engine.history)
        "diff": "engine.cli.history:diff",
    }

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx, name):
        if name in self.LAZY and name not in self.commands:
            module, _, attribute = self.LAZY[name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def make_context(self, info_name, args, parent=None, **extra):
        """The context of a command line; click's usage errors in the language of its `--lang`."""
        argv = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except click.UsageError as e:
            raise worded(e, usage_language(argv), argv) from e
        ctx.meta[ARGV_KEY] = argv
        return ctx

    def invoke(self, ctx):
        """Run the command; its usage errors (an unknown option, a missing argument...) in the language of
        the command line's `--lang` (engine.cli.usage_words)."""
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            argv = ctx.meta.get(ARGV_KEY, ())
            raise worded(e, usage_language(argv), argv) from e


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120})
@click.version_option(package_name="ects", prog_name="ects")
def main() -> None:
    """ects: audit study programmes, transfers and grade distributions against credit regulations."""


# ---- check -------------------------------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "ruleset", required=True, help="A bundled rule set id, or a folder of *.rules files.")
@click.option("--as-of", "as_of", help="Apply the law in force on this day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True)
@click.option("-o", "--output", help="Write the report to this file; to FOLDER/: one file per programme and an index "
                                     "(html with several programmes: a folder unless it ends in .html).")
@click.option("--strict", is_flag=True, help="Exit 1 also when a finding is undecided.")
@lang_option
@table_options
@explain_option
@set_option
@choose_option
@store_option
@batch_options
@_guarded
def check(paths, ruleset, as_of, fmt, output, strict, lang, sheet, columns, fields, encoding, explain, sets, choices,
          store, batch):
    """Audit programme files (or folders of them) against a rule set.

    \b
    Exit codes: 0 no error-severity rule failed; 1 at least one did (with --strict, also when a
    finding is undecided); 2 a usage or input error (message on stderr). In a folder with a bad
    file, the good files are still audited and reported, the bad one is named (on standard error, and in
    every report: text, JSON, Markdown, HTML and JUnit), and the exit code is 2.
    """
    options = LoadOptions(table=table_read_options(sheet, columns, fields, encoding), choices=parse_choices(choices))
    files = find_files(paths, "programme", lang)
    job = Job(ruleset, "programme", parse_date(as_of), lang, options, fmt, batch.show_for(explain), explain,
              sets=tuple(sets))
    stream_batch(files, job, output, batch, strict, store=store)


# ---- rules --------------------------------------------------------------------------------------------

@main.group()
def rules() -> None:
    """List, show, check and test rule sets."""


@rules.command("list")
@messages_lang_option
@_guarded
def rules_list(lang):
    """The bundled rule sets."""
    w = wording(lang)
    for name in list_bundled():
        rs = load_ruleset(name)
        h = rs.composed.header
        extends = w.t("tools.list.extends", parent=h.extends) if h.extends else ""
        period = h.in_force.describe() if lang == "en" else w.period(h.in_force)
        click.echo(w.t("tools.list.line", name=f"{name:<24}", title=w.rule_text(h.titles) or rs.composed.title,
                       extends=extends, period=period))


@rules.command("show")
@click.argument("ruleset")
@click.option("--as-of", "as_of", help="Show the values in force on this day.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
              help="Language of the rule files' texts (titles, notes, sources, articles); the headings stay English.")
@_guarded
def rules_show(ruleset, as_of, fmt, lang):
    """Sources, parameters and rules of a rule set, with citations; weak citations are flagged."""
    rs = load_ruleset(ruleset)
    data = describe_ruleset(rs, parse_date(as_of), lang)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else describe_text(data, lang), nl=fmt == "json")


@rules.command("check")
@click.argument("target")
@messages_lang_option
@_guarded
def rules_check(target, lang):
    """Parse and type-check a rule set (id or folder) or one rule file; list every problem."""
    w = wording(lang)
    rs = compile_ruleset(compose(target, collect=True))
    _warn_untranslated(rs, w)
    report_time_problems(rs, w)
    n_rules = sum(1 for v in rs.rules.values() if v)
    click.echo(w.t("tools.check.ok", id=rs.id, params=len(rs.params), rules=n_rules,
                   exceptions=sum(len(r.exceptions) for v in rs.rules.values() for r in v[:1]),
                   dropped=len(rs.composed.dropped)))


def _warn_untranslated(rs, w: Wording) -> None:
    """Bundled rules are written in English, Greek and Serbian: warn for each gap (a rule's title, message
    or note; the set's other texts: version, sources, notes, drop reasons, article texts). A user's own
    rules may be English only (reports fall back to English and say so): one note."""
    bundled = rulesets.bundled_rules_dir().resolve()
    gaps = [(r.decl.pos, rule_named(r.id), missing) for r, missing in rs.untranslated()]
    gaps += [(g.pos, g.what, g.missing) for g in rs.untranslated_texts()]
    own = 0
    for pos, what, missing in sorted(gaps, key=lambda x: (x[0].file, x[0].line, x[0].column)):
        if bundled in Path(pos.file).resolve().parents:
            click.echo(w.t("tools.check.bundled_lacks", pos=pos, what=w.reason(what), missing=", ".join(missing)))
        else:
            own += 1
    if own:
        click.echo(w.t("tools.check.own_untranslated", n=own))


@rules.command("test")
@click.argument("ruleset", required=False)
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
@click.option("--coverage", is_flag=True, help="Also report the rules, statuses and conditions the cases exercise.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="With --coverage: the coverage as a table or as JSON.")
@messages_lang_option
@_guarded
def rules_test(ruleset, verbose, coverage, fmt, lang):
    """Run a rule set's test cases (rules/<set>/tests/*.yaml); all bundled sets when none is named."""
    w = wording(lang)
    targets = [ruleset] if ruleset else list_bundled()
    if coverage:
        sys.exit(test_with_coverage(targets, fmt, verbose, w))
    failed = total = 0
    for t in targets:
        results = run_cases(locate(t))
        for res in results:
            total += 1
            if not res.ok:
                failed += 1
                click.echo(res.describe(w))
            elif verbose:
                click.echo(w.t("tools.test.ok", name=res.name))
    click.echo(w.t("tools.test.summary", passed=total - failed, failed=failed))
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


# ---- compare --------------------------------------------------------------------------------------------

@main.command()
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


# ---- schema ---------------------------------------------------------------------------------------------

@main.command()
@click.argument("kind", type=click.Choice(["programme", "transfer", "cohort", "report"]))
@messages_lang_option
@_guarded
def schema(kind, lang):
    """Print the JSON Schema of an input file format, or of the JSON report (`report`)."""
    click.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


# ---- template (engine.cli.tables); rules fmt, explain, new (engine.cli.rules) ------------------------

main.add_command(template_group)
register_rules_commands(rules)  # fmt, explain, new (engine.cli_rules)


def run() -> None:  # pragma: no cover - console entry
    main()


if __name__ == "__main__":  # pragma: no cover
    main()
