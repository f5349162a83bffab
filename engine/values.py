"""The value domain: plain numbers, numbers that depend on a student's choices, Unknown, 3-valued truth.

Units are checked statically (engine.check), so at run time a number is a plain int/float; its unit
travels with the compiled expression for display only.
"""
from __future__ import annotations

import datetime as dt
import operator
from typing import Any, Iterable

from .units import format_number

MAX_CHOICES = 4096  # beyond this many distinct possible values a Choices keeps only its bounds


class Unknown:
    """A value that is not known, with the reason (e.g. "course PE101 has no workload hours")."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"

    def __bool__(self) -> bool:  # never silently truthy
        raise TypeError("Unknown has no truth value; test it with is_unknown()")


def is_unknown(v: Any) -> bool:
    return type(v) is Unknown


class Choices:
    """A number that depends on which electives a student picks: the sorted possible values.

    `exact` is False when there were too many combinations and only the bounds were kept.
    """

    __slots__ = ("values", "exact")

    def __init__(self, values: Iterable[float], exact: bool = True):
        vals = sorted(set(values))
        if len(vals) > MAX_CHOICES:
            vals, exact = [vals[0], vals[-1]], False
        self.values = tuple(vals)
        self.exact = exact

    @property
    def low(self) -> float:
        return self.values[0]

    @property
    def high(self) -> float:
        return self.values[-1]

    def __repr__(self) -> str:
        return f"Choices({self.values!r}{'' if self.exact else ', bounds only'})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Choices) and self.values == other.values and self.exact == other.exact

    def __hash__(self) -> int:
        return hash((self.values, self.exact))


def choices_or_number(values: Iterable[float], exact: bool = True):
    """A plain number when only one value is possible, else Choices."""
    c = Choices(values, exact)
    return c.values[0] if len(c.values) == 1 and c.exact else c


class Span:
    """An inclusive range of acceptable values, e.g. 25..30 hours per credit."""

    __slots__ = ("low", "high")

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def __repr__(self) -> str:
        return f"Span({self.low}, {self.high})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and (self.low, self.high) == (other.low, other.high)

    def __hash__(self) -> int:
        return hash((self.low, self.high))


# ---- three-valued logic ------------------------------------------------------------------------

SOME_CHOICES = "holds for some choices of electives only"


def tri_not(a):
    return a if type(a) is Unknown else not a


def tri_and(values):
    unknown = None
    for v in values:
        if v is False:
            return False
        if type(v) is Unknown and unknown is None:
            unknown = v
    return unknown if unknown is not None else True


def tri_or(values):
    unknown = None
    for v in values:
        if v is True:
            return True
        if type(v) is Unknown and unknown is None:
            unknown = v
    return unknown if unknown is not None else False


def _over_choices(pred, a, b):
    """Apply a boolean predicate to every combination of possible values.

    When the answer differs between choices, the Unknown says for which values it holds."""
    av = a.values if type(a) is Choices else (a,)
    bv = b.values if type(b) is Choices else (b,)
    exact = (a.exact if type(a) is Choices else True) and (b.exact if type(b) is Choices else True)
    holds, fails = [], []
    for x in av:
        for y in bv:
            (holds if pred(x, y) else fails).append(x if len(bv) == 1 else (x, y))
    if holds and fails:
        return Unknown(_which(holds, fails))
    if not exact:
        # only the bounds are known: a uniform answer at the bounds may still hide a change between them
        if pred is operator.eq or pred is operator.ne:
            span, single = (av, bv) if len(bv) == 1 else (bv, av)
            if len(single) == 1 and not min(span) <= single[0] <= max(span):  # outside every possible total
                return pred is operator.ne
            return Unknown(SOME_CHOICES)
        return bool(holds)
    return bool(holds)


def _which(holds: list, fails: list) -> str:
    if any(isinstance(v, tuple) for v in holds + fails):
        return SOME_CHOICES
    listed = lambda vs: " or ".join(format_number(v) for v in sorted(set(vs))[:6])  # noqa: E731
    return f"{SOME_CHOICES}: it holds when the value is {listed(holds)}, not when it is {listed(fails)}"


_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def in_span(x, span: Span):
    if type(x) is Unknown:
        return x
    if type(x) is Choices:
        return _over_choices(lambda v, _: span.low <= v <= span.high, x, 0)
    return span.low <= x <= span.high


def in_set(x, items: frozenset):
    if type(x) is Unknown:
        return x
    if type(x) is Choices:
        return _over_choices(lambda v, _: v in items, x, 0)
    return x in items


def is_whole(x):
    """Is x a whole number (for every possible choice)?"""
    if type(x) is Unknown:
        return x
    if type(x) is Choices:
        return _over_choices(lambda v, _: float(v).is_integer(), x, 0)
    return float(x).is_integer()


def compare(op: str, a, b):
    """a OP b in three-valued logic; `== span` means `in span`."""
    if type(a) is Unknown:
        return a
    if type(b) is Unknown:
        return b
    if type(b) is Span:
        r = in_span(a, b)
        return tri_not(r) if op == "!=" else r
    fn = _COMPARE[op]
    if type(a) is Choices or type(b) is Choices:
        return _over_choices(fn, a, b)
    return fn(a, b)


# ---- arithmetic ----------------------------------------------------------------------------------

_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def _tidy(x):
    if isinstance(x, float):
        r = round(x, 9)
        return int(r) if r.is_integer() else r
    return x


def arith(op: str, a, b):
    """a OP b where either may be Unknown or Choices; dates subtract to days."""
    if type(a) is Unknown:
        return a
    if type(b) is Unknown:
        return b
    if isinstance(a, dt.date) and isinstance(b, dt.date) and op == "-":
        return (a - b).days
    fn = _ARITH[op]
    if type(a) is Choices or type(b) is Choices:
        av = a.values if type(a) is Choices else (a,)
        bv = b.values if type(b) is Choices else (b,)
        if op == "/" and 0 in bv:
            return Unknown("division by zero")
        exact = (a.exact if type(a) is Choices else True) and (b.exact if type(b) is Choices else True)
        if exact and len(av) * len(bv) <= MAX_CHOICES * 4:
            return choices_or_number((_tidy(fn(x, y)) for x in av for y in bv), True)
        ends = [_tidy(fn(x, y)) for x in (av[0], av[-1]) for y in (bv[0], bv[-1])]
        return Choices((min(ends), max(ends)), exact=False)
    if op == "/" and b == 0:
        return Unknown("division by zero")
    return _tidy(fn(a, b))


def negate(a):
    if type(a) is Unknown:
        return a
    if type(a) is Choices:
        return Choices((-v for v in a.values), a.exact)
    return -a


# ---- sums over collections with elective groups ----------------------------------------------------

def subset_sums(values: list, k: int) -> set:
    """Every possible total of exactly k of `values` (k-subset sums), by dynamic programming."""
    layers: list[set] = [{0}] + [set() for _ in range(k)]
    for v in values:
        for j in range(min(k, len(values)), 0, -1):
            prev = layers[j - 1]
            if prev:
                layers[j].update(_tidy(s + v) for s in prev)
                if len(layers[j]) > MAX_CHOICES * 4:
                    layers[j] = {min(layers[j]), max(layers[j])}
    return layers[k]


def total(fixed: list, groups: list[tuple[int, list]]):
    """Sum of the fixed values plus, per elective group (choose k of values), any allowed choice."""
    acc = 0
    for v in fixed:
        if type(v) is Unknown:
            return v
        acc += v
    possible = {_tidy(acc)}
    for k, values in groups:
        for v in values:
            if type(v) is Unknown:
                return v
        if k > len(values):
            return Unknown(f"an elective group asks to choose {k} of only {len(values)} courses")
        sums = subset_sums(values, k)
        possible = {_tidy(p + s) for p in possible for s in sums}
        if len(possible) > MAX_CHOICES:
            return Choices((min(possible), max(possible)), exact=False)
    return choices_or_number(possible)
