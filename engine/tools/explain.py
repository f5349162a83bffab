"""One rule as a reviewer reads it (`ects rules explain SET RULE`): title, the law it cites with the
quote, what it goes through and when it applies in words, the parameters it reads with their dated
values and sources, the exceptions that may replace it and the rule it overrides.

Labels and operator words are given in English, Greek and Serbian; rule titles come from the rule
file in the chosen language where it has one; quotes of law stay as written.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from pathlib import Path

from engine.ruleset.compiled import CompiledRule, CompiledRuleSet
from engine.dsl import ast
from engine.dsl.unparse import unparse
from engine.errors import UsageError, suggestion
from engine.render.i18n import Labels
from engine.render.wording import Wording, format_value, wording
from engine.semantics.reasons import because, plain

_LABELS = {
    "en": {"set": "Rule set", "declared": "Declared in", "severity": "Severity", "in_force": "In force",
           "law": "Law", "scope": "Goes through", "when": "Applies when", "require": "Requires", "params": "Parameters",
           "exceptions": "Exceptions that may replace it", "exception_to": "An exception to",
           "overrides": "Overrides", "none": "none", "same_rule_of": "the rule of the same name in",
           "note": "Note", "where": "where", "each": "each", "in": "in", "subject": "the subject itself",
           "from": "from", "until": "until", "always": "always"},
    "el": {"set": "Σύνολο κανόνων", "declared": "Δηλώνεται στο", "severity": "Σοβαρότητα", "in_force": "Σε ισχύ",
           "law": "Νομική βάση", "scope": "Εξετάζει", "when": "Εφαρμόζεται όταν", "require": "Απαιτεί",
           "params": "Παράμετροι", "exceptions": "Εξαιρέσεις που μπορεί να τον αντικαταστήσουν",
           "exception_to": "Εξαίρεση στον κανόνα", "overrides": "Αντικαθιστά", "none": "κανένα",
           "same_rule_of": "τον ομώνυμο κανόνα του", "note": "Σημείωση", "where": "όπου", "each": "κάθε",
           "in": "στο", "subject": "το ίδιο το αντικείμενο ελέγχου", "from": "από", "until": "έως",
           "always": "πάντα", "each_separately": "καθένα χωριστά"},
    "sr": {"set": "Skup pravila", "declared": "Deklarisano u", "severity": "Težina", "in_force": "Na snazi",
           "law": "Pravni osnov", "scope": "Proverava", "when": "Primenjuje se kada", "require": "Zahteva",
           "params": "Parametri", "exceptions": "Izuzeci koji ga mogu zameniti", "exception_to": "Izuzetak od pravila",
           "overrides": "Zamenjuje", "none": "ništa", "same_rule_of": "istoimeno pravilo skupa", "note": "Napomena",
           "where": "gde", "each": "svaki", "in": "u", "subject": "sam predmet provere", "from": "od",
           "until": "do", "always": "uvek", "each_separately": "svaka stavka posebno"},
}
_OPS = {
    "en": {"==": "is", "!=": "is not", ">=": "is at least", "<=": "is at most", ">": "is more than",
           "<": "is less than", "in": "is in", "not in": "is not in", "known": "is known", "missing": "is missing",
           "whole": "is a whole number", "and": "and", "or": "or", "not": "not"},
    "el": {"==": "είναι", "!=": "δεν είναι", ">=": "είναι τουλάχιστον", "<=": "είναι το πολύ",
           ">": "είναι μεγαλύτερο από", "<": "είναι μικρότερο από", "in": "ανήκει στο", "not in": "δεν ανήκει στο",
           "known": "είναι γνωστό", "missing": "λείπει", "whole": "είναι ακέραιος αριθμός", "and": "και",
           "or": "ή", "not": "όχι"},
    "sr": {"==": "je", "!=": "nije", ">=": "je najmanje", "<=": "je najviše", ">": "je veće od", "<": "je manje od",
           "in": "je u", "not in": "nije u", "known": "je poznato", "missing": "nedostaje", "whole": "je ceo broj",
           "and": "i", "or": "ili", "not": "ne"},
}


def in_words(e: ast.Expr, lang: str, values: dict[str, str]) -> str:
    """A condition with its operators in words and each parameter followed by its value."""
    ops = _OPS.get(lang, _OPS["en"])

    def w(x: ast.Expr, top: bool = False) -> str:
        match x:
            case ast.Path() if x.text in values:
                return f"{x.text} ({values[x.text]})"
            case ast.Compare():
                text = f"{w(x.left)} {ops[x.op]} {w(x.right)}"
            case ast.In():
                text = f"{w(x.left)} {ops['not in' if x.negated else 'in']} {w(x.right)}"
            case ast.IsKnown():
                text = f"{w(x.operand)} {ops['missing' if x.negated else 'known']}"
            case ast.IsWhole():
                text = f"{w(x.operand)} {ops['whole']}"
            case ast.Not():
                return f"{ops['not']} ({w(x.operand, True)})"
            case ast.BoolOp():
                text = f" {ops[x.op]} ".join(w(i) for i in x.items)
                return text if top else f"({text})"
            case ast.Arith():
                return f"({w(x.left)} {x.op} {w(x.right)})"
            case _:
                return unparse(x)
        return text  # a comparison reads without parentheses between 'and' and 'or'
    return w(e, True)


def said(e: ast.Expr, lang: str, values: dict[str, str]) -> str:
    """A condition in words: in English the operators in words beside the rule's names (`in_words`); in Greek
    and Serbian the report's own sentence, the names worded too (engine.render.sentences)."""
    if lang == "en":
        return in_words(e, lang, values)
    return wording(lang).sentences.expr(unparse(e), values) or in_words(e, lang, values)


