"""Import notes, one-line errors and refused grades in the reader's language: `ects import elmo|ola --lang el|sr`
(the summary, every note, and the notes written as comments of the transfer file), the common one-line errors of
the command line (`--lang`) and of the web application (`?lang=`), and a grade the grading library refuses, read
line by line with the English-word reader of tests/test_report_words.py.

What may stay in Latin letters besides what that reader allows: the data of the imported files (titles, names,
codes, grading scheme ids, every text and attribute of the XML), XML element and option names («<status>»,
--grading-schemes), and a library's own English message quoted between guillemets (the YAML parser's).
The ELMO test files are tests/data/elmo (see its README for their sources); the OLA steps are the EWP example
scenario of tests/data/ewp.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
import pytest
import yaml
from click.testing import CliRunner

from engine.cli.main import main
from test_report_words import EXAMPLES, _data_words, english_words

ROOT = Path(__file__).resolve().parent.parent
ELMO = ROOT / "tests" / "data" / "elmo"
STEP = ROOT / "tests" / "data" / "ewp" / "omobility-las" / "example-scenario"
GET_RESPONSE = ROOT / "tests" / "data" / "ewp" / "omobility-las" / "get-response-example.xml"
I18N = ROOT / "reports" / "i18n"
# a unit Greek writes as it is (το όριο είναι 10.485.760 byte)
UNITS = {"byte"}
HEADING = {"el": "# Σημειώσεις εισαγωγής:", "sr": "# Napomene o uvozu:"}
ERROR = {"el": "σφάλμα: ", "sr": "greška: "}


def run(*args) -> "CliRunner.invoke":
    return CliRunner().invoke(main, [str(a) for a in args])


def _xml_words(*paths: Path) -> set[str]:
    """Every word of the XML files (texts, attribute values, element names: the data imported; the OLA steps are
    fragments, not one document each, so the text is read as it is)."""
    return {w.lower() for path in paths for w in re.findall(r"[A-Za-z]+", path.read_text(encoding="utf-8"))}


def _english(text: str, lang: str, data: set[str]) -> list[tuple[str, str]]:
    return english_words(text, "text", lang, data | UNITS)


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_an_elmo_import_says_its_summary_and_notes_in_the_language(lang, tmp_path):
    files = sorted(ELMO.glob("*.xml"))
    r = run("import", "elmo", ELMO, "-o", tmp_path, "--lang", lang)
    assert r.exit_code == 0, r.output
    data = _xml_words(*files)
    assert not _english(r.output, lang, data), r.output
    assert {"el": "αρχεία που εισήχθησαν: 6 από 6", "sr": "uvezeno datoteka: 6 od 6"}[lang] in r.output
    assert {"el": "με επιτυχία: 52,5", "sr": "od toga položeno: 52,5"}[lang] in r.output  # the locale's numbers
    notes = 0
    for written in tmp_path.glob("*.yaml"):
        text = written.read_text(encoding="utf-8")
        head = text.split("\nkind: mobility")[0]
        assert HEADING[lang] in head and "Import notes" not in head
        notes += head.count("\n#  - ")
        assert not _english(head.split(HEADING[lang])[1], lang, data), written.name
        # the file stays data: the format's keys, and it loads as a transfer file skeleton
        assert yaml.safe_load(text)["kind"] == "mobility"
    assert notes >= 25


def test_an_elmo_import_in_english_is_unchanged():
    r = run("import", "elmo", ELMO / "se_ladok_degree_and_courses.xml", ELMO / "fi_pre10_degree_modules.xml")
    assert r.exit_code == 0, r.output
    assert "se_ladok_degree_and_courses.xml: 8 components from Example University (Sweden), 60 ECTS counted, " \
           "52.5 ECTS passed" in r.output
    assert "is listed both as a part of Bachelor's Programme in Computer Science (VGDAT) and on its own: counted " \
           "once, keeping the standalone copy (the copy on its own has the result)" in r.output
    assert "2 of 2 files imported" in r.output


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_an_ola_import_says_its_state_title_and_notes_in_the_language(lang, tmp_path):
    out = tmp_path / "la.yaml"
    r = run("import", "ola", STEP / "10-changes-proposal.part.xml", STEP / "11-approve-proposal.part.xml", "-o", out,
            "--lang", lang)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    data = _xml_words(STEP / "10-changes-proposal.part.xml", STEP / "11-approve-proposal.part.xml")
    head = text.split("\nkind: mobility")[0]
    assert head.startswith(HEADING[lang]) and not _english(head, lang, data), head
    title = yaml.safe_load(text)["title"]
    assert title.startswith({"el": "Ηλεκτρονική Συμφωνία Μάθησης (", "sr": "Elektronski ugovor o učenju ("}[lang])
    assert not _english(title, lang, data)
    # a get response with planned dates, months only and SCHAC codes for names: four more kinds of note
    r = run("import", "ola", GET_RESPONSE, "--lang", lang)
    assert r.exit_code == 0, r.output
    head = r.output.split("\nkind: mobility")[0]
    assert head.count("\n#  - ") >= 5 and not _english(head, lang, _xml_words(GET_RESPONSE)), head


@pytest.mark.parametrize("lang", ["el", "sr", "sr-Cyrl"])
def test_the_common_one_line_errors_of_the_command_line_speak_the_language(lang, tmp_path, monkeypatch):
    import engine.limits

    base = "sr" if lang == "sr-Cyrl" else lang
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("id: x\n  title: [\n", encoding="utf-8")
    big = tmp_path / "big.xml"
    big.write_text("<la>" + " " * 300 + "</la>", encoding="utf-8")
    cases = [
        (["check", tmp_path / "gone.yaml", "--rules", "ects_guide_2015"], f"{tmp_path / 'gone.yaml'}: "),
        (["check", EXAMPLES / "programmes", "--rules", "ects_gude"], ""),
        (["check", EXAMPLES / "programmes", "--rules", "ects_guide_2015", "--as-of", "2025-13-01"], ""),
        (["check", bad_yaml, "--rules", "ects_guide_2015"], f"{bad_yaml}:2:"),
        (["import", "ola", big], f"{big}: "),  # over the size limit (lowered for the test: no rule file is read)
        (["transfer", tmp_path, "--rules", "ects_guide_2015"], ""),
        (["import", "elmo", tmp_path / "none"], ""),
        (["import", "ola", tmp_path / "gone.xml"], f"{tmp_path / 'gone.xml'}: "),
    ]
    for args, where in cases:
        with monkeypatch.context() as patched:
            if args[-1] == big:
                patched.setattr(engine.limits, "MAX_FILE_BYTES", 200)
            r = run(*args, "--lang", lang)
        assert r.exit_code == 2, (args, r.output)
        line = r.output.strip().splitlines()[-1]
        error = ERROR[base] if lang != "sr-Cyrl" else "грешка: "
        assert line.startswith(error + where), (args, line)
        message = line[len(error + where):]
        words = message if lang != "sr-Cyrl" else re.sub(r"«[^»]*»|„[^“]*“", " ", message)
        assert not _english(words, base, {"ects", "gude", "guide", "greek", "law", "serbian", "credit", "act"}), line
        assert "Traceback" not in r.output
    cyrillic = run("check", tmp_path / "gone.yaml", "--rules", "ects_guide_2015", "--lang", "sr-Cyrl").output
    assert "датотека није пронађена" in cyrillic


def test_an_error_in_english_keeps_its_words_and_form(tmp_path):
    r = run("check", tmp_path / "gone.yaml", "--rules", "ects_guide_2015")
    assert r.exit_code == 2 and r.output.strip() == f"error: {tmp_path / 'gone.yaml'}: file not found"
    r = run("check", EXAMPLES / "programmes", "--rules", "ects_gude")
    assert r.output.startswith("error: unknown rule set 'ects_gude' (did you mean 'ects_guide_2015'?); bundled rule sets:")


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_the_web_application_words_its_errors_in_the_page_language(lang, tmp_path):
    from web_helpers import client, form, upload

    web = client()
    page = web.get(f"/rulesets/ects_gude?lang={lang}")
    assert page.status_code == 400
    lines = re.findall(r"<code>(.*?)</code>", page.text)
    assert len(lines) == 1 and lines[0].startswith(ERROR[lang]), lines
    assert not _english(lines[0], lang, {"ects", "gude", "guide", "greek", "law", "serbian", "credit", "act"})
    api = web.get(f"/api/rulesets/ects_gude?lang={lang}")
    assert api.status_code == 400 and "ects_gude" in api.json()["error"]
    assert not _english(api.json()["error"], lang, {"ects", "gude", "guide", "greek", "law", "serbian", "credit", "act"})
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\n  title: [\n", encoding="utf-8")
    bad = web.post(f"/audit?lang={lang}", files=[upload(broken)], data=form(lang=lang, rules="ects_guide_2015"))
    assert bad.status_code == 400
    line = re.findall(r"<code>(.*?)</code>", bad.text)[0]
    assert line.startswith(ERROR[lang] + "broken.yaml:2:"), line  # the upload's name, not a private path
    assert not _english(re.sub(r"«[^»]*»", " ", line), lang, set())
    assert page.text.count(f'lang="{lang}"') >= 1
    english = web.get("/rulesets/ects_gude")
    assert "error: unknown rule set 'ects_gude'" in html.unescape(english.text)


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_a_grade_the_grading_library_refuses_is_noted_in_the_language(lang, tmp_path):
    """A passed component whose grade the host's grade distribution does not hold: the suggested-grades table notes
    it in the reader's language (before, the library's English sentence)."""
    from test_report_words import _suggest_transfer

    transfer = _suggest_transfer(tmp_path)
    transfer.write_text(transfer.read_text(encoding="utf-8").replace(
        "local_grade: 7, passed: true", "local_grade: 5, passed: true"), encoding="utf-8")
    r = run("grades", "suggest", transfer, "--lang", lang)
    assert r.exit_code == 0, r.output
    notes = [line for line in r.output.splitlines() if line.startswith("# ")]
    refused = [n for n in notes if "NDAA09002U" in n]
    assert refused and {"el": "ο βαθμός 5", "sr": "ocena 5"}[lang] in refused[0], notes
    assert not _english("\n".join(notes), lang, _data_words(transfer) | {"avg"}), notes


def test_every_new_label_is_in_every_language():
    """The labels of imports and errors (their sentences are reasons: test_report_language checks those)."""
    catalogues = {lang: yaml.safe_load((I18N / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in ("en", "el", "sr")}
    keys = {k for k in catalogues["en"] if k.startswith(("cli.", "import.", "web.nothing"))}
    assert len(keys) >= 9
    for lang in ("el", "sr"):
        assert keys <= set(catalogues[lang]), sorted(keys - set(catalogues[lang]))
        placeholders = {k: set(re.findall(r"\{(\w+)\}", catalogues["en"][k])) for k in keys}
        assert all(set(re.findall(r"\{(\w+)\}", catalogues[lang][k])) == placeholders[k] for k in keys), lang


def test_a_course_listed_twice_with_different_credits_is_noted_with_the_locales_numbers():
    from engine.render.wording import wording
    from engine.subjects.transfer.elmo_duplicates import drop_duplicates
    from engine.subjects.transfer.model import TranscriptComponent

    part = TranscriptComponent(code="DA1001", title="Programming I", credits=7.5, part_of="Bachelor (VG)")
    alone = TranscriptComponent(code="DA1001", title="Programming I", credits=7, local_grade="VG", passed=True)
    notes: list = []
    assert drop_duplicates([part, alone], notes) == [alone]
    assert [str(n) for n in notes] == [
        "'Programming I (DA1001)' is listed both as a part of Bachelor (VG) and on its own: counted once, keeping "
        "the standalone copy (the copy on its own has the result)",
        "the copies of 'Programming I (DA1001)' state different credits (7; 7.5); check the transcript"]
    assert wording("el").reason(notes[1]) == ("τα αντίγραφα του «Programming I (DA1001)» αναφέρουν διαφορετικές "
                                              "πιστωτικές μονάδες (7· 7,5)· ελέγξτε την αναλυτική βαθμολογία")
    assert wording("sr").reason(notes[0]) == ("„Programming I (DA1001)“ je naveden dvaput, kao deo celine „Bachelor "
                                              "(VG)“ i samostalno: računa se jednom, zadržava se samostalni primerak "
                                              "(on ima rezultat)")
