"""ELMO transcripts as national EMREX clients write them, and the grading-scheme table.

The three national files in tests/data/elmo are constructed after the published structures of the
Finnish (VIRTA, pre-1.0), Swedish (Ladok) and Danish EMREX clients' ELMO files, with fictitious data;
see tests/data/elmo/README.md.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import SubjectFileError
from engine.subjects.transfer.elmo import read_elmo
from engine.subjects.transfer.grading_labels import known_schemes, label_outcome
from transfer_helpers import audit_transfer, recognition

DATA = Path(__file__).resolve().parent / "data" / "elmo"
FI = DATA / "fi_pre10_degree_modules.xml"
SE = DATA / "se_ladok_degree_and_courses.xml"
DK = DATA / "dk_seven_point_placeholder_issuer.xml"
V1 = "https://github.com/emrex-eu/elmo-schemas/tree/v1"


def test_finnish_pre10_credits_on_specification_and_grade_in_result():
    r = read_elmo(FI)
    t = r.transcript
    assert len(t.components) == 17  # the modules, not the degree
    assert t.total_credits == 72 and t.earned_credits == 72
    assert all(c.part_of and c.part_of.startswith("Bachelor of Science") for c in t.components)
    assert t.component("ORI-101").credits == 8 and t.component("ORI-101").local_grade == "hyv"
    assert t.component("STAT-101").local_grade == 1 and t.component("STAT-101").passed is True
    assert any("180 credits" in n and "not counted" in n for n in r.notes)
    assert any("add up to 72 credits, not the 180" in n for n in r.notes)
    assert any("not validated" in n for n in r.notes)


def test_swedish_ladok_course_counted_once_keeping_the_graded_copy():
    r = read_elmo(SE)
    t = r.transcript
    assert len(t.components) == 8  # 7 courses once (not 14) + the failed one
    assert t.total_credits == 60 and t.earned_credits == 52.5
    assert all(c.part_of is None for c in t.components)  # the degree's ungraded copies were dropped
    assert [c.local_grade for c in t.components[:3]] == ["VG", "G", "G"]
    assert t.component("MA1010").passed is False  # U fails
    kept = [n for n in r.notes if "counted once" in n]
    assert len(kept) == 7 and all("keeping the standalone copy" in n and "has the result" in n for n in kept)
    assert r.schema is not None and r.schema.accepted_by == "1.7.0"


def test_danish_seven_point_and_pass_fail_labels():
    r = read_elmo(DK)
    t = r.transcript
    by_code = {c.code: c for c in t.components}
    assert by_code["NDAA09003U"].local_grade == "02" and by_code["NDAA09003U"].passed is True
    assert by_code["NDAA09005U"].local_grade == "00" and by_code["NDAA09005U"].passed is False  # the failed 5-credit course
    assert by_code["NDAA09007U"].local_grade == -3 and by_code["NDAA09007U"].passed is False
    assert by_code["NDAA09004U"].passed is True and by_code["NDAA09006U"].passed is False  # BE / IB
    assert t.total_credits == 50 and t.earned_credits == 30


def test_placeholder_issuer_is_not_the_host():
    r = read_elmo(DK)
    assert r.host is None
    assert any("'TODO : Issuer unknown' is a placeholder" in n for n in r.notes)


def test_unknown_label_leaves_outcome_unknown_and_names_it(tmp_path):
    text = DK.read_text(encoding="utf-8").replace("<resultLabel>12</resultLabel>", "<resultLabel>excellent+</resultLabel>")
    (tmp_path / "dk.xml").write_text(text, encoding="utf-8")
    r = read_elmo(tmp_path / "dk.xml")
    assert r.transcript.components[0].passed is None
    assert any("'excellent+'" in n and "passed left unknown" in n for n in r.notes)


@pytest.mark.parametrize(("label", "country", "expected"), [
    ("BE", "DK", True), ("IB", "DK", False), ("00", "DK", False), ("-3", "DK", False), ("02", "DK", True),
    ("U", "SE", False), ("G", "SE", True), ("VG", "SE", True), ("Fx", "SE", False), ("E", "SE", True),
    ("hyv", "FI", True), ("hyl", "FI", False), ("0", "FI", False), ("5", "FI", True),
    ("bestått", "NO", True), ("ikke bestått", "NO", False), ("F", "NO", False), ("A", "NO", True),
    ("FX", None, False), ("E", None, True), ("zal", "PL", True),
])
def test_known_national_labels(label, country, expected):
    assert label_outcome(label, known_schemes(), country=country).passed is expected


def test_numeric_label_outside_its_country_is_unknown():
    out = label_outcome("3", known_schemes(), country="GR")  # 3/10 fails in Greece: no Greek scheme in the table
    assert out.passed is None and "'3'" in out.reason


def test_described_scheme_wins_over_the_country_list():
    schemes = known_schemes()
    assert label_outcome("D", schemes, country="PL", description="American grading scale").passed is True
    assert "elmo-example-american" in label_outcome("D", schemes, country="PL", description="American grading scale").reason


def test_user_schemes_file_extends_the_table(tmp_path):
    extra = tmp_path / "gr.yaml"
    extra.write_text('schemes:\n  - id: gr-0-10\n    country: "GR"\n    name: Greece 0-10\n    source: law 4009/2011\n'
                     '    pass: ["5", "6", "7", "8", "9", "10"]\n    fail: ["0", "1", "2", "3", "4"]\n', encoding="utf-8")
    schemes = known_schemes(extra)
    assert label_outcome("3", schemes, country="GR").passed is False
    assert label_outcome("BE", schemes, country="DK").passed is True  # the bundled ones stay


def test_bad_user_schemes_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schemes:\n  - id: x\n    name: X\n    source: s\n    pass: [A]\n", encoding="utf-8")
    with pytest.raises(SubjectFileError) as e:
        known_schemes(bad)
    assert "bad.yaml" in str(e.value) and "fail" in str(e.value)


def test_conflicting_schemes_give_no_outcome(tmp_path):
    extra = tmp_path / "x.yaml"
    extra.write_text('schemes:\n  - id: odd\n    country: "DK"\n    name: odd\n    source: s\n    pass: ["IB"]\n    fail: []\n',
                     encoding="utf-8")
    out = label_outcome("IB", known_schemes(extra), country="DK")
    assert out.passed is None and "pass in one known scheme and fail in another" in out.reason


def test_schema_rejection_is_listed_and_the_file_still_imports(tmp_path):
    text = SE.read_text(encoding="utf-8").replace("<url>https://www.example-university.se</url>", "")
    (tmp_path / "se.xml").write_text(text, encoding="utf-8")
    r = read_elmo(tmp_path / "se.xml")
    assert len(r.transcript.components) == 8
    assert r.schema.accepted_by is None and r.schema.problems
    assert any("reject this file; imported anyway" in n for n in r.notes)
    assert any(n.startswith("  schema: line ") and "url" in n for n in r.notes)


def test_official_examples_validate():
    assert read_elmo(DATA / "elmo-schemas_v1.7.0_example.xml").schema.accepted_by == "1.7.0"
    assert read_elmo(DATA / "elmo-schemas_v1.0.0_example.xml").schema.accepted_by is not None


def test_parts_without_credits_are_named_when_skipped():
    r = read_elmo(DATA / "elmo-schemas_v1.0.0_example.xml")
    assert any("part(s) without credits are skipped" in n for n in r.notes)


def test_degree_copy_kept_when_only_it_has_a_result(tmp_path):
    body = f"""<elmo xmlns="{V1}"><report><issuer><title>U</title></issuer>
      <learningOpportunitySpecification><identifier type="local">DEG</identifier><title>Degree</title>
        <hasPart><learningOpportunitySpecification><identifier type="local">C1</identifier><title>One</title>
          <specifies><learningOpportunityInstance><status>passed</status><resultLabel>G</resultLabel>
            <credit><scheme>ects</scheme><value>5</value></credit></learningOpportunityInstance></specifies>
        </learningOpportunitySpecification></hasPart></learningOpportunitySpecification>
      <learningOpportunitySpecification><identifier type="local">C1</identifier><title>One</title>
        <specifies><learningOpportunityInstance><credit><scheme>ects</scheme><value>5</value></credit>
        </learningOpportunityInstance></specifies></learningOpportunitySpecification>
      <issueDate>2025-01-01</issueDate></report></elmo>"""
    (tmp_path / "x.xml").write_text(body, encoding="utf-8")
    r = read_elmo(tmp_path / "x.xml")
    assert [(c.code, c.part_of, c.local_grade) for c in r.transcript.components] == [("C1", "Degree (DEG)", "G")]
    assert any("keeping the part copy (only the degree's copy has a result)" in n for n in r.notes)


def test_two_standalone_attempts_are_both_kept(tmp_path):
    course = """<learningOpportunitySpecification><identifier type="local">C1</identifier><title>One</title>
        <specifies><learningOpportunityInstance><status>{s}</status><credit><scheme>ects</scheme><value>5</value></credit>
        </learningOpportunityInstance></specifies></learningOpportunitySpecification>"""
    body = f"""<elmo xmlns="{V1}"><report><issuer><title>U</title></issuer>{course.format(s='failed')}{course.format(s='passed')}
      <issueDate>2025-01-01</issueDate></report></elmo>"""
    (tmp_path / "x.xml").write_text(body, encoding="utf-8")
    assert [c.passed for c in read_elmo(tmp_path / "x.xml").transcript.components] == [False, True]


def test_labels_read_for_pass_or_fail_are_listed_once():
    r = read_elmo(DK)
    [note] = [n for n in r.notes if n.startswith("pass or fail read from result labels")]
    assert "'00' is a fail in dk-7-point" in note and "'BE' is a pass in dk-pass-fail" in note


def _recognising(tmp_path, code: str) -> Path:
    p = tmp_path / "t.yaml"
    p.write_text(f"kind: programme_transfer\nid: t\nrecognition:\n  lines:\n"
                 f"    - {{code: H1, title: Home course, credits: 4, from_components: [{code}]}}\n", encoding="utf-8")
    return p


def _status(tmp_path, code: str, transcript: Path) -> str:
    report, _ = audit_transfer("ects_guide_2015", _recognising(tmp_path, code), transcript_xml=transcript)
    return next(f.status for f in report.findings if f.rule == "recognition_only_passed")


def test_recognising_a_finnish_module_finds_it_on_the_transcript(tmp_path):
    assert _status(tmp_path, "ECON-101", FI) == "pass"  # was "not on the transcript" when modules vanished


def test_recognising_a_failed_danish_course_fails(tmp_path):
    assert _status(tmp_path, "NDAA09005U", DK) == "fail"  # 00: was only undecided when labels were not read
    assert _status(tmp_path, "NDAA09004U", DK) == "pass"  # BE
