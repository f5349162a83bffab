"""A course's workload (total hours, hours per credit) is worked out for every course of a programme at
once when a rule first reads one; it must give exactly what the full derivation of a course's hours gives."""
from __future__ import annotations

import gc
import weakref

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.api import load_ruleset
from engine.evaluation.evaluator import Evaluator, evaluate
from engine.semantics.values import Unknown
from engine.subjects.programme.model import Hours, Programme
from engine.subjects.programme.views import ProgrammeView

COURSES = [
    {"code": "T", "term": 1, "credits": 6, "hours": {"total": 160}},  # a total
    {"code": "B", "term": 1, "credits": 7, "hours": {"lectures": 39.5, "labs": 13, "independent": 101.25}},
    {"code": "C", "term": 1, "credits": 5, "hours": {"lectures": 40}},  # contact hours alone: no workload
    {"code": "N", "term": 2, "credits": 5},  # no hours at all
    {"code": "U", "term": 2, "hours": {"independent": 100}},  # unknown credits
    {"code": "Z", "term": 2, "credits": 0, "hours": {"independent": 20}},  # nothing to divide by
    {"code": "Y", "year": 1, "credits": 4, "hours": {"seminars": 30, "independent": 90, "exams": 2}},  # year-long
    {"code": "D", "term": 2, "credits": 3, "hours": {"placement": 75}},
    {"code": "D", "term": 2, "credits": 3, "hours": {"total": 75, "lectures": 10}},  # a duplicate code
    {"code": "W", "term": 2, "credits": 4, "contact_hours_per_week": 3, "hours": {"exams": 2}},
]


def _programme(courses: list[dict]) -> Programme:
    return Programme.model_validate({"id": "p", "cycle": "first", "years": 1, "teaching_weeks_per_term": 14,
                                     "courses": courses})


def _same(a, b) -> bool:
    if type(a) is Unknown or type(b) is Unknown:
        return type(a) is type(b) and a.reason == b.reason
    return type(a) is type(b) and a == b


def _check_agrees(p: Programme) -> None:
    together = ProgrammeView(p).courses.items
    alone = ProgrammeView(p).courses.items
    first = together[-1].hours_per_credit  # one course's workload read: every course's is worked out
    assert _same(first, together[-1].hours_per_credit)
    for t, a in zip(together, alone):
        a.contact_hours  # the full derivation of this course's hours, alone
        assert _same(t.total_hours, a.total_hours), t.code
        assert _same(t.hours_per_credit, a.hours_per_credit), t.code
        assert t.explain("hours_per_credit") == a.explain("hours_per_credit")


def test_every_course_agrees_with_the_full_derivation():
    _check_agrees(_programme(COURSES))


def test_workload_values_and_reasons():
    view = ProgrammeView(_programme(COURSES))
    by_code = {str(c.code): c for c in view.courses.items}
    assert by_code["T"].hours_per_credit == 26.6667 and by_code["T"].total_hours == 160
    assert type(by_code["T"].total_hours) is int
    assert by_code["B"].total_hours == 153.75 and by_code["B"].hours_per_credit == 21.9643
    assert "contact hours alone" in by_code["C"].total_hours.reason
    assert "no workload hours" in by_code["N"].hours_per_credit.reason
    assert "no credits" in by_code["U"].hours_per_credit.reason and by_code["U"].total_hours == 100
    assert "no credits to divide" in by_code["Z"].hours_per_credit.reason
    assert by_code["Y"].hours_per_credit == 30.5 and by_code["Y"].year_long
    assert by_code["W"].total_hours == 2  # a breakdown's exams without contact components: the workload given
    named = [c.code for c in view.courses.items if c.model.code == "D"]
    assert len(named) == 2 and len(set(map(str, named))) == 2  # duplicate codes are named by title and row
    assert [c.total_hours for c in view.courses.items if c.model.code == "D"] == [75, 75]


def test_a_course_view_keeps_no_cycle_with_its_programme():
    """Course views reach their programme's view weakly: a dropped view is freed at once, without the
    garbage collector (its workloads read or not)."""
    p = _programme(COURSES)
    for read in (False, True):
        view = ProgrammeView(p)
        if read:
            assert view.courses.items[0].hours_per_credit == 26.6667
        gone = weakref.ref(view)
        gc.disable()
        try:
            del view
            assert gone() is None
        finally:
            gc.enable()


def test_a_course_view_alone_works_out_its_own_workload():
    view = ProgrammeView(_programme(COURSES))
    course = view.courses.items[1]
    del view  # the programme's view is gone: the course works out its own workload
    assert course.total_hours == 153.75 and course.hours_per_credit == 21.9643


def test_the_bundled_rules_find_the_same_on_these_courses_fast_or_not():
    """Workloads read fast and rebuilt traces agree with the generic evaluator, course by course (the
    ECTS Users' Guide 2015 rules): unknown credits, a year-long course, duplicate codes named by row."""
    rs = load_ruleset("ects_guide_2015")
    p = _programme(COURSES + [{"code": "E", "term": 1, "credits": 5.5, "hours": {"total": 140}}])
    fast = evaluate(rs, ProgrammeView(p), evaluator=Evaluator(rs)).findings
    generic = evaluate(rs, ProgrammeView(p), evaluator=Evaluator(rs, fast=False)).findings
    assert [f.to_dict("en") for f in fast] == [f.to_dict("en") for f in generic]
    per_credit = {f.subject_ref.label: f.status for f in fast if f.rule == "hours_per_credit"}
    assert per_credit["course T"] == "pass" and per_credit["course B"] == "fail"
    assert per_credit["course E"] == "pass"  # 140 / 5.5 = 25.4545
    assert per_credit["course N"] == per_credit["course C"] == "indeterminate"
    assert per_credit["course U"] == "indeterminate"  # unknown credits: cannot tell whether it is covered
    assert sum(1 for label in per_credit if "(" in label) == 2  # the two courses coded D, by title and row


_HOURS = st.one_of(st.none(), st.floats(0, 400, allow_nan=False).map(lambda x: round(x, 2)),
                   st.integers(0, 400).map(float))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.dictionaries(st.sampled_from(Hours.CONTACT + Hours.NON_CONTACT), _HOURS, max_size=5),
                          st.one_of(st.none(), st.sampled_from([0, 1, 2.5, 3, 5, 7.5, 30]))),
                min_size=1, max_size=6))
def test_any_hours_agree_with_the_full_derivation(courses):
    rows = []
    for i, (hours, credits) in enumerate(courses):
        row = {"code": f"C{i}", "term": 1 + i % 2}
        if credits is not None:
            row["credits"] = credits
        if any(v is not None for v in hours.values()):
            row["hours"] = hours
        rows.append(row)
    _check_agrees(_programme(rows))
