"""Grading scales declared in rule files (`scale NAME preset "..." pass N` or `from A to B step S pass N`).

`scale_from_decl` turns a declaration into a GradingScale (GradeError for an unknown preset or a
pass mark off the scale); `ruleset_scales` lists a composed rule set's scales, nearest set first;
`scale_for_cohort` picks the scale that judges a cohort's grades under a rule set.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from engine.semantics.reasons import Alternatives, because

from .bands import BAND_POLICIES
from .errors import GradeError
from .presets import get_scale
from .scale import GradingScale, format_grade, to_grade

if TYPE_CHECKING:  # pragma: no cover
    from ..dsl.ast import ScaleDecl


@dataclass(frozen=True)
class DeclaredScale:
    """A rule set's scale: its name in the rule files, the scale, the letter policy (or None) and the set it comes from."""

    name: str
    scale: GradingScale
    letters: str | None
    origin: str
    decl: "ScaleDecl"

    @property
    def preset(self) -> str | None:
        """The ready-made scale it is based on, if any."""
        return self.decl.preset


def scale_from_decl(decl: "ScaleDecl") -> GradingScale:
    """The GradingScale a declaration describes; GradeError if the preset, range or pass mark is wrong."""
    if decl.letters is not None and decl.letters not in BAND_POLICIES:
        raise GradeError(because("grades.unknown_letter_policy", "scale '{scale}': unknown letter policy '{policy}' "
                                 "(use {known})", scale=decl.name, policy=decl.letters, known=Alternatives(BAND_POLICIES)))
    title = decl.titles.get("en") or next(iter(decl.titles.values()), decl.name)
    if decl.preset is not None:
        base = get_scale(decl.preset)
        if decl.pass_mark is None:
            return replace(base, id=decl.name, title=title)
        mark = to_grade(decl.pass_mark)
        if not base.contains(mark):
            raise GradeError(because("grades.pass_mark_off_preset", "scale '{scale}': pass mark {grade} is not on preset "
                                     "'{preset}'", scale=decl.name, grade=format_grade(mark), preset=decl.preset))
        return replace(base, id=decl.name, title=title, pass_mark=mark)
    return GradingScale.numeric(decl.name, title, decl.lowest, decl.highest, decl.step, decl.pass_mark)


def ruleset_scales(composed) -> list[DeclaredScale]:
    """The scales of a composed rule set: those declared nearest (the set itself) first, in file order."""
    entries = list(getattr(composed, "scales", {}).values())
    depth = {name: i for i, name in enumerate(reversed(composed.chain))}
    return sorted(entries, key=lambda e: depth.get(e.origin, len(depth)))


def scale_for_cohort(cohort_scale: str | None, composed=None) -> DeclaredScale | GradingScale | None:
    """The scale that judges a cohort (project choice, see docs/grades.md).

    1. the rule set's scale whose name or preset is the cohort file's `scale:`;
    2. else the cohort file's own ready-made scale;
    3. else the rule set's first scale (nearest set first);
    4. else None: every grade counts as passing.
    """
    declared = ruleset_scales(composed) if composed is not None else []
    if cohort_scale is not None:
        for d in declared:
            if cohort_scale in (d.name, d.preset):
                return d
        return get_scale(cohort_scale)
    return declared[0] if declared else None


def describe_scales(composed) -> list[dict]:
    """The rule set's scales as plain data for `rules show`: grades (lowest and highest of a numeric
    scale, else all, best first), pass mark, points, letters and citations."""
    out = []
    for d in ruleset_scales(composed):
        s = d.scale
        cites = []
        for c in d.decl.citations:
            src = composed.sources[c.source][0]
            cites.append({"source": src.title, "source_id": c.source, "ref": c.ref, "quote": c.quote,
                          "confidence": c.confidence or src.confidence, **({"refs": dict(c.refs)} if c.refs else {})})
        out.append({
            "name": d.name, "title": s.title, "preset": d.preset,
            "numeric": s.is_numeric,
            "grades": [min(s.grades), max(s.grades)] if s.is_numeric else list(s.grades),
            "pass_mark": s.pass_mark, "letters": d.letters, "origin": d.origin,
            "points": [{"points": [b.low, b.high], "grade": b.grade} for b in s.points],
            "citations": cites,
        })
    return out
