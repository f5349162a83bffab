"""A report for the terminal: verdict and summary first, then failures, undecided, warnings, passes."""
from __future__ import annotations

import textwrap

from ..findings import Finding, Report

VERDICT_WORDS = {"compliant": "COMPLIANT", "non_compliant": "NOT COMPLIANT", "incomplete": "INCOMPLETE"}
STATUS_WORDS = {"fail": "FAIL", "indeterminate": "UNDECIDED", "pass": "pass", "not_applicable": "n/a"}


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def _finding_lines(f: Finding, full: bool) -> list[str]:
    head = f"[{STATUS_WORDS[f.status]}] {f.severity:<7} {f.rule} - {f.subject}: {f.title}"
    lines = _wrap(head, "  ")
    lines += _wrap(f.message, "      ")
    if full:
        if f.replaces:
            lines += _wrap(f"exception to rule '{f.replaces}', which it replaced here", "      ")
        for step in f.trace:
            lines += _wrap(f"- {step}", "      ")
        for c in f.citations:
            conf = f" [{c.confidence}]" if c.confidence else ""
            lines += _wrap(f"source: {c.source_title}, {c.ref}{conf}", "      ")
            if c.quote:
                lines += _wrap(f'"{c.quote}"', "        ")
    return lines


def render_text(r: Report) -> str:
    """The whole report as plain text."""
    s = r.summary
    out = [
        f"{r.subject_kind.capitalize()} {r.subject_id}" + (f" - {r.subject_title}" if r.subject_title else ""),
        f"Rule set: {r.ruleset_id} ({r.ruleset_title}" + (f", {r.ruleset_version}" if r.ruleset_version else "")
        + f"), as of {r.as_of}",
    ]
    if r.input_path:
        out.append(f"Input: {r.input_path} (sha256 {r.input_sha256[:16] if r.input_sha256 else '?'}...)")
    out.append(f"Verdict: {VERDICT_WORDS[r.verdict]}  ({s['fail']} failed, {s['indeterminate']} undecided, "
               f"{s['pass']} passed, {s['not_applicable']} not applicable)")
    ordered = r.ordered_findings()
    sections = [
        ("Failures", [f for f in ordered if f.status == "fail"], True),
        ("Undecided (data missing or depends on electives)", [f for f in ordered if f.status == "indeterminate"], True),
        ("Passed", [f for f in ordered if f.status == "pass"], False),
        ("Not applicable", [f for f in ordered if f.status == "not_applicable"], False),
    ]
    for title, items, full in sections:
        if not items:
            continue
        out.append("")
        out.append(f"{title} ({len(items)}):")
        for f in items:
            out += _finding_lines(f, full)
    return "\n".join(out) + "\n"
