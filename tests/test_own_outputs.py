"""What ects writes into a folder of inputs (a report, an index, a matrix) is known by its content and left
out of the next run with one note naming it, counted neither as audited nor as not readable; an output
folder that is the folder read gets the reports without them being read back."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.cli.own_outputs import written_by_ects
from engine.subjects.programme.template import build_template
from engine.workbook_bytes import is_marked_output, workbook_bytes
from cli_helpers import PROGRAMMES, run

ROOT = Path(__file__).resolve().parent.parent
RULES = ("--rules", "ects_guide_2015", "--as-of", "2024-06-01", "-q")


@pytest.fixture
def progs(tmp_path) -> Path:
    folder = tmp_path / "progs"
    folder.mkdir()
    for name in ("compliant_bsc.yaml", "faulty_bsc.yaml"):
        shutil.copy(PROGRAMMES / name, folder / name)
    return folder


def _summary(folder: Path, *more) -> tuple[int, dict, str]:
    """Audit the folder as jsonl: (exit code, the batch summary, standard error)."""
    code, out, err = run("check", folder, *RULES, "--format", "jsonl", *more)
    return code, json.loads(out.strip().splitlines()[-1])["batch_summary"], err


def _skipped(err: str) -> list[str]:
    return [line for line in err.splitlines() if "written by ects" in line]


@pytest.mark.parametrize("written", [
    ("--matrix", "{f}/matrix.xlsx"), ("--matrix", "{f}/matrix.csv"), ("--matrix", "{f}/matrix.csv", "--lang", "el"),
    ("--matrix", "{f}/matrix.csv", "--lang", "sr-Cyrl"), ("-o", "{f}/report.json", "--format", "json"),
    ("-o", "{f}/lines.json", "--format", "jsonl"), ("-o", "{f}/out/", "--format", "json"),
    ("-o", "{f}/out/", "--format", "html")])
def test_an_output_written_into_the_input_folder_is_left_out_of_the_next_run(progs, written):
    code, out, err = run("check", progs, *RULES, *(w.format(f=progs) for w in written))
    assert code == 1, err  # faulty_bsc fails
    code, summary, err = _summary(progs)
    assert code == 1, err  # as before the output was written: not exit 2
    assert summary["files"] == 2 and summary["not_readable"] == 0 and summary["audited"] == 2
    skipped = _skipped(err)
    assert skipped and all(line.startswith("note: ") and line.endswith("a report, not a programme; not audited")
                           for line in skipped)
    assert "error" not in err


def test_the_note_names_each_file_in_the_readers_language(progs):
    run("check", progs, *RULES, "--matrix", progs / "m.xlsx")
    code, out, err = run("check", progs, *RULES, "--lang", "el")
    assert _skipped(err) == [] and f"σημείωση: {progs / 'm.xlsx'}: γράφτηκε από το ects" in err
    code, out, err = run("check", progs, *RULES, "--lang", "sr")
    assert f"napomena: {progs / 'm.xlsx'}: napisao ga je ects: to je izveštaj, a ne studijski program" in err


def test_an_output_folder_that_is_the_input_folder_audits_the_inputs_not_what_it_writes(progs):
    code, out, err = run("check", progs, *RULES, "-o", f"{progs}/", "--format", "json")
    assert code == 1, err  # before: every file counted as in the output folder, none audited (exit 2)
    written = json.loads((progs / "index.json").read_text(encoding="utf-8"))["batch_summary"]
    assert written["audited"] == 2 and written["not_readable"] == 0
    code, out, err = run("check", progs, *RULES, "-o", f"{progs}/", "--format", "json")  # again: the same
    assert code == 1 and json.loads((progs / "index.json").read_text(encoding="utf-8"))["batch_summary"] == written
    assert len(_skipped(err)) == 3  # the two reports and the index of the run before


def test_a_folder_of_outputs_only_has_no_programme(progs, tmp_path):
    run("check", progs, *RULES, "-o", f"{tmp_path}/out/", "--format", "json")
    code, out, err = run("check", tmp_path / "out", *RULES)
    assert code == 2 and "no programme files" in err and len(_skipped(err)) == 3


def test_told_by_content_not_by_name(progs, tmp_path):
    shutil.copy(PROGRAMMES / "compliant_bsc.yaml", progs / "compliant_bsc.yaml")
    code, out, err = run("check", progs / "compliant_bsc.yaml", *RULES, "--format", "json")
    report = json.loads(out)
    (progs / "plan.json").write_text(json.dumps(report, sort_keys=True), encoding="utf-8")  # renamed, keys sorted
    programme = json.dumps({"id": "p", "title": "Index", "cycle": "first", "years": 1, "terms_per_year": 2,
                            "courses": [{"code": "A", "term": 1, "credits": 30}, {"code": "B", "term": 2, "credits": 30}]})
    (progs / "index.json").write_text(programme, encoding="utf-8")  # a programme with an output's name
    (progs / "report.json").write_text(programme, encoding="utf-8")
    assert written_by_ects(progs / "plan.json")
    assert not written_by_ects(progs / "index.json") and not written_by_ects(progs / "report.json")
    code, summary, err = _summary(progs)
    assert summary["audited"] == 4 and len(_skipped(err)) == 1 and "plan.json" in err


def test_a_report_with_a_missing_required_field_is_not_taken_for_one(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"subject": {"kind": "programme"}, "ruleset": {}, "verdict": "compliant"}), encoding="utf-8")
    assert not written_by_ects(path)


def test_only_the_matrix_workbook_is_marked_the_template_is_an_input(tmp_path):
    template = tmp_path / "t.xlsx"
    template.write_bytes(workbook_bytes(build_template()))
    assert not is_marked_output(template) and not written_by_ects(template)
    code, out, err = run("check", PROGRAMMES / "compliant_bsc.yaml", *RULES, "--matrix", tmp_path / "m.xlsx")
    assert is_marked_output(tmp_path / "m.xlsx") and written_by_ects(tmp_path / "m.xlsx")


def test_no_example_input_is_taken_for_an_output():
    inputs = [p for p in (ROOT / "examples").rglob("*") if p.is_file()
              and p.suffix.lower() in (".yaml", ".yml", ".json", ".csv", ".xlsx", ".ods", ".xml")]
    assert inputs and not [p for p in inputs if written_by_ects(p)]


def test_a_named_pipe_or_missing_file_is_left_to_the_reader(tmp_path):
    assert not written_by_ects(tmp_path / "missing.json")
    assert not written_by_ects(tmp_path)


@pytest.mark.parametrize("name, lang", [("matrix.csv", "en"), ("matrix.csv", "el"), ("matrix.xlsx", "en")])
def test_a_matrix_that_lists_unreadable_files_is_still_known_as_an_output(progs, name, lang):
    (progs / "broken.yaml").write_text("id: x\nyears: [\n", encoding="utf-8")
    run("check", progs, *RULES, "--lang", lang, "--matrix", progs / name)
    code, summary, err = _summary(progs)
    assert summary["files"] == 3 and summary["not_readable"] == 1 and summary["audited"] == 2  # the broken file only
    assert len(_skipped(err)) == 1 and name in _skipped(err)[0]
