"""Derived views of a programme that rules read: years, terms, courses, totals of credits and hours.

Built once per programme; every derived total accounts for elective groups (see engine.collection)
and keeps what it was made of, so a finding's trace can show "PE101 6 + PE102 6 + ... = 58".
"""
from __future__ import annotations

from engine.semantics.choices import ChoiceSpace
from engine.semantics.collection import Collection, Group, OneOf
from engine.ruleset.types import BOOL, STRING, ObjectType, enum, list_of, number
from engine.semantics.units import format_number
from engine.semantics.reasons import Alternatives, Field, Listed, Plus, Reason, because
from engine.semantics.values import Choices, Unknown, is_unknown
from engine.subjects.programme.printed_totals import PRINTED_TOTAL_TYPE, printed_totals
from engine.subjects.programme.model import (
    Course,
    Hours,
    Programme,
    contact_hours_note,
    contact_hours_sum,
    group_specialisations,
)

CYCLES = ("short", "first", "second", "third")
INFO_FIELDS = ("lecturer", "learning_outcomes", "prerequisites", "contents", "reading", "teaching_methods",
               "assessment_methods", "language")


class CourseView:
    """One course with its derived workload figures."""

    __slots__ = ("code", "title", "credits", "type", "level", "term", "year", "term_in_year",
                 "specialisation", "elective_group", "is_elective", "contact_hours", "independent_hours",
                 "total_hours", "hours_per_credit", "contact_hours_per_week", "model",
                 "year_long", "_hours_note", "missing_info") + INFO_FIELDS

    def __init__(self, c: Course, p: Programme, group: str | None, group_term: int | None, group_year: int | None,
                 group_specialisation: str | None = None):
        self.model = c
        self.code = name = p.course_name(p.index_of(c))
        self.title = c.title if c.title else Unknown(because("course.no_title", "course {code} has no title", code=name))
        self.credits = c.credits if c.credits is not None else (
            0 if c.type == "non_credit" else Unknown(because("course.no_credits", "course {code} has no credits", code=name)))
        self.type = c.type
        self.level = c.level or p.cycle
        term = c.term if c.term is not None else group_term
        year = c.year if c.year is not None else group_year
        if term is not None:
            year = (term - 1) // p.terms_per_year + 1
        self.term = term if term is not None else Unknown(because("course.whole_year", "course {code} is taught over a whole year", code=name))
        self.year = year
        self.year_long = term is None
        self.term_in_year = ((term - 1) % p.terms_per_year + 1) if term is not None else Unknown(
            because("course.whole_year", "course {code} is taught over a whole year", code=name))
        tag = c.specialisation or group_specialisation
        self.specialisation = tag if tag else Unknown(because("course.no_specialisation", "course {code} names no specialisation", code=name))
        self.elective_group = group if group else Unknown(because("course.no_group", "course {code} is in no elective group", code=name))
        self.is_elective = group is not None or c.type == "elective"
        weekly = contact_hours_sum(c.contact_hours_per_week)
        self.contact_hours_per_week = weekly if weekly is not None else Unknown(
            because("course.no_weekly_hours", "course {code} gives no contact hours per week", code=name))
        self._derive_hours(c, p)
        for name in INFO_FIELDS:
            value = getattr(c, name)
            if isinstance(value, list):
                value = "; ".join(value)
            setattr(self, name, value if value else Unknown(because(
                "course.no_field", "course {code} gives no {field}", code=self.code, field=Field(name))))
        self.missing_info = ", ".join(n.replace("_", " ") for n in ("title", "credits") + INFO_FIELDS
                                      if is_unknown(getattr(self, n))) or "none"

    def _derive_hours(self, c: Course, p: Programme) -> None:
        h: Hours | None = c.hours
        weeks = p.teaching_weeks_per_term * (1 if c.term is not None else p.terms_per_year) if p.teaching_weeks_per_term else None
        contact = independent = total = None
        note = ""
        code = self.code
        only_contact = False
        if h is not None:
            parts_contact = [getattr(h, k) for k in Hours.CONTACT if getattr(h, k) is not None]
            parts_other = [getattr(h, k) for k in Hours.NON_CONTACT if getattr(h, k) is not None]
            if parts_contact or parts_other:
                contact = sum(parts_contact)  # a breakdown without contact components means none
            if h.independent is not None:
                independent = h.independent
            if h.total is not None:
                total = h.total
            elif parts_other:
                total = sum(parts_contact) + sum(parts_other)
            only_contact = bool(parts_contact) and total is None  # contact hours alone are not a workload
            note = " + ".join(f"{k} {format_number(getattr(h, k))}" for k in Hours.CONTACT + Hours.NON_CONTACT
                              if getattr(h, k) is not None)
        given = contact_hours_sum(c.contact_hours)
        if contact is None and given is not None:
            contact, only_contact = given, total is None
            note = contact_hours_note(c.contact_hours, "h")
        weekly = contact_hours_sum(c.contact_hours_per_week)
        if contact is None and weekly is not None and weeks:
            contact, only_contact = weekly * weeks, total is None
            note = f"{contact_hours_note(c.contact_hours_per_week, 'h/week')} x {weeks} teaching weeks"
        self._hours_note = note
        self.contact_hours = _num(contact) if contact is not None else Unknown(
            because("course.no_contact_hours", "course {code} has no contact hours", code=code) if weekly is None else
            because("course.no_contact_hours_weeks", "course {code} has no contact hours (teaching weeks per term not "
                    "given)", code=code))
        self.independent_hours = _num(independent) if independent is not None else Unknown(because(
            "course.no_independent_hours", "course {code} has no independent-study hours", code=code))
        self.total_hours = _num(total) if total is not None else Unknown(
            because("course.contact_only", "course {code}: no workload hours given (contact hours alone are not the "
                    "workload)", code=code) if only_contact else
            because("course.no_workload", "course {code}: no workload hours given", code=code))
        if is_unknown(self.total_hours):
            self.hours_per_credit = self.total_hours
        elif self.credits == 0 or is_unknown(self.credits):
            self.hours_per_credit = Unknown(because(
                "course.no_credits_to_divide", "course {code} has no credits to divide its hours by", code=code))
        else:
            self.hours_per_credit = _num(round(self.total_hours / self.credits, 4))

    def explain(self, field: str) -> str | None:
        if field in ("total_hours", "contact_hours", "hours_per_credit") and self._hours_note:
            base = self._hours_note
            if field == "hours_per_credit" and not is_unknown(self.total_hours) and not is_unknown(self.credits):
                return f"{format_number(self.total_hours)} h ({base}) / {format_number(self.credits)} credits"
            return base
        return None

    def describe(self) -> str:
        return f"course {self.code}"


