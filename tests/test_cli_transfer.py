"""`ects transfer` and `ects import elmo`: reports, exit codes, one-line errors, nothing half-written."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from engine.subjects.transfer.model import load_transfer
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "transfers"
ELMO = ROOT / "tests" / "data" / "elmo" / "elmo-schemas_v1.7.0_example.xml"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def example(name: str) -> str:
    return str(EXAMPLES / f"{name}.yaml")


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


@pytest.mark.parametrize("name, ruleset, code, rule", [
    ("clean_mobility", "greek_law_4009", 0, None),
    ("late_signature", "ects_guide_2015", 1, "la_signed_before_start"),
    ("overlong_period", "greek_law_4009", 1, "gr_mobility_max_one_year"),
    ("failed_component", "ects_guide_2015", 1, "recognition_only_passed"),
    ("serbian_cross_cycle", "serbian_credit_act", 1, "rs_transfer_same_level_and_type"),
])
def test_examples_exit_codes_and_failed_rule(name, ruleset, code, rule):
    r = run("transfer", example(name), "--rules", ruleset, "--as-of", "2026-01-01", "--format", "json")
    assert r.exit_code == code, r.output
    data = json.loads(r.output)
    failed = {f["rule"] for f in data["findings"] if f["status"] == "fail" and f["severity"] == "error"}
    assert (rule in failed) if rule else not failed
    assert "recognition" in data["extra"]


def test_text_report_shows_recognition():
    r = run("transfer", example("failed_component"), "--rules", "ects_guide_2015")
    assert r.exit_code == 1
    assert "Recognition (decision of 2025-03-25):" in r.output
    assert "Credits to recognise: 24 (claimed 30, earned 24)" in r.output
    assert "1000-217bMRJ was failed" in r.output
    assert "no home grading table given; grades not converted" in r.output


def test_proof_of_recognition(tmp_path):
    out = tmp_path / "proof.md"
    r = run("transfer", example("clean_mobility"), "--rules", "greek_law_4009", "--format", "proof", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert text.startswith("# Proof of Recognition")
    assert "| K22 Machine Learning | 6 | 8.5 | IN2064 | recognised |" in text
    assert "**Total credits recognised:** 30" in text


def test_strict_exits_1_on_undecided(tmp_path):
    pending = tmp_path / "pending.yaml"  # the clean mobility with one result not yet known
    text = (EXAMPLES / "clean_mobility.yaml").read_text()
    line = next(x for x in text.splitlines() if "{code: IN2106" in x and "passed: true" in x)
    pending.write_text(text.replace(line, line.replace(", passed: true", "")))
    args = ["transfer", pending, "--rules", "ects_guide_2015"]
    assert run(*args).exit_code == 0
    assert run(*args, "--strict").exit_code == 1


def test_no_recognition_decision_leaves_every_recognition_rule_not_applicable():
    r = run("transfer", example("overlong_period"), "--rules", "ects_guide_2015", "--format", "json")
    findings = json.loads(r.output)["findings"]
    status = {f["rule"]: f["status"] for f in findings if f["rule"].startswith("recognition_")}
    assert set(status) == {"recognition_only_passed", "recognition_within_earned", "recognition_full"}
    assert set(status.values()) == {"not_applicable"}, status
    assert run("transfer", example("overlong_period"), "--rules", "ects_guide_2015", "--strict").exit_code == 0


def test_elmo_transcript_replaces_the_file_transcript():
    r = run("transfer", example("clean_mobility"), "--rules", "ects_guide_2015", "--transcript", ELMO, "--format", "json")
    data = json.loads(r.output)
    assert r.exit_code == 1  # the recognised TUM courses are not on that transcript
    lines = data["extra"]["recognition"]["lines"]
    assert all("not on the transcript" in " ".join(line["reasons"]) for line in lines)


# ---- bad input --------------------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    line = one_line_error(run("transfer", tmp_path / "nope.yaml", "--rules", "ects_guide_2015", "-o", tmp_path / "r.txt"))
    assert "nope.yaml" in line and "not found" in line
    assert not (tmp_path / "r.txt").exists()


def test_wrong_type_names_file_and_line(write, tmp_path):
    bad = write("bad.yaml", "kind: mobility\nid: x\nlearning_agreement:\n  components_studied:\n"
                            "    - {code: A, title: A, credits: \"6\"}\n")
    line = one_line_error(run("transfer", bad, "--rules", "ects_guide_2015", "-o", tmp_path / "r.txt"))
    assert "bad.yaml:5:" in line and "credits" in line
    assert not (tmp_path / "r.txt").exists()


def test_non_elmo_transcript(write, tmp_path):
    xml = write("other.xml", "<root><x/></root>\n")
    line = one_line_error(run("transfer", example("clean_mobility"), "--rules", "ects_guide_2015",
                              "--transcript", xml, "-o", tmp_path / "r.txt"))
    assert "other.xml:1" in line and "not an ELMO file" in line
    assert not (tmp_path / "r.txt").exists()


def test_output_never_over_input():
    line = one_line_error(run("transfer", example("clean_mobility"), "--rules", "ects_guide_2015", "-o", example("clean_mobility")))
    assert "input file" in line


def test_home_grades_needs_group():
    one_line_error(run("transfer", example("clean_mobility"), "--rules", "ects_guide_2015",
                       "--home-grades", ROOT / "examples/grades/greek-informatics.csv"))


# ---- import elmo ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, suffix", [("yaml", "yaml"), ("json", "json")])
def test_import_elmo_skeleton_loads(tmp_path, fmt, suffix):
    out = tmp_path / f"case.{suffix}"
    r = run("import", "elmo", ELMO, "--format", fmt, "-o", out)
    assert r.exit_code == 0, r.output
    model, _ = load_transfer(out)
    assert model.id == "TODO-case-id" and model.transcript and model.transcript.components


def test_import_elmo_to_stdout():
    r = run("import", "elmo", ELMO)
    assert r.exit_code == 0 and "TODO-case-id" in r.output


@pytest.mark.parametrize("text, expect", [
    ("<root><x/></root>\n", "not an ELMO file"),
    ("<elmo", "not well-formed XML"),
])
def test_import_elmo_bad_xml(write, tmp_path, text, expect):
    src = write("in.xml", text)
    line = one_line_error(run("import", "elmo", src, "-o", tmp_path / "out.yaml"))
    assert expect in line and "in.xml" in line
    assert not (tmp_path / "out.yaml").exists()


def test_import_elmo_missing_file(tmp_path):
    assert "not found" in one_line_error(run("import", "elmo", tmp_path / "missing.xml"))


def test_markdown_report_has_recognition_section():
    r = run("transfer", example("clean_mobility"), "--rules", "ects_guide_2015", "--format", "md")
    assert r.exit_code == 0, r.output
    assert "## Recognition" in r.output and "Credits to recognise: **30**" in r.output
    assert r.output.count("## Recognition") == 1


def test_proof_of_recognition_in_greek_is_bilingual():
    r = run("transfer", example("clean_mobility"), "--rules", "greek_law_4009", "--format", "proof", "--lang", "el")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("# Βεβαίωση Αναγνώρισης") and "# Proof of Recognition" in r.output
    assert "non_compliant" not in r.output and "Σύμφωνο" in r.output


def test_a_folder_of_transfer_files_is_audited_file_by_file(tmp_path):
    folder = tmp_path / "transfers"
    folder.mkdir()
    for name in ("clean_mobility", "late_signature"):
        (folder / f"{name}.yaml").write_bytes(open(example(name), "rb").read())
    (folder / "broken.yaml").write_text("kind: mobility\nid: 5\n")
    r = run("transfer", folder, "--rules", "ects_guide_2015", "--format", "json")
    assert r.exit_code == 2
    ids = [rep["subject"]["id"] for rep in json.loads(r.stdout)]
    assert len(ids) == 2
    r = run("transfer", folder, "--rules", "ects_guide_2015", "--format", "proof")
    assert r.exit_code == 2 and "take one transfer file" in r.output


def test_the_batch_index_words_the_titles_the_engine_made(tmp_path):
    """An OLA's title is the engine's ('Online Learning Agreement (...)'): the index of a Greek batch gives it
    in Greek, as the OLA's own report does."""
    folder = tmp_path / "in"
    folder.mkdir()
    ola = ROOT / "tests" / "data" / "ewp" / "omobility-las" / "get-response-example.xml"
    (folder / ola.name).write_bytes(ola.read_bytes())
    (folder / "clean_mobility.yaml").write_bytes((EXAMPLES / "clean_mobility.yaml").read_bytes())
    result = run("transfer", folder, "--rules", "ects_guide_2015", "--lang", "el", "-o", str(tmp_path / "out") + "/", "-q")
    assert result.exit_code == 0, result.output
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Ηλεκτρονική Συμφωνία Μάθησης" in index and "Online Learning Agreement" not in index


def test_a_table_a_component_without_a_code_is_a_warning_not_a_failure():
    """The EWP schema makes a component's code optional: the official example, whose components have none,
    is not failed for it."""
    ola = ROOT / "tests" / "data" / "ewp" / "omobility-las" / "get-response-example.xml"
    r = run("transfer", ola, "--rules", "greek_law_4009", "--format", "json")
    data = json.loads(r.output)
    findings = data["findings"]
    assert r.exit_code == 0, [f["rule"] for f in findings if f["status"] == "fail"]
    assert not [f for f in findings if f["rule"] == "la_table_a_complete"]
    assert "la_table_a_complete" in {p["rule"] for p in data["passed"]}
    code = [f for f in findings if f["rule"] == "la_table_a_code"]
    assert code and {(f["status"], f["severity"]) for f in code} == {("fail", "warning")}
