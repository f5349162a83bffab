"""Recognition as output: what a transfer's credits become at home, what is not recognised and why.

`recognise(transfer)` reads the recognition decision recorded in the file and checks each line
against the transcript: a home component is recognised only if every transcript component it is
based on is on the transcript and passed, and in total no more credits are recognised than were
earned. Without a recorded decision it proposes one: the credits of the passed Table A components
(the learning agreement's commitment to full recognition). Grades are converted with engine.grades
when both grading tables are available, otherwise the result says why they were not.

The result is plain JSON-able data (a report carries it as `Report.recognition`, engine.sections).
"""
from __future__ import annotations

import math
from typing import Any

from engine.subjects.transfer.model import TranscriptComponent, TransferFile
from engine.subjects.transfer.recognition_grades import NO_TABLES


def _n(x: float | None):
    """A credit figure for output: int when whole, rounded float otherwise, None when unknown."""
    if x is None:
        return None
    x = round(x, 6)
    return int(x) if float(x).is_integer() else x


def _fsum(values) -> float:
    return math.fsum(v or 0 for v in values)


def _source_problem(code: str, comp: TranscriptComponent | None) -> str | None:
    """Why a transcript component cannot support recognition, or None if it can."""
    if comp is None:
        return f"{code} is not on the transcript"
    if comp.passed is False:
        return f"{code} was failed" + (f" (grade {comp.local_grade})" if comp.local_grade is not None else "")
    if comp.passed is None:
        return f"the result of {code} is not known" + (f": {comp.absence_reason}" if comp.absence_reason else "")
    return None


def _line(line, t: TransferFile) -> dict[str, Any]:
    sources = [(code, t.transcript.component(code) if t.transcript else None) for code in line.from_components]
    reasons = [p for p in (_source_problem(c, comp) for c, comp in sources) if p]
    if not line.from_components:
        reasons.append("it names no transcript component it comes from")
    if t.transcript is None:
        reasons = ["the file has no transcript of records"]
    ok = not reasons
    return {
        "code": line.code, "title": line.title, "credits": _n(line.credits),
        "status": "recognised" if ok else "not_recognised",
        "credits_recognised": _n(line.credits) if ok else 0,
        "reasons": reasons,
        "from": [{"code": c, "title": comp.title if comp else None, "credits": _n(comp.credits) if comp else None,
                  "passed": comp.passed if comp else None,
                  "grade": comp.local_grade if comp else None} for c, comp in sources],
        "converted_grade": line.converted_grade,
    }


def _unused(t: TransferFile, used: set[str]) -> list[dict[str, Any]]:
    """Transcript components no recognition line uses, and the file's own not-recognised entries."""
    out = []
    listed = {(n.code or n.title) for n in (t.recognition.not_recognized if t.recognition else [])}
    for n in t.recognition.not_recognized if t.recognition else []:
        out.append({"code": n.code, "title": n.title, "credits": _n(n.credits),
                    "reason": n.reason or "not recognised (no reason given)"})
    for c in t.transcript.components if t.transcript else []:
        if (c.code in used) or ((c.code or c.title) in listed):
            continue
        why = _source_problem(c.code or c.title, c)
        out.append({"code": c.code, "title": c.title, "credits": _n(c.credits),
                    "reason": why or "passed, but no recognised home component is based on it"})
    return out


def _missing_from_transcript(t: TransferFile) -> list[dict[str, Any]]:
    """Table A components (after amendments) that the transcript does not show."""
    if t.learning_agreement is None or t.transcript is None:
        return []
    on = {(c.code or c.title).casefold() for c in t.transcript.components}
    out = []
    for c in t.learning_agreement.studied_after_amendments():
        if (c.code or c.title).casefold() not in on:
            out.append({"code": c.code, "title": c.title, "credits": _n(c.credits),
                        "reason": "in Table A but not on the transcript"})
    return out


