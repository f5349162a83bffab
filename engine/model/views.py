"""Derived views of a programme that rules read: years, terms, courses, totals of credits and hours.

Built once per programme; every derived total accounts for elective groups (see engine.collection)
and keeps what it was made of, so a finding's trace can show "PE101 6 + PE102 6 + ... = 58".
"""
from __future__ import annotations

from ..collection import Collection, Group, OneOf
from ..schema import BOOL, STRING, ObjectType, enum, list_of, number, register
from ..render.wording import format_value
from ..values import Unknown, format_number, is_unknown
from .programme import Course, Hours, Programme

CYCLES = ("short", "first", "second", "third")
INFO_FIELDS = ("lecturer", "learning_outcomes", "prerequisites", "contents", "reading", "teaching_methods",
               "assessment_methods", "language")


class CourseView:
    """One course with its derived workload figures."""

    __slots__ = ("code", "title", "credits", "type", "level", "term", "year", "term_in_year",
                 "specialisation", "elective_group", "is_elective", "contact_hours", "independent_hours",
                 "total_hours", "hours_per_credit", "contact_hours_per_week", "model",
                 "year_long", "_hours_note", "missing_info") + INFO_FIELDS

    def __init__(self, c: Course, p: Programme, group: str | None, group_term: int | None, group_year: int | None):
        self.model = c
        self.code = c.code
        self.title = c.title if c.title else Unknown(f"course {c.code} has no title")
        self.credits = c.credits if c.credits is not None else Unknown(f"course {c.code} has no credits")
        self.type = c.type
        self.level = c.level or p.cycle
        term = c.term if c.term is not None else group_term
        year = c.year if c.year is not None else group_year
        if term is not None:
            year = (term - 1) // p.terms_per_year + 1
        self.term = term if term is not None else Unknown(f"course {c.code} is taught over a whole year")
        self.year = year
        self.year_long = term is None
        self.term_in_year = ((term - 1) % p.terms_per_year + 1) if term is not None else Unknown(
            f"course {c.code} is taught over a whole year")
        self.specialisation = c.specialisation if c.specialisation else Unknown(f"course {c.code} names no specialisation")
        self.elective_group = group if group else Unknown(f"course {c.code} is in no elective group")
        self.is_elective = group is not None or c.type == "elective"
        self.contact_hours_per_week = c.contact_hours_per_week if c.contact_hours_per_week is not None else Unknown(
            f"course {c.code} gives no contact hours per week")
        self._derive_hours(c, p)
        for name in INFO_FIELDS:
            value = getattr(c, name)
            if isinstance(value, list):
                value = "; ".join(value)
            setattr(self, name, value if value else Unknown(f"course {c.code} gives no {name.replace('_', ' ')}"))
        self.missing_info = ", ".join(n.replace("_", " ") for n in ("title", "credits") + INFO_FIELDS
                                      if is_unknown(getattr(self, n))) or "none"

    def _derive_hours(self, c: Course, p: Programme) -> None:
        h: Hours | None = c.hours
        weeks = p.teaching_weeks_per_term * (1 if c.term is not None else p.terms_per_year) if p.teaching_weeks_per_term else None
        contact = independent = total = None
        note = ""
        if h is not None:
            parts_contact = [getattr(h, k) for k in Hours.CONTACT if getattr(h, k) is not None]
            parts_other = [getattr(h, k) for k in Hours.NON_CONTACT if getattr(h, k) is not None]
            if parts_contact or parts_other:
                contact = sum(parts_contact)  # a breakdown without contact components means none
            if h.independent is not None:
                independent = h.independent
            if h.total is not None:
                total = h.total
            elif parts_contact or parts_other:
                total = sum(parts_contact) + sum(parts_other)
            note = " + ".join(f"{k} {format_number(getattr(h, k))}" for k in Hours.CONTACT + Hours.NON_CONTACT
                              if getattr(h, k) is not None)
        if contact is None and c.contact_hours_per_week is not None and weeks:
            contact = c.contact_hours_per_week * weeks
            note = f"{format_number(c.contact_hours_per_week)} h/week x {weeks} teaching weeks"
        self._hours_note = note
        code = c.code
        self.contact_hours = _num(contact) if contact is not None else Unknown(
            f"course {code} has no contact hours" + ("" if c.contact_hours_per_week is None else " (teaching weeks per term not given)"))
        self.independent_hours = _num(independent) if independent is not None else Unknown(f"course {code} has no independent-study hours")
        self.total_hours = _num(total) if total is not None else Unknown(f"course {code} has no workload hours")
        if is_unknown(self.total_hours):
            self.hours_per_credit = self.total_hours
        elif self.credits == 0 or is_unknown(self.credits):
            self.hours_per_credit = Unknown(f"course {code} has no credits to divide its hours by")
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


