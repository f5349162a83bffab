"""A folder of a batch that cannot be read (no permission to list it), or listed but not entered, is never
skipped without a word: it is named on standard error and in every report, counted as not readable, the
exit code is 2 and the readable files are still audited, in every format, with --jobs and on Dask.

Root reads any folder, so most tests make a folder unreadable by making `os.scandir` (or `os.stat`) refuse it
in this process; one test drops root's read override with `setpriv` to check the real thing."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run
from dask_cluster import dask_cluster  # noqa: F401 - fixture

from engine.subjects.kinds import KINDS, subject_files

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"
ARGS = ["--rules", "ects_guide_2015", "--as-of", "2024-01-01"]
DENIED = "Permission denied"
WORDS = {"en": "error: {path}: cannot read the folder: Permission denied",
         "el": "σφάλμα: {path}: ο φάκελος δεν μπορεί να διαβαστεί: Permission denied",
         "sr": "greška: {path}: fascikla se ne može pročitati: Permission denied"}


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Two programmes and, between them in file order, a folder `b_sub/` holding a third."""
    out = tmp_path / "perm"
    (out / "b_sub").mkdir(parents=True)
    shutil.copy(PROGRAMMES / "compliant_bsc.yaml", out / "a_one.yaml")
    shutil.copy(PROGRAMMES / "faulty_bsc.yaml", out / "c_two.yaml")
    shutil.copy(PROGRAMMES / "waived_bsc.yaml", out / "b_sub" / "three.yaml")
    return out


def refuse_listing(monkeypatch, folder: Path) -> None:
    """`os.scandir(folder)` raises PermissionError in this process (and in the processes it forks)."""
    real = os.scandir

    def scandir(path="."):
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(path) == str(folder):
            raise PermissionError(13, DENIED, str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_listed_stands_in_its_place_among_the_files(batch, monkeypatch):
    refuse_listing(monkeypatch, batch / "b_sub")
    assert [p.name for p in subject_files([str(batch)], KINDS["programme"].suffixes)] == \
        ["a_one.yaml", "b_sub", "c_two.yaml"]


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "md", "html", "junit"])
def test_an_unreadable_folder_is_named_and_counted_in_every_format(batch, monkeypatch, fmt):
    refuse_listing(monkeypatch, batch / "b_sub")
    code, out, err = run("check", batch, *ARGS, "--format", fmt, "-q")
    assert code == 2 and "Traceback" not in err
    assert err.splitlines() == [WORDS["en"].format(path=batch / "b_sub")]
    words = " ".join(out.split())  # (a text report wraps its lines)
    assert str(batch / "b_sub") in words and "cannot read the folder: Permission denied" in words
    if fmt == "jsonl":
        summary = json.loads(out.splitlines()[-1])["batch_summary"]
        assert (summary["files"], summary["audited"], summary["not_readable"]) == (3, 2, 1)
    elif fmt == "json":
        reports = json.loads(out)
        assert len(reports) == 2
        assert reports[0]["not_audited"] == [{"location": str(batch / "b_sub"),
                                              "error": "cannot read the folder: Permission denied"}]
    else:
        assert "3 files given · 2 audited · 1 not readable" in out


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_the_unreadable_folder_is_named_in_the_readers_language(batch, monkeypatch, lang):
    refuse_listing(monkeypatch, batch / "b_sub")
    code, _, err = run("check", batch, *ARGS, "--lang", lang, "-q")
    assert code == 2 and err.splitlines() == [WORDS[lang].format(path=batch / "b_sub")]


def test_an_unreadable_folder_named_alone_says_why(batch, monkeypatch):
    refuse_listing(monkeypatch, batch / "b_sub")
    code, out, err = run("check", batch / "b_sub", *ARGS)
    assert (code, out) == (2, "")
    assert err.splitlines() == [WORDS["en"].format(path=batch / "b_sub")]


def test_with_jobs_the_unreadable_folder_is_named_alike(batch, monkeypatch):
    refuse_listing(monkeypatch, batch / "b_sub")
    one = run("check", batch, *ARGS, "--format", "jsonl", "--jobs", "1")
    assert one[0] == 2 and json.loads(one[1].splitlines()[-1])["batch_summary"]["not_readable"] == 1
    assert run("check", batch, *ARGS, "--format", "jsonl", "--jobs", "2") == one


