"""A rule set described for people: sources, parameters (with dated values), rules, citations."""
from __future__ import annotations

import datetime as dt
from typing import Any

from engine.ruleset.compiled import CompiledRuleSet
from engine.dsl.unparse import unit_text
from engine.grades.declared import describe_scales
from engine.dsl.ast import in_languages
from engine.render.comparison_words import confidence_words, period_words, role_words
from engine.render.wording import Wording, format_value, wording

WEAK = ("secondary", "seed_only", "unverified", "derived")


def _cite(cited, words: Wording) -> dict[str, Any]:
    c = words.citation(cited)  # the source's title and the article text in the reader's language
    d = {"source": c.source_title, "ref": c.ref, "quote": c.quote, "confidence": c.confidence}
    if c.quotes:
        d["quotes"] = dict(c.quotes)  # the original-language texts, e.g. {"sr": "..."}
        if getattr(c, "language", None):
            d["language"] = c.language  # the source's language: its text in `quotes` is shown first
    if c.unofficial_translation:
        d["unofficial_translation"] = True
    return d


def _order(v):
    return (0, v, "") if isinstance(v, (int, float)) else (1, 0, str(v))


def param_text(value, unit: str | None) -> str:
    return format_value(value, None) + unit_text(unit) if not isinstance(value, (frozenset, set)) else \
        "{" + ", ".join(format_value(v) + unit_text(unit) for v in sorted(value, key=_order)) + "}"


def param_unit(p) -> str | None:
    """The unit of a compiled parameter's values (of its items, for a set)."""
    return p.type.unit if p.type.kind != "set" else (p.type.item.unit if p.type.item else None)


def param_words(value, unit: str | None, words: Wording) -> str:
    """param_text in the reader's language ('60 ESPB bodova'): the same text in English."""
    if isinstance(value, (frozenset, set)):
        return "{" + ", ".join(words.value(v, unit) for v in sorted(value, key=_order)) + "}"
    return words.value(value, unit)


def describe_ruleset(rs: CompiledRuleSet, day: dt.date, lang: str = "en") -> dict[str, Any]:
    """Everything a reviewer needs to read a rule set, as plain data (used by `rules show` and `compare`);
    the rule files' texts (titles, notes, sources, articles, reasons, version) in `lang`, English where
    the rule file has no translation (marked as such)."""
    c = rs.composed
    h = c.header
    w = wording(lang)

    def said(english: str | None, others: dict[str, str]) -> str | None:
        return w.rule_text(in_languages(english, others)) if english is not None else None

    params = []
    for name, p in rs.params.items():
        unit = param_unit(p)
        value, cites, decl = p.at(day)
        params.append({
            "name": name,
            "value": param_text(value, unit) if decl is not None else None,
            "value_words": param_words(value, unit, w) if decl is not None else None,
            "unit": unit,
            "in_force": decl.in_force.describe() if decl is not None else None,
            "versions": [{"in_force": f.describe(), "value": param_text(v, unit),
                          "value_words": param_words(v, unit, w),
                          "citations": [_cite(x, w) for x in ci]} for f, v, ci, _ in p.versions],
            "citations": [_cite(x, w) for x in cites],
            "origin": p.origin,
            "overrides": p.overrides,
            "note": said(decl.note, decl.notes) if decl is not None else None,
        })
    rules = []
    for rid, versions in rs.rules.items():
        in_force = [r for r in versions if r.in_force.covers(day)]
        r = in_force[0] if in_force else versions[0]
        rules.append({
            "id": rid,
            "title": w.text(r.titles, r.id),
            "severity": r.severity,
            "subject": r.root + (f" / each {r.scope_var}" if r.scope_var else ""),
            "in_force": r.in_force.describe(),
            "in_force_on_date": bool(in_force),
            "origin": r.origin,
            "status": "overrides " + r.overrides if r.overrides else ("added" if r.origin == rs.id else "inherited"),
            "citations": [_cite(x, w) for x in r.citations],
            "exceptions": [{"id": e.id, "title": w.text(e.titles, e.id), "when": e.when_text, "origin": e.origin,
                            "citations": [_cite(x, w) for x in e.citations]} for e in r.exceptions],
            "charts": [c.text for c in r.charts],
            "note": w.rule_text(r.notes) if r.notes else None,
        })
    dropped = [{"id": name, "reason": said(d.decl.reason, d.decl.reasons), "dropped_by": d.origin, "from": d.rule_origin}
               for name, d in c.dropped.items()]
    scales = describe_scales(c)
    for ci in (ci for sc in scales for ci in sc["citations"]):  # the source's title and the article in `lang`
        src = c.sources[ci["source_id"]][0]
        ci["source"] = said(src.title, src.titles)
        ci["ref"] = said(ci["ref"], ci.pop("refs", {}))
    weak = [{"what": f"scale {sc['name']}", **ci} for sc in scales for ci in sc["citations"] if ci["confidence"] in WEAK]
    for p in params:
        for v in p["versions"]:
            for ci in v["citations"]:
                if ci["confidence"] in WEAK:
                    weak.append({"what": f"parameter {p['name']}", **ci})
    for r in rules:
        for ci in r["citations"]:
            if ci["confidence"] in WEAK:
                weak.append({"what": f"rule {r['id']}", **ci})
        for e in r["exceptions"]:
            for ci in e["citations"]:
                if ci["confidence"] in WEAK:
                    weak.append({"what": f"exception {e['id']}", **ci})
    return {
        "id": rs.id, "title": w.text(h.titles, c.title), "titles": h.titles,
        "jurisdiction": said(h.jurisdiction, h.jurisdictions), "version": said(h.version, h.versions),
        "in_force": h.in_force.describe(), "in_force_on_date": h.in_force.covers(day), "extends": h.extends, "chain": c.chain, "as_of": day.isoformat(),
        "note": said(h.note, h.notes),
        "sources": [{"id": n, "title": said(s.title, s.titles), "confidence": s.confidence, "url": s.url, "origin": o}
                    for n, (s, o) in c.sources.items()],
        "parameters": params, "scales": scales, "rules": rules, "dropped": dropped, "weak_citations": weak,
    }


