"""Years and terms of a programme: their courses (with elective groups and specialisations) and totals.

A total depends on what a student chooses: worked out once for every permitted choice (and kept), or
afresh under the one choice being evaluated (see engine.semantics.choices). Each keeps what it was made
of, so a finding's trace can show "PE101 6 + PE102 6 + ... = 58".
"""
from __future__ import annotations

from engine.semantics.choices import ChoiceSpace
from engine.semantics.collection import Collection, Group, OneOf
from engine.semantics.reasons import Listed, Plus, Reason, because
from engine.semantics.values import Unknown, is_unknown
from engine.subjects.programme.course_view import CourseView, value_text
from engine.subjects.programme.part_totals import Sheet


def specialisations(views: list[CourseView], tags: tuple[str, ...]) -> tuple[OneOf, ...]:
    """Courses tagged with a specialisation are taken only by its students: one bundle per specialisation."""
    if len(tags) < 2:
        return ()  # one specialisation: everyone takes its courses
    bundles = tuple(tuple(i for i, v in enumerate(views) if v.specialisation_tag == tag) for tag in tags)
    return (OneOf(bundles, tags),)



def place_groups(rules, members, in_terms: dict, terms_per_year: int) -> dict:
    """Each elective group as seen from each year and term holding some of its courses: part key (a year;
    (year, term)) -> its Groups, in the order of the programme's groups. `members` gives, for each rule,
    its courses in the rule's order, each as (its index among the programme's courses, its view, its
    place among its year's courses, its place among its term's courses, or among its year's year-long
    ones); `in_terms` holds each term's own courses (a year-long course counts in every term of its year,
    after the term's own)."""
    placed: dict = {}
    for rule, entries in zip(rules, members):
        if not entries:
            continue
        k, label = rule.count[0], rule.id
        _, views, at_year, at_part = zip(*entries)  # columns, made at once (each group's own tuples)
        first = views[0]
        term = first.term if not first.year_long else None
        if term is not None and all([not v.year_long and v.term == term for v in views]):
            # the common case: the whole group in one term (its codes are the group's own, in its order)
            placed.setdefault(first.year, []).append(Group(k, at_year, 0, label, rule, rule.codes))
            placed.setdefault((first.year, term), []).append(Group(k, at_part, 0, label, rule, rule.codes))
            continue
        inside: dict = {}  # part key -> [(index among the part's courses, course code)]
        for v, y_at, p_at in zip(views, at_year, at_part):
            y, code = v.year, v.code
            inside.setdefault(y, []).append((y_at, code))
            if not v.year_long:
                inside.setdefault((y, v.term), []).append((p_at, code))
            elif y is not None:  # in every term of its year, after the term's own courses
                for n in range((y - 1) * terms_per_year + 1, y * terms_per_year + 1):
                    inside.setdefault((y, n), []).append((len(in_terms.get(n, ())) + p_at, code))
        for key, found in inside.items():
            idx, keys = zip(*found)
            placed.setdefault(key, []).append(Group(k, idx, len(entries) - len(idx), label, rule, keys))
    return placed


class PartView:
    """A year or a term: its courses (with electives) and totals."""

    __slots__ = ("number", "_courses", "_totals", "_views", "_shares", "label", "year", "number_in_year", "_partial",
                 "_sheet", "_groups", "_tags", "_space")

    def __init__(self, label: str, number: int, views: list[CourseView], shares: list[float] | None,
                 groups: tuple[Group, ...], tags: tuple[str, ...], space: ChoiceSpace | None = None,
                 sheet: Sheet | None = None):
        """`shares`: the part of each course counted here (1, or 1/terms for a year-long course in a
        term); None when every course counts whole. `groups`: the elective groups as seen from here
        (place_groups). `sheet`: the programme's totals worked out together (programme.part_totals)."""
        self.label = label
        self.number = number
        self._views = views
        self._shares = shares
        self._groups = groups
        self._tags = tags
        self._space = space
        self._courses: Collection | None = None
        self._totals: dict = {}
        self._partial: Unknown | None = None  # set when the file holds only part of this year
        self._sheet = sheet

    @property
    def courses(self) -> Collection:
        """The part's courses with their elective groups and specialisations: made when first read (the
        totals the sheet works out do without)."""
        c = self._courses
        if c is None:
            c = self._courses = Collection(self._views, self._groups, specialisations(self._views, self._tags),
                                           self._space)
        return c

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
        space = self._space
        # under a choice being evaluated, or noting the choices read (else the collection's world() is None
        # and notes nothing: the collection is not made for it)
        if space is not None and (space.world is not None or space.touched is not None) \
                and self.courses.world() is not None:
            return self._sum(attr)
        cached = self._totals.get(attr)
        if cached is None:
            if self._sheet is not None:  # the common case, with the other parts' (programme.part_totals)
                self._sheet.fill(attr, self.label)
                cached = self._totals.get(attr)
            if cached is None:
                cached = self._totals[attr] = self._sum(attr)
        return cached

    def _sum(self, attr: str):
        if attr == "course_count":
            return self.courses.count([True] * len(self._views))
        if self._shares is None:
            return self.courses.sum([getattr(v, attr) for v in self._views])
        values = []
        for v, share in zip(self._views, self._shares):
            x = getattr(v, attr)
            values.append(x if share == 1 or is_unknown(x) else round(x * share, 6))
        return self.courses.sum(values)

    def _members(self):
        """(course, the part of it counted here) for each course of the part."""
        return zip(self._views, self._shares or [1] * len(self._views))

    def explain(self, field: str) -> str | None:
        if field not in ("credits", "contact_hours", "independent_hours", "total_hours"):
            return None
        grouped = {i for g in self.courses.groups for i in g.inside}
        bundled = {i for o in self.courses.one_of for b in o.bundles for i in b}
        parts = []
        for i, (v, share) in enumerate(self._members()):
            if i in grouped or i in bundled:
                continue
            x = getattr(v, field)
            val = "?" if is_unknown(x) else (x if share == 1 else round(x * share, 2))
            parts.append(because("detail.item", "{code} {value}", code=v.code, value=val) if share == 1 else
                         because("detail.share", "{code} {value} (share of a year-long course)", code=v.code, value=val))

        def group_text(g) -> Reason:
            members = tuple(because("detail.item", "{code} {value}", code=self._views[i].code,
                                    value=value_text(getattr(self._views[i], field))) for i in g.inside)
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
                    [because("detail.item", "{code} {value}", code=self._views[i].code,
                             value=value_text(getattr(self._views[i], field))) for i in bundle if i not in grouped]
                    + [group_text(g) for g in self.courses.groups if g.specialisation == tag])
                    or because("detail.none", "none"))
                for tag, bundle in zip(o.labels, o.bundles))
            parts.append(because("detail.one_of", "one specialisation of [{options}]", options=options))
        if len(parts) > 14:
            parts = parts[:12] + [because("detail.more", "... {n} more", n=len(parts) - 12)]
        return because("detail.sum", "{parts}", parts=Plus(parts)) if parts else because("detail.no_courses", "no courses")

    def describe(self) -> str:
        return f"{self.label} {self.number}"


class YearView(PartView):
    __slots__ = ("terms", "share")

    def blank_totals(self, reason: Unknown) -> None:
        """A year the file holds only in part: its totals are not known."""
        self._partial = reason


class TermView(PartView):
    __slots__ = ()
