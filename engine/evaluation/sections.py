"""The kind-specific parts of a report, as typed values renderers know.

A programme report carries chart data (credits per term and year, hours per credit, contact hours,
and the lines the rules draw on them); a transfer report carries the recognition it implies; a cohort
report carries its grading tables. Every report names the parent rules its rule set drops. In JSON
they appear under `extra`, with the keys `chart_data`, `recognition`, `grading_table` and
`dropped_rules` (the documented shape).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from engine.semantics.values import Choices, is_unknown

# Which chart a bounded quantity is drawn on, and under which key of `chart_data` its line goes:
# (object type, field, role) -> key. A rule says which quantity it bounds (`chart ... target|minimum|band`,
# docs/dsl.md); these are the charts a programme report draws.
CHART_KEYS = {
    ("Year", "credits", "target"): "year_required",
    ("Term", "credits", "target"): "term_required",
    ("Course", "hours_per_credit", "band"): "hours_per_credit_band",
    ("Year", "contact_hours", "minimum"): "contact_hours_minimum",
}
CHART_ROLES = ("target", "minimum", "band")


@dataclass(frozen=True)
class WhatIf:
    """A change this audit makes to the law or to the subject, on request (`--set`, `--choose`): a
    report that carries one is a what-if report, never an audit under the law."""

    kind: str  # set (a parameter's value) | choose (an elective group's courses)
    name: str  # the parameter, or the elective group
    value: str  # the value as given (`3 credits`; `PE301,PE302`)
    replaces: str | None = None  # what the rule set (or the file) says: the value in force, the group's courses

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "value": self.value, "replaces": self.replaces}


@dataclass(frozen=True)
class WaiverNote:
    """The approved deviation that waives a finding: who approved it, by which decision, and why."""

    rule: str
    subject: str
    authority: str
    reference: str
    decided: str  # ISO date of the decision
    reason: str
    valid_from: str | None = None
    valid_until: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "subject": self.subject, "authority": self.authority, "reference": self.reference,
                "decided": self.decided, "valid_from": self.valid_from, "valid_until": self.valid_until,
                "reason": self.reason}


@dataclass(frozen=True)
class DroppedRule:
    """A parent rule the rule set drops, with the reason it gives."""

    rule: str
    origin: str  # the set the rule came from
    dropped_by: str
    reason: str  # in English
    reasons: dict[str, str] = field(default_factory=dict)  # in other languages (`because[el]`)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"rule": self.rule, "from": self.origin, "dropped_by": self.dropped_by, "reason": self.reason}
        if self.reasons:
            d["reasons"] = {"en": self.reason, **self.reasons}
        return d


@dataclass(frozen=True)
class ChartTarget:
    """A line a rule draws on a chart: the quantity it bounds (object type and field), how, and the value."""

    type_name: str  # e.g. "Year"
    field: str  # e.g. "credits"
    role: str  # target | minimum | band
    low: float
    high: float
    rule: str  # the rule that declares it

    @property
    def key(self) -> str | None:
        return CHART_KEYS.get((self.type_name, self.field, self.role))

    def value(self) -> Any:
        return [self.low, self.high] if self.role == "band" else self.low

    def to_dict(self) -> dict[str, Any]:
        return {"quantity": f"{self.type_name.lower()}.{self.field}", "role": self.role, "value": self.value(),
                "rule": self.rule}


@dataclass(frozen=True)
class ProgrammeCharts:
    """Numbers for a programme's charts: rows of {label, low, high} per term, year and course."""

    terms: list[dict[str, Any]]
    years: list[dict[str, Any]]
    courses: list[dict[str, Any]]
    contact_hours: list[dict[str, Any]]
    targets: tuple[ChartTarget, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"terms": self.terms, "years": self.years, "courses": self.courses,
                                "contact_hours": self.contact_hours}
        for t in self.targets:
            if t.key and t.key not in data:
                data[t.key] = t.value()
        if self.targets:
            data["targets"] = [t.to_dict() for t in self.targets]
        return data


@dataclass(frozen=True)
class Recognition:
    """The recognition a transfer implies (engine.subjects.transfer.recognition.recognise), grades converted where asked."""

    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.data


@dataclass(frozen=True)
class GradingTables:
    """The grading table of every reference group of a cohort (engine.grades table_dict)."""

    tables: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> list[dict[str, Any]]:
        return self.tables


def _span(v) -> dict[str, Any]:
    """A value as {low, high} (equal for a plain number; None for an unknown, with the reason)."""
    if is_unknown(v):
        return {"low": None, "high": None, "unknown": v.reason}
    if isinstance(v, Choices):
        return {"low": v.low, "high": v.high}
    return {"low": v, "high": v}


def programme_chart_data(view, targets: Iterable[ChartTarget] = ()) -> ProgrammeCharts:
    """Per-term and per-year credits, hours per credit per course and contact hours per year of a
    ProgrammeView, as JSON-able numbers, with the lines the rules draw on them (`targets`: the `chart`
    clauses of the rules that applied, see engine.evaluate.Evaluator.chart_targets)."""
    return ProgrammeCharts(
        terms=[{"label": str(t.number), "year": t.year, **_span(t.credits)} for t in view.terms],
        years=[{"label": str(y.number), **_span(y.credits)} for y in view.years],
        courses=[{"label": str(c.code), **_span(c.hours_per_credit)} for c in view.courses.items],
        contact_hours=[{"label": str(y.number), **_span(y.contact_hours)} for y in view.years],
        targets=tuple(targets))


@dataclass(frozen=True)
class SinceLastAudit:
    """How this audit differs from the last recorded audit of the same subject under the same rule set
    (engine.history): problems fixed, new problems, other changes of status."""

    audit_id: int  # the earlier audit
    recorded_at: str
    fixed: int
    new: int
    changed: int  # findings that appeared, disappeared or changed status, all told
    input_changed: bool
    ruleset_changed: bool | None  # None: the earlier audit did not record the rule set's hash

    def to_dict(self) -> dict[str, Any]:
        return {"audit_id": self.audit_id, "recorded_at": self.recorded_at, "fixed": self.fixed, "new": self.new,
                "changed": self.changed, "input_changed": self.input_changed, "ruleset_changed": self.ruleset_changed}
