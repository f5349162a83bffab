"""The totals of years, terms and the programme worked out together (engine.subjects.programme.part_totals)
against the general way (each part's collection summed on its own, engine.semantics.collection).

Hypothesis draws programmes of one to three years of one to three terms with courses worth whole and
fractional credits and hours (whole hours are ints, fractional ones floats; credits are floats, a
non-credit course's 0 an int), courses without credits or hours, year-long courses, elective groups of
courses worth the same (the case worked out together) and not, in one term or spread over the years,
"choose k" and other shapes, specialisations, and files that hold only some terms. Every total of
every part (and what explain() shows) must be what the general way gives, to the type.
"""
from __future__ import annotations

import gc
from unittest import mock

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine.semantics import sums
from engine.semantics.values import Choices, Unknown, tidy
from engine.subjects.programme import part_totals
from engine.subjects.programme.model import Programme
from engine.subjects.programme.part_totals import FIELDS, PROGRAMME, Sheet
from engine.subjects.programme.views import ProgrammeView

# 0.1000000005 and 1.0000000005 sit on the rounding of a total to 9 places: added in another order, the
# total rounds the other way (0.1 + 0.1 + 1.0000000005 rounds to 1.2, the other way round to 1.200000001)
CREDITS = st.sampled_from([5, 6, 3, 2.5, 7.5, 0.1, 0.2, 0.7, 1 / 3, 2 / 3, 10 / 3, 0.1000000005, 1.0000000005])
HOURS = st.sampled_from([0, 26, 39, 100, 12.5, 0.1, 0.2, 1 / 3, 37.5])


@st.composite
def hours(draw) -> dict | None:
    shape = draw(st.sampled_from(["parts", "parts", "total", "none"]))
    if shape == "none":
        return None
    if shape == "total":
        return {"total": draw(HOURS)}
    return {"lectures": draw(HOURS), "independent": draw(HOURS)}


@st.composite
def programmes(draw) -> dict:
    """A programme as a file gives it (see the module's docstring)."""
    years, tpy = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    terms = years * tpy
    courses: list[dict] = []

    def course(term: int | None, year: int | None, credits, hrs) -> str:
        c = {"code": f"C{len(courses)}", "credits": credits}
        if term is not None:
            c["term"] = term
        else:
            c["year"] = year
        if hrs is not None:
            c["hours"] = hrs
        if draw(st.integers(0, 14)) == 0:  # now and then: no credits, or a non-credit course (0, an int)
            del c["credits"]
            if draw(st.booleans()):
                c["type"] = "non_credit"
        courses.append(c)
        return c["code"]

    def placement() -> tuple:
        if draw(st.integers(0, 7)) == 0:
            return None, draw(st.integers(1, years))  # a year-long course
        return draw(st.integers(1, terms)), None

    for _ in range(draw(st.integers(1, 8))):
        course(*placement(), draw(CREDITS), draw(hours()))
    groups = []
    for gi in range(draw(st.integers(0, 3))):
        n = draw(st.integers(1, 4))
        # mostly courses worth the same in one term (or year); else worth the same but spread over the
        # programme, or worth anything anywhere
        shape = draw(st.sampled_from(["together", "together", "together", "spread", "any"]))
        term, year = placement()
        credits, hrs = draw(CREDITS), draw(hours())
        codes = [course(term, year, credits, hrs) if shape == "together" else
                 course(*placement(), credits, hrs) if shape == "spread" else
                 course(*placement(), draw(CREDITS), draw(hours())) for _ in range(n)]
        group = {"id": f"g{gi}", "courses": codes, "choose": draw(st.integers(0, n))}
        shape = draw(st.sampled_from(["count", "count", "count", "range", "credits"]))
        if shape == "range":
            low = draw(st.integers(0, n))
            group["choose"] = {"min": low, "max": draw(st.integers(low, n))}
        elif shape == "credits":
            group["credits"] = {"min": draw(st.integers(0, 10))}
        groups.append(group)
    raw = {"id": "p", "cycle": "first", "years": years, "terms_per_year": tpy, "courses": courses,
           "elective_groups": groups}
    if draw(st.integers(0, 5)) == 0:  # two specialisations, some courses of one
        raw["specialisations"] = ["A", "B"]
        for c in courses:
            if draw(st.integers(0, 3)) == 0:
                c["specialisation"] = draw(st.sampled_from(["A", "B"]))
    if draw(st.integers(0, 5)) == 0:  # a file that holds only some terms
        first = draw(st.integers(1, terms))
        raw["covers"] = {"from_term": first, "to_term": draw(st.integers(first, terms))}
    return raw


