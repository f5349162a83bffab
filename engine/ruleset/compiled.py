"""A composed rule set compiled once into closures, ready to evaluate any number of subjects.

Parameters become slots of a vector filled per as-of date; every version of every rule is compiled
(rules and parameters may change over time), and evaluation picks what was in force on the day.
"""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from engine.ruleset.compiler import Env, ExprCompiler, ParamInfo, Scope, literal_type, literal_value
from engine.dsl import ast
from engine.dsl.unparse import unparse
from engine.errors import RuleSetError
from engine.evaluation.findings import Citation
from engine.ruleset.compose import ComposedRuleSet, RuleSetErrors, compose, locate
from engine.ruleset.citations import compile_citations as _citations
from engine.ruleset.translations import Gap, untranslated_texts
from engine.ruleset import type_words as words
from engine.ruleset.types import Type
from engine.evaluation.sections import DroppedRule, WhatIf
from engine.subjects.kinds import OBJECT_TYPES, ROOTS
from engine.semantics.reasons import because
from engine.semantics.values import Unknown


BUNDLED_LANGUAGES = ("en", "el", "sr")  # every bundled rule's title and message exist in these


@dataclass
class CompiledParam:
    """A parameter's versions, each with its value, citations and the days it is in force."""

    name: str
    type: Type
    versions: list[tuple[ast.InForce, Any, tuple[Citation, ...], ast.ParameterDecl]]
    origin: str
    overrides: str | None
    what_if: str | None = None  # the value as given for one audit (`--set`): in force every day, cited by nothing

    def at(self, day: dt.date):
        if self.what_if is not None:
            return self.versions[0][1], (), None
        for in_force, value, cites, decl in self.versions:
            if in_force.covers(day):
                return value, cites, decl
        why = because("parameter.not_in_force", "parameter {name} has no value in force on {day} (in force {periods})",
                      name=self.name, day=day, periods=tuple(v[0] for v in self.versions))
        return Unknown(why), (), None


class Template:
    """A compiled message: literal text and (closure, unit) holes. The holes are compiled without
    tracing, so capturing their values leaves the finding's trace alone. Wording the values in a
    language is the renderers' work (engine.render.wording)."""

    __slots__ = ("parts", "holes", "units", "exprs")

    def __init__(self, parts: tuple):
        self.parts = parts  # text, or (closure, unit, expression text)
        self.holes = tuple(p[0] for p in parts if not isinstance(p, str))
        self.units = tuple(p[1] for p in parts if not isinstance(p, str))
        self.exprs = tuple(p[2] for p in parts if not isinstance(p, str))

    def capture(self, env: Env) -> list:
        """The values of the holes now."""
        return [f(env) for f in self.holes]


@dataclass(frozen=True)
class CompiledChart:
    """A rule's `chart` clause: the quantity it bounds (object type, field), how, and the value's closure
    (which reads parameters and the subject, never the element the rule goes through)."""

    type_name: str
    field: str
    role: str  # target | minimum | band
    value: Callable
    text: str  # the clause as written, e.g. "year.credits target full_time_year_credits"


@dataclass
class CompiledRule:
    """One version of a rule (or an exception), its expressions compiled to closures."""

    id: str
    titles: dict[str, str]
    severity: str
    citations: tuple[Citation, ...]
    root: str  # subject kind: programme | transfer | cohort
    scope_var: str | None
    scope_type: str | None
    collection: Callable | None
    where: Callable | None
    when: Callable | None
    when_text: str | None
    requires: tuple[tuple[str, Callable], ...]
    messages: dict[str, Template]
    in_force: ast.InForce
    origin: str
    overrides: str | None
    params_used: tuple[str, ...]
    note: str | None
    decl: ast.RuleDecl
    exceptions: list["CompiledRule"] = field(default_factory=list)
    exception_to: str | None = None
    charts: tuple[CompiledChart, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)  # the note by language (`note`, `note[el]`); {} without one

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or next(iter(self.titles.values()), self.id)

    def message(self, lang: str) -> Template | None:
        return self.messages.get(lang) or self.messages.get("en")

    def title_language(self, lang: str) -> str:
        """The language `title(lang)` is in: `lang`, or another (English) when the rule has no translation."""
        return lang if lang in self.titles else ("en" if "en" in self.titles else next(iter(self.titles), "en"))

    def message_language(self, lang: str) -> str | None:
        """The language `message(lang)` is in: `lang`, "en" when the rule has no translation (a report
        marks such a message "English, no translation"), None when the rule has no message."""
        return lang if lang in self.messages else ("en" if "en" in self.messages else None)

    def missing_languages(self, langs: tuple[str, ...]) -> list[str]:
        """The clauses missing in one of `langs`, e.g. ["title[sr]", "message[sr]"] (a rule without any
        message or note, such as an exception that keeps its parent's message, needs no translations of it)."""
        return [f"{clause}[{lang}]" for lang in langs
                for clause, texts in (("title", self.titles), ("message", self.messages), ("note", self.notes))
                if lang not in texts and (clause == "title" or texts)]


