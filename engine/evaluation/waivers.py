"""Approved deviations applied to a report, after evaluation (the evaluator never sees them).

A failed finding of the waiver's rule on the waiver's subject becomes `waived` while the waiver is in
force on the audit date, and carries the authority and the decision. A finding that is undecided, passed
or not applicable is never touched: a waiver excuses a failure, it decides nothing. Every waiver gets a
finding of its own (`waiver_valid`, a check of this project, not of law): passed when it waives a failed
finding, a warning when it has expired (or is not yet in force), covers no finding, covers no failed
finding, or covers an undecided one.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from engine.evaluation.findings import Finding, MessagePart, Report, SubjectRef
from engine.evaluation.sections import WaiverNote
from engine.subjects.waivers import Waiver

WAIVER_RULE = "waiver_valid"
WAIVER_TITLES = {
    "en": "An approved deviation (waiver) is in force and covers a failed finding",
    "el": "Μια εγκεκριμένη απόκλιση ισχύει και καλύπτει ένα εύρημα που απέτυχε",
    "sr": "Odobreno odstupanje je na snazi i pokriva neispunjen nalaz",
}


def covers(waiver: Waiver, finding: Finding, root: str) -> bool:
    """Whether the waiver names this finding's rule (or the rule an exception replaced) and its subject:
    'programme' (the subject itself), 'term 3' (kind and key, or the report's own label), or a course
    code alone."""
    if waiver.rule not in (finding.rule, finding.replaces):
        return False
    ref = finding.subject_ref
    wanted = " ".join(waiver.subject.split()).lower()
    if wanted == " ".join(ref.label.split()).lower():
        return True
    if wanted == root:
        return ref.kind == root
    kind, _, key = wanted.partition(" ")
    if key and ref.kind == kind and str(ref.key).lower() == key:
        return True
    return isinstance(ref.key, str) and ref.kind != root and ref.key.lower() == wanted


def note(waiver: Waiver) -> WaiverNote:
    """What a waived finding shows of its waiver."""
    until = waiver.valid_until.isoformat() if waiver.valid_until else None
    return WaiverNote(waiver.rule, waiver.subject, waiver.authority, waiver.reference, waiver.decided.isoformat(),
                      waiver.reason, waiver.starts().isoformat(), until)


def _outcome(waiver: Waiver, covered: list[Finding], as_of: dt.date) -> tuple[str, str]:
    """(status, message key) of the waiver's own finding."""
    if not waiver.valid_on(as_of):
        return "fail", "engine.waiver_expired"
    if not covered:
        return "fail", "engine.waiver_covers_nothing"
    if any(f.status == "fail" for f in covered):
        return "pass", "engine.waiver_applied"
    if any(f.status == "indeterminate" for f in covered):
        return "fail", "engine.waiver_undecided"
    return "fail", "engine.waiver_not_needed"


def apply_waivers(report: Report, waivers: Iterable[Waiver], as_of: dt.date) -> None:
    """Waive the failed findings the waivers in force on `as_of` cover, and add each waiver's own finding."""
    root = report.subject_kind
    evaluated = list(report.findings)
    for i, waiver in enumerate(waivers, 1):
        covered = [f for f in evaluated if covers(waiver, f, root)]
        status, key = _outcome(waiver, covered, as_of)
        failed = [f for f in covered if f.status == "fail"]
        if status == "pass":
            for f in failed:
                f.status = "waived"
                f.waiver = note(waiver)
        args = {"rule": waiver.rule, "subject": waiver.subject, "authority": waiver.authority,
                "reference": waiver.reference, "count": len(failed), "valid": waiver.validity(), "date": as_of}
        ref = SubjectRef("waiver", i, f"waiver {i} ({waiver.rule}, {waiver.subject})")
        message = (MessagePart(key, args), MessagePart("engine.waiver_project_rule", {}))
        report.findings.append(Finding(WAIVER_RULE, WAIVER_TITLES, "warning", status, ref, message))


__all__ = ["apply_waivers", "covers", "WAIVER_RULE"]