def _value(x):
    """A number inside a derivation ("CS101 6 + ..."): '?' when unknown, '28 or 30' when it depends on electives."""
    if is_unknown(x):
        return "?"
    if type(x) is Choices:
        return Alternatives(x.values) if x.exact else f"{format_number(x.low)}..{format_number(x.high)}"
    return x


def specialisations(views: list[CourseView], tags: tuple[str, ...]) -> tuple[OneOf, ...]:
    """Courses tagged with a specialisation are taken only by its students: one bundle per specialisation."""
    if len(tags) < 2:
        return ()  # one specialisation: everyone takes its courses
    bundles = tuple(tuple(i for i, v in enumerate(views) if v.specialisation == tag) for tag in tags)
    return (OneOf(bundles, tags),)


def _num(x: float):
    return int(x) if float(x).is_integer() else x


class _Part:
    """A year or a term: its courses (with electives) and totals."""

    __slots__ = ("number", "courses", "_totals", "_shares", "label", "year", "number_in_year", "_partial")

    def __init__(self, label: str, number: int, members: list[tuple[CourseView, float]], all_groups,
                 tags: tuple[str, ...], space: ChoiceSpace | None = None):
        self.label = label
        self.number = number
        views = [v for v, _ in members]
        self._shares = members  # (course, share of it counted here: 1, or 1/terms for a year-long course)
        index = {id(v): i for i, v in enumerate(views)}
        groups = []
        for rule, gviews in all_groups:
            inside = [(index[id(v)], v.code) for v in gviews if id(v) in index]
            if inside:
                idx, keys = zip(*inside)
                groups.append(Group(rule.count[0], idx, len(gviews) - len(idx), rule.id, rule, keys))
        self.courses = Collection(views, tuple(groups), specialisations(views, tags), space)
        self._totals: dict = {}
        self._partial: Unknown | None = None  # set when the file holds only part of this year

    # Totals depend on the student's choices: worked out once for all choices (and cached), or
    # afresh under the one choice being evaluated (see engine.choices).
    course_count = property(lambda self: self._total("course_count"), doc="courses a student takes")
    credits = property(lambda self: self._total("credits"))
    contact_hours = property(lambda self: self._total("contact_hours"))
    independent_hours = property(lambda self: self._total("independent_hours"))
    total_hours = property(lambda self: self._total("total_hours"))

    def _total(self, attr: str):
        if self._partial is not None and attr != "course_count":
            return self._partial
        if self.courses.world() is not None:
            return self._sum(attr)
        cached = self._totals.get(attr)
        if cached is None:
            cached = self._totals[attr] = self._sum(attr)
        return cached

    def _sum(self, attr: str):
        if attr == "course_count":
            return self.courses.count([True] * len(self._shares))
        values = []
        for v, share in self._shares:
            x = getattr(v, attr)
            values.append(x if share == 1 or is_unknown(x) else round(x * share, 6))
        return self.courses.sum(values)

    def explain(self, field: str) -> str | None:
        if field not in ("credits", "contact_hours", "independent_hours", "total_hours"):
            return None
        grouped = {i for g in self.courses.groups for i in g.inside}
        bundled = {i for o in self.courses.one_of for b in o.bundles for i in b}
        parts = []
        for i, (v, share) in enumerate(self._shares):
            if i in grouped or i in bundled:
                continue
            x = getattr(v, field)
            val = "?" if is_unknown(x) else (x if share == 1 else round(x * share, 2))
            parts.append(because("detail.item", "{code} {value}", code=v.code, value=val) if share == 1 else
                         because("detail.share", "{code} {value} (share of a year-long course)", code=v.code, value=val))

        def group_text(g) -> Reason:
            members = tuple(because("detail.item", "{code} {value}", code=self._shares[i][0].code,
                                    value=_value(getattr(self._shares[i][0], field))) for i in g.inside)
            choice = g.rule.describe() if g.rule else because("choose.n", "choose {n}", n=g.k)
            if g.outside:
                return because("detail.group_elsewhere", "{choice} of [{members} (+{outside} taught elsewhere)]",
                               choice=choice, members=Listed(members), outside=g.outside)
            return because("detail.group", "{choice} of [{members}]", choice=choice, members=Listed(members))
        tracks = {tag for o in self.courses.one_of for tag in o.labels}
        parts += [group_text(g) for g in self.courses.groups if g.specialisation not in tracks]
        for o in self.courses.one_of:
            options = tuple(
                because("detail.option", "{tag}: {courses}", tag=tag, courses=Listed(
                    [because("detail.item", "{code} {value}", code=self._shares[i][0].code,
                             value=_value(getattr(self._shares[i][0], field))) for i in bundle if i not in grouped]
                    + [group_text(g) for g in self.courses.groups if g.specialisation == tag])
                    or because("detail.none", "none"))
                for tag, bundle in zip(o.labels, o.bundles))
            parts.append(because("detail.one_of", "one specialisation of [{options}]", options=options))
        if len(parts) > 14:
            parts = parts[:12] + [because("detail.more", "... {n} more", n=len(parts) - 12)]
        return because("detail.sum", "{parts}", parts=Plus(parts)) if parts else because("detail.no_courses", "no courses")

    def describe(self) -> str:
        return f"{self.label} {self.number}"


