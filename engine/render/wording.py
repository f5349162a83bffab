"""Findings worded in one language: values, subjects, titles, messages, trace steps, provenance (the
finding-level words, trace steps and provenance among them, in engine.render.finding_words).

Findings are language-free data (engine.findings, engine.trace); every word a report prints around
them comes from the message catalogues in reports/i18n/<lang>.yaml, unit names from engine.units.
A rule's own message is worded in the language of its template: a rule without a template in the
report's language keeps its English sentence, with English words (no mixed sentences).
Babel's dates are imported on the first date worded in another language than English (ISO dates), so that an
English report does not load Babel at all (engine.semantics.units).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache
from typing import Any, Mapping

from engine.evaluation.findings import RULE_MESSAGE, Citation, Finding, MessagePart, SubjectRef
from engine.evaluation.trace import ReadEvent

from engine.semantics.reasons import Alternatives, Beside, Count, Field, Listed, Plus, Reason, Shown, Unit, Witness
from engine.semantics.units import LOCALES, format_number, unit_words
from engine.semantics.values import Choices, Span, Unknown, Verbatim
from engine.ruleset.translations import WORDS
from engine.subjects.waivers import Validity
from engine.subjects.worded import WordedText
from .finding_words import FindingText, FindingWords, StepText
from .condition_words import deciding_parts, with_deciding_parts
from .i18n import Labels, base_language, in_script
from .number_words import cacheable, number, quantity, units
from .precision import DECIMALS, finding_decimals
from .sentences import Sentences

NAMED_BY_SUBJECT = {"printed_total"}  # kinds whose key names another subject ('term 1', 'programme')
LIBRARY_ARGS = {"problem", "why"}  # reason arguments that may carry a library's English message (library_text)
MAX_LISTED = 6  # possible values listed one by one; more are shown as a range


class Wording(FindingWords):
    """Words findings and values in one language, numbers to `decimals` decimals at most (more for a
    finding whose numbers would otherwise read the same: engine.render.precision)."""

    def __init__(self, lang: str = "en", decimals: int = DECIMALS):
        self.t = Labels(lang)
        self.lang = self.t.lang
        self.decimals = decimals
        self.base = base_language(self.lang)  # the language of the rule texts read ('sr' for 'sr-Cyrl')
        self.choice_words = {k: self.t(f"choice.{k}") for k in ("specialisation", "group", "and", "none", "any")}
        self.sentences = Sentences(self.lang, self.value)
        self.semicolon = self.t("word.semicolon")  # '; ', in Greek the upper stop '· ' (';' asks a question)

    # ---- values
    def value(self, v: Any, unit: str | None = None) -> str:
        """'58 credits', '56 or 58 credits (depends on electives)', 'unknown (reason)', 'yes'."""
        t = self.t
        kind = type(v)
        if (kind is int or kind is float) and cacheable(v):  # the commonest: a number, its words remembered
            return quantity(kind, v, unit, self.lang, self.decimals)
        if kind is Unknown:
            return f"{t('word.unknown')} ({self.reason(v.why)})"
        if kind is str:
            return _text_words(self, v)
        num = v if isinstance(v, (int, float)) else None
        if cacheable(num):
            words = units(unit, type(num), num, self.lang)
        else:
            words = in_script(self.lang, unit_words(unit, num, self.lang))
        u = f" {words}" if words else ""
        if type(v) is Choices:
            if v.exact and len(v.values) <= MAX_LISTED:
                body = f" {t('word.or')} ".join(self.number(x) for x in v.values)
            else:
                body = t("word.range", low=self.number(v.low), high=self.number(v.high))
            return f"{body}{u} ({t('word.depends_on_electives')})"
        if type(v) is Span:
            return t("word.range", low=self.number(v.low), high=self.number(v.high)) + u
        if isinstance(v, bool):
            return t("word.yes" if v else "word.no")
        if isinstance(v, (int, float)):
            return f"{self.number(v)}{u}"
        if isinstance(v, (frozenset, set)):  # '36 or 40 weeks', 'first cycle or second cycle'
            if v and all(type(x) in (int, float) for x in v):
                return f" {t('word.or')} ".join(self.number(x) for x in sorted(v)) + u
            return f" {t('word.or')} ".join(sorted(self.value(x, unit) for x in v))
        if v is None:
            return t("word.none")
        if isinstance(v, (list, tuple)):
            return t("word.items", n=len(v))
        if isinstance(v, (dt.date, dt.datetime)):
            return self.date(v)
        if isinstance(v, Verbatim):
            return str(v)
        if isinstance(v, str) and hasattr(v, "names") and self.lang != "en":  # a text naming a subject ('term 1')
            return self.subject(SubjectRef(*v.names, v))
        if isinstance(v, WordedText):
            return self.worded(v)
        if isinstance(v, str):  # a kind of text: worded afresh (the cache holds plain texts only)
            return _text_words.__wrapped__(self, v)
        return str(v)

    def value_list(self, text: str) -> str | None:
        """'student, receiving' (enumerated values, as a view lists them) in words; None if it is not one."""
        items = [x.strip() for x in text.split(",")]
        words = [self.t.get(f"value.{x}", "") for x in items]
        return ", ".join(words) if len(items) > 1 and all(words) else None

    def number(self, x: Any) -> str:
        """A number as the report's locale writes it (7.5, 7,5)."""
        if type(x) in (int, float) and cacheable(x):
            return number(type(x), x, self.lang, self.decimals)
        return format_number(x, self.lang, self.decimals)

    def date(self, d: dt.date | str) -> str:
        """A date (or an ISO date text) as the report's locale writes it: ISO in English, '1 Μαρτίου 2024',
        '1. 3. 2024.' (Serbian in figures: a month name would need the genitive after 'na dan', 'od', 'do');
        a text that is not a date stays as it is."""
        if isinstance(d, str):
            try:
                d = dt.date.fromisoformat(d)
            except ValueError:
                return d
        if self.lang == "en":
            return d.isoformat()
        from babel.dates import format_date  # Babel loads only for the languages that need it (engine.semantics.units)
        return format_date(d, "medium" if self.base == "sr" else "long", locale=LOCALES.get(self.lang, "en"))

    def reason(self, r: Reason) -> str:
        """Why a value is unknown, in this language (the English sentence where no catalogue words it); a
        reason with a count `n` in the plural form the count takes (engine.render.i18n.Labels.plural)."""
        if not isinstance(r, Reason) or r.key is None:
            return str(r)
        n = next((v for k, v in r.args if k == "n" and type(v) in (int, Count)), None)  # a count: its plural form
        key = f"reason.{r.key}"
        template = self.t.get(key, r.english) if n is None else self.t.plural(key, n, r.english)
        return template.format(**{k: self.table_letter(v) if k == "table" else self.library_text(v) if k in LIBRARY_ARGS
                                  else self.reason_arg(v) for k, v in r.args})

    def library_text(self, v: Any) -> str:
        """A Python library's English message quoted in a reason (JSON's 'Expecting value', UTF-8's 'invalid
        start byte') in this language, where the catalogue words it (`library.<message>`); else as it is."""
        return self.t.get(f"library.{v}", "") or self.reason_arg(v) if type(v) is str else self.reason_arg(v)

    def reason_arg(self, v: Any) -> str:
        kind = type(v)  # the commonest kinds first (a derivation's terms: reasons, field names, numbers)
        if kind is Field:
            return self.t.get(f"field.{v}", v.replace("_", " "))
        if kind is int or kind is float:
            return self.number(v)
        if isinstance(v, Reason):
            return self.reason(v)
        if isinstance(v, Witness):
            return v.describe(None, self.choice_words)
        if isinstance(v, Beside):
            return v.describe(self.choice_words)
        if isinstance(v, Alternatives):
            return f" {self.t('word.or')} ".join(self.reason_arg(x) for x in v)
        if isinstance(v, Plus):
            return " + ".join(self.reason_arg(x) for x in v)
        if isinstance(v, Listed):
            return ", ".join(self.reason_arg(x) for x in v)
        if isinstance(v, Count):
            return format_number(int(v), self.lang) if self.lang != "en" else f"{v:,}"
        if isinstance(v, Shown):  # as the English message always wrote it (Python's :g); elsewhere as a number
            return f"{v:g}" if self.lang == "en" else self.number(float(v))
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return self.number(v)
        if isinstance(v, (list, tuple)):
            return self.semicolon.join(self.reason_arg(x) for x in v)
        if isinstance(v, Field):
            return self.t.get(f"field.{v}", v.replace("_", " "))
        if hasattr(v, "covers"):
            return self.period(v)
        if isinstance(v, (dt.date, dt.datetime)):
            return self.date(v)
        if kind is Unit:  # a unit of the rule language, in the plural: 'ώρες ανά πιστωτική μονάδα'
            return in_script(self.lang, unit_words(v, None, self.lang)) if self.lang != "en" else str(v)
        if isinstance(v, WordedText):
            return self.worded(v)
        return str(v)

    def period(self, p: Any) -> str:
        """An in-force period: 'from 2015-01-01 until 2020-01-01', 'always'."""
        start, end = getattr(p, "start", None), getattr(p, "end", None)
        if start and end:
            return self.t("period.between", start=self.arg(start), end=self.arg(end))
        if start:
            return self.t("period.from", start=self.arg(start))
        if end:
            return self.t("period.until", end=self.arg(end))
        return self.t("period.always")

    def subject(self, ref: SubjectRef) -> str:
        """'year 2', 'μάθημα PE305'; a kind no catalogue names keeps the data's own label."""
        pattern = self.t.get(f"subject.{ref.kind}", "")
        if not pattern or ("{key}" in pattern and ref.key is None):
            return self.worded(ref.label) if isinstance(ref.label, WordedText) else ref.label
        if ref.kind in NAMED_BY_SUBJECT and isinstance(ref.key, str):  # 'term 1': a subject itself
            kind, _, key = ref.key.partition(" ")
            return pattern.format(key=self.subject(SubjectRef(kind, key or None, ref.key)))
        return pattern.format(key=self.worded(ref.key) if isinstance(ref.key, WordedText) else ref.key)

    def subject_title(self, title: str | None) -> str | None:
        """A subject's title: the data's own, or one the engine made (a cohort's), worded in this language."""
        return self.worded(title) if isinstance(title, WordedText) else title

    def worded(self, v: WordedText) -> str:
        """A text the engine made about the data ('row 12') in this language; English where no catalogue words it."""
        n = v.args.get("n")  # a count: the plural form it takes, where the catalogue has forms (`key.one`...)
        template = self.t.plural(v.key, n, "") if type(n) is int else self.t.get(v.key, "")
        # the English catalogue has none: the text's own English words
        if not template:
            return str(v)
        return template.format(**{k: self.worded(x) if isinstance(x, WordedText) else
                                  self.table_letter(x) if k == "table" else self.arg(x) for k, x in v.args.items()})

    def table_letter(self, letter: Any) -> str:
        """A Learning Agreement table's letter ('A') as the language writes it: Greek 'Πίνακας Α' with the
        Greek capital, as in the rule texts (`la_table.<letter>` of the catalogue; else as given)."""
        return self.t.get(f"la_table.{letter}", "") or self.arg(letter)

    def text(self, texts: Mapping[str, str], default: str = "") -> str:
        """The text in this language (in its script), else English, else any."""
        if self.lang in texts:
            return texts[self.lang]
        if self.base in texts:
            return in_script(self.lang, texts[self.base])
        return texts.get("en") or next(iter(texts.values()), default)

    def rule_text(self, texts: Mapping[str, str]) -> str:
        """A text of the rule file (a note, a drop's reason, a source's title, an article text, the version)
        in this language; where the rule file gives it in English only, the English text marked as such."""
        text = self.text(texts)
        if texts and self.base != "en" and self.base not in texts:
            return f"{text} {self.t('rule_text.english')}"
        return text

    def note(self, f: Finding) -> str | None:
        """The finding's rule's note in this language (None without one)."""
        return self.rule_text(f.notes) if f.notes else None

    def citation(self, c: Citation) -> Citation:
        """The citation with its source's title and its article text in this language (an article text
        without words, such as '14(2)', is the same in every language)."""
        if self.lang == "en":
            return c
        ref = c.ref
        if WORDS.search(ref):
            ref = self.rule_text({"en": ref, **dict(getattr(c, "refs", ()))})
        return replace(c, source_title=self.rule_text({"en": c.source_title, **dict(getattr(c, "source_titles", ()))}),
                       ref=ref)

    def dropped_reason(self, d: Mapping[str, Any]) -> str:
        """The reason a rule set gives for dropping a parent's rule (an item of `dropped_rules`), in this language."""
        return self.rule_text(d.get("reasons") or {"en": d["reason"]})

    def version(self, r: Any) -> str | None:
        """The rule set's version text of a report, in this language (None when the set gives none)."""
        return self.rule_text(r.ruleset_versions) if r.ruleset_versions else r.ruleset_version

    # ---- messages
    def arg(self, v: Any) -> str:
        if isinstance(v, Validity):  # a waiver's days
            return self.period(v)
        if isinstance(v, WordedText):
            return self.worded(v)
        if isinstance(v, SubjectRef):
            return self.subject(v)
        if isinstance(v, Reason):
            return self.reason(v)
        if isinstance(v, Mapping):
            return self.text(v)
        if isinstance(v, tuple):
            return self.semicolon.join(self.period(x) if hasattr(x, "covers") else self.arg(x) for x in v)
        if v is None:
            return self.t("word.none")
        if isinstance(v, (dt.date, dt.datetime)):
            return self.date(v)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return self.number(v)
        return str(v)

    def part(self, part: MessagePart, templates: Mapping[str, Any], f: Finding | None = None) -> str:
        """One sentence of a message (`f`: its finding, whose trace tells which part of a condition decided)."""
        if part.template == "engine.does_not_apply" and f is not None:
            decided = self.deciding(f, part.args.get("condition"))
            if decided:
                return self.t("engine.does_not_apply_because", parts=decided)
        if part.template != RULE_MESSAGE:
            return self.t(part.template, **{k: self.engine_arg(k, v) for k, v in part.args.items()})
        lang = self.base if self.base in part.args else ("en" if "en" in part.args else next(iter(part.args)))
        words = self if lang == self.base else wording(lang)
        values = iter(part.args[lang])
        return "".join(in_script(words.lang, p) if isinstance(p, str) else words.hole(next(values), p[1], p[2])
                       for p in templates[lang].parts)

    def engine_arg(self, name: str, v: Any) -> str:
        """An argument of an engine sentence: a condition (rule language) in words, a scope variable as the
        kind of thing it names, anything else as `arg` words it."""
        if name == "condition" and isinstance(v, str):
            return self.sentences.expr(v) or v
        if name == "var" and isinstance(v, str):
            return self.sentences.noun(v)
        return self.arg(v)

    def hole(self, value: Any, unit: str | None, expr: str | None = None) -> str:
        """A value inside a message: an unknown one is just "unknown" (the reason follows the message), in the
        gender of the field's noun where the language has one (`expr`: the hole's expression)."""
        if type(value) is Unknown:
            return (expr is not None and self.sentences.unknown(expr)) or self.t("word.unknown")
        return self.value(value, unit)

    def message(self, f: Finding) -> str:
        """The finding's message, its numbers to as many decimals as tell them apart."""
        decimals = finding_decimals(f, with_trace=False)
        if decimals > self.decimals:
            return self.at(decimals).message(f)
        return " ".join(self.part(p, f.templates, f) for p in f.message_parts)

    def at(self, decimals: int) -> "Wording":
        """This wording with numbers to `decimals` decimals (the shared one, or a new one of a subclass)."""
        return wording(self.lang, decimals) if type(self) is Wording else type(self)(self.lang, decimals)

    def deciding(self, f: Finding, condition: Any, holds: bool = False) -> str | None:
        """The parts of the finding's condition (rule-language text) that made it hold or not, in words with
        their values ('the kind of studies of the programme is vocational, not academic'); None when its
        trace cannot tell them (engine.render.condition_words)."""
        if not isinstance(condition, str):
            return None
        reads = {e.expr: (e.value, e.unit) for e in f.trace if type(e) is ReadEvent}
        parts = deciding_parts(self.sentences, condition, reads, holds)
        return f" {self.sentences.words['and']} ".join(parts) if parts else None

    def finding(self, f: Finding) -> FindingText:
        """Everything a report shows of one finding (FindingWords.finding), its numbers to as many decimals
        as tell apart those its message, trace and requirements hold."""
        decimals = finding_decimals(f)
        if decimals > self.decimals:
            return self.at(decimals).finding(f)
        return with_deciding_parts(self, f, super().finding(f))

    def headline(self, f: Finding) -> FindingText:
        """A finding without its trace (FindingWords.headline), its message's numbers told apart."""
        decimals = finding_decimals(f, with_trace=False)
        if decimals > self.decimals:
            return self.at(decimals).headline(f)
        return super().headline(f)

    def what_ifs(self, r: Any) -> list[str]:
        """The report's what-ifs, one line each ('parameter X = V (the rule set: W)')."""
        return [self.t(f"whatif.{w.kind}", name=w.name, value=w.value, replaces=w.replaces or self.t("none"))
                for w in r.what_ifs]


@lru_cache(maxsize=4096)
def _text_words(w: Wording, v: str) -> str:
    """A text value in words: an enumerated value (full_time), a list of them or of fields; other text as it is.
    Remembered for plain texts (bounded; a Wording holds no cache of its own, so that it pickles)."""
    return w.t.get(f"value.{v}", "") or w.sentences.field_list(v) or w.value_list(v) or v


@lru_cache(maxsize=None)
def wording(lang: str = "en", decimals: int = DECIMALS) -> Wording:
    """The (shared) Wording of one language (numbers to `decimals` decimals at most)."""
    return Wording(lang, decimals)


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
