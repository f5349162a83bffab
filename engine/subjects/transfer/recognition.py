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

from engine.semantics.reasons import Reason, because, plain, reason_data, reason_from_data
from engine.subjects.transfer.model import TranscriptComponent, TransferFile
from engine.subjects.transfer.recognition_claims import MAX_UNKNOWN, met
from engine.subjects.transfer.recognition_grades import NO_TABLES, NO_TABLES_REASON
from engine.subjects.transfer.views import parties


def _n(x: float | None):
    """A credit figure for output: int when whole, rounded float otherwise, None when unknown."""
    if x is None:
        return None
    x = round(x, 6)
    return int(x) if float(x).is_integer() else x


def _earned_possible(t: TransferFile) -> list | None:
    """The credits earned for every possible result of the components whose result is not known (each
    earned its credits or nothing), when there are at most MAX_UNKNOWN of them; else None."""
    comps = t.transcript.components if t.transcript else []
    pending = [c.credits for c in comps if c.passed is None]
    if not comps or not pending or len(pending) > MAX_UNKNOWN or any(x is None for x in pending) or \
            any(c.credits is None for c in comps if c.passed):
        return None
    known = _fsum(c.credits for c in comps if c.passed)
    sums = {0.0}
    for x in pending:
        sums |= {s + x for s in sums}
    return [_n(known + s) for s in sorted(sums)]


def _fsum(values) -> float:
    return math.fsum(v or 0 for v in values)


def _source_problem(code: str, comp: TranscriptComponent | None) -> Reason | None:
    """Why a transcript component cannot support recognition, or None if it can."""
    if comp is None:
        return because("component.not_on_transcript", "{name} is not on the transcript", name=code)
    if comp.passed is False:
        return because("component.failed_grade", "{name} was failed (grade {grade})", name=code,
                       grade=comp.local_grade) if comp.local_grade is not None else \
            because("component.failed", "{name} was failed", name=code)
    if comp.passed is None:
        return because("component.no_result_because", "the result of {name} is not known: {why}", name=code,
                       why=comp.absence_reason) if comp.absence_reason else \
            because("component.no_result", "the result of {name} is not known", name=code)
    return None



def _line(line, t: TransferFile) -> dict[str, Any]:
    sources = [(code, t.transcript.component(code) if t.transcript else None) for code in line.from_components]
    reasons = [p for p in (_source_problem(c, comp) for c, comp in sources) if p]
    if not line.from_components:
        reasons.append(because("recognition.line_no_sources", "it names no transcript component it comes from"))
    if t.transcript is None:
        reasons = [because("transfer.no_transcript", "the file has no transcript of records")]
    ok = not reasons
    return {
        "code": line.code, "title": line.title, "credits": _n(line.credits),
        "status": "recognised" if ok else "not_recognised",
        "credits_recognised": _n(line.credits) if ok else 0,
        "reasons": [str(r) for r in reasons], "reason_parts": [reason_data(r) for r in reasons],
        "from": [{"code": c, "title": comp.title if comp else None, "credits": _n(comp.credits) if comp else None,
                  "passed": comp.passed if comp else None,
                  "grade": comp.local_grade if comp else None} for c, comp in sources],
        "converted_grade": line.converted_grade,
    }


def _cap_at_earned(lines: list[dict[str, Any]], t: TransferFile) -> None:
    """Recognised lines claiming more than their components earned are recognised in part: each line, in
    the decision's order, keeps what the credits earned still cover (lines sharing components share
    them), and says how much of it is recognised."""
    ok = {i: line for i, line in enumerate(lines) if line["status"] == "recognised" and line["credits"] is not None}
    supply = {c.code: c.credits for c in (t.transcript.components if t.transcript else [])
              if c.passed and c.code is not None and c.credits is not None}
    got = met(supply, {i: line["credits"] for i, line in ok.items()},
              {i: {s["code"] for s in line["from"]} for i, line in ok.items()})
    for i, line in ok.items():
        if got[i] <= 1e-9 < line["credits"]:  # what its components earned is taken by earlier lines
            why = because("recognition.exceeds", "exceeds the credits earned")
            line.update(status="not_recognised", credits_recognised=0, reasons=[str(why)], reason_parts=[reason_data(why)])
        elif got[i] < line["credits"] - 1e-9:
            why = because("recognition.partly", "{recognised} of its {credits} credits recognised; the rest exceeds "
                          "the credits earned", recognised=_n(got[i]), credits=line["credits"])
            line.update(status="partly_recognised", credits_recognised=_n(got[i]),
                        reasons=[str(why)], reason_parts=[reason_data(why)])


def _unused(t: TransferFile, used: set[str]) -> list[dict[str, Any]]:
    """Transcript components no recognition line uses, and the file's own not-recognised entries."""
    out = []
    listed = {(n.code or n.title) for n in (t.recognition.not_recognized if t.recognition else [])}
    for n in t.recognition.not_recognized if t.recognition else []:
        why = plain(n.reason) if n.reason else because("recognition.no_reason", "not recognised (no reason given)")
        out.append({"code": n.code, "title": n.title, "credits": _n(n.credits), "reason": str(why),
                    "reason_part": reason_data(why)})
    for c in t.transcript.components if t.transcript else []:
        if (c.code in used) or ((c.code or c.title) in listed):
            continue
        why = _source_problem(c.code or c.title, c) or because(
            "recognition.unused", "passed, but no recognised home component is based on it")
        out.append({"code": c.code, "title": c.title, "credits": _n(c.credits), "reason": str(why),
                    "reason_part": reason_data(why)})
    return out