class YearView(_Part):
    __slots__ = ("terms", "share")

    def blank_totals(self, reason: Unknown) -> None:
        """A year the file holds only in part: its totals are not known."""
        self._partial = reason


class TermView(_Part):
    __slots__ = ()


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
        self.nominal_years = _num(p.years)
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
        for c in p.courses:
            g = groups_of.get(c.code)
            course_views.append(CourseView(c, p, g.id if g else None, g.term if g else None, g.year if g else None,
                                           track_of.get(g.id) if g else None))
        by_code = {v.code: v for v in course_views}
        named = {v.specialisation for v in course_views if not is_unknown(v.specialisation)}
        self.specialisation_tags = len(named)
        tags = tuple(sorted(named | set(p.specialisations)))
        credits_of = {c.code: c.credits for c in p.courses}
        rules = [g.rule(credits_of, track_of.get(g.id) if len(tags) > 1 else None) for g in p.elective_groups]
        self.choice_space = space = ChoiceSpace(rules, tags)
        all_groups = [(rule, [by_code[c] for c in rule.codes]) for rule in rules]
        self.elective_group_count = len(all_groups)
        position = {id(v): i for i, v in enumerate(course_views)}
        self.courses = Collection(course_views, tuple(
            Group(rule.count[0], tuple(position[id(v)] for v in views), 0, rule.id, rule, rule.codes)
            for rule, views in all_groups), specialisations(course_views, tags), space)
        self.years = []
        self.terms = []
        tpy = p.terms_per_year
        covered = range(p.covers.from_term, p.covers.to_term + 1) if p.covers else range(1, p.term_count + 1)
        partial = Unknown(because(
            "programme.covers", "the file covers terms {first}-{last} only", first=covered.start, last=covered.stop - 1)) if p.covers else None
        for y in range(1, p.year_count + 1):
            in_year = [n for n in range((y - 1) * tpy + 1, y * tpy + 1) if n <= p.term_count]
            if not any(n in covered for n in in_year):
                continue  # a year the file does not hold is not audited
            members = [(v, 1) for v in course_views if v.year == y]
            year = YearView("year", y, members, all_groups, tags, space)
            year.share = _num(round(len(in_year) / tpy, 6))
            if not all(n in covered for n in in_year):
                year.blank_totals(partial)
            year.terms = []
            for n in in_year:
                if n not in covered:
                    continue
                t = (n - 1) % tpy + 1
                tm = [(v, 1) for v in course_views if not v.year_long and v.term == n]
                tm += [(v, 1 / tpy) for v in course_views if v.year_long and v.year == y]
                term = TermView("term", n, tm, all_groups, tags, space)
                term.year = y
                term.number_in_year = t
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
                because("detail.year", "year {n} {value}", n=y.number, value=_value(y.credits)) for y in self.years))
        return None

    def describe(self) -> str:
        return "programme"


