"""Cohort files: CSV, YAML and JSON, and their errors with file and line."""
import json

import pytest

from engine.errors import SubjectFileError
from engine.grades import academic_year, get_scale
from engine.subjects.cohort.model import ReferenceGroup, load_cohort

HEADER = "group,academic_year,grade,count\n"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def error(path, **kw) -> SubjectFileError:
    with pytest.raises(SubjectFileError) as e:
        load_cohort(path, **kw)
    assert str(path) in str(e.value)
    return e.value


@pytest.mark.parametrize("text", ["2022-23", "2022/23", "2022-2023", "2022/2023", " 2022 / 2023 "])
def test_academic_year_spellings(text):
    assert academic_year(text) == "2022-23"


def test_academic_year_century():
    assert academic_year("1999/2000") == "1999-00"


@pytest.mark.parametrize("text", ["2022", "2022-24", "22-23", 2022])
def test_academic_year_refused(text):
    with pytest.raises(ValueError):
        academic_year(text)


def test_csv_loads_with_optional_columns(tmp_path):
    p = write(
        tmp_path,
        "c.csv",
        "group,academic_year,grade,count,field,cycle,institution\n"
        "cs,2022-23,8,10,0613,first,Uni\n"
        "cs,2022/2023,7.5,5,,,\n"
        "\n"
        "cs,2023-24,4,3,,,\n"
        "ma,2023-24,9,1,0541,second,Uni\n",
    )
    c = load_cohort(p)
    cs = c.group("cs")
    assert (cs.field, cs.cycle, cs.institution) == ("0613", "first", "Uni")
    assert cs.counts == {"2022-23": {8: 10, 7.5: 5}, "2023-24": {4: 3}}
    assert cs.years == ["2022-23", "2023-24"]
    assert cs.totals(["2022/2023"]) == {8: 10, 7.5: 5}
    assert cs.student_count() == 18
    assert c.group("ma").cycle == "second"


def test_csv_semicolons_and_decimal_commas(tmp_path):
    p = write(tmp_path, "de.csv", 'group;academic_year;grade;count\nde;2022/2023;1,3;4\nde;2022/2023;"2,0";6\n')
    assert load_cohort(p).group("de").counts == {"2022-23": {1.3: 4, 2.0: 6}}


@pytest.mark.parametrize(
    "rows, line, message",
    [
        ("cs,2022-23,8,-1\n", 2, "must not be negative"),
        ("cs,2022-23,8,10\ncs,2022-23,7,1.5\n", 3, "whole number"),
        ("cs,2022-23,8,10\ncs,2022-23,7,\n", 3, "count is missing"),
        ("cs,2022-23,8,10\ncs,2022-23,7,2\ncs,2022/2023,8,5\n", 4, "grade 8 is counted twice for academic year 2022-23 (first on line 2)"),
        ("cs,2022-23,8,10\ncs,2022,7,1\n", 3, "academic year '2022'"),
        ("cs,2022-23,8,10\n\n\ncs,2022-23,8,1\n", 5, "(first on line 2)"),
        ('cs,2022-23,"sehr\ngut",10\ncs,2022-23,8,x\n', 4, "whole number"),
        ("cs,2022-23,8,10\ncs,2022-23,7\n", 3, "row has 3 cells"),
        ("cs,2022-23,,10\n", 2, "grade must not be empty"),
        (",2022-23,8,10\n", 2, "group is missing"),
    ],
)
def test_csv_errors_name_the_line(tmp_path, rows, line, message):
    e = error(write(tmp_path, "bad.csv", HEADER + rows))
    assert e.line == line
    assert message in e.message


def test_csv_missing_and_unknown_columns(tmp_path):
    e = error(write(tmp_path, "a.csv", "group,academic_year,grade\ncs,2022-23,8\n"))
    assert e.line == 1 and "missing column(s): count" in e.message
    e = error(write(tmp_path, "b.csv", "group,academic_year,grade,count,feild\n"))
    assert e.line == 1 and "unknown column 'feild'" in e.message and "did you mean 'field'" in e.message


def test_csv_group_columns_must_agree(tmp_path):
    p = write(tmp_path, "c.csv", "group,academic_year,grade,count,cycle\ncs,2022-23,8,1,first\ncs,2022-23,7,1,second\n")
    e = error(p)
    assert e.line == 3 and "cycle 'second' differs from 'first' on line 2" in e.message


def test_csv_bad_cycle_and_field_name_the_line(tmp_path):
    p = write(tmp_path, "c.csv", "group,academic_year,grade,count,cycle\ncs,2022-23,8,1,\ncs,2022-23,7,1,bachelor\n")
    e = error(p)
    assert e.line == 3 and "cycle" in e.message
    p = write(tmp_path, "d.csv", "group,academic_year,grade,count,field\ncs,2022-23,8,1,computing\n")
    e = error(p)
    assert e.line == 2 and "ISCED-F" in e.message


