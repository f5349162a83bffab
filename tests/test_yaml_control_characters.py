"""A character YAML does not allow (a control character, a NUL) is one line naming the file, its line and
column, in each language; before, the reader's own second line ('in "<unicode string>", position 6') leaked
into the error and into a batch's not_audited entry."""
from __future__ import annotations

import json
import shutil

from cli_helpers import PROGRAMMES, lines_in_each_language, run


def test_a_control_character_is_named_with_its_line_and_column(tmp_path):
    f = tmp_path / "e.yaml"
    f.write_bytes(b"id: x\ntitle: \"ab\x01c\"\n")
    lines = lines_in_each_language("check", f, "--rules", "ects_guide_2015")
    assert lines["en"] == f"error: {f}:2:11: invalid YAML: unacceptable character #x0001: control characters are not allowed"
    for line in lines.values():
        assert f"{f}:2:11:" in line and "position" not in line


def test_a_file_of_nul_bytes_is_one_line_in_a_batch(tmp_path):
    (tmp_path / "z.yaml").write_bytes(b"\0" * 64)
    shutil.copy(PROGRAMMES / "compliant_bsc.yaml", tmp_path / "a.yaml")
    code, out, err = run("check", tmp_path, "--rules", "ects_guide_2015", "--format", "jsonl")
    assert code == 2 and err.count("\n") == 1, err
    lines = [json.loads(line) for line in out.splitlines()]
    errors = [e["error"] for line in lines for e in line.get("not_audited", ())]
    assert errors and all("\n" not in e and "position" not in e for e in errors), errors


def test_a_json_control_character_is_worded_without_a_dangling_word(tmp_path):
    f = tmp_path / "e.json"
    f.write_bytes(b'{"id": "a\x07"}')
    code, _, err = run("check", f, "--rules", "ects_guide_2015")
    assert code == 2 and err.strip() == f"error: {f}:1:10: invalid JSON: Invalid control character"
