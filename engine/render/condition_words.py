"""Which part of a condition decided it, in words: "Does not apply: the kind of studies of the programme
is vocational (applied), not academic" rather than "it does not hold that A and B and it is not so that C".

The condition is read again on the values its trace read (expression text -> value, as the evaluator
read them): for `a and b` that does not hold, the parts that do not hold; for `a or b`, all of them; for
`not a`, a, which holds. A part is worded with the value that decided it. A part that cannot be read
again (a value not read, an aggregate, an unknown value) is not named; when no part can be, the caller
words the whole condition as before (None).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from engine.dsl import ast
from engine.semantics.values import Choices, Span, Unknown
from .sentences import Sentences, expression_tree

_NOT_HELD = ("not_met", "does_not_hold")  # the outcomes of a requirement, a condition that did not hold
_UNREAD = object()  # a value the trace did not read (or one that cannot be compared here)
_NEGATED = {"==": "!=", "!=": "==", ">=": "<", "<=": ">", ">": "<=", "<": ">="}


def deciding_parts(sentences: Sentences, text: str, reads: Mapping[str, tuple[Any, str | None]],
                   holds: bool = False) -> list[str] | None:
    """The parts of the condition `text` that made it hold (`holds`) or not, each in words with its value;
    `reads`: expression text -> (value, unit) as the trace read them. None when no part can be told."""
    tree = expression_tree(text)
    if tree is None or _truth(tree, reads) is not holds:
        return None
    parts = _deciders(tree, reads, holds)
    words = [w for part, truth in parts if (w := _worded(sentences, part, truth, reads)) is not None]
    return list(dict.fromkeys(words)) or None


def with_deciding_parts(words: Any, f: Any, text: Any) -> Any:
    """The finding's text (engine.render.finding_words.FindingText) with each compound condition or requirement
    that did not hold followed by the parts that decided it ('-> not met: the number of terms per year of the
    programme is 3, not 2 and ...'); `words`: the report's Wording (its `deciding` and catalogue)."""
    steps = list(text.trace)
    for i, e in enumerate(f.trace):
        if getattr(e, "outcome", None) in _NOT_HELD and e.reason is None and \
                isinstance(expression_tree(e.expr), (ast.BoolOp, ast.Not)):
            parts = words.deciding(f, e.expr)
            if parts:
                steps[i] = replace(steps[i], value=words.t("trace.decided_by", outcome=steps[i].value, parts=parts))
    return replace(text, trace=tuple(steps)) if steps != list(text.trace) else text


def _deciders(e: ast.Expr, reads, truth: bool) -> list[tuple[ast.Expr, bool]]:
    """The leaves that gave `e` its value `truth`, each with its own value."""
    if isinstance(e, ast.Not):
        return _deciders(e.operand, reads, not truth)
    if isinstance(e, ast.BoolOp):
        deciding = e.op == "and" and not truth or e.op == "or" and truth  # one such item decides: name those
        items = [i for i in e.items if _truth(i, reads) is truth] if deciding else list(e.items)
        return [leaf for i in items for leaf in _deciders(i, reads, truth)]
    return [(e, truth)]


def _truth(e: ast.Expr, reads) -> bool | None:
    """The condition's value on the values read; None where it cannot be told."""
    if isinstance(e, ast.Not):
        inner = _truth(e.operand, reads)
        return None if inner is None else not inner
    if isinstance(e, ast.BoolOp):
        values = [_truth(i, reads) for i in e.items]
        stop = e.op == "or"  # or: any True decides; and: any False
        if stop in values:
            return stop
        return None if None in values else not stop
    if isinstance(e, ast.Path):
        v = _value(e, reads)
        return v if isinstance(v, bool) else None
    if isinstance(e, ast.IsKnown):
        v = reads.get(getattr(e.operand, "text", ""), (_UNREAD,))[0]
        return None if v is _UNREAD else (type(v) is not Unknown) != e.negated
    if isinstance(e, ast.Compare):
        left, right = _value(e.left, reads), _value(e.right, reads)
        if left is _UNREAD or right is _UNREAD:
            return None
        try:
            return _compare(e.op, left, right)
        except TypeError:
            return None
    if isinstance(e, ast.In):
        left, right = _value(e.left, reads), _value(e.right, reads)
        if left is _UNREAD or right is _UNREAD:
            return None
        inside = (right.low <= left <= right.high) if isinstance(right, Span) else \
            left in right if isinstance(right, (set, frozenset, tuple)) else None
        return None if inside is None else inside != e.negated
    return None


def _compare(op: str, left: Any, right: Any) -> bool:
    if isinstance(right, Span) and op in ("==", "!="):
        return (right.low <= left <= right.high) == (op == "==")
    return {"==": left == right, "!=": left != right}.get(op) if op in ("==", "!=") else \
        {">=": left >= right, "<=": left <= right, ">": left > right, "<": left < right}[op]


def _value(e: ast.Expr, reads) -> Any:
    """A plain value of an operand (a literal, or a value read); _UNREAD where there is none."""
    if isinstance(e, (ast.Num, ast.Str, ast.Bool)):
        return e.value
    if isinstance(e, ast.SpanLit):
        return Span(e.low, e.high)
    if isinstance(e, ast.SetExpr):
        items = [_value(i, reads) for i in e.items]
        return _UNREAD if _UNREAD in items else frozenset(items)
    if isinstance(e, ast.Path):
        v = reads.get(e.text, (_UNREAD,))[0]
        return _UNREAD if type(v) in (Unknown, Choices) else v
    return _UNREAD


def _worded(s: Sentences, e: ast.Expr, truth: bool, reads) -> str | None:
    """A part with the value that decided it: 'the kind of studies of the programme is vocational, not
    academic', 'the transfer has no recognition decision', 'the credits (58 credits) is less than 60 credits'."""
    shown = {k: s.value(v, unit) for k, (v, unit) in reads.items()}
    if isinstance(e, ast.Path):
        return s.predicate(e, not truth) or f"{s.tree_words(e)} {s.words['==']} {s.value(truth, None)}"
    if isinstance(e, ast.Compare) and e.op in ("==", "!=") and isinstance(e.left, ast.Path) and \
            isinstance(e.right, (ast.Num, ast.Str, ast.Bool)):
        if (e.op == "==") == truth:  # the value is the one written: 'the cycle of the programme is first cycle'
            return s.tree_words(ast.Compare(e.pos, "==", e.left, e.right))
        return s.words["instead"].format(x=s.tree_words(e.left), value=s.value(*reads[e.left.text]),
                                         expected=s.tree_words(e.right))
    if isinstance(e, ast.Compare):
        return s.tree_words(ast.Compare(e.pos, e.op if truth else _NEGATED[e.op], e.left, e.right), shown)
    if isinstance(e, ast.In):
        return s.tree_words(ast.In(e.pos, e.left, e.right, e.negated != (not truth)), shown)
    if isinstance(e, ast.IsKnown):
        return s.tree_words(ast.IsKnown(e.pos, e.operand, e.negated != (not truth)))
    return None


__all__ = ["deciding_parts", "with_deciding_parts"]
