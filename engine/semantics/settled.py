"""What an elective group adds to a total when every permitted selection adds the same.

A group "choose k" (no credit bounds) of courses that are all in the collection summed and all worth
the same adds one value whatever a student chooses: the sum of any k of them. The general way
(engine.semantics.collection) then lists that one value instead of one sum per selection, and the
totals of years, terms and the programme (engine.subjects.programme.part_totals) add it without
tables of combinations; both take it from here, so they agree to the type and the last bit.
"""
from __future__ import annotations

from math import comb

from engine.semantics.choices import SELECTION_LIMIT
from engine.semantics.sums import tidy_sum


def plain_shape(g) -> bool:
    """Is the group (a collection.Group with a rule) "choose k" (no credit bounds) of courses all here,
    in the rule's order?"""
    rule = g.rule
    return not g.outside and rule.count == (g.k, g.k) and not rule.bounded_by_credits and g.keys == rule.codes


def listed(g) -> bool:
    """Does a group of plain shape (plain_shape) have selections, listed (rule.selections() neither None
    nor empty)? Worked out from its size, without listing them or looking them up (a lookup compares the
    rule field by field with the one cached: costly for each programme's new rules)."""
    n, k = len(g.keys), g.k
    return 0 <= k <= n and comb(n, k) <= SELECTION_LIMIT


def worth_the_same(members) -> bool:
    """Are there members, all equal and of one type (not NaN)?"""
    if not members:
        return False
    first, n = members[0], len(members)
    return first == first and members.count(first) == n and list(map(type, members)).count(type(first)) == n


def alike(g, members) -> bool:
    """Is the group "choose k" (no credit bounds) of courses all here and worth the same (same type too)?"""
    return plain_shape(g) and worth_the_same(members)


def settled_value(g, members, selections) -> float | int | None:
    """What group `g` adds whatever is chosen, given its inside members' values and its rule's
    selections (None: too many to list): the first k members' sum when the group is alike and has
    selections; None otherwise (its sums are worked out selection by selection, or bounded)."""
    if selections and alike(g, members):
        return first_k(g, members)
    return None


def first_k(g, members):
    """The sum of a group's first k members: what it adds when they are all worth the same."""
    return tidy_sum(members[:g.k])


__all__ = ["alike", "first_k", "listed", "plain_shape", "settled_value", "worth_the_same"]
