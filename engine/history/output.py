"""The audit history and the differences between two audits, for `ects history` and `ects diff`: as text and
JSON here, as Markdown and HTML from the templates reports/templates/history/, every label in the report's
language (catalogue keys history.*). A finding's message is the one recorded in that language, else English."""
from __future__ import annotations

import json
from typing import Any, Sequence

from engine.evaluation.findings import SubjectRef
from engine.render.i18n import Labels, base_language, in_script
from engine.render.templated import render_template
from engine.render.wording import wording
from .diff import AuditDiff, Change
from .store import AuditRecord

DIFF_FORMATS = ("text", "json", "md", "html")
CHANGE_KINDS = ("appeared", "disappeared", "changed")
HISTORY_COLUMNS = ("id", "recorded", "subject", "ruleset", "rules_hash", "as_of", "verdict", "findings", "input")


def when(recorded_at: str) -> str:
    """A recorded time to the minute, e.g. '2026-12-01 22:10 UTC'."""
    return recorded_at[:16].replace("T", " ") + " UTC"


def short(sha: str | None) -> str:
    return sha[:12] if sha else "-"


def _subject(t: Labels, kind: str, subject_id: str) -> str:
    return f"{t.get(f'subject.{kind}', kind)} {subject_id}"


def _verdict(t: Labels, verdict: str) -> str:
    return t.get(f"verdict.{verdict}", verdict)


def history_text(audits: Sequence[AuditRecord], lang: str = "en") -> str:
    """One line per audit: id, time, subject, rule set (and its content hash), as-of date, verdict, input hash."""
    t = Labels(lang)
    if not audits:
        return t("history.none") + "\n"
    head = tuple(t(f"history.col.{c}") for c in HISTORY_COLUMNS)
    rows = [(str(a.id), when(a.recorded_at), _subject(t, a.subject_kind, a.subject_id), a.ruleset_id,
             short(a.ruleset_sha256), wording(lang).date(a.as_of), _verdict(t, a.verdict), str(a.finding_count),
             short(a.input_sha256)) for a in audits]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in (head, *rows))


def history_json(audits: Sequence[AuditRecord]) -> str:
    return json.dumps([a.to_dict() for a in audits], ensure_ascii=False, indent=2) + "\n"


def _about(a: AuditRecord, t: Labels) -> str:
    return t("history.about", id=a.id, subject=_subject(t, a.subject_kind, a.subject_id), time=when(a.recorded_at),
             ruleset=a.ruleset_id, rules_hash=short(a.ruleset_sha256), as_of=wording(t.lang).date(a.as_of),
             input=short(a.input_sha256), verdict=_verdict(t, a.verdict))


def _notes(d: AuditDiff, data: dict[str, Any], t: Labels) -> list[str]:
    notes = []
    if d.before.id == d.after.id:
        notes.append(t("history.note.same_audit", id=d.after.id))
    if (d.before.subject_kind, d.before.subject_id) != (d.after.subject_kind, d.after.subject_id):
        notes.append(t("history.note.other_subject"))
    if data["input_changed"]:
        notes.append(t("history.note.input_changed"))
    if data["ruleset_changed"]:
        notes.append(t("history.note.ruleset_changed"))
    elif data["ruleset_changed"] is None:
        notes.append(t("history.note.no_ruleset_hash"))
    if data["as_of_changed"]:
        day = wording(t.lang).date
        notes.append(t("history.note.as_of", before=day(d.before.as_of), after=day(d.after.as_of)))
    return notes


def _message(c: Change, lang: str) -> str:
    """The finding's message as recorded in the language of `lang` (English when the record has none)."""
    recorded = (c.finding.data or {}).get("messages") or {}
    text = recorded.get(base_language(lang))
    return in_script(lang, text) if text else c.finding.message


def _status(t: Labels, status: str | None) -> str:
    return t(f"status.{status}") if status else t("history.absent")


def _change(c: Change, t: Labels) -> dict[str, Any]:
    """One change as the formats show it, worded: subject, severity, statuses before and after, message."""
    f = c.finding
    subject = wording(t.lang).subject(SubjectRef(f.subject_kind, f.subject_key, f.subject_label))
    return {**c.to_dict(), "subject_words": subject, "severity_words": t(f"severity.{f.severity}"),
            "before_words": _status(t, c.before and c.before.status),
            "after_words": _status(t, c.after and c.after.status), "message": _message(c, t.lang)}


def diff_context(d: AuditDiff, lang: str = "en") -> dict[str, Any]:
    """What every format says about a difference: the two audits, the counts, the notes, the changes by kind."""
    t = Labels(lang)
    data = d.to_dict()
    n = data["counts"]
    groups = [{"kind": k, "heading": t(f"history.change.{k}"), "changes": [_change(c, t) for c in d.of_kind(k)]}
              for k in CHANGE_KINDS]
    return {"title": t("history.diff.title", before=d.before.id, after=d.after.id),
            "before": _about(d.before, t), "after": _about(d.after, t), "counts": n,
            "counts_words": t("history.diff.counts", **n), "notes": _notes(d, data, t),
            "groups": [g for g in groups if g["changes"]], "data": data}


def diff_text(d: AuditDiff, lang: str = "en") -> str:
    t = Labels(lang)
    c = diff_context(d, lang)
    lines = [f"{t('history.diff.from')}: {c['before']}", f"{t('history.diff.to')}: {c['after']}", c["counts_words"]]
    lines += [f"{t('history.diff.note')}: {x}" for x in c["notes"]]
    for g in c["groups"]:
        lines += ["", f"{g['heading']} ({len(g['changes'])}):"]
        for ch in g["changes"]:
            lines.append(f"  {ch['rule']} · {ch['subject_words']} ({ch['severity_words']}): "
                         f"{ch['before_words']} -> {ch['after_words']}")
            lines.append(f"      {ch['message']}")
    if not c["groups"]:
        lines += ["", t("history.diff.no_change")]
    return "\n".join(lines) + "\n"


def render_diff(d: AuditDiff, fmt: str, lang: str = "en") -> str:
    """A difference in one of DIFF_FORMATS, its labels in `lang` (JSON: the language-free data)."""
    if fmt == "json":
        return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "text":
        return diff_text(d, lang)
    return render_template(f"history/diff.{fmt}.j2", fmt, lang, diff=diff_context(d, lang))
