"""Rule sets side by side (`ects compare`): parameters, what each set does with each rule, verdicts.

`compare_rulesets` returns plain data built from engine.describe; `compare_text` and `compare_md`
render it. With a programme file, each rule's overall verdict under each set is added (the worst
status among its findings, as in rule-set test cases).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from engine.api import audit
from engine.ruleset.compiled import load_ruleset
from engine.tools.describe import describe_ruleset
from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.evaluation.evaluator import Evaluator
from engine.render.comparison_words import confidence_words, period_words, role as role_text, role_parts, role_words
from engine.render.wording import Wording, wording
from engine.subjects.kinds import load_subject

STATUS_RANK = {"fail": 4, "indeterminate": 3, "waived": 2, "pass": 1, "not_applicable": 0}


def _first_cite(cites: list[dict]) -> dict[str, Any]:
    c = cites[0] if cites else {}
    return {"citation": f"{c['source']}, {c['ref']}" if c else None, "confidence": c.get("confidence")}


def _param_cell(p: dict, set_id: str, root: bool) -> dict[str, Any]:
    if p["overrides"]:
        role = role_text("overrides", of=p["overrides"])
    elif p["origin"] == set_id:
        role = role_text("own" if root else "added")
    else:
        role = role_text("inherited", origin=p["origin"])
    return {"value": p["value"], "value_words": p["value_words"], "unit": p["unit"], "in_force": p["in_force"],
            "role": role,
            **_first_cite(p["citations"]),
            "versions": len(p["versions"])}


def _rule_cells(d: dict) -> dict[str, dict[str, Any]]:
    """What one described set does with each rule id: own, added, inherited, overrides, exception, dropped."""
    root = not d["extends"]
    out: dict[str, dict[str, Any]] = {}
    for r in d["rules"]:
        if r["status"] == "added" and root:
            role = role_text("own")
        elif r["status"] == "inherited":
            role = role_text("inherited", origin=r["origin"])
        else:
            role = r["status"]
        out[r["id"]] = {"title": r["title"], "severity": r["severity"], "role": role,
                        "in_force_on_date": r["in_force_on_date"], "in_force": r["in_force"],
                        **_first_cite(r["citations"])}
        for e in r["exceptions"]:
            mine = e["origin"] == d["id"]
            out[e["id"]] = {"title": e["title"], "severity": r["severity"], "in_force_on_date": True, "in_force": None,
                            "role": role_text("exception", of=r["id"]) if mine else
                            role_text("inherited_exception", of=r["id"], origin=e["origin"]),
                            "when": e["when"], **_first_cite(e["citations"])}
    for x in d["dropped"]:
        out[x["id"]] = {"title": None, "severity": None, "role": role_text("dropped", reason=x["reason"]),
                        "in_force_on_date": False,
                        "in_force": None, "citation": None, "confidence": None}
    return out


def _verdicts(names: list[str], programme: str | Path, day: dt.date) -> dict[str, Any]:
    """Each rule's overall status under each set for one programme file."""
    subject = load_subject("programme", programme)
    per_set: dict[str, dict[str, dict[str, Any]]] = {}
    summary: dict[str, Any] = {}
    for name in names:
        rs = load_ruleset(name)
        try:
            report = audit(rs, subject, evaluator=Evaluator(rs, day))
        except UsageError as e:
            summary[rs.id] = {"verdict": "not_in_force", "message": e.message}
            per_set[rs.id] = {}
            continue
        rows: dict[str, dict[str, Any]] = {}
        for f in report.findings:
            cell = rows.setdefault(f.rule, {"status": f.status, "severity": f.severity,
                                            "counts": {s: 0 for s in STATUS_RANK}, "replaces": f.replaces})
            cell["counts"][f.status] += 1
            if STATUS_RANK[f.status] > STATUS_RANK[cell["status"]]:
                cell["status"] = f.status
        for f in report.findings:  # a rule whose every element an exception took over
            if f.replaces and f.replaces not in rows:
                rows[f.replaces] = {"status": "replaced", "severity": None, "counts": {}, "replaces": None,
                                    "by": f.rule}
        per_set[rs.id] = rows
        summary[rs.id] = {"verdict": report.verdict, "summary": report.summary}
    return {"id": subject.view.id, "path": str(programme), "sha256": subject.sha256, "sets": summary, "rules": per_set}


def compare_rulesets(names: list[str], day: dt.date, programme: str | Path | None = None,
                     lang: str = "en") -> dict[str, Any]:
    """Compare rule sets (ids or folders) as of `day`; with a programme file, add every rule's verdict per set."""
    if not names:
        raise UsageError(because("compare.no_ruleset", "name at least one rule set to compare"))
    described = [describe_ruleset(load_ruleset(n), day, lang) for n in names]
    ids = [d["id"] for d in described]
    if len(set(ids)) != len(ids):
        raise UsageError(because("compare.named_twice", "a rule set is named twice: {ids}", ids=", ".join(ids)))
    params: dict[str, dict[str, Any]] = {}
    for d in described:
        for p in d["parameters"]:
            row = params.setdefault(p["name"], {"name": p["name"], "sets": {}})
            row["sets"][d["id"]] = _param_cell(p, d["id"], not d["extends"])
    for row in params.values():
        values = {(c["value"], c["citation"]) for c in row["sets"].values()}
        row["differs"] = len(values) > 1 or len(row["sets"]) < len(ids)
    rules: dict[str, dict[str, Any]] = {}
    for d in described:
        for rid, cell in _rule_cells(d).items():
            row = rules.setdefault(rid, {"id": rid, "title": cell["title"], "sets": {}})
            row["title"] = row["title"] or cell["title"]
            row["sets"][d["id"]] = cell
    data: dict[str, Any] = {
        "as_of": day.isoformat(),
        "sets": [{"id": d["id"], "title": d["title"], "extends": d["extends"], "chain": d["chain"],
                  "in_force": d["in_force"], "jurisdiction": d["jurisdiction"],
                  "weak_citations": len(d["weak_citations"])} for d in described],
        "parameters": list(params.values()),
        "rules": list(rules.values()),
        "programme": None,
    }
    if programme is not None:
        data["programme"] = _verdicts(names, programme, day)
        for rid in (r for rows in data["programme"]["rules"].values() for r in rows):
            rules.setdefault(rid, {"id": rid, "title": None, "sets": {}})
        data["rules"] = list(rules.values())
    return data


