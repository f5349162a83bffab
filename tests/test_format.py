"""`ects rules fmt`: canonical layout that keeps comments, changes no meaning and is idempotent."""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.cli.main import main
from engine.ruleset.compiled import compile_ruleset
from engine.dsl import ast
from engine.dsl.format import format_text
from engine.dsl.parser import parse_text
from engine.ruleset.compose import bundled_rules_dir, compose

BUNDLED_FILES = sorted(bundled_rules_dir().glob("*/*.rules"))


def without_positions(node):
    """A syntax tree with every position blanked, to compare two layouts of the same text."""
    if isinstance(node, ast.Pos):
        return None
    if dataclasses.is_dataclass(node):
        return (type(node).__name__,) + tuple(without_positions(getattr(node, f.name))
                                                for f in dataclasses.fields(node) if f.name not in ("pos", "text", "path"))
    if isinstance(node, (tuple, list)):
        return tuple(without_positions(n) for n in node)
    if isinstance(node, dict):
        return tuple(sorted((k, without_positions(v)) for k, v in node.items()))
    return node


def comments_of(text: str) -> list[str]:
    """Comment texts in order (a comment ends the line; strings hold no newlines, so a simple lexer does)."""
    out = []
    for line in text.splitlines():
        rest = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', line)
        if "#" in rest:
            out.append(line[len(line) - len(rest) + rest.index("#"):] if rest == line else "#" + rest.split("#", 1)[1])
    return [c.rstrip() for c in out]


def assert_same_meaning_and_idempotent(text: str) -> str:
    out = format_text(text, "f.rules")
    assert without_positions(parse_text(out, "f.rules").declarations) == \
        without_positions(parse_text(text, "f.rules").declarations)
    assert format_text(out, "f.rules") == out
    kept = " ".join(comments_of(out))
    for comment in comments_of(text):
        for piece in comment.split("#")[1:]:
            assert "#" + piece.rstrip() in kept
    return out


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_file_keeps_its_meaning_and_comments(path):
    assert_same_meaning_and_idempotent(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted({p.parent.name for p in BUNDLED_FILES}))
def test_formatted_bundled_set_compiles_to_the_same_rules(name, tmp_path):
    shutil.copytree(bundled_rules_dir(), tmp_path / "rules")
    folder = tmp_path / "rules" / name
    for f in folder.glob("*.rules"):
        f.write_text(format_text(f.read_text(encoding="utf-8"), str(f)), encoding="utf-8")
    before, after = compile_ruleset(compose(name, collect=True)), compile_ruleset(compose(str(folder), collect=True))

    def summary(rs):
        rules = {k: [(without_positions(r.decl), r.severity, r.when_text, [t for t, _ in r.requires],
                      [without_positions(e.decl) for e in r.exceptions]) for r in v] for k, v in rs.rules.items()}
        params = {k: [(without_positions(d), value) for _, value, _, d in p.versions] for k, p in rs.params.items()}
        return rules, params
    assert summary(before) == summary(after)
    assert list(before.rules) == list(after.rules)


def test_layout_of_a_messy_rule():
    messy = '''# header comment
ruleset demo   title "Demo"
source s "A source"
   confidence primary   # trailing
rule r message "m"   require   programme.credits  >=  (1+2)*3 and not( programme.credits > 5 )
  # about the severity
  severity    warning title "T" title[el]"Τ"
  cite s "art. 1" quote "q" confidence primary
  for each y in programme.years where y.credits>-1
drop because because "why"
'''
    out = assert_same_meaning_and_idempotent(messy)
    assert out == '''# header comment
ruleset demo
  title "Demo"

source s "A source"
  confidence primary  # trailing

rule r
  title "T"
  title[el] "Τ"
  # about the severity
  severity warning
  cite s "art. 1"
    quote "q"
    confidence primary
  for each y in programme.years where y.credits > -1
  require programme.credits >= (1 + 2) * 3 and not (programme.credits > 5)
  message "m"

drop because
  because "why"
'''


def test_long_condition_breaks_before_and_or():
    cond = " or ".join(f"(programme.credits == {n} and programme.nominal_years == {n // 60})" for n in (180, 240, 300))
    out = assert_same_meaning_and_idempotent(f'ruleset d\nrule r\n  require {cond}\n')
    lines = out.splitlines()
    assert lines[3] == "  require (programme.credits == 180 and programme.nominal_years == 3)"
    assert lines[4:] == ["       or (programme.credits == 240 and programme.nominal_years == 4)",
                         "       or (programme.credits == 300 and programme.nominal_years == 5)"]
    long_operand = "(programme.credits == 180 and " + " and ".join(["programme.nominal_years == 3"] * 4) + ")"
    out = assert_same_meaning_and_idempotent(f'ruleset d\nrule r\n  require {long_operand} or programme.credits == 1\n')
    assert [ln.split()[0] for ln in out.splitlines()[3:]] == ["require", "and", "and", "and", "and", "or"]
    assert all(len(ln) <= 120 for ln in out.splitlines())


def test_comment_inside_a_condition_moves_above_its_clause():
    text = 'ruleset d\nrule r\n  require programme.credits > 1\n    # why two\n    and programme.credits > 2\n'
    out = assert_same_meaning_and_idempotent(text)
    assert out.splitlines()[3:5] == ["  # why two", "  require programme.credits > 1 and programme.credits > 2"]


def test_trailing_comment_stays_with_its_clause_when_the_header_spans_lines():
    text = 'ruleset d\nrule r\n  title "T"  # the title\n  exception to q\n  when true\n  require programme.credits > 1\n'
    out = assert_same_meaning_and_idempotent(text)
    assert out.splitlines()[2:4] == ["rule r exception to q", '  title "T"  # the title']


