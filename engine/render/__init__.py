"""Rendering reports: text and JSON here; Markdown, HTML and JUnit from templates in reports/."""
from __future__ import annotations

import json
from typing import Sequence

from ..findings import Report
from ..recognition_text import recognition_text
from .templated import render_templated
from .text import not_audited_text, render_text

FORMATS = ("text", "json")


def to_json(reports: Sequence[Report] | Report, not_audited: Sequence[tuple[str, str]] = ()) -> str:
    """Deterministic JSON: one object for one report, a list for several. Files of the batch that could
    not be read are listed in a `not_audited` field of every report ({"not_audited": [...]} alone when
    no file could be read), so that the files reported always add up to the files given."""
    if isinstance(reports, Report):
        reports = [reports]
    data = [r.to_dict() for r in reports]
    if not_audited:
        unread = [{"location": where, "error": error} for where, error in not_audited]
        data = [dict(d, not_audited=unread) for d in data] or [{"not_audited": unread}]
    if len(data) == 1:
        data = data[0]
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"


def render(reports: Sequence[Report], fmt: str, lang: str = "en", not_audited: Sequence[tuple[str, str]] = ()) -> str:
    """Render reports in one of the supported formats. `not_audited` (path, error) names input files
    that could not be read, so that no written report hides them (in JSON: a `not_audited` field)."""
    if fmt == "json":
        return to_json(list(reports), not_audited)
    if fmt == "text":
        return "\n".join(render_text(r, lang) + (recognition_text(r.recognition.to_dict()) if r.recognition else "")
                         for r in reports) + not_audited_text(not_audited, lang)
    return render_templated(list(reports), fmt, lang, not_audited)
