"""Naming the elements rules go through (engine.evaluation.naming): a list named at once gives, element by
element, the reference each one named alone gets, whatever fields and values its elements have."""
from __future__ import annotations

from pathlib import Path

from engine.evaluation.naming import named, named_each, naming
from engine.subjects.kinds import load_subject

ROOT = Path(__file__).resolve().parent.parent


class _Thing:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    def __str__(self) -> str:
        return f"thing {sorted(self.__dict__.items())}"


def _same(items, type_name=None):
    describe, kind = naming(type_name)
    together = named_each(items, describe, kind)
    alone = [named(item, describe, kind) for item in items]
    assert together == alone
    assert [type(r) for r in together] == [type(r) for r in alone]
    assert [type(r.key) for r in together] == [type(r.key) for r in alone]


def test_the_courses_years_and_terms_of_a_programme_are_named_as_one_by_one():
    view = load_subject("programme", ROOT / "examples/programmes/greek_pe_bsc.yaml").view
    _same(list(view.courses), "Course")
    _same(list(view.years), "Year")
    _same(list(view.terms), "Term")


def test_elements_keyed_by_different_fields_or_values_are_named_as_one_by_one():
    _same([_Thing(code="A"), _Thing(number=2), _Thing(id="x"), _Thing()])
    _same([_Thing(code=True, number=3), _Thing(code=None, number=4)])  # a yes/no is not a key
    _same([_Thing(number=1), _Thing(number=2.5, id="b")])  # nor a fraction
    _same([_Thing(code=None), _Thing(code=None)])  # no key at all
    _same([])
