"""The batch summary calls the failures of a warning-severity rule warnings, as the reports do, and gives
the subjects where a rule was waived, in every format that has the summary and in en, el and sr."""
from __future__ import annotations

import json
import re

import pytest

from cli_helpers import run

ARGS = ("check", "examples/programmes", "--rules", "ects_guide_2015", "--as-of", "2024-01-01", "-q")


def _summary(fmt: str, lang: str = "en") -> str:
    return run(*ARGS, "--format", fmt, "--lang", lang)[1]


@pytest.mark.parametrize("lang, warning, failed, waived", [
    ("en", r"whole_credits +2 warnings, 0 undecided$", r"year_credits +3 failed, 3 undecided$",
     r"credits_positive +1 failed, 0 undecided, 1 waived$"),
    ("el", r"whole_credits +2 προειδοποιήσεις, 0 δεν κρίθηκαν$", r"year_credits +3 αποτυχίες, 3 δεν κρίθηκαν$",
     r"credits_positive +1 αποτυχία, 0 δεν κρίθηκαν, 1 εγκεκριμένη απόκλιση$"),
    ("sr", r"whole_credits +2 upozorenja, 0 neodlučeno$", r"year_credits +3 neispunjena, 3 neodlučena$",
     r"credits_positive +1 neispunjen, 0 neodlučeno, 1 odobreno odstupanje$"),
])
def test_text_summary_says_warnings_and_waived(lang, warning, failed, waived):
    out = _summary("text", lang)
    for line in (warning, failed, waived):
        assert re.search(line, out, re.M), line


def test_jsonl_summary_gives_each_rules_severity():
    last = json.loads(_summary("jsonl").splitlines()[-1])["batch_summary"]
    rules = {r["rule"]: r for r in last["rules"]}
    assert rules["whole_credits"]["severity"] == "warning" and rules["year_credits"]["severity"] == "error"
    assert rules["credits_positive"]["waived"] == 1


def test_markdown_and_html_summaries_have_a_warnings_column():
    md = _summary("md")
    assert re.search(r"^\| `whole_credits` \| 0 \| 2 \| 0 \| 0 \|$", md, re.M)
    assert re.search(r"^\| `credits_positive` \| 1 \| 0 \| 0 \| 1 \|$", md, re.M)
    html = _summary("html", "el")
    assert "<th scope=\"col\" class=\"num\">Προειδοποίηση</th>" in html
    assert re.search(r'<code>whole_credits</code></th><td class="num">0</td><td class="num">2</td>', html)
