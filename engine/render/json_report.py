"""The JSON report: the documented shape (docs/reports.md), worded in the report's language, plus
the language-free data each finding is made of (subject reference, message template and arguments,
typed trace events, provenance). Its JSON Schema is engine.render.report_schema."""
from __future__ import annotations

import json
from typing import Any, Sequence

from engine.evaluation.findings import Finding, Report
from .wording import Wording, wording


def _step(text, event) -> dict[str, Any]:
    d: dict[str, Any] = {"expr": text.expr, "value": text.value}
    if text.detail:
        d["detail"] = text.detail
    if text.words:
        d["words"] = text.words  # the expression in words, in the report's language
    if text.kind != "value":
        d["kind"] = text.kind
    data = event.to_dict()
    del data["expr"]  # the step's own expr (and detail) say it once
    data.pop("detail", None)
    d["event"] = data
    return d


def finding_dict(f: Finding, w: Wording) -> dict[str, Any]:
    """One finding: rule, title, severity, status, subject, message, citations, trace (worded), and
    subject_ref, message_parts, provenance (data)."""
    text = w.finding(f)
    data = f.to_dict(w.lang)
    d: dict[str, Any] = {
        "rule": f.rule,
        "title": text.title,
        "severity": f.severity,
        "status": f.status,
        "subject": text.subject,
        "message": text.message,
        "citations": data["citations"],
        "trace": [_step(s, e) for s, e in zip(text.trace, f.trace)],
        "subject_ref": data["subject_ref"],
        "message_parts": data["message_parts"],
        "provenance": data["provenance"],
    }
    if text.what_if:
        d["what_if"] = text.what_if
    for key in ("replaces", "note", "waiver"):
        if key in data:
            d[key] = data[key]
    return d


def report_dict(r: Report, lang: str = "en") -> dict[str, Any]:
    """One report as JSON-able data in `lang`."""
    w = wording(lang)
    d: dict[str, Any] = {
        "subject": {"kind": r.subject_kind, "id": r.subject_id, "title": r.subject_title},
        "ruleset": {
            "id": r.ruleset_id,
            "title": w.text(r.ruleset_titles, r.ruleset_title) if r.ruleset_titles else r.ruleset_title,
            "version": r.ruleset_version,
            "as_of": r.as_of,
        },
        "input": {"path": r.input_path, "sha256": r.input_sha256},
        "verdict": r.verdict,
        "summary": r.summary,
        "findings": [finding_dict(f, w) for f in r.findings],
        "what_ifs": [dict(x.to_dict(), text=line) for x, line in zip(r.what_ifs, w.what_ifs(r))],
        "lang": w.lang,
    }
    extra = r.section_data()
    if extra:
        d["extra"] = extra
    return d


def to_json(reports: Sequence[Report] | Report, lang: str = "en",
            not_audited: Sequence[tuple[str, str]] = ()) -> str:
    """Deterministic JSON: one object for one report, a list for several. Files of the batch that could
    not be read are listed in a `not_audited` field of every report ({"not_audited": [...]} alone when
    no file could be read), so that the files reported always add up to the files given."""
    if isinstance(reports, Report):
        reports = [reports]
    data: Any = [report_dict(r, lang) for r in reports]
    if not_audited:
        unread = [{"location": where, "error": error} for where, error in not_audited]
        data = [dict(d, not_audited=unread) for d in data] or [{"not_audited": unread}]
    if len(data) == 1:
        data = data[0]
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"
