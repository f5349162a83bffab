"""A compact JSON report (engine.render.json_compact) with what it gives once put back where each finding
reads it: for a script that wants each problem whole without looking things up. `expand_compact` works on
the parsed JSON (a dict), so it serves any reader of the report, not only this program."""
from __future__ import annotations

from typing import Any

from .json_compact import KEY


def expand_compact(report: dict[str, Any]) -> dict[str, Any]:
    """The report with every reference of the compact form resolved, as a new dict: each problem's `trace`
    as the steps themselves (not their ids in `steps`) and its `subject_ref.label` (its `subject` where it
    gives none); each `passed` rule's `subjects` worded (from `subject` and `keys`); each source's
    `source` (its document's title, in `documents`) and `quote` and `quotes` (those of the source its
    `same_quote_as` names). `steps` and `documents` are then left out. A report in the full form (`show`
    `all`), which has no `steps`, is given back as it is."""
    if "steps" not in report:
        return report
    steps = {s["id"]: {k: v for k, v in s.items() if k != "id"} for s in report["steps"]}
    out = {k: v for k, v in report.items() if k not in ("steps", "documents")}
    out["findings"] = [_finding(f, steps) for f in report["findings"]]
    out["passed"] = [_passed(g) for g in report.get("passed", ())]
    out["sources"] = _sources(report.get("sources", ()), report.get("documents", ()))
    return out


def _finding(f: dict[str, Any], steps: dict[str, dict]) -> dict[str, Any]:
    d = dict(f)
    if "trace" in d:
        d["trace"] = [dict(steps[i]) for i in d["trace"]]
    if "subject_ref" in d:
        d["subject_ref"] = {"label": d["subject"], **d["subject_ref"]}
    return d


def _passed(group: dict[str, Any]) -> dict[str, Any]:
    if "keys" not in group:
        return dict(group)
    d = {k: v for k, v in group.items() if k not in ("subject", "keys")}
    d["subjects"] = [group["subject"].replace(KEY, str(key)) for key in group["keys"]]
    return d


def _sources(sources: Any, documents: Any) -> list[dict[str, Any]]:
    titles = {d["source_id"]: d["source"] for d in documents}
    by_id = {s["id"]: s for s in sources}
    out = []
    for s in sources:
        d = {"source": titles.get(s.get("source_id")), **s}
        quoted = by_id.get(d.pop("same_quote_as", None))
        if quoted is not None:
            d["quote"] = quoted["quote"]
            if "quotes" in quoted:
                d["quotes"] = quoted["quotes"]
        out.append(d)
    return out


__all__ = ["expand_compact"]
