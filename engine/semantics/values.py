"""The value domain: plain numbers, numbers that depend on a student's choices, Unknown, 3-valued truth.

Units are checked statically (engine.check), so at run time a number is a plain int/float; its unit
travels with the compiled expression for display only.
"""
from __future__ import annotations

import datetime as dt
import operator
from typing import Any, Callable, Iterable

from engine.semantics.reasons import Alternatives, Beside, Reason, Witness, because, plain

MAX_CHOICES = 4096  # beyond this many distinct possible values a Choices keeps only its bounds


class Verbatim(str):
    """A text a report shows as written, never in words: an identifier (a rule's id in a waiver's trace)."""

    __slots__ = ()


class Unknown:
    """A value that is not known, with the reason (e.g. "course PE101 has no workload hours").

    When it is unknown because it depends on the student's choice of electives, `fails_with` and
    `holds_with` may name one choice under which the requirement fails and one under which it holds.
    A condition on one value that depends on electives keeps that value (`source`) and those of its
    possible values for which it holds (`holds`); its reason and choices are worked out when read."""

    __slots__ = ("_reason", "_named", "source", "holds")

    def __init__(self, reason: "Reason | str | Callable[[Unknown], Reason]", fails_with: Witness | None = None,
                 holds_with: Witness | None = None, source: "Choices | None" = None, holds: frozenset = frozenset()):
        self._reason = reason
        self._named = None if source is not None and fails_with is None else (fails_with, holds_with)
        self.source = source
        self.holds = holds

    @property
    def reason(self) -> str:
        """The reason in English."""
        return str(self.why)

    @property
    def why(self) -> Reason:
        """The reason as data (a catalogue key and its arguments), for a report to word."""
        if callable(self._reason):
            self._reason = self._reason(self)
        if isinstance(self._reason, str):
            self._reason = plain(self._reason)
        return self._reason

    @property
    def fails_with(self) -> Witness | None:
        return self._choices()[0]

    @property
    def holds_with(self) -> Witness | None:
        return self._choices()[1]

    def names_choices(self) -> bool:
        """Does it name a choice where it fails and one where it holds (without working them out)?"""
        if self._named is None:
            return self.source.how is not None
        return self._named[0] is not None and self._named[1] is not None

    def _choices(self) -> tuple:
        if self._named is None:  # read back from the value: a choice giving a failing and a holding value
            how = self.source.how
            fails = min(v for v in self.source.values if v not in self.holds)
            self._named = (how(fails), how(min(self.holds))) if how is not None else (None, None)
        return self._named

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"

    def __bool__(self) -> bool:  # never silently truthy
        raise TypeError("Unknown has no truth value; test it with is_unknown()")


def is_unknown(v: Any) -> bool:
    return type(v) is Unknown


class Choices:
    """A number that depends on which electives a student picks: the sorted possible values.

    Every value a permitted choice gives is among `values`. `exact` is False when only the bounds
    are known (too many combinations): any value between them may then be possible. `how`, when
    given, names a choice that gives a value (value -> Witness or None).
    """

    __slots__ = ("values", "exact", "how")

    def __init__(self, values: Iterable[float], exact: bool = True, how: Callable[[float], Witness | None] | None = None):
        vals = sorted(set(values))
        if len(vals) > MAX_CHOICES:
            vals, exact = [vals[0], vals[-1]], False
        self.values = tuple(vals)
        self.exact = exact
        self.how = how

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
SOME = because("choices.some", SOME_CHOICES)


def tri_not(a):
    if type(a) is Unknown:
        if a.source is not None:  # the same value, the other way round
            return _undecided(sorted(set(a.source.values) - a.holds), sorted(a.holds), a.source)
        return a
    return not a


def _tri(values, decisive: bool, joint):
    """`decisive` (False for and, True for or) as soon as one value is it; else the unknowns, joined; else
    the other truth value."""
    unknowns = None
    for v in values:
        if v is decisive:
            return decisive
        if type(v) is Unknown:
            unknowns = [v] if unknowns is None else unknowns + [v]
    if unknowns is None:
        return not decisive
    return unknowns[0] if len(unknowns) == 1 else _joint(unknowns, joint)


def tri_and(values):
    """Three-valued and: False if any is False, unknown if any is unknown, else True."""
    return _tri(values, False, frozenset.intersection)


def tri_or(values):
    """Three-valued or: True if any is True, unknown if any is unknown, else False."""
    return _tri(values, True, frozenset.union)


def _joint(unknowns: list, merge):
    """Several unknown conditions together. Missing data decides first; conditions on one and the same
    value depending on electives combine value by value (x >= 27 and x <= 33); otherwise the choices
    under which each one fails or holds say nothing of them together, and are dropped."""
    for u in unknowns:
        if u.source is None and not u.reason.startswith(SOME_CHOICES):
            return u
    source = unknowns[0].source
    if source is None or any(u.source is not source for u in unknowns):
        return Unknown(SOME)
    holds = merge(*(u.holds for u in unknowns))
    if not holds:
        return False
    if len(holds) == len(source.values):
        return True
    return _undecided(sorted(holds), sorted(set(source.values) - holds), source)


_MONOTONE = (operator.lt, operator.le, operator.gt, operator.ge)


