"""Snapshot tests: the same input gives byte-identical reports, run after run and process after process,
and equal to the stored snapshots in tests/snapshots/ (the hostile programme, which has failures,
undecided findings, warnings, passes and electives, in Markdown and HTML).

After an intended change to templates, labels, rules or messages, refresh the snapshots with
`UPDATE_SNAPSHOTS=1 python -m pytest tests/test_reports_snapshot.py` and review the diff.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.api import audit_programme
from engine.render import render

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
HOSTILE = "tests/data/hostile_programme.yaml"
EXAMPLE = "examples/programmes/compliant_bsc.yaml"
AS_OF = dt.date(2020, 1, 1)


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # reports name their input by the path given: keep it relative


def _render(path: str, fmt: str, lang: str = "en") -> str:
    return render([audit_programme("ects_guide_2015", path, as_of=AS_OF)], fmt, lang)


@pytest.mark.parametrize("fmt", ["html", "md", "junit"])
@pytest.mark.parametrize("path", [EXAMPLE, HOSTILE])
def test_same_input_same_bytes(in_root, path, fmt):
    assert _render(path, fmt) == _render(path, fmt)


def test_same_bytes_across_processes(in_root, tmp_path):
    """Two processes with different hash seeds write the same file."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"r{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "engine.cli.main", "check", HOSTILE, "--rules", "ects_guide_2015",
                        "--as-of", AS_OF.isoformat(), "--format", "html", "--lang", "el", "-o", str(out)],
                       cwd=ROOT, env=env, capture_output=True, check=False)
        outs.append(out.read_bytes())
    assert outs[0] and outs[0] == outs[1]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_matches_stored_snapshot(in_root, fmt):
    snapshot = SNAPSHOTS / f"hostile_programme.{fmt}"
    got = _render(HOSTILE, fmt)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(got, encoding="utf-8", newline="")
    assert snapshot.is_file(), f"no snapshot {snapshot.name}; create it with UPDATE_SNAPSHOTS=1"
    with snapshot.open(encoding="utf-8", newline="") as fh:
        want = fh.read()
    assert got == want, (f"{fmt} report differs from tests/snapshots/{snapshot.name}; if the change is intended, "
                         f"refresh with UPDATE_SNAPSHOTS=1 and review the diff")
