"""What a student may take from an elective group, worked out by brute force from the group's definition
(the reference the choice-semantics property tests compare the engine with)."""
from __future__ import annotations

import itertools


def permitted(group: dict, credits: dict[str, int]):
    """Every tuple of codes a student may take from the group (a group as a programme file gives it)."""
    choose = group.get("choose")
    low, high = (0, len(group["courses"])) if choose is None else (
        (choose, choose) if isinstance(choose, int) else (choose["min"], choose["max"]))
    bounds = group.get("credits", {})
    for k in range(low, high + 1):
        for picked in itertools.combinations(group["courses"], k):
            total = sum(credits[c] for c in picked)
            if bounds.get("min", 0) <= total <= bounds.get("max", total):
                yield picked
