"""Derived views of a transfer file that rules read: signatures, Table A/B lines, transcript, recognition.

Built once per file from a validated TransferFile. A value the file does not give is an
Unknown("reason"), so a rule that needs it is indeterminate and says why. Lists that only a
mobility has (Table A, amendments) are empty for a programme transfer without a learning agreement,
so rules over them are "not applicable" there rather than undecided.
"""
from __future__ import annotations

import math

from engine.semantics.collection import Collection, plain
from engine.semantics.reasons import Field, Listed, Reason, because
from engine.semantics.values import Unknown
from engine.subjects.worded import WordedText
from engine.subjects.transfer.recognition_claims import attach
from engine.subjects.transfer.model import Amendment, Component, Signatures, TranscriptComponent, TransferFile

PARTIES = ("student", "sending", "receiving")


NO_TRANSCRIPT = because("transfer.no_transcript", "the file has no transcript of records")
THE_LA = because("la.the", "the learning agreement")


def _known(value, reason: Reason | str):
    """`value`, or Unknown(reason) when it is None."""
    return Unknown(reason) if value is None else value


def _num(x: float | None, reason: Reason | str):
    if x is None:
        return Unknown(reason)
    return int(x) if float(x).is_integer() else x


def _total(values: list, what: str):
    """Sum of credits; Unknown naming the first line without credits."""
    for v in values:
        if isinstance(v, Unknown):
            return v
    return _num(round(math.fsum(values), 6), what)


def _key(code: str | None, title: str | None) -> str:
    """How components are matched across documents: by code, else by title (case-insensitive)."""
    return (code or title or "").strip().casefold()


def parties(names: list[str]) -> Listed:
    """The parties of a learning agreement (student, sending, receiving), each worded from the catalogues."""
    return Listed(because(f"party.{p}", p) for p in names)


class SignatureView:
    """The three signatures of a learning agreement version (or of one amendment)."""

    def __init__(self, sig: Signatures | None, what: Reason):
        self.what = what
        dates = sig.dates() if sig else {}
        for party in PARTIES:
            reason = because("signatures.none", "{what} gives no signatures", what=what) if sig is None else \
                because(f"signatures.not_signed_{party}", f"the {party} party has not signed {{what}}", what=what)
            setattr(self, f"signed_{party}", _known(dates.get(party), reason))
        if sig is None:
            self.all_signed = self.last_signed = Unknown(because("signatures.none", "{what} gives no signatures", what=what))
        else:
            self.all_signed = sig.complete
            missing = parties(sig.unsigned())
            self.last_signed = _known(sig.last_signed, because("signatures.missing", "{what} is not signed by: {parties}",
                                                               what=what, parties=missing))
        self.unsigned = (", ".join(sig.unsigned()) or "none") if sig else Unknown(
            because("signatures.none", "{what} gives no signatures", what=what))

    def signed_before(self, day) -> object:
        """All three signed strictly before `day`: True/False, Unknown if not known."""
        if isinstance(day, Unknown):
            return day
        if isinstance(self.all_signed, Unknown):
            return self.all_signed
        if not self.all_signed:
            return False
        return self.last_signed < day


class AmendmentView(SignatureView):
    """One change to the learning agreement, with its signatures."""

    def __init__(self, a: Amendment, number: int):
        label = f"amendment {number}" + (f" ({a.date})" if a.date else "")
        super().__init__(a.signatures, because("amendment.dated", "amendment {number} ({date})", number=number, date=a.date)
                         if a.date else because("amendment.plain", "amendment {number}", number=number))
        self.number = number
        self.label = label
        self.date = _known(a.date, because("amendment.no_date", "amendment {number} has no date", number=number))
        self.reason = _known(a.reason, because("amendment.no_reason", "{what} gives no reason", what=self.what))

    def describe(self) -> str:
        return self.label