@dataclass
class CompiledRuleSet:
    """A composed rule set, type-checked and compiled: its parameters and the versions of its rules."""

    composed: ComposedRuleSet
    params: dict[str, CompiledParam]
    param_index: dict[str, int]
    rules: dict[str, list[CompiledRule]]  # id -> versions
    nslots: int
    what_ifs: tuple[WhatIf, ...] = ()  # parameter values changed for one audit (engine.ruleset.whatif)
    # engine.evaluation.fastpath, made on first use (False: none, every rule through the closures)
    fast_path: Any = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.composed.id

    @property
    def content_hash(self) -> str:
        """SHA-256 of the composed rule files' texts, root ancestor first (engine.ruleset.digest)."""
        return self.composed.content_hash

    def param_vector(self, day: dt.date) -> list:
        vec: list = [None] * len(self.param_index)
        for name, i in self.param_index.items():
            vec[i] = self.params[name].at(day)[0]
        return vec

    def rules_in_force(self, root: str, day: dt.date) -> list[CompiledRule]:
        """The top-level rules for a subject kind that apply on `day`, in declaration order."""
        out = []
        for versions in self.rules.values():
            for r in versions:
                if r.root == root and r.in_force.covers(day):
                    out.append(r)
                    break
        return out

    def rules_not_in_force(self, root: str, day: dt.date) -> list[CompiledRule]:
        """Rules for a subject kind none of whose versions applies on `day` (reported, not evaluated)."""
        return [versions[0] for versions in self.rules.values()
                if versions and versions[0].root == root and not any(r.in_force.covers(day) for r in versions)]

    def dropped_rules(self) -> tuple[DroppedRule, ...]:
        """The parent rules this set drops, with the reason (shown in every report)."""
        return tuple(DroppedRule(name, d.rule_origin, d.origin, d.decl.reason, dict(d.decl.reasons))
                     for name, d in self.composed.dropped.items())

    def untranslated(self, langs: tuple[str, ...] = BUNDLED_LANGUAGES) -> list[tuple[CompiledRule, list[str]]]:
        """Every rule version and exception whose title or message is missing in one of `langs`."""
        out = []
        for versions in self.rules.values():
            for rule in versions:
                for r in (rule, *rule.exceptions):
                    missing = r.missing_languages(langs)
                    if missing:
                        out.append((r, missing))
        return out

    def untranslated_texts(self, langs: tuple[str, ...] = BUNDLED_LANGUAGES) -> list[Gap]:
        """The other texts of the set (header, sources, parameters, scales, drops, citations' article
        texts) missing in one of `langs` (engine.ruleset.translations)."""
        return untranslated_texts(self.composed, langs)

    def citations_of(self, rule: CompiledRule, day: dt.date) -> tuple[Citation, ...]:
        """The rule's citations followed by those of the parameters it uses (as in force on `day`)."""
        seen = list(rule.citations)
        keys = {(c.source, c.ref) for c in seen} | {(c.source, c.quote) for c in seen if c.quote}
        for name in rule.params_used:
            for c in self.params[name].at(day)[1]:
                if (c.source, c.ref) not in keys and (c.source, c.quote) not in keys:
                    keys.update({(c.source, c.ref), (c.source, c.quote)})
                    seen.append(c)
        return tuple(seen)


