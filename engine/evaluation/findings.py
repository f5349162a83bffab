"""Findings and reports: what an evaluation produces, as language-free data.

A finding holds values, not sentences: the subject as a reference (kind + key), the message as a
template reference with its arguments, the trace as typed events (engine.trace). Renderers
(engine.render) word all of it in the reader's language, so one evaluation renders in any language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, Mapping, NamedTuple

from engine.evaluation.deferred import Later, made_when_read
from engine.evaluation.rule_facts import RuleFacts, fact
from engine.semantics.values import Choices, Span, Unknown

from engine.evaluation.sections import (DroppedRule, GradingTables, ProgrammeCharts, Recognition, SinceLastAudit,
                                         WaiverNote, WhatIf)

STATUSES = ("fail", "indeterminate", "waived", "pass", "not_applicable")  # waived: a failure an approved deviation covers
SEVERITIES = ("error", "warning", "info")
VERDICTS = ("non_compliant", "incomplete", "compliant")
_new = object.__new__
RULE_MESSAGE = "rule"  # MessagePart.template of the rule's own message (in the rule file's languages)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule or parameter comes from: a named source, the article, the quoted text."""

    source: str  # the source's id in the rule set, e.g. "guide"
    source_title: str  # e.g. "ECTS Users' Guide 2015"
    ref: str  # e.g. "§1 Key features, p.10"
    quote: str | None = None
    confidence: str | None = None  # primary | secondary | seed_only | unverified

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source_title,
            "source_id": self.source,
            "ref": self.ref,
            "quote": self.quote,
            "confidence": self.confidence,
        }


class SubjectRef(NamedTuple):
    """What a finding is about: a kind (programme, year, term, course...) and its key (2, "PE305");
    `label` is how the subject names itself in the data (a fallback for kinds a catalogue lacks)."""

    kind: str
    key: str | int | None
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "label": self.label}


class MessagePart(NamedTuple):
    """One sentence of a finding's message: a template reference and its arguments.

    `template` is RULE_MESSAGE for the rule's own message (arguments: per language, the values of
    that language's template holes; their units are the template's, Finding.templates[lang].units) or a catalogue key such as "engine.cannot_decide" (arguments by name:
    text, SubjectRef, dates, periods, tuples of reasons, or per-language texts as a dict)."""

    template: str
    args: Mapping[str, Any]

    def to_dict(self, lang: str | None = None, templates: Mapping[str, Any] | None = None) -> dict[str, Any]:
        if self.template == RULE_MESSAGE:
            chosen = lang if lang in self.args else ("en" if "en" in self.args else next(iter(self.args), None))
            units = templates[chosen].units if templates and chosen in templates else ()
            values = self.args.get(chosen, ())
            return {"template": self.template, "lang": chosen,
                    "args": [value_data(v, u) for v, u in zip(values, units or (None,) * len(values))]}
        return {"template": self.template, "args": {k: arg_data(v) for k, v in self.args.items()}}


