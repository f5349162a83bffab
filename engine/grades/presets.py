"""Ready-made grading scales: those of the rule sets (Greek 0-10, Serbian 5-10, German 1.0-5.0, ECTS A-F), the 0-20
scales, and the Danish, Swedish, Finnish and Norwegian scales of EMREX transcripts."""
from __future__ import annotations

from ..errors import suggestion
from ..semantics.reasons import Listed, because
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

# 0-20 scales: Belgium (French Community), France and Portugal grade 0-20 with 10 as the pass mark.
FRENCH_0_20 = GradingScale.numeric(
    "fr-0-20", "0-20 scale, pass mark 10 (France, Belgium, Portugal), in tenths", 0, 20, "0.1", 10
)
BELGIAN_0_20 = GradingScale.numeric("be-0-20", "Belgium: 0-20, pass mark 10, in tenths", 0, 20, "0.1", 10)
PORTUGUESE_0_20 = GradingScale.numeric("pt-0-20", "Portugal: 0-20, pass mark 10, in tenths", 0, 20, "0.1", 10)
# The scales of the EMREX transcripts (see engine/data/grading_schemes.yaml for their sources).
DANISH_7_POINT = GradingScale.from_list(
    "dk-7-point", "Denmark: 7-point scale 12, 10, 7, 4, 02 pass; 00 and -3 fail (02 is written 2 here)",
    (12, 10, 7, 4, 2, 0, -3), 2,
)
SWEDISH_U_G_VG = GradingScale.from_list(
    "se-u-g-vg", "Sweden: VG (pass with distinction), G (pass), U (fail)", ("VG", "G", "U"), "G"
)
SWEDISH_A_F = GradingScale.from_list(
    "se-a-f", "Sweden: A-E pass, FX and F fail", ("A", "B", "C", "D", "E", "FX", "F"), "E"
)
FINNISH_0_5 = GradingScale.numeric("fi-0-5", "Finland: 5 (best) to 1 pass, 0 fails", 0, 5, 1, 1)
NORWEGIAN_A_F = GradingScale.from_list(
    "no-a-f", "Norway: A-E pass, F fails", ("A", "B", "C", "D", "E", "F"), "E"
)

SCALES: dict[str, GradingScale] = {
    s.id: s for s in (GREEK_0_10, GREEK_0_10_WHOLE, SERBIAN_5_10, GERMAN_1_5, ECTS_A_F, FRENCH_0_20, BELGIAN_0_20,
                      PORTUGUESE_0_20, DANISH_7_POINT, SWEDISH_U_G_VG, SWEDISH_A_F, FINNISH_0_5, NORWEGIAN_A_F)
}


def get_scale(scale_id: str) -> GradingScale:
    """The ready-made scale with this id; UnknownGradeError naming the known ids otherwise."""
    try:
        return SCALES[scale_id]
    except KeyError:
        raise UnknownGradeError(because("grades.unknown_scale", "unknown grading scale '{scale}'{hint} (known: {known})",
                                        scale=scale_id, hint=suggestion(scale_id, SCALES),
                                        known=Listed(sorted(SCALES)))) from None
