"""The work of a batch on one file, the same in this process, in a pool worker and on a Dask worker: read
and audit the file, render its report, and return only text and small counts (`Outcome`), never the
report itself, so that nothing large is kept or sent back.

Each process compiles the rule set once (`audit_context` keeps it), whatever the number of files."""
from __future__ import annotations

import datetime as dt
import gc
import importlib
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.api import audit_one
from engine.evaluation.evaluator import Evaluator
from engine.cli.whatif import ruleset_with
from engine.evaluation.findings import Report
from engine.limits import reading_an_input
from engine.render.indented_json import dumps_indented
from engine.render.document import ReportPart, report_part
from engine.render.json_report import report_dict, to_json_line
from engine.render.layout import finding_counts
from engine.render.recognition import recognition_text
from engine.render.summary import SubjectOutcome, subject_outcome
from engine.render.templated import render_templated
from engine.render.text import render_text
from engine.render.wording import wording
from engine.ruleset.compiled import CompiledRuleSet
from engine.subjects.kinds import LoadOptions

if TYPE_CHECKING:  # pragma: no cover - names in annotations only
    from engine.history.store import AuditRecord, Store

# the audit store's recording, imported when --store names a store (an audit without one does not load it)
RECORDING = "engine.history.recording"

STREAMED_FORMATS = ("text", "json", "jsonl")  # rendered one report at a time to one output
PAGE_SUFFIX = {"text": ".txt", "json": ".json", "jsonl": ".json", "md": ".md", "html": ".html", "junit": ".xml"}


@dataclass(frozen=True)
class Job:
    """What every file of a batch is audited and rendered with (sent once to each worker)."""

    ruleset: str  # a bundled rule set id or a folder
    kind_name: str
    as_of: dt.date
    lang: str = "en"
    options: LoadOptions = LoadOptions()
    fmt: str = "text"
    show: str = "problems"
    explain: bool = False
    document: bool = False  # render each report's part of one document (md, junit, html), not a page of its own
    mark: str = ""  # with `document`: what stands for the report's number in its part (engine.render.document)
    sets: tuple[str, ...] = ()  # --set NAME=VALUE: the what-if values the rule set is compiled with
    store: str | None = None  # --store PATH_OR_URL: each report says what changed since the last audit recorded there
    folder: str | None = None  # --dask: the folder the command runs in, which relative paths are read from


@dataclass(frozen=True)
class Outcome:
    """One file's result: its rendered report and summary record, or the error that kept it from being read."""

    path: str
    text: str | None = None
    outcome: SubjectOutcome | None = None
    failed_error: bool = False
    undecided: bool = False
    also_read: tuple[str, ...] = ()  # other input files the audit read (a transfer's grade tables)
    error_location: str | None = None
    error_message: str | None = None
    error_lines: tuple[str, ...] = ()  # the one-line error (and its detail) as stderr shows it
    title: str = ""  # a document's part: the report's entry in the HTML page title
    findings: int = 0  # a document's part: the report's number of findings (JUnit's count of tests)
    failures: int = 0  # a document's part: its JUnit failures (failed findings)
    errors: int = 0  # a document's part: its JUnit errors (undecided error-severity findings)
    record: AuditRecord | None = None  # with a store: the audit to record (by the process that runs the batch)
    previous_id: int | None = None  # with a store: the last audit the report was compared with


_CONTEXTS: dict[tuple, tuple[CompiledRuleSet, Evaluator]] = {}
_STORES: dict[str, Store] = {}
_SETTLED = False  # settle() has run in this process


def audit_context(job: Job) -> tuple[CompiledRuleSet, Evaluator]:
    """The compiled rule set (with the job's --set values) and evaluator of this process for the job
    (compiled on first use)."""
    key = (job.ruleset, job.kind_name, job.as_of, job.lang, job.sets, job.folder)
    if key not in _CONTEXTS:
        rs = ruleset_with(job.ruleset, job.sets, job.as_of)
        _CONTEXTS.clear()  # one batch at a time per process
        _CONTEXTS[key] = (rs, Evaluator(rs, job.as_of, job.lang))
    return _CONTEXTS[key]


