"""Numbers of any size in a programme file: worded in full in its one-line error or its report, never a traceback,
and in a batch the other files are still audited."""
from __future__ import annotations

import decimal
import json
import math

import pytest
from hypothesis import example, given, strategies as st

from cli_helpers import run
from engine.semantics.units import LOCALES, format_number


def _courses() -> list[dict]:
    return [{"code": f"CS{100 + i}", "title": f"Course {i}", "term": 1 + i // 5, "credits": 6,
             "hours": {"lectures": 30, "labs": 30, "independent": 105, "exams": 3}} for i in range(10)]


def _programme(**fields) -> dict:
    return {"id": "uni-cs-bsc", "title": "BSc Computer Science", "institution": "Example University",
            "country": "NL", "cycle": "first", "kind": "academic", "mode": "full_time", "years": 1,
            "terms_per_year": 2, "weeks_per_year": 40, "teaching_weeks_per_term": 15, "courses": _courses(),
            **fields}


def _with_course(**course) -> dict:
    programme = _programme()
    programme["courses"][0].update(course)
    return programme


_BIG = {  # where an integer of many digits stood in the files that crashed, and the rules that read it
    "term": lambda n: _with_course(term=n),
    "year": lambda n: _with_course(term=None, year=n),
    "choose": lambda n: _programme(elective_groups=[{"id": "g", "term": 1, "choose": n, "courses": ["CS100", "CS101"]}]),
    "covers": lambda n: _programme(covers={"from_term": 1, "to_term": n}),
    "printed_totals": lambda n: _programme(printed_totals={"terms": {str(n): 30}}),
}


def _write(tmp_path, name: str, programme: dict):
    path = tmp_path / name
    path.write_text(json.dumps(programme, indent=1), encoding="utf-8")
    return path


# a key of over 1,024 characters is refused as such (the YAML way the file is then read), so printed_totals stops at 1,000
@pytest.mark.parametrize("field, digits", [(field, digits) for field in sorted(_BIG) for digits in (399, 400, 1_000, 4_300)
                                           if digits <= 1_000 or field != "printed_totals"])
def test_an_integer_of_many_digits_is_a_one_line_error_naming_file_and_line(tmp_path, field, digits):
    path = _write(tmp_path, "big.json", _BIG[field](10 ** (digits - 1)))
    code, out, err = run("check", path, "--rules", "ects_guide_2015")
    assert code == 2 and out == ""
    assert err.startswith(f"error: {path}:") and err.count("\n") == 1 and "Traceback" not in err
    if field == "printed_totals":  # a key, which is text: named as given, every digit
        assert "1" + "0" * (digits - 1) in err
    else:  # a value beyond 2**53: refused at reading (docs/limits.md)
        assert "cannot be held exactly" in err


@pytest.mark.parametrize("digits", [399, 4_300])
def test_weeks_per_year_of_many_digits_is_refused(tmp_path, digits):
    """A whole number the engine's floats cannot hold exactly is refused at reading, naming its field."""
    path = _write(tmp_path, "weeks.json", _programme(weeks_per_year=10 ** (digits - 1)))
    code, out, err = run("check", path, "--rules", "greek_law_4009")
    assert code == 2 and out == "" and "'weeks_per_year'" in err and "cannot be held exactly" in err


def test_a_batch_audits_the_good_files_beside_one_with_a_number_of_many_digits(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    _write(folder, "a.json", _programme())
    _write(folder, "b.json", _with_course(term=10 ** 398))
    _write(folder, "c.json", _programme(id="second"))
    code, out, err = run("check", folder, "--rules", "ects_guide_2015", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    audited = [line["subject"]["id"] for line in lines if "subject" in line]
    assert audited == ["uni-cs-bsc", "second"] and "Traceback" not in err
    assert [line for line in lines if "not_audited" in line][0]["not_audited"][0]["location"].endswith("b.json:17")
    assert code == 2


_MAGNITUDES = st.integers(min_value=0, max_value=20_000).map(lambda n: 10 ** n)
_INTS = st.one_of(st.integers(), st.tuples(_MAGNITUDES, st.integers(-10**6, 10**6), st.sampled_from([1, -1]))
                  .map(lambda t: t[2] * (t[0] + t[1])))
_ANY_NUMBER = st.one_of(_INTS, st.floats(), st.decimals())


@given(_ANY_NUMBER, st.sampled_from(sorted(LOCALES)))
@example(10 ** 399, "en")
@example(-10 ** 4_400, "el")
@example(10 ** 1_000, "sr")  # Babel groups the digits of a number of over 1,000 digits even in "0.##"
@example(-1.7976931348623157e308, "sr-Cyrl")
@example(math.inf, "en")
@example(decimal.Decimal("1e999999"), "en")
def test_a_number_is_worded_whatever_its_size(x, lang):
    """Never an error; an int is its digits (with '-' before a negative one), whatever the language."""
    words = format_number(x, lang)
    assert isinstance(words, str) and words
    if isinstance(x, int):
        assert words == ("-" if x < 0 else "") + f"{decimal.Decimal(abs(x)):f}"
