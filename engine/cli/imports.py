"""The `ects import` group: transcripts and learning agreements into transfer files (`import table`,
for course tables, is added to it by engine.cli from engine.cli_import_table).

    ects import elmo FILE.xml|FOLDER... [--format yaml|json] [-o OUT] [--grading-schemes S.yaml] [--no-validate] [--lang L]
    ects import ola GET.xml [UPDATE.xml...] [--format yaml|json] [-o OUT] [--lang L]

`import elmo` on one file prints (or writes to -o FILE) a transfer file skeleton; on several files or a
folder it prints an import summary per file (components, credits, schema check, notes) and, with
-o FOLDER, writes one skeleton per file there. `import ola` turns an EWP Online Learning Agreement get
response (after applying the update requests given after it) into a transfer file. Exit code 0, or 2
when a file could not be imported (the others still are).

`--lang` words the summary, the notes (also where they are written as comments of a YAML file), an imported
agreement's title and the one-line errors in the reader's language (catalogue keys import.* and
reason.import.*); the data written are the format's, whatever the language.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.cli.common import EXIT_INPUT, _guarded, _print_error, emit, lang_option
from engine.cli.tables import import_table
from engine.errors import InputError, UsageError
from engine.render.wording import Wording, wording
from engine.semantics.reasons import because
from engine.subjects.kinds import subject_files
from engine.subjects.transfer.elmo import ElmoImport, read_elmo
from engine.subjects.transfer.ola import read_ola
from engine.subjects.transfer.skeleton import NoteWords
from engine.output import guard_inputs, write_atomic

FORMATS = click.Choice(["yaml", "json"])


@click.group("import")
def import_group() -> None:
    """Import documents from other formats (ELMO transcripts, EWP learning agreements, course tables)."""


import_group.add_command(import_table)  # import table (engine.cli.tables)


def xml_files(paths: list[str]) -> list[Path]:
    """Expand folders into the *.xml files they hold (sorted, recursively); files stay as given."""
    return subject_files(paths, (".xml",))


def note_words(w: Wording) -> NoteWords:
    """How the notes of an import are worded in the language of `w` (in the output and as file comments)."""
    return NoteWords(heading=w.t("import.notes"), say=w.reason)


def elmo_summary(result: ElmoImport, w: Wording | None = None) -> str:
    """Some lines on one imported ELMO file: components, credits counted and passed, notes (in the language
    of `w`, English by default)."""
    w = w or wording("en")
    t = result.transcript
    total = sum(c.credits or 0 for c in t.components)
    passed = sum(c.credits or 0 for c in t.components if c.passed)
    unknown = sum(1 for c in t.components if c.passed is None)
    no_credits = sum(1 for c in t.components if c.credits is None)
    host = result.host.institution.name if result.host else w.t("import.host_unknown")
    line = w.t("import.summary", path=result.path, n=w.number(len(t.components)), host=host, total=w.number(total),
               passed=w.number(passed))
    line += w.t("import.summary.unknown", n=w.number(unknown)) if unknown else ""
    line += w.t("import.summary.no_credits", n=w.number(no_credits)) if no_credits else ""
    return "\n".join([line, *(f"  - {w.reason(n)}" for n in result.notes)]) + "\n"


def _out_file(folder: Path, source: Path, fmt: str) -> Path:
    return folder / f"{source.stem}.{fmt}"


@import_group.command("elmo")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=FORMATS, default="yaml", show_default=True)
@click.option("-o", "--output", help="One file: write the skeleton there. Several: a folder to write one skeleton per file.")
@click.option("--grading-schemes", help="A YAML file of grading schemes added to the bundled table (see docs/transfers.md).")
@click.option("--no-validate", is_flag=True, help="Do not check the files against the official ELMO schemas.")
@lang_option
@_guarded
def import_elmo(paths, fmt, output, grading_schemes, no_validate, lang):
    """Turn ELMO transcripts (XML files, or folders of them) into transfer file skeletons to complete."""
    w = wording(lang)
    files = xml_files(list(paths))
    if not files:
        raise UsageError(because("cli.no_elmo_files", "no ELMO files (*.xml) found"), path=" ".join(paths))
    options = {"grading_schemes": grading_schemes, "validate": not no_validate}
    if len(files) == 1 and not Path(paths[0]).is_dir() and not (output and Path(output).is_dir()):
        emit(read_elmo(files[0], **options).skeleton(fmt, note_words(w)), output, files)
        return
    folder = Path(output) if output else None
    if folder is not None and not folder.is_dir():
        raise UsageError(because("cli.output_not_folder", "with several files, -o must be an existing folder"),
                         path=output)
    failed = 0
    for f in files:
        try:
            result = read_elmo(f, **options)
        except InputError as e:
            _print_error(e, w)
            failed += 1
            continue
        click.echo(elmo_summary(result, w), nl=False)
        if folder is not None:
            target = _out_file(folder, f, fmt)
            guard_inputs(target, files)
            write_atomic(target, result.skeleton(fmt, note_words(w)))
            click.echo("  " + w.t("import.written", target=target))
    click.echo(w.t("import.done", n=w.number(len(files) - failed), total=w.number(len(files))))
    if failed:
        sys.exit(EXIT_INPUT)


@import_group.command("ola")
@click.argument("path")
@click.argument("updates", nargs=-1)
@click.option("--format", "fmt", type=FORMATS, default="yaml", show_default=True)
@click.option("-o", "--output", help="Write the transfer file here (a folder if the response holds several agreements).")
@lang_option
@_guarded
def import_ola(path, updates, fmt, output, lang):
    """Turn an EWP Online Learning Agreement (omobility-las get response) into a transfer file.

    UPDATES: update requests (approve-proposal-v1, comment-proposal-v1) to apply, in order."""
    w = wording(lang)
    results = read_ola(path, list(updates))
    inputs = [path, *updates]
    if len(results) == 1:
        emit(results[0].skeleton(fmt, note_words(w)), output, inputs)
        return
    if output is None or not Path(output).is_dir():
        raise UsageError(because("cli.several_agreements", "the file holds {n} learning agreements: give -o FOLDER to "
                                 "write one file each", n=len(results)), path=path)
    for r in results:
        target = Path(output) / f"{r.transfer.id}.{fmt}"
        guard_inputs(target, inputs)
        write_atomic(target, r.skeleton(fmt, note_words(w)))
        click.echo(f"{r.transfer.id}: {w.reason(r.state)} -> {target}")


__all__ = ["import_group", "import_elmo", "import_ola", "xml_files", "elmo_summary", "note_words"]
