"""No English word in a Greek or Serbian report: every example of examples/ (programmes, transfers, cohorts),
audited under its own rule set and rendered in Greek and in Serbian in every report format, is read line by
line, and a line that holds an English word the engine or a renderer wrote fails the test.

What may stay in Latin letters, and why:
- the data's own texts (course and programme titles, institutions, names, codes, file names): the words of
  the example file itself;
- rule-file data written in English: the rule sets' notes, drop reasons ("because"), source titles, their
  citation references, version lines and jurisdictions, and the English quotations of law, which a report
  labels as an unofficial translation (the rule sets carry these texts in English; `quote[el]`/`quote[sr]`
  originals are shown first where the sources have them);
- names and quotations a Greek or Serbian text gives in their own language between guillemets («ECTS Key
  Features», the title of an English-language page);
- codes and units (ECTS, ISCED-F, SHA-256: words in capitals), rule ids and field names (snake_case, dotted: year.share),
  and the words of ALLOWED below.

A word is English when the wordfreq frequency lists (English, and Serbo-Croatian for Serbian) say so: in a
Greek report any frequent English word in Latin letters; in a Serbian one a word far more frequent in
English than in Serbian ("the", "credits", "unknown"; not "program", "student" or "status", which are
Serbian too).
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from wordfreq import zipf_frequency

from engine.api import audit, render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DAY = dt.date(2025, 1, 1)
FORMATS = ("text", "md", "html", "junit", "json")
# words that are not English in these reports although the frequency lists know them: the program's name,
# Latin and international words used as such in Greek and Serbian administrative texts
ALLOWED = {"ects", "what", "if", "erasmus", "junit", "html", "markdown", "schac"}
# file-format terms a sentence names as they are written in an input file, and quoted foreign labels
TERMS = ("passing_only: true", "«pass»", "kind: academic")
# rule-file data written in English (see the module docstring): the keywords whose strings it is
RULE_DATA = re.compile(r'^\s*(?:quote|note|cite\s+\w+|source\s+\w+|version|because|jurisdiction|url|drop\s+\w+)\b')


# the language-free data of a JSON report (codes, the data's and the rule files' own texts, English reasons
# kept as data beside the worded fields)
DATA_KEYS = {"event", "subject_ref", "message_parts", "provenance", "citations", "input", "ruleset", "sources",
             "rules", "extra", "subject_kind"}


def _ruleset(path: Path) -> str:
    name = path.stem.lower()
    if "serbian" in name:
        return "serbian_credit_act"
    if "greek" in name or path.parent.name == "transfers" or path.suffix == ".xml":
        return "greek_law_4009"
    return "ects_guide_2015"


# an EWP Online Learning Agreement audited as it is (its title is the engine's: "Online Learning Agreement (state)")
OLA = ROOT / "tests" / "data" / "ewp" / "omobility-las" / "get-response-example.xml"
SUBJECTS = sorted(p for p in EXAMPLES.glob("*/*") if p.parent.name in ("programmes", "transfers", "grades")
                  and p.suffix in (".yaml", ".csv")) + [OLA]


@lru_cache(maxsize=None)
def _rule_data() -> tuple[str, ...]:
    """The English texts of the rule files that a report quotes as rule-file data, longest first."""
    texts = set()
    for path in (ROOT / "rules").rglob("*.rules"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if RULE_DATA.match(line):
                texts.update(" ".join(s.split()) for s in re.findall(r'"((?:[^"\\]|\\.)*)"', line))
    return tuple(sorted((t for t in texts if len(t) > 2), key=len, reverse=True))


def _data_words(path: Path) -> set[str]:
    """Every word of the example file's own texts (of an XML file: its texts, attributes and element names)."""
    if path.suffix == ".xml":
        texts = [path.read_text(encoding="utf-8")]
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            texts = [cell for row in csv.reader(f) for cell in row]
    else:
        def strings(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    yield str(k)
                    yield from strings(v)
            elif isinstance(node, list):
                for v in node:
                    yield from strings(v)
            elif node is not None:
                yield str(node)
        texts = list(strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)}