def _scope_words(scope: ast.Scope, lang: str, values: dict[str, str]) -> str:
    """What a rule goes through: 'each year in programme.years' in English; in another language the
    collection in words ('τα έτη του προγράμματος (καθένα χωριστά)')."""
    labels = _LABELS.get(lang, _LABELS["en"])
    if lang == "en":
        text = f"{labels['each']} {scope.var} {labels['in']} {scope.collection.text}"
        return text + (f" {labels['where']} {in_words(scope.where, lang, values)}" if scope.where is not None else "")
    sentences = wording(lang).sentences
    items = sentences.path(scope.collection.text)
    if scope.where is not None:
        items = sentences.words["where"].format(items=items, cond=said(scope.where, lang, values))
    return f"{items} ({labels['each_separately']})"


def period_words(p: ast.InForce, lang: str) -> str:
    """'from 2015-05-14 until 2022-07-21', 'always', in the language (its dates as the locale writes them)."""
    lb = _LABELS.get(lang, _LABELS["en"])
    day = wording(lang).date
    parts = ([f"{lb['from']} {day(p.start)}"] if p.start else []) + ([f"{lb['until']} {day(p.end)}"] if p.end else [])
    return " ".join(parts) or lb["always"]


def _order(v):
    return (0, v, "") if isinstance(v, (int, float)) else (1, 0, str(v))


def value_words(value, unit: str | None, lang: str) -> str:
    """A parameter's value with its unit in the language; a set as {a, b}."""
    if isinstance(value, (frozenset, set)):
        return "{" + ", ".join(format_value(v, unit, lang) for v in sorted(value, key=_order)) + "}"
    return format_value(value, unit, lang)


def _param_unit(p) -> str | None:
    return p.type.unit if p.type.kind != "set" else (p.type.item.unit if p.type.item else None)


def _cite(cited, words: Wording) -> dict[str, Any]:
    """A citation with its source's title and article text in the explanation's language."""
    c = words.citation(cited)
    return {"source": c.source_title, "ref": c.ref, "quote": c.quote, "confidence": c.confidence}


def find_rule(rs: CompiledRuleSet, rule_id: str, day: dt.date, lang: str = "en") -> CompiledRule:
    """The rule (or exception) of that id, the version in force on `day` if there is one; a rule the set
    drops, or no rule of that id, is a usage error (the drop's reason, a rule-file text, in `lang`)."""
    versions = rs.rules.get(rule_id) or [e for v in rs.rules.values() for r in v for e in r.exceptions if e.id == rule_id]
    if not versions:
        if rule_id in rs.composed.dropped:
            drop = rs.composed.dropped[rule_id].decl
            raise UsageError(because("explain.dropped", "rule '{rule}' is dropped by rule set {rs}: {why}", rule=rule_id,
                                     rs=rs.id, why=plain(wording(lang).rule_text({**drop.reasons, "en": drop.reason}))))
        known = list(rs.rules) + [e.id for v in rs.rules.values() for r in v for e in r.exceptions]
        raise UsageError(because("explain.no_rule", "no rule '{rule}' in rule set {rs}{hint}", rule=rule_id, rs=rs.id,
                                 hint=suggestion(rule_id, known)))
    return next((r for r in versions if r.in_force.covers(day)), versions[0])