def test_on_dask_the_unreadable_folder_is_named_alike(batch, monkeypatch, dask_cluster):
    refuse_listing(monkeypatch, batch / "b_sub")
    one = run("check", batch, *ARGS, "--format", "jsonl", "--jobs", "1")
    assert one[0] == 2 and json.loads(one[1].splitlines()[-1])["batch_summary"]["not_readable"] == 1
    folder = str(batch / "b_sub")

    def refuse_on_the_worker():  # the worker reads the entry, and is told why it is not a file
        real = os.scandir

        def scandir(path="."):
            if isinstance(path, (str, os.PathLike)) and os.path.abspath(path) == folder:
                raise PermissionError(13, DENIED, str(path))
            return real(path)
        os.scandir = scandir

    from distributed import Client  # noqa: PLC0415 - only where the dask_cluster fixture found it
    with Client(dask_cluster.scheduler_address) as client:
        client.run(refuse_on_the_worker)
    assert run("check", batch, *ARGS, "--format", "jsonl", "--dask", dask_cluster.scheduler_address) == one


def test_a_file_in_a_folder_that_can_be_listed_but_not_entered_is_named_and_the_rest_audited(
        batch, monkeypatch, tmp_path):
    """A folder of mode 644: its names are listed, but nothing in it can be looked at or opened."""
    locked = batch / "b_sub"
    real = os.stat

    def stat(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and os.path.dirname(os.path.abspath(path)) == str(locked):
            raise PermissionError(13, DENIED, str(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, "stat", stat)
    target = tmp_path / "x.jsonl"
    code, out, err = run("check", batch, *ARGS, "--format", "jsonl", "-o", target)
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"error: {locked / 'three.yaml'}: cannot read the file: Permission denied"]
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["not_audited"][0]["location"] for line in lines if "not_audited" in line] == \
        [str(locked / "three.yaml")]
    assert (lines[-1]["batch_summary"]["audited"], lines[-1]["batch_summary"]["not_readable"]) == (2, 1)


def test_a_file_in_a_folder_that_cannot_be_entered_named_alone_says_why(batch, monkeypatch):
    real = os.stat
    inside = str(batch / "b_sub" / "three.yaml")

    def stat(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(path) == inside:
            raise PermissionError(13, DENIED, str(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, "stat", stat)
    code, _, err = run("check", inside, *ARGS)
    assert code == 2 and err.splitlines() == [f"error: {inside}: cannot read the file: Permission denied"]


def _without_read_override() -> list[str]:
    """How to run a command without root's power to read any file: nothing as another user; as root,
    setpriv dropping the capabilities that override read permissions (skipped where it is missing)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot drop the power to read any folder")
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", "--"]


def test_real_permissions_name_both_kinds_of_locked_folder(batch, tmp_path):
    """Really locked folders, as a user meets them: b_sub/ (mode 000) and d_nox/ (mode 644, its file named)."""
    nox = batch / "d_nox"
    nox.mkdir()
    shutil.copy(PROGRAMMES / "compliant_bsc.yaml", nox / "p.yaml")
    (batch / "b_sub").chmod(0)
    nox.chmod(0o644)
    try:
        prefix = _without_read_override()
        done = subprocess.run([*prefix, sys.executable, "-m", "engine.cli.main", "check", str(batch), *ARGS,
                               "--format", "jsonl", "-q"], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                              capture_output=True, text=True, timeout=300)
    finally:
        (batch / "b_sub").chmod(0o755)
        nox.chmod(0o755)
    if prefix and "Operation not permitted" in done.stderr:
        pytest.skip(f"setpriv cannot drop capabilities here: {done.stderr.strip()}")
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [WORDS["en"].format(path=batch / "b_sub"),
                                        f"error: {nox / 'p.yaml'}: cannot read the file: Permission denied"]
    summary = json.loads(done.stdout.splitlines()[-1])["batch_summary"]
    assert (summary["files"], summary["audited"], summary["not_readable"]) == (4, 2, 2)
