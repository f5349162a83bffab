"""JSON text indented by two spaces, exactly as `json.dumps(data, ensure_ascii=False, indent=2,
allow_nan=False)` writes it, in a fraction of the time.

With an indent, the standard library gives up its C encoder for a chain of Python generators that passes
every piece of text up through each level of nesting; a report of 187 findings with their traces and
citations is some 60,000 values deep in such chains. Here one recursive walk appends each piece to one
list, strings go through the standard library's own C string encoder, and numbers through the same
`int.__repr__` / `float.__repr__` the standard encoder calls, so the text is byte for byte the same.
Anything the walk does not handle exactly as the standard encoder would (NaN, infinity, a dict key that is
not a string, an object JSON cannot hold) sends the whole document to `json.dumps`, which then writes it
or raises its own error.
"""
from __future__ import annotations

import json
from typing import Any

_STR = json.encoder.encode_basestring  # the C encoder of a string (ensure_ascii=False) where CPython has it
_INF = float("inf")


class _NotPlain(Exception):
    """The walk met something it leaves to json.dumps."""


def dumps_indented(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)`, byte for byte."""
    out: list[str] = []
    try:
        _value(data, out, "\n")
    except (_NotPlain, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return "".join(out)


def _scalar(v: Any) -> str | None:
    """The JSON text of a scalar (in the standard encoder's order of tests), None for a list or dict."""
    if isinstance(v, str):
        return _STR(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, float):
        if v != v or v == _INF or v == -_INF:
            raise _NotPlain  # json.dumps raises its ValueError (allow_nan=False)
        return float.__repr__(v)
    if isinstance(v, (list, tuple, dict)):
        return None
    raise _NotPlain  # json.dumps raises its TypeError


def _value(v: Any, out: list[str], nl: str) -> None:
    text = _scalar(v)
    if text is not None:
        out.append(text)
    else:
        _container(v, out, nl)


def _container(v: list | tuple | dict, out: list[str], nl: str) -> None:
    if isinstance(v, dict):
        _dict(v, out, nl)
    else:
        _list(v, out, nl)


def _list(items: list | tuple, out: list[str], nl: str) -> None:
    if not items:
        out.append("[]")
        return
    inner = nl + "  "
    sep = "[" + inner
    for v in items:
        kind = type(v)  # the commonest kinds tested first, by exact type (a subclass goes to _scalar)
        if kind is dict or kind is list:
            out.append(sep)
            (_dict if kind is dict else _list)(v, out, inner)
            sep = "," + inner
            continue
        text = _STR(v) if kind is str else _scalar(v)
        if text is not None:
            out.append(sep + text)
        else:
            out.append(sep)
            _container(v, out, inner)
        sep = "," + inner
    out.append(nl + "]")


def _dict(d: dict, out: list[str], nl: str) -> None:
    if not d:
        out.append("{}")
        return
    inner = nl + "  "
    sep = "{" + inner
    for k, v in d.items():
        if not isinstance(k, str):
            raise _NotPlain  # json.dumps turns the key into a string (or refuses it)
        kind = type(v)
        if kind is dict or kind is list:
            out.append(f"{sep}{_STR(k)}: ")
            (_dict if kind is dict else _list)(v, out, inner)
            sep = "," + inner
            continue
        text = _STR(v) if kind is str else _scalar(v)
        if text is not None:
            out.append(f"{sep}{_STR(k)}: {text}")
        else:
            out.append(f"{sep}{_STR(k)}: ")
            _container(v, out, inner)
        sep = "," + inner
    out.append(nl + "}")


__all__ = ["dumps_indented"]
