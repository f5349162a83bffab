"""Batches: streamed reports, --jobs and --dask byte-identical to one process, compact reports (--show),
jsonl, -o FOLDER/, the batch summary and --matrix, iter_audits, the odd entries of a folder (a symbolic link
that leads nowhere or loops, a named pipe) each named, and the cohort readers at scale."""
from __future__ import annotations

import csv
import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from cli_helpers import run
from dask_cluster import dask_cluster  # noqa: F401 - fixture

from engine.api import Batch, audit_files, iter_audits
from engine.errors import UsageError
from engine.render.json_expand import expand_compact
from engine.render.report_schema import report_schema
from engine.subjects.cohort.csv_reader import read_cohort_csv
from engine.subjects.cohort.files import read_cohort

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"
ARGS = ["--rules", "ects_guide_2015", "--as-of", "2024-01-01"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The example programmes (several verdicts), copied twice under other names, and one unreadable file."""
    out = tmp_path / "progs"
    out.mkdir()
    for i, p in enumerate(sorted(PROGRAMMES.glob("*.yaml"))):
        shutil.copy(p, out / f"a{i:02d}_{p.name}")
        shutil.copy(p, out / f"b{i:02d}_{p.name}")
    (out / "m_broken.yaml").write_text("id: x\nyears: [\n", encoding="utf-8")
    return out


def _validate(data) -> None:
    jsonschema.Draft202012Validator(report_schema()).validate(data)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_jobs_give_the_same_bytes_in_the_same_order(folder, fmt):
    code1, out1, err1 = run("check", folder, *ARGS, "--format", fmt, "--jobs", "1")
    code2, out2, err2 = run("check", folder, *ARGS, "--format", fmt, "--jobs", "2")
    assert code1 == code2 == 2  # one file could not be read
    assert out1 == out2 and err1 == err2
    assert "m_broken.yaml" in err1 and "m_broken.yaml" in out1
    if fmt == "jsonl":
        ids = [json.loads(line).get("input", {}).get("path", "") for line in out1.splitlines()]
        reported = [Path(p).name for p in ids if p]
        assert reported == sorted(reported)  # the order of the files


def test_jsonl_is_one_report_a_line_then_the_unread_files_and_the_summary(folder):
    _, out, _ = run("check", folder, *ARGS, "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    for line in lines:
        _validate(line)
    reports = [x for x in lines if "findings" in x]
    assert len(reports) == 2 * len(list(PROGRAMMES.glob("*.yaml")))
    assert [x for x in lines if "not_audited" in x and "findings" not in x][0]["not_audited"][0]["location"].endswith(
        "m_broken.yaml:3:1")
    summary = lines[-1]["batch_summary"]
    assert summary["files"] == len(reports) + 1 and summary["audited"] == len(reports) and summary["not_readable"] == 1
    assert sum(summary["verdicts"].values()) == len(reports)
    failed = {r["rule"]: r["fail"] for r in summary["rules"]}
    by_hand = {}
    for rep in reports:
        for rule in {f["rule"] for f in rep["findings"] if f["status"] == "fail"}:
            by_hand[rule] = by_hand.get(rule, 0) + 1
    assert {k: v for k, v in failed.items() if v} == by_hand


def test_compact_json_gives_each_source_once_and_passes_briefly():
    path = PROGRAMMES / "faulty_bsc.yaml"
    _, compact, _ = run("check", path, *ARGS, "--format", "json")
    _, full, _ = run("check", path, *ARGS, "--format", "json", "--show", "all")
    c, f = json.loads(compact), json.loads(full)
    _validate(c)
    _validate(f)
    assert len(compact) < len(full) / 2
    assert c["show"] == "problems" and f["show"] == "all"
    # every finding is kept: the passes named per rule in `passed`, the others in `findings`
    assert len(c["findings"]) + sum(len(g.get("keys") or g["subjects"]) for g in c["passed"]) == len(f["findings"])
    ids = {s["id"] for s in c["sources"]}
    whole = expand_compact(c)["sources"]  # each quote given once: put back in each source
    assert len(ids) == len(c["sources"]) == len({(s["source_id"], s["ref"], s["quote"]) for s in whole})
    for finding in c["findings"]:
        assert "citations" not in finding and finding["status"] != "pass"
        if finding["status"] == "not_applicable":
            assert set(finding) <= {"rule", "severity", "status", "subject", "message", "replaces"}
        if finding["status"] == "fail":
            assert finding["trace"] and set(finding["sources"]) <= ids
    assert {r["rule"] for r in c["rules"]} == {x["rule"] for x in c["findings"]} | {g["rule"] for g in c["passed"]}
    # --show all keeps the old per-finding citations, and they match the source table
    table = {s["id"]: s for s in f["sources"]}
    for finding in f["findings"]:
        assert [{k: v for k, v in table[i].items() if k != "id"} for i in finding["sources"]] == finding["citations"]


def test_text_reports_quote_each_source_once_and_list_passes_by_rule():
    path = PROGRAMMES / "faulty_bsc.yaml"
    _, out, _ = run("check", path, *ARGS)
    sources = out[out.index("\nSources ("):]
    entries = [line for line in sources.splitlines() if line.startswith("  [S")]
    assert entries and len(entries) == len(set(entries))
    body = out[: out.index("\nSources (")]
    assert "[primary source]" in sources and "[primary source]" not in body  # sources are given in the table only
    named = {sid.strip() for line in body.splitlines() if line.strip().startswith("Source: ")
             for sid in line.split(": ", 1)[1].split(",")}
    assert named and named <= {e.split("]")[0].strip(" [") for e in entries}
    assert "Source: S" in out
    _, failures, _ = run("check", path, *ARGS, "--show", "failures")
    assert "Undecided" not in failures or failures.count("- required:") <= out.count("- required:")
    _, explained, _ = run("check", path, *ARGS, "--explain")
    assert explained.count("- required:") > out.count("- required:")  # --explain: every finding in full


def test_a_folder_output_has_a_file_each_and_the_indexes(folder, tmp_path):
    out = tmp_path / "out"
    code, _, _ = run("check", folder, *ARGS, "--format", "json", "-o", f"{out}/", "--matrix", tmp_path / "m.csv")
    assert code == 2
    names = sorted(p.name for p in out.iterdir())
    assert "index.html" in names and "index.json" in names
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert len(index["reports"]) == len(names) - 2 == index["batch_summary"]["audited"]
    for row in index["reports"]:
        _validate(json.loads((out / row["href"]).read_text(encoding="utf-8")))
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Batch summary" in html and "m_broken.yaml" in html
    rows = (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("subject,verdict,") and len(rows) == len(index["reports"]) + 2  # + the unreadable file
    assert rows[-1].startswith(",not_read,") and "m_broken.yaml" in rows[-1] and rows[-1].endswith(",,")


def test_the_matrix_as_xlsx(folder, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    run("check", folder, *ARGS, "-q", "--matrix", tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("subject", "verdict") and "year_credits" in rows[0]
    assert {r[1] for r in rows[1:-1]} <= {"compliant", "incomplete", "non_compliant"}
    assert rows[-1][1] == "not_read" and "m_broken.yaml" in rows[-1][2] and set(rows[-1][3:]) <= {None, ""}


@pytest.mark.parametrize("suffix, lang", [(".csv", "en"), (".xlsx", "en"), (".csv", "el"), (".xlsx", "sr")])
def test_the_matrix_lists_the_unreadable_files_and_is_the_same_bytes_with_jobs(folder, tmp_path, suffix, lang):
    (folder / "c_cohort.yaml").write_text("scale: rs-5-10\ngroups: []\n", encoding="utf-8")  # a file of another kind
    for jobs in ("1", "2"):
        run("check", folder, *ARGS, "-q", "--lang", lang, "--jobs", jobs, "--matrix", tmp_path / f"m{jobs}{suffix}")
    assert (tmp_path / f"m1{suffix}").read_bytes() == (tmp_path / f"m2{suffix}").read_bytes()
    if suffix == ".csv":
        rows = list(csv.reader((tmp_path / "m1.csv").read_text(encoding="utf-8").splitlines()))
    else:
        rows = [["" if v is None else v for v in r] for r in
                pytest.importorskip("openpyxl").load_workbook(tmp_path / "m1.xlsx").active.iter_rows(values_only=True)]
    word = {"en": "not_read", "el": "δεν διαβάστηκε", "sr": "nije pročitana"}[lang]
    unread = [r for r in rows if r[1] == word]
    assert [(r[0], Path(r[2].split(":")[0]).name) for r in unread] == [("", "c_cohort.yaml"), ("", "m_broken.yaml")]
    assert all(len(r) == len(rows[0]) and not any(r[3:]) for r in unread)
    assert rows[-2:] == unread  # after the subjects audited, in file order


def test_the_matrix_refuses_other_suffixes(folder, tmp_path):
    code, _, err = run("check", folder, *ARGS, "--matrix", tmp_path / "m.txt")
    assert code == 2 and ".csv or an .xlsx" in err


def test_text_batches_end_with_the_summary_and_no_progress_bar_off_a_terminal(folder):
    _, out, err = run("check", folder, *ARGS)
    assert out.rstrip().splitlines()[-1].strip() != ""
    assert "Batch summary:" in out and "1 not readable" in out
    assert "it/s" not in err and "file/s" not in err


def test_iter_audits_is_lazy_and_audit_files_still_returns_a_batch(folder):
    files = sorted(folder.iterdir())
    items = iter_audits("ects_guide_2015", files, "programme")
    assert inspect.isgenerator(items)
    first = next(items)
    assert first.report is not None and first.error is None
    batch = audit_files("ects_guide_2015", files, "programme")
    assert isinstance(batch, Batch) and len(batch.reports) == len(files) - 1 and len(batch.not_audited) == 1


def test_a_dask_cluster_gives_the_same_bytes(folder, dask_cluster):
    local = run("check", folder, *ARGS, "--format", "jsonl", "--jobs", "1")
    remote = run("check", folder, *ARGS, "--format", "jsonl", "--dask", dask_cluster.scheduler_address)
    assert local == remote


# what each odd entry of the folder is called on standard error and in the reports
ODD_ENTRIES = {"b_dangling.json": "is a symbolic link to a file that is not there",
               "c_loop.yaml": "is a symbolic link that cannot be resolved (it loops)",
               "d_pipe.json": "is not a regular file (a named pipe, a device or a socket)"}


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    """A good programme beside a symbolic link that leads nowhere, one that loops and a named pipe, each
    with a suffix a batch reads."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    out = tmp_path / "odd"
    out.mkdir()
    shutil.copy(PROGRAMMES / "compliant_bsc.yaml", out / "a_good.yaml")
    (out / "b_dangling.json").symlink_to(out / "nowhere.json")
    (out / "c_loop.yaml").symlink_to(out / "c_loop.yaml")
    os.mkfifo(out / "d_pipe.json")
    return out


def _checked_in_a_process_of_its_own(folder: Path) -> tuple[int, str, str]:
    """`ects check FOLDER` as a process of its own, stopped after two minutes: should it wait on the named
    pipe, the test fails instead of the test run hanging (the in-process runs come after this one)."""
    done = subprocess.run([sys.executable, "-m", "engine.cli.main", "check", str(folder), *ARGS],
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_each_odd_entry_of_a_folder_is_named_in_every_format(odd_folder):
    code, out, err = _checked_in_a_process_of_its_own(odd_folder)
    assert code == 2 and "Traceback" not in err
    assert err.splitlines() == [f"error: {odd_folder / name}: {words}" for name, words in ODD_ENTRIES.items()]
    assert "uni-cs-bsc" in out and "4 files given · 1 audited · 3 not readable" in out
    for fmt in ("json", "jsonl", "md", "html", "junit"):
        code, out, err = run("check", odd_folder, *ARGS, "--format", fmt)
        assert code == 2 and err.count("error: ") == 3 and "uni-cs-bsc" in out, fmt
        assert all(name in out for name in ODD_ENTRIES), fmt
        if fmt == "jsonl":
            summary = json.loads(out.splitlines()[-1])["batch_summary"]
            assert (summary["files"], summary["audited"], summary["not_readable"]) == (4, 1, 3)
        elif fmt == "json":  # one report: the files not audited are listed beside it
            assert [e["error"] for e in json.loads(out)["not_audited"]] == list(ODD_ENTRIES.values())
        else:
            assert "4 files given · 1 audited · 3 not readable" in out, fmt


def test_odd_entries_are_named_in_a_folder_output(odd_folder, tmp_path):
    assert _checked_in_a_process_of_its_own(odd_folder)[0] == 2
    out = tmp_path / "out"
    code, _, err = run("check", odd_folder, *ARGS, "--format", "json", "-o", f"{out}/")
    assert code == 2 and err.count("error: ") == 3 and "Traceback" not in err
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))["batch_summary"]
    assert [Path(e["location"]).name for e in index["not_audited"]] == list(ODD_ENTRIES)