def test_syntax_error_is_reported_not_formatted(write):
    bad = write("bad.rules", "rule r require (\n")
    res = CliRunner().invoke(main, ["rules", "fmt", str(bad)])
    assert res.exit_code == 2 and "bad.rules:" in res.output and "Traceback" not in res.output
    assert bad.read_text() == "rule r require (\n"


def test_cli_check_diff_and_write(write):
    f = write("set/a.rules", 'ruleset d\nrule r   require programme.credits>1\n')
    runner = CliRunner()
    res = runner.invoke(main, ["rules", "fmt", "--check", str(f.parent)])
    assert res.exit_code == 1 and "would reformat" in res.output
    res = runner.invoke(main, ["rules", "fmt", "--diff", str(f)])
    assert res.exit_code == 0 and "+rule r" in res.output and "require programme.credits > 1" in res.output
    assert "   require" in f.read_text()  # --diff changes nothing
    assert runner.invoke(main, ["rules", "fmt", str(f)]).exit_code == 0
    assert f.read_text() == 'ruleset d\n\nrule r\n  require programme.credits > 1\n'
    assert runner.invoke(main, ["rules", "fmt", "--check", str(f)]).exit_code == 0



def test_a_named_pipe_among_rule_files_is_refused_not_waited_on(write):
    """`rules fmt` on a folder (or a name) holding a named pipe called *.rules names it with one line and exit
    2 instead of waiting for a writer for ever; the regular files beside it are still formatted; a file with
    Windows line endings is read as before."""
    good = write("set/a.rules", 'ruleset d\r\nrule r   require programme.credits>1\r\n')
    fifo = good.parent / "b.rules"
    os.mkfifo(fifo)
    for target in (good.parent, fifo):
        done = subprocess.run([sys.executable, "-m", "engine.cli.main", "rules", "fmt", "--check", str(target)],
                              capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
        assert done.returncode == 2, done.stderr
        assert "b.rules: is not a regular file" in done.stderr and "Traceback" not in done.stderr
    res = CliRunner().invoke(main, ["rules", "fmt", str(good)])
    assert res.exit_code == 0, res.output
    assert good.read_text() == 'ruleset d\n\nrule r\n  require programme.credits > 1\n'


# ---- generated rule files: any layout and any comments format to the same meaning -------------------

NAMES = st.sampled_from(["programme.credits", "programme.nominal_years", "y.credits", "limit"])
ATOMS = st.one_of(NAMES.map(lambda n: [n]),
                  st.integers(0, 300).map(lambda n: [str(n)]),
                  st.integers(0, 300).map(lambda n: [str(n), "credits"]),
                  st.sampled_from(['"first"', "true"]).map(lambda s: [s]))


def _expr(children):
    binary = st.tuples(children, st.sampled_from(["and", "or", "+", "-", "*", "==", ">=", "<"]), children)
    return st.one_of(binary.map(lambda t: ["("] + t[0] + [t[1]] + t[2] + [")"]),
                     children.map(lambda c: ["(", "not", "("] + c + [")", ")"]),
                     children.map(lambda c: ["-", "("] + c + [")"]),
                     st.tuples(children, children).map(lambda t: ["{"] + t[0] + [","] + t[1] + ["}"]))


EXPRS = st.recursive(ATOMS, _expr, max_leaves=8).map(lambda toks: [t for tok in toks for t in _split_path(tok)])


def _split_path(tok: str) -> list[str]:
    return [p for part in tok.split(".") for p in (part, ".")][:-1] if "." in tok and not tok[0].isdigit() else [tok]


CLAUSES = st.one_of(
    st.just(["title", '"T"']), st.just(["title", "[el]", '"Τ"']), st.sampled_from([["severity", "warning"]]),
    st.just(["cite", "s", '"art. 1"', "quote", '"a # not a comment"', "confidence", "primary"]),
    st.just(["for", "each", "y", "in", "programme", ".", "years"]), st.just(["in force", "from", "2020-01-01"]),
    EXPRS.map(lambda e: ["when"] + e), EXPRS.map(lambda e: ["require"] + e),
    st.just(["message", '"{y.credits} \\"quoted\\""']), st.just(["note", '"n"']))
DECLS = st.one_of(
    st.lists(CLAUSES, max_size=6, unique_by=lambda c: c[0] + (c[1] if c[1].startswith("[") else "")).map(lambda cs: ["rule", "r"] + [t for c in cs for t in c]),
    st.just(["parameter", "limit", "=", "60", "credits", "cite", "s", '"art. 2"']),
    st.just(["source", "s", '"S"', "confidence", "primary"]))
SEPARATORS = st.sampled_from([" ", "  ", "\n  ", "\n", "\n\n", "\t", " # c1\n", "\n# c2\n", "  #c3 # c4\n"])


@st.composite
def rule_files(draw):
    tokens = ["ruleset", "d"] + [t for d in draw(st.lists(DECLS, max_size=4)) for t in d]
    return "".join(tok + draw(SEPARATORS) for tok in tokens)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_files())
def test_generated_files_keep_meaning_and_comments(text):
    assert_same_meaning_and_idempotent(text)


def test_bundled_rule_sets_are_formatted():
    """The bundled rule files are kept in the canonical layout."""
    unformatted = [str(p.relative_to(bundled_rules_dir().parent)) for p in BUNDLED_FILES
                   if format_text(p.read_text(encoding="utf-8"), str(p)) != p.read_text(encoding="utf-8")]
    assert unformatted == [], f"not in the canonical layout: {', '.join(unformatted)}; run `ects rules fmt rules/`"
