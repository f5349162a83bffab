"""The run-time closures compiled expressions are made of: reading fields (and tracing them), comparing."""
from __future__ import annotations

import operator

from engine.ruleset.scope import Fn
from engine.semantics.values import Unknown, compare, tri_not


def const_unknown(env):
    return Unknown("the rule could not be compiled")


_PLAIN = (int, float)
_OPS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def fast_compare(op: str, lf: Fn, rf: Fn) -> Fn:
    """A comparison closure with a fast path for two plain numbers (the common case)."""
    fn = _OPS[op]

    def cmp(env):
        a = lf(env)
        b = rf(env)
        if type(a) in _PLAIN and type(b) in _PLAIN:
            return fn(a, b)
        return compare(op, a, b)
    return cmp


def maybe_not(v, neg: bool):
    return tri_not(v) if neg else v


def path_getter(slot: int, attrs: tuple[str, ...], text: str, unit: str | None, trace: bool) -> Fn:
    """A closure reading slot[attrs...], recording (text, value, unit, owner, field) in the trace."""
    if not attrs:
        return lambda env: env.slots[slot]
    if len(attrs) == 1:
        a = attrs[0]
        if not trace:
            return lambda env: getattr(env.slots[slot], a)

        def get1(env):
            owner = env.slots[slot]
            v = getattr(owner, a)
            if env.trace is not None:
                env.trace.append((text, v, unit, owner, a))
            return v
        return get1

    def get(env):
        owner = env.slots[slot]
        for a in attrs[:-1]:
            owner = getattr(owner, a)
            if type(owner) is Unknown:
                if trace and env.trace is not None:
                    env.trace.append((text, owner, unit, None, None))
                return owner
        v = getattr(owner, attrs[-1])
        if trace and env.trace is not None:
            env.trace.append((text, v, unit, owner, attrs[-1]))
        return v
    return get
