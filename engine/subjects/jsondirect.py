"""A JSON subject file parsed and validated in one pass by pydantic (`model_validate_json`), quicker than
`json.loads` followed by validating the data, for a text that shows it would be read the same either way.

The usual way (engine.subjects.jsonread, then engine.subjects.load.validate) refuses what pydantic's own
JSON reading lets through: a key given twice (pydantic keeps the last), exponent notation such as `1e5`
and NaN (text, as YAML reads them), an escaped surrogate; it reads the YAML way a file that comes near a
limit. So the one pass is taken only for a text with no escape (no backslash), no exponent, no run of 16
digits or more, clearly within the limits, and its model is kept only when it holds as many keys as the
text gives (told from the colons outside its texts). Anything else, and any file pydantic refuses, gets None: the
caller reads it the usual way, which words the error with its line, as before.
"""
from __future__ import annotations

import datetime as dt
import typing
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from pydantic import BaseModel

from engine.limits import MAX_DATA_NODES, MAX_LIST_ITEMS, MAX_TEXT_CHARS

M = TypeVar("M", bound=BaseModel)
# The bytes of the text with every digit written 0 and every E written e: exponent notation is then "0e" (JSON
# writes it after a digit), and a number long enough to be read otherwise (jsonread refers long floats, and
# whole numbers beyond 2**53, 16 digits, are text there) holds sixteen 0s in a row. Bytes of other characters are kept.
_DIGITS_AND_E = bytes.maketrans(b"0123456789E", b"0000000000e")
_LONG_NUMBER = b"0" * 16


def validated_json(model: type[M], raw: bytes) -> M | None:
    """The model of a JSON file's bytes, or None when it is to be read the usual way (see the module)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if len(text) > min(MAX_TEXT_CHARS, MAX_DATA_NODES) or text.count(",") >= MAX_LIST_ITEMS:
        return None
    if b"\\" in raw:  # an escape: \u may stand for a colon or a surrogate, \" hides where texts end
        return None
    shape = raw.translate(_DIGITS_AND_E)
    if b"0e" in shape or _LONG_NUMBER in shape:
        return None
    try:
        obj = model.model_validate_json(text)
    except Exception:  # noqa: BLE001 - refused (or not read): the usual way says why
        return None
    # With no escape, each colon outside the texts of valid JSON stands between a key and its value. The model
    # keeps at most the keys the text gives (a key given twice is kept once), so as many colons as keys kept
    # means no colon in a text and no key given twice; otherwise the colons of the texts (between the 1st and
    # 2nd quote, the 3rd and 4th...) are set aside and the rest compared with the keys kept.
    kept, colons = keys_kept(obj), raw.count(b":")
    if colons == kept:
        return obj
    return obj if colons - b"".join(raw.split(b'"')[1::2]).count(b":") == kept else None


def keys_kept(obj: Any) -> int:
    """How many keys the JSON text of a validated model gave it: the fields it was given, the keys of
    its mappings, those of the models and mappings it holds. The models are counted a type at a time
    (all the courses of a programme at once), the other values one by one."""
    count, batches, models = 0, [[obj]], {}
    while batches or models:
        if not batches:
            t, instances = models.popitem()
            count += sum(map(len, map(_GIVEN, instances)))
            if _HOLDERS[t]:  # their fields read from their dicts (a model's own attribute look-up is slower)
                fields = list(map(_FIELDS, instances))
                batches += [list(filter(None, map(get, fields))) for get in _HOLDERS[t]]
            continue
        values = batches.pop()
        kinds = set(map(type, values))
        if len(kinds) == 1 and kinds <= _HOLDERS.keys():  # models of one type: counted with the others of it
            models.setdefault(kinds.pop(), []).extend(values)
            continue
        if kinds <= _SCALARS:
            continue
        for value in values:
            t = type(value)
            if t is list:
                batches.append(value)
            elif t is dict:
                count += len(value)
                batches.append(list(value.values()))
            elif t in _HOLDERS or (t not in _SCALARS and _is_model(t)):
                models.setdefault(t, []).append(value)
    return count


_GIVEN, _FIELDS = attrgetter("__pydantic_fields_set__"), attrgetter("__dict__")
_SCALARS = frozenset((str, int, float, bool, type(None), dt.date))


class _Holders(dict):
    """Model type -> getters (from the model's dict) of its fields that may hold keys (models, mappings,
    lists of them), read from the types the first time a model of the type is met."""

    def __missing__(self, t: type) -> tuple[itemgetter, ...]:
        names = [name for name, field in t.model_fields.items() if _may_hold_keys(field.annotation)]
        for name in names:  # a field not given holds its default, which must hold no key to be counted so
            field = t.model_fields[name]
            if not field.is_required() and field.get_default(call_default_factory=True) not in (None, [], {}):
                raise TypeError(f"{t.__name__}.{name}: a default that holds keys")
        getters = self[t] = tuple(map(itemgetter, names))
        return getters


_HOLDERS = _Holders()


def _is_model(t: type) -> bool:
    if isinstance(t, type) and issubclass(t, BaseModel):
        _HOLDERS[t]  # noqa: B018 - its getters made
        return True
    return False


def _may_hold_keys(annotation: Any) -> bool:
    """Whether a value of the annotated type may hold keys: a mapping, a model, a list of either."""
    origin = typing.get_origin(annotation) or annotation
    if origin is dict or (isinstance(origin, type) and issubclass(origin, BaseModel)):
        return True
    return any(_may_hold_keys(arg) for arg in typing.get_args(annotation))


__all__ = ["validated_json", "keys_kept"]
