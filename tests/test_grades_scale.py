"""Grading scales: construction, order, pass marks, points mapping."""
import pytest

from engine.grades import GradeError, GradingScale, UnknownGradeError, get_scale, to_grade


def test_to_grade_normalises_numeric_strings():
    assert to_grade("8") == 8 and isinstance(to_grade("8"), int)
    assert to_grade(" 8.5 ") == 8.5
    assert to_grade("1,3") == 1.3
    assert to_grade("sehr gut") == "sehr gut"
    for bad in ("", "  ", True, None, float("nan")):
        with pytest.raises(GradeError):
            to_grade(bad)


def test_numeric_range_with_half_steps():
    s = GradingScale.numeric("g", "Greek", 0, 10, "0.5", 5)
    assert len(s.grades) == 21
    assert s.grades[0] == 10 and s.grades[1] == 9.5 and s.grades[-1] == 0
    assert s.contains("7.5") and s.contains(7) and not s.contains(7.3) and not s.contains(11)
    assert s.is_passing(5) and s.is_passing("5.0") and not s.is_passing(4.5)
    assert s.better(6, 8.5) == 8.5
    assert s.sort_best_first([5, "9.5", 7]) == [9.5, 7, 5]


def test_numeric_range_must_fit_steps():
    with pytest.raises(GradeError):
        GradingScale.numeric("x", "x", 0, 10, 3, 5)
    with pytest.raises(GradeError):
        GradingScale.numeric("x", "x", 0, 10, 1, 11)  # pass mark off the scale


def test_lower_is_better_scale():
    de = get_scale("de-1-5")
    assert de.higher_is_better is False
    assert de.grades[0] == 1.0 and de.pass_mark == 4.0
    assert de.is_passing(1.0) and de.is_passing("4,0") and not de.is_passing(5.0)
    assert de.better(1.3, 2.7) == 1.3
    assert de.sort_best_first([4.0, 1.0, 2.3]) == [1.0, 2.3, 4.0]


def test_label_scale_uses_list_order():
    s = GradingScale.from_list("de-words", "words", ["sehr gut", "gut", "befriedigend", "ausreichend", "mangelhaft"], "ausreichend")
    assert s.higher_is_better is None
    assert s.is_passing("gut") and not s.is_passing("mangelhaft")
    assert s.better("befriedigend", "sehr gut") == "sehr gut"
    with pytest.raises(UnknownGradeError):
        s.is_passing("excellent")


def test_from_list_numbers_must_be_in_order():
    with pytest.raises(GradeError):
        GradingScale.from_list("x", "x", [1.0, 2.0, 1.5], 2.0)


def test_serbian_points_mapping_art_104():
    rs = get_scale("rs-5-10")
    assert rs.pass_mark == 6 and rs.higher_is_better
    assert [rs.grade_for_points(p) for p in (0, 50, 51, 60, 61, 70, 71, 80, 81, 90, 91, 100)] == [
        5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10
    ]
    assert not rs.is_passing(5)
    with pytest.raises(GradeError):
        rs.grade_for_points(101)
    with pytest.raises(GradeError):
        get_scale("gr-0-10").grade_for_points(50)


def test_unknown_preset_suggests_a_name():
    with pytest.raises(UnknownGradeError, match="did you mean 'rs-5-10'"):
        get_scale("rs-5-1O")


def test_scale_is_frozen_and_hashable():
    s = get_scale("gr-0-10")
    with pytest.raises(Exception):
        s.pass_mark = 4  # type: ignore[misc]
    assert hash(s) == hash(get_scale("gr-0-10"))
