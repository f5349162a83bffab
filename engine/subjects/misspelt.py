"""Unknown keys read as misspelt field names: which field of the model a key was meant to be, and which of
pydantic's errors a file's one-line error names first.

A key the model does not know (pydantic's `extra_forbidden`) close to a field of the mapping it stands in,
one not given there (engine.errors' nearest match, at least CLOSE alike), is taken for that field misspelt:
`credit` for `credits`. A field reported missing beside such a key is the same slip (`yeras` given, `years`
missing): the two count as one problem, and the misspelt key, the cause, is named instead of the missing field.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from engine.errors import nearest

# How like a field a key must be to be taken for it misspelt (difflib's ratio): two letters swapped in a name of
# four letters (`yaer` for `year`: 0.75) are; `credit` is not taken for `reading` (0.62).
CLOSE = 0.75


@dataclass(frozen=True)
class FirstProblem:
    """The error to name (an item of `ValidationError.errors()`), its key path in the data (keys and indices
    only), the field a misspelt key was meant to be (None: not an unknown key, or no field close to it), and
    how many problems the errors make (a misspelling and the missing field it causes are one)."""

    error: dict[str, Any]
    loc: tuple
    meant: str | None
    problems: int


def first_problem(model: type[BaseModel], errors: list[dict[str, Any]], data: Any) -> FirstProblem:
    """The problem a one-line error names: the first error, or for a missing field that a misspelt key
    beside it stands for, that key."""
    locs = [data_loc(data, e["loc"]) for e in errors]
    missing = {i: loc for i, (e, loc) in enumerate(zip(errors, locs)) if e["type"] == "missing" and loc}
    meant: dict[int, str] = {}  # index of an unknown key's error -> the field it was meant to be
    stands_for: dict[int, int] = {}  # index of a missing field's error -> that of the key that stands for it
    for i, (e, loc) in enumerate(zip(errors, locs)):
        if e["type"] != "extra_forbidden" or not loc or not isinstance(loc[-1], str):
            continue
        unpaired = {m_loc[-1]: m for m, m_loc in missing.items() if m_loc[:-1] == loc[:-1] and m not in stands_for}
        field = nearest(loc[-1], unpaired, CLOSE)
        if field is not None:
            meant[i], stands_for[unpaired[field]] = field, i
        else:
            given = _mapping_at(data, loc[:-1])
            field = nearest(loc[-1], fields_at(model, loc[:-1]) - set(given), CLOSE)
            if field is not None:
                meant[i] = field
    first = stands_for.get(0, 0)
    return FirstProblem(errors[first], locs[first], meant.get(first), len(errors) - len(stands_for))


def fields_at(model: type[BaseModel], loc: tuple) -> set[str]:
    """The names of the fields a mapping at key path `loc` may hold, read from the model's types (every
    model a union there may be)."""
    types_here: list[Any] = [model]
    for part in loc:
        types_here = [inner for t in _members(types_here) for inner in _inside(t, part)]
    return {name for t in _members(types_here) if _is_model(t) for name in t.model_fields}


def _inside(t: Any, part: Any) -> list[Any]:
    """The types of what a value of type `t` holds under key or index `part`."""
    if _is_model(t):
        field = t.model_fields.get(part) if isinstance(part, str) else None
        return [field.annotation] if field is not None else []
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin in (list, tuple, set, frozenset) and isinstance(part, int) and args:
        return [args[0]]
    if origin is dict and len(args) == 2:
        return [args[1]]
    return []


def _members(annotations: list[Any]) -> list[Any]:
    """The types the annotations stand for, unions and Annotated unwrapped."""
    out: list[Any] = []
    stack = list(reversed(annotations))
    while stack:
        t = stack.pop()
        origin = typing.get_origin(t)
        if origin is typing.Annotated:
            stack.append(typing.get_args(t)[0])
        elif origin is typing.Union or origin is types.UnionType:
            stack.extend(reversed(typing.get_args(t)))
        else:
            out.append(t)
    return out


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _mapping_at(data: Any, loc: tuple) -> dict:
    """The mapping of the data at key path `loc` ({} when there is none)."""
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return {}
    return node if isinstance(node, dict) else {}


def data_loc(data: Any, loc: tuple) -> tuple:
    """An error's location as a key path in the data: pydantic's union and tag names left out."""
    return tuple(p for p in loc if isinstance(p, int) or _is_data_key(data, loc, p))


def _is_data_key(data: Any, full_loc: tuple, part: Any) -> bool:
    """True if `part` is a real key somewhere along `full_loc` in `data` (not a pydantic tag)."""
    node = data
    for p in full_loc:
        if isinstance(node, dict) and p in node:
            if p == part:
                return True
            node = node[p]
        elif isinstance(node, list) and isinstance(p, int) and 0 <= p < len(node):
            node = node[p]
        elif p == part:
            # a missing required field: keep its name
            return isinstance(node, dict)
    return False


__all__ = ["CLOSE", "FirstProblem", "first_problem", "fields_at", "data_loc"]
