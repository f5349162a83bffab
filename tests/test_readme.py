"""The README's library examples run as written (from the project's root, where its paths point)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _library_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### The library", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_library_examples_of_the_readme_run(monkeypatch, capsys):
    blocks = _library_blocks()
    assert len(blocks) >= 2
    monkeypatch.chdir(ROOT)
    scope: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), scope)  # noqa: S102 - the README's own code
    out = capsys.readouterr().out
    assert "incomplete" in out or "compliant" in out  # report.verdict was printed
    assert scope["batch"].not_audited  # a.yaml and b.yaml do not exist: named, not raised
