"""An output that cannot be written (a full disk) is a one-line error naming the output file, in the reader's
language, exit code 2, and leaves neither the output nor a temporary file behind."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"
ARGS = ["--rules", "ects_guide_2015", "--as-of", "2024-01-01", "-q"]
FULL = "No space left on device"


class _FullFile:
    """A file on a full disk: opening it works, writing to it does not."""

    def __init__(self, real):
        self._real = real

    def write(self, data):
        raise OSError(errno.ENOSPC, FULL)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._real.close()


@pytest.fixture
def full_disk(monkeypatch, tmp_path):
    """A folder whose files cannot be written (every file opened with os.fdopen for writing in this test)."""
    real = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        opened = real(fd, mode, *args, **kwargs)
        return _FullFile(opened) if "w" in mode else opened
    monkeypatch.setattr(os, "fdopen", fdopen)
    out = tmp_path / "full"
    out.mkdir()
    return out


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "md", "html", "junit"])
def test_a_full_disk_names_the_output_file(full_disk, fmt):
    target = full_disk / f"a.{fmt}"
    code, out, err = run("check", PROGRAMMES / "compliant_bsc.yaml", PROGRAMMES / "faulty_bsc.yaml", *ARGS,
                         "--format", fmt, "-o", target)
    assert (code, out) == (2, "")
    assert err == f"error: {target}: cannot write the output: {FULL}\n"
    assert list(full_disk.iterdir()) == []  # no output, no temporary file


@pytest.mark.parametrize("lang, words", [("el", "σφάλμα: {target}: η έξοδος δεν μπορεί να γραφτεί: {why}"),
                                         ("sr", "greška: {target}: izlaz se ne može upisati: {why}")])
def test_the_error_is_worded_in_the_readers_language(full_disk, lang, words):
    target = full_disk / "a.jsonl"
    code, _, err = run("check", PROGRAMMES / "compliant_bsc.yaml", *ARGS, "--format", "jsonl", "-o", target,
                       "--lang", lang)
    assert code == 2 and err == words.format(target=target, why=FULL) + "\n"


def test_a_full_disk_names_the_page_of_a_folder_output(full_disk):
    code, _, err = run("check", PROGRAMMES / "compliant_bsc.yaml", PROGRAMMES / "faulty_bsc.yaml", *ARGS,
                       "--format", "html", "-o", f"{full_disk}/")
    assert code == 2
    assert err == f"error: {full_disk / 'uni-cs-bsc.html'}: cannot write the output: {FULL}\n"
    assert not [p for p in full_disk.iterdir() if p.name.endswith(".tmp")]
