"""The tools for those who write rule files and input files (`ects rules list`, `check`, `test`, `fmt`, `new`,
`ects template`, `ects schema`) take `--lang` and word their output and errors in it; English as it was."""
from __future__ import annotations

from cli_helpers import PROGRAMMES, lines_in_each_language, run

DEMO = '''ruleset demo
  title "Demo"
  in force from 2010-01-01
source s "A source"
parameter full_year = 60 credits
  cite s "art. 1"
  in force from 2012-09-01
rule year_credits
  title "A year carries the prescribed credits"
  severity error
  cite s "art. 2"
  for each year in programme.years
  require year.credits == full_year
'''


def test_rules_list_in_each_language():
    lines = lines_in_each_language("rules", "list", code=0, line=0)
    assert lines["en"] == "ects_guide_2015          ECTS Users' Guide 2015; in force from 2015-05-14"
    assert lines["el"] == "ects_guide_2015          Οδηγός Χρήσης ECTS 2015· σε ισχύ από 14 Μαΐου 2015"
    assert lines["sr"] == "ects_guide_2015          Vodič za korisnike ECTS-a 2015; na snazi od 14. 5. 2015."
    assert lines["sr-Cyrl"] == "ects_guide_2015          Водич за кориснике ECTS-а 2015; на снази од 14. 5. 2015."
    assert "(extends ects_guide_2015); in force from 2007-08-13" in run("rules", "list")[1]


def test_rules_check_ok_line_in_each_language():
    lines = lines_in_each_language("rules", "check", "ects_guide_2015", code=0)
    assert lines["en"] == "ects_guide_2015: OK (15 parameters, 25 rules, 0 exceptions, 0 dropped)"
    assert lines["el"] == "ects_guide_2015: εντάξει (παράμετροι: 15, κανόνες: 25, εξαιρέσεις: 0, καταργημένοι κανόνες: 0)"
    assert lines["sr"] == "ects_guide_2015: u redu (parametri: 15, pravila: 25, izuzeci: 0, izostavljena pravila: 0)"
    assert lines["sr-Cyrl"] == "ects_guide_2015: у реду (параметри: 15, правила: 25, изузеци: 0, изостављена правила: 0)"


def test_rules_check_note_on_untranslated_texts_in_each_language(write):
    folder = write("own/own.rules", DEMO.replace("  in force from 2012-09-01\n", "")).parent
    lines = lines_in_each_language("rules", "check", folder, code=0, line=0)
    assert lines["en"].startswith("note: 5 text(s) of the rule files (titles, messages, notes, sources, reasons, "
                                  "article texts) are not in all of en, el, sr; reports in those languages show them")
    assert lines["el"].startswith("σημείωση: κείμενα των αρχείων κανόνων (τίτλοι, μηνύματα, σημειώσεις, πηγές, "
                                  "αιτιολογίες, κείμενα άρθρων) που δεν υπάρχουν σε όλες τις γλώσσες en, el, sr: 5· ")
    assert lines["sr"].startswith("napomena: tekstovi datoteka pravila (naslovi, poruke, napomene, izvori, "
                                  "obrazloženja, tekstovi članova) kojih nema na svim jezicima «en», «el», «sr»: 5; ")
    assert lines["sr-Cyrl"].startswith("напомена: текстови датотека правила")


def test_rules_check_time_error_in_each_language(write):
    folder = write("demo/demo.rules", DEMO).parent
    lines = lines_in_each_language("rules", "check", folder, line=1)  # after the note on texts only in English
    where = f"{folder / 'demo.rules'}:8:1: "
    assert lines["en"] == f"error: {where}rule 'year_credits' is in force from 2010-01-01 but parameter 'full_year' it " \
                          "reads has no value in force from 2010-01-01 until 2012-09-01"
    assert lines["el"] == f"σφάλμα: {where}ο κανόνας «year_credits» είναι σε ισχύ από 1 Ιανουαρίου 2010, αλλά η " \
                          "παράμετρος «full_year» που διαβάζει δεν έχει τιμή σε ισχύ από 1 Ιανουαρίου 2010 έως 1 " \
                          "Σεπτεμβρίου 2012"
    assert lines["sr"] == f"greška: {where}pravilo «year_credits» je na snazi od 1. 1. 2010., ali parametar " \
                          "«full_year» koji čita nema vrednost na snazi od 1. 1. 2010. do 1. 9. 2012."
    assert lines["sr-Cyrl"].startswith(f"грешка: {where}правило «year_credits» је на снази од 1. 1. 2010.")


