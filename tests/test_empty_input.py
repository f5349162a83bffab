"""An empty input file (no bytes, or only white space) is named as empty, in one line with the file and exit 2,
in the reader's language: not a parser's 'Expecting value' (JSON), 'no element found' (XML), 'no header row'
(a course table) or 'not a readable zip' (a workbook)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from engine.cli.main import main

EMPTY = {"en": "error: {f}: the file is empty", "el": "σφάλμα: {f}: το αρχείο είναι κενό",
         "sr": "greška: {f}: datoteka je prazna", "sr-Cyrl": "грешка: {f}: датотека је празна"}


def _line(*args) -> str:
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    return r.output.strip().splitlines()[-1]


@pytest.mark.parametrize("name, text", [("p.json", ""), ("w.json", "  \n\n"), ("b.json", "\ufeff\n"), ("p.yaml", ""),
                                        ("t.csv", ""), ("t.tsv", "\n"), ("t.xlsx", ""), ("t.ods", "")])
@pytest.mark.parametrize("lang", ["en", "el", "sr", "sr-Cyrl"])
def test_an_empty_programme_file_is_named_empty(tmp_path, name, text, lang):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert _line("check", path, "--rules", "ects_guide_2015", "--lang", lang) == EMPTY[lang].format(f=path)


@pytest.mark.parametrize("command", [("transfer",), ("import", "elmo"), ("import", "ola")])
def test_an_empty_xml_file_is_named_empty(tmp_path, command):
    path = tmp_path / "t.xml"
    path.write_text(" \n", encoding="utf-8")
    rules = ("--rules", "ects_guide_2015") if command == ("transfer",) else ()
    assert _line(*command, path, *rules, "--lang", "el") == EMPTY["el"].format(f=path)


def test_an_empty_transfer_file_is_named_empty(tmp_path):
    path = tmp_path / "t.json"
    path.write_text("", encoding="utf-8")
    assert _line("transfer", path, "--rules", "ects_guide_2015", "--lang", "sr") == EMPTY["sr"].format(f=path)


def test_an_empty_csv_cohort_is_named_empty_with_the_header_it_needs(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("\n", encoding="utf-8")
    assert _line("grades", "table", path) == f"error: {path}:1: the file is empty (expected a header: " \
                                              "group,academic_year,grade,count)"
    assert _line("grades", "table", path, "--lang", "el") == f"σφάλμα: {path}:1: το αρχείο είναι κενό (αναμένεται " \
                                                             "γραμμή επικεφαλίδων: group,academic_year,grade,count)"