class LaLineView:
    """A Table A (studied) or Table B (recognised) line of the learning agreement."""

    def __init__(self, c: Component, table: str, transfer: "TransferView"):
        self.table = table
        self.model = c
        name = c.code or c.title
        self.code = _known(c.code, because("la_line.no_code", "Table {table} line '{name}' has no code", table=table,
                                           name=c.title))
        self.title = c.title
        self.credits = _num(c.credits, because("la_line.no_credits", "Table {table} line '{name}' has no credits",
                                               table=table, name=name))
        self.term = _known(getattr(c, "term", None), because("la_line.no_term", "Table {table} line '{name}' gives no term",
                                                             table=table, name=name))
        self.label = WordedText("la_line.label", "Table {table} {name}", table=table, name=name)
        self._link_transcript(transfer, name)

    def _link_transcript(self, transfer: "TransferView", name: str) -> None:
        reason = NO_TRANSCRIPT if self.table == "A" else \
            because("la_line.table_b", "only Table A lines are looked up on the transcript")
        self.on_transcript = self.passed = self.absence_reason = self.absence_explained = Unknown(reason)
        if self.table != "A" or transfer.model.transcript is None:
            return
        found = transfer.transcript_index.get(_key(self.model.code, self.model.title))
        excused = transfer.excused.get(_key(self.model.code, self.model.title))
        self.on_transcript = found is not None
        if found is None:
            self.passed = Unknown(because("component.not_on_transcript", "{name} is not on the transcript", name=name))
            self.absence_reason = _known(excused, because("component.not_on_transcript_no_reason",
                                                          "{name} is not on the transcript and no reason is given", name=name))
        else:
            self.passed = _known(found.passed, because("component.no_result", "the result of {name} is not known", name=name))
            self.absence_reason = _known(found.absence_reason or excused, because(
                "component.no_absence_reason", "{name} has no absence reason", name=name))
        self.absence_explained = (found is not None and found.absence_reason is not None) or excused is not None

    def describe(self) -> str:
        return self.label


class TranscriptLineView:
    """A component on the host's Transcript of Records."""

    def __init__(self, c: TranscriptComponent):
        self.model = c
        name = c.code or c.title
        self.code = _known(c.code, because("component.no_code", "transcript component '{name}' has no code", name=c.title))
        self.title = c.title
        self.credits = _num(c.credits, f"transcript component {name} has no credits")
        self.passed = _known(c.passed, because("component.no_result", "the result of {name} is not known", name=name))
        self.grade = Unknown(because("component.no_grade", "{name} has no grade", name=name)) if c.local_grade is None \
            else str(c.local_grade)
        self.ects_grade = _known(c.ects_grade, because("component.no_ects_grade", "{name} has no ECTS grade", name=name))
        self.result_date = _known(c.result_date, because("component.no_result_date", "{name} has no result date", name=name))
        self.absence_reason = _known(c.absence_reason, because("component.no_absence_reason_given",
                                                               "{name} gives no absence reason", name=name))
        self.label = WordedText("transcript_line.label", "transcript {name}", name=name)

    def describe(self) -> str:
        return self.label


# what the transcript says of the components a recognition rests on, worst first: English for one, for more
_SOURCE_STATES = {
    "failed": ("is based on 1 component, which was not passed", "is based on {n} components; not passed: {names}"),
    "missing": ("is based on 1 component, which is not on the transcript",
                "is based on {n} components; not on the transcript: {names}"),
    "pending": ("is based on 1 component, whose result is not known",
                "is based on {n} components; no result known for: {names}"),
    "passed": ("is based on 1 component, which is on the transcript and was passed",
               "is based on {n} components, all on the transcript and all passed"),
}


def _sources_state(n: int, missing: list[str], failed: list[str], pending: list[str]) -> WordedText:
    """A clause on the `n` components a recognition rests on: those not passed, else those not on the
    transcript, else those without a result, else that all were passed. Catalogue keys
    recognition.sources.<state>.single for one component, recognition.sources.<state> (in the plural form
    `n` takes) for more."""
    state, names = next(((k, v) for k, v in (("failed", failed), ("missing", missing), ("pending", pending)) if v),
                        ("passed", []))
    one, more = _SOURCE_STATES[state]
    return WordedText(f"recognition.sources.{state}" + (".single" if n == 1 else ""), one if n == 1 else more,
                      n=n, names=", ".join(names))


