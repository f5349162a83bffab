"""Hostile and broken input: each gives a one-line error naming the file (exit code 2), or works as a
user expects; no input is ever written over. The limits are those of engine.limits (docs/limits.md)."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import limits
from engine.api import load_programme
from engine.cli.main import main
from engine.cli.common import EXIT_BROKEN_PIPE, _guarded
from engine.ruleset.compiled import load_ruleset
from engine.dsl import cache
from engine.dsl.parser import parse_expression, parse_text
from engine.errors import InputError, RuleSetError, SubjectFileError, UsageError
from engine.subjects.cohort.model import load_cohort
from engine.subjects.transfer.elmo import read_elmo
from engine.subjects.transfer.model import load_transfer

ROOT = Path(__file__).resolve().parent.parent
COMPLIANT = ROOT / "examples" / "programmes" / "compliant_bsc.yaml"
BUNDLED = ROOT / "rules" / "ects_guide_2015"

BILLION_LAUGHS = "".join(
    f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9 if i else ['"lol"'] * 9) + "]\n"
    for i in range(9))


def run(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return result.exit_code, result.stdout, result.stderr


def one_line_error(stderr: str, name: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) >= 1 and all(line.startswith("error: ") for line in lines[:1]), stderr
    assert "Traceback" not in stderr and name in lines[0], stderr
    return lines[0]


# ---- data files: nesting, aliases, sizes, counts --------------------------------------------------

@pytest.mark.parametrize("name, text, words", [
    ("deep.yaml", "id: x\nnested: " + "[" * 600 + "]" * 600 + "\n", "nested too deeply"),
    ("deep_block.yaml", "".join("  " * i + "k:\n" for i in range(600)) + "  " * 600 + "v\n", "nested too deeply"),
    ("deep.json", "[" * 1000 + "]" * 1000, "nested too deeply"),
    ("deep_alias.yaml", "a0: &a0 [1]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 100)),
     "nested too deeply"),
    ("laughs.yaml", BILLION_LAUGHS, "aliases are expanded"),
    ("cycle.yaml", "a: &a [1, *a]\n", "refers to the list or mapping that holds it"),
    ("years.yaml", "id: x\ncycle: first\nyears: 1000000000\ncourses: []\n", "less than or equal to 20"),
    ("courses.yaml", "id: x\ncycle: first\nyears: 1\ncourses:\n" + "  - {code: A}\n" * (limits.MAX_LIST_ITEMS + 1),
     "10,001 entries"),
    ("long.yaml", "id: x\ntitle: " + "x" * (limits.MAX_TEXT_CHARS + 1) + "\n", "characters"),
    ("digits.yaml", "id: x\ncycle: first\nyears: " + "9" * 5000 + "\n", "a number with more than 4,300 digits"),
])
def test_hostile_programme_files_get_one_line(tmp_path, name, text, words):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _out, err = run("check", path, "--rules", "ects_guide_2015")
    assert code == 2
    assert words in one_line_error(err, name)
    with pytest.raises(SubjectFileError, match=words):  # the library gives the same error
        load_programme(path)


def test_a_json_nesting_bomb_is_named_with_its_line(tmp_path):
    """json.loads gives no position when the nesting exhausts Python's recursion: the line where the nesting
    passes the limit is found (brackets inside strings do not count)."""
    path = tmp_path / "bomb.json"
    path.write_text('{"id": "x", "title": "[[[ {{{",\n "cycle": "first",\n "extra":\n' + "[" * 3000 + "]" * 3000
                    + "}\n", encoding="utf-8")
    code, _out, err = run("check", path, "--rules", "ects_guide_2015")
    assert code == 2 and "bomb.json:4: lists and mappings nested too deeply" in one_line_error(err, "bomb.json")


def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("id: x\n" + "#" * 2000 + "\n", encoding="utf-8")
    code, _out, err = run("check", path, "--rules", "ects_guide_2015")
    assert code == 2 and "the file is too large (the limit is 1,000" in one_line_error(err, "big.yaml")


def test_the_limits_are_far_above_a_real_programme():
    view, _sha = load_programme(COMPLIANT)  # and real files load as before
    assert limits.MAX_YEARS >= 10 and limits.MAX_LIST_ITEMS >= 1000 and limits.MAX_DATA_DEPTH >= 32
    assert limits.MAX_EXPR_DEPTH >= 50 and limits.MAX_FILE_BYTES >= 1_000_000 and view is not None


def test_stdin_is_read_for_dash():
    code, out, err = run("check", "-", "--rules", "ects_guide_2015", input=COMPLIANT.read_text(encoding="utf-8"))
    assert code in (0, 1) and "BSc Computer Science" in out and "not found" not in err


def test_bad_stdin_is_named_stdin():
    code, _out, err = run("check", "-", "--rules", "ects_guide_2015", input="id: [\n")
    assert code == 2 and one_line_error(err, "<stdin>:")


# ---- rule files: nesting, BOM ---------------------------------------------------------------------

HEADER = 'ruleset demo\n  title "Demo"\nsource s "A source"\n'


def rule_with(require: str) -> str:
    return f'rule r\n  title "R"\n  severity error\n  cite s "art. 2"\n  require {require}\n'


@pytest.mark.parametrize("require", [
    "not " * 400 + "true", "-" * 600 + "1 > 0", "1 + " * 3000 + "1 > 0", "(not " * 500 + "true" + ")" * 500,
])
def test_deep_rule_expressions_are_refused_with_their_line(tmp_path, require):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "demo.rules").write_text(HEADER + rule_with(require), encoding="utf-8")
    code, _out, err = run("rules", "check", folder)
    assert code == 2 and "nested too deeply (the limit is 100" in one_line_error(err, "demo.rules:8:")
    with pytest.raises(RuleSetError, match="nested too deeply"):
        load_ruleset(str(folder))


def test_deep_message_holes_are_refused():
    with pytest.raises(RuleSetError, match="nested too deeply"):
        parse_expression("-" * 500 + "1", "f.rules", 3, 5)


def test_expressions_at_the_limit_parse_compile_and_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ECTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ECTS_NO_CACHE", raising=False)
    folder = tmp_path / "demo"
    folder.mkdir()
    require = "-" * (limits.MAX_EXPR_DEPTH - 4) + "programme.terms_per_year > 0"  # an even count: passes
    (folder / "demo.rules").write_text(HEADER + rule_with(require), encoding="utf-8")
    code, out, err = run("check", COMPLIANT, "--rules", folder)
    assert code == 0 and "Traceback" not in err, err
    assert list((tmp_path / "cache").glob("*.pickle"))


def test_a_rule_file_with_a_byte_order_mark_is_read(tmp_path):
    folder = tmp_path / "bom"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("tests"))
    main_file = folder / "ects_guide_2015.rules"
    main_file.write_bytes(b"\xef\xbb\xbf" + main_file.read_bytes())
    code, out, err = run("rules", "check", folder)
    assert code == 0, err
    assert parse_text("\ufeff" + HEADER).declarations[0].name == "demo"


def test_a_missing_rules_folder_says_folder_not_found():
    code, _out, err = run("check", COMPLIANT, "--rules", "my_rules/")
    assert code == 2 and "my_rules/: folder not found" in one_line_error(err, "my_rules/")


# ---- ELMO, cohorts --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ('<?xml version="1.0" encoding="klingon"?><elmo/>', "unknown encoding"),
    ('<?xml version="1.0"?>' + "<a>" * 1000 + "</a>" * 1000, "nested too deeply"),
])
def test_hostile_elmo_gets_one_line(tmp_path, text, words):
    path = tmp_path / "t.xml"
    path.write_text(text, encoding="utf-8")
    code, _out, err = run("import", "elmo", path)
    assert code == 2 and words in one_line_error(err, "t.xml")
    with pytest.raises(SubjectFileError, match=words):
        read_elmo(path)


def test_a_scale_with_too_many_grades_is_refused(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("groups: []\n", encoding="utf-8")
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "s.rules").write_text(HEADER + 'scale fine from 0 to 10 step 0.00001\n  pass 5\n  cite s "a"\n',
                                    encoding="utf-8")
    with pytest.raises(RuleSetError, match="too many grades"):
        load_ruleset(str(folder))


def test_library_loaders_raise_input_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    for loader in (load_programme, load_transfer, load_cohort):
        with pytest.raises(InputError):
            loader(bad)


# ---- outputs ---------------------------------------------------------------------------------------

def test_output_over_a_rule_file_of_the_rule_set_is_refused(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(BUNDLED, folder)
    target = folder / "grades.rules"
    before = target.read_bytes()
    code, _out, err = run("check", COMPLIANT, "--rules", folder, "-o", target)
    assert code == 2 and "refusing to write the report over a file this command reads" in err
    assert target.read_bytes() == before


def test_output_over_the_input_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    shutil.copy(COMPLIANT, path)
    code, _out, err = run("check", path, "--rules", "ects_guide_2015", "-o", path)
    assert code == 2 and path.read_bytes() == COMPLIANT.read_bytes()


def test_output_through_a_symlink_is_refused(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, _out, err = run("check", COMPLIANT, "--rules", "ects_guide_2015", "-o", link)
    assert code == 2 and "symbolic link" in one_line_error(err, "link.txt")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_output_to_a_fifo_or_device_is_refused(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (fifo, Path(os.devnull)):
        code, _out, err = run("check", COMPLIANT, "--rules", "ects_guide_2015", "-o", target)
        assert code == 2 and "not a regular file" in one_line_error(err, str(target))
    assert fifo.exists() and not fifo.is_file()


def test_a_broken_pipe_ends_quietly(capsys):
    @_guarded
    def command():
        raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(SystemExit) as e:
        command()
    assert e.value.code == EXIT_BROKEN_PIPE and "Broken pipe" not in capsys.readouterr().err


# ---- caches ----------------------------------------------------------------------------------------

def test_load_ruleset_sees_a_changed_folder(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    base = HEADER + 'parameter x = 5 credits\n  cite s "a"\n'
    (folder / "mine.rules").write_text(base, encoding="utf-8")
    assert load_ruleset(str(folder)).composed.parameters["x"].versions[0].value.value == 5
    assert load_ruleset(str(folder)) is load_ruleset(str(folder))  # unchanged: served from memory
    time.sleep(0.01)
    (folder / "mine.rules").write_text(base.replace("5 credits", "7 credits"), encoding="utf-8")
    assert load_ruleset(str(folder)).composed.parameters["x"].versions[0].value.value == 7
    (folder / "more.rules").write_text("parameter y = 1 credits\n  cite s \"b\"\n", encoding="utf-8")
    assert "y" in load_ruleset(str(folder)).params
    (folder / "more.rules").write_text("parameter y = \n", encoding="utf-8")
    with pytest.raises(RuleSetError):
        load_ruleset(str(folder))


def test_the_parse_cache_is_bounded_and_keyed_by_the_engine(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    for i in range(5):
        entry = folder / f"{i}.pickle"
        entry.write_bytes(b"x" * 100)
        os.utime(entry, (1000 + i, 1000 + i))
    cache.prune(folder, limit=250)
    assert sorted(p.name for p in folder.glob("*.pickle")) == ["3.pickle", "4.pickle"]
    key = cache._key("a.rules", HEADER)
    cache._engine_key.cache_clear()
    monkeypatch.setattr(cache, "_FORMAT", "another")
    assert cache._key("a.rules", HEADER) != key
    cache._engine_key.cache_clear()


def test_tests_do_not_use_the_users_cache():
    folder = cache._folder()
    home_cache = Path(os.path.expanduser("~")) / ".cache" / "ects"
    assert folder is None or folder != home_cache


def test_usage_errors_are_input_errors():
    assert issubclass(UsageError, InputError) and issubclass(RuleSetError, InputError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_among_the_rule_files_is_named_not_waited_on(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(BUNDLED, folder)
    os.mkfifo(folder / "x.rules")
    code, _out, err = run("rules", "check", folder)
    assert code == 2 and "x.rules: is not a regular file" in one_line_error(err, "x.rules")


# ---- a batch stays whole ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "md", "html", "junit"])
def test_every_format_names_every_unread_file_of_a_batch(tmp_path, fmt):
    shutil.copy(COMPLIANT, tmp_path / "a_good.yaml")
    (tmp_path / "b_deep.yaml").write_text("id: [" + "[" * 100 + "\n", encoding="utf-8")
    (tmp_path / "c_broken.json").write_text("{", encoding="utf-8")
    code, out, err = run("check", tmp_path, "--rules", "ects_guide_2015", "--format", fmt)
    assert code == 2 and err.count("error: ") == 2
    for name in ("b_deep.yaml", "c_broken.json"):
        assert name in out
    assert "uni-cs-bsc" in out  # the good file is audited


def test_json_counts_add_up_to_the_files_given(tmp_path):
    import json
    shutil.copy(COMPLIANT, tmp_path / "a.yaml")
    shutil.copy(COMPLIANT, tmp_path / "b.yaml")
    (tmp_path / "c.yaml").write_text("years: 1\nyears: 2\n", encoding="utf-8")
    _code, out, _err = run("check", tmp_path, "--rules", "ects_guide_2015", "--format", "json")
    data = json.loads(out)
    assert len(data) + len(data[0]["not_audited"]) == 3
    assert data[0]["not_audited"][0]["location"].startswith(str(tmp_path / "c.yaml"))
    (tmp_path / "a.yaml").write_text("{", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("[", encoding="utf-8")
    code, out, _err = run("check", tmp_path, "--rules", "ects_guide_2015", "--format", "json")
    assert code == 2 and len(json.loads(out)["not_audited"]) == 3


def test_output_over_a_hard_link_to_the_input_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    shutil.copy(COMPLIANT, path)
    os.link(path, tmp_path / "same.txt")
    code, _out, err = run("check", path, "--rules", "ects_guide_2015", "-o", tmp_path / "same.txt")
    assert code == 2 and "over an input file" in one_line_error(err, "same.txt")
    assert path.read_bytes() == COMPLIANT.read_bytes()
