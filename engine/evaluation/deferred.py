"""A finding's message and trace, rebuilt when first read.

The fast path (engine.evaluation.fastpath) decides a finding without recording anything. What a
report may later read of it is rebuilt from what one `Later` keeps for every finding of one rule on
one subject (the evaluator, the rule, the subject, and each finding's element by its reference):
the generic evaluator is run again on that rule and that element, traced, and the finding takes its
message and trace. The verdict is the same (the fast path decides only what comes out plainly true or
false), so are they; and they do not depend on what happened to the finding since (a waiver changes
its status, not its message). The finding keeps them, and lets go of the subject.
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


__all__ = ["Later"]
