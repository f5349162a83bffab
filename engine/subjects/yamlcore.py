"""A YAML loader that reads numbers and true/false as the YAML 1.2 core schema does.

PyYAML follows YAML 1.1, where `010` is 8 (octal), `1:30` is 90 (base 60) and `1_0` is 10: silent
changes to what a file says; and where `yes`, `no`, `on`, `off` are true/false, so that Norway's country
code `NO` or a course titled `No` was refused as not text. Here a plain value is an integer when it is
written `[-+]?[0-9]+` without a leading zero (`010` stays text, refused where a number is due: YAML 1.1
reads it as 8, YAML 1.2 as 10, and JSON refuses it), `0o17` or `0x1F`; a float as before, but without
the `_` and base-60 forms; true/false only when written `true`, `True`, `TRUE`, `false`, `False` or `FALSE`.
Dates stay text, so that pydantic sees one format whether the file is YAML or JSON.
The resolvers are on PyYAML's Python side, so this works with libyaml's parser (CSafeLoader) too.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from engine.limits import MAX_EXACT_WHOLE

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_REPLACED = (_INT, _FLOAT, _BOOL, "tag:yaml.org,2002:timestamp")

INT_TEXT = re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$")
# YAML 1.1's float forms (as PyYAML reads them) without its `_` separators and base-60 form: `1e5`
# (no dot) and `1.0e5` (no sign in the exponent) stay text as before; `.inf` and `.nan` are floats.
FLOAT_TEXT = re.compile(r"""^(?:[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?
                          |\.[0-9]+(?:[eE][-+][0-9]+)?
                          |[-+]?\.(?:inf|Inf|INF)
                          |\.(?:nan|NaN|NAN))$""", re.X)
BOOL_TEXT = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
YAML_1_1_BOOL_WORDS = frozenset({"yes", "no", "on", "off"})  # any capitalisation YAML 1.1 gives: text here


class CoreLoader(_BASE):
    """Safe YAML loader reading plain numbers and true/false by the YAML 1.2 core schema."""


CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _REPLACED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(_BOOL, BOOL_TEXT, list("tTfF"))
CoreLoader.add_implicit_resolver(_INT, INT_TEXT, list("-+0123456789"))
CoreLoader.add_implicit_resolver(_FLOAT, FLOAT_TEXT, list("-+0123456789."))


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    """An integer as YAML 1.2 writes it (an explicit `!!int` too): decimal, 0o octal or 0x hexadecimal; one
    larger than 2**53 in size, which the engine's floats cannot hold exactly, stays text (refused where a
    number is due, as `1e5` is)."""
    text = loader.construct_scalar(node)
    if not INT_TEXT.match(text):
        raise ValueError(f"'{text}' is not an integer as YAML 1.2 writes one")
    value = whole_number(text)
    return text if value is None else value


def whole_number(text: str) -> int | None:
    """The value of an integer written as YAML 1.2 writes one (INT_TEXT), None when it is larger than
    MAX_EXACT_WHOLE in size (docs/limits.md)."""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith(("0o", "0x")):
        value = int(digits[2:], 8 if digits[1] == "o" else 16)
    else:
        value = int(digits)  # over 4,300 digits: ValueError, which the reader words as such
    return sign * value if value <= MAX_EXACT_WHOLE else None


CoreLoader.add_constructor(_INT, _construct_int)


def leading_zero(text: str) -> bool:
    """True when text is a whole number written with a leading zero (`010`, `-07`), which is read as text."""
    return re.fullmatch(r"[-+]?0[0-9]+", text) is not None


def scalar(text: str) -> Any:
    """One YAML value read with CoreLoader (a command-line `name=value` option's value)."""
    return yaml.load(text, Loader=CoreLoader)
