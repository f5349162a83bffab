"""What-if audits: a compiled rule set with some parameters set to proposed values (`--set NAME=VALUE`).

The derived set is the same rule set with those parameters replaced by one version in force every day,
cited by nothing and marked `what_if`: every finding that reads one says so, and the report lists
every change (CompiledRuleSet.what_ifs), so a what-if report is never taken for an audit under the law.
A value is written as in a rule file (`3 credits`, `25..30 hours`, `"text"`, `yes`, `{1, 2}`), read by
the rule language's own parser, and must have the type and unit of the parameter it replaces.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterable

from engine.dsl import ast
from engine.dsl.parser import parse_text
from engine.dsl.unparse import unparse
from engine.errors import RuleSetError, UsageError, did_you_mean
from engine.evaluation.sections import WhatIf
from engine.ruleset.compiled import CompiledParam, CompiledRuleSet
from engine.ruleset.compiler import literal_type, literal_value

WHAT_IF_FILE = "<what-if>"


def split_assignment(text: str, option: str = "--set") -> tuple[str, str]:
    """'NAME=VALUE' -> (NAME, VALUE), both stripped; a one-line usage error otherwise."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise UsageError(f"{option} '{text}': write NAME=VALUE, e.g. {option} min_component_credits=\"3 credits\"")
    return name, value


def parse_value(name: str, text: str) -> ast.Expr:
    """The literal `text` read as the value of a parameter declaration; a one-line error otherwise."""
    if "\n" in text or "\r" in text:
        raise UsageError(f"--set {name}: the value must be on one line")
    try:
        rule_file = parse_text(f"parameter {name} = {text}\n", WHAT_IF_FILE)
    except RuleSetError as e:
        raise UsageError(f"--set {name}={text}: not a value as a rule file writes one ({e.message})") from None
    decls = rule_file.declarations
    if len(decls) != 1 or not isinstance(decls[0], ast.ParameterDecl) or decls[0].citations or decls[0].titles \
            or decls[0].note or decls[0].in_force != ast.InForce():
        raise UsageError(f"--set {name}={text}: give a value only (a number with its unit, a range, a text, "
                         f"yes/no or a set), no clauses")
    return decls[0].value


def _check_type(param: CompiledParam, name: str, text: str, value: ast.Expr) -> None:
    t = literal_type(value)
    if isinstance(value, ast.SetExpr) and any(literal_type(i) != t.item for i in value.items):
        raise UsageError(f"--set {name}={text}: the members of a set must all be {t.item.describe()}")
    if t != param.type:
        raise UsageError(f"--set {name}={text}: parameter '{name}' is {param.type.describe()}, not {t.describe()}")


def _in_force_text(param: CompiledParam, day: dt.date | None) -> str:
    """The value the rule set gives (on `day`, or every version's), as a rule file writes it."""
    chosen = [v for v in param.versions if day is None or v[0].covers(day)] or param.versions
    return "; ".join(unparse(v[3].value) + ("" if day is not None and len(chosen) == 1 else f" ({v[0].describe()})")
                     for v in chosen)


def with_overrides(rs: CompiledRuleSet, assignments: Iterable[tuple[str, str]],
                   as_of: dt.date | None = None) -> CompiledRuleSet:
    """The rule set with each (parameter, value text) in force instead of the declared values; `rs` itself
    is left as it is. Raises UsageError for an unknown parameter (with a did-you-mean), a value that is
    not a literal, or one of another type or unit. No assignments: `rs` itself."""
    assignments = list(assignments)
    if not assignments:
        return rs
    params = dict(rs.params)
    what_ifs: list[WhatIf] = list(rs.what_ifs)
    seen: set[str] = set()
    for name, text in assignments:
        if name not in rs.params:
            raise UsageError(f"--set {name}: rule set '{rs.id}' has no parameter '{name}'"
                             + did_you_mean(name, rs.params))
        if name in seen:
            raise UsageError(f"--set {name}: given twice")
        seen.add(name)
        param = rs.params[name]
        value = parse_value(name, text)
        _check_type(param, name, text, value)
        written = unparse(value)
        decl = ast.ParameterDecl(name, value, (), ast.InForce(), {}, f"what-if: --set {name}={written}",
                                 ast.Pos(WHAT_IF_FILE, 1, 1))
        params[name] = dataclasses.replace(param, versions=[(ast.InForce(), literal_value(value), (), decl)],
                                           what_if=written)
        what_ifs.append(WhatIf("set", name, written, _in_force_text(param, as_of)))
    return dataclasses.replace(rs, params=params, what_ifs=tuple(what_ifs))


__all__ = ["with_overrides", "split_assignment", "parse_value", "WHAT_IF_FILE"]
