"""`ects grades check` on many cohort files: the batch of `ects check` (streamed report by report, --jobs and
--dask byte-identical to one process, the summary naming each unreadable file with its line, -o FOLDER/,
--matrix, jsonl, --set, --store) and flat memory."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from dask_cluster import dask_cluster  # noqa: F401 - fixture
from memory_helpers import assert_flat_memory

from engine.cli.work import Job
from engine.history.recording import open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "grades"
AS_OF = "2024-01-01"
ARGS = ["--rules", "greek_law_4009", "--as-of", AS_OF]
UNREAD = ["c_bad.csv:3", "j_bad.json:9", "m_broken.yaml:5:1"]  # the files below that cannot be read, with the line


def small_cohort(i: int, years: int = 2, failing: int = 3) -> str:
    """A one-group cohort on the Greek 0-10 scale (JSON); with fewer than 3 years and 100 students it fails
    the Greek reference-group rule."""
    counts = {f"20{20 + y}-{21 + y}": {"10": 2 + i % 3, "8.5": 7, "7": 9, "5": 4, "3": failing} for y in range(years)}
    return json.dumps({"scale": "gr-0-10", "groups": [{"id": f"g{i}", "title": f"Group {i}", "field": "0613",
                                                       "cycle": "first", "counts": counts}]})


@pytest.fixture
def cohorts(tmp_path: Path) -> Path:
    """The example cohorts (three verdicts, CSV and YAML), copied twice under other names, generated ones, and
    three files that cannot be read (CSV, JSON, YAML), in the middle of the others."""
    out = tmp_path / "cohorts"
    out.mkdir()
    for i, p in enumerate(sorted(EXAMPLES.iterdir())):
        shutil.copy(p, out / f"a{i:02d}_{p.name}")
        shutil.copy(p, out / f"n{i:02d}_{p.name}")
    for i in range(4):
        (out / f"g{i:02d}.json").write_text(small_cohort(i, years=2 + i % 2), encoding="utf-8")
    (out / "c_bad.csv").write_text("group,academic_year,grade,count\ng,2022-23,10,4\ng,2022-23,9,x\n", encoding="utf-8")
    bad = {"scale": "gr-0-10", "groups": [{"id": "g", "counts": {"2022-23": {"10": 3, "11": 2}}}]}
    (out / "j_bad.json").write_text(json.dumps(bad, indent=2), encoding="utf-8")  # grade 11 on line 9
    (out / "m_broken.yaml").write_text('groups:\n  - id: g\n    counts:\n      "2022-23": {10: 3, 9: [\n',
                                       encoding="utf-8")
    return out


def _audited(folder: Path) -> int:
    return len(list(folder.iterdir())) - len(UNREAD)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "md", "html"])
def test_jobs_give_the_same_bytes_in_the_same_order(cohorts, fmt):
    code1, out1, err1 = run("grades", "check", cohorts, *ARGS, "--format", fmt, "--jobs", "1")
    code2, out2, err2 = run("grades", "check", cohorts, *ARGS, "--format", fmt, "--jobs", "2")
    assert code1 == code2 == 2  # three files could not be read
    assert out1 == out2 and err1 == err2
    assert [line.split(f"{cohorts}/")[1].split(": ")[0] for line in err1.splitlines()] == UNREAD
    for where in UNREAD:
        assert where in out1  # every format names the files it could not read, with the line
    assert out1.count("rs-informatics-first") >= 2  # the Serbian example, twice


def test_jsonl_is_a_report_a_line_then_the_summary_naming_each_unread_file_with_its_line(cohorts):
    _, out, _ = run("grades", "check", cohorts, *ARGS, "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    reports = [x for x in lines if "findings" in x]
    assert len(reports) == _audited(cohorts)
    assert [Path(r["input"]["path"]).name for r in reports] == sorted(Path(r["input"]["path"]).name for r in reports)
    assert {r["subject"]["kind"] for r in reports} == {"cohort"}
    assert all(r["extra"]["grading_table"] for r in reports)  # the grading tables go with each report
    summary = lines[-1]["batch_summary"]
    assert (summary["files"], summary["audited"], summary["not_readable"]) == (len(reports) + 3, len(reports), 3)
    assert [Path(x["location"]).name for x in summary["not_audited"]] == UNREAD
    assert "a count must be a whole number, not 'x'" in summary["not_audited"][0]["error"]
    assert "grade 11 is not on scale 'gr-0-10'" in summary["not_audited"][1]["error"]
    by_hand: dict[str, int] = {}
    for rep in reports:
        for rule in {f["rule"] for f in rep["findings"] if f["status"] == "fail"}:
            by_hand[rule] = by_hand.get(rule, 0) + 1
    assert by_hand["gr_reference_group_min_100_or_3_years"] >= 2  # the generated two-year groups
    assert {r["rule"]: r["fail"] for r in summary["rules"] if r["fail"]} == by_hand


@pytest.mark.parametrize("fmt, heading", [("text", "Batch summary:"), ("md", "## Batch summary")])
def test_text_and_markdown_end_with_the_unread_files_and_the_summary(cohorts, fmt, heading):
    _, out, _ = run("grades", "check", cohorts, *ARGS, "--format", fmt)
    tail = out[out.rindex(UNREAD[0]) - 400:]  # the unread files are named just before the summary
    assert heading in tail and "3 not readable" in tail and all(where in tail for where in UNREAD)
    assert f"{_audited(cohorts) + 3} files given" in tail


def test_a_folder_output_has_a_file_each_the_index_and_the_matrix(cohorts, tmp_path):
    out = tmp_path / "out"
    code, _, _ = run("grades", "check", cohorts, *ARGS, "--format", "html", "-o", out, "--matrix", tmp_path / "m.csv")
    assert code == 2
    pages = sorted(p.name for p in out.iterdir() if p.name not in ("index.html", "index.json"))
    assert len(pages) == len(set(pages)) == _audited(cohorts) and all(p.endswith(".html") for p in pages)
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(row["href"] for row in index["reports"]) == pages
    assert [Path(x["location"]).name for x in index["batch_summary"]["not_audited"]] == UNREAD
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Batch summary" in html and all(where in html for where in UNREAD)
    rows = (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("subject,verdict,") and "gr_ects_grade_shares" in rows[0]
    assert len(rows) == _audited(cohorts) + 1 + len(UNREAD)  # the files not read, after the cohorts
    assert [(r.split(",")[1], Path(r.split(",")[2]).name) for r in rows[-len(UNREAD):]] == [("not_read", u) for u in UNREAD]


def test_a_dask_cluster_gives_the_same_bytes(cohorts, dask_cluster):
    local = run("grades", "check", cohorts, *ARGS, "--format", "jsonl", "--jobs", "1")
    remote = run("grades", "check", cohorts, *ARGS, "--format", "jsonl", "--dask", dask_cluster.scheduler_address)
    assert local[0] == 2 and local == remote


def test_show_and_explain_as_for_programmes(cohorts):
    path = cohorts / "g00.json"
    _, compact, _ = run("grades", "check", path, *ARGS, "--format", "json")
    _, full, _ = run("grades", "check", path, *ARGS, "--format", "json", "--show", "all")
    assert json.loads(compact)["show"] == "problems" and json.loads(full)["show"] == "all"
    assert len(compact) < len(full)
    _, text, _ = run("grades", "check", path, *ARGS)
    _, explained, _ = run("grades", "check", path, *ARGS, "--explain")
    assert explained.count("- required:") > text.count("- required:")


@pytest.mark.parametrize("fmt", ["text", "jsonl", "md"])
def test_a_what_if_batch_of_cohorts_is_the_same_with_jobs(cohorts, fmt):
    what_if = ["--set", "gr_min_examined_students=40 students"]
    code1, out1, _ = run("grades", "check", cohorts, *ARGS, *what_if, "--format", fmt, "-j", "1")
    code2, out2, _ = run("grades", "check", cohorts, *ARGS, *what_if, "--format", fmt, "-j", "2")
    _, plain, _ = run("grades", "check", cohorts, *ARGS, "--format", fmt, "-j", "1")
    assert code1 == code2 == 2 and out1 == out2 and out1 != plain
    assert "gr_min_examined_students" in out1


def _untimed(report: str) -> str:
    """A report without the times of the audits it names."""
    return re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d\.\d+\+00:00)?( UTC)?", "(time)", report)


def test_a_recorded_batch_of_cohorts_is_the_same_with_jobs_and_recorded_in_file_order(cohorts, tmp_path):
    files = sorted(str(p) for p in cohorts.iterdir())
    outs, recorded = [], []
    for jobs in ("1", "2"):
        store = str(tmp_path / f"audits{jobs}.db")
        assert run("grades", "check", cohorts, *ARGS, "--store", store, "--format", "jsonl", "-q")[0] == 2
        code, out, _ = run("grades", "check", cohorts, *ARGS, "--store", store, "--format", "text", "-j", jobs)
        assert code == 2
        outs.append(out)
        with open_store(store, create=False) as opened:
            recorded.append([(a.subject_id, a.input_path, a.verdict) for a in opened.audits()])
    assert _untimed(outs[0]) == _untimed(outs[1])
    n = _audited(cohorts)
    assert recorded[0] == recorded[1] and len(recorded[0]) == 2 * n
    assert [r[1] for r in recorded[0][n:]] == [f for f in files if Path(f).name not in {u.split(":")[0] for u in UNREAD}]


def test_a_folder_without_cohort_files_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here\n", encoding="utf-8")
    code, out, err = run("grades", "check", tmp_path, *ARGS)
    assert code == 2 and out == "" and err.count("\n") == 1 and "no cohort files" in err


def _small_cohorts(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    for i in range(n):
        (folder / f"c{i:05d}.json").write_text(small_cohort(i, years=3 if i % 7 else 1), encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def test_a_batch_of_cohorts_is_written_in_flat_memory(tmp_path):
    """The peak of memory traced while 200 cohorts are audited and written exceeds the peak for 90 by less
    than 3 KB a file (measured: under 0.3 KB), each size run twice, as for programmes in
    test_batch_documents.py, which also covers the one-document formats."""
    job = Job("ects_guide_2015", "cohort", dt.date.fromisoformat(AS_OF), fmt="jsonl")
    assert_flat_memory(job, _small_cohorts, tmp_path)  # every seventh cohort counts one year only (the Guide asks two)
