"""The JSON report: the documented shape (docs/reports.md), worded in the report's language, plus
the language-free data each finding is made of (subject reference, message template and arguments,
typed trace events, provenance). Its JSON Schema is engine.render.report_schema."""
from __future__ import annotations

import json
from typing import Any, Sequence

from engine.evaluation.findings import STATUSES, Finding, Report
from engine.evaluation.trace import ReadEvent
from .indented_json import dumps_indented
from .compact_sources import compact_sources, labelled
from .json_compact import StepTable, compact_extra, is_compact, passed_by_rule, rule_places, short_finding
from .layout import in_full, source_table
from .subject_words import subject_words
from .wording import Wording, wording


def _step(text, event) -> dict[str, Any]:
    d: dict[str, Any] = {"expr": text.expr, "value": text.value}
    if text.detail:
        d["detail"] = text.detail
    if text.words:
        d["words"] = text.words  # the expression in words, in the report's language
    if text.kind != "value":
        d["kind"] = text.kind
    data = event.to_dict(detail=False) if type(event) is ReadEvent else event.to_dict()
    del data["expr"]  # the step's own expr (and detail, in words) say it once
    d["event"] = data
    return d


def finding_dict(f: Finding, w: Wording, show: str = "all", sources: dict | None = None,
                 subjects: dict | None = None) -> dict[str, Any]:
    """One finding. In full (engine.render.layout.in_full): rule, title, severity, status, subject, message,
    trace (worded), subject_ref, message_parts, provenance (data), `sources` (the ids of its citations in the
    report's source table) and, with show "all", the `citations` themselves. A finding `show` does not give
    in full is `compact_dict`'s. `subjects`: the report's subjects already worded (a cache for one report)."""
    if not in_full(f.status, show):
        return compact_dict(f, w, subjects)
    text = w.finding(f)
    d = {"rule": f.rule, "title": text.title, "severity": f.severity, "status": f.status, "subject": text.subject,
         "message": text.message}
    if show == "all":
        d["citations"] = [c.to_dict() for c in f.citations]
    d["trace"] = [_step(s, e) for s, e in zip(text.trace, f.trace)]
    d["subject_ref"] = f.subject_ref.to_dict()
    d["message_parts"] = [p.to_dict(w.lang, f.templates) for p in f.message_parts]
    d["provenance"] = f.provenance.to_dict() if f.provenance else None
    if sources is not None:
        d["sources"] = [sources[c] for c in f.citations]
    d.update(f.optional_data())
    if text.note:
        d["note"] = text.note  # in the report's language, as the title; `notes` gives every language
    if text.what_if:
        d["what_if"] = text.what_if
    return d


def compact_dict(f: Finding, w: Wording, subjects: dict | None = None) -> dict[str, Any]:
    """A finding in compact form (finding_dict's for one not given in full): rule, severity, status, subject,
    the message of one not applicable or undecided (why), the rule it replaces."""
    status = f.status
    d: dict[str, Any] = {"rule": f.rule, "severity": f.severity, "status": status,
                         "subject": w.subject(f.subject_ref) if subjects is None else subject_words(f.subject_ref, w, subjects)}
    if status in ("not_applicable", "indeterminate"):  # why it does not apply, or could not be decided
        d["message"] = w.message(f)
    if f.replaces:
        d["replaces"] = f.replaces
    return d


def findings_data(findings: Sequence[Finding], w: Wording, show: str, sources: dict | None = None,
                  subjects: dict | None = None) -> list[dict[str, Any]]:
    """`finding_dict` of each finding, in order: whether a status is given in full asked once per status.
    (A comprehension, not a loop filling a local list: when memory runs out, the list made so far is freed
    as the error leaves, not kept by the error's frames, so that the caller can still answer it.)"""
    full = {status: in_full(status, show) for status in STATUSES}
    return [finding_dict(f, w, show, sources, subjects)
            if full.get(f.status) or f.status not in full and in_full(f.status, show) else compact_dict(f, w, subjects)
            for f in findings]


def rules_table(r: Report, w: Wording, sources: dict) -> list[dict[str, Any]]:
    """Each rule of the report once: id, title, severity, its sources' ids and its note (what a compact
    finding leaves out), in the order of first finding."""
    seen: dict[str, dict[str, Any]] = {}
    for f in r.findings:
        if f.rule not in seen:
            entry = {"rule": f.rule, "title": w.text(f.titles, f.rule), "severity": f.severity,
                     "sources": [sources[c] for c in f.citations]}
            if f.notes:
                entry["note"] = w.note(f)  # in the report's language, as the title
            seen[f.rule] = entry
    return list(seen.values())


