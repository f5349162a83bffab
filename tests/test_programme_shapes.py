"""The programme shapes of published curricula: half years, partial files, contact hours by kind,
non-credit activities, courses without a code, printed totals (docs/programmes.md)."""
from __future__ import annotations

import json

import pytest

from engine.errors import SubjectFileError
from engine.evaluation.evaluator import evaluate
from engine.render.wording import message_text
from engine.ruleset.compiled import compile_ruleset
from engine.ruleset.compose import compose
from engine.subjects.programme.choose import parse_choice, restrict
from engine.subjects.programme.model import load_programme_file
from engine.subjects.programme.views import ProgrammeView
from engine.semantics.values import is_unknown

BASE = "id: p\ncycle: second\nyears: {years}\ncourses:\n{courses}{extra}"


def load(tmp_path, years="1", courses="  - {code: A, term: 1, credits: 30}\n  - {code: B, term: 2, credits: 30}\n",
         extra="", name="p.yaml"):
    path = tmp_path / name
    path.write_text(BASE.format(years=years, courses=courses, extra=extra), encoding="utf-8")
    return load_programme_file(path)[0]


def test_three_semesters_make_a_half_second_year(tmp_path):
    p = load(tmp_path, "1.5", "  - {code: A, term: 1, credits: 30}\n  - {code: B, term: 2, credits: 30}\n"
                              "  - {code: C, term: 3, credits: 30}\n")
    view = ProgrammeView(p)
    assert [(y.number, y.share, y.credits) for y in view.years] == [(1, 1, 60), (2, 0.5, 30)]
    assert view.nominal_years == 1.5 and view.term_count == 3 and view.credits == 90


@pytest.mark.parametrize("years, extra, courses, message", [
    ("1.4", "", None, "1.4 years is not a whole number of terms"),
    ("1", "\ncovers: {from_term: 1, to_term: 3}", None, "covers.to_term"),
    ("2", "\ncovers: {from_term: 1, to_term: 2}", "  - {code: A, term: 3, credits: 30}\n", "outside the terms the file covers"),
    ("1", "\nprinted_totals: {terms: {5: 30}}", None, "term 5 is beyond"),
    ("1", "", "  - {code: A, term: 1, credits: 3, type: non_credit}\n", "a non_credit course carries no credits"),
    ("1", "\nelective_groups: [{id: g, choose: 1, courses: [X]}]",
     "  - {code: X, title: E1, term: 1, credits: 5}\n  - {code: X, title: E2, term: 1, credits: 5}\n",
     "a code several courses share"),
])
def test_shape_errors_name_the_field(tmp_path, years, extra, courses, message):
    with pytest.raises(SubjectFileError) as e:
        load(tmp_path, years, courses or "  - {code: A, term: 1, credits: 30}\n", extra)
    assert message in e.value.message


def test_a_partial_file_audits_what_it_holds(tmp_path):
    p = load(tmp_path, "3", "".join(f"  - {{code: C{t}, term: {t}, credits: 30}}\n" for t in range(1, 4)),
             "\ncovers: {from_term: 1, to_term: 3}")
    view = ProgrammeView(p)
    assert [t.number for t in view.terms] == [1, 2, 3]
    assert [y.number for y in view.years] == [1, 2]  # year 3 is not audited
    assert view.years[0].credits == 60
    assert is_unknown(view.years[1].credits) and view.years[1].credits.reason == "the file covers terms 1-3 only"
    assert is_unknown(view.credits)


def test_contact_hours_by_kind_are_contact_hours_but_no_workload(tmp_path):
    p = load(tmp_path, courses="  - {code: A, term: 1, credits: 30, contact_hours_per_week: {P: 3, V: 2, SIR: 1}}\n"
                               "  - {code: B, term: 2, credits: 30, contact_hours: {lectures: 45, labs: 30}}\n",
             extra="\nteaching_weeks_per_term: 15")
    a, b = ProgrammeView(p).courses.items
    assert (a.contact_hours_per_week, a.contact_hours, b.contact_hours) == (6, 90, 75)
    assert is_unknown(a.total_hours) and "no workload hours given" in a.total_hours.reason
    assert is_unknown(b.hours_per_credit)
    assert a.explain("contact_hours") == "P 3 + V 2 + SIR 1 h/week x 15 teaching weeks"


