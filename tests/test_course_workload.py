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
from engine.subjects.programme.course_view import (HOURS_FIELDS, LAZY_FIELDS, ContactCourseView, CourseView,
                                                   WorkedOutContactCourseView, WorkedOutCourseView)
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
    {"code": "X", "term": 2, "type": "non_credit", "hours": {"lectures": 12, "independent": 8}},  # no credits
]


def _programme(courses: list[dict]) -> Programme:
    return Programme.model_validate({"id": "p", "cycle": "first", "years": 1, "teaching_weeks_per_term": 14,
                                     "courses": courses})


def _same(a, b) -> bool:
    if type(a) is Unknown or type(b) is Unknown:
        return type(a) is type(b) and a.reason == b.reason
    return type(a) is type(b) and a == b


def _check_agrees(p: Programme, first_read: str = "hours_per_credit") -> None:
    """Every course's workload and contact hours, worked out for all the programme's courses at once (the
    one read first, `first_read`, then the other), equal what the full derivation of each course's hours
    gives (_derive_hours)."""
    programme = ProgrammeView(p)  # kept: its courses work out their workloads together
    together = programme.courses.items
    alone = ProgrammeView(p).courses.items  # its view dropped: each course works out its own
    first = getattr(together[-1], first_read)  # one course's read: every course's is worked out
    assert _same(first, getattr(together[-1], first_read))
    for t in together:  # then the other (a course whose hours the full derivation worked out has it already)
        getattr(t, "contact_hours" if first_read == "hours_per_credit" else "hours_per_credit")
    for t, a in zip(together, alone):
        a._derive_hours("contact_hours")  # the full derivation of this course's hours, alone (not switched)
        assert type(a) is CourseView and issubclass(type(t), WorkedOutCourseView if first_read == "hours_per_credit"
                                                    else ContactCourseView)
        assert _same(t.total_hours, a.total_hours), t.code
        assert _same(t.hours_per_credit, a.hours_per_credit), t.code
        assert _same(t.contact_hours, a.contact_hours), t.code
        assert t.explain("hours_per_credit") == a.explain("hours_per_credit")
        assert t.explain("contact_hours") == a.explain("contact_hours")


def test_every_course_agrees_with_the_full_derivation():
    _check_agrees(_programme(COURSES))
    _check_agrees(_programme(COURSES), "contact_hours")


def test_contact_hours_are_worked_out_for_every_course_at_once():
    """A first read of one course's contact hours sets every course's (a breakdown's without the rest of its
    hours fields), each what the full derivation gives."""
    view = ProgrammeView(_programme(COURSES))
    courses = view.courses.items
    assert courses[1].contact_hours == 52.5
    by_code = {c.model.code: c for c in courses}  # the last of the two coded D
    assert by_code["Y"]._lazy_contact_hours == 30 and type(by_code["Y"]._lazy_contact_hours) is int
    assert by_code["D"]._lazy_contact_hours == 10
    assert by_code["W"]._lazy_contact_hours == 0  # exams given: a breakdown, whatever the weekly hours
    assert [c._lazy_contact_hours for c in courses if c.model.code == "D"] == [0, 10]  # no contact components: none
    assert not hasattr(by_code["Y"], "_lazy__hours_how")  # a breakdown's: alone
    assert type(by_code["N"]._lazy_contact_hours) is Unknown  # no hours at all: by the full derivation, which says why
    assert by_code["N"]._lazy__hours_how is None


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
    _check_agrees(_programme(rows), "contact_hours")


def _fields(view) -> list:
    """Every field a course works out when first read, and what explain() shows of its hours."""
    return [getattr(view, name) for name in LAZY_FIELDS] + [view.explain(name) for name in HOURS_FIELDS]


def test_a_worked_out_view_reads_every_field_as_before():
    """The switch to WorkedOutCourseView keeps every value: each course's fields read the same before and
    after it (the hours derived course by course first), and the same as on a view never switched;
    courses with and without hours, with unknown, zero and non-credit credits."""
    programme = ProgrammeView(_programme(COURSES))  # kept: its courses are worked out (and switched) together
    before = programme.courses.items
    never = ProgrammeView(_programme(COURSES)).courses.items
    for v in before:
        v._derive_hours("contact_hours")  # the full derivation, course by course: sets both workload fields, no switch
    assert all(type(v) is CourseView for v in before)
    read_before = [_fields(v) for v in before]
    before[3].total_hours  # a set field read through its property: still no switch
    assert all(type(v) is CourseView for v in before)
    before[0]._derive_workload("total_hours")  # what a first read does: every course at once, then switched
    assert all(type(v) is WorkedOutCourseView for v in before)
    assert type(WorkedOutCourseView.__dict__["total_hours"]) is not property
    for v in never:
        v._derive_hours("contact_hours")  # each course alone: its fields then read as set, no switch
    read_never = [_fields(v) for v in never]
    assert all(type(v) is CourseView for v in never)
    for v, old, other in zip(before, read_before, read_never):
        new = _fields(v)
        assert all(map(_same, new, old)) and all(map(_same, new, other)), v.code
        assert all(not isinstance(x, property) for x in new)


def test_a_worked_out_view_works_out_its_other_fields_when_read():
    """After the switch the fields other than the workload are still worked out when first read."""
    view = ProgrammeView(_programme(COURSES))
    by_code = {str(c.code): c for c in view.courses.items}
    assert by_code["B"].total_hours == 153.75
    course = by_code["B"]
    assert type(course) is WorkedOutCourseView
    assert course.contact_hours == 52.5 and course.independent_hours == 101.25 and course.title.reason
    assert course.total_hours == 153.75 and course.hours_per_credit == 21.9643  # set again, the same
    assert "no credits to divide" in by_code["X"].hours_per_credit.reason and by_code["X"].total_hours == 20
    assert "no workload hours" in by_code["N"].total_hours.reason


def test_a_course_alone_is_switched_alone():
    view = ProgrammeView(_programme(COURSES))
    courses = view.courses.items
    del view  # the programme's view is gone: each course works out (and is switched for) its own workload
    assert courses[1].total_hours == 153.75
    assert type(courses[1]) is WorkedOutCourseView
    assert [type(c) for c in courses].count(CourseView) == len(courses) - 1


def test_contact_hours_read_first_are_read_as_slots_with_every_value_kept():
    """Contact hours worked out for every course switch them to ContactCourseView (read as a plain slot);
    the workload read next switches them to WorkedOutContactCourseView; every field reads as on a view never
    switched."""
    programme = ProgrammeView(_programme(COURSES))  # kept: its courses are worked out (and switched) together
    views = programme.courses.items
    never = ProgrammeView(_programme(COURSES)).courses.items
    for v in never:
        v._derive_hours("contact_hours")  # each course alone, never switched
    views[2].contact_hours
    assert all(type(v) is ContactCourseView for v in views)
    assert type(ContactCourseView.__dict__["contact_hours"]) is not property
    views[0]._derive_workload("total_hours")  # what a first read of the workload does
    assert all(type(v) is WorkedOutContactCourseView for v in views)
    assert all(type(v) is CourseView for v in never)
    for v, other in zip(views, never):
        assert all(map(_same, _fields(v), _fields(other))), v.code
