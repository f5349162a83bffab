"""Approved deviations applied to a report, after evaluation (the evaluator never sees them).

A failed finding of the waiver's rule on the waiver's subject becomes `waived` while the waiver is in
force on the audit date, and carries the authority and the decision. A finding that is undecided, passed
or not applicable is never touched: a waiver excuses a failure, it decides nothing. Every waiver gets a
finding of its own (`waiver_valid`, a check of this project, not of law): passed when it waives a failed
finding, a warning when it has expired (or is not yet in force), covers no finding, covers no failed
finding, or covers an undecided one. Its trace shows what decided it, as every finding's does: the waiver's
rule (and whether the rule set has it), subject, reference and validity against the audit date, and the
findings it covers; its source names it a project choice (PROJECT_CHECK), never an article of law.
"""
from __future__ import annotations

import datetime as dt
from typing import Collection, Iterable

from engine.evaluation.findings import Finding, MessagePart, Report, SubjectRef
from engine.evaluation.sections import WaiverNote
from engine.evaluation.trace import ReadEvent, RequirementEvent
from engine.ruleset.citations import SourcedCitation
from engine.semantics.values import Verbatim
from engine.subjects.waivers import Waiver

WAIVER_RULE = "waiver_valid"
WAIVER_TITLES = {
    "en": "An approved deviation (waiver) is in force and covers a failed finding",
    "el": "Μια εγκεκριμένη απόκλιση ισχύει και καλύπτει ένα εύρημα που απέτυχε",
    "sr": "Odobreno odstupanje je na snazi i pokriva neispunjen nalaz",
}


PROJECT_CHECK = SourcedCitation(
    "ects", "ects: a check of the engine itself (a project choice, not a provision of law)",
    "docs/decisions.md, Waivers: the project's own rule; no article of law", None, "derived",
    source_titles=(("el", "ects: έλεγχος του ίδιου του μηχανισμού (επιλογή του έργου, όχι διάταξη νόμου)"),
                   ("sr", "ects: provera samog programa (izbor projekta, a ne odredba zakona)")),
    refs=(("el", "docs/decisions.md, Waivers: κανόνας του ίδιου του έργου· κανένα άρθρο νόμου"),
          ("sr", "docs/decisions.md, Waivers: pravilo samog projekta; nijedan član zakona")))
"""Where `waiver_valid` comes from: this project (docs/decisions.md), named as its choice; no article is cited."""
WAIVER_NOTES = {
    "en": "A project choice: ects checks each waiver it is given (that it is in force on the audit date and covers "
          "a failed finding of the rule set); no provision of law requires this check.",
    "el": "Επιλογή του έργου: το ects ελέγχει κάθε απόκλιση που του δίνεται (ότι ισχύει την ημερομηνία του ελέγχου "
          "και καλύπτει ένα εύρημα του συνόλου κανόνων που απέτυχε)· καμία διάταξη νόμου δεν απαιτεί αυτόν τον έλεγχο.",
    "sr": "Izbor projekta: ects proverava svako odstupanje koje dobije (da je na snazi na dan provere i da pokriva "
          "neispunjen nalaz skupa pravila); nijedna odredba zakona ne zahteva ovu proveru.",
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


def _met(held: bool) -> str:
    return "met" if held else "not_met"


def waiver_trace(waiver: Waiver, covered: list[Finding], as_of: dt.date,
                 rule_ids: Collection[str] | None) -> tuple:
    """The trace of a waiver's own finding, with the values that decided it: the rule it waives (and whether
    the rule set has that rule, when `rule_ids` are known), its subject and decision, its days in force
    against the audit date, and the findings of the audit it covers."""
    failed = sum(f.status == "fail" for f in covered)
    events = [ReadEvent("waiver.rule", Verbatim(waiver.rule))]
    if rule_ids is not None:
        events.append(ReadEvent("waiver.rule_in_rule_set", waiver.rule in rule_ids))
    in_force = "waiver.starts <= audit.date" + (" and audit.date <= waiver.valid_until" if waiver.valid_until else "")
    events += [ReadEvent("waiver.subject", waiver.subject), ReadEvent("waiver.reference", waiver.reference),
               ReadEvent("waiver.starts", waiver.starts()), ReadEvent("waiver.valid_until", waiver.valid_until),
               ReadEvent("audit.date", as_of), RequirementEvent(in_force, _met(waiver.valid_on(as_of))),
               ReadEvent("waiver.findings", len(covered)),
               ReadEvent("waiver.failed_findings", failed), RequirementEvent("waiver.failed_findings > 0", _met(failed > 0)),
               ReadEvent("waiver.undecided_findings", sum(f.status == "indeterminate" for f in covered))]
    return tuple(events)


def apply_waivers(report: Report, waivers: Iterable[Waiver], as_of: dt.date,
                  rule_ids: Collection[str] | None = None) -> None:
    """Waive the failed findings the waivers in force on `as_of` cover, and add each waiver's own finding
    (`rule_ids`: the rule set's rules, to say in its trace whether the waived rule is one of them)."""
    root = report.subject_kind
    evaluated = list(report.findings)
    for i, waiver in enumerate(waivers, 1):
        covered = [f for f in evaluated if covers(waiver, f, root)]
        status, key = _outcome(waiver, covered, as_of)
        failed = [f for f in covered if f.status == "fail"]
        trace = waiver_trace(waiver, covered, as_of, rule_ids)
        if status == "pass":
            for f in failed:
                f.status = "waived"
                f.waiver = note(waiver)
        args = {"rule": waiver.rule, "subject": waiver.subject, "authority": waiver.authority,
                "reference": waiver.reference, "count": len(failed), "valid": waiver.validity(), "date": as_of}
        ref = SubjectRef("waiver", i, f"waiver {i} ({waiver.rule}, {waiver.subject})")
        message = (MessagePart(key, args), MessagePart("engine.waiver_project_rule", {}))
        report.findings.append(Finding(WAIVER_RULE, WAIVER_TITLES, "warning", status, ref, message, (PROJECT_CHECK,),
                                       trace, notes=WAIVER_NOTES))


__all__ = ["apply_waivers", "covers", "waiver_trace", "WAIVER_RULE", "PROJECT_CHECK"]
