"""Collections that rules iterate and aggregate over, aware of elective groups ("choose k of these").

A Collection holds its members in order and, for members that are optional, the elective groups
they belong to. Aggregates take one value per member and return what every permitted choice of
electives could give: a plain value when all choices agree, Choices when they do not.
"""
from __future__ import annotations

from dataclasses import dataclass

from .values import SOME_CHOICES, Choices, Unknown, choices_or_number, total


@dataclass(frozen=True, slots=True)
class Group:
    """Choose `k` of the group's courses; `inside` are indices of members of this collection,
    `outside` counts the group's courses that belong elsewhere (another term or year)."""

    k: int
    inside: tuple[int, ...]
    outside: int
    label: str


class Collection:
    __slots__ = ("items", "groups", "fixed")

    def __init__(self, items: list, groups: tuple[Group, ...] = ()):
        self.items = items
        self.groups = groups
        grouped = {i for g in groups for i in g.inside}
        self.fixed = tuple(i for i in range(len(items)) if i not in grouped)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    # Each aggregate takes `values`, one per member (None = filtered out by `where`).

    def sum(self, values: list):
        fixed = [values[i] if values[i] is not None else 0 for i in self.fixed]
        groups = [
            (g.k, [values[i] if values[i] is not None else 0 for i in g.inside] + [0] * g.outside)
            for g in self.groups
        ]
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
        return self._quantified(values, want=True)

    def any(self, values: list):
        r = self._quantified([_negate(v) for v in values], want=True)
        return r if type(r) is Unknown else not r

    def _quantified(self, values: list, want: bool):
        """Does every member a student takes satisfy the condition? Three-valued over choices."""
        unknown = None
        for i in self.fixed:
            v = values[i]
            if v is None:
                continue
            if type(v) is Unknown:
                unknown = unknown or v
            elif v is not want:
                return False
        depends = False
        for g in self.groups:
            vals = [values[i] for i in g.inside if values[i] is not None]
            bad = sum(1 for v in vals if v is not want and type(v) is not Unknown)
            unk = [v for v in vals if type(v) is Unknown]
            good = len(g.inside) - bad - len(unk) + g.outside
            if bad and good + len(unk) < g.k:
                return False  # every choice takes a failing member
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
        fixed = [values[i] for i in self.fixed if values[i] is not None]
        for v in values:
            if type(v) is Unknown:
                return v
        if not self.groups:
            return pick(fixed) if fixed else Unknown("no values to compare")
        # bounds over all permitted choices: best and worst case for the extreme
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
    """A collection without elective groups."""
    return Collection(items)


__all__ = ["Collection", "Group", "plain", "Choices"]