def _cites(c: dict, w: Wording) -> str:
    conf = f" [{confidence_words(c['confidence'], w)}]" if c["confidence"] else ""
    return "      " + w.t("show.cites", source=c["source"], ref=c["ref"]) + conf


def subject_words(subject: str, w: Wording) -> str:
    """'programme / each term' (a rule's subject) in words: the root and the scope variable as nouns."""
    root, _, each = subject.partition(" / each ")
    if w.lang == "en":
        return subject
    return w.sentences.noun(root) + (" / " + w.t("show.each", noun=w.sentences.noun(each)) if each else "")


def status_words(status: str, w: Wording) -> str:
    """A rule's status in the set ('added', 'inherited', 'overrides ects_guide_2015') in words."""
    return role_words(status, w) if status.startswith("overrides ") else w.t.get(f"show.status.{status}", status)


def what_words(what: str, w: Wording) -> str:
    """What a weak citation belongs to ('rule year_credits', a weak_citations 'what') in words."""
    kind, _, name = what.partition(" ")
    return w.t(f"show.what.{kind}", name=name)


def describe_text(d: dict[str, Any], lang: str = "en") -> str:
    """`rules show` as text, its headings and labels in `lang` (the data's texts are already in it)."""
    w = wording(lang)
    t = w.t
    as_of = w.date(d["as_of"])
    out = [f"{d['id']}: {d['title']}"]
    if d["jurisdiction"]:
        out.append("  " + t("show.jurisdiction", text=d["jurisdiction"]))
    if d["version"]:
        out.append("  " + t("show.version", text=d["version"]))
    out.append("  " + t("show.in_force", period=period_words(d["in_force"], w), date=as_of))
    if not d.get("in_force_on_date", True):
        out.append("  " + t("show.not_in_force", date=as_of))
    if d["extends"]:
        out.append("  " + t("show.extends", chain=" -> ".join(d["chain"])))
    out.append("")
    out.append(t("show.sources"))
    for s in d["sources"]:
        out.append(f"  {s['id']:<14} {s['title']}" + (f" [{confidence_words(s['confidence'], w)}]" if s["confidence"] else ""))
    out.append("")
    out.append(t("show.parameters"))
    for p in d["parameters"]:
        origin = " (" + t("compare.role.overrides", of=p["overrides"]) + ")" if p["overrides"] else (
            "" if p["origin"] == d["id"] else " (" + t("show.from", origin=p["origin"]) + ")")
        value = p["value_words"] if p["value"] is not None else t("compare.no_value")
        out.append(f"  {p['name']} = {value}{origin}")
        if len(p["versions"]) > 1:
            for v in p["versions"]:
                out.append(f"      {v['value_words']}  "
                           + t("show.version_in_force", period=period_words(v["in_force"], w)))
        out += [_cites(c, w) for c in p["citations"]]
    if d.get("scales"):
        out.append("")
        out.append(t("show.scales"))
        for sc in d["scales"]:
            origin = "" if sc["origin"] == d["id"] else " (" + t("show.from", origin=sc["origin"]) + ")"
            grades = t("show.grades_range", low=w.number(sc["grades"][0]), high=w.number(sc["grades"][-1])) \
                if sc["numeric"] else ", ".join(str(g) for g in sc["grades"])
            method = t.get(f"show.letters.{sc['letters']}", sc["letters"]) if sc["letters"] else None
            letters = ", " + t("show.letters", method=method) if method else ""
            pass_mark = w.number(sc["pass_mark"]) if isinstance(sc["pass_mark"], (int, float)) else sc["pass_mark"]
            out.append(f"  {sc['name']}: {grades}, " + t("show.pass_mark", mark=pass_mark) + f"{letters}{origin}")
            if sc["points"]:
                out.append("      " + t("show.points") + " " + ", ".join(
                    f"{w.number(p['points'][0])}-{w.number(p['points'][1])} = {p['grade']}" for p in sc["points"]))
            out += [_cites(c, w) for c in sc["citations"]]
    out.append("")
    out.append(t("show.rules"))
    for r in d["rules"]:
        flag = "" if r["in_force_on_date"] else "  (" + t("show.rule_not_in_force", date=as_of,
                                                                period=period_words(r["in_force"], w)) + ")"
        out.append(f"  {r['id']} [{t('severity.' + r['severity'])}, {status_words(r['status'], w)}] {r['title']}{flag}")
        out.append("      " + t("show.checks", subject=subject_words(r["subject"], w)))
        out += [_cites(c, w) for c in r["citations"]]
        for e in r["exceptions"]:
            # English keeps the condition in the rule language, as before; other languages say it in words
            when = e["when"] if w.lang == "en" else w.sentences.expr(e["when"]) or e["when"]
            out.append("      " + t("show.exception", id=e["id"], when=when, title=e["title"]))
    if d["dropped"]:
        out.append("")
        out.append(t("show.dropped"))
        for x in d["dropped"]:
            out.append(f"  {x['id']} (" + t("show.from", origin=x["from"]) + f"): {x['reason']}")
    if d["weak_citations"]:
        out.append("")
        out.append(t("show.weak"))
        for c in d["weak_citations"]:
            conf = confidence_words(c["confidence"], w)
            out.append(f"  {what_words(c['what'], w)}: {c['source']}, {c['ref']} [{conf}]")
    return "\n".join(out) + "\n"
