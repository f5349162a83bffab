"""Rules in the reader's language: every bundled rule in en, el and sr, a user's rules may be English only;
original-language quotes (`quote[el]`, `quote[sr]`) and unofficial English translations of foreign law."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
from click.testing import CliRunner

from engine.ruleset import compose as rulesets
from engine.cli.main import main
from engine.ruleset.compiled import BUNDLED_LANGUAGES, compile_ruleset, load_ruleset
from engine.dsl.parser import parse_text
from engine.dsl.unparse import unparse
from engine.errors import RuleSetError
from engine.ruleset.compose import compose, list_bundled

ENGLISH_ONLY = '''ruleset mine extends ects_guide_2015
  title "My institution"
source inst "The institution's general act on study programmes"
rule inst_thesis_credits
  title "The thesis carries at least 10 credits"
  severity error
  cite inst "art. 12"
  for each course in programme.courses where course.type == "thesis"
  require course.credits >= 10 credits
  message "{course.code} carries {course.credits}."
'''

ZVO = '''ruleset demo
  title "Demo"
source zvo "Zakon o visokom obrazovanju" language sr
source guide "A guide in English"
'''


def _rule(cite: str) -> str:
    return f'rule r\n  title "R"\n  severity error\n  {cite}\n  require programme.credits >= 60 credits\n'


@pytest.mark.parametrize("name", list_bundled())
def test_every_bundled_rule_has_its_title_and_message_in_english_greek_and_serbian(name):
    rs = load_ruleset(name)
    gaps = [(r.id, str(r.decl.pos), missing) for r, missing in rs.untranslated()]
    gaps += [(g.what, str(g.pos), g.missing) for g in rs.untranslated_texts()]
    assert gaps == [], f"bundled rules are written in {', '.join(BUNDLED_LANGUAGES)}: {gaps}"


@pytest.mark.parametrize("name", list_bundled())
def test_every_translation_of_a_message_shows_the_same_values_as_the_english(name):
    rs = load_ruleset(name)
    for rule in (x for versions in rs.rules.values() for r in versions for x in (r, *r.exceptions)):
        holes = {lang: sorted(unparse(p) for p in t.parts if not isinstance(p, str))
                 for lang, t in rule.decl.messages.items()}
        for lang, values in holes.items():
            assert values == holes["en"], f"{rule.id} message[{lang}] shows other values than the English one"


def test_a_users_rule_may_be_english_only_and_falls_back_to_english_marked_as_such(write):
    folder = write("mine/mine.rules", ENGLISH_ONLY).parent
    rs = compile_ruleset(compose(str(folder)))
    [rule] = rs.rules["inst_thesis_credits"]
    assert rule.message("el") is rule.message("en")
    assert rule.message_language("el") == "en" and rule.message_language("en") == "en"
    assert rule.title_language("sr") == "en"
    [guide_rule] = rs.rules["year_credits"]
    assert guide_rule.message_language("el") == "el" and guide_rule.title_language("sr") == "sr"
    assert rule.missing_languages(BUNDLED_LANGUAGES) == ["title[el]", "message[el]", "title[sr]", "message[sr]"]


def test_rules_check_notes_an_english_only_user_rule_without_failing(write):
    folder = write("mine/mine.rules", ENGLISH_ONLY).parent
    result = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert result.exit_code == 0
    assert "lacks" not in result.output  # no per-rule translation warning for a user's own folder
    assert "note: 4 text(s) of the rule files (titles, messages, notes, sources, reasons, article texts) " \
           "are not in all of en, el, sr" in result.output  # the set's title, the rule, its source, its "art. 12"


def test_rules_check_warns_when_a_bundled_rule_lacks_a_language(write, monkeypatch):
    folder = write("bundled/mine/mine.rules", ENGLISH_ONLY).parent
    shutil.copytree(rulesets.bundled_rules_dir() / "ects_guide_2015", folder.parent / "ects_guide_2015")
    monkeypatch.setattr(rulesets, "bundled_rules_dir", lambda: folder.parent)
    result = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert result.exit_code == 0
    assert ("rule 'inst_thesis_credits' lacks title[el], message[el], title[sr], message[sr] "
            "(bundled rules are written in en, el and sr)") in result.output
    assert "mine.rules:4:1" in result.output


def test_a_citation_carries_the_original_text_beside_the_english():
    [decl] = [d for d in parse_text(ZVO + _rule('cite zvo "Art. 104" quote "Grade 5 is not passing." '
                                               'quote[sr] "Ocena 5 nije prelazna." confidence primary')).declarations
              if d.__class__.__name__ == "RuleDecl"]
    [c] = decl.citations
    assert c.quote == "Grade 5 is not passing." and c.quotes == {"sr": "Ocena 5 nije prelazna."}
    assert c.confidence == "primary"


def test_two_quotes_in_one_language_are_an_error():
    with pytest.raises(RuleSetError, match="two quotes in language 'sr'"):
        parse_text(ZVO + _rule('cite zvo "Art. 1" quote[sr] "a" quote[sr] "b"'))


def test_a_source_language_is_a_two_letter_code():
    with pytest.raises(RuleSetError, match="'serbian' is not a language code"):
        parse_text('source zvo "Zakon" language serbian\n')


def test_an_original_quote_must_be_in_the_sources_language(write):
    folder = write("demo/demo.rules", ZVO + _rule('cite guide "p. 1" quote[sr] "tekst"')).parent
    with pytest.raises(RuleSetError, match=r"quote\[sr\] is for the original text .* source 'guide'"):
        compile_ruleset(compose(str(folder)))


def test_an_english_quote_of_greek_law_is_marked_as_an_unofficial_translation():
    rs = load_ruleset("greek_law_4009")
    [term] = [r for r in rs.rules["term_credits"]]
    [cite] = term.citations
    assert cite.source == "l3374" and cite.language == "el" and cite.unofficial_translation
    assert cite.original("el") is None  # no Greek text of the law is in the project's sources
    assert cite.to_dict()["unofficial_translation"] is True
    guide_cite = load_ruleset("ects_guide_2015").rules["year_credits"][0].citations[0]
    assert not guide_cite.unofficial_translation and "unofficial_translation" not in guide_cite.to_dict()


def test_a_serbian_original_is_shown_without_an_invented_english_quote():
    [cite] = load_ruleset("serbian_credit_act").rules["rs_grade_5_not_passing"][0].citations
    assert cite.original("sr") == "Оцена 5 није прелазна и не уписује се у индекс."
    assert cite.quote is None and not cite.unofficial_translation
    assert cite.to_dict()["quotes"] == {"sr": "Оцена 5 није прелазна и не уписује се у индекс."}


def _version(rs, rule_id: str, day: dt.date):
    return next(r for r in rs.rules[rule_id] if r.in_force.covers(day))


def test_the_serbian_2025_amendment_shows_in_audits_after_its_publication():
    rs = load_ruleset("serbian_credit_act")
    before = _version(rs, "master_academic_credits", dt.date(2025, 3, 5))
    after = _version(rs, "master_academic_credits", dt.date(2025, 3, 6))
    assert "zvo2025" not in {c.source for c in rs.citations_of(before, dt.date(2025, 3, 5))}
    first, second = after.citations
    assert first.source == "zvo2025" and "item 3 onward" in first.ref and first.original("sr").startswith("Master akademske")
    assert second.confidence == "unverified"
    assert after.severity == "error" and "may no longer apply" in "".join(
        p for p in after.messages["en"].parts if isinstance(p, str))
    doctoral = _version(rs, "doctoral_credits", dt.date(2026, 1, 1))
    assert any(c.source == "zvo2025" and c.confidence == "unverified"
               for c in rs.citations_of(doctoral, dt.date(2026, 1, 1)))
    assert not any(c.source == "zvo2025" for c in rs.citations_of(doctoral, dt.date(2024, 1, 1)))


def test_severity_follows_the_text_and_confidence_carries_the_doubt():
    rs = load_ruleset("serbian_credit_act")
    [teaching] = rs.rules["active_teaching_hours"]
    assert teaching.severity == "error"
    assert any(c.confidence == "unverified" and "not verified" in c.ref for c in teaching.citations)
    greek = load_ruleset("greek_law_4009")
    for rule_id in ("postgraduate_min_credits", "max_specialisations"):
        current = _version(greek, rule_id, dt.date(2024, 1, 1))
        assert current.severity == "error" and current.citations[0].confidence == "unverified"
    guide = load_ruleset("ects_guide_2015")
    assert "term_tolerance" not in guide.params
    assert guide.rules["term_credits"][0].severity == "warning"
