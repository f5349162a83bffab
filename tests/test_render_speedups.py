"""The render speed-ups change no byte of output: the indented JSON writer against json.dumps, the
remembered number, unit and subject words against the uncached ones, and the line wrapping against textwrap."""
from __future__ import annotations

import enum
import json
import math
import textwrap

import pytest
from hypothesis import example, given, settings, strategies as st

from engine.evaluation.findings import SubjectRef
from engine.render.indented_json import dumps_indented
from engine.render.subject_words import subject_words
from engine.render.text import WIDTH, _wrap
from engine.render.i18n import in_script
from engine.render.wording import Wording
from engine.semantics.units import format_number, unit_words
from engine.subjects.worded import WordedText


def _standard(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
            | st.text())
_DOCS = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(_DOCS)
def test_indented_json_is_json_dumps_byte_for_byte(data):
    assert dumps_indented(data) == _standard(data)


class Level(enum.IntEnum):
    FIRST = 1


class Label(str):
    pass


def test_subclasses_of_str_and_int_are_written_as_json_dumps_writes_them():
    data = {Label("key"): [Level.FIRST, Label("x\u2028\"\n"), 2.5, -0.0, 1e16, [], {}, (), "Ωμέγα"]}
    assert dumps_indented(data) == _standard(data)


@pytest.mark.parametrize("data", [float("nan"), [1, float("inf")], {"a": {"b": -math.inf}}])
def test_nan_and_infinity_are_refused_as_json_dumps_refuses_them(data):
    with pytest.raises(ValueError):
        _standard(data)
    with pytest.raises(ValueError):
        dumps_indented(data)


@pytest.mark.parametrize("data", [{1: "a", None: [True]}, {2.5: 1, False: 2}])
def test_keys_that_are_not_strings_are_converted_as_json_dumps_converts_them(data):
    assert dumps_indented(data) == _standard(data)


def test_an_object_json_cannot_hold_raises_the_same_error():
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"a": [object()]})


@pytest.mark.parametrize("lang", ["en", "el", "sr", "sr-Cyrl"])
@pytest.mark.parametrize("value", [0, 0.0, -0.0, 1, 1.0, 7.5, -3, 2.005, 1e16, float("nan"), 30, 10**12])
@pytest.mark.parametrize("unit", [None, "credits", "hours", "hours/credit", "%"])
def test_remembered_words_of_numbers_are_the_words_computed_afresh(lang, value, unit):
    """A value worded twice (the second time from the caches) reads as format_number and unit_words give
    it; 1 and 1.0, and 0.0 and -0.0, keep their own words."""
    w = Wording(lang)
    if unit and unit != "%" and math.isnan(value):  # no plural form for NaN: refused, as before
        with pytest.raises(ValueError):
            w.value(value, unit)
        return
    words = unit_words(unit, value, lang)
    expected = format_number(value, lang) + (f" {in_script(lang, words)}" if words else "")
    assert [w.value(value, unit), w.value(value, unit)] == [expected, expected]
    assert [w.number(value), w.number(value)] == [format_number(value, lang)] * 2


def test_remembered_words_keep_true_apart_from_one():
    w = Wording("en")
    assert (w.number(1), w.number(True), w.number(1.0), w.number(-0.0)) == ("1", "True", "1", format_number(-0.0))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab -\t\n\u00a0\r\u2028\x1c\u3000\x0bxyΩ."), max_size=130), st.sampled_from(["", "  ", "      "]))
def test_a_line_that_fits_is_wrapped_as_textwrap_wraps_it(text, indent):
    expected = textwrap.wrap(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]
    assert _wrap(text, indent) == expected


_WORDS = st.lists(st.text(alphabet=st.sampled_from("abΩ.,:'(x"), min_size=1, max_size=110), max_size=40)
_GAPS = st.lists(st.sampled_from([" ", " ", " ", "  ", "   ", " " * 105]), min_size=40, max_size=40)


@settings(max_examples=300, deadline=None)
@given(_WORDS, _GAPS, st.sampled_from(["", " "]), st.sampled_from(["", "  ", "      "]))
@example(["a" * 49, "b" * 50, "c" * 96, "d"], [" "] * 40, "", "")  # lines that fill their width exactly
@example(["a" * 49, "b" * 50, "c" * 96, "d"], [" "] * 40, " ", "  ")
def test_a_long_text_is_wrapped_as_textwrap_wraps_it(words, gaps, end, indent):
    """Texts over many lines (words up to longer than a line, runs of spaces, a space at the end) wrap
    as textwrap wraps them; and the texts of odd whitespace and hyphens textwrap wraps itself."""
    text = "".join(w + g for w, g in zip(words, gaps))[:-1] + end if words else end
    expected = textwrap.wrap(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]
    assert _wrap(text, indent) == expected


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.sampled_from(["", "  ", "      "]))
@example(["x" * 120, "y"], "  ")  # a first word longer than a line
@example(["x" * 50, "y" * 97, "z" * 98], "")  # later words longer than a line, one exactly as long
def test_words_parted_by_single_spaces_are_wrapped_as_textwrap_wraps_them(words, indent):
    text = " ".join(words)
    expected = textwrap.wrap(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]
    assert _wrap(text, indent) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab  -\t\n\u00a0\u2028\x1cΩ."), min_size=90, max_size=400))
def test_a_long_text_of_any_whitespace_is_wrapped_as_textwrap_wraps_it(text):
    expected = textwrap.wrap(text, width=WIDTH, initial_indent="  ", subsequent_indent="    ") or ["  "]
    assert _wrap(text, "  ") == expected


@pytest.mark.parametrize("lang", ["en", "el"])
def test_subjects_remembered_for_a_report_read_as_worded_afresh(lang):
    """A report's cache of subject words keeps 1 and True apart and words engine-made labels each time (one "row 3" is not the other)."""
    w, seen = Wording(lang), {}
    refs = [SubjectRef("year", 1, "year 1"), SubjectRef("year", True, "year 1"), SubjectRef("course", "C1", "course C1"),
            SubjectRef("row", None, WordedText("subject.row_n", "row {n}", n=3)),
            SubjectRef("row", None, WordedText("subject.line_n", "row {n}", n=3)), SubjectRef("course", "C1", "course C1")]
    assert [subject_words(r, w, seen) for r in refs * 2] == [w.subject(r) for r in refs * 2]
    assert len(seen) == 2  # year 1 and course C1; True and the engine-made labels are worded afresh