def test_csv_grade_outside_scale(tmp_path):
    p = write(tmp_path, "c.csv", HEADER + "cs,2022-23,8,1\ncs,2022-23,10.5,1\n")
    e = error(p, scale=get_scale("gr-0-10"))
    assert e.line == 3 and "grade 10.5 is not on scale 'gr-0-10'" in e.message
    assert load_cohort(p).group("cs").counts["2022-23"][10.5] == 1  # without a scale it loads


def test_unreadable_files(tmp_path):
    assert "file not found" in error(tmp_path / "missing.csv").message
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(HEADER.encode() + "cs,2022-23,sehr gut,1\n".replace("u", "\xfc").encode("latin-1"))
    assert "not UTF-8" in error(bad).message
    assert "empty" in error(write(tmp_path, "empty.csv", "")).message
    assert "no rows" in error(write(tmp_path, "head.csv", HEADER)).message
    assert "unknown cohort file type" in error(write(tmp_path, "c.txt", HEADER)).message
    d = tmp_path / "dir.csv"
    d.mkdir()
    assert "folder" in error(d).message


YAML = """\
groups:
  - id: cs
    field: "0613"
    cycle: first
    counts:
      2022-23: {8: 10, 7.5: 5, "9": 2}
      2023/2024:
        8: 3
        6: 2
"""


def test_yaml_loads_and_normalises(tmp_path):
    c = load_cohort(write(tmp_path, "c.yaml", YAML), scale=get_scale("gr-0-10"))
    assert c.group("cs").counts == {"2022-23": {8: 10, 7.5: 5, 9: 2}, "2023-24": {8: 3, 6: 2}}


def test_json_loads(tmp_path):
    data = {"scale": "rs-5-10", "groups": [{"id": "rs", "cycle": "first", "counts": {"2022/2023": {"10": 3, "5": 1}}}]}
    c = load_cohort(write(tmp_path, "c.json", json.dumps(data, indent=2)))
    assert c.group("rs").counts == {"2022-23": {10: 3, 5: 1}}


@pytest.mark.parametrize(
    "old, new, line, message",
    [
        ("6: 2", "6: -2", 9, "must not be negative"),
        ("6: 2", "6: 2.5", 9, "whole number"),
        ("6: 2", '6: "two"', 9, "whole number"),
        ("2023/2024:", "2022/2023:", 8, "grade 8 is counted twice for academic year 2022-23 (first on line 6)"),
        ("2023/2024:", "2023:", 7, "academic year 2023 is not of the form"),
        ("6: 2", "11: 2", 9, "grade 11 is not on scale 'gr-0-10'"),
        ('field: "0613"', "field: 1014", 3, 'write the ISCED-F code in quotes, e.g. "0613"'),
        ("cycle: first", "cycle: bachelor", 4, "cycle"),
        ("id: cs", "name: cs", 2, "id"),
    ],
)
def test_yaml_errors_name_the_line(tmp_path, old, new, line, message):
    assert old in YAML
    e = error(write(tmp_path, "c.yaml", YAML.replace(old, new)), scale=get_scale("gr-0-10"))
    assert e.line == line, e
    assert message in e.message


def test_a_bare_isced_code_with_a_leading_zero_is_kept_as_written(tmp_path):
    """YAML 1.1 read a bare 0613 as the octal number 395; it is text, as written (engine.subjects.yamlcore)."""
    c = load_cohort(write(tmp_path, "c.yaml", YAML.replace('field: "0613"', "field: 0613")))
    assert c.group("cs").field == "0613"


def test_yaml_scale_id_in_file(tmp_path):
    p = write(tmp_path, "c.yaml", "scale: rs-5-10\n" + YAML)
    e = error(p)
    assert e.line == 7 and "grade 7.5 is not on scale 'rs-5-10'" in e.message
    e = error(write(tmp_path, "d.yaml", "scale: gr-0-1O\n" + YAML))
    assert e.line == 1 and "unknown grading scale" in e.message


def test_yaml_duplicate_group_and_shape(tmp_path):
    two = YAML + YAML.replace("groups:\n", "")
    e = error(write(tmp_path, "c.yaml", two))
    assert e.line == 10 and "group id 'cs' is used twice (first on line 2)" in e.message
    assert error(write(tmp_path, "d.yaml", "- 1\n- 2\n")).line == 1
    assert "groups" in error(write(tmp_path, "e.yaml", "groups: []\n")).message
    assert error(write(tmp_path, "f.yaml", "groups:\n  - id: [\n")).message.startswith("invalid YAML")


def test_reference_group_validates_in_python():
    g = ReferenceGroup(id="x", counts={"2022/2023": {"8": 1}})
    assert g.counts == {"2022-23": {8: 1}}
    with pytest.raises(ValueError, match="counted twice"):
        ReferenceGroup(id="x", counts={"2022/2023": {"8": 1}, "2022-23": {8: 2}})
    with pytest.raises(ValueError, match="negative"):
        ReferenceGroup(id="x", counts={"2022-23": {8: -1}})
    with pytest.raises(ValueError, match="no counts for academic year 2020-21"):
        g.totals(["2020-21"])
