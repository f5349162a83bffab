"""A finding whose verdict hangs on digits the display would round away shows enough digits to tell its
numbers apart: a trimester of 20.0033 credits failed "20 credits is 20 credits" (three terms of 20 under
Greek law, a year-long 10-credit project shared between them)."""
from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import example, given, strategies as st

from cli_helpers import run
from engine.semantics.units import decimals_apart, format_number

TRIMESTERS = {
    "id": "tri-msc", "title": "MSc (trimesters)", "cycle": "second", "years": 1, "terms_per_year": 3,
    "prior_credits": 240,
    "courses": [{"code": "T1A", "title": "T1A", "term": 1, "credits": 10},
                {"code": "T1B", "title": "T1B", "term": 1, "credits": 6.67},
                {"code": "T2A", "title": "T2A", "term": 2, "credits": 16.67},
                {"code": "T3A", "title": "T3A", "term": 3, "credits": 16.66},
                {"code": "PRJ", "title": "Project", "year": 1, "credits": 10, "type": "thesis"}],
}

finite = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**20, 10**20))


@given(finite, finite)
@example(20.003333333333334, 20)
@example(0.1 + 0.2, 0.3)
@example(5e-324, 0.0)
@example(1e16, 1e16 + 2)
@example(0.0, -0.0)
def test_two_different_numbers_compared_read_differently_in_every_language(a, b):
    decimals = decimals_apart([a, b])
    for lang in ("en", "el", "sr"):
        shown = format_number(a, lang, decimals), format_number(b, lang, decimals)
        assert (shown[0] != shown[1]) == (a != b), (a, b, decimals, shown)


@given(st.lists(st.integers(-10**6, 10**6).map(lambda n: n / 100), max_size=6))
def test_numbers_of_two_decimals_keep_two(numbers):
    assert decimals_apart(numbers) == 2


@pytest.mark.parametrize("lang, shown, target", [("en", "20.003 credits", "20 credits"),
                                                 ("el", "20,003 πιστωτικές μονάδες", "20 πιστωτικές μονάδες"),
                                                 ("sr", "20,003 ESPB boda", "20 ESPB bodova")])
def test_a_failed_trimester_shows_the_credits_it_compared(tmp_path, lang, shown, target):
    path = tmp_path / "trimester.yaml"
    path.write_text(yaml.safe_dump(TRIMESTERS), encoding="utf-8")
    code, out, err = run("check", path, "--rules", "greek_law_4009", "--format", "json", "--lang", lang)
    report = json.loads(out)
    finding = next(f for f in report["findings"] if f["rule"] == "term_credits" and f["subject_ref"]["key"] == 1)
    assert finding["status"] == "fail"  # the verdict is not changed, only how its numbers read
    assert shown in finding["message"] and target in finding["message"], finding["message"]
    steps = {s["id"]: s for s in report["steps"]}
    trace = json.dumps([steps[i] for i in finding["trace"]], ensure_ascii=False)
    assert trace.count(shown) >= 2, trace  # the value read, and the requirement that compared it


def test_the_text_report_reads_the_compared_value(tmp_path):
    path = tmp_path / "trimester.yaml"
    path.write_text(yaml.safe_dump(TRIMESTERS), encoding="utf-8")
    code, out, err = run("check", path, "--rules", "greek_law_4009")
    assert "Term 1 carries 20.003 credits" in out, out
    assert "Term 1 carries 20 credits" not in out
