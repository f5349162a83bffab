"""Audits for the web: uploaded files under one or more rule sets through engine.api.audit_files, the
outcome kept in memory (a bounded, most-recent-first store) for its download links, and the rule x subject
matrix of the batch page."""
from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Sequence

from ..api import Batch, audit_files
from engine.tools.compare import STATUS_RANK
from engine.evaluation.findings import VERDICTS, Report
from ..render import render
from ..render.wording import wording
from engine.history.recording import record_all
from engine.subjects.kinds import LoadOptions
from engine.subjects.programme.table_programme import TableOptions
from .config import Catalog
from .uploads import Upload, staged

DOWNLOAD_FORMATS = {"json": ("application/json", "json"), "md": ("text/markdown", "md"),
                    "html": ("text/html", "html"), "junit": ("application/xml", "xml"), "text": ("text/plain", "txt")}


@dataclass
class AuditResult:
    """One request's audits: a Batch per rule set (in the order asked), on one date, in one language."""

    batches: dict[str, Batch]
    as_of: dt.date
    lang: str
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))

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

    def download(self, index: int | None, fmt: str) -> str:
        """Report `index` (0-based; None: all) in a CLI format; IndexError for an unknown index."""
        reports = self.reports if index is None else [self.reports[index]]
        return render(reports, fmt, self.lang, self.not_audited if index is None else ())


def run_audit(catalog: Catalog, ruleset_ids: Sequence[str], files: Sequence[Upload], kind: str | None,
              as_of: dt.date, lang: str, transcript: Upload | None = None,
              table: TableOptions = TableOptions(), store=None) -> AuditResult:
    """Audit every file under every rule set named; errors and reports name the uploads, not private paths.
    With an audit `store` (engine.history), each audit is recorded there."""
    rulesets = [catalog.get(i) for i in ruleset_ids]
    extra = [transcript] if transcript is not None else []
    with staged([*files, *extra]) as stage:
        paths = stage.paths()
        options = LoadOptions(transcript_xml=str(paths[-1]) if transcript is not None else None, table=table)
        subject_paths = paths[:len(files)]
        batches: dict[str, Batch] = {}
        for rs in rulesets:
            batch = audit_files(rs, subject_paths, kind, as_of=as_of, lang=lang, options=options)
            batch.reports = [stage.rename_report(r) for r in batch.reports]
            batch.errors = [stage.rename_error(e) for e in batch.errors]
            batch.not_audited = [(e.location(), wording(lang).reason(e.reason) if e.reason else e.message)
                                 for e in batch.errors]
            record_all(store, batch.reports, batch.subjects)
            batches[rs.id] = batch
    return AuditResult(batches, as_of, lang)


class ResultStore:
    """The most recent audit results, in memory only, at most `size` of them (the oldest dropped)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[str, AuditResult] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, result: AuditResult) -> None:
        with self._lock:
            self._items[result.token] = result
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, token: str) -> AuditResult | None:
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
