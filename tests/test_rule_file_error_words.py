"""A rule set's files that cannot be read in the reader's language (`ects check --rules FOLDER --lang ...`): a
syntax error, a file that is not UTF-8, a folder without a `ruleset` declaration, an unknown source, name or
field; in English, the lines as they always were."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from engine.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "examples" / "programmes" / "compliant_bsc.yaml"
GUIDE = ROOT / "rules" / "ects_guide_2015"


def _errors(folder: Path) -> dict[str, list[str]]:
    out = {}
    for lang in ("en", "el", "sr", "sr-Cyrl"):
        r = CliRunner().invoke(main, ["check", str(PROGRAMME), "--rules", str(folder), "--lang", lang])
        assert r.exit_code == 2 and "Traceback" not in r.output, r.output
        out[lang] = [line for line in r.output.splitlines() if not line.startswith(" ")]
    return out


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(GUIDE, folder, ignore=shutil.ignore_patterns("tests"))
    main_file = folder / "ects_guide_2015.rules"
    text = main_file.read_text(encoding="utf-8")
    assert old in text
    main_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return main_file


def test_a_syntax_error_is_worded_with_the_tokens_expected(tmp_path):
    file = _copy(tmp_path, "full_time_year_credits = 60 credits", "full_time_year_credits = = 60 credits")
    lines = _errors(file.parent)
    assert lines["en"] == [f"error: {file}:40:36: unexpected '='; expected a number, a quoted text, false, lbrace, true"]
    assert lines["el"] == [f"σφάλμα: {file}:40:36: μη αναμενόμενο «=»· αναμενόταν: ένας αριθμός, ένα κείμενο σε "
                           "εισαγωγικά, false, lbrace, true"]
    assert lines["sr"] == [f"greška: {file}:40:36: neočekivano „=“; očekivano: broj, tekst pod navodnicima, false, lbrace, "
                           "true"]


def test_an_unknown_source_and_field_are_worded(tmp_path):
    file = _copy(tmp_path, "require year.credits ==", "require year.credit ==")
    text = file.read_text(encoding="utf-8").replace('cite guide "§1 ECTS key features, p.10"',
                                                    'cite guid "§1 ECTS key features, p.10"', 1)
    file.write_text(text, encoding="utf-8")
    lines = _errors(file.parent)
    assert lines["en"] == [f"error: {file}:41:3: cites an unknown source 'guid' (did you mean 'guide'?)",
                           f"error: {file}:126:11: Year has no field 'credit' (did you mean 'credits'?)"]
    assert lines["el"] == [f"σφάλμα: {file}:41:3: παραπέμπει σε άγνωστη πηγή «guid» (μήπως εννοείτε «guide»;)",
                           f"σφάλμα: {file}:126:11: ο τύπος «Year» δεν έχει πεδίο «credit» (μήπως εννοείτε «credits»;)"]
    assert lines["sr-Cyrl"] == [f"грешка: {file}:41:3: наводи непознат извор «guid» (да ли сте мислили на „guide“?)",
                                f"грешка: {file}:126:11: тип «Year» нема поље «credit» (да ли сте мислили на „credits“?)"]


def test_an_unknown_name_and_a_rule_without_title_or_require_are_worded(tmp_path):
    file = _copy(tmp_path, "require year.credits ==", "require yaer.credits ==")
    lines = _errors(file.parent)
    assert lines["en"] == [f"error: {file}:126:11: unknown name 'yaer' (did you mean 'year'?)"]
    assert lines["el"] == [f"σφάλμα: {file}:126:11: άγνωστο όνομα «yaer» (μήπως εννοείτε «year»;)"]
    assert lines["sr"] == [f"greška: {file}:126:11: nepoznato ime «yaer» (da li ste mislili na „year“?)"]


def test_a_folder_without_a_declaration_and_a_file_not_utf8_are_worded(tmp_path):
    (tmp_path / "a.rules").write_text("# nothing yet\n", encoding="utf-8")
    lines = _errors(tmp_path)
    assert lines["en"] == [f"error: {tmp_path}: no file in this folder declares 'ruleset NAME'"]
    assert lines["el"] == [f"σφάλμα: {tmp_path}: κανένα αρχείο του φακέλου δεν δηλώνει «ruleset ΟΝΟΜΑ»"]
    assert lines["sr"] == [f"greška: {tmp_path}: nijedna datoteka u fascikli ne deklariše «ruleset» IME"]
    (tmp_path / "a.rules").write_bytes(b"\xff\xfe")
    lines = _errors(tmp_path)
    assert lines["en"] == [f"error: {tmp_path / 'a.rules'}: rule file is not UTF-8 text (invalid start byte at byte 0)"]
    assert lines["el"] == [f"σφάλμα: {tmp_path / 'a.rules'}: το αρχείο κανόνων δεν είναι κείμενο UTF-8 (σφάλμα "
                           "«invalid start byte» στο byte 0)"]


def test_a_date_that_is_not_one_in_a_rule_file_is_worded(tmp_path):
    file = _copy(tmp_path, "in force from 2015-05-14", "in force from 2015-13-14")
    lines = _errors(file.parent)
    assert lines["en"] == [f"error: {file}:15:17: '2015-13-14' is not a valid date (YYYY-MM-DD)"]
    assert lines["el"] == [f"σφάλμα: {file}:15:17: το «2015-13-14» δεν είναι έγκυρη ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ)"]
    assert lines["sr"] == [f"greška: {file}:15:17: „2015-13-14“ nije ispravan datum (GGGG-MM-DD)"]
