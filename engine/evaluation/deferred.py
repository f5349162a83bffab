"""A finding's message and trace, rebuilt when first read.

The fast path (engine.evaluation.fastpath) decides a finding without recording anything. What a
report may later read of it is rebuilt from what one `Later` keeps for every finding of one rule on
one subject (the evaluator, the rule, the subject's Source, and each finding's element by its reference):
the generic evaluator is run again on that rule and that element, traced, and the finding takes its
message and trace. The verdict is the same (the fast path decides only what comes out plainly true or
false), so are they; and they do not depend on what happened to the finding since (a waiver changes
its status, not its message). The finding keeps them. A finding the generic evaluator made during the
audit keeps its message; its trace, whose recorder would keep the view, is rebuilt so too (`Replay`).
Neither keeps the view itself (engine.evaluation.source).

An audit's findings themselves may wait too: a Report holds a `Pending` (engine.evaluation.rows.Rows,
what the evaluation decided) until its `findings` are first read (`made_when_read`).
"""
from __future__ import annotations

from typing import Any


class Later:
    """What rebuilds the message and trace of the findings of one rule on one subject.

    `source` reaches the subject's view (engine.evaluation.source); `where` maps id(a finding's subject
    reference) to its element, by position in the rule's collection when the source says so (None: every
    finding is about the subject itself). The rules over one collection share one such map
    (engine.evaluation.rows)."""

    __slots__ = ("evaluator", "rule", "source", "where")

    def __init__(self, evaluator: Any, rule: Any, source: Any, where: dict[int, Any] | None):
        self.evaluator = evaluator
        self.rule = rule
        self.source = source
        self.where = where

    def rebuild(self, finding: Any) -> Any:
        """The finding as the generic evaluator makes it (the same verdict), with its message and trace."""
        view = self.source.view()
        item = None if self.where is None else self._element(view, self.where[id(finding.subject_ref)])
        return self.evaluator.rebuilt(self.rule, view, item, finding.subject_ref)

    def _element(self, view: Any, where: Any) -> Any:
        return self.evaluator.elements(self.rule, view)[where] if self.source.by_position else where


class Replay(Later):
    """What rebuilds the trace of a finding the generic evaluator made during the audit (its recorder
    would keep the view): that evaluation run again, on the element at `where` (None: the subject), and
    its finding number `nth` taken."""

    __slots__ = ("nth",)

    def __init__(self, evaluator: Any, rule: Any, source: Any, where: Any, nth: int):
        super().__init__(evaluator, rule, source, where)
        self.nth = nth

    def rebuild(self, finding: Any) -> Any:
        view = self.source.view()
        item = None if self.where is None else self._element(view, self.where)
        return self.evaluator.replayed(self.rule, view, item, finding.subject_ref)[self.nth]


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


__all__ = ["Later", "Pending", "Replay", "made_when_read"]
