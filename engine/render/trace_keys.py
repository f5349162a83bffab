"""What a finding's trace is worded from, as a key: two traces with the same key are worded alike in every
language, so that a report words the trace its problems share once (engine.render.finding_words).

A key lists each event's fields as flat tokens. A value is given with its type where values of different
types can be equal and yet worded apart (1, 1.0 and True; a text and a field's name; 0.0 and -0.0); a text
or a whole number stands for itself (no value of another kind equals it). Only the kinds of values the
wording knows to word from their contents alone have a key; a trace holding another (an engine-made text,
a period, an object of the data) has none, and is worded afresh.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from engine.evaluation.trace import ConditionEvent, ReadEvent, RequirementEvent
from engine.semantics.reasons import Alternatives, Beside, Count, Field, Listed, Plus, Reason, Shown, Unit, Witness
from engine.semantics.values import Choices, Span, Unknown, Verbatim

# values that stand for themselves: no value of another kind a key holds is equal to one of them
_ITSELF = frozenset({str, int, type(None)})
# values given with their type: equal to values of other kinds (True == 1, Field("x") == "x", a date to
# a datetime), worded apart
_TYPED = frozenset({bool, Field, Unit, Count, Verbatim, dt.date})
_SEQUENCES = frozenset({tuple, list, Plus, Listed, Alternatives})
_FLOATS = frozenset({float, Shown})


class _NoKey(Exception):
    """A value the wording may word from more than its contents: the trace is worded afresh."""


def trace_key(events: tuple) -> tuple | None:
    """The key of a trace's words (a tuple), or None when it holds a value that has none."""
    out: list = []
    try:
        for e in events:
            kind = type(e)
            if kind is ReadEvent:
                value, unit, detail = e.value, e.unit, e.detail
                if type(value) in _ITSELF and type(unit) in _ITSELF and detail is None:  # the commonest
                    out += (ReadEvent, e.expr, value, unit, None)
                    continue
                out += (ReadEvent, e.expr)
                _value(value, out)
                _value(unit, out)
                _value(detail, out)
            elif kind is RequirementEvent or kind is ConditionEvent:
                out += (kind, e.kind, e.expr, e.outcome, e.role if kind is ConditionEvent else None)
                _value(e.reason, out)
            else:
                return None
    except _NoKey:
        return None
    return tuple(out)


def _value(v: Any, out: list) -> None:
    """Put the tokens of one value (and of what it holds) in `out`; _NoKey for a value without a key."""
    kind = type(v)
    if kind in _ITSELF:
        out.append(v)
    elif kind is Reason:
        _reason(v, out)
    elif kind in _TYPED:
        out += (kind, v)
    elif kind in _FLOATS:
        out += (kind, v if v else repr(v))  # 0.0 and -0.0 are equal, written apart
    elif kind in _SEQUENCES:
        out += (kind, len(v))
        for item in v:
            if type(item) in _ITSELF:
                out.append(item)
            elif type(item) is Reason:
                _reason(item, out)
            else:
                _value(item, out)
    elif kind is Unknown:
        out.append(Unknown)
        _value(v.why, out)  # an unknown value is worded from its reason alone
    elif kind is Span:
        out.append(Span)
        _value(v.low, out)
        _value(v.high, out)
    elif kind is Choices:
        out += (Choices, v.exact)
        _value(v.values, out)
    elif kind is Witness:
        out.append(Witness)
        _value(v.specialisation, out)
        out.append(len(v.groups))
        for group, codes in v.groups.items():
            _value(group, out)
            _value(tuple(codes), out)
    elif kind is Beside:
        out.append(Beside)
        _value(v.witness, out)
        _value(v.other, out)
    else:
        raise _NoKey


def _reason(r: Reason, out: list) -> None:
    """Put the tokens of a reason: its catalogue key, English template and arguments."""
    args = r.args
    out += (Reason, r.key, r.english, len(args))
    for name, arg in args:
        kind = type(arg)
        if kind in _ITSELF:
            out += (name, arg)
        elif kind in _TYPED:
            out += (name, kind, arg)
        else:
            out.append(name)
            _value(arg, out)


__all__ = ["trace_key"]
