"""The evaluator's trace: a tracer interface and the typed events it records for one finding.

Like Open Policy Agent's evaluator, which emits typed events to a tracer, the evaluator reports what
it does to a `Tracer`; like OpenFisca's trace trees, what is kept is data, not text:

- `ReadEvent`: a value was read (the expression, its value and unit, how the subject derived it, and
  for a parameter the version in force);
- `ConditionEvent`: a `when` condition, an exception's condition or a `for each ... where` filter, and
  whether it held;
- `RequirementEvent`: a `require` clause and its outcome (met, not met, undecided with the reason).

A decision taken under one choice of electives (engine.evaluation.per_choice) carries that choice as
its reason ("holds (if the student takes PE351)").

`TraceRecorder` is the tracer the evaluator gives each finding. Recording is cheap (compiled
expressions append a tuple); the typed events are built only when someone reads the trace.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Protocol

from engine.evaluation.findings import ParamVersion, period_data, value_data
from engine.semantics.values import Unknown


@dataclass(frozen=True, slots=True)
class ReadEvent:
    """A value read while deciding: `expr` = `value` (in `unit`), derived as `detail`."""

    expr: str
    value: Any
    unit: str | None = None
    detail: Any = None  # how the subject derived it, e.g. "PE101 6 + PE102 6 + ..." (text, or a Reason to word)
    param: ParamVersion | None = None  # the parameter version read, when expr is a parameter
    kind: str = "read"

    def to_dict(self, detail: bool = True) -> dict[str, Any]:
        """The event as data; `detail=False` leaves out the English derivation (a report that words it in
        its own language gives it beside)."""
        d = {"kind": self.kind, "expr": self.expr, "value": value_data(self.value, self.unit)}
        if detail:
            d["detail"] = _text(self.detail)
        if self.param is not None:
            d["param"] = {"ruleset": self.param.ruleset, "in_force": period_data(self.param.in_force),
                          "file": self.param.file, "line": self.param.line}
        return d


def _text(reason: Any) -> str | None:
    return None if reason is None else str(reason)


def outcome_of(result: Any, yes: str, no: str) -> tuple[str, Any]:
    """(outcome, reason) of a three-valued result: yes, no, or "undecided" with the Unknown's reason."""
    if result is True:
        return yes, None
    if type(result) is Unknown:
        return "undecided", result.why
    return no, None


@dataclass(frozen=True, slots=True)
class ConditionEvent:
    """A condition that decides whether a rule (`role` "when") or an exception ("exception") applies, or
    whether a `for each ... where` filter covers the element ("where")."""

    expr: str
    outcome: str  # holds | does_not_hold | undecided
    reason: Any = None  # why it is undecided, or the choice of electives it was decided under: a Reason, or None
    role: str = "when"
    kind: str = "condition"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "expr": self.expr, "outcome": self.outcome, "reason": _text(self.reason), "role": self.role}


@dataclass(frozen=True, slots=True)
class RequirementEvent:
    """A `require` clause and its outcome."""

    expr: str
    outcome: str  # met | not_met | undecided
    reason: Any = None  # why it is undecided, or the choice of electives it was decided under: a Reason, or None
    kind: str = "requirement"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "expr": self.expr, "outcome": self.outcome, "reason": _text(self.reason)}


class Tracer(Protocol):
    """What the evaluator reports while deciding one finding."""

    def append(self, read: tuple) -> None:
        """A value read by a compiled expression: (expr, value, unit, owner, field)."""

    def condition(self, expr: str, result: Any, role: str = "when", choice: Any = None) -> None:
        """A condition evaluated, with its three-valued result (`choice`: the Reason naming the choice of
        electives it was evaluated under, if one)."""

    def requirement(self, expr: str, result: Any, choice: Any = None) -> None:
        """A require clause evaluated, with its three-valued result (and `choice`, as for a condition)."""


class TraceRecorder(list):
    """The tracer of one finding: records reads as raw tuples (a list append, the fast path compiled
    expressions take) and decisions as events; `events()` turns them into typed events once."""

    __slots__ = ("params",)
    params: Mapping[str, ParamVersion]  # parameter name -> the version in force, for read events

    @classmethod
    def for_params(cls, params: Mapping[str, ParamVersion]) -> "TraceRecorder":
        """A recorder whose parameter reads name these versions (no __init__: creating one is cheap)."""
        recorder = cls()
        recorder.params = params
        return recorder

    def condition(self, expr: str, result: Any, role: str = "when", choice: Any = None) -> None:
        self.append((_DECIDED, "condition", expr, result, role, choice))

    def requirement(self, expr: str, result: Any, choice: Any = None) -> None:
        self.append((_DECIDED, "requirement", expr, result, None, choice))

    def events(self) -> tuple:
        """The typed events, each value read once (the first time), in the order they happened."""
        seen = set()
        out = []
        params = getattr(self, "params", {})
        for item in self:
            if item[0] is _DECIDED:
                out.append(_decision(*item[1:]))
                continue
            expr, value, unit, owner, field = item
            if expr in seen:
                continue
            seen.add(expr)
            explain = getattr(owner, "explain", None) if owner is not None else None
            out.append(ReadEvent(expr, value, unit, explain(field) if explain else None, params.get(expr)))
        return tuple(out)


_DECIDED = object()  # marks a recorded decision (the reads are (expr, value, unit, owner, field) tuples)


def _decision(kind: str, expr: str, result: Any, role: str | None, choice: Any):
    if kind == "condition":
        outcome, reason = outcome_of(result, "holds", "does_not_hold")
        return ConditionEvent(expr, outcome, reason if reason is not None else choice, role)
    outcome, reason = outcome_of(result, "met", "not_met")
    return RequirementEvent(expr, outcome, reason if reason is not None else choice)


__all__ = ["Tracer", "TraceRecorder", "ReadEvent", "ConditionEvent", "RequirementEvent", "outcome_of"]
