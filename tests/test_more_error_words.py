"""The rarer one-line errors in the reader's language: a --choose choice whose credits a group's bounds refuse,
a rule dropped by its rule set given to `ects rules explain`, the errors of `ects history` and `ects diff` and
of their audit store, and of reaching a Dask cluster (Dask's own English quoted); in English, as they were."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli.common import _guarded
from engine.cli.main import main
from cli_helpers import lines_in_each_language

ROOT = Path(__file__).resolve().parent.parent
SPORT = ROOT / "examples" / "programmes" / "elective_rules_bsc.yaml"
ELECTIVES = ROOT / "examples" / "programmes" / "electives_msc.yaml"


def _lines(*args) -> dict[str, str]:
    return lines_in_each_language(*args)


def test_a_choice_outside_a_groups_credit_bounds_is_worded():
    lines = _lines("check", SPORT, "--rules", "ects_guide_2015", "--choose", "activities=PL521,PL524")
    assert lines["en"] == f"error: {SPORT}: --choose activities=PL521,PL524: these courses have 9 credits; group " \
                          "activities asks for at least 12 and at most 12"
    assert lines["el"] == f"σφάλμα: {SPORT}: --choose activities=PL521,PL524: σύνολο πιστωτικών μονάδων των μαθημάτων " \
                          "αυτών: 9· η ομάδα activities ζητά τουλάχιστον 12 και το πολύ 12"
    assert lines["sr"] == f"greška: {SPORT}: --choose activities=PL521,PL524: ovi predmeti nose ukupno 9 ESPB; grupa " \
                          "activities traži najmanje 12 i najviše 12"
    lines = _lines("check", SPORT, "--rules", "ects_guide_2015", "--choose", "free-electives=FE601,FE602,FE603")
    assert lines["el"].endswith("η ομάδα free-electives ζητά τουλάχιστον 6 και το πολύ 9")


def test_a_dropped_rule_given_to_rules_explain_is_worded_with_the_drops_reason_in_the_language():
    lines = _lines("rules", "explain", "greek_law_4009", "ects_grading_table_min_2_years")
    assert lines["en"].startswith("error: rule 'ects_grading_table_min_2_years' is dropped by rule set greek_law_4009: "
                                  "The Ministerial Decision sets its own reference group")
    assert lines["el"].startswith("σφάλμα: ο κανόνας «ects_grading_table_min_2_years» καταργείται από το σύνολο κανόνων "
                                  "greek_law_4009: Η Υπουργική Απόφαση ορίζει τη δική της ομάδα αναφοράς")
    assert lines["sr"].startswith("greška: skup pravila greek_law_4009 izostavlja pravilo «ects_grading_table_min_2_years»: "
                                  "Ministarska odluka utvrđuje sopstvenu referentnu grupu")
    assert lines["sr-Cyrl"].startswith("грешка: скуп правила greek_law_4009 изоставља правило")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "audits.db"
    for ruleset in ("ects_guide_2015", "greek_law_4009"):
        r = CliRunner().invoke(main, ["check", str(ELECTIVES), "--rules", ruleset, "--store", str(path), "-q"])
        assert r.exit_code in (0, 1), r.output
    return path


def test_the_errors_of_history_and_diff_are_worded(store, tmp_path):
    lines = _lines("history", "example-ds-ms", "--store", store)
    assert lines["en"] == f"error: {store}: no audit of 'example-ds-ms' recorded (did you mean 'example-ds-msc'?)"
    assert lines["el"] == f"σφάλμα: {store}: δεν έχει καταγραφεί κανένας έλεγχος του «example-ds-ms» (μήπως εννοείτε " \
                          "«example-ds-msc»;)"
    assert lines["sr"] == f"greška: {store}: nije zabeležena nijedna provera za „example-ds-ms“ (da li ste mislili na " \
                          "„example-ds-msc“?)"
    lines = _lines("diff", "9", "1", "--store", store)
    assert lines["en"] == f"error: {store}: no audit '9' in the store (`ects history` lists them)"
    assert lines["el"] == f"σφάλμα: {store}: δεν υπάρχει έλεγχος '9' στο μητρώο ελέγχων (τους απαριθμεί η «ects history»)"
    lines = _lines("diff", "example-ds-msc", "--since", "2020-01-01", "--store", store)
    assert lines["en"] == "error: 'example-ds-msc' was audited under several rule sets (ects_guide_2015, greek_law_4009); " \
                          "give --rules"
    assert lines["sr"] == "greška: „example-ds-msc“ je proveravan prema više skupova pravila (ects_guide_2015, " \
                          "greek_law_4009); navedite «--rules»"
    lines = _lines("diff", "example-ds-msc", "--since", "2020-01-01", "--rules", "ects_guide_2015", "--store", store)
    assert lines["en"].startswith("error: no audit of 'example-ds-msc' was recorded before 2020-01-01 (the first: ")
    assert lines["el"].startswith("σφάλμα: δεν έχει καταγραφεί έλεγχος του «example-ds-msc» πριν από τις 1 Ιανουαρίου 2020")
    lines = _lines("diff", "1", "--store", store)
    assert lines["el"] == "σφάλμα: δώστε δύο αριθμούς ελέγχου (βλ. «ects history») ή ένα αντικείμενο με «--since ΗΜΕΡΟΜΗΝΙΑ»"
    lines = _lines("diff", "x", "--since", "2020-13-01", "--store", store)
    assert lines["en"] == "error: --since '2020-13-01' is not a date (YYYY-MM-DD)"
    assert lines["sr"] == "greška: «--since» '2020-13-01' nije datum (GGGG-MM-DD)"
    missing = tmp_path / "none.db"
    lines = _lines("history", "--store", missing)
    assert lines["en"] == f"error: {missing}: no audit store here (give --store PATH of a store an audit was recorded in)"
    assert lines["el"] == f"σφάλμα: {missing}: δεν υπάρχει εδώ μητρώο ελέγχων (δώστε «--store» με τη διαδρομή ενός " \
                          "μητρώου στο οποίο έχει καταγραφεί έλεγχος)"
    assert lines["sr-Cyrl"] == f"грешка: {missing}: овде нема евиденције провера (наведите «--store» са путањом " \
                               "евиденције у којој је провера забележена)"


def test_a_dask_address_that_is_not_one_is_worded_with_dasks_words_quoted():
    pytest.importorskip("distributed")
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--dask", "foo://x", "-q")
    assert lines["en"].startswith("error: foo://x: not a Dask scheduler address (tcp://HOST:8786): unknown address "
                                  "scheme 'foo'")
    assert lines["el"].startswith("σφάλμα: foo://x: δεν είναι διεύθυνση χρονοπρογραμματιστή Dask "
                                  "(tcp://ΔΙΑΚΟΜΙΣΤΗΣ:8786): «unknown address scheme 'foo'")
    assert lines["sr-Cyrl"].startswith("грешка: foo://x: није адреса «Dask» распоређивача («tcp://HOST:8786»): "
                                       "«unknown address scheme 'foo'") and lines["sr-Cyrl"].endswith("»")


def test_the_systems_words_for_a_file_are_quoted_in_a_worded_line_and_an_interruption_is_worded(capsys):
    @_guarded
    def denied(lang):
        raise PermissionError(13, "Permission denied", "/srv/report.json")

    @_guarded
    def stopped(lang):
        raise KeyboardInterrupt

    out = {}
    for lang in ("en", "el", "sr"):
        for command, code in ((denied, 2), (stopped, 130)):
            with pytest.raises(SystemExit) as ended:
                command(lang=lang)
            assert ended.value.code == code
        out[lang] = capsys.readouterr().err.splitlines()
    assert out["en"] == ["error: /srv/report.json: Permission denied", "interrupted"]
    assert out["el"] == ["σφάλμα: /srv/report.json: το λειτουργικό σύστημα απαντά «Permission denied»", "διακόπηκε"]
    assert out["sr"] == ["greška: /srv/report.json: operativni sistem odgovara «Permission denied»", "prekinuto"]


def test_a_rule_set_not_in_force_an_output_over_an_input_and_option_forms_are_worded():
    lines = _lines("check", ELECTIVES, "--rules", "greek_law_4009", "--as-of", "2001-01-01")
    assert lines["en"] == "error: rule set 'greek_law_4009' is not in force on 2001-01-01 (in force from 2007-08-13)"
    assert lines["el"] == "σφάλμα: το σύνολο κανόνων «greek_law_4009» δεν ισχύει στις 1 Ιανουαρίου 2001 (ισχύει από " \
                          "13 Αυγούστου 2007)"
    assert lines["sr"] == "greška: skup pravila „greek_law_4009“ ne važi na dan 1. 1. 2001. (važi od 13. 8. 2007.)"
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "-o", ELECTIVES)
    assert lines["en"] == f"error: {ELECTIVES}: refusing to write the report over an input file"
    assert lines["el"] == f"σφάλμα: {ELECTIVES}: δεν γράφεται η αναφορά πάνω σε αρχείο εισόδου"
    assert lines["sr"] == f"greška: {ELECTIVES}: izveštaj se ne upisuje preko ulazne datoteke"
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--field", "cycle")
    assert lines["en"] == "error: --field 'cycle': expected name=value"
    assert lines["el"] == "σφάλμα: --field «cycle»: αναμενόταν όνομα=τιμή"
    lines = _lines("compare", "ects_guide_2015@2020-13-01", "ects_guide_2015@2024-01-01")
    assert lines["en"] == "error: 'ects_guide_2015@2020-13-01': the date after @ must be YYYY-MM-DD"
    assert lines["sr"] == "greška: „ects_guide_2015@2020-13-01“: datum posle «@» mora biti GGGG-MM-DD"
