"""The audit history and the differences between two audits, for `ects history` and `ects diff`: as text and
JSON here, as Markdown and HTML from the templates reports/templates/history/ (English labels)."""
from __future__ import annotations

import json
from typing import Any, Sequence

from engine.render.templated import render_template
from .diff import AuditDiff
from .store import AuditRecord

DIFF_FORMATS = ("text", "json", "md", "html")
CHANGE_HEADINGS = {"appeared": "Appeared", "disappeared": "Disappeared", "changed": "Changed status"}


def when(recorded_at: str) -> str:
    """A recorded time to the minute, e.g. '2026-12-01 22:10 UTC'."""
    return recorded_at[:16].replace("T", " ") + " UTC"


def short(sha: str | None) -> str:
    return sha[:12] if sha else "-"


def history_text(audits: Sequence[AuditRecord]) -> str:
    """One line per audit: id, time, subject, rule set (and its content hash), as-of date, verdict, input hash."""
    if not audits:
        return "no audits recorded\n"
    head = ("id", "recorded", "subject", "rule set", "rules hash", "as of", "verdict", "findings", "input sha-256")
    rows = [(str(a.id), when(a.recorded_at), f"{a.subject_kind} {a.subject_id}", a.ruleset_id, short(a.ruleset_sha256),
             a.as_of, a.verdict, str(a.finding_count), short(a.input_sha256)) for a in audits]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in (head, *rows))


def history_json(audits: Sequence[AuditRecord]) -> str:
    return json.dumps([a.to_dict() for a in audits], ensure_ascii=False, indent=2) + "\n"


def _status(status: str | None) -> str:
    return "(absent)" if status is None else status


def _about(a: AuditRecord) -> str:
    return (f"audit {a.id} of {a.subject_kind} {a.subject_id}, {when(a.recorded_at)}: rule set {a.ruleset_id} "
            f"(rules hash {short(a.ruleset_sha256)}), law as of {a.as_of}, input {short(a.input_sha256)}, "
            f"verdict {a.verdict}")


def diff_context(d: AuditDiff) -> dict[str, Any]:
    """What every format says about a difference: the two audits, the counts, the notes, the changes by kind."""
    data = d.to_dict()
    notes = []
    if d.before.id == d.after.id:
        notes.append(f"both are audit {d.after.id}: no later audit was recorded")
    if (d.before.subject_kind, d.before.subject_id) != (d.after.subject_kind, d.after.subject_id):
        notes.append("the two audits are of different subjects")
    if data["input_changed"]:
        notes.append("the input file differs")
    if data["ruleset_changed"]:
        notes.append("the rule set's text differs")
    elif data["ruleset_changed"] is None:
        notes.append("the earlier audit did not record the rule set's hash")
    if data["as_of_changed"]:
        notes.append(f"the law is applied as of {d.before.as_of}, then {d.after.as_of}")
    groups = [{"kind": k, "heading": CHANGE_HEADINGS[k], "changes": [c for c in data["changes"] if c["change"] == k]}
              for k in CHANGE_HEADINGS]
    return {"before": _about(d.before), "after": _about(d.after), "counts": data["counts"], "notes": notes,
            "groups": [g for g in groups if g["changes"]], "data": data}


def diff_text(d: AuditDiff) -> str:
    c = diff_context(d)
    n = c["counts"]
    lines = [f"From {c['before']}", f"to   {c['after']}",
             f"{n['fixed']} fixed, {n['new']} new; {n['appeared']} appeared, {n['disappeared']} disappeared, "
             f"{n['changed']} changed status"]
    lines += [f"note: {x}" for x in c["notes"]]
    for g in c["groups"]:
        lines += ["", f"{g['heading']} ({len(g['changes'])}):"]
        for ch in g["changes"]:
            lines.append(f"  {ch['rule']} · {ch['subject']['label']} ({ch['severity']}): "
                         f"{_status(ch['status_before'])} -> {_status(ch['status_after'])}")
            lines.append(f"      {ch['message']}")
    if not c["groups"]:
        lines += ["", "no finding appeared, disappeared or changed status"]
    return "\n".join(lines) + "\n"


def render_diff(d: AuditDiff, fmt: str) -> str:
    """A difference in one of DIFF_FORMATS."""
    if fmt == "json":
        return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "text":
        return diff_text(d)
    return render_template(f"history/diff.{fmt}.j2", fmt, "en", diff=diff_context(d))
