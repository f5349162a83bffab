"""The example cohorts in examples/grades load, give sensible tables and convert."""
from pathlib import Path

import pytest

from engine.grades import assign_letters, convert_grades, get_scale, grading_table
from engine.subjects.cohort.model import load_cohort

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "grades"


@pytest.fixture(scope="module")
def greek():
    scale = get_scale("gr-0-10")
    return grading_table(load_cohort(EXAMPLES / "greek-informatics.csv", scale=scale).group("gr-informatics-first"), scale=scale)


@pytest.fixture(scope="module")
def german():
    scale = get_scale("de-1-5")
    return grading_table(load_cohort(EXAMPLES / "german-informatik.csv", scale=scale).group("de-informatik-bachelor"), scale=scale)


def test_greek_cohort_is_large_enough_for_the_greek_md(greek):
    cohort = load_cohort(EXAMPLES / "greek-informatics.csv")
    group = cohort.group("gr-informatics-first")
    assert len(group.years) == 3 and group.student_count() >= 100
    assert greek.total + greek.failing_excluded == group.student_count()
    assert greek.grades[0] == 10 and greek.grades[-1] == 5
    assert cohort.group("gr-informatics-second").cycle == "second"


def test_serbian_cohort_drops_grade_5():
    cohort = load_cohort(EXAMPLES / "serbian-informatics.yaml")  # the file names its scale
    assert cohort.scale == "rs-5-10"
    t = grading_table(cohort.group("rs-informatics-first"), scale=get_scale(cohort.scale))
    assert t.grades == [10, 9, 8, 7, 6] and t.failing_excluded == 36


def test_german_passing_only_table_converts_to_greek(greek, german):
    grades = german.grades
    assert grades[0] == 1.0 and german.failing_excluded == 0
    for policy in ("min", "max", "avg", "mid"):
        results = convert_grades(grades, german, greek, policy=policy)
        assert results.results[0] >= results.results[-1]
        assert results.warnings == ()  # same cycle and field, two years each


def test_greek_letters(greek):
    letters = assign_letters(greek)
    assert [r.letter for r in letters.rows][:2] == ["A", "A"] and letters.rows[-1].letter == "E"
    assert letters.within(5)
