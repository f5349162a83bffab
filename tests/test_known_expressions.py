"""A report words a rule's expressions from the rule file's own trees (engine.dsl.known), not by parsing their
text again: each tree found by a text must be the tree the parser gives for that text, but for positions."""
from __future__ import annotations

from collections import deque

import pytest

from engine.dsl import ast, known
from engine.dsl.parser import parse_expression
from engine.dsl.unparse import unparse
from engine.render.sentences import Sentences
from engine.ruleset.compose import compose, list_bundled

_AT = ast.Pos("<test>", 1, 1)


@pytest.fixture(autouse=True)
def fresh_index(monkeypatch):
    """Each test starts from an empty index (what other tests read stays out)."""
    monkeypatch.setattr(known, "_TREES", {})
    monkeypatch.setattr(known, "_PENDING", deque(maxlen=known.MAX_PENDING))


@pytest.mark.parametrize("name", list_bundled())
def test_every_expression_found_by_its_text_is_the_tree_its_text_parses_to(name):
    compose(name, collect=True)  # reads the set's files and its ancestors' (each one is remembered)
    known.known("")  # index the files just read
    trees = {text: tree for text, tree in known._TREES.items() if tree is not None}
    assert len(trees) > 50
    for text, tree in trees.items():
        assert unparse(tree) == text
        assert known.shape(parse_expression(text)) == known.shape(tree), text


def test_a_number_its_text_rounds_is_not_found_but_parsed():
    """The canonical text keeps two decimals: 0.125 reads back as 0.12, so that tree is not indexed (its
    text is parsed), while the path inside it is."""
    path = ast.Path(_AT, ("course", "credits"))
    rounded = ast.Compare(_AT, ">=", path, ast.Num(_AT, 0.125, "credits"))
    whole = ast.Compare(_AT, ">=", path, ast.Num(_AT, 7.5, "credits"))
    known._index((rounded, whole))
    assert known.known(unparse(rounded)) is None
    assert known.known("course.credits >= 7.5 credits") is whole
    assert known.known("course.credits") is path


def test_a_number_keeps_its_type():
    assert known.shape(ast.Num(_AT, 3, None)) != known.shape(ast.Num(_AT, 3.0, None))
    known._index((ast.Num(_AT, 3.0, None),))  # `3` parses to the int 3: the float is not indexed
    found = known.known("3")
    assert found is None or type(found.value) is int


def test_the_words_are_the_same_as_from_the_parsed_text():
    compose("ects_guide_2015", collect=True)
    known.known("")
    words = Sentences("en", lambda v, unit: f"{v} {unit or ''}".strip())
    texts = [t for t, tree in known._TREES.items() if tree is not None and not isinstance(tree, ast.Path)][:40]
    assert texts
    for text in texts:
        assert words._words(known.known(text), {}, {}, True) == words._words(parse_expression(text), {}, {}, True)
