"""The rule files' own texts in the reader's language: notes (`note[el]`), drop reasons (`because[sr]`), source
titles (`title[el]` on a source), article texts (`article[el]` on a citation), the rule set's version and
jurisdiction. English is mandatory, the other languages optional; a bundled set has every text in en, el and sr
(tests/test_rule_languages.py), a user's folder may write English only and its reports mark the English.

The example programmes and transfers are the project's own (examples/); the Greek and Serbian texts are the rule
sets' own translations.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from engine.api import audit, render
from engine.cli.main import main
from engine.dsl import ast
from engine.dsl.format import format_text
from engine.dsl.parser import parse_text
from engine.errors import RuleSetError
from engine.render.serbian import to_cyrillic
from engine.ruleset.compiled import compile_ruleset, load_ruleset
from engine.ruleset.compose import compose

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2024, 1, 1)

TRANSLATED = '''ruleset demo
  title "Demo"
  version "2024 edition"
  version[el] "έκδοση 2024"
  jurisdiction "Greece"
  jurisdiction[sr] "Grčka"
  note "A demo."
  note[el] "Επίδειξη."
source s "A law"
  title[el] "Ένας νόμος"
  title[sr] "Jedan zakon"
  note "Read in a copy."
  note[sr] "Pročitano u kopiji."
parameter p = 60 credits
  cite s "art. 1"
    article[el] "άρθρο 1"
    quote "sixty credits"
  note "A parameter note."
  note[el] "Σημείωση παραμέτρου."
rule r
  title "T"
  severity error
  cite s "art. 2"
    article[sr] "čl. 2"
  require programme.credits >= p
  note "A rule note."
  note[el] "Σημείωση κανόνα."
  note[sr] "Napomena pravila."
'''


def _decls(text: str) -> dict[str, object]:
    return {type(d).__name__: d for d in parse_text(text, "demo.rules").declarations}


def test_every_text_of_a_rule_file_has_a_form_per_language():
    d = _decls(TRANSLATED)
    header, source, param, rule = d["RuleSetDecl"], d["SourceDecl"], d["ParameterDecl"], d["RuleDecl"]
    assert (header.version, header.versions) == ("2024 edition", {"el": "έκδοση 2024"})
    assert (header.jurisdiction, header.jurisdictions) == ("Greece", {"sr": "Grčka"})
    assert (header.note, header.notes) == ("A demo.", {"el": "Επίδειξη."})
    assert (source.title, source.titles) == ("A law", {"el": "Ένας νόμος", "sr": "Jedan zakon"})
    assert (source.note, source.notes) == ("Read in a copy.", {"sr": "Pročitano u kopiji."})
    assert (param.citations[0].ref, param.citations[0].refs) == ("art. 1", {"el": "άρθρο 1"})
    assert param.citations[0].quote == "sixty credits" and param.notes == {"el": "Σημείωση παραμέτρου."}
    assert rule.citations[0].refs == {"sr": "čl. 2"}
    assert ast.in_languages(rule.note, rule.notes) == {"en": "A rule note.", "el": "Σημείωση κανόνα.",
                                                        "sr": "Napomena pravila."}
    drop = _decls('ruleset c extends demo\n  title "C"\ndrop r because "not here"\n  because[el] "όχι εδώ"\n')["DropDecl"]
    assert (drop.reason, drop.reasons) == ("not here", {"el": "όχι εδώ"})


@pytest.mark.parametrize("text, message", [
    ('rule r\n  title "T"\n  note[el] "Σ"\n', "rule 'r' has note[el] but no English note"),
    ('rule r\n  title "T"\n  note "a"\n  note "b"\n', "rule 'r' has two notes in language 'en'"),
    ('rule r\n  title "T"\n  note "a"\n  note[sr] "b"\n  note[sr] "c"\n', "two notes in language 'sr'"),
    ('ruleset d\n  title "D"\n  version[el] "έκδοση"\n', "has version[el] but no English version"),
    ('source s "A law"\n  title "Another"\n', "source 's' has its English title after its name"),
    ('source s "A law"\n  title[el] "α"\n  title[el] "β"\n', "source 's' has two titles in language 'el'"),
    ('drop x because "a"\n  because[en] "b"\n', "two reasons in language 'en'"),
    ('drop x because "a"\n  because[el] "b"\n  because[el] "c"\n', "two reasons in language 'el'"),
    ('rule r\n  cite s "art. 1"\n    article[el] "α"\n    article[el] "β"\n', "two articles in language 'el'"),
    ('rule r\n  cite s "art. 1"\n    article[en] "art. 2"\n', "two articles in language 'en'"),
])
def test_a_translation_needs_its_english_text_and_one_text_per_language(text, message):
    with pytest.raises(RuleSetError, match=re.escape(message)):
        parse_text(text, "bad.rules")


def test_an_article_text_follows_the_citation_before_its_quotes():
    with pytest.raises(RuleSetError):
        parse_text('rule r\n  cite s "art. 1"\n    quote "q"\n    article[el] "α"\n', "bad.rules")


# ---- generated rule files: every text in a random set of languages parses back and survives `rules fmt`

_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters='"\\'),
                min_size=1, max_size=20)
_LANGS = st.lists(st.sampled_from(["el", "sr", "de", "fr"]), unique=True, max_size=3)


@st.composite
def _translated(draw) -> tuple[str, dict[str, str]]:
    return draw(_TEXT), {lang: draw(_TEXT) for lang in draw(_LANGS)}


def _clauses(keyword: str, english: str, others: dict[str, str], indent: str = "  ") -> str:
    return f'{indent}{keyword} "{english}"\n' + "".join(f'{indent}{keyword}[{k}] "{v}"\n' for k, v in others.items())


@settings(max_examples=40, deadline=None)
@given(version=_translated(), note=_translated(), title=_translated(), reason=_translated(), ref=_translated(),
       rule_note=_translated())
def test_generated_texts_in_any_languages_parse_back_and_survive_formatting(version, note, title, reason, ref,
                                                                            rule_note):
    text = ('ruleset demo extends base\n  title "Demo"\n' + _clauses("version", *version) + _clauses("note", *note)
            + f'source s "{title[0]}"\n' + "".join(f'  title[{k}] "{v}"\n' for k, v in title[1].items())
            + f'drop gone because "{reason[0]}"\n' + "".join(f'  because[{k}] "{v}"\n' for k, v in reason[1].items())
            + f'rule r\n  title "T"\n  severity error\n  cite s "{ref[0]}"\n'
            + "".join(f'    article[{k}] "{v}"\n' for k, v in ref[1].items())
            + '  require programme.credits >= 60 credits\n' + _clauses("note", *rule_note))
    for source in (text, format_text(text)):
        d = _decls(source)
        assert (d["RuleSetDecl"].version, d["RuleSetDecl"].versions) == version
        assert (d["RuleSetDecl"].note, d["RuleSetDecl"].notes) == note
        assert (d["SourceDecl"].title, d["SourceDecl"].titles) == title
        assert (d["DropDecl"].reason, d["DropDecl"].reasons) == reason
        assert (d["RuleDecl"].citations[0].ref, d["RuleDecl"].citations[0].refs) == ref
        assert (d["RuleDecl"].note, d["RuleDecl"].notes) == rule_note
    assert format_text(format_text(text)) == format_text(text)


# ---- reports in Greek and Serbian carry the rule sets' own translations

EXAMPLES = sorted((ROOT / "examples" / "programmes").glob("*.yaml")) + sorted((ROOT / "examples" / "transfers").glob("*.yaml"))


def _kind(path: Path) -> str:
    return "transfer" if path.parent.name == "transfers" else "programme"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_greek_report_of_each_example_has_the_greek_notes_sources_and_drop_reason(path):
    rs = load_ruleset("greek_law_4009")
    report = audit(rs, path, kind=_kind(path), as_of=DAY)
    html = render([report], "html", lang="el")
    notes = {f.rule: f.notes for f in report.findings if f.notes}
    assert notes or _kind(path) == "transfer"
    for rule, texts in notes.items():
        assert str(escape(texts["el"])) in html, rule
        assert str(escape(texts["en"])) not in html, rule
    for cite in {c for f in report.findings for c in f.citations}:
        greek = dict(cite.source_titles)["el"]
        assert str(escape(greek)) in html and str(escape(dict(cite.refs)["el"])) in html
    [dropped] = report.dropped_rules
    assert str(escape(dropped.reasons["el"])) in html and str(escape(dropped.reason)) not in html
    assert "(στα αγγλικά)" not in html  # a bundled set is translated throughout
    assert str(escape(report.ruleset_versions["el"])) in html


def test_a_serbian_report_has_the_serbian_texts_and_sr_cyrl_transliterates_them():
    rs = load_ruleset("serbian_credit_act")
    report = audit(rs, ROOT / "examples/programmes/serbian_master_60_after_240.yaml", as_of=DAY)
    latin, cyrillic = render([report], "text", lang="sr"), render([report], "text", lang="sr-Cyrl")
    [dropped] = report.dropped_rules
    flat = " ".join(latin.split())
    assert dropped.reasons["sr"] in flat and report.ruleset_versions["sr"] in flat
    assert to_cyrillic(report.ruleset_versions["sr"]) in " ".join(cyrillic.split())
    assert "Zakon o visokom obrazovanju, Sl. glasnik RS 88/2017" in flat  # the law's own title, no English gloss
    data = json.loads(render([report], "json", lang="sr"))
    noted = [r for r in data["rules"] if "note" in r]
    assert noted and all(r["note"] == next(f.notes["sr"] for f in report.findings if f.rule == r["rule"])
                         for r in noted)


# ---- a user's folder in English only: reports fall back to English and say so

ENGLISH_ONLY = '''ruleset mine extends greek_law_4009
  title "My institution"
  version "2024 regulations"
source inst "The institution's general act on study programmes"
rule inst_thesis_credits
  title "The thesis carries at least 10 credits"
  severity error
  cite inst "art. 12"
  for each course in programme.courses where course.type == "thesis"
  require course.credits >= 10 credits
  message "{course.code} carries {course.credits}."
  note "The institution's own rule."
drop year_weeks because "The institution does not record weeks."
'''


def test_a_users_english_only_texts_are_shown_in_english_marked_as_such(write):
    folder = write("mine/mine.rules", ENGLISH_ONLY).parent
    rs = compile_ruleset(compose(str(folder)))
    report = audit(rs, ROOT / "examples/programmes/greek_pe_bsc.yaml", as_of=DAY)
    text = " ".join(render([report], "text", lang="el").split())
    assert "The institution's general act on study programmes (στα αγγλικά), art. 12 (στα αγγλικά)" in text
    assert "year_weeks (greek_law_4009): The institution does not record weeks. (στα αγγλικά)" in text
    assert "2024 regulations (στα αγγλικά)" in text
    assert "Σημείωση κανόνα" not in text and "άρθρο 14" in text  # the bundled parent's texts stay Greek
    english = " ".join(render([report], "text", lang="en").split())
    assert "art. 12" in english and "(in English)" not in english
    for lang, mark in (("el", "(στα αγγλικά)"), ("sr", "(na engleskom)")):
        data = json.loads(render([report], "json", lang=lang))
        [entry] = [r for r in data["rules"] if r["rule"] == "inst_thesis_credits"]
        assert entry["note"] == f"The institution's own rule. {mark}"
        [finding] = [f for f in data["findings"] if f["rule"] == "inst_thesis_credits"]
        assert finding["note"] == entry["note"] and "notes" not in finding  # no translation to list
    assert rs.untranslated_texts() and all(g.pos.file.endswith("mine.rules") for g in rs.untranslated_texts())


# ---- the index of a batch, `rules show` and `compare` in the reader's language

def test_a_batch_index_rules_show_and_compare_give_the_rule_sets_texts_in_the_language(tmp_path):
    runner = CliRunner()
    files = [str(ROOT / "examples/programmes/greek_pe_bsc.yaml"), str(ROOT / "examples/programmes/greek_intensive_msc.yaml")]
    result = runner.invoke(main, ["check", *files, "--rules", "greek_law_4009", "--lang", "el", "--format", "html",
                                  "-o", str(tmp_path / "out"), "--as-of", "2024-01-01"])
    assert result.exit_code in (0, 1), result.output
    greek_title = load_ruleset("greek_law_4009").composed.header.titles["el"]
    assert str(escape(greek_title)) in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    shown = runner.invoke(main, ["rules", "show", "greek_law_4009", "--lang", "el"]).output
    assert "Ν. 3374/2005 (ΦΕΚ 189/Α/2.8.2005)" in shown and "έκδοση: 2022 (νόμοι έως τον 4957/2022" in shown  # the label in Greek too
    compared = json.loads(runner.invoke(main, ["compare", "ects_guide_2015", "serbian_credit_act", "--lang", "sr",
                                               "--format", "json"]).output)
    assert "Srpski zakon utvrđuje obim svake vrste studija" in json.dumps(compared, ensure_ascii=False)


def test_sr_cyrl_leaves_foreign_quotations_and_names_in_latin():
    text = "Greška, kako glasi tekst («may not be lower than»); stavka non_credit, polje year.share, vidi docs/grades.md."
    assert to_cyrillic(text) == ("Грешка, како гласи текст («may not be lower than»); ставка non_credit, поље year.share, "
                                 "види docs/grades.md.")
