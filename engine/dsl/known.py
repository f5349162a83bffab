"""Expression trees already parsed, found again by their text.

A text report words the expressions of a rule's trace (engine.render.sentences) from their trees. Parsing
their text again builds the Lark parser, a good part of the start-up time of `ects check` once the rule
files come from the parse cache (engine.dsl.cache). So every rule file read (engine.dsl.parser.parse_file)
is remembered here, and on the first lookup its expressions are indexed by their canonical text
(engine.dsl.unparse), the text a trace shows.

A tree is indexed only where parsing its text gives the same tree but for the positions: each number in it
survives the canonical text (which keeps two decimals), and no tree of another shape has the same text.
A text not indexed is parsed as before. tests/test_known_expressions.py parses every indexed text of the
bundled rule sets and compares.
"""
from __future__ import annotations

import dataclasses
import threading
from collections import deque
from typing import Any

from engine.semantics.units import format_number
from . import ast
from .unparse import unparse

MAX_TREES = 100_000  # texts indexed at most (a long-running process reading many rule sets stops adding)
MAX_PENDING = 1_000  # rule files waiting to be indexed at most (the oldest are let go)

_PENDING: deque[tuple] = deque(maxlen=MAX_PENDING)  # declarations of rule files read, not indexed yet
_TREES: dict[str, ast.Expr | None] = {}  # canonical text -> its tree; None: trees of two shapes have it
_INDEXING = threading.Lock()  # one thread indexes at a time (the web application words reports in threads)


def remember(rule_file: ast.RuleFile) -> None:
    """Note a rule file whose expressions `known` may give (indexed when first asked)."""
    _PENDING.append(rule_file.declarations)


def known(text: str) -> ast.Expr | None:
    """The tree of a rule file's expression whose canonical text is `text`, or None (parse it then)."""
    if _PENDING:
        with _INDEXING:
            while _PENDING:
                _index(_PENDING.popleft())
    return _TREES.get(text)


def shape(node: Any) -> Any:
    """A tree as nested tuples without its positions (two trees of one shape word the same): numbers
    keep their type, since 3 and 3.0 are different trees."""
    if isinstance(node, (tuple, list)):
        return tuple(shape(x) for x in node)
    names = _fields(type(node))
    if names is None:
        return (type(node).__name__, node)
    return (type(node).__name__, *(shape(getattr(node, name)) for name in names))


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a syntax tree class but its position (None: not a tree class)."""
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.name != "pos") \
            if dataclasses.is_dataclass(cls) and cls is not ast.Pos else None
    return _FIELDS[cls]


# what holds no expression a trace shows: only rules are evaluated (a parameter's value is read by its name)
_NO_TRACED_EXPRESSION = (ast.CitationDecl, ast.InForce, ast.RuleSetDecl, ast.SourceDecl, ast.ParameterDecl,
                         ast.DropDecl, ast.ScaleDecl)


def _index(node: Any) -> bool:
    """Index every expression under `node` (declarations, their clauses and message templates) whose
    numbers survive its canonical text; whether all numbers under `node` do."""
    if isinstance(node, _NO_TRACED_EXPRESSION):
        return True
    if isinstance(node, (tuple, list)):
        children = node
    elif isinstance(node, dict):
        children = node.values()
    else:
        names = _fields(type(node))
        if names is None:
            return True
        children = [getattr(node, name) for name in names]
    survive = all([_index(child) for child in children])  # a list: every child is indexed
    if isinstance(node, ast.Num):
        survive = _survives(node.value)
    elif isinstance(node, ast.SpanLit):
        survive = _survives(node.low) and _survives(node.high)
    if survive and isinstance(node, ast.Expr) and len(_TREES) < MAX_TREES:
        text = unparse(node)
        if text not in _TREES:
            _TREES[text] = node
        elif _TREES[text] is not None and not isinstance(node, ast.Path) and shape(_TREES[text]) != shape(node):
            # (a path's text is its parts joined: one text, one shape)
            _TREES[text] = None
    return survive


def _survives(v: Any) -> bool:
    """Whether a number literal's value reads back from its canonical text as the same value of the same
    type (the parser, engine.dsl.transform, gives an int when the number is whole)."""
    try:
        back = float(format_number(v))
    except (ValueError, OverflowError, ArithmeticError):
        return False
    back = int(back) if back.is_integer() else back
    return type(back) is type(v) and back == v
