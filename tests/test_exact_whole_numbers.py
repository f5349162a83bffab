"""A whole number larger than 2**53 in size, which the engine's floats cannot hold exactly, is refused at
reading with a one-line error naming the file, the line and the field (docs/limits.md), in YAML and JSON
alike, the same whether the JSON one-pass reader or the usual one reads it; 2**53 itself is read."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cli_helpers import run
from engine.subjects.jsondirect import validated_json
from engine.subjects.programme.model import Programme

LIMIT = 2 ** 53
HINT = {"en": "a whole number larger than 9,007,199,254,740,992 (2^53) cannot be held exactly",
        "el": "ένας ακέραιος μεγαλύτερος από 9.007.199.254.740.992 (2^53) δεν μπορεί να αποτυπωθεί ακριβώς",
        "sr": "ceo broj veći od 9.007.199.254.740.992 (2^53) ne može se tačno predstaviti"}


def _programme(credits) -> dict:
    return {"id": "p", "title": "P", "cycle": "first", "kind": "academic", "mode": "full_time", "years": 1,
            "terms_per_year": 2, "courses": [{"code": "C10", "title": "C", "term": 1, "credits": credits}]}


@pytest.mark.parametrize("lang", ["en", "el", "sr"])
@pytest.mark.parametrize("number", [12345678901234567890123, 10 ** 300, LIMIT + 1, -(LIMIT + 1)])
def test_json_whole_number_beyond_2_53_is_refused(tmp_path, number, lang):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_programme(number), indent=1), encoding="utf-8")
    code, out, err = run("check", path, "--rules", "ects_guide_2015", "--lang", lang)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"{path}:" in err and "courses[0].credits" in err and HINT[lang] in err


def test_yaml_whole_number_beyond_2_53_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("id: p\ntitle: P\ncycle: first\nyears: 1\nterms_per_year: 2\ncourses:\n"
                    "  - {code: C10, title: C, term: 1, credits: 12345678901234567890123}\n", encoding="utf-8")
    code, _, err = run("check", path, "--rules", "ects_guide_2015")
    assert code == 2 and f"{path}:7:" in err and "courses[0].credits" in err and HINT["en"] in err


def test_2_53_itself_is_read(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_programme(LIMIT)), encoding="utf-8")
    code, out, _ = run("check", path, "--rules", "ects_guide_2015")
    assert code in (0, 1) and "9007199254740992" in out


@settings(max_examples=60)
@given(st.integers(min_value=LIMIT - 3, max_value=LIMIT + 3) | st.integers(min_value=-10 ** 30, max_value=10 ** 30))
def test_the_one_pass_reader_never_takes_a_number_beyond_2_53(number):
    """The JSON one-pass reader leaves to the usual reader (which refuses it) every number it cannot vouch for."""
    model = validated_json(Programme, json.dumps(_programme(number)).encode())
    if abs(number) > LIMIT:
        assert model is None
    elif model is not None:
        assert model.courses[0].credits == number


DATA = Path(__file__).resolve().parent / "data"
TOO_LARGE = "9007199254740993"


def _one_line(*args) -> str:
    code, out, err = run(*args)
    assert code == 2 and out == "" and err.count("\n") == 1
    return err


def test_a_course_table_cell_beyond_2_53_is_refused_naming_its_cell(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("Curso;Cuatrimestre;Código;Asignatura;Carácter;Créditos ECTS\n"
                    f"1º;1;101;Cálculo;FB;{TOO_LARGE}\n", encoding="utf-8")
    err = _one_line("check", plan, "--rules", "ects_guide_2015", "--field", "cycle=first", "--lang", "el")
    assert f"{plan}!F2:" in err and HINT["el"] in err and TOO_LARGE in err


@pytest.mark.parametrize("kind, sample, written", [
    ("elmo", DATA / "elmo" / "dk_seven_point_placeholder_issuer.xml", "<value>7.5</value>"),
    ("ola", DATA / "ewp" / "omobility-las" / "ola-dashboard-scenarios" / "Ex1.xml", "<value>3</value>"),
])
def test_an_elmo_or_ola_credit_beyond_2_53_is_refused_at_its_line(tmp_path, kind, sample, written):
    text = sample.read_text(encoding="utf-8")
    bad = tmp_path / "credit.xml"
    bad.write_text(text.replace(written, f"<value>{TOO_LARGE}</value>", 1), encoding="utf-8")
    line = text[:text.index(written)].count("\n") + 1
    err = _one_line("import", kind, bad, "--lang", "sr")
    assert err == f"greška: {bad}:{line}: vrednost ESPB bodova '{TOO_LARGE}': {HINT['sr']}\n"


def test_a_cohort_count_beyond_2_53_is_refused(tmp_path):
    cohort = tmp_path / "cohort.csv"
    cohort.write_text(f"group,academic_year,grade,count\ng,2022-23,10,{TOO_LARGE}\n", encoding="utf-8")
    err = _one_line("grades", "check", cohort, "--rules", "greek_law_4009")
    assert f"{cohort}:2:" in err and "cannot be held exactly" in err
