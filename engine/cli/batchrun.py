"""The one batch loop of `ects check` and `ects transfer`: find the files, audit them in order (here, on
`--jobs` processes or on a Dask cluster), record each audit in the `--store`, write each report as soon as
it is made, show progress on a terminal, end with the summary (and `--matrix`), and exit with the batch's code."""
from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from engine.cli.own_outputs import not_own_outputs
from engine.cli.pool import run_batch
from engine.cli.stream import DocumentWriter, FolderWriter, StreamWriter, check_outputs, write_matrix
from engine.cli.work import STREAMED_FORMATS, Job, Outcome, close_stores, work
from engine.errors import UsageError
from engine.limits import display_name
from engine.render.document import index_mark
from engine.render.wording import wording
from engine.render.summary import BatchSummary
from engine.semantics.reasons import Reason, because, plain
from engine.spooled import SpooledList
from engine.subjects.kinds import KINDS, once_each, subject_file_names

if TYPE_CHECKING:  # pragma: no cover - a name in annotations only (the store loads when --store names one)
    from engine.history.store import Store

EXIT_FAIL, EXIT_INPUT, EXIT_TERMINATED = 1, 2, 143  # 143: as a shell reports a program ended by SIGTERM


class Terminated(BaseException):
    """The batch received SIGTERM (a BaseException, as KeyboardInterrupt is: no `except Exception` stops it)."""


@dataclass(frozen=True)
class BatchSettings:
    """The batch options every auditing command shares (engine.cli.common.batch_options)."""

    show: str | None = None
    jobs: int | None = None
    dask: str | None = None
    quiet: bool = False
    matrix: str | None = None

    def show_for(self, explain: bool) -> str:
        """--show as given; else `all` with --explain (every finding with its trace), else `problems`."""
        return self.show or ("all" if explain else "problems")


def find_files(paths: Sequence[str], kind_name: str, lang: str = "en") -> list[str]:
    """The files named and those in the folders named, as subjects of one kind, each once: a file named twice
    (or named and reached through its folder, or through a symbolic link: the same resolved path) is audited
    once, and said so in one line on standard error in the language `lang`. UsageError if there is none."""
    suffixes = KINDS[kind_name].suffixes
    files, repeated = once_each(subject_file_names(list(paths), suffixes))
    files = not_own_outputs(files, kind_name, lang)
    if not files:
        raise UsageError(no_files(kind_name, suffixes), path=" ".join(paths))
    for f in repeated:
        print(wording(lang).t("cli.named_twice", path=display_name(f)), file=sys.stderr)
    return files


def no_files(kind_name: str, suffixes) -> Reason:
    """The error of a command given no file of its kind: 'no programme files (*.yaml, ...) found'."""
    listed = ", ".join("*" + s for s in suffixes)
    if kind_name == "programme":
        return because("cli.no_programme_files", "no programme files ({suffixes}) found", suffixes=listed)
    if kind_name == "transfer":
        return because("cli.no_transfer_files", "no transfer files ({suffixes}) found", suffixes=listed)
    if kind_name == "cohort":
        return because("cli.no_cohort_files", "no cohort files ({suffixes}) found", suffixes=listed)
    return plain(f"no {kind_name} files ({listed}) found")


def is_folder_output(output: str | None, fmt: str, n_files: int) -> bool:
    """-o names a folder: an existing one, or a path ending in '/'; for html also any non-.html path for
    several files (as before: one page each and an index)."""
    if not output or output == "-":
        return False
    if Path(output).is_dir() or output.endswith(("/", "\\")):
        return True
    return fmt == "html" and n_files > 1 and not output.lower().endswith((".html", ".htm"))


class _NoBar:
    """What stands for the progress bar when none is shown (so a plain check does not load tqdm)."""

    @staticmethod
    def write(line: str, file) -> None:
        print(line, file=file)

    @staticmethod
    def external_write_mode(file=None):
        return contextlib.nullcontext()

    def update(self, n: int = 1) -> None:
        pass

    def clear(self) -> None:
        pass

    def close(self) -> None:
        pass


BAR_COLUMNS, BAR_ROWS = 80, 20
"""Project choice: the progress bar's width and the screen's height when the terminal reports no size (0
columns, as under `script` with no size set, or none at all): tqdm would measure -1 and show nothing.
80 columns is the classic terminal width; 20 rows is what tqdm itself assumes when it knows none."""


