"""A rule that does not apply says which part of its condition was not met, with the value that decided it
("the kind of studies of the programme is vocational (applied), not academic"), not the whole condition
under "it does not hold that" (a reader could not tell which of four conditions failed); a yes/no field
reads as a sentence ("the transfer has no recognition decision", not "the presence of ...")."""
from __future__ import annotations

import json

import pytest
import yaml

from cli_helpers import PROGRAMMES, run
from engine.render.condition_words import deciding_parts
from engine.render.wording import wording

EXAMPLES = PROGRAMMES.parent


def _findings(tmp_path, data, kind, *args, lang="en"):
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = run("check" if kind == "programme" else "transfer", path, *args, "--format", "json",
                         "--show", "all", "--lang", lang)
    return {f["rule"]: f for f in json.loads(out)["findings"]}


def _programme(**changes):
    data = yaml.safe_load((PROGRAMMES / "compliant_bsc.yaml").read_text(encoding="utf-8"))
    return {**data, **changes}


@pytest.mark.parametrize("lang, words", [
    ("en", "Does not apply: the kind of studies of the programme is vocational (applied), not academic."),
    ("el", "Δεν εφαρμόζεται: το είδος σπουδών του προγράμματος είναι εφαρμοσμένες σπουδές, όχι ακαδημαϊκές σπουδές."),
    ("sr", "Ne primenjuje se: vrsta studija programa je strukovne studije, a ne akademske studije.")])
def test_the_false_part_of_a_conjunction_is_named_with_its_value(tmp_path, lang, words):
    found = _findings(tmp_path, _programme(kind="vocational"), "programme", "--rules", "serbian_credit_act", lang=lang)
    assert found["basic_academic_credits"]["status"] == "not_applicable"
    assert found["basic_academic_credits"]["message"] == words


def test_under_not_the_part_that_held_is_named(tmp_path):
    found = _findings(tmp_path, _programme(kind="vocational", specialist=True), "programme", "--rules",
                      "serbian_credit_act")
    assert found["basic_applied_credits"]["message"] == "Does not apply: the programme is specialist studies."


@pytest.mark.parametrize("lang, words", [("en", "Does not apply: the transfer has no recognition decision."),
                                         ("el", "Δεν εφαρμόζεται: δεν υπάρχει απόφαση αναγνώρισης."),
                                         ("sr", "Ne primenjuje se: ne postoji odluka o priznavanju.")])
def test_a_presence_test_reads_as_a_sentence(tmp_path, lang, words):
    data = yaml.safe_load((EXAMPLES / "transfers" / "clean_mobility.yaml").read_text(encoding="utf-8"))
    del data["recognition"]
    found = _findings(tmp_path, data, "transfer", "--rules", "ects_guide_2015", lang=lang)
    assert found["recognition_full"]["status"] == "not_applicable"
    assert found["recognition_full"]["message"] == words


def _parts(text, reads, holds=False):
    w = wording("en")
    return deciding_parts(w.sentences, text, reads, holds)


def test_every_part_of_a_disjunction_that_does_not_hold_is_named():
    reads = {"programme.cycle": ("second", None), "programme.intensive": (False, None)}
    assert _parts('programme.cycle == "first" or programme.intensive', reads) == [
        "the cycle of the programme is second cycle, not first cycle", "the programme is not intensive"]


def test_only_the_parts_that_decided_are_named():
    reads = {"programme.cycle": ("second", None), "programme.credits": (58, "credits"), "programme.intensive": (True, None)}
    assert _parts('programme.cycle == "second" and programme.credits >= 60 credits and not programme.intensive', reads) == [
        "the credits of the programme (58 credits) is less than 60 credits", "the programme is intensive"]


def test_a_condition_that_cannot_be_read_again_is_worded_whole():
    # a value the trace did not read: nothing is named, the caller words the whole condition
    assert _parts('programme.cycle == "second"', {}) is None
    # a condition that held is not explained as one that did not
    assert _parts('programme.cycle == "second"', {"programme.cycle": ("second", None)}) is None


def test_a_compound_requirement_not_met_names_the_parts_that_decided_it(tmp_path):
    from test_numbers_told_apart import TRIMESTERS

    path = tmp_path / "trimester.yaml"
    path.write_text(yaml.safe_dump(TRIMESTERS), encoding="utf-8")
    code, out, err = run("check", path, "--rules", "greek_law_4009", "--explain")
    assert ("-> not met: the number of terms per year of the programme is 3, not 2 and the credits of the term "
            "(20.003 credits) is not 20 credits") in " ".join(out.split()), out