def _english(word: str, lang: str) -> bool:
    w = word.lower()
    en = zipf_frequency(w, "en")
    if lang == "el":
        return en >= 2.5
    return en >= 3.0 and en > zipf_frequency(w, "sh") + 1.0


def _readable(text: str, fmt: str) -> list[str]:
    """The lines a reader reads: tags and markup removed, JSON reduced to its worded fields."""
    if fmt == "json":
        data = json.loads(text)
        worded = []

        def walk(node, key=""):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k not in DATA_KEYS and not (k == "subject" and isinstance(v, dict)):
                        walk(v, k)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str) and key in ("message", "title", "subject", "words", "value", "detail"):
                worded.append(node)
        walk(data)
        return worded
    if fmt in ("html", "junit"):
        text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<(code)[^>]*>.*?</\1>", " ", text, flags=re.S)  # rule ids, expressions
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    if fmt == "md":
        text = re.sub(r"`[^`\n]*`", " ", text)  # rule ids and the rule language, as code
        text = re.sub(r"<[^>]+>", " ", text)
        text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", text)
    return text.splitlines()


def english_words(text: str, fmt: str, lang: str, data: set[str]) -> list[tuple[str, str]]:
    """(word, line) for each English word of a rendered report that is neither data nor rule-file data."""
    found = []
    body = "\n".join(_readable(text, fmt))
    if fmt == "text":  # wrapped lines: rule-file texts are masked on the text joined again
        body = re.sub(r"\n {2,}", " ", body)
    for line in body.splitlines():
        flat = " ".join(line.split())
        flat = re.sub(r"«[^»]*»", " ", flat)  # a name or a quotation kept in its own language: «ECTS Key Features»
        for quoted in (*_rule_data(), *TERMS):
            if quoted in flat:
                flat = flat.replace(quoted, " ")
        for word in re.findall(r"(?<![\w./@:-])[A-Za-z]{3,}(?![\w/@-]|\.\w)", flat):
            if word.isupper() or word.lower() in data or word.lower() in ALLOWED:
                continue
            if _english(word, lang):
                at = flat.find(word)
                found.append((word, flat[max(0, at - 90):at + 70]))
    return found


@pytest.fixture(scope="module")
def reports():
    return {}


@pytest.mark.parametrize("lang", ["el", "sr"])
@pytest.mark.parametrize("path", SUBJECTS, ids=[f"{p.parent.name}-{p.stem}" for p in SUBJECTS])
def test_a_greek_or_serbian_report_has_no_english_word(reports, path, lang):
    key = path
    if key not in reports:
        reports[key] = audit(_ruleset(path), path, as_of=DAY)
    data = _data_words(path)
    left = {}
    for fmt in FORMATS:
        for word, line in english_words(render([reports[key]], fmt, lang=lang), fmt, lang, data):
            left.setdefault(word.lower(), f"{fmt}: {line[:160]}")
    assert not left, f"English words in the {lang} report of {path.name}:\n" + "\n".join(
        f"  {w}: {where}" for w, where in sorted(left.items()))


