"""The value domain: three-valued logic, numbers that depend on electives, sums over elective groups."""
from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.semantics.collection import Collection, Group
from engine.render.wording import format_value
from engine.semantics.sums import Part, combine, k_subset_sums
from engine.semantics.values import (
    SOME_CHOICES,
    Choices,
    Span,
    Unknown,
    arith,
    compare,
    in_span,
    is_whole,
    tidy,
    tri_and,
    tri_not,
    tri_or,
)

truth = st.sampled_from([True, False, Unknown("x")])


def as_set(v):
    return set(v.values) if isinstance(v, Choices) else {v}


@given(st.lists(truth, min_size=1, max_size=6))
def test_and_or_follow_kleene_logic(values):
    a, o = tri_and(values), tri_or(values)
    if False in values:
        assert a is False
    elif any(isinstance(v, Unknown) for v in values):
        assert isinstance(a, Unknown)
    else:
        assert a is True
    if True in values:
        assert o is True
    elif any(isinstance(v, Unknown) for v in values):
        assert isinstance(o, Unknown)
    else:
        assert o is False


@given(truth)
def test_not_keeps_unknown_unknown(v):
    r = tri_not(v)
    assert isinstance(r, Unknown) if isinstance(v, Unknown) else r is (not v)


@settings(max_examples=200)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=7), st.data())
def test_subset_sums_are_exactly_the_sums_of_k_courses(values, data):
    k = data.draw(st.integers(0, len(values)))
    expected = {sum(c) for c in itertools.combinations(values, k)}
    assert k_subset_sums(values, k, k) == (expected, True)


@settings(max_examples=200)
@given(st.lists(st.integers(1, 10), max_size=5), st.lists(st.integers(1, 10), min_size=1, max_size=5), st.data())
def test_a_term_total_is_every_permitted_choice(fixed, group, data):
    k = data.draw(st.integers(1, len(group)))
    result = combine(sum(fixed), [Part(dict.fromkeys(k_subset_sums(group, k, k)[0]))]).value()
    expected = {sum(fixed) + sum(c) for c in itertools.combinations(group, k)}
    assert as_set(result) == expected


@settings(max_examples=200)
@given(st.lists(st.integers(0, 60), min_size=1, max_size=6), st.integers(0, 60),
       st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
def test_a_comparison_over_choices_is_decided_only_when_all_choices_agree(values, target, op):
    c = Choices(values)
    r = compare(op, c, target)
    each = {compare(op, v, target) for v in set(values)}
    if each == {True}:
        assert r is True
    elif each == {False}:
        assert r is False
    else:
        assert isinstance(r, Unknown) and r.reason.startswith(SOME_CHOICES)


@given(st.integers(-100, 100), st.integers(0, 50), st.integers(0, 50))
def test_span_membership_is_inclusive(x, lo, width):
    assert in_span(x, Span(lo, lo + width)) == (lo <= x <= lo + width)


def test_unknown_propagates_through_arithmetic_and_comparison():
    u = Unknown("course X has no credits")
    assert arith("+", 3, u) is u and compare(">=", u, 2) is u
    assert isinstance(arith("/", 5, 0), Unknown)


def test_is_whole_over_choices():
    assert is_whole(6) is True and is_whole(6.5) is False
    assert isinstance(is_whole(Choices([6, 6.5])), Unknown)


def test_format_value_for_people():
    assert format_value(58, "credits") == "58 credits"
    assert format_value(Choices([28, 30, 32]), "credits") == "28 or 30 or 32 credits (depends on electives)"
    assert format_value(Unknown("no hours"), "hours") == "unknown (no hours)"
    assert format_value(Span(25, 30), "hours/credit") == "25 to 30 hours per credit"
    assert format_value(1, "credits") == "1 credit" and format_value(6, "credits", "el") == "6 πιστωτικές μονάδες"


def test_all_over_an_elective_group_depends_on_the_choice():
    coll = Collection(["a", "b", "c"], (Group(1, (1, 2), 0, "g"),))
    assert coll.all([True, True, True]) is True
    assert coll.all([False, True, True]) is False          # a compulsory member fails
    assert isinstance(coll.all([True, False, True]), Unknown)  # fails only if b is chosen
    assert coll.all([True, False, False]) is False         # every choice takes a failing member
    assert coll.any([False, False, True]) is not False


def test_count_with_electives():
    coll = Collection(["a", "b", "c", "d"], (Group(2, (1, 2, 3), 0, "g"),))
    assert coll.count([True] * 4) == 3
    assert as_set(coll.count([True, True, False, False])) == {1, 2}


def test_a_range_known_only_by_its_bounds_is_never_equal_to_a_value_outside_it():
    bounds = Choices([0.12, 0.13], exact=False)
    assert compare("!=", bounds, 0.96) is True and compare("==", bounds, 0.96) is False
    assert isinstance(compare("==", bounds, 0.125), Unknown)
    assert compare("!=", 0.96, bounds) is True


def test_units_in_serbian_take_the_right_number_form():
    from engine.semantics.units import unit_words
    assert [unit_words("credits", n, "sr") for n in (1, 3, 6, 12, 21, 22)] == \
        ["ESPB bod", "ESPB boda", "ESPB bodova", "ESPB bodova", "ESPB bod", "ESPB boda"]
    assert unit_words("hours/week", 20, "sr") == "časova po nedelji"


@given(st.one_of(st.floats(allow_nan=False), st.integers(-10**6, 10**6).map(float),
                 st.integers(-10**6, 10**6).map(lambda n: n / 8)))
def test_tidy_takes_a_whole_float_to_its_int_as_rounding_would(x):
    """tidy's quick way for a whole float gives what rounding to 9 places then tidying gives."""
    r = round(x, 9) if x == x and abs(x) != float("inf") else x
    expected = int(r) if isinstance(r, float) and r.is_integer() else r
    assert type(tidy(x)) is type(expected) and tidy(x) == expected