def test_odd_entries_are_named_alike_with_jobs_and_dask(odd_folder, dask_cluster):
    assert _checked_in_a_process_of_its_own(odd_folder)[0] == 2
    one = run("check", odd_folder, *ARGS, "--format", "jsonl", "--jobs", "1")
    assert one[0] == 2 and json.loads(one[1].splitlines()[-1])["batch_summary"]["not_readable"] == 3
    assert all(name in one[1] and name in one[2] for name in ODD_ENTRIES)
    assert run("check", odd_folder, *ARGS, "--format", "jsonl", "--jobs", "2") == one
    assert run("check", odd_folder, *ARGS, "--format", "jsonl", "--dask", dask_cluster.scheduler_address) == one


def test_transfers_stream_too(tmp_path):
    transfers = sorted((ROOT / "examples" / "transfers").glob("*.yaml"))[:3]
    if not transfers:
        pytest.skip("no example transfers")
    code1, out1, _ = run("transfer", *transfers, "--rules", "ects_guide_2015", "--format", "jsonl", "-j", "1")
    code2, out2, _ = run("transfer", *transfers, "--rules", "ects_guide_2015", "--format", "jsonl", "-j", "2")
    assert code1 == code2 and out1 == out2
    assert "batch_summary" in out1.splitlines()[-1]


