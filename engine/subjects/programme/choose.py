"""What-if choices of electives (`--choose GROUP=CODE,CODE`): the programme restricted to one choice.

The group keeps only the chosen courses, all of them taken; the group's other courses leave the
programme for this audit. The choice must be one the group permits: codes of the group, as many as it
lets a student take, with credits within its bounds. The report lists the choice as a what-if.
"""
from __future__ import annotations

from engine.errors import UsageError, suggestion
from engine.evaluation.sections import WhatIf
from engine.semantics.reasons import Reason, because
from engine.subjects.programme.model import ElectiveGroup, Programme

Choice = tuple[str, tuple[str, ...]]  # (group id, chosen course codes)


def parse_choice(text: str) -> Choice:
    """'GROUP=CODE,CODE' -> (GROUP, (CODE, CODE)); a one-line usage error otherwise."""
    group, sep, codes = text.partition("=")
    chosen = tuple(c.strip() for c in codes.split(",") if c.strip())
    if not sep or not group.strip() or not chosen:
        raise UsageError(because("whatif.choose_form", "--choose '{text}': write GROUP=CODE,CODE, e.g. --choose "
                                 "E1=PE301,PE302", text=text))
    if len(set(chosen)) != len(chosen):
        raise UsageError(because("whatif.choose_course_twice", "--choose '{text}': a course is chosen twice",
                                 text=text))
    return group.strip(), chosen


def _check(group: ElectiveGroup, chosen: tuple[str, ...], credits: dict[str, float | None], where: str) -> None:
    what = f"--choose {group.id}={','.join(chosen)}"
    for code in chosen:
        if code not in group.courses:
            raise UsageError(because("whatif.choose_not_in_group", "{what}: {code} is not in elective group {group} "
                                     "({courses}){hint}", what=what, code=code, group=group.id,
                                     courses=", ".join(group.courses), hint=suggestion(code, group.courses)),
                             path=where)
    low, high = group.count_range()
    if not low <= len(chosen) <= high:
        wanted = (because("whatif.choose_count_range", "{low} to {high}", low=low, high=high) if low != high
                  else f"{low}")
        raise UsageError(because("whatif.choose_count", "{what}: group {group} lets a student take {wanted} of its "
                                 "courses, not {n}", what=what, group=group.id, wanted=wanted, n=len(chosen)),
                         path=where)
    values = [credits.get(code) for code in chosen]
    bounds = group.credits
    if bounds is not None and None not in values:
        total = sum(values)
        if (bounds.min is not None and total < bounds.min) or (bounds.max is not None and total > bounds.max):
            raise UsageError(because("whatif.choose_credits", "{what}: these courses have {total} credits; group "
                                     "{group} asks for {limits}", what=what, total=total, group=group.id,
                                     limits=_limits(bounds.min, bounds.max)), path=where)


def _limits(low: float | None, high: float | None) -> Reason:
    """'at least 10 and at most 20' (credits), or one of the two."""
    if low is not None and high is not None:
        return because("whatif.choose_between", "at least {low} and at most {high}", low=low,
                       high=high)
    if low is not None:
        return because("whatif.choose_at_least", "at least {low}", low=low)
    return because("whatif.choose_at_most", "at most {high}", high=high)


def restrict(programme: Programme, choices: tuple[Choice, ...], where: str | None = None) -> Programme:
    """The programme with each named elective group narrowed to the chosen courses (a copy; the programme
    given is left as it is). Raises UsageError naming `where` for an unknown group (did-you-mean), a code
    not in the group, or a choice the group does not permit."""
    if not choices:
        return programme
    groups = {g.id: g for g in programme.elective_groups}
    credits = {c.code: c.credits for c in programme.courses if c.code}
    narrowed: dict[str, ElectiveGroup] = {}
    dropped: set[str] = set()
    for group_id, chosen in choices:
        if group_id not in groups:
            known = ", ".join(groups) or because("whatif.choose_no_groups", "none")
            raise UsageError(because("whatif.choose_no_group", "--choose {id}: the programme has no elective group "
                                     "'{id}' (groups: {groups}){hint}", id=group_id, groups=known,
                                     hint=suggestion(group_id, groups)), path=where)
        if group_id in narrowed:
            raise UsageError(because("whatif.choose_group_twice", "--choose {id}: chosen twice", id=group_id),
                             path=where)
        group = groups[group_id]
        _check(group, chosen, credits, where)
        narrowed[group_id] = group.model_copy(update={"courses": list(chosen), "choose": len(chosen), "credits": None})
        dropped.update(set(group.courses) - set(chosen))
    kept = [(i, c) for i, c in enumerate(programme.courses) if c.code not in dropped]
    restricted = programme.model_copy(update={
        "courses": [c for _, c in kept],
        "elective_groups": [narrowed.get(g.id, g) for g in programme.elective_groups]})
    restricted._course_rows = {new: programme.course_row(old) for new, (old, _) in enumerate(kept)}  # as the file places them
    restricted._code_counts = None
    restricted._positions = None
    return restricted


def choice_what_ifs(programme: Programme, choices: tuple[Choice, ...]) -> tuple[WhatIf, ...]:
    """The report's lines for the choices: the group, the chosen courses, the group as the file has it."""
    if not choices:
        return ()
    groups = {g.id: g for g in programme.elective_groups}
    return tuple(WhatIf("choose", group_id, ",".join(chosen), ",".join(groups[group_id].courses)
                        if group_id in groups else None) for group_id, chosen in choices)


__all__ = ["parse_choice", "restrict", "choice_what_ifs", "Choice"]
