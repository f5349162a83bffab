"""The values and types of literals (a parameter's value: number, range, text, yes/no, set)."""
from __future__ import annotations

from engine.dsl import ast
from engine.ruleset.types import BOOL, STRING, Type, number
from engine.semantics.values import Span


def literal_value(e: ast.Expr):
    """The value of a parameter's literal (number, range, text, yes/no, set)."""
    match e:
        case ast.Num():
            return e.value
        case ast.SpanLit():
            return Span(e.low, e.high)
        case ast.Str():
            return e.value
        case ast.Bool():
            return e.value
        case ast.SetExpr():
            return frozenset(literal_value(i) for i in e.items)
    raise TypeError(type(e).__name__)


def literal_type(e: ast.Expr) -> Type:
    match e:
        case ast.Num():
            return number(e.unit)
        case ast.SpanLit():
            return Type("span", unit=e.unit)
        case ast.Str():
            return STRING
        case ast.Bool():
            return BOOL
        case ast.SetExpr():
            return Type("set", item=literal_type(e.items[0]))
    raise TypeError(type(e).__name__)
