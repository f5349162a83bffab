"""Static checks of time (`ects rules check`): periods in which a rule set cannot work as written.

- error: a rule is in force (within the rule set's own period) on days when a parameter it reads
  has no value in force; at run time every finding of it would be undecided on those days;
- warning: the dated versions of a parameter leave a gap between them;
- warning: a rule set is in force on days when the set it extends is not, so the parent's rules are
  applied on days the parent did not apply (a set may mean this; its README should say why).

Overlapping versions of a parameter or a rule are already errors of composition (engine.rulesets).
Each problem points at the declaration in the checked set that causes it, with file:line.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from engine.ruleset.compiled import CompiledRule, CompiledRuleSet
from engine.dsl import ast
from engine.semantics.reasons import Reason, because

_MIN, _MAX = dt.date.min, dt.date.max


@dataclass(frozen=True)
class TimeProblem:
    severity: str  # error | warning
    pos: ast.Pos
    message: Reason  # its English sentence is str(message); a command with --lang words it

    def format(self, say=str) -> str:
        """'file:line: message'; `say` words the message in the reader's language (else English)."""
        return f"{self.pos.file}:{self.pos.line}: {say(self.message)}"


def _bounds(p: ast.InForce) -> tuple[dt.date, dt.date]:
    return p.start or _MIN, p.end or _MAX


def _period(lo: dt.date, hi: dt.date) -> ast.InForce:
    return ast.InForce(None if lo == _MIN else lo, None if hi == _MAX else hi)


def intersect(a: ast.InForce, b: ast.InForce) -> ast.InForce | None:
    """The days both periods cover, or None."""
    lo, hi = max(_bounds(a)[0], _bounds(b)[0]), min(_bounds(a)[1], _bounds(b)[1])
    return _period(lo, hi) if lo < hi else None


def uncovered(period: ast.InForce, covers: list[ast.InForce]) -> list[ast.InForce]:
    """The parts of `period` that none of `covers` covers, in date order."""
    lo, hi = _bounds(period)
    gaps = []
    for start, end in sorted(_bounds(c) for c in covers):
        if start > lo:
            gaps.append(_period(lo, min(start, hi)))
        lo = max(lo, end)
        if lo >= hi:
            break
    if lo < hi:
        gaps.append(_period(lo, hi))
    return [g for g in gaps if _bounds(g)[0] < _bounds(g)[1]]


def check_time(rs: CompiledRuleSet) -> list[TimeProblem]:
    """Every problem of time in the set (those caused by its own declarations), in file order."""
    problems = _parameter_gaps(rs) + _rules_without_values(rs) + _outside_parent(rs)
    return sorted(set(problems), key=lambda p: (p.pos.file, p.pos.line, str(p.message)))


def _parameter_gaps(rs: CompiledRuleSet) -> list[TimeProblem]:
    out = []
    for p in rs.params.values():
        if p.origin != rs.id:
            continue
        versions = sorted(p.versions, key=lambda v: _bounds(v[0]))
        for (before, *_rest), (after, _v, _c, decl) in zip(versions, versions[1:]):
            if before.end is not None and after.start is not None and before.end < after.start:
                out.append(TimeProblem("warning", decl.pos, because(
                    "rules.time.parameter_gap", "parameter '{name}' has no value from {start} until {end}, between its "
                    "versions", name=p.name, start=before.end, end=after.start)))
    return out


def _rules_without_values(rs: CompiledRuleSet) -> list[TimeProblem]:
    out = []
    span = rs.composed.header.in_force
    for versions in rs.rules.values():
        for rule in versions:
            period = intersect(rule.in_force, span)
            out += _missing_values(rs, rule, period)
            for exc in rule.exceptions:
                out += _missing_values(rs, exc, period and intersect(exc.in_force, period))
    return out


def _missing_values(rs: CompiledRuleSet, rule: CompiledRule, period: ast.InForce | None) -> list[TimeProblem]:
    if period is None:
        return []
    out = []
    for name in rule.params_used:
        param = rs.params[name]
        gaps = uncovered(period, [v[0] for v in param.versions])
        if not gaps:
            continue
        if rule.origin == rs.id:
            pos = rule.decl.pos
        elif param.origin == rs.id:  # this set's override of a parameter leaves an inherited rule without it
            pos = param.versions[0][3].pos
        else:
            continue
        if rule.exception_to:
            why = because("rules.time.exception_without_value", "exception '{rule}' is in force {period} but parameter "
                          "'{name}' it reads has no value in force {days}", rule=rule.id, period=period, name=name,
                          days=_and(gaps))
        else:
            why = because("rules.time.rule_without_value", "rule '{rule}' is in force {period} but parameter "
                          "'{name}' it reads has no value in force {days}", rule=rule.id, period=period, name=name,
                          days=_and(gaps))
        out.append(TimeProblem("error", pos, why))
    return out


def _outside_parent(rs: CompiledRuleSet) -> list[TimeProblem]:
    parent = rs.composed.parent
    if parent is None:
        return []
    own, theirs = rs.composed.header.in_force, parent.header.in_force
    gaps = uncovered(own, [theirs])
    if not gaps:
        return []
    return [TimeProblem("warning", rs.composed.header.pos, because(
        "rules.time.outside_parent", "rule set '{id}' is in force {own} but extends '{parent}', in force {theirs}: "
        "{parent}'s rules are applied {days}, when it was not in force", id=rs.id, own=own, parent=parent.id,
        theirs=theirs, days=_and(gaps)))]


def _and(periods: list[ast.InForce]) -> Reason | ast.InForce:
    """'from X until Y and from Z', the periods as a catalogue entry."""
    out: Reason | ast.InForce = periods[0]
    for p in periods[1:]:
        out = because("rules.time.and", "{first} and {second}", first=out, second=p)
    return out
