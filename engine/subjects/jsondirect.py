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
    # With no escape, the texts of valid JSON are what stands between the 1st and 2nd quote, the 3rd and
    # 4th...; outside them, each colon stands between a key and its value. As many keys as the model kept
    # means no key was given twice.
    colons_in_texts = b"".join(raw.split(b'"')[1::2]).count(b":")
    return obj if raw.count(b":") - colons_in_texts == keys_kept(obj) else None


def keys_kept(obj: Any) -> int:
    """How many keys the JSON text of a validated model gave it: the fields it was given, the keys of
    its mappings, those of the models and mappings it holds."""
    count, stack = 0, [obj]
    while stack:
        value = stack.pop()
        t = type(value)
        if t is list:
            stack += value
        elif t is dict:
            count += len(value)
            stack += value.values()
        else:
            holders = _HOLDERS.get(t, _UNSEEN)
            if holders is _UNSEEN:
                holders = _HOLDERS[t] = _holders(t)
            if holders is not None:  # a model
                given = value.__pydantic_fields_set__
                count += len(given)
                if holders:
                    fields = value.__dict__
                    stack += [fields[name] for name in holders & given]
    return count


_UNSEEN = object()
_HOLDERS: dict[type, frozenset[str] | None] = dict.fromkeys((str, int, float, bool, type(None), dt.date))


def _holders(t: type) -> frozenset[str] | None:
    """The fields of a model whose values may hold keys (models, mappings, lists), from their types; None
    for a value that is not a model."""
    if not (isinstance(t, type) and issubclass(t, BaseModel)):
        return None
    return frozenset(name for name, field in t.model_fields.items() if _may_hold_keys(field.annotation))


def _may_hold_keys(annotation: Any) -> bool:
    origin = typing.get_origin(annotation) or annotation
    if origin in (dict, list) or (isinstance(origin, type) and issubclass(origin, BaseModel)):
        return True
    return any(_may_hold_keys(arg) for arg in typing.get_args(annotation))


__all__ = ["validated_json", "keys_kept"]
