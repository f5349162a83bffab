"""Numbers and units as people read them in the report's language: '1 credit', '7.5 credits',
'7,5 πιστωτικές μονάδες', '2 ESPB boda', '5 ESPB bodova'.

Rules compute with canonical unit names (credits, hours, hours/credit); this module only words them.
Numbers and plural categories follow the locale's rules (CLDR, through Babel): the decimal sign, and
which form a count takes (English and Greek: one/other; Serbian: one/few/other, so 1, 21 bod; 2, 3, 4
boda; 5, 11, 12 bodova). The other words around values are in reports/i18n/*.yaml.

English, the language of the rule files (engine.dsl.unparse) and of most reports, is worded here without
Babel, the same way Babel's CLDR data words it (tests/test_units_english.py compares the two): loading Babel
and its locale data is a good part of the start-up time of `ects check`, so Babel is imported on the first
number or plural in another language (a lazy import, for that reason alone).
"""
from __future__ import annotations

import decimal
import math
from functools import lru_cache

# report language -> CLDR locale (Serbian is written in Latin script unless sr-Cyrl is asked for)
LOCALES = {"en": "en", "el": "el", "sr": "sr_Latn", "sr-Cyrl": "sr_Cyrl"}

# canonical unit -> the form per CLDR plural category, per language; English is the fallback
_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "credits": {"one": "credit", "other": "credits"}, "hours": {"one": "hour", "other": "hours"},
        "weeks": {"one": "week", "other": "weeks"}, "students": {"one": "student", "other": "students"},
        "years": {"one": "year", "other": "years"}, "months": {"one": "month", "other": "months"},
        "days": {"one": "day", "other": "days"}, "semesters": {"one": "semester", "other": "semesters"},
        "terms": {"one": "term", "other": "terms"}, "points": {"one": "point", "other": "points"},
    },
    "el": {
        "credits": {"one": "πιστωτική μονάδα", "other": "πιστωτικές μονάδες"}, "hours": {"one": "ώρα", "other": "ώρες"},
        "weeks": {"one": "εβδομάδα", "other": "εβδομάδες"}, "students": {"one": "φοιτητής", "other": "φοιτητές"},
        "years": {"one": "έτος", "other": "έτη"}, "months": {"one": "μήνας", "other": "μήνες"},
        "days": {"one": "ημέρα", "other": "ημέρες"}, "semesters": {"one": "εξάμηνο", "other": "εξάμηνα"},
        "terms": {"one": "περίοδος", "other": "περίοδοι"}, "points": {"one": "μονάδα", "other": "μονάδες"},
    },
    "sr": {
        "credits": {"one": "ESPB bod", "few": "ESPB boda", "other": "ESPB bodova"},
        "hours": {"one": "čas", "few": "časa", "other": "časova"},
        "weeks": {"one": "nedelja", "few": "nedelje", "other": "nedelja"},
        "students": {"one": "student", "few": "studenta", "other": "studenata"},
        "years": {"one": "godina", "few": "godine", "other": "godina"},
        "months": {"one": "mesec", "few": "meseca", "other": "meseci"},
        "days": {"one": "dan", "few": "dana", "other": "dana"},
        "semesters": {"one": "semestar", "few": "semestra", "other": "semestara"},
        "terms": {"one": "period", "few": "perioda", "other": "perioda"},
        "points": {"one": "poen", "few": "poena", "other": "poena"},
    },
}
_PER = {"en": "per", "el": "ανά", "sr": "po"}
# what follows "per": English and Greek use the singular; Serbian "po" takes the locative
_PER_FORM = {"sr": {"credits": "ESPB bodu", "hours": "času", "weeks": "nedelji", "students": "studentu",
                    "years": "godini", "months": "mesecu", "days": "danu", "semesters": "semestru",
                    "terms": "periodu", "points": "poenu"}}


def _base(lang: str) -> str:
    """The language whose words a report language uses (sr-Cyrl: the Serbian words, transliterated later)."""
    return lang.split("-", 1)[0]


@lru_cache(maxsize=None)
def _locale(lang: str):
    """Babel's Locale for a report language (Babel is imported here, on first use: see the module's doc)."""
    from babel import Locale
    return Locale.parse(LOCALES.get(lang, "en"))


