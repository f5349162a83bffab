"""A finding's message and trace, rebuilt when first read.

The fast path (engine.evaluation.fastpath) decides a finding without recording anything. What a
report may later read of it is rebuilt from what one `Later` keeps for every finding of one rule on
one subject (the evaluator, the rule, the subject, and each finding's element by its reference):
the generic evaluator is run again on that rule and that element, traced, and the finding takes its
message and trace. The verdict is the same (the fast path decides only what comes out plainly true or
false), so are they; and they do not depend on what happened to the finding since (a waiver changes
its status, not its message). The finding keeps them, and lets go of the subject.

An audit's findings themselves may wait too: a Report holds a `Pending` (engine.evaluation.rows.Rows,
what the evaluation decided) until its `findings` are first read (`made_when_read`).
"""
from __future__ import annotations

from typing import Any


class Later:
    """What rebuilds the message and trace of the findings of one rule on one subject.

    `items` maps id(a finding's subject reference) to the element it is about (absent: the subject)."""

    __slots__ = ("evaluator", "rule", "subject", "items")

    def __init__(self, evaluator: Any, rule: Any, subject: Any, items: dict[int, Any]):
        self.evaluator = evaluator
        self.rule = rule
        self.subject = subject
        self.items = items

    def rebuild(self, finding: Any) -> Any:
        """The finding as the generic evaluator makes it (the same verdict), with its message and trace."""
        return self.evaluator.rebuilt(self.rule, self.subject, self.items.get(id(finding.subject_ref)),
                                      finding.subject_ref)


class Pending:
    """What makes a report's findings when they are first read (engine.evaluation.rows.Rows)."""

    __slots__ = ()

    def findings(self) -> list:
        """The findings, made on first use and then kept."""
        raise NotImplementedError


def made_when_read(store: str) -> property:
    """A report's findings as a property over the attribute `store`: a list as given, or a Pending that
    is replaced by the list it makes when first read; setting it sets the list."""
    def get(self) -> list:
        value = getattr(self, store)
        if isinstance(value, Pending):
            value = value.findings()
            setattr(self, store, value)
        return value

    def put(self, value) -> None:
        setattr(self, store, value)
    return property(get, put, doc="Every finding of the report, in order (made when first read).")


__all__ = ["Later", "Pending", "made_when_read"]
