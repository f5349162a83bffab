"""Grade cohorts at scale: a CSV cohort is read one line at a time within its own limits (engine/limits.py:
MAX_COHORT_CSV_BYTES, MAX_COHORT_COUNTS, MAX_COHORT_GROUPS, MAX_GROUP_COUNTS), never holding its text, and
every problem is one line naming the file and the line."""
from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import limits
from engine.cli.main import main
from engine.errors import SubjectFileError
from engine.grades.presets import get_scale
from engine.subjects.cohort import csv_reader
from engine.subjects.cohort.csv_reader import read_cohort_csv
from engine.subjects.cohort.model import load_cohort
from engine.subjects.cohort.views import CohortView
from engine.subjects.kinds import load_subject
from engine.ruleset.compiled import load_ruleset

HEADER = "group,academic_year,grade,count,title\n"


def _cohort(path: Path, groups: int, years: int = 2, title: str = "") -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for g in range(groups):
            for y in range(years):
                for grade in range(5, 11):
                    fh.write(f"g{g:04d},{2010 + y}-{(11 + y) % 100:02d},{grade},{3 + (g + grade) % 7},{title}\n")
    return path


def test_a_cohort_larger_than_other_inputs_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)  # the limit of every other input
    path = _cohort(tmp_path / "big.csv", 60)
    assert path.stat().st_size > 1000
    data, _ = read_cohort_csv(path)
    assert len(data["groups"]) == 60 and data["groups"][59]["counts"]["2011-12"][10] == 3 + (59 + 10) % 7


@pytest.mark.parametrize("limit, value, says", [
    ("MAX_COHORT_CSV_BYTES", 2000, "the file is too large (the limit is 2,000 bytes"),
    ("MAX_COHORT_GROUPS", 3, "more than 3 groups (the limit is 3"),
    ("MAX_COHORT_COUNTS", 50, "more than 50 counts (the limit is 50"),
    ("MAX_GROUP_COUNTS", 10, "group 'g0000': more than 10 counts"),
])
def test_each_limit_is_a_one_line_error_naming_file_and_line(tmp_path, monkeypatch, limit, value, says):
    monkeypatch.setattr(csv_reader, limit, value)
    path = _cohort(tmp_path / "big.csv", 20)
    with pytest.raises(SubjectFileError) as e:
        read_cohort_csv(path)
    assert says in e.value.message and "docs/limits.md" in e.value.message
    assert str(path) in e.value.format()
    if limit != "MAX_COHORT_CSV_BYTES":
        expected = {"MAX_COHORT_GROUPS": 2 + 3 * 12, "MAX_COHORT_COUNTS": 2 + 50, "MAX_GROUP_COUNTS": 2 + 10}[limit]
        assert e.value.line == expected


def test_the_text_of_a_cohort_is_never_held(tmp_path):
    """A cohort whose rows carry a long title: reading it takes far less memory than the file's size."""
    path = _cohort(tmp_path / "titled.csv", 40, years=10, title="T" * 2000)
    size = path.stat().st_size
    tracemalloc.start()
    data, _ = read_cohort_csv(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(data["groups"]) == 40 and size > 4_000_000
    assert peak < size / 4, (peak, size)


def test_a_grade_off_the_scale_names_its_own_line(tmp_path):
    path = _cohort(tmp_path / "c.csv", 5)
    text = path.read_text(encoding="utf-8").splitlines()
    cells = text[30].split(",")  # line 31: group g0002, grade 10
    text[30] = ",".join([*cells[:2], "70", *cells[3:]])
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(SubjectFileError) as e:
        load_cohort(path, scale=get_scale("gr-0-10"))
    assert e.value.line == 31 and "grade 70 is not on scale" in e.value.message


def test_a_byte_that_is_not_utf8_names_its_line(tmp_path):
    path = _cohort(tmp_path / "c.csv", 2)
    raw = path.read_bytes().split(b"\n")
    raw[6] = raw[6].replace(b"g0000", b"g\xff000")
    path.write_bytes(b"\n".join(raw))
    with pytest.raises(SubjectFileError) as e:
        read_cohort_csv(path)
    assert e.value.line == 7 and "not UTF-8" in e.value.message


def test_grades_table_reads_a_cohort_over_the_general_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = _cohort(tmp_path / "big.csv", 60)
    result = CliRunner().invoke(main, ["grades", "table", str(path), "--group", "g0042", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"group": "g0042"' in result.stdout


def test_grades_check_reads_a_cohort_over_the_general_limit(tmp_path, monkeypatch):
    """`grades check` applies the limit of a CSV cohort (MAX_COHORT_CSV_BYTES), not that of other inputs, also
    when it names the file's SHA-256 in the report."""
    load_ruleset("greek_law_4009")  # (its rule files are read under the general limit: compiled first, kept)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = _cohort(tmp_path / "big.csv", 60)
    result = CliRunner().invoke(main, ["grades", "check", str(path), "--rules", "greek_law_4009", "--format", "jsonl",
                                       "-q"])
    assert result.exit_code in (0, 1), result.stderr
    assert "too large" not in result.stderr and '"sha256":"' in result.stdout


def test_a_csv_cohort_over_the_general_limit_is_told_from_its_header(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = _cohort(tmp_path / "big.csv", 60)
    assert load_subject(None, path).kind.name == "cohort"


def test_a_cohort_over_its_own_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """Refused from its size alone: the broken header after its first line is never reached."""
    monkeypatch.setattr(csv_reader, "MAX_COHORT_CSV_BYTES", 2000)
    path = _cohort(tmp_path / "big.csv", 20)
    path.write_text("bad header\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["grades", "check", str(path), "--rules", "greek_law_4009"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: the file is too large (the limit is 2,000 bytes; see docs/limits.md)\n"


def test_a_yaml_cohort_over_the_general_limit_is_refused_naming_it(tmp_path, monkeypatch):
    load_ruleset("greek_law_4009")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("groups: [\n" + "#" * 2000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["grades", "check", str(path), "--rules", "greek_law_4009"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: the file is too large (the limit is 1,000 bytes; see docs/limits.md)\n"


def test_letter_shares_are_computed_once_per_table(tmp_path):
    """A report's trace reads a group's letter shares for every letter of every finding on them."""
    view = CohortView.through(load_cohort(_cohort(tmp_path / "c.csv", 2)), load_ruleset("greek_law_4009"))
    letters = view.group_list[0].letters
    assert letters.shares is letters.shares and letters.deviation is letters.deviation
    assert sum(letters.shares.values()) == 100