def test_rules_check_time_warning_in_each_language(write):
    folder = write("gap/gap.rules", DEMO.replace("  in force from 2012-09-01\n", "  in force until 2011-01-01\n")
                   .replace("rule year_credits", 'parameter full_year = 60 credits\n  cite s "art. 1"\n'
                            "  in force from 2012-01-01\nrule year_credits")).parent
    lines = lines_in_each_language("rules", "check", folder, line=1)  # after the note on texts only in English
    where = f"{folder / 'gap.rules'}:8: "
    assert lines["en"] == f"warning: {where}parameter 'full_year' has no value from 2011-01-01 until 2012-01-01, " \
                          "between its versions"
    assert lines["el"] == f"προειδοποίηση: {where}η παράμετρος «full_year» δεν έχει τιμή από 1 Ιανουαρίου 2011 έως " \
                          "1 Ιανουαρίου 2012, ανάμεσα στις εκδοχές της"
    assert lines["sr"] == f"upozorenje: {where}parametar «full_year» nema vrednost od 1. 1. 2011. do 1. 1. 2012., " \
                          "između svojih verzija"
    assert lines["sr-Cyrl"].startswith(f"упозорење: {where}параметар «full_year» нема вредност")


def test_rules_test_failure_and_summary_in_each_language(write):
    folder = write("demo/demo.rules", DEMO.replace("  in force from 2012-09-01\n", "")).parent
    write("demo/tests/case.yaml", f"name: a short year\nas_of: 2020-01-01\nexpect:\n  year_credits: pass\n"
          f"programme_file: {PROGRAMMES / 'faulty_bsc.yaml'}\n")
    summary = lines_in_each_language("rules", "test", folder, code=1)
    assert summary == {"en": "0 passed, 1 failed", "el": "επιτυχείς περιπτώσεις: 0, αποτυχημένες: 1",
                       "sr": "uspešno: 0, neuspešno: 1", "sr-Cyrl": "успешно: 0, неуспешно: 1"}
    head = lines_in_each_language("rules", "test", folder, code=1, line=0)
    where = f"{folder / 'tests' / 'case.yaml'}:1"
    assert head == {"en": f"FAIL a short year ({where})", "el": f"ΑΠΟΤΥΧΙΑ a short year ({where})",
                    "sr": f"NEUSPEH a short year ({where})", "sr-Cyrl": f"НЕУСПЕХ a short year ({where})"}
    expected = {lang: line.strip() for lang, line in lines_in_each_language("rules", "test", folder, code=1, line=1).items()}
    assert expected == {"en": "year_credits: expected pass, got fail", "el": "year_credits: αναμενόταν pass, προέκυψε fail",
                        "sr": "year_credits: očekivano pass, dobijeno fail", "sr-Cyrl": "year_credits: очекивано pass, добијено fail"}
    trace = lines_in_each_language("rules", "test", folder, code=1, line=2)  # the findings of the rule, as reports word them
    assert trace["en"].strip() == "[pass] year 1: Requirement met." and trace["el"].strip().startswith("[pass] έτος 1: ")


def test_rules_fmt_in_each_language(write, tmp_path):
    rules = write("fmt/x.rules", DEMO.replace("  title \"Demo\"", "    title   \"Demo\""))
    would = lines_in_each_language("rules", "fmt", "--check", rules, code=1, line=0)
    assert would == {"en": f"would reformat {rules}", "el": f"θα αναδιαταχθεί: {rules}", "sr": f"biće preuređena: {rules}",
                     "sr-Cyrl": f"биће преуређена: {rules}"}
    summary = lines_in_each_language("rules", "fmt", "--check", rules, code=1)
    assert summary == {"en": "1 files, 1 would change", "el": "αρχεία: 1, θα άλλαζαν: 1",
                       "sr": "datoteke: 1, promenile bi se: 1", "sr-Cyrl": "датотеке: 1, промениле би се: 1"}
    missing = lines_in_each_language("rules", "fmt", tmp_path / "nope")
    assert missing == {"en": f"error: {tmp_path / 'nope'}: no such file or folder",
                       "el": f"σφάλμα: {tmp_path / 'nope'}: δεν υπάρχει τέτοιο αρχείο ή φάκελος",
                       "sr": f"greška: {tmp_path / 'nope'}: nema takve datoteke ili fascikle",
                       "sr-Cyrl": f"грешка: {tmp_path / 'nope'}: нема такве датотеке или фасцикле"}
    (tmp_path / "empty").mkdir()
    assert lines_in_each_language("rules", "fmt", tmp_path / "empty")["el"] == \
        f"σφάλμα: {tmp_path / 'empty'}: δεν βρέθηκαν αρχεία *.rules"
    bad = tmp_path / "bad.rules"
    bad.write_bytes(b"ruleset \xff\n")
    assert lines_in_each_language("rules", "fmt", bad, line=0)["sr"] == f"greška: {bad}: datoteka pravila nije «UTF-8» tekst"