def test_the_reader_finds_english_and_lets_greek_serbian_data_and_rule_texts_pass():
    assert [w for w, _ in english_words("Δεν κρίθηκε: the course gives no credits", "text", "el", set())] == \
        ["the", "course", "gives", "credits"]
    assert english_words("Predmet PE305 nema ESPB bodova; program, student, status.", "text", "sr", set()) == []
    assert english_words("μάθημα PE305 «Sport Science»", "text", "el", {"sport", "science"}) == []
    note = next(t for t in _rule_data() if t.startswith("Start date chosen by the project"))
    assert english_words(f"Napomena: {note}", "text", "sr", set()) == []


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_the_grading_table_matrix_and_history_speak_the_language(lang, tmp_path):
    from click.testing import CliRunner
    from engine.cli.main import main

    grades = str(EXAMPLES / "grades" / "greek-informatics.csv")
    table = CliRunner().invoke(main, ["grades", "table", grades, "--group", "gr-informatics-first", "--rules",
                                      "greek_law_4009", "--lang", lang])
    assert table.exit_code == 0, table.output
    assert "13,35" in table.output and not english_words(table.output, "text", lang, _data_words(Path(grades)))
    matrix = tmp_path / "m.csv"
    run = CliRunner().invoke(main, ["check", str(EXAMPLES / "programmes"), "--rules", "ects_guide_2015", "--lang", lang,
                                    "--format", "md", "-o", str(tmp_path / "all.md"), "--matrix", str(matrix)])
    assert run.exit_code in (0, 1), run.output
    rows = matrix.read_text(encoding="utf-8").splitlines()
    assert not english_words(rows[0].split(",", 2)[0] + " " + rows[1], "text", lang, set())
    assert rows[0].startswith({"el": "αντικείμενο ελέγχου,συμπέρασμα,", "sr": "predmet provere,ocena,"}[lang])


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_the_web_pages_of_an_audit_speak_the_language(lang):
    from web_helpers import client, form, upload

    web = client()
    files = [upload(EXAMPLES / "programmes" / name) for name in ("compliant_bsc.yaml", "faulty_bsc.yaml")] + [upload(OLA)]
    batch = web.post("/audit", files=files, data=form(lang=lang, rules="ects_guide_2015"))
    assert batch.status_code == 200 and f'lang="{lang}"' in batch.text
    data = _data_words(EXAMPLES / "programmes" / "compliant_bsc.yaml") | _data_words(
        EXAMPLES / "programmes" / "faulty_bsc.yaml") | _data_words(OLA)
    assert not english_words(batch.text, "html", lang, data | {"api"})
    assert {"el": "Ηλεκτρονική Συμφωνία Μάθησης (", "sr": "Elektronski ugovor o učenju ("}[lang] in batch.text
    one = web.get(str(batch.url) + "/0")
    assert one.status_code == 200
    assert not english_words(one.text, "html", lang, data | {"api"})


def test_yes_no_fields_are_said_as_sentences_both_ways():
    from engine.render.sentences import field_catalogue
    from engine.render.wording import wording
    from engine.subjects.kinds import OBJECT_TYPES

    for lang in ("en", "el", "sr"):
        cat = field_catalogue(lang)
        assert cat["is"] and set(cat["is"]) == set(cat["is_not"]) == set(field_catalogue("el")["is"])
        for key in cat["is"]:
            owner, name = key.split(".")
            assert OBJECT_TYPES[owner].fields[name].type.kind == "bool", key
    assert wording("sr").sentences.expr("transfer.kind == \"mobility\" and transfer.recognition_known") == \
        "vrsta prenosa je mobilnost i postoji odluka o priznavanju"
    assert wording("el").sentences.expr("not programme.integrated") == "το πρόγραμμα δεν είναι ενιαίων σπουδών"
    # a value read of a yes/no field is its sentence of holding (shown '= yes' or '= no'); another field its noun
    assert wording("sr").sentences.expr("programme.integrated", condition=False) == "reč je o integrisanim studijama"
    assert wording("en").sentences.expr("line.sources_passed", condition=False) == "every source component is passed"


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_a_rule_explained_in_greek_or_serbian_has_no_english_word_of_the_engine(lang):
    from engine.ruleset.compiled import load_ruleset
    from engine.tools.explain import explain_rule, explain_text

    for rs, rule in (("greek_law_4009", "year_credits"), ("serbian_credit_act", "active_teaching_hours"),
                     ("greek_law_4009", "recognition_only_passed")):
        text = explain_text(explain_rule(load_ruleset(rs), rule, DAY, lang))
        # rule ids and parameter names (snake_case) stay; the rule-file data is masked by english_words
        assert not english_words(text, "text", lang, set()), (rs, rule, lang)


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_a_comparison_of_rule_sets_speaks_the_language(lang):
    from click.testing import CliRunner
    from engine.cli.main import main

    programme = EXAMPLES / "programmes" / "faulty_bsc.yaml"
    # the Greek title of a Serbian rule names the Serbian degree (master) as the law calls it: rule-file text
    data = _data_words(programme) | {"master"}
    args = ["compare", "ects_guide_2015", "greek_law_4009", "serbian_credit_act", "--as-of", "2025-01-01",
            "--programme", str(programme), "--lang", lang]
    for fmt in ("text", "md", "html"):
        run = CliRunner().invoke(main, args + ["--format", fmt])
        assert run.exit_code == 0, run.output
        assert not english_words(run.output, fmt, lang, data), fmt
        assert {"el": "κληρονομείται", "sr": "preuzeto"}[lang] in run.output
    compared = json.loads(CliRunner().invoke(main, args + ["--format", "json"]).output)
    cell = compared["parameters"][0]["sets"]["greek_law_4009"]
    assert cell["role"] == "overrides ects_guide_2015" and cell["value"] == "60 credits"  # the data stays as it was
    assert cell["value_words"] == {"el": "60 πιστωτικές μονάδες", "sr": "60 ESPB bodova"}[lang]


