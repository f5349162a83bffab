"""A grade conversion (`ects grades convert`) in the reader's language: the result, how it was reached and the
warnings, from the catalogues' `grades.convert.*` and `grades.warn.*` (the Conversion keeps its English
explanation as data)."""
from __future__ import annotations

from fractions import Fraction

from babel.numbers import format_decimal, get_decimal_symbol

from engine.grades.convert import Conversion, parallel_issues
from engine.grades.scale import format_grade
from engine.grades.table import GradingTable, display
from engine.semantics.units import LOCALES
from .i18n import Labels, clause_separator


def _pct(x: Fraction, lang: str) -> str:
    return format_decimal(display(x), format="0.00", locale=LOCALES.get(lang, "en"))


def _band(band: tuple[Fraction, Fraction], lang: str) -> str:
    return f"[{_pct(band[0], lang)} %, {_pct(band[1], lang)} %)"


def _label(table: GradingTable, t: Labels) -> str:
    """'group 'gr-informatics-first' (2021-22, 2022-23)' or 'table', as GradingTable.label, in words."""
    name = t("grades.convert.group", id=table.group.id) if table.group else t("grades.convert.table")
    return t("grades.convert.years", name=name, years=", ".join(table.years)) if table.years else name


def _rule(conv: Conversion, home: GradingTable, t: Labels, lang: str) -> str:
    if conv.policy in ("min", "max"):
        return t(f"grades.convert.rule.{conv.policy}")
    if conv.policy == "mid":
        return t("grades.convert.rule.mid", midpoint=_pct((conv.foreign_band[0] + conv.foreign_band[1]) / 2, lang))
    mean = f"{float(conv.average):.4g}".replace(".", get_decimal_symbol(LOCALES.get(lang, "en")))
    unit = t("grades.convert.unit.values" if home.is_numeric else "grades.convert.unit.positions")
    return t("grades.convert.rule.avg", unit=unit, mean=mean)


def explanation_lines(conv: Conversion, foreign: GradingTable, home: GradingTable, lang: str = "en") -> list[str]:
    """How the conversion was reached (the foreign band, the overlapping home grades, the policy, the method), in `lang`."""
    t = Labels(lang)
    frow = foreign.row(conv.grade)
    listed = clause_separator(lang).join(t("grades.convert.candidate", grade=format_grade(c.grade), band=_band(c.band, lang),
                         overlap=_pct(c.overlap, lang)) for c in conv.candidates)
    return [
        t("grades.convert.foreign", grade=format_grade(conv.grade), count=frow.count, total=foreign.total,
          label=_label(foreign, t), band=_band(conv.foreign_band, lang)),
        t("grades.convert.home", label=_label(home, t), listed=listed),
        t("grades.convert.policy", policy=conv.policy, rule=_rule(conv, home, t, lang),
          grade=format_grade(conv.result)),
        t("grades.convert.method"),
    ]


def warning_lines(foreign: GradingTable, home: GradingTable, lang: str = "en", two_years: bool = True) -> list[str]:
    """Why the two tables' reference groups may not be parallel or are short, in `lang` (without a prefix);
    `two_years`: whether the rule set asks a table for two years (engine.grades.convert.asks_two_years)."""
    t = Labels(lang)
    return [t(f"grades.warn.{key}", **{**names, **{k: t(f"grades.warn.{k}.{v}") for k, v in names.items()
                                                   if k in ("side", "what")}})
            for key, names in parallel_issues(foreign, home, two_years)]


def conversion_text(conv: Conversion, foreign: GradingTable, home: GradingTable, lang: str = "en",
                    two_years: bool = True) -> str:
    """The conversion as the lines `ects grades convert` prints, in `lang` (`two_years` as for warning_lines)."""
    t = Labels(lang)
    lines = [t("grades.convert.head", grade=format_grade(conv.grade), result=format_grade(conv.result),
               policy=conv.policy), ""]
    lines += [f"  {x}" for x in explanation_lines(conv, foreign, home, lang)]
    lines += ["  " + t("grades.convert.warning", text=w) for w in warning_lines(foreign, home, lang, two_years)]
    return "\n".join(lines)
