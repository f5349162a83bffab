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