@pytest.mark.parametrize("lang", ["el", "sr"])
@pytest.mark.parametrize("ruleset", ["ects_guide_2015", "greek_law_4009", "serbian_credit_act"])
def test_rules_show_speaks_the_language(ruleset, lang):
    from click.testing import CliRunner
    from engine.cli.main import main
    from engine.ruleset.compiled import load_ruleset

    shown = CliRunner().invoke(main, ["rules", "show", ruleset, "--as-of", "2025-01-01", "--lang", lang])
    assert shown.exit_code == 0, shown.output
    # the sources' ids (guide, egracons) are names of the rule files, like rule ids; «master»: see the comparison
    names = {s.lower() for s in load_ruleset(ruleset).composed.sources} | {"master"}
    assert not english_words(shown.output, "text", lang, names)
    assert {"el": "Κανόνες:", "sr": "Pravila:"}[lang] in shown.output


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_the_web_pages_around_the_reports_speak_the_chosen_language(lang):
    """The audit and compare forms, the rule-set pages and an error page with `?lang=`: labels, buttons, help
    texts; the rule as written (<pre>) is the rule language, shown as such."""
    from engine.ruleset.compiled import load_ruleset
    from web_helpers import client, upload

    web = client()
    sets = ("ects_guide_2015", "greek_law_4009", "serbian_credit_act")
    names = {s.lower() for r in sets for s in load_ruleset(r).composed.sources} | {"master", "api"}
    programme = EXAMPLES / "programmes" / "faulty_bsc.yaml"
    pages = {url: web.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
             for url in ("/audit", "/compare", "/rulesets?as_of=2025-01-01", "/results/gone",
                         *(f"/rulesets/{r}?as_of=2025-01-01" for r in sets))}
    pages["compare"] = web.post(f"/compare?lang={lang}", data={"rules": list(sets[:2]), "as_of": "2025-01-01"},
                                files=[upload(programme, field="programme")])
    for url, answer in pages.items():
        assert answer.status_code == (404 if url == "/results/gone" else 200), url
        assert f'lang="{lang}"' in answer.text, url
        assert url == "compare" or f"?lang={lang}" in answer.text, url  # the links keep the language
        text = re.sub(r"<pre[^>]*>.*?</pre>", " ", answer.text, flags=re.S)
        assert not english_words(text, "html", lang, names | _data_words(programme)), url
    assert '<option value="' + lang + '" selected>' in pages["/audit"].text


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_a_grade_conversion_speaks_the_language(lang):
    """`ects grades convert` under each policy, with the warnings of one-year tables; the policy's code stays
    between guillemets (it is the option's value) and a grade is written as the table writes it."""
    from click.testing import CliRunner
    from engine.cli.main import main

    greek, serbian = EXAMPLES / "grades" / "greek-informatics.csv", EXAMPLES / "grades" / "serbian-informatics.yaml"
    data = _data_words(greek) | _data_words(serbian)
    for policy in ("min", "max", "avg", "mid"):
        run = CliRunner().invoke(main, ["grades", "convert", "8", "--from", str(greek), "--from-group",
                                        "gr-informatics-first", "--to", str(serbian), "--policy", policy,
                                        "--from-scale", "gr-0-10", "--rules", "serbian_credit_act",
                                        "--years", "2023-24", "--lang", lang])
        assert run.exit_code == 0, run.output
        assert not english_words(run.output, "text", lang, data), (policy, run.output)
        assert run.output.count({"el": "προειδοποίηση: ", "sr": "upozorenje: "}[lang]) == 2
        assert re.search(r"\d,\d\d %", run.output)  # percentages by the locale


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_one_rule_set_in_two_states_compared_speaks_the_language(lang):
    """`ects compare SET@DATE SET@DATE` and `ects compare SET --set ...` over the example programmes; the
    what-if line quotes the value given with --set and the one it replaces as the rule language writes them
    ("28 credits"), the states' labels are names."""
    from click.testing import CliRunner
    from engine.cli.main import main

    data = {w for p in (EXAMPLES / "programmes").glob("*.yaml") for w in _data_words(p)} | {"credits"}
    for args in (["greek_law_4009@2010-01-01", "greek_law_4009@2025-01-01"],
                 ["ects_guide_2015", "--set", "semester_credits=28 credits", "--as-of", "2025-01-01"]):
        for fmt in ("text", "md"):
            run = CliRunner().invoke(main, ["compare", *args, "--programmes", str(EXAMPLES / "programmes"),
                                            "--lang", lang, "--format", fmt])
            assert run.exit_code == 0, run.output
            assert not english_words(run.output, fmt, lang, data), (args, fmt)
    assert {"el": "πιστωτικές μονάδες (υπόθεση)", "sr": "ESPB bodova (pretpostavka)"}[lang] in run.output


