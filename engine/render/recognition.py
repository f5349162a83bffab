"""The recognition for people: a section under the text report, and the Proof of Recognition document.

The Greek Ministerial Decision on ECTS names the "Proof of Recognition" the home institution issues
after a mobility, certifying the recognition and transfer of the credits passed abroad. The document
here is a draft of it in Markdown, built from the recognition data (engine.recognition) and the
audit's verdict; it is for the examination board to check and sign, not a decision itself.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.evaluation.findings import Report
from engine.semantics.reasons import reason_from_data
from .i18n import Labels
from .wording import finding_text, wording

if TYPE_CHECKING:  # pragma: no cover - a name in annotations only: a programme's report does not load the transfer model
    from engine.subjects.transfer.model import TransferFile


def _c(x, lang: str = "en") -> str:
    return "?" if x is None else wording(lang).number(x) if isinstance(x, (int, float)) and not isinstance(x, bool) \
        else str(x)


def _earned(rec: dict, lang: str) -> str:
    """The credits earned abroad: the figure, or its possible values while a result is not known ('6 or 21')."""
    possible = rec.get("credits_earned_possible")
    if rec.get("credits_earned") is None and possible:
        return f" {Labels(lang)('word.or')} ".join(_c(x, lang) for x in possible)
    return _c(rec.get("credits_earned"), lang)


def _said(lang: str, part: dict | None, text: str) -> str:
    """A reason or note of the recognition data in `lang` (its English `text` where it carries no data)."""
    return wording(lang).reason(reason_from_data(part)) if part else text


def _reasons(line: dict, lang: str) -> list[str]:
    reasons = line.get("reasons") or []
    parts = line.get("reason_parts") or [None] * len(reasons)
    return [_said(lang, p, r) for p, r in zip(parts, reasons)]


def _notes(rec: dict, lang: str) -> list[str]:
    notes = rec.get("notes") or []
    parts = rec.get("note_parts") or [None] * len(notes)
    return [_said(lang, p, n) for p, n in zip(parts, notes)]


def _name(code, title) -> str:
    return f"{code} {title}" if code and title else (code or title or "?")


def worded_recognition(rec: Any, lang: str = "en") -> Any:
    """The recognition data as the HTML and Markdown templates show it in `lang`: its reasons and notes worded
    in that language, numbers and the decision's date written as the locale writes them. Data of another
    shape is left as it is (the templates show any data)."""
    lines = rec.get("lines") if isinstance(rec, dict) else None
    if not isinstance(lines, list) or not all(isinstance(x, dict) for x in lines):
        return rec
    w = wording(lang)
    lines = [{**line, "reasons": _reasons(line, lang), "credits": _c(line.get("credits"), lang),
              "credits_recognised": _c(line.get("credits_recognised"), lang),
              "converted_grade": None if line.get("converted_grade") is None else _c(line["converted_grade"], lang),
              "from": [{**s, "credits": _c(s.get("credits"), lang), "grade": _c(s.get("grade"), lang)}
                       for s in line.get("from", []) if isinstance(s, dict)]} for line in lines]
    grades = dict(rec.get("grades") or {})
    if grades.get("note"):
        grades["note"] = _said(lang, grades.get("note_part"), grades["note"])
    date = rec.get("date")
    return {**rec, "lines": lines, "notes": _notes(rec, lang), "grades": grades,
            "credits_to_recognise": _c(rec.get("credits_to_recognise"), lang),
            "credits_claimed": _c(rec.get("credits_claimed"), lang), "credits_earned": _earned(rec, lang),
            "date": w.date(date) if isinstance(date, str) and date else date}


def recognition_text(rec: dict[str, Any], lang: str = "en") -> str:
    """The recognition as a plain-text section (appended to the text report), in `lang`; the reasons
    and notes are the recognition data's own."""
    L = Labels(lang)
    head = L("extra.recognition") + (f" ({L('recognition.text.decision_of', date=wording(lang).date(rec['date']))})"
                                     if rec.get("date") else "")
    if rec["decision"] == "none":
        head += f" - {L('recognition.text.proposal')}"
    out = ["", f"{head}:",
           f"  {L('recognition.to_recognise')}: {_c(rec['credits_to_recognise'], lang)} "
           + L("recognition.text.claimed_earned", claimed=_c(rec.get("credits_claimed"), lang), earned=_earned(rec, lang))]
    for line in rec["lines"]:
        mark = L(f"recognition.status.{line['status']}")  # recognised, not recognised, partly recognised
        srcs = ", ".join(L("recognition.text.source", code=s["code"], credits=_c(s["credits"], lang), grade=_c(s["grade"], lang))
                         for s in line["from"]) or L("none")
        grade = f", {L('recognition.grade').lower()} {_c(line['converted_grade'], lang)}" \
            if line.get("converted_grade") is not None else ""
        out.append(f"  [{mark}] " + L("recognition.text.line", name=_name(line["code"], line["title"]),
                                      credits=_c(line["credits"], lang), grade=grade, sources=srcs))
        for reason in _reasons(line, lang):
            out.append(f"        {mark}: {reason}")
    if rec["not_recognised"]:
        out.append(f"  {L('proof.not_recognised')}:")
        for n in rec["not_recognised"]:
            out.append(f"    - {_name(n['code'], n['title'])} ({_c(n['credits'], lang)} {L('recognition.credits').lower()}): "
                       f"{_said(lang, n.get('reason_part'), n['reason'])}")
    for note in _notes(rec, lang):
        out.append(f"  {L('note')}: {note}")
    g = rec.get("grades") or {}
    if g.get("converted"):
        out.append(f"  {L('recognition.text.conversion', policy=g['policy'])}:")
        for c in g["conversions"]:
            code = c.get("home_code")
            out.append("    - " + L("recognition.text.converted" if code else "recognition.text.suggested",
                                     source=c["source"], grade=_c(c["grade"], lang), result=_c(c["result"], lang),
                                     code=code, recorded=_c(c["recorded"], lang)))
    else:
        note = _said(lang, g.get("note_part"), g.get("note")) if g.get("note") else L("recognition.text.not_converted")
        out.append(f"  {L('recognition.text.grades')}: {note}")
        skipped = g.get("skipped") or []
        for text, part in zip(skipped, g.get("skipped_parts") or [None] * len(skipped)):
            out.append(f"    - {_said(lang, part, text)}")
    return "\n".join(out) + "\n"