class RecognitionLineView:
    """A home component recognised, and what the transcript says of the components it comes from."""

    def __init__(self, line, transfer: "TransferView"):
        self.model = line
        name = line.code or line.title
        self.code = _known(line.code, because("recognition.no_code", "recognised component '{name}' has no code",
                                              name=line.title))
        self.title = line.title
        self.credits = _num(line.credits, f"recognised component {name} has no credits")
        self.converted_grade = Unknown(because("recognition.no_grade", "{name} has no converted grade", name=name)) if line.converted_grade is None \
            else str(line.converted_grade)
        self.source_count = len(line.from_components)
        self.label = WordedText("recognition_line.label", "recognition {name}", name=name)
        self._sources(line.from_components, transfer, name)

    def _sources(self, codes: list[str], transfer: "TransferView", name: str) -> None:
        if transfer.model.transcript is None:
            self.sources_on_transcript = self.sources_passed = self.source_credits_earned = self.sources_state = \
                Unknown(NO_TRANSCRIPT)
            return
        if not codes:
            reason = because("recognition.no_sources", "the recognition of {name} names no transcript components it "
                             "comes from", name=name)
            self.sources_on_transcript = self.sources_passed = self.source_credits_earned = self.sources_state = \
                Unknown(reason)
            return
        comps = [transfer.model.transcript.component(c) for c in codes]
        missing = [c for c, comp in zip(codes, comps) if comp is None]
        self.sources_on_transcript = not missing
        found = [c for c in comps if c is not None]
        self.sources_state = _sources_state(len(codes), missing, [c.code for c in found if c.passed is False],
                                            [c.code for c in found if c.passed is None])
        if any(c.passed is False for c in found):
            self.sources_passed = False
        elif missing:
            self.sources_passed = Unknown(because("components.not_on_transcript", "{names} not on the transcript",
                                                  names=tuple(missing)))
        else:
            pending = [c.code for c in found if c.passed is None]
            self.sources_passed = Unknown(because("components.no_result", "the result of {names} is not known",
                                                  names=tuple(pending))) if pending else True
        earned = [(c.credits if c.passed else 0) for c in found if c.passed is not None]
        self.source_credits_earned = _num(round(math.fsum(x or 0 for x in earned), 6), "")

    def describe(self) -> str:
        return self.label


