"""Importing ELMO (EMREX) transcripts."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from engine.errors import SubjectFileError
from engine.subjects.transfer.elmo import dump_transfer_skeleton, read_elmo
from engine.subjects.transfer.model import Transcript, TranscriptComponent, load_transfer

DATA = Path(__file__).resolve().parent / "data" / "elmo"
V1_0 = DATA / "elmo-schemas_v1.0.0_example.xml"
V1_7 = DATA / "elmo-schemas_v1.7.0_example.xml"
NESTED = DATA / "nested_draft_namespace.xml"
V1_NS = "https://github.com/emrex-eu/elmo-schemas/tree/v1"


def write(tmp_path: Path, text: str, name: str = "t.xml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def minimal(ns_attr: str = "", body: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<elmo{ns_attr}>
  <learner><givenNames>A</givenNames><familyName>B</familyName></learner>
  <report>
    <issuer><identifier type="schac">example.org</identifier><title>Example University</title></issuer>
    {body}
    <issueDate>2025-03-01T12:00:00Z</issueDate>
  </report>
</elmo>
"""


COURSE = """
    <learningOpportunitySpecification>
      <identifier type="local">C1</identifier>
      <title>Course one</title>
      <specifies><learningOpportunityInstance>
        <status>passed</status><resultLabel>9</resultLabel>
        <credit><scheme>ects</scheme><value>5</value></credit>
      </learningOpportunityInstance></specifies>
    </learningOpportunitySpecification>"""


# --- the official examples ---------------------------------------------------------------------------

def test_v1_0_example():
    r = read_elmo(V1_0)
    t = r.transcript
    assert r.namespace == V1_NS
    assert [c.title for c in t.components] == ["Compiler construction", "The importance of <br> in HTML"]
    compiler = t.components[0]
    assert compiler.code == "1000-217bMRJ" and compiler.credits == 6 and compiler.local_grade == 45.1
    assert compiler.passed is None  # no <status> in 1.0 and '45.1' does not say pass or fail
    assert compiler.result_date == dt.date(2015, 3, 17) and compiler.term == "Winter Semester of 2014"
    assert [g.count for g in compiler.result_distribution] == [43, 193, 198, 35, 7]
    assert t.total_credits is None  # the second component has no credits
    assert sum(c.credits or 0 for c in t.components) == 6  # the lecture and lab classes add nothing
    assert t.issued == dt.date(2015, 10, 31)
    assert r.host.institution.name == "University of Warsaw"
    assert (r.host.institution.schac, r.host.institution.erasmus_code, r.host.country) == ("uw.edu.pl", "PL WARSZAW01", "PL")
    assert r.student.name == "Wojciech Łukasz Rygielski"


def test_v1_7_example_nested_degree_not_counted_twice():
    r = read_elmo(V1_7)
    t = r.transcript
    assert [c.code for c in t.components] == ["EKSTERN", "1000-217bMRJ", None]
    fungi = t.components[0]
    assert fungi.credits == 15 and fungi.part_of == "Master of Science in Biology (MNM2-BIO)"
    assert fungi.title == "Identifying ectomycorrhizal fungi (University of Copenhagen)"  # English picked
    assert sum(c.credits or 0 for c in t.components) == 21  # not 120 + 15 + 6
    assert any("120 credits" in n and "not counted" in n for n in r.notes)
    assert [c.passed for c in t.components] == [None, True, True]
    assert [g.id for g in t.grading_schemes] == ["ZAL", "AM", "0-100"]
    assert t.find_grading_scheme("ZAL").description == "Pass/Fail (non-graded pass)"
    assert t.components[1].grading_scheme_id == "0-100"


def test_nested_draft_namespace_file():
    r = read_elmo(NESTED)
    t = r.transcript
    assert r.namespace == "http://purl.org/net/elmo"
    assert [c.code for c in t.components] == ["INF-201", "INF-202", "SPORT-1", "LANG-DE"]
    assert t.components[0].part_of == "Theoretical Computer Science (MOD-THEO)"
    assert t.components[2].part_of == "Bachelor of Science in Computer Science (BSC-INF)"
    assert [c.credits for c in t.components] == [9.2857, 9.2857, 2, None]  # LANG-DE: only non-ECTS credits
    assert [c.passed for c in t.components] == [True, False, True, False]  # 1.3 passes on the German scale
    assert t.components[0].local_grade == 1.3 and t.components[2].local_grade == "bestanden"
    assert t.results_date == dt.date(2025, 2, 10) and t.issued == dt.date(2025, 2, 20)
    assert r.host.country == "DE" and r.host.institution.name == "Musterstadt University of Technology"
    assert sum(1 for n in r.notes if "not counted" in n) == 2


def test_no_namespace_file_reads_like_the_namespaced_one(tmp_path):
    text = V1_7.read_text(encoding="utf-8").replace(f'xmlns="{V1_NS}"', "")
    r = read_elmo(write(tmp_path, text))
    assert r.namespace == ""
    assert r.transcript == read_elmo(V1_7).transcript


def test_draft_namespace_of_official_example(tmp_path):
    text = V1_0.read_text(encoding="utf-8").replace(V1_NS, "http://purl.org/net/elmo")
    r = read_elmo(write(tmp_path, text))
    assert r.namespace == "http://purl.org/net/elmo" and len(r.transcript.components) == 2


