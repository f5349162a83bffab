"""What every `ects` command shares: exit codes, one-line errors, dates, writing output, options, and the
one loop that audits files and folders of any kind of subject (`audit_paths`, `exit_for`)."""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import os
import sys
from typing import Callable

import click

from engine.api import Batch, audit_files
from engine.cli.whatif import ruleset_with
from engine.errors import InputError, UsageError
from engine.cli.batchrun import BatchSettings, find_files
from engine.cli.work import RECORDING
from engine.output import guard_inputs, write_atomic
from engine.render.layout import SHOWS
from engine.render.wording import Wording, wording
from engine.semantics.reasons import because, plain
from engine.subjects.kinds import LoadOptions

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a program ended by SIGPIPE
REPORT_FORMATS = ["text", "json", "jsonl", "md", "html", "junit"]
REPORT_LANGUAGES = ["en", "el", "sr", "sr-Cyrl"]  # sr-Cyrl: Serbian in Cyrillic script


def _print_error(e: InputError, w: Wording | None = None) -> None:
    """The one-line error(s) on standard error, in the language of `w` where the message has a catalogue key."""
    w = w or wording("en")
    errors = getattr(e, "errors", None) or [e]
    for err in errors:
        click.echo(w.t("cli.error", line=err.format(w.reason)), err=True)
        if err.detail:
            click.echo(err.detail, err=True)


def _error_wording(kwargs: dict) -> Wording:
    """The wording of a command's errors: the language of its `--lang`, English for a command without one."""
    lang = kwargs.get("lang")
    return wording(lang if lang in REPORT_LANGUAGES else "en")


def _guarded(fn: Callable) -> Callable:
    """Turn input errors into one-line messages (in the language of `--lang`) and exit code 2, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as e:
            _print_error(e, _error_wording(kwargs))
            sys.exit(EXIT_INPUT)
        except BrokenPipeError:  # the reader went away (`ects ... | head`): stop quietly
            _silence_stdout()
            sys.exit(EXIT_BROKEN_PIPE)
        except OSError as e:  # an output path that cannot be written, a file that cannot be read
            where = f"{e.filename}: " if e.filename else ""
            w = _error_wording(kwargs)
            why = because("cli.os_error", "{why}", why=plain(str(e.strerror or e)))
            click.echo(w.t("cli.error", line=f"{where}{w.reason(why)}"), err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            click.echo(_error_wording(kwargs).t("cli.interrupted"), err=True)
            sys.exit(130)
    return wrapper


def _silence_stdout() -> None:
    """Point standard output at /dev/null so that flushing it at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def parse_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(because("cli.bad_as_of", "--as-of '{value}' is not a date (YYYY-MM-DD)", value=value)) from None


def emit(text: str, output: str | None, inputs: list) -> None:
    """Print, or write atomically to -o FILE (never over an input)."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    guard_inputs(output, inputs)
    write_atomic(output, text)


lang_option = click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
                           help="Language of the report's labels and of rule titles and messages where the "
                                "rule set provides them; quotes of law stay as written.")


messages_lang_option = click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
                                    help="Language of the command's messages and errors; rule files and their "
                                         "names stay as written.")


def audit_paths(paths, ruleset: str, kind_name: str, as_of: str | None, lang: str,
                options: LoadOptions = LoadOptions(), sets: tuple[str, ...] = ()) -> tuple[list, Batch]:
    """Audit the files named, and those in the folders named, as subjects of one kind: the rule set is
    compiled once (with the what-if values of `sets`, `--set NAME=VALUE`); a file that cannot be read is
    named on standard error and the others are audited."""
    files = find_files(paths, kind_name, lang)
    day = parse_date(as_of)
    batch = audit_files(ruleset_with(ruleset, sets, day), files, kind_name, as_of=day, lang=lang, options=options)
    for e in batch.errors:
        _print_error(e, wording(lang))
    return files, batch


def exit_for(batch: Batch, strict: bool) -> None:
    """Exit 2 if a file could not be audited, 1 if an error-severity rule failed (or, with --strict, any
    finding is undecided); return (exit 0) otherwise."""
    if batch.not_audited:
        sys.exit(EXIT_INPUT)
    reports = batch.reports
    if any(r.has_failed_error() for r in reports) or (strict and any(r.has_indeterminate() for r in reports)):
        sys.exit(EXIT_FAIL)


explain_option = click.option("--explain", is_flag=True,
                              help="Give every finding (passed ones too) in full, as --show all does (in text, --show still chooses "
                                   "which findings are given): in text with its full trace (each condition, requirement and value read, the "
                                   "parameter versions used and where the rule is defined); in JSON and jsonl in the "
                                   "full form, with its typed trace, provenance and sources. Markdown, HTML and JUnit reports are the same with or without it.")


def store_option(fn: Callable) -> Callable:
    """`--store PATH_OR_URL` (or $ECTS_STORE): record each audit in that store (engine.history). The command
    receives the open store (or None) as `store`; it calls engine.history.recording.record after each audit."""
    @functools.wraps(fn)
    def opened(*args, store=None, **kwargs):
        if not store:
            return fn(*args, store=None, **kwargs)
        with importlib.import_module(RECORDING).open_store(store) as opened_store:
            return fn(*args, store=opened_store, **kwargs)
    return click.option("--store", "store", envvar="ECTS_STORE", metavar="PATH_OR_URL",
                        help="Record each audit in this audit store: a SQLite file (e.g. audits.db) or a "
                             "postgresql:// URL; the report then says what changed since the last audit "
                             "(`ects history`, `ects diff`).")(_guarded(opened))


def batch_options(fn: Callable) -> Callable:
    """The options of a batch (--show, --jobs, --dask, --quiet, --matrix), given to the command as one
    `batch: BatchSettings` argument."""
    options = [
        click.option("--show", type=click.Choice(SHOWS), default=None,
                     help="Which findings a report gives in full (trace, sources): problems (failed and undecided; "
                          "the default), failures, or all (the default with --explain). The others are listed compactly; "
                          "JSON names every finding (the passes by rule, in `passed`; in full with --show all or --explain)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Audit on this many processes (default: the number of cores); the output is the same."),
        click.option("--dask", "dask", metavar="SCHEDULER",
                     help="Audit on a Dask distributed cluster (tcp://host:8786); its workers read the files."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
        click.option("--matrix", metavar="FILE.csv|FILE.xlsx",
                     help="Also write the rule x subject matrix of statuses to this file."),
    ]

    @functools.wraps(fn)
    def wrapper(*args, show, jobs, dask, quiet, matrix, **kwargs):
        return fn(*args, batch=BatchSettings(show, jobs, dask, quiet, matrix), **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
