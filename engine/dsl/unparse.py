"""Expressions back to rule-language text, for traces and reports."""
from __future__ import annotations

from . import ast
from engine.semantics.units import format_number


def unit_text(unit: str | None) -> str:
    if not unit:
        return ""
    if "/" in unit:
        a, b = unit.split("/", 1)
        return f" {a} per {b}"
    return f" {unit}" if unit != "%" else " %"


def unparse(e: ast.Expr) -> str:
    """The canonical text of an expression."""
    match e:
        case ast.Num():
            return f"{format_number(e.value)}{unit_text(e.unit)}"
        case ast.SpanLit():
            return f"{format_number(e.low)}..{format_number(e.high)}{unit_text(e.unit)}"
        case ast.Str():
            return '"' + e.value.replace('"', '\\"') + '"'
        case ast.Bool():
            return "true" if e.value else "false"
        case ast.SetExpr():
            return "{" + ", ".join(unparse(i) for i in e.items) + "}"
        case ast.Path():
            return e.text
        case ast.Arith():
            return f"{_wrap(e.left)} {e.op} {_wrap(e.right)}"
        case ast.Neg():
            return f"-{_wrap(e.operand)}"
        case ast.Compare():
            return f"{_wrap(e.left)} {e.op} {_wrap(e.right)}"
        case ast.In():
            return f"{_wrap(e.left)} {'not in' if e.negated else 'in'} {_wrap(e.right)}"
        case ast.IsKnown():
            return f"{_wrap(e.operand)} is {'missing' if e.negated else 'known'}"
        case ast.IsWhole():
            return f"{_wrap(e.operand)} is whole"
        case ast.Not():
            return f"not {_wrap(e.operand)}"
        case ast.BoolOp():
            return f" {e.op} ".join(_wrap(i) for i in e.items)
        case ast.Aggregate():
            w = f" where {unparse(e.where)}" if e.where else ""
            return f"{e.fn}({unparse(e.body)} for {e.var} in {e.collection.text}{w})"
        case ast.Count():
            if e.var is None:
                return f"count({e.collection.text})"
            w = f" where {unparse(e.where)}" if e.where else ""
            return f"count({e.var} in {e.collection.text}{w})"
    raise TypeError(f"cannot unparse {type(e).__name__}")


def _wrap(e: ast.Expr) -> str:
    text = unparse(e)
    composite = (ast.Arith, ast.BoolOp, ast.Compare, ast.In, ast.IsKnown, ast.IsWhole, ast.Not, ast.Neg)
    return f"({text})" if isinstance(e, composite) else text