def test_minimal_file_and_status_values(tmp_path):
    r = read_elmo(write(tmp_path, minimal(body=COURSE)))
    (c,) = r.transcript.components
    assert (c.code, c.title, c.credits, c.local_grade, c.passed) == ("C1", "Course one", 5, 9, True)
    assert r.host.institution.schac == "example.org" and r.host.country is None
    r = read_elmo(write(tmp_path, minimal(body=COURSE.replace("passed", "in-progress"))))
    assert r.transcript.components[0].passed is None


# --- refusals ---------------------------------------------------------------------------------------

def one_line_error(path: Path) -> SubjectFileError:
    with pytest.raises(SubjectFileError) as e:
        read_elmo(path)
    assert str(path) in str(e.value) and "\n" not in str(e.value)
    return e.value


def test_broken_xml(tmp_path):
    p = write(tmp_path, minimal(body=COURSE).replace("</report>", "</reprt>"))
    err = one_line_error(p)
    assert err.message == "not well-formed XML: mismatched tag"
    assert "</reprt>" in p.read_text().splitlines()[err.line - 1]


def test_non_elmo_xml(tmp_path):
    p = write(tmp_path, '<?xml version="1.0"?>\n<omobility-las-get-response xmlns="urn:x"><la/></omobility-las-get-response>')
    err = one_line_error(p)
    assert "not an ELMO file" in err.message and "<omobility-las-get-response>" in err.message


def ewp_tor_response(*elmo_files: Path) -> str:
    """An EWP incoming-mobility ToR response wrapping the given ELMO documents (without their XML comments)."""
    tors = "".join("<tor><omobility-id>m%d</omobility-id>%s</tor>" % (i, f.read_text(encoding="utf-8").split("-->", 1)[1])
                   for i, f in enumerate(elmo_files))
    return f'<imobility-tors-get-response xmlns="urn:example:ewp-tors">{tors}</imobility-tors-get-response>'


def test_elmo_inside_an_ewp_tor_response(tmp_path):
    r = read_elmo(write(tmp_path, ewp_tor_response(V1_0)))
    assert r.transcript == read_elmo(V1_0).transcript


def test_several_elmo_documents_refused(tmp_path):
    err = one_line_error(write(tmp_path, ewp_tor_response(V1_0, V1_7)))
    assert "holds 2 ELMO documents" in err.message


def test_unknown_namespace(tmp_path):
    err = one_line_error(write(tmp_path, minimal(' xmlns="urn:example:elmo"', COURSE)))
    assert "unknown ELMO namespace 'urn:example:elmo'" in err.message


def test_doctype_and_entities_refused(tmp_path):
    text = '<?xml version="1.0"?>\n<!DOCTYPE elmo [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;">\n]>\n<elmo>&b;</elmo>'
    err = one_line_error(write(tmp_path, text))
    assert "DOCTYPE" in err.message and err.line == 2


def test_external_entity_refused(tmp_path):
    text = '<?xml version="1.0"?>\n<!DOCTYPE elmo SYSTEM "file:///etc/passwd">\n<elmo/>'
    assert "DOCTYPE" in one_line_error(write(tmp_path, text)).message


def test_no_report(tmp_path):
    assert "no <report>" in one_line_error(write(tmp_path, "<elmo><learner/></elmo>")).message


@pytest.mark.parametrize("old, new, words", [
    ("<value>5</value>", "<value>five</value>", "credit value 'five' is not a number"),
    ("<status>passed</status>", "<status>done</status>", "unknown <status> 'done'"),
    ("<issueDate>2025-03-01T12:00:00Z", "<issueDate>March 2025", "<issueDate> 'March 2025' is not a date"),
])
def test_bad_values_name_the_line(tmp_path, old, new, words):
    err = one_line_error(write(tmp_path, minimal(body=COURSE).replace(old, new)))
    assert words in err.message and err.line is not None


def test_missing_file(tmp_path):
    assert "file not found" in one_line_error(tmp_path / "nope.xml").message


def test_empty_file(tmp_path):
    assert one_line_error(write(tmp_path, "")).message == "the file is empty"  # not expat's "no element found"


# --- the skeleton -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_skeleton_round_trips(tmp_path, fmt):
    r = read_elmo(V1_7)
    p = write(tmp_path, r.skeleton(fmt), f"skeleton.{fmt}")
    model, _ = load_transfer(p)
    assert model.transcript == r.transcript and model.host == r.host and model.student == r.student
    assert model.learning_agreement is None and model.recognition is None


def test_skeleton_yaml_has_todo_comments_and_notes():
    text = read_elmo(V1_7).skeleton()
    assert "# learning_agreement:" in text and "# recognition:" in text and "TODO" in text
    assert "# Import notes:" in text and "not counted" in text
    assert yaml.safe_load(text)["kind"] == "mobility"


def test_skeleton_from_bare_transcript():
    t = Transcript(components=[TranscriptComponent(title="A", credits=6.0, passed=True)])
    data = json.loads(dump_transfer_skeleton(t, "json"))
    assert data["transcript"] == {"components": [{"title": "A", "credits": 6, "passed": True}]}
    assert data["host"] is None and data["home"] is None
    assert "# host:" in dump_transfer_skeleton(t)
    with pytest.raises(ValueError):
        dump_transfer_skeleton(t, "xml")
