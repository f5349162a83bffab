"""Every finding of every example programme under the three rule sets is what it was when the golden
file was written: rule, subject, status, message and trace (the evaluator may get faster, never different)."""
import json
from pathlib import Path

import pytest

from tests.findings_golden import golden

GOLDEN = Path(__file__).parent / "data" / "findings_golden.json"


@pytest.fixture(scope="module")
def now() -> dict:
    return golden()


@pytest.fixture(scope="module")
def before() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_same_programmes_and_rule_sets(now, before):
    assert {k: sorted(v) for k, v in now.items()} == {k: sorted(v) for k, v in before.items()}


@pytest.mark.parametrize("rule_set", ["ects_guide_2015", "greek_law_4009", "serbian_credit_act"])
def test_findings_unchanged(now, before, rule_set):
    for name, findings in before[rule_set].items():
        got = now[rule_set][name]
        assert len(got) == len(findings), name
        for old, new in zip(findings, got):
            assert new == old, f"{rule_set} / {name}"
