"""An audit's findings kept as plain rows until something reads them.

The fast path (engine.evaluation.fastpath) decides most findings of an audit as (element, status)
pairs. Making a Finding and its element's SubjectRef for each costs more than deciding it, and leaves
objects the garbage collector must look at again and again while a batch keeps its reports. So an
audit keeps one flat list of what was decided, in order:

- `rule, n, end`: the rows from here to index `end` (excluded) are decided by this rule's generated
  function; the first n findings the generic evaluator made (Rows.made) come before them;
- `position, status`: one finding of that rule, on the element at that position in the rule's
  collection (None: the subject itself), as the generated function records it.

So the rows do not keep the subject's view alive (engine.evaluation.source): the view is reached weakly,
or made again from its model, when the findings are made. At the end of the audit (`kept`) the few
elements the generic evaluator went through are named by their positions too.

`Rows.findings()` makes the findings from it on first use, in the order and with the values an eager
evaluation gives (the same RuleFacts, one Later per rule for the message and trace, the same
references), and keeps them. Report.findings reads it so (engine.evaluation.deferred.made_when_read).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter
from typing import Any

from engine.evaluation.deferred import Later, Pending, Replay
from engine.evaluation.findings import Finding, SubjectRef
from engine.evaluation.source import Source
from engine.ruleset.compiled import subject_describer
from engine.semantics.collection import Collection

KEY_FIELDS = ("code", "number", "id")  # the attribute that names an element, by preference
_SUBJECT_REF = attrgetter("subject_ref")
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
    order; `generic` the references those findings made, each with the rule and the element it is about
    (rule, where), so that an element has one reference. `source` reaches the subject's view without
    keeping it (engine.evaluation.source): an element is then named by its position in the rule's
    collection (`where`), else by itself (`kept`)."""

    __slots__ = ("evaluator", "source", "ref", "flat", "made", "generic", "_findings")

    def __init__(self, evaluator: Any, source: Source, ref: SubjectRef, flat: list, made: list[Finding],
                 generic: list[tuple]):
        self.evaluator = evaluator
        self.source = source
        self.ref = ref
        self.flat = flat
        self.made = made
        self.generic = generic
        self._findings: list[Finding] | None = None

    def findings(self) -> list[Finding]:
        """The findings, made on first use and then kept (the same list every time)."""
        if self._findings is None:
            self._findings = self._make()
            self.flat = self.made = self.generic = None  # the findings keep what they need
        return self._findings

    def _make(self) -> list[Finding]:
        flat, made, ev, source = self.flat, self.made, self.evaluator, self.source
        view = source.view()
        elements = _Elements(ev, view, source.by_position)
        refs = {id(elements.at(rule, where)): ref for ref, rule, where in self.generic}  # id(element) -> reference
        out: list[Finding] = []
        done = 0  # findings of `made` already placed
        k = 0
        while k < len(flat):
            rule, upto, end = flat[k], flat[k + 1], flat[k + 2]
            out += made[done:upto]
            done = upto
            if end > k + 3:
                wheres = flat[k + 3:end:2]
                items = elements.each(rule, wheres)
                later = Later(ev, rule, source, None)
                made_now = Finding.of_each(ev.facts(rule), items, flat[k + 4:end:2], later,
                                           self.ref, refs, _namer(refs, *naming(rule.scope_type)))
                if rule.collection is not None:  # each finding's element, by its reference
                    later.where = (list(map(_SUBJECT_REF, made_now)), wheres if source.by_position else items)
                out += made_now
            k = end
        out += made[done:]
        return out

    def __len__(self) -> int:
        return len(self.findings())

    def __getitem__(self, index):
        return self.findings()[index]

    def __iter__(self):
        return iter(self.findings())


class _Elements:
    """The elements of a view that rows name, by position in each rule's collection (or themselves)."""

    __slots__ = ("evaluator", "view", "by_position", "lists")

    def __init__(self, evaluator: Any, view: Any, by_position: bool):
        self.evaluator, self.view, self.by_position = evaluator, view, by_position
        self.lists: dict[int, list] = {}

    def _list(self, rule) -> list:
        found = self.lists.get(id(rule))
        if found is None:
            found = self.lists[id(rule)] = self.evaluator.elements(rule, self.view)
        return found

    def at(self, rule, where) -> Any:
        return self._list(rule)[where] if self.by_position and where is not None else where

    def each(self, rule, positions: list) -> list:
        """The elements at these positions of the rule's collection (None: the subject itself)."""
        if rule.collection is None:
            return positions
        return list(map(self._list(rule).__getitem__, positions))


def _namer(refs: dict[int, SubjectRef], describe, kind: str):
    """What names an element that has no reference yet, and records it."""
    def name(item) -> SubjectRef:
        item_ref = refs[id(item)] = named(item, describe, kind)
        return item_ref
    return name


def kept(evaluator: Any, subject: Any, env: Any, ref: SubjectRef, flat: list, made: list[Finding],
         generic: list[tuple], runs: list[tuple]) -> Rows:
    """What an audit keeps of its subject: its rows (elements by position already) and findings, the
    generic findings' elements by their positions in their rules' collections, and those findings' traces
    to be replayed (`runs`: (rule, element or None, first finding, end) of each generic evaluation), so that
    nothing keeps the view (engine.evaluation.source). A view that cannot be made again, or an element not
    found in its rule's collection, keeps the view."""
    source = Source(subject)
    if source.by_position and (generic or runs):
        positions = _Positions(env)
        try:
            generic = [(r, rule, positions.one(rule, item)) for r, item, rule in generic]
            replays = [(rule, positions.one(rule, item), first, end) for rule, item, first, end in runs if end > first]
        except (KeyError, TypeError):  # not found in its collection, or the collection is not a list of elements
            source.keep(subject)
        else:
            for rule, where, first, end in replays:
                for nth, f in enumerate(made[first:end]):
                    if not isinstance(f._trace, tuple):  # a recorder, which would keep the view
                        f._trace = Replay(evaluator, rule, source, where, nth)
    if not source.by_position:
        generic = [(r, rule, item) for r, item, rule in generic]
    return Rows(evaluator, source, ref, flat, made, generic)


class _Positions:
    """Where elements stand in their rules' collections on one audit's view."""

    __slots__ = ("env", "lists", "collections")

    def __init__(self, env: Any):
        self.env = env
        self.lists: dict[int, tuple] = {}  # id(rule) -> (its elements, id(element) -> position, filled when needed)
        self.collections: dict[int, tuple] = {}  # id(collection) -> (it, the same): rules over one share it

    def _of_rule(self, rule) -> tuple:
        found = self.lists.get(id(rule))
        if found is None:
            items = rule.collection(self.env)
            entry = self.collections.get(id(items))
            if entry is None:
                elements = items.items if type(items) is Collection else list(items)
                entry = self.collections[id(items)] = (items, (elements, {}))
            found = self.lists[id(rule)] = entry[1]
        return found

    def one(self, rule, item) -> int | None:
        """The position of the element in the rule's collection (None: the subject itself)."""
        if item is None:
            return None
        elements, index = self._of_rule(rule)
        if not index:
            index.update(zip(map(id, elements), range(len(elements))))
        return index[id(item)]


__all__ = ["Rows", "kept", "named", "naming", "subject_ref"]