def test_the_csv_cohort_reader_keeps_each_groups_lines(tmp_path):
    rows = ["group,academic_year,grade,count"]
    for g in range(300):
        for grade in (10, 9, 8):
            rows.append(f"g{g},2022-23,{grade},{g % 7 + 1}")
    path = tmp_path / "c.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    data, lines = read_cohort_csv(path)
    assert [g["id"] for g in data["groups"]] == [f"g{g}" for g in range(300)]
    assert lines[("groups", 250, "id")] == 2 + 250 * 3
    assert lines[("groups", 250, "counts", "2022-23", 8)] == 4 + 250 * 3


def test_a_grading_table_is_built_for_the_group_asked_for_only(tmp_path):
    path = ROOT / "examples" / "grades"
    cohorts = sorted(p for p in path.glob("*") if p.suffix in (".yaml", ".csv", ".json"))
    cohort = next(c for c in cohorts if read_cohort(c).group_count > 1)
    view = read_cohort(cohort)
    wanted = view.group_list[-1].id
    only = read_cohort(cohort, only_group=wanted)
    assert only.group_count == 1 and only.group_list[0].id == wanted
    assert only.group_list[0].table_dict(False) == view.group(wanted).table_dict(False)
    with pytest.raises(UsageError, match="no group 'nope'"):
        read_cohort(cohort, only_group="nope")


