"""The one batch loop of `ects check`, `ects transfer` and `ects grades check`: find the files, audit them in
order (here, on `--jobs` processes or on a Dask cluster), write each report as soon as it is made, show
progress on a terminal, end with the summary (and `--matrix`), and exit with the batch's code."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from engine.api import Batch
from engine.cli.pool import run_batch
from engine.cli.stream import FolderWriter, StreamWriter, write_matrix
from engine.cli.work import STREAMED_FORMATS, Job
from engine.errors import UsageError
from engine.render.layout import finding_counts
from engine.render.summary import BatchSummary, subject_outcome
from engine.subjects.kinds import KINDS, subject_files

EXIT_FAIL, EXIT_INPUT = 1, 2


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


def find_files(paths: Sequence[str], kind_name: str) -> list[str]:
    """The files named and those in the folders named, as subjects of one kind; UsageError if none."""
    suffixes = KINDS[kind_name].suffixes
    files = subject_files(list(paths), suffixes)
    if not files:
        raise UsageError(f"no {kind_name} files ({', '.join('*' + s for s in suffixes)}) found", path=" ".join(paths))
    return [str(f) for f in files]


def is_folder_output(output: str | None, fmt: str, n_files: int) -> bool:
    """-o names a folder: an existing one, or a path ending in '/'; for html also any non-.html path for
    several files (as before: one page each and an index)."""
    if not output or output == "-":
        return False
    if Path(output).is_dir() or output.endswith(("/", "\\")):
        return True
    return fmt == "html" and n_files > 1 and not output.lower().endswith((".html", ".htm"))


def streams(fmt: str, output: str | None, n_files: int) -> bool:
    """Whether this output is written report by report (else it is one document made at the end)."""
    return fmt in STREAMED_FORMATS or is_folder_output(output, fmt, n_files)


def _progress(outcomes, total: int, quiet: bool):
    """A progress bar on standard error (rate, time left) when it is a terminal and not --quiet."""
    return tqdm(outcomes, total=total, file=sys.stderr, unit="file", delay=0.5, dynamic_ncols=True,
                disable=quiet or total < 2 or not sys.stderr.isatty())


def stream_batch(files: list[str], job: Job, output: str | None, settings: BatchSettings, strict: bool,
                 inputs: Sequence = ()) -> None:
    """Audit and write every file report by report; exit 2 if a file could not be read, 1 if an
    error-severity rule failed (or, with `strict`, a finding is undecided); return otherwise."""
    is_batch = len(files) > 1
    inputs = [*files, *inputs]
    folder = is_folder_output(output, job.fmt, len(files))
    writer = FolderWriter(job.fmt, output, job.lang, inputs) if folder else StreamWriter(job.fmt, output, job.lang, is_batch)
    summary = BatchSummary(keep=folder or bool(settings.matrix))  # else nothing is kept per subject
    failed = undecided = False
    also: set[str] = set()
    bar = _progress(run_batch(files, job, settings.jobs, settings.dask), len(files), settings.quiet)
    try:
        for o in bar:
            if o.text is None:
                for line in o.error_lines:
                    tqdm.write(line, file=sys.stderr)
                summary.add_unreadable(o.error_location, o.error_message)
            else:
                summary.add(o.outcome)
                failed |= o.failed_error
                undecided |= o.undecided
                also.update(o.also_read)
            if is_batch or o.text is not None:
                writer.add(o)
    except BaseException:
        if isinstance(writer, StreamWriter):
            writer.out.discard()
        raise
    finally:
        bar.close()
    if not is_batch and summary.not_audited:
        if isinstance(writer, StreamWriter):
            writer.out.discard()
        sys.exit(EXIT_INPUT)
    writer.finish(summary, [*inputs, *also])
    if settings.matrix:
        write_matrix(settings.matrix, summary, [*inputs, *also], job.lang)
    if summary.not_audited:
        sys.exit(EXIT_INPUT)
    if failed or (strict and undecided):
        sys.exit(EXIT_FAIL)


def batch_summary(batch: Batch) -> BatchSummary:
    """The summary of a batch audited in memory (the document formats: md, junit, one html page)."""
    summary = BatchSummary()
    for r in batch.reports:
        summary.add(subject_outcome(r, finding_counts(r)))
    for where, error in batch.not_audited:
        summary.add_unreadable(where, error)
    return summary


def finish_document_batch(batch: Batch, settings: BatchSettings, inputs: Sequence, lang: str = "en") -> BatchSummary:
    """After a batch written as one document: the --matrix file (in `lang`); return the summary."""
    summary = batch_summary(batch)
    if settings.matrix:
        write_matrix(settings.matrix, summary, inputs, lang)
    return summary
