"""Recognised credits against credits earned, line by line (engine.subjects.transfer.recognition_claims)."""
from __future__ import annotations

import itertools

from hypothesis import given, settings, strategies as st

from engine.semantics.values import Unknown
from engine.subjects.transfer.recognition_claims import deficient, judge


def _violates(group, claims, earned, links) -> bool:
    sources = set().union(*(links[n] for n in group))
    return sum(claims[n] for n in group) > sum(earned[s] for s in sources) + 1e-9


def _subsets(items):
    return (set(c) for r in range(1, len(items) + 1) for c in itertools.combinations(items, r))


instances = st.integers(1, 4).flatmap(lambda n_supply: st.tuples(
    st.lists(st.integers(0, 12), min_size=n_supply, max_size=n_supply),
    st.lists(st.tuples(st.integers(1, 15), st.sets(st.integers(0, n_supply - 1), max_size=n_supply)),
             min_size=1, max_size=4)))


@settings(max_examples=300, deadline=None)
@given(instances)
def test_the_lines_at_fault_are_those_of_the_groups_that_claim_more_than_their_components_earned(instance):
    earned_list, lines = instance
    earned = dict(enumerate(earned_list))
    claims = {i: c for i, (c, _) in enumerate(lines)}
    links = {i: s for i, (_, s) in enumerate(lines)}
    bad = deficient(earned, claims, links)
    violating = [g for g in _subsets(list(claims)) if _violates(g, claims, earned, links)]
    assert bool(bad) == bool(violating)  # Hall: every claim can be met exactly when no group over-claims
    if bad:
        assert _violates(bad, claims, earned, links)
        minimal = [g for g in violating if not any(h < g for h in violating)]
        assert all(g <= bad for g in minimal)  # every line of a smallest over-claiming group is named


def test_a_comparison_that_holds_or_fails_for_every_unknown_result_is_decided():
    # one line claims 23 from components that earned 6, and 15 more if the unknown one passed
    def verdict(claim):
        return judge([0], lambda w: {0: claim}, lambda w: {"a": 6, "b": 15 if w["b"] else 0}, {0: {"a", "b"}},
                     {("s", "b"): {"b"}}, ["b"], lambda keys: "the result of b is not known")[0]
    assert verdict(23).holds is False
    assert verdict(6).holds is True
    undecided = verdict(21).holds
    assert isinstance(undecided, Unknown) and "b" in undecided.reason
    assert verdict(21).given == (6, 21)