def _over_choices(pred, a, b):
    """Apply a boolean predicate to every combination of possible values.

    When the answer differs between choices, the Unknown says for which values it holds (and, where
    the value knows how it was made, one choice under which it fails and one under which it holds)."""
    av = a.values if type(a) is Choices else (a,)
    bv = b.values if type(b) is Choices else (b,)
    exact = (a.exact if type(a) is Choices else True) and (b.exact if type(b) is Choices else True)
    holds, fails = [], []
    for x in av:
        for y in bv:
            (holds if pred(x, y) else fails).append(x if len(bv) == 1 else (x, y))
    if holds and fails:
        if len(av) == 1 and len(bv) > 1:  # a number compared with a value that depends on electives
            holds, fails = [y for _, y in holds], [y for _, y in fails]
            return _undecided(holds, fails, b)
        return _undecided(holds, fails, a if len(bv) == 1 else None)
    if not exact and pred not in _MONOTONE:
        # only the bounds are known: a uniform answer at the bounds may still hide a change between them
        if pred is operator.eq or pred is operator.ne:
            span, single = (av, bv) if len(bv) == 1 else (bv, av)
            if len(single) == 1 and not min(span) <= single[0] <= max(span):  # outside every possible total
                return pred is operator.ne
        return Unknown(SOME)
    return bool(holds)  # a monotone comparison that agrees at every bound agrees between them


def _undecided(holds: list, fails: list, source) -> Unknown:
    if any(isinstance(v, tuple) for v in holds + fails):
        return Unknown(SOME)

    def reason(u: Unknown) -> Reason:
        text = because("choices.values", SOME_CHOICES + ": it holds when the value is {holds}, not when it is {fails}",
                       holds=Alternatives(sorted(set(holds))[:6]), fails=Alternatives(sorted(set(fails))[:6]))
        return with_witnesses(text, u.fails_with, u.holds_with)
    if type(source) is not Choices or not source.exact:
        return Unknown(reason)
    return Unknown(reason, source=source, holds=frozenset(holds))


def with_witnesses(reason: Reason, fails_with: Witness | None, holds_with: Witness | None) -> Reason:
    """A reason followed by the choice under which it fails and the one under which it holds."""
    if fails_with is None or holds_with is None:
        return reason
    return because("choices.witnessed", "{reason} (fails if the student takes {fails}; holds if instead they take {holds})",
                   reason=reason, fails=fails_with, holds=Beside(holds_with, fails_with))


_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def in_span(x, span: Span):
    if type(x) is Unknown:
        return x
    if type(x) is Choices:
        if not x.exact:  # bounds only: decided when the bounds are both inside, or the range misses the span
            if span.low <= x.low and x.high <= span.high:
                return True
            return False if x.high < span.low or x.low > span.high else Unknown(SOME)
        return _over_choices(lambda v, _: span.low <= v <= span.high, x, 0)
    return span.low <= x <= span.high


def in_set(x, items: frozenset):
    if type(x) is Unknown:
        return x
    if type(x) is Choices:
        if not x.exact:
            inside = any(isinstance(i, (int, float)) and x.low <= i <= x.high for i in items)
            return Unknown(SOME) if inside else False
        return _over_choices(lambda v, _: v in items, x, 0)
    return x in items


def is_whole(x):
    """Is x a whole number (for every possible choice)?"""
    if type(x) is Unknown:
        return x
    if type(x) is Choices:
        if not x.exact:
            return Unknown(SOME)
        return _over_choices(lambda v, _: float(v).is_integer(), x, 0)
    return float(x).is_integer()


def compare(op: str, a, b):
    """a OP b in three-valued logic; `== span` means `in span`."""
    if type(a) is Unknown or type(b) is Unknown:
        u = a if type(a) is Unknown else b
        # a condition compared with another (`c == false`): its choices no longer say where it holds
        return Unknown(SOME) if u.source is not None else u
    if type(b) is Span:
        r = in_span(a, b)
        return tri_not(r) if op == "!=" else r
    fn = _COMPARE[op]
    if type(a) is Choices and a is b:  # one value compared with itself (the same total read twice)
        return _over_choices(lambda x, _: fn(x, x), a, 0)
    if type(a) is Choices or type(b) is Choices:
        return _over_choices(fn, a, b)
    return fn(a, b)


# ---- arithmetic ----------------------------------------------------------------------------------

_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def tidy(x):
    """A float rounded to 9 places, as an int when whole (so sums of credits compare exactly). A whole
    float is its own rounding: the int at once (the common case, and the quicker one)."""
    if isinstance(x, float):
        if x.is_integer():
            return int(x)
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
        exact = (a.exact if type(a) is Choices else True) and (b.exact if type(b) is Choices else True)
        if op == "/" and (0 in bv or (not exact and bv[0] < 0 < bv[-1])):
            return Unknown(because("division_by_zero", "division by zero"))
        if exact and len(av) * len(bv) <= MAX_CHOICES * 4:
            return choices_or_number((tidy(fn(x, y)) for x in av for y in bv), True)
        ends = [tidy(fn(x, y)) for x in (av[0], av[-1]) for y in (bv[0], bv[-1])]
        return Choices((min(ends), max(ends)), exact=False)
    if op == "/" and b == 0:
        return Unknown(because("division_by_zero", "division by zero"))
    return tidy(fn(a, b))


def negate(a):
    if type(a) is Unknown:
        return a
    if type(a) is Choices:
        return Choices((-v for v in a.values), a.exact)
    return -a


