"""The recognition for people: a section under the text report, and the Proof of Recognition document.

The Greek Ministerial Decision on ECTS names the "Proof of Recognition" the home institution issues
after a mobility, certifying the recognition and transfer of the credits passed abroad. The document
here is a draft of it in Markdown, built from the recognition data (engine.recognition) and the
audit's verdict; it is for the examination board to check and sign, not a decision itself.
"""
from __future__ import annotations

from typing import Any

from .findings import Report
from .model.transfer import TransferFile


def _c(x) -> str:
    return "?" if x is None else f"{x:g}" if isinstance(x, float) else str(x)


def _name(code, title) -> str:
    return f"{code} {title}" if code and title else (code or title or "?")


def recognition_text(rec: dict[str, Any]) -> str:
    """The recognition as a plain-text section (appended to the text report)."""
    head = "Recognition" + (f" (decision of {rec['date']})" if rec.get("date") else "")
    if rec["decision"] == "none":
        head += " - no decision recorded; proposal"
    out = ["", f"{head}:",
           f"  Credits to recognise: {_c(rec['credits_to_recognise'])}"
           f" (claimed {_c(rec.get('credits_claimed'))}, earned {_c(rec['credits_earned'])})"]
    for line in rec["lines"]:
        mark = "ok " if line["status"] == "recognised" else "NO "
        srcs = ", ".join(f"{s['code']} ({_c(s['credits'])} cr, grade {_c(s['grade'])})" for s in line["from"]) or "none"
        grade = f", grade {line['converted_grade']}" if line.get("converted_grade") is not None else ""
        out.append(f"  [{mark}] {_name(line['code'], line['title'])}: {_c(line['credits'])} credits{grade} from {srcs}")
        for reason in line["reasons"]:
            out.append(f"        not recognised: {reason}")
    if rec["not_recognised"]:
        out.append("  Not recognised:")
        for n in rec["not_recognised"]:
            out.append(f"    - {_name(n['code'], n['title'])} ({_c(n['credits'])} credits): {n['reason']}")
    for note in rec["notes"]:
        out.append(f"  Note: {note}")
    g = rec.get("grades") or {}
    if g.get("converted"):
        out.append(f"  Grade conversion (policy {g['policy']}):")
        for c in g["conversions"]:
            out.append(f"    - {c['source']} grade {_c(c['grade'])} -> {_c(c['result'])} for {c['home_code']}"
                       f" (recorded: {_c(c['recorded'])})")
    else:
        out.append(f"  Grades: {g.get('note', 'not converted')}")
    return "\n".join(out) + "\n"


def proof_of_recognition(report: Report, t: TransferFile) -> str:
    """A draft Proof of Recognition (Markdown) for one audited transfer."""
    rec = report.extra["recognition"]
    home = t.home.institution.name if t.home else "the home institution"
    host = t.host.institution.name if t.host else "the host institution"
    student = t.student.name if t.student and t.student.name else "the student"
    period = f"{t.period.start} to {t.period.end}" if t.period and t.period.start and t.period.end else "the period of study"
    out = [
        "# Proof of Recognition", "",
        f"- **Case:** {t.id}" + (f" - {t.title}" if t.title else ""),
        f"- **Student:** {student}" + (f" ({t.student.id})" if t.student and t.student.id else ""),
        f"- **Home institution:** {home}", f"- **Host institution:** {host}",
        f"- **Period:** {period}",
        f"- **Checked against:** {report.ruleset_title} ({report.ruleset_id}), as of {report.as_of}; verdict: {report.verdict}",
        "",
        f"{home} certifies that the following credits earned by {student} at {host} are recognised and "
        "transferred to the student's record" + (f", by decision of {rec['date']}." if rec.get("date") else "."),
        "",
        "| home component | credits | grade | based on | status |",
        "| --- | --- | --- | --- | --- |",
    ]
    for line in rec["lines"]:
        srcs = ", ".join(s["code"] for s in line["from"]) or "-"
        status = "recognised" if line["status"] == "recognised" else "not recognised: " + "; ".join(line["reasons"])
        out.append(f"| {_name(line['code'], line['title'])} | {_c(line['credits'])} | {_c(line.get('converted_grade'))} "
                   f"| {srcs} | {status} |")
    if not rec["lines"]:
        out.append("| (no recognition decision recorded) | | | | |")
    out += ["", f"**Total credits recognised:** {_c(rec['credits_to_recognise'])} "
                f"(earned abroad: {_c(rec['credits_earned'])})", ""]
    if rec["not_recognised"]:
        out += ["## Not recognised", ""]
        out += [f"- {_name(n['code'], n['title'])} ({_c(n['credits'])} credits): {n['reason']}" for n in rec["not_recognised"]]
        out.append("")
    failed = [f for f in report.ordered_findings() if f.status == "fail" and f.severity == "error"]
    if failed:
        out += ["## Open issues", ""]
        out += [f"- {f.title} ({f.rule}, {f.subject}): {f.message}" for f in failed]
        out.append("")
    out += [f"Grades: {rec['grades'].get('note') or 'converted with policy ' + rec['grades'].get('policy', '?')}.", "",
            "Draft generated from the transfer file; to be checked and signed by the competent body.", "",
            "Place, date: ____________________    Signature and stamp: ____________________", ""]
    return "\n".join(out)


__all__ = ["recognition_text", "proof_of_recognition"]
