"""The one-line errors of unreadable programme and transfer files in the reader's language (`--lang`, `?lang=`):
invalid JSON and the validation error of a subject file (its framing, the kind of file, pydantic's error worded
from its type and ctx, the hints), with the file and line kept; in English, the line as it always was.

The programme and transfer files are the project's examples with one slip each (examples/programmes/compliant_bsc.yaml,
examples/transfers/clean_mobility.yaml).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Literal

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from engine.cli.main import main
from engine.render.wording import wording
from engine.subjects.problems import ENGLISH, field_problem
from engine.semantics.reasons import because
from test_report_words import english_words

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "examples" / "programmes" / "compliant_bsc.yaml"
TRANSFER = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
I18N = ROOT / "reports" / "i18n"
ERROR = {"en": "error: ", "el": "σφάλμα: ", "sr": "greška: ", "sr-Cyrl": "грешка: "}


def run(*args) -> "CliRunner.invoke":
    return CliRunner().invoke(main, [str(a) for a in args])


def last_line(path: Path, lang: str, command: str = "check") -> str:
    r = run(command, path, "--rules", "ects_guide_2015", "--lang", lang)
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    return r.output.strip().splitlines()[-1]


def programme_with(tmp_path: Path, name: str, change) -> Path:
    data = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data, allow_unicode=True),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, words", [
    ("en", "invalid JSON: Expecting value"),
    ("el", "μη έγκυρο JSON: «αναμένεται τιμή»"),  # the parser's words in the reader's language
    ("sr", "neispravan JSON: «očekuje se vrednost»"),
    ("sr-Cyrl", "неисправан JSON: «очекује се вредност»"),
])
def test_invalid_json_is_worded_in_the_language_with_the_parsers_words_translated(tmp_path, lang, words):
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": ', encoding="utf-8")
    assert last_line(bad, lang) == f"{ERROR[lang]}{bad}:1:8: {words}"


# (file, the slip, the English line after "file:line: " as it has always been, its Greek, its Serbian)
SLIPS = [
    ("quoted.yaml", lambda d: d["courses"][0].update(credits="6"), 4,
     "programme field 'courses[0].credits': Input should be a valid number (a number is expected; if it is in "
     "quotes, remove them)",
     "αρχείο προγράμματος σπουδών, πεδίο «courses[0].credits»: η τιμή πρέπει να είναι αριθμός (αναμένεται "
     "αριθμός· αν είναι σε εισαγωγικά, αφαιρέστε τα)",
     "datoteka studijskog programa, polje «courses[0].credits»: vrednost mora biti broj (očekuje se broj; ako je "
     "pod navodnicima, uklonite ih)"),
    ("cycle.yaml", lambda d: d.update(cycle="zeroth"), 232,
     "programme field 'cycle': Input should be 'short', 'first', 'second' or 'third'",
     "αρχείο προγράμματος σπουδών, πεδίο «cycle»: η τιμή πρέπει να είναι 'short', 'first', 'second' ή 'third'",
     "datoteka studijskog programa, polje «cycle»: vrednost mora biti 'short', 'first', 'second' ili 'third'"),
    ("term.yaml", lambda d: d["courses"][0].update(term=0), 10,
     "programme field 'courses[0].term': Input should be greater than 0",
     "αρχείο προγράμματος σπουδών, πεδίο «courses[0].term»: η τιμή πρέπει να είναι μεγαλύτερη από 0",
     "datoteka studijskog programa, polje «courses[0].term»: vrednost mora biti veća od 0"),
    ("hours.yaml", lambda d: d["courses"][0].update(hourz=3), 10,
     "programme field 'courses[0].hourz': Extra inputs are not permitted (a misspelt field name?)",
     "αρχείο προγράμματος σπουδών, πεδίο «courses[0].hourz»: το πεδίο δεν προβλέπεται εδώ (μήπως το όνομα του "
     "πεδίου είναι γραμμένο λάθος;)",
     "datoteka studijskog programa, polje «courses[0].hourz»: ovo polje ovde nije predviđeno (možda je naziv polja "
     "pogrešno napisan?)"),
    ("noid.yaml", lambda d: d.pop("id"), 1,
     "programme field 'id': Field required",
     "αρχείο προγράμματος σπουδών, πεδίο «id»: το πεδίο είναι υποχρεωτικό και λείπει",
     "datoteka studijskog programa, polje «id»: obavezno polje nedostaje"),
    ("code.yaml", lambda d: d["courses"][0].update(code=5), 3,
     "programme field 'courses[0].code': Input should be a valid string (put it in quotes: \"5\")",
     "αρχείο προγράμματος σπουδών, πεδίο «courses[0].code»: η τιμή πρέπει να είναι κείμενο (βάλτε την τιμή σε "
     "εισαγωγικά: \"5\")",
     "datoteka studijskog programa, polje «courses[0].code»: vrednost mora biti tekst (stavite vrednost pod "
     "navodnike: \"5\")"),
    ("empty.yaml", lambda d: d.update(courses=[]), 2,
     "programme field 'courses': List should have at least 1 item after validation, not 0",
     "αρχείο προγράμματος σπουδών, πεδίο «courses»: η λίστα πρέπει να έχει τουλάχιστον 1 στοιχείο· δόθηκαν: 0",
     "datoteka studijskog programa, polje «courses»: lista mora imati najmanje 1 stavku (navedeno: 0)"),
    ("country.yaml", lambda d: d.update(country="gr"), 1,
     "programme field 'country': String should match pattern '^[A-Z]{2}$'",
     "αρχείο προγράμματος σπουδών, πεδίο «country»: το κείμενο πρέπει να ακολουθεί το μοτίβο «^[A-Z]{2}$»",
     "datoteka studijskog programa, polje «country»: tekst mora odgovarati obrascu «^[A-Z]{2}$»"),
    ("no_fields.yaml", lambda d: d.clear(), 1,
     "programme field 'id': Field required (and 3 more problems)",
     "αρχείο προγράμματος σπουδών, πεδίο «id»: το πεδίο είναι υποχρεωτικό και λείπει (και 3 ακόμη προβλήματα)",
     "datoteka studijskog programa, polje «id»: obavezno polje nedostaje (i još 3 problema)"),
]


@pytest.mark.parametrize("name, slip, line, english, greek, serbian", SLIPS, ids=[s[0] for s in SLIPS])
def test_a_validation_error_is_worded_in_the_language_with_file_and_line(tmp_path, name, slip, line, english, greek,
                                                                         serbian):
    path = programme_with(tmp_path, name, slip)
    for lang, words in (("en", english), ("el", greek), ("sr", serbian)):
        assert last_line(path, lang) == f"{ERROR[lang]}{path}:{line}: {words}"
        if lang != "en":  # no English left but the data: field names, values, the pattern
            data = {w.lower() for quoted in re.findall(r"'([^']*)'", english) for w in re.findall(r"[A-Za-z]+", quoted)}
            assert not english_words(words, "text", lang, data | {"true", "false"}), words


def test_a_json_programme_and_a_transfer_file_are_worded_too(tmp_path):
    quoted = programme_with(tmp_path, "quoted.json", lambda d: d["courses"][0].update(credits="6"))
    assert last_line(quoted, "el").startswith(f"σφάλμα: {quoted}:1: αρχείο προγράμματος σπουδών, πεδίο "
                                             "«courses[0].credits»: η τιμή πρέπει να είναι αριθμός")
    transfer = tmp_path / "transfer.yaml"
    transfer.write_text(TRANSFER.read_text(encoding="utf-8").replace("kind: mobility", "kind: holiday"),
                        encoding="utf-8")
    r = run("transfer", transfer, "--rules", "greek_law_4009")
    assert r.output.strip().endswith("transfer field 'kind': Input should be 'mobility' or 'programme_transfer'")
    line = last_line(transfer, "sr", "transfer")
    assert re.fullmatch(rf"greška: {re.escape(str(transfer))}:\d+: datoteka o prenosu, polje «kind»: vrednost mora "
                        r"biti 'mobility' ili 'programme_transfer'", line), line
    top = tmp_path / "list.yaml"
    top.write_text("- 1\n- 2\n", encoding="utf-8")
    assert last_line(top, "en") == f"error: {top}:1: a programme file must hold a mapping of fields at the top level"
    assert last_line(top, "sr-Cyrl") == (f"грешка: {top}:1: датотека студијског програма мора на највишем нивоу да "
                                         "садржи мапирање поља (поље: вредност)")


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_the_web_application_words_a_bad_upload_in_the_page_language(lang, tmp_path):
    from web_helpers import client, form, upload

    bad = tmp_path / "bad.json"
    bad.write_text('{"id": ', encoding="utf-8")
    quoted = programme_with(tmp_path, "quoted.yaml", lambda d: d["courses"][0].update(credits="6"))
    web = client()
    for path, words in ((bad, {"el": "μη έγκυρο JSON: «αναμένεται τιμή»", "sr": "neispravan JSON: «očekuje se vrednost»"}),
                        (quoted, {"el": "πεδίο «courses[0].credits»: η τιμή πρέπει να είναι αριθμός",
                                  "sr": "polje «courses[0].credits»: vrednost mora biti broj"})):
        page = web.post(f"/audit?lang={lang}", files=[upload(path)], data=form(lang=lang, rules="ects_guide_2015"))
        assert page.status_code == 400
        line = re.findall(r"<code>(.*?)</code>", page.text)[0]
        assert line.startswith({"el": "σφάλμα: ", "sr": "greška: "}[lang] + path.name + ":") and words[lang] in line


class _Course(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str


def _errors():
    """One error of each type the catalogues word, made by pydantic itself: (type, error)."""
    made = [
        (_Course, {}), (_Course, {"code": "A", "x": 1}), (Annotated[float, Field(strict=True)], "x"), (float, "x"),
        (Annotated[int, Field(strict=True)], "x"), (int, "x"), (int, 1.5), (Annotated[float, Field(allow_inf_nan=False)],
        float("inf")), (Annotated[bool, Field(strict=True)], "x"), (bool, "x"), (str, 1), (list, 1), (dict, 1),
        (_Course, 5), (Literal["a", "b", "c"], "d"), (Literal["a"], "d"), (Annotated[int, Field(gt=0)], 0),
        (Annotated[float, Field(ge=0.5)], 0.25), (Annotated[float, Field(lt=1.5)], 2), (Annotated[float, Field(le=100)],
        200.0), (Annotated[list, Field(min_length=2)], [1]), (Annotated[list, Field(min_length=1)], []),
        (Annotated[dict, Field(min_length=1)], {}), (Annotated[str, Field(min_length=2)], "a"),
        (Annotated[str, Field(min_length=1)], ""), (Annotated[str, Field(max_length=2)], "abc"),
        (Annotated[str, Field(max_length=1)], "ab"), (Annotated[str, Field(pattern=r"^[A-Z]{2}$")], "gr"),
    ]
    for kind, value in made:
        with pytest.raises(ValidationError) as e:
            TypeAdapter(kind).validate_python(value)
        yield e.value.errors()[0]


def test_every_common_error_type_is_keyed_with_pydantics_own_english():
    """Each template of engine.subjects.problems is met (a pydantic whose words changed fails here, not silently)."""
    seen = set()
    for err in _errors():
        reason = field_problem(err)
        assert str(reason) == err["msg"]  # English byte for byte
        assert reason.key.startswith("input.value.") and reason.key != "input.value.other", err
        seen.add(reason.key.removeprefix("input.value."))
        for lang in ("el", "sr"):
            assert not re.search(r"should|Input|String", wording(lang).reason(reason)), (lang, reason.key)
    assert seen == set(ENGLISH) - {"other"}
    greek = [wording("el").reason(field_problem(e)) for e in _errors()]
    assert "η τιμή πρέπει να είναι τουλάχιστον 0,5" in greek and "η τιμή πρέπει να είναι το πολύ 100" in greek
    assert "η λίστα πρέπει να έχει τουλάχιστον 2 στοιχεία· δόθηκαν: 1" in greek


def test_another_error_type_keeps_pydantics_english_quoted():
    with pytest.raises(ValidationError) as e:
        TypeAdapter(Annotated[float, Field(multiple_of=0.5)]).validate_python(0.7)
    reason = field_problem(e.value.errors()[0])
    assert reason.key == "input.value.other" and str(reason) == "Input should be a multiple of 0.5"
    assert wording("el").reason(reason) == "«Input should be a multiple of 0.5»"
    # a template that no longer gives pydantic's words (another version) is not used: the English stays pydantic's
    changed = field_problem({"type": "float_type", "msg": "Input must be a number", "ctx": None})
    assert changed.key == "input.value.other" and str(changed) == "Input must be a number"


def test_a_validators_own_message_stays_as_written_unless_it_is_a_reason():
    def refuse(message):
        class Model(BaseModel):
            day: dt.date

            @model_validator(mode="after")
            def _refuse(self):
                raise ValueError(message)
        with pytest.raises(ValidationError) as e:
            Model(day=dt.date(2024, 1, 1))
        return field_problem(e.value.errors()[0])
    plain = refuse("a course is listed twice")
    assert plain.key is None and str(plain) == "a course is listed twice"
    keyed = refuse(because("input.empty", "the file is empty"))
    assert keyed.key == "input.empty" and wording("el").reason(keyed) == "το αρχείο είναι κενό"


def test_every_error_type_template_is_worded_with_the_same_placeholders():
    for lang in ("el", "sr"):
        catalogue = yaml.safe_load((I18N / f"{lang}.yaml").read_text(encoding="utf-8"))
        for kind, english in ENGLISH.items():
            words = catalogue[f"reason.input.value.{kind}"]
            assert set(re.findall(r"\{(\w+)", words)) == set(re.findall(r"\{(\w+)", english)), (lang, kind)


def test_a_key_given_twice_and_the_limits_of_a_file_are_worded_too(tmp_path):
    twice = tmp_path / "twice.yaml"
    twice.write_text("id: a\nid: b\n", encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100 + "]" * 100, encoding="utf-8")
    long = tmp_path / "long.yaml"
    long.write_text("id: " + "x" * 100_001 + "\n", encoding="utf-8")
    assert last_line(twice, "en") == f"error: {twice}:2: key 'id' appears twice"
    assert last_line(twice, "el") == f"σφάλμα: {twice}:2: το κλειδί «id» εμφανίζεται δύο φορές"
    assert last_line(deep, "en") == f"error: {deep}:1:65: lists and mappings nested too deeply (the limit is 64; see " \
                                    "docs/limits.md)"
    assert last_line(deep, "sr") == f"greška: {deep}:1:65: liste i mapiranja su ugnežđeni preduboko (ograničenje je 64; " \
                                    "vidi docs/limits.md)"
    assert last_line(long, "en") == f"error: {long}:1: a text of 100,001 characters (the limit is 100,000; see " \
                                    "docs/limits.md)"
    assert last_line(long, "el") == f"σφάλμα: {long}:1: κείμενο με 100001 χαρακτήρες (το όριο είναι 100000· βλ. " \
                                    "docs/limits.md)"


@pytest.mark.parametrize("start, english, greek, serbian", [
    ("2024-02-30", "'2024-02-30' is not a valid date", "η τιμή «2024-02-30» δεν είναι έγκυρη ημερομηνία",
     "«2024-02-30» nije ispravan datum"),
    ("1 October 2024", "expected a date as YYYY-MM-DD, got '1 October 2024'",
     "αναμένεται ημερομηνία της μορφής ΕΕΕΕ-ΜΜ-ΗΗ· δόθηκε '1 October 2024'",
     "očekuje se datum u obliku GGGG-MM-DD; navedeno je '1 October 2024'"),
])
def test_a_transfer_files_bad_date_is_worded_in_the_language(tmp_path, start, english, greek, serbian):
    transfer = tmp_path / "transfer.yaml"
    transfer.write_text(TRANSFER.read_text(encoding="utf-8").replace("start: 2024-10-01", f"start: {start}"),
                        encoding="utf-8")
    assert last_line(transfer, "en", "transfer") == f"error: {transfer}:39: transfer field 'period.start': {english}"
    assert last_line(transfer, "el", "transfer") == f"σφάλμα: {transfer}:39: αρχείο μεταφοράς, πεδίο «period.start»: " \
                                                    f"{greek}"
    assert last_line(transfer, "sr", "transfer") == f"greška: {transfer}:39: datoteka o prenosu, polje " \
                                                    f"«period.start»: {serbian}"


def test_a_period_that_ends_before_it_starts_is_worded_with_the_locales_dates(tmp_path):
    transfer = tmp_path / "transfer.yaml"
    transfer.write_text(TRANSFER.read_text(encoding="utf-8").replace("start: 2024-10-01", "start: 2025-10-01"),
                        encoding="utf-8")
    assert last_line(transfer, "en", "transfer").endswith(
        "transfer field 'period.end': the end (2025-02-28) must be after the start (2025-10-01)")
    assert last_line(transfer, "el", "transfer").endswith(
        "πεδίο «period.end»: η λήξη (28 Φεβρουαρίου 2025) πρέπει να είναι μεταγενέστερη της έναρξης (1 Οκτωβρίου 2025)")
    assert last_line(transfer, "sr", "transfer").endswith(
        "polje «period.end»: kraj (28. 2. 2025.) mora biti posle početka (1. 10. 2025.)")


def test_a_cohort_files_isced_code_is_worded_in_the_language(tmp_path):
    cohort = tmp_path / "cohort.yaml"
    cohort.write_text((ROOT / "examples" / "grades" / "serbian-informatics.yaml").read_text(encoding="utf-8")
                      .replace('field: "0613"', 'field: "6x"'), encoding="utf-8")
    lines = {lang: run("grades", "table", cohort, "--lang", lang).output.strip().splitlines()[-1]
             for lang in ("en", "el", "sr")}
    assert lines["en"] == f"error: {cohort}:6: cohort field 'groups[0].field': '6x' is not an ISCED-F code (2 to 4 " \
                          "digits, e.g. '0613')"
    assert lines["el"] == f"σφάλμα: {cohort}:6: αρχείο κοόρτης, πεδίο «groups[0].field»: η τιμή «6x» δεν είναι " \
                          "κωδικός ISCED-F (2 έως 4 ψηφία, π.χ. '0613')"
    assert lines["sr"] == f"greška: {cohort}:6: datoteka kohorte, polje «groups[0].field»: «6x» nije ISCED-F šifra " \
                          "(2 do 4 cifre, npr. '0613')"


def test_exponent_and_non_finite_numbers_are_named_in_latin_in_serbian_cyrillic(tmp_path):
    """The hint for NaN, Infinity and 1e5 names them as the file writes them: in Latin inside a Cyrillic line."""
    bad = tmp_path / "p.yaml"
    bad.write_text("id: x\ncycle: first\nyears: 3\ncourses:\n  - code: A\n    credits: NaN\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(bad), "--rules", "ects_guide_2015", "--lang", "sr-Cyrl"])
    assert res.exit_code == 2, res.output
    assert "1e5, и NaN и Infinity" in res.output, res.output
    assert "НаН" not in res.output and "Инфинит" not in res.output
