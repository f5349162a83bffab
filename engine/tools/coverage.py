"""Test coverage of a rule set (`ects rules test --coverage`).

The rule set is compiled a second time with an instrumented compiler that records the outcome of every
yes/no condition (each `when`, `require` and `where`, and each operand of `and`, `or` and `not` inside
them) while the set's test cases run; the ordinary compile and evaluation are untouched. From that and
the findings of the cases it reports, for each rule declared in the set (and each exception):

- whether a test case states its expected status (rule coverage);
- which statuses the cases produced, against those the rule can give (pass and fail, and
  not_applicable when the rule has a `when`);
- which conditions were seen both true and false (branch coverage); one never reached, or seen only
  one way, is named with its file:line:column.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from engine.ruleset.compiler import ExprCompiler
from engine.ruleset.compiled import CompiledRule, CompiledRuleSet, compile_ruleset
from engine.dsl import ast
from engine.dsl.unparse import unparse
from engine.ruleset.compose import compose
from engine.render.wording import Wording, wording
from engine.tools.ruletests import CaseResult, run_cases

OUTCOMES = ("true", "false")


def _key(e: ast.Expr) -> tuple:
    return (e.pos.file, e.pos.line, e.pos.column, unparse(e))


class CoverageCompiler(ExprCompiler):
    """An ExprCompiler whose yes/no conditions record their outcomes in `outcomes`."""

    def __init__(self, text_of):
        super().__init__(text_of)
        self.outcomes: dict[tuple, set[str]] = {}

    def compile_bool(self, e, scope, what, trace=True):
        fn = super().compile_bool(e, scope, what, trace)
        seen = self.outcomes.setdefault(_key(e), set())

        def recorded(env):
            value = fn(env)
            seen.add("true" if value is True else "false" if value is False else "undecided")
            return value
        return recorded


@dataclass
class Condition:
    role: str  # when | require | where | operand
    text: str
    location: str  # file:line:column
    outcomes: set[str]

    @property
    def covered(self) -> bool:
        return all(o in self.outcomes for o in OUTCOMES)

    def missing(self, w: Wording | None = None) -> str:
        """'never evaluated', 'never true', 'never true nor false' (in the language of `w`)."""
        t = (w or wording("en")).t
        if not self.outcomes:
            return t("tools.coverage.never_evaluated")
        return t("tools.coverage.never", outcomes=t("tools.coverage.nor").join(
            t(f"tools.coverage.{o}") for o in OUTCOMES if o not in self.outcomes))


@dataclass
class RuleCoverage:
    rule: str
    location: str  # file:line
    file: str
    line: int
    exception_to: str | None
    expected: set[str] = field(default_factory=set)
    statuses_needed: tuple[str, ...] = ()
    statuses_seen: set[str] = field(default_factory=set)
    conditions: list[Condition] = field(default_factory=list)

    @property
    def tested(self) -> bool:
        return bool(self.expected)

    def statuses_missing(self) -> list[str]:
        return [s for s in self.statuses_needed if s not in self.statuses_seen]

    def to_json(self) -> dict:
        return {"rule": self.rule, "location": self.location, "exception_to": self.exception_to,
                "tested": self.tested, "expected": sorted(self.expected),
                "statuses_needed": list(self.statuses_needed), "statuses_seen": sorted(self.statuses_seen),
                "conditions": [{"role": c.role, "text": c.text, "location": c.location,
                                "outcomes": sorted(c.outcomes), "covered": c.covered} for c in self.conditions]}


@dataclass
class Coverage:
    ruleset: str
    rules: list[RuleCoverage]
    cases: list[CaseResult]

    def counts(self) -> dict[str, int]:
        conds = [c for r in self.rules for c in r.conditions]
        statuses = [(r, s) for r in self.rules for s in r.statuses_needed]
        return {"rules": len(self.rules), "rules_tested": sum(r.tested for r in self.rules),
                "statuses": len(statuses), "statuses_seen": sum(s in r.statuses_seen for r, s in statuses),
                "conditions": len(conds), "conditions_covered": sum(c.covered for c in conds)}

    def to_json(self) -> dict:
        return {"ruleset": self.ruleset, "summary": self.counts(), "rules": [r.to_json() for r in self.rules]}


def measure(folder: Path) -> Coverage:
    """Run the set's test cases on an instrumented compile and collect what they exercised."""
    composed = compose(str(folder), collect=True)
    box: dict[str, CoverageCompiler] = {}

    def compiler(text_of):
        box["c"] = CoverageCompiler(text_of)
        return box["c"]
    rs = compile_ruleset(composed, compiler=compiler)
    cases = run_cases(folder, rs)
    return Coverage(rs.id, _rules(rs, cases, box["c"].outcomes), cases)


