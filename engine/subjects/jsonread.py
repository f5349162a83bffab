"""JSON subject files at the speed of `json.loads`, within the limits of engine.limits.

The data comes from `json.loads`; the map of lines (key path -> line) that error messages need is built
only when one is asked for, by the slower line-keeping reader engine.subjects.load gives. A file this
reader cannot vouch for (near a limit, a key given twice, a value JSON and YAML read differently) is
handed back to that reader, which reports the problem with its line.
"""
from __future__ import annotations

import json
import re
from typing import Any, Callable

from engine.errors import SubjectFileError
from engine.semantics.reasons import Count, Reason, because
from engine.limits import MAX_DATA_DEPTH, MAX_DATA_NODES, MAX_EXACT_WHOLE, MAX_KEY_CHARS, MAX_LIST_ITEMS, MAX_TEXT_CHARS, over_limit

THE_YAML_WAY = object()  # read_json's answer when the file must be read by the line-keeping reader


class _Refer(Exception):
    """Raised inside json.loads: the line-keeping reader must read this file."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):  # a key given twice: the line-keeping reader names it and its line
        raise _Refer
    return out


def _float(text: str) -> float:
    # the YAML reader (which the line map and the YAML files follow) reads 1e5 or 1.0e5 as text, not a number
    if "e" in text or "E" in text or len(text) > 64:
        raise _Refer
    return float(text)


def _int(text: str) -> int:
    # a whole number too large for a float to hold exactly is text in the YAML reader (engine.subjects.yamlcore)
    value = int(text)  # over 4,300 digits: ValueError, read the YAML way, which words it as such
    if abs(value) > MAX_EXACT_WHOLE:
        raise _Refer
    return value


def _constant(text: str):
    raise _Refer  # NaN, Infinity: not JSON, text in YAML


def nesting(data: Any, deepest: int) -> int:
    """How deeply the lists and mappings of the data nest (a scalar: 0), counted up to `deepest` (one
    level of containers at a time, the scalars not visited one by one)."""
    return _shape(data, deepest)[0]


def _shape(data: Any, deepest: int) -> tuple[int, int]:
    """(nesting as `nesting` counts it, the number of keys of the mappings in the levels counted: all of
    them when the nesting is less than `deepest`)."""
    level, depth, keys = ([data] if type(data) is dict or type(data) is list else []), 0, 0
    while level and depth < deepest:  # one comprehension a level (not one a container: most hold few values)
        depth += 1
        keys += sum([len(c) for c in level if type(c) is dict])
        level = [x for c in level for x in (c.values() if type(c) is dict else c) if type(x) is dict or type(x) is list]
    return depth, keys


def _colons_in_texts(data: Any) -> int:
    """How many colons the keys and texts of the data hold."""
    colons, stack = 0, [data]
    while stack:
        value = stack.pop()
        t = type(value)
        if t is dict:
            colons += sum(key.count(":") for key in value)
            stack += value.values()
        elif t is list:
            stack += value
        elif t is str:
            colons += value.count(":")
    return colons


def _no_key_twice(text: str, data: Any, keys: int) -> bool:
    """True when no mapping of the text gives a key twice, told from its colons: outside its texts, each
    colon of a JSON text stands between a key and its value, so a text whose colons are as many as the
    keys of its data (`keys`) plus the colons of the data's keys and texts has no key that json.loads
    kept once for two (a text's colon written as an escape, \\u003a, is not one of the text's colons:
    such a text is not judged here)."""
    colons = text.count(":")
    if colons == keys:  # no colon inside a text: the common case, told without a look at the texts
        return True
    return "\\u003" not in text and colons == keys + _colons_in_texts(data)


def _clearly_within_limits(text: str, data: Any) -> bool:
    """True when the text shows its data cannot reach a limit (no text longer than the file, no more
    values than it has characters, no list longer than its commas) and the data nests shallowly."""
    return _text_clearly_within_limits(text, nesting(data, MAX_DATA_DEPTH))


def _text_clearly_within_limits(text: str, depth: int) -> bool:
    """`_clearly_within_limits` for data that nests `depth` deep."""
    return (len(text) <= min(MAX_TEXT_CHARS, MAX_DATA_NODES) and text.count(",") < MAX_LIST_ITEMS
            and depth < MAX_DATA_DEPTH)


def _within_limits(data: Any) -> bool:
    """True when the data stays clear of every limit: values (keys count), depth, list length, text."""
    nodes = 0
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if depth >= MAX_DATA_DEPTH:
            return False
        t = type(value)
        if t is dict:
            if len(value) > MAX_LIST_ITEMS:
                return False
            nodes += len(value)
            for key, item in value.items():
                if len(key) > MAX_TEXT_CHARS:
                    return False
                stack.append((item, depth + 1))
        elif t is list:
            if len(value) > MAX_LIST_ITEMS:
                return False
            stack.extend((item, depth + 1) for item in value)
        elif t is str and len(value) > MAX_TEXT_CHARS:
            return False
        if nodes > MAX_DATA_NODES:
            return False
    return True


_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}\n]')


def _too_deep_line(text: str) -> int | None:
    """The line where lists and mappings first nest deeper than the limit (strings skipped), for the error."""
    depth, line = 0, 1
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > MAX_DATA_DEPTH:
                return line
        elif token in "]}":
            depth -= 1
    return None


_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"(\s*:)?')


def refuse_long_keys(text: str, name: str) -> None:
    """SubjectFileError naming the line of the first key of a JSON text written longer than MAX_KEY_CHARS
    (from its opening quote to its colon): the line-keeping reader, which maps a JSON file's lines, cannot
    read such a key, and would word it as a syntax error."""
    if len(text) <= MAX_KEY_CHARS:
        return
    for m in _STRINGS.finditer(text):  # every text matched whole, so that quotes pair as JSON pairs them
        if m.group(1) is not None and m.end() - 1 - m.start() > MAX_KEY_CHARS:
            chars = m.end() - 1 - m.start()
            raise SubjectFileError(over_limit(because("limit.key_too_long", "a key of {n} characters as written "
                                                      "(quotes included)", n=Count(chars)), MAX_KEY_CHARS),
                                   path=name, line=text.count("\n", 0, m.start()) + 1)


def invalid_json(problem: object) -> Reason:
    """'invalid JSON: <the parser's words>' (the parser's English is quoted as it is)."""
    return because("input.invalid_json", "invalid JSON: {problem}", problem=str(problem))


def read_json(text: str, name: str) -> Any:
    """The data of a JSON text, or THE_YAML_WAY when the line-keeping reader must read it (it says why)."""
    # an escaped surrogate: refused there, as it cannot be written out
    if "\\u" in text and ("\\ud" in text or "\\uD" in text):
        return THE_YAML_WAY
    try:
        data = _loads(text, None)
        depth, keys = _shape(data, MAX_DATA_DEPTH)
        if depth >= MAX_DATA_DEPTH or not _no_key_twice(text, data, keys):
            data = _loads(text, _pairs)  # each mapping's pairs looked at: a key given twice is read the YAML way
    except json.JSONDecodeError as e:
        raise SubjectFileError(invalid_json(e.msg), path=name, line=e.lineno, column=e.colno) from None
    except RecursionError:
        raise SubjectFileError(over_limit(because("limit.too_deep", "lists and mappings nested too deeply"),
                                          MAX_DATA_DEPTH), path=name,
                               line=_too_deep_line(text)) from None
    except (_Refer, ValueError):  # ValueError: an integer of more than 4,300 digits
        return THE_YAML_WAY
    return data if _text_clearly_within_limits(text, depth) or _within_limits(data) else THE_YAML_WAY


# A whole number of 15 digits or fewer is below 2**53 and needs no check: the text's bytes with every digit
# written 0 hold sixteen 0s in a row wherever a longer run of digits stands (found much faster than by a regex).
_DIGITS = bytes.maketrans(b"0123456789", b"0000000000")
_SIXTEEN_DIGITS = b"0" * 16


def _loads(text: str, pairs: Callable[[list], dict] | None) -> Any:
    """json.loads, with the numbers and constants YAML reads as text referred (and `pairs` making mappings).
    Whole numbers are looked at one by one only when the text has a run of 16 digits somewhere."""
    parse_int = _int if _SIXTEEN_DIGITS in text.encode("utf-8", "surrogatepass").translate(_DIGITS) else None
    return json.loads(text, object_pairs_hook=pairs, parse_float=_float, parse_int=parse_int, parse_constant=_constant)


class LinesOnDemand(dict):
    """A map of lines (key path -> 1-based line) filled by `fill()` the first time it is read or written."""

    __slots__ = ("_fill",)

    def __init__(self, fill: Callable[[], dict]):
        super().__init__()
        self._fill: Callable[[], dict] | None = fill

    def _filled(self) -> LinesOnDemand:
        if self._fill is not None:
            fill, self._fill = self._fill, None
            super().update(fill())
        return self

    def __contains__(self, key) -> bool:
        return dict.__contains__(self._filled(), key)

    def __getitem__(self, key):
        return dict.__getitem__(self._filled(), key)

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self._filled(), key, value)

    def __iter__(self):
        return dict.__iter__(self._filled())

    def __len__(self) -> int:
        return dict.__len__(self._filled())

    def get(self, key, default=None):
        return dict.get(self._filled(), key, default)

    def setdefault(self, key, default=None):
        return dict.setdefault(self._filled(), key, default)

    def items(self):
        return dict.items(self._filled())

    def keys(self):
        return dict.keys(self._filled())

    def values(self):
        return dict.values(self._filled())