@dataclass(frozen=True, slots=True)
class ParamVersion:
    """The version of a parameter a finding used: its value, when it is in force, where it is declared."""

    name: str
    value: Any
    unit: str | None
    in_force: Any  # dsl.ast.InForce
    ruleset: str  # the rule set that declared this version
    file: str | None = None
    line: int | None = None
    what_if: bool = False  # a value given for this audit only (`--set`), not the rule set's

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "value": value_data(self.value, self.unit), "in_force": period_data(self.in_force),
             "ruleset": self.ruleset, "file": self.file, "line": self.line}
        if self.what_if:
            d["what_if"] = True
        return d


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a finding's rule comes from: its file and line, the rule set (the child or an ancestor)
    that declared it, what it overrides or is an exception to, and the parameter versions it used."""

    file: str
    line: int
    ruleset: str
    overrides: str | None = None
    exception_to: str | None = None
    params: tuple[ParamVersion, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "ruleset": self.ruleset, "overrides": self.overrides,
                "exception_to": self.exception_to, "params": [p.to_dict() for p in self.params]}


class Finding:
    """The outcome of one rule on one subject (the programme, a year, a course...).

    The trace may be given as a recorder (engine.trace.TraceRecorder) that builds its typed events on
    first use: an audit produces hundreds of findings, and most reports read only some of them in full.
    The message and the trace may also be given as an engine.evaluation.deferred.Later, which
    rebuilds them when first read. What the findings of one rule share is one RuleFacts (`facts`).
    """

    __slots__ = ("facts", "status", "subject_ref", "_message", "_trace", "waiver")

    def __init__(self, rule: str, titles: Mapping[str, str], severity: str, status: str, subject: SubjectRef,
                 message: tuple[MessagePart, ...] = (), citations: tuple[Citation, ...] = (),
                 trace: Any = (), replaces: str | None = None, notes: Mapping[str, str] | str | None = None,
                 templates: Mapping[str, Any] | None = None, provenance: Provenance | None = None):
        self.facts = RuleFacts(rule, titles, severity, citations, replaces, notes, templates, provenance)
        self.status = status
        self.subject_ref = subject
        self._message = message
        self._trace = trace
        self.waiver: WaiverNote | None = None  # for a waived finding: the deviation that waives it

    @classmethod
    def of(cls, facts: RuleFacts, status: str, subject: SubjectRef, message: Any, trace: Any) -> "Finding":
        """A finding of a rule whose facts are already worked out (the evaluator's way: shared, not copied)."""
        f = _new(cls)
        f.facts = facts
        f.status = status
        f.subject_ref = subject
        f._message = message
        f._trace = trace
        f.waiver = None
        return f

    @classmethod
    def each(cls, facts: RuleFacts, statuses: list[str], subjects: list[SubjectRef], later: Any) -> list["Finding"]:
        """The findings of one rule decided on the fast path, one per status and subject (in step), their
        message and trace to be rebuilt by `later` (Finding.of, for each)."""
        out = list(map(_new, repeat(cls, len(statuses))))
        for f, status, subject in zip(out, statuses, subjects):
            f.facts = facts
            f.status = status
            f.subject_ref = subject
            f._message = later
            f._trace = later
            f.waiver = None
        return out

    rule = fact("rule")
    titles = fact("titles")
    severity = fact("severity")
    citations = fact("citations")
    replaces = fact("replaces")  # for an exception: the parent rule it replaced here
    notes = fact("notes")  # the rule's note by language ({} without one)
    templates = fact("templates")  # the rule's message templates by language (compiled.Template)
    provenance = fact("provenance")

    @property
    def subject(self) -> str:
        """The subject as the data names it ("year 2", "course PE305"), for matching, not for reading."""
        return self.subject_ref.label

    @property
    def title(self) -> str:
        """The rule's English title (or its only one); renderers pick the reader's language."""
        return self.titles.get("en") or next(iter(self.titles.values()), self.rule)

    @property
    def note(self) -> str | None:
        """The rule's note in English; renderers pick the reader's language from `notes`."""
        return self.notes.get("en")

    @property
    def message_parts(self) -> tuple[MessagePart, ...]:
        """The message, sentence by sentence (built on first use when the evaluation deferred it)."""
        if isinstance(self._message, Later):
            self._message = self._message.rebuild(self)._message
        return self._message

    @message_parts.setter
    def message_parts(self, parts: tuple[MessagePart, ...]) -> None:
        self._message = parts

    @property
    def trace(self) -> tuple:
        """The typed trace events (engine.evaluation.trace), built on first use (rebuilt, with the message
        if it is not yet, when the evaluation deferred them: engine.evaluation.deferred)."""
        if isinstance(self._trace, Later):
            generic = self._trace.rebuild(self)
            if isinstance(self._message, Later):
                self._message = generic._message
            self._trace = generic._trace
        if not isinstance(self._trace, tuple):
            self._trace = self._trace.events()
        return self._trace

    def __repr__(self) -> str:
        return f"Finding({self.rule!r}, {self.status!r}, {self.subject!r})"

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The finding as language-free data (the JSON report adds the worded fields; `lang` picks
        which language's template arguments a rule message lists)."""
        d: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "status": self.status,
            "subject_ref": self.subject_ref.to_dict(),
            "message_parts": [p.to_dict(lang, self.templates) for p in self.message_parts],
            "citations": [c.to_dict() for c in self.citations],
            "events": [e.to_dict() for e in self.trace],
            "provenance": self.provenance.to_dict() if self.provenance else None,
        }
        d.update(self.optional_data())
        return d

    def optional_data(self) -> dict[str, Any]:
        """The fields a finding has only sometimes: the rule it replaces, its note, the waiver that covers it."""
        d: dict[str, Any] = {}
        if self.replaces:
            d["replaces"] = self.replaces
        if self.note:
            d["note"] = self.note
            if len(self.notes) > 1:
                d["notes"] = dict(self.notes)
        if self.waiver is not None:
            d["waiver"] = self.waiver.to_dict()
        return d


@dataclass
class Report:
    """Every finding for one subject under one rule set on one date, plus what identifies them."""

    subject_kind: str  # programme | transfer | cohort
    subject_id: str
    subject_title: str | None
    ruleset_id: str
    ruleset_title: str
    ruleset_version: str | None
    as_of: str  # ISO date
    findings: list[Finding] = field(default_factory=list)  # or an audit's rows, made findings when read
    input_path: str | None = None
    input_sha256: str | None = None
    dropped_rules: tuple[DroppedRule, ...] = ()  # parent rules the rule set drops (every kind)
    charts: ProgrammeCharts | None = None  # a programme's chart data
    recognition: Recognition | None = None  # a transfer's recognition
    grading: GradingTables | None = None  # a cohort's grading tables
    extra: dict[str, Any] = field(default_factory=dict)  # other data, for callers' own additions
    ruleset_titles: dict[str, str] = field(default_factory=dict)  # the rule set's title per language
    ruleset_versions: dict[str, str] = field(default_factory=dict)  # the rule set's version text per language
    ruleset_sha256: str | None = None  # the composed rule set's content hash (CompiledRuleSet.content_hash)
    since_last_audit: SinceLastAudit | None = None  # set when the audit is recorded in a store (engine.history)
    what_ifs: tuple[WhatIf, ...] = ()  # changes asked for this audit only: not an audit under the law

    def section_data(self) -> dict[str, Any]:
        """The kind-specific parts as JSON-able data, keyed as in the JSON report's `extra`."""
        out: dict[str, Any] = {}
        if self.dropped_rules:
            out["dropped_rules"] = [d.to_dict() for d in self.dropped_rules]
        if self.charts is not None:
            out["chart_data"] = self.charts.to_dict()
        if self.recognition is not None:
            out["recognition"] = self.recognition.to_dict()
        if self.grading is not None:
            out["grading_table"] = self.grading.to_dict()
        if self.since_last_audit is not None:
            out["since_last_audit"] = self.since_last_audit.to_dict()
        out.update(self.extra)
        return out

    @property
    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in ("pass", "fail", "indeterminate", "not_applicable", "waived")}
        for f in self.findings:
            counts[f.status] += 1
        return counts

    @property
    def verdict(self) -> str:
        """non_compliant if an error-severity rule failed; incomplete if one is indeterminate (a waived
        finding is neither)."""
        errors = [f for f in self.findings if f.severity == "error"]
        if any(f.status == "fail" for f in errors):
            return "non_compliant"
        if any(f.status == "indeterminate" for f in errors):
            return "incomplete"
        return "compliant"

    def has_failed_error(self) -> bool:
        return self.verdict == "non_compliant"

    def has_indeterminate(self) -> bool:
        return any(f.status == "indeterminate" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The report as language-free data (engine.render.json_report gives the worded JSON report)."""
        d: dict[str, Any] = {
            "subject": {"kind": self.subject_kind, "id": self.subject_id, "title": self.subject_title},
            "ruleset": {"id": self.ruleset_id, "title": self.ruleset_title, "version": self.ruleset_version,
                        "as_of": self.as_of},
            "input": {"path": self.input_path, "sha256": self.input_sha256},
            "verdict": self.verdict,
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
            "what_ifs": [w.to_dict() for w in self.what_ifs],
        }
        extra = self.section_data()
        if extra:
            d["extra"] = extra
        return d

    def ordered_findings(self) -> list[Finding]:
        """Failures first, then indeterminate, waived, passes, not applicable; errors before warnings."""
        status_rank = {s: i for i, s in enumerate(STATUSES)}
        sev_rank = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(self.findings, key=lambda f: (status_rank[f.status], sev_rank.get(f.severity, 9)))


Report.findings = made_when_read("_findings")  # type: ignore[assignment]  # engine.evaluation.rows


# ---- values as JSON data -------------------------------------------------------------------------

def _plain(x: Any) -> Any:
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, (str, int, float, bool)) or x is None:
        return x
    return str(x)


def value_data(v: Any, unit: str | None = None) -> dict[str, Any]:
    """A value as JSON data: {"number"|"choices"|"range"|"unknown"|"set"|"text"|..., "unit"}."""
    if type(v) is Unknown:
        d: dict[str, Any] = {"unknown": v.reason}
    elif type(v) is Choices:
        d = {"choices": list(v.values), "exact": v.exact}
    elif type(v) is Span:
        d = {"range": [v.low, v.high]}
    elif isinstance(v, bool):
        d = {"bool": v}
    elif isinstance(v, (int, float)):
        d = {"number": v}
    elif isinstance(v, (frozenset, set)):
        d = {"set": sorted((_plain(x) for x in v), key=lambda x: (isinstance(x, str), str(x)))}
    elif isinstance(v, (dt.date, dt.datetime)):
        d = {"date": v.isoformat()}
    elif isinstance(v, (list, tuple)):
        d = {"items": len(v)}
    elif v is None:
        d = {"none": True}
    else:
        d = {"text": str(v)}
    if unit:
        d["unit"] = unit
    return d


def period_data(p: Any) -> dict[str, Any]:
    """An in-force period (dsl.ast.InForce) as {"from", "until"} (until is exclusive)."""
    start, end = getattr(p, "start", None), getattr(p, "end", None)
    return {"from": start.isoformat() if start else None, "until": end.isoformat() if end else None}


def arg_data(v: Any) -> Any:
    """A message argument as JSON data."""
    if isinstance(v, SubjectRef):
        return v.to_dict()
    if isinstance(v, Mapping):
        return dict(v)
    if isinstance(v, tuple):
        return [arg_data(x) for x in v]
    if hasattr(v, "covers"):
        return period_data(v)
    return _plain(v)
