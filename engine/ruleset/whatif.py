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
from engine.errors import RuleSetError, UsageError, suggestion
from engine.evaluation.sections import WhatIf
from engine.ruleset.compiled import CompiledParam, CompiledRuleSet
from engine.ruleset.compiler import literal_type, literal_value
from engine.ruleset.types import Type
from engine.semantics.reasons import Reason, because

WHAT_IF_FILE = "<what-if>"

# The types a parameter commonly has, worded in the reader's language (any other: in English).
_TYPE_WORDS: dict[Type, Reason] = {
    Type("number", "credits"): because("type.number_credits", "a number of credits"),
    Type("number", "hours"): because("type.number_hours", "a number of hours"),
    Type("number", "days"): because("type.number_days", "a number of days"),
    Type("number", "weeks"): because("type.number_weeks", "a number of weeks"),
    Type("number", "months"): because("type.number_months", "a number of months"),
    Type("number", "years"): because("type.number_years", "a number of years"),
    Type("number", "students"): because("type.number_students", "a number of students"),
    Type("number"): because("type.number", "a plain number"),
    Type("span", "credits"): because("type.range_credits", "a range of credits"),
    Type("span", "hours"): because("type.range_hours", "a range of hours"),
    Type("string"): because("type.string", "a text"),
    Type("bool"): because("type.bool", "yes/no"),
    Type("date"): because("type.date", "a date"),
}


def _type_words(t: Type) -> Reason | str:
    if t.kind == "set" and t.item is not None and t.item in _TYPE_WORDS:
        return because("type.set_of", "a set of {item}", item=_TYPE_WORDS[t.item])
    return _TYPE_WORDS.get(t) or t.describe()


def split_assignment(text: str, option: str = "--set") -> tuple[str, str]:
    """'NAME=VALUE' -> (NAME, VALUE), both stripped; a one-line usage error otherwise."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise UsageError(because("whatif.set_form", "{option} '{text}': write NAME=VALUE, e.g. {option} {example}",
                                 option=option, text=text, example='min_component_credits="3 credits"'))
    return name, value


def parse_value(name: str, text: str) -> ast.Expr:
    """The literal `text` read as the value of a parameter declaration; a one-line error otherwise."""
    if "\n" in text or "\r" in text:
        raise UsageError(because("whatif.set_one_line", "--set {name}: the value must be on one line", name=name))
    try:
        rule_file = parse_text(f"parameter {name} = {text}\n", WHAT_IF_FILE)
    except RuleSetError as e:
        raise UsageError(because("whatif.set_not_value", "--set {name}={text}: not a value as a rule file writes one "
                                 "({why})", name=name, text=text, why=e.message)) from None
    decls = rule_file.declarations
    if len(decls) != 1 or not isinstance(decls[0], ast.ParameterDecl) or decls[0].citations or decls[0].titles \
            or decls[0].note or decls[0].in_force != ast.InForce():
        raise UsageError(because("whatif.set_value_only", "--set {name}={text}: give a value only (a number with its "
                                 "unit, a range, a text, yes/no or a set), no clauses", name=name, text=text))
    return decls[0].value


def _check_type(param: CompiledParam, name: str, text: str, value: ast.Expr) -> None:
    t = literal_type(value)
    if isinstance(value, ast.SetExpr) and any(literal_type(i) != t.item for i in value.items):
        raise UsageError(because("whatif.set_members", "--set {name}={text}: the members of a set must all be {type}",
                                 name=name, text=text, type=_type_words(t.item)))
    if t != param.type:
        raise UsageError(because("whatif.set_type", "--set {name}={text}: parameter '{name}' is {type}, not {given}",
                                 name=name, text=text, type=_type_words(param.type), given=_type_words(t)))


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
            raise UsageError(because("whatif.set_no_parameter", "--set {name}: rule set '{rs}' has no parameter "
                                     "'{name}'{hint}", name=name, rs=rs.id, hint=suggestion(name, rs.params)))
        if name in seen:
            raise UsageError(because("whatif.set_twice", "--set {name}: given twice", name=name))
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