def same(quick, general) -> None:
    assert type(quick) is type(general), (quick, general)
    if type(general) is Unknown:
        assert quick is general or quick.why == general.why
    elif type(general) is Choices:
        assert (quick.values, quick.exact) == (general.values, general.exact)
    else:
        assert quick == general


def views(raw: dict) -> tuple[ProgrammeView, ProgrammeView]:
    """The programme's view twice: totals worked out together, and each the general way."""
    try:
        model = Programme.model_validate(raw)
    except ValidationError:
        assume(False)
    return ProgrammeView(model), ProgrammeView(model)


def totals(view: ProgrammeView) -> list:
    """Every total of the programme, its years and terms (those each has), and what explain() shows of them."""
    out = []
    for part in (view, *view.years, *view.terms):
        fields = [f for f in (*sorted(FIELDS), "course_count") if hasattr(type(part), f)]
        out.append(([getattr(part, f) for f in fields], [repr(part.explain(f)) for f in fields]))
    return out


def compare(raw: dict) -> None:
    quick, general = views(raw)
    with mock.patch.object(Sheet, "fill", lambda self, field, kind: None):
        expected = totals(general)
    got = totals(quick)
    assert len(got) == len(expected)
    for (values, explained), (want, want_explained) in zip(got, expected):
        for value, general_value in zip(values, want, strict=True):
            same(value, general_value)
        assert explained == want_explained


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(programmes())
@example({"id": "p", "cycle": "first", "years": 1, "terms_per_year": 1, "elective_groups": [],  # 0.1 + 0.2
          "courses": [{"code": "A", "term": 1, "credits": 0.1}, {"code": "B", "term": 1, "credits": 0.2}]})
@example({"id": "p", "cycle": "first", "years": 1, "terms_per_year": 1, "elective_groups": [],  # the order counts
          "courses": [{"code": c, "term": 1, "credits": x} for c, x in (("A", 0.1), ("B", 0.1), ("C", 1.0000000005))]})
@example({"id": "p", "cycle": "first", "years": 1, "terms_per_year": 1,  # a group of thirds: whole once rounded
          "courses": [{"code": "A", "term": 1, "credits": 1 / 3}, {"code": "B", "term": 1, "credits": 1 / 3},
                      {"code": "C", "term": 1, "credits": 1 / 3}, {"code": "D", "term": 1, "credits": 1 / 3}],
          "elective_groups": [{"id": "g", "courses": ["B", "C", "D"], "choose": 2}]})
def test_the_totals_worked_out_together_are_the_general_ways(raw):
    compare(raw)


def test_a_programme_without_choices_is_worked_out_together_part_by_part():
    """The comparison above is not empty: the common case is covered (every part's credits and hours)."""
    raw = {"id": "p", "cycle": "first", "years": 2, "terms_per_year": 2, "courses": [
        {"code": f"C{i}", "term": i % 4 + 1, "credits": 5 + i % 3 / 2, "hours": {"lectures": 30, "independent": 90 + i}}
        for i in range(12)] + [{"code": f"E{i}", "term": 2, "credits": 5, "hours": {"total": 125}} for i in range(3)],
        "elective_groups": [{"id": "g", "courses": ["E0", "E1", "E2"], "choose": 2}]}
    view = ProgrammeView(Programme.model_validate(raw))
    for field in ("credits", "total_hours"):
        for kind in (PROGRAMME, "year", "term"):
            view._sheet.fill(field, kind)
        assert all(field in part._totals for part in (view, *view.years, *view.terms))
    compare(raw)


