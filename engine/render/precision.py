"""How many decimals a finding's numbers need to read apart.

Numbers are shown to two decimals. A finding that compares 20.0033 credits with 20 would then read
"20 credits is 20 credits -> not met": the verdict hangs on digits the display rounds away. A finding
whose numbers (its message's values, the values its trace read, the numbers its conditions and
requirements write) differ but would read the same is worded with as many more decimals as tell them
apart (engine.semantics.units.decimals_apart); a finding without such numbers keeps two (checked first,
cheaply: most numbers have at most two decimals).
"""
from __future__ import annotations

import math
from dataclasses import fields
from typing import Any, Iterator

from engine.dsl import ast
from engine.evaluation.findings import RULE_MESSAGE, Finding
from engine.evaluation.trace import ConditionEvent, ReadEvent, RequirementEvent
from engine.semantics.units import decimals_apart
from engine.semantics.values import Choices, Span
from .sentences import expression_tree

DECIMALS = 2  # a number's decimals shown when nothing needs more


def finding_decimals(f: Finding, with_trace: bool = True) -> int:
    """The decimals the finding's numbers need to read apart (DECIMALS unless more are needed); with
    `with_trace` false, those of its message only (a report that shows no trace)."""
    numbers = list(_message_numbers(f))
    events = f.trace if with_trace else ()
    numbers += [x for e in events if isinstance(e, ReadEvent) for x in _numbers(e.value)]
    if not any(type(x) is float and math.isfinite(x) and x != round(x, DECIMALS) for x in numbers):
        return DECIMALS  # every number reads as it is: nothing to tell apart
    for e in events:
        if isinstance(e, (ConditionEvent, RequirementEvent)):
            tree = expression_tree(e.expr)
            numbers += _literals(tree) if tree is not None else ()
    return decimals_apart(numbers, DECIMALS)


def _message_numbers(f: Finding) -> Iterator[Any]:
    for part in f.message_parts:
        values = (v for vs in part.args.values() for v in vs) if part.template == RULE_MESSAGE else part.args.values()
        for v in values:
            yield from _numbers(v)


def _numbers(v: Any) -> tuple:
    kind = type(v)
    if kind is int or kind is float:
        return (v,)
    if kind is Choices:
        return tuple(v.values) if v.exact else (v.low, v.high)
    if kind is Span:
        return (v.low, v.high)
    return ()


def _literals(e: Any) -> Iterator[float]:
    """The numbers an expression writes (its literals, a range's ends)."""
    if isinstance(e, ast.Num):
        yield e.value
    elif isinstance(e, ast.SpanLit):
        yield from (e.low, e.high)
    elif isinstance(e, ast.Expr):
        for fld in fields(e):
            child = getattr(e, fld.name)
            for item in child if isinstance(child, tuple) else (child,):
                if isinstance(item, ast.Expr):
                    yield from _literals(item)


__all__ = ["DECIMALS", "finding_decimals"]
