"""A fault of the engine itself on one file of a batch (an exception that is not an input error) does not
stop the batch: that file is named as not audited, with the fault, in one line and the reader's language;
the other files are audited; the exit code is 2; no traceback."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import engine.cli.work as work
from engine.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "examples" / "programmes"


@pytest.fixture
def batch(tmp_path, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    files = sorted(GOOD.glob("*.yaml"))[:2]
    for f in files:
        shutil.copy(f, folder / f.name)
    shutil.copy(files[0], folder / "boom.yaml")
    real = work.audit_one

    def faulty(rs, ev, path, kind_name, options):
        if Path(path).name == "boom.yaml":
            raise RuntimeError("a defect")
        return real(rs, ev, path, kind_name, options)

    monkeypatch.setattr(work, "audit_one", faulty)
    return folder


@pytest.mark.parametrize("lang, said", [("en", "the engine failed on this file (RuntimeError: a defect)"),
                                        ("el", "ο μηχανισμός ελέγχου απέτυχε σε αυτό το αρχείο (RuntimeError: a defect)")])
def test_a_fault_on_one_file_leaves_the_others_audited(batch, lang, said):
    r = CliRunner().invoke(main, ["check", str(batch), "--rules", "ects_guide_2015", "--format", "jsonl",
                                  "--jobs", "1", "--lang", lang, "--quiet"])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and "Traceback" not in (r.stderr or "")
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    reports = [x for x in lines if "subject" in x]
    assert len(reports) == 2
    unread = [x for x in lines if "not_audited" in x][0]["not_audited"]
    assert [u["location"] for u in unread] == [str(batch / "boom.yaml")]
    assert said in unread[0]["error"]
    assert sum(said in line for line in r.stderr.splitlines()) == 1