def settle() -> None:
    """Before a batch on this machine (once per process): what is loaded now (modules, the compiled rule set)
    lives as long as the process, so after one collection of what loading left behind it is moved out of the
    garbage collector's passes, which then look only at what the audits make and let go (and forked workers
    share it unchanged)."""
    global _SETTLED
    if not _SETTLED:  # the command's start (engine.cli.main.run) froze the modules: this is what came after
        _SETTLED = True
        gc.collect()
        gc.freeze()


def job_store(job: Job) -> Store:
    """This process's connection to the job's audit store, for reading the last audits (opened on first use;
    the process that runs the batch is the one that writes)."""
    if job.store not in _STORES:
        _STORES[job.store] = importlib.import_module(RECORDING).open_store(job.store, create=False)
    return _STORES[job.store]


def close_stores() -> None:
    """Close this process's connections to audit stores (at the end of a batch run here)."""
    while _STORES:
        _STORES.popitem()[1].close()


def render_report(r: Report, job: Job) -> str:
    """One report as the job's format gives it (the piece of a stream, or a page of its own)."""
    if job.fmt == "text":
        return render_text(r, job.lang, job.explain, job.show) + (
            recognition_text(r.recognition.to_dict(), job.lang) if r.recognition else "")
    if job.fmt == "json":
        return dumps_indented(report_dict(r, job.lang, job.show, job.explain)) + "\n"
    if job.fmt == "jsonl":
        return to_json_line(r, job.lang, job.show, job.explain)
    return render_templated([r], job.fmt, job.lang)


def work(path: str, job: Job) -> Outcome:
    """Read, audit and render one file. A fault of the engine itself on this file (an exception that is not
    an input error) does not stop the batch: the file is named as not audited, with the fault, and the
    other files are still audited (running out of memory and interruptions still stop it)."""
    try:
        return _work(path, job)
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - a fault on one file is reported for that file, the batch goes on
        w = wording(job.lang)
        message = w.t("cli.internal_error", fault=f"{type(e).__name__}: {e}"[:300])
        return Outcome(path, error_location=path, error_message=message,
                       error_lines=(w.t("cli.error", line=f"{path}: {message}"),))


def _work(path: str, job: Job) -> Outcome:
    rs, ev = audit_context(job)
    with reading_an_input(path):  # the batch guards it as an input: not also kept as a file read
        item = audit_one(rs, ev, path, job.kind_name, job.options)
    if item.error is not None:
        e, w = item.error, wording(job.lang)
        lines = tuple(w.t("cli.error", line=err.format(w.reason)) + (f"\n{err.detail}" if err.detail else "")
                      for err in (getattr(e, "errors", None) or [e]))
        return Outcome(path, error_location=e.location(), error_message=w.reason(e.reason) if e.reason else e.message,
                       error_lines=lines)
    r, s = item.report, item.subject
    audit, previous = importlib.import_module(RECORDING).compare_with_last(job_store(job), r, s) if job.store \
        else (None, None)
    also = s.kind.other_inputs(s)
    part = report_part(r, job.fmt, job.lang, job.mark) if job.document else ReportPart(render_report(r, job))
    return Outcome(path, part.body, subject_outcome(r, finding_counts(r)), r.has_failed_error(),
                   r.has_indeterminate(), also, title=part.title, findings=part.findings,
                   failures=part.failures, errors=part.errors, record=audit,
                   previous_id=previous)


_IN_FOLDER = threading.Lock()  # a process has one working folder: its threads take turns


def work_many(paths: list[str], job: Job) -> list[Outcome]:
    """`work` on several files (one round trip to a remote worker for a chunk of files), in the job's
    folder where this process has it, so that relative paths (files, rule folder, store) name the same
    files as for the command that sent them."""
    if job.folder is None:
        return [work(p, job) for p in paths]
    with _IN_FOLDER:
        here = os.getcwd()
        try:
            os.chdir(job.folder)
        except OSError:
            pass  # not on this machine: absolute paths are still read, relative ones are reported as not found
        try:
            return [work(p, job) for p in paths]
        finally:
            os.chdir(here)
