"""Collections that rules iterate and aggregate over, aware of what a student may choose.

A Collection holds its members in order and, for the members a student may or may not take:
- elective groups (a count of the group's courses, possibly bounded by their credits, see
  engine.choices.GroupRule; a group may belong to one specialisation);
- specialisations ("exactly one of these bundles": a student takes the courses of one specialisation).
Symbolically (no world set on the choice space) aggregates return what every permitted choice could
give: a plain value when all choices agree, Choices when they do not; they record the choices they
read. Under one world (a fixed choice) they return the plain value of that choice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from engine.semantics.choices import ChoiceSpace, GroupRule, World
from engine.semantics.settled import settled_value
from engine.semantics.sums import Part, combine, k_subset_sums, one_total
from engine.semantics.reasons import because
from engine.semantics.values import SOME, SOME_CHOICES, Choices, Unknown, Witness, tidy, arith, tri_and


_NONE: frozenset = frozenset()
_NoneType = type(None)


class Group(NamedTuple):
    """An elective group as seen from one collection: `inside` are indices of members of this
    collection, `outside` counts the group's courses that belong elsewhere (another term or year).

    Without a `rule` the group is "choose exactly k". With one, `keys` gives the course code of
    each inside member and the rule says what may be taken. (A named tuple: a programme's view makes
    one per group for each of its terms and years.)"""

    k: int
    inside: tuple[int, ...]
    outside: int
    label: str
    rule: GroupRule | None = None
    keys: tuple[str, ...] = ()

    @property
    def specialisation(self) -> str | None:
        return self.rule.specialisation if self.rule is not None else None


@dataclass(frozen=True, slots=True)
class OneOf:
    """A student takes exactly one of the bundles (the courses of one specialisation)."""

    bundles: tuple[tuple[int, ...], ...]  # indices of members; a bundle may be empty
    labels: tuple[str, ...]


class Collection:
    __slots__ = ("items", "groups", "one_of", "fixed", "space", "_touches", "_loose")

    def __init__(self, items: list, groups: tuple[Group, ...] = (), one_of: tuple[OneOf, ...] = (),
                 space: ChoiceSpace | None = None):
        self.items = items
        self.groups = groups
        self.one_of = one_of
        self.space = space
        if not groups and not one_of:  # every member taken (the common case: built fast)
            self.fixed = tuple(range(len(items)))
            self._touches = _NONE
            self._loose = ()
            return
        grouped = set()
        for g in groups:
            grouped.update(g.inside)
        optional = grouped.union(*(b for o in one_of for b in o.bundles)) if one_of else grouped
        self.fixed = tuple([i for i in range(len(items)) if i not in optional])
        # a tuple of texts, which the garbage collector stops tracking (a set it would track for good)
        self._touches = tuple({g.label for g in groups} | ({ChoiceSpace.SPECIALISATION} if one_of else set()))
        # a bundle's members less those an elective group already accounts for
        self._loose = tuple(tuple(tuple(i for i in b if i not in grouped) for b in o.bundles) for o in one_of)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    # ---- choices
    def world(self) -> World | None:
        """The choice being evaluated under, if any; otherwise note the choices this collection reads."""
        space = self.space
        if space is None:
            return None
        if space.world is not None:
            return space.world
        if space.touched is not None and self._touches:
            space.touched.update(self._touches)
        return None

    def _taken(self, world: World) -> list[int] | None:
        """Indices of the members a student takes under `world` (None: the world does not say)."""
        taken = list(self.fixed)
        for o, loose in zip(self.one_of, self._loose):
            if world.specialisation is None:
                return None
            if world.specialisation in o.labels:
                taken += loose[o.labels.index(world.specialisation)]
        for g in self.groups:
            if g.rule is None:
                return None
            chosen = world.chosen.get(g.label)
            if chosen is None:
                if g.specialisation is None or world.specialisation in (None, g.specialisation):
                    return None
                continue  # a group of another specialisation: nothing taken
            taken += [i for i, key in zip(g.inside, g.keys) if key in chosen]
        return sorted(taken)

    def _chosen_values(self, values: list):
        world = self.world()
        if world is None:
            return None
        taken = self._taken(world)
        return None if taken is None else [values[i] for i in taken]

    # ---- aggregates: each takes `values`, one per member (None = filtered out by `where`)
    def sum(self, values: list):
        chosen = self._chosen_values(values)
        if chosen is not None:
            acc = 0
            for v in chosen:
                if v is not None:
                    if type(v) is Unknown:
                        return v
                    acc += v
            return tidy(acc)
        kinds = set(map(type, values))
        if Unknown in kinds or Choices in kinds:
            for v in values:
                if type(v) is Unknown:
                    return v
                if type(v) is Choices:  # members that depend on choices themselves (a term's credits)
                    return self._sum_of_ranges(values)
        if _NoneType in kinds:
            base = tidy(sum([x for x in map(values.__getitem__, self.fixed) if x is not None]))
            val = lambda i: values[i] if values[i] is not None else 0  # noqa: E731
        else:
            base = tidy(sum(map(values.__getitem__, self.fixed)))
            val = values.__getitem__
        if not self.one_of:
            if not self.groups:
                return base  # nothing to choose: every member counts
            parts = [self._group_part(g, val) for g in self.groups]
            total = one_total(base, parts)
            if total is not None:
                return total  # every group adds the same whatever is chosen (the common case)
        else:
            tracks = {label for o in self.one_of for label in o.labels}
            parts = [self._group_part(g, val) for g in self.groups if g.specialisation not in tracks]
        for o, loose in zip(self.one_of, self._loose):
            options: dict = {}
            exact = True
            for label, bundle in zip(o.labels, loose):
                inner = [self._group_part(g, val) for g in self.groups if g.specialisation == label]
                result = combine(tidy(sum(val(i) for i in bundle)), inner)
                exact = exact and result.exact
                for value in result.values:
                    options.setdefault(value, ("track", label, result, value))
            parts.append(Part(options, exact))
        result = combine(base, parts)
        return result.value(self._how(result))

    def _sum_of_ranges(self, values: list):
        """A sum whose members are Choices: every value they can give, taken as independent (a superset,
        which is sound); per-choice evaluation restores the correlation (see engine.choices)."""
        acc = 0
        for v in values:
            if v is not None:
                acc = arith("+", acc, v) if self.fixed == tuple(range(len(values))) else _span(acc, v)
        return acc

    def _group_part(self, g: Group, val) -> Part:
        """The sums a group adds to this collection, each with a selection giving it (when listed); worked
        out once per programme for the same members' values (a term, its year and the programme share it)."""
        members = tuple(map(val, g.inside))
        if self.space is None:
            return _group_sums(g, members)
        key = (g.label, g.keys, g.outside, members)
        part = self.space.group_parts.get(key)
        if part is None:
            part = self.space.group_parts[key] = _group_sums(g, members)
        return part

    def _how(self, result):
        """value -> the Witness of a choice giving it (the subset-sum backpointers, read back)."""
        def how(value) -> Witness | None:
            track, groups = None, {}
            stack = [(result, value)]
            while stack:
                res, v = stack.pop()
                tokens = res.tokens(v)
                if tokens is None:
                    return None
                for token in tokens:
                    if token is None:
                        return None
                    if token[0] == "track":
                        track = token[1]
                        stack.append((token[2], token[3]))
                    else:
                        _, gid, chosen = token
                        rule = self.space.groups.get(gid) if self.space is not None else None
                        groups[gid] = tuple(c for c in (rule.codes if rule else sorted(chosen)) if c in chosen)
            return Witness(track, groups)
        return how

    def count(self, values: list):
        """values: True/False/Unknown per member (does it match the `where`)."""
        as_numbers = []
        for v in values:
            if type(v) is Unknown:
                return v
            as_numbers.append(1 if v else 0)
        return self.sum(as_numbers)

    def all(self, values: list):
        return self._every(values)

    def any(self, values: list):
        r = self._every([_negate(v) for v in values])
        return r if type(r) is Unknown else not r

    def _every(self, values: list):
        """Does every member a student takes satisfy the condition? Three-valued over choices."""
        chosen = self._chosen_values(values)
        if chosen is not None:
            return tri_and(v for v in chosen if v is not None)
        # The set of outcomes (True, False, an Unknown) some choice can give, unit by unit.
        fixed = tri_and(values[i] for i in self.fixed if values[i] is not None)
        outcomes = {_kind(fixed): fixed}
        tracks = {label for o in self.one_of for label in o.labels}
        for g in self.groups:
            if g.specialisation not in tracks:
                outcomes = _and_sets(outcomes, self._group_outcomes(g, values))
        for o, loose in zip(self.one_of, self._loose):
            options: dict = {}
            for label, bundle in zip(o.labels, loose):
                own = tri_and(values[i] for i in bundle if values[i] is not None)
                inner = {_kind(own): own}
                for g in self.groups:
                    if g.specialisation == label:
                        inner = _and_sets(inner, self._group_outcomes(g, values))
                options.update(inner)
            outcomes = _and_sets(outcomes, options)
        if set(outcomes) == {True}:
            return True
        if set(outcomes) == {False}:
            return False
        if "?" in outcomes:
            return outcomes["?"]
        return Unknown(SOME)

    def _group_outcomes(self, g: Group, values: list) -> dict:
        selections = g.rule.selections() if g.rule is not None else None
        if selections is not None:
            out: dict = {}
            for chosen in selections:
                r = tri_and(values[i] for i, key in zip(g.inside, g.keys) if key in chosen and values[i] is not None)
                out.setdefault(_kind(r), r)
            return out
        low, high = g.rule.count if g.rule is not None else (g.k, g.k)
        options = [values[i] for i in g.inside if values[i] is not None]
        bad = sum(1 for v in options if v is False)
        unknown = next((v for v in options if type(v) is Unknown), None)
        good = len(options) - bad - (0 if unknown is None else sum(1 for v in options if type(v) is Unknown))
        good += g.outside + (len(g.inside) - len(options))  # members elsewhere or filtered out never fail here
        out = {}
        if good >= low:
            out[True] = True
        if bad and high >= 1:
            out[False] = False
        if unknown is not None and high >= 1:
            out["?"] = unknown
        return out or {False: False}

    def _may_take_none(self, values: list) -> bool:
        """Without compulsory members: can some choice take no member with a value (a filtered-out one
        counts as none)?"""
        tracks = {label for o in self.one_of for label in o.labels}
        if not all(_takes_none(g, values) for g in self.groups if g.specialisation not in tracks):
            return False
        for o, loose in zip(self.one_of, self._loose):
            if not any(all(values[i] is None for i in bundle)
                       and all(_takes_none(g, values) for g in self.groups if g.specialisation == label)
                       for label, bundle in zip(o.labels, loose)):
                return False
        return True

    def min(self, values: list):
        return self._extreme(values, min)

    def max(self, values: list):
        return self._extreme(values, max)

    def _extreme(self, values: list, pick):
        """The smallest (largest) value of a student's courses: exact under one choice, else bounds."""
        chosen = self._chosen_values(values)
        if chosen is not None:
            present = [v for v in chosen if v is not None]
            for v in present:
                if type(v) is Unknown:
                    return v
            return pick(present) if present else Unknown(because("no_values", "no values to compare"))
        for v in values:
            if type(v) is Unknown:
                return v
        everything = [v for v in values if v is not None]
        if not everything:
            return Unknown(because("no_values", "no values to compare"))
        always = [values[i] for i in self.fixed if values[i] is not None]
        if not self.groups and not self.one_of:
            return pick(always)
        if not always and self._may_take_none(values):
            return Unknown(because("choices.no_values", SOME_CHOICES + ": some choices leave no values to compare"))
        other = max if pick is min else min
        bound = pick(always) if always else other(everything)
        low, high = sorted((pick(everything), bound))
        return Choices((low, high), exact=False) if low != high else low


