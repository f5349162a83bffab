"""`ects rules new NAME --extends SET`: a folder that passes check, test and fmt --check as created."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from engine.tools.coverage import measure
from engine.ruleset.compose import list_bundled


@pytest.mark.parametrize("parent", list_bundled())
def test_new_set_passes_check_test_and_fmt(parent, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["rules", "new", "our_rules", "--extends", parent, "-o", str(tmp_path)])
    assert res.exit_code == 0, res.output
    folder = tmp_path / "our_rules"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == \
        ["README.md", "our_rules.rules", "tests/our_rules.yaml"]
    text = (folder / "our_rules.rules").read_text()
    assert f"ruleset our_rules extends {parent}" in text and "\nsource regulation " in text
    assert text.count("\nparameter ") == 1 and text.count("\nrule ") == 1
    check = runner.invoke(main, ["rules", "check", str(folder)])
    assert check.exit_code == 0 and "our_rules: OK" in check.output, check.output
    assert runner.invoke(main, ["rules", "test", str(folder)]).exit_code == 0
    assert runner.invoke(main, ["rules", "fmt", "--check", str(folder)]).exit_code == 0
    cov = measure(folder)
    assert [(r.rule, r.tested, r.statuses_missing()) for r in cov.rules] == [("our_rules_course_credits", True, [])]


def test_new_refuses_to_overwrite_and_bad_names(tmp_path):
    runner = CliRunner()
    (tmp_path / "taken").mkdir()
    res = runner.invoke(main, ["rules", "new", "taken", "--extends", "ects_guide_2015", "-o", str(tmp_path)])
    assert res.exit_code == 2 and "already exists" in res.output
    res = runner.invoke(main, ["rules", "new", "9lives", "--extends", "ects_guide_2015", "-o", str(tmp_path)])
    assert res.exit_code == 2 and "not a rule set name" in res.output
    res = runner.invoke(main, ["rules", "new", "x", "--extends", "ects_guide_2051", "-o", str(tmp_path)])
    assert res.exit_code == 2 and "did you mean 'ects_guide_2015'" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_a_users_parent_must_sit_beside_the_new_set(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["rules", "new", "base", "--extends", "ects_guide_2015", "-o", str(tmp_path)]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    res = runner.invoke(main, ["rules", "new", "child", "--extends", str(tmp_path / "base"), "-o", str(elsewhere)])
    assert res.exit_code == 2 and f"use -o {tmp_path}" in res.output
    res = runner.invoke(main, ["rules", "new", "child", "--extends", str(tmp_path / "base"), "-o", str(tmp_path)])
    assert res.exit_code == 0
    assert runner.invoke(main, ["rules", "test", str(tmp_path / "child")]).exit_code == 0
