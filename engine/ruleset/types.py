"""What rule files may refer to: the subjects (programme, transfer, cohort), their fields and types.

Each subject kind declares object types whose fields name a Python attribute of the subject's view
object, a type, and a unit; engine.subjects lists the kinds and their types in one place. The checker
resolves `year.credits` against these; the compiler turns each field into an attribute getter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from engine.ruleset.type_words import type_words


@dataclass(frozen=True)
class Type:
    """A static type: number (with unit), string, bool, date, enum, span, set, object or list."""

    kind: str
    unit: str | None = None
    members: tuple[str, ...] = ()  # enum members
    name: str | None = None  # object type name, or item type name for a list of objects
    item: "Type | None" = None  # for list and set

    def describe(self) -> str:
        """'a number of credits', 'one of "first", "second"' (in English; `type_words` gives the catalogue entry)."""
        return str(type_words(self))


def number(unit: str | None = None) -> Type:
    return Type("number", unit=unit)


STRING = Type("string")
BOOL = Type("bool")
DATE = Type("date")


def enum(*members: str) -> Type:
    return Type("enum", members=tuple(members))


def obj(name: str) -> Type:
    return Type("object", name=name)


def list_of(name: str) -> Type:
    return Type("list", item=obj(name), name=name)


@dataclass(frozen=True)
class Field:
    """A field of an object type: its type, the view's attribute it reads, its doc."""

    name: str
    type: Type
    attr: str  # attribute of the view object
    doc: str


@dataclass
class ObjectType:
    """A kind of thing a rule can look at: its fields and how to name one in a report."""

    name: str
    doc: str
    fields: dict[str, Field] = field(default_factory=dict)
    describe: Callable[[object], str] = str  # e.g. lambda y: f"year {y.number}"

    def add(self, name: str, type_: Type, doc: str, attr: str | None = None) -> "ObjectType":
        self.fields[name] = Field(name, type_, attr or name, doc)
        return self
