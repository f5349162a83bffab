"""Authoring commands of `ects rules`: fmt, explain, new (put on the group by engine.cli.ruleset_commands)."""
from __future__ import annotations

import difflib
import importlib
import json
import sys
from pathlib import Path

import click

from engine.cli.common import (
    EXIT_FAIL,
    EXIT_INPUT,
    EXIT_OK,
    REPORT_LANGUAGES,
    _guarded,
    _print_error,
    messages_lang_option,
    parse_date,
)
from engine.render.wording import Wording, wording
from engine.semantics.reasons import because
from engine.ruleset.compiled import load_ruleset
from engine.tools.coverage import coverage_text, measure
from engine.errors import InputError, RuleSetError, UsageError, caret_excerpt
from engine.limits import read_input_bytes
from engine.tools.explain import explain_rule, explain_text
from engine.output import write_atomic
from engine.ruleset.compose import RuleSetErrors, locate
from engine.ruleset.timecheck import check_time

# The formatter reads Lark's concrete syntax tree: imported by `rules fmt` and `rules new` only, so that the
# other commands, `ects check` first, do not load Lark when their rule files come from the parse cache.
_FORMATTER = {"format_text": "engine.dsl.format:format_text", "new_ruleset": "engine.tools.scaffold:new_ruleset"}


def _formatter(name: str):
    module, _, attribute = _FORMATTER[name].partition(":")
    return getattr(importlib.import_module(module), attribute)


def rule_files(paths: list[str]) -> list[Path]:
    """The *.rules files named, or found in the folders named (recursively), sorted."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.rglob("*.rules"))
        elif p.exists():  # a named pipe too: refused when read, never waited on
            files.append(p)
        else:
            raise UsageError(because("tools.no_such_path", "no such file or folder"), path=str(p))
    return files


def test_with_coverage(targets: list[str], fmt: str, verbose: bool, w: Wording) -> int:
    """`rules test --coverage`: run the cases on an instrumented compile; print failures and coverage."""
    measured = [measure(locate(t)) for t in targets]
    results = [r for cov in measured for r in cov.cases]
    failed = [r for r in results if not r.ok]
    for res in results:
        if not res.ok or verbose:
            click.echo(res.describe(w) if not res.ok else w.t("tools.test.ok", name=res.name), err=fmt == "json")
    if fmt == "json":
        click.echo(json.dumps({"passed": len(results) - len(failed), "failed": len(failed),
                               "coverage": [cov.to_json() for cov in measured]}, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(coverage_text(cov, w) for cov in measured), nl=False)
        click.echo(w.t("tools.test.summary", passed=len(results) - len(failed), failed=len(failed)))
    return EXIT_FAIL if failed else EXIT_OK


def report_time_problems(rs, w: Wording) -> None:
    """Static checks of time: print the warnings (in the language of `w`); raise the errors (exit 2) with file:line."""
    problems = check_time(rs)
    for p in problems:
        if p.severity == "warning":
            click.echo(w.t("tools.warning", line=p.format(w.reason)), err=True)
    errors = [RuleSetError(p.message, p.pos.file, p.pos.line, p.pos.column,
                           caret_excerpt(rs.composed.text_of(p.pos.file), p.pos.line, p.pos.column))
              for p in problems if p.severity == "error"]
    if errors:
        raise RuleSetErrors(errors)


def register(rules: click.Group) -> None:
    """Add the authoring subcommands to the `rules` group."""

    @rules.command("fmt")
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--check", is_flag=True, help="Change nothing; exit 1 when a file would change.")
    @click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; change nothing.")
    @messages_lang_option
    @_guarded
    def rules_fmt(paths, check, show_diff, lang):
        """Lay out rule files (or folders of them) in the canonical form, keeping every comment."""
        w = wording(lang)
        files = rule_files(list(paths))
        if not files:
            raise UsageError(because("tools.fmt.no_files", "no *.rules files found"), path=" ".join(paths))
        changed = bad = 0
        for f in files:
            try:
                # read as rule sets read it: a named pipe or a device named *.rules is refused, never waited on;
                # line endings as Path.read_text gives them (the file is written back with the formatter's)
                text = read_input_bytes(f, RuleSetError, "rule file").decode("utf-8")
                text = text.replace("\r\n", "\n").replace("\r", "\n")
                new = _formatter("format_text")(text, str(f))
            except UnicodeDecodeError:
                _print_error(UsageError(because("tools.fmt.not_utf8", "rule file is not UTF-8 text"), path=str(f)), w)
                bad += 1
                continue
            except InputError as e:
                _print_error(e, w)
                bad += 1
                continue
            if new == text:
                continue
            changed += 1
            if show_diff:
                click.echo("".join(difflib.unified_diff(text.splitlines(True), new.splitlines(True), str(f), str(f))),
                           nl=False)
            elif check:
                click.echo(w.t("tools.fmt.would_reformat", path=f))
            else:
                write_atomic(str(f), new)
                click.echo(w.t("tools.fmt.reformatted", path=f))
        summary = "tools.fmt.would_change" if check or show_diff else "tools.fmt.changed"
        click.echo(w.t(summary, n=len(files), changed=changed) + (w.t("tools.fmt.with_errors", bad=bad) if bad else ""),
                   err=True)
        if bad:
            sys.exit(EXIT_INPUT)
        sys.exit(EXIT_FAIL if changed and check else EXIT_OK)

    @rules.command("explain")
    @click.argument("ruleset")
    @click.argument("rule")
    @click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
                  help="Language of the labels and of the rule's title; quotes of law stay as written.")
    @click.option("--as-of", "as_of", help="Explain the version in force on this day (YYYY-MM-DD); default today.")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    @_guarded
    def rules_explain(ruleset, rule, lang, as_of, fmt):
        """One rule as a reviewer reads it: law and quote, scope, condition, parameters, exceptions."""
        import json


        data = explain_rule(load_ruleset(ruleset), rule, parse_date(as_of), lang)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else explain_text(data), nl=fmt == "json")

    @rules.command("new")
    @click.argument("name")
    @click.option("--extends", "extends", required=True, help="The rule set it builds on (bundled id or folder).")
    @click.option("-o", "--output", "out_dir", default=".", show_default=True, help="The folder to create it in.")
    @messages_lang_option
    @_guarded
    def rules_new(name, extends, out_dir, lang):
        """Create a rule folder to start from, which passes `rules check` and `rules test` as created."""
        folder = _formatter("new_ruleset")(name, extends, out_dir)
        click.echo(wording(lang).t("tools.new.created", folder=folder, file=folder / (name + ".rules")))
