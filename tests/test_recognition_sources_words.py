"""The recognition of a home component says in sentences what the transcript shows of the components it is
based on (one component, or several in the plural form the count takes), in en, el and sr."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from engine.api import audit
from engine.render import render

ROOT = Path(__file__).resolve().parent.parent
FAILED = ROOT / "examples/transfers/failed_component.yaml"
AS_OF = dt.date(2025, 6, 1)


def _message(path: Path, lang: str, code: str) -> str:
    r = audit("ects_guide_2015", path, kind="transfer", as_of=AS_OF)
    text = render([r], "text", lang)
    found = re.search(rf"^ +({re.escape(code)} [^\n]*(?:\n {{8}}[^\n]*)*)", text.split("recognition_only_passed", 1)[1], re.M)
    return " ".join(found.group(1).split())


def _with_sources(tmp_path: Path, sources: list[str]) -> Path:
    text = FAILED.read_text(encoding="utf-8").replace("from_components: [1000-217bMRJ]",
                                                      f"from_components: [{', '.join(sources)}]")
    out = tmp_path / "transfer.yaml"
    out.write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("lang, words", [
    ("en", "MYY802 'Compilers' (6 credits) is based on 1 component, which was not passed."),
    ("el", "MYY802 «Compilers» (6 πιστωτικές μονάδες): βασίζεται σε 1 μάθημα, το οποίο δεν εξετάστηκε επιτυχώς."),
    ("sr", "MYY802 „Compilers“ (6 ESPB bodova): zasniva se na 1 komponenti, koja nije položena."),
])
def test_one_failed_component(lang, words):
    assert _message(FAILED, lang, "MYY802") == words


@pytest.mark.parametrize("lang, words", [
    ("en", "is based on 2 components; not passed: 1000-217bMRJ."),
    ("el", "βασίζεται σε 2 μαθήματα· χωρίς επιτυχία: 1000-217bMRJ."),
    ("sr", "zasniva se na 2 komponente; od toga nije položeno: 1000-217bMRJ."),
])
def test_several_components_name_the_failed_one(tmp_path, lang, words):
    path = _with_sources(tmp_path, ["1000-217bMRJ", "1000-214bWWW"])
    assert _message(path, lang, "MYY802").endswith(words)


def test_passed_components_in_plural(tmp_path):
    path = _with_sources(tmp_path, ["1000-2M09ZBD", "1000-214bWWW"])
    assert _message(path, "en", "MYY802").endswith("is based on 2 components, all on the transcript and all passed.")


def test_missing_component_is_named(tmp_path):
    path = _with_sources(tmp_path, ["NOPE-1"])
    assert _message(path, "sr", "MYY802").endswith("zasniva se na 1 komponenti, koje nema u prepisu ocena.")
