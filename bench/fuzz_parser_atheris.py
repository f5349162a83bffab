"""Coverage-guided fuzzing of the rule-file parser with atheris (libFuzzer for Python).

Every input is parsed as a rule file; the only exception allowed is the project's InputError
(RuleSetError). Anything else stops the run, and libFuzzer writes the input to `crash-*`.

    pip install atheris
    python bench/fuzz_parser_atheris.py [CORPUS_FOLDER] [-runs=200000] [-max_len=65536] [-max_total_time=600]

Without a corpus folder, one is made from the bundled rule files (a temporary folder). The parse
cache is off for the run. See docs/limits.md ("Fuzzing").
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ECTS_NO_CACHE"] = "1"

import atheris  # noqa: E402

with atheris.instrument_imports(include=["engine", "lark"]):
    from engine.dsl.parser import parse_text  # noqa: E402
    from engine.dsl.unparse import unparse  # noqa: E402
    from engine.errors import InputError  # noqa: E402


def test_one_input(data: bytes) -> None:
    """Parse `data` as a rule file; unparse every expression of a rule that parses."""
    text = data.decode("utf-8", "replace")  # as the seeds are: the bytes of a rule file
    try:
        rule_file = parse_text(text, "fuzz.rules")
    except InputError:
        return
    for decl in rule_file.declarations:
        for expr in getattr(decl, "requires", ()):
            unparse(expr)


def _with_seed_corpus(argv: list[str]) -> list[str]:
    """argv with a folder of the bundled rule files added when no corpus folder is given."""
    if any(not a.startswith("-") for a in argv[1:]):
        return argv
    corpus = Path(tempfile.mkdtemp(prefix="ects-atheris-"))
    for path in sorted((ROOT / "rules").glob("*/*.rules")):
        shutil.copy(path, corpus / f"{path.parent.name}-{path.name}")
    return argv + [str(corpus)]


if __name__ == "__main__":
    atheris.Setup(_with_seed_corpus(sys.argv), test_one_input)
    atheris.Fuzz()