def _rules(rs: CompiledRuleSet, cases: list[CaseResult], outcomes: dict) -> list[RuleCoverage]:
    expected: dict[str, set[str]] = {}
    seen: dict[str, set[str]] = {}
    for case in cases:
        for key, want in case.expected.items():
            expected.setdefault(str(key).split("[", 1)[0], set()).add(want)  # rule or rule[subject]
        for f in case.findings:
            seen.setdefault(f.rule, set()).add(f.status)
    out: list[RuleCoverage] = []
    done: set[int] = set()  # an exception is compiled once per version of the rule it changes
    for versions in rs.rules.values():
        for rule in versions:
            for r in [rule] + rule.exceptions:
                if r.origin == rs.id and id(r.decl) not in done:
                    done.add(id(r.decl))
                    out.append(_rule_coverage(r, expected, seen, outcomes))
    return sorted(out, key=lambda r: (r.file, r.line))


def _where(pos: ast.Pos, column: bool = True) -> str:
    """file:line[:column], the file relative to the working folder when it is inside it."""
    rel = os.path.relpath(pos.file)
    name = pos.file if rel.startswith("..") else rel
    return f"{name}:{pos.line}:{pos.column}" if column else f"{name}:{pos.line}"


def _rule_coverage(r: CompiledRule, expected, seen, outcomes) -> RuleCoverage:
    d = r.decl
    needed = ("pass", "fail") + (("not_applicable",) if d.when is not None and r.exception_to is None else ())
    cov = RuleCoverage(r.id, _where(d.pos, column=False), d.pos.file, d.pos.line, r.exception_to, expected.get(r.id, set()), needed,
                       seen.get(r.id, set()))
    roots = ([("where", d.scope.where)] if d.scope and d.scope.where is not None else []) \
        + ([("when", d.when)] if d.when is not None else []) + [("require", q) for q in d.requires]
    for role, e in roots:
        for node, node_role in _conditions(e, role):
            cov.conditions.append(Condition(node_role, unparse(node), _where(node.pos), outcomes.get(_key(node), set())))
    return cov


def _conditions(e: ast.Expr, role: str):
    """The condition and, inside it, every operand of and/or/not (not into aggregates)."""
    yield e, role
    if isinstance(e, ast.BoolOp):
        for item in e.items:
            yield from _conditions(item, "operand")
    elif isinstance(e, ast.Not):
        yield from _conditions(e.operand, "operand")


def coverage_text(cov: Coverage, w: Wording | None = None) -> str:
    """A table of the rules, then every gap with file:line (in the language of `w`; statuses, rule names and
    the rule language's keywords as written)."""
    w = w or wording("en")
    t = w.t
    rows = [tuple(t(f"tools.coverage.col.{c}") for c in ("rule", "tested", "statuses", "conditions", "where"))]
    for r in cov.rules:
        statuses = ", ".join(s for s in ("pass", "fail", "indeterminate", "not_applicable") if s in r.statuses_seen)
        covered = sum(c.covered for c in r.conditions)
        rows.append((r.rule, t("tools.coverage.yes") if r.tested else t("tools.coverage.no"), statuses or "-",
                     f"{covered}/{len(r.conditions)}", r.location))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [t("tools.coverage.title", ruleset=cov.ruleset)]
    lines += ["  ".join(c.ljust(width) for c, width in zip(row[:4], widths)) + "  " + row[4] for row in rows]
    gaps = []
    for r in cov.rules:
        if not r.tested:
            gaps.append(t("tools.coverage.untested", where=r.location, rule=r.rule))
        missing = r.statuses_missing()
        if missing:
            gaps.append(t("tools.coverage.never_gives", where=r.location, rule=r.rule, statuses=", ".join(missing)))
        gaps += [t("tools.coverage.condition", where=c.location, rule=r.rule, text=c.text, missing=c.missing(w),
                   role=t("tools.coverage.operand") if c.role == "operand" else c.role)
                 for c in r.conditions if not c.covered]
    n = cov.counts()
    lines.append(t("tools.coverage.counts", **n))
    return "\n".join(lines + ([t("tools.coverage.gaps")] + ["  " + g for g in gaps] if gaps else [])) + "\n"

