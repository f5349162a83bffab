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
from typing import Any

from engine.evaluation.deferred import Later, Pending, Replay
from engine.evaluation.findings import Finding, SubjectRef
from engine.evaluation.naming import named, named_each, naming
from engine.evaluation.source import Source
from engine.semantics.collection import Collection

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
        flat, made, ev, source, subject = self.flat, self.made, self.evaluator, self.source, self.ref
        names = _Names(ev, source.view(), source.by_position, self.generic)
        out: list[Finding] = []
        done = 0  # findings of `made` already placed
        k = 0
        while k < len(flat):
            rule, upto, end = flat[k], flat[k + 1], flat[k + 2]
            if upto > done:
                out += made[done:upto]
                done = upto
            if end > k + 3:
                if rule.collection is None:  # every row is about the subject itself
                    refs, where = [subject] * ((end - k - 3) // 2), None
                else:
                    where = names.of(rule)
                    refs = map(where.refs.__getitem__, flat[k + 3:end:2])
                out += Finding.each(ev.facts(rule), flat[k + 4:end:2], refs, Later(ev, rule, source, where))
            k = end
        out += made[done:]
        return out

    def __len__(self) -> int:
        return len(self.findings())

    def __getitem__(self, index):
        return self.findings()[index]

    def __iter__(self):
        return iter(self.findings())


class _Names:
    """The elements of a view that rows name, by position in each rule's collection, and their references:
    an element is named once, whichever rule's rows or generic findings name it. Each collection is named
    whole, once (as the evaluator names every element it goes through), in one _Where that the Later of
    every rule over it shares (engine.evaluation.deferred)."""

    __slots__ = ("evaluator", "view", "by_position", "lists", "by_list", "by_id")

    def __init__(self, evaluator: Any, view: Any, by_position: bool, generic: list[tuple]):
        self.evaluator, self.view, self.by_position = evaluator, view, by_position
        self.lists: dict[int, list] = {}  # id(rule) -> the elements of its collection
        self.by_list: dict[int, _Where] = {}  # id(elements) -> their references, and where each element is
        at = self._at if by_position else _itself
        self.by_id = {id(at(rule, where)): ref for ref, rule, where in generic}  # id(element) -> reference

    def _list(self, rule) -> list:
        found = self.lists.get(id(rule))
        if found is None:
            found = self.lists[id(rule)] = self.evaluator.elements(rule, self.view)
        return found

    def _at(self, rule, where) -> Any:
        return self._list(rule)[where] if where is not None else None

    def of(self, rule) -> "_Where":
        """The references of the elements of the rule's collection, by position, and where each element is
        (rules over one collection share them; an element named before, by a generic finding or in another
        collection, keeps its reference)."""
        elements = self._list(rule)
        found = self.by_list.get(id(elements))
        if found is not None:
            return found
        ids = list(map(id, elements))
        by_id = self.by_id
        describe, kind = naming(rule.scope_type)
        if by_id and any(map(by_id.get, ids)) or len(set(ids)) < len(ids):
            refs = []  # some named already (by a generic finding, in another collection, or listed twice)
            for i, item in zip(ids, elements):
                item_ref = by_id.get(i)
                if item_ref is None:
                    item_ref = by_id[i] = named(item, describe, kind)
                refs.append(item_ref)
        else:
            refs = named_each(elements, describe, kind)
            by_id.update(zip(ids, refs))
        found = self.by_list[id(elements)] = _Where(refs, range(len(refs)) if self.by_position else elements)
        return found


class _Where(dict):
    """id(reference) -> where its element is (its position in the collection, or the element itself when
    the view is kept), for the references `refs` of one collection's elements in order: filled when first
    looked up (only a finding's message or trace rebuilt looks it up: engine.evaluation.deferred)."""

    __slots__ = ("refs", "_places")

    def __init__(self, refs: list[SubjectRef], places: Sequence):
        super().__init__()
        self.refs = refs
        self._places = places

    def __missing__(self, key: int) -> Any:
        if self._places is None:
            raise KeyError(key)
        self.update(zip(map(id, self.refs), self._places))
        self._places = None
        return self[key]


def _itself(rule, where) -> Any:
    return where


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


__all__ = ["Rows", "kept"]
