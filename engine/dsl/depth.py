"""The nesting limit of rule expressions (engine.limits.MAX_EXPR_DEPTH), checked on Lark's parse tree
before anything recursive (the syntax-tree builder, the compiler, the evaluator, pickling) sees it."""
from __future__ import annotations

from lark import Tree

from ..errors import RuleSetError, caret_excerpt
from ..limits import MAX_EXPR_DEPTH, over_limit


def check_depth(tree: Tree, file: str, text: str, line: int = 1, column: int = 1) -> None:
    """Refuse a tree nested deeper than MAX_EXPR_DEPTH (the transformer, compiler and evaluator recurse)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_EXPR_DEPTH:
            at_line = getattr(node.meta, "line", None) if not node.meta.empty else None
            at_col = getattr(node.meta, "column", None) if at_line else None
            detail = caret_excerpt(text, at_line, at_col)
            if at_line is not None:
                at_col = at_col + column - 1 if at_line == 1 and at_col else at_col
                at_line += line - 1
            raise RuleSetError(over_limit("the expression is nested too deeply", MAX_EXPR_DEPTH), file,
                               at_line, at_col, detail)
        # a chain a + b + c is flat here but becomes nested binary nodes: count each operator as a level
        step = max(1, len(node.children) // 2) if node.data in ("sum_expr", "product") else 1
        stack.extend((child, depth + step) for child in node.children if isinstance(child, Tree))
