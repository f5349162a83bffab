"""Derived views of a programme that rules read: years, terms, courses, totals of credits and hours.

Built once per programme; every derived total accounts for elective groups (see engine.collection)
and keeps what it was made of, so a finding's trace can show "PE101 6 + PE102 6 + ... = 58". The courses
are made in one pass, which notes where each stands (its year, its term) for the years and terms; these
(with their collections and the printed totals) and the fields rules seldom read are made when first
read. What a course derives (hours, description fields) is worked out when first read
(engine.subjects.programme.course_view).
"""
from __future__ import annotations

import weakref

from engine.semantics.choices import ChoiceSpace
from engine.semantics.collection import Collection, Group
from engine.semantics.reasons import Plus, because
from engine.semantics.values import Unknown
from engine.subjects.programme.course_view import CourseView, as_number, value_text
from engine.subjects.programme.model import Programme, group_specialisations
from engine.subjects.programme.part_totals import PROGRAMME, Sheet
from engine.subjects.programme.parts import TermView, YearView, place_groups, specialisations
from engine.subjects.programme.printed_totals import printed_totals
from engine.subjects.programme.view_types import CYCLES, PROGRAMME_TYPES


class ProgrammeView:
    """A programme with everything rules read: header fields, years, terms, courses, totals."""

    root_name = "programme"

    def __init__(self, p: Programme):
        self.model = p
        self.id = p.id
        self.title = p.title or Unknown(because("programme.no_title", "the programme has no title"))
        self.institution = p.institution or Unknown(because("programme.no_institution", "the programme names no institution"))
        cycle = self.cycle = p.cycle
        self.kind = p.kind
        self.mode = p.mode
        self.nominal_years = as_number(p.years)
        tpy = self.terms_per_year = p.terms_per_year
        term_count = self.term_count = p.term_count
        self.intensive = p.intensive
        self.integrated = p.integrated
        self.specialist = p.specialist
        self.specialisation_count = len(p.specialisations)
        groups = p.elective_groups
        group_of = {code: g for g in groups for code in g.courses}
        counts = p.code_counts()
        owner = weakref.ref(self)  # the course views' way to their siblings (CourseView._derive_workload)
        views = []
        # each year's courses, each term's own, each year's year-long ones (which every term of it counts)
        in_years: dict = {}
        in_terms: dict = {}
        year_long: dict = {}
        grouped = {}  # a listed code -> (its index, its view, its place in its year, in its term or year-long list)
        named = set()  # the specialisations courses name
        courses = p.courses
        unique = len(counts) == len(courses)  # every course has a code of its own: named by it
        last_year = last_term = in_year = part = None  # the lists of the course before (courses come by term)
        for i, c in enumerate(courses):  # one pass: the views, and what groups, tracks and parts need of them
            code = c.code
            g = group_of.get(code)
            name = code if unique or (code and counts[code] == 1) else p.course_name(i)
            v = CourseView(c, p, name, owner, g, cycle, tpy)
            views.append(v)
            y = v.year
            if y != last_year or in_year is None:
                last_year, in_year = y, in_years.get(y)
                if in_year is None:
                    in_year = in_years[y] = []
            if v.year_long:
                last_term, part = None, year_long.get(y)
                if part is None:
                    part = year_long[y] = []
            elif v.term != last_term:
                last_term, part = v.term, in_terms.get(v.term)
                if part is None:
                    part = in_terms[v.term] = []
            if g is not None:
                grouped[code] = (i, v, len(in_year), len(part))
            in_year.append(v)
            part.append(v)
            if v.specialisation_tag:
                named.add(v.specialisation_tag)
        track_of = group_specialisations(p, {code: e[1].model.specialisation for code, e in grouped.items()}) \
            if groups else {}
        for g in groups:  # a group's courses that name no specialisation take the group's
            track = track_of.get(g.id)
            if track:
                for code in g.courses:
                    v = grouped[code][1]
                    if not v.specialisation_tag:
                        v.specialisation_tag = track
                        named.add(track)
        self.specialisation_tags = len(named)
        tags = tuple(sorted(named.union(p.specialisations)))
        credits_of = {code: e[1].model.credits for code, e in grouped.items()}
        rules = [g.rule(credits_of, track_of.get(g.id) if len(tags) > 1 else None) for g in groups]
        self.choice_space = space = ChoiceSpace(rules, tags)
        members = [[grouped[code] for code in rule.codes] for rule in rules]
        self.elective_group_count = len(rules)
        self.courses = Collection(views, tuple(
            Group(rule.count[0], tuple(e[0] for e in entries), 0, rule.id, rule, rule.codes)
            for rule, entries in zip(rules, members)), specialisations(views, tags), space)
        covered = range(p.covers.from_term, p.covers.to_term + 1) if p.covers else range(1, term_count + 1)
        self._partial = Unknown(because(
            "programme.covers", "the file covers terms {first}-{last} only", first=covered.start, last=covered.stop - 1)) if p.covers else None
        self._totals: dict = {}
        # what the years and terms are made of, when first read (_make_parts)
        self._pending = (in_years, in_terms, year_long, rules, members, tags, covered)

    def _make_parts(self) -> None:
        """The years and terms the file holds (their courses, elective groups and specialisations), and
        the printed totals that compare with them."""
        in_years, in_terms, year_long, rules, members, tags, covered = self._pending
        del self._pending
        p, space, partial = self.model, self.choice_space, self._partial
        tpy, term_count = self.terms_per_year, self.term_count
        placed = place_groups(rules, members, in_terms, tpy) if rules else {}
        sheet = self._sheet = Sheet(self)  # the years', terms' and programme's totals worked out together
        self.years = years = []
        self.terms = terms = []
        for y in range(1, p.year_count + 1):
            first = (y - 1) * tpy + 1
            in_year = range(first, min(y * tpy, term_count) + 1)
            held = in_year if partial is None else [n for n in in_year if n in covered]
            if not held:
                continue  # a year the file does not hold is not audited
            year = YearView("year", y, in_years.get(y, []), None, tuple(placed.get(y, ())), tags, space, sheet)
            year.share = 1 if len(in_year) == tpy else as_number(round(len(in_year) / tpy, 6))
            if len(held) < len(in_year):
                year.blank_totals(partial)
            sheet.add("year", year)
            year.terms = []
            whole_year = year_long.get(y)
            for n in held:
                own = in_terms.get(n, [])
                if whole_year:  # a year-long course counts in each term for its share
                    term = TermView("term", n, own + whole_year, [1] * len(own) + [1 / tpy] * len(whole_year),
                                    tuple(placed.get((y, n), ())), tags, space, sheet)
                else:
                    term = TermView("term", n, own, None, tuple(placed.get((y, n), ())), tags, space, sheet)
                term.year = y
                term.number_in_year = n - first + 1
                sheet.add("term", term)
                year.terms.append(term)
                terms.append(term)
            year.year = y
            year.number_in_year = y
            years.append(year)
        self.printed_totals = Collection(printed_totals(p.printed_totals, self))

    credits = property(lambda self: self._total("credits"))
    contact_hours = property(lambda self: self._total("contact_hours"))
    total_hours = property(lambda self: self._total("total_hours"))

    def _total(self, attr: str):
        """A programme total: cached for all choices, afresh under the one choice being evaluated; unknown
        when the file holds only part of the programme."""
        if self._partial is not None:
            return self._partial
        if self.courses.world() is not None:
            return self.courses.sum([getattr(v, attr) for v in self.courses.items])
        total = self._totals.get(attr)
        if total is None:
            self._sheet.fill(attr, PROGRAMME)  # the common case, with the years' and terms' (part_totals)
            total = self._totals.get(attr)
            if total is None:
                total = self._totals[attr] = self.courses.sum([getattr(v, attr) for v in self.courses.items])
        return total

    def explain(self, field: str) -> str | None:
        if field == "credits":
            return because("detail.sum", "{parts}", parts=Plus(
                because("detail.year", "year {n} {value}", n=y.number, value=value_text(y.credits)) for y in self.years))
        return None

    def describe(self) -> str:
        return "programme"

    def recipe(self) -> tuple | None:
        """How to make this view again (engine.evaluation.source): (function, args, kwargs)."""
        return (ProgrammeView, (self.model,), {}) if type(self) is ProgrammeView else None


