"""The programme model's own cross-field checks (a course placed beyond the programme, an elective group that
lists an unknown course, choose and credits bounds that cannot be met...) in the reader's language, with the
file, line and field kept; in English, the line as it always was.

The programme is the project's example (examples/programmes/compliant_bsc.yaml) with one slip each.
"""
from __future__ import annotations

import pickle

import pytest
import yaml

from engine.render.wording import wording
from engine.subjects.programme.model import Programme
from engine.semantics.reasons import Shown, because
from engine.subjects.problems import FieldProblem
from test_input_error_words import PROGRAMME, last_line, programme_with

ERROR = {"en": "error: ", "el": "σφάλμα: ", "sr": "greška: ", "sr-Cyrl": "грешка: "}
FIELD = {"en": "programme field '{f}': ", "el": "αρχείο προγράμματος σπουδών, πεδίο «{f}»: ",
         "sr": "datoteka studijskog programa, polje «{f}»: ", "sr-Cyrl": "датотека студијског програма, поље «{f}»: "}


def _group(d, **group):
    d["elective_groups"] = [{"id": "g1", "courses": [d["courses"][0]["code"]], **group}]


# (file, the slip, the line, the field, English as it always was, Greek, Serbian Latin, Serbian Cyrillic)
SLIPS = [
    ("term.yaml", lambda d: d["courses"][0].update(term=12), 10, "courses[0].term",
     "course CS101: term 12 is beyond the programme's last term (number of terms: 6)",
     "μάθημα CS101: η περίοδος 12 είναι μετά την τελευταία περίοδο του προγράμματος (αριθμός περιόδων: 6)",
     "predmet CS101: period 12 je posle poslednjeg perioda programa (broj perioda: 6)",
     "предмет CS101: период 12 је после последњег периода програма (број периода: 6)"),
    ("years.yaml", lambda d: d.update(years=1.25), 241, "years",
     "1.25 years is not a whole number of terms (a multiple of 1/2, e.g. 1.5 with 2 terms a year)",
     "τα 1,25 έτη δεν αντιστοιχούν σε ακέραιο αριθμό περιόδων (η διάρκεια πρέπει να είναι πολλαπλάσιο του 1/2, "
     "π.χ. 1,5 με 2 περιόδους ανά έτος)",
     "trajanje od 1,25 godina nije ceo broj perioda (mora biti umnožak od 1/2, npr. 1,5 uz 2 perioda godišnje)",
     "трајање од 1,25 година није цео број периода (мора бити умножак од 1/2, нпр. 1,5 уз 2 периода годишње)"),
    ("unknown.yaml", lambda d: d.update(elective_groups=[{"id": "g1", "choose": 1, "courses": ["XX9"]}]), 235,
     "elective_groups[0].courses",
     "elective group g1 lists 'XX9', which is not among the courses",
     "η ομάδα μαθημάτων επιλογής g1 περιλαμβάνει το «XX9», που δεν είναι μεταξύ των μαθημάτων",
     "grupa izbornih predmeta g1 navodi «XX9», kojeg nema među predmetima",
     "група изборних предмета g1 наводи «XX9», којег нема међу предметима"),
    ("credits.yaml", lambda d: _group(d, credits={"min": 7.5, "max": 2.5}), 234, "elective_groups[0]",
     "credits: min 7.5 is more than max 2.5",
     "«credits»: το «min» 7,5 είναι μεγαλύτερο από το «max» 2,5",
     "«credits»: «min» 7,5 je veće od «max» 2,5",
     "«credits»: «min» 7,5 је веће од «max» 2,5"),
]


@pytest.mark.parametrize("name, slip, line, field, english, greek, serbian, cyrillic", SLIPS,
                         ids=[s[0] for s in SLIPS])
def test_a_programmes_own_check_is_worded_in_the_language(tmp_path, name, slip, line, field, english, greek,
                                                         serbian, cyrillic):
    path = programme_with(tmp_path, name, slip)
    for lang, words in (("en", english), ("el", greek), ("sr", serbian), ("sr-Cyrl", cyrillic)):
        assert last_line(path, lang) == f"{ERROR[lang]}{path}:{line}: {FIELD[lang].format(f=field)}{words}"


def test_the_english_of_a_check_is_the_message_it_always_was():
    """The ValueError pydantic words keeps its English text ('@field: message'), and a number as `:g` wrote it."""
    data = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    data["courses"][0]["hours"] = {"lectures": 30.125, "total": 20}
    with pytest.raises(ValueError) as caught:
        Programme.model_validate(data)
    assert "the components add up to 30.125 hours, more than the total of 20" in str(caught.value)
    problem = FieldProblem("courses.3.term", because("programme.check.term_beyond", "term {term} is beyond the "
                                                     "programme's last term (number of terms: {terms})", term=9, terms=8))
    assert str(problem) == "@courses.3.term: term 9 is beyond the programme's last term (number of terms: 8)"
    assert wording("el").reason(problem.reason) == ("η περίοδος 9 είναι μετά την τελευταία περίοδο του προγράμματος "
                                                    "(αριθμός περιόδων: 8)")


def test_a_field_problem_survives_pickling():
    """As an error sent back from a worker process of --jobs would be."""
    problem = FieldProblem("years", because("programme.check.years_not_whole", "{years} years is not a whole number "
                                            "of terms (a multiple of 1/{per_year}, e.g. 1.5 with 2 terms a year)",
                                            years=Shown(1.25), per_year=2))
    copy = pickle.loads(pickle.dumps(problem))
    assert (copy.where, copy.reason.key, str(copy)) == ("years", problem.reason.key, str(problem))
    assert wording("sr").reason(copy.reason).startswith("trajanje od 1,25 godina")
