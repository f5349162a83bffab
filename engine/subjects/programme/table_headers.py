"""The words published study plans use: column headers, term and year rows, subtotal rows, course types.

Headers are recognised in English, Greek, Serbian (Latin and Cyrillic), Polish, Spanish, German and
French. Everything is compared after `normalise` (case folded, accents and punctuation dropped), so
"Šifra", "ŠIFRA" and "sifra" are one word, as are "Εξάμηνο" and "ΕΞΑΜΗΝΟ".
"""
from __future__ import annotations

import re
import unicodedata

# field -> header words. Course fields, the hour columns per kind (see HOUR_COLUMNS) and a few more.
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("code", "course code", "module code", "κωδικος", "κωδ", "κωδικος μαθηματος", "sifra", "sifra predmeta",
             "шифра", "шифра предмета", "oznaka", "kod", "kod przedmiotu", "codigo", "cod", "modulnummer",
             "modul nr", "kennung", "kurzel", "code ue", "code de l ue"),
    "title": ("title", "course", "course title", "course name", "module", "module title", "name", "subject",
              "τιτλος", "μαθημα", "τιτλος μαθηματος", "ονομασια μαθηματος", "naziv", "naziv predmeta", "predmet",
              "назив", "назив предмета", "предмет", "nazwa", "nazwa przedmiotu", "przedmiot", "nazwa modulu",
              "asignatura", "nombre", "nombre de la asignatura", "materia", "modulbezeichnung", "modulname",
              "lehrveranstaltung", "titel", "intitule", "unite d enseignement", "ue", "matiere", "cours",
              "enseignement"),
    "term": ("semester", "term", "sem", "сем", "trimester", "εξαμηνο", "εξ", "semestar", "семестар", "семестр", "semestr",
             "semestre", "cuatrimestre", "studiensemester", "fachsemester"),
    "year": ("year", "year of study", "ετος", "ετος σπουδων", "godina", "godina studija", "година", "rok",
             "rok studiow", "ano", "curso", "studienjahr", "jahr", "annee"),
    "credits": ("credits", "ects", "ects credits", "credit", "cr", "πμ", "δμ", "π μ", "δ μ", "πιστωτικες μοναδες", "μοναδες ects",
                "espb", "еспб", "espb bodovi", "bodovi", "ects bodovi", "punkty", "punkty ects", "pkt ects", "ects pkt",
                "creditos", "creditos ects", "cred", "lp", "leistungspunkte", "cp", "credit points", "credits ects",
                "ects punkte"),
    "type": ("type", "course type", "status", "τυπος", "ειδος", "κατηγορια", "tip", "тип", "status predmeta",
             "tip predmeta", "статус", "тип предмета", "rodzaj", "typ", "tipo", "caracter", "art", "pflicht wahl",
             "modulart", "nature", "statut"),
    "specialisation": ("specialisation", "specialization", "track", "κατευθυνση", "ειδικευση", "smer", "смер",
                       "modul smera", "specjalnosc", "sciezka", "itinerario", "mencion", "vertiefung",
                       "schwerpunkt", "parcours", "option"),
    "elective_group": ("elective group", "elective block", "group", "block", "izborna grupa", "izborni blok", "grupa",
                       "blok", "изборна група", "изборни блок", "група", "блок", "ομαδα", "ομαδα επιλογης",
                       "grupa przedmiotow", "grupa zajec", "grupo", "bloque", "grupo de optativas",
                       "wahlpflichtbereich", "wahlpflichtgruppe", "modulgruppe", "groupe", "groupe d options", "bloc"),
    "level": ("level", "cycle level", "επιπεδο", "nivo", "ниво", "poziom", "nivel", "niveau", "stufe"),
    "lecturer": ("lecturer", "teacher", "διδασκων", "διδασκοντες", "nastavnik", "наставник", "prowadzacy",
                 "profesor", "dozent", "lehrende", "enseignant", "responsable"),
    "contact_hours_per_week": ("hours per week", "contact hours per week", "hours week", "h week", "ωρες εβδομαδα",
                               "ωρες ανα εβδομαδα", "ωδ", "ωρες διδασκαλιας", "casova nedeljno", "broj casova nedeljno",
                               "casova aktivne nastave", "часова недељно", "godz tyg", "horas semanales", "sws",
                               "semesterwochenstunden", "heures par semaine"),
    "contact_hours": ("contact hours", "teaching hours", "godziny kontaktowe", "liczba godzin", "godz", "horas presenciales",
                      "kontaktstunden", "prasenzzeit", "heures", "volume horaire"),
    "total_hours": ("workload", "total workload", "workload hours", "total hours", "φορτος εργασιας", "ωρες φορτου",
                    "ukupno casova", "opterecenje", "nakład pracy", "naklad pracy", "nakład pracy studenta",
                    "horas totales", "carga de trabajo", "arbeitsaufwand", "workload h", "charge de travail"),
    "independent_hours": ("independent study", "self study", "αυτοτελης μελετη", "samostalni rad", "самостални рад",
                          "praca wlasna", "trabajo autonomo", "selbststudium", "travail personnel"),
}