def _english_finite(x, lang: str) -> bool:
    """Whether `x` is a finite int or float to word in English (the cases worded without Babel)."""
    return LOCALES.get(lang, "en") == "en" and type(x) in (int, float) and (type(x) is int or math.isfinite(x))


def plural_category(value, lang: str = "en") -> str:
    """The CLDR plural category of `value` in `lang`: 'one', 'few', 'other'..."""
    if _english_finite(value, lang):  # CLDR English: "one" is i = 1 and v = 0, i.e. 1 (or 1.0) exactly
        return "one" if abs(value) == 1 else "other"
    return _locale(lang).plural_form(abs(value))


def unit_words(unit: str | None, value=None, lang: str = "en") -> str:
    """The words for `unit` after `value` ('' for a plain number), in the plural form `value` takes;
    without a value, the plural."""
    if not unit:
        return ""
    if unit == "%":
        return "%"
    base = _base(lang)
    names = _NAMES.get(base, _NAMES["en"])
    if "/" in unit:
        num, den = unit.split("/", 1)
        forms = names.get(den + "s") or _NAMES["en"].get(den + "s") or {"one": den}
        den_name = _PER_FORM.get(base, {}).get(den + "s") or forms["one"]
        return f"{unit_words(num, value, lang)} {_PER.get(base, 'per')} {den_name}"
    forms = names.get(unit) or _NAMES["en"].get(unit) or {"other": unit}
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return forms["other"]
    return forms.get(plural_category(value, lang), forms["other"])


def format_number(x, lang: str = "en", decimals: int = 2) -> str:
    """A number as the locale writes it: whole numbers without decimals, others to at most `decimals`
    decimals, two unless more are needed to tell numbers apart (`decimals_apart`): '7.5' in English,
    '7,5' in Greek and Serbian; digits are not grouped. An int is written with every digit, whatever its size."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, int):  # its digits, as Babel writes an int with "0.##" up to 1,000 digits (then it groups)
        return f"{decimal.Decimal(x):f}"  # exact, and not bound by Python's 4,300 digits of int-to-text
    if x == 0:
        x = 0.0  # -0.0 equals 0.0 and reads as it does, not '-0'
    with decimal.localcontext() as context:  # room for every digit of the largest float (no InvalidOperation)
        context.prec = 400
        if _english_finite(x, lang):
            return _english_number(x, decimals)
        from babel.numbers import format_decimal
        return format_decimal(x, format="0." + "#" * decimals, locale=_locale(lang))


def decimals_apart(numbers, decimals: int = 2) -> int:
    """The fewest decimals, at least `decimals`, at which format_number writes different numbers among
    `numbers` differently (so that '20.0033 is 20' does not read '20 is 20'); ints, floats and others
    mixed (only finite numbers count). Rounding to as many decimals as a number's shortest decimal text
    has gives that text back, so the search ends there at the latest."""
    values = {x for x in numbers if type(x) in (int, float) and math.isfinite(x)}
    if len(values) < 2:
        return decimals
    with decimal.localcontext() as context:
        context.prec = 400
        exact = {x: decimal.Decimal(str(x)) for x in values}
        last = max(decimals, *(-d.as_tuple().exponent for d in exact.values()))
        for places in range(decimals, last):
            step = decimal.Decimal(1).scaleb(-places)
            if len({d.quantize(step) for d in exact.values()}) == len(values):
                return places
        return last


_HUNDREDTH = decimal.Decimal("0.01")


def _english_number(x: float, decimals: int = 2) -> str:
    """What Babel's format_decimal(x, format="0.##", locale="en") gives for a finite number (with as
    many '#' as `decimals`), in the same steps (the decimal text of x, rounded half to even to that many
    decimals, trailing zeros dropped, "-" before a negative number, even one that rounds to 0)."""
    value = decimal.Decimal(str(x)).scaleb(0)
    sign = "-" if value.is_signed() else ""
    step = _HUNDREDTH if decimals == 2 else decimal.Decimal(1).scaleb(-decimals)
    whole, _, fraction = f"{abs(value).normalize().quantize(step):f}".partition(".")
    fraction = fraction.rstrip("0")
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"
