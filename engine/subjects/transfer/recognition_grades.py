"""Converting a transfer's grades for the recognition output, with engine.grades.

The tables of both sides come from the transfer file's `grades:` (cohort files named relative to it)
or from the command line (which wins). The foreign (host) table may also be the grade distribution
the transcript gives (a grading scheme's `grade_distribution`, with counts). Without a home table,
nothing is converted and the result says why. Each recognised line's source components are converted;
without a recognition decision, every passed transcript component is (a suggestion for the board).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from engine.errors import UsageError
from engine.grades import GradeError, build_table, convert_grade, get_scale
from engine.subjects.cohort.files import TableSource
from engine.semantics.reasons import Reason, because, plain, reason_data
from engine.subjects.transfer.model import GradeTableRef, GradingScheme, TransferFile, TranscriptComponent

NO_PASS_MARK = "no grading scale or pass mark is known for {which}, so failing grades would count as passing"

Explain = Callable[[Any, Any, Any], tuple[list[str], list[str]]]
"""(conversion, foreign table, home table) -> (explanation, warnings) in a reader's language."""

NO_TABLES = "no home grading table given; grades not converted"
_HOME_TABLE = because("grades.the_home_table", "the home table")
_HOST_TABLE = because("grades.the_host_table", "the host table")
NO_TABLES_REASON = because("grades.no_tables", NO_TABLES)


def _not_converted(why: Reason, **more: Any) -> dict[str, Any]:
    """Grades not converted: the note in English and as data a report words in its language."""
    return {"converted": False, "note": str(why), "note_part": reason_data(why), **more}


def _preset(scale_id: str | None):
    """The ready-made grading scale with this id, or None."""
    if not scale_id:
        return None
    try:
        return get_scale(scale_id)
    except GradeError:
        return None


def _foreign_table(scheme: GradingScheme | None):
    """The grading table of a transcript grading scheme, or None if it gives no counts."""
    if scheme is None or not scheme.grade_distribution or any(g.count is None for g in scheme.grade_distribution):
        return None
    scale = _preset(scheme.id)
    counts: dict[str, int] = {}
    for g in scheme.grade_distribution:
        counts[g.label] = counts.get(g.label, 0) + g.count
    return build_table(counts, scale=scale)


def _no_host_table(code: str, comp: TranscriptComponent) -> Reason:
    """Why a component's grade has no host table to be converted from."""
    if comp.result_distribution:
        return because("grades.ranges_only", "{code}: the transcript gives its results by ranges ({labels}), not a "
                       "grade distribution of its grading scheme", code=code,
                       labels=", ".join(g.label for g in comp.result_distribution))
    return because("grades.no_scheme_distribution", "{code}: the transcript gives no grade distribution for its "
                   "grading scheme", code=code)


def _pairs(t: TransferFile) -> list[tuple[Any, str, TranscriptComponent | None]]:
    """(recognition line or None, transcript code, component) for each grade to convert."""
    if t.recognition is None:
        return [(None, c.code or c.title, c) for c in t.transcript.components if c.passed and c.local_grade is not None]
    return [(line, code, t.transcript.component(code)) for line in t.recognition.lines for code in line.from_components]


