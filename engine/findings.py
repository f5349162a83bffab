"""Findings and reports: what an evaluation produces, independent of how it is rendered."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .sections import DroppedRule, GradingTables, ProgrammeCharts, Recognition

STATUSES = ("fail", "indeterminate", "pass", "not_applicable")
SEVERITIES = ("error", "warning", "info")
VERDICTS = ("non_compliant", "incomplete", "compliant")


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


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One value that decided a finding: the expression, its value, how it was obtained."""

    expr: str
    value: str
    detail: str | None = None
    kind: str = "value"  # "value": an input that was read; "requirement": a require clause and its outcome

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"expr": self.expr, "value": self.value}
        if self.detail:
            d["detail"] = self.detail
        if self.kind != "value":
            d["kind"] = self.kind
        return d

    def __str__(self) -> str:
        if self.kind == "requirement":
            return f"required: {self.expr} -> {self.value}"
        return f"{self.expr} = {self.value}" + (f"  ({self.detail})" if self.detail else "")


class Finding:
    """The outcome of one rule on one subject (the programme, a year, a course...).

    The message and the trace may be given ready-made or as functions that build them on first use:
    an audit produces hundreds of findings, and most reports read only some of them in full.
    """

    __slots__ = ("rule", "title", "severity", "status", "subject", "citations", "replaces", "note",
                 "_message", "_trace")

    def __init__(self, rule: str, title: str, severity: str, status: str, subject: str,
                 message: "str | Callable[[], str]" = "", citations: tuple[Citation, ...] = (),
                 trace: "tuple[TraceStep, ...] | Callable[[], tuple[TraceStep, ...]]" = (),
                 replaces: str | None = None, note: str | None = None):
        self.rule = rule
        self.title = title
        self.severity = severity
        self.status = status
        self.subject = subject
        self.citations = citations
        self.replaces = replaces  # for an exception: the parent rule it replaced here
        self.note = note
        self._message = message
        self._trace = trace

    @property
    def message(self) -> str:
        if callable(self._message):
            self._message = self._message()
        return self._message

    @property
    def trace(self) -> tuple[TraceStep, ...]:
        if callable(self._trace):
            self._trace = self._trace()
        return self._trace

    def __repr__(self) -> str:
        return f"Finding({self.rule!r}, {self.status!r}, {self.subject!r})"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "subject": self.subject,
            "message": self.message,
            "citations": [c.to_dict() for c in self.citations],
            "trace": [t.to_dict() for t in self.trace],
        }
        if self.replaces:
            d["replaces"] = self.replaces
        if self.note:
            d["note"] = self.note
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
    findings: list[Finding] = field(default_factory=list)
    input_path: str | None = None
    input_sha256: str | None = None
    dropped_rules: tuple[DroppedRule, ...] = ()  # parent rules the rule set drops (every kind)
    charts: ProgrammeCharts | None = None  # a programme's chart data
    recognition: Recognition | None = None  # a transfer's recognition
    grading: GradingTables | None = None  # a cohort's grading tables
    extra: dict[str, Any] = field(default_factory=dict)  # other data, for callers' own additions

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
        out.update(self.extra)
        return out

    @property
    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in ("pass", "fail", "indeterminate", "not_applicable")}
        for f in self.findings:
            counts[f.status] += 1
        return counts

    @property
    def verdict(self) -> str:
        """non_compliant if an error-severity rule failed; incomplete if one is indeterminate."""
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

    def ordered_findings(self) -> list[Finding]:
        """Failures first, then indeterminate, passes, not applicable; errors before warnings."""
        status_rank = {s: i for i, s in enumerate(STATUSES)}
        sev_rank = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(
            self.findings,
            key=lambda f: (status_rank[f.status], sev_rank.get(f.severity, 9)),
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "subject": {"kind": self.subject_kind, "id": self.subject_id, "title": self.subject_title},
            "ruleset": {
                "id": self.ruleset_id,
                "title": self.ruleset_title,
                "version": self.ruleset_version,
                "as_of": self.as_of,
            },
            "input": {"path": self.input_path, "sha256": self.input_sha256},
            "verdict": self.verdict,
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
        }
        extra = self.section_data()
        if extra:
            d["extra"] = extra
        return d
