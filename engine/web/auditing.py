"""Audits for the web: uploaded files under one or more rule sets through engine.api.audit_files (in a worker
process), what the pages keep of each in memory (a bounded, most-recent-first store) for its pages and download
links, and the rule x subject matrix of the batch page."""
from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from ..api import Batch, audit_files
from engine.tools.compare import STATUS_RANK
from engine.evaluation.findings import VERDICTS, Report
from engine.evaluation.sections import SinceLastAudit
from ..render import render
from ..render.wording import wording
from engine.history.recording import record_all
from engine.subjects.kinds import LoadOptions
from engine.ruleset.whatif import with_overrides
from .config import Catalog
from .forms import AuditRequest
from .uploads import staged

DOWNLOAD_FORMATS = {"json": ("application/json", "json"), "md": ("text/markdown", "md"),
                    "html": ("text/html", "html"), "junit": ("application/xml", "xml"), "text": ("text/plain", "txt")}


@dataclass
class AuditResult:
    """One request's audits: a Batch per rule set (in the order asked), on one date, in one language."""

    batches: dict[str, Batch]
    as_of: dt.date
    lang: str
    token: str = ""  # the kept audit's (KeptAudit), for the links of its pages
    sources: list[tuple[str, int]] = field(default_factory=list)  # each report's rule set id and file (its index)

    @property
    def reports(self) -> list[Report]:
        return [r for b in self.batches.values() for r in b.reports]

    @property
    def not_audited(self) -> list[tuple[str, str]]:
        seen: dict[tuple[str, str], None] = {}
        for b in self.batches.values():
            seen.update(dict.fromkeys(b.not_audited))
        return list(seen)

    def error_lines(self) -> list[str]:
        """Every file that could not be read, as the CLI's one-line errors (each once), in the audit's language."""
        errors = [err for b in self.batches.values() for e in b.errors for err in (getattr(e, "errors", None) or [e])]
        say = wording(self.lang).reason
        return list(dict.fromkeys(err.format(say) for err in errors))

    def download(self, fmt: str) -> str:
        """Every report in a CLI format, with the files not audited; under one rule set, several files end with
        the batch summary, as the CLI's batch does (under several, a file would count once per rule set)."""
        return render(self.reports, fmt, self.lang, self.not_audited, summary=len(self.batches) == 1)


def run_audit(catalog: Catalog, req: AuditRequest, store=None) -> AuditResult:
    """Audit every file of the request under every rule set named, with its what-if values (`sets`) and
    elective choices; errors and reports name the uploads, not private paths. With an audit `store`
    (engine.history), each audit is recorded there. Runs in a worker process (engine.web.pool)."""
    rulesets = [with_overrides(catalog.get(i), req.sets, req.as_of) for i in req.rulesets]
    extra = [req.transcript] if req.transcript is not None else []
    with staged([*req.files, *extra]) as stage:
        paths = stage.paths()
        options = LoadOptions(transcript_xml=str(paths[-1]) if req.transcript is not None else None, table=req.table,
                              choices=req.choices)
        subject_paths = paths[:len(req.files)]
        file_index = {str(p): i for i, p in enumerate(subject_paths)}
        batches: dict[str, Batch] = {}
        sources: list[tuple[str, int]] = []
        for rs in rulesets:
            batch = audit_files(rs, subject_paths, req.kind, as_of=req.as_of, lang=req.lang, options=options)
            sources += [(rs.id, file_index[str(r.input_path)]) for r in batch.reports]
            batch.reports = [stage.rename_report(r) for r in batch.reports]
            batch.errors = [stage.rename_error(e) for e in batch.errors]
            batch.not_audited = [(e.location(), wording(req.lang).reason(e.reason) if e.reason else e.message)
                                 for e in batch.errors]
            record_all(store, batch.reports)  # the reports name the uploads; the subjects' private paths are not kept
            batches[rs.id] = batch
    return AuditResult(batches, req.as_of, req.lang, sources=sources)


@dataclass
class KeptAudit:
    """An audit the pages show and offer for download: what was asked (the uploads themselves, to audit them
    again in a worker for each page and download: reports stay in the worker that makes them), and of each
    report its download name, its rule set and file, and its comparison with the audit store at the time;
    the files that could not be read."""

    request: AuditRequest
    names: tuple[str, ...]
    sources: tuple[tuple[str, int], ...]
    since: tuple[SinceLastAudit | None, ...]
    not_audited: tuple[tuple[str, str], ...] = ()
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def count(self) -> int:
        return len(self.names)

    @property
    def size(self) -> int:
        """The bytes of its uploads."""
        extra = [self.request.transcript] if self.request.transcript is not None else []
        return sum(len(u.data) for u in [*self.request.files, *extra])


class ResultStore:
    """The most recent audits, in memory only, at most `size` of them and `max_bytes` of uploads together
    (the oldest dropped first)."""

    def __init__(self, size: int, max_bytes: int = 256 * 1024 * 1024):
        self.size = size
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, KeptAudit] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, kept: KeptAudit) -> None:
        with self._lock:
            self._items[kept.token] = kept
            self._bytes += kept.size
            while len(self._items) > self.size or (self._bytes > self.max_bytes and len(self._items) > 1):
                self._bytes -= self._items.popitem(last=False)[1].size

    def get(self, token: str) -> KeptAudit | None:
        with self._lock:
            return self._items.get(token)

    def __len__(self) -> int:
        return len(self._items)


def rule_status(report: Report) -> dict[str, str]:
    """Each rule's overall status in a report: the worst among its findings (as `ects compare` counts)."""
    out: dict[str, str] = {}
    for f in report.findings:
        if f.rule not in out or STATUS_RANK[f.status] > STATUS_RANK[out[f.rule]]:
            out[f.rule] = f.status
    return out


def batch_rows(batch: Batch) -> list[tuple[int, Report]]:
    """(position in the batch, report), non-compliant first, then incomplete, compliant; then by subject id."""
    rank = {v: i for i, v in enumerate(VERDICTS)}
    return sorted(enumerate(batch.reports), key=lambda ir: (rank.get(ir[1].verdict, 9), ir[1].subject_id, ir[0]))


def matrix(batch: Batch, lang: str = "en") -> dict:
    """The rule x subject matrix of one batch: column order as `batch_rows`, rules in rule-set order, rule titles
    in `lang` where the rule set gives one."""
    rows = batch_rows(batch)
    statuses = [rule_status(r) for _, r in rows]
    rules: list[str] = []
    for r in (r for _, r in rows):
        for f in r.findings:
            if f.rule not in rules:
                rules.append(f.rule)
    words = wording(lang)
    titles = {f.rule: words.text(f.titles, f.title) for _, r in rows for f in r.findings}
    severities = {f.rule: f.severity for _, r in rows for f in r.findings}
    return {"columns": [r for _, r in rows],
            "rows": [{"rule": rid, "title": titles.get(rid), "severity": severities.get(rid),
                      "cells": [s.get(rid) for s in statuses]} for rid in rules]}
