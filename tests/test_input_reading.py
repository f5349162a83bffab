"""Reading an input file (engine.limits.read_input_bytes): a missing file, a folder, a path through a file
or a symbolic link loop get their one-line reason; the file's resolved name is remembered as read."""
from __future__ import annotations

import os

import pytest

from engine.errors import SubjectFileError
from engine.limits import files_read, read_input_bytes


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
])
def test_what_is_not_a_readable_file_is_named(tmp_path, make, words):
    assert words in _reason(make(tmp_path))


def test_a_symbolic_link_loop_is_not_found(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    assert "file not found" in _reason(a)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_says_why(tmp_path):
    path = tmp_path / "locked.json"
    path.write_text("{}")
    path.chmod(0)
    assert "cannot read the file" in _reason(path)
