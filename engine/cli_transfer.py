"""The `ects transfer` and `ects import elmo` commands (registered on the main group by engine.cli).

    ects transfer FILE --rules SET [--format text|json|md|html|proof] [-o OUT] [--as-of DAY]
                  [--transcript ELMO.xml] [--home-grades COHORT --home-group ID [--policy avg]]
    ects import elmo FILE.xml [--format yaml|json] [-o OUT]

Exit codes as for `ects check`: 0 no failed error-severity finding, 1 at least one (with --strict,
also an undecided one), 2 bad input or usage, with a one-line message.
"""
from __future__ import annotations

import sys

import click

from .cli_common import (EXIT_FAIL, EXIT_INPUT, REPORT_FORMATS, _print_error, emit, explain_option, lang_option,
                         parse_date)
from .cli_common import _guarded as _guard
from .grades.convert import POLICIES

TRANSFER_FORMATS = REPORT_FORMATS + ["proof"]


def _home_grades(path: str | None, group: str | None) -> tuple[str, str] | None:
    """(cohort file, group id) for grade conversion, or None; one without the other is a usage error."""
    from .errors import UsageError

    if path is None and group is None:
        return None
    if path is None or group is None:
        raise UsageError("--home-grades and --home-group go together")
    return path, group


def _render(results: list, fmt: str, lang: str, not_audited: list, explain: bool = False) -> str:
    """The reports of audited transfers in one format (text adds each transfer's recognition)."""
    from .recognition_text import proof_of_recognition, recognition_text
    from .render import render
    from .render.text import not_audited_text, render_text

    if fmt == "proof":
        report, model = results[0]
        return proof_of_recognition(report, model, lang)
    reports = [r for r, _ in results]
    if fmt == "text":
        return "\n".join(render_text(r, lang, explain) + recognition_text(r.extra["recognition"], lang) for r in reports) \
            + not_audited_text(not_audited, lang)
    return render(reports, fmt, lang, not_audited)


@click.command("transfer")
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "ruleset", required=True, help="A bundled rule set id, or a folder of *.rules files.")
@click.option("--as-of", "as_of", help="Apply the law in force on this day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(TRANSFER_FORMATS), default="text", show_default=True,
              help="proof: a draft Proof of Recognition in Markdown (one transfer file).")
@click.option("-o", "--output", help="Write the report to this file.")
@click.option("--strict", is_flag=True, help="Exit 1 also when a finding is undecided.")
@lang_option
@explain_option
@click.option("--transcript", "transcript_xml", help="An ELMO XML transcript to use as the transfer's transcript.")
@click.option("--home-grades", help="A cohort file with the home institution's grades (to convert grades).")
@click.option("--home-group", help="The reference group in --home-grades.")
@click.option("--policy", type=click.Choice(POLICIES), default="avg", show_default=True,
              help="Grade conversion policy where bands overlap.")
@_guard
def transfer(paths, ruleset, as_of, fmt, output, strict, lang, explain, transcript_xml, home_grades, home_group,
             policy):
    """Audit transfer files, or folders of them (learning agreement, transcript, recognition), and show
    the recognition each implies. Exit codes as for `ects check`."""
    from .api import subject_files
    from .errors import InputError, UsageError
    from .transfer_audit import audit_transfer

    day = parse_date(as_of)
    files = subject_files(list(paths))
    if not files:
        raise UsageError("no transfer files (*.yaml, *.yml, *.json) found", path=" ".join(paths))
    if len(files) > 1 and (fmt == "proof" or transcript_xml):
        raise UsageError("--format proof and --transcript take one transfer file")
    grades = _home_grades(home_grades, home_group)
    results, not_audited = [], []
    for f in files:
        try:
            results.append(audit_transfer(ruleset, f, as_of=day, transcript_xml=transcript_xml,
                                          home_grades=grades, policy=policy))
        except InputError as e:
            if len(files) == 1:
                raise
            not_audited.append((e.location(), e.message))
            _print_error(e)
    inputs = [*files, *(p for p in (transcript_xml, home_grades) if p)]
    if results:
        emit(_render(results, fmt, lang, not_audited, explain), output, inputs)
    if not_audited:
        sys.exit(EXIT_INPUT)
    reports = [r for r, _ in results]
    if any(r.has_failed_error() for r in reports) or (strict and any(r.has_indeterminate() for r in reports)):
        sys.exit(EXIT_FAIL)


@click.group("import")
def import_group() -> None:
    """Import documents from other formats into transfer files."""


@import_group.command("elmo")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.option("-o", "--output", help="Write the transfer file skeleton to this file.")
@_guard
def import_elmo(path, fmt, output):
    """Turn an ELMO transcript (XML) into a transfer file skeleton to complete."""
    from .importers.elmo import read_elmo

    emit(read_elmo(path).skeleton(fmt), output, [path])


def register(main: click.Group) -> None:
    """Add the commands to the `ects` command group."""
    main.add_command(transfer)
    main.add_command(import_group)


__all__ = ["register", "transfer", "import_group"]
