"""A programme's cross-field problems (a course in a term beyond the programme's, an elective group that lists
an unknown course...), each a keyed message (worded in the reader's language) with the field it is about."""
from __future__ import annotations

from engine.semantics.reasons import Reason, Shown, because

# Programme, Course and ElectiveGroup in the annotations are engine.subjects.programme.model's (which imports
# this module: they are not imported here)

def consistency_problems(p: Programme):
    """Cross-field problems of a programme, each as (field path like 'courses.3.term', keyed message)."""
    if abs(p.years * p.terms_per_year - p.term_count) > 1e-9:
        yield "years", because("programme.check.years_not_whole", "{years} years is not a whole number of terms "
                               "(a multiple of 1/{per_year}, e.g. 1.5 with 2 terms a year)", years=Shown(p.years),
                               per_year=p.terms_per_year)
        return
    yield from _coverage_problems(p)
    # a course with only a term inside the terms the file covers (most of them) has nothing to check
    first, last = (p.covers.from_term, min(p.covers.to_term, p.term_count)) if p.covers else (1, p.term_count)
    unplaced = []  # courses with neither term nor year: placed by their elective group, or reported below
    for i, c in enumerate(p.courses):
        term = c.term
        if c.year is None and term is not None and first <= term <= last:
            continue
        if term is None and c.year is None:
            unplaced.append(i)
        else:
            yield from _placement_problems(p, i, c)
    counts = p.code_counts()  # every code a course has
    grouped: dict[str, str] = {}
    for gi, g in enumerate(p.elective_groups):
        for code in g.courses:
            if code not in counts:
                yield f"elective_groups.{gi}.courses", because(
                    "programme.check.group_unknown_course", "elective group {group} lists '{code}', which is not "
                    "among the courses", group=g.id, code=code)
            elif counts[code] > 1:
                yield f"elective_groups.{gi}.courses", because(
                    "programme.check.group_shared_code", "elective group {group} lists '{code}', a code several "
                    "courses share: give them distinct codes to list them", group=g.id, code=code)
            elif code in grouped:
                yield f"elective_groups.{gi}.courses", because(
                    "programme.check.course_in_two_groups", "course {code} is in two elective groups ({first} and "
                    "{second})", code=code, first=grouped[code], second=g.id)
            grouped.setdefault(code, g.id)
        if g.term is not None and g.term > p.term_count:
            yield f"elective_groups.{gi}.term", because(
                "programme.check.group_term_beyond", "elective group {group}: term {term} is beyond the "
                "programme's last term (number of terms: {terms})", group=g.id, term=g.term, terms=p.term_count)
        yield from _group_problems(p, gi, g)
    if unplaced:
        groups = {code: g for g in p.elective_groups for code in g.courses}
        for i in unplaced:
            code = p.courses[i].code
            g = groups.get(code) if code else None
            if g is None:
                yield f"courses.{i}", because("programme.check.course_unplaced", "course {name}: give its term or "
                                              "its year", name=p.course_name(i))
            elif g.term is None and g.year is None:
                yield f"courses.{i}", because("programme.check.course_unplaced_group", "course {name}: give its "
                                              "term or its year (or the elective group's)", name=p.course_name(i))


def _placement_problems(p: Programme, i: int, c: Course):
    """A course's term or year beyond the programme, in disagreement, or outside the terms the file covers."""
    term, year, n_terms, name = c.term, c.year, p.term_count, p.course_name(i)
    if term is not None and term > n_terms:
        yield f"courses.{i}.term", because("programme.check.course_term_beyond", "course {name}: term {term} is "
                                           "beyond the programme's last term (number of terms: {terms})",
                                           name=name, term=term, terms=n_terms)
    if year is not None and year > p.year_count:
        yield f"courses.{i}.year", because("programme.check.course_year_beyond", "course {name}: year {year} is "
                                           "beyond the programme's last year (length in years: {years})",
                                           name=name, year=year, years=Shown(p.years))
    if term is not None and year is not None and (term - 1) // p.terms_per_year + 1 != year:
        yield f"courses.{i}.year", because("programme.check.course_term_not_in_year", "course {name}: term {term} "
                                           "is not in year {year}", name=name, term=term, year=year)
    if p.covers and term is not None and not p.covers.from_term <= term <= p.covers.to_term:
        yield f"courses.{i}.term", because("programme.check.course_term_not_covered", "course {name}: term {term} "
                                           "is outside the terms the file covers ({first}-{last})", name=name,
                                           term=term, first=p.covers.from_term, last=p.covers.to_term)


def _coverage_problems(p: Programme):
    """`covers` and `printed_totals` must name terms and years the programme has."""
    n_terms, n_years = p.term_count, p.year_count
    if p.covers and p.covers.to_term > n_terms:
        yield "covers.to_term", _term_beyond(p.covers.to_term, n_terms)
    if p.printed_totals:
        for t in p.printed_totals.terms:
            if t > n_terms:
                yield f"printed_totals.terms.{t}", _term_beyond(t, n_terms)
        for y in p.printed_totals.years:
            if y > n_years:
                yield f"printed_totals.years.{y}", because("programme.check.year_beyond", "year {year} is beyond the "
                                                           "programme's last year (length in years: {years})",
                                                           year=y, years=Shown(p.years))


def _term_beyond(term: int, n_terms: int) -> Reason:
    return because("programme.check.term_beyond",
                   "term {term} is beyond the programme's last term (number of terms: {terms})",
                   term=term, terms=n_terms)


def _group_problems(p: Programme, gi: int, g: ElectiveGroup):
    """A group's specialisation that the programme does not list or that its courses contradict; credit
    bounds that no permitted choice of its courses meets."""
    where = f"elective_groups.{gi}"
    if g.specialisation is not None:
        if p.specialisations and g.specialisation not in p.specialisations:
            yield f"{where}.specialisation", because(
                "programme.check.group_unknown_specialisation", "elective group {group}: specialisation '{name}' is "
                "not among the programme's specialisations", group=g.id, name=g.specialisation)
        for c in p.courses:
            if c.code in g.courses and c.specialisation not in (None, g.specialisation):
                yield f"{where}.specialisation", because(
                    "programme.check.group_specialisation_differs", "elective group {group} belongs to {name}, but "
                    "its course {code} names {other}", group=g.id, name=g.specialisation, code=c.code,
                    other=c.specialisation)
    if g.credits is not None:
        rule = g.rule({c.code: c.credits for c in p.courses}, None)
        if rule.selections() == ():
            low, high = g.count_range()
            yield f"{where}.credits", because(
                "programme.check.group_no_choice_fits", "elective group {group}: no choice of {low} to {high} of its "
                "courses has credits within the bounds given", group=g.id, low=low, high=high)