def convert_transcript_grades(t: TransferFile, home_table=None, policy: str = "avg",
                              foreign_table=None, explain: Explain | None = None) -> dict[str, Any]:
    """Each recognised line's source grades (or, without a recognition decision, each passed transcript
    component's grade) converted into the home table; `foreign_table` replaces the transcript's own
    grade distributions; `explain` words the explanation and warnings (default: the conversion's English).
    Without what it needs, says why."""
    if home_table is None:
        return _not_converted(because("grades.no_home_table", NO_TABLES))
    if t.transcript is None:
        return _not_converted(because("grades.no_transcript", "no transcript; grades not converted"))
    out, skipped, warnings, said = [], [], set(), set()
    for line, code, comp in _pairs(t):
        if comp is None or comp.local_grade is None or not comp.passed:
            continue
        try:
            table = foreign_table or _foreign_table(t.transcript.find_grading_scheme(comp.grading_scheme_id))
            if table is None:
                if code not in said:  # a component two home lines rest on is named once
                    skipped.append(_no_host_table(code, comp))
                    said.add(code)
                continue
            conv = convert_grade(comp.local_grade, table, home_table, policy=policy)
        except GradeError as e:
            skipped.append(because("grades.refused", "{code}: {why}", code=code, why=e.reason or plain(str(e))))
            continue
        explanation, warned = explain(conv, table, home_table) if explain else (conv.explanation, conv.warnings)
        warnings.update(warned)
        out.append({"home_code": line.code if line else None, "home_title": line.title if line else None,
                    "credits": line.credits if line else comp.credits, "source": code, "source_title": comp.title,
                    "label": comp.local_grade, "grade": conv.grade, "result": conv.result, "recorded": line.converted_grade if line else None,
                    "explanation": list(explanation)})
    notes = {"skipped": [str(r) for r in skipped], "skipped_parts": [reason_data(r) for r in skipped]}
    if not out and foreign_table is None:
        return _not_converted(because("grades.no_distribution", "the home grading table is given, but no host grading "
                                      "table is usable; grades not converted (no host table is named and the "
                                      "transcript gives no grade distribution that can serve as one)"), **notes)
    if not out:
        return _not_converted(because("grades.none_converted", "no grade could be converted"), **notes)
    return {"converted": True, "policy": policy, "conversions": out, **notes, "warnings": sorted(warnings)}


def _ref_table(ref: GradeTableRef, base: Path, which: str):
    """(group view, table) of a `grades:` entry, its file relative to the transfer file."""
    path = Path(ref.file) if Path(ref.file).is_absolute() else base / ref.file
    return TableSource(path, ref.group, ref.scale, ref.pass_mark).load()


def grade_table_files(t: TransferFile, path: str | Path) -> list[Path]:
    """The cohort files the transfer file's `grades:` names (resolved), e.g. to never write over them."""
    refs = [r for r in ((t.grades.home, t.grades.host) if t.grades else ()) if r is not None]
    return [Path(r.file) if Path(r.file).is_absolute() else Path(path).parent / r.file for r in refs]


def transfer_grades(t: TransferFile, path: str | Path, home_grades: tuple[str, str] | None = None,
                    policy: str = "avg", host_grades: tuple[str, str] | None = None,
                    explain: Explain | None = None) -> dict[str, Any] | None:
    """The grade conversion of a transfer, with the tables the command line (`home_grades`, `host_grades`:
    (cohort file, group)) or the file's `grades:` name; None when neither names a home table.
    `explain` as for `convert_transcript_grades`.
    The file's `grades.policy` wins over `policy`. Both tables lacking a pass mark is one error naming both."""
    base = Path(path).parent
    refs = t.grades
    home_ref = GradeTableRef(file=home_grades[0], group=home_grades[1]) if home_grades else (refs.home if refs else None)
    host_ref = GradeTableRef(file=host_grades[0], group=host_grades[1]) if host_grades else (refs.host if refs else None)
    if home_ref is None:
        return None
    home_scale = t.home.grading_scheme_id if home_grades and t.home else None
    if home_grades and _preset(home_scale) is not None:
        home_ref = home_ref.model_copy(update={"scale": home_scale})
    sides = [(_HOME_TABLE, home_ref, Path(".") if home_grades else base)]
    if host_ref is not None:
        sides.append((_HOST_TABLE, host_ref, Path(".") if host_grades else base))
    loaded = [(which, *_ref_table(ref, where, which)) for which, ref, where in sides]
    lacking = tuple(because("grades.table_file", "{which} ({file})", which=which, file=str(ref.file))
                    for (which, group, _), (_, ref, _) in zip(loaded, sides) if group.pass_mark_grade is None)
    if lacking:
        which = lacking[0] if len(lacking) == 1 else because("grades.both_tables", "{home} and {host}",
                                                             home=lacking[0], host=lacking[1])
        raise UsageError(because("grades.no_pass_mark_either", NO_PASS_MARK + "; give the table a scale, a pass_mark, "
                                 "or passing_only: true", which=which), path=str(path))
    chosen = (refs.policy if refs and refs.policy else None) or policy
    return convert_transcript_grades(t, loaded[0][2], chosen, loaded[1][2] if len(loaded) > 1 else None,
                                     explain)


__all__ = ["convert_transcript_grades", "grade_table_files", "transfer_grades", "NO_TABLES", "NO_TABLES_REASON"]
