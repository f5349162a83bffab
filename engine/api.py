"""The library's front door: load rule sets and subjects, evaluate, render. The CLI is a thin layer on this."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .compiled import CompiledRuleSet, load_ruleset
from .evaluate import Evaluator, evaluate
from .findings import Report
from .importers.table_grid import TABLE_SUFFIXES
from .importers.table_programme import load_table_programme
from .model.programme import load_programme_file
from .model.views import ProgrammeView
from .render import render

SUBJECT_SUFFIXES = (".yaml", ".yml", ".json") + TABLE_SUFFIXES


def load_programme(path: str | Path) -> tuple[ProgrammeView, str]:
    """Read a programme file, or a course table (.xlsx, .ods, .csv...: engine.importers.table_programme);
    return its derived view (what rules read) and the file's SHA-256. A table's view carries `input_notes`,
    what the reader inferred."""
    if Path(path).suffix.lower() in TABLE_SUFFIXES:
        model, sha, notes = load_table_programme(path)
        view = ProgrammeView(model)
        view.input_notes = notes
        return view, sha
    model, sha = load_programme_file(path)
    return ProgrammeView(model), sha


def audit_programme(ruleset: CompiledRuleSet | str, path: str | Path, *, as_of: dt.date | None = None,
                    lang: str = "en", evaluator: Evaluator | None = None) -> Report:
    """Load a programme file and audit it against a rule set (id, folder, or compiled)."""
    rs = load_ruleset(ruleset) if isinstance(ruleset, str) else ruleset
    view, sha = load_programme(path)
    report = evaluate(rs, view, as_of=as_of, lang=lang, input_path=str(path), input_sha256=sha, evaluator=evaluator)
    from .render.charts import programme_chart_data, ruleset_targets
    day = dt.date.fromisoformat(report.as_of)
    report.extra["chart_data"] = programme_chart_data(view, ruleset_targets(rs, day, view))
    if getattr(view, "input_notes", None):
        report.extra["input_notes"] = view.input_notes
    return report


def subject_files(paths: list[str]) -> list[Path]:
    """Expand folders into the subject files they hold (sorted, recursively)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUBJECT_SUFFIXES)
        else:
            out.append(p)
    return out


__all__ = ["load_ruleset", "load_programme", "audit_programme", "evaluate", "render", "Evaluator", "subject_files"]
