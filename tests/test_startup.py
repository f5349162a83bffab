"""A plain `ects check FILE` starts without the libraries only other commands need (the web framework,
spreadsheets, XML schemas, templates and their charts, syntax highlighting, process pools, progress bars, Dask, PostgreSQL,
SQLite without --store, Babel for an English report, Lark once the rule files are in the parse cache), and
without the readers of the other kinds of subject (ELMO and OLA transfers, cohorts) or the modules of the
other command families.

Structural, not timed: the command runs in a fresh interpreter, which then lists the modules it loaded."""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from engine.subjects.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent

HEAVY = ("babel", "jinja2", "openpyxl", "python_calamine", "xmlschema", "starlette", "uvicorn", "multipart", "httpx",
         "pygments", "multiprocessing", "tqdm", "rich", "dask", "distributed", "psycopg", "engine.web", "sqlite3",
         "markupsafe", "engine.render.charts", "engine.dsl.highlight")  # the last three: for templated reports only
OTHER_KINDS = ("engine.subjects.transfer.model", "engine.subjects.transfer.elmo", "engine.subjects.transfer.ola",
               "engine.subjects.transfer.kind", "engine.subjects.transfer.recognition",
               "engine.subjects.transfer.recognition_grades", "engine.subjects.cohort.files",
               "engine.subjects.cohort.csv_reader", "engine.subjects.cohort.model", "engine.subjects.cohort.kind",
               "engine.cli.transfer", "engine.cli.imports", "engine.cli.grades", "engine.cli.suggest", "engine.cli.history",
               "engine.history.recording", "engine.history.store")
# the rule-set tools (`ects rules`, `ects compare`) and the grading package (rule sets that declare a grading scale)
TOOLS_AND_GRADES = ("engine.cli.ruleset_commands", "engine.cli.rules", "engine.cli.compare", "engine.tools.ruletests",
                    "engine.tools.coverage", "engine.tools.compare", "engine.tools.describe", "engine.tools.variants",
                    "engine.grades")

_RUN = """
import json, sys
from engine.cli.main import main
try:
    main({args!r})
except SystemExit as e:
    code = e.code
with open({out!r}, "w") as f:
    json.dump({{"code": code, "loaded": sorted(m for m in {watched!r} if m in sys.modules)}}, f)
"""


def _loaded_by(args: list[str], tmp_path: Path, watched: tuple[str, ...] = HEAVY, env: dict | None = None) -> dict:
    """`ects ARGS` in a new process (by default without the parse cache): its exit code and which of the
    `watched` modules it loaded."""
    env = env or dict(os.environ, ECTS_NO_CACHE="1", PYTHONPATH=str(ROOT))
    out = tmp_path / "loaded.json"
    code = _RUN.format(args=args, watched=watched, out=str(out))
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, timeout=120, check=True)
    return json.loads(out.read_text())


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_checking_one_programme_loads_none_of_the_heavy_libraries(fmt, tmp_path):
    result = _loaded_by(["check", "examples/programmes/compliant_bsc.yaml", "--rules", "ects_guide_2015",
                         "--format", fmt], tmp_path)
    assert result == {"code": 0, "loaded": []}


def test_a_greek_report_does_load_babel(tmp_path):
    """The check of the one above can fail: English is worded without Babel, Greek numbers with it."""
    result = _loaded_by(["check", "examples/programmes/faulty_bsc.yaml", "--rules", "ects_guide_2015", "--lang", "el"],
                        tmp_path)
    assert result["code"] == 1
    assert result["loaded"] == ["babel"]


