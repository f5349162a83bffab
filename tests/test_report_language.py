"""Reports wholly in the reader's language: the words the engine writes around a finding (subjects, messages,
trace in words, reasons of unknown values, choices of electives) come from the catalogues; numbers and plural
forms follow the locale (CLDR through Babel); Serbian in Latin or, with sr-Cyrl, in Cyrillic; the field
catalogues name every field of every subject type; charts agree with the findings.

The example files are the project's own (examples/); the Greek and Serbian texts of the rules are the rule
sets' own translations.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from engine.api import audit, render
from engine.render.charts import bar_verdicts, programme_charts
from engine.render.i18n import Labels, available_languages
from engine.render.sentences import ENGINE_FIELDS, field_catalogue
from engine.render.serbian import to_cyrillic
from engine.render.wording import Wording, finding_text, format_value, wording
from engine.semantics.reasons import Beside, Witness, because
from engine.semantics.units import format_number, unit_words
from engine.semantics.values import Unknown
from engine.subjects.kinds import OBJECT_TYPES
from engine.subjects.problems import ENGLISH as PYDANTIC_ENGLISH

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2024, 1, 1)
I18N = ROOT / "reports" / "i18n"

# (rule set, kind, file): a programme with electives, a transfer, a cohort
SUBJECTS = [
    ("greek_law_4009", "programme", ROOT / "examples/programmes/electives_msc.yaml"),
    ("greek_law_4009", "programme", ROOT / "examples/programmes/missing_hours_ba.yaml"),
    ("serbian_credit_act", "programme", ROOT / "examples/programmes/serbian_master_60_after_240.yaml"),
    ("greek_law_4009", "transfer", ROOT / "examples/transfers/failed_component.yaml"),
    ("serbian_credit_act", "transfer", ROOT / "examples/transfers/serbian_cross_cycle.yaml"),
    ("ects_guide_2015", "cohort", ROOT / "examples/grades/serbian-informatics.yaml"),
]


def _english_engine_words() -> set[str]:
    """Words of the engine's English catalogues (report labels and field words) that no Greek or Serbian
    catalogue uses: any of them in a Greek or Serbian report is English left by the engine."""
    def words(values) -> set[str]:
        return {w.lower() for v in values for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", "", str(v)))}
    en = yaml.safe_load((I18N / "en.yaml").read_text(encoding="utf-8"))
    fields = yaml.safe_load((I18N / "fields.en.yaml").read_text(encoding="utf-8"))
    english = words(en.values()) | words(v for part in fields.values() for v in part.values())
    other = set()
    for lang in ("el", "sr"):
        other |= words(yaml.safe_load((I18N / f"{lang}.yaml").read_text(encoding="utf-8")).values())
        other |= words(v for part in yaml.safe_load((I18N / f"fields.{lang}.yaml").read_text(encoding="utf-8")).values()
                       for v in part.values())
    return english - other


ENGLISH = _english_engine_words()


class _DataMasked(Wording):
    """Words findings with the data's own texts (course titles, agreement names) left out of messages."""

    def hole(self, value, unit, expr=None):
        return "" if isinstance(value, str) else super().hole(value, unit, expr)


def _engine_text(f, lang: str) -> list[str]:
    """What the engine words of a finding (not the rule file's own citations, quotes and notes, the data's
    own texts, nor the rule language kept for --explain)."""
    ft = _DataMasked(lang).finding(f)
    out = [ft.subject, ft.message, *ft.missing]
    for s, e in zip(ft.trace, f.trace):
        out += [s.words or "", s.label] + ([] if isinstance(getattr(e, "value", None), str) else [s.value])
    return out


@pytest.fixture(scope="module")
def reports():
    return {(rs, path.name): audit(rs, path, kind=kind, as_of=DAY) for rs, kind, path in SUBJECTS}


def test_the_english_word_list_is_meaningful():
    assert {"credits", "unknown", "depends", "electives", "required"} <= ENGLISH
    assert "ects" not in ENGLISH  # shared by every language