# Hour columns by kind. Serbian P/V/DON/SIR and Greek Θ/Ε/Φ are weekly hours by convention; Polish
# W/Ć/L/S and plain "Lectures" are hours over the term.
HOUR_COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # key: (kind, "week" | "term", header words)
    "sr_p": ("P", "week", ("p", "п", "predavanja", "предавања")),
    "sr_v": ("V", "week", ("v", "в", "vezbe", "вежбе")),
    "sr_don": ("DON", "week", ("don", "дон", "drugi oblici nastave")),
    "sr_sir": ("SIR", "week", ("sir", "сир", "studijski istrazivacki rad")),
    "gr_t": ("lectures", "week", ("θ", "θεωρια")),
    "gr_e": ("labs", "week", ("εργ", "εργαστηριο")),
    "gr_f": ("tutorials", "week", ("φ", "φροντιστηριο")),
    "pl_w": ("lectures", "term", ("w", "wyklad", "wyklady")),
    "pl_c": ("exercises", "term", ("c", "cw", "cwiczenia")),
    "pl_l": ("labs", "term", ("l", "lab", "laboratorium")),
    "pl_s": ("seminars", "term", ("s", "seminarium")),
    "lectures": ("lectures", "term", ("lectures", "lecture hours", "teoria", "clases teoricas", "vorlesung",
                                      "cours magistraux", "cm")),
    "exercises": ("exercises", "term", ("exercises", "practicas", "ubung", "ubungen", "td", "travaux diriges")),
    "labs": ("labs", "term", ("labs", "laboratory", "laboratorio", "labor", "tp", "travaux pratiques")),
}

SUBTOTAL_WORDS = ("total", "totals", "sum", "subtotal", "συνολο", "συνολα", "ukupno", "укупно", "razem", "suma",
                  "summe", "gesamt", "insgesamt", "somme", "total general")

TERM_WORDS = ("semester", "semestar", "семестар", "семестр", "semestr", "semestre", "term", "trimester",
              "εξαμηνο", "cuatrimestre", "fachsemester")
YEAR_WORDS = ("year", "godina", "година", "rok", "ετος", "curso", "ano", "studienjahr", "jahr", "annee")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "prvi": 1, "drugi": 2, "treci": 3, "cetvrti": 4, "peti": 5, "sesti": 6,
            "sedmi": 7, "osmi": 8, "први": 1, "други": 2, "трећи": 3, "четврти": 4, "пети": 5, "шести": 6,
            "седми": 7, "осми": 8, "pierwszy": 1, "drugi semestr": 2, "trzeci": 3, "czwarty": 4, "primer": 1,
            "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4, "quinto": 5, "sexto": 6,
            "septimo": 7, "octavo": 8, "erstes": 1, "zweites": 2, "drittes": 3, "premier": 1, "deuxieme": 2,
            "troisieme": 3}

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11,
         "xii": 12}
GREEK_NUMERALS = {"α": 1, "β": 2, "γ": 3, "δ": 4, "ε": 5, "στ": 6, "ς": 6, "ζ": 7, "η": 8, "θ": 9, "ι": 10,
                  "ια": 11, "ιβ": 12}

TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "compulsory": ("compulsory", "mandatory", "required", "core", "c", "m", "υ", "υποχρεωτικο", "υποχρεωτικα",
                   "obavezni", "obavezan", "obavezna", "o", "об", "о", "обавезни", "обавезан", "obowiazkowy",
                   "obowiazkowe", "ob", "obligatoria", "obligatorio", "fb", "formacion basica", "basica", "pflicht",
                   "pf", "p", "obligatoire", "ue obligatoire"),
    "elective": ("elective", "optional", "option", "e", "ε", "επιλογης", "επιλογη", "ee", "εε", "επ", "izborni",
                 "izborna", "i", "и", "изборни", "izb", "fakultatywny", "obieralny", "do wyboru", "optativa",
                 "optativo", "op", "wahlpflicht", "wp", "wahl", "optionnel", "optionnelle", "au choix"),
    "thesis": ("thesis", "diplomska", "πτυχιακη", "διπλωματικη", "diplomski rad", "zavrsni rad", "master rad",
               "завршни рад", "мастер рад", "praca dyplomowa", "tfg", "tfm", "trabajo fin de grado",
               "trabajo fin de master", "abschlussarbeit", "bachelorarbeit", "masterarbeit", "memoire"),
    "internship": ("internship", "placement", "πρακτικη ασκηση", "praksa", "strucna praksa", "пракса", "praktyka",
                   "praktyki", "practicas externas", "pe", "praktikum", "stage"),
    "other": ("other", "άλλο", "ostalo", "inne", "otro", "sonstige", "autre"),
    "non_credit": ("non_credit", "non-credit", "non credit", "bez espb", "без еспб", "bez punktow"),
}


