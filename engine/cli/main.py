"""The `ects` command line: a thin layer over the library (engine.api and friends).

Exit codes: 0 no failed error-severity finding; 1 at least one (with --strict, also any undecided
finding); 2 usage or input error, with the message on stderr.
"""
from __future__ import annotations

import gc
import importlib
import json

import click

from engine.subjects.kinds import LoadOptions
from engine.cli.common import (
    REPORT_FORMATS,
    _guarded,
    batch_options,
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
from engine.cli.whatif import choices as parse_choices, choose_option, set_option
from engine.subjects.schemas import json_schema


class _Commands(click.Group):
    """The command group, with commands whose modules load only when the command is run (or listed in
    --help): `ects serve` brings the web framework, `ects transfer` the transfer readers, `ects grades` the
    cohort readers, `ects rules` and `ects compare` the rule-set tools, none of which a plain `ects check` needs."""

    LAZY = {  # command name -> "module:attribute" of the command
        "serve": "engine.web.command:serve",
        "transfer": "engine.cli.transfer:transfer",
        "import": "engine.cli.imports:import_group",  # elmo, ola (engine.cli.imports); table (engine.cli.tables)
        "grades": "engine.cli.grades:grades",  # table, check, convert (engine.cli.grades); suggest (engine.cli.suggest)
        "history": "engine.cli.history:history",  # the audits recorded with --store (engine.history)
        "diff": "engine.cli.history:diff",
        "rules": "engine.cli.ruleset_commands:rules",  # list, show, check, test; fmt, explain, new (engine.cli.rules)
        "compare": "engine.cli.compare:compare",  # rule sets side by side (engine.tools.compare, engine.tools.variants)
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


# ---- schema ---------------------------------------------------------------------------------------------

@main.command()
@click.argument("kind", type=click.Choice(["programme", "transfer", "cohort", "report"]))
@messages_lang_option
@_guarded
def schema(kind, lang):
    """Print the JSON Schema of an input file format, or of the JSON report (`report`)."""
    click.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


# ---- template (engine.cli.tables) ---------------------------------------------------------------------

main.add_command(template_group)


def run() -> None:  # pragma: no cover - console entry
    """The `ects` command. The modules loaded by now live as long as the process: they are moved out of the
    garbage collector's passes (gc.freeze), which then look only at what the command makes, and at the exit
    of a one-file check do not walk every object of the engine once more."""
    gc.freeze()
    main()


if __name__ == "__main__":  # pragma: no cover
    run()
