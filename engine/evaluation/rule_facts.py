"""What every finding of one rule shares, in one record per rule (engine.evaluation.findings.Finding
points to it): the rule's id, titles, severity, citations, note, message templates and provenance."""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Mapping


class RuleFacts:
    """What every finding of one rule shares (its id, titles, severity, citations, note, message templates,
    provenance): one object per rule, which each of its findings points to."""

    __slots__ = ("rule", "titles", "severity", "citations", "replaces", "notes", "templates", "provenance")

    def __init__(self, rule: str, titles: Mapping[str, str], severity: str, citations: tuple = (),
                 replaces: str | None = None, notes: Mapping[str, str] | str | None = None,
                 templates: Mapping[str, Any] | None = None, provenance: Any = None):
        self.rule = rule
        self.titles = titles
        self.severity = severity
        self.citations = citations  # engine.evaluation.findings.Citation, each
        self.replaces = replaces  # for an exception: the parent rule it replaced here
        # the rule's note by language ({} without one); a plain text is an English note
        self.notes = {"en": notes} if isinstance(notes, str) else (notes or {})
        self.templates = templates or {}  # the rule's message templates by language (compiled.Template)
        self.provenance = provenance  # engine.evaluation.findings.Provenance

    def copy(self) -> "RuleFacts":
        """The same facts in a record of their own (for one finding whose facts are changed)."""
        other = RuleFacts.__new__(RuleFacts)
        for name in RuleFacts.__slots__:
            setattr(other, name, getattr(self, name))
        return other


def fact(name: str) -> property:
    """A finding's view of one of its rule's facts (read without a Python call: reports read them for
    every finding); setting it gives that finding facts of its own."""
    def put(self, value) -> None:
        facts = self.facts.copy()
        setattr(facts, name, value)
        self.facts = facts
    return property(attrgetter(f"facts.{name}"), put)


__all__ = ["RuleFacts", "fact"]
