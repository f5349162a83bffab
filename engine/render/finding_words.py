"""A finding in words: its trace steps, provenance, what-if and waiver lines, and the whole text a report
shows of it (FindingText). A part of engine.render.wording.Wording (which words the values, subjects and
messages these read); what every finding of a rule shares (its provenance, its citations) is worded once
per language (engine.render.remembered).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from engine.evaluation.findings import Citation, Finding
from engine.evaluation.trace import ReadEvent
from engine.semantics.values import Unknown
from .remembered import by_identity, by_key
from .trace_keys import trace_key


@dataclass(frozen=True)
class StepText:
    """One trace step in words: `kind` is "value" (expr = value, derived as detail), "requirement"
    or "condition" (label: expr -> value)."""

    kind: str
    expr: str
    value: str
    detail: str | None = None
    label: str = ""
    words: str | None = None  # the expression in words in the report's language (engine.render.sentences)


@dataclass(frozen=True)
class FindingText:
    """A finding as a report shows it in one language (what the templates read)."""

    rule: str
    title: str
    severity: str
    status: str
    subject: str
    message: str
    trace: tuple[StepText, ...]
    citations: tuple[Citation, ...]
    replaces: str | None
    note: str | None
    provenance: str | None
    params: tuple[str, ...]
    missing: tuple[str, ...]  # the reasons of the unknown values that kept it from being decided
    finding: Finding
    what_if: str | None = None  # the sentence saying it used values given for this audit only (`--set`)
    waiver: str | None = None  # for a waived finding: who waived it, by which decision, why


def _words_size(words: tuple[tuple[StepText, ...], tuple[str, ...]]) -> int:
    """The characters of a trace's words (its steps and missing values), its key holding about as many."""
    steps, missing = words
    return sum(len(s.expr) + len(s.value) + len(s.detail or "") + len(s.words or "") for s in steps) + \
        sum(map(len, missing))


class FindingWords:
    """The finding-level words of engine.render.wording.Wording (see the module's docstring)."""

    def step(self, e: Any, values: Mapping[str, str] | None = None) -> StepText:
        """One trace step in words; `values`: the values read (expr -> worded value), shown in a requirement."""
        if isinstance(e, ReadEvent):
            detail = self.reason(e.detail) if e.detail is not None else None
            return StepText("value", e.expr, self.value(e.value, e.unit), detail,
                            words=self.sentences.expr(e.expr, condition=False))
        value = self.t(f"outcome.{e.outcome}") + (f" ({self.reason(e.reason)})" if e.reason else "")
        label = self.t("required") if e.kind == "requirement" else self.t(f"trace.{e.role}")
        return StepText(e.kind, e.expr, value, None, label, self.sentences.expr(e.expr, values))

    def provenance(self, f: Finding) -> tuple[str | None, tuple[str, ...]]:
        """Where the finding's rule is defined ('Rule defined in FILE:LINE (rule set X)') and the parameter
        versions it used, one line each: worded once per rule (its provenance is shared)."""
        p = f.provenance
        if p is None:
            return None, ()
        return by_identity(self, p, self._provenance_words)

    def _provenance_words(self, p: Any) -> tuple[str, tuple[str, ...]]:
        where = f"{self.t('provenance')} {p.file}:{p.line} ({self.t('provenance.ruleset')} {p.ruleset})"
        params = tuple(self.t("provenance.param_what_if", name=v.name, value=self.value(v.value, v.unit))
                       if v.what_if else self.t("provenance.param", name=v.name, value=self.value(v.value, v.unit), ruleset=v.ruleset,
                              period=self.period(v.in_force), file=v.file or "?", line=v.line or "?")
                       for v in p.params)
        return where, params

    def citations(self, f: Finding) -> tuple[Citation, ...]:
        """The finding's citations in this language (engine.render.wording.Wording.citation), worded once per rule."""
        return by_identity(self, f.citations, self._citations_words)

    def _citations_words(self, citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        return tuple(self.citation(c) for c in citations)

    def finding(self, f: Finding) -> FindingText:
        """Everything a report shows of one finding, in this language."""
        steps, missing = self.trace_words(f.trace)
        where, params = self.provenance(f)
        return FindingText(f.rule, self.text(f.titles, f.rule), f.severity, f.status, self.subject(f.subject_ref),
                           self.message(f), steps, self.citations(f), f.replaces, self.note(f),
                           where, params, missing, f, self.what_if(f), self.waiver(f))

    def trace_words(self, events: tuple) -> tuple[tuple[StepText, ...], tuple[str, ...]]:
        """A trace's steps in words and the reasons of its unknown values (what kept its finding undecided):
        worked out once for the traces of one key (engine.render.trace_keys), which the problems of one rule
        often share; a trace without a key is worded afresh."""
        key = trace_key(events)
        return self._trace_words(events) if key is None else by_key(self, key, events, self._trace_words, _words_size)

    def _trace_words(self, events: tuple) -> tuple[tuple[StepText, ...], tuple[str, ...]]:
        missing = tuple(dict.fromkeys(self.reason(e.value.why) for e in events
                                      if isinstance(e, ReadEvent) and type(e.value) is Unknown))
        values = {e.expr: self.hole(e.value, e.unit) for e in events if isinstance(e, ReadEvent)}
        return tuple(self.step(e, values) for e in events), missing

    def headline(self, f: Finding) -> FindingText:
        """What a report shows of a finding it lists without its trace: the same as `finding` but with no
        trace steps, provenance or missing values worded (the finding's trace is not even read)."""
        return FindingText(f.rule, self.text(f.titles, f.rule), f.severity, f.status, self.subject(f.subject_ref),
                           self.message(f), (), f.citations, f.replaces, f.note, None, (), (), f, self.what_if(f),
                           self.waiver(f))

    def what_if(self, f: Finding) -> str | None:
        """'What-if: this finding uses semester_credits = 28 credits, ...' when it read a `--set` value
        (worded once per rule: its provenance names the parameter versions it used)."""
        p = f.provenance
        return None if p is None or not p.params else by_identity(self, p.params, self._what_if_words)

    def _what_if_words(self, params: tuple) -> str | None:
        used = [v for v in params if v.what_if]
        if not used:
            return None
        return self.t("whatif.finding", params=", ".join(f"{v.name} = {self.value(v.value, v.unit)}" for v in used))

    def waiver(self, f: Finding) -> str | None:
        """'Waived by <authority>, decision <reference> of <date>: <reason>' for a waived finding."""
        w = f.waiver
        return None if w is None else self.t("waiver.line", authority=w.authority, reference=w.reference,
                                              decided=w.decided, reason=w.reason)


__all__ = ["FindingText", "FindingWords", "StepText"]
