"""Why a value is unknown, as data: a catalogue key, the English sentence, and its arguments.

The engine states a reason once, in English, where it knows it (`because("course.no_title",
"course {code} has no title", code="PE305")`); a report words it in its own language from the key
`reason.<key>` of reports/i18n/<lang>.yaml (engine.render.wording), falling back to the English.
Arguments may be text, numbers, other reasons, and choices of electives (Witness, Beside).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

# The words a choice of electives is described with; a report passes its own language's.
ENGLISH_CHOICE_WORDS = {"specialisation": "the specialisation {name}", "group": "{courses} (group {group})",
                        "and": " and ", "none": "none", "any": "any choice"}


@dataclass(frozen=True)
class Witness:
    """One permitted choice of electives, as data: the specialisation followed (None when the
    programme has no choice of specialisation or it did not matter) and, per elective group id, the
    codes of the courses taken (an empty tuple: none of the group's courses)."""

    specialisation: str | None = None
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def describe(self, other: "Witness | None" = None, words: Mapping[str, str] = ENGLISH_CHOICE_WORDS) -> str:
        """'the specialisation Coaching, PE351 and PE352 (group t5)'. Beside `other`, only what differs
        from it (the rest of the two choices is the same). `words`: the phrases, in one language."""
        same_track = other is not None and other.specialisation == self.specialisation
        parts = ([words["specialisation"].format(name=self.specialisation)]
                 if self.specialisation is not None and not same_track else [])
        groups = {g: c for g, c in self.groups.items() if other is None or other.groups.get(g) != c} or self.groups
        for gid, codes in groups.items():
            taken = words["and"].join(codes) if codes else words["none"]
            parts.append(words["group"].format(courses=taken, group=gid)
                         if len(self.groups) > 1 or not codes else taken)
        return ", ".join(parts) if parts else words["any"]


@dataclass(frozen=True)
class Beside:
    """A choice described beside another one: only what differs from it."""

    witness: Witness
    other: Witness | None = None

    def describe(self, words: Mapping[str, str] = ENGLISH_CHOICE_WORDS) -> str:
        return self.witness.describe(self.other, words)


class Count(int):
    """A count written with grouped digits (4,096)."""


class Shown(float):
    """A number written as the English message always wrote it (Python's `:g`: 37.5, 1.25); other languages
    write it as their numbers."""


class Field(str):
    """The name of a field of a subject (workload_hours), worded from the field catalogue."""


class Unit(str):
    """A unit of the rule language (credits, hours/credit), worded as its plural in the reader's language."""


class Listed(tuple):
    """Items of a list, read as 'DS521 5, DS522 5'."""


class Plus(tuple):
    """Terms of a sum, read as 'CS101 6 + CS102 6'."""


class Alternatives(tuple):
    """Possible values of a number, read as '28 or 30'."""


@dataclass(frozen=True, eq=False)
class Reason:
    """Why a value is unknown: `key` names the sentence in the catalogues (None: English only),
    `english` is its English template, `args` fill its {placeholders}."""

    key: str | None
    english: str
    args: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return self.english.format(**{k: english_arg(v) for k, v in self.args})

    def __eq__(self, other: object) -> bool:  # equal to its English text, for callers that compare text
        return isinstance(other, (Reason, str)) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def startswith(self, prefix: str) -> bool:
        return str(self).startswith(prefix)

    def __contains__(self, text: str) -> bool:  # `"x" in reason` reads its English text
        return text in str(self)


def because(key: str, english: str, **args: Any) -> Reason:
    """A reason with a catalogue key: because("course.no_title", "course {code} has no title", code=c)."""
    return Reason(key, english, tuple(args.items()))


def plain(text: str) -> Reason:
    """A reason known only in English (from data or a library's message)."""
    return Reason(None, "{text}", (("text", text),))


def reason_data(r: "Reason | str") -> dict[str, Any]:
    """A reason as JSON-able data: {"key", "template" (English), "args", "text" (the English sentence)};
    nested reasons stay data, other arguments become their English text."""
    r = r if isinstance(r, Reason) else plain(r)

    def arg(v: Any) -> Any:
        if isinstance(v, Reason):
            return reason_data(v)
        if isinstance(v, tuple) and any(isinstance(x, Reason) for x in v):
            return [arg(x) for x in v]
        return english_arg(v)
    return {"key": r.key, "template": r.english, "args": {k: arg(v) for k, v in r.args}, "text": str(r)}


def reason_from_data(d: dict[str, Any]) -> Reason:
    """The reason `reason_data` made data of."""
    def arg(v: Any) -> Any:
        if isinstance(v, dict):
            return reason_from_data(v)
        return tuple(arg(x) for x in v) if isinstance(v, list) else v
    return Reason(d.get("key"), d.get("template", "{text}"), tuple((k, arg(v)) for k, v in (d.get("args") or {}).items()))


def english_arg(v: Any) -> str:
    """An argument of a reason in English."""
    if isinstance(v, Witness):
        return v.describe()
    if isinstance(v, Beside):
        return v.describe()
    if isinstance(v, Alternatives):
        return " or ".join(english_arg(x) for x in v)
    if isinstance(v, Plus):
        return " + ".join(english_arg(x) for x in v)
    if isinstance(v, Listed):
        return ", ".join(english_arg(x) for x in v)
    if isinstance(v, Field):
        return v.replace("_", " ")
    if isinstance(v, Count):
        return f"{v:,}"
    if isinstance(v, Shown):
        return f"{v:g}"
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return "; ".join(english_arg(x) for x in v)
    if hasattr(v, "covers"):  # an in-force period
        return v.describe()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


__all__ = ["Field", "Unit", "Count", "Shown", "Plus", "Listed", "Alternatives", "Reason", "Witness", "Beside", "because", "plain", "reason_data", "reason_from_data", "english_arg", "ENGLISH_CHOICE_WORDS"]