def _value(x) -> str:
    return "?" if is_unknown(x) else format_number(x)


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

    __slots__ = ("number", "courses", "credits", "contact_hours", "independent_hours", "total_hours",
                 "_shares", "label", "year", "number_in_year", "course_count")

    def __init__(self, label: str, number: int, members: list[tuple[CourseView, float]], all_groups,
                 tags: tuple[str, ...]):
        self.label = label
        self.number = number
        views = [v for v, _ in members]
        self._shares = members  # (course, share of it counted here: 1, or 1/terms for a year-long course)
        index = {id(v): i for i, v in enumerate(views)}
        groups = []
        for gid, k, gviews in all_groups:
            inside = tuple(index[id(v)] for v in gviews if id(v) in index)
            if inside:
                groups.append(Group(k, inside, len(gviews) - len(inside), gid))
        self.courses = Collection(views, tuple(groups), specialisations(views, tags))
        self.course_count = self.courses.count([True] * len(views))
        self.credits = self._total("credits")
        self.contact_hours = self._total("contact_hours")
        self.independent_hours = self._total("independent_hours")
        self.total_hours = self._total("total_hours")

    def _total(self, attr: str):
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
            val = "?" if is_unknown(x) else format_number(x if share == 1 else round(x * share, 2))
            parts.append(f"{v.code} {val}" + ("" if share == 1 else " (share of a year-long course)"))
        for g in self.courses.groups:
            members = ", ".join(
                f"{self._shares[i][0].code} {'?' if is_unknown(getattr(self._shares[i][0], field)) else format_number(getattr(self._shares[i][0], field))}"
                for i in g.inside)
            extra = f" (+{g.outside} taught elsewhere)" if g.outside else ""
            parts.append(f"choose {g.k} of [{members}{extra}]")
        for o in self.courses.one_of:
            options = "; ".join(
                f"{tag}: " + (", ".join(f"{self._shares[i][0].code} {_value(getattr(self._shares[i][0], field))}"
                                        for i in bundle if i not in grouped) or "none")
                for tag, bundle in zip(o.labels, o.bundles))
            parts.append(f"one specialisation of [{options}]")
        if len(parts) > 14:
            parts = parts[:12] + [f"... {len(parts) - 12} more"]
        return " + ".join(parts) if parts else "no courses"

    def describe(self) -> str:
        return f"{self.label} {self.number}"


class YearView(_Part):
    __slots__ = ("terms",)


class TermView(_Part):
    __slots__ = ()


