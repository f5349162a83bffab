"""Expressions -> Python closures, checking names, fields, types and units on the way.

Compiling and checking are one pass: each expression node yields its static type (with unit) and a
closure `f(env)`. Nothing walks the syntax tree at evaluation time. Errors are collected, each with
file:line:column, the line with a caret, and the nearest valid name.
"""
from __future__ import annotations

from typing import Callable

from engine.semantics.collection import Collection
from engine.dsl import ast
from engine.dsl.unparse import unparse
from engine.errors import RuleSetError, caret_excerpt
from engine.ruleset import type_words as words
from engine.semantics.reasons import Reason
from engine.ruleset.closures import const_unknown, fast_compare, maybe_not, path_getter
from engine.ruleset.literals import literal_type, literal_value
from engine.ruleset.problem_words import no_such_field, unknown_name
from engine.ruleset.scope import CompileErrors, Env, Fn, ParamInfo, Scope
from engine.ruleset.types import BOOL, STRING, Type, number
from engine.ruleset.unit_algebra import FLEX, arith_unit, units_compatible
from engine.subjects.kinds import OBJECT_TYPES, ROOTS
from engine.semantics.values import (
    Span,
    Unknown,
    arith,
    in_set,
    in_span,
    is_whole,
    negate,
    tri_and,
    tri_not,
    tri_or,
)

