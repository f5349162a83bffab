"""Rules whose exception or `for each ... where` filter depends on the student's choice of electives.

Under one choice of electives (a world, engine.semantics.choices) everything is a plain value: whether
the `where` covers the element, whether the rule's `when` holds, which of its exceptions apply, and then
the requirement that applies there. Where the symbolic pass cannot tell which of these holds, the whole
rule is decided under each permitted choice of the groups it reads and the outcomes are combined as for
any requirement: `pass` when it is met under every choice, `fail` when under none, `indeterminate`
otherwise, naming a choice under which it fails and one under which it holds.

The reading of a choice under which the rule asks nothing (docs/dsl.md, "Exceptions and `where` filters
that depend on the choice"): a choice whose `where` leaves the element out requires nothing of it there,
and one under which the rule's `when` does not hold is one the rule does not apply under; both count as
choices the rule is met under. An element that no choice covers is left out (no finding); one that some
choice covers gets one finding, which says that its coverage depends on the choice.

When every choice takes the same way (the same exception, or the rule itself, and the element covered)
the finding is the ordinary one of that way. With nothing to choose, the finding is the one the rule
gives without choices; with more than WORLD_LIMIT choices to try, it is `indeterminate` ("cannot tell
whether ...", saying how many choices there were).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from engine.dsl.unparse import unparse
from engine.evaluation.findings import MessagePart
from engine.evaluation.trace import TraceRecorder
from engine.semantics import choices
from engine.semantics.choices import ChoiceSpace, World, choice_space, choices_read, too_many, undecided_between
from engine.semantics.reasons import because
from engine.semantics.values import Unknown, tri_and

PASS, FAIL, UNKNOWN, NA = "pass", "fail", "indeterminate", "not_applicable"
OUT = "out"  # under this choice the `where` leaves the element out
NOT_APPLYING = "n/a"  # under this choice the rule's `when` does not hold
CHECKED, LEFT_OUT, NOT_TRIED, TOO_MANY = "checked", "left out", "not tried", "too many"  # what _decide did
SHOWN_WAYS = 4  # most choices the trace of a decided finding shows (one per way the rule takes)


@dataclass(frozen=True, slots=True)
class Way:
    """What the rule does with the element under one choice: OUT, NOT_APPLYING, or `exceptions` (the
    exceptions that apply; () for the rule's own requirement)."""

    kind: str  # OUT | NOT_APPLYING | "checked"
    ids: tuple[str, ...] = ()  # the ids of the exceptions that apply: what tells one way from another
    exceptions: tuple = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Undecided:
    """Under one choice, something still cannot be told (missing data, or exceptions that disagree):
    `value` the Unknown, `step` what it is about ("where", "when", an exception, or "requires")."""

    value: Unknown
    step: Any


class PerChoice:
    """Decides, for one evaluator, the elements whose way through a rule depends on the choice of electives.

    `check(rule, env, ref, out, applies_because=None)` and `conflict(rule, applying, env, ref, out)` are the
    evaluator's ordinary ways to a finding; `finding(rule, status, ref, message, trace)` makes one;
    `tracer(rule)` gives a rule's trace recorder."""

    def __init__(self, as_of, check: Callable, conflict: Callable, finding: Callable, tracer: Callable):
        self.as_of = as_of
        self.check, self.conflict, self.finding, self.tracer = check, conflict, finding, tracer

    def covered(self, rule, env, ref, undecided: Unknown, out: list) -> int:
        """The element's `where` is undecided: its finding, decided per choice. Returns 1 when the element
        was checked, 0 when no choice covers it or whether one does cannot be told (the finding says so)."""
        tried, why = self._decide(rule, env, ref, out, True, undecided)
        if tried in (NOT_TRIED, TOO_MANY):
            out.append(self.finding(rule, UNKNOWN, ref, (_undecided_part(Undecided(why, "where"), ref),)))
        return 1 if tried == CHECKED else 0

    def exception(self, rule, exc, env, ref, undecided: Unknown, tracer: TraceRecorder, out: list) -> None:
        """Whether the exception `exc` applies is undecided: the finding, decided per choice."""
        tried, why = self._decide(rule, env, ref, out, False, undecided)
        if tried in (NOT_TRIED, TOO_MANY):  # it may apply, alone or beside another: undecided either way
            tracer.condition(exc.when_text, why, "exception")
            out.append(self.finding(rule, UNKNOWN, ref, (_undecided_part(Undecided(why, exc), ref),), tracer))

    def when(self, rule, env, ref, undecided: Unknown, out: list) -> None:
        """Whether a rule with exceptions applies is undecided: the finding, decided per choice."""
        tried, why = self._decide(rule, env, ref, out, False, undecided)
        if tried == NOT_TRIED:  # not for the choice of electives: the rule's own finding says why
            self.check(rule, env, ref, out)
        elif tried == TOO_MANY:  # an exception may apply under some choices: the rule's requirement alone won't do
            tracer = self.tracer(rule)
            tracer.condition(rule.when_text, why)
            out.append(self.finding(rule, UNKNOWN, ref, (_undecided_part(Undecided(why, "when"), ref),), tracer))

    def _decide(self, rule, env, ref, out: list, where: bool, undecided: Unknown) -> tuple[str, Unknown]:
        """(tried, reason): `tried` CHECKED when the element was checked (a finding appended to `out`),
        LEFT_OUT when it was not (no choice covers it; or whether one does cannot be told, and a finding
        says so), NOT_TRIED when nothing depends on the choice, TOO_MANY when there are more choices than
        WORLD_LIMIT (nothing appended); `reason` is `undecided`'s, saying how many choices there were."""
        space = choice_space(env.slots[0])
        if space is None:
            return NOT_TRIED, undecided
        exceptions = [e for e in rule.exceptions if e.in_force.covers(self.as_of)]
        touched = choices_read(env, space, _steps(rule, exceptions, where))
        if not touched:
            return NOT_TRIED, undecided
        count = space.world_count(touched)
        if count is None or count > choices.WORLD_LIMIT:  # read when run: tests lower it
            return TOO_MANY, too_many(undecided, count)
        ways, first, stuck = self._worlds(space, touched, rule, exceptions, env, where)
        if stuck is None and OUT not in first and _one_way(ways):
            self._ordinary(rule, next((w for w in ways if w.kind != NOT_APPLYING), next(iter(ways))), env, ref, out)
            return CHECKED, undecided
        if stuck is None and set(first) == {OUT}:
            return LEFT_OUT, undecided
        out.append(self._combined(space, rule, exceptions, env, ref, where, ways, first, stuck))
        return LEFT_OUT if stuck is not None and stuck[0].step == "where" else CHECKED, undecided

    def _worlds(self, space: ChoiceSpace, touched: set, rule, exceptions: list, env, where: bool):
        """Every permitted choice of the touched groups, one by one, until the verdict is known: the ways
        taken (way -> the first world taking it), the outcomes (True, False, OUT, NOT_APPLYING -> the first
        world giving it) and the first Undecided met (with its world), if any."""
        ways: dict[Way, World] = {}
        first: dict = {}
        trace, env.trace = env.trace, None
        try:
            for world in space.worlds(touched):
                space.world = world
                way = _way(rule, exceptions, env, where)
                outcome = way if type(way) is Undecided else _outcome(rule, way, env)
                if type(outcome) is Undecided:
                    return ways, first, (outcome, world)
                ways.setdefault(way, world)
                first.setdefault(outcome, world)
                if False in first and len(first) > 1 and len(ways) > 1:
                    break  # fails under one choice, not under another, in different ways: undecided
        finally:
            space.world = None
            env.trace = trace
        return ways, first, None

    def _ordinary(self, rule, way: Way, env, ref, out: list) -> None:
        """Every choice takes the same way: the finding of that way, as without choices."""
        env.trace = None
        if len(way.exceptions) > 1:
            self.conflict(rule, list(way.exceptions), env, ref, out)
        elif way.exceptions:
            self.check(way.exceptions[0], env, ref, out, applies_because=way.exceptions[0].when_text)
        else:
            self.check(rule, env, ref, out)

    def _combined(self, space: ChoiceSpace, rule, exceptions: list, env, ref, where: bool, ways: dict, first: dict,
                  stuck):
        """The finding of an element whose way through the rule differs between choices (or that some
        choice leaves undecided: `stuck`, the Undecided and its world)."""
        parts = []
        if where and (OUT in first or stuck is not None and stuck[0].step == "where"):
            parts.append(MessagePart("engine.per_choice.covered", {"subject": ref}))
        stuck_on_exception = stuck is not None and stuck[0].step not in ("where", "when", "requires")
        if exceptions and (len({w for w in ways if w.kind != OUT}) > 1 or stuck_on_exception):
            parts.append(MessagePart("engine.per_choice.exception", {
                "rule": rule.id, "exceptions": ", ".join(e.id for e in exceptions)}))
        if stuck is not None:
            status, shown = UNKNOWN, [stuck[1]]
            parts.append(_undecided_part(stuck[0], ref))
        elif set(first) <= {OUT, NOT_APPLYING}:
            status, shown = NA, list(ways.values())
            parts.append(MessagePart("engine.per_choice.not_applicable", {}))
        elif False not in first:
            status, shown = PASS, list(ways.values())
            parts.append(MessagePart("engine.per_choice.pass", {}))
        elif set(first) == {False}:
            status, shown = FAIL, list(ways.values())
            parts.append(MessagePart("engine.per_choice.fail", {}))
        else:
            holds = next(first[k] for k in (True, NOT_APPLYING, OUT) if k in first)
            verdict = undecided_between(space, first[False], holds)
            status, shown = UNKNOWN, [first[False], holds]
            parts.append(MessagePart("engine.cannot_decide", {"reasons": (verdict.why,)}))
        trace = self._trace(space, rule, exceptions, env, where, shown[:SHOWN_WAYS])
        return self.finding(rule, status, ref, tuple(parts), trace)

    def _trace(self, space: ChoiceSpace, rule, exceptions: list, env, where: bool, worlds: list) -> TraceRecorder:
        """The values read (every value a choice can give), then under each shown choice the conditions
        that decided the way and the requirements of that way."""
        params: dict = {}
        for r in (rule, *exceptions):
            params.update(self.tracer(r).params)
        env.trace = tracer = TraceRecorder.for_params(params)
        for fn in _steps(rule, exceptions, where):
            fn(env)
        env.trace = None
        for world in worlds:
            choice = because("choices.under", "if the student takes {choice}", choice=space.witness(world))
            space.world = world
            try:
                _replay(rule, exceptions, env, where, tracer, choice)
            finally:
                space.world = None
        return tracer


def _steps(rule, exceptions: list, where: bool) -> list:
    """Every compiled condition and requirement the rule's way through an element may evaluate."""
    return ([rule.where] if where and rule.where is not None else []) + \
        ([rule.when] if rule.when is not None else []) + [e.when for e in exceptions] + \
        [req for r in (rule, *exceptions) for _, req in r.requires]


def _one_way(ways: dict) -> bool:
    """Do all choices take one way (the rule, or the same exceptions), apart from choices under which the
    rule's `when` does not hold, which the rule's own way decides per choice as well?"""
    checked = {w for w in ways if w.kind != NOT_APPLYING}
    return len(checked) <= 1 and (not checked or next(iter(checked)).ids == () or len(checked) == len(ways))


def _way(rule, exceptions: list, env, where: bool, tracer: TraceRecorder | None = None, choice=None):
    """The way the rule takes with the element under the world set on the choice space, or Undecided;
    with a `tracer`, each condition is recorded as decided under `choice`."""
    def decided(text: str, fn, role: str):
        result = fn(env)
        if tracer is not None:
            tracer.condition(text, result, role, choice)
        return result

    if where and rule.where is not None:
        covered = decided(unparse(rule.decl.scope.where) if tracer is not None else "", rule.where, "where")
        if covered is False:
            return Way(OUT)
        if covered is not True:
            return Undecided(covered, "where")
    if rule.when is not None:
        applies = decided(rule.when_text, rule.when, "when")
        if applies is False:
            return Way(NOT_APPLYING)
        if applies is not True:
            return Undecided(applies, "when")
    applying = []
    for exc in exceptions:
        cond = decided(exc.when_text, exc.when, "exception")
        if type(cond) is Unknown:
            return Undecided(cond, exc)
        if cond is True:
            applying.append(exc)
    return Way("checked", tuple(e.id for e in applying), tuple(applying))


def _outcome(rule, way: Way, env):
    """Under the world set: OUT, NOT_APPLYING, True (met), False (not met) or Undecided."""
    if way.kind != "checked":
        return way.kind
    if not way.exceptions:
        verdict = tri_and(req(env) for _, req in rule.requires)
        return verdict if type(verdict) is not Unknown else Undecided(verdict, "requires")
    verdicts = [tri_and(req(env) for _, req in exc.requires) for exc in way.exceptions]
    kinds = {v if type(v) is not Unknown else "?" for v in verdicts}
    if kinds == {True} or kinds == {False}:
        return verdicts[0]
    if kinds == {"?"}:
        return Undecided(verdicts[0], "requires")
    return Undecided(Unknown(because("choices.exceptions_disagree", "exceptions {exceptions} all apply and do not "
                                     "agree", exceptions=", ".join(e.id for e in way.exceptions))), "requires")


def _replay(rule, exceptions: list, env, where: bool, tracer: TraceRecorder, choice) -> None:
    """The trace of one choice: the conditions that decided the way, then the requirements of that way."""
    way = _way(rule, exceptions, env, where, tracer, choice)
    if type(way) is Way and way.kind == "checked":
        for r in way.exceptions or (rule,):
            for text, req in r.requires:
                tracer.requirement(text, req(env), choice)


def _undecided_part(undecided: Undecided, ref) -> MessagePart:
    """Why the finding is undecided under one choice, as the evaluator words it without choices."""
    why, step = undecided.value.why, undecided.step
    if step == "where":
        return MessagePart("engine.cannot_tell_covered", {"subject": ref, "reason": why})
    if step == "when":
        return MessagePart("engine.cannot_tell_applies", {"reason": why})
    if step == "requires":
        return MessagePart("engine.cannot_decide", {"reasons": (why,)})
    return MessagePart("engine.cannot_tell_exception",
                       {"title": dict(step.titles), "exception": step.id, "reason": why})


__all__ = ["PerChoice"]