def _terminal_size(file) -> tuple[int, int] | None:
    """The terminal's (columns, rows), or None where it reports none or a size of 0."""
    try:
        columns, rows = os.get_terminal_size(file.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return (columns, rows) if columns > 0 and rows > 0 else None


def _progress(total: int, quiet: bool, leave: bool = True):
    """A progress bar on standard error (rate, time left) when it is a terminal and not --quiet, moved on by
    `update()` as each file is done; it follows the terminal's width, or is BAR_COLUMNS wide where the
    terminal reports none. With `leave` False it is gone once closed."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm  # noqa: PLC0415 - loaded only when a bar is shown
    if _terminal_size(sys.stderr) is None:
        return tqdm(total=total, file=sys.stderr, unit="file", delay=0.5, ncols=BAR_COLUMNS, nrows=BAR_ROWS,
                    leave=leave)
    return tqdm(total=total, file=sys.stderr, unit="file", delay=0.5, dynamic_ncols=True, leave=leave)


def reports_on_the_terminal(output: str | None, folder: bool, job: Job) -> bool:
    """Whether the reports are written, each as it is made, to standard output, and that is a terminal (where
    the progress bar is too: each report is written around the bar, which is then drawn again below it)."""
    return not folder and output in (None, "-") and job.fmt in ("text", "jsonl") and not job.document \
        and sys.stdout.isatty()


def _writer(job: Job, output: str | None, folder: bool, is_batch: bool, inputs: list):
    """What writes the batch's outcomes: one file each (-o FOLDER/), one stream, or one document."""
    if folder:
        return FolderWriter(job.fmt, output, job.lang, inputs)
    if job.document:
        return DocumentWriter(job.fmt, output, job.lang, is_batch, job.mark)
    return StreamWriter(job.fmt, output, job.lang, is_batch)


@contextlib.contextmanager
def stopped_by_sigterm():
    """While the batch runs, SIGTERM stops it as Ctrl-C does (the output and temporary files are removed,
    the worker processes stopped), then the command exits with 143 after saying 'terminated'."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def signals_held():
    """Ctrl-C and SIGTERM wait until the block is over, then act as they would have: for making an output's
    temporary file and keeping its name, so that a stop always finds the file to remove."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: arrived.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for signum in arrived[:1]:  # the first stop that arrived, as its own handler takes it
            handler = previous[signum]
            if callable(handler):
                handler(signum, None)
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), signum)


def stream_batch(files: list[str], job: Job, output: str | None, settings: BatchSettings, strict: bool,
                 inputs: Sequence = (), store: Store | None = None) -> None:
    """Audit and write every file report by report; with `store`, record each audit there as it arrives.
    Exit 2 if a file could not be read, 1 if an error-severity rule failed (or, with `strict`, a finding is
    undecided); return otherwise."""
    if store is not None:
        job = dataclasses.replace(job, store=store.opened_from)
    folder = is_folder_output(output, job.fmt, len(files))
    is_batch = len(files) > 1
    also: set[str] = set()
    read_at_start = Inputs(files, inputs)  # gone through again where needed, never copied: a batch may have 20,000
    inputs = Inputs(files, inputs, also)
    check_outputs(None if folder else output, settings.matrix, inputs)  # refused now, not after the batch
    if not folder and job.fmt not in STREAMED_FORMATS:  # md, junit, one html page: one document of parts
        job = dataclasses.replace(job, document=True, mark=index_mark())
    # what is kept per subject (for an index or a matrix; else nothing) goes to a temporary file as it comes
    summary = BatchSummary(keep=folder or bool(settings.matrix), outcomes=SpooledList())
    failed = undecided = False
    writer = bar = outcomes = None
    try:
        with stopped_by_sigterm():
            with signals_held():  # a stop while its temporary file is made would leave it behind
                writer = _writer(job, output, folder, is_batch, read_at_start)
            outcomes = run_batch(files, job, settings.jobs, settings.dask)
            on_terminal = reports_on_the_terminal(output, folder, job)
            bar = _progress(len(files), settings.quiet, leave=not on_terminal)
            for o in outcomes:
                if store is not None and o.record is not None:
                    o = recorded(store, o, job)
                if o.text is None:
                    for line in o.error_lines:
                        bar.write(line, file=sys.stderr)
                    summary.add_unreadable(o.error_location, o.error_message)
                else:
                    summary.add(o.outcome)
                    failed |= o.failed_error
                    undecided |= o.undecided
                    also.update(o.also_read)
                bar.update()
                if is_batch or o.text is not None:
                    with bar.external_write_mode(file=sys.stdout) if on_terminal else contextlib.nullcontext():
                        writer.add(o)
            if on_terminal:
                bar.clear()  # (tqdm's close leaves a bar that was drawn only around the reports, before its delay)
            bar.close()  # before the summary: no bar below it, nor inside it on a terminal
            if not is_batch and summary.not_audited:  # one file, which could not be read: no report
                writer.discard()
            else:
                writer.finish(summary, inputs)
                if settings.matrix:
                    write_matrix(settings.matrix, summary, inputs, job.lang)
    except BaseException as stop:
        if writer is not None:
            writer.discard()
        if isinstance(stop, Terminated):
            print("terminated", file=sys.stderr)
            sys.exit(EXIT_TERMINATED)
        raise
    finally:
        if bar is not None:
            bar.close()
        if outcomes is not None:
            outcomes.close()  # stops the worker processes now, also when the batch was cut short
        close_stores()
        summary.outcomes.close()
    if summary.not_audited:
        sys.exit(EXIT_INPUT)
    if failed or (strict and undecided):
        sys.exit(EXIT_FAIL)


class Inputs:
    """A batch's input files, in groups (its files, other files named, files read with them), gone through
    in turn each time they are: none copied into a list of its own."""

    def __init__(self, *groups: Iterable):
        self.groups = groups

    def __iter__(self) -> Iterator:
        return itertools.chain.from_iterable(self.groups)


def recorded(store: Store, o: Outcome, job: Job) -> Outcome:
    """Record the outcome's audit in the store: this process is its one writer, in the order of the files.
    A report compared with another last audit than the store now holds (the same subject twice in a batch,
    audited at the same time on two processes) is made again here, as one process would have made it."""
    rec = o.record
    if store.last_id(rec.subject_kind, rec.subject_id, rec.ruleset_id) != o.previous_id:
        o = work(o.path, job)
    if o.record is not None:  # (not when the file could not be read again)
        store.add(o.record)
    return o