def _takes_none(g: Group, values: list) -> bool:
    """Can a permitted choice take none of the group's members that have a value here?"""
    present = {key for i, key in zip(g.inside, g.keys) if values[i] is not None}
    selections = g.rule.selections() if g.rule is not None else None
    if selections is not None:
        return any(not (chosen & present) for chosen in selections)
    low = g.rule.count[0] if g.rule is not None else g.k
    return low <= g.outside + sum(1 for i in g.inside if values[i] is None)


def _span(acc, v):
    """Bounds of acc + (v or 0): a member that may or may not be taken adds between 0 and its value."""
    a_lo, a_hi = (acc.low, acc.high) if type(acc) is Choices else (acc, acc)
    vals = v.values if type(v) is Choices else (v,)
    low, high = tidy(a_lo + min(0, min(vals))), tidy(a_hi + max(0, max(vals)))
    return Choices((low, high), exact=False) if low != high else low


def _kind(r):
    return "?" if type(r) is Unknown else r


def _and_sets(a: dict, b: dict) -> dict:
    """The outcomes of `x and y` for x among a's and y among b's (an Unknown kept as the first met)."""
    out: dict = {}
    for x in a.values():
        for y in b.values():
            r = tri_and((x, y))
            out.setdefault(_kind(r), r)
    return out


def _negate(v):
    if v is None or type(v) is Unknown:
        return v
    return not v


def plain(items: list) -> Collection:
    """A collection without choices."""
    return Collection(items)


def _group_sums(g: Group, members: tuple) -> Part:
    """The sums a group adds, given its inside members' values."""
    selections = g.rule.selections() if g.rule is not None else None
    same = settled_value(g, members, selections)
    if same is not None:  # every selection adds the same: the first one names it
        return Part({same: ("group", g.label, selections[0])}, True)
    if selections is not None:
        sums: dict = {}
        keyed = tuple(zip(members, g.keys))
        for chosen in selections:
            s = tidy(sum([v for v, key in keyed if key in chosen]))
            if s not in sums:
                sums[s] = ("group", g.label, chosen)
        return Part(sums, True)
    low, high = g.rule.count if g.rule is not None else (g.k, g.k)
    sums, exact = k_subset_sums([*members, *[0] * g.outside], low, high)
    exact = exact and not (g.rule is not None and g.rule.bounded_by_credits)
    return Part(dict.fromkeys(sums), exact)


__all__ = ["Collection", "Group", "OneOf", "plain", "Choices"]