def test_a_year_long_course_leaves_its_terms_to_the_general_way():
    raw = {"id": "p", "cycle": "first", "years": 1, "terms_per_year": 2, "elective_groups": [], "courses": [
        {"code": "A", "term": 1, "credits": 20}, {"code": "B", "term": 2, "credits": 20},
        {"code": "T", "year": 1, "credits": 20}]}
    view = ProgrammeView(Programme.model_validate(raw))
    view._sheet.fill("credits", "term")
    view._sheet.fill("credits", "year")
    assert [("credits" in t._totals) for t in view.terms] == [False, False] and "credits" in view.years[0]._totals
    assert [t.credits for t in view.terms] == [30, 30] and view.years[0].credits == 60
    compare(raw)


def test_a_value_not_known_leaves_the_field_to_the_general_way():
    raw = {"id": "p", "cycle": "first", "years": 1, "terms_per_year": 1, "elective_groups": [], "courses": [
        {"code": "A", "term": 1, "credits": 20, "hours": {"total": 500}}, {"code": "B", "term": 1, "credits": 40}]}
    view = ProgrammeView(Programme.model_validate(raw))
    view._sheet.fill("total_hours", "year")
    view._sheet.fill("credits", "year")
    assert "total_hours" not in view.years[0]._totals and view.years[0]._totals["credits"] == 60
    assert type(view.years[0].total_hours) is Unknown
    compare(raw)


def test_whole_numbers_add_in_any_order_and_fractions_one_by_one():
    """sums.settled_total's quick way for whole floats and ints gives what rounding after each addition gives."""
    for base, values in [(30, [5, 5]), (29.5, [0.1, 0.2]), (1 / 3, [1 / 3, 1 / 3]), (7.0, [2.0, 3]), (-0.0, [0.0])]:
        slow = tidy(base)
        for v in values:
            slow = tidy(slow + v)
        quick = sums.settled_total(base, values)
        assert type(quick) is type(slow) and quick == slow
        quick, slow = sums.tidy_sum(values), tidy(sum(values))
        assert type(quick) is type(slow) and quick == slow


def test_the_sheet_holds_its_programme_weakly():
    view = ProgrammeView(Programme.model_validate({"id": "p", "cycle": "first", "years": 1, "courses": [
        {"code": "A", "term": 1, "credits": 30}]}))
    sheet = view._sheet
    assert view.years[0]._sheet is sheet and part_totals.Sheet is type(sheet)
    del view
    gc.collect()
    assert sheet._view() is None  # the sheet kept nothing of the programme alive
    sheet.fill("credits", "year")  # and with the programme gone, it works out nothing, without an error


def test_a_total_read_while_choices_are_noted_names_its_groups():
    """A part makes its collection only when read, but a total read while the evaluator notes the choices
    a requirement reads (choices.decide) still names the part's groups, and one read under a choice
    gives that choice's total."""
    view = ProgrammeView(Programme.model_validate({
        "id": "p", "cycle": "first", "years": 1, "courses": [
            {"code": "A", "term": 1, "credits": 24}, {"code": "E1", "term": 1, "credits": 6},
            {"code": "E2", "term": 1, "credits": 3}, {"code": "B", "term": 2, "credits": 30}],
        "elective_groups": [{"id": "g", "choose": 1, "courses": ["E1", "E2"]}]}))
    space = view.choice_space
    term, other = view.terms
    assert term.credits == Choices((27, 30)) and term._courses is not None  # the general way
    space.touched = set()
    assert other.credits == 30 and space.touched == set()  # the other term holds no group
    term.credits
    assert space.touched == {"g"}
    space.touched = None
    space.world = next(iter(space.worlds({"g"})))
    assert term.credits == 24 + (6 if "E1" in space.world.chosen["g"] else 3)