def compile_ruleset(rs: ComposedRuleSet, compiler: Callable[..., ExprCompiler] = ExprCompiler) -> CompiledRuleSet:
    """Type-check and compile every parameter and rule version; raise RuleSetErrors listing all problems.

    `compiler` may be an instrumented subclass (test coverage); evaluation itself never changes."""
    comp = compiler(rs.text_of)
    comp.errors.extend(rs.problems)
    params: dict[str, CompiledParam] = {}
    index: dict[str, int] = {}
    for name, entry in rs.parameters.items():
        types = [literal_type(v.value) for v in entry.versions]
        for v, t in zip(entry.versions[1:], types[1:]):
            if t != types[0]:
                comp.error(v.pos, words.parameter_type_differs(name, t, types[0]))
        versions = [(v.in_force, literal_value(v.value), _citations(v.citations, rs), v) for v in entry.versions]
        versions.sort(key=lambda x: x[0].start or dt.date.min)
        params[name] = CompiledParam(name, types[0], versions, entry.origin, entry.overrides)
        index[name] = len(index)
    infos = {n: ParamInfo(n, p.type, index[n]) for n, p in params.items()}
    rules: dict[str, list[CompiledRule]] = {}
    nslots = 2
    for name, entry in rs.rules.items():
        compiled_versions = []
        for decl in entry.versions:
            rule, n = _compile_rule(comp, rs, decl, infos, entry.origin, entry.overrides, None)
            nslots = max(nslots, n)
            if rule is None:
                continue
            for exc_decl, exc_origin in entry.exceptions:
                exc, n = _compile_rule(comp, rs, exc_decl, infos, exc_origin, None, decl)
                nslots = max(nslots, n)
                if exc is not None:
                    rule.exceptions.append(exc)
            compiled_versions.append(rule)
        rules[name] = compiled_versions
    if comp.errors:
        raise RuleSetErrors(_sorted(comp.errors))
    # an instrumented compiler observes the closures: its rule set is evaluated through them alone
    return CompiledRuleSet(rs, params, index, rules, nslots, fast_path=None if compiler is ExprCompiler else False)


def _sorted(errors: list[RuleSetError]) -> list[RuleSetError]:
    return sorted(errors, key=lambda e: (e.path or "", e.line or 0, e.column or 0))


def _compile_rule(comp: ExprCompiler, rs: ComposedRuleSet, decl: ast.RuleDecl, params: dict[str, ParamInfo],
                  origin: str, overrides: str | None, parent: ast.RuleDecl | None) -> tuple[CompiledRule | None, int]:
    """Compile one rule version (or an exception, inheriting `parent`'s scope, title and severity)."""
    scope_decl = decl.scope
    if parent is not None:
        if scope_decl is not None and (parent.scope is None or scope_decl.var != parent.scope.var
                                       or scope_decl.collection.text != parent.scope.collection.text):
            comp.error(scope_decl.pos, words.exception_scope(_scope_text(parent.scope)))
        scope_decl = parent.scope
    scope = Scope({}, params)
    scope_type = None
    collection = where = None
    if scope_decl is not None:
        t, collection = comp.compile(scope_decl.collection, scope, trace=False)
        if t.kind == "list":
            scope_type = t.item.name
        elif t.kind != "error":
            comp.error(scope_decl.collection.pos, words.not_a_list(scope_decl.collection.text, t))
        slot = scope.bind(scope_decl.var, scope_type or "Programme")
        assert slot == 1
        if scope_decl.where is not None:
            where = comp.compile_bool(scope_decl.where, scope, words.WHERE_CONDITION, trace=False)
    when = comp.compile_bool(decl.when, scope, words.WHEN_CONDITION) if decl.when is not None else None
    requires = tuple((unparse(r), comp.compile_bool(r, scope, words.REQUIRE_CLAUSE)) for r in decl.requires)
    messages = {}
    for lang, tmpl in decl.messages.items():
        parts = []
        for part in tmpl.parts:
            if isinstance(part, str):
                parts.append(part)
            else:
                t, fn = comp.compile(part, scope, trace=False)
                unit = t.unit if t.kind in ("number", "span") else t.item.unit if t.kind == "set" and t.item else None
                parts.append((fn, unit, unparse(part)))  # a set's unit is its items' ('36 or 40 weeks')
        messages[lang] = Template(tuple(parts))
    charts, chart_slots = _compile_charts(comp, decl, scope_decl, scope_type, params)
    roots = scope.roots_used
    if len(roots) > 1:
        comp.error(decl.pos, words.mixes_subjects(decl.name, roots))
    if not roots:
        comp.error(decl.pos, words.no_subject(decl.name, ROOTS))
        return None, scope.nslots
    root = next(iter(roots))
    titles = decl.titles or (parent.titles if parent else {})
    severity = decl.severity or (parent.severity if parent else "error")
    rule = CompiledRule(
        id=decl.name, titles=dict(titles), severity=severity, citations=_citations(decl.citations, rs),
        root=root, scope_var=scope_decl.var if scope_decl else None, scope_type=scope_type,
        collection=collection, where=where, when=when,
        when_text=unparse(decl.when) if decl.when is not None else None, requires=requires,
        messages=messages, in_force=decl.in_force, origin=origin, overrides=overrides,
        params_used=tuple(sorted(scope.params_used)), note=decl.note, decl=decl,
        exception_to=parent.name if parent is not None else None, charts=charts,
        notes=ast.in_languages(decl.note, decl.notes))
    return rule, max(scope.nslots, chart_slots)


