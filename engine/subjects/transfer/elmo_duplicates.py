"""A course listed twice in one ELMO file, as a part of a degree and on its own, is counted once.

Swedish Ladok transcripts list each course twice: ungraded, as a part of the degree, and graded, as a
course in its own right. Copies are matched by local code (by title and credits when there is no
code). Which copy is kept: the standalone one, unless only the degree's copy has a result; the note
says which and why. Two standalone copies of one course are kept both: they are two attempts (a
failed exam retaken), not a duplicate.
"""
from __future__ import annotations

from engine.semantics.reasons import Reason, because
from engine.subjects.transfer.model import TranscriptComponent


def _key(c: TranscriptComponent) -> tuple:
    return ("code", c.code) if c.code else ("title", c.title.casefold(), c.credits)


def _has_result(c: TranscriptComponent) -> bool:
    return c.local_grade is not None or c.ects_grade is not None or c.passed is not None


def _name(c: TranscriptComponent) -> str:
    return f"{c.title} ({c.code})" if c.code else c.title


def _kept(name: str, where: str, alone_has_result: bool, keep_part: bool) -> Reason:
    """The note on a course listed twice: which copy is kept, and why."""
    if keep_part:
        return because("import.elmo.twice_part", "'{name}' is listed both as a part of {where} and on its own: counted "
                       "once, keeping the part copy (only the degree's copy has a result)", name=name, where=where)
    if alone_has_result:
        return because("import.elmo.twice_result", "'{name}' is listed both as a part of {where} and on its own: "
                       "counted once, keeping the standalone copy (the copy on its own has the result)",
                       name=name, where=where)
    return because("import.elmo.twice_course", "'{name}' is listed both as a part of {where} and on its own: counted "
                   "once, keeping the standalone copy (the copy on its own is the course itself)", name=name, where=where)


def drop_duplicates(components: list[TranscriptComponent], notes: list[Reason]) -> list[TranscriptComponent]:
    """`components` with each part copy that has a standalone twin removed (or the reverse); a note for each."""
    groups: dict[tuple, list[TranscriptComponent]] = {}
    for c in components:
        groups.setdefault(_key(c), []).append(c)
    dropped: set[int] = set()
    for copies in groups.values():
        parts = [c for c in copies if c.part_of is not None]
        alone = [c for c in copies if c.part_of is None]
        if not parts or not alone:
            continue
        if any(_has_result(c) for c in alone) or not any(_has_result(c) for c in parts):
            keep, drop = alone, parts
        else:
            keep, drop = [c for c in parts if _has_result(c)], [*alone, *(c for c in parts if not _has_result(c))]
        dropped.update(id(c) for c in drop)
        where = ", ".join(sorted({c.part_of for c in parts if c.part_of}))
        notes.append(_kept(_name(copies[0]), where, any(map(_has_result, alone)), keep[0].part_of is not None))
        credits = {c.credits for c in copies}
        if len(credits) > 1:
            shown = tuple("-" if v is None else v for v in credits)  # in the locale's numbers, '; '-separated (7,5; 7)
            notes.append(because("import.elmo.twice_credits", "the copies of '{name}' state different credits ({shown}); "
                                 "check the transcript", name=_name(copies[0]), shown=shown))
    return [c for c in components if id(c) not in dropped]


__all__ = ["drop_duplicates"]
