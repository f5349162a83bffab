"""The rule language's parser: declarations, expressions, positions, and one-line syntax errors."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.dsl import ast
from engine.dsl.parser import parse_expression, parse_text
from engine.dsl.unparse import unparse
from engine.errors import RuleSetError

HEADER = 'ruleset demo\n  title "Demo"\nsource s "A source" confidence primary\n'


def test_declarations_are_parsed_with_their_clauses():
    f = parse_text(HEADER + '''
parameter hours_per_credit = 25..30 hours per credit
  cite s "art. 1" quote "one credit is 25 to 30 hours" confidence seed_only
  in force from 2007-08-13 until 2022-07-01
rule r
  title "T"
  title[el] "Τ"
  severity warning
  cite s "art. 2"
  for each course in programme.courses where course.credits > 0
  when programme.mode == "full_time"
  require course.hours_per_credit in hours_per_credit
  message "{course.code}: {course.hours_per_credit}"
drop other because "not part of this law"
''', "demo.rules")
    header, source, param, rule, drop = f.declarations
    assert isinstance(header, ast.RuleSetDecl) and header.titles == {"en": "Demo"}
    assert source.confidence == "primary"
    assert param.value == ast.SpanLit(param.value.pos, 25, 30, "hours/credit")
    assert param.citations[0].confidence == "seed_only" and param.citations[0].quote.startswith("one credit")
    assert str(param.in_force.start) == "2007-08-13" and str(param.in_force.end) == "2022-07-01"
    assert rule.titles == {"en": "T", "el": "Τ"} and rule.severity == "warning"
    assert rule.scope.var == "course" and rule.scope.collection.text == "programme.courses"
    assert unparse(rule.scope.where) == "course.credits > 0"
    assert unparse(rule.requires[0]) == "course.hours_per_credit in 25..30 hours per credit" or \
        unparse(rule.requires[0]) == "course.hours_per_credit in hours_per_credit"
    assert isinstance(drop, ast.DropDecl) and drop.reason == "not part of this law"


def test_positions_point_at_the_source():
    f = parse_text(HEADER + "rule r\n  require programme.credits >= 60 credits\n", "p.rules")
    req = f.declarations[2].requires[0]
    assert (req.pos.line, req.pos.column) == (5, 11)


def test_message_placeholders_are_expressions_with_positions():
    f = parse_text(HEADER + 'rule r\n  message "Year {year.number} has {year.credits}"\n', "m.rules")
    parts = f.declarations[2].messages["en"].parts
    assert parts[0] == "Year " and isinstance(parts[1], ast.Path)
    assert parts[1].pos.line == 5 and parts[1].pos.column == 18


def test_exception_and_extends():
    f = parse_text('ruleset child extends parent\nrule intensive exception to year_credits\n'
                   '  when programme.intensive\n  require year.credits == 75 credits\n', "c.rules")
    assert f.declarations[0].extends == "parent"
    assert f.declarations[1].exception_to == "year_credits"


@pytest.mark.parametrize("text, message, line, column", [
    ("rule x\n  severity fatal\n", "unexpected 'fatal'; expected error, warning or info", 2, 12),
    ("parameter p = 3..1 credits\n", "range 3..1 runs backwards", 1, 15),
    ("rule x require a ==\n", "the file ends in the middle of a declaration", 1, 18),
    ("ruleset x in force from 2020-13-01\n", "'2020-13-01' is not a valid date (YYYY-MM-DD)", 1, 25),
    ("rule x require a >= 2 $\n", "unexpected character '$'", 1, 23),
    ("rule x\n  title \"a\"\n  title \"b\"\n", "rule 'x' has two titles in language 'en'", 1, 1),
    ('rule x\n  message "a {b.}"\n', "in the expression '{b.}': the expression is incomplete", 2, 16),
])
def test_syntax_errors_name_file_line_and_column(text, message, line, column):
    with pytest.raises(RuleSetError) as e:
        parse_text(text, "bad.rules")
    err = e.value
    assert err.path == "bad.rules"
    assert err.message == message
    assert (err.line, err.column) == (line, column)
    assert "\n" not in err.format()


def test_a_caret_points_under_the_error():
    with pytest.raises(RuleSetError) as e:
        parse_text("rule x\n  severity fatal\n", "bad.rules")
    src, caret = e.value.detail.splitlines()
    assert src.strip() == "severity fatal"
    assert caret.index("^") == src.index("fatal")


# ---- property-based: printing and re-parsing an expression gives the same expression ---------------

names = st.sampled_from(["year_credits", "programme.credits", "year.credits", "course.hours_per_credit", "x"])
numbers = st.integers(min_value=0, max_value=10_000)
units = st.sampled_from(["", " credits", " hours", " weeks", " %", " hours per credit"])


@st.composite
def expressions(draw, depth=0):
    if depth > 3:
        kind = draw(st.sampled_from(["num", "name"]))
    else:
        kind = draw(st.sampled_from(["num", "name", "arith", "cmp", "bool", "not", "in", "known", "agg"]))
    if kind == "num":
        return f"{draw(numbers)}{draw(units)}"
    if kind == "name":
        return draw(names)
    if kind == "arith":
        op = draw(st.sampled_from(["+", "-", "*", "/"]))
        return f"({draw(expressions(depth + 1))} {op} {draw(expressions(depth + 1))})"
    if kind == "cmp":
        op = draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
        return f"({draw(expressions(depth + 1))} {op} {draw(expressions(depth + 1))})"
    if kind == "bool":
        op = draw(st.sampled_from(["and", "or"]))
        return f"({draw(expressions(depth + 1))} {op} {draw(expressions(depth + 1))})"
    if kind == "not":
        return f"(not ({draw(expressions(depth + 1))}))"
    if kind == "in":
        lo = draw(numbers)
        return f"({draw(names)} in {lo}..{lo + draw(numbers)}{draw(units)})"
    if kind == "known":
        return f"({draw(names)} is {draw(st.sampled_from(['known', 'missing', 'whole']))})"
    fn = draw(st.sampled_from(["sum", "min", "max", "all", "any"]))
    return f"{fn}(c.credits for c in year.courses where c.credits > {draw(numbers)})"


@settings(max_examples=300, deadline=None)
@given(expressions())
def test_unparse_then_parse_is_a_fixed_point(text):
    e1 = parse_expression(text)
    printed = unparse(e1)
    e2 = parse_expression(printed)
    assert unparse(e2) == printed


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_any_text_either_parses_or_gives_a_rule_set_error(text):
    try:
        parse_text(text, "fuzz.rules")
    except RuleSetError as e:
        assert e.path == "fuzz.rules"
        assert e.message


def test_parsed_files_are_cached_and_a_broken_cache_is_ignored(tmp_path, monkeypatch):
    from engine.dsl.parser import parse_file
    monkeypatch.setenv("ECTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ECTS_NO_CACHE", raising=False)
    rules = tmp_path / "r.rules"
    rules.write_text(HEADER + 'rule r\n  require programme.credits > 0 credits\n', encoding="utf-8")
    first = parse_file(rules)
    entries = list((tmp_path / "cache").glob("*.pickle"))
    assert len(entries) == 1
    assert parse_file(rules) == first  # read back from the cache
    entries[0].write_bytes(b"not a pickle")
    assert parse_file(rules) == first  # a broken entry is parsed again
    rules.write_text(HEADER + 'rule r\n  require programme.credits > 1 credits\n', encoding="utf-8")
    assert parse_file(rules) != first  # a changed file is never served from the cache
