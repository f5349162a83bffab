"""Compiled rules x subject -> findings: the three-valued verdict of each rule on each thing it covers.

Evaluation is language-free: findings carry values, template references and typed trace events;
engine.render words them in the reader's language.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from engine.semantics.choices import decide
from engine.ruleset.compiler import Env
from engine.ruleset.compiled import CompiledRule, CompiledRuleSet
from engine.dsl.ast import in_languages
from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.evaluation.findings import RULE_MESSAGE, Finding, MessagePart, ParamVersion, Provenance, Report, SubjectRef
from engine.evaluation.rule_facts import RuleFacts
from engine.evaluation.fastpath import fast_path
from engine.evaluation.per_choice import PerChoice
from engine.evaluation.naming import subject_ref
from engine.evaluation.rows import Rows, kept
from engine.evaluation.sections import ChartTarget
from engine.evaluation.trace import TraceRecorder
from engine.semantics.collection import Collection
from engine.semantics.values import Span, Unknown

PASS, FAIL, UNKNOWN, NA = "pass", "fail", "indeterminate", "not_applicable"
DEFAULT_MESSAGE = {PASS: "engine.requirement_met", FAIL: "engine.requirement_not_met"}


def _part(template: str, **args) -> MessagePart:
    return MessagePart(template, args)


def rule_file(path: str) -> str:
    """A rule file named by its rule-set folder and file name (the same wherever the set is installed)."""
    p = Path(path)
    return f"{p.parent.name}/{p.name}"


def _capture_plan(rule: CompiledRule) -> tuple:
    """(template, languages) pairs: languages whose message templates have the same holes share one capture."""
    by_holes: dict[tuple, tuple] = {}
    for lang, template in rule.messages.items():
        first, langs = by_holes.get(template.exprs, (template, ()))
        by_holes[template.exprs] = (first, langs + (lang,))
    return tuple(by_holes.values())


class Evaluator:
    """Evaluates one compiled rule set on one date; reuse it for any number of subjects.

    `lang` is accepted for older callers and ignored: findings are rendered in a language later.
    `fast` False evaluates every rule the generic way (the fast path's reference, in tests)."""

    def __init__(self, ruleset: CompiledRuleSet, as_of: dt.date | None = None, lang: str | None = None,
                 fast: bool = True):
        self.ruleset = ruleset
        self.as_of = as_of or dt.date.today()
        header = ruleset.composed.header
        if not header.in_force.covers(self.as_of):
            raise UsageError(because("ruleset.not_in_force", "rule set '{rs}' is not in force on {day} (in force "
                                     "{period})", rs=ruleset.id, day=self.as_of, period=header.in_force))
        self.params = ruleset.param_vector(self.as_of)
        self._rules: dict[object, list[CompiledRule]] = {}
        self._fixed: dict[int, tuple] = {}
        self._versions: dict[str, ParamVersion] = {}
        self._refs: dict[int, SubjectRef] = {}
        self._items: dict[int, tuple] = {}  # id(reference) -> (it, its element, the rule), while a subject is evaluated
        self._flat: list = []  # the rows the fast path decides, while this subject is evaluated
        self._runs: list = []  # (rule, element or None, first, end) of each generic evaluation's findings
        self._fast = fast_path(ruleset) if fast else None
        self._per_choice = PerChoice(self.as_of, self._check, self._conflict, self._finding, self._tracer)

    def rules_for(self, root: str) -> list[CompiledRule]:
        if root not in self._rules:
            self._rules[root] = self.ruleset.rules_in_force(root, self.as_of)
        return self._rules[root]

    def evaluate(self, subject, root: str, subject_label: str | None = None) -> Rows:
        """Every finding of every rule in force for this kind of subject, in order: a sequence whose
        findings are made when first read (engine.evaluation.rows)."""
        env = Env(self.ruleset.nslots, self.params)
        env.slots[0] = subject
        self._refs = {}  # id(element) -> its reference, while this subject is evaluated
        items = self._items = {}
        flat = self._flat = []  # what the fast path decides, as rows (engine.evaluation.rows)
        runs = self._runs = []
        ref = SubjectRef(root, getattr(subject, "id", None), subject_label or subject.describe())
        findings: list[Finding] = []
        now = self._now = [None, env, ref, findings, 0]  # the rule the fast path runs, ..., where its last rows start
        for rule, fast in self._plan(root):
            if fast is None or not self._run_fast(fast, rule, now, self._generic):
                self._rule(rule, env, ref, findings)
        for rule in self._not_in_force(root):
            spans = tuple(v.in_force for v in self.ruleset.rules[rule.id])
            findings.append(self._finding(rule, NA, ref, (_part("engine.not_in_force", date=self.as_of, periods=spans),)))
        self._refs, self._items, self._flat, self._runs, self._now = {}, {}, [], [], []  # the rows keep what they need
        env.trace = None
        return kept(self, subject, env, ref, flat, findings, list(items.values()), runs)

    def _plan(self, root: str) -> list[tuple]:
        """(rule, its generated function or None) for each rule in force for this kind of subject."""
        key = ("plan", root)
        if key not in self._rules:
            fast = self._fast.function if self._fast is not None else lambda rule: None
            self._rules[key] = [(rule, fast(rule)) for rule in self.rules_for(root)]
        return self._rules[key]

    def _not_in_force(self, root: str) -> list[CompiledRule]:
        key = ("absent", root)
        if key not in self._rules:
            self._rules[key] = self.ruleset.rules_not_in_force(root, self.as_of)
        return self._rules[key]

    def _rule(self, rule: CompiledRule, env: Env, ref: SubjectRef, out: list[Finding]) -> None:
        if rule.collection is None:
            first = len(out)
            self._element(rule, env, ref, out)
            self._runs.append((rule, None, first, len(out)))
            return
        env.trace = None
        items = rule.collection(env)
        if type(items) is Unknown:
            out.append(self._finding(rule, UNKNOWN, ref, (_part("engine.cannot_tell_what", reason=items.why),)))
            return
        checked = 0
        for item in items:
            first = len(out)
            checked += self._item(rule, env, item, out)
            self._runs.append((rule, item, first, len(out)))
        if checked == 0:
            out.append(self._finding(rule, NA, ref, (_part("engine.nothing_to_check", var=rule.scope_var),)))

    def _item(self, rule: CompiledRule, env: Env, item, out: list[Finding]) -> int:
        """One element a rule goes through: 1 when it is checked, 0 when its `where` leaves it out."""
        env.trace = None
        env.slots[1] = item
        return self._covered(rule, env, self._ref(item, rule), out)

    def _covered(self, rule: CompiledRule, env: Env, item_ref: SubjectRef, out: list[Finding]) -> int:
        """The element in env.slots[1], checked when the rule's `where` covers it (1), or left out (0)."""
        if rule.where is not None:
            w = rule.where(env)
            if w is False:
                return 0
            if type(w) is Unknown:  # covered under some choices of electives only, or cannot tell
                return self._per_choice.covered(rule, env, item_ref, w, out)
        self._element(rule, env, item_ref, out)
        return 1

    def _ref(self, item, rule: CompiledRule) -> SubjectRef:
        item_ref = self._refs.get(id(item))
        if item_ref is None:
            item_ref = self._refs[id(item)] = subject_ref(item, rule.scope_type)
            self._items[id(item_ref)] = (item_ref, item, rule)
        return item_ref

    def _run_fast(self, fast, rule: CompiledRule, now: list, generic) -> bool:
        """The rule through its generated function (engine.evaluation.fastpath): what it decides kept as rows
        (engine.evaluation.rows), the rest the generic way (_generic). False when the collection is unknown."""
        flat, out = self._flat, now[3]
        now[0], now[4] = rule, len(flat)
        flat.extend((rule, len(out), None))  # this rule's rows follow the findings made so far; end set below
        checked = fast(now[1].slots[0], self.params, flat.extend, generic)  # F((position, status)): a row
        flat[now[4] + 2] = len(flat)
        if checked is None:
            return False
        if checked == 0 and rule.collection is not None:
            out.append(self._finding(rule, NA, now[2], (_part("engine.nothing_to_check", var=rule.scope_var),)))
        return True

    def _generic(self, item) -> int:
        """A generated function's G: the element (None: the subject) evaluated the generic way, between its rows."""
        now, flat = self._now, self._flat
        rule, env, ref, out, mark = now
        flat[mark + 2] = len(flat)
        first = len(out)
        if item is None:
            env.trace = None
            self._element(rule, env, ref, out)
            checked = 1
        else:
            checked = self._item(rule, env, item, out)
        self._runs.append((rule, item, first, len(out)))
        now[4] = len(flat)
        flat.extend((rule, len(out), None))
        return checked

    def rebuilt(self, rule: CompiledRule, subject, item, ref: SubjectRef) -> Finding:
        """A finding the fast path decided, evaluated again the generic way (traced): its message and trace."""
        out: list[Finding] = []
        self._check(rule, self._env(subject, item), ref, out)
        return out[0]

    def replayed(self, rule: CompiledRule, subject, item, ref: SubjectRef) -> list[Finding]:
        """The findings one generic evaluation of the audit made (the rule on an element, or on the subject
        when `item` is None), made again, traced."""
        out: list[Finding] = []
        env = self._env(subject, item)
        if item is None:
            self._element(rule, env, ref, out)
        else:
            self._covered(rule, env, ref, out)
        return out

    def elements(self, rule: CompiledRule, subject) -> list:
        """The elements the rule goes through on this subject, in order (positions name them after the audit;
        a list not to be changed)."""
        items = rule.collection(self._env(subject, None))
        return items.items if type(items) is Collection else list(items)

    def _env(self, subject, item) -> Env:
        env = Env(self.ruleset.nslots, self.params)
        env.slots[0] = subject
        env.slots[1] = item
        return env

    def _element(self, rule: CompiledRule, env: Env, ref: SubjectRef, out: list[Finding]) -> None:
        if rule.exceptions and rule.when is not None:
            # An exception replaces the rule's requirement, not its 'when': where the rule does not
            # apply, neither does any exception to it.
            env.trace = None
            applies = rule.when(env)
            if applies is False:
                self._check(rule, env, ref, out)
                return
            if applies is not True:  # it may apply under some choices of electives only: decided per choice
                self._per_choice.when(rule, env, ref, applies, out)
                return
        applying = []
        for exc in rule.exceptions:
            if not exc.in_force.covers(self.as_of):
                continue
            env.trace = tracer = self._tracer(exc)
            cond = exc.when(env)
            if type(cond) is Unknown:  # it may apply under some choices of electives only: decided per choice
                self._per_choice.exception(rule, exc, env, ref, cond, tracer, out)
                return
            if cond is True:
                applying.append(exc)
        if len(applying) > 1:
            self._conflict(rule, applying, env, ref, out)
        elif applying:
            self._check(applying[0], env, ref, out, applies_because=applying[0].when_text)
        else:
            self._check(rule, env, ref, out)

    def _conflict(self, rule: CompiledRule, applying: list[CompiledRule], env: Env, ref: SubjectRef,
                  out: list[Finding]) -> None:
        """Several exceptions to one rule apply here and none says it prevails: each is checked, and the
        finding names them all with each one's verdict; it is decided only when they agree."""
        results: list[Finding] = []
        for exc in applying:
            self._check(exc, env, ref, results, applies_because=exc.when_text)
        statuses = {f.status for f in results}
        status = statuses.pop() if len(statuses) == 1 else UNKNOWN
        verdicts = tuple(_part(f"engine.exception_verdict.{f.status}", exception=f.rule) for f in results)
        message = (_part("engine.exceptions_conflict", rule=rule.id, exceptions=", ".join(e.id for e in applying)),
                   *verdicts)
        out.append(self._finding(rule, status, ref, message, tuple(e for f in results for e in f.trace)))

    def chart_targets(self, subject, findings: list[Finding]) -> tuple[ChartTarget, ...]:
        """The lines drawn on a subject's charts: the `chart` clauses of the rules (and exceptions) that
        applied to it, their values worked out for this subject."""
        applied = {f.rule for f in findings if f.status != NA}
        env = Env(self.ruleset.nslots, self.params)
        env.slots[0] = subject
        out = []
        for rule in self.rules_for(subject.root_name):
            for r in (*rule.exceptions, rule):
                for chart in r.charts if r.id in applied else ():
                    v = chart.value(env)
                    if isinstance(v, Span):
                        out.append(ChartTarget(chart.type_name, chart.field, chart.role, v.low, v.high, r.id))
                    elif isinstance(v, (int, float)) and not isinstance(v, bool):
                        out.append(ChartTarget(chart.type_name, chart.field, chart.role, v, v, r.id))
        return tuple(out)

    def _tracer(self, rule: CompiledRule) -> TraceRecorder:
        return TraceRecorder.for_params(self._prepared(rule)[-1])

    def facts(self, rule: CompiledRule) -> RuleFacts:
        """What every finding of this rule shares (one record per rule and evaluator)."""
        return self._prepared(rule)[0]

    def _prepared(self, rule: CompiledRule) -> tuple:
        """What every finding of this rule shares, worked out once per evaluator."""
        p = self._fixed.get(id(rule))
        if p is None:
            versions = {name: self._param_version(name) for name in rule.params_used}
            pos = rule.decl.pos
            provenance = Provenance(rule_file(pos.file), pos.line, rule.origin, rule.overrides, rule.exception_to,
                                    tuple(versions.values()))
            facts = RuleFacts(rule.id, dict(rule.titles), rule.severity, self.ruleset.citations_of(rule, self.as_of),
                              rule.exception_to, rule.notes, rule.messages, provenance)
            p = self._fixed[id(rule)] = (facts, _capture_plan(rule), versions)
        return p

    def _param_version(self, name: str) -> ParamVersion:
        if name not in self._versions:
            param = self.ruleset.params[name]
            value, _, decl = param.at(self.as_of)
            unit = param.type.unit if param.type.kind != "set" else (param.type.item.unit if param.type.item else None)
            in_force = decl.in_force if decl is not None else None
            file, line = (rule_file(decl.pos.file), decl.pos.line) if decl is not None else (None, None)
            self._versions[name] = ParamVersion(name, value, unit, in_force, param.origin, file, line,
                                                param.what_if is not None)
        return self._versions[name]

    def _check(self, rule: CompiledRule, env: Env, ref: SubjectRef, out: list[Finding],
               applies_because: str | None = None) -> None:
        prepared = self._prepared(rule)
        env.trace = tracer = TraceRecorder.for_params(prepared[-1])
        if applies_because:
            tracer.condition(applies_because, True, "exception")
        when = rule.when if rule.exception_to is None else None
        # the condition and the requirements together, decided per choice of electives (engine.choices)
        cond, results, verdict = decide(env, when, [req for _, req in rule.requires])
        if when is not None:
            tracer.condition(rule.when_text, cond)
            if cond is not True:
                part = _part("engine.does_not_apply", condition=rule.when_text) if cond is False else \
                    _part("engine.cannot_tell_applies", reason=cond.why)
                out.append(_make(prepared, NA if cond is False else UNKNOWN, ref, (part,), tracer))
                return
        for (text, _), r in zip(rule.requires, results):
            tracer.requirement(text, r)
        status = PASS if verdict is True else FAIL if verdict is False else UNKNOWN
        reasons = dict.fromkeys(r.why for r in (*results, verdict) if type(r) is Unknown)
        together = status == FAIL and False not in results  # each holds for some choice, never all at once
        message = _message(rule, prepared[-2], env, status, reasons, applies_because, together)
        out.append(_make(prepared, status, ref, message, tracer))

    def _finding(self, rule: CompiledRule, status: str, ref: SubjectRef, message: tuple, trace=()) -> Finding:
        return _make(self._prepared(rule), status, ref, message, trace)


def _make(prepared: tuple, status: str, ref: SubjectRef, message: tuple, trace) -> Finding:
    return Finding.of(prepared[0], status, ref, message, trace)


def _message(rule: CompiledRule, plan: tuple, env: Env, status: str, reasons: dict, applies_because: str | None,
             together: bool = False) -> tuple:
    """The rule's message (the values of its template's holes, in every language it has), or the engine's own."""
    if len(plan) == 1:  # the common case: one template, or the same holes in every language
        template, langs = plan[0]
        captured = dict.fromkeys(langs, template.capture(env))
        if status != UNKNOWN and not applies_because and not together:
            return (MessagePart(RULE_MESSAGE, captured),)
    else:
        captured = {lang: template.capture(env) for template, langs in plan for lang in langs}
    parts = []
    # a message about values that are not known says nothing the reason does not say better
    if captured and not (status == UNKNOWN and any(type(v) is Unknown for vs in captured.values() for v in vs)):
        parts.append(MessagePart(RULE_MESSAGE, captured))
    elif status in DEFAULT_MESSAGE:
        parts.append(_part(DEFAULT_MESSAGE[status]))
    if together:
        parts.append(_part("engine.no_choice_meets_all"))
    if status == UNKNOWN:
        parts.append(_part("engine.cannot_decide", reasons=tuple(reasons)))
    if applies_because:
        parts.append(_part("engine.exception_applies", rule=rule.exception_to, condition=applies_because))
    return tuple(parts)


def evaluate(ruleset: CompiledRuleSet, subject, *, as_of: dt.date | None = None, lang: str | None = None,
             input_path: str | None = None, input_sha256: str | None = None,
             evaluator: Evaluator | None = None) -> Report:
    """Audit one subject view (ProgrammeView, ...) against a compiled rule set; return its Report.

    The report is language-free; render it in any language with engine.render.render(..., lang=...).
    `lang` is accepted for older callers and ignored."""
    ev = evaluator or Evaluator(ruleset, as_of)
    bind = getattr(subject, "for_ruleset", None)
    if bind is not None:  # a subject read through the rule set's own declarations (a cohort: its grading scale)
        subject = bind(ruleset)
    root = subject.root_name
    findings = ev.evaluate(subject, root, subject.describe())
    header = ruleset.composed.header
    title = subject.title if isinstance(getattr(subject, "title", None), str) else None
    report = Report(subject_kind=root, subject_id=subject.id, subject_title=title, ruleset_id=ruleset.id,
                    ruleset_title=ruleset.composed.title, ruleset_version=header.version, as_of=ev.as_of.isoformat(),
                    findings=findings, input_path=input_path, input_sha256=input_sha256,
                    ruleset_titles=dict(header.titles or {}), dropped_rules=ruleset.dropped_rules(),
                    ruleset_versions=in_languages(header.version, header.versions),
                    ruleset_sha256=ruleset.content_hash, what_ifs=ruleset.what_ifs)
    return report


__all__ = ["Evaluator", "evaluate", "subject_ref"]
