"""What a student may choose, and verdicts decided per choice.

A programme's elective groups ("3 to 5 of these courses", "courses worth 40 to 50 credits") and its
specialisations make a choice space. Evaluation first runs symbolically: aggregates return Choices,
every value some permitted choice can give, and record which groups they consulted. A requirement
decided that way is decided for every choice. One left undecided is evaluated again once per
permitted choice of the groups it consulted (a "world": one selection per group, one
specialisation), when there are at most WORLD_LIMIT of them, which gives the exact verdict and a
choice under which it fails and one under which it holds.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from math import comb
from typing import Callable, Iterator

from engine.semantics.reasons import Beside, Count, Reason, because
from engine.semantics.values import SOME_CHOICES, Unknown, Witness, tri_and

WORLD_LIMIT = 4096  # most permitted choices a requirement is evaluated under, one by one
SELECTION_LIMIT = 4096  # most subsets of one group listed (beyond: its sums are bounded, not listed)


@dataclass(frozen=True, slots=True)
class GroupRule:
    """One elective group as published: its courses (codes, credits) and what a student may take.

    `count` is the (min, max) number of courses taken; `credit_range` the (min, max) credits of the
    courses taken (None: no bound); `specialisation` the one whose students take the group (None: all).
    """

    id: str
    codes: tuple[str, ...]
    credits: tuple[float | None, ...]
    count: tuple[int, int]
    credit_range: tuple[float | None, float | None] = (None, None)
    specialisation: str | None = None
    _hash: int = field(default=0, init=False, repr=False, compare=False)  # worked out once: rules key caches

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.id, self.codes, self.credits, self.count, self.credit_range,
                                                 self.specialisation)))

    def __hash__(self) -> int:
        return self._hash

    @property
    def bounded_by_credits(self) -> bool:
        return self.credit_range != (None, None)

    def describe(self) -> Reason:
        """'choose 2', 'choose 3 to 5', 'choose 0 to 6 (at least 40 credits)', as a reason to word."""
        lo, hi = self.count
        text = because("choose.n", "choose {n}", n=lo) if lo == hi else because("choose.range", "choose {low} to {high}",
                                                                                 low=lo, high=hi)
        low, high = self.credit_range
        if low is not None and high is not None:
            return because("choose.between", "{choice} (at least {low} and at most {high} credits)", choice=text,
                           low=low, high=high)
        if low is not None:
            return because("choose.at_least", "{choice} (at least {low} credits)", choice=text, low=low)
        if high is not None:
            return because("choose.at_most", "{choice} (at most {high} credits)", choice=text, high=high)
        return text

    def selections(self) -> tuple[frozenset[str], ...] | None:
        """Every permitted set of course codes, or None when there are more than SELECTION_LIMIT."""
        return _selections(self)


def _credits_fit(rule: GroupRule, picked: tuple[int, ...]) -> bool:
    low, high = rule.credit_range
    parts = [rule.credits[i] for i in picked]
    if any(c is None for c in parts):
        return True  # cannot be ruled out: the credits are unknown
    total = sum(parts)
    return (low is None or total >= low - 1e-9) and (high is None or total <= high + 1e-9)


_CACHE: dict[GroupRule, tuple | None] = {}


def _selections(rule: GroupRule):
    result = _CACHE.get(rule, _CACHE)
    if result is not _CACHE:
        return result
    n = len(rule.codes)
    lo, hi = rule.count
    if sum(comb(n, k) for k in range(lo, min(hi, n) + 1)) > SELECTION_LIMIT:
        result = None
    else:
        result = tuple(frozenset(rule.codes[i] for i in picked)
                       for k in range(lo, min(hi, n) + 1) for picked in itertools.combinations(range(n), k)
                       if _credits_fit(rule, picked))
    if len(_CACHE) > 10_000:
        _CACHE.clear()
    _CACHE[rule] = result
    return result


@dataclass(frozen=True, slots=True)
class World:
    """One permitted choice: the specialisation followed and, per group id, the codes taken."""

    specialisation: str | None
    chosen: dict[str, frozenset[str]]


class ChoiceSpace:
    """The choices of one programme, shared by every collection of its view.

    `world` is None during the symbolic pass (aggregates then record the groups they read into
    `touched`, "specialisation" standing for the choice of specialisation) and one World while a
    requirement is evaluated per choice."""

    __slots__ = ("groups", "specialisations", "world", "touched", "group_parts")

    SPECIALISATION = "\0specialisation"  # the key that stands for the choice of specialisation in `touched`

    def __init__(self, groups: list[GroupRule], specialisations: tuple[str, ...]):
        self.groups = {g.id: g for g in groups}
        self.specialisations = specialisations if len(specialisations) > 1 else ()
        self.world: World | None = None
        self.touched: set[str] | None = None
        # what a group adds to a total, by (group, its members' values, ...): a term, its year and the
        # programme read the same group with the same values (engine.semantics.collection)
        self.group_parts: dict = {}

    @property
    def has_choices(self) -> bool:
        return bool(self.groups or self.specialisations)

    def _layout(self, touched: set[str]) -> list[tuple[str | None, list[GroupRule]]]:
        """Per specialisation to consider (None: the choice does not matter), the touched groups it takes."""
        rules = [self.groups[g] for g in self.groups if g in touched]
        tracks = self.specialisations if self.specialisations and (
            self.SPECIALISATION in touched or any(r.specialisation for r in rules)) else (None,)
        return [(t, [r for r in rules if r.specialisation is None or t is None or r.specialisation == t])
                for t in tracks]

    def world_count(self, touched: set[str]) -> int | None:
        """How many worlds the touched choices make (None: a group has too many selections to list)."""
        n = 0
        for _track, rules in self._layout(touched):
            m = 1
            for r in rules:
                sel = r.selections()
                if sel is None:
                    return None
                m *= len(sel)
            n += m
        return n

    def worlds(self, touched: set[str]) -> Iterator[World]:
        """Every permitted combination of the touched choices (groups of other tracks take nothing)."""
        touched_rules = [self.groups[g] for g in self.groups if g in touched]
        for track, rules in self._layout(touched):
            idle = {r.id: frozenset() for r in touched_rules if r not in rules}
            for combo in itertools.product(*(r.selections() for r in rules)):
                yield World(track, {**idle, **{r.id: s for r, s in zip(rules, combo)}})

    def witness(self, world: World) -> Witness:
        """A world as data: the specialisation and, for each group it takes, the codes in file order."""
        groups = {}
        for gid, chosen in world.chosen.items():
            rule = self.groups[gid]
            if rule.specialisation is None or rule.specialisation == world.specialisation:
                groups[gid] = tuple(c for c in rule.codes if c in chosen)
        return Witness(world.specialisation, groups)


def choice_space(subject) -> ChoiceSpace | None:
    space = getattr(subject, "choice_space", None)
    return space if space is not None and space.has_choices else None


Outcome = tuple  # (applies, results, verdict): applies and verdict three-valued, results one per requirement


def _once(env, when: Callable | None, requires: list[Callable]) -> Outcome:
    if when is not None:
        cond = when(env)
        if cond is not True:
            return cond, [], cond
    results = [r(env) for r in requires]
    return True, results, tri_and(results)


def decide(env, when: Callable | None, requires: list[Callable]) -> Outcome:
    """A rule's condition and requirements on the subject in env.slots[0], decided per choice of electives.

    Returns (applies, results, verdict): `applies` is the condition (True when there is none);
    `results` one value per requirement; `verdict` True when the requirements hold together for every
    permitted choice, False when for none, else Unknown naming a choice where they fail and one where
    they hold. A choice under which the condition does not hold counts as one the rule is met under."""
    applies, results, verdict = _once(env, when, requires)
    if not (type(applies) is Unknown or (applies is True and type(verdict) is Unknown)):
        return applies, results, verdict  # decided for every choice (the common case)
    if applies is True and verdict.names_choices():
        return applies, results, verdict  # already named: a choice where it fails, one where it holds
    space = choice_space(env.slots[0])
    if space is None:
        return applies, results, verdict
    # once more, noting which choices the evaluation reads (the requirements too, where the condition
    # is undecided)
    touched = choices_read(env, space, ([when] if when is not None else []) + list(requires))
    if not touched:
        return applies, results, verdict
    n = space.world_count(touched)
    if n is None or n > WORLD_LIMIT:
        return applies, [too_many(r, n) for r in results], too_many(verdict, n)
    return _per_world(env, space, touched, when, requires, (applies, results, verdict))


def choices_read(env, space: ChoiceSpace, functions) -> set[str]:
    """The choices (group ids, ChoiceSpace.SPECIALISATION) that evaluating `functions` on env reads,
    each evaluated once symbolically; the trace being recorded is left as it is."""
    trace, env.trace, space.touched = env.trace, None, set()
    try:
        for fn in functions:
            fn(env)
        return space.touched
    finally:
        space.touched, env.trace = None, trace


def too_many(verdict, n: int | None):
    """An undecided verdict that names no choices says why they were not tried one by one."""
    if type(verdict) is not Unknown or not verdict.reason.startswith(SOME_CHOICES) or verdict.names_choices():
        return verdict
    if n is None:
        why = because("choices.too_many_unknown", "{reason} (too many combinations of electives, more than {limit} "
                      "checked one by one)", reason=verdict.why, limit=Count(WORLD_LIMIT))
    else:
        why = because("choices.too_many", "{reason} ({count} combinations of electives, more than {limit} checked "
                      "one by one)", reason=verdict.why, count=Count(n), limit=Count(WORLD_LIMIT))
    return Unknown(why, verdict.fails_with, verdict.holds_with)


def _per_world(env, space: ChoiceSpace, touched: set[str], when, requires, symbolic: Outcome) -> Outcome:
    first: dict = {}  # outcome (True, False, "n/a") -> the first world giving it
    per_req: list[dict] = [{} for _ in requires]
    unknown = None
    complete = True
    trace, env.trace = env.trace, None
    try:
        for world in space.worlds(touched):
            space.world = world
            cond = when(env) if when is not None else True
            if cond is False:
                first.setdefault("n/a", world)
                continue
            if type(cond) is Unknown:
                unknown, complete = (cond, "applies"), False
                break
            results = [r(env) for r in requires]
            for seen, r in zip(per_req, results):
                if type(r) is not Unknown:
                    seen.setdefault(r, world)
            verdict = tri_and(results)
            if type(verdict) is Unknown:
                unknown, complete = (verdict, "requires"), False
                break
            first.setdefault(verdict, world)
            if True in first and False in first:
                complete = False
                break
    finally:
        space.world = None
        env.trace = trace
    return _combine(space, first, per_req, unknown, complete, symbolic)


def _combine(space, first: dict, per_req: list[dict], unknown, complete: bool, symbolic: Outcome) -> Outcome:
    applies_s, results_s, _ = symbolic
    if unknown is not None:  # some choice leaves it unknown for want of data: that reason decides
        value, where = unknown
        return (value, [], value) if where == "applies" else (True, [value if type(r) is Unknown else r
                                                                      for r in results_s], value)
    if set(first) == {"n/a"}:
        return False, [], False
    results = []
    for i, seen in enumerate(per_req):
        if True in seen and False in seen:
            results.append(undecided_between(space, seen[False], seen[True]))
        elif complete and seen:
            results.append(next(iter(seen)))
        else:  # not every choice was tried: what the symbolic pass decided stands, the rest is the verdict's
            symbolic_i = results_s[i] if i < len(results_s) else None
            results.append(symbolic_i if symbolic_i is not None and type(symbolic_i) is not Unknown else None)
    fails = first.get(False)
    holds = first.get(True, first.get("n/a"))
    if fails is None:
        verdict = True
    elif holds is None:
        verdict = False
    else:
        verdict = undecided_between(space, fails, holds)
    if type(verdict) is Unknown and not any(type(r) is Unknown for r in results if r is not None):
        results = [verdict if r is False else r for r in results]
    return True, [verdict if r is None else r for r in results], verdict


def undecided_between(space: ChoiceSpace, fails: World, holds: World) -> Unknown:
    """Undecided: it fails under the choice `fails` and holds under `holds` (both named)."""
    fails_with, holds_with = space.witness(fails), space.witness(holds)
    why = because("choices.fails_holds", SOME_CHOICES + ": it fails if the student takes {fails}; holds if instead "
                  "they take {holds}", fails=fails_with, holds=Beside(holds_with, fails_with))
    return Unknown(why, fails_with, holds_with)
