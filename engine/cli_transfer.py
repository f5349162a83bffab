"""The `ects transfer` and `ects import elmo` commands (added to the main group by engine.cli).

    ects transfer FILE --rules SET [--format text|json|md|html|proof] [-o OUT] [--as-of DAY]
                  [--transcript ELMO.xml] [--home-grades COHORT --home-group ID [--policy avg]]
    ects import elmo FILE.xml [--format yaml|json] [-o OUT]

Exit codes as for `ects check`: 0 no failed error-severity finding, 1 at least one (with --strict,
also an undecided one), 2 bad input or usage, with a one-line message.
"""
from __future__ import annotations

import click

from .cli_common import REPORT_FORMATS, audit_paths, emit, exit_for, lang_option
from .cli_common import _guarded as _guard
from .errors import UsageError
from .grades.convert import POLICIES
from .importers.elmo import read_elmo
from .recognition_text import proof_of_recognition
from .render import render
from .render.i18n import Labels
from .subjects import LoadOptions, subject_files

TRANSFER_FORMATS = REPORT_FORMATS + ["proof"]


def _home_grades(path: str | None, group: str | None) -> tuple[str, str] | None:
    """(cohort file, group id) for grade conversion, or None; one without the other is a usage error."""
    if path is None and group is None:
        return None
    if path is None or group is None:
        raise UsageError("--home-grades and --home-group go together")
    return path, group


@click.command("transfer")
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "ruleset", required=True, help="A bundled rule set id, or a folder of *.rules files.")
@click.option("--as-of", "as_of", help="Apply the law in force on this day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(TRANSFER_FORMATS), default="text", show_default=True,
              help="proof: a draft Proof of Recognition in Markdown (one transfer file).")
@click.option("-o", "--output", help="Write the report to this file.")
@click.option("--strict", is_flag=True, help="Exit 1 also when a finding is undecided.")
@lang_option
@click.option("--transcript", "transcript_xml", help="An ELMO XML transcript to use as the transfer's transcript.")
@click.option("--home-grades", help="A cohort file with the home institution's grades (to convert grades).")
@click.option("--home-group", help="The reference group in --home-grades.")
@click.option("--policy", type=click.Choice(POLICIES), default="avg", show_default=True,
              help="Grade conversion policy where bands overlap.")
@_guard
def transfer(paths, ruleset, as_of, fmt, output, strict, lang, transcript_xml, home_grades, home_group, policy):
    """Audit transfer files, or folders of them (learning agreement, transcript, recognition), and show
    the recognition each implies. Exit codes as for `ects check`."""
    if (fmt == "proof" or transcript_xml) and len(subject_files(list(paths))) > 1:
        raise UsageError("--format proof and --transcript take one transfer file")
    options = LoadOptions(transcript_xml=transcript_xml, home_grades=_home_grades(home_grades, home_group),
                          policy=policy)
    files, batch = audit_paths(paths, ruleset, "transfer", as_of, lang, options)
    inputs = [*files, *(p for p in (transcript_xml, home_grades) if p)]
    if batch.reports:
        text = proof_of_recognition(batch.reports[0], batch.subjects[0].model, Labels, lang) if fmt == "proof" \
            else render(batch.reports, fmt, lang, batch.not_audited)
        emit(text, output, inputs)
    exit_for(batch, strict)


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
    emit(read_elmo(path).skeleton(fmt), output, [path])


__all__ = ["transfer", "import_group"]