@pytest.mark.parametrize("cache", ["warm", "off"])
def test_with_the_parse_cache_warm_a_check_does_not_load_lark(cache, tmp_path):
    """With the parse cache warm, a check with a text report of failed findings (their traces worded) never
    loads Lark nor the parser: the rule files come from the cache, their expressions' trees from
    engine.dsl.known. With the cache off both load to read the rule files (the check can fail)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), ECTS_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("ECTS_NO_CACHE", None)
    if cache == "off":
        env["ECTS_NO_CACHE"] = "1"
    args = ["check", "examples/programmes/faulty_bsc.yaml", "--rules", "ects_guide_2015", "--explain"]
    results = [_loaded_by(args, tmp_path, ("engine.dsl.grammar_parser", "lark"), env)
               for _ in range(2)]  # the first run fills the cache
    assert results[1] == {"code": 1, "loaded": ["engine.dsl.grammar_parser", "lark"] if cache == "off" else []}


def test_the_list_is_read_from_the_process_that_ran_the_command(tmp_path):
    """The check can fail: an HTML report does load the template engine."""
    result = _loaded_by(["check", "examples/programmes/compliant_bsc.yaml", "--rules", "ects_guide_2015",
                         "--format", "html"], tmp_path)
    assert result["code"] == 0
    assert "jinja2" in result["loaded"]


def test_checking_one_programme_loads_no_reader_of_another_kind_nor_other_commands(tmp_path):
    result = _loaded_by(["check", "examples/programmes/compliant_bsc.yaml", "--rules", "ects_guide_2015"], tmp_path,
                        OTHER_KINDS)
    assert result == {"code": 0, "loaded": []}


def test_checking_one_programme_loads_neither_the_rule_set_tools_nor_the_grading_package(tmp_path):
    result = _loaded_by(["check", "examples/programmes/compliant_bsc.yaml", "--rules", "ects_guide_2015"], tmp_path,
                        TOOLS_AND_GRADES)
    assert result == {"code": 0, "loaded": []}


@pytest.mark.parametrize("args, loaded", [
    (["rules", "list"], {"engine.cli.ruleset_commands", "engine.cli.rules", "engine.grades"}),
    (["compare", "ects_guide_2015", "ects_guide_2015@2020-01-01"], {"engine.cli.compare", "engine.tools.variants"}),
    (["check", "examples/programmes/greek_pe_bsc.yaml", "--rules", "greek_law_4009"], {"engine.grades"}),
])
def test_the_rule_set_tools_and_the_grading_package_load_when_needed(args, loaded, tmp_path):
    """The check above can fail: `ects rules` and `ects compare` load their modules, and a rule set that declares a
    grading scale (greek_law_4009; `rules list` composes every bundled set) loads the grading package."""
    result = _loaded_by(args, tmp_path, TOOLS_AND_GRADES)
    assert loaded <= set(result["loaded"])


_TABLE_READER = ("engine.subjects.programme.table", "engine.subjects.programme.table_programme")


@pytest.mark.parametrize("path, loaded", [("examples/programmes/compliant_bsc.yaml", []),
                                          ("examples/tables/spanish_plan_boe.csv", list(_TABLE_READER))])
def test_the_course_table_reader_loads_only_for_a_table(path, loaded, tmp_path):
    """A programme file is read without the course-table reader (engine.subjects.programme.kind names it);
    a CSV course table loads it (the check can fail)."""
    result = _loaded_by(["check", path, "--rules", "ects_guide_2015"], tmp_path, _TABLE_READER)
    assert result["loaded"] == loaded


def test_the_other_kinds_readers_load_when_a_transfer_is_checked(tmp_path):
    """The check can fail: auditing a transfer does load its readers (named lazily in engine.subjects.kinds)."""
    result = _loaded_by(["transfer", "examples/transfers/clean_mobility.yaml", "--rules", "ects_guide_2015"], tmp_path,
                        OTHER_KINDS)
    assert result["code"] == 0
    assert {"engine.cli.transfer", "engine.subjects.transfer.kind", "engine.subjects.transfer.recognition"} \
        <= set(result["loaded"])



def _named(where: str):
    module, attribute = where.split(":")
    return getattr(importlib.import_module(module), attribute)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_name_in_the_kinds_table_resolves(name):
    """The lazily named model, view, reader and sections of each kind exist (a misspelt name fails here, not
    at the first audit of that kind)."""
    k = KINDS[name]
    assert issubclass(k.model, BaseModel) and k.model.__name__ == k.model_at.split(":")[1]
    assert all(callable(f) for f in (k.make_view, k.read, k.add_sections))
    assert k.inputs_at is None or callable(_named(k.inputs_at))


_FROZEN = """
import gc, sys
from engine.cli.main import run
sys.argv = ["ects", *{args!r}]
try:
    run()
except SystemExit:
    pass
print(gc.get_freeze_count())
"""


def test_the_command_moves_what_it_loaded_out_of_the_collectors_passes():
    """`ects` (engine.cli.main:run) moves the modules it loaded out of the garbage collector's passes, so that
    the collection at the exit of a one-file check does not walk every object of the engine once more."""
    scripts = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'ects = "engine.cli.main:run"' in scripts
    code = _FROZEN.format(args=["check", "examples/programmes/compliant_bsc.yaml", "--rules", "ects_guide_2015"])
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=120, check=True)
    assert int(done.stdout.splitlines()[-1]) > 10_000


def test_a_batch_still_settles_what_came_after_the_start():
    """Before a batch, what was made after the command's start (the compiled rule set) is collected and frozen
    once, although the start froze the modules already."""
    code = ("import gc\nfrom engine.cli.work import settle\ngc.freeze()\nkept = [[i] for i in range(1000)]\n"
            "before = gc.get_freeze_count()\nsettle()\nafter = gc.get_freeze_count()\nsettle()\n"
            "print(after - before >= 1000, gc.get_freeze_count() == after)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["True", "True"]