def _proposal(t: TransferFile) -> tuple[float, list[str]]:
    """Without a decision: the credits of passed Table A components (else of all passed components)."""
    if t.transcript is None:
        return 0, ["the file has no transcript of records: nothing can be recognised yet"]
    passed = [c for c in t.transcript.components if c.passed]
    if t.learning_agreement is not None:
        table_a = {(c.code or c.title).casefold() for c in t.learning_agreement.studied_after_amendments()}
        passed = [c for c in passed if (c.code or c.title).casefold() in table_a]
        basis = "the passed Table A components"
    else:
        basis = "the passed transcript components"
    return _fsum(c.credits for c in passed), [
        f"no recognition decision is recorded: proposed for recognition are the credits of {basis}"]


def recognise(t: TransferFile, *, grades: dict[str, Any] | None = None) -> dict[str, Any]:
    """The recognition of a transfer as JSON-able data (see module doc).

    `grades` is the outcome of grade conversion (see `convert_transcript_grades`), if any.
    """
    earned = t.transcript.earned_credits if t.transcript else None
    out: dict[str, Any] = {
        "decision": "recorded" if t.recognition else "none",
        "date": t.recognition.date.isoformat() if t.recognition and t.recognition.date else None,
        "credits_earned": _n(earned),
        "lines": [], "not_recognised": [], "notes": [],
    }
    if t.recognition is None:
        credits, notes = _proposal(t)
        out["credits_claimed"] = None
        out["credits_to_recognise"] = _n(credits)
        out["notes"] += notes
        out["not_recognised"] = _unused(t, set()) if t.transcript else []
        out["not_recognised"] = [n for n in out["not_recognised"] if not n["reason"].startswith("passed,")]
    else:
        lines = [_line(line, t) for line in t.recognition.lines]
        out["lines"] = lines
        out["credits_claimed"] = _n(t.recognition.recognized_credits)
        accepted = _fsum(line["credits_recognised"] for line in lines)
        used = {s["code"] for line in lines if line["status"] == "recognised" for s in line["from"]}
        cap = _fsum(c.credits for c in (t.transcript.components if t.transcript else []) if c.code in used and c.passed)
        if accepted > cap + 1e-9:
            out["notes"].append(f"the recognised lines claim {_n(accepted)} credits but the components they are based "
                                f"on earned {_n(cap)}: {_n(accepted - cap)} credits exceed the credits earned")
            out["not_recognised"].append({"code": None, "title": "credits beyond those earned", "credits": _n(accepted - cap),
                                          "reason": "exceeds the credits earned"})
            accepted = cap
        out["credits_to_recognise"] = _n(accepted)
        for line in lines:
            if line["status"] != "recognised":
                out["not_recognised"].append({"code": line["code"], "title": line["title"], "credits": line["credits"],
                                              "reason": "; ".join(line["reasons"])})
        out["not_recognised"] += _unused(t, {s["code"] for line in lines for s in line["from"]})
    out["not_recognised"] += _missing_from_transcript(t)
    out["notes"] += _pending_notes(t)
    out["grades"] = grades or {"converted": False, "note": NO_TABLES}
    return out


def _pending_notes(t: TransferFile) -> list[str]:
    """A note per change proposal not approved by all three parties: what it would change, and that it is not applied."""
    la = t.learning_agreement
    out = []
    for change in la.pending_changes if la else []:
        moves = [f"+ {c.title}" for c in (*change.added_studied, *change.added_recognized, *change.added_virtual)]
        moves += [f"- {c.title}" for c in (*change.removed_studied, *change.removed_recognized, *change.removed_virtual)]
        missing = ", ".join(change.signatures.unsigned()) if change.signatures else "unknown"
        out.append(f"a change proposal ({'; '.join(moves) or 'no component changes'}) is not signed by: {missing}; "
                   "it is not a signed change and is not applied" + (f" (comment: {change.comment})" if change.comment else ""))
    return out


__all__ = ["recognise", "NO_TABLES"]
