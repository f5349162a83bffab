"""`ects import elmo` on several files and folders, `ects import ola`, `ects transfer FILE.xml`."""
from __future__ import annotations

from click.testing import CliRunner

from engine.cli.main import main
from engine.subjects.transfer.model import load_transfer
from tests.conftest import ROOT

ELMO = ROOT / "tests" / "data" / "elmo"
OLA = ROOT / "tests" / "data" / "ewp" / "omobility-las"
STEP = OLA / "example-scenario"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_import_elmo_folder_prints_a_summary_per_file():
    r = run("import", "elmo", ELMO)
    assert r.exit_code == 0, r.output
    assert "6 of 6 files imported" in r.output
    assert "se_ladok_degree_and_courses.xml: 8 components from Example University (Sweden), 60 ECTS counted, 52.5 ECTS passed" in r.output
    assert "fi_pre10_degree_modules.xml: 17 components from Example University (Finland), 72 ECTS counted, 72 ECTS passed" in r.output
    assert "valid against the official ELMO schema 1.7.0" in r.output


def test_import_elmo_several_files_to_a_folder(tmp_path):
    r = run("import", "elmo", ELMO / "dk_seven_point_placeholder_issuer.xml", ELMO / "fi_pre10_degree_modules.xml",
            "-o", tmp_path)
    assert r.exit_code == 0, r.output
    loaded, _ = load_transfer(tmp_path / "dk_seven_point_placeholder_issuer.yaml")
    assert loaded.transcript.earned_credits == 30
    assert "placeholder" in (tmp_path / "dk_seven_point_placeholder_issuer.yaml").read_text(encoding="utf-8")


def test_import_elmo_bad_file_among_good_ones_exits_2(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<elmo>", encoding="utf-8")
    r = run("import", "elmo", ELMO / "fi_pre10_degree_modules.xml", bad)
    assert r.exit_code == 2
    assert "bad.xml" in r.output and "1 of 2 files imported" in r.output and "Traceback" not in r.output


def test_import_elmo_several_files_need_a_folder(tmp_path):
    r = run("import", "elmo", ELMO / "fi_pre10_degree_modules.xml", ELMO / "dk_seven_point_placeholder_issuer.xml",
            "-o", tmp_path / "out.yaml")
    assert r.exit_code == 2 and "must be an existing folder" in r.output


def test_import_elmo_user_grading_schemes(tmp_path):
    schemes = tmp_path / "s.yaml"
    schemes.write_text('schemes:\n  - id: dk-odd\n    country: "DK"\n    name: odd\n    source: test\n'
                       '    pass: ["excellent+"]\n    fail: []\n', encoding="utf-8")
    xml = tmp_path / "dk.xml"
    xml.write_text((ELMO / "dk_seven_point_placeholder_issuer.xml").read_text(encoding="utf-8")
                   .replace("<resultLabel>12</resultLabel>", "<resultLabel>excellent+</resultLabel>"), encoding="utf-8")
    assert "unknown outcome" in run("import", "elmo", xml, xml).output
    r = run("import", "elmo", xml, xml, "--grading-schemes", schemes)
    assert "unknown outcome" not in r.output


def test_import_ola_with_update_request(tmp_path):
    out = tmp_path / "la.yaml"
    r = run("import", "ola", STEP / "10-changes-proposal.part.xml", STEP / "11-approve-proposal.part.xml", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "# Import notes:" in text and "state: first version signed by all three parties; changes approved" in text
    loaded, _ = load_transfer(out)
    assert loaded.learning_agreement.pending_changes == []


def test_import_ola_update_alone_is_a_one_line_error():
    r = run("import", "ola", STEP / "11-approve-proposal.part.xml")
    assert r.exit_code == 2 and r.output.startswith("error: ") and "update request" in r.output


def test_transfer_audits_an_ola_directly():
    r = run("transfer", OLA / "ola-dashboard-scenarios" / "Ex9.xml", "--rules", "ects_guide_2015")
    assert r.exit_code == 0, r.output  # only warnings fail (la_totals_match: 7 credits against 8)
    assert "Online Learning Agreement (first version signed by all three parties; changes approved)" in r.output
    assert "[WARN] warning · la_totals_match" in r.output