def test_non_credit_and_codeless_courses(tmp_path):
    p = load(tmp_path, courses="  - {code: A, term: 1, credits: 30}\n  - {code: B, term: 2, credits: 30}\n"
                               "  - {title: Physical education, term: 1, type: non_credit}\n"
                               "  - {code: IZB, title: Elective 1, term: 2, credits: 0}\n"
                               "  - {code: IZB, title: Elective 2, term: 2, credits: 0}\n")
    view = ProgrammeView(p)
    names = [c.describe() for c in view.courses.items]
    assert names[2] == "course 'Physical education' (entry 3 of courses)"
    assert names[3] == "course 'Elective 1' (entry 4 of courses)"
    assert view.courses.items[2].credits == 0 and view.non_credit_count == 1 and view.credits == 60


def test_printed_totals_read_from_json_with_text_keys(tmp_path):
    data = {"id": "p", "cycle": "first", "years": 1, "courses": [{"code": "A", "term": 1, "credits": 30},
                                                                  {"code": "B", "term": 2, "credits": 28}],
            "printed_totals": {"terms": {"1": 30, "2": 30}, "programme": 60}}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    view = ProgrammeView(load_programme_file(path)[0])
    got = [(t.what, t.printed, t.computed) for t in view.printed_totals]
    assert got == [("term 1", 30, 30), ("term 2", 30, 28), ("the programme", 60, 58)]


def test_a_course_label_names_code_and_title_once(tmp_path):
    """`course.label`, as messages name a course: its code and title; the place as well when its code is
    shared (a project split over two terms); never a title it lacks, never the title twice."""
    p = load(tmp_path, courses="  - {code: PRJ, title: Project (autumn part), term: 1, credits: 0}\n"
                               "  - {code: PRJ, title: Project (spring part), term: 2, credits: 10}\n"
                               "  - {code: A, title: Analysis, term: 1, credits: 30}\n"
                               "  - {code: B, term: 2, credits: 20}\n"
                               "  - {code: PRJ, term: 2, credits: 0}\n"
                               "  - {title: Physical education, term: 1, type: non_credit}\n")
    labels = [c.label for c in ProgrammeView(p).courses.items]
    assert labels == ["PRJ 'Project (autumn part)' (entry 1 of courses)",
                      "PRJ 'Project (spring part)' (entry 2 of courses)", "A 'Analysis'", "B",
                      "PRJ (entry 5 of courses)", "'Physical education' (entry 6 of courses)"]


def test_a_shared_code_is_named_once_in_a_message_in_every_language(tmp_path):
    """The message of a course whose code another course shares gives code, title and place, each once."""
    p = load(tmp_path, courses="  - {code: PRJ, title: Project (autumn part), term: 1, credits: 0}\n"
                               "  - {code: PRJ, title: Project (spring part), term: 2, credits: 30}\n"
                               "  - {code: A, term: 1, credits: 30}\n")
    report = evaluate(compile_ruleset(compose("ects_guide_2015")), ProgrammeView(p))
    [failed] = [f for f in report.findings if f.rule == "credits_positive" and f.status == "fail"]
    words = {lang: message_text(failed, lang) for lang in ("en", "el", "sr")}
    assert words["en"] == "PRJ 'Project (autumn part)' (entry 1 of courses) carries 0 credits."
    assert words["el"].startswith("Το PRJ «Project (autumn part)» (καταχώριση 1 του καταλόγου μαθημάτων) έχει")
    assert words["sr"].startswith("PRJ „Project (autumn part)“ (stavka 1 spiska predmeta) nosi")
    assert all(w.count("Project (autumn part)") == 1 for w in words.values())


def test_a_what_if_choice_keeps_each_courses_place_in_the_file(tmp_path):
    """--choose drops the courses not chosen; a course named by its place is still named by its place in the
    file, not in the narrowed list (the 3rd entry stays 'entry 3')."""
    p = load(tmp_path, courses="  - {code: E1, term: 1, credits: 30}\n  - {code: E2, term: 1, credits: 30}\n"
                               "  - {title: Seminar, term: 2, credits: 30}\n  - {code: B, term: 2, credits: 30}\n",
             extra="\nelective_groups:\n  - {id: g, choose: 1, courses: [E1, E2]}")
    narrowed = ProgrammeView(restrict(p, (parse_choice("g=E2"),)))
    assert [c.code for c in narrowed.courses.items] == ["E2", "'Seminar' (entry 3 of courses)", "B"]
