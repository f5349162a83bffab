"""Rendering reports: text and JSON here; Markdown, HTML and JUnit from templates in reports/.

Reports are language-free; `render(reports, fmt, lang=...)` words one evaluation in any language."""
from __future__ import annotations

from typing import Sequence

from engine.evaluation.findings import Report
import json

from .json_report import to_json, to_json_line
from .recognition import recognition_text
from .templated import render_templated
from .text import not_audited_text, render_text

FORMATS = ("text", "json", "jsonl")


def render(reports: Sequence[Report], fmt: str, lang: str = "en", not_audited: Sequence[tuple[str, str]] = (),
           explain: bool = False, show: str = "all") -> str:
    """Render reports in one of the supported formats and languages. `not_audited` (path, error) names
    input files that could not be read, so that no written report hides them (in JSON: a `not_audited`
    field; in JSON lines: a line each). `explain` (text) gives every finding its full trace, parameter
    versions and provenance. `show` (text, json, jsonl: all, problems, failures) chooses the findings
    given in full; the others are compact (engine.render.layout.in_full)."""
    if isinstance(reports, Report):
        reports = [reports]
    if fmt == "json":
        return to_json(list(reports), lang, not_audited, show)
    if fmt == "jsonl":
        return "".join(to_json_line(r, lang, show) for r in reports) + "".join(
            json.dumps({"not_audited": [{"location": where, "error": error}]}, ensure_ascii=False) + "\n"
            for where, error in not_audited)
    if fmt == "text":
        return "\n".join(render_text(r, lang, explain, show)
                         + (recognition_text(r.recognition.to_dict(), lang) if r.recognition else "")
                         for r in reports) + not_audited_text(not_audited, lang)
    return render_templated(list(reports), fmt, lang, not_audited)


__all__ = ["render", "to_json", "FORMATS"]