# ---- what rule files may name ----------------------------------------------------------------------

_CREDITS = number("credits")
_HOURS = number("hours")

_course = ObjectType("Course", "one educational component (course unit, module, thesis, placement)",
                     describe=lambda c: f"course {c.code}")
(_course
 .add("code", STRING, "the course code")
 .add("title", STRING, "the course title")
 .add("credits", _CREDITS, "ECTS credits of the course")
 .add("type", enum("compulsory", "elective", "thesis", "internship", "other", "non_credit"),
      "kind of component (non_credit: compulsory, carries no credits by design)")
 .add("level", enum(*CYCLES), "cycle level of the course (defaults to the programme's cycle)")
 .add("term", number(), "term counted across the programme (1..8 for a four-year programme)")
 .add("term_in_year", number(), "term within its year (1 or 2 for semesters)")
 .add("year", number(), "academic year of the course")
 .add("specialisation", STRING, "the specialisation the course belongs to")
 .add("elective_group", STRING, "the elective group the course belongs to")
 .add("is_elective", BOOL, "true if the course is in an elective group or typed elective")
 .add("contact_hours", _HOURS, "contact hours (lectures, tutorials, seminars, labs, practicals, fieldwork)")
 .add("independent_hours", _HOURS, "hours of independent study")
 .add("total_hours", _HOURS, "total workload hours")
 .add("hours_per_credit", number("hours/credit"), "total workload hours divided by credits")
 .add("contact_hours_per_week", number("hours"), "contact hours per teaching week"))