def _suggest_transfer(tmp_path: Path) -> Path:
    """The test transfer (tests/data/transfers/dk_to_gr_grades.yaml) with the host table taken from the transcript's
    grading schemes instead, one of which gives no grade distribution: one grade is not converted (a note)."""
    data = ROOT / "tests" / "data"
    text = (data / "transfers" / "dk_to_gr_grades.yaml").read_text(encoding="utf-8")
    text = text.replace("../grades/", f"{data / 'grades'}/").replace("  host: {file: " + f"{data / 'grades'}/dk_host_7_point.csv}}\n", "")
    text = text.replace("local_grade: 4, passed: true}", "local_grade: 4, passed: true, grading_scheme_id: other}")
    text = text.replace("transcript:\n", "transcript:\n  grading_schemes:\n    - {id: dk7, grade_distribution: [{label: '12', count: 10}, "
                        "{label: '10', count: 20}, {label: '7', count: 40}, {label: '4', count: 20}, {label: '02', count: 10}]}\n"
                        "    - {id: other}\n")
    text = text.replace("passed: true}", "passed: true, grading_scheme_id: dk7}")
    path = tmp_path / "dk_to_gr_grades.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["el", "sr", "sr-Cyrl"])
def test_the_suggested_grades_table_speaks_the_language(lang, tmp_path):
    """`ects grades suggest --lang`: the CSV's headers, the explanation of each conversion and the note of a grade
    not converted, and the workbook's title, sheet and headers; codes, titles and grades are the file's."""
    from click.testing import CliRunner
    from openpyxl import load_workbook
    from engine.cli.main import main

    transfer = _suggest_transfer(tmp_path)
    data = _data_words(transfer) | _data_words(ROOT / "tests" / "data" / "grades" / "greek_home_0_10.yaml") | {"avg"}
    run = CliRunner().invoke(main, ["grades", "suggest", str(transfer), "--lang", lang])
    assert run.exit_code == 0, run.output
    rows = list(csv.reader(line for line in io.StringIO(run.output) if not line.startswith("# ")))
    assert len(rows) == 4 and len(rows[0]) == 11, run.output  # three grades converted, one not
    assert run.output.count("\n# ") == 3, run.output  # the grade not converted and two warnings
    assert not english_words(run.output, "text", lang, data), run.output
    assert re.search(r"\d,\d\d %", run.output)  # percentages by the locale
    out = tmp_path / "suggested.xlsx"
    run = CliRunner().invoke(main, ["grades", "suggest", str(transfer), "--lang", lang, "-o", str(out)])
    assert run.exit_code == 0, run.output
    sheet = load_workbook(out).active
    cells = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert not english_words(f"{sheet.title}\n{cells}", "text", lang, data), cells
    assert sheet["A1"].value.endswith("dk-to-gr-grades") and sheet["A2"].value == rows[0][0]
