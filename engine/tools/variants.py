"""One rule set in two states, compared (`ects compare SET@DATE SET@DATE`, `ects compare SET --set ...`).

A variant is a compiled rule set (perhaps with what-if values, engine.ruleset.whatif) read on a day.
The comparison lists the parameters whose value differs, the rules in force in one and not the other,
and, for programme files, each programme's verdict under both and every finding whose status changes:
the question a ministry drafting a change asks ("which programmes would this break?").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from engine.api import audit_files
from engine.dsl.unparse import unparse
from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.evaluation.findings import Report
from engine.ruleset.compiled import CompiledRuleSet
from engine.render.wording import Wording, wording
from engine.tools.describe import param_unit, param_words


@dataclass(frozen=True)
class Variant:
    """A rule set read on one day; `label` names it in the comparison ('ects_guide_2015@2024-01-01')."""

    label: str
    ruleset: CompiledRuleSet
    day: dt.date


def split_at(name: str) -> tuple[str, dt.date | None]:
    """'SET@2024-01-01' -> ('SET', date); 'SET' -> ('SET', None); a one-line usage error for a bad date."""
    base, sep, day = name.rpartition("@")
    if not sep:
        return name, None
    try:
        return base, dt.date.fromisoformat(day)
    except ValueError:
        raise UsageError(because("compare.at_date", "'{name}': the date after @ must be YYYY-MM-DD", name=name)) from None


def _param_value(rs: CompiledRuleSet, name: str, day: dt.date) -> str | None:
    param = rs.params.get(name)
    if param is None:
        return None
    if param.what_if is not None:
        return f"{param.what_if} (what-if)"
    decl = param.at(day)[2]
    return unparse(decl.value) if decl is not None else None


def _param_words(rs: CompiledRuleSet, name: str, day: dt.date, w: Wording) -> str | None:
    """The parameter's value on `day` in the reader's words ('60 ESPB bodova'; a what-if value marked)."""
    param = rs.params.get(name)
    if param is None or (param.what_if is None and param.at(day)[2] is None):
        return None
    words = param_words(param.at(day)[0], param_unit(param), w)
    return words + (f" ({w.t('variants.what_if_mark')})" if param.what_if is not None else "")


def _rules_in_force(v: Variant) -> set[str]:
    roots = {r.root for versions in v.ruleset.rules.values() for r in versions}
    return {r.id for root in roots for r in v.ruleset.rules_in_force(root, v.day)}


def _statuses(report: Report) -> dict[tuple, str]:
    """Each finding's status by (rule, subject); findings of one rule on one subject are joined."""
    out: dict[tuple, str] = {}
    for f in report.findings:
        key = (f.rule, f.subject)
        out[key] = f"{out[key]}+{f.status}" if key in out else f.status
    return out


def _programmes(a: Variant, b: Variant, files: Sequence[str | Path], w: Wording) -> tuple[list[dict], list[dict]]:
    batches = [audit_files(v.ruleset, files, "programme", as_of=v.day) for v in (a, b)]
    unread = {where: error for batch in batches for where, error in batch.not_audited}
    after = {r.input_path: r for r in batches[1].reports}
    rows = []
    for before in batches[0].reports:
        other = after.get(before.input_path)
        if other is None:
            continue
        old, new = _statuses(before), _statuses(other)
        refs = {(f.rule, f.subject): f.subject_ref for r in (before, other) for f in r.findings}
        changed = [{"rule": rule, "subject": subject, "subject_words": w.subject(refs[rule, subject]),
                    "before": old.get((rule, subject), "absent"), "after": new.get((rule, subject), "absent")}
                   for rule, subject in dict.fromkeys([*old, *new]) if old.get((rule, subject)) != new.get((rule, subject))]
        rows.append({"id": before.subject_id, "path": before.input_path, "before": before.verdict,
                     "after": other.verdict, "verdict_changes": before.verdict != other.verdict,
                     "findings_changed": changed})
    return rows, [{"location": where, "error": error} for where, error in unread.items()]


