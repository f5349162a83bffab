"""How a cohort file becomes a subject, and the cohort's part of a report (named in engine.subjects.kinds)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.errors import SubjectFileError
from engine.evaluation.sections import GradingTables
from engine.limits import MAX_COHORT_CSV_BYTES, MAX_FILE_BYTES, input_sha256
from engine.subjects.cohort.files import read_cohort


def read(path: Path, options, ruleset) -> tuple[Any, Any, str]:
    """(model, view, sha256) of a cohort file, read through `ruleset`'s grading scale when one is given."""
    view = read_cohort(path, ruleset=ruleset, pass_mark=options.pass_mark, years=options.years)
    return view.model, view, input_sha256(path, SubjectFileError, size_limit(path))


def size_limit(path: str | Path) -> int:
    """The size limit docs/limits.md sets for a cohort file: MAX_COHORT_CSV_BYTES for CSV (read one line at a
    time), MAX_FILE_BYTES for YAML and JSON (and standard input)."""
    return MAX_COHORT_CSV_BYTES if Path(path).suffix.lower() == ".csv" else MAX_FILE_BYTES


def add_sections(report, subject, evaluator) -> None:
    """The grading tables, read through the evaluated rule set's scale."""
    view = subject.view.for_ruleset(evaluator.ruleset)
    report.grading = GradingTables(view.tables())
