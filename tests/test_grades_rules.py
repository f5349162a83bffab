"""Grades in the rule language: scale declarations, the cohort subject, the grade rules of the three sets."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.ruleset.compiled import compile_ruleset, load_ruleset
from engine.dsl import ast
from engine.dsl.parser import parse_text
from engine.errors import RuleSetError
from engine.evaluation.evaluator import evaluate
from engine.subjects.cohort.model import load_cohort
from engine.subjects.cohort.model import Cohort
from engine.subjects.cohort.views import CohortView
from engine.grades.declared import ruleset_scales, scale_for_cohort
from engine.subjects.cohort.files import convert_transcript
from engine.ruleset.compose import compose
from engine.tools.ruletests import _cases, run_case

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "grades"


def cohort(counts: dict, scale: str | None = None, **group) -> Cohort:
    """A one-group cohort: {year: {grade: count}}."""
    data = {"groups": [{"id": group.pop("id", "g"), "counts": counts, **group}]}
    if scale:
        data["scale"] = scale
    return Cohort.model_validate(data)


def statuses(ruleset: str, c: Cohort) -> dict[str, str]:
    report = evaluate(load_ruleset(ruleset), CohortView(c))
    return {f.rule: f.status for f in report.findings}


# ---- the scale declaration ------------------------------------------------------------------------

def test_scale_declarations_parse():
    f = parse_text('scale rs preset "rs-5-10" pass 6\n  cite law "Art. 104"\n'
                   'scale gr from 0 to 10 step 0.5 pass 5 letters majority\n  cite law "x"\n')
    rs, gr = f.declarations
    assert isinstance(rs, ast.ScaleDecl) and rs.preset == "rs-5-10" and rs.pass_mark == 6
    assert (gr.lowest, gr.highest, gr.step, gr.pass_mark, gr.letters) == (0, 10, 0.5, 5, "majority")


def test_a_range_scale_needs_a_pass_mark():
    with pytest.raises(RuleSetError, match="needs a pass mark"):
        parse_text('scale gr from 0 to 10 step 1\n  cite law "x"\n')


def child_set(tmp_path: Path, body: str, parent: str = "serbian_credit_act") -> Path:
    folder = tmp_path / "child"
    folder.mkdir()
    (folder / "child.rules").write_text(f'ruleset child extends {parent}\n  title "child"\n'
                                        f'source inst "An institution\'s general act"\n  confidence unverified\n'
                                        + body, encoding="utf-8")
    return folder


@pytest.mark.parametrize("decl, message", [
    ('scale x preset "rs-5-11"\n  cite inst "x"\n', "unknown grading scale 'rs-5-11' (did you mean 'rs-5-10'?)"),
    ('scale x preset "rs-5-10" pass 4\n  cite inst "x"\n', "pass mark 4 is not on preset 'rs-5-10'"),
    ('scale x preset "rs-5-10" letters median\n  cite inst "x"\n', "unknown letter policy 'median'"),
    ('scale x from 0 to 10 step 3 pass 5\n  cite inst "x"\n', "is not a whole number of steps"),
    ('scale x preset "rs-5-10"\n', "scale 'x' has no citation"),
    ('scale x preset "rs-5-10"\n  cite nowhere "x"\n', "unknown source 'nowhere'"),
])
def test_bad_scales_are_rule_set_errors_with_their_line(tmp_path, decl, message):
    folder = child_set(tmp_path, decl)
    with pytest.raises(RuleSetError) as e:
        compose(str(folder))
    assert message in e.value.format()
    line = 6 if "source" in message else 5  # a wrong citation points at its own line
    assert e.value.format().startswith(f"{folder / 'child.rules'}:{line}:")


def test_a_child_inherits_and_overrides_scales(tmp_path):
    assert [d.name for d in ruleset_scales(compose("serbian_credit_act"))] == ["rs_5_10"]
    assert ruleset_scales(compose("ects_guide_2015")) == []
    folder = child_set(tmp_path, 'scale rs_5_10 preset "rs-5-10" pass 5\n  cite inst "general act"\n'
                                 'scale points from 0 to 100 step 1 pass 51\n  cite inst "general act"\n')
    composed = compose(str(folder))
    scales = ruleset_scales(composed)
    assert [(d.name, d.origin, d.scale.pass_mark) for d in scales] == [("rs_5_10", "child", 5), ("points", "child", 51)]
    # the cohort names rs-5-10: the child's version of that scale (pass 5) reads it
    rs = compile_ruleset(composed)
    report = evaluate(rs, CohortView(load_cohort(EXAMPLES / "serbian-informatics.yaml")))
    assert {f.rule: f.status for f in report.findings}["rs_grade_5_not_passing"] == "fail"


def test_which_scale_reads_a_cohort():
    serbian = compose("serbian_credit_act")
    assert scale_for_cohort("rs-5-10", serbian).name == "rs_5_10"      # the rule set's version of the named preset
    assert scale_for_cohort("gr-0-10", serbian).id == "gr-0-10"        # the file's own preset
    assert scale_for_cohort(None, serbian).name == "rs_5_10"           # the rule set's first scale
    assert scale_for_cohort(None, compose("ects_guide_2015")) is None  # no scale: every grade passes


# ---- the cohort view ------------------------------------------------------------------------------

def test_cohort_view_fields():
    view = CohortView(load_cohort(EXAMPLES / "serbian-informatics.yaml"))
    g = view.group_list[0]
    assert (g.year_count, g.student_count, g.passing_count, g.failing_count) == (2, 275, 239, 36)
    assert (g.pass_mark, g.lowest_grade, g.highest_grade, g.lowest_passing_grade, g.off_scale_count) == (6, 5, 10, 6, 0)
    assert g.percentage_total == 100 and g.cumulative_total == 100
    assert [r.grade for r in g.row_list] == [10, 9, 8, 7, 6]
    assert round(g.share_a + g.share_b + g.share_c + g.share_d + g.share_e, 6) == 100
    assert g.max_share_deviation == pytest.approx(8.828452)
    assert [x.grade for x in g.grade_list] == [10, 9, 8, 7, 6, 5] and g.grade_list[-1].passing is False


def test_a_group_without_passing_grades_has_no_table():
    g = CohortView(cohort({"2022-23": {5: 3}, "2023-24": {5: 2}}, scale="rs-5-10")).group_list[0]
    assert g.passing_count == 0 and g.failing_count == 5 and g.percentage_total == 0
    assert "no passing grades" in g.share_a.reason


def test_grades_off_the_rule_sets_scale_leave_the_table_unknown():
    view = CohortView(cohort({"2022-23": {10: 3, 4: 1}})).for_ruleset(load_ruleset("serbian_credit_act"))
    g = view.group_list[0]
    assert g.off_scale_count == 1 and g.lowest_grade == 4
    assert "not on scale 'rs_5_10': 4" in g.passing_count.reason


# ---- the rules ---------------------------------------------------------------------------------------

TWO_YEARS_100 = {"2022-23": {10: 5, 9: 12, 8: 15, 7: 13, 6: 5}, "2023-24": {10: 5, 9: 13, 8: 15, 7: 12, 6: 5}}


def test_greek_reference_group_99_or_100_students():
    assert statuses("greek_law_4009", cohort(TWO_YEARS_100))["gr_reference_group_min_100_or_3_years"] == "pass"
    ninety_nine = {"2022-23": TWO_YEARS_100["2022-23"], "2023-24": {**TWO_YEARS_100["2023-24"], 6: 4}}
    s = statuses("greek_law_4009", cohort(ninety_nine))
    assert s["gr_reference_group_min_100_or_3_years"] == "fail"
    assert s["gr_ects_grade_shares"] == "not_applicable"


def test_greek_fallback_of_three_years():
    two = {"2022-23": {10: 10, 8: 20}, "2023-24": {9: 20, 7: 19}}
    three = {**two, "2021-22": {6: 1}}
    assert statuses("greek_law_4009", cohort(two))["gr_reference_group_min_100_or_3_years"] == "fail"
    assert statuses("greek_law_4009", cohort(three))["gr_reference_group_min_100_or_3_years"] == "pass"


def test_greek_shares_10_25_30_25_10_pass_and_flat_shares_fail():
    assert statuses("greek_law_4009", cohort(TWO_YEARS_100))["gr_ects_grade_shares"] == "pass"
    flat = {"2022-23": {10: 20, 9: 20, 8: 20, 7: 20, 6: 20}}
    assert statuses("greek_law_4009", cohort(flat))["gr_ects_grade_shares"] == "fail"


def test_guide_two_years():
    one = cohort({"2023-24": {10: 1, 6: 2}}, scale="gr-0-10")
    two = cohort({"2022-23": {10: 1}, "2023-24": {6: 2}}, scale="gr-0-10")
    assert statuses("ects_guide_2015", one)["ects_grading_table_min_2_years"] == "fail"
    assert statuses("ects_guide_2015", two)["ects_grading_table_min_2_years"] == "pass"


def test_serbian_scale_rules():
    ok = cohort({"2022-23": {10: 2, 6: 3, 5: 1}}, scale="rs-5-10")
    assert statuses("serbian_credit_act", ok)["rs_grades_5_to_10"] == "pass"
    off = statuses("serbian_credit_act", cohort({"2022-23": {10: 2, 6.5: 1, 6: 3}}))
    assert off["rs_grades_5_to_10"] == "fail"
    greek_pass_mark = statuses("serbian_credit_act", cohort({"2022-23": {10: 2, 5: 1}}, scale="gr-0-10"))
    assert greek_pass_mark["rs_grade_5_not_passing"] == "fail"


@pytest.mark.parametrize("ruleset", ["ects_guide_2015", "greek_law_4009", "serbian_credit_act"])
def test_the_grade_test_cases_of_each_set_pass(ruleset):
    rs = load_ruleset(ruleset)
    path = ROOT / "rules" / ruleset / "tests" / "grades.yaml"
    results = [run_case(rs, path, case, at, lines) for case, at, lines in _cases(path)]
    assert len(results) >= 3
    assert all(r.ok for r in results), "\n".join(r.describe() for r in results if not r.ok)


# ---- conversion from files ----------------------------------------------------------------------------

def test_convert_transcript_from_files_worked_example(write):
    """docs/grades.md §5: foreign 1.0/2.0/3.0/4.0 (1, 3, 4, 2), home 10..5 (2, 2, 4, 6, 4, 2)."""
    foreign = write("de.csv", "group,academic_year,grade,count\n"
                    "de,2022-23,1.0,1\nde,2022-23,2.0,3\nde,2022-23,3.0,4\nde,2022-23,4.0,2\n")
    home = write("gr.yaml", "groups:\n  - id: gr\n    counts:\n      2022-23: {10: 2, 9: 2, 8: 4, 7: 6, 6: 4, 5: 2}\n")
    expected = {"min": [10, 8, 6, 5], "max": [10, 9, 7, 6], "avg": [10, 8, 7, 6], "mid": [10, 8, 7, 5]}
    for policy, want in expected.items():
        conv = convert_transcript([1.0, "2,0", 3, 4.0], foreign, home, policy=policy, foreign_scale="de-1-5")
        assert conv.results == want, policy


def test_convert_transcript_identity():
    path = EXAMPLES / "serbian-informatics.yaml"
    grades = [10, 9, 8, 7, 6]
    for policy in ("min", "max", "avg", "mid"):
        assert convert_transcript(grades, path, path, policy=policy).results == grades


def test_convert_transcript_errors_name_the_file():
    path = EXAMPLES / "serbian-informatics.yaml"
    with pytest.raises(Exception) as e:
        convert_transcript([5], path, path, policy="avg")
    assert str(path) in str(e.value) and "grade no. 1: grade 5 is not a passing grade" in str(e.value)


def test_rules_show_lists_the_scales_with_their_citations():
    from engine.tools.describe import describe_ruleset, describe_text
    import datetime as dt

    data = describe_ruleset(load_ruleset("serbian_credit_act"), dt.date(2024, 1, 1))
    (sc,) = data["scales"]
    assert (sc["name"], sc["grades"], sc["pass_mark"], sc["origin"]) == ("rs_5_10", [5, 10], 6, "serbian_credit_act")
    assert {c["ref"] for c in sc["citations"]} == {"Art. 104 para 4", "Art. 104 para 5"}
    text = describe_text(data)
    assert "rs_5_10: 5 to 10, pass mark 6" in text and "points 0-50 = 5, 51-60 = 6" in text
    greek = describe_ruleset(load_ruleset("greek_law_4009"), dt.date(2024, 1, 1))
    assert any(w["what"] == "scale gr_0_10" for w in greek["weak_citations"])