class TransferView:
    """A transfer file with everything rules read."""

    root_name = "transfer"

    def __init__(self, t: TransferFile):
        self.model = t
        self.id = t.id
        self.title = t.title or Unknown(because("transfer.no_title", "the transfer file has no title"))
        self.kind = t.kind
        self._parties(t)
        self._period(t)
        self._transcript(t)
        self._learning_agreement(t)
        self._recognition(t)

    # ---- parts
    def _parties(self, t: TransferFile) -> None:
        for side in ("home", "host"):
            party = getattr(t, side)
            what = because(f"transfer.{side}_side", f"the {side} side")
            none = Unknown(because("transfer.no_side", "the file does not describe {what}", what=what))
            setattr(self, f"{side}_institution", party.institution.name if party else none)
            for attr in ("country", "cycle", "kind", "programme_id"):
                value = getattr(party, attr) if party else None
                setattr(self, f"{side}_{attr}", none if party is None else
                        _known(value, because("transfer.side_no_field", "{what} gives no {field}", what=what,
                                              field=Field(f"{side}_{attr}"))))
        a = t.agreement
        self.agreement_known = a is not None
        self.agreement_name = _known(a and (a.name or a.id), because("transfer.no_agreement", "the file names no agreement"))
        self.agreement_approved = _known(a.approved if a else None,
                                         because("transfer.approval_unknown", "the file does not say whether the "
                                                 "agreement is approved") if a
                                         else because("transfer.no_agreement", "the file names no agreement"))

    def _period(self, t: TransferFile) -> None:
        p = t.period
        self.period_start = _known(p and p.start, because("period.no_start", "the period has no start date"))
        self.period_end = _known(p and p.end, because("period.no_end", "the period has no end date"))
        self.period_days = _known(p and p.days, because("period.no_dates", "the period's start or end date is missing"))
        self.period_months = _known(p and p.months, because("period.no_dates", "the period's start or end date is missing"))

    def _transcript(self, t: TransferFile) -> None:
        tr = t.transcript
        none = Unknown(NO_TRANSCRIPT)
        self.transcript_known = tr is not None
        self.transcript_index = {}
        if tr is None:
            self.transcript = none
            self.transcript_issued = self.results_date = self.weeks_results_to_transcript = none
            self.earned_credits = self.transcript_credits = none
            self.grading_table_known = none
            return
        for c in tr.components:
            self.transcript_index.setdefault(_key(c.code, c.title), c)
        self.transcript = plain([TranscriptLineView(c) for c in tr.components])
        self.transcript_issued = _known(tr.issued, because("transcript.no_issue_date", "the transcript has no date of issue"))
        self.results_date = _known(tr.results_date, because("transcript.no_results_date",
                                                                  "the transcript does not say when the results were published"))
        self.weeks_results_to_transcript = _known(tr.weeks_from_results_to_issue,
                                                  because("transcript.no_dates",
                                                          "the transcript's date of issue or results date is missing"))
        pending = [c.code or c.title for c in tr.components if c.passed is None]
        self.earned_credits = _num(tr.earned_credits, because("components.no_result", "the result of {names} is not known",
                                                              names=tuple(pending)) if pending
                                   else because("transcript.passed_no_credits", "a passed component has no credits"))
        self.transcript_credits = _num(tr.total_credits, because("transcript.no_credits",
                                                                 "a transcript component has no credits"))
        self.grading_table_known = any(g.grade_distribution or g.grading_table_url for g in tr.grading_schemes) or \
            any(c.result_distribution for c in tr.components)

    def _signatures(self, sig: SignatureView) -> None:
        self.la = sig
        for name in ("signed_student", "signed_sending", "signed_receiving", "all_signed", "last_signed", "unsigned"):
            setattr(self, f"la_{name}", getattr(sig, name))

    def _learning_agreement(self, t: TransferFile) -> None:
        la = t.learning_agreement
        self.la_known = la is not None
        self.excused = {}
        if t.recognition:
            for n in t.recognition.not_recognized:
                if n.reason:
                    self.excused[_key(n.code, n.title)] = n.reason
        if la is None:
            reason = because("transfer.no_la", "the file has no learning agreement")
            empty = t.kind != "mobility"  # a programme transfer needs none
            sig = SignatureView(None, THE_LA)
            sig.all_signed = sig.last_signed = sig.unsigned = Unknown(reason)
            for party in PARTIES:
                setattr(sig, f"signed_{party}", Unknown(reason))
            self._signatures(sig)
            self.amendments = plain([]) if empty else Unknown(reason)
            self.table_a = self.table_a_initial = self.table_b = plain([]) if empty else Unknown(reason)
            self.table_a_credits = self.table_b_credits = Unknown(reason)
            self.table_a_initial_credits = self.table_b_initial_credits = Unknown(reason)
            self.justification = Unknown(reason)
            self.la_all_signed_before_start = Unknown(reason)
            self.table_a_passed_credits = Unknown(reason)
            return
        self._signatures(SignatureView(la.signatures, THE_LA))
        self.la_all_signed_before_start = self.la.signed_before(self.period_start)
        self.amendments = plain([AmendmentView(a, i) for i, a in enumerate(la.amendments, 1)])
        self.table_a = plain([LaLineView(c, "A", self) for c in la.studied_after_amendments()])
        self.table_a_initial = plain([LaLineView(c, "A", self) for c in la.components_studied])
        self.table_b = plain([LaLineView(c, "B", self) for c in la.recognized_after_amendments()])
        self.table_a_credits = _total([v.credits for v in self.table_a], "Table A is empty")
        self.table_b_credits = _total([v.credits for v in self.table_b], "Table B is empty")
        self.table_a_initial_credits = _total([v.credits for v in self.table_a_initial], "Table A is empty")
        self.table_b_initial_credits = _num(la.table_b_credits, "a Table B line has no credits")
        self.justification = _known(la.justification, because("la.no_justification", "the learning agreement gives no justification"))
        self.table_a_passed_credits = self._passed_credits(self.table_a)

    @staticmethod
    def _passed_credits(lines: Collection):
        values = []
        for v in lines:
            if isinstance(v.passed, Unknown):
                return v.passed
            values.append(v.credits if v.passed else 0)
        return _total(values, "")

    def _recognition(self, t: TransferFile) -> None:
        r = t.recognition
        reason = because("transfer.no_recognition", "the file records no recognition decision")
        self.recognition_known = r is not None
        self.recognition_date = _known(r and r.date, because("recognition.no_date", "the recognition decision has no date") if r else reason)
        if r is None:  # nothing recognised yet (a learning agreement before the mobility): rules on lines do not apply
            self.recognition_lines = plain([])
            self.recognised_credits = Unknown(reason)
        else:
            self.recognition_lines = plain([RecognitionLineView(line, self) for line in r.lines])
            self.recognised_credits = _total([v.credits for v in self.recognition_lines], "")
        attach(self, t, _key)  # line by line: credits resting on credits earned; Table A recognised in full

    def describe(self) -> str:
        return "transfer"


    def recipe(self) -> tuple | None:
        """How to make this view again (engine.evaluation.source): (function, args, kwargs)."""
        return (TransferView, (self.model,), {}) if type(self) is TransferView else None
