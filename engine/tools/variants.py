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
from engine.evaluation.findings import Report
from engine.ruleset.compiled import CompiledRuleSet


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
        raise UsageError(f"'{name}': the date after @ must be YYYY-MM-DD") from None


def _param_value(rs: CompiledRuleSet, name: str, day: dt.date) -> str | None:
    param = rs.params.get(name)
    if param is None:
        return None
    if param.what_if is not None:
        return f"{param.what_if} (what-if)"
    decl = param.at(day)[2]
    return unparse(decl.value) if decl is not None else None


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


def _programmes(a: Variant, b: Variant, files: Sequence[str | Path]) -> tuple[list[dict], list[dict]]:
    batches = [audit_files(v.ruleset, files, "programme", as_of=v.day) for v in (a, b)]
    unread = {where: error for batch in batches for where, error in batch.not_audited}
    after = {r.input_path: r for r in batches[1].reports}
    rows = []
    for before in batches[0].reports:
        other = after.get(before.input_path)
        if other is None:
            continue
        old, new = _statuses(before), _statuses(other)
        changed = [{"rule": rule, "subject": subject, "before": old.get((rule, subject), "absent"),
                    "after": new.get((rule, subject), "absent")}
                   for rule, subject in dict.fromkeys([*old, *new]) if old.get((rule, subject)) != new.get((rule, subject))]
        rows.append({"id": before.subject_id, "path": before.input_path, "before": before.verdict,
                     "after": other.verdict, "verdict_changes": before.verdict != other.verdict,
                     "findings_changed": changed})
    return rows, [{"location": where, "error": error} for where, error in unread.items()]


def compare_variants(a: Variant, b: Variant, programmes: Sequence[str | Path] = ()) -> dict[str, Any]:
    """The two variants compared: parameters that differ, rules in force in only one, and for each programme
    file its verdict under both and the findings whose status changes."""
    names = sorted(set(a.ruleset.params) | set(b.ruleset.params))
    params = [{"name": n, "before": _param_value(a.ruleset, n, a.day), "after": _param_value(b.ruleset, n, b.day)}
              for n in names]
    in_a, in_b = _rules_in_force(a), _rules_in_force(b)
    rows, unread = _programmes(a, b, programmes) if programmes else ([], [])
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


def variants_text(data: dict[str, Any], md: bool = False) -> str:
    """The comparison as plain text (or Markdown)."""
    a, b = (v["label"] for v in data["variants"])
    head = (lambda t: f"## {t}") if md else (lambda t: t)
    item = "- " if md else "  "
    out = [("# " if md else "") + f"{a} compared with {b}", ""]
    for v in data["variants"]:
        for w in v["what_ifs"]:
            out.append(f"{item}{v['label']}: WHAT-IF {w['name']} = {w['value']} (the rule set: {w['replaces']}), "
                       f"not the law")
    out += ["", head("Parameters that differ"), ""]
    out += [f"{item}{p['name']}: {p['before'] or 'no value'} -> {p['after'] or 'no value'}" for p in data["parameters"]] or [f"{item}none"]
    out += ["", head("Rules in force in one only"), ""]
    out += [f"{item}{r}: only in {a}" for r in data["rules_only_before"]]
    out += [f"{item}{r}: only in {b}" for r in data["rules_only_after"]]
    if not data["rules_only_before"] and not data["rules_only_after"]:
        out.append(f"{item}none")
    if data["programmes"] or data["not_audited"]:
        out += ["", head(f"Programmes ({data['verdicts_changed']} of {len(data['programmes'])} change verdict)"), ""]
        for p in data["programmes"]:
            mark = "CHANGES" if p["verdict_changes"] else "same"
            out.append(f"{item}{p['id']} ({p['path']}): {p['before']} -> {p['after']} [{mark}]")
            out += [f"    - {c['rule']} on {c['subject']}: {c['before']} -> {c['after']}" for c in p["findings_changed"]]
        out += [f"{item}not audited: {x['location']}: {x['error']}" for x in data["not_audited"]]
    return "\n".join(out) + "\n"


__all__ = ["Variant", "split_at", "compare_variants", "variants_text"]