class ProgrammeView:
    """A programme with everything rules read: header fields, years, terms, courses, totals."""

    root_name = "programme"

    def __init__(self, p: Programme):
        self.model = p
        self.id = p.id
        self.title = p.title or Unknown("the programme has no title")
        self.institution = p.institution or Unknown("the programme names no institution")
        self.country = p.country or Unknown("the programme names no country")
        self.cycle = p.cycle
        self.kind = p.kind
        self.mode = p.mode
        self.nominal_years = p.years
        self.terms_per_year = p.terms_per_year
        self.term_count = p.years * p.terms_per_year
        self.weeks_per_year = p.weeks_per_year if p.weeks_per_year is not None else Unknown(
            "the programme does not give its weeks per year")
        self.teaching_weeks_per_term = p.teaching_weeks_per_term if p.teaching_weeks_per_term is not None else Unknown(
            "the programme does not give its teaching weeks per term")
        self.teaching_weeks_per_year = (p.teaching_weeks_per_term * p.terms_per_year) if p.teaching_weeks_per_term else Unknown(
            "the programme does not give its teaching weeks per term")
        self.prior_credits = p.prior_credits if p.prior_credits is not None else Unknown(
            "the programme does not give the credits required for admission")
        self.intensive = p.intensive
        self.integrated = p.integrated
        self.specialist = p.specialist
        self.field_of_study = p.field_of_study or Unknown("the programme gives no field of study")
        self.specialisation_count = len(p.specialisations)
        groups_of = {}
        for g in p.elective_groups:
            for code in g.courses:
                groups_of[code] = g
        course_views = []
        for c in p.courses:
            g = groups_of.get(c.code)
            course_views.append(CourseView(c, p, g.id if g else None, g.term if g else None, g.year if g else None))
        by_code = {v.code: v for v in course_views}
        all_groups = [(g.id, g.choose, [by_code[c] for c in g.courses]) for g in p.elective_groups]
        self.elective_group_count = len(all_groups)
        named = {v.specialisation for v in course_views if not is_unknown(v.specialisation)}
        self.specialisation_tags = len(named)
        tags = tuple(sorted(named | set(p.specialisations)))
        self.courses = Collection(course_views, tuple(
            Group(k, tuple(course_views.index(v) for v in views), 0, gid) for gid, k, views in all_groups),
            specialisations(course_views, tags))
        self.years = []
        self.terms = []
        tpy = p.terms_per_year
        for y in range(1, p.years + 1):
            members = [(v, 1) for v in course_views if v.year == y]
            year = YearView("year", y, members, all_groups, tags)
            year.terms = []
            for t in range(1, tpy + 1):
                n = (y - 1) * tpy + t
                tm = [(v, 1) for v in course_views if not v.year_long and v.term == n]
                tm += [(v, 1 / tpy) for v in course_views if v.year_long and v.year == y]
                term = TermView("term", n, tm, all_groups, tags)
                term.year = y
                term.number_in_year = t
                year.terms.append(term)
                self.terms.append(term)
            year.year = y
            year.number_in_year = y
            self.years.append(year)
        self.year_list = Collection(self.years)
        self.term_list = Collection(self.terms)
        self.credits = self.courses.sum([v.credits for v in course_views])
        self.contact_hours = self.courses.sum([v.contact_hours for v in course_views])
        self.total_hours = self.courses.sum([v.total_hours for v in course_views])

    def explain(self, field: str) -> str | None:
        if field == "credits":
            return " + ".join(f"year {y.number} {_short(y.credits)}" for y in self.years)
        return None

    def describe(self) -> str:
        return "programme"


def _short(v) -> str:
    return format_value(v)


# ---- what rule files may name ----------------------------------------------------------------------

_CREDITS = number("credits")
_HOURS = number("hours")

_course = ObjectType("Course", "one educational component (course unit, module, thesis, placement)",
                     describe=lambda c: f"course {c.code}")
(_course
 .add("code", STRING, "the course code")
 .add("title", STRING, "the course title")
 .add("credits", _CREDITS, "ECTS credits of the course")
 .add("type", enum("compulsory", "elective", "thesis", "internship", "other"), "kind of component")
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


register(_course)
register(_part_type("Year", "year").add("terms", list_of("Term"), "the terms of the year"))
register(_part_type("Term", "term")
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
 .add("credits", _CREDITS, "total credits of the programme (a range where electives differ)")
 .add("contact_hours", _HOURS, "total contact hours")
 .add("total_hours", _HOURS, "total workload hours")
 .add("years", list_of("Year"), "the programme's academic years", attr="year_list")
 .add("terms", list_of("Term"), "the programme's terms", attr="term_list")
 .add("courses", list_of("Course"), "every course of the programme"))
register(_programme, root="programme")


def _register_kind() -> None:
    from ..subjects import SubjectKind, register_kind
    register_kind(SubjectKind("programme", Programme, ProgrammeView))


_register_kind()
