"""README's "What a report looks like" is the real output of the command it names, line for line, so that
the example cannot drift from what ects prints; and the docs of `--matrix` name every status it writes."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from cli_helpers import run
from engine.evaluation.findings import STATUSES

ROOT = Path(__file__).resolve().parent.parent

def _example() -> tuple[list[str], list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### What a report looks like (text)"):]
    command = re.search(r"`(ects check [^`]+)`", section[:section.index("```")])
    block = section[section.index("```\n") + 4:]
    return shlex.split(command.group(1))[1:], block[:block.index("```")].splitlines()

def test_readme_report_example_is_the_commands_output(monkeypatch):
    monkeypatch.chdir(ROOT)  # the report names its input as the command gives it
    args, shown = _example()
    assert "--as-of" in args  # a fixed date: the example does not change with the day it is run
    code, out, _ = run(*args)
    assert code == 1
    got = out.splitlines()
    assert len(shown) > 10
    assert got[:len(shown)] == shown


def test_matrix_docs_name_every_status_the_matrix_writes():
    line = next(x for x in (ROOT / "docs" / "batch.md").read_text(encoding="utf-8").splitlines()
                if x.startswith("| `--matrix"))
    assert all(f"`{s}`" in line for s in STATUSES)
