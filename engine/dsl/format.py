"""The canonical layout of rule files (`ects rules fmt`), keeping every comment.

The formatter reads the file's concrete syntax tree (every token kept) and lays it out again: a
declaration starts at the margin with one blank line before it, its clauses follow indented two spaces
in a fixed order, a citation's `quote` and `confidence` go on their own lines under it, and a
`when`/`require`/`where` condition longer than the line breaks before each top-level `and`/`or`.
Only whitespace and the order of clauses change, never a token, so the file means what it meant.

Comments stay with what they annotate: a comment on its own line goes above the declaration or clause
that follows it (one inside a multi-line condition goes above that clause), a comment at the end of a
line stays at the end of that declaration's or clause's line. Blank lines between comment blocks at the
top level are kept (at most one).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Tree

from .parser import parse_text

WIDTH = 120
INDENT = "  "

# Clause order inside a declaration; clauses of one kind keep their relative order.
_RULE_ORDER = ["title_clause", "severity_clause", "citation", "in_force_clause", "scope_clause",
               "when_clause", "require_clause", "chart_clause", "message_clause", "note_clause"]
_OTHER_ORDER = ["because_clause", "title_clause", "jurisdiction_clause", "version_clause", "confidence_clause", "language_clause", "url_clause",
                "in_force_clause", "citation", "note_clause"]
# a scale's pass mark and letters, and the rule an exception replaces, stay on the declaration's first line
_HEADER_CLAUSES = {"pass_clause", "letters_clause", "exception_clause"}
_CALLS = {"sum", "min", "max", "all", "any", "count"}
_BREAKABLE = {"or_expr", "and_expr"}


@lru_cache(maxsize=1)
def _cst_parser() -> Lark:
    grammar = resources.files("engine.dsl").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", start="start", propagate_positions=True, keep_all_tokens=True,
                maybe_placeholders=False)


@dataclass
class _Item:
    """One declaration's first line, or one clause: its lines and where it came from."""

    lines: list[str]
    first: int
    last: int
    start: int = 0  # offset in the source, to find the next item after a comment
    rank: int = 0
    top: bool = False  # a declaration's first line
    leading: list[tuple[str, bool]] = field(default_factory=list)  # (comment, blank line after it in the source)
    trailing: list[str] = field(default_factory=list)


def format_text(text: str, file: str = "<rules>") -> str:
    """The canonical layout of a rule file's text; raises RuleSetError when it does not parse."""
    parse_text(text, file)  # the real parser: syntax and clause errors as one-line messages
    tree = _cst_parser().parse(text)
    items: list[_Item] = []
    for decl in tree.children:
        items += _declaration(decl)
    comments = [t for t in _cst_parser().lex(text, dont_ignore=True) if t.type == "COMMENT"]
    src_lines = text.splitlines()
    tail = _attach(items, comments, src_lines)
    return _emit(items, tail, src_lines)


# ---- declarations and clauses -------------------------------------------------------------------------

def _declaration(decl: Tree) -> list[_Item]:
    header = [c for c in decl.children if not _is_clause(c) or c.data in _HEADER_CLAUSES]
    clauses = [c for c in decl.children if _is_clause(c) and c.data not in _HEADER_CLAUSES]
    order = _RULE_ORDER if decl.data == "rule_decl" else _OTHER_ORDER
    because = next((i for i, k in enumerate(header) if isinstance(k, Token) and k.type == "BECAUSE"), None)
    first = _Item([_flat(header[:because])], decl.meta.line, _header_end(header[:because], decl), decl.meta.start_pos,
                  top=True)
    out = [first]
    if because is not None:  # a drop's reason goes on its own line
        out.append(_Item([INDENT + _flat(header[because:])], header[because].line, _header_end(header, decl),
                         header[because].start_pos))
    for clause in clauses:
        rank = order.index(clause.data) + 1 if clause.data in order else len(order) + 1
        out.append(_Item(_clause(clause), clause.meta.line, clause.meta.end_line, clause.meta.start_pos, rank))
    out[1:] = sorted(out[1:], key=lambda it: it.rank)
    return out


def _is_clause(node) -> bool:
    return isinstance(node, Tree) and (node.data.endswith("_clause") or node.data == "citation")


def _header_end(header: list, decl: Tree) -> int:
    tokens = _tokens(header)
    return tokens[-1].end_line if tokens else decl.meta.line


