"""The `ects transfer` and `ects import elmo` commands (added to the main group by engine.cli).

    ects transfer FILE --rules SET [--format text|json|md|html|proof] [-o OUT] [--as-of DAY]
                  [--transcript ELMO.xml] [--home-grades COHORT --home-group ID [--policy avg]]
    ects import elmo FILE.xml [--format yaml|json] [-o OUT]

Exit codes as for `ects check`: 0 no failed error-severity finding, 1 at least one (with --strict,
also an undecided one), 2 bad input or usage, with a one-line message.
"""
from __future__ import annotations

import click

from engine.cli.batchrun import find_files, stream_batch
from engine.cli.common import (REPORT_FORMATS, audit_paths, batch_options, emit, exit_for, explain_option,
                               lang_option, parse_date, store_option)
from engine.cli.work import Job
from engine.history.recording import record_all
from engine.cli.common import _guarded as _guard
from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.render.recognition import proof_of_recognition
from engine.cli.suggest import grade_table_options, table_option
from engine.cli.whatif import set_option
from engine.subjects.transfer.recognition_grades import grade_table_files
from engine.subjects.kinds import LoadOptions, once_each, subject_files

TRANSFER_FORMATS = REPORT_FORMATS + ["proof"]


@click.command("transfer")
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "ruleset", required=True, help="A bundled rule set id, or a folder of *.rules files.")
@click.option("--as-of", "as_of", help="Apply the law in force on this day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(TRANSFER_FORMATS), default="text", show_default=True,
              help="proof: a draft Proof of Recognition in Markdown (one transfer file).")
@click.option("-o", "--output", help="Write the report to this file; to FOLDER/: one file per transfer and an index.")
@click.option("--strict", is_flag=True, help="Exit 1 also when a finding is undecided.")
@lang_option
@explain_option
@click.option("--transcript", "transcript_xml", help="An ELMO XML transcript to use as the transfer's transcript.")
@grade_table_options
@set_option
@store_option
@batch_options
@_guard
def transfer(paths, ruleset, as_of, fmt, output, strict, lang, explain, transcript_xml, home_grades, home_group,
             policy, host_grades, host_group, sets, store, batch):
    """Audit transfer files, or folders of them (learning agreement, transcript, recognition), and show
    the recognition each implies. Exit codes as for `ects check`."""
    if (fmt == "proof" or transcript_xml) and len(once_each(subject_files(list(paths)))[0]) > 1:
        raise UsageError(because("cli.one_transfer_file", "--format proof and --transcript take one transfer file"))
    options = LoadOptions(transcript_xml=transcript_xml, home_grades=table_option(home_grades, home_group, "home"),
                          host_grades=table_option(host_grades, host_group, "host"), policy=policy)
    given = [p for p in (transcript_xml, home_grades, host_grades) if p]
    if fmt != "proof":  # report by report, on --jobs processes
        files = find_files(paths, "transfer", lang)
        job = Job(ruleset, "transfer", parse_date(as_of), lang, options, fmt, batch.show_for(explain), explain,
                  sets=tuple(sets))
        stream_batch(files, job, output, batch, strict, given, store=store)
        return
    # the proof of recognition of one transfer file
    files, audited = audit_paths(paths, ruleset, "transfer", as_of, lang, options, sets)
    record_all(store, audited.reports, audited.subjects)
    grade_files = [g for s in audited.subjects for g in grade_table_files(s.model, s.path)]
    if audited.reports:
        emit(proof_of_recognition(audited.reports[0], audited.subjects[0].model, lang), output,
             [*files, *given, *grade_files])
    exit_for(audited, strict)

__all__ = ["transfer"]