def _weeks(v: ProgrammeView):
    return v.model.weeks_per_year if v.model.weeks_per_year is not None else Unknown(
        because("programme.no_weeks", "the programme does not give its weeks per year"))


def _teaching_weeks(v: ProgrammeView):
    p = v.model
    return p.teaching_weeks_per_term if p.teaching_weeks_per_term is not None else Unknown(
        because("programme.no_teaching_weeks", "the programme does not give its teaching weeks per term"))


def _teaching_weeks_per_year(v: ProgrammeView):
    p = v.model
    return (p.teaching_weeks_per_term * p.terms_per_year) if p.teaching_weeks_per_term else Unknown(
        because("programme.no_teaching_weeks", "the programme does not give its teaching weeks per term"))


def _prior_credits(v: ProgrammeView):
    p = v.model
    return p.prior_credits if p.prior_credits is not None else Unknown(
        because("programme.no_prior_credits", "the programme does not give the credits required for admission"))


class _MadeWhenRead:
    """A field of the view worked out when first read (`derive(view)`), then kept in the view's __dict__, which
    later reads find first. (Not a __getattr__ on the class: that would make every read of every field slower.)"""

    __slots__ = ("derive", "name")

    def __init__(self, derive):
        self.derive = derive

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, view, owner=None):
        if view is None:
            return self
        value = view.__dict__[self.name] = self.derive(view)
        return value


def _part(name: str):
    """The years, the terms, the printed totals or the sheet of their totals: made together
    (ProgrammeView._make_parts)."""
    def made(view: ProgrammeView):
        view._make_parts()
        return view.__dict__[name]
    return made


# what a programme's view works out only when read: name -> how, from the view
for _name, _derive in {
    "years": _part("years"),
    "terms": _part("terms"),
    "printed_totals": _part("printed_totals"),
    "_sheet": _part("_sheet"),
    "country": lambda v: v.model.country or Unknown(because("programme.no_country", "the programme names no country")),
    "field_of_study": lambda v: v.model.field_of_study or Unknown(
        because("programme.no_field", "the programme gives no field of study")),
    "weeks_per_year": _weeks,
    "teaching_weeks_per_term": _teaching_weeks,
    "teaching_weeks_per_year": _teaching_weeks_per_year,
    "prior_credits": _prior_credits,
    "non_credit_count": lambda v: sum(1 for c in v.model.courses if c.type == "non_credit"),
    "year_list": lambda v: Collection(v.years),
    "term_list": lambda v: Collection(v.terms),
}.items():
    _field = _MadeWhenRead(_derive)
    _field.__set_name__(ProgrammeView, _name)
    setattr(ProgrammeView, _name, _field)


__all__ = ["CYCLES", "PROGRAMME_TYPES", "ProgrammeView"]