def test_rules_new_in_each_language(tmp_path):
    bad = lines_in_each_language("rules", "new", "1x", "--extends", "ects_guide_2015", "-o", tmp_path)
    assert bad["en"] == "error: '1x' is not a rule set name: use letters, digits and _, not starting with a digit"
    assert bad["el"] == "σφάλμα: το «1x» δεν είναι όνομα συνόλου κανόνων: χρησιμοποιήστε γράμματα, ψηφία και _, όχι " \
                        "ψηφίο στην αρχή"
    assert bad["sr"] == "greška: «1x» nije ime skupa pravila: koristite slova, cifre i «_», bez cifre na početku"
    created = {}
    for lang in ("en", "el", "sr", "sr-Cyrl"):
        code, out, _ = run("rules", "new", f"set_{lang.replace('-', '_')}", "--extends", "ects_guide_2015", "-o",
                           tmp_path, "--lang", lang)
        assert code == 0
        created[lang] = out.strip()
    folder = tmp_path / "set_el"
    assert created["el"] == f"δημιουργήθηκε ο φάκελος {folder}: επεξεργαστείτε το {folder / 'set_el.rules'} και μετά " \
                            f"εκτελέστε ects rules check {folder} και ects rules test {folder} --coverage"
    folder = tmp_path / "set_sr_Cyrl"
    assert created["sr-Cyrl"] == f"направљена је фасцикла {folder}: уредите {folder / 'set_sr_Cyrl.rules'}, затим " \
                                 f"покрените «ects rules check {folder}» и «ects rules test {folder} --coverage»"
    assert created["en"].startswith(f"created {tmp_path / 'set_en'}: edit ")
    exists = lines_in_each_language("rules", "new", "set_en", "--extends", "ects_guide_2015", "-o", tmp_path)
    assert exists["el"] == f"σφάλμα: {tmp_path / 'set_en'}: υπάρχει ήδη· επιλέξτε άλλο όνομα ή φάκελο"


def test_template_in_each_language(tmp_path):
    wrong = lines_in_each_language("template", "programme", "-o", tmp_path / "t.csv")
    assert wrong["en"] == f"error: {tmp_path / 't.csv'}: the template is a workbook: give an output name ending in .xlsx"
    assert wrong["el"] == f"σφάλμα: {tmp_path / 't.csv'}: το υπόδειγμα είναι βιβλίο εργασίας: δώστε όνομα εξόδου που " \
                          "τελειώνει σε .xlsx"
    assert wrong["sr"] == f"greška: {tmp_path / 't.csv'}: šablon je radna sveska: navedite izlazno ime koje se završava na .xlsx"
    wrote = lines_in_each_language("template", "programme", "-o", tmp_path / "t.xlsx", code=0)
    path = tmp_path / "t.xlsx"
    assert wrote == {"en": f"wrote {path}: fill in the Programme and Courses sheets, then run ects check {path} --rules SET",
                     "el": f"γράφτηκε το {path}: συμπληρώστε τα φύλλα «Programme» και «Courses» και μετά εκτελέστε "
                           f"ects check {path} --rules ΣΥΝΟΛΟ",
                     "sr": f"napisana je datoteka {path}: popunite listove «Programme» i «Courses», zatim pokrenite "
                           f"«ects check {path} --rules SKUP»",
                     "sr-Cyrl": f"написана је датотека {path}: попуните листове «Programme» и «Courses», затим покрените "
                                f"«ects check {path} --rules SKUP»"}


def test_schema_takes_lang():
    worded = lines_in_each_language("schema", "nope", line=0)
    assert worded["el"].startswith("σφάλμα: ") and "schema: «KIND»: η τιμή δεν είναι αποδεκτή" in worded["el"]
    assert worded["sr"].startswith("greška: ") and "schema: «KIND»: vrednost nije dozvoljena" in worded["sr"]
    assert worded["en"].startswith("Usage: ")  # click's own, as always without another language
    assert run("schema", "programme", "--lang", "el")[1] == run("schema", "programme")[1]


