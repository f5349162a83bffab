"""Totals over independent choices, by dynamic programming with backpointers.

A total is a fixed base plus one option per part (an elective group's selection, a specialisation).
`combine` lists every total the parts can give and, for each, remembers which option of each part
gave it first, so that a choice giving any listed total can be named without enumerating choices.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.semantics.values import MAX_CHOICES, Choices, tidy


@dataclass
class Part:
    """The values one part can add, each with a token saying which option gives it (None: not known).

    `exact` is False when the values are only a superset or the bounds of what the part can add."""

    sums: dict
    exact: bool = True


@dataclass
class Sums:
    """Every total the parts can give, with one layer of backpointers per part."""

    values: list
    exact: bool
    layers: list = field(default_factory=list)

    def tokens(self, value) -> list | None:
        """The option tokens of one choice giving `value`, part by part (None: not recorded)."""
        if not self.exact:
            return None
        if not self.layers:
            return []
        if value not in self.layers[-1]:
            return None
        out = []
        for layer in reversed(self.layers):
            value, token = layer[value]
            out.append(token)
        return out[::-1]

    def value(self, how=None):
        """A plain number when only one total is possible, else Choices (knowing `how` when exact)."""
        if len(self.values) == 1 and self.exact:
            return self.values[0]
        return Choices(self.values, self.exact, how if self.exact else None)


def combine(base, parts: list[Part]) -> Sums:
    """base + one option of each part, for every combination of options (bounds beyond MAX_CHOICES)."""
    current: dict = {tidy(base): None}
    layers: list = []
    exact = True
    for part in parts:
        if not part.sums:
            continue
        if not part.exact or not exact:
            exact = False
            lo, hi = min(part.sums), max(part.sums)
            ends = (min(current), max(current))
            current = dict.fromkeys((tidy(ends[0] + lo), tidy(ends[1] + hi)))
            continue
        nxt: dict = {}
        for p in current:
            for s, token in part.sums.items():
                v = p + s
                if type(v) is float:  # tidy(), inline: this is the inner loop of every total with electives
                    v = round(v, 9)
                    if v.is_integer():
                        v = int(v)
                if v not in nxt:
                    nxt[v] = (p, token)
        layers.append(nxt)
        current = nxt
        if len(current) > MAX_CHOICES:
            exact = False
            current = dict.fromkeys((min(current), max(current)))
    return Sums(sorted(current), exact, layers if exact else [])


def one_total(base, parts: list[Part]):
    """What `combine` gives when every part can add only one value (else None), without its tables: the
    common case of elective groups whose courses are all worth the same."""
    values = []
    for part in parts:
        sums = part.sums
        if not sums:
            continue
        if len(sums) != 1 or not part.exact:
            return None
        values += sums
    return settled_total(base, values)


def settled_total(base, values: list):
    """base plus each value in turn, rounded after each addition as `combine` rounds: the total when each
    part adds one value (one_total; the totals of years and terms, engine.subjects.programme.part_totals)."""
    total = tidy(base)
    for s in values:
        total = tidy(total + s)
    return total


def tidy_sum(values):
    """tidy(sum(values)): a total of values as `combine` rounds it."""
    return tidy(sum(values))


def k_subset_sums(values: list, low: int, high: int) -> tuple[set, bool]:
    """Every total of `low` to `high` of `values`; (the set, exact). Not exact: only its bounds hold."""
    high = min(high, len(values))
    layers: list[set] = [{0}] + [set() for _ in range(high)]
    exact = True
    whole = all(type(v) is int for v in values)  # sums of ints need no tidying (the common case: credits)
    for v in values:
        for j in range(high, 0, -1):
            prev = layers[j - 1]
            if prev:
                layers[j].update([s + v for s in prev] if whole else [tidy(s + v) for s in prev])
                if len(layers[j]) > MAX_CHOICES * 4:
                    layers[j], exact = {min(layers[j]), max(layers[j])}, False
    found = set().union(*layers[low:high + 1]) if low <= high else set()
    return found, exact
