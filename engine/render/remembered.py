"""Words remembered by the identity of what they word: a rule's facts (its provenance, its citations) are
one object shared by every finding of the rule over a whole batch, so their words are worked out once.
Words remembered by a key of what they word (`by_key`): the trace steps the problems of a rule share,
each a new object but worded alike (engine.render.trace_keys).

Only objects that do not change are remembered so (frozen records, tuples of them); an entry keeps the
object and its wording alive, so that neither's id can be taken by another object while it is remembered.
Each memory is bounded: it is emptied when it holds LIMIT entries.
"""
from __future__ import annotations

from typing import Any, Callable

LIMIT = 4096
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


def by_key(owner: Any, key: Any, thing: Any, make: Callable[[Any], Any]) -> Any:
    """`make(thing)`, remembered for this `owner` (the wording of one language) and this `key` (a hashable key
    of everything `make` reads of `thing`: things of equal keys are worded alike)."""
    entry = (owner, key)
    value = _BY_KEY.get(entry, _NONE)
    if value is _NONE:
        value = make(thing)
        if len(_BY_KEY) >= LIMIT:
            _BY_KEY.clear()
        _BY_KEY[entry] = value
    return value


_BY_KEY: dict[tuple, Any] = {}
_NONE = object()


__all__ = ["LIMIT", "by_identity", "by_key"]