@pytest.mark.parametrize("fmt, lang, words", [("text", "en", "no file could be audited: no rule was checked"),
                                              ("md", "el", "κανένα αρχείο δεν μπόρεσε να ελεγχθεί"),
                                              ("html", "sr", "nijedna datoteka nije mogla da se proveri")])
def test_a_batch_with_nothing_audited_does_not_say_every_rule_passed(tmp_path, fmt, lang, words):
    """When no file could be read, the summary says there was nothing to judge, not that every rule passed."""
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text("{", encoding="utf-8")
    code, out, err = run("check", tmp_path, *ARGS, "--format", fmt, "--lang", lang)
    assert code == 2, err
    assert words in out, out
    assert "every rule passed" not in out and "κάθε κανόνας ικανοποιήθηκε" not in out


def test_the_matrix_and_the_index_name_the_file_of_each_subject(tmp_path):
    """Two files holding one programme id (two versions of a programme) are told apart by their file."""
    batch = tmp_path / "two"
    batch.mkdir()
    source = (PROGRAMMES / "compliant_bsc.yaml").read_text(encoding="utf-8")
    (batch / "a.yaml").write_text(source, encoding="utf-8")
    (batch / "b.yaml").write_text(source.replace("credits: 6", "credits: 1", 1), encoding="utf-8")
    out = tmp_path / "out"
    run("check", batch, "--rules", "ects_guide_2015", "-q", "-o", f"{out}/", "--matrix", tmp_path / "m.csv")
    rows = list(csv.reader((tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][:3] == ["subject", "verdict", "file"]
    assert {(r[0], r[2]) for r in rows[1:]} == {("uni-cs-bsc", str(batch / "a.yaml")), ("uni-cs-bsc", str(batch / "b.yaml"))}
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(r["input"] for r in index["reports"]) == [str(batch / "a.yaml"), str(batch / "b.yaml")]
    assert str(batch / "b.yaml") in (out / "index.html").read_text(encoding="utf-8")
