"""YAML input files read numbers as the YAML 1.2 core schema does, never as YAML 1.1's octal (010 = 8),
base 60 (1:30 = 90) or underscored (1_0 = 10) forms, which would audit other numbers than the file shows;
and true/false as YAML 1.2 does, so that `NO` (Norway) or `No` is text, as written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from engine.cli.main import main
from engine.subjects.load import _read_yaml, read_document
from engine.subjects.programme.table_options import field_values
from engine.subjects.yamlcore import CoreLoader, scalar

PROGRAMME = Path(__file__).resolve().parent.parent / "examples" / "programmes" / "compliant_bsc.yaml"
ODD_HINT = "(write the number with digits only and no leading zero: 010, 1_0 and 1:30 are not read as numbers)"


def value_of(text: str):
    return _read_yaml(f"value: {text}\n", "x.yaml")[0]["value"]


@pytest.mark.parametrize("text, value", [
    ("010", "010"), ("-07", "-07"), ("00", "00"),  # a leading zero: text (YAML 1.1 says 8, YAML 1.2 says 10)
    ("0o10", 8), ("0x10", 16), ("0x1F", 31), ("0o17", 15),
    ("+5", 5), ("-3", -3), ("0", 0), ("-0", 0), ("10", 10),
    ("1:30", "1:30"), ("1_0", "1_0"), ("1:30.5", "1:30.5"), ("1_0.5", "1_0.5"), ("0b10", "0b10"),
    ("7.5", 7.5), ("-.inf", float("-inf")), (".5", 0.5), ("1.0e+5", 100000.0),
    ("1e5", "1e5"), ("1.0e5", "1.0e5"),  # as before: exponent notation without a dot or sign is text
])
def test_a_plain_value_is_read_by_the_yaml_1_2_core_schema(text, value):
    assert value_of(text) == value and type(value_of(text)) is type(value)


def test_nan_stays_a_float_as_before():
    assert value_of(".nan") != value_of(".nan")


def test_an_explicit_int_tag_follows_the_same_rule():
    assert value_of("!!int 0x10") == 16
    with pytest.raises(Exception, match="cannot read the value"):
        value_of("!!int 1_0")


def test_the_loader_keeps_libyamls_parser_when_pyyaml_has_it():
    assert CoreLoader.__mro__[1] is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("name, credits", [("octal", "010"), ("sexa", "1:30"), ("under", "1_0"), ("padded", "-06")])
def test_a_number_yaml_1_1_reads_otherwise_is_refused_with_file_line_and_hint(tmp_path, name, credits):
    lines = PROGRAMME.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "credits: 6" in line)
    lines[at] = lines[at].replace("credits: 6", f"credits: {credits}", 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015"])
    assert res.exit_code == 2 and "Traceback" not in res.output, res.output
    last = res.output.strip().splitlines()[-1]
    assert last.startswith(f"error: {path}:{at + 1}: programme field 'courses[0].credits': Input should be a valid "
                           "number " + ODD_HINT), last


def test_a_hexadecimal_number_is_read_as_yaml_1_2_says(tmp_path):
    text = PROGRAMME.read_text(encoding="utf-8").replace("credits: 6", "credits: 0x6", 1)
    path = tmp_path / "hex.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_document(path)[0]["courses"][0]["credits"] == 6


@pytest.mark.parametrize("lang, hint", [
    ("el", "γράψτε τον αριθμό μόνο με ψηφία και χωρίς αρχικό μηδέν: τα 010, 1_0 και 1:30"),
    ("sr", "napišite broj samo ciframa i bez nule na početku: 010, 1_0 i 1:30"),
])
def test_the_hint_is_worded_in_the_language(tmp_path, lang, hint):
    path = tmp_path / "p.yaml"
    path.write_text("id: x\ncycle: first\nyears: 3\ncourses:\n  - code: A\n    credits: 010\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015", "--lang", lang])
    assert res.exit_code == 2 and hint in res.output, res.output


def test_a_leading_zero_where_text_is_due_is_kept_as_written():
    assert value_of("0123") == "0123"


def test_a_command_line_field_value_is_read_the_same_way():
    assert field_values({"years": "010", "weeks": "1:30", "terms": "2", "integrated": "true"}) == {
        "years": "010", "weeks": "1:30", "terms": 2, "integrated": True}
    assert scalar("0x10") == 16


@given(st.integers())
def test_a_decimal_integer_reads_as_the_same_number_in_yaml_and_json(number):
    text = str(number)
    if len(text.lstrip("-")) > 4000:  # Python's own limit on the digits of an integer read from text
        return
    if abs(number) > 2 ** 53:  # beyond what a float holds exactly: text, refused where a number is due
        assert value_of(text) == text
    else:
        assert value_of(text) == json.loads(text) == number


@given(st.integers(min_value=0, max_value=2 ** 53))
def test_a_signed_decimal_integer_reads_as_yaml_1_2_says(number):
    assert value_of(f"+{number}") == number and value_of(f"-{number}") == -number


@pytest.mark.parametrize("text, value", [
    ("yes", "yes"), ("No", "No"), ("ON", "ON"), ("off", "off"), ("y", "y"),  # YAML 1.1's yes/no words: text
    ("true", True), ("False", False), ("TRUE", True),
])
def test_true_and_false_are_read_by_the_yaml_1_2_core_schema(text, value):
    assert value_of(text) is value or (value_of(text) == value and type(value) is str)


def test_norways_country_code_and_a_course_titled_no_are_text(tmp_path):
    text = PROGRAMME.read_text(encoding="utf-8").replace("country: NL", "country: NO", 1)
    text = text.replace("title: ", "title: No\n# ", 1)  # the programme's title: No
    path = tmp_path / "no.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    data = read_document(path)[0]
    assert data["country"] == "NO" and data["title"] == "No" and "country: NO" in text


@pytest.mark.parametrize("lang, hint", [
    ("en", "programme field 'intensive': Input should be a valid boolean (write true or false: yes, no, on and off "
           "are read as text)"),
    ("el", "(γράψτε «true» ή «false»: τα «yes», «no», «on» και «off» διαβάζονται ως κείμενο)"),
    ("sr", "(napišite «true» ili «false»: «yes», «no», «on» i «off» čitaju se kao tekst)"),
])
def test_a_yes_where_true_or_false_is_due_is_refused_with_a_hint(tmp_path, lang, hint):
    path = tmp_path / "p.yaml"
    path.write_text(PROGRAMME.read_text(encoding="utf-8") + "intensive: yes\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015", "--lang", lang])
    assert res.exit_code == 2 and hint in res.output, res.output
