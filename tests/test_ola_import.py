"""Importing EWP Online Learning Agreements: the 12-step change scenario, the Erasmus Dashboard examples,
the API's get-response example (all from the EWP specification, see tests/data/ewp/README.md)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import SubjectFileError
from engine.subjects.transfer.ola import load_ola_transfer, read_ola
from engine.subjects.transfer.model import load_transfer
from transfer_helpers import audit_transfer, recognition

OLA = Path(__file__).resolve().parent / "data" / "ewp" / "omobility-las"
STEPS = OLA / "example-scenario"
DASHBOARD = OLA / "ola-dashboard-scenarios"


def step(n: int) -> Path:
    return next(STEPS.glob(f"{n:02d}-*.xml"))


# step -> (get response, update requests applied, expected state, Table A after approved changes, pending proposals)
LOGICS, BIG_DATA, AFP = "Advanced Logics for Computer Scientists", "Big Data Mining and Processing", "Advanced Functional Programming"
FIRST = [LOGICS, BIG_DATA, AFP]
AFTER_FIRST_CHANGE = [LOGICS, BIG_DATA, "Advanced Databases"]
FINAL = [BIG_DATA, "Computational Social Choice Theory", "Artificial Intelligence and Expert Systems"]
SCENARIO = {
    1: (1, [], "first version proposed, awaiting the receiving institution's approval",
        [LOGICS, "Big data processing and cluster computing", AFP], 0),
    2: (1, [2], "first version proposed, not accepted by the receiving institution",
        [LOGICS, "Big data processing and cluster computing", AFP], 0),
    3: (3, [], "first version proposed, awaiting the receiving institution's approval", FIRST, 0),
    4: (3, [4], "first version signed by all three parties", FIRST, 0),
    5: (5, [], "first version signed by all three parties", FIRST, 0),
    6: (6, [], "first version signed by all three parties; a change proposal awaits approval (not a signed change)", FIRST, 1),
    7: (6, [7], "first version signed by all three parties; changes approved", AFTER_FIRST_CHANGE, 0),
    8: (8, [], "first version signed by all three parties; changes approved; a change proposal awaits approval "
        "(not a signed change)", AFTER_FIRST_CHANGE, 1),
    9: (8, [9], "first version signed by all three parties; changes approved; a change proposal was not accepted "
        "by the receiving institution", AFTER_FIRST_CHANGE, 1),
    10: (10, [], "first version signed by all three parties; changes approved; a change proposal awaits approval "
         "(not a signed change)", AFTER_FIRST_CHANGE, 1),
    11: (10, [11], "first version signed by all three parties; changes approved", FINAL, 0),
    12: (12, [], "first version signed by all three parties; changes approved", FINAL, 0),
}


@pytest.mark.parametrize("n", sorted(SCENARIO))
def test_change_scenario_step(n):
    get, updates, state, table_a, pending = SCENARIO[n]
    [r] = read_ola(step(get), [step(u) for u in updates])
    la = r.transfer.learning_agreement
    assert r.state == state
    assert [c.title for c in la.studied_after_amendments()] == table_a
    assert len(la.pending_changes) == pending
    if n >= 4:
        assert la.signatures.complete and la.signatures.receiving.signer_name == "Anders Bardal"
    else:
        assert la.signatures.unsigned() == ["receiving"]


def test_approving_a_step_gives_the_next_published_version():
    """Step 3 + approval (4) is the signed first version of step 5; step 10 + approval (11) is step 12."""
    assert read_ola(step(3), [step(4)])[0].transfer.learning_agreement == read_ola(step(5))[0].transfer.learning_agreement
    approved = read_ola(step(10), [step(11)])[0].transfer.learning_agreement
    final = read_ola(step(12))[0].transfer.learning_agreement
    assert approved.studied_after_amendments() == final.studied_after_amendments()
    assert approved.amendments[0].signatures == final.amendments[0].signatures


def test_pending_proposal_is_not_a_signed_change():
    la = read_ola(step(6))[0].transfer.learning_agreement
    assert la.amendments == []
    [proposal] = la.pending_changes
    assert proposal.signatures.unsigned() == ["receiving"]
    assert [c.title for c in proposal.added_studied] == ["Advanced Databases"]
    assert [c.title for c in proposal.added_virtual] == ["Aspect oriented programming use cases"]
    assert la.virtual_after_amendments() == []  # the virtual component comes only with the approval


def test_comment_is_kept_on_the_rejected_proposal():
    [r] = read_ola(step(8), [step(9)])
    assert "not conducted in English" in r.transfer.learning_agreement.pending_changes[0].comment
    assert any("did not accept proposal AF521761" in n for n in r.notes)


def test_update_for_another_proposal_is_not_applied():
    [r] = read_ola(step(8), [step(7)])
    assert r.transfer.learning_agreement.pending_changes[0].signatures.receiving is None
    assert any("not applied" in n for n in r.notes)


def test_signatures_keep_their_timestamps():
    sig = read_ola(step(5))[0].transfer.learning_agreement.signatures
    assert sig.student.signed == dt.date(2020, 1, 18)
    assert sig.receiving.signed_at == dt.datetime(2020, 1, 22, 11, 12, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert sig.sending.signer_position == "Mobility coordinator"


def test_approved_changes_reasons_and_virtual_components():
    change = read_ola(step(12))[0].transfer.learning_agreement.amendments[0]
    assert change.reason == "timetable-conflict, substituting-deleted, language-mismatch, adding-virtual-component"
    assert change.date == dt.date(2020, 3, 6)  # the first signature of the change


def test_get_response_example_parties_period_credits():
    [r] = read_ola(OLA / "get-response-example.xml")
    t = r.transfer
    assert (t.home.institution.schac, t.host.institution.schac) == ("uio.no", "uw.edu.pl")
    assert t.student.name and t.period.start and t.period.end
    la = t.learning_agreement
    assert la.table_a_credits is not None and len(la.pending_changes) == 1


@pytest.mark.parametrize(("name", "state"), [
    ("Ex1", "first version proposed, awaiting the receiving institution's approval"),
    ("Ex4", "first version signed by all three parties"),
    ("Ex7", "first version signed by all three parties; a change proposal awaits approval (not a signed change)"),
    ("Ex9", "first version signed by all three parties; changes approved"),
])
def test_dashboard_examples(name, state):
    [r] = read_ola(DASHBOARD / f"{name}.xml")
    assert r.state == state
    t = r.transfer
    assert t.period.start == dt.date(2021, 2, 1) and t.period.end == dt.date(2021, 7, 31)  # from year-month
    assert t.home.cycle == "first"  # EQF 6 at departure
    assert all(c.credits is not None for c in t.learning_agreement.components_studied)


def test_dashboard_approval_applies_to_its_proposal():
    [r] = read_ola(DASHBOARD / "Ex1.xml", [DASHBOARD / "Ex2.xml"])
    assert r.state == "first version signed by all three parties"


@pytest.mark.parametrize(("name", "hint"), [
    ("Ex2.xml", "an update request"), ("Ex3.xml", "update response"), ("Ex6.xml", "holds no <la>"),
])
def test_files_without_an_agreement_are_refused_in_one_line(name, hint):
    with pytest.raises(SubjectFileError) as e:
        read_ola(DASHBOARD / name)
    assert hint in str(e.value) and name in str(e.value)


def test_update_file_that_is_not_an_update(tmp_path):
    with pytest.raises(SubjectFileError, match="not an OLA update request"):
        read_ola(step(5), [step(6)])


@pytest.mark.parametrize(("text", "message"), [
    ("<first-version><student-signature><timestamp>yesterday</timestamp></student-signature></first-version>",
     "is not an ISO date and time"),
    ("<first-version><components-studied><component><los-code>X</los-code></component></components-studied>"
     "</first-version>", "has no <title>"),
    ("<first-version><components-studied><component status='moved'><title>T</title></component>"
     "</components-studied></first-version>", "status 'moved'"),
    ("<first-version><components-studied><component><title>T</title><credit><scheme>ects</scheme>"
     "<value>-5</value></credit></component></components-studied></first-version>", "not a non-negative number"),
    ("<la><start-date>2021-03-01</start-date><end-date>2021-02-01</end-date><first-version/></la>", "must be after"),
    ("<first-version>", "not well-formed"),
])
def test_bad_files_give_one_line_errors(tmp_path, text, message):
    p = tmp_path / "bad.xml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SubjectFileError) as e:
        read_ola(p)
    assert message in str(e.value) and "bad.xml" in str(e.value)


def test_imported_file_loads_as_a_transfer_file(tmp_path):
    [r] = read_ola(step(8), [step(9)])
    for fmt in ("yaml", "json"):
        p = tmp_path / f"la.{fmt}"
        p.write_text(r.skeleton(fmt), encoding="utf-8")
        loaded, _ = load_transfer(p)
        assert loaded == r.transfer


def test_rules_run_on_an_imported_ola():
    report, model = audit_transfer("ects_guide_2015", DASHBOARD / "Ex9.xml")
    status = {f.rule: f.status for f in report.findings}
    assert status["la_signed_before_start"] == "pass" and status["la_amendments_signed"] == "pass"
    assert status["la_totals_match"] == "fail"  # Table A 7 credits against Table B 8, no justification
    assert load_ola_transfer(DASHBOARD / "Ex9.xml")[0] == model


def test_unsigned_proposal_fails_the_signature_rule():
    report, _ = audit_transfer("ects_guide_2015", DASHBOARD / "Ex1.xml")
    [finding] = [f for f in report.findings if f.rule == "la_signed_before_start"]
    assert finding.status == "fail"  # the receiving institution never signed before the start


_TEXT = st.text(alphabet="0123456789-:T+Z .abcxyz", max_size=25)


@settings(max_examples=60, deadline=None)
@given(stamp=_TEXT, credit=_TEXT, status=st.sampled_from(["", "inserted", "deleted", "moved"]), title=_TEXT,
       start=_TEXT, month=_TEXT, list_tag=st.sampled_from(["first-version", "approved-changes", "changes-proposal"]))
def test_generated_agreements_import_or_fail_in_one_line(tmp_path_factory, stamp, credit, status, title, start, month,
                                                          list_tag):
    """Whatever the values, an OLA file imports or gives a SubjectFileError naming the file: never another error."""
    status_attr = f' status="{status}"' if status else ""
    xml = (f"<la><start-date>{start}</start-date><end-year-month>{month}</end-year-month>"
           f"<{list_tag} id='p1'><components-studied><component{status_attr}><title>{title}</title>"
           f"<credit><scheme>ects</scheme><value>{credit}</value></credit></component></components-studied>"
           f"<student-signature><timestamp>{stamp}</timestamp></student-signature></{list_tag}></la>")
    p = tmp_path_factory.mktemp("ola") / "la.xml"
    p.write_text(xml, encoding="utf-8")
    try:
        [r] = read_ola(p)
    except SubjectFileError as e:
        assert e.path == str(p)
    else:
        assert r.transfer.learning_agreement is not None


def test_the_report_names_a_pending_proposal_and_its_comment():
    report, _ = audit_transfer("ects_guide_2015", step(8))
    [note] = [n for n in recognition(report)["notes"] if n.startswith("a change proposal")]
    assert "+ Distributed Systems" in note and "not signed by: receiving" in note and "not applied" in note
    assert all(not n.startswith("a change proposal") for n in recognition(audit_transfer("ects_guide_2015", step(12))[0])["notes"])


def test_approved_changes_without_a_first_version_are_named_not_applied(tmp_path):
    p = tmp_path / "la.xml"
    p.write_text("<la><approved-changes><student-signature><timestamp>2020-01-01T10:00:00Z</timestamp>"
                 "</student-signature></approved-changes></la>", encoding="utf-8")
    [r] = read_ola(p)
    assert r.state == "no learning agreement" and r.transfer.learning_agreement.amendments == []
    assert any("no first version" in n for n in r.notes)


def test_bad_signature_in_an_update_request_names_that_file(tmp_path):
    bad = tmp_path / "approve.xml"
    bad.write_text(step(4).read_text(encoding="utf-8").replace("2020-01-22T11:12:08+02:00", "soon"), encoding="utf-8")
    with pytest.raises(SubjectFileError) as e:
        read_ola(step(3), [bad])
    assert str(bad) in str(e.value) and "'soon' is not an ISO date and time" in str(e.value)
