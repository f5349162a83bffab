"""A line recognised only in part: the Proof of Recognition and the text report agree with the total,
in the reader's language and number format; and grades not converted say which side lacks a table."""
from __future__ import annotations

from click.testing import CliRunner

from engine.cli.main import main
from tests.conftest import ROOT

OVERCLAIM = """\
kind: mobility
id: partial
home: {institution: {name: Home University}, country: GR, cycle: first, kind: academic, grading_scheme_id: gr-0-10}
host: {institution: {name: Host University}, country: PL, cycle: first, kind: academic}
agreement: {id: IIA-1, approved: true}
period: {start: 2024-10-01, end: 2025-02-28}
learning_agreement:
  components_studied:
    - {code: C1, title: Compiler construction, credits: 6}
  components_recognized:
    - {code: M1, title: Compilers, credits: 8}
  signatures:
    student: {signed: 2024-06-01}
    sending: {signed: 2024-06-02}
    receiving: {signed: 2024-06-03}
transcript:
  issued: 2025-03-01
  results_date: 2025-02-20
  components:
    - code: C1
      title: Compiler construction
      credits: 6
      local_grade: 45.1
      passed: true
      result_distribution: [{label: 0-49.9, count: 10}, {label: 50-100, count: 12}]
recognition:
  date: 2025-03-10
  lines:
    - {code: M1, title: Compilers, credits: 8, converted_grade: 6.5, from_components: [C1]}
"""

GREEK_COHORT = str(ROOT / "examples" / "grades" / "greek-informatics.csv")


def _run(tmp_path, *args: str) -> str:
    path = tmp_path / "partial.yaml"
    path.write_text(OVERCLAIM, encoding="utf-8")
    result = CliRunner().invoke(main, ["transfer", str(path), "--rules", "greek_law_4009", *args])
    assert result.exit_code == 1, result.output  # recognition_within_earned fails on M1
    return result.output


def _first_language(proof: str) -> str:
    return proof.split("\n---\n")[0]


def test_the_proof_shows_a_line_recognised_in_part_and_a_total_that_agrees(tmp_path):
    proof = _run(tmp_path, "--format", "proof")
    row = next(x for x in proof.splitlines() if x.startswith("| M1 Compilers"))
    assert "partly recognised: 6 of its 8 credits recognised" in row
    assert "**Total credits recognised:** 6" in proof
    assert "- M1 Compilers (2): exceeds the credits earned" in proof


def test_the_greek_and_serbian_proof_hold_no_english_and_write_decimal_commas(tmp_path):
    for lang, partly in (("el", "αναγνωρίζεται εν μέρει"), ("sr", "delimično priznat")):
        proof = _first_language(_run(tmp_path, "--format", "proof", "--lang", lang))
        assert partly in proof
        for english in ("credits beyond", "exceeds", "recognised", "partly"):
            assert english not in proof, (lang, english)
        assert "| 6,5 |" in proof and "6.5" not in proof


def test_the_greek_text_report_writes_grades_with_a_decimal_comma(tmp_path):
    text = _run(tmp_path, "--lang", "el")
    assert "βαθμός 45,1" in text and "45.1" not in text


def test_grades_not_converted_say_the_host_side_has_no_usable_table(tmp_path):
    text = _run(tmp_path, "--home-grades", GREEK_COHORT, "--home-group", "gr-informatics-first")
    assert "no grading tables given" not in text
    assert "the home grading table is given, but no host grading table is usable" in text
    assert "C1: the transcript gives its results by ranges (0-49.9, 50-100)" in text


def test_without_a_home_table_the_note_says_so(tmp_path):
    assert "no home grading table given; grades not converted" in _run(tmp_path)


def test_the_credits_earned_while_a_result_is_unknown_are_its_possible_values(tmp_path):
    pending = OVERCLAIM.replace("""    - code: C1""", """    - {code: C2, title: Databases, credits: 15}
    - code: C1""")
    path = tmp_path / "pending.yaml"
    path.write_text(pending, encoding="utf-8")
    result = CliRunner().invoke(main, ["transfer", str(path), "--rules", "greek_law_4009", "--lang", "el",
                                       "--format", "proof"])
    assert "(αποκτήθηκαν στο εξωτερικό: 6 ή 21)" in result.output
