"""How findings refer to the elements rules go through: a SubjectRef (kind, key, label) for each.

An element's kind comes from its type's name (a Course is a "course"), its label from the type's
description ("course PE305"), its key from the first of KEY_FIELDS it holds as a text or a whole number.
`named_each` names a list of elements at once: an audit's rows name dozens of courses, and each one
named alone costs more than the finding it is for.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import repeat

from engine.evaluation.findings import SubjectRef
from engine.ruleset.compiled import subject_describer

KEY_FIELDS = ("code", "number", "id")  # the attribute that names an element, by preference
_new_ref = tuple.__new__  # SubjectRef(kind, key, label) without the Python frame of a named tuple's __new__
_PLAIN_KEYS = frozenset({str, int})
_NO_KEY = frozenset({type(None)})


@lru_cache(maxsize=None)
def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


@lru_cache(maxsize=None)
def naming(type_name: str | None) -> tuple:
    """How an element of this type is described, and the kind its references name."""
    return subject_describer(type_name), _snake(type_name) if type_name else "item"


def subject_ref(item, type_name: str | None) -> SubjectRef:
    """A structured reference to an element a rule goes through (term 3, course PE305)."""
    describe, kind = naming(type_name)
    return named(item, describe, kind)


def named(item, describe, kind: str, label: str | None = None) -> SubjectRef:
    """The reference of an element, its type's naming worked out (subject_ref); `label`, when given, is
    describe(item) already worked out."""
    if label is None:
        label = describe(item)
    for attr in KEY_FIELDS:
        key = getattr(item, attr, None)
        if type(key) is str or type(key) is int or isinstance(key, (str, int)) and not isinstance(key, bool):
            return _new_ref(SubjectRef, (kind, key, label))
    return _new_ref(SubjectRef, (kind, None, label))


def named_each(items: list, describe, kind: str) -> list[SubjectRef]:
    """The references of these elements, in order, each as `named` makes it. The common case, every element
    keyed by the same field as a plain text or whole number, is worked out for all of them at once."""
    labels = list(map(describe, items))
    for attr in KEY_FIELDS:
        keys = list(map(getattr, items, repeat(attr), repeat(None)))
        types = set(map(type, keys))
        if types <= _PLAIN_KEYS:  # each element's first key field is this one
            return list(map(_new_ref, repeat(SubjectRef), zip(repeat(kind), keys, labels)))
        if types != _NO_KEY:  # keyed by different fields, or by a value of another type: one by one
            break
    return list(map(named, items, repeat(describe), repeat(kind), labels))


__all__ = ["KEY_FIELDS", "named", "named_each", "naming", "subject_ref"]
