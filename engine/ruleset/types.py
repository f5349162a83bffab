"""What rule files may refer to: the subjects (programme, transfer, cohort), their fields and types.

Each subject kind declares object types whose fields name a Python attribute of the subject's view
object, a type, and a unit; engine.subjects lists the kinds and their types in one place. The checker
resolves `year.credits` against these; the compiler turns each field into an attribute getter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Type:
    """A static type: number (with unit), string, bool, date, enum, span, set, object or list."""

    kind: str
    unit: str | None = None
    members: tuple[str, ...] = ()  # enum members
    name: str | None = None  # object type name, or item type name for a list of objects
    item: "Type | None" = None  # for list and set

    def describe(self) -> str:
        if self.kind == "number":
            return f"a number of {self.unit}" if self.unit else "a plain number"
        if self.kind == "span":
            return f"a range of {self.unit}" if self.unit else "a range"
        if self.kind == "enum":
            return "one of " + ", ".join(f'"{m}"' for m in self.members)
        if self.kind == "object":
            return f"a {self.name}"
        if self.kind == "list":
            return f"a list of {self.item.describe() if self.item else 'items'}"
        if self.kind == "set":
            return f"a set of {self.item.describe() if self.item else 'values'}"
        return {"string": "a text", "bool": "yes/no", "date": "a date"}.get(self.kind, self.kind)


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
