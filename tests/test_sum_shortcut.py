"""Totals over elective groups: the shortcuts against the general way, and groups placed in years and terms.

A collection's sum takes a shortcut when every elective group can add only one value whatever is
chosen (the common case: all of a group's courses carry the same credits; `one_total`), and a group
of "choose k" courses all worth the same is summed once, not once per selection; each must give what
the general way gives, to the type and the witness. Hypothesis draws collections with groups of every
shape ("choose k", a range, credit bounds, courses taught elsewhere) and values that are whole,
fractional, unknown or filtered out. The groups a year or term sees are placed once per programme;
they must be those a scan of the part's own courses finds.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine.semantics import collection, settled
from engine.semantics.choices import ChoiceSpace, GroupRule
from engine.semantics.collection import Collection, Group
from engine.semantics.sums import Part, combine, one_total
from engine.semantics.values import Choices, Unknown, tidy
from engine.subjects.programme.model import Programme
from engine.subjects.programme.views import ProgrammeView
from test_fastpath_properties import varied_programmes

FRACTIONS = st.sampled_from([0.1, 0.2, 0.7, 2.5, 7.5, 1 / 3, 2 / 3, round(10 / 3, 6), 6.0])
# fractions more often than whole numbers (sums of fractions are where rounding shows); None: a
# member filtered out by a `where`
VALUES = st.one_of(st.integers(0, 12), FRACTIONS, FRACTIONS, FRACTIONS, st.just(None))
UNKNOWN = Unknown("course X has no credits")


@st.composite
def collections(draw) -> tuple[Collection, list]:
    n = draw(st.integers(1, 8))
    values = draw(st.lists(VALUES, min_size=n, max_size=n))
    if draw(st.integers(0, 9)) == 0:  # now and then one unknown value (it settles a sum at once)
        values[draw(st.integers(0, n - 1))] = UNKNOWN
    free = list(range(n))
    rules, groups = [], []
    for gi in range(draw(st.integers(1, 3))):
        inside = draw(st.lists(st.sampled_from(free), unique=True, max_size=3)) if free else []
        free = [i for i in free if i not in inside]
        if draw(st.booleans()):  # the shortcut's case: k of courses worth the same, all of them here
            same = draw(VALUES)
            for i in inside:
                values[i] = same
            outside = 0
            low = high = draw(st.integers(0, len(inside)))
        else:
            outside = draw(st.sampled_from([0, 0, 1, 2, 14]))  # 14: too many selections to list, bounds only
            low = draw(st.integers(0, len(inside) + outside))
            high = draw(st.integers(low, len(inside) + outside))
        if not inside and not outside:
            continue
        bounds = draw(st.sampled_from([(None, None), (draw(st.integers(0, 10)), None), (None, draw(st.integers(0, 12)))]))
        keys = tuple(f"C{i}" for i in inside)
        codes = keys + tuple(f"X{gi}.{j}" for j in range(outside))
        credits = tuple(values[i] if type(values[i]) in (int, float) else None for i in inside) + (3,) * outside
        rule = GroupRule(f"g{gi}", codes, credits, (low, high), bounds)
        rules.append(rule)
        groups.append(Group(low, tuple(inside), outside, rule.id, rule, keys) if draw(st.booleans()) or bounds != (None, None)
                      else Group(low, tuple(inside), outside, rule.id))
    return Collection(list(range(n)), tuple(groups), (), ChoiceSpace(rules, ())), values


def choose(k: int, inside: tuple[int, ...], values: list) -> tuple[Collection, list]:
    """A collection of `values` with one group: choose k of the members at `inside`."""
    rule = GroupRule("g", tuple(f"C{i}" for i in inside), tuple(values[i] for i in inside), (k, k))
    return Collection(list(range(len(values))), (Group(k, inside, 0, "g", rule, rule.codes),), (),
                      ChoiceSpace([rule], ())), values


def fresh(c: Collection) -> Collection:
    return Collection(c.items, c.groups, c.one_of, ChoiceSpace(list(c.space.groups.values()), ()))


@settings(max_examples=300, deadline=None)
@given(collections())
@example(choose(1, (1, 2), [0.1, 0.2, 0.2]))  # 0.1 + 0.2: rounded to 0.3 either way
@example(choose(2, (1, 2), [1 / 3, 1 / 3, 1 / 3]))  # whole once rounded: 1, not 1.0
def test_the_shortcut_gives_what_the_table_of_combinations_gives(drawn):
    c, values = drawn
    quick = fresh(c).sum(values)
    with mock.patch.object(collection, "one_total", lambda base, parts: None):
        general = fresh(c).sum(values)
    assert type(quick) is type(general)
    if type(general) is Unknown:
        assert quick is general or quick.why == general.why
    elif type(general) is Choices:
        assert (quick.values, quick.exact) == (general.values, general.exact)
        if general.how is not None:
            assert [quick.how(v) for v in quick.values] == [general.how(v) for v in general.values]
    else:
        assert quick == general


@settings(max_examples=200, deadline=None)
@given(collections())
def test_a_group_of_courses_worth_the_same_adds_what_its_selections_add(drawn):
    c, values = drawn
    for g in c.groups:
        members = tuple(0 if values[i] is None else values[i] for i in g.inside)
        if any(type(v) is Unknown for v in members):
            continue
        quick = collection._group_sums(g, members)
        with mock.patch.object(collection, "settled_value", lambda g, members, selections: None):
            general = collection._group_sums(g, members)
        assert quick.exact == general.exact
        assert [(type(s), s, token) for s, token in quick.sums.items()] == \
            [(type(s), s, token) for s, token in general.sums.items()]


NUMBERS = st.one_of(st.integers(0, 12), FRACTIONS)


@given(NUMBERS, st.lists(st.tuples(st.lists(NUMBERS, max_size=2, unique=True), st.booleans()), max_size=4))
def test_one_total_is_what_combine_gives_when_each_part_adds_one_value(base, drawn):
    parts = [Part({tidy(v): None for v in values}, exact) for values, exact in drawn]
    total = one_total(base, parts)
    result = combine(base, parts).value()
    if all(len(p.sums) <= 1 and (p.exact or not p.sums) for p in parts):
        assert type(total) is type(result) and total == result
    else:
        assert total is None


def scanned_groups(view: ProgrammeView, part) -> tuple:
    """The groups a part sees, found by looking for each group's courses among the part's own."""
    by_code = {v.code: v for v in view.courses}
    found = []
    for rule in view.choice_space.groups.values():
        gviews = [by_code[code] for code in rule.codes]
        inside = [(i, v.code) for v in gviews for i, w in enumerate(part.courses.items) if w is v]
        if inside:
            idx, keys = zip(*inside)
            found.append(Group(rule.count[0], idx, len(gviews) - len(idx), rule.id, rule, keys))
    return tuple(found)


@settings(max_examples=150, deadline=None)
@given(varied_programmes(), st.data())
def test_each_year_and_term_sees_the_groups_a_scan_of_its_courses_finds(raw, data):
    raw["years"] = 2
    for c in raw["courses"]:  # some courses (and so groups) move to the second year, or span both
        if data.draw(st.booleans()):
            if "term" in c:
                c["term"] += 2
            else:
                c["year"] = 2
    try:
        view = ProgrammeView(Programme.model_validate(raw))
    except ValidationError:
        assume(False)
    assert len(view.terms) == 4
    for part in view.years + view.terms:
        assert part.courses.groups == scanned_groups(view, part)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 16), st.integers(0, 18))
@example(13, 6)  # 1716 selections: listed
@example(16, 8)  # 12870: more than SELECTION_LIMIT, not listed
@example(3, 4)  # choose more than there are: no selection
def test_a_group_is_listed_when_its_rule_lists_selections(n, k):
    """settled.listed (the totals' sheet) tells from a group's size what rule.selections() lists."""
    codes = tuple(f"E{i}" for i in range(n))
    rule = GroupRule(f"g{n}-{k}", codes, (6,) * n, (k, k))
    group = Group(k, tuple(range(n)), 0, rule.id, rule, codes)
    assert settled.plain_shape(group)
    assert settled.listed(group) == bool(rule.selections())