def report_dict(r: Report, lang: str = "en", show: str = "all", explain: bool = False) -> dict[str, Any]:
    """One report as JSON-able data in `lang`; `show` (all, problems, failures) as in `finding_dict`.
    Every citation is given once, in the report's `sources` table (id, and the citation's fields).
    Under `problems` and `failures` without `explain` the report is compact (`compact_report`). With
    `explain` every finding is given in full, whatever `show` says (its `show` is then `all`)."""
    w = wording(lang)
    show = "all" if explain else show
    if is_compact(show, explain):
        return compact_report(r, w, show)
    table, subjects = source_table(r), {}
    d = _heading(r, w)
    d["findings"] = findings_data(r.findings, w, show, table, subjects)
    d.update(_closing(r, w, show))
    d["sources"] = [labelled({"id": sid, **c.to_dict()}, c, w) for c, sid in table.items()]
    d["rules"] = rules_table(r, w, table)
    extra = r.section_data()
    if extra:
        d["extra"] = extra
    return d


def compact_report(r: Report, w: Wording, show: str) -> dict[str, Any]:
    """One report in the compact form (engine.render.json_compact), which says everything once: problems
    with their trace in words, each step once in `steps`; passes named per rule in `passed`; each source
    document's title once in `documents`, each source once in `sources`, in the report's language only;
    each rule's title, note, file and line once in `rules`; no chart figures."""
    table, subjects, steps = source_table(r), {}, StepTable()
    d = _heading(r, w)
    d["findings"] = compact_findings(r.findings, w, show, table, subjects, steps)
    d["steps"] = steps.steps
    d["passed"] = passed_by_rule(r.findings, w, subjects)
    d.update(_closing(r, w, show))
    d["documents"], d["sources"] = compact_sources(table, w)
    d["rules"] = rule_places(rules_table(r, w, table), r.findings)
    extra = r.section_data()
    if extra:
        extra = compact_extra(extra, w)
    if extra:
        d["extra"] = extra
    return d


def _heading(r: Report, w: Wording) -> dict[str, Any]:
    """What a report says before its findings: subject, rule set, input, verdict, summary."""
    return {
        "subject": {"kind": r.subject_kind, "id": r.subject_id, "title": r.subject_title},
        "ruleset": {
            "id": r.ruleset_id,
            "title": w.text(r.ruleset_titles, r.ruleset_title) if r.ruleset_titles else r.ruleset_title,
            "version": w.version(r),
            "as_of": r.as_of,
        },
        "input": {"path": r.input_path, "sha256": r.input_sha256},
        "verdict": r.verdict,
        "summary": r.summary,
    }


def _closing(r: Report, w: Wording, show: str) -> dict[str, Any]:
    """What a report says after its findings: its what-if changes, language and `show`."""
    return {"what_ifs": [dict(x.to_dict(), text=line) for x, line in zip(r.what_ifs, w.what_ifs(r))],
            "lang": w.lang, "show": show}


def compact_findings(findings: Sequence[Finding], w: Wording, show: str, sources: dict, subjects: dict,
                     steps: StepTable) -> list[dict[str, Any]]:
    """The findings of a compact report: each problem as `short_finding` (its trace steps put in `steps`),
    the not-applicable ones (and, under `failures`, the undecided ones) as `compact_dict`; the passes are in
    the report's `passed`."""
    full = {status: in_full(status, show) for status in STATUSES}
    return [short_finding(f, w, sources, steps) if full.get(f.status, False) else compact_dict(f, w, subjects)
            for f in findings if f.status != "pass"]


def to_json(reports: Sequence[Report] | Report, lang: str = "en",
            not_audited: Sequence[tuple[str, str]] = (), show: str = "all", explain: bool = False) -> str:
    """Deterministic JSON: one object for one report, a list for several. Files of the batch that could
    not be read are listed in a `not_audited` field of every report ({"not_audited": [...]} alone when
    no file could be read), so that the files reported always add up to the files given."""
    if isinstance(reports, Report):
        reports = [reports]
    data: Any = [report_dict(r, lang, show, explain) for r in reports]
    if not_audited:
        unread = [{"location": where, "error": error} for where, error in not_audited]
        data = [dict(d, not_audited=unread) for d in data] or [{"not_audited": unread}]
    if len(data) == 1:
        data = data[0]
    return dumps_indented(data) + "\n"  # json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


def to_json_line(report: Report, lang: str = "en", show: str = "problems", explain: bool = False) -> str:
    """One report as one line of JSON (the `jsonl` batch format), written with the C encoder."""
    return json.dumps(report_dict(report, lang, show, explain), ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False) + "\n"


def not_audited_line(location: str, error: str) -> str:
    """A file that could not be read, as its line of a `jsonl` batch."""
    return json.dumps({"not_audited": [{"location": location, "error": error}]}, ensure_ascii=False) + "\n"
