"""Which files a kind reads and how they are named: OLA files in a transfer folder (an ELMO transcript there
is a one-line error), course tables and cohort CSVs told apart, standard input named `<stdin>`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from engine.cli.main import main
from engine.subjects.kinds import detect_kind

from table_samples import write_csv, write_xlsx

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
OLA = DATA / "ewp" / "omobility-las" / "get-response-example.xml"
ELMO = DATA / "elmo" / "elmo-schemas_v1.7.0_example.xml"
TRANSFER = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
COHORT = ROOT / "examples" / "grades" / "serbian-informatics.yaml"


def run(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_a_transfer_folder_reads_its_ola_files(tmp_path):
    shutil.copy(TRANSFER, tmp_path)
    shutil.copy(OLA, tmp_path / "ola.xml")
    code, out, err = run("transfer", tmp_path, "--rules", "ects_guide_2015", "--format", "json")
    assert code in (0, 1), err
    reports = json.loads(out)
    assert sorted(Path(r["input"]["path"]).name for r in reports) == ["clean_mobility.yaml", "ola.xml"]


def test_an_elmo_transcript_in_a_transfer_folder_is_named_not_audited(tmp_path):
    shutil.copy(TRANSFER, tmp_path)
    shutil.copy(ELMO, tmp_path / "transcript.xml")
    code, out, err = run("transfer", tmp_path / "transcript.xml", "--rules", "ects_guide_2015")
    assert code == 2 and "Traceback" not in err
    [line] = err.strip().splitlines()
    assert "transcript.xml" in line and "ELMO transcript, not an Online Learning Agreement" in line


def test_kinds_are_told_apart_by_content(tmp_path):
    table = write_csv(tmp_path / "plan.csv", [["Code", "Title", "Semester", "ECTS"], ["A", "a", 1, 30]])
    cohort = tmp_path / "cohort.csv"
    cohort.write_text("# scale: gr-0-10\ngroup,academic_year,grade,count\ng,2022-23,5,10\n", encoding="utf-8")
    assert detect_kind(table) == "programme"
    assert detect_kind(cohort) == "cohort"
    assert detect_kind(write_xlsx(tmp_path / "plan.xlsx", {"Courses": [["Code"]]})) == "programme"
    assert detect_kind(OLA) == "transfer"


def test_standard_input_is_named_stdin_for_every_kind():
    for args, path in ((("transfer",), OLA), (("transfer",), TRANSFER), (("grades", "check"), COHORT)):
        code, out, err = run(*args, "-", "--rules", "ects_guide_2015", input=path.read_bytes())
        assert code in (0, 1), err
        assert "Input file: <stdin> (SHA-256" in out and "Input file: -" not in out


def test_a_course_table_on_standard_input_is_read_as_csv_and_named_stdin():
    code, out, err = run("import", "table", "-", "--field", "cycle=first", input="Code,Title,Semester,ECTS\nA,a,1,six\n")
    assert code == 2 and err.strip() == "error: <stdin>!D2: credits must be a number, got 'six'"
