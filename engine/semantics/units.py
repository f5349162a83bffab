"""Numbers and units as people read them in the report's language: '1 credit', '6 credits',
'6 πιστωτικές μονάδες', '3 ESPB boda'.

Rules compute with canonical unit names (credits, hours, hours/credit); this module only words them.
The other words around values ('unknown', 'depends on electives') are in reports/i18n/*.yaml.
"""
from __future__ import annotations

# canonical unit -> (singular, plural) per language; English is the fallback
_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "credits": ("credit", "credits"), "hours": ("hour", "hours"), "weeks": ("week", "weeks"),
        "students": ("student", "students"), "years": ("year", "years"), "months": ("month", "months"),
        "days": ("day", "days"), "semesters": ("semester", "semesters"), "terms": ("term", "terms"),
        "points": ("point", "points"),
    },
    "el": {
        "credits": ("πιστωτική μονάδα", "πιστωτικές μονάδες"), "hours": ("ώρα", "ώρες"),
        "weeks": ("εβδομάδα", "εβδομάδες"), "students": ("φοιτητής", "φοιτητές"), "years": ("έτος", "έτη"),
        "months": ("μήνας", "μήνες"), "days": ("ημέρα", "ημέρες"), "semesters": ("εξάμηνο", "εξάμηνα"),
        "terms": ("περίοδος", "περίοδοι"), "points": ("μονάδα", "μονάδες"),
    },
    "sr": {
        "credits": ("ESPB bod", "ESPB bodova"), "hours": ("čas", "časova"), "weeks": ("nedelja", "nedelja"),
        "students": ("student", "studenata"), "years": ("godina", "godina"), "months": ("mesec", "meseci"),
        "days": ("dan", "dana"), "semesters": ("semestar", "semestara"), "terms": ("period", "perioda"),
        "points": ("poen", "poena"),
    },
}
_PER = {"en": "per", "el": "ανά", "sr": "po"}
# what follows "per": English and Greek use the singular; Serbian "po" takes the locative
_PER_FORM = {"sr": {"credits": "ESPB bodu", "hours": "času", "weeks": "nedelji", "students": "studentu",
                    "years": "godini", "months": "mesecu", "days": "danu", "semesters": "semestru",
                    "terms": "periodu", "points": "poenu"}}
# Serbian nouns after 2, 3 and 4 (but not 12-14) take the paucal form
_PAUCAL = {"sr": {"credits": "ESPB boda", "hours": "časa", "weeks": "nedelje", "students": "studenta",
                  "years": "godine", "months": "meseca", "days": "dana", "semesters": "semestra",
                  "terms": "perioda", "points": "poena"}}


def unit_words(unit: str | None, value=None, lang: str = "en") -> str:
    """The words for `unit` after `value` ('' for a plain number); singular only for exactly 1."""
    if not unit:
        return ""
    if unit == "%":
        return "%"
    names = _NAMES.get(lang, _NAMES["en"])
    if "/" in unit:
        num, den = unit.split("/", 1)
        den_name = _PER_FORM.get(lang, {}).get(den + "s") or names.get(den + "s", _NAMES["en"].get(den + "s", (den, den)))[0]
        return f"{unit_words(num, value, lang)} {_PER.get(lang, 'per')} {den_name}"
    singular, plural = names.get(unit, _NAMES["en"].get(unit, (unit, unit)))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return plural
    if value == 1:
        return singular
    if lang in _PAUCAL and float(value).is_integer():
        n = int(value)
        if n % 10 == 1 and n % 100 != 11:
            return singular
        if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
            return _PAUCAL[lang].get(unit, plural)
    return plural


def format_number(x) -> str:
    """A number as digits: whole numbers without decimals, others to at most two decimals."""
    if isinstance(x, float):
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return str(x)