def test_rules_test_case_errors_in_each_language(write):
    folder = write("demo/demo.rules", DEMO.replace("  in force from 2012-09-01\n", "")).parent
    case = write("demo/tests/case.yaml", f"name: x\nexpect:\n  nope: pass\nprogramme_file: {PROGRAMMES / 'faulty_bsc.yaml'}\n")
    lines = lines_in_each_language("rules", "test", folder, code=1, line=0)
    where = f"({case}:1): {case}:3: "
    assert lines == {"en": f"ERROR x {where}no rule 'nope' in rule set demo",
                     "el": f"ΣΦΑΛΜΑ x {where}δεν υπάρχει κανόνας «nope» στο σύνολο κανόνων demo",
                     "sr": f"GREŠKA x {where}nema pravila «nope» u skupu pravila demo",
                     "sr-Cyrl": f"ГРЕШКА x {where}нема правила «nope» у скупу правила demo"}
    write("demo/tests/case.yaml", "name: x\nexpect:\n  year_credits: fine\n")
    lines = lines_in_each_language("rules", "test", folder, code=1, line=0)
    assert lines["en"].endswith(":3: 'fine' is not one of absent, fail, indeterminate, not_applicable, pass")
    assert lines["el"].endswith(":3: το «fine» δεν είναι ένα από τα absent, fail, indeterminate, not_applicable, pass")
    assert lines["sr"].endswith(":3: «fine» nije jedno od absent, fail, indeterminate, not_applicable, pass")
    write("demo/tests/case.yaml", "name: x\nexpect:\n  year_credits: fail\n")
    lines = lines_in_each_language("rules", "test", folder, code=1, line=0)
    assert lines["en"].endswith(":1: a test case needs one of: cohort, programme, transfer (inline) or <kind>_file")
    assert lines["el"].endswith(":1: μια περίπτωση ελέγχου χρειάζεται ένα από τα: cohort, programme, transfer "
                                "(ενσωματωμένο) ή <kind>_file")
    assert lines["sr"].endswith(":1: test slučaju potrebno je jedno od: cohort, programme, transfer (neposredno u "
                                "datoteci) ili «<kind>_file»")


def test_rules_test_coverage_in_each_language(write):
    folder = write("demo/demo.rules", DEMO.replace("  in force from 2012-09-01\n", "")
                   + "  when programme.terms_per_year > 0\n").parent
    write("demo/tests/case.yaml", f"name: x\nexpect:\n  year_credits: fail\nprogramme_file: {PROGRAMMES / 'faulty_bsc.yaml'}\n")
    title = lines_in_each_language("rules", "test", folder, "--coverage", code=0, line=0)
    assert title == {"en": "coverage of demo", "el": "κάλυψη του demo", "sr": "pokrivenost skupa demo",
                     "sr-Cyrl": "покривеност скупа demo"}
    counts = lines_in_each_language("rules", "test", folder, "--coverage", code=0, line=3)
    assert counts["en"] == "rules tested 1/1; statuses 2/3; conditions true and false 1/2"
    assert counts["el"] == "κανόνες που ελέγχονται 1/1· καταστάσεις 2/3· συνθήκες αληθείς και ψευδείς 1/2"
    assert counts["sr"] == "testirana pravila 1/1; statusi 2/3; uslovi tačni i netačni 1/2"
    gap = lines_in_each_language("rules", "test", folder, "--coverage", code=0, line=-2)
    where = f"{folder / 'demo.rules'}:13:8"
    assert gap["en"].strip() == f"{where}: rule year_credits: when 'programme.terms_per_year > 0' never false"
    assert gap["el"].strip() == f"{where}: κανόνας year_credits: when «programme.terms_per_year > 0» ποτέ ψευδής"
    assert gap["sr"].strip() == f"{where}: pravilo year_credits: when «programme.terms_per_year > 0» nikad netačan"
    assert gap["sr-Cyrl"].strip() == f"{where}: правило year_credits: when «programme.terms_per_year > 0» никад нетачан"


def test_compare_errors_on_the_sets_named_in_each_language(tmp_path):
    twice = lines_in_each_language("compare", "ects_guide_2015", "ects_guide_2015")
    assert twice == {"en": "error: a rule set is named twice: ects_guide_2015, ects_guide_2015",
                     "el": "σφάλμα: ένα σύνολο κανόνων δίνεται δύο φορές: ects_guide_2015, ects_guide_2015",
                     "sr": "greška: skup pravila je naveden dvaput: ects_guide_2015, ects_guide_2015",
                     "sr-Cyrl": "грешка: скуп правила је наведен двапут: ects_guide_2015, ects_guide_2015"}
    one = lines_in_each_language("compare", "ects_guide_2015@2020-01-01")
    assert one["en"] == "error: name two states to compare, e.g. SET@2020-01-01 SET@2024-01-01"
    assert one["el"] == "σφάλμα: δώστε δύο καταστάσεις για σύγκριση, π.χ. SET@2020-01-01 SET@2024-01-01"
    assert one["sr"] == "greška: navedite dva stanja za poređenje, npr. «SET@2020-01-01 SET@2024-01-01»"
    none = lines_in_each_language("compare", "ects_guide_2015@2020-01-01", "ects_guide_2015@2024-01-01",
                                  "--programmes", tmp_path)
    assert none["el"] == f"σφάλμα: {tmp_path}: δεν βρέθηκαν αρχεία προγραμμάτων σπουδών"
    assert none["sr-Cyrl"] == f"грешка: {tmp_path}: нису пронађене датотеке студијских програма"