for _f in INFO_FIELDS:
    _course.add(_f, STRING, f"course description: {_f.replace('_', ' ')}")
_course.add("missing_info", STRING, "course-description items left empty (title, credits, lecturer, ...; 'none' when complete)")



def _part_type(name: str, label: str) -> ObjectType:
    t = ObjectType(name, f"one {label} of the programme", describe=lambda x: x.describe())
    (t.add("number", number(), f"the {label}'s number")
     .add("credits", _CREDITS, f"credits of the {label} (a range where electives differ)")
     .add("contact_hours", _HOURS, f"contact hours of the {label}")
     .add("independent_hours", _HOURS, f"independent-study hours of the {label}")
     .add("total_hours", _HOURS, f"total workload hours of the {label}")
     .add("course_count", number(), f"number of courses a student takes in the {label}")
     .add("courses", list_of("Course"), f"the courses of the {label}"))
    return t


_year = (_part_type("Year", "year").add("terms", list_of("Term"), "the terms of the year")
         .add("share", number(), "the part of a full year this year holds: 1, or 0.5 for the last half of a 1.5-year programme"))
_term = (_part_type("Term", "term")
         .add("year", number(), "the year the term belongs to")
         .add("number_in_year", number(), "the term's number within its year"))

_programme = ObjectType("Programme", "a study programme", describe=lambda p: "programme")
(_programme
 .add("id", STRING, "the programme's identifier")
 .add("title", STRING, "the programme's title")
 .add("institution", STRING, "the awarding institution")
 .add("country", STRING, "ISO 3166-1 alpha-2 country code")
 .add("cycle", enum(*CYCLES), "QF-EHEA cycle")
 .add("kind", enum("academic", "vocational"), "academic or vocational (applied) studies")
 .add("mode", enum("full_time", "part_time"), "full-time or part-time")
 .add("nominal_years", number(), "nominal duration: the number of academic years (the file's `years`)")
 .add("terms_per_year", number(), "terms per year: 2 semesters, 3 trimesters")
 .add("term_count", number(), "number of terms in the programme")
 .add("weeks_per_year", number("weeks"), "weeks of teaching, preparation and exams per year")
 .add("teaching_weeks_per_term", number("weeks"), "teaching weeks per term")
 .add("teaching_weeks_per_year", number("weeks"), "teaching weeks per year")
 .add("prior_credits", _CREDITS, "credits of the previous cycle required for admission")
 .add("intensive", BOOL, "declared an intensive programme (no student holidays)")
 .add("integrated", BOOL, "an integrated (long single-cycle) programme")
 .add("specialist", BOOL, "specialist studies (not a bachelor or master), e.g. Serbian specijalisticke studije")
 .add("field_of_study", STRING, "ISCED-F field code")
 .add("specialisation_count", number(), "number of specialisations the file lists (`specialisations:`)")
 .add("specialisation_tags", number(), "number of distinct specialisations named on courses (`specialisation:`)")
 .add("elective_group_count", number(), "number of elective groups")
 .add("non_credit_count", number(), "number of courses typed non_credit (compulsory, no credits by design)")
 .add("printed_totals", list_of("PrintedTotal"), "the credit totals the published plan prints (`printed_totals:`)")
 .add("credits", _CREDITS, "total credits of the programme (a range where electives differ)")
 .add("contact_hours", _HOURS, "total contact hours")
 .add("total_hours", _HOURS, "total workload hours")
 .add("years", list_of("Year"), "the programme's academic years", attr="year_list")
 .add("terms", list_of("Term"), "the programme's terms", attr="term_list")
 .add("courses", list_of("Course"), "every course of the programme"))

PROGRAMME_TYPES = (_programme, _year, _term, _course, PRINTED_TOTAL_TYPE)  # what rules may read of a programme; the first is its root
