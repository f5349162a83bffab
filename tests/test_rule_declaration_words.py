"""The rarer errors of rule-file declarations (a clause or a text given twice, an English text missing or misplaced,
declarations given twice or in conflict, an exception without its condition or citation, an override of nothing)
as `ects rules check --lang` words them; the English lines are the ones the checker always printed."""
from __future__ import annotations

import pytest

from cli_helpers import lines_in_each_language

HEAD = '''ruleset t
  title "T"
  in force from 2010-01-01
source s "A source"
parameter full_year = 60 credits
  cite s "art. 1"
'''
EXT = HEAD.replace("ruleset t\n", "ruleset t extends ects_guide_2015\n")
RULE = 'rule r\n  title "R"\n  severity error\n  cite s "a"\n  require programme.terms_per_year > 0\n'
EXC = 'rule e exception to r\n  cite s "b"\n  when 1 > 0\n  require programme.terms_per_year > 0\n'
CASES = [
    ("clause_twice", HEAD + 'rule r\n  title "R"\n  severity error\n  severity warning\n  cite s "a"\n  require programme.terms_per_year > 0\n'),
    ("two_titles", HEAD + 'source s2 "A law"\n  title[el] "α"\n  title[el] "β"\n'),
    ("two_messages", HEAD + RULE + '  message[el] "α"\n  message[el] "β"\n'),
    ("no_english", HEAD + RULE + '  note[el] "Σ"\n'),
    ("english_title_after_name", HEAD + 'source s2 "A law"\n  title "Another"\n'),
    ("needs_pass_mark", HEAD + 'scale gr from 0 to 10 step 1\n  cite s "x"\n'),
    ("in_expression", HEAD + RULE + '  message "a {b.}"\n'),
    ("two_english_reasons", EXT + 'drop year_credits\n  because "x"\n  because[en] "y"\n'),
    ("source_twice", HEAD + 'source s "Again"\n'),
    ("parameter_overlapping", HEAD + 'parameter full_year = 61 credits\n  cite s "art. 1"\n'),
    ("rule_overlapping", HEAD + RULE + RULE),
    ("exception_named_as_rule", HEAD + RULE + EXC.replace("rule e ", "rule r ")),
    ("exception_twice", HEAD + RULE + EXC + EXC.replace("when 1 > 0", "when 2 > 0")),
    ("exception_no_when", HEAD + RULE + EXC.replace("  when 1 > 0\n", "")),
    ("exception_no_citation", HEAD + RULE + EXC.replace('  cite s "b"\n', "")),
    ("exceptions_conflict", HEAD + RULE + EXC + EXC.replace("rule e ", "rule e2 ")),
    ("needs_override", EXT + RULE.replace("rule r", "rule year_credits")),
    ("overrides_nothing", EXT + RULE.replace("rule r", "override rule year_credit")),
    ("drops_own_rule", HEAD + RULE + 'drop r\n  because "x"\n'),
    ("quote_language", HEAD + RULE.replace('cite s "a"', 'cite s "a" quote[sr] "x"')),
    ("scale_no_citation", HEAD + 'scale gr from 0 to 10 step 1 pass 5\n'),
    ("scale_twice", HEAD + 'scale gr from 0 to 10 step 1 pass 5\n  cite s "x"\nscale gr from 0 to 10 step 1 pass 5\n  cite s "x"\n'),
]
# the error of each case in English, Greek, Serbian (Latin) and Serbian (Cyrillic); {file}: the rule file
WORDED = {
    'clause_twice': (
        "rule 'r' has more than one 'severity' clause",
        'κανόνας «r»: ο όρος «severity» δίνεται περισσότερες από μία φορές',
        'pravilo «r»: odredba «severity» navedena je više puta',
        'правило «r»: одредба «severity» наведена је више пута',
    ),
    'two_titles': (
        "source 's2' has two titles in language 'el'",
        'πηγή «s2»: δίνει δύο τίτλους στη γλώσσα «el»',
        'izvor «s2»: daje dva naslova na jeziku «el»',
        'извор «s2»: даје два наслова на језику «el»',
    ),
    'two_messages': (
        "rule 'r' has two messages in language 'el'",
        'κανόνας «r»: δίνει δύο μηνύματα στη γλώσσα «el»',
        'pravilo «r»: daje dve poruke na jeziku «el»',
        'правило «r»: даје две поруке на језику «el»',
    ),
    'no_english': (
        'rule \'r\' has note[el] but no English note: write note "..." too',
        'κανόνας «r»: έχει note[el] αλλά όχι αγγλικό note: γράψτε και note "..."',
        'pravilo «r»: ima «note[el]», ali nema engleski «note»: napišite i «note "..."»',
        'правило «r»: има «note[el]», али нема енглески «note»: напишите и «note "..."»',
    ),
    'english_title_after_name': (
        'source \'s2\' has its English title after its name; a \'title\' clause gives it in another language: title[el] "..."',
        'πηγή «s2»: ο αγγλικός τίτλος δίνεται μετά το όνομα· ένας όρος «title» τον δίνει σε άλλη γλώσσα: title[el] "..."',
        'izvor «s2»: engleski naslov stoji posle imena; odredba «title» daje naslov na drugom jeziku: «title[el] "..."»',
        'извор «s2»: енглески наслов стоји после имена; одредба «title» даје наслов на другом језику: «title[el] "..."»',
    ),
    'needs_pass_mark': (
        "scale 'gr' needs a pass mark: add 'pass NUMBER'",
        'κλίμακα «gr»: χρειάζεται βάση επιτυχίας: προσθέστε «pass ΑΡΙΘΜΟΣ»',
        'skala «gr»: potrebna je prolazna ocena: dodajte «pass BROJ»',
        'скала «gr»: потребна је пролазна оцена: додајте «pass BROJ»',
    ),
    'in_expression': (
        "in the expression '{b.}': the expression is incomplete",
        'στην έκφραση «{b.}»: η έκφραση είναι ελλιπής',
        'u izrazu «{b.}»: izraz je nepotpun',
        'у изразу «{b.}»: израз је непотпун',
    ),
    'two_english_reasons': (
        "the drop of 'year_credits' has two reasons in language 'en': the text after 'because' is the English one",
        'κατάργηση του «year_credits»: δίνει δύο αιτιολογίες στη γλώσσα «en»: το κείμενο μετά το «because» είναι το αγγλικό',
        'izostavljanje pravila «year_credits»: daje dva obrazloženja na jeziku «en»: tekst posle «because» je engleski',
        'изостављање правила «year_credits»: даје два образложења на језику «en»: текст после «because» је енглески',
    ),
    'source_twice': (
        "source 's' is declared twice (first at line 4)",
        'η πηγή «s» δηλώνεται δύο φορές (πρώτη φορά στη γραμμή 4)',
        'izvor «s» je deklarisan dvaput (prvi put u redu 4)',
        'извор «s» је декларисан двапут (први пут у реду 4)',
    ),
    'parameter_overlapping': (
        "parameter 'full_year' is declared twice for overlapping dates (the other at line 5); give each version its own 'in force' period",
        'η παράμετρος «full_year» δηλώνεται δύο φορές για ημερομηνίες που επικαλύπτονται (η άλλη δήλωση: γραμμή 5)· δώστε σε κάθε εκδοχή τη δική της περίοδο «in force»',
        'parametar «full_year» je deklarisan dvaput za datume koji se preklapaju (druga deklaracija: red 5); dajte svakoj verziji sopstveni period «in force»',
        'параметар «full_year» је декларисан двапут за датуме који се преклапају (друга декларација: ред 5); дајте свакој верзији сопствени период «in force»',
    ),
    'rule_overlapping': (
        "rule 'r' is declared twice for overlapping dates (the other at line 7); give each version its own 'in force' period",
        'ο κανόνας «r» δηλώνεται δύο φορές για ημερομηνίες που επικαλύπτονται (η άλλη δήλωση: γραμμή 7)· δώστε σε κάθε εκδοχή τη δική της περίοδο «in force»',
        'pravilo «r» je deklarisano dvaput za datume koji se preklapaju (druga deklaracija: red 7); dajte svakoj verziji sopstveni period «in force»',
        'правило «r» је декларисано двапут за датуме који се преклапају (друга декларација: ред 7); дајте свакој верзији сопствени период «in force»',
    ),
    'exception_named_as_rule': (
        "'r' is already the name of a rule; an exception needs a name of its own",
        'το «r» είναι ήδη όνομα κανόνα· μια εξαίρεση χρειάζεται δικό της όνομα',
        '«r» je već ime pravila; izuzetku je potrebno sopstveno ime',
        '«r» је већ име правила; изузетку је потребно сопствено име',
    ),
    'exception_twice': (
        "exception 'e' is declared twice",
        'η εξαίρεση «e» δηλώνεται δύο φορές',
        'izuzetak «e» je deklarisan dvaput',
        'изузетак «e» је декларисан двапут',
    ),
    'exception_no_when': (
        "exception 'e' needs a 'when' condition saying where it replaces 'r'",
        'η εξαίρεση «e» χρειάζεται συνθήκη «when» που να λέει πού αντικαθιστά τον κανόνα «r»',
        'izuzetku «e» potreban je uslov «when» koji kaže gde zamenjuje pravilo «r»',
        'изузетку «e» потребан је услов «when» који каже где замењује правило «r»',
    ),
    'exception_no_citation': (
        "exception 'e' has no citation: say which article makes the exception",
        'η εξαίρεση «e» δεν έχει παραπομπή: δηλώστε ποιο άρθρο προβλέπει την εξαίρεση',
        'izuzetak «e» nema navod izvora: navedite koji član propisuje izuzetak',
        'изузетак «e» нема навод извора: наведите који члан прописује изузетак',
    ),
    'exceptions_conflict': (
        "exceptions 'e' (line 12 of {file}) and 'e2' to 'r' both apply wherever 1 > 0, and neither says which prevails; narrow one condition so they exclude each other, or drop one",
        'οι εξαιρέσεις «e» (γραμμή 12 του αρχείου {file}) και «e2» στον κανόνα «r» εφαρμόζονται και οι δύο όπου ισχύει 1 > 0, και καμία δεν λέει ποια υπερισχύει· περιορίστε τη μία συνθήκη ώστε να αλληλοαποκλείονται ή καταργήστε τη μία',
        'izuzeci «e» (red 12 datoteke {file}) i «e2» od pravila «r» primenjuju se oba gde god važi 1 > 0, a nijedan ne kaže koji ima prednost; suzite jedan uslov tako da se isključuju ili izostavite jedan',
        'изузеци «e» (ред 12 датотеке {file}) и «e2» од правила «r» примењују се оба где год важи 1 > 0, а ниједан не каже који има предност; сузите један услов тако да се искључују или изоставите један',
    ),
    'needs_override': (
        "rule 'year_credits' has the name of a rule of 'ects_guide_2015'; write 'override rule year_credits' to replace it, or give this rule a name of its own",
        'ο κανόνας «year_credits» έχει το όνομα ενός κανόνα του «ects_guide_2015»· γράψτε «override rule year_credits» για να τον αντικαταστήσετε ή δώστε σε αυτόν τον κανόνα δικό του όνομα',
        'pravilo «year_credits» ima ime pravila iz «ects_guide_2015»; napišite «override rule year_credits» da biste ga zamenili ili dajte ovom pravilu sopstveno ime',
        'правило «year_credits» има име правила из «ects_guide_2015»; напишите «override rule year_credits» да бисте га заменили или дајте овом правилу сопствено име',
    ),
    'overrides_nothing': (
        "rule 'year_credit' says 'override' but no rule set it extends has a rule 'year_credit' (did you mean 'year_credits'?)",
        'ο κανόνας «year_credit» δηλώνει «override», αλλά κανένα σύνολο κανόνων που επεκτείνει δεν έχει κανόνα «year_credit» (μήπως εννοείτε «year_credits»;)',
        'pravilo «year_credit» kaže «override», ali nijedan skup pravila koji proširuje nema pravilo «year_credit» (da li ste mislili na „year_credits“?)',
        'правило «year_credit» каже «override», али ниједан скуп правила који проширује нема правило «year_credit» (да ли сте мислили на „year_credits“?)',
    ),
    'drops_own_rule': (
        "rule 'r' is declared in this same rule set; delete it instead of dropping it",
        'ο κανόνας «r» δηλώνεται στο ίδιο αυτό σύνολο κανόνων· διαγράψτε τον αντί να τον καταργήσετε',
        'pravilo «r» je deklarisano u ovom istom skupu pravila; obrišite ga umesto da ga izostavite',
        'правило «r» је декларисано у овом истом скупу правила; обришите га уместо да га изоставите',
    ),
    'quote_language': (
        "quote[sr] is for the original text of a source in that language; source 's' does not say 'language sr'",
        'το quote[sr] προορίζεται για το πρωτότυπο κείμενο μιας πηγής σε αυτή τη γλώσσα· η πηγή «s» δεν δηλώνει «language sr»',
        '«quote[sr]» služi za izvorni tekst izvora na tom jeziku; izvor «s» ne navodi «language sr»',
        '«quote[sr]» служи за изворни текст извора на том језику; извор «s» не наводи «language sr»',
    ),
    'scale_no_citation': (
        'scale \'gr\' has no citation: say where it comes from with cite SOURCE "article"',
        'η κλίμακα «gr» δεν έχει παραπομπή: δηλώστε από πού προέρχεται με cite ΠΗΓΗ "άρθρο"',
        'skala «gr» nema navod izvora: navedite odakle potiče pomoću «cite IZVOR "član"»',
        'скала «gr» нема навод извора: наведите одакле потиче помоћу «cite IZVOR "član"»',
    ),
    'scale_twice': (
        "scale 'gr' is declared twice (first at line 7)",
        'η κλίμακα «gr» δηλώνεται δύο φορές (πρώτη φορά στη γραμμή 7)',
        'skala «gr» je deklarisana dvaput (prvi put u redu 7)',
        'скала «gr» је декларисана двапут (први пут у реду 7)',
    ),
}


