"""Findings worded in one language: values, subjects, titles, messages, trace steps, provenance.

Findings are language-free data (engine.findings, engine.trace); every word a report prints around
them comes from the message catalogues in reports/i18n/<lang>.yaml, unit names from engine.units.
A rule's own message is worded in the language of its template: a rule without a template in the
report's language keeps its English sentence, with English words (no mixed sentences).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from engine.evaluation.findings import RULE_MESSAGE, Citation, Finding, MessagePart, SubjectRef
from engine.evaluation.trace import ReadEvent
from engine.semantics.units import format_number, unit_words
from engine.semantics.values import Choices, Span, Unknown
from .i18n import Labels

MAX_LISTED = 6  # possible values listed one by one; more are shown as a range


@dataclass(frozen=True)
class StepText:
    """One trace step in words: `kind` is "value" (expr = value, derived as detail), "requirement"
    or "condition" (label: expr -> value)."""

    kind: str
    expr: str
    value: str
    detail: str | None = None
    label: str = ""


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


class Wording:
    """Words findings and values in one language."""

    def __init__(self, lang: str = "en"):
        self.t = Labels(lang)
        self.lang = self.t.lang

    # ---- values
    def value(self, v: Any, unit: str | None = None) -> str:
        """'58 credits', '56 or 58 credits (depends on electives)', 'unknown (reason)', 'yes'."""
        t = self.t
        words = unit_words(unit, v if isinstance(v, (int, float)) else None, self.lang)
        u = f" {words}" if words else ""
        if type(v) is Unknown:
            return f"{t('word.unknown')} ({v.reason})"
        if type(v) is Choices:
            if v.exact and len(v.values) <= MAX_LISTED:
                body = f" {t('word.or')} ".join(format_number(x) for x in v.values)
            else:
                body = f"{format_number(v.low)}..{format_number(v.high)}"
            return f"{body}{u} ({t('word.depends_on_electives')})"
        if type(v) is Span:
            return f"{format_number(v.low)}..{format_number(v.high)}{u}"
        if isinstance(v, bool):
            return t("word.yes" if v else "word.no")
        if isinstance(v, (int, float)):
            return f"{format_number(v)}{u}"
        if isinstance(v, (frozenset, set)):
            return "{" + ", ".join(sorted(self.value(x, unit) for x in v)) + "}"
        if v is None:
            return t("word.none")
        if isinstance(v, (list, tuple)):
            return t("word.items", n=len(v))
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        return str(v)

    def period(self, p: Any) -> str:
        """An in-force period: 'from 2015-01-01 until 2020-01-01', 'always'."""
        start, end = getattr(p, "start", None), getattr(p, "end", None)
        if start and end:
            return self.t("period.between", start=start, end=end)
        if start:
            return self.t("period.from", start=start)
        if end:
            return self.t("period.until", end=end)
        return self.t("period.always")

    def subject(self, ref: SubjectRef) -> str:
        """'year 2', 'μάθημα PE305'; a kind no catalogue names keeps the data's own label."""
        pattern = self.t.get(f"subject.{ref.kind}", "")
        if not pattern or ("{key}" in pattern and ref.key is None):
            return ref.label
        return pattern.format(key=ref.key)

    def text(self, texts: Mapping[str, str], default: str = "") -> str:
        """The text in this language, else English, else any."""
        return texts.get(self.lang) or texts.get("en") or next(iter(texts.values()), default)

    # ---- messages
    def arg(self, v: Any) -> str:
        if isinstance(v, SubjectRef):
            return self.subject(v)
        if isinstance(v, Mapping):
            return self.text(v)
        if isinstance(v, tuple):
            return "; ".join(self.period(x) if hasattr(x, "covers") else self.arg(x) for x in v)
        if v is None:
            return self.t("word.none")
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        return str(v)

    def part(self, part: MessagePart, templates: Mapping[str, Any]) -> str:
        if part.template != RULE_MESSAGE:
            return self.t(part.template, **{k: self.arg(v) for k, v in part.args.items()})
        lang = self.lang if self.lang in part.args else ("en" if "en" in part.args else next(iter(part.args)))
        words = self if lang == self.lang else wording(lang)
        values = iter(part.args[lang])
        return "".join(p if isinstance(p, str) else words.hole(next(values), p[1]) for p in templates[lang].parts)

    def hole(self, value: Any, unit: str | None) -> str:
        """A value inside a message: an unknown one is just "unknown" (the reason follows the message)."""
        return self.t("word.unknown") if type(value) is Unknown else self.value(value, unit)

    def message(self, f: Finding) -> str:
        return " ".join(self.part(p, f.templates) for p in f.message_parts)

    # ---- trace and provenance
    def step(self, e: Any) -> StepText:
        if isinstance(e, ReadEvent):
            return StepText("value", e.expr, self.value(e.value, e.unit), e.detail)
        value = self.t(f"outcome.{e.outcome}") + (f" ({e.reason})" if e.reason else "")
        label = self.t("required") if e.kind == "requirement" else self.t(f"trace.{e.role}")
        return StepText(e.kind, e.expr, value, None, label)

    def provenance(self, f: Finding) -> tuple[str | None, tuple[str, ...]]:
        p = f.provenance
        if p is None:
            return None, ()
        where = f"{self.t('provenance')} {p.file}:{p.line} ({self.t('provenance.ruleset')} {p.ruleset})"
        params = tuple(self.t("provenance.param_what_if", name=v.name, value=self.value(v.value, v.unit))
                       if v.what_if else self.t("provenance.param", name=v.name, value=self.value(v.value, v.unit), ruleset=v.ruleset,
                              period=self.period(v.in_force), file=v.file or "?", line=v.line or "?")
                       for v in p.params)
        return where, params

    def finding(self, f: Finding) -> FindingText:
        """Everything a report shows of one finding, in this language."""
        events = f.trace
        missing = tuple(dict.fromkeys(e.value.reason for e in events
                                      if isinstance(e, ReadEvent) and type(e.value) is Unknown))
        where, params = self.provenance(f)
        return FindingText(f.rule, self.text(f.titles, f.rule), f.severity, f.status, self.subject(f.subject_ref),
                           self.message(f), tuple(self.step(e) for e in events), f.citations, f.replaces, f.note,
                           where, params, missing, f, self.what_if(f), self.waiver(f))

    def what_if(self, f: Finding) -> str | None:
        """'What-if: this finding uses semester_credits = 28 credits, ...' when it read a `--set` value."""
        used = [v for v in f.provenance.params if v.what_if] if f.provenance else []
        if not used:
            return None
        return self.t("whatif.finding", params=", ".join(f"{v.name} = {self.value(v.value, v.unit)}" for v in used))

    def waiver(self, f: Finding) -> str | None:
        """'Waived by <authority>, decision <reference> of <date>: <reason>' for a waived finding."""
        w = f.waiver
        return None if w is None else self.t("waiver.line", authority=w.authority, reference=w.reference,
                                              decided=w.decided, reason=w.reason)

    def what_ifs(self, r: Any) -> list[str]:
        """The report's what-ifs, one line each ('parameter X = V (the rule set: W)')."""
        return [self.t(f"whatif.{w.kind}", name=w.name, value=w.value, replaces=w.replaces or self.t("none"))
                for w in r.what_ifs]


@lru_cache(maxsize=None)
def wording(lang: str = "en") -> Wording:
    """The (shared) Wording of one language."""
    return Wording(lang)


def format_value(v: Any, unit: str | None = None, lang: str = "en") -> str:
    """A value for people in `lang`: '58 credits', '28 or 30 credits (depends on electives)'."""
    return wording(lang).value(v, unit)


def message_text(f: Finding, lang: str = "en") -> str:
    """A finding's message in `lang`."""
    return wording(lang).message(f)


def finding_text(f: Finding, lang: str = "en") -> FindingText:
    """A finding worded in `lang` (title, subject, message, trace steps, provenance)."""
    return wording(lang).finding(f)


__all__ = ["Wording", "wording", "FindingText", "StepText", "format_value", "message_text", "finding_text"]
