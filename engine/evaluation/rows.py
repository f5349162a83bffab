"""An audit's findings kept as plain rows until something reads them.

The fast path (engine.evaluation.fastpath) decides most findings of an audit as (element, status)
pairs. Making a Finding and its element's SubjectRef for each costs more than deciding it, and leaves
objects the garbage collector must look at again and again while a batch keeps its reports. So an
audit keeps one flat list of what was decided, in order:

- `rule, n, end`: the rows from here to index `end` (excluded) are decided by this rule's generated
  function; the first n findings the generic evaluator made (Rows.made) come before them;
- `element, status`: one finding of that rule (element None: the subject itself).

`Rows.findings()` makes the findings from it on first use, in the order and with the values an eager
evaluation gives (the same RuleFacts, one Later per rule for the message and trace, the same
references), and keeps them. Report.findings reads it so (engine.evaluation.deferred.made_when_read).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from engine.evaluation.deferred import Later, Pending
from engine.evaluation.findings import Finding, SubjectRef
from engine.ruleset.compiled import subject_describer

KEY_FIELDS = ("code", "number", "id")  # the attribute that names an element, by preference
_new_ref = tuple.__new__  # SubjectRef(kind, key, label) without the Python frame of a named tuple's __new__


@lru_cache(maxsize=None)
def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def subject_ref(item, type_name: str | None) -> SubjectRef:
    """A structured reference to an element a rule goes through (term 3, course PE305)."""
    describe, kind = naming(type_name)
    return named(item, describe, kind)


def named(item, describe, kind: str) -> SubjectRef:
    """The reference of an element, its type's naming worked out (subject_ref)."""
    label = describe(item)
    for attr in KEY_FIELDS:
        key = getattr(item, attr, None)
        if type(key) is str or type(key) is int or isinstance(key, (str, int)) and not isinstance(key, bool):
            return _new_ref(SubjectRef, (kind, key, label))
    return _new_ref(SubjectRef, (kind, None, label))


@lru_cache(maxsize=None)
def naming(type_name: str | None) -> tuple:
    """How an element of this type is described, and the kind its references name."""
    return subject_describer(type_name), _snake(type_name) if type_name else "item"


class Rows(Pending, Sequence):
    """The findings of one audit of one subject, as rows until first read (a sequence of Finding).

    `flat` holds the rows (the module's docstring), `made` the findings the generic evaluator made, in
    order; `refs` (id(element) -> its reference) and `items` (id(reference) -> the element) are the
    audit's, the references the generic evaluator made included, so that an element has one reference."""

    __slots__ = ("evaluator", "subject", "ref", "flat", "made", "refs", "items", "_findings")

    def __init__(self, evaluator: Any, subject: Any, ref: SubjectRef, flat: list, made: list[Finding],
                 refs: dict[int, SubjectRef], items: dict[int, Any]):
        self.evaluator = evaluator
        self.subject = subject
        self.ref = ref
        self.flat = flat
        self.made = made
        self.refs = refs
        self.items = items
        self._findings: list[Finding] | None = None

    def findings(self) -> list[Finding]:
        """The findings, made on first use and then kept (the same list every time)."""
        if self._findings is None:
            self._findings = self._make()
            self.subject = self.flat = self.made = self.refs = self.items = None  # the findings keep what they need
        return self._findings

    def _make(self) -> list[Finding]:
        flat, made, refs, items = self.flat, self.made, self.refs, self.items
        out: list[Finding] = []
        done = 0  # findings of `made` already placed
        rule = later = None
        k = 0
        while k < len(flat):
            rule_k, upto, end = flat[k], flat[k + 1], flat[k + 2]
            out += made[done:upto]
            done = upto
            if end > k + 3:
                if rule_k is not rule:
                    rule = rule_k
                    later = Later(self.evaluator, rule, self.subject, items)
                    name = _namer(refs, items, *naming(rule.scope_type))
                out += Finding.of_each(self.evaluator.facts(rule), flat[k + 3:end:2], flat[k + 4:end:2], later,
                                       self.ref, refs, name)
            k = end
        out += made[done:]
        return out

    def __len__(self) -> int:
        return len(self.findings())

    def __getitem__(self, index):
        return self.findings()[index]

    def __iter__(self):
        return iter(self.findings())


def _namer(refs: dict[int, SubjectRef], items: dict[int, Any], describe, kind: str):
    """What names an element that has no reference yet, and records it both ways."""
    def name(item) -> SubjectRef:
        item_ref = refs[id(item)] = named(item, describe, kind)
        items[id(item_ref)] = item
        return item_ref
    return name


__all__ = ["Rows", "named", "naming", "subject_ref"]
