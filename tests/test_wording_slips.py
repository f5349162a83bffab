"""Wording slips a first reader found, each in the words a report prints: a year's share worded as a sentence,
no "A academic", the year-credits note read as a general note, 'unknown' agreeing with the noun in Greek and
Serbian, Table A with the Greek capital in Greek, Python's JSON and UTF-8 messages in the reader's language,
sets and ranges in words ("36 or 40", "1500 to 1800 hours")."""
from __future__ import annotations

import json

import pytest
import yaml

from cli_helpers import PROGRAMMES, run

EXAMPLES = PROGRAMMES.parent


def _report(tmp_path, data, *args, name="p.yaml", command="check"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = run(command, path, *args, "--format", "json", "--show", "all")
    return json.loads(out)


def _by_rule(report, rule):
    return [f for f in report["findings"] if f["rule"] == rule]


def test_a_whole_years_share_is_said_in_words(tmp_path):
    data = yaml.safe_load((PROGRAMMES / "compliant_bsc.yaml").read_text(encoding="utf-8"))
    report = _report(tmp_path, data, "--rules", "ects_guide_2015")
    messages = [f["message"] for f in _by_rule(report, "year_workload_hours")]
    assert messages and all("this year's share of a whole year: 1)" in m for m in messages), messages
    assert not any("of one)" in m or ".." in m for m in messages), messages
    assert all("1500 to 1800 hours" in m for m in messages), messages


def test_the_year_credits_note_reads_as_a_general_note(tmp_path):
    data = yaml.safe_load((PROGRAMMES / "compliant_bsc.yaml").read_text(encoding="utf-8"))
    report = _report(tmp_path, data, "--rules", "ects_guide_2015")
    notes = {f.get("note") for f in _by_rule(report, "year_credits")}
    assert len(notes) == 1 and notes.pop().startswith("A year is expected to carry the year's credits times its share")


SHORT_FIRST_CYCLE = {"id": "x", "cycle": "first", "years": 1, "courses": [
    {"code": "A", "title": "A", "term": 1, "credits": 30}, {"code": "B", "title": "B", "term": 2, "credits": 30}]}


def test_no_a_before_a_vowel(tmp_path):
    report = _report(tmp_path, SHORT_FIRST_CYCLE, "--rules", "greek_law_4009")
    message = _by_rule(report, "first_cycle_minimum")[0]["message"]
    assert message.startswith("A first-cycle programme (academic) of 60 credits"), message


@pytest.mark.parametrize("lang, weeks", [("en", "36 or 40 weeks"), ("el", "36 ή 40 εβδομάδες"),
                                         ("sr", "36 ili 40 nedelja")])
def test_a_set_is_said_in_words(tmp_path, lang, weeks):
    data = {**SHORT_FIRST_CYCLE, "weeks_per_year": 30}
    report = _report(tmp_path, data, "--rules", "greek_law_4009", "--lang", lang)
    message = _by_rule(report, "year_weeks")[0]["message"]
    assert weeks in message and "{" not in message, message


@pytest.mark.parametrize("lang, words", [("el", ["κωδικός άγνωστος", "του Πίνακα Α"]),
                                         ("sr", ["šifra nepoznata", "tabele A"])])
def test_unknown_agrees_with_its_noun_and_table_a_is_written_in_the_language(tmp_path, lang, words):
    data = yaml.safe_load((EXAMPLES / "transfers" / "clean_mobility.yaml").read_text(encoding="utf-8"))
    del data["learning_agreement"]["components_studied"][0]["code"]
    report = _report(tmp_path, data, "--rules", "ects_guide_2015", "--lang", lang, command="transfer")
    failed = [f for f in _by_rule(report, "la_table_a_code") if f["status"] == "fail"]
    text = failed[0]["message"] + " " + failed[0]["subject"]
    assert all(w in text for w in words), text
    assert "άγνωστο," not in text and "Πίνακα A" not in text  # the neuter, the Latin capital


@pytest.mark.parametrize("lang, words", [("el", "μη έγκυρο JSON: «αναμένεται τιμή»"),
                                         ("sr", "neispravan JSON: «očekuje se vrednost»"),
                                         ("en", "invalid JSON: Expecting value")])
def test_a_json_readers_message_is_in_the_language_with_its_line_and_column(tmp_path, lang, words):
    path = tmp_path / "bad.json"
    path.write_text('{"id": "x", "cycle": }', encoding="utf-8")
    code, out, err = run("check", path, "--rules", "ects_guide_2015", "--lang", lang)
    assert code != 0 and words in err and "bad.json:1:" in err, err


@pytest.mark.parametrize("lang, words", [("el", "μη έγκυρο αρχικό byte"), ("sr", "neispravan početni bajt")])
def test_a_utf8_decoders_message_is_in_the_language(tmp_path, lang, words):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: \xff\xfe\n")
    code, out, err = run("check", path, "--rules", "ects_guide_2015", "--lang", lang)
    assert code != 0 and words in err and "invalid start byte" not in err, err
