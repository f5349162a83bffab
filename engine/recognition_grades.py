"""Converting a transfer's grades for the recognition output, with engine.grades.

The foreign grading table is the grade distribution the transcript gives (a grading scheme's
`grade_distribution`, with counts); the home table is the home institution's, given by the caller
(e.g. from a cohort file). Without both, nothing is converted and the result says why.
"""
from __future__ import annotations

from typing import Any

from .errors import UsageError
from .grades import GradeError, build_table, convert_grade, get_scale, grading_table, load_cohort
from .model.transfer import GradingScheme, TransferFile

NO_TABLES = "no grading tables given; grades not converted"


def _preset(scale_id: str | None):
    """The ready-made grading scale with this id, or None."""
    if not scale_id:
        return None
    try:
        return get_scale(scale_id)
    except GradeError:
        return None


def home_grading_table(path: str, group: str, scale_id: str | None = None):
    """The home grading table of a cohort file's group; `scale_id` (the home grading scheme) orders grades
    and leaves out failing ones when it names a ready-made scale. Bad input raises a UsageError."""
    try:
        return grading_table(load_cohort(path).group(group), scale=_preset(scale_id))
    except GradeError as e:
        raise UsageError(str(e), path=path) from None


def _foreign_table(scheme: GradingScheme | None):
    """The grading table of a transcript grading scheme, or None if it gives no counts."""
    if scheme is None or not scheme.grade_distribution or any(g.count is None for g in scheme.grade_distribution):
        return None
    scale = _preset(scheme.id)
    counts: dict[str, int] = {}
    for g in scheme.grade_distribution:
        counts[g.label] = counts.get(g.label, 0) + g.count
    return build_table(counts, scale=scale)


def convert_transcript_grades(t: TransferFile, home_table=None, policy: str = "avg") -> dict[str, Any]:
    """Each recognised line's source grades converted into the home table (or why not)."""
    if home_table is None:
        return {"converted": False, "note": NO_TABLES + " (no home grading table given)"}
    if t.transcript is None or t.recognition is None:
        return {"converted": False, "note": "no transcript or no recognition decision; grades not converted"}
    out, skipped, warnings = [], [], set()
    for line in t.recognition.lines:
        for code in line.from_components:
            comp = t.transcript.component(code)
            if comp is None or comp.local_grade is None or not comp.passed:
                continue
            try:
                table = _foreign_table(t.transcript.find_grading_scheme(comp.grading_scheme_id))
                if table is None:
                    skipped.append(f"{code}: the transcript gives no grade distribution for its grading scheme")
                    continue
                conv = convert_grade(comp.local_grade, table, home_table, policy=policy)
            except GradeError as e:
                skipped.append(f"{code}: {e}")
                continue
            warnings.update(conv.warnings)
            out.append({"home_code": line.code, "source": code, "grade": conv.grade, "result": conv.result,
                        "recorded": line.converted_grade, "explanation": list(conv.explanation)})
    if not out:
        return {"converted": False, "note": NO_TABLES + " (the transcript gives no usable grade distribution)",
                "skipped": skipped}
    return {"converted": True, "policy": policy, "conversions": out, "skipped": skipped, "warnings": sorted(warnings)}


__all__ = ["convert_transcript_grades", "home_grading_table", "NO_TABLES"]
