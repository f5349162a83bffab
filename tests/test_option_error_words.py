"""The one-line errors of the command line's options (-o, --choose, --set, ects rules explain), of a course table
with too many courses, of ELMO and OLA values and of a number too long to read, in the reader's language; in
English, the line as it always was."""
from __future__ import annotations

from pathlib import Path

from cli_helpers import lines_in_each_language

ROOT = Path(__file__).resolve().parent.parent
ELECTIVES = ROOT / "examples" / "programmes" / "electives_msc.yaml"
DATA = ROOT / "tests" / "data"


def _lines(*args) -> dict[str, str]:
    return lines_in_each_language(*args)


def test_an_output_file_in_a_missing_folder_is_worded(tmp_path):
    target = tmp_path / "missing" / "x.json"
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "-o", target)
    assert lines["en"] == f"error: {target}: give a file name in an existing folder for the output"
    assert lines["el"] == f"σφάλμα: {target}: δώστε όνομα αρχείου σε υπάρχοντα φάκελο για την έξοδο"
    assert lines["sr-Cyrl"] == f"грешка: {target}: наведите име датотеке у постојећој фасцикли за излаз"


def test_a_course_table_of_too_many_courses_is_worded(tmp_path):
    table = tmp_path / "many.csv"
    rows = "".join(f"X{i},Course {i},1,1\n" for i in range(10_001))
    table.write_text("Code,Title,Semester,ECTS\n" + rows, encoding="utf-8")
    lines = _lines("check", table, "--rules", "ects_guide_2015", "--field", "cycle=first")
    assert lines["en"] == f"error: {table}!A10002: more courses than accepted (the limit is 10,000; see docs/limits.md)"
    assert lines["el"] == f"σφάλμα: {table}!A10002: περισσότερα μαθήματα από όσα γίνονται δεκτά (το όριο είναι " \
                          "10000· βλ. docs/limits.md)"
    assert lines["sr-Cyrl"] == f"грешка: {table}!A10002: више предмета него што је дозвољено (ограничење је 10000; " \
                               "види docs/limits.md)"


def test_a_choice_of_an_unknown_group_or_course_is_worded():
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--choose", "sem2-elective=DS521")
    assert lines["en"] == f"error: {ELECTIVES}: --choose sem2-elective: the programme has no elective group " \
                          "'sem2-elective' (groups: sem2-electives) (did you mean 'sem2-electives'?)"
    assert lines["el"] == f"σφάλμα: {ELECTIVES}: --choose sem2-elective: το πρόγραμμα δεν έχει ομάδα επιλογής " \
                          "«sem2-elective» (ομάδες: sem2-electives) (μήπως εννοείτε «sem2-electives»;)"
    assert lines["sr-Cyrl"] == f"грешка: {ELECTIVES}: «--choose» sem2-elective: програм нема изборну групу " \
                               "«sem2-elective» (групе: sem2-electives) (да ли сте мислили на „sem2-electives“?)"
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--choose", "sem2-electives=DS521,DS529")
    assert lines["en"] == f"error: {ELECTIVES}: --choose sem2-electives=DS521,DS529: DS529 is not in elective group " \
                          "sem2-electives (DS521, DS522, DS523, DS524) (did you mean 'DS524'?)"
    assert lines["sr"] == f"greška: {ELECTIVES}: --choose sem2-electives=DS521,DS529: DS529 nije u izbornoj grupi " \
                          "sem2-electives (DS521, DS522, DS523, DS524) (da li ste mislili na „DS524“?)"
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--choose", "sem2-electives=DS521")
    assert lines["en"] == f"error: {ELECTIVES}: --choose sem2-electives=DS521: group sem2-electives lets a student " \
                          "take 2 of its courses, not 1"
    assert lines["el"] == f"σφάλμα: {ELECTIVES}: --choose sem2-electives=DS521: η ομάδα sem2-electives επιτρέπει σε " \
                          "έναν φοιτητή να πάρει 2 από τα μαθήματά της, όχι 1"


