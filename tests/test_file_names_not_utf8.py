"""A file whose name is not UTF-8 (any bytes are allowed in a name on Linux) is audited and named with the bytes
that are not UTF-8 as \\xNN, in every format and written to a file or a folder; before, writing its name into
an output crashed the batch and lost every report."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cli_helpers import PROGRAMMES, run
from engine.limits import display_name, readable_name

GOOD = PROGRAMMES / "compliant_bsc.yaml"


@pytest.fixture
def folder(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(GOOD, os.fsdecode(bytes(batch) + b"/caf\xe9.yaml"))
    (batch / "ok.yaml").write_bytes(GOOD.read_bytes())
    Path(os.fsdecode(bytes(batch) + b"/bad\xff.yaml")).write_text("id: [", encoding="utf-8")
    return batch


def test_a_name_that_is_not_utf8_is_shown_with_its_bytes():
    assert readable_name(os.fsdecode(b"progs/caf\xe9.yaml")) == "progs/caf\\xe9.yaml"
    assert readable_name("progs/καφές.yaml") == "progs/καφές.yaml"
    assert display_name(os.fsdecode(b"a\xff.json")) == "a\\xff.json"


@pytest.mark.parametrize("fmt", ["text", "jsonl", "json", "md", "html", "junit"])
def test_a_batch_with_such_names_is_written_to_a_file(folder, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    code, _, err = run("check", folder, "--rules", "ects_guide_2015", "--format", fmt, "-o", out, "-q")
    assert code == 2 and "Traceback" not in err, err  # 2: the broken file could not be read
    assert "bad\\xff.yaml:" in err
    written = out.read_text(encoding="utf-8")  # whole, and UTF-8
    assert "caf\\xe9.yaml" in written.replace("\\\\", "\\")
    if fmt == "jsonl":
        paths = [json.loads(line).get("input", {}).get("path") for line in written.splitlines()]
        assert str(folder / "caf\\xe9.yaml") in paths


def test_a_batch_with_such_names_is_written_to_a_folder(folder, tmp_path):
    out = tmp_path / "reports"
    code, _, err = run("check", folder, "--rules", "ects_guide_2015", "-o", f"{out}/", "-q")
    assert code == 2 and "Traceback" not in err, err
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert any("bad\\xff.yaml" in row["location"] for row in index["batch_summary"]["not_audited"])
