"""The choice-semantics property tests' common ground: one-year programmes with elective groups of every
shape (a hypothesis strategy), and what a student may take from a group, worked out by brute force from
its definition (the reference they compare the engine with)."""
from __future__ import annotations

import itertools

from hypothesis import strategies as st


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


@st.composite
def group_programmes(draw, specs: list[list[str]], groups: int, group_size: tuple[int, int], max_credits: int,
                     shapes: list[str], every_course: bool, open_credits: bool) -> dict:
    """A one-year, two-term programme as a file gives it: compulsory courses in each term (the second may hold
    electives only), maybe a course of each specialisation of `specs` (one list of it drawn), and 1 to
    `groups` elective groups of `group_size` courses of 1 to `max_credits` credits, each in one of `shapes`:
    "count" (choose k; up to every course with `every_course`), "range" (a min and max count), "credits"
    (a min and max of credits; the max may be left open with `open_credits`) or "both"."""
    specs = draw(st.sampled_from(specs))
    courses, out = [], []
    terms = st.sampled_from([1, 2])
    for term in (1, 2):
        for _ in range(draw(st.integers(1 if term == 1 else 0, 2))):  # term 2 may hold electives only
            courses.append({"code": f"F{len(courses)}", "term": term, "credits": draw(st.integers(1, 12))})
    for tag in specs:  # a course of one specialisation, or none
        if draw(st.booleans()):
            courses.append({"code": f"S{len(courses)}", "term": draw(terms), "credits": draw(st.integers(1, 10)),
                            "specialisation": tag})
    for gi in range(draw(st.integers(1, groups))):
        codes, total = [], 0
        for _ in range(draw(st.integers(*group_size))):
            credits = draw(st.integers(1, max_credits))
            codes.append(f"E{len(courses)}")
            courses.append({"code": codes[-1], "term": draw(terms), "credits": credits})
            total += credits
        group = {"id": f"g{gi}", "courses": codes}
        shape = draw(st.sampled_from(shapes))
        if shape == "count":
            group["choose"] = draw(st.integers(1, len(codes) if every_course else len(codes) - 1))
        if shape in ("range", "both"):
            low = draw(st.integers(0, len(codes)))
            group["choose"] = {"min": low, "max": draw(st.integers(max(low, 1), len(codes)))}
        if shape in ("credits", "both"):
            low = draw(st.integers(0, total))
            high = draw(st.one_of(st.none(), st.integers(low, total))) if open_credits else draw(st.integers(low, total))
            group["credits"] = {"min": low} if high is None else {"min": low, "max": high}
        if specs and draw(st.booleans()):
            group["specialisation"] = draw(st.sampled_from(specs))
        out.append(group)
    return {"id": "p", "cycle": "first", "years": 1, "terms_per_year": 2, "specialisations": specs,
            "courses": courses, "elective_groups": out}
