"""Cohort files that state their own scale, pass mark or passing-only flag, pooled tables, new presets,
and a pooled 0-20 table converted into a Greek one (worked by hand below)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from cli_helpers import every_finding
from click.testing import CliRunner

from engine.cli.main import main
from engine.errors import InputError, SubjectFileError
from engine.grades import get_scale
from engine.subjects.cohort.files import TableSource, convert_tables, read_cohort
from engine.subjects.cohort.model import load_cohort

DATA = Path(__file__).resolve().parent / "data" / "grades"
POOLED = DATA / "egracons_style_pooled_0_20.yaml"
GREEK = DATA / "greek_home_0_10.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_csv_settings_lines(tmp_path):
    p = write(tmp_path, "dk.csv", "# Danish table\n# scale: dk-7-point\ngroup,academic_year,grade,count\n"
                                  "dk,2022-23,12,10\ndk,2022-23,02,5\ndk,2022-23,00,3\ndk,2023-24,-3,1\n")
    g = read_cohort(p).group("dk")
    assert g.pass_mark_grade == 2 and g.table.total == 15 and g.table.failing_excluded == 4


def test_csv_pass_mark_line_without_scale(tmp_path):
    p = write(tmp_path, "fr.csv", "# pass_mark: 10\ngroup,academic_year,grade,count\nfr,2022-23,12,4\nfr,2022-23,8,2\n")
    assert read_cohort(p).group("fr").table.total == 4


def test_yaml_pass_mark_and_its_check_against_the_scale(tmp_path):
    p = write(tmp_path, "a.yaml", "pass_mark: 10\ngroups:\n  - id: a\n    counts: {\"2022-23\": {12: 4, 8: 2}}\n")
    assert read_cohort(p).group("a").table.total == 4
    bad = write(tmp_path, "b.yaml", "scale: gr-0-10\npass_mark: 12\ngroups:\n  - id: a\n    counts: {\"2022-23\": {8: 2}}\n")
    with pytest.raises(SubjectFileError, match=r"b.yaml:2: pass mark 12 is not on scale 'gr-0-10'"):
        read_cohort(bad)


@pytest.mark.parametrize(("text", "message"), [
    ("# pasing_only: true\ngroup,academic_year,grade,count\n", ":1: unknown setting 'pasing_only'"),
    ("# passing_only: maybe\ngroup,academic_year,grade,count\n", ":1: passing_only must be true or false"),
    ("# scale: gr-0-10\n", "the file is empty"),
    ("# scale: gr-0-10\ngroup,academic_year,grade,count\n", ":3: the file has a header but no rows"),
    ("# scale: gr-0-10\ngroup,year,grade,count\n", ":2: unknown column 'year'"),
])
def test_csv_settings_errors_name_the_line(tmp_path, text, message):
    with pytest.raises(SubjectFileError, match=message):
        read_cohort(write(tmp_path, "c.csv", text))


def test_passing_only_counts_every_grade_as_passing(tmp_path):
    p = write(tmp_path, "p.csv", "# passing_only: true\ngroup,academic_year,grade,count\ne,2019-20,20,3\ne,2019-20,10,4\n")
    g = read_cohort(p).group("e")
    assert g.pass_mark_grade == 10 and g.table.failing_excluded == 0 and g.table.total == 7


def test_pooled_table_covers_its_years_for_the_two_year_rule():
    g = read_cohort(POOLED).group("be-informatics-first")
    assert g.year_count == 4 and (g.first_year, g.last_year) == ("2019-20", "2022-23")
    assert list(g.table.years) == ["2019-20", "2020-21", "2021-22", "2022-23"]
    assert "pooled" in g.explain("year_count")


def test_pooled_table_passes_the_guides_two_year_rule():
    r = CliRunner().invoke(main, ["grades", "check", str(POOLED), "--rules", "ects_guide_2015", "--format", "json"])
    assert r.exit_code == 0, r.output
    findings = every_finding(json.loads(r.output))
    assert {f["rule"]: f["status"] for f in findings}["ects_grading_table_min_2_years"] == "pass"


def test_pooled_years_cannot_be_chosen_apart():
    with pytest.raises(Exception, match="pooled over"):
        read_cohort(POOLED, years=["2019-20", "2020-21"])


@pytest.mark.parametrize(("text", "message"), [
    ("years: [2019-20, 2020-21]\n    counts: {\"2019-20\": {10: 1}}", "counts per grade"),
    ("years: [2019-20, 2019/2020]\n    counts: {10: 1}", "listed twice"),
    ("years: [2019]\n    counts: {10: 1}", "is not of the form"),
])
def test_pooled_errors(tmp_path, text, message):
    p = write(tmp_path, "x.yaml", f"groups:\n  - id: a\n    {text}\n")
    with pytest.raises(SubjectFileError, match=message):
        read_cohort(p)


# The pooled 0-20 table (passing only, 300 grades): bands 18 [0, 4), 16 [4, 17.33), 14 [17.33, 47.33),
# 12 [47.33, 84), 10 [84, 100). The Greek home table (two years, 4 fails and is left out; 100 passing):
# 10 [0, 5), 9 [5, 15), 8 [15, 40), 7 [40, 70), 6 [70, 90), 5 [90, 100).
# 14: overlaps 8 by 22.67 and 7 by 7.33 -> min 7, max 8, avg (8*22.67 + 7*7.33)/30 = 7.76 -> 8, mid 32.33 -> 8.
# 12: overlaps 7 by 22.67 and 6 by 14 -> min 6, max 7, avg 6.62 -> 7, mid 65.67 -> 7.
# 10: overlaps 6 by 6 and 5 by 10 -> min 5, max 6, avg 5.375 -> 5, mid 92 -> 5.
# 16: overlaps 10 by 1, 9 by 10, 8 by 2.33 -> avg 8.9 -> 9, mid 10.67 -> 9.  18: 10 under every policy.
@pytest.mark.parametrize(("grade", "policy", "expected"), [
    (14, "min", 7), (14, "max", 8), (14, "avg", 8), (14, "mid", 8),
    (12, "min", 6), (12, "max", 7), (12, "avg", 7), (12, "mid", 7),
    (10, "min", 5), (10, "max", 6), (10, "avg", 5), (10, "mid", 5),
    (16, "avg", 9), (16, "mid", 9), (18, "min", 10), (18, "max", 10),
])
def test_pooled_0_20_table_converted_into_greek_by_hand(grade, policy, expected):
    _, foreign = TableSource(POOLED).load()
    _, home = TableSource(GREEK).load()
    assert convert_tables(grade, foreign, home, policy=policy, path=POOLED).result == expected


@pytest.mark.parametrize(("scale", "passing", "failing"), [
    ("fr-0-20", [10, 20, 12.5], [9.9, 0]), ("be-0-20", [10], [9]), ("pt-0-20", [14], [8]),
    ("dk-7-point", [12, 2], [0, -3]), ("se-u-g-vg", ["VG", "G"], ["U"]), ("se-a-f", ["E"], ["FX", "F"]),
    ("fi-0-5", [1, 5], [0]), ("no-a-f", ["A", "E"], ["F"]),
])
def test_presets_pass_and_fail(scale, passing, failing):
    s = get_scale(scale)
    assert all(s.is_passing(g) for g in passing) and not any(s.is_passing(g) for g in failing)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="#:scalepass_mrkonlytrufgd-710 \n,", max_size=120))
def test_csv_settings_never_raise_anything_but_a_file_error(tmp_path_factory, head):
    p = tmp_path_factory.mktemp("fuzz") / "c.csv"
    p.write_text(head + "\ngroup,academic_year,grade,count\na,2022-23,7,3\n", encoding="utf-8")
    try:
        read_cohort(p)
    except InputError as e:
        assert e.path == str(p) or e.path is None


def test_a_csv_table_pooled_over_several_years_counts_them_all(tmp_path):
    """EGRACONS publishes one table over several years; a `# years:` line says so in CSV."""
    path = tmp_path / "pooled.csv"
    path.write_text("# years: 2019-20, 2020-21, 2021-22, 2022-23\n# passing_only: true\ngroup,grade,count\n"
                    "be,18,12\nbe,16,40\nbe,14,90\nbe,12,110\nbe,10,48\n", encoding="utf-8")
    [group] = load_cohort(path).groups
    assert group.years_covered == ["2019-20", "2020-21", "2021-22", "2022-23"]
    assert sum(group.totals().values()) == 300


@pytest.mark.parametrize("body, message, line", [
    ("# years: 2019-20, 2019-20\ngroup,grade,count\nbe,10,1\n", "listed twice", 1),
    ("# years: soon\ngroup,grade,count\nbe,10,1\n", "years:", 1),
    ("# years: 2021-22, 2022-23\ngroup,academic_year,grade,count\nbe,2018-19,10,1\n", "not among the pooled", 3),
])
def test_bad_pooled_years_in_csv_name_the_line(tmp_path, body, message, line):
    path = tmp_path / "pooled.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SubjectFileError) as e:
        load_cohort(path)
    assert message in e.value.message and e.value.line == line
