"""`ects grades suggest`: its one-line errors (no home grading table, options given apart, grades that could not
be converted, a table without a pass mark) in the reader's language; in English, the line as it always was."""
from __future__ import annotations

from pathlib import Path

from cli_helpers import lines_in_each_language

ROOT = Path(__file__).resolve().parent.parent
TRANSFER = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
GREEK_COHORT = ROOT / "examples" / "grades" / "greek-informatics.csv"


def _lines(*args) -> dict[str, str]:
    return lines_in_each_language("grades", "suggest", *args)


def test_no_home_grading_table_is_worded_in_the_language():
    lines = _lines(TRANSFER)
    assert lines["en"] == f"error: {TRANSFER}: no home grading table: give --home-grades and --home-group, or " \
                          "grades.home in the file"
    assert lines["el"] == f"σφάλμα: {TRANSFER}: δεν υπάρχει πίνακας βαθμολογίας του οικείου ιδρύματος: δώστε " \
                          "«--home-grades» και «--home-group» ή «grades.home» στο αρχείο"
    assert lines["sr-Cyrl"] == f"грешка: {TRANSFER}: нема табеле оцена матичне установе: наведите «--home-grades» " \
                               "и «--home-group» или «grades.home» у датотеци"


def test_a_grades_option_without_its_group_is_worded_in_the_language():
    lines = _lines(TRANSFER, "--home-grades", GREEK_COHORT)
    assert lines["en"] == "error: --home-grades and --home-group go together"
    assert lines["sr"] == "greška: «--home-grades» i «--home-group» navode se zajedno"


def test_grades_not_converted_are_worded_with_each_skipped_grade():
    lines = _lines(TRANSFER, "--home-grades", GREEK_COHORT, "--home-group", "gr-informatics-first")
    skipped = "; ".join(f"{c}: the transcript gives no grade distribution for its grading scheme"
                        for c in ("IN2064", "IN2259", "IN2018", "IN0006", "IN2106"))
    assert lines["en"] == f"error: {TRANSFER}: the home grading table is given, but no host grading table is usable; " \
                          f"grades not converted (no host table is named and the transcript gives no grade " \
                          f"distribution that can serve as one); {skipped}"
    assert lines["el"].startswith(f"σφάλμα: {TRANSFER}: δόθηκε ο πίνακας βαθμολογίας του οικείου ιδρύματος, αλλά "
                                  "κανένας πίνακας βαθμολογίας του ιδρύματος υποδοχής")
    assert lines["el"].endswith("· IN2106: η αναλυτική βαθμολογία δεν δίνει κατανομή βαθμών για την κλίμακα "
                                "βαθμολογίας του")
    assert "transcript" not in lines["sr"] and lines["sr"].count("; IN") == 5


def test_a_table_without_a_pass_mark_is_worded_in_the_language(tmp_path):
    cohort = tmp_path / "nopass.csv"
    cohort.write_text("group,academic_year,grade,count\ng,2022-23,8,3\ng,2022-23,9,2\n", encoding="utf-8")
    lines = _lines(TRANSFER, "--home-grades", GREEK_COHORT, "--home-group", "gr-informatics-first",
                   "--host-grades", cohort, "--host-group", "g")
    assert lines["en"] == f"error: {TRANSFER}: no grading scale or pass mark is known for the host table " \
                          f"({cohort}), so failing grades would count as passing; give the table a scale, a " \
                          "pass_mark, or passing_only: true"
    assert lines["el"] == f"σφάλμα: {TRANSFER}: ο πίνακας του ιδρύματος υποδοχής ({cohort}): δεν είναι γνωστή ούτε " \
                          "κλίμακα βαθμολογίας ούτε βάση, οπότε οι μη προβιβάσιμοι βαθμοί θα μετρούσαν ως " \
                          "προβιβάσιμοι· δώστε στον πίνακα «scale», «pass_mark» ή «passing_only: true»"
