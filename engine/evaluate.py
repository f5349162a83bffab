"""Compiled rules x subject -> findings: the three-valued verdict of each rule on each thing it covers."""
from __future__ import annotations

import datetime as dt

from .choices import decide
from .compile import Env
from .compiled import CompiledRule, CompiledRuleSet, subject_describer
from .errors import UsageError
from .findings import Finding, Report, TraceStep
from .sections import ChartTarget
from .units import word
from .values import Span, Unknown, format_value

PASS, FAIL, UNKNOWN, NA = "pass", "fail", "indeterminate", "not_applicable"
DEFAULT_MESSAGE = {PASS: "Requirement met.", FAIL: "Requirement not met.", UNKNOWN: ""}


def _lazy_steps(raw: list, lang: str = "en"):
    return lambda: _steps(raw, lang)


def _outcome(text: str, result, lang: str = "en") -> TraceStep:
    if result is False:
        return TraceStep(text, word("not met", lang), kind="requirement")
    if type(result) is Unknown:
        return TraceStep(text, f"{word('undecided', lang)} ({result.reason})", kind="requirement")
    return TraceStep(text, word("met", lang), kind="requirement")


def _steps(raw: list, lang: str = "en") -> tuple[TraceStep, ...]:
    """Raw trace entries (text, value, unit, owner, field) -> readable, de-duplicated steps."""
    seen = set()
    out = []
    for text, value, unit, owner, field in raw:
        if text in seen:
            continue
        seen.add(text)
        detail = None
        if owner is not None and hasattr(owner, "explain"):
            detail = owner.explain(field)
        out.append(TraceStep(text, format_value(value, unit, lang), detail))
    return tuple(out)


