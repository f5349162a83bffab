"""The grading scales' and grading tables' errors of `ects grades table` and `ects grades convert`, and the
warning of a table read without a pass mark, in the reader's language; in English, as they always were."""
from __future__ import annotations

from pathlib import Path

from engine.grades.errors import GradeError
from engine.grades.scale import GradingScale, to_grade
from engine.render.wording import wording
from cli_helpers import lines_in_each_language

GRADES = Path(__file__).resolve().parent.parent / "examples" / "grades"
GREEK, GERMAN = GRADES / "greek-informatics.csv", GRADES / "german-informatik.csv"
CONVERT = ["grades", "convert", "1.0", "--from", GERMAN, "--to", GREEK, "--policy", "min", "--to-group",
           "gr-informatics-first"]


def _lines(*args, code: int = 2) -> dict[str, str]:
    return lines_in_each_language(*args, code=code, line=0 if code == 0 else -1)


def test_an_unknown_scale_and_a_grade_off_the_scale_are_worded():
    lines = _lines("grades", "table", GREEK, "--scale", "gr-0-1")
    assert lines["en"].startswith("error: unknown grading scale 'gr-0-1' (did you mean 'gr-0-10'?) (known: be-0-20, ")
    assert lines["el"].startswith("σφάλμα: άγνωστη κλίμακα βαθμολογίας «gr-0-1» (μήπως εννοείτε «gr-0-10»;) (γνωστές: ")
    assert lines["sr"].startswith("greška: nepoznata skala ocena „gr-0-1“ (da li ste mislili na „gr-0-10“?) (poznate: ")
    lines = _lines("grades", "table", GREEK, "--group", "gr-informatics-first", "--scale", "gr-0-10", "--pass", "11")
    assert lines["en"] == f"error: {GREEK}: group gr-informatics-first: grade 11 is not on scale 'gr-0-10'"
    assert lines["el"] == f"σφάλμα: {GREEK}: ομάδα gr-informatics-first: ο βαθμός 11 δεν ανήκει στην κλίμακα «gr-0-10»"
    assert lines["sr-Cyrl"] == f"грешка: {GREEK}: група gr-informatics-first: оцена 11 није на скали „gr-0-10“"


def test_a_pass_mark_given_as_a_label_without_a_scale_is_worded():
    lines = _lines(*CONVERT, "--from-pass", "x", "--to-scale", "gr-0-10")
    assert lines["en"] == f"error: {GERMAN}: group de-informatik-bachelor: pass mark 'x' is a label: give the grading " \
                          "scale too"
    assert lines["el"] == f"σφάλμα: {GERMAN}: ομάδα de-informatik-bachelor: η βάση 'x' είναι ετικέτα: δώστε και την " \
                          "κλίμακα βαθμολογίας"
    assert lines["sr"] == f"greška: {GERMAN}: grupa de-informatik-bachelor: prolazna ocena 'x' je oznaka: navedite i " \
                          "skalu ocena"


def test_tables_without_a_pass_mark_are_refused_in_the_readers_language():
    lines = _lines(*CONVERT, "--to-scale", "gr-0-10")
    assert lines["en"] == f"error: {GERMAN}: no grading scale or pass mark is known for the foreign table (group " \
                          "'de-informatik-bachelor'), so failing grades would count as passing; give --from-scale ID " \
                          "(e.g. de-1-5) or --from-pass MARK"
    assert lines["el"] == f"σφάλμα: {GERMAN}: ο πίνακας του ιδρύματος προέλευσης (ομάδα «de-informatik-bachelor»): δεν " \
                          "είναι γνωστή ούτε κλίμακα βαθμολογίας ούτε βάση, οπότε οι μη προβιβάσιμοι βαθμοί θα μετρούσαν " \
                          "ως προβιβάσιμοι· δώστε «--from-scale ΚΛΙΜΑΚΑ» (π.χ. de-1-5) ή «--from-pass ΒΑΣΗ»"
    lines = _lines(*CONVERT)
    assert lines["en"] == "error: no grading scale or pass mark is known for either table, so failing grades would " \
                          f"count as passing; give for the foreign table ({GERMAN}, group 'de-informatik-bachelor'): " \
                          "--from-scale ID (e.g. de-1-5) or --from-pass MARK; the home table " \
                          f"({GREEK}, group 'gr-informatics-first'): --rules SET (e.g. greek_law_4009), --to-scale ID " \
                          "(e.g. gr-0-10) or --to-pass MARK"
    assert lines["sr"] == "greška: ni za jednu od dve tabele nije poznata ni skala ocena ni prolazna ocena, pa bi se " \
                          "nedovoljne ocene računale kao prolazne; navedite, po tabeli: tabela strane ustanove " \
                          f"({GERMAN}, grupa „de-informatik-bachelor“): «--from-scale» SKALA (npr. de-1-5) ili " \
                          f"«--from-pass» OCENA; tabela matične ustanove ({GREEK}, grupa „gr-informatics-first“): " \
                          "«--rules» SKUP (npr. greek_law_4009), «--to-scale» SKALA (npr. gr-0-10) ili «--to-pass» OCENA"


def test_a_table_read_without_a_pass_mark_warns_in_the_readers_language():
    lines = _lines("grades", "table", GERMAN, code=0)
    assert lines["en"] == f"warning: {GERMAN}: no grading scale or pass mark is known, so every grade is counted as " \
                          "passing; if the file holds failing grades, give --rules, --scale or --pass"
    assert lines["el"].startswith(f"προειδοποίηση: {GERMAN}: δεν είναι γνωστή ούτε κλίμακα βαθμολογίας ούτε βάση, " \
                                  "οπότε όλοι οι βαθμοί μετρούν ως προβιβάσιμοι")
    assert lines["sr"].startswith(f"upozorenje: {GERMAN}: nije poznata ni skala ocena ni prolazna ocena")


def test_a_scales_own_checks_are_catalogue_entries():
    def worded(make) -> tuple[str, str, str]:
        try:
            make()
        except GradeError as e:
            return str(e), wording("el").reason(e.reason), wording("sr").reason(e.reason)
        raise AssertionError("no error")
    en, el, sr = worded(lambda: GradingScale.numeric("x", "X", 0, 10, 3, 5))
    assert en == "scale 'x': 0..10 is not a whole number of steps of 3"
    assert el == "κλίμακα «x»: το διάστημα 0..10 δεν είναι ακέραιο πλήθος βημάτων του 3"
    assert sr == "skala „x“: raspon 0..10 nije ceo broj koraka od 3"
    en, el, sr = worded(lambda: GradingScale.from_list("y", "Y", [1.0, 3.0, 2.0], 2.0))
    assert en == "scale 'y': numeric grades must be listed best first, in order"
    assert el.startswith("κλίμακα «y»: οι αριθμητικοί βαθμοί") and sr.startswith("skala „y“: brojčane ocene")
    en, el, sr = worded(lambda: to_grade(True))
    assert (en, el, sr) == ("not a grade: True", "δεν είναι βαθμός: True", "nije ocena: True")
