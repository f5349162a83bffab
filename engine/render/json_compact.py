"""The compact JSON report's own parts (`--show problems` or `failures`, without `--explain`): what the
full report gives once per finding, given here once per report. Problems keep their worded trace (the
values that decided them) without the typed events, message parts and parameter versions; passes are
named per rule in `passed`; sources are worded in the report's language only; each rule's title, note
and file and line are in `rules`. docs/reports.md ("Compact reports") describes the shape."""
from __future__ import annotations

from typing import Any, Sequence

from engine.evaluation.findings import Finding
from .quotes import quote_label
from .subject_words import subject_words
from .wording import Wording

# the parts of `extra` the compact form leaves out: the figures the HTML report draws its charts from
CHART_KEYS = ("chart_data",)
# the fields of a source the compact form leaves out: its title and article text in every language
_BY_LANGUAGE = ("source_titles", "refs")


def short_step(step, event) -> dict[str, Any]:
    """One trace step as the compact form gives it: the expression in words (its expression where it has
    no words), its value, how the value was worked out, whether it is a requirement or a condition, and a
    condition's `role` (`when` the rule applies, an `exception`, a `where` filter) from its typed event."""
    d: dict[str, Any] = {"words": step.words} if step.words else {"expr": step.expr}
    d["value"] = step.value
    if step.detail:
        d["detail"] = step.detail
    if step.kind != "value":
        d["kind"] = step.kind
        if step.kind == "condition":
            d["role"] = event.role
    return d


def short_finding(f: Finding, w: Wording, sources: dict) -> dict[str, Any]:
    """A problem (failed, waived, undecided) as the compact form gives it: rule, severity, status, subject,
    message, its trace in words (short_step), subject_ref, the ids of its sources, and the rule it
    replaces, the waiver that covers it and the what-if sentence when there are. The rule's title, note,
    file and line are in the report's `rules`; the typed events, message parts and parameter versions
    are given with --show all or --explain."""
    text = w.finding(f)
    d: dict[str, Any] = {"rule": f.rule, "severity": f.severity, "status": f.status, "subject": text.subject,
                         "message": text.message, "trace": [short_step(s, e) for s, e in zip(text.trace, f.trace)],
                         "subject_ref": f.subject_ref.to_dict(), "sources": [sources[c] for c in f.citations]}
    if f.replaces:
        d["replaces"] = f.replaces
    if f.waiver is not None:
        d["waiver"] = f.waiver.to_dict()
    if text.what_if:
        d["what_if"] = text.what_if
    return d


def passed_by_rule(findings: Sequence[Finding], w: Wording, subjects: dict) -> list[dict[str, Any]]:
    """The passed findings, one entry per rule in the order the report first names each rule: `rule`, the
    rule it replaces (`replaces`, for an exception) and `subjects`, every subject it passed for, worded
    as a compact finding's `subject`, in report order."""
    groups: dict[str, dict[str, Any] | None] = {}
    for f in findings:
        rule = f.rule
        if rule not in groups:
            groups[rule] = None  # the rule's place in the report's order, whether it passes or not
        if f.status != "pass":
            continue
        group = groups[rule]
        if group is None:
            group = groups[rule] = {"rule": rule, **({"replaces": f.replaces} if f.replaces else {}), "subjects": []}
        group["subjects"].append(subject_words(f.subject_ref, w, subjects))
    return [g for g in groups.values() if g is not None]


def source_list(table: dict, w: Wording) -> list[dict[str, Any]]:
    """The report's sources (`{citation: id}`), each once, its title and article text in the report's
    language only (no `source_titles`, `refs`); its quote, original-language texts and confidence as
    in the full form."""
    out = []
    for c, sid in table.items():
        d = {"id": sid, **w.citation(c).to_dict()}
        for key in _BY_LANGUAGE:
            d.pop(key, None)
        out.append(labelled(d, c, w))
    return out


def labelled(d: dict[str, Any], c: Any, w: Wording) -> dict[str, Any]:
    """A source's data with `quote_label`, the words saying in the report's language that its quote is an
    English rendering of a text in another language (engine.render.quotes), where it is one."""
    label = quote_label(c, w.t)
    if label:
        d["quote_label"] = label
    return d


def rule_places(rules: list[dict[str, Any]], findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The report's rules table with each rule's `file` and `line` added (where its provenance is known):
    what the full form gives in each finding's `provenance`."""
    first = {}
    for f in findings:
        first.setdefault(f.rule, f)
    out = []
    for entry in rules:
        provenance = first[entry["rule"]].provenance
        out.append({**entry, "file": provenance.file, "line": provenance.line} if provenance else entry)
    return out


def compact_extra(extra: dict[str, Any], w: Wording) -> dict[str, Any]:
    """A report's `extra` without the chart figures (CHART_KEYS), which only the HTML report draws, and
    each dropped rule's `reason` in the report's language only (no `reasons` of every language)."""
    out = {k: v for k, v in extra.items() if k not in CHART_KEYS}
    if isinstance(out.get("dropped_rules"), list):
        out["dropped_rules"] = [_dropped(d, w) if isinstance(d, dict) and "reasons" in d else d
                                for d in out["dropped_rules"]]
    return out


def _dropped(d: dict[str, Any], w: Wording) -> dict[str, Any]:
    """A dropped rule (an item of `dropped_rules`) with its reason in the report's language only."""
    return {**{k: v for k, v in d.items() if k != "reasons"}, "reason": w.dropped_reason(d)}


def is_compact(show: str, explain: bool) -> bool:
    """Whether a JSON report takes the compact form: not with `--show all`, nor with `--explain`."""
    return show != "all" and not explain


__all__ = ["short_finding", "passed_by_rule", "source_list", "rule_places", "compact_extra", "is_compact"]
