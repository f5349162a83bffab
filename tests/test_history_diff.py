"""What `ects diff` and "since the last audit" count: findings matched by rule and subject, problems fixed and new."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.history.diff import diff_audits
from engine.history.store import AuditRecord, FindingRecord


def finding(rule: str, status: str, key: str | None = None) -> FindingRecord:
    return FindingRecord(rule, "course" if key else "programme", key, f"course {key}" if key else "programme", status,
                         "error", f"{rule}: {status}")


def audit(*findings: FindingRecord, sha: str | None = "h1", input_sha: str = "i1") -> AuditRecord:
    return AuditRecord("programme", "p", "set", "2026-01-01", "0.1.0", "compliant", "2026-01-01T00:00:00+00:00",
                       input_sha256=input_sha, ruleset_sha256=sha, findings=findings)


def test_the_same_findings_make_no_difference():
    a = audit(finding("total", "fail"), finding("hours", "pass", "C1"))
    d = diff_audits(a, a)
    assert d.changes == () and (d.fixed, d.new, d.ruleset_changed) == (0, 0, False)


def test_fixed_new_appeared_disappeared_and_changed():
    before = audit(finding("total", "fail"), finding("hours", "pass", "C1"), finding("hours", "fail", "C2"),
                   finding("contact", "indeterminate"), finding("gone", "pass"))
    after = audit(finding("total", "pass"), finding("hours", "fail", "C1"), finding("contact", "fail"),
                  finding("hours", "pass", "C3"), sha="h2")
    d = diff_audits(before, after)
    by_rule = {(c.finding.rule, c.finding.subject_key): c for c in d.changes}
    assert by_rule[("total", None)].kind == "changed" and by_rule[("total", None)].fixed
    assert by_rule[("hours", "C1")].new and not by_rule[("hours", "C1")].fixed
    assert by_rule[("hours", "C2")].kind == "disappeared" and by_rule[("hours", "C2")].fixed  # a failure gone
    assert by_rule[("gone", None)].kind == "disappeared" and not by_rule[("gone", None)].fixed
    assert by_rule[("hours", "C3")].kind == "appeared" and not by_rule[("hours", "C3")].new  # a new pass
    contact = by_rule[("contact", None)]  # undecided -> failed: a problem before and after
    assert contact.kind == "changed" and not contact.fixed and not contact.new
    assert (d.fixed, d.new, len(d.changes), d.ruleset_changed) == (2, 1, 6, True)
    assert d.to_dict()["counts"] == {"appeared": 1, "disappeared": 2, "changed": 3, "fixed": 2, "new": 1}


def test_several_findings_of_one_rule_on_one_subject_are_matched_in_order():
    before = audit(finding("elective", "pass", "C1"), finding("elective", "pass", "C1"))
    after = audit(finding("elective", "pass", "C1"), finding("elective", "fail", "C1"), finding("elective", "fail", "C1"))
    d = diff_audits(before, after)
    assert [(c.kind, c.before and c.before.status, c.after.status) for c in d.changes] == [
        ("changed", "pass", "fail"), ("appeared", None, "fail")]


def test_an_audit_without_the_rule_set_hash_says_it_cannot_tell():
    assert diff_audits(audit(sha=None), audit()).ruleset_changed is None


_findings = st.lists(st.builds(finding, st.sampled_from(["total", "hours", "contact"]),
                               st.sampled_from(["pass", "fail", "indeterminate", "not_applicable"]),
                               st.sampled_from([None, "C1", "C2"])), max_size=12)


@settings(max_examples=150, deadline=None)
@given(_findings, _findings)
def test_problems_after_are_problems_before_less_fixed_plus_new(before, after):
    d = diff_audits(audit(*before), audit(*after))
    problems = lambda fs: sum(f.status in ("fail", "indeterminate") for f in fs)  # noqa: E731
    assert problems(after) == problems(before) - d.fixed + d.new
    assert len(d.of_kind("appeared")) - len(d.of_kind("disappeared")) == len(after) - len(before)
    assert diff_audits(audit(*after), audit(*after)).changes == ()