@pytest.mark.parametrize("lang", ["el", "sr", "sr-Cyrl"])
@pytest.mark.parametrize("rs, kind, path", SUBJECTS, ids=[f"{k}-{p.stem}" for _, k, p in SUBJECTS])
def test_greek_and_serbian_reports_carry_no_english_engine_words(reports, lang, rs, kind, path):
    report = reports[(rs, path.name)]
    assert report.findings
    left = {}
    for f in report.findings:
        for text in _engine_text(f, lang):
            found = {w.lower() for w in re.findall(r"(?<![\w-])[A-Za-z]{4,}(?![\w-])", text)} & ENGLISH
            if found:
                left.setdefault(f.rule, set()).update(found)
    assert not left, f"English words in a {lang} report: {left}"


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_serbian_in_cyrillic_writes_cyrillic_only(reports, fmt):
    report = reports[("ects_guide_2015", "serbian-informatics.yaml")]
    out = render([report], fmt, lang="sr-Cyrl")
    if fmt == "html":
        out = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", out, flags=re.S)
        out = re.sub(r"<[^>]+>|&\w+;", " ", out)
    for f in report.findings:
        ft = finding_text(f, "sr-Cyrl")
        for text in (ft.title, ft.message, *(s.words or "" for s in ft.trace), *ft.missing):
            latin = [w for w in re.findall(r"(?<![\w.-])[A-Za-z][a-z]{2,}(?![\w-])", text)]
            assert not latin, (f.rule, text)
    assert "Латин" not in out and "ЕСПБ" in render([audit("serbian_credit_act", SUBJECTS[2][2], kind="programme",
                                                          as_of=DAY)], fmt, lang="sr-Cyrl")


def test_transliteration_is_exact_and_keeps_data():
    assert to_cyrillic("Ljubljana, NJIVA, džep, Đorđe, šećer") == "Љубљана, ЊИВА, џеп, Ђорђе, шећер"
    assert to_cyrillic("predmet {code} ima 6 ESPB bodova (PE305, ECTS)") == "предмет {code} има 6 ЕСПБ бодова (PE305, ECTS)"
    assert "sr-Cyrl" in available_languages()
    assert Labels("sr-Cyrl")("status.pass") == to_cyrillic(Labels("sr")("status.pass"))


@pytest.mark.parametrize("lang, value, want", [
    ("en", 7.5, "7.5 credits"), ("el", 7.5, "7,5 πιστωτικές μονάδες"), ("sr", 7.5, "7,5 ESPB bodova"),
    ("el", 1, "1 πιστωτική μονάδα"), ("el", 2, "2 πιστωτικές μονάδες"),
    ("sr", 1, "1 ESPB bod"), ("sr", 2, "2 ESPB boda"), ("sr", 5, "5 ESPB bodova"), ("sr", 21, "21 ESPB bod"),
    ("sr", 12, "12 ESPB bodova"), ("sr", 24, "24 ESPB boda"), ("sr-Cyrl", 3, "3 ЕСПБ бода"),
])
def test_numbers_and_plurals_follow_the_locale(lang, value, want):
    assert format_value(value, "credits", lang) == want


def test_dates_follow_the_locale():
    day = dt.date(2024, 3, 1)
    assert wording("en").date(day) == "2024-03-01"
    assert wording("el").date(day) == "1 Μαρτίου 2024"
    assert wording("sr").date("2024-03-01") == "1. 3. 2024."
    assert format_number(25.5, "el") == "25,5" and unit_words("hours/credit", 25, "sr") == "časova po ESPB bodu"


def test_numbers_beyond_the_decimal_precision_are_written_whole():
    """A mutated course table once gave a 27-digit credit value, and Babel's default precision of 28
    digits raised InvalidOperation while the report was written."""
    assert format_number(6e26, "el") == "6" + "0" * 26
    assert format_number(10**30 + 0.5, "en") == "1" + "0" * 30
    assert format_number(-3.25, "sr") == "-3,25"


def test_a_reason_is_data_worded_in_each_language():
    u = Unknown(because("course.no_field", "course {code} gives no {field}", code="PE305", field=_field("lecturer")))
    assert u.reason == "course PE305 gives no lecturer"  # existing callers keep the English text
    assert wording("el").reason(u.why) == "το μάθημα PE305 δεν αναφέρει διδάσκοντα"
    assert wording("sr").reason(u.why) == "predmet PE305 ne navodi nastavnika"


def _field(name):
    from engine.semantics.reasons import Field
    return Field(name)