def compare_variants(a: Variant, b: Variant, programmes: Sequence[str | Path] = (), lang: str = "en") -> dict[str, Any]:
    """The two variants compared: parameters that differ (`before`/`after` as the rule language writes them,
    `before_words`/`after_words` in `lang`), rules in force in only one, and for each programme file its
    verdict under both and the findings whose status changes."""
    w = wording(lang)
    names = sorted(set(a.ruleset.params) | set(b.ruleset.params))
    params = [{"name": n, "before": _param_value(a.ruleset, n, a.day), "after": _param_value(b.ruleset, n, b.day),
               "before_words": _param_words(a.ruleset, n, a.day, w),
               "after_words": _param_words(b.ruleset, n, b.day, w)}
              for n in names]
    in_a, in_b = _rules_in_force(a), _rules_in_force(b)
    rows, unread = _programmes(a, b, programmes, w) if programmes else ([], [])
    return {
        "variants": [{"label": v.label, "ruleset": v.ruleset.id, "as_of": v.day.isoformat(),
                      "what_ifs": [w.to_dict() for w in v.ruleset.what_ifs]} for v in (a, b)],
        "parameters": [p for p in params if p["before"] != p["after"]],
        "rules_only_before": sorted(in_a - in_b),
        "rules_only_after": sorted(in_b - in_a),
        "programmes": rows,
        "verdicts_changed": sum(1 for r in rows if r["verdict_changes"]),
        "not_audited": unread,
    }


def _statuses_words(status: str, w: Wording) -> str:
    """'fail+pass' (the statuses of one rule's findings on one subject) in words."""
    return "+".join(w.t.get(f"compare.status.{x}", x) for x in status.split("+"))


def variants_text(data: dict[str, Any], md: bool = False, lang: str = "en") -> str:
    """The comparison as plain text (or Markdown), in `lang`."""
    w = wording(lang)
    t = w.t
    a, b = (v["label"] for v in data["variants"])
    head = (lambda x: f"## {x}") if md else (lambda x: x)
    item = "- " if md else "  "
    none = t("word.none")
    out = [("# " if md else "") + t("variants.title", a=a, b=b), ""]
    for v in data["variants"]:
        for x in v["what_ifs"]:
            out.append(item + t("variants.what_if", label=v["label"], name=x["name"], value=x["value"],
                                replaces=x["replaces"]))
    out += ["", head(t("variants.parameters")), ""]
    out += [item + p["name"] + ": " + (p["before_words"] or t("variants.no_value")) + " -> "
            + (p["after_words"] or t("variants.no_value")) for p in data["parameters"]] or [f"{item}{none}"]
    out += ["", head(t("variants.rules_only")), ""]
    out += [f"{item}{r}: " + t("variants.only_in", label=a) for r in data["rules_only_before"]]
    out += [f"{item}{r}: " + t("variants.only_in", label=b) for r in data["rules_only_after"]]
    if not data["rules_only_before"] and not data["rules_only_after"]:
        out.append(f"{item}{none}")
    if data["programmes"] or data["not_audited"]:
        out += ["", head(t("variants.programmes", n=w.number(data["verdicts_changed"]),
                           total=w.number(len(data["programmes"])))), ""]
        for p in data["programmes"]:
            mark = t("variants.changes" if p["verdict_changes"] else "variants.same")
            out.append(f"{item}{p['id']} ({p['path']}): {_statuses_words(p['before'], w)} -> "
                       f"{_statuses_words(p['after'], w)} [{mark}]")
            out += ["    - " + t("variants.finding", rule=c["rule"], subject=c["subject_words"]) + ": "
                    f"{_statuses_words(c['before'], w)} -> {_statuses_words(c['after'], w)}"
                    for c in p["findings_changed"]]
        out += [item + t("variants.not_audited", location=x["location"], error=x["error"]) for x in data["not_audited"]]
    return "\n".join(out) + "\n"


__all__ = ["Variant", "split_at", "compare_variants", "variants_text"]
