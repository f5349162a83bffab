"""Lark's parse tree of a rule file -> syntax tree nodes (engine.dsl.ast), with positions.

Message templates hold expressions in braces; the transformer parses each with the `parse_hole`
function it is given (engine.dsl.parser.parse_expression), so it needs no parser of its own.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from lark import Token, Transformer, v_args

from ..errors import RuleSetError
from ..semantics.reasons import Reason, because
from . import ast
from . import declaration_words as words
from .texts import TextClauses, unescape as _unescape

UNIT_CANON = {
    "credit": "credits", "hour": "hours", "week": "weeks", "student": "students", "year": "years",
    "month": "months", "day": "days", "semester": "semesters", "term": "terms", "point": "points",
}


def canonical_unit(word: str) -> str:
    """'credit' -> 'credits'; '%' stays '%'."""
    return UNIT_CANON.get(word, word)



def _number(token: str) -> float:
    v = float(token)
    return int(v) if v.is_integer() else v


class ToAst(TextClauses, Transformer):
    """Builds ast nodes from Lark's tree; `file` names the rule file for positions; `parse_hole` parses
    the expression of a message hole (text, file, line, column)."""

    def __init__(self, file: str, text: str, parse_hole: Callable[..., ast.Expr], line: int = 1, column: int = 1):
        super().__init__()
        self.parse_hole = parse_hole
        self.file = file
        self.text = text
        self.origin = (line, column)  # where the text starts in the file (message holes)

    def _at(self, line: int, column: int) -> ast.Pos:
        if line == 1:
            column += self.origin[1] - 1
        return ast.Pos(self.file, line + self.origin[0] - 1, column)

    def _pos(self, meta) -> ast.Pos:
        return self._at(getattr(meta, "line", 1) or 1, getattr(meta, "column", 1) or 1)

    def _tpos(self, tok: Token) -> ast.Pos:
        return self._at(tok.line, tok.column)

    # ---- literals and units
    def unit(self, items):
        if len(items) == 1 or items[1] is None:
            return canonical_unit(str(items[0]))
        return f"{canonical_unit(str(items[0]))}/{_singular(str(items[1]))}"

    @v_args(meta=True)
    def quantity(self, meta, items):
        return ast.Num(self._pos(meta), _number(items[0]), items[1])

    number = quantity

    @v_args(meta=True)
    def span(self, meta, items):
        lo, hi = _number(items[0]), _number(items[1])
        if lo > hi:
            raise RuleSetError(because("dsl.range_backwards", "range {low}..{high} runs backwards", low=str(items[0]),
                                       high=str(items[1])), self.file, meta.line, meta.column)
        return ast.SpanLit(self._pos(meta), lo, hi, items[2])

    span_expr = span

    @v_args(meta=True)
    def string_lit(self, meta, items):
        return ast.Str(self._pos(meta), _unescape(items[0]))

    string = string_lit

    @v_args(meta=True)
    def true_lit(self, meta, items):
        return ast.Bool(self._pos(meta), True)

    true_ = true_lit

    @v_args(meta=True)
    def false_lit(self, meta, items):
        return ast.Bool(self._pos(meta), False)

    false_ = false_lit

    @v_args(meta=True)
    def set_lit(self, meta, items):
        return ast.SetExpr(self._pos(meta), tuple(items))

    set_expr = set_lit

    # ---- expressions
    @v_args(meta=True)
    def path(self, meta, items):
        return ast.Path(self._pos(meta), tuple(str(t) for t in items))

    def _chain(self, meta, items, cls):
        node = items[0]
        for i in range(1, len(items), 2):
            node = cls(node.pos, str(items[i]), node, items[i + 1])
        return node

    @v_args(meta=True)
    def sum_expr(self, meta, items):
        return self._chain(meta, items, ast.Arith)

    product = sum_expr

    @v_args(meta=True)
    def neg(self, meta, items):
        return ast.Neg(self._pos(meta), items[0])

    @v_args(meta=True)
    def compare(self, meta, items):
        return ast.Compare(self._pos(meta), str(items[1]), items[0], items[2])

    @v_args(meta=True)
    def in_(self, meta, items):
        return ast.In(self._pos(meta), items[0], items[1])

    @v_args(meta=True)
    def not_in(self, meta, items):
        return ast.In(self._pos(meta), items[0], items[1], negated=True)

    @v_args(meta=True)
    def is_known(self, meta, items):
        return ast.IsKnown(self._pos(meta), items[0])

    @v_args(meta=True)
    def is_missing(self, meta, items):
        return ast.IsKnown(self._pos(meta), items[0], negated=True)

    @v_args(meta=True)
    def is_whole(self, meta, items):
        return ast.IsWhole(self._pos(meta), items[0])

    @v_args(meta=True)
    def not_(self, meta, items):
        return ast.Not(self._pos(meta), items[0])

    @v_args(meta=True)
    def and_expr(self, meta, items):
        return ast.BoolOp(self._pos(meta), "and", tuple(items))

    @v_args(meta=True)
    def or_expr(self, meta, items):
        return ast.BoolOp(self._pos(meta), "or", tuple(items))

    def aggregate_name(self, items):
        return str(items[0])

    @v_args(meta=True)
    def aggregate(self, meta, items):
        fn, body, var, coll, where = items
        return ast.Aggregate(self._pos(meta), fn, body, str(var), coll, where)

    @v_args(meta=True)
    def count(self, meta, items):
        var, coll, where = items
        return ast.Count(self._pos(meta), str(var), coll, where)

    @v_args(meta=True)
    def count_all(self, meta, items):
        return ast.Count(self._pos(meta), None, items[0], None)

    # ---- clauses: returned as (kind, value) pairs for the declarations to collect
    def url_clause(self, items):
        return ("url", _unescape(items[0]))

    def language_clause(self, items):
        tok = items[0]
        if not re.fullmatch(r"[a-z]{2}", str(tok)):
            raise RuleSetError(because("dsl.language_code", "'{code}' is not a language code: write two letters, e.g. "
                                       "language el", code=str(tok)),
                               self.file, tok.line, tok.column)
        return ("language", str(tok))

    def confidence_clause(self, items):
        return ("confidence", str(items[0]))

    @v_args(meta=True)
    def in_force_clause(self, meta, items):
        start, end = (self._date(t) if t is not None else None for t in items)
        if start and end and end <= start:
            raise RuleSetError(because("dsl.in_force_backwards", "'in force' ends before it starts"), self.file, meta.line,
                               meta.column)
        return ("in_force", ast.InForce(start, end))

    def _date(self, tok: Token) -> dt.date:
        try:
            return dt.date.fromisoformat(str(tok))
        except ValueError:
            raise RuleSetError(because("dsl.bad_date", "'{value}' is not a valid date (YYYY-MM-DD)", value=str(tok)), self.file,
                               tok.line, tok.column) from None

    @v_args(meta=True)
    def citation(self, meta, items):
        source, ref, *subs, conf = items
        texts: dict[str, dict[str, str]] = {"quotes": {}, "articles": {}}
        for kind, lang, tok in subs:
            if lang in texts[kind]:
                raise RuleSetError(words.citation_two_in_language(kind, lang), self.file, tok.line, tok.column)
            texts[kind][lang] = _unescape(tok)
        quote = texts["quotes"].pop("en", None)
        if "en" in texts["articles"]:
            tok = ref
            raise RuleSetError(words.CITATION_TWO_ENGLISH_ARTICLES, self.file, tok.line, tok.column)
        return ("cite", ast.CitationDecl(str(source), _unescape(ref), quote, conf[1] if conf else None,
                                         self._pos(meta), texts["quotes"], texts["articles"]))

    def severity_clause(self, items):
        return ("severity", str(items[0]))

    @v_args(meta=True)
    def scope_clause(self, meta, items):
        var, coll, where = items
        return ("scope", ast.Scope(str(var), coll, where, self._pos(meta)))

    def when_clause(self, items):
        return ("when", items[0])

    def require_clause(self, items):
        return ("require", items[0])

    def message_clause(self, items):
        lang = str(items[0])[1:-1] if items[0] is not None else "en"
        return ("message", (lang, items[1]))

    def exception_clause(self, items):
        return ("exception", str(items[0]))

    @v_args(meta=True)
    def chart_clause(self, meta, items):
        quantity, role, value = items
        return ("chart", ast.ChartDecl(quantity, str(role), value, self._pos(meta)))

    # ---- declarations
    def _collect(self, clauses, meta, what: Reason, allowed_once=()):
        out: dict[str, list] = {}
        for kind, value in clauses:
            out.setdefault(kind, []).append(value)
        for kind in allowed_once:
            if len(out.get(kind, [])) > 1:
                raise RuleSetError(words.clause_twice(what, kind), self.file, meta.line, meta.column)
        return out

    @v_args(meta=True)
    def ruleset_decl(self, meta, items):
        name, extends, *clauses = items
        what = words.THE_RULESET
        c = self._collect(clauses, meta, what, ("in_force",))
        jurisdiction, jurisdictions = self._translated(c.get("jurisdiction", []), meta, what, "jurisdiction")
        version, versions = self._translated(c.get("version", []), meta, what, "version")
        note, notes = self._translated(c.get("note", []), meta, what, "note")
        return ast.RuleSetDecl(str(name), str(extends) if extends else None, self._titles(c.get("title", []), meta, what),
                               jurisdiction, version, (c.get("in_force") or [ast.InForce()])[0], note, self._pos(meta),
                               versions, jurisdictions, notes)

    @v_args(meta=True)
    def source_decl(self, meta, items):
        name, title, *clauses = items
        what = words.declaration("source", str(name))
        c = self._collect(clauses, meta, what, ("confidence", "url", "language"))
        titles = self._titles(c.get("title", []), meta, what)
        if "en" in titles:
            raise RuleSetError(words.english_title_after_name(what), self.file, meta.line, meta.column)
        note, notes = self._translated(c.get("note", []), meta, what, "note")
        return ast.SourceDecl(str(name), _unescape(title), (c.get("confidence") or [None])[0],
                              (c.get("url") or [None])[0], note, self._pos(meta),
                              (c.get("language") or [None])[0], titles, notes)

    @v_args(meta=True)
    def parameter_decl(self, meta, items):
        name, value, *clauses = items
        what = words.declaration("parameter", str(name))
        c = self._collect(clauses, meta, what, ("in_force",))
        note, notes = self._translated(c.get("note", []), meta, what, "note")
        return ast.ParameterDecl(str(name), value, tuple(c.get("cite", [])), (c.get("in_force") or [ast.InForce()])[0],
                                 self._titles(c.get("title", []), meta, what), note, self._pos(meta), notes)

    @v_args(meta=True)
    def rule_decl(self, meta, items):
        override, name, *clauses = items
        what = words.declaration("rule", str(name))
        c = self._collect(clauses, meta, what, ("severity", "scope", "when", "in_force", "exception"))
        note, notes = self._translated(c.get("note", []), meta, what, "note")
        messages: dict[str, ast.Template] = {}
        for lang, tok in c.get("message", []):
            if lang in messages:
                raise RuleSetError(words.two_in_language(what, "messages", lang), self.file, tok.line, tok.column)
            messages[lang] = self._template(tok)
        return ast.RuleDecl(
            str(name), self._titles(c.get("title", []), meta, what), (c.get("severity") or [None])[0],
            tuple(c.get("cite", [])), (c.get("scope") or [None])[0], (c.get("when") or [None])[0],
            tuple(c.get("require", [])), messages, (c.get("in_force") or [ast.InForce()])[0],
            (c.get("exception") or [None])[0], note, self._pos(meta),
            override is not None, tuple(c.get("chart", [])), notes)

    def scale_preset(self, items):
        return {"preset": _unescape(items[0])}

    def scale_range(self, items):
        return {"lowest": _number(items[0]), "highest": _number(items[1]), "step": _number(items[2])}

    def pass_clause(self, items):
        return ("pass", _number(items[0]))

    def letters_clause(self, items):
        return ("letters", str(items[0]))

    @v_args(meta=True)
    def scale_decl(self, meta, items):
        name, definition, *clauses = items
        what = words.declaration("scale", str(name))
        c = self._collect(clauses, meta, what, ("pass", "letters"))
        note, notes = self._translated(c.get("note", []), meta, what, "note")
        if "preset" not in definition and "pass" not in c:
            raise RuleSetError(words.needs_pass_mark(what), self.file, meta.line, meta.column)
        return ast.ScaleDecl(str(name), definition.get("preset"), definition.get("lowest"), definition.get("highest"),
                             definition.get("step"), (c.get("pass") or [None])[0], (c.get("letters") or [None])[0],
                             tuple(c.get("cite", [])), self._titles(c.get("title", []), meta, what),
                             note, self._pos(meta), notes)

    @v_args(meta=True)
    def drop_decl(self, meta, items):
        name, reason, *clauses = items
        what = words.declaration("drop", str(name))
        reasons = self._by_language((v for k, v in clauses if k == "because"), meta, what, "reasons")
        if "en" in reasons:
            raise RuleSetError(words.two_english_reasons(what), self.file, meta.line, meta.column)
        return ast.DropDecl(str(name), _unescape(reason), tuple(v for k, v in clauses if k == "cite"), self._pos(meta),
                            reasons)

    def start(self, items):
        return tuple(items)

    # ---- message templates: "{expr}" holes are parsed as expressions
    def _template(self, tok: Token) -> ast.Template:
        text = _unescape(tok)
        parts: list = []
        pos = 0
        for m in re.finditer(r"\{([^{}]*)\}", text):
            if m.start() > pos:
                parts.append(text[pos:m.start()])
            parts.append(self.parse_hole(m.group(1), self.file, tok.line, tok.column + 1 + m.start(1)))
            pos = m.end()
        if pos < len(text):
            parts.append(text[pos:])
        return ast.Template(tuple(parts), self._tpos(tok))


def _singular(word: str) -> str:
    canon = canonical_unit(word)
    return canon[:-1] if canon.endswith("s") else canon

