"""Numbers and their units in words, remembered: a report words the same few quantities many times.

Each cache is bounded (lru_cache with a maxsize) and keyed by the value's type beside the value, so that
1, 1.0 and True stay apart; `cacheable` keeps out the values a cache would confuse (NaN, -0.0).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from engine.semantics.units import format_number, unit_words
from .i18n import in_script


def cacheable(x: Any) -> bool:
    """Whether a value may key a cache of its words: not NaN (never equal to itself) nor -0.0 (equal to 0.0)."""
    return x is None or (x == x and not (type(x) is float and x == 0))


@lru_cache(maxsize=8192)
def number(kind: type, x: int | float, lang: str, decimals: int = 2) -> str:
    """format_number, remembered (`kind` keeps 1 and 1.0 and True apart)."""
    return format_number(x, lang, decimals)


def formatted(x: Any, lang: str) -> str:
    """format_number(x, lang), remembered for a plain number (an int or float, `cacheable`)."""
    kind = type(x)
    return number(kind, x, lang) if (kind is int or kind is float) and cacheable(x) else format_number(x, lang)


@lru_cache(maxsize=8192)
def units(unit: str | None, kind: type, v: Any, lang: str) -> str:
    """The unit's words after a value (or without one: v None), in the report's script, remembered."""
    return in_script(lang, unit_words(unit, v, lang))


@lru_cache(maxsize=8192)
def quantity(kind: type, x: int | float, unit: str | None, lang: str, decimals: int = 2) -> str:
    """A number with its unit's words ('58 credits', '7,5 ώρες'), remembered; `kind` is int or float and
    `x` cacheable; to `decimals` decimals at most (engine.semantics.units.format_number)."""
    words = units(unit, kind, x, lang)
    shown = number(kind, x, lang, decimals)
    return f"{shown} {words}" if words else shown


__all__ = ["cacheable", "number", "formatted", "units", "quantity"]
