"""How a programme file becomes a subject, and the programme's part of a report (named in engine.subjects.kinds)."""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from engine.evaluation.sections import programme_chart_data
from engine.subjects.load import load_model
from engine.subjects.programme.choose import choice_what_ifs, restrict
from engine.subjects.programme.model import Programme
from engine.subjects.programme.table_grid import TABLE_SUFFIXES
from engine.subjects.programme.views import ProgrammeView

# the course-table reader, imported when a table is read (a programme file does not need its modules)
TABLE_READER = "engine.subjects.programme.table_programme:load_table_programme"


def read(path: Path, options, ruleset) -> tuple[Any, Any, str]:
    """(model, view, sha256) of a programme file or course table, with the what-if choices of `options`."""
    notes = None
    if path.suffix.lower() in TABLE_SUFFIXES:  # a course table: what the reader inferred goes in the report
        module, _, attribute = TABLE_READER.partition(":")
        model, sha, notes = getattr(importlib.import_module(module), attribute)(path, options.table)
    else:
        model, sha = load_model(Programme, path, "programme", json_direct=True)
    chosen = restrict(model, options.choices, str(path))
    view = ProgrammeView(chosen)
    if notes is not None:
        view.input_notes = notes
    view.what_ifs = choice_what_ifs(model, options.choices)  # listed in the report's header
    return chosen, view, sha


def add_sections(report, subject, evaluator) -> None:
    """The credit charts, and what a course table's reader inferred."""
    report.charts = programme_chart_data(subject.view, evaluator.chart_targets(subject.view, report.findings))
    if getattr(subject.view, "input_notes", None):
        report.extra["input_notes"] = subject.view.input_notes
