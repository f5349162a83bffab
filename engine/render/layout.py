"""How every report format orders its findings, and the counts its summary shows."""
from __future__ import annotations

from typing import Any

from engine.evaluation.findings import Report


def sections(report: Report) -> list[dict[str, Any]]:
    """The findings in reading order: failures, undecided, warnings, waived, passes, not applicable."""
    ordered = report.ordered_findings()
    pick = lambda cond: [f for f in ordered if cond(f)]  # noqa: E731
    return [
        {"key": "failures", "findings": pick(lambda f: f.status == "fail" and f.severity == "error"), "open": True},
        {"key": "indeterminate", "findings": pick(lambda f: f.status == "indeterminate"), "open": True},
        {"key": "warnings", "findings": pick(lambda f: f.status == "fail" and f.severity != "error"), "open": True},
        {"key": "waived", "findings": pick(lambda f: f.status == "waived"), "open": True},
        {"key": "passes", "findings": pick(lambda f: f.status == "pass"), "open": False},
        {"key": "not_applicable", "findings": pick(lambda f: f.status == "not_applicable"), "open": False},
    ]


def finding_counts(report: Report) -> dict[str, int]:
    """Failures (error severity), warnings (other failed findings), undecided and waived findings."""
    failed = [f for f in report.findings if f.status == "fail"]
    errors = sum(1 for f in failed if f.severity == "error")
    return {"failures": errors, "warnings": len(failed) - errors, "undecided": report.summary["indeterminate"],
            "waived": report.summary["waived"]}


def junit_counts(report: Report) -> dict[str, int]:
    """A report's JUnit counts: its findings are tests; failed ones failures; undecided error-severity ones
    errors (missing data that decides the verdict); the other undecided, waived and not applicable ones skipped."""
    s = report.summary
    errors = sum(1 for f in report.findings if f.status == "indeterminate" and f.severity == "error")
    return {"tests": len(report.findings), "failures": s["fail"], "errors": errors,
            "skipped": s["not_applicable"] + s["indeterminate"] + s["waived"] - errors}


SHOWS = ("problems", "all", "failures")  # --show: which findings a report gives in full (the first is the default)


def in_full(status: str, show: str) -> bool:
    """Whether a finding of this status is given in full (trace, sources) under `show`: every one with
    `all`, failed (and waived) and undecided ones with `problems`, failed (and waived) ones with
    `failures`; the others compactly."""
    if show == "all":
        return True
    # a waived finding is a failure an approved deviation covers: shown in full, with its authority
    return status in ("fail", "waived") or (show == "problems" and status == "indeterminate")


def source_table(report: Report) -> dict[Any, str]:
    """Every distinct citation of the report's findings, numbered in order of first use: {citation: "S1"}."""
    ids: dict[Any, str] = {}
    read: set[int] = set()  # the findings of one rule share their facts: each set of facts is read once
    for f in report.findings:
        if id(f.facts) in read:
            continue
        read.add(id(f.facts))
        for c in f.citations:
            if c not in ids:
                ids[c] = f"S{len(ids) + 1}"
    return ids