def test_the_choices_of_electives_are_worded_in_the_report_language():
    fails, holds = Witness(None, {"t5": ("DS521", "DS522")}), Witness(None, {"t5": ("DS523", "DS524")})
    why = because("choices.fails_holds", "holds for some choices of electives only: it fails if the student takes "
                  "{fails}; holds if instead they take {holds}", fails=fails, holds=Beside(holds, fails))
    assert str(why).endswith("takes DS521 and DS522; holds if instead they take DS523 and DS524")
    el = wording("el").reason(why)
    assert "DS521 και DS522" in el and "DS523 και DS524" in el and "choices" not in el


def test_every_reason_key_the_engine_uses_is_worded_in_greek_and_serbian():
    """Every key, and for a key whose English is written as one text beside it, the same placeholders."""
    pattern = re.compile(r'because\(\s*f?"([^"{]+)"')
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "engine").rglob("*.py")]
    keys = {m for text in sources for m in pattern.findall(text)}
    keys |= {f"signatures.not_signed_{p}" for p in ("student", "sending", "receiving")}
    keys |= {"transfer.home_side", "transfer.host_side"}
    keys |= {f"input.value.{kind}" for kind in PYDANTIC_ENGLISH}  # pydantic's error types (engine.subjects.problems)
    keys -= {"signatures.not_signed_", "transfer."}
    assert len(keys) > 60
    english = {key: text for source in sources for key, text in _keyed_english(source)}
    english |= {f"input.value.{kind}": text for kind, text in PYDANTIC_ENGLISH.items()}
    assert len(english) > 200
    for lang in ("el", "sr"):
        catalogue = yaml.safe_load((I18N / f"{lang}.yaml").read_text(encoding="utf-8"))
        missing = sorted(k for k in keys if f"reason.{k}" not in catalogue)
        assert not missing, f"{lang}: no wording for {missing}"
        differ = sorted(k for k, text in english.items()
                        if set(re.findall(r"\{(\w+)", catalogue[f"reason.{k}"])) != set(re.findall(r"\{(\w+)", text)))
        assert not differ, f"{lang}: other placeholders than the English in {differ}"