@pytest.mark.parametrize("name, text", CASES, ids=[name for name, _ in CASES])
def test_each_declaration_error_in_each_language(name, text, write):
    path = write(f"{name}/t.rules", text)
    got = lines_in_each_language("rules", "check", path.parent, line=-3)  # the error, then the source line and its caret
    prefix = {"en": "error: ", "el": "σφάλμα: ", "sr": "greška: ", "sr-Cyrl": "грешка: "}
    for lang, worded in zip(("en", "el", "sr", "sr-Cyrl"), WORDED[name]):
        assert got[lang].startswith(f"{prefix[lang]}{path}:"), got[lang]
        assert got[lang].split(": ", 2)[2] == worded.replace("{file}", str(path)), lang


def test_a_name_that_cannot_be_a_rule_set_in_each_language():
    lines = lines_in_each_language("rules", "show", "x" * 300)
    assert lines["en"].endswith(": cannot use this as a rule set: File name too long")
    assert lines["el"].endswith(": δεν μπορεί να χρησιμοποιηθεί ως σύνολο κανόνων: «File name too long»")
    assert lines["sr"].endswith(": ovo se ne može koristiti kao skup pravila: «File name too long»")
    assert lines["sr-Cyrl"].endswith(": ово се не може користити као скуп правила: «File name too long»")
