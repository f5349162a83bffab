"""The ECTS letters' target shares of passing grades, in a module of their own: the cohort's object types name
them (engine.subjects.cohort.types) without loading the grading package (engine.grades), which checking a
programme does not need."""
from __future__ import annotations

ECTS_SHARES: tuple[tuple[str, int], ...] = (("A", 10), ("B", 25), ("C", 30), ("D", 25), ("E", 10))
"""The target share (percent of passing students) of each ECTS letter, best first."""