class ExprCompiler:
    """Compiles expressions of one rule file; `errors` collects every problem found."""

    def __init__(self, text_of: Callable[[str], str]):
        self.text_of = text_of  # file path -> file text, for caret excerpts
        self.errors: list[RuleSetError] = []

    # ---- errors
    def error(self, pos: ast.Pos, message: str | Reason) -> None:
        detail = caret_excerpt(self.text_of(pos.file), pos.line, pos.column)
        self.errors.append(RuleSetError(message, pos.file, pos.line, pos.column, detail))

    # ---- entry point
    def compile(self, e: ast.Expr, scope: Scope, trace: bool = True) -> tuple[Type, Fn]:
        method = getattr(self, "_" + type(e).__name__.lower())
        return method(e, scope, trace)

    def compile_bool(self, e: ast.Expr, scope: Scope, what: Reason, trace: bool = True) -> Fn:
        t, fn = self.compile(e, scope, trace)
        if t.kind not in ("bool", "error"):
            self.error(e.pos, words.not_a_condition(what, unparse(e), t))
        return fn

    # ---- literals
    def _num(self, e: ast.Num, scope, trace):
        v = e.value
        return (number(e.unit) if e.unit else Type("number", unit=None, name=FLEX)), (lambda env: v)

    def _spanlit(self, e: ast.SpanLit, scope, trace):
        s = Span(e.low, e.high)
        return Type("span", unit=e.unit), (lambda env: s)

    def _str(self, e: ast.Str, scope, trace):
        v = e.value
        return STRING, (lambda env: v)

    def _bool(self, e: ast.Bool, scope, trace):
        v = e.value
        return BOOL, (lambda env: v)

    def _setexpr(self, e: ast.SetExpr, scope, trace):
        types, fns = zip(*(self.compile(i, scope, trace) for i in e.items))
        first = types[0]
        for t, item in zip(types[1:], e.items[1:]):
            if t.kind != first.kind or (t.kind == "number" and not units_compatible(first, t)):
                self.error(item.pos, words.set_mixes(first, t))
        if all(isinstance(i, (ast.Num, ast.Str, ast.Bool)) for i in e.items):
            const = frozenset(f(None) for f in fns)
            return Type("set", item=first), (lambda env: const)
        return Type("set", item=first), (lambda env: frozenset(f(env) for f in fns))

    # ---- names and fields
    def _path(self, e: ast.Path, scope: Scope, trace: bool):
        head, *rest = e.parts
        if head in scope.variables:
            slot, tname = scope.variables[head]
            t = Type("object", name=tname)
            getters: list[str] = []
        elif head in scope.params:
            p = scope.params[head]
            scope.params_used.add(head)
            if rest:
                self.error(e.pos, words.parameter_has_no_field(head, p.type, rest[0]))
                return _ERROR, const_unknown
            idx, unit, text = p.index, p.type.unit, e.text

            if trace:
                def param(env, idx=idx, text=text, unit=unit):
                    v = env.params[idx]
                    if env.trace is not None:
                        env.trace.append((text, v, unit, None, None))
                    return v
                return p.type, param
            return p.type, (lambda env, idx=idx: env.params[idx])
        elif head in ROOTS:
            scope.roots_used.add(head)
            slot, t = 0, Type("object", name=ROOTS[head])
            getters = []
        else:
            names = list(scope.variables) + list(scope.params) + list(ROOTS)
            self.error(e.pos, unknown_name(head, names))
            return _ERROR, const_unknown
        for part in rest:
            if t.kind != "object":
                self.error(e.pos, words.value_has_no_field(".".join(e.parts[:e.parts.index(part)]), t, part))
                return _ERROR, const_unknown
            otype = OBJECT_TYPES[t.name]
            f = otype.fields.get(part)
            if f is None:
                self.error(e.pos, no_such_field(otype.name, part, otype.fields))
                return _ERROR, const_unknown
            getters.append(f.attr)
            t = f.type
        return t, path_getter(slot, tuple(getters), e.text, t.unit if t.kind == "number" else None,
                               trace and bool(getters))

    # ---- arithmetic
    def _arith(self, e: ast.Arith, scope, trace):
        lt, lf = self.compile(e.left, scope, trace)
        rt, rf = self.compile(e.right, scope, trace)
        if _ERROR in (lt, rt):
            return _ERROR, const_unknown
        op = e.op
        if lt.kind == "date" and rt.kind == "date" and op == "-":
            return number("days"), (lambda env: arith("-", lf(env), rf(env)))
        for t, side in ((lt, e.left), (rt, e.right)):
            if t.kind != "number":
                self.error(side.pos, words.arithmetic_needs_numbers(unparse(side), t))
                return _ERROR, const_unknown
        unit = arith_unit(op, lt, rt)
        if unit is False:
            self.error(e.pos, words.cannot_compute(op, lt, rt, unparse(e)))
            return _ERROR, const_unknown
        t = Type("number", unit=unit, name=FLEX if lt.name == FLEX and rt.name == FLEX else None)
        return t, (lambda env: arith(op, lf(env), rf(env)))

    def _neg(self, e: ast.Neg, scope, trace):
        t, f = self.compile(e.operand, scope, trace)
        if t.kind not in ("number", "error"):
            self.error(e.pos, words.cannot_negate(t))
        return t, (lambda env: negate(f(env)))

    # ---- comparisons
    def _compare(self, e: ast.Compare, scope, trace):
        lt, lf = self.compile(e.left, scope, trace)
        rt, rf = self.compile(e.right, scope, trace)
        op = e.op
        if _ERROR not in (lt, rt):
            self._check_comparable(e, lt, rt, op)
        if rt.kind == "set" and op in ("==", "!="):
            neg = op == "!="
            return BOOL, (lambda env: maybe_not(in_set(lf(env), rf(env)), neg))
        return BOOL, fast_compare(op, lf, rf)

    def _check_comparable(self, e: ast.Compare, lt: Type, rt: Type, op: str) -> None:
        if lt.kind == "number" and rt.kind in ("number", "span"):
            if not units_compatible(lt, rt):
                self.error(e.pos, words.cannot_compare(lt, rt, unparse(e)))
            elif rt.kind == "span" and op not in ("==", "!="):
                self.error(e.right.pos, words.range_needs_in(unparse(e.right), op))
            return
        if lt.kind in ("enum", "string") and rt.kind in ("enum", "string", "set"):
            self._check_enum_literal(lt, e.right)
            self._check_enum_literal(rt, e.left)
            if op not in ("==", "!="):
                self.error(e.pos, words.texts_compared_with(op))
            return
        if lt.kind == rt.kind and lt.kind in ("bool", "date"):
            if lt.kind == "bool" and op not in ("==", "!="):
                self.error(e.pos, words.yes_no_compared_with(op))
            return
        self.error(e.pos, words.cannot_compare(lt, rt, unparse(e)))

    def _check_enum_literal(self, t: Type, other: ast.Expr) -> None:
        if t.kind != "enum":
            return
        literals = other.items if isinstance(other, ast.SetExpr) else (other,)
        for lit in literals:
            if isinstance(lit, ast.Str) and lit.value not in t.members:
                self.error(lit.pos, words.not_a_member(lit.value, t))

    def _in(self, e: ast.In, scope, trace):
        lt, lf = self.compile(e.left, scope, trace)
        rt, rf = self.compile(e.right, scope, trace)
        neg = e.negated
        if _ERROR in (lt, rt):
            return BOOL, const_unknown
        if rt.kind == "span":
            if lt.kind != "number" or not units_compatible(lt, rt):
                self.error(e.pos, words.cannot_test_in(lt, rt))
            return BOOL, (lambda env: maybe_not(in_span(lf(env), rf(env)), neg))
        if rt.kind == "set":
            item = rt.item or STRING
            if lt.kind == "number" and item.kind == "number":
                if not units_compatible(lt, item):
                    self.error(e.pos, words.cannot_test_in(lt, rt))
            elif lt.kind in ("enum", "string") and item.kind == "string":
                self._check_enum_literal(lt, e.right)
            else:
                self.error(e.pos, words.cannot_test_in(lt, rt))
            return BOOL, (lambda env: maybe_not(in_set(lf(env), rf(env)), neg))
        self.error(e.right.pos, words.in_needs_range_or_set(rt))
        return BOOL, const_unknown

    def _isknown(self, e: ast.IsKnown, scope, trace):
        _, f = self.compile(e.operand, scope, trace)
        if e.negated:
            return BOOL, (lambda env: type(f(env)) is Unknown)
        return BOOL, (lambda env: type(f(env)) is not Unknown)

    def _iswhole(self, e: ast.IsWhole, scope, trace):
        t, f = self.compile(e.operand, scope, trace)
        if t.kind not in ("number", "error"):
            self.error(e.pos, words.is_whole_needs_number(unparse(e.operand), t))
        return BOOL, (lambda env: is_whole(f(env)))

    def _not(self, e: ast.Not, scope, trace):
        f = self.compile_bool(e.operand, scope, words.NOT_OPERAND, trace)
        return BOOL, (lambda env: tri_not(f(env)))

    def _boolop(self, e: ast.BoolOp, scope, trace):
        fns = tuple(self.compile_bool(i, scope, words.each_side(e.op), trace) for i in e.items)
        if e.op == "and":
            return BOOL, (lambda env: tri_and(f(env) for f in fns))
        return BOOL, (lambda env: tri_or(f(env) for f in fns))

    # ---- aggregates
    def _collection(self, coll: ast.Path, scope: Scope, trace: bool) -> tuple[str | None, Fn]:
        t, f = self.compile(coll, scope, trace=False)
        if t.kind == "error":
            return None, f
        if t.kind != "list":
            self.error(coll.pos, words.not_a_list(coll.text, t))
            return None, f
        return t.item.name, f

    def _aggregate(self, e: ast.Aggregate, scope: Scope, trace: bool):
        item_type, coll_fn = self._collection(e.collection, scope, trace)
        if item_type is None:
            return _ERROR, const_unknown
        inner = Scope(scope.variables, scope.params, scope.nslots, scope.roots_used, scope.params_used)
        slot = inner.bind(e.var, item_type)
        bt, body = self.compile(e.body, inner, trace=False)
        where = self.compile_bool(e.where, inner, words.WHERE_CONDITION, trace=False) if e.where else None
        scope.nslots = max(scope.nslots, inner.nslots)
        fn_name = e.fn
        if fn_name in ("all", "any"):
            if bt.kind not in ("bool", "error"):
                self.error(e.body.pos, words.aggregate_needs(fn_name, unparse(e.body), bt))
            result_type = BOOL
        else:
            if bt.kind not in ("number", "error"):
                self.error(e.body.pos, words.aggregate_needs(fn_name, unparse(e.body), bt))
            result_type = Type("number", unit=bt.unit)
        text = unparse(e)
        unit = result_type.unit

        def agg(env):
            coll = coll_fn(env)
            if type(coll) is Unknown:
                return coll
            if type(coll) is not Collection:
                coll = Collection(list(coll))
            slots = env.slots
            values = []
            for item in coll.items:
                slots[slot] = item
                if where is not None:
                    w = where(env)
                    if w is False:
                        values.append(None)
                        continue
                    if type(w) is Unknown:
                        values.append(w)
                        continue
                values.append(body(env))
            result = getattr(coll, fn_name)(values)
            if trace and env.trace is not None:
                env.trace.append((text, result, unit, None, None))
            return result
        return result_type, agg

    def _count(self, e: ast.Count, scope: Scope, trace: bool):
        item_type, coll_fn = self._collection(e.collection, scope, trace)
        if item_type is None:
            return _ERROR, const_unknown
        where = None
        slot = 0
        if e.var is not None:
            inner = Scope(scope.variables, scope.params, scope.nslots, scope.roots_used, scope.params_used)
            slot = inner.bind(e.var, item_type)
            if e.where is not None:
                where = self.compile_bool(e.where, inner, words.WHERE_CONDITION, trace=False)
            scope.nslots = max(scope.nslots, inner.nslots)
        text = unparse(e)

        def count(env):
            coll = coll_fn(env)
            if type(coll) is Unknown:
                return coll
            if type(coll) is not Collection:
                coll = Collection(list(coll))
            if where is None:
                result = coll.count([True] * len(coll.items))
            else:
                flags = []
                for item in coll.items:
                    env.slots[slot] = item
                    flags.append(where(env))
                result = coll.count(flags)
            if trace and env.trace is not None:
                env.trace.append((text, result, None, None, None))
            return result
        return number(), count


_ERROR = Type("error")


__all__ = ["Env", "ExprCompiler", "Scope", "ParamInfo", "CompileErrors", "literal_value", "literal_type"]
