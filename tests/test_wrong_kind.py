"""A file of another kind given to a command (a grade cohort to `ects check`, a programme to `ects transfer`)
is named as what it looks like, with the command that audits it, in one line and in each language."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.subjects.wrong_kind import clearly_other_kind

from cli_helpers import lines_in_each_language, run

ROOT = Path(__file__).resolve().parent.parent
FILES = {"programme": ROOT / "examples/programmes/compliant_bsc.yaml",
         "transfer": ROOT / "examples/transfers/clean_mobility.yaml",
         "cohort": ROOT / "examples/grades/serbian-informatics.yaml"}
COMMANDS = {"programme": ["check"], "transfer": ["transfer"], "cohort": ["grades", "check"]}
KEYS = {"programme": "courses", "transfer": "learning_agreement", "cohort": "groups"}
WORDS = {"en": ("this looks like", "not a"), "el": ("αυτό μοιάζει με", "όχι με"),
         "sr": ("ovo izgleda kao", "a ne kao"), "sr-Cyrl": ("ово изгледа као", "а не као")}
PAIRS = [(given, to) for given in FILES for to in COMMANDS if given != to]


@pytest.mark.parametrize("given, to", PAIRS)
def test_a_file_of_another_kind_is_named_with_the_command_that_audits_it(given, to):
    code, _, err = run(*COMMANDS[to], FILES[given], "--rules", "ects_guide_2015")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert f"this looks like a {given} file (it has '{KEYS[given]}'), not a {to} file: audit it with " \
           f"`ects {' '.join(COMMANDS[given])}`" in err
    assert "Field required" not in err


@pytest.mark.parametrize("given, to", PAIRS)
def test_the_line_is_worded_in_each_language(given, to):
    lines = lines_in_each_language(*COMMANDS[to], FILES[given], "--rules", "ects_guide_2015")
    for lang, (looks, not_) in WORDS.items():
        assert looks in lines[lang] and not_ in lines[lang] and f"`ects {' '.join(COMMANDS[given])}`" in lines[lang]


def test_a_programme_batch_names_each_file_of_another_kind(tmp_path):
    for kind in ("transfer", "cohort"):
        (tmp_path / f"{kind}.yaml").write_bytes(FILES[kind].read_bytes())
    (tmp_path / "programme.yaml").write_bytes(FILES["programme"].read_bytes())
    _, out, err = run("check", tmp_path, "--rules", "ects_guide_2015")
    assert "cohort.yaml:" in out + err and "not a programme file: audit it with `ects grades check`" in out + err
    assert "not a programme file: audit it with `ects transfer`" in out + err


def test_a_file_that_is_not_clearly_another_kind_keeps_the_problems_of_its_fields():
    assert clearly_other_kind({"id": "x", "title": "y"}, "programme") is None  # no key of any kind
    assert clearly_other_kind({"courses": [], "groups": []}, "transfer") is None  # two kinds at once
    assert clearly_other_kind({"courses": [], "cycle": "first"}, "programme") is None  # its own kind
    assert clearly_other_kind({"groups": []}, "grading scheme") is None  # a kind without such keys
    assert clearly_other_kind({"groups": [], "scale": "gr-0-10"}, "programme") == ("cohort", "groups")


def test_a_cohort_csv_given_as_a_course_table_is_named_as_a_cohort():
    code, _, err = run("check", ROOT / "examples/grades/greek-informatics.csv", "--rules", "ects_guide_2015")
    assert code == 2 and err.strip().endswith(
        "greek-informatics.csv:1: this looks like a cohort file (it has 'grade'), not a programme file: audit it with "
        "`ects grades check`")
