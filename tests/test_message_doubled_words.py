"""No finding's message says a word twice in a row ("a first cycle-cycle programme"): a rule's message
template must not repeat a word that the value it inserts already carries (a cycle is worded "first cycle").
Every example programme and transfer is audited under every rule set and its messages read in every language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.api import audit
from engine.render.wording import finding_text

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = sorted(p for p in (ROOT / "examples").glob("*/*")
                  if p.parent.name in ("programmes", "transfers") and p.suffix == ".yaml")
RULESETS = ("ects_guide_2015", "greek_law_4009", "serbian_credit_act")
DOUBLED = re.compile(r"\b(\w{3,})[- ]\1\b", re.IGNORECASE)


def doubled_words(text: str) -> list[str]:
    """The words of `text` said twice in a row, joined by a space or a hyphen."""
    return [m.group(0) for m in DOUBLED.finditer(text)]


def test_the_reader_finds_a_doubled_word():
    assert doubled_words("A first cycle-cycle programme") == ["cycle-cycle"]
    assert doubled_words("Program (ciklus prvi ciklus)") == []
    assert doubled_words("A first cycle programme of 180 credits") == []


@pytest.mark.parametrize("ruleset", RULESETS)
@pytest.mark.parametrize("path", SUBJECTS, ids=[f"{p.parent.name}-{p.stem}" for p in SUBJECTS])
def test_no_message_says_a_word_twice(path, ruleset):
    report = audit(ruleset, path)
    found = {}
    for finding in report.findings:
        for lang in ("en", "el", "sr"):
            for word in doubled_words(finding_text(finding, lang).message):
                found.setdefault(word, f"{finding.rule} ({lang}): {finding_text(finding, lang).message[:140]}")
    assert not found, "\n".join(f"{w}: {where}" for w, where in found.items())
