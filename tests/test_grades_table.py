"""Grading tables (Guide 2015 §4.3): hand-worked counts, rounding, failing grades, lower-is-better."""
from fractions import Fraction

import pytest

from engine.grades import EmptyTableError, GradeError, GradingScale, UnknownGradeError, build_table, get_scale, grading_table
from engine.subjects.cohort.model import ReferenceGroup

WHOLE = get_scale("gr-0-10-whole")


def test_hand_worked_table():
    # 23 grades: 3 failing (4) left out; 20 passing.
    #   grade count  %    cumulative  band
    #   10    2     10    10          [0, 10)
    #   9     3     15    25          [10, 25)
    #   8     5     25    50          [25, 50)
    #   7     6     30    80          [50, 80)
    #   6     4     20    100         [80, 100)
    t = build_table({4: 3, 6: 4, 7: 6, 8: 5, 9: 3, 10: 2, 5: 0}, scale=WHOLE)
    assert t.total == 20 and t.failing_excluded == 3 and t.graded_total == 23
    assert [(r.grade, r.count, r.percentage, r.cumulative_percentage) for r in t.rows] == [
        (10, 2, 10.0, 10.0),
        (9, 3, 15.0, 25.0),
        (8, 5, 25.0, 50.0),
        (7, 6, 30.0, 80.0),
        (6, 4, 20.0, 100.0),
    ]
    assert t.band(8) == (Fraction(25), Fraction(50))
    assert 5 not in t.grades  # awarded 0 times: no row


def test_to_dict_is_json_shaped():
    group = ReferenceGroup(id="cs", field="0613", cycle="first", counts={"2022-23": {8: 1, 7: 3}})
    d = grading_table(group, scale=WHOLE).to_dict()
    assert d["group"] == "cs" and d["field"] == "0613" and d["cycle"] == "first" and d["years"] == ["2022-23"]
    assert d["rows"] == [
        {"grade": 8, "count": 1, "percentage": 25.0, "cumulative_percentage": 25.0, "band": [0.0, 25.0]},
        {"grade": 7, "count": 3, "percentage": 75.0, "cumulative_percentage": 100.0, "band": [25.0, 100.0]},
    ]
    import json

    json.dumps(d)


def test_99_students_round_but_stay_exact():
    t = build_table({10: 33, 9: 33, 8: 33})
    assert [r.percentage for r in t.rows] == [33.33, 33.33, 33.33]
    assert [r.cumulative_percentage for r in t.rows] == [33.33, 66.67, 100.0]
    assert sum(r.share for r in t.rows) == 100  # exact inside
    assert abs(sum(r.percentage for r in t.rows) - 100) <= 0.005 * len(t.rows)


def test_100_students_are_exact():
    t = build_table({10: 10, 9: 25, 8: 30, 7: 25, 6: 10})
    assert [r.percentage for r in t.rows] == [10.0, 25.0, 30.0, 25.0, 10.0]
    assert [r.cumulative_percentage for r in t.rows] == [10.0, 35.0, 65.0, 90.0, 100.0]


def test_one_student_more_or_less():
    # 99 vs 100 students with one extra top grade: the bands move, percentages still add to 100.
    t99 = build_table({10: 9, 9: 25, 8: 30, 7: 25, 6: 10})
    t100 = build_table({10: 10, 9: 25, 8: 30, 7: 25, 6: 10})
    assert t99.row(10).percentage == 9.09 and t100.row(10).percentage == 10.0
    assert t99.row(6).band == (Fraction(8900, 99), Fraction(100))
    assert sum(r.share for r in t99.rows) == 100


def test_years_are_chosen_and_summed():
    g = ReferenceGroup(id="g", counts={"2021-22": {8: 1, 4: 2}, "2022-23": {8: 1, 6: 2}, "2023-24": {10: 5}})
    t = grading_table(g, ["2022/2023", "2021-22"], scale=WHOLE)
    assert t.years == ("2021-22", "2022-23")
    assert [(r.grade, r.count) for r in t.rows] == [(8, 2), (6, 2)] and t.failing_excluded == 2
    assert grading_table(g, scale=WHOLE).years == ("2021-22", "2022-23", "2023-24")
    with pytest.raises(GradeError, match="no counts for academic year 2019-20"):
        grading_table(g, ["2019-20"])


def test_explicit_pass_mark_without_scale():
    t = build_table({6: 2, 5: 1, 4: 7}, pass_mark=5)
    assert t.grades == [6, 5] and t.failing_excluded == 7
    with pytest.raises(GradeError, match="label"):
        build_table({"gut": 1}, pass_mark="ausreichend")


def test_passing_only_table_needs_no_scale():
    t = build_table({"1,0": 1, "2,0": 3, "4,0": 1}, higher_is_better=False)
    assert t.grades == [1.0, 2.0, 4.0] and t.failing_excluded == 0
    assert t.row("2,0").cumulative_percentage == 80.0


def test_lower_is_better_scale_drops_failures():
    t = build_table({1.0: 1, 1.3: 1, 4.0: 2, 5.0: 6}, scale=get_scale("de-1-5"))
    assert t.grades == [1.0, 1.3, 4.0] and t.failing_excluded == 6
    assert t.row(4.0).band == (Fraction(50), Fraction(100))


def test_direction_must_agree_with_the_scale():
    with pytest.raises(GradeError, match="contradicts scale 'de-1-5'"):
        build_table({1.0: 1}, scale=get_scale("de-1-5"), higher_is_better=True)
    assert build_table({1.0: 1}, scale=get_scale("de-1-5"), higher_is_better=False).grades == [1.0]


def test_label_grades_need_a_scale():
    with pytest.raises(GradeError, match="need a grading scale"):
        build_table({"A": 1, "B": 2})
    s = GradingScale.from_list("l", "labels", ["A", "B", "C", "F"], "C")
    t = build_table({"B": 2, "A": 1, "F": 4}, scale=s)
    assert t.grades == ["A", "B"] and t.failing_excluded == 4 and not t.is_numeric


def test_grade_outside_scale_and_bad_counts():
    with pytest.raises(UnknownGradeError, match="grade 11 is not on scale"):
        build_table({11: 1, 8: 2}, scale=WHOLE)
    with pytest.raises(GradeError, match="whole number"):
        build_table({8: -1})
    with pytest.raises(GradeError, match="whole number"):
        build_table({8: 1.5})


def test_empty_table():
    with pytest.raises(EmptyTableError):
        build_table({4: 10, 3: 2}, scale=WHOLE)
    with pytest.raises(EmptyTableError):
        build_table({8: 0})


def test_row_of_absent_grade():
    t = build_table({8: 1, 7: 1})
    with pytest.raises(UnknownGradeError, match="grade 9 is not a passing grade awarded in table"):
        t.row(9)
    assert t.row_at(Fraction(50)).grade == 7 and t.row_at(Fraction(100)).grade == 7 and t.row_at(0).grade == 8
