"""A batch stopped or refused: an output path that will be refused is refused before the first file is
audited; a batch stopped by Ctrl-C or SIGTERM leaves no report file, no temporary file and no traceback
(also from the worker processes of --jobs); a Dask cluster reads the files named relative to the folder
the command runs in."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from cli_helpers import run
from dask_cluster import dask_cluster  # noqa: F401 - fixture
from engine.cli import pool as pool_module
from engine.cli import work as work_module
from engine.cli.work import work

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"
ARGS = ["--rules", "ects_guide_2015", "--as-of", "2024-01-01"]


def _copies(folder: Path, n: int) -> Path:
    """`n` copies of the example programmes in `folder`."""
    folder.mkdir()
    examples = sorted(PROGRAMMES.glob("*.yaml"))
    for i in range(n):
        shutil.copy(examples[i % len(examples)], folder / f"p{i:04d}_{examples[i % len(examples)].name}")
    return folder


@pytest.fixture
def unreadable_then_many(tmp_path: Path) -> Path:
    """Many programmes, so that a batch takes a while, and a broken one first."""
    folder = _copies(tmp_path / "progs", 200)
    (folder / "a_broken.yaml").write_text("id: x\nyears: [\n", encoding="utf-8")
    return folder


def test_an_output_over_an_input_is_refused_before_the_batch_runs(unreadable_then_many, monkeypatch):
    audited = []
    monkeypatch.setattr("engine.cli.batchrun.run_batch", lambda *a, **k: audited.append(a) or iter(()))
    target = unreadable_then_many / "p0000_" f"{sorted(PROGRAMMES.glob('*.yaml'))[0].name}"
    before = target.read_bytes()
    code, _, err = run("check", unreadable_then_many, *ARGS, "--format", "jsonl", "-o", target)
    assert code == 2 and "refusing to write the report over an input file" in err
    assert audited == [] and target.read_bytes() == before


@pytest.mark.parametrize("matrix, message", [("m.txt", ".csv or an .xlsx"), ("no/such/folder/m.csv", "folder")])
def test_a_matrix_that_cannot_be_written_is_refused_before_the_batch_runs(unreadable_then_many, tmp_path,
                                                                          monkeypatch, matrix, message):
    audited = []
    monkeypatch.setattr("engine.cli.batchrun.run_batch", lambda *a, **k: audited.append(a) or iter(()))
    code, _, err = run("check", unreadable_then_many, *ARGS, "--format", "jsonl", "-o", tmp_path / "out.jsonl",
                       "--matrix", tmp_path / matrix)
    assert code == 2 and message in err and audited == []
    assert not (tmp_path / "out.jsonl").exists()


def _stopped(folder: Path, out: Path, sig: signal.Signals, *options: str) -> tuple[int, str]:
    """Run `ects check` as a process of its own, send it `sig` (to its whole process group, as a terminal's
    Ctrl-C does) once it has started writing, and return its exit code and standard error."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "engine.cli.main", "check", str(folder), *ARGS, "-q", "-o", str(out), *options]
    proc = subprocess.Popen(cmd, cwd=out.parent, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    while proc.poll() is None and not list(out.parent.glob(f".{out.name}.*")):
        time.sleep(0.01)  # the output's temporary file: the batch has begun
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("options", [("--format", "jsonl", "--jobs", "1"), ("--format", "md", "--jobs", "2")])
def test_a_stopped_batch_leaves_no_file_and_no_traceback(unreadable_then_many, tmp_path, sig, options):
    outdir = tmp_path / "out"
    outdir.mkdir()
    code, err = _stopped(unreadable_then_many, outdir / "audit.out", sig, *options)
    assert code != 0
    assert list(outdir.iterdir()) == []  # neither the report nor a temporary file
    assert "Traceback" not in err and "ForkPoolWorker" not in err, err
    assert err.strip().splitlines()[-1] in ("interrupted", "terminated")


def test_a_dask_cluster_reads_paths_relative_to_this_folder(tmp_path, monkeypatch, dask_cluster):
    _copies(tmp_path / "progs", 6)
    monkeypatch.chdir(tmp_path)  # the workers run in another folder
    local = run("check", "progs", *ARGS, "--format", "jsonl", "--jobs", "1")
    remote = run("check", "progs", *ARGS, "--format", "jsonl", "--dask", dask_cluster.scheduler_address)
    assert local[0] != 2 and "progs/" in local[1]
    assert remote == local


def test_grades_table_without_group_asks_for_one_before_building_any_table(monkeypatch):
    built = []
    monkeypatch.setattr("engine.subjects.cohort.files.CohortView", lambda *a, **k: built.append(a))
    code, out, err = run("grades", "table", ROOT / "examples" / "grades" / "greek-informatics.csv")
    assert code == 2 and out == ""
    assert "the cohort has 2 groups; choose one with --group (gr-informatics-first, gr-informatics-second)" in err
    assert built == []


@pytest.mark.parametrize("address", ["foo:bar:baz", "http://127.0.0.1:8786"])
def test_a_dask_address_that_is_not_one_is_a_one_line_error(tmp_path, address):
    pytest.importorskip("distributed")
    folder = _copies(tmp_path / "progs", 2)
    code, out, err = run("check", folder, *ARGS, "--format", "jsonl", "-o", tmp_path / "out.jsonl", "--dask", address)
    assert code == 2 and f"error: {address}: not a Dask scheduler address" in err
    assert list(tmp_path.iterdir()) == [folder]


def test_a_dask_scheduler_without_workers_is_a_one_line_error_not_a_wait_without_end(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    folder = _copies(tmp_path / "progs", 2)
    monkeypatch.setattr("engine.cli.pool.WORKERS_WAIT", "1s")
    try:
        cluster = distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=":0", silence_logs=40)
    except Exception as e:  # noqa: BLE001 - any failure to start a cluster here is a reason to skip
        pytest.skip(f"cannot start a local Dask cluster: {e}")
    with cluster:
        code, _, err = run("check", folder, *ARGS, "-o", tmp_path / "out.txt", "--dask", cluster.scheduler_address)
    assert code == 2 and "the Dask scheduler has no workers" in err
    assert not (tmp_path / "out.txt").exists()



def _work_that_dies_on(path, job):
    """`work`, except that the worker process is killed (as the system kills one out of memory) on one file."""
    if Path(path).name.startswith("p0013_"):
        os.kill(os.getpid(), signal.SIGKILL)
    return work(path, job)


def test_a_worker_killed_midway_ends_the_batch_with_a_one_line_error(tmp_path, monkeypatch):
    """With --jobs 2, a worker process killed while it audits ends the batch at once (exit 2, one line, no
    output file), instead of a batch that waits for it without end."""
    folder = _copies(tmp_path / "progs", 40)
    monkeypatch.setattr(work_module, "work", _work_that_dies_on)  # as the pool's workers run it
    out = tmp_path / "audit.jsonl"
    code, _, err = run("check", folder, *ARGS, "--jobs", "2", "-q", "--format", "jsonl", "-o", out)
    assert code == 2, err
    assert "a worker process ended before it finished its files (exit code -9)" in err, err
    assert "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob(".audit.jsonl.*"))


def test_reports_written_inside_the_input_folder_are_not_read_back_as_subjects(tmp_path):
    """A second run into an output folder inside the input folder audits the same programmes, not the first
    run's reports (index.json and the JSON reports), and says so on standard error."""
    folder = _copies(tmp_path / "progs", 3)
    out = folder / "audit"
    first = run("check", folder, *ARGS, "--format", "json", "-o", f"{out}/")
    written = sorted(p.name for p in out.iterdir())
    index = (out / "index.json").read_text(encoding="utf-8")
    second = run("check", folder, *ARGS, "--format", "json", "-o", f"{out}/")
    assert first[0] == second[0] and first[0] in (0, 1), second[2]
    # three JSON reports and index.json were there to be read: left out, each named, by their content
    notes = [line for line in second[2].splitlines() if line.endswith("written by ects: a report, not a programme; not audited")]
    assert len(notes) == 4 and any("index.json" in line for line in notes), second[2]
    assert sorted(p.name for p in out.iterdir()) == written  # no report of a report
    assert (out / "index.json").read_text(encoding="utf-8") == index


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_while_the_output_file_is_made_leaves_no_file(tmp_path, monkeypatch, sig):
    """A stop that arrives just as the output's temporary file has been made, before the batch holds its
    name, still finds it to remove: the signal waits until the name is kept."""
    folder = _copies(tmp_path / "in", 2)
    outdir = tmp_path / "out"
    outdir.mkdir()
    made = tempfile.mkstemp

    def made_then_stopped(*args, **kwargs):
        fd, name = made(*args, **kwargs)
        if Path(name).parent == outdir:
            os.kill(os.getpid(), sig)  # delivered here, inside the making, were it not held
        return fd, name
    monkeypatch.setattr(tempfile, "mkstemp", made_then_stopped)
    code, _, err = run("check", folder, *ARGS, "--format", "jsonl", "--jobs", "1", "-q", "-o", outdir / "audit.jsonl")
    assert code != 0 and "Traceback" not in err
    assert list(outdir.iterdir()) == []


def test_a_pool_keeps_a_bounded_number_of_chunks_in_flight(tmp_path, monkeypatch):
    """--jobs 2 on 200 files (25 chunks) never has more than AHEAD_PER_WORKER chunks a worker submitted and not
    yet written: the results waiting in memory stay bounded however long the batch. (Scheduling every chunk at
    once kept every report in memory until the end: 243 MB for 2,000 programmes against 54 MB.)"""
    from pebble import ProcessPool  # noqa: PLC0415 - the pool class the batch uses, to count what it is given

    folder = _copies(tmp_path / "progs", 200)
    counts = {"submitted": 0, "most": 0}
    schedule = ProcessPool.schedule

    def counted(self, *args, **kwargs):
        counts["submitted"] += 1
        return schedule(self, *args, **kwargs)

    taken = []
    real_in_flight = pool_module.in_flight

    def watched(chunks, submit, most):
        for future in real_in_flight(chunks, submit, most):
            taken.append(future)
            counts["most"] = max(counts["most"], counts["submitted"] - len(taken) + 1)
            yield future

    monkeypatch.setattr(ProcessPool, "schedule", counted)
    monkeypatch.setattr(pool_module, "in_flight", watched)
    out = tmp_path / "audit.jsonl"
    code, _, err = run("check", folder, *ARGS, "--jobs", "2", "-q", "--format", "jsonl", "-o", out)
    assert code in (0, 1), err
    assert counts["submitted"] == 25
    assert counts["most"] <= 2 * pool_module.AHEAD_PER_WORKER, counts
    assert len(out.read_text(encoding="utf-8").splitlines()) == 201  # 200 reports and the summary


def test_in_flight_hands_out_every_chunk_in_order_with_at_most_so_many_waiting():
    """The window itself: each chunk submitted once, handed out in order, never more than `most` waiting."""
    submitted: list = []
    handed: list = []
    for future in pool_module.in_flight(list(range(23)), lambda chunk: submitted.append(chunk) or chunk, 4):
        assert len(submitted) - len(handed) <= 4
        handed.append(future)
    assert handed == submitted == list(range(23))
