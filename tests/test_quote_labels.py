"""A quote of Greek or Serbian law that is only an English rendering is labelled so in every report format,
in the reader's language; the law's own wording (`quote[sr]`) is shown first where the rule file has it."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from engine.api import audit_programme
from engine.render import render
from web_helpers import client

ROOT = Path(__file__).resolve().parent.parent
FAULTY = str(ROOT / "examples/programmes/faulty_bsc.yaml")
AS_OF = dt.date(2024, 1, 1)
LABELS = {"en": "English rendering from a secondary source, not the official text",
          "el": "αγγλική απόδοση από δευτερογενή πηγή, όχι το επίσημο κείμενο",
          "sr": "engleski prevod iz sekundarnog izvora, nije zvaničan tekst"}
GREEK_QUOTE = "The burden of work during an academic year of full-time education is assessed at sixty credits."


@pytest.fixture(scope="module")
def greek():
    return audit_programme("greek_law_4009", FAULTY, as_of=AS_OF)


@pytest.mark.parametrize("lang", ["en", "el", "sr"])
@pytest.mark.parametrize("fmt", ["text", "html", "md", "junit"])
def test_english_rendering_of_greek_law_is_labelled(greek, fmt, lang):
    out = render([greek], fmt, lang)
    assert LABELS[lang] in out
    at = out.index("The burden of work")
    assert LABELS[lang] in out[at:at + 400]  # beside the quote it labels


@pytest.mark.parametrize("show", ["all", "problems"])
def test_json_sources_carry_the_label(greek, show):
    data = json.loads(render([greek], "json", "el", show=show))
    by_quote = {s.get("quote"): s for s in data["sources"]}
    assert by_quote[GREEK_QUOTE]["quote_label"] == LABELS["el"]
    assert by_quote[GREEK_QUOTE]["unofficial_translation"] is True
    guide = [s for s in data["sources"] if s.get("language") is None and s.get("quote")]
    assert guide and all("quote_label" not in s for s in guide)  # an English source's quote needs none


def test_original_wording_is_shown_first():
    r = audit_programme("serbian_credit_act", FAULTY, as_of=AS_OF)
    out = render([r], "text", "sr")
    assert "Zbir od 60 ESPB bodova odgovara" in out  # quote[sr], the law's own words


def test_english_source_quotes_are_not_labelled():
    out = render([audit_programme("ects_guide_2015", FAULTY, as_of=AS_OF)], "text", "el")
    assert LABELS["el"] not in out


def test_greek_notes_say_their_english_quotes_are_renderings(greek):
    out = render([greek], "text", "el")
    assert "το επίσημο ελληνικό κείμενο δεν διαβάστηκε" in out
    assert "0.5" not in out and "year.share = 0,5" in out  # a Greek text writes a decimal comma
    assert "«Programme context»), ιστοσελίδα «Programme context»" not in out


@pytest.mark.parametrize("lang", ["en", "el", "sr"])
def test_web_rule_set_page_labels_english_renderings(lang):
    """The rule-set page of the web application labels an English rendering of Greek law as the reports do,
    and gives the Serbian law's own wording before its English rendering."""
    web = client()
    page = web.get(f"/rulesets/greek_law_4009?as_of=2024-01-01&lang={lang}").text
    at = page.index("The burden of work")
    assert f'<span class="quote-label">({LABELS[lang]})</span>' in page[at:at + 400]
    assert LABELS[lang] not in web.get(f"/rulesets/ects_guide_2015?lang={lang}").text  # an English source's quote
    serbian = web.get(f"/rulesets/serbian_credit_act?as_of=2024-01-01&lang={lang}").text
    original = serbian.index("Zbir od 60 ESPB bodova odgovara")
    assert LABELS[lang] in serbian[original:]
