"""A misspelt field name in a subject file: the one-line error names the key as written, at its line, with the
field it was meant to be ("did you mean"), in every language; a misspelt required field is named instead of
the missing field it causes. Also: a JSON file read the YAML way still says "invalid JSON", and the count of
further problems takes its plural form."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.cli.main import main
from engine.errors import SubjectFileError, nearest
from engine.render.i18n import Labels
from engine.render.wording import wording
from engine.subjects.load import load_model, more_problems, read_document, validate
from engine.subjects.misspelt import CLOSE, fields_at
from engine.subjects.programme.model import Programme

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "examples" / "programmes" / "compliant_bsc.yaml"
TRANSFER = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
COHORT = ROOT / "examples" / "grades" / "serbian-informatics.yaml"
WAIVED = ROOT / "examples" / "programmes" / "waived_bsc.yaml"
ERROR = {"en": "error: ", "el": "σφάλμα: ", "sr": "greška: ", "sr-Cyrl": "грешка: "}
KIND = {"programme": ("programme", "αρχείο προγράμματος σπουδών", "datoteka studijskog programa"),
        "transfer": ("transfer", "αρχείο μεταφοράς", "datoteka o prenosu"),
        "cohort": ("cohort", "αρχείο κοόρτης", "datoteka kohorte")}


def _last_line(*args) -> str:
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    return r.output.strip().splitlines()[-1]


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2, default=str) if name.endswith(".json")
                    else yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _line_of_key(path: Path, key: str) -> int:
    text = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(text, 1) if re.match(rf'\s*(- )?"?{key}"?:', line))


def _renamed(mapping: dict, old: str, new: str) -> dict:
    """The mapping with key `old` written `new`, in its place."""
    return {(new if k == old else k): v for k, v in mapping.items()}


def _expected(kind: str, field: str, meant: str, more: tuple[str, str, str] = ("", "", "")) -> dict[str, str]:
    en, el, sr = KIND[kind]
    return {"en": f"{en} field '{field}': Extra inputs are not permitted (did you mean '{meant}'?){more[0]}",
            "el": f"{el}, πεδίο «{field}»: το πεδίο δεν προβλέπεται εδώ (μήπως εννοείτε «{meant}»;){more[1]}",
            "sr": f"{sr}, polje «{field}»: ovo polje ovde nije predviđeno (da li ste mislili na „{meant}“?){more[2]}"}


def _check(command: tuple, path: Path, key: str, expected: dict[str, str]) -> None:
    line = _line_of_key(path, key)
    for lang, words in expected.items():
        assert _last_line(*command, path, "--lang", lang) == f"{ERROR[lang]}{path}:{line}: {words}"


PROGRAMME_CHECK = ("check", "--rules", "ects_guide_2015")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_misspelt_course_field_is_named_at_its_line_with_the_field_meant(tmp_path, suffix):
    data = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    data["courses"][1] = _renamed(data["courses"][1], "credits", "credit")
    path = _write(tmp_path, "p" + suffix, data)
    _check(PROGRAMME_CHECK, path, "credit", _expected("programme", "courses[1].credit", "credits"))


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_misspelt_required_field_is_named_instead_of_the_missing_field(tmp_path, suffix):
    data = _renamed(yaml.safe_load(PROGRAMME.read_text(encoding="utf-8")), "years", "yeras")
    path = _write(tmp_path, "p" + suffix, data)
    # the misspelling and the missing field are one problem: no "more problems"
    _check(PROGRAMME_CHECK, path, "yeras", _expected("programme", "yeras", "years"))
    # the one pass that reads a JSON programme refuses it, and the usual way words it the same
    for one_pass in (True, False):
        with pytest.raises(SubjectFileError) as e:
            load_model(Programme, path, "programme", json_direct=one_pass)
        assert e.value.line == _line_of_key(path, "yeras") and "'yeras'" in e.value.message


def test_a_field_given_beside_its_misspelling_is_not_suggested(tmp_path):
    data = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    data["courses"][0]["credit"] = 6  # credits is given too: no field left that 'credit' stands for
    path = _write(tmp_path, "p.yaml", data)
    assert _last_line(*PROGRAMME_CHECK, path).endswith("programme field 'courses[0].credit': Extra inputs are "
                                                       "not permitted (a misspelt field name?)")


def test_the_misspelling_and_another_problem_are_counted_as_two(tmp_path):
    data = _renamed(yaml.safe_load(PROGRAMME.read_text(encoding="utf-8")), "years", "yeras")
    del data["id"]  # missing, and no misspelling stands for it: named first, as pydantic gives it
    path = _write(tmp_path, "p.yaml", data)
    lines = {lang: _last_line(*PROGRAMME_CHECK, path, "--lang", lang) for lang in ("en", "el", "sr")}
    assert lines["en"] == f"error: {path}:1: programme field 'id': Field required (and 1 more problem)"
    assert lines["el"].endswith("το πεδίο είναι υποχρεωτικό και λείπει (και 1 ακόμη πρόβλημα)")
    assert lines["sr"].endswith("obavezno polje nedostaje (i još 1 problem)")


def test_a_misspelt_field_of_a_transfer_a_waiver_and_a_cohort(tmp_path):
    transfer = _write(tmp_path, "t.yaml", _renamed(yaml.safe_load(TRANSFER.read_text(encoding="utf-8")),
                                                   "kind", "kinds"))
    _check(("transfer", "--rules", "greek_law_4009"), transfer, "kinds", _expected("transfer", "kinds", "kind"))

    waived = yaml.safe_load(WAIVED.read_text(encoding="utf-8"))
    waived["waivers"][0] = _renamed(waived["waivers"][0], "reason", "reson")
    path = _write(tmp_path, "w.json", waived)
    _check(PROGRAMME_CHECK, path, "reson", _expected("programme", "waivers[0].reson", "reason"))

    cohort = yaml.safe_load(COHORT.read_text(encoding="utf-8"))
    cohort["groups"][0] = _renamed(cohort["groups"][0], "counts", "cuonts")
    path = _write(tmp_path, "c.yaml", cohort)
    _check(("grades", "table"), path, "cuonts", _expected("cohort", "groups[0].cuonts", "counts"))


@pytest.mark.parametrize("suffix, kind", [(".json", "JSON"), (".yaml", "YAML")])
def test_a_json_file_read_the_yaml_way_says_invalid_json(tmp_path, suffix, kind):
    path = tmp_path / f"p{suffix}"
    path.write_text('{"id": "p", "title": "x \\ud800"}\n', encoding="utf-8")  # a lone surrogate escape
    greek, serbian = {"JSON": ("μη έγκυρο JSON", "neispravan JSON"), "YAML": ("μη έγκυρο YAML", "neispravan YAML")}[kind]
    why = "found invalid Unicode character escape code"
    assert _last_line(*PROGRAMME_CHECK, path) == f"error: {path}:1:27: invalid {kind}: {why}"
    assert _last_line(*PROGRAMME_CHECK, path, "--lang", "el") == f"σφάλμα: {path}:1:27: {greek}: «{why}»"
    assert _last_line(*PROGRAMME_CHECK, path, "--lang", "sr") == f"greška: {path}:1:27: {serbian}: «{why}»"


@pytest.mark.parametrize("n, en, el, sr", [
    (1, " (and 1 more problem)", " (και 1 ακόμη πρόβλημα)", " (i još 1 problem)"),
    (2, " (and 2 more problems)", " (και 2 ακόμη προβλήματα)", " (i još 2 problema)"),
    (5, " (and 5 more problems)", " (και 5 ακόμη προβλήματα)", " (i još 5 problema)"),
    (21, " (and 21 more problems)", " (και 21 ακόμη προβλήματα)", " (i još 21 problem)"),
])
def test_the_count_of_more_problems_takes_its_plural_form(n, en, el, sr):
    reason = more_problems(n)
    assert str(reason) == en
    assert [wording(lang).reason(reason) for lang in ("en", "el", "sr")] == [en, el, sr]
    assert str(more_problems(0)) == ""


def test_a_catalogue_without_plural_forms_gives_the_key_itself():
    assert Labels("el").plural("reason.input.key_twice", 1, "x") == Labels("el").get("reason.input.key_twice", "x")
    assert Labels("en").plural("reason.no.such.key", 1, "default") == "default"


def test_the_fields_of_a_mapping_are_read_through_lists_and_unions():
    assert {"lectures", "independent", "total"} <= fields_at(Programme, ("courses", 3, "hours"))
    assert {"code", "credits", "hours"} <= fields_at(Programme, ("courses", 0))
    assert {"years", "courses", "waivers"} <= fields_at(Programme, ())
    assert fields_at(Programme, ("years",)) == set()


_EXAMPLE = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
_GIVEN = sorted(n for n in Programme.model_fields if n in _EXAMPLE and len(n) > 3)  # required ones and others


@settings(max_examples=40)
@given(field=st.sampled_from(_GIVEN), at=st.integers(min_value=0, max_value=30))
def test_a_field_with_two_letters_swapped_is_named_as_written_with_the_field_meant(tmp_path_factory, field, at):
    at = at % (len(field) - 1)
    written = field[:at] + field[at + 1] + field[at] + field[at + 2:]
    if written == field or nearest(written, set(Programme.model_fields) - set(_EXAMPLE) | {field}, CLOSE) != field:
        return  # no misspelling, or one taken for another field not given
    path = _write(tmp_path_factory.mktemp("swap"), "p.yaml", _renamed(_EXAMPLE, field, written))
    data, lines, _ = read_document(path)
    with pytest.raises(SubjectFileError) as e:
        validate(Programme, data, lines, str(path), "programme")
    assert e.value.line == _line_of_key(path, written)
    assert e.value.message == (f"programme field '{written}': Extra inputs are not permitted "
                               f"(did you mean '{field}'?)")