def _compile_charts(comp: ExprCompiler, decl: ast.RuleDecl, scope_decl: ast.Scope | None, scope_type: str | None,
                    params: dict[str, ParamInfo]) -> tuple[tuple[CompiledChart, ...], int]:
    """`chart VAR.FIELD target|minimum|band VALUE`: VAR is what the rule goes through; VALUE a number (a
    range for `band`) in the field's unit, from parameters and the subject."""
    out, nslots = [], 1
    for c in decl.charts:
        q = c.quantity
        otype = OBJECT_TYPES.get(scope_type or "")
        if scope_decl is None or not isinstance(q, ast.Path) or len(q.parts) != 2 or q.parts[0] != scope_decl.var \
                or otype is None or q.parts[1] not in otype.fields:
            var = scope_decl.var if scope_decl else "VAR"
            comp.error(c.pos, words.chart_names_no_field(var, unparse(q)))
            continue
        field_type = otype.fields[q.parts[1]].type
        scope = Scope({}, params)
        t, fn = comp.compile(c.value, scope, trace=False)
        nslots = max(nslots, scope.nslots)
        want = "span" if c.role == "band" else "number"
        if t.kind != "error" and (t.kind != want or t.unit != field_type.unit):
            comp.error(c.value.pos, words.chart_of_wrong_type(c.role, q.text, field_type,
                                                              Type(want, unit=field_type.unit), t))
            continue
        out.append(CompiledChart(otype.name, q.parts[1], c.role, fn, f"{q.text} {c.role} {unparse(c.value)}"))
    return tuple(out), nslots


def _scope_text(scope: ast.Scope | None) -> str:
    return f"for each {scope.var} in {scope.collection.text}" if scope else "(the subject itself)"


_LOADED: OrderedDict[tuple[str, Path], tuple[tuple, CompiledRuleSet]] = OrderedDict()
_LOADED_MAX = 32


def _fingerprint(rs: ComposedRuleSet) -> tuple:
    """What the compiled set was built from: each folder of the chain and its rule files' stat."""
    out = []
    node: ComposedRuleSet | None = rs
    while node is not None:
        files = []
        for p in sorted(node.folder.glob("*.rules")):
            try:
                st = p.stat()
                files.append((p.name, st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                files.append((p.name, None))
        out.append((str(node.folder), tuple(files)))
        node = node.parent
    return tuple(out)


def load_ruleset(name_or_path: str) -> CompiledRuleSet:
    """Find, compose and compile a rule set (bundled id or folder path).

    Compiled sets are kept in memory, keyed by the name and the folder it names now; one is served
    again only while no rule file of its folders (or its ancestors') has changed, appeared or gone.
    """
    key = (name_or_path, locate(name_or_path))
    hit = _LOADED.get(key)
    if hit is not None and hit[0] == _fingerprint(hit[1].composed):
        _LOADED.move_to_end(key)
        return hit[1]
    rs = compile_ruleset(compose(name_or_path, collect=True))
    _LOADED[key] = (_fingerprint(rs.composed), rs)
    while len(_LOADED) > _LOADED_MAX:
        _LOADED.popitem(last=False)
    return rs


def subject_describer(type_name: str | None) -> Callable[[object], str]:
    """How findings name an element of this type ("year 2", "course PE305")."""
    if type_name and type_name in OBJECT_TYPES:
        return OBJECT_TYPES[type_name].describe
    return str
