"""The totals of a programme's years and terms and of the programme itself, worked out together when no
choice can change them: the common case, without tables of combinations.

A part's total outside a choice being evaluated is what its collection's sum gives over its courses'
values (engine.semantics.collection). When the programme has no specialisations, every value of the
field is a plain number, and each elective group the part holds lies wholly in it and adds one value
whatever is chosen (engine.semantics.settled), that sum is `sum()` of the values of the part's courses
outside groups, in the part's order, then each group's value in the part's order of groups, rounded
after each as `sums.settled_total` rounds: the very additions the general way makes, so the same
number to the type and the last bit. When a field's total of a year (a term, the programme) is first
read, a `Sheet` works out that field's totals of every year (term, the programme) it covers at once,
each course's value read once and each group's value worked out once, and keeps them where the parts
keep their totals. The sheet notes each year and term as the programme's view makes it (`add`): what a
part's totals are made of is laid out then, without the part's collection (made only when read). A part
it does not cover goes the general way: a term counting a year-long course by its share, a part holding
only some of a group's courses, a field with a value that is not a plain number, a group whose
selections may add different values, a part the file holds only in part.
"""
from __future__ import annotations

import weakref
from operator import attrgetter

from engine.semantics.settled import first_k, listed, plain_shape, worth_the_same
from engine.semantics.sums import settled_total, tidy_sum

FIELDS = frozenset(("credits", "contact_hours", "independent_hours", "total_hours"))
PROGRAMME = "programme"  # the programme's kind beside the parts' labels ("year", "term")
_NUMBERS = frozenset((int, float))


class Sheet:
    """The totals of one programme's parts, worked out together (see the module's docstring)."""

    __slots__ = ("_view", "_groups", "_layouts", "_fields")

    def __init__(self, view):
        """`view`: the ProgrammeView (held weakly: its parts hold the sheet), its years and terms not yet
        made (each is noted as made: `add`)."""
        self._view = weakref.ref(view)
        whole = view.courses
        # label -> (a programme group that may add one value: "choose k" with its selections listed, its
        # courses' places); None with specialisations (a total depends on the one followed)
        self._groups: dict | None = None if whole.one_of else {
            g.label: (g, g.inside) for g in whole.groups if g.rule is not None and plain_shape(g) and listed(g)}
        # kind -> [(a part's totals, its courses outside groups, its groups' labels)]
        self._layouts: dict = {"year": [], "term": []}
        # field -> ({group label: what it adds (None: it may add different values)}, are they all ints?), or
        # None when some course's value of the field is not a plain number
        self._fields: dict = {}

    def add(self, kind: str, part) -> None:
        """Note a year or term ("year", "term") as made, and as covered when it is: (its totals, its
        courses outside groups in its order, its groups' labels in its order). Noted while the part is
        fresh (its objects near at hand), not looked for again when its totals are first read."""
        groups = self._groups
        if groups is None or part._shares is not None or part._partial is not None:
            return
        views, placed = part._views, part._groups  # (its collection not made: see PartView.courses)
        if not placed:
            self._layouts[kind].append((part._totals, views, ()))
            return
        labels, grouped = [], set()
        for g in placed:  # each the programme's group wholly inside the part: the same courses in the same
            # order, so the same values (the groups a part sees are those a scan of its courses finds:
            # tests/test_sum_shortcut.py)
            whole_group = groups.get(g.label, (None,))[0]
            if whole_group is None or g.outside or g.rule is not whole_group.rule or g.k != whole_group.k \
                    or g.keys != whole_group.keys:
                return
            labels.append(g.label)
            grouped.update(g.inside)
        fixed = [v for i, v in enumerate(views) if i not in grouped]  # as the part's collection's `fixed`
        self._layouts[kind].append((part._totals, fixed, tuple(labels)))

    def fill(self, field: str, kind: str) -> None:
        """Work out `field`'s totals (outside a choice being evaluated) of every part of `kind` (PROGRAMME,
        "year", "term") covered, once, and keep each in the part's totals (`_totals`)."""
        if field not in FIELDS:
            return
        layout = self._layouts.get(kind)
        if layout is None:  # the programme's, worked out when first read
            view = self._view()
            if view is None:
                return
            layout = self._layouts[kind] = self._lay_out(view)
        if not layout:
            return
        group_values = self._fields.get(field, self)
        if group_values is self:
            group_values = self._fields[field] = self._read(field)
        if group_values is None:
            return  # a value not known (or not a number): its parts say so the general way
        get = attrgetter(field)
        values, all_ints = group_values
        for totals, fixed, labels in layout:
            if field in totals:
                continue
            total = tidy_sum(map(get, fixed))
            if labels:
                adds = list(map(values.__getitem__, labels))
                if None in adds:
                    continue
                # whole numbers add exactly in any order; else one by one, rounded as the general way rounds
                total = total + sum(adds) if all_ints and type(total) is int else settled_total(total, adds)
            totals[field] = total

    def _read(self, field: str) -> tuple | None:
        """What each group adds to `field`'s totals (None: it may add different values) and whether each
        is an int; None when some course's value is not a plain number. (Each course's value read once:
        a field like total_hours is a property.)"""
        view = self._view()
        if view is None:
            return None
        values = list(map(attrgetter(field), view.courses.items))
        if not _NUMBERS.issuperset(map(type, values)):
            return None
        adds = {}
        for label, (g, inside) in self._groups.items():
            members = list(map(values.__getitem__, inside))
            adds[label] = first_k(g, members) if worth_the_same(members) else None
        return adds, all(type(v) is int for v in adds.values() if v is not None)

    def _lay_out(self, view) -> list:
        """The programme as a part, when covered: it holds every group (covered when no two share a label)."""
        whole, groups = view.courses, self._groups
        if groups is None or view._partial is not None or len(groups) != len(whole.groups):
            return []
        return [(view._totals, list(map(whole.items.__getitem__, whole.fixed)), tuple(groups))]


__all__ = ["FIELDS", "PROGRAMME", "Sheet"]