def normalise(text: object) -> str:
    """Case-folded text without accents, punctuation or repeated spaces: the form headers are compared in."""
    s = unicodedata.normalize("NFKD", str(text).casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("ł", "l").replace("đ", "d")
    s = re.sub(r"[\s_/\\.,:;()\[\]\-–—'’΄ʹ`\"*#№]+", " ", s)
    return s.strip()


_HEADER_INDEX = {normalise(w): field for field, words in HEADERS.items() for w in words}
_TERM_WORDS = {normalise(w) for w in TERM_WORDS}
_YEAR_WORDS = {normalise(w) for w in YEAR_WORDS}
_NUMBER_WORDS = {normalise(w): k for table in (ROMAN, GREEK_NUMERALS, ORDINALS) for w, k in table.items()}
_SUBTOTAL_WORDS = tuple(normalise(w) for w in SUBTOTAL_WORDS)
_HOUR_INDEX = {normalise(w): key for key, (_, _, words) in HOUR_COLUMNS.items() for w in words}
_TYPE_INDEX = {normalise(w): t for t, words in TYPE_WORDS.items() for w in words}


def header_field(text: object) -> str | None:
    """The field a header cell names ('credits', 'hours:sr_p', ...), or None."""
    n = normalise(text)
    if not n:
        return None
    if n in _HEADER_INDEX:
        return _HEADER_INDEX[n]
    if n in _HOUR_INDEX:
        return f"hours:{_HOUR_INDEX[n]}"
    for word, field in _HEADER_INDEX.items():  # "Punkty ECTS (pkt)", "Semestar (zimski/letnji)"
        if len(word) >= 4 and (n.startswith(word + " ") or n.endswith(" " + word)):
            return field
    return None


def course_type(text: object) -> str | None:
    """The programme-file course type a cell names (compulsory, elective, ...), or None."""
    return _TYPE_INDEX.get(normalise(text))


def ordinal(text: str) -> int | None:
    """A term or year number written as 3, '3.', 'III', "Γ'", 'third', '3rd', '3º'; None otherwise."""
    n = normalise(text)
    m = re.fullmatch(r"(\d{1,2})(?: ?(?:st|nd|rd|th|er|e|o|a))?", n)
    if m:
        return int(m.group(1))
    return _NUMBER_WORDS.get(n)


def section_heading(text: object) -> tuple[str, int] | None:
    """('term', 3) for 'Semester 3', '3. semestar', "Γ' Εξάμηνο", 'III семестар', 'S3'; ('year', 2) for
    'Year 2', 'II godina', "Έτος Β'"; None for anything else."""
    n = normalise(text)
    n = re.sub(r"\b(winter|summer|zimski|letnji|zimowy|letni|χειμερινο|εαρινο)\b", "", n).strip()
    n = re.sub(r" +", " ", n)
    m = re.fullmatch(r"s(\d{1,2})", n)
    if m:
        return "term", int(m.group(1))
    parts = n.split(" ")
    if len(parts) != 2:
        return None
    for word, number in ((parts[0], parts[1]), (parts[1], parts[0])):
        k = ordinal(number)
        if k is None:
            continue
        if word in _TERM_WORDS:
            return "term", k
        if word in _YEAR_WORDS:
            return "year", k
    return None


def is_subtotal(text: object) -> bool:
    """True for 'Total', 'Σύνολο', 'Ukupno', 'Укупно', 'Razem', 'Suma', 'Summe' (also 'Ukupno u semestru')."""
    n = normalise(text)
    return any(n == w or n.startswith(w + " ") for w in _SUBTOTAL_WORDS)


def parse_number(value: object) -> float | None:
    """A number from a cell: 6, 6.0, '6', '7,5' (decimal comma), '1 500'; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(number_text(value))
    except ValueError:
        return None


def number_text(value: object) -> str:
    """A cell's number as Python writes it: '7,5' as '7.5', without spaces or a unit after it ('6 ECTS')."""
    s = str(value).strip().replace("\u00a0", "").replace(" ", "")
    s = re.sub(r"(?i)(ects|espb|еспб|pkt|πμ|cr|lp|h)$", "", s)  # "6 ECTS", "6 ESPB", "30h": a unit after the number
    return s.replace(",", ".") if re.fullmatch(r"-?\d+,\d+", s) else s


EMPTY_MARKS = ("", "-", "–", "—", "/", "x")


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only a dash or slash (how plans mark 'none')."""
    return value is None or (isinstance(value, str) and value.strip().lower() in EMPTY_MARKS)
