"""A course listed twice in one ELMO file, as a part of a degree and on its own, is counted once.

Swedish Ladok transcripts list each course twice: ungraded, as a part of the degree, and graded, as a
course in its own right. Copies are matched by local code (by title and credits when there is no
code). Which copy is kept: the standalone one, unless only the degree's copy has a result; the note
says which and why. Two standalone copies of one course are kept both: they are two attempts (a
failed exam retaken), not a duplicate.
"""
from __future__ import annotations

from engine.subjects.transfer.model import TranscriptComponent


def _key(c: TranscriptComponent) -> tuple:
    return ("code", c.code) if c.code else ("title", c.title.casefold(), c.credits)


def _has_result(c: TranscriptComponent) -> bool:
    return c.local_grade is not None or c.ects_grade is not None or c.passed is not None


def _name(c: TranscriptComponent) -> str:
    return f"{c.title} ({c.code})" if c.code else c.title


def drop_duplicates(components: list[TranscriptComponent], notes: list[str]) -> list[TranscriptComponent]:
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
            keep, drop, why = alone, parts, "the copy on its own" + (" has the result" if any(map(_has_result, alone)) else
                                                                       " is the course itself")
        else:
            keep, drop, why = [c for c in parts if _has_result(c)], [*alone, *(c for c in parts if not _has_result(c))], \
                "only the degree's copy has a result"
        dropped.update(id(c) for c in drop)
        where = ", ".join(sorted({c.part_of for c in parts if c.part_of}))
        notes.append(f"'{_name(copies[0])}' is listed both as a part of {where} and on its own: counted once, "
                     f"keeping {'the part copy' if keep[0].part_of else 'the standalone copy'} ({why})")
        credits = {c.credits for c in copies}
        if len(credits) > 1:
            shown = ", ".join("-" if v is None else f"{v:g}" for v in credits)
            notes.append(f"the copies of '{_name(copies[0])}' state different credits ({shown}); check the transcript")
    return [c for c in components if id(c) not in dropped]


__all__ = ["drop_duplicates"]
