"""A finding's message and trace, rebuilt when first read.

The fast path (engine.evaluation.fastpath) decides a finding without recording anything. What a
report may later read of it is rebuilt from what one `Later` keeps for every finding of one rule on
one subject (the evaluator, the rule, the subject, and each finding's element by its reference):
- the message: the rule's template holes captured on the element, as the generic evaluator captures
  them for a decided finding (or the engine's "does not apply" sentence);
- the trace: the generic evaluator run again on that rule and that element, traced; the verdict is the
  same (the fast path decides only what comes out plainly true or false), so is the trace.
A finding keeps what is built, and lets go of the subject once it has both.
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

    def message_of(self, finding: Any) -> tuple:
        """The finding's message parts."""
        return self.evaluator.deferred_message(self.rule, self.subject, self.items.get(id(finding.subject_ref)),
                                               finding.status)

    def events_of(self, finding: Any) -> tuple:
        """The finding's typed trace events."""
        return self.evaluator.deferred_trace(self.rule, self.subject, self.items.get(id(finding.subject_ref)),
                                             finding.subject_ref)


__all__ = ["Later"]
