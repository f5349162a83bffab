"""A finding's message and trace, rebuilt when first read.

The fast path (engine.evaluation.fastpath) decides a finding without recording anything. What a
report may later read of it is rebuilt from what it keeps (the rule, the subject, the element):
- the message: the rule's template holes captured on the element, as the generic evaluator captures
  them for a decided finding (or the engine's "does not apply" sentence);
- the trace: the generic evaluator run again on that rule and that element, traced; the verdict is the
  same (the fast path decides only what comes out plainly true or false), so is the trace.
The finding keeps what is built, and lets the subject go once it has both.
"""
from __future__ import annotations

from typing import Any


class Deferred:
    """What rebuilds one finding's message and trace: the evaluator, the rule, the subject and element."""

    __slots__ = ("evaluator", "rule", "subject", "item", "ref", "status")

    def __init__(self, evaluator: Any, rule: Any, subject: Any, item: Any, ref: Any, status: str):
        self.evaluator = evaluator
        self.rule = rule
        self.subject = subject
        self.item = item
        self.ref = ref
        self.status = status

    def message(self) -> tuple:
        """The finding's message parts."""
        return self.evaluator.deferred_message(self.rule, self.subject, self.item, self.status)

    def events(self) -> tuple:
        """The finding's typed trace events."""
        return self.evaluator.deferred_trace(self.rule, self.subject, self.item, self.ref)


__all__ = ["Deferred"]
