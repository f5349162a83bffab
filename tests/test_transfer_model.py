"""The transfer file model: loading, strict types, derived values."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from engine.errors import SubjectFileError
from engine.subjects.transfer.model import (
    LearningAgreement,
    Period,
    Signatures,
    Transcript,
    TransferFile,
    load_transfer,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "transfers"

MINIMAL = """\
kind: mobility
id: case-1
"""


def write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_minimal_file_loads_with_everything_unknown(tmp_path):
    model, sha = load_transfer(write(tmp_path, MINIMAL))
    assert model.kind == "mobility" and model.id == "case-1"
    assert model.learning_agreement is None and model.transcript is None and model.period is None
    assert len(sha) == 64


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_load(path):
    model, _ = load_transfer(path)
    assert model.id
    assert path.read_text(encoding="utf-8").startswith("#"), "each example starts with a comment header"


def test_clean_mobility_derived_values():
    m, _ = load_transfer(EXAMPLES / "clean_mobility.yaml")
    la = m.learning_agreement
    assert la.table_a_credits == 30 and la.table_b_credits == 30
    assert la.all_signed_before(m.period.start) is True
    assert m.transcript.earned_credits == 30
    assert m.transcript.weeks_from_results_to_issue <= 5
    assert m.agreement.approved is True
    assert m.home.country == "GR" and m.host.country == "DE"
    assert isinstance(m.period.start, dt.date)
    assert m.period.months == 5.0
    assert all(c is not None and c.passed for _, c in m.recognition_sources())


def test_late_signature():
    m, _ = load_transfer(EXAMPLES / "late_signature.yaml")
    sig = m.learning_agreement.signatures
    assert m.learning_agreement.all_signed_before(m.period.start) is False
    assert sig.receiving.signed > m.period.start > sig.sending.signed


def test_overlong_period():
    m, _ = load_transfer(EXAMPLES / "overlong_period.yaml")
    assert m.period.months == 14.0 and m.period.days > 365
    la = m.learning_agreement
    assert len(la.studied_after_amendments()) == len(la.components_studied) + 1
    assert len(la.recognized_after_amendments()) == len(la.components_recognized) + 1


def test_failed_component_claimed():
    m, _ = load_transfer(EXAMPLES / "failed_component.yaml")
    assert [code for code, c in m.recognition_sources() if c.passed is False] == ["1000-217bMRJ"]
    assert m.transcript.earned_credits == m.transcript.total_credits - 6


def test_serbian_cross_cycle():
    m, _ = load_transfer(EXAMPLES / "serbian_cross_cycle.yaml")
    assert m.kind == "programme_transfer"
    assert (m.host.cycle, m.home.cycle) == ("first", "second")
    assert m.learning_agreement is None and m.period is None
    assert m.recognition.recognized_credits == 12
    assert [code for code, c in m.recognition_sources() if c is None] == []


# --- errors ----------------------------------------------------------------------------------------

def test_wrong_type_names_line_and_field(tmp_path):
    p = write(tmp_path, MINIMAL + """\
learning_agreement:
  components_studied:
    - {code: X1, title: Algebra, credits: 6}
    - code: X2
      title: Analysis
      credits: "6"
