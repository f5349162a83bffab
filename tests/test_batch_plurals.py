"""The batch summary's counts in the plural form each takes (CLDR plural rules, through Babel): English and
Greek one/other ("1 αποτυχία", "2 αποτυχίες"), Serbian one/few/other (1, 21: one; 2-4, 22: few; 5, 11, 12:
other), in the text, Markdown and HTML summaries alike."""
from __future__ import annotations

import shutil

import pytest

from cli_helpers import PROGRAMMES, run
from engine.render.i18n import Labels
from engine.render.summary import BatchSummary, SubjectOutcome


def _summary(audited: int, unreadable: int, fail: int, undecided: int) -> BatchSummary:
    """`audited` subjects (rule r failed in the first `fail`, was undecided in the next `undecided`) and
    `unreadable` files."""
    summary = BatchSummary()
    for i in range(audited):
        status = "fail" if i < fail else "indeterminate" if i < fail + undecided else "pass"
        summary.add(SubjectOutcome(f"s{i}", None, "compliant", {}, {"r": status}, "set", "2024-01-01"))
    for i in range(unreadable):
        summary.add_unreadable(f"bad{i}.yaml", "unreadable")
    return summary


@pytest.mark.parametrize("lang, counts, words", [
    ("en", (1, 0, 1, 0), ("1 file given · 1 audited · 0 not readable", "r  1 failed, 0 undecided")),
    ("en", (2, 1, 1, 1), ("3 files given · 2 audited · 1 not readable", "r  1 failed, 1 undecided")),
    ("el", (1, 0, 1, 0), ("1 αρχείο · 1 ελέγχθηκε · 0 δεν διαβάστηκαν", "r  1 αποτυχία, 0 δεν κρίθηκαν")),
    ("el", (1, 1, 0, 1), ("2 αρχεία · 1 ελέγχθηκε · 1 δεν διαβάστηκε", "r  0 αποτυχίες, 1 δεν κρίθηκε")),
    ("el", (4, 2, 2, 2), ("6 αρχεία · 4 ελέγχθηκαν · 2 δεν διαβάστηκαν", "r  2 αποτυχίες, 2 δεν κρίθηκαν")),
    ("sr", (1, 0, 1, 0), ("1 datoteka · 1 proverena · 0 nije pročitano", "r  1 neispunjen, 0 neodlučeno")),
    ("sr", (2, 1, 2, 0), ("3 datoteke · 2 proverene · 1 nije pročitana", "r  2 neispunjena, 0 neodlučeno")),
    ("sr", (5, 0, 1, 4), ("5 datoteka · 5 provereno · 0 nije pročitano", "r  1 neispunjen, 4 neodlučena")),
    ("sr", (21, 1, 11, 10), ("22 datoteke · 21 proverena · 1 nije pročitana", "r  11 neispunjeno, 10 neodlučeno")),
    ("sr", (11, 3, 0, 0), ("14 datoteka · 11 provereno · 3 nisu pročitane", "")),
    ("sr-Cyrl", (1, 2, 1, 0), ("3 датотеке · 1 проверена · 2 нису прочитане", "r  1 неиспуњен, 0 неодлучено")),
])
def test_the_text_summary_words_each_count_in_its_plural_form(lang, counts, words):
    line, rule_line = words
    text = _summary(*counts).text(lang)
    assert f": {line}\n" in text and rule_line in text


def test_a_count_falls_back_to_the_other_form_then_to_english():
    el = Labels("el")
    assert el.count("batch.files", 1) == "1 αρχείο" and el.count("batch.files", 0) == "0 αρχεία"
    assert Labels("sr").count("batch.files", 3) == "3 datoteke"
    assert Labels("en").count("batch.audited", 1) == "1 audited"  # no "one" form: the other form


@pytest.fixture
def one_good_one_broken(tmp_path):
    folder = tmp_path / "progs"
    folder.mkdir()
    shutil.copy(PROGRAMMES / "faulty_bsc.yaml", folder / "a.yaml")
    (folder / "b_broken.yaml").write_text("id: x\nyears: [\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
@pytest.mark.parametrize("lang, line", [("el", "2 αρχεία · 1 ελέγχθηκε · 1 δεν διαβάστηκε"),
                                        ("sr", "2 datoteke · 1 proverena · 1 nije pročitana")])
def test_each_format_words_the_counts_of_a_batch_in_its_plural_form(one_good_one_broken, fmt, lang, line):
    code, out, _ = run("check", one_good_one_broken, "--rules", "ects_guide_2015", "--as-of", "2024-01-01",
                       "--lang", lang, "--format", fmt)
    assert code == 2 and line in out
    if fmt == "text":  # faulty_bsc fails rules: each failed in the one subject
        assert ("1 αποτυχία, 0 δεν κρίθηκαν" if lang == "el" else "1 neispunjen, 0 neodlučeno") in out
