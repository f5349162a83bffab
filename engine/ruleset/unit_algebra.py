"""Units in expressions: which combine (hours + hours), which compare, and the unit of a result."""
from __future__ import annotations

from engine.ruleset.types import Type

FLEX = "flex"  # marks a unitless number literal, which takes the unit of what it is compared with


def units_compatible(a: Type, b: Type) -> bool:
    if a.name == FLEX or b.name == FLEX:
        return True
    return a.unit == b.unit


def _split(unit: str | None) -> tuple[str | None, str | None]:
    if unit and "/" in unit:
        n, d = unit.split("/", 1)
        return n, d
    return unit, None


def _singular(u: str) -> str:
    return u[:-1] if u.endswith("s") else u


def _plural(u: str) -> str:
    return u if u.endswith("s") else u + "s"


def arith_unit(op: str, lt: Type, rt: Type):
    """The unit of `l op r`, or False when the units do not combine (hours + credits)."""
    lu = None if lt.name == FLEX else lt.unit
    ru = None if rt.name == FLEX else rt.unit
    if op in ("+", "-"):
        if lu is None or ru is None or lu == ru:
            return lu or ru
        return False
    if op == "*":
        if lu is None or ru is None:
            return lu or ru
        for a, b in ((lu, ru), (ru, lu)):
            n, d = _split(a)
            if d and _plural(d) == b:
                return n
        return False
    # division
    if ru is None:
        return lu
    if lu == ru:
        return None
    if lu is None or "/" in lu or "/" in ru:
        return False
    return f"{lu}/{_singular(ru)}"
