"""The Lark side of the rule-file parser: rule-file and expression text -> syntax tree (engine.dsl.ast).

The Lark grammar is engine/dsl/grammar.lark; its tree becomes ast nodes in engine.dsl.transform, and
syntax errors become one-line messages in engine.dsl.syntax_errors. Use engine.dsl.parser: it imports this
module (and Lark) on the first parse only, so that a command whose rule files come from the parse cache
(engine.dsl.cache) does not load Lark at all.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lark import Lark
from lark.exceptions import UnexpectedInput, VisitError

from ..errors import RuleSetError, caret_excerpt
from ..semantics.reasons import because, plain
from . import ast
from .depth import check_depth
from .syntax_errors import syntax_error
from .transform import ToAst


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = resources.files("engine.dsl").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", start=["start", "expr"], propagate_positions=True, cache=True,
                maybe_placeholders=True)


def parse_expression(text: str, file: str = "<expr>", line: int = 1, column: int = 1) -> ast.Expr:
    """Parse one expression (used for message holes and tests)."""
    try:
        tree = _parser().parse(text, start="expr")
        check_depth(tree, file, text, line, column)
        return ToAst(file, text, parse_expression, line, column).transform(tree)
    except UnexpectedInput as e:
        err = syntax_error(e, file, text)
        why = err.reason if err.reason is not None else plain(err.message)
        if why.key == "dsl.ends_in_declaration":
            why = because("dsl.expression_incomplete", "the expression is incomplete")
        raise RuleSetError(because("dsl.in_expression", "in the expression '{{{text}}}': {why}", text=text, why=why),
                           file, line,
                           column + (e.column if isinstance(e.column, int) and e.column > 0 else 1) - 1) from None
    except VisitError as e:
        if isinstance(e.orig_exc, RuleSetError):
            raise e.orig_exc from None
        raise


def parse_text(text: str, file: str = "<rules>") -> ast.RuleFile:
    """Parse the text of one rule file (a leading byte-order mark is ignored)."""
    text = text.removeprefix("\ufeff")
    try:
        tree = _parser().parse(text, start="start")
    except UnexpectedInput as e:
        raise syntax_error(e, file, text) from None
    check_depth(tree, file, text)
    try:
        decls = ToAst(file, text, parse_expression).transform(tree)
    except VisitError as e:
        if isinstance(e.orig_exc, RuleSetError):
            err = e.orig_exc
            if err.detail is None:
                err.detail = caret_excerpt(text, err.line, err.column)
            raise err from None
        raise
    return ast.RuleFile(file, text, tuple(decls))