def _missing_from_transcript(t: TransferFile) -> list[dict[str, Any]]:
    """Table A components (after amendments) that the transcript does not show."""
    if t.learning_agreement is None or t.transcript is None:
        return []
    on = {(c.code or c.title).casefold() for c in t.transcript.components}
    out = []
    for c in t.learning_agreement.studied_after_amendments():
        if (c.code or c.title).casefold() not in on:
            why = because("recognition.table_a_missing", "in Table A but not on the transcript")
            out.append({"code": c.code, "title": c.title, "credits": _n(c.credits), "reason": str(why),
                        "reason_part": reason_data(why)})
    return out


def _proposal(t: TransferFile) -> tuple[float, list[Reason]]:
    """Without a decision: the credits of passed Table A components (else of all passed components)."""
    if t.transcript is None:
        return 0, [because("recognition.nothing_yet", "the file has no transcript of records: nothing can be "
                           "recognised yet")]
    passed = [c for c in t.transcript.components if c.passed]
    if t.learning_agreement is not None:
        table_a = {(c.code or c.title).casefold() for c in t.learning_agreement.studied_after_amendments()}
        passed = [c for c in passed if (c.code or c.title).casefold() in table_a]
        basis = because("recognition.basis_table_a", "the passed Table A components")
    else:
        basis = because("recognition.basis_transcript", "the passed transcript components")
    return _fsum(c.credits for c in passed), [because(
        "recognition.proposal", "no recognition decision is recorded: proposed for recognition are the credits of "
        "{basis}", basis=basis)]


def recognise(t: TransferFile, *, grades: dict[str, Any] | None = None) -> dict[str, Any]:
    """The recognition of a transfer as JSON-able data (see module doc).

    `grades` is the outcome of grade conversion (see `convert_transcript_grades`), if any.
    """
    earned = t.transcript.earned_credits if t.transcript else None
    out: dict[str, Any] = {
        "decision": "recorded" if t.recognition else "none",
        "date": t.recognition.date.isoformat() if t.recognition and t.recognition.date else None,
        "credits_earned": _n(earned),
        "credits_earned_possible": _earned_possible(t) if earned is None else None,
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
        claimed = _fsum(line["credits_recognised"] for line in lines)
        _cap_at_earned(lines, t)
        accepted = _fsum(line["credits_recognised"] for line in lines)
        if claimed > accepted + 1e-9:
            out["notes"].append(because(
                "recognition.exceeds_note", "the recognised lines claim {claimed} credits but the components they are "
                "based on earned {earned}: {excess} credits exceed the credits earned", claimed=_n(claimed),
                earned=_n(accepted), excess=_n(claimed - accepted)))
            why = because("recognition.exceeds", "exceeds the credits earned")
            out["not_recognised"] += [{"code": line["code"], "title": line["title"],
                                       "credits": _n(line["credits"] - line["credits_recognised"]), "reason": str(why),
                                       "reason_part": reason_data(why)}
                                      for line in lines if line["status"] == "partly_recognised"]
        out["credits_to_recognise"] = _n(accepted)
        for line in lines:
            if line["status"] == "not_recognised":
                why = because("recognition.reasons", "{reasons}", reasons=tuple(
                    reason_from_data(d) for d in line["reason_parts"]))
                out["not_recognised"].append({"code": line["code"], "title": line["title"], "credits": line["credits"],
                                              "reason": str(why), "reason_part": reason_data(why)})
        out["not_recognised"] += _unused(t, {s["code"] for line in lines for s in line["from"]})
    out["not_recognised"] += _missing_from_transcript(t)
    out["notes"] += _pending_notes(t)
    out["note_parts"] = [reason_data(n) for n in out["notes"]]
    out["notes"] = [str(n) for n in out["notes"]]
    out["grades"] = grades or {"converted": False, "note": NO_TABLES, "note_part": reason_data(NO_TABLES_REASON)}
    return out


def _pending_notes(t: TransferFile) -> list[Reason]:
    """A note per change proposal not approved by all three parties: what it would change, and that it is not applied."""
    la = t.learning_agreement
    out = []
    for change in la.pending_changes if la else []:
        moves = [f"+ {c.title}" for c in (*change.added_studied, *change.added_recognized, *change.added_virtual)]
        moves += [f"- {c.title}" for c in (*change.removed_studied, *change.removed_recognized, *change.removed_virtual)]
        missing = parties(change.signatures.unsigned()) if change.signatures else "?"
        changes = "; ".join(moves) or because("recognition.no_changes", "no component changes")
        note = because("recognition.pending", "a change proposal ({changes}) is not signed by: {parties}; it is not a "
                       "signed change and is not applied", changes=changes, parties=missing)
        out.append(because("recognition.pending_comment", "{note} (comment: {comment})", note=note,
                           comment=change.comment) if change.comment else note)
    return out


__all__ = ["recognise", "NO_TABLES"]
