"""Rendering reports: text and JSON here; Markdown, HTML and JUnit from templates in reports/.

Reports are language-free; `render(reports, fmt, lang=...)` words one evaluation in any language."""
from __future__ import annotations

from typing import Sequence

from engine.evaluation.findings import Report

from .json_report import not_audited_line, to_json, to_json_line
from .recognition import recognition_text
from .summary import BatchSummary
from .templated import render_templated
from .text import not_audited_text, render_text

FORMATS = ("text", "json", "jsonl")


def render(reports: Sequence[Report], fmt: str, lang: str = "en", not_audited: Sequence[tuple[str, str]] = (),
           explain: bool = False, show: str = "all", summary: bool = True) -> str:
    """Render reports in one of the supported formats and languages. `not_audited` (path, error) names
    input files that could not be read, so that no written report hides them (in JSON: a `not_audited`
    field; in JSON lines: a line each). `explain` gives every finding its full trace, parameter
    versions and provenance (in JSON and jsonl: the full form, not the compact one). `show` (text, json,
    jsonl: all, problems, failures) chooses the findings given in full; the others are compact
    (engine.render.layout.in_full; JSON: engine.render.json_compact).

    A batch of several files (reports and files not read together) ends with the batch summary, as the
    command line's batches do (docs/batch.md): in text, jsonl (its last line), Markdown, HTML and JUnit, not
    in JSON (whose shape has none). `summary=False` leaves it out. One report alone (no file unread) has none."""
    if isinstance(reports, Report):
        reports = [reports]
    reports = list(reports)
    batch = BatchSummary.of(reports, not_audited) if summary and len(reports) + len(not_audited) > 1 else None
    if fmt == "json":
        return to_json(reports, lang, not_audited, show, explain)
    if fmt == "jsonl":
        return ("".join(to_json_line(r, lang, show, explain) for r in reports)
                + "".join(not_audited_line(where, error) for where, error in not_audited)
                + (batch.json_line() if batch else ""))
    if fmt == "text":
        return ("\n".join(render_text(r, lang, explain, show)
                          + (recognition_text(r.recognition.to_dict(), lang) if r.recognition else "")
                          for r in reports)
                + not_audited_text(not_audited, lang) + (batch.text(lang) if batch else ""))
    return render_templated(reports, fmt, lang, not_audited, batch)


__all__ = ["render", "to_json", "FORMATS", "BatchSummary"]
