"""The compact JSON report's own parts (`--show problems` or `failures`, without `--explain`): what the
full report gives once per finding, given here once per report. Problems keep their worded trace (the
values that decided them) without the typed events, message parts and parameter versions, each step given
once in the report's `steps` and named by its id; each rule's title, note, file and line are in `rules`;
passes are named per rule in `passed`, by their keys where one pattern words them all; the sources are
engine.render.compact_sources'. docs/reports.md ("The compact report") describes the shape;
engine.render.json_expand puts what is given once back in each finding."""
from __future__ import annotations

from typing import Any, Sequence

from engine.evaluation.findings import Finding, SubjectRef
from .subject_words import subject_words
from .wording import NAMED_BY_SUBJECT, Wording

# the parts of `extra` the compact form leaves out: the figures the HTML report draws its charts from
CHART_KEYS = ("chart_data",)
KEY = "{key}"  # where a passed subject's key stands in the words of its rule's `subject` pattern
_PLAIN_KEYS = frozenset({str, int})  # the keys a pattern words as they are (not bool, not an engine-made text)


class StepTable:
    """The trace steps of a compact report, each once (its `steps`): `{"id": "T1", ...short_step}` in
    order of first use; a problem's `trace` lists the ids of its steps."""

    __slots__ = ("ids", "steps")

    def __init__(self) -> None:
        self.ids: dict[tuple, str] = {}
        self.steps: list[dict[str, Any]] = []

    def ref(self, step: dict[str, Any]) -> str:
        """The id of this step (`short_step`), given a new one the first time it is seen."""
        key = tuple(step.items())
        sid = self.ids.get(key)
        if sid is None:
            sid = self.ids[key] = f"T{len(self.ids) + 1}"
            self.steps.append({"id": sid, **step})
        return sid


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


def short_finding(f: Finding, w: Wording, sources: dict, steps: StepTable) -> dict[str, Any]:
    """A problem (failed, waived, undecided) as the compact form gives it: rule, severity, status, subject,
    message, its trace (the ids of its steps in `steps`), subject_ref (kind, key; its label only where it
    differs from `subject`), the ids of its sources, and the rule it replaces, the waiver that covers it
    and the what-if sentence when there are. The rule's title, note, file and line are in the report's
    `rules`; the typed events, message parts and parameter versions are given with --show all or --explain."""
    text = w.finding(f)
    ref = f.subject_ref
    subject_ref: dict[str, Any] = {"kind": ref.kind, "key": ref.key}
    if ref.label != text.subject:
        subject_ref["label"] = ref.label
    d: dict[str, Any] = {"rule": f.rule, "severity": f.severity, "status": f.status, "subject": text.subject,
                         "message": text.message,
                         "trace": [steps.ref(short_step(s, e)) for s, e in zip(text.trace, f.trace)],
                         "subject_ref": subject_ref, "sources": [sources[c] for c in f.citations]}
    if f.replaces:
        d["replaces"] = f.replaces
    if f.waiver is not None:
        d["waiver"] = f.waiver.to_dict()
    if text.what_if:
        d["what_if"] = text.what_if
    return d


def passed_by_rule(findings: Sequence[Finding], w: Wording, subjects: dict) -> list[dict[str, Any]]:
    """The passed findings, one entry per rule in the order the report first names each rule: `rule`, the
    rule it replaces (`replaces`, for an exception) and every subject it passed for, in report order: as
    `subject` (the words of a subject with `{key}` where its key stands) and `keys` where one such pattern
    words them all (`keyed`), else as `subjects`, each worded as a compact finding's `subject`."""
    groups: dict[str, list | None] = {}
    replaced: dict[str, str] = {}
    for f in findings:
        rule = f.rule
        if rule not in groups:
            groups[rule] = None  # the rule's place in the report's order, whether it passes or not
        if f.status != "pass":
            continue
        refs = groups[rule]
        if refs is None:
            refs = groups[rule] = []
            if f.replaces:
                replaced[rule] = f.replaces
        refs.append(f.subject_ref)
    out = []
    for rule, refs in groups.items():
        if refs is None:
            continue
        entry: dict[str, Any] = {"rule": rule, **({"replaces": replaced[rule]} if rule in replaced else {})}
        pattern = keyed(refs, w, subjects)
        if pattern is None:
            entry["subjects"] = [subject_words(ref, w, subjects) for ref in refs]
        else:
            entry["subject"] = pattern
            entry["keys"] = [ref.key for ref in refs]
        out.append(entry)
    return out


def keyed(refs: list[SubjectRef], w: Wording, subjects: dict) -> str | None:
    """The pattern that words every one of these subjects (`{key}` standing for its key: 'course {key}'),
    when there is one: the subjects are of one kind, each with a plain key (a text or a whole number, as
    the first is), the catalogue words that kind with its key and no other placeholder, and so words the
    first subject (engine.render.wording.Wording.subject words each of them alike); else None."""
    first = refs[0]
    kind, key_type = first.kind, type(first.key)
    pattern = w.t.get(f"subject.{kind}", "")
    if key_type not in _PLAIN_KEYS or kind in NAMED_BY_SUBJECT or pattern.count("{") != 1 or pattern.count("}") != 1:
        return None
    before, found, after = pattern.partition(KEY)
    if not found or subject_words(first, w, subjects) != f"{before}{first.key}{after}":
        return None
    for ref in refs:
        if ref.kind != kind or type(ref.key) is not key_type:
            return None
    return pattern


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


__all__ = ["StepTable", "short_step", "short_finding", "passed_by_rule", "keyed", "rule_places", "compact_extra",
           "is_compact", "KEY"]