# ---- rendering -----------------------------------------------------------------------------------

def _param_text(cell: dict | None, w: Wording) -> str:
    if cell is None:
        return "-"
    value = cell["value_words"] if cell["value"] is not None else w.t("compare.no_value")
    key, _ = role_parts(cell["role"])
    conf = f" [{confidence_words(cell['confidence'], w)}]" if cell["confidence"] else ""
    return f"{value}{conf}" + ("" if key in ("own", "inherited") else f" ({role_words(cell['role'], w, True)})")


def _rule_text(cell: dict | None, w: Wording) -> str:
    if cell is None:
        return "-"
    role = role_words(cell["role"], w, short=True)
    if role_parts(cell["role"])[0] == "dropped":
        return role
    sev = f"{w.t('severity.' + cell['severity'])}, " if cell["severity"] else ""
    flag = "" if cell["in_force_on_date"] else ", " + w.t("compare.not_in_force")
    return f"{role} ({sev}{confidence_words(cell['confidence'], w) or w.t('compare.no_citation')}{flag})"


def _status(status: str, w: Wording) -> str:
    return w.t.get(f"compare.status.{status}", status)


def _verdict_text(cell: dict | None, w: Wording) -> str:
    if cell is None:
        return "-"
    if cell["status"] == "replaced":
        return w.t("compare.replaced", by=cell["by"])
    c = cell["counts"]
    if cell["status"] in ("fail", "indeterminate") and sum(c.values()) > 1:
        return w.t("compare.count", status=_status(cell["status"], w), n=w.number(c[cell["status"]]),
                   total=w.number(sum(c.values())))
    return _status(cell["status"], w)


def _table(header: list[str], rows: list[list[str]], md: bool) -> list[str]:
    if md:
        esc = [[x.replace("|", "\\|") for x in r] for r in [header] + rows]
        out = ["| " + " | ".join(esc[0]) + " |", "|" + "|".join("---" for _ in header) + "|"]
        return out + ["| " + " | ".join(r) + " |" for r in esc[1:]]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    fmt = lambda r: "  ".join(x.ljust(w) for x, w in zip(r, widths)).rstrip()  # noqa: E731
    return [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]


def _render(data: dict[str, Any], md: bool, lang: str) -> str:
    w = wording(lang)
    t = w.t
    ids = [s["id"] for s in data["sets"]]
    h = (lambda x: f"## {x}") if md else (lambda x: x)
    item = "- " if md else "  "
    out = [("# " if md else "") + t("compare.title", date=w.date(data["as_of"]), ids=", ".join(ids)), ""]
    for s in data["sets"]:
        ext = t("compare.extends", chain=" -> ".join(s["chain"][:-1])) if s["extends"] else ""
        out.append(item + t("compare.set", id=s["id"], title=s["title"], in_force=period_words(s["in_force"], w),
                            extends=ext, weak=w.number(s["weak_citations"])))
    out += ["", h(t("compare.parameters")), ""]
    out += _table([t("compare.col.parameter")] + ids, [[p["name"]] + [_param_text(p["sets"].get(i), w) for i in ids]
                                                       for p in data["parameters"]], md)
    out += ["", h(t("compare.citations")), ""]
    for p in data["parameters"]:
        if not p["differs"]:
            continue
        for i in ids:
            c = p["sets"].get(i)
            if c and c["citation"]:
                out.append(f"{item}{p['name']} / {i}: {c['citation']}")
    out += ["", h(t("compare.rules")), ""]
    out += _table([t("compare.col.rule")] + ids, [[r["id"]] + [_rule_text(r["sets"].get(i), w) for i in ids]
                                                  for r in data["rules"]], md)
    prog = data["programme"]
    if prog:
        out += ["", h(t("compare.verdicts", id=prog["id"], path=prog["path"])), ""]
        verdict_rows = [[r["id"]] + [_verdict_text(prog["rules"].get(i, {}).get(r["id"]), w) for i in ids]
                        for r in data["rules"] if any(r["id"] in prog["rules"].get(i, {}) for i in ids)]
        verdict_rows.append([t("compare.verdict_row")] + [_status(prog["sets"][i]["verdict"], w) for i in ids])
        out += _table([t("compare.col.rule")] + ids, verdict_rows, md)
        out += [f"{item}{i}: {prog['sets'][i]['message']}" for i in ids
                if prog["sets"][i]["verdict"] == "not_in_force"]
    return "\n".join(out) + "\n"


def compare_text(data: dict[str, Any], lang: str = "en") -> str:
    """The comparison as plain-text tables, in the language `lang`."""
    return _render(data, md=False, lang=lang)


def compare_md(data: dict[str, Any], lang: str = "en") -> str:
    """The comparison as Markdown tables, in the language `lang`."""
    return _render(data, md=True, lang=lang)
