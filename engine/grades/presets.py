"""Ready-made grading scales of the rule sets (Greek 0-10, Serbian 5-10, German 1.0-5.0, ECTS A-F)."""
from __future__ import annotations

from ..errors import did_you_mean
from .errors import UnknownGradeError
from .scale import GradingScale, PointsBand

GREEK_0_10 = GradingScale.numeric(
    "gr-0-10", "Greece: absolute scale 0-10 in half points, pass mark 5", 0, 10, "0.5", 5
)
GREEK_0_10_WHOLE = GradingScale.numeric(
    "gr-0-10-whole", "Greece: absolute scale 0-10 in whole points, pass mark 5", 0, 10, 1, 5
)
SERBIAN_5_10 = GradingScale.numeric(
    "rs-5-10",
    "Serbia: grades 5-10, pass mark 6 (Law on Higher Education, Art. 104 paras 4-5)",
    5,
    10,
    1,
    6,
    points=(
        PointsBand(0, 50, 5),
        PointsBand(51, 60, 6),
        PointsBand(61, 70, 7),
        PointsBand(71, 80, 8),
        PointsBand(81, 90, 9),
        PointsBand(91, 100, 10),
    ),
)
GERMAN_1_5 = GradingScale.from_list(
    "de-1-5",
    "Germany-style: 1.0 best to 4.0 pass, 5.0 fail (lower is better)",
    (1.0, 1.3, 1.7, 2.0, 2.3, 2.7, 3.0, 3.3, 3.7, 4.0, 5.0),
    4.0,
)
ECTS_A_F = GradingScale.from_list(
    "ects-a-f", "ECTS letters A-E pass, FX and F fail (pre-2009 ECTS scale)", ("A", "B", "C", "D", "E", "FX", "F"), "E"
)

SCALES: dict[str, GradingScale] = {
    s.id: s for s in (GREEK_0_10, GREEK_0_10_WHOLE, SERBIAN_5_10, GERMAN_1_5, ECTS_A_F)
}


def get_scale(scale_id: str) -> GradingScale:
    """The ready-made scale with this id; UnknownGradeError naming the known ids otherwise."""
    try:
        return SCALES[scale_id]
    except KeyError:
        known = ", ".join(sorted(SCALES))
        raise UnknownGradeError(
            f"unknown grading scale '{scale_id}'{did_you_mean(scale_id, SCALES)} (known: {known})"
        ) from None
