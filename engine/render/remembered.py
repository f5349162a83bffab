"""Words remembered by the identity of what they word: a rule's facts (its provenance, its citations) are
one object shared by every finding of the rule over a whole batch, so their words are worked out once.
Words remembered by a key of what they word (`by_key`): the trace steps the problems of a rule share,
each a new object but worded alike (engine.render.trace_keys).

Only objects that do not change are remembered so (frozen records, tuples of them); an entry keeps the
object and its wording alive, so that neither's id can be taken by another object while it is remembered.
Each memory is bounded: it is emptied when it holds LIMIT entries, and the memory by key also when the sizes
its entries were given (the characters of their words) add up to SIZE_LIMIT, so that a batch whose traces are
long (a cohort's grading tables) holds a few megabytes of them, not a hundred.
"""
from __future__ import annotations

from typing import Any, Callable

LIMIT = 4096
SIZE_LIMIT = 1_000_000
_REMEMBERED: dict[tuple[int, int], tuple[Any, Any, Any]] = {}


def by_identity(owner: Any, thing: Any, make: Callable[[Any], Any]) -> Any:
    """`make(thing)`, remembered for this `owner` (the wording of one language) and this very `thing`."""
    key = (id(owner), id(thing))
    entry = _REMEMBERED.get(key)
    if entry is not None and entry[0] is owner and entry[1] is thing:
        return entry[2]
    value = make(thing)
    if len(_REMEMBERED) >= LIMIT:
        _REMEMBERED.clear()
    _REMEMBERED[key] = (owner, thing, value)
    return value


def by_key(owner: Any, key: Any, thing: Any, make: Callable[[Any], Any],
           size: Callable[[Any], int] = lambda value: 1) -> Any:
    """`make(thing)`, remembered for this `owner` (the wording of one language) and this `key` (a hashable key
    of everything `make` reads of `thing`: things of equal keys are worded alike); `size(value)`: what the
    entry counts against SIZE_LIMIT (its characters of words)."""
    global _SIZE_HELD
    entry = (owner, key)
    value = _BY_KEY.get(entry, _NONE)
    if value is _NONE:
        value = make(thing)
        cost = size(value)
        if len(_BY_KEY) >= LIMIT or _SIZE_HELD + cost > SIZE_LIMIT:
            _BY_KEY.clear()
            _SIZE_HELD = 0
        _BY_KEY[entry] = value
        _SIZE_HELD += cost
    return value


_BY_KEY: dict[tuple, Any] = {}
_SIZE_HELD = 0
_NONE = object()


__all__ = ["LIMIT", "SIZE_LIMIT", "by_identity", "by_key"]
