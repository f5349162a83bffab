"""ECTS letters A-E (Greek MD, pre-2009 ECTS scale): band policies, shares, deviations, FX/F."""
from fractions import Fraction

import pytest

from engine.grades import LETTER_BANDS, UnknownGradeError, UnknownPolicyError, assign_letters, build_table, get_scale

# 20 passing students: bands 10 [0,5) 9 [5,20) 8 [20,50) 7 [50,80) 6 [80,100)
TABLE = build_table({10: 1, 9: 3, 8: 6, 7: 6, 6: 4, 4: 5}, scale=get_scale("gr-0-10-whole"))


def test_letter_bands():
    assert {k: (int(a), int(b)) for k, (a, b) in LETTER_BANDS.items()} == {
        "A": (0, 10), "B": (10, 35), "C": (35, 65), "D": (65, 90), "E": (90, 100)
    }


def test_midpoint_policy_hand_worked():
    # midpoints 2.5 -> A, 12.5 -> B, 35 -> C (35 opens C), 65 -> D (65 opens D), 90 -> E
    a = assign_letters(TABLE)
    assert [r.letter for r in a.rows] == ["A", "B", "C", "D", "E"]
    assert dict(a.rows[2].split) == {"B": 15, "C": 15}
    assert a.shares == {"A": 5, "B": 15, "C": 30, "D": 30, "E": 20}
    assert a.deviation == {"A": -5, "B": -10, "C": 0, "D": 5, "E": 10}
    assert not a.within(5) and a.within(10)


def test_majority_policy_ties_go_to_the_better_letter():
    # grade 9: A 5, B 10 -> B; grade 8: B 15, C 15 -> B (tie); 7: C 15, D 15 -> C; 6: D 10, E 10 -> D
    a = assign_letters(TABLE, "majority")
    assert [r.letter for r in a.rows] == ["A", "B", "B", "C", "D"]
    assert sum(a.shares.values()) == 100


def test_exact_distribution_has_no_deviation():
    t = build_table({10: 10, 9: 25, 8: 30, 7: 25, 6: 10})
    for policy in ("midpoint", "majority"):
        a = assign_letters(t, policy)
        assert [r.letter for r in a.rows] == list("ABCDE")
        assert all(d == 0 for d in a.deviation.values()) and a.within(0)


def test_straddling_grade_by_midpoint_vs_majority():
    # grade 9 holds [8, 40): 2 points in A, 25 in B, 5 in C; midpoint 24 -> B; majority -> B.
    # grade 8 holds [40, 100): C 25, D 25, E 10; midpoint 70 -> D; majority tie C/D -> C.
    t = build_table({10: 2, 9: 8, 8: 15})
    mid, maj = assign_letters(t, "midpoint"), assign_letters(t, "majority")
    assert [mid.letter(g) for g in (10, 9, 8)] == ["A", "B", "D"]
    assert [maj.letter(g) for g in (10, 9, 8)] == ["A", "B", "C"]
    assert dict(mid.rows[1].split) == {"A": 2, "B": 25, "C": 5}


def test_failing_grades_get_fx_or_f():
    a = assign_letters(TABLE, fx_from=4)
    assert a.letter(4) == "FX" and a.letter(3) == "F" and a.letter(0) == "F"
    assert assign_letters(TABLE).letter(4) == "F"
    with pytest.raises(UnknownGradeError):
        a.letter(11)
    with pytest.raises(UnknownGradeError):
        assign_letters(build_table({8: 1})).letter(4)  # no scale: 4 is unknown, not failing


def test_to_dict_and_unknown_policy():
    d = assign_letters(TABLE).to_dict()
    assert d["letters"][0] == {"letter": "A", "target": 10, "observed": 5.0, "deviation": -5.0}
    assert d["rows"][1]["split"] == {"A": 5.0, "B": 10.0}
    with pytest.raises(UnknownPolicyError):
        assign_letters(TABLE, "largest")
    assert isinstance(assign_letters(TABLE).shares["A"], Fraction)
