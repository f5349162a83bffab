"""`ects grades suggest`: the suggested grades of a transfer, as a table for the examination board.

    ects grades suggest TRANSFER [-o TABLE.csv|TABLE.xlsx] [--home-grades COHORT --home-group ID]
                        [--host-grades COHORT --host-group ID] [--policy min|avg|max|mid] [--lang en|el|sr|sr-Cyrl]

The tables of both sides come from the options, else from the transfer file's `grades:` section.
Without -o the table is printed as CSV. Headers, explanations and notes are in the --lang language.
Exit 0, or 2 for bad input (one line).
"""
from __future__ import annotations

import click

from engine.cli.common import _guarded, emit, lang_option
from engine.errors import UsageError
from engine.semantics.reasons import Reason, because, plain, reason_from_data
from engine.grades.convert import POLICIES
from engine.subjects.transfer.ola import load_ola_transfer
from engine.subjects.transfer.model import load_transfer
from engine.subjects.transfer.recognition_grades import grade_table_files, transfer_grades
from engine.subjects.transfer.recognition_suggested import suggested_csv, write_suggested
from engine.render.grade_words import explanation_lines, warning_lines
from engine.render.i18n import Labels


def table_option(path: str | None, group: str | None, side: str) -> tuple[str, str] | None:
    """(cohort file, group) from --SIDE-grades and --SIDE-group, or None; one without the other is a usage error."""
    if path is None and group is None:
        return None
    if path is None or group is None:
        raise UsageError(because("cli.options_together", "--{side}-grades and --{side}-group go together", side=side))
    return path, group


def not_converted(grades: dict) -> Reason:
    """Why no grade was converted (the note of `transfer_grades`), then each grade skipped and why, after a ';'."""
    skipped = tuple(reason_from_data(part) for part in grades.get("skipped_parts", []))
    return because("cli.not_converted", "{note}{skipped}", note=reason_from_data(grades["note_part"]),
                   skipped=because("cli.skipped", "; {items}", items=skipped) if skipped else plain(""))


def grade_table_options(fn):
    """The grading tables a transfer's grades are converted with (--home-grades/--home-group,
    --host-grades/--host-group) and the conversion policy (--policy), for `transfer` and `grades suggest`."""
    options = [
        click.option("--home-grades", help="Cohort file with the home grading table (else the transfer file's grades.home)."),
        click.option("--home-group", help="The reference group in --home-grades."),
        click.option("--host-grades", help="Cohort file with the host grading table (else grades.host, else the transcript's)."),
        click.option("--host-group", help="The reference group in --host-grades."),
        click.option("--policy", type=click.Choice(POLICIES), default="avg", show_default=True,
                     help="Where bands overlap (the transfer file's grades.policy wins when it gives one)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@click.command("suggest")
@click.argument("transfer")
@click.option("-o", "--output", help="Write the table to this .csv or .xlsx file (default: CSV on the screen).")
@grade_table_options
@lang_option
@_guarded
def suggest(transfer, output, home_grades, home_group, host_grades, host_group, policy, lang):
    """Convert a transfer's grades and write the suggested grades for the examination board to approve."""
    home, host = table_option(home_grades, home_group, "home"), table_option(host_grades, host_group, "host")
    model, _ = load_ola_transfer(transfer) if transfer.lower().endswith(".xml") else load_transfer(transfer)
    grades = transfer_grades(model, transfer, home, policy, host, explain=lambda conv, foreign, home_table: (
        explanation_lines(conv, foreign, home_table, lang), warning_lines(foreign, home_table, lang)))
    if grades is None:
        raise UsageError(because("cli.no_home_table", "no home grading table: give --home-grades and --home-group, "
                                 "or grades.home in the file"), path=transfer)
    if not grades.get("converted"):
        raise UsageError(not_converted(grades), path=transfer)
    inputs = [transfer, *(p for p in (home_grades, host_grades) if p), *grade_table_files(model, transfer)]
    title = Labels(lang)("grades.suggest.title", id=model.id) + (
        f" ({model.student.name})" if model.student and model.student.name else "")
    if output is None or output == "-":
        emit(suggested_csv(grades, lang), None, inputs)
    else:
        write_suggested(grades, output, title, inputs, lang)


__all__ = ["suggest", "table_option", "grade_table_options", "not_converted"]