""")
    with pytest.raises(SubjectFileError) as e:
        load_transfer(p)
    err = e.value
    assert err.path == str(p) and err.line == 8
    assert "learning_agreement.components_studied[1].credits" in err.message
    assert "number" in err.message


def test_unknown_field_is_an_error(tmp_path):
    p = write(tmp_path, MINIMAL + "transcript:\n  issued: 2025-03-01\n  isued_by: someone\n")
    with pytest.raises(SubjectFileError) as e:
        load_transfer(p)
    assert e.value.line == 5 and "transcript.isued_by" in e.value.message
    assert "not permitted" in e.value.message


def test_missing_required_id(tmp_path):
    with pytest.raises(SubjectFileError) as e:
        load_transfer(write(tmp_path, "kind: mobility\ntitle: x\n"))
    assert "'id'" in e.value.message


@pytest.mark.parametrize("value", ["2024-09-31", "20240901", "'2024-09-01T10:00:00'", "1 Sep 2024"])
def test_bad_dates(tmp_path, value):
    with pytest.raises(SubjectFileError) as e:
        load_transfer(write(tmp_path, MINIMAL + f"period:\n  start: {value}\n"))
    assert e.value.line == 4 and "period.start" in e.value.message


def test_end_before_start(tmp_path):
    p = write(tmp_path, MINIMAL + "period:\n  start: 2024-10-01\n  end: 2024-09-30\n")
    with pytest.raises(SubjectFileError) as e:
        load_transfer(p)
    assert e.value.line == 5 and "period.end" in e.value.message and "after the start" in e.value.message


@pytest.mark.parametrize("snippet, field", [
    ("kind: exchange\nid: x\n", "kind"),
    (MINIMAL + "home:\n  institution: {name: A}\n  cycle: master\n", "home.cycle"),
    (MINIMAL + "home:\n  institution: {name: A}\n  country: Greece\n", "home.country"),
    (MINIMAL + "agreement: {approved: 'yes'}\n", "agreement.approved"),
    (MINIMAL + "transcript:\n  components:\n    - {title: A, passed: 1}\n", "transcript.components[0].passed"),
    (MINIMAL + "transcript:\n  components:\n    - {title: A, ects_grade: G}\n", "transcript.components[0].ects_grade"),
    (MINIMAL + "transcript:\n  components:\n    - {title: A, credits: -3}\n", "transcript.components[0].credits"),
    (MINIMAL + "learning_agreement:\n  components_studied:\n    - {code: 101, title: A}\n", "learning_agreement.components_studied[0].code"),
])
def test_strict_types(tmp_path, snippet, field):
    with pytest.raises(SubjectFileError) as e:
        load_transfer(write(tmp_path, snippet))
    assert f"'{field}'" in e.value.message


def test_json_file_gets_lines_too(tmp_path):
    data = {"kind": "mobility", "id": "j", "period": {"start": "2024-10-01", "end": 5}}
    p = write(tmp_path, json.dumps(data, indent=2), "t.json")
    with pytest.raises(SubjectFileError) as e:
        load_transfer(p)
    assert e.value.line == 6 and "period.end" in e.value.message


def test_json_schema_is_described():
    schema = TransferFile.model_json_schema()
    assert schema["title"] == "Credit transfer file" and schema["additionalProperties"] is False
    assert schema["required"] == ["kind", "id"]
    assert schema["properties"]["home"]["description"]
    comp = schema["$defs"]["TranscriptComponent"]["properties"]
    assert comp["passed"]["description"] and comp["local_grade"]["description"]


# --- derived values ----------------------------------------------------------------------------------

def test_totals_are_unknown_when_a_credit_is_missing():
    la = LearningAgreement.model_validate({"components_studied": [{"title": "A", "credits": 6}, {"title": "B"}]})
    assert la.table_a_credits is None and la.table_b_credits == 0


def test_decimal_credits_sum_cleanly():
    t = Transcript.model_validate({"components": [{"title": str(i), "credits": 9.2857, "passed": True} for i in range(7)]})
    assert t.earned_credits == 64.9999


def test_earned_credits_unknown_if_a_result_is_unknown():
    t = Transcript.model_validate({"components": [{"title": "A", "credits": 6, "passed": True}, {"title": "B", "credits": 6}]})
    assert t.earned_credits is None and t.total_credits == 12


def test_signatures_three_valued():
    la = LearningAgreement()
    assert la.all_signed_before(dt.date(2024, 10, 1)) is None  # unknown
    la = LearningAgreement.model_validate({"signatures": {"student": {"signed": "2024-06-01"}, "sending": {"signed": "2024-06-02"}}})
    assert la.all_signed_before(dt.date(2024, 10, 1)) is False  # the receiving side did not sign
    assert la.signatures.unsigned() == ["receiving"]
    s = Signatures.model_validate({p: {"signed": "2024-10-01"} for p in ("student", "sending", "receiving")})
    assert s.all_signed_before(dt.date(2024, 10, 1)) is False
    assert s.all_signed_before(dt.date(2024, 10, 1), inclusive=True) is True


@pytest.mark.parametrize("start, end, days, months", [
    ("2024-09-01", "2025-01-31", 153, 5.0),
    ("2024-09-15", "2025-11-14", 426, 14.0),
    ("2024-02-01", "2024-02-29", 29, 1.0),
    ("2024-10-01", "2024-10-15", 15, 0.5),
])
def test_period_length(start, end, days, months):
    p = Period.model_validate({"start": start, "end": end})
    assert (p.days, p.months) == (days, months)


@settings(deadline=None)  # no timing assertion: the machine may be busy
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1)), st.integers(1, 800))
def test_period_months_grow_with_days(start, length):
    short = Period(start=start, end=start + dt.timedelta(days=length))
    longer = Period(start=start, end=start + dt.timedelta(days=length + 1))
    assert 0 < short.months <= longer.months
    assert abs(short.months - short.days / 30.44) < 1.5
