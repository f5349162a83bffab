"""The programme's checks across fields (engine.subjects.programme.model.consistency_problems): where a course's
term or year can be wrong, each case is refused with its message, naming the file, the line and the field;
the cases next to them are accepted. JSON and YAML files are checked alike."""
from __future__ import annotations

import json

import pytest
import yaml

from engine.errors import SubjectFileError
from engine.subjects.programme.model import Programme, consistency_problems, load_programme_file

# a programme of 2 years, 4 terms; course B is the one each case changes
COURSES = [{"code": "A", "term": 1, "credits": 30}, {"code": "B", "term": 2, "credits": 30},
           {"code": "E1", "credits": 5}, {"code": "E2", "credits": 5}]
GROUP = {"id": "g", "term": 3, "choose": 1, "courses": ["E1", "E2"]}


def _programme(b: dict, **fields) -> dict:
    courses = [dict(c) for c in COURSES]
    courses[1] = {"code": "B", "credits": 30, **b}
    if "covers" in fields:  # A stands in the first term covered
        courses[0]["term"] = fields["covers"]["from_term"]
    return {"id": "p", "cycle": "first", "years": 2, "courses": courses, "elective_groups": [dict(GROUP)], **fields}


REFUSED = [
    ({"term": 5}, {}, "courses[1].term", "course B: term 5 is beyond the programme's last term (number of terms: 4)"),
    ({"year": 3}, {}, "courses[1].year", "course B: year 3 is beyond the programme's last year (length in years: 2)"),
    ({"term": 3, "year": 1}, {}, "courses[1].year", "course B: term 3 is not in year 1"),
    ({"term": 2, "year": 2}, {}, "courses[1].year", "course B: term 2 is not in year 2"),
    ({"term": 1}, {"covers": {"from_term": 2, "to_term": 3}}, "courses[1].term",
     "course B: term 1 is outside the terms the file covers (2-3)"),
    ({"term": 4}, {"covers": {"from_term": 1, "to_term": 3}}, "courses[1].term",
     "course B: term 4 is outside the terms the file covers (1-3)"),
    ({"term": 5}, {"covers": {"from_term": 1, "to_term": 3}}, "courses[1].term",
     "course B: term 5 is beyond the programme's last term (number of terms: 4)"),
    ({}, {}, "courses[1]", "course B: give its term or its year"),
    ({"code": "A", "term": 9}, {}, "courses[1].term", "course 'B' (entry 2 of courses): term 9 is beyond"),
]


def _write(tmp_path, data: dict, suffix: str):
    path = tmp_path / f"p{suffix}"
    text = json.dumps(data, indent=1) if suffix == ".json" else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("b, fields, field, message", REFUSED)
def test_a_course_placed_wrong_is_refused_with_its_field_and_line(tmp_path, suffix, b, fields, field, message):
    data = _programme(b, **fields)
    if b.get("code") == "A":  # two courses share the code: B is named by its title and row
        data["courses"][1]["title"] = "B"
    path, text = _write(tmp_path, data, suffix)
    with pytest.raises(SubjectFileError) as e:
        load_programme_file(path)
    assert f"programme field '{field}': {message}" in e.value.message
    assert e.value.path == str(path)
    # the line of the course (or of its field) in the file
    lines = text.splitlines()
    wanted = field.rsplit(".", 1)[-1] if "." in field else None
    course_start = [i for i, line in enumerate(lines, 1) if '"B"' in line or "'B'" in line or line.strip() in
                    ("code: B", "- code: B", "title: B")]
    assert course_start and e.value.line >= min(course_start) - 2
    if wanted:
        assert wanted in lines[e.value.line - 1]


ACCEPTED = [
    ({"term": 1}, {}), ({"term": 4}, {}), ({"year": 2}, {}), ({"term": 3, "year": 2}, {}),
    ({"term": 2}, {"covers": {"from_term": 2, "to_term": 3}}), ({"term": 3}, {"covers": {"from_term": 2, "to_term": 3}}),
    ({"year": 1}, {"covers": {"from_term": 1, "to_term": 2}}),
]


@pytest.mark.parametrize("b, fields", ACCEPTED)
def test_a_course_placed_right_is_accepted(b, fields):
    programme = Programme.model_validate(_programme(b, **fields))
    assert list(consistency_problems(programme)) == []


def test_a_course_placed_by_its_group_needs_the_groups_term_or_year():
    data = _programme({"term": 2})
    Programme.model_validate(data)  # E1, E2: the group's term 3
    del data["elective_groups"][0]["term"]
    with pytest.raises(ValueError, match=r"course E1: give its term or its year \(or the elective group's\)"):
        Programme.model_validate(data)


def test_every_problem_is_listed_in_the_order_of_the_file():
    """A course with a problem is found wherever it stands, the courses with none passed over between them."""
    programme = Programme.model_validate(_programme({"term": 2}))
    a, b, e1, e2 = programme.courses
    wrong = [a.model_copy(update={"term": 7}), b.model_copy(update={"term": 5, "year": 1}), e1, e2,
             a.model_copy(update={"code": "Z", "term": None})]
    checked = programme.model_copy(update={"courses": wrong})
    checked._code_counts = None
    assert [where for where, _ in consistency_problems(checked)] == [
        "courses.0.term", "courses.1.term", "courses.1.year", "courses.4"]
