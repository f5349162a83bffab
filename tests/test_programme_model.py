"""Programme files: loading YAML and JSON, errors naming file, line and field, derived views."""
from __future__ import annotations

import json

import pytest

from engine.api import load_programme
from engine.errors import SubjectFileError
from engine.semantics.values import Choices, Unknown

GOOD = """id: p
cycle: first
years: 1
teaching_weeks_per_term: 15
courses:
  - {code: A, title: A, term: 1, credits: 30, hours: {lectures: 60, independent: 700}}
  - {code: B, title: B, term: 2, credits: 20, contact_hours_per_week: 4}
  - {code: E1, title: E1, term: 2, credits: 10}
  - {code: E2, title: E2, term: 2, credits: 5}
  - {code: Y, title: Year-long, year: 1, credits: 4}
elective_groups:
  - {id: g, term: 2, choose: 1, courses: [E1, E2]}
"""


def test_derived_views(write):
    view, sha = load_programme(write("p.yaml", GOOD))
    assert len(sha) == 64
    year = view.years[0]
    assert isinstance(year.credits, Choices) and year.credits.values == (59, 64)
    t1, t2 = view.terms
    assert t1.credits == 32  # A 30 + half of the year-long course
    assert t2.credits.values == (27, 32)
    a, b = view.courses.items[:2]
    assert a.contact_hours == 60 and a.total_hours == 760 and a.hours_per_credit == pytest.approx(25.3333, abs=1e-3)
    assert b.contact_hours == 60  # 4 h/week x 15 weeks
    assert isinstance(b.total_hours, Unknown) and "no workload hours" in b.total_hours.reason
    assert "A 30" in t1.explain("credits") and "choose 1 of [E1 10, E2 5]" in t2.explain("credits")


def test_json_files_load_the_same(write):
    import yaml
    data = yaml.safe_load(GOOD)
    view, _ = load_programme(write("p.json", json.dumps(data, indent=1)))
    assert view.years[0].credits.values == (59, 64)


@pytest.mark.parametrize("text, where, words", [
    ("id: p\ncycle: first\nyears: 1\ncourses:\n  - {code: A, term: 1, credits: six}\n", 5,
     "field 'courses[0].credits': Input should be a valid number"),
    ("id: p\ncycle: fifth\nyears: 1\ncourses:\n  - {code: A, term: 1, credits: 6}\n", 2, "field 'cycle'"),
    ("id: p\ncycle: first\nyears: 1\ncourses:\n  - {code: A, term: 3, credits: 6}\n", 5,
     "term 3 is beyond the programme's last term (number of terms: 2)"),
    ("id: p\ncycle: first\nyears: 1\ncourses:\n  - {code: A, term: 1, credits: 6, hourz: 3}\n", 5,
     "field 'courses[0].hourz': Extra inputs are not permitted"),
    ("cycle: first\nyears: 1\ncourses:\n  - {code: A, term: 1, credits: 6}\n", 1, "field 'id': Field required"),
    ("id: p\ncycle: first\nyears: 1\ncourses: [\n", 5, "invalid YAML"),
    ("id: p\nid: q\n", 2, "key 'id' appears twice"),
    ("- just\n- a list\n", 1, "must hold a mapping"),
    ("id: p\ncycle: first\nyears: 1\ncourses:\n  - {code: A, term: 1, credits: 6}\n"
     "elective_groups:\n  - {id: g, choose: 1, courses: [Z]}\n", 7,
     "field 'elective_groups[0].courses': elective group g lists 'Z', which is not among the courses"),
])
def test_errors_name_the_file_the_line_and_the_field(write, text, where, words):
    path = write("bad.yaml", text)
    with pytest.raises(SubjectFileError) as e:
        load_programme(path)
    assert e.value.path == str(path)
    assert e.value.line == where
    assert words in e.value.message
    assert "\n" not in e.value.format()


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(SubjectFileError, match="file not found"):
        load_programme(tmp_path / "nope.yaml")
    p = tmp_path / "latin1.yaml"
    p.write_bytes("id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(SubjectFileError, match="not UTF-8"):
        load_programme(p)


def test_invalid_json_names_line_and_column(write):
    with pytest.raises(SubjectFileError) as e:
        load_programme(write("bad.json", '{"id": "p",\n "cycle": }'))
    assert (e.value.line, e.value.column) == (2, 11)


def test_courses_of_a_specialisation_count_only_for_its_students(write):
    text = """id: p
cycle: second
years: 1
specialisations: [Events, Organisations]
courses:
  - {code: A, title: A, term: 1, credits: 30}
  - {code: B, title: B, term: 2, credits: 24}
  - {code: EV, title: Events, term: 2, credits: 6, specialisation: Events}
  - {code: OR1, title: Organisations 1, term: 2, credits: 3, specialisation: Organisations}
  - {code: OR2, title: Organisations 2, term: 2, credits: 3, specialisation: Organisations}
"""
    view, _ = load_programme(write("s.yaml", text))
    assert view.years[0].credits == 60  # 54 + 6 for either specialisation, never 66
    assert view.specialisation_tags == 2
    assert "one specialisation of [Events: EV 6; Organisations: OR1 3, OR2 3]" in view.terms[1].explain("credits")
    uneven = text.replace("OR2, title: Organisations 2, term: 2, credits: 3", "OR2, title: Organisations 2, term: 2, credits: 5")
    view, _ = load_programme(write("u.yaml", uneven))
    assert view.years[0].credits.values == (60, 62)
