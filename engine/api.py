"""The library's front door: one pipeline for every kind of subject. The CLI is a thin layer on this.

    rs = load_ruleset("ects_guide_2015")        # locate + compose -> check -> compile, once
    subject = load_subject(None, path)           # programme | transfer | cohort, per file (kind detected)
    report = audit(rs, subject)                  # the same function for every kind; or audit(rs, path)
    print(render([report], "html", "el"))        # per output
    batch = audit_files(rs, paths, "programme")  # many files: render(batch.reports, fmt, not_audited=...)
                                                 # ends with the batch summary, as `ects check` does;
    write_batch(batch.reports, "out/", not_audited=batch.not_audited)  # or a folder: pages + index
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from engine.ruleset.compiled import CompiledRuleSet, load_ruleset
from .errors import InputError
from engine.evaluation.evaluator import Evaluator, evaluate
from engine.evaluation.findings import Report
from engine.evaluation.waivers import apply_waivers
from engine.subjects.programme.views import ProgrammeView
from .render import render
from .render.batch import write_batch
from .render.wording import wording
from engine.subjects.kinds import KINDS, LoadOptions, Subject, kind, load_subject, subject_files


def load_programme(path: str | Path) -> tuple[ProgrammeView, str]:
    """Read a programme file; return its derived view (what rules read) and the file's SHA-256."""
    subject = load_subject("programme", path)
    return subject.view, subject.sha256


def _compiled(ruleset: CompiledRuleSet | str) -> CompiledRuleSet:
    return load_ruleset(ruleset) if isinstance(ruleset, str) else ruleset


def as_subject(ruleset: CompiledRuleSet, subject: Any, kind_name: str | None = None,
               options: LoadOptions = LoadOptions()) -> Subject:
    """A Subject from a Subject, a path (of the kind given, or detected from the file) or a view object."""
    if isinstance(subject, Subject):
        return subject
    if isinstance(subject, (str, Path)):
        return load_subject(kind_name, subject, options, ruleset)
    if not hasattr(subject, "root_name") or not hasattr(subject, "model"):
        raise TypeError(f"cannot audit a {type(subject).__name__}: give a Subject, a file path or a subject view")
    return Subject(kind(subject.root_name), subject, subject.model)


def audit(ruleset: CompiledRuleSet | str, subject: Subject | str | Path | Any, *, kind: str | None = None,
          as_of: dt.date | None = None, lang: str = "en", options: LoadOptions = LoadOptions(),
          evaluator: Evaluator | None = None) -> Report:
    """Audit one subject (a Subject, a file path, or a view) against a rule set (id, folder or compiled);
    the report carries the findings and the kind's own section (charts, recognition, grading tables).

    Give `evaluator` to reuse one rule set on one date for many subjects (see `audit_files`)."""
    rs = evaluator.ruleset if evaluator is not None else _compiled(ruleset)
    ev = evaluator or Evaluator(rs, as_of, lang)
    s = as_subject(rs, subject, kind, options)
    report = evaluate(rs, s.view, input_path=s.path, input_sha256=s.sha256, evaluator=ev)
    report.what_ifs += getattr(s.view, "what_ifs", ())  # what-if choices of electives (--choose)
    apply_waivers(report, getattr(s.model, "waivers", None) or (), ev.as_of, rs.rules)  # approved deviations, after evaluation
    s.kind.add_sections(report, s, ev)
    return report


def audit_programme(ruleset: CompiledRuleSet | str, path: str | Path, *, as_of: dt.date | None = None,
                    lang: str = "en", evaluator: Evaluator | None = None) -> Report:
    """Audit a programme file: `audit(ruleset, path, kind="programme")`."""
    return audit(ruleset, path, kind="programme", as_of=as_of, lang=lang, evaluator=evaluator)


@dataclass
class Batch:
    """The outcome of auditing many files: the subjects read, their reports, the files that could not be
    read ((location, message) each)."""

    subjects: list[Subject] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    not_audited: list[tuple[str, str]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


@dataclass
class Audited:
    """One file of a batch: its report and subject, or the input error that kept it from being audited."""

    path: str
    report: Report | None = None
    subject: Subject | None = None
    error: InputError | None = None


def iter_audits(ruleset: CompiledRuleSet | str, files: Iterable[str | Path], kind_name: str, *,
                as_of: dt.date | None = None, lang: str = "en",
                options: LoadOptions = LoadOptions()) -> Iterator[Audited]:
    """Audit the files one at a time, in order, with one compiled rule set and one evaluator, yielding each
    outcome as soon as it is known: nothing is kept, so memory does not grow with the number of files."""
    rs = _compiled(ruleset)
    ev = Evaluator(rs, as_of, lang)
    for f in files:
        yield audit_one(rs, ev, f, kind_name, options)


def audit_one(rs: CompiledRuleSet, ev: Evaluator, path: str | Path, kind_name: str,
              options: LoadOptions = LoadOptions()) -> Audited:
    """Read and audit one file; an input error is returned in the outcome, not raised."""
    try:
        subject = load_subject(kind_name, path, options, rs)
        return Audited(str(path), audit(rs, subject, evaluator=ev), subject)
    except InputError as e:
        return Audited(str(path), error=e)


def audit_files(ruleset: CompiledRuleSet | str, files: Iterable[str | Path], kind_name: str, *,
                as_of: dt.date | None = None, lang: str = "en", options: LoadOptions = LoadOptions()) -> Batch:
    """Audit every file with one compiled rule set and one evaluator; a file that cannot be read is named
    in `not_audited` and the others are still audited. Keeps every report: for large batches iterate
    `iter_audits` instead."""
    batch, say = Batch(), wording(lang).reason  # an error's message in the batch's language where it has a key
    for item in iter_audits(ruleset, files, kind_name, as_of=as_of, lang=lang, options=options):
        if item.error is not None:
            e = item.error
            batch.not_audited.append((e.location(), say(e.reason) if e.reason else e.message))
            batch.errors.append(item.error)
            continue
        batch.subjects.append(item.subject)
        batch.reports.append(item.report)
    return batch


__all__ = ["load_ruleset", "load_programme", "load_subject", "audit", "audit_files", "audit_programme", "evaluate",
           "render", "write_batch", "Evaluator", "Batch", "Audited", "iter_audits", "audit_one", "LoadOptions", "Subject", "KINDS", "subject_files"]
