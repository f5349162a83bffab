"""Reading an input file (engine.limits.read_input_bytes, open_input): a missing file, a folder, a path
through a file, a symbolic link that loops or leads nowhere, a named pipe or a device get their one-line
reason (a named pipe is refused, not waited on); the file's resolved name is remembered as read."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from engine.errors import SubjectFileError
from engine.limits import files_read, open_input, read_input_bytes


def _reason(path) -> str:
    with pytest.raises(SubjectFileError) as e:
        read_input_bytes(path, SubjectFileError)
    assert e.value.path == str(path)
    return e.value.message


def test_a_file_is_read_and_remembered_by_its_resolved_name(tmp_path):
    real = tmp_path / "real.json"
    real.write_bytes(b'{"id": "p"}')
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert read_input_bytes(link, SubjectFileError) == b'{"id": "p"}'
    assert str(real.resolve()) in files_read()


@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing.json", "file not found"),
    (lambda d: d, "is a folder, not a file"),
    (lambda d: (d / "f.json").write_text("{}") and d / "f.json" / "inside.json", "file not found"),
    (lambda d: (d / "gone.json").symlink_to(d / "nowhere.json") or d / "gone.json",
     "is a symbolic link to a file that is not there"),
    (lambda d: Path(os.devnull), "is not a regular file"),
])
def test_what_is_not_a_readable_file_is_named(tmp_path, make, words):
    assert words in _reason(make(tmp_path))


def test_a_symbolic_link_loop_is_named_as_one(tmp_path):
    a, b, itself = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "itself.json"
    a.symlink_to(b)
    b.symlink_to(a)
    itself.symlink_to(itself)
    for path in (a, itself):
        assert _reason(path) == "is a symbolic link that cannot be resolved (it loops)"
        with pytest.raises(SubjectFileError, match="cannot be resolved"):
            open_input(path, SubjectFileError, 1024)


@contextlib.contextmanager
def _no_longer_than(seconds: int):
    """Raise TimeoutError should the block wait more than `seconds` (as opening a named pipe would, for ever)."""
    def stop(_signum, _frame):
        raise TimeoutError("waited on a named pipe")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    with _no_longer_than(30):
        assert _reason(pipe) == "is not a regular file (a named pipe, a device or a socket)"
        with pytest.raises(SubjectFileError, match="not a regular file"):
            open_input(pipe, SubjectFileError, 1024)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_says_why(tmp_path):
    path = tmp_path / "locked.json"
    path.write_text("{}")
    path.chmod(0)
    assert "cannot read the file" in _reason(path)


# ---- on the command line: one line each, exit code 2, the good files still audited -----------------

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# a command, a good file it reads, and the suffix of the named pipe given beside it
COMMANDS = [(["check", "--rules", "ects_guide_2015"], EXAMPLES / "programmes" / "compliant_bsc.yaml", ".json"),
            (["transfer", "--rules", "ects_guide_2015"], EXAMPLES / "transfers" / "clean_mobility.yaml", ".yaml"),
            (["grades", "check", "--rules", "greek_law_4009"], EXAMPLES / "grades" / "greek-informatics.csv", ".csv"),
            (["import", "table"], None, ".csv"),
            (["import", "ola"], None, ".xml")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("command, good, suffix", COMMANDS)
def test_a_named_pipe_on_the_command_line_is_refused_at_once(tmp_path, command, good, suffix):
    pipe = tmp_path / f"pipe{suffix}"
    os.mkfifo(pipe)
    # a process of its own, stopped after two minutes: a wait on the pipe fails the test, not hangs the run
    files = [str(pipe), *([str(good)] if good else [])]
    done = subprocess.run([sys.executable, "-m", "engine.cli.main", *command, *files],
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == f"error: {pipe}: is not a regular file (a named pipe, a device or a socket)"
    if good:
        assert "2 files given · 1 audited · 1 not readable" in done.stdout


def test_a_symbolic_link_loop_on_the_command_line_is_named_as_one(tmp_path):
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    result = CliRunner().invoke(main, ["check", str(loop), str(EXAMPLES / "programmes" / "compliant_bsc.yaml"),
                                       "--rules", "ects_guide_2015"])
    assert result.exit_code == 2 and "uni-cs-bsc" in result.stdout
    assert result.stderr == f"error: {loop}: is a symbolic link that cannot be resolved (it loops)\n"


def test_a_dangling_link_in_a_folder_of_elmo_files_is_named(tmp_path):
    shutil.copy(ROOT / "tests" / "data" / "elmo" / "fi_pre10_degree_modules.xml", tmp_path / "a.xml")
    (tmp_path / "b.xml").symlink_to(tmp_path / "nowhere.xml")
    result = CliRunner().invoke(main, ["import", "elmo", str(tmp_path)])
    assert result.exit_code == 2 and "1 of 2 files imported" in result.stdout + result.stderr
    assert f"error: {tmp_path / 'b.xml'}: is a symbolic link to a file that is not there" in result.stderr
