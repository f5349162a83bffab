"""Derived views of a programme that rules read: years, terms, courses, totals of credits and hours.

Built once per programme; every derived total accounts for elective groups (see engine.collection)
and keeps what it was made of, so a finding's trace can show "PE101 6 + PE102 6 + ... = 58". What a
course derives (hours, description fields) is worked out when first read (engine.subjects.programme.course_view).
"""
from __future__ import annotations

import weakref

from engine.semantics.choices import ChoiceSpace
from engine.semantics.collection import Collection, Group
from engine.semantics.reasons import Plus, because
from engine.semantics.values import Unknown
from engine.subjects.programme.course_view import CourseView, as_number, value_text
from engine.subjects.programme.model import Programme, group_specialisations
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
        self.country = p.country or Unknown(because("programme.no_country", "the programme names no country"))
        self.cycle = p.cycle
        self.kind = p.kind
        self.mode = p.mode
        self.nominal_years = as_number(p.years)
        self.terms_per_year = p.terms_per_year
        self.term_count = p.term_count
        self.weeks_per_year = p.weeks_per_year if p.weeks_per_year is not None else Unknown(
            because("programme.no_weeks", "the programme does not give its weeks per year"))
        self.teaching_weeks_per_term = p.teaching_weeks_per_term if p.teaching_weeks_per_term is not None else Unknown(
            because("programme.no_teaching_weeks", "the programme does not give its teaching weeks per term"))
        self.teaching_weeks_per_year = (p.teaching_weeks_per_term * p.terms_per_year) if p.teaching_weeks_per_term else Unknown(
            because("programme.no_teaching_weeks", "the programme does not give its teaching weeks per term"))
        self.prior_credits = p.prior_credits if p.prior_credits is not None else Unknown(
            because("programme.no_prior_credits", "the programme does not give the credits required for admission"))
        self.intensive = p.intensive
        self.integrated = p.integrated
        self.specialist = p.specialist
        self.field_of_study = p.field_of_study or Unknown(because("programme.no_field", "the programme gives no field of study"))
        self.specialisation_count = len(p.specialisations)
        groups_of = {}
        for g in p.elective_groups:
            for code in g.courses:
                groups_of[code] = g
        track_of = group_specialisations(p)
        course_views = []
        owner = weakref.ref(self)  # the course views' way to their siblings (CourseView._derive_workload)
        counts = p.code_counts()
        by_code, credits_of, named, position = {}, {}, set(), {}
        in_years: dict = {}  # year -> its courses; (year, term) -> a term's, (year, None) -> the year-long ones
        for i, c in enumerate(p.courses):  # one pass: the views, and what groups, tracks and parts need of them
            code = c.code
            g = groups_of.get(code)
            name = code if code and counts[code] == 1 else p.course_name(i)
            v = CourseView(c, p, None, None, None, None, name, owner) if g is None else \
                CourseView(c, p, g.id, g.term, g.year, track_of.get(g.id), name, owner)
            course_views.append(v)
            position[id(v)] = i
            year = v.year
            in_years.setdefault(year, []).append(v)
            in_years.setdefault((year, None if v.year_long else v.term), []).append(v)
            by_code[name] = v
            credits_of[code] = c.credits
            if v.specialisation_tag:
                named.add(v.specialisation_tag)
        self.specialisation_tags = len(named)
        tags = tuple(sorted(named | set(p.specialisations)))
        rules = [g.rule(credits_of, track_of.get(g.id) if len(tags) > 1 else None) for g in p.elective_groups]
        self.choice_space = space = ChoiceSpace(rules, tags)
        all_groups = [(rule, [by_code[c] for c in rule.codes]) for rule in rules]
        self.elective_group_count = len(all_groups)
        self.courses = Collection(course_views, tuple(
            Group(rule.count[0], tuple(position[id(v)] for v in views), 0, rule.id, rule, rule.codes)
            for rule, views in all_groups), specialisations(course_views, tags), space)
        self.years = []
        self.terms = []
        tpy = p.terms_per_year
        covered = range(p.covers.from_term, p.covers.to_term + 1) if p.covers else range(1, p.term_count + 1)
        partial = Unknown(because(
            "programme.covers", "the file covers terms {first}-{last} only", first=covered.start, last=covered.stop - 1)) if p.covers else None
        placed = place_groups(all_groups, in_years, tpy)
        term_count = p.term_count
        for y in range(1, p.year_count + 1):
            in_year = range((y - 1) * tpy + 1, min(y * tpy, term_count) + 1)
            held = [n for n in in_year if n in covered]
            if not held:
                continue  # a year the file does not hold is not audited
            year = YearView("year", y, in_years.get(y, []), None, tuple(placed.get(y, ())), tags, space)
            year.share = as_number(round(len(in_year) / tpy, 6))
            if len(held) < len(in_year):
                year.blank_totals(partial)
            year.terms = []
            whole_year = in_years.get((y, None))
            for n in held:
                own = in_years.get((y, n), [])
                if whole_year:  # a year-long course counts in each term for its share
                    term = TermView("term", n, own + whole_year, [1] * len(own) + [1 / tpy] * len(whole_year),
                                    tuple(placed.get((y, n), ())), tags, space)
                else:
                    term = TermView("term", n, own, None, tuple(placed.get((y, n), ())), tags, space)
                term.year = y
                term.number_in_year = (n - 1) % tpy + 1
                year.terms.append(term)
                self.terms.append(term)
            year.year = y
            year.number_in_year = y
            self.years.append(year)
        self.year_list = Collection(self.years)
        self.term_list = Collection(self.terms)
        self._totals: dict = {}
        self._partial = partial
        self.non_credit_count = sum(1 for c in p.courses if c.type == "non_credit")
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
        if attr not in self._totals:
            self._totals[attr] = self.courses.sum([getattr(v, attr) for v in self.courses.items])
        return self._totals[attr]

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


__all__ = ["CYCLES", "PROGRAMME_TYPES", "ProgrammeView"]
