"""Writing a batch as its outcomes arrive: one stream (text, json, jsonl to standard output or -o FILE), one
document (md, junit, one html page: its parts are spooled and put together at the end) or one file per
subject plus the index (-o FOLDER/). Nothing but the small per-subject records of the summary is kept, so
memory stays flat however many files there are."""
from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterable, Sequence

from engine.output import guard_inputs, naming_the_output, write_atomic
from engine.cli.work import PAGE_SUFFIX, Outcome
from engine.errors import UsageError
from engine.render.batch import ReportFolder
from engine.render.document import DocumentParts, ReportPart
from engine.render.json_report import not_audited_line
from engine.render.summary import BatchSummary
from engine.render.text import not_audited_text
from engine.semantics.reasons import because

_NO_FOLDER = because("cli.output_no_folder", "give a file name in an existing folder for the output")


class AtomicStream:
    """An output written piece by piece: standard output as it comes, or a file that appears whole (a
    temporary file renamed into place at `commit`, never over an input) or not at all."""

    def __init__(self, target: str | None):
        self.target = None if target in (None, "-") else target
        self._tmp: str | None = None
        if self.target is None:
            self.fh: IO[str] = sys.stdout
            return
        parent = Path(self.target).parent
        if Path(self.target).is_dir() or not parent.is_dir():
            raise UsageError(_NO_FOLDER, path=self.target)
        with naming_the_output(self.target):
            fd, self._tmp = tempfile.mkstemp(prefix=f".{Path(self.target).name}.", suffix=".tmp", dir=parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        """Write a piece; a full disk (or any other system error) is a one-line error naming the output."""
        with naming_the_output(self.target):
            self.fh.write(text)

    def commit(self, inputs: Sequence) -> None:
        with naming_the_output(self.target):
            if self._tmp is None:
                self.fh.flush()
                return
            self.fh.close()
        guard_inputs(self.target, inputs)
        umask = os.umask(0)
        os.umask(umask)
        with naming_the_output(self.target):
            os.chmod(self._tmp, 0o666 & ~umask)
            os.replace(self._tmp, self.target)
        self._tmp = None

    def discard(self) -> None:
        """Drop what was written to the file (standard output is left as it is)."""
        if self._tmp is not None:
            with contextlib.suppress(OSError):  # what is still buffered may not fit on a full disk: dropped anyway
                self.fh.close()
            with contextlib.suppress(FileNotFoundError):  # stopped just as it was renamed into place
                os.unlink(self._tmp)
            self._tmp = None


class StreamWriter:
    """text, json or jsonl on one stream. JSON: the reports go to a spool file as they come and are copied
    out at the end, when the files that could not be read are known (each report names them all, as
    docs/reports.md says); text and jsonl are written at once."""

    def __init__(self, fmt: str, output: str | None, lang: str, is_batch: bool):
        self.fmt, self.lang, self.is_batch = fmt, lang, is_batch
        self.out = AtomicStream(output)
        self.count = 0
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8") if fmt == "json" else None

    def discard(self) -> None:
        """The batch was cut short: no output file."""
        self.out.discard()

    def add(self, o: Outcome) -> None:
        if o.text is None:
            if self.fmt == "jsonl":
                self.out.write(not_audited_line(o.error_location, o.error_message))
            return
        if self.spool is not None:
            with naming_the_output(self.out.target):  # (its temporary spool file)
                self.spool.write(json.dumps(o.text) + "\n")  # one line per report, whatever its own newlines
        else:
            self.out.write(("\n" if self.count and self.fmt == "text" else "") + o.text)
        self.count += 1

    def finish(self, summary: BatchSummary, inputs: Sequence) -> None:
        try:
            if self.fmt == "text":
                self.out.write(not_audited_text(summary.not_audited, self.lang))
                if self.is_batch:
                    self.out.write(summary.text(self.lang))
            elif self.fmt == "jsonl" and self.is_batch:
                self.out.write(summary.json_line())
            elif self.fmt == "json":
                self._copy_json(summary)
            self.out.commit(inputs)
        except BaseException:
            self.out.discard()
            raise

    def _copy_json(self, summary: BatchSummary) -> None:
        unread = [{"location": where, "error": error} for where, error in summary.not_audited]
        self.spool.seek(0)
        if self.count == 0:
            self.out.write(json.dumps({"not_audited": unread}, ensure_ascii=False, indent=2) + "\n")
            return
        one = self.count == 1
        self.out.write("" if one else "[\n")
        for i, line in enumerate(self.spool):
            text = json.loads(line)
            if unread:
                text = json.dumps(dict(json.loads(text), not_audited=unread), ensure_ascii=False, indent=2) + "\n"
            self.out.write(text if one else ("" if i == 0 else ",\n") + _indent(text.rstrip("\n")))
        self.out.write("" if one else "\n]\n")
        self.spool.close()


class DocumentWriter:
    """md, junit or one html page for the whole batch: each report's part goes to a temporary file next to
    the output as it comes; at the end the document (with what needs totals: JUnit's count of tests, the
    page title, the batch summary of several files) is written to the output's temporary file, which is then
    renamed into place."""

    def __init__(self, fmt: str, output: str | None, lang: str, is_batch: bool, mark: str):
        self.fmt, self.lang, self.is_batch = fmt, lang, is_batch
        self.out = AtomicStream(output)
        try:
            self.parts = DocumentParts(fmt, lang, mark, Path(self.out.target).parent if self.out.target else None)
        except BaseException:  # (stopped right here: no temporary file left behind)
            self.out.discard()
            raise

    def add(self, o: Outcome) -> None:
        if o.text is not None:
            with naming_the_output(self.out.target):  # (the temporary file of its parts)
                self.parts.add(ReportPart(o.text, o.title, o.findings, o.failures, o.errors))

    def finish(self, summary: BatchSummary, inputs: Sequence) -> None:
        try:
            with naming_the_output(self.out.target):
                self.parts.write(self.out.write, summary.not_audited, summary if self.is_batch else None)
            self.out.commit(inputs)
        except BaseException:
            self.out.discard()
            raise
        finally:
            self.parts.close()

    def discard(self) -> None:
        """The batch was cut short: no output file, no temporary files."""
        self.out.discard()
        with contextlib.suppress(OSError):  # (what is still buffered may not fit on a full disk: dropped anyway)
            self.parts.close()


def _indent(text: str) -> str:
    return "  " + text.replace("\n", "\n  ")


class FolderWriter:
    """One file per subject (named from its id, in the format's suffix) and index.html plus index.json:
    verdicts worst first, and the batch summary (engine.render.batch.ReportFolder)."""

    def __init__(self, fmt: str, folder: str, lang: str, inputs: Iterable):
        self.fmt = fmt
        self.folder = ReportFolder(folder, lang)
        self.folder.guard.add(inputs)  # each resolved once, not once per page (and gone through again, not copied)

    def discard(self) -> None:
        """The batch was cut short: the files written so far stay (each one whole)."""

    def add(self, o: Outcome) -> None:
        if o.text is None:
            return
        target = self.folder.page(o.outcome.subject_id, PAGE_SUFFIX[self.fmt])
        self.folder.guard.check(target, o.also_read)
        write_atomic(target, o.text)

    def finish(self, summary: BatchSummary, inputs: Sequence) -> None:
        self.folder.write_index(summary, inputs)


def check_outputs(output: str | None, matrix: str | None, inputs: Sequence) -> None:
    """Refuse, before a batch starts, the output file (-o FILE) and the --matrix file it could not write at
    its end: an input, a link or device, a missing folder, a matrix that is not .csv or .xlsx."""
    for path in (output, matrix):
        if path in (None, "-"):
            continue
        guard_inputs(path, inputs)
        if Path(path).is_dir() or not Path(path).parent.is_dir():
            raise UsageError(_NO_FOLDER, path=path)
    if matrix is not None:
        _matrix_suffix(matrix)


def _matrix_suffix(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(because("cli.matrix_suffix", "--matrix writes a .csv or an .xlsx file"), path=path)
    return suffix


def write_matrix(path: str, summary: BatchSummary, inputs: Sequence, lang: str = "en") -> None:
    """--matrix out.csv|out.xlsx: the rule x subject matrix of statuses, worded in `lang`."""
    suffix = _matrix_suffix(path)
    guard_inputs(path, inputs)
    write_atomic(path, summary.matrix_xlsx(lang) if suffix == ".xlsx" else summary.matrix_csv_lines(lang))