def explain_rule(rs: CompiledRuleSet, rule_id: str, day: dt.date, lang: str = "en") -> dict[str, Any]:
    """Everything about one rule a reviewer needs, as plain data (see `explain_text`)."""
    r = find_rule(rs, rule_id, day, lang)
    labels = _LABELS.get(lang, _LABELS["en"])
    words = wording(lang)
    values = {}
    params = []
    for name in r.params_used:
        p = rs.params[name]
        unit = _param_unit(p)
        value, _cites, decl = p.at(day)
        values[name] = value_words(value, unit, lang) if decl is not None else "?"
        params.append({"name": name, "versions": [{"in_force": period_words(f, lang), "value": value_words(v, unit, lang),
                                                   "citations": [_cite(c, words) for c in cites]}
                                                  for f, v, cites, _ in p.versions]})
    d = r.decl
    scope = _scope_words(d.scope, lang, values) if d.scope is not None else None
    versions = [period_words(v.in_force, lang) for v in ([r] if r.exception_to else rs.rules[r.id])]
    return {
        "rule": r.id, "title": r.title(lang), "ruleset": rs.id, "origin": r.origin,
        "declared_at": f"{Path(d.pos.file).parent.name}/{Path(d.pos.file).name}:{d.pos.line}", "severity": r.severity, "in_force": versions,
        "citations": [_cite(c, words) for c in r.citations],
        "scope": scope or f"{labels['subject']} ({r.root})",
        "when": said(d.when, lang, values) if d.when is not None else None,
        "requires": [said(q, lang, values) for q in d.requires],
        "parameters": params,
        "exception_to": r.exception_to,
        "exceptions": [{"rule": e.id, "title": e.title(lang), "origin": e.origin, "in_force": period_words(e.in_force, lang),
                        "when": said(e.decl.when, lang, values) if e.decl.when is not None else None,
                        "citations": [_cite(c, words) for c in e.citations]} for e in r.exceptions],
        "overrides": r.overrides,
        "note": words.rule_text(r.notes) if r.notes else None,
        "lang": lang,
    }


def _cite_lines(cites: list[dict], indent: str, lang: str = "en") -> list[str]:
    out = []
    for c in cites:
        conf = f" [{Labels(lang).get('confidence.' + c['confidence'], c['confidence'])}]" if c["confidence"] else ""
        out.append(f"{indent}{c['source']}, {c['ref']}{conf}")
        if c["quote"]:
            out.append(f'{indent}  "{c["quote"]}"')
    return out


def explain_text(data: dict[str, Any]) -> str:
    """The explanation as plain text, labels in the explanation's language."""
    lb = _LABELS.get(data["lang"], _LABELS["en"])
    lines = [f"{data['rule']}: {data['title']}",
             f"{lb['set']}: {data['ruleset']}   {lb['declared']}: {data['origin']} ({data['declared_at']})",
             f"{lb['severity']}: {Labels(data['lang'])('severity.' + data['severity'])}   "
             f"{lb['in_force']}: {'; '.join(data['in_force'])}"]
    if data["exception_to"]:
        lines.append(f"{lb['exception_to']}: {data['exception_to']}")
    lines += [f"{lb['law']}:"] + _cite_lines(data["citations"], "  ", data["lang"])
    lines.append(f"{lb['scope']}: {data['scope']}")
    if data["when"]:
        lines.append(f"{lb['when']}: {data['when']}")
    lines += [f"{lb['require']}: {q}" for q in data["requires"]]
    if data["parameters"]:
        lines.append(f"{lb['params']}:")
        for p in data["parameters"]:
            for v in p["versions"]:
                lines.append(f"  {p['name']} = {v['value']} ({lb['in_force'].lower()}: {v['in_force']})")
                lines += _cite_lines(v["citations"], "    ", data["lang"])
    lines.append(f"{lb['exceptions']}: " + ("" if data["exceptions"] else lb["none"]))
    for e in data["exceptions"]:
        lines.append(f"  {e['rule']} ({e['origin']}): {e['title']}")
        if e["when"]:
            lines.append(f"    {lb['when']}: {e['when']}")
        lines += _cite_lines(e["citations"], "    ", data["lang"])
    lines.append(f"{lb['overrides']}: " + (f"{lb['same_rule_of']} {data['overrides']}" if data["overrides"] else lb["none"]))
    if data["note"]:
        lines.append(f"{lb['note']}: {data['note']}")
    return "\n".join(lines) + "\n"
