"""The one-line errors of the readers other than YAML and JSON (CSV cohorts, course tables, XML) and of their
limits, in the reader's language, with the file and line kept; in English, the line as it always was."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from engine.cli.main import main
from engine.limits import MAX_UNPACKED_BYTES, over_limit
from engine.render.wording import wording
from engine.semantics.reasons import Count, because

ROOT = Path(__file__).resolve().parent.parent


def _line(*args) -> str:
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    return r.output.strip().splitlines()[-1]


def _cohort(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {lang: _line("grades", "table", path, "--lang", lang) for lang in ("en", "el", "sr", "sr-Cyrl")}, path


def test_a_csv_cohorts_unknown_column_is_worded_with_its_suggestion(tmp_path):
    lines, path = _cohort(tmp_path, "c.csv", "group,academic_year,grade,cuont\n")
    columns = "group, academic_year, grade, count, field, cycle, institution, title"
    assert lines["en"] == f"error: {path}:1: unknown column 'cuont' (did you mean 'count'?) (columns: {columns})"
    assert lines["el"] == f"σφάλμα: {path}:1: άγνωστη στήλη «cuont» (μήπως εννοείτε «count»;) (στήλες: {columns})"
    assert lines["sr-Cyrl"] == f"грешка: {path}:1: непозната колона «cuont» (да ли сте мислили на „count“?) " \
                               f"(колоне: {columns})"


def test_a_bad_count_and_a_grade_counted_twice_are_worded(tmp_path):
    lines, path = _cohort(tmp_path, "c.csv", "group,academic_year,grade,count\ng1,2022-23,8,x\n")
    assert lines["en"] == f"error: {path}:2: group 'g1': a count must be a whole number, not 'x'"
    assert lines["el"] == f"σφάλμα: {path}:2: ομάδα «g1»: το πλήθος πρέπει να είναι ακέραιος αριθμός, όχι 'x'"
    assert lines["sr"] == f"greška: {path}:2: grupa «g1»: broj mora biti ceo, a ne 'x'"
    lines, path = _cohort(tmp_path, "d.csv", "group,academic_year,grade,count\ng1,2022-23,8,3\ng1,2022-23,8,4\n")
    assert lines["en"] == f"error: {path}:3: group 'g1': grade 8 is counted twice for academic year 2022-23 " \
                          "(first on line 2)"
    assert lines["sr-Cyrl"] == f"грешка: {path}:3: група «g1»: оцена 8 је бројана двапут за школску годину " \
                               "2022-23 (први пут у реду 2)"
    lines, path = _cohort(tmp_path, "e.yaml", "groups:\n  - id: g1\n    counts:\n      2022-23: {8: -1}\n")
    assert lines["en"] == f"error: {path}:4: group 'g1': a count must not be negative, got -1"
    assert lines["el"] == f"σφάλμα: {path}:4: ομάδα «g1»: το πλήθος δεν μπορεί να είναι αρνητικό· δόθηκε -1"


def _lines(*args) -> dict[str, str]:
    return {lang: _line(*args, "--lang", lang) for lang in ("en", "el", "sr", "sr-Cyrl")}


def test_the_limits_of_a_course_table_are_worded(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(201)) + "\n", encoding="utf-8")
    lines = _lines("check", wide, "--rules", "ects_guide_2015")
    assert lines["en"] == f"error: {wide}!GS1: 201 columns: not a study plan (the limit is 200; see docs/limits.md)"
    assert lines["el"] == f"σφάλμα: {wide}!GS1: 201 στήλες: δεν είναι πρόγραμμα σπουδών (το όριο είναι 200· βλ. " \
                          "docs/limits.md)"
    assert lines["sr-Cyrl"] == f"грешка: {wide}!GS1: колона: 201; то није студијски програм (ограничење је 200; " \
                               "види docs/limits.md)"


def test_the_limits_and_refusals_of_an_xml_file_are_worded(tmp_path):
    deep = tmp_path / "deep.xml"
    deep.write_text("<a>" * 70 + "</a>" * 70, encoding="utf-8")
    lines = _lines("import", "elmo", deep)
    assert lines["en"] == f"error: {deep}:1:193: elements nested too deeply (the limit is 64; see docs/limits.md)"
    assert lines["sr"] == f"greška: {deep}:1:193: elementi su ugnežđeni preduboko (ograničenje je 64; vidi " \
                          "docs/limits.md)"
    doctype = tmp_path / "doctype.xml"
    doctype.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x/>\n', encoding="utf-8")
    lines = _lines("import", "ola", doctype)
    assert lines["en"] == f"error: {doctype}:2:13: DOCTYPE declarations are not accepted in XML input (possible " \
                          "entity expansion attack)"
    assert lines["el"] == f"σφάλμα: {doctype}:2:13: οι δηλώσεις DOCTYPE δεν γίνονται δεκτές σε αρχεία XML (πιθανή " \
                          "επίθεση επέκτασης οντοτήτων)"


def test_a_limit_in_bytes_or_rows_keeps_its_english_and_is_worded():
    unpacked = over_limit(because("limit.unpacked", "the workbook unpacks to {n} bytes", n=Count(40_000_000)),
                          MAX_UNPACKED_BYTES, "bytes")
    assert str(unpacked) == "the workbook unpacks to 40,000,000 bytes (the limit is 33,554,432 bytes; see docs/limits.md)"
    assert wording("el").reason(unpacked) == ("το βιβλίο εργασίας αποσυμπιέζεται σε 40000000 byte (το όριο είναι "
                                              "33554432 byte· βλ. docs/limits.md)")
    assert str(over_limit("a sheet", 5, "rows")) == "a sheet (the limit is 5 rows; see docs/limits.md)"


def test_a_course_tables_common_errors_are_worded(tmp_path):
    nohead = tmp_path / "nohead.csv"
    nohead.write_text("Nothing,here\na,b\n", encoding="utf-8")
    lines = _lines("check", nohead, "--rules", "ects_guide_2015")
    assert lines["en"] == f"error: {nohead}: no header row found among the first 40 rows (a row naming a credits " \
                          "column and a title or code column, e.g. Code | Title | Semester | ECTS); name the columns " \
                          "with --columns code=...,title=...,term=...,credits=..."
    assert lines["sr-Cyrl"].startswith(f"грешка: {nohead}: међу првих 40 редова није пронађен ред заглавља")
    assert lines["sr-Cyrl"].endswith("помоћу «--columns» code=...,title=...,term=...,credits=...")
    nocycle = tmp_path / "nocycle.csv"
    nocycle.write_text("Code,Title,Semester,ECTS\nX1,Algebra,1,6\n", encoding="utf-8")
    lines = _lines("check", nocycle, "--rules", "ects_guide_2015")
    assert lines["en"] == f"error: {nocycle}: the table does not say the programme's cycle: add --field cycle=first " \
                          "(short, first, second or third) or a 'cycle' row on a Programme sheet"
    assert lines["el"] == f"σφάλμα: {nocycle}: ο πίνακας δεν αναφέρει τον κύκλο σπουδών του προγράμματος: " \
                          "προσθέστε «--field cycle=first» («short», «first», «second» ή «third») ή μια γραμμή " \
                          "«cycle» σε φύλλο «Programme»"


def test_a_cohort_of_several_groups_and_a_file_not_elmo_are_worded(tmp_path):
    cohort = ROOT / "examples" / "grades" / "greek-informatics.csv"
    lines = _lines("grades", "table", cohort)
    ids = "gr-informatics-first, gr-informatics-second"
    assert lines["en"] == f"error: {cohort}: the cohort has 2 groups; choose one with --group ({ids})"
    assert lines["el"] == f"σφάλμα: {cohort}: η κοόρτη έχει 2 ομάδες· επιλέξτε μία με «--group» ({ids})"
    foo = tmp_path / "foo.xml"
    foo.write_text('<?xml version="1.0"?>\n<foo/>\n', encoding="utf-8")
    lines = _lines("import", "elmo", foo)
    assert lines["en"] == f"error: {foo}:2: not an ELMO file: the root element is <foo>, expected <elmo>"
    assert lines["sr-Cyrl"] == f"грешка: {foo}:2: није ELMO датотека: коренски елемент је «<foo>», а очекује се «<elmo>»"


def test_a_group_not_in_the_cohort_is_worded_with_its_suggestion():
    cohort = ROOT / "examples" / "grades" / "greek-informatics.csv"
    lines = _lines("grades", "table", cohort, "--group", "gr-informatics-frist")
    ids = "gr-informatics-first, gr-informatics-second"
    assert lines["en"] == f"error: {cohort}: no group 'gr-informatics-frist' (did you mean 'gr-informatics-first'?) " \
                          f"(groups: {ids})"
    assert lines["el"] == f"σφάλμα: {cohort}: δεν υπάρχει ομάδα «gr-informatics-frist» (μήπως εννοείτε " \
                          f"«gr-informatics-first»;) (ομάδες: {ids})"


def test_a_yaml_cohorts_group_given_twice_and_grade_off_its_scale_are_worded(tmp_path):
    twice = tmp_path / "twice.yaml"
    twice.write_text("groups:\n  - id: g\n    counts: {2022-23: {8: 1}}\n  - id: g\n    counts: {2022-23: {8: 1}}\n",
                     encoding="utf-8")
    lines = _lines("grades", "table", twice)
    assert lines["en"] == f"error: {twice}:4: group id 'g' is used twice (first on line 2)"
    assert lines["sr"] == f"greška: {twice}:4: oznaka grupe «g» upotrebljena je dvaput (prvi put u redu 2)"