def proof_of_recognition(report: Report, t: TransferFile, lang: str = "en") -> str:
    """A draft Proof of Recognition (Markdown) for one audited transfer. In Greek or Serbian the
    document is bilingual, the English text following (the Greek decision asks for both languages)."""
    text = _proof(report, t, lang)
    return text if lang == "en" else text + "\n---\n\n" + _proof(report, t, "en")


def _proof(report: Report, t: TransferFile, lang: str) -> str:
    L = Labels(lang)
    w = wording(lang)
    rec = report.recognition.to_dict()
    home = t.home.institution.name if t.home else L("proof.the_home")
    host = t.host.institution.name if t.host else L("proof.the_host")
    student = t.student.name if t.student and t.student.name else L("proof.the_student")
    period = f"{w.date(t.period.start)} – {w.date(t.period.end)}" if t.period and t.period.start and t.period.end \
        else L("proof.the_period")
    decided = L("proof.by_decision", date=w.date(rec["date"])) if rec.get("date") else ""
    out = [
        f"# {L('proof.title')}", "",
        f"- **{L('proof.case')}:** {t.id}" + (f" - {t.title}" if t.title else ""),
        f"- **{L('proof.student')}:** {student}" + (f" ({t.student.id})" if t.student and t.student.id else ""),
        f"- **{L('proof.home')}:** {home}", f"- **{L('proof.host')}:** {host}",
        f"- **{L('proof.period')}:** {period}",
        f"- **{L('proof.checked')}:** {w.text(report.ruleset_titles, report.ruleset_title)} ({report.ruleset_id}), "
        f"{L('as_of')} {w.date(report.as_of)}{L('word.semicolon')}"
        f"{L('verdict')}: {L('verdict.' + report.verdict)}",
        "",
        (L("proof.certifies", home=home, student=student, host=host) + decided).rstrip(".") + ".",
        "",
        f"| {L('recognition.home_component')} | {L('recognition.credits')} | {L('recognition.grade')} "
        f"| {L('recognition.from')} | {L('recognition.status')} |",
        "| --- | --- | --- | --- | --- |",
    ]
    for line in rec["lines"]:
        srcs = ", ".join(s["code"] for s in line["from"]) or "-"
        status = L.get("recognition.status." + line["status"], line["status"])
        if line["reasons"]:
            status += ": " + L("word.semicolon").join(_reasons(line, lang))
        out.append(f"| {_name(line['code'], line['title'])} | {_c(line['credits'], lang)} | {_c(line.get('converted_grade'), lang)} "
                   f"| {srcs} | {status} |")
    if not rec["lines"]:
        out.append(f"| ({L('proof.no_decision')}) | | | | |")
    out += ["", f"**{L('proof.total')}:** {_c(rec['credits_to_recognise'], lang)} "
                f"({L('proof.earned')}: {_earned(rec, lang)})", ""]
    if rec["not_recognised"]:
        out += [f"## {L('proof.not_recognised')}", ""]
        out += [f"- {_name(n['code'], n['title'])} ({_c(n['credits'], lang)}): {_said(lang, n.get('reason_part'), n['reason'])}"
                for n in rec["not_recognised"]]
        out.append("")
    failed = [f for f in report.ordered_findings() if f.status == "fail" and f.severity == "error"]
    if failed:
        out += [f"## {L('proof.open_issues')}", ""]
        texts = [finding_text(f, lang) for f in failed]
        out += [f"- {f.title} ({f.rule}, {f.subject}): {f.message}" for f in texts]
        out.append("")
    g = rec["grades"]
    grades = _said(lang, g.get("note_part"), g["note"]) if g.get("note") else L("proof.converted", policy=g.get("policy", "?"))
    out += [f"{L('recognition.grade')}: {grades}.", "", L("proof.draft"), "",
            f"{L('proof.place_date')}: ____________________    {L('proof.signature')}: ____________________", ""]
    return "\n".join(out)


__all__ = ["recognition_text", "proof_of_recognition", "worded_recognition"]
