"""Grade conversion by band overlap: a hand-worked example, policies, warnings, errors, transcripts."""
from fractions import Fraction

import pytest

from engine.grades import POLICIES, UnknownGradeError, UnknownPolicyError, build_table, convert_grade, convert_grades, grading_table
from engine.subjects.cohort.model import ReferenceGroup

# Foreign (lower is better), 10 passing grades: 1.0 [0,10) 2.0 [10,40) 3.0 [40,80) 4.0 [80,100)
FOREIGN = build_table({1.0: 1, 2.0: 3, 3.0: 4, 4.0: 2}, higher_is_better=False)
# Home, 20 passing grades: 10 [0,10) 9 [10,20) 8 [20,40) 7 [40,70) 6 [70,90) 5 [90,100)
HOME = build_table({10: 2, 9: 2, 8: 4, 7: 6, 6: 4, 5: 2})

# Worked by hand:
#   1.0 [0,10):   10 (10)                 -> all policies 10
#   2.0 [10,40):  9 (10), 8 (20)          -> min 8, max 9, avg (90+160)/30 = 8.33 -> 8, mid 25 -> 8
#   3.0 [40,80):  7 (30), 6 (10)          -> min 6, max 7, avg (210+60)/40 = 6.75 -> 7, mid 60 -> 7
#   4.0 [80,100): 6 (10), 5 (10)          -> min 5, max 6, avg 5.5 tie -> better 6,    mid 90 -> 5
EXPECTED = {
    "min": [10, 8, 6, 5],
    "max": [10, 9, 7, 6],
    "avg": [10, 8, 7, 6],
    "mid": [10, 8, 7, 5],
}


@pytest.mark.parametrize("policy", POLICIES)
def test_hand_worked_conversion(policy):
    assert convert_grades([1.0, 2.0, 3.0, 4.0], FOREIGN, HOME, policy=policy).results == EXPECTED[policy]


def test_conversion_result_holds_bands_candidates_and_reasons():
    c = convert_grade("3,0", FOREIGN, HOME, policy="avg")
    assert c.grade == 3.0 and c.result == 7 and c.policy == "avg"
    assert c.foreign_band == (Fraction(40), Fraction(80)) and c.home_band == (Fraction(40), Fraction(70))
    assert [(x.grade, x.overlap) for x in c.candidates] == [(7, 30), (6, 10)]
    assert c.average == Fraction(27, 4)
    text = " ".join(c.explanation)
    assert "[40.00 %, 80.00 %)" in text and "6.75" in text and "nearest" in text
    assert "EGRACONS algorithm is not published" in text and "project's own design choice" in text
    assert "§4.4" in text
    d = c.to_dict()
    assert d["result"] == 7 and d["foreign_band"] == [40.0, 80.0] and d["candidates"][0] == {
        "grade": 7, "band": [40.0, 70.0], "overlap": 30.0
    }
    import json

    json.dumps(d)


def test_policy_is_required_and_checked():
    with pytest.raises(TypeError):
        convert_grade(1.0, FOREIGN, HOME)  # type: ignore[call-arg]
    with pytest.raises(UnknownPolicyError, match="unknown conversion policy 'median'"):
        convert_grade(1.0, FOREIGN, HOME, policy="median")


def test_absent_grade_is_a_clear_error():
    with pytest.raises(UnknownGradeError, match="grade 1.3 is not a passing grade awarded") as e:
        convert_grade(1.3, FOREIGN, HOME, policy="min")
    assert isinstance(e.value, ValueError)
    with pytest.raises(UnknownGradeError, match="grade no. 2: grade 5.0 "):
        convert_grades([1.0, 5.0], FOREIGN, HOME, policy="min")


def group(gid, field, cycle, years=("2022-23", "2023-24")):
    return ReferenceGroup(id=gid, field=field, cycle=cycle, counts={y: {8: 1, 7: 1} for y in years})


def test_warnings_for_non_parallel_groups():
    home = grading_table(group("h", "0613", "first"))
    same = grading_table(group("f", "0613", "first"))
    assert convert_grade(8, same, home, policy="min").warnings == ()
    other = grading_table(group("f", "0541", "second"))
    w = convert_grade(8, other, home, policy="min").warnings
    assert any("cycle second but home cycle first" in x for x in w)
    assert any("ISCED-F field 0541 but home ISCED-F field 0613" in x for x in w)
    broad = grading_table(group("f", "061", "first"))
    assert any("match only at the broader level 061" in x for x in convert_grade(8, broad, home, policy="min").warnings)
    unknown = grading_table(ReferenceGroup(id="u", counts={"2022-23": {8: 1}, "2023-24": {8: 1}}))
    w = convert_grade(8, unknown, home, policy="min").warnings
    assert any("foreign table has no cycle" in x for x in w)
    short = grading_table(group("s", "0613", "first", years=("2023-24",)))
    w = convert_grades([8], short, home, policy="min").warnings
    assert w == ("the foreign table covers only 2023-24; the Guide (§4.3 step 2) asks for at least two years",)


def test_label_home_table_averages_positions():
    from engine.grades import GradingScale

    s = GradingScale.from_list("l", "labels", ["A", "B", "C", "D"], "D")
    home = build_table({"A": 1, "B": 1, "C": 1, "D": 1}, scale=s)  # 25 % each
    foreign = build_table({10: 1, 9: 2, 8: 1})  # 10 [0,25) 9 [25,75) 8 [75,100)
    c = convert_grade(9, foreign, home, policy="avg")
    assert c.average == Fraction(3, 2) and c.result == "B"  # positions 1 and 2, tie -> better
    assert "positions" in c.explanation[2]


def test_transcript_to_dict():
    t = convert_grades(["1,0", 4], FOREIGN, HOME, policy="mid")
    d = t.to_dict()
    assert d["policy"] == "mid" and [c["result"] for c in d["conversions"]] == [10, 5]
