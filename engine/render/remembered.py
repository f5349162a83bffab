"""Words remembered by the identity of what they word: a rule's facts (its provenance, its citations) are
one object shared by every finding of the rule over a whole batch, so their words are worked out once.

Only objects that do not change are remembered so (frozen records, tuples of them); an entry keeps the
object and its wording alive, so that neither's id can be taken by another object while it is remembered.
The memory is bounded: it is emptied when it holds LIMIT entries.
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


__all__ = ["LIMIT", "by_identity"]