def _keyed_english(source: str):
    """(key, English template) of each because("key", "English" "..." ...) whose English is written as literal text."""
    for m in re.finditer(r'because\(\s*"([^"{]+)",\s*((?:"(?:[^"\\]|\\.)*"\s*|\'(?:[^\'\\]|\\.)*\'\s*)+)[,)]', source):
        yield m.group(1), "".join(s[1:-1] for s in re.findall(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', m.group(2)))


def test_every_text_the_engine_makes_about_the_data_is_worded_in_greek_and_serbian():
    """WordedText labels and titles (a cohort's title, a course table's row, a learning agreement's line), with
    the same placeholders as their English; an OLA's title is the reason reason.import.ola.title."""
    pattern = re.compile(r'WordedText\(\s*"([^"]+)",\s*"([^"]+)"')
    texts = dict(m for p in (ROOT / "engine").rglob("*.py") for m in pattern.findall(p.read_text(encoding="utf-8")))
    assert {"la_line.label", "transcript_line.label", "recognition_line.label", "cohort.title"} <= set(texts)
    for lang in ("el", "sr"):
        catalogue = yaml.safe_load((I18N / f"{lang}.yaml").read_text(encoding="utf-8"))
        for key, english in texts.items():
            assert key in catalogue, f"{lang}: no wording for {key}"
            assert set(re.findall(r"\{(\w+)", catalogue[key])) == set(re.findall(r"\{(\w+)", english)), (lang, key)


def test_every_field_of_every_subject_type_has_a_word_in_each_language():
    for lang in ("en", "el", "sr"):
        cat = field_catalogue(lang)
        missing = [f"{t.name}.{f}" for t in OBJECT_TYPES.values() for f in t.fields if f"{t.name}.{f}" not in cat["fields"]]
        assert not missing, f"{lang}: {missing}"
        assert set(OBJECT_TYPES) <= set(cat["of"])
        stale = (set(cat["fields"]) - {f"{t.name}.{f}" for t in OBJECT_TYPES.values() for f in t.fields}
                 - {f"{t}.{f}" for t, fields in ENGINE_FIELDS.items() for f in fields})
        assert {f"{t}.{f}" for t, fields in ENGINE_FIELDS.items() for f in fields} <= set(cat["fields"]), lang
        assert not stale, f"{lang}: fields no subject type has: {stale}"


def test_requirements_are_sentences_from_the_expression():
    s = wording("el").sentences
    text = s.expr("term.credits >= semester_credits", {"term.credits": "29 πιστωτικές μονάδες",
                                                        "semester_credits": "30 πιστωτικές μονάδες"})
    assert text == ("το σύνολο πιστωτικών μονάδων της περιόδου (29 πιστωτικές μονάδες) είναι τουλάχιστον "
                    "30 πιστωτικές μονάδες")
    assert wording("el").sentences.expr("course.lecturer is known") == "δίνεται το στοιχείο: ο διδάσκων του μαθήματος"
    assert wording("sr").sentences.expr("count(c in year.courses where c.credits is missing) == 0") == \
        "broj stavki (predmeti godine za koje važi: nije naveden podatak „broj ESPB bodova predmeta“) je 0"
    # a user's own parameter and an unknown field stay as written, never dropped
    assert "my_limit" in wording("en").sentences.expr("course.credits <= my_limit")
    assert wording("en").sentences.expr("course.colour == 1") == "course.colour is 1"


def test_a_field_after_an_arithmetic_operator_takes_the_case_the_operator_governs():
    """Serbian 'podeljeno sa' takes the instrumental, Greek 'επί', 'διά' the accusative; the field's owner stays
    in the genitive; a field without that form in the catalogue keeps the nominative; the left operand and
    a comparison's right side stay in the nominative."""
    sr, el = wording("sr").sentences, wording("el").sentences
    assert sr.expr("year.total_hours / year.share >= 1500", {"year.share": "1"}) == \
        "(ukupan broj časova rada godine podeljeno sa srazmernim delom godine (1)) je najmanje 1500"
    assert sr.expr("course.credits * programme.terms_per_year >= 60") == \
        "(broj ESPB bodova predmeta puta broj perioda programa godišnje) je najmanje 60"
    assert wording("sr-Cyrl").sentences.expr("year.total_hours / year.share >= 1500") == \
        "(укупан број часова рада године подељено са сразмерним делом године) је најмање 1500"
    assert el.expr("term.total_hours * programme.terms_per_year >= 1500") == \
        "(οι ώρες φόρτου εργασίας της περιόδου επί τον αριθμό περιόδων του προγράμματος ανά έτος) είναι τουλάχιστον 1500"
    assert el.expr("course.credits / course.contact_hours <= 1") == \
        "(οι πιστωτικές μονάδες του μαθήματος διά τις ώρες διδασκαλίας του μαθήματος) είναι το πολύ 1"
    assert el.expr("course.contact_hours / course.credits <= 1") == \
        "(οι ώρες διδασκαλίας του μαθήματος διά τις πιστωτικές μονάδες του μαθήματος) είναι το πολύ 1"
    # no form in the catalogue (a grade of a row): the nominative, never an empty or English phrase
    assert el.expr("row.count / row.grade <= 1") == ("(ο αριθμός απονομών της γραμμής του πίνακα βαθμολογίας διά ο βαθμός "
                                                    "της γραμμής του πίνακα βαθμολογίας) είναι το πολύ 1")
    assert "transfer.period_months" not in sr.expr("transfer.period_months <= 12")
    assert sr.expr("transfer.period_months <= 12") == "trajanje perioda prenosa u mesecima je najviše 12"


def test_bars_are_coloured_by_the_findings_that_judged_them(reports):
    report = audit("greek_law_4009", ROOT / "examples/programmes/semesters_32_28.yaml", kind="programme", as_of=DAY)
    verdicts = bar_verdicts(report.findings)
    assert verdicts[("term_credits", "1")] is False and verdicts[("year_credits", "1")] is True
    intensive = audit("greek_law_4009", ROOT / "examples/programmes/greek_intensive_msc.yaml", kind="programme",
                      as_of=DAY)
    charts = programme_charts(intensive.section_data()["chart_data"], Labels("el"), bar_verdicts(intensive.findings))
    year = next(c for c in charts if c.key == "year_credits")
    assert "#b35900" not in year.svg  # the lawful 75-credit intensive year is not drawn as failed