def test_a_parameter_set_that_does_not_exist_or_is_of_another_unit_is_worded():
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--set", "semester_credit=30 credits")
    assert lines["en"] == "error: --set semester_credit: rule set 'ects_guide_2015' has no parameter " \
                          "'semester_credit' (did you mean 'semester_credits'?)"
    assert lines["el"] == "σφάλμα: --set semester_credit: το σύνολο κανόνων «ects_guide_2015» δεν έχει παράμετρο " \
                          "«semester_credit» (μήπως εννοείτε «semester_credits»;)"
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--set", "semester_credits=30 hours")
    assert lines["en"] == "error: --set semester_credits=30 hours: parameter 'semester_credits' is a number of " \
                          "credits, not a number of hours"
    assert lines["el"] == "σφάλμα: --set semester_credits=30 hours: η παράμετρος «semester_credits» είναι αριθμός " \
                          "πιστωτικών μονάδων, όχι αριθμός ωρών"
    assert lines["sr-Cyrl"] == "грешка: «--set» semester_credits=30 hours: параметар «semester_credits» је број " \
                               "ЕСПБ бодова, а не број часова"
    lines = _lines("check", ELECTIVES, "--rules", "ects_guide_2015", "--set", "first_cycle_credits=3 hours")
    assert lines["en"] == "error: --set first_cycle_credits=3 hours: parameter 'first_cycle_credits' is a set of a " \
                          "number of credits, not a number of hours"
    assert lines["sr"] == "greška: «--set» first_cycle_credits=3 hours: parametar «first_cycle_credits» je skup " \
                          "vrednosti (broj ESPB bodova), a ne broj časova"


def test_an_unknown_rule_to_explain_is_worded():
    lines = _lines("rules", "explain", "greek_law_4009", "year_credit")
    assert lines["en"] == "error: no rule 'year_credit' in rule set greek_law_4009 (did you mean 'year_credits'?)"
    assert lines["el"] == "σφάλμα: δεν υπάρχει κανόνας «year_credit» στο σύνολο κανόνων greek_law_4009 (μήπως " \
                          "εννοείτε «year_credits»;)"
    assert lines["sr-Cyrl"] == "грешка: нема правила «year_credit» у скупу правила greek_law_4009 (да ли сте мислили " \
                               "на „year_credits“?)"


def test_an_elmo_credit_that_is_not_a_number_is_worded_at_its_value(tmp_path):
    text = (DATA / "elmo" / "dk_seven_point_placeholder_issuer.xml").read_text(encoding="utf-8")
    bad = tmp_path / "credit.xml"
    bad.write_text(text.replace("<value>7.5</value>", "<value>lots</value>", 1), encoding="utf-8")
    line = text[:text.index("<value>7.5</value>")].count("\n") + 1
    lines = _lines("import", "elmo", bad)
    assert lines["en"] == f"error: {bad}:{line}: credit value 'lots' is not a number"
    assert lines["el"] == f"σφάλμα: {bad}:{line}: η τιμή πιστωτικών μονάδων 'lots' δεν είναι αριθμός"
    assert lines["sr-Cyrl"] == f"грешка: {bad}:{line}: вредност ЕСПБ бодова 'lots' није број"


def test_an_ola_credit_and_status_that_cannot_be_read_are_worded(tmp_path):
    text = (DATA / "ewp" / "omobility-las" / "ola-dashboard-scenarios" / "Ex1.xml").read_text(encoding="utf-8")
    bad = tmp_path / "credit.xml"
    bad.write_text(text.replace("<value>3</value>", "<value>-3</value>", 1), encoding="utf-8")
    line = text[:text.index("<value>3</value>")].count("\n") + 1
    lines = _lines("import", "ola", bad)
    assert lines["en"] == f"error: {bad}:{line}: credit value '-3' is not a non-negative number"
    assert lines["el"] == f"σφάλμα: {bad}:{line}: η τιμή πιστωτικών μονάδων '-3' δεν είναι μη αρνητικός αριθμός"
    assert lines["sr"] == f"greška: {bad}:{line}: vrednost ESPB bodova '-3' nije nenegativan broj"


def test_a_number_of_more_than_4300_digits_is_named_in_json_and_yaml(tmp_path):
    as_json = tmp_path / "big.json"
    as_json.write_text('{"id": "x",\n "credits": ' + "9" * 5000 + "}\n", encoding="utf-8")
    as_yaml = tmp_path / "big.yaml"
    as_yaml.write_text("id: x\ncredits: " + "9" * 5000 + "\n", encoding="utf-8")
    for path in (as_json, as_yaml):
        lines = _lines("check", path, "--rules", "ects_guide_2015")
        assert lines["en"] == f"error: {path}:2: a number with more than 4,300 digits"
        assert lines["el"] == f"σφάλμα: {path}:2: αριθμός με περισσότερα από 4300 ψηφία"
        assert lines["sr-Cyrl"] == f"грешка: {path}:2: број са више од 4300 цифара"