class Evaluator:
    """Evaluates one compiled rule set on one date; reuse it for any number of subjects."""

    def __init__(self, ruleset: CompiledRuleSet, as_of: dt.date | None = None, lang: str = "en"):
        self.ruleset = ruleset
        self.as_of = as_of or dt.date.today()
        self.lang = lang
        header = ruleset.composed.header
        if not header.in_force.covers(self.as_of):
            raise UsageError(f"rule set '{ruleset.id}' is not in force on {self.as_of} "
                             f"(in force {header.in_force.describe()})")
        self.params = ruleset.param_vector(self.as_of)
        self._rules: dict[object, list[CompiledRule]] = {}
        self._cites: dict[int, tuple] = {}
        self._fixed: dict[int, tuple] = {}

    def rules_for(self, root: str) -> list[CompiledRule]:
        if root not in self._rules:
            self._rules[root] = self.ruleset.rules_in_force(root, self.as_of)
        return self._rules[root]

    def _citations(self, rule: CompiledRule):
        key = id(rule)
        if key not in self._cites:
            self._cites[key] = self.ruleset.citations_of(rule, self.as_of)
        return self._cites[key]

    def evaluate(self, subject, root: str, subject_label: str) -> list[Finding]:
        """Every finding of every rule in force for this kind of subject."""
        env = Env(self.ruleset.nslots, self.params)
        env.slots[0] = subject
        findings: list[Finding] = []
        for rule in self.rules_for(root):
            self._rule(rule, env, subject_label, findings)
        for rule in self._not_in_force(root):
            spans = "; ".join(v.in_force.describe() for v in self.ruleset.rules[rule.id])
            findings.append(self._finding(rule, NA, subject_label,
                                          f"Not in force on {self.as_of} (in force {spans}).", ()))
        return findings

    def _not_in_force(self, root: str) -> list[CompiledRule]:
        key = ("absent", root)
        if key not in self._rules:
            self._rules[key] = self.ruleset.rules_not_in_force(root, self.as_of)
        return self._rules[key]

    def _rule(self, rule: CompiledRule, env: Env, subject_label: str, out: list[Finding]) -> None:
        if rule.collection is None:
            self._element(rule, env, subject_label, out)
            return
        env.trace = None
        items = rule.collection(env)
        if type(items) is Unknown:
            out.append(self._finding(rule, UNKNOWN, subject_label, f"Cannot tell what to check: {items.reason}.", ()))
            return
        checked = 0
        describe = subject_describer(rule.scope_type)
        for item in items:
            env.slots[1] = item
            label = describe(item)
            if rule.where is not None:
                w = rule.where(env)
                if w is False:
                    continue
                if type(w) is Unknown:
                    out.append(self._finding(rule, UNKNOWN, label,
                                             f"Cannot tell whether {label} is covered by this rule: {w.reason}.", ()))
                    continue
            checked += 1
            self._element(rule, env, label, out)
        if checked == 0:
            out.append(self._finding(rule, NA, subject_label, f"Nothing to check: no {rule.scope_var} is covered.", ()))

    def _element(self, rule: CompiledRule, env: Env, label: str, out: list[Finding]) -> None:
        if rule.exceptions and rule.when is not None:
            # An exception replaces the rule's requirement, not its 'when': where the rule does not
            # apply (or cannot tell), neither does any exception to it.
            env.trace = []
            if rule.when(env) is not True:
                self._check(rule, env, label, out)
                return
        applying = []
        for exc in rule.exceptions:
            if not exc.in_force.covers(self.as_of):
                continue
            env.trace = []
            cond = exc.when(env)
            if type(cond) is Unknown:  # it may apply, alone or beside another: undecided either way
                out.append(self._finding(rule, UNKNOWN, label,
                                         f"Cannot tell whether the exception '{exc.title(self.lang)}' ({exc.id}) "
                                         f"applies: {cond.reason}.", _lazy_steps(env.trace, self.lang)))
                return
            if cond is True:
                applying.append(exc)
        if len(applying) > 1:
            self._conflict(rule, applying, env, label, out)
        elif applying:
            self._check(applying[0], env, label, out, applies_because=applying[0].when_text)
        else:
            self._check(rule, env, label, out)

    def _conflict(self, rule: CompiledRule, applying: list[CompiledRule], env: Env, label: str,
                  out: list[Finding]) -> None:
        """Several exceptions to one rule apply here and none says it prevails: each is checked, and the
        finding names them all; it is decided only when they agree."""
        results: list[Finding] = []
        for exc in applying:
            self._check(exc, env, label, results, applies_because=exc.when_text)
        statuses = {f.status for f in results}
        status = statuses.pop() if len(statuses) == 1 else UNKNOWN
        verdicts = "; ".join(f"'{f.rule}' gives {f.status}: {f.message}" for f in results)
        message = (f"Exceptions {', '.join(repr(e.id) for e in applying)} to '{rule.id}' all apply here, and the "
                   f"rule set does not say which prevails. {verdicts}")
        out.append(self._finding(rule, status, label, message,
                                 lambda: tuple(step for f in results for step in f.trace)))

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

    def _prepared(self, rule: CompiledRule) -> tuple:
        """What every finding of this rule shares, worked out once per evaluator."""
        p = self._fixed.get(id(rule))
        if p is None:
            # a message the rule set gives in the report's language has its values worded in that
            # language; an English message keeps English words (no mixed sentences)
            msg_lang = self.lang if self.lang in rule.messages else "en"
            p = self._fixed[id(rule)] = (rule.id, rule.title(self.lang), rule.severity, self._citations(rule),
                                         rule.exception_to, rule.note, rule.message(self.lang), msg_lang)
        return p

    def _check(self, rule: CompiledRule, env: Env, label: str, out: list[Finding], applies_because: str | None = None) -> None:
        env.trace = raw = []
        when = rule.when if rule.exception_to is None else None
        # the condition and the requirements together, decided per choice of electives
        cond, results, verdict = decide(env, when, [req for _, req in rule.requires])
        if when is not None:
            if cond is False:
                out.append(self._finding(rule, NA, label, f"Does not apply: {rule.when_text} does not hold.",
                                         _lazy_steps(raw, self.lang)))
                return
            if type(cond) is Unknown:
                out.append(self._finding(rule, UNKNOWN, label, f"Cannot tell whether the rule applies: {cond.reason}.",
                                         _lazy_steps(raw, self.lang)))
                return
        status = PASS if verdict is True else FAIL if verdict is False else UNKNOWN
        rid, title, severity, cites, replaces, note, tmpl, msg_lang = self._prepared(rule)
        lang = self.lang
        captured = tmpl.capture(env) if tmpl else ()
        texts = rule.requires

        def trace():
            return _steps(raw, lang) + tuple(_outcome(text, r, lang) for (text, _), r in zip(texts, results))

        def message():
            if tmpl and not (status == UNKNOWN and any(type(v) is Unknown for v in captured)):
                text = tmpl.format(captured, msg_lang)
            else:  # a message about values that are not known says nothing the reason does not say better
                text = DEFAULT_MESSAGE[status]
            if status == FAIL and False not in results:
                text = f"{text} No permitted choice of electives meets every requirement together."
            if status == UNKNOWN:
                reasons = dict.fromkeys(r.reason for r in results if type(r) is Unknown)
                text = f"{text} Cannot decide: {'; '.join(reasons)}.".lstrip()
            if applies_because:
                text = f"{text} (Exception to '{rule.exception_to}', applying because {applies_because}.)"
            return text
        out.append(Finding(rid, title, severity, status, label, message, cites, trace, replaces, note))

    def _finding(self, rule: CompiledRule, status: str, subject: str, message, trace) -> Finding:
        rid, title, severity, cites, replaces, note, _, _ = self._prepared(rule)
        return Finding(rid, title, severity, status, subject, message, cites, trace, replaces, note)


def evaluate(ruleset: CompiledRuleSet, subject, *, as_of: dt.date | None = None, lang: str = "en",
             input_path: str | None = None, input_sha256: str | None = None,
             evaluator: Evaluator | None = None) -> Report:
    """Audit one subject view (ProgrammeView, ...) against a compiled rule set; return its Report."""
    ev = evaluator or Evaluator(ruleset, as_of, lang)
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
                    dropped_rules=ruleset.dropped_rules())
    return report