def _clause(clause: Tree) -> list[str]:
    kids = clause.children
    if clause.data == "citation":
        subs = [i for i, k in enumerate(kids) if isinstance(k, Token) and k.type == "_QUOTE"]
        head_end = subs[0] if subs else next((i for i, k in enumerate(kids) if isinstance(k, Tree)), len(kids))
        lines = [INDENT + _flat(kids[:head_end])]
        rest = kids[head_end:]
        if subs:
            lines.append(INDENT * 2 + _flat(rest[:2]))
            rest = rest[2:]
        lines += [INDENT * 2 + _flat([k]) for k in rest]
        return lines
    if clause.data in ("when_clause", "require_clause"):
        keyword = str(kids[0])
        body = _render(kids[1], len(INDENT) + len(keyword) + 1)
        return [INDENT + keyword + " " + body[0]] + body[1:]
    if clause.data == "scope_clause":
        where = next((i for i, k in enumerate(kids) if isinstance(k, Token) and k.type == "_WHERE"), None)
        head = INDENT + _flat(kids[:where])
        if where is None:
            return [head]
        flat = head + " where " + _flat(kids[where + 1:])
        if len(flat) <= WIDTH:
            return [flat]
        body = _render(kids[where + 1], len(INDENT) * 2 + len("where "))
        return [head, INDENT * 2 + "where " + body[0]] + body[1:]
    return [INDENT + _flat(kids)]


# ---- expressions ----------------------------------------------------------------------------------------

def _render(node, col: int, nested: bool = False) -> list[str]:
    """An expression starting at column `col`: one line if it fits, else broken before `and`/`or`
    (and before a comparison). At the top of a clause the operators hang left of the operands; inside
    parentheses they are indented past the opening parenthesis."""
    text = _flat([node])
    if col + len(text) <= WIDTH or not isinstance(node, Tree):
        return [text]
    if node.data in _BREAKABLE:
        operands, ops = node.children[::2], node.children[1::2]
        lines = _render(operands[0], col, nested)
        for op, operand in zip(ops, operands[1:]):
            op_col = col + 1 if nested else max(col - len(str(op)) - 1, 0)
            sub = _render(operand, op_col + len(str(op)) + 1, nested)
            lines.append(" " * op_col + str(op) + " " + sub[0])
            lines += sub[1:]
        return lines
    if node.data == "atom" and len(node.children) == 3:  # ( expr )
        inner = _render(node.children[1], col + 1, nested=True)
        inner[0] = "(" + inner[0]
        inner[-1] += ")"
        return inner
    if node.data == "not_":
        inner = _render(node.children[1], col + 4, nested)
        return ["not " + inner[0]] + inner[1:]
    if node.data == "compare":
        left, op, right = node.children
        return [_flat([left]), " " * col + str(op) + " " + _flat([right])]
    return [text]


def _tokens(nodes) -> list[Token]:
    out: list[Token] = []
    for n in nodes:
        if isinstance(n, Token):
            out.append(n)
        elif isinstance(n, Tree):
            if n.data == "neg":  # mark the unary minus so that no space follows it
                first = n.children[0]
                out.append(Token("UNARY_MINUS", str(first), first.start_pos, first.line, first.column))
                out += _tokens(n.children[1:])
            else:
                out += _tokens(n.children)
    return out


def _flat(nodes) -> str:
    """Tokens joined on one line with the canonical spacing."""
    out = ""
    prev: Token | None = None
    for tok in _tokens(nodes):
        text = " ".join(str(tok).split()) if tok.type == "_IN_FORCE" else str(tok)
        if prev is not None and _space_between(prev, tok):
            out += " "
        out += text
        prev = tok
    return out


def _space_between(prev: Token, tok: Token) -> bool:
    if str(prev) in ("(", "{", ".", "..") or prev.type == "UNARY_MINUS":
        return False
    if str(tok) in (")", "}", ",", ".", "..") or tok.type == "LANG":
        return False
    if str(tok) == "(" and str(prev) in _CALLS and prev.type != "NAME":
        return False
    return True


# ---- comments ---------------------------------------------------------------------------------------------

def _attach(items: list[_Item], comments: list[Token], src_lines: list[str]) -> list[tuple[str, bool]]:
    """Give each comment to the item it annotates; return those after the last item."""
    tail: list[tuple[str, bool]] = []
    for c in comments:
        own_line = not src_lines[c.line - 1][:c.column - 1].strip()
        blank_after = c.line < len(src_lines) and not src_lines[c.line].strip()
        text = str(c).rstrip()
        if not own_line:
            holder = min((it for it in items if it.first <= c.line <= it.last), key=lambda it: it.last - it.first,
                         default=None) \
                or max((it for it in items if it.last <= c.line), key=lambda it: it.last, default=None)
            if holder is not None:
                holder.trailing.append(text)
                continue
        inside = next((it for it in items if it.first < c.line <= it.last and not it.top), None)
        following = inside or min((it for it in items if it.first > c.line), key=lambda it: it.start, default=None)
        (following.leading if following else tail).append((text, blank_after))
    return tail


def _emit(items: list[_Item], tail: list[tuple[str, bool]], src_lines: list[str]) -> str:
    out: list[str] = []
    for it in items:
        indent = "" if it.top else INDENT
        if it.top and out:
            out.append("")
        for text, blank_after in it.leading:
            out.append(indent + text)
            if blank_after and it.top:
                out.append("")
        lines = list(it.lines)
        if it.trailing:
            lines[-1] += "  " + "  ".join(it.trailing)
        out += lines
    if tail:
        if out:
            out.append("")
        for text, blank_after in tail:
            out.append(text)
            if blank_after:
                out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""
