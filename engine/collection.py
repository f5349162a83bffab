"""Collections that rules iterate and aggregate over, aware of what a student may choose.

A Collection holds its members in order and, for the members a student may or may not take:
- elective groups ("choose k of these courses");
- specialisations ("exactly one of these bundles": a student takes the courses of one specialisation).
Aggregates take one value per member and return what every permitted choice could give: a plain value
when all choices agree, Choices when they do not.
"""
from __future__ import annotations

from dataclasses import dataclass

from .values import SOME_CHOICES, Choices, Unknown, choices_or_number, total, tri_and


@dataclass(frozen=True, slots=True)
class Group:
    """Choose `k` of the group's courses; `inside` are indices of members of this collection,
    `outside` counts the group's courses that belong elsewhere (another term or year)."""

    k: int
    inside: tuple[int, ...]
    outside: int
    label: str


@dataclass(frozen=True, slots=True)
class OneOf:
    """A student takes exactly one of the bundles (the courses of one specialisation)."""

    bundles: tuple[tuple[int, ...], ...]  # indices of members; a bundle may be empty
    labels: tuple[str, ...]


class Collection:
    __slots__ = ("items", "groups", "one_of", "fixed")

    def __init__(self, items: list, groups: tuple[Group, ...] = (), one_of: tuple[OneOf, ...] = ()):
        self.items = items
        self.groups = groups
        self.one_of = one_of
        optional = {i for g in groups for i in g.inside} | {i for o in one_of for b in o.bundles for i in b}
        self.fixed = tuple(i for i in range(len(items)) if i not in optional)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def _bundles(self, o: OneOf) -> tuple[tuple[int, ...], ...]:
        """A bundle's members less those an elective group already accounts for."""
        grouped = {i for g in self.groups for i in g.inside}
        return tuple(tuple(i for i in b if i not in grouped) for b in o.bundles)

    # Each aggregate takes `values`, one per member (None = filtered out by `where`).

    def sum(self, values: list):
        val = lambda i: values[i] if values[i] is not None else 0  # noqa: E731
        fixed = [val(i) for i in self.fixed]
        groups = [(g.k, [val(i) for i in g.inside] + [0] * g.outside) for g in self.groups]
        for o in self.one_of:
            sums = []
            for bundle in self._bundles(o):
                parts = [val(i) for i in bundle]
                unknown = next((p for p in parts if type(p) is Unknown), None)
                if unknown is not None:
                    return unknown
                sums.append(sum(parts))
            groups.append((1, sums))
        return total(fixed, groups)

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
        unknown = None
        for i in self.fixed:
            v = values[i]
            if type(v) is Unknown:
                unknown = unknown or v
            elif v is False:
                return False
        # Each elective group, and each set of specialisations (choose 1 bundle), is a choice of k of
        # its options; an option is true when the member (or the whole bundle) satisfies the condition.
        choices = [(g.k, [values[i] for i in g.inside], g.outside) for g in self.groups]
        for o in self.one_of:
            options = []
            for bundle in self._bundles(o):
                members = [values[i] for i in bundle if values[i] is not None]
                options.append(tri_and(members) if members else True)
            choices.append((1, options, 0))
        depends = False
        for k, options, outside in choices:
            bad = sum(1 for v in options if v is False)
            unk = [v for v in options if type(v) is Unknown]
            good = len(options) - bad - len(unk) + outside
            if bad and good + len(unk) < k:
                return False  # every choice takes a failing option
            if bad:
                depends = True
            if unk:
                unknown = unknown or unk[0]
        if unknown is not None:
            return unknown
        return Unknown(SOME_CHOICES) if depends else True

    def min(self, values: list):
        return self._extreme(values, min)

    def max(self, values: list):
        return self._extreme(values, max)

    def _extreme(self, values: list, pick):
        """The smallest (largest) value a student's courses can have: bounds over every choice.

        Specialisation bundles count as taken here (the bounds then cover every specialisation)."""
        for v in values:
            if type(v) is Unknown:
                return v
        fixed = [values[i] for i in self.fixed if values[i] is not None]
        fixed += [values[i] for o in self.one_of for b in self._bundles(o) for i in b if values[i] is not None]
        if not self.groups:
            return pick(fixed) if fixed else Unknown("no values to compare")
        everything = [v for v in values if v is not None]
        if not everything:
            return Unknown("no values to compare")
        other = max if pick is min else min
        per_group_best = []
        for g in self.groups:
            vals = sorted((values[i] for i in g.inside if values[i] is not None), reverse=pick is min)
            if len(vals) >= g.k and g.outside == 0:
                per_group_best.append(vals[g.k - 1])
        candidates = fixed + per_group_best
        bound = pick(candidates) if candidates else other(everything)
        low, high = sorted((pick(everything), bound))
        return choices_or_number((low, high), exact=False) if low != high else low


def _negate(v):
    if v is None or type(v) is Unknown:
        return v
    return not v


def plain(items: list) -> Collection:
    """A collection without choices."""
    return Collection(items)


__all__ = ["Collection", "Group", "OneOf", "plain", "Choices"]
