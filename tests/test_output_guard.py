"""engine.output.OutputGuard: what a batch must not write over, each file resolved once."""
from __future__ import annotations

import os

import pytest

from engine.errors import SubjectFileError, UsageError
from engine.limits import files_read, read_input_bytes
from engine.output import OutputGuard, guard_inputs


def test_an_input_is_refused_under_its_own_name_a_symbolic_link_and_a_hard_link(tmp_path):
    data = tmp_path / "p.json"
    data.write_text("{}")
    (tmp_path / "soft.json").symlink_to(data)
    os.link(data, tmp_path / "hard.json")
    guard = OutputGuard([data])
    for target in (data, tmp_path / "sub" / ".." / "p.json", tmp_path / "hard.json"):
        with pytest.raises(UsageError, match="over an input file"):
            guard.check(target)
    with pytest.raises(UsageError, match="symbolic link"):
        guard.check(tmp_path / "soft.json")
    guard.check(tmp_path / "report.html")  # a new file: allowed


def test_inputs_given_later_and_files_read_later_are_guarded(tmp_path):
    guard = OutputGuard()
    first, later = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text("{}")
    later.write_text("{}")
    guard.check(first)  # not an input yet
    with pytest.raises(UsageError, match="over an input file"):
        guard.check(first, also=[first])
    read_input_bytes(later, SubjectFileError)  # read after the guard was made
    with pytest.raises(UsageError, match="a file this command reads"):
        guard.check(later)


def test_guard_inputs_says_the_same(tmp_path):
    data = tmp_path / "p.json"
    data.write_text("{}")
    with pytest.raises(UsageError, match="over an input file"):
        guard_inputs(data, [str(data)])
    guard_inputs(tmp_path / "out.txt", [str(data)])


def test_each_input_is_resolved_once_however_many_pages_are_checked(tmp_path, monkeypatch):
    inputs = []
    for i in range(60):
        f = tmp_path / f"p{i}.json"
        f.write_text("{}")
        inputs.append(f)
    calls = []
    realpath = os.path.realpath
    monkeypatch.setattr(os.path, "realpath", lambda p, *a, **k: calls.append(1) or realpath(p, *a, **k))
    guard = OutputGuard(inputs)
    for i in range(60):
        guard.check(tmp_path / "out" / f"r{i}.html", also=[inputs[i]])
    # each input once, each target once, each file this process read before once (was inputs x targets: 3,600)
    assert len(calls) <= 60 + 60 + len(files_read())
