"""One course as rules read it: its placement (term, year), credits, and workload figures.

The placement and credits are worked out when the view is built (the totals of terms and years need
them); everything else (hours, course-description fields, what is missing) when a rule, a trace or a
report first reads it, then kept.
"""
from __future__ import annotations

from operator import itemgetter

from engine.semantics.reasons import Alternatives, Field, Plus, Reason, because
from engine.semantics.units import format_number
from engine.semantics.values import Choices, Unknown, is_unknown
from engine.subjects.programme.model import Course, ElectiveGroup, Hours, Programme, contact_hours_sum

INFO_FIELDS = ("lecturer", "learning_outcomes", "prerequisites", "contents", "reading", "teaching_methods",
               "assessment_methods", "language")
HOURS_FIELDS = ("contact_hours", "independent_hours", "total_hours", "hours_per_credit", "_hours_how")
DESCRIBED_FIELDS = ("is_elective", "title", "label", "term_in_year", "specialisation", "elective_group", "contact_hours_per_week",
                    "missing_info") + INFO_FIELDS
LAZY_FIELDS = HOURS_FIELDS + ("_hours_note",) + DESCRIBED_FIELDS  # worked out when first read


class CourseView:
    """One course with its derived workload figures (computed when first read).

    The fields worked out when first read are properties over slots of their own (`_lazy_<name>`, see
    _made_when_read), so that reading any other field is a plain slot read; once the programme's workloads
    (or its contact hours) are worked out, its views read them as plain slots too (WorkedOutCourseView,
    ContactCourseView)."""

    __slots__ = ("code", "credits", "type", "level", "term", "year", "year_long", "specialisation_tag", "group",
                 "model", "_hours", "_programme", "_owner") + tuple("_lazy_" + name for name in LAZY_FIELDS)

    def __init__(self, c: Course, p: Programme, name: str, owner, group: ElectiveGroup | None, cycle: str,
                 terms_per_year: int):
        """`name`: how findings name the course (Programme.course_name); `owner`: a weak reference to the
        programme's view (its courses' workloads are worked out together; weak, so that no course view
        keeps the programme's alive in a reference cycle); `group`: the elective group listing the course
        (its term and year place a course that gives none). The specialisation a group's courses inherit
        from it is the programme view's to set (it knows the group's other courses). `cycle` and
        `terms_per_year`: the programme's, read once for all its courses."""
        given = c.__dict__  # the model's fields by name (read once each: cheaper than its attributes)
        self.model = c
        self._hours = given["hours"]
        self._owner = owner
        self._programme = p
        self.code = name
        credits = given["credits"]
        kind = self.type = given["type"]
        self.credits = credits if credits is not None else (
            0 if kind == "non_credit" else Unknown(because("course.no_credits", "course {code} has no credits", code=name)))
        self.level = given["level"] or cycle
        term, year = given["term"], given["year"]
        if group is None:
            self.group = None
        else:
            self.group = group.id
            if term is None:
                term = group.term
            if year is None:
                year = group.year
        if term is not None:
            self.term = term
            self.year = (term - 1) // terms_per_year + 1
            self.year_long = False
        else:
            self.term = Unknown(because("course.whole_year", "course {code} is taught over a whole year", code=name))
            self.year = year
            self.year_long = True
        self.specialisation_tag = given["specialisation"] or None

    def _describe_field(self, name: str) -> None:
        """One derived field, the hours apart: each is worked out alone (a message reads only the title)."""
        c, code = self.model, self.code
        if name == "is_elective":
            self.is_elective = self.group is not None or self.type == "elective"
        elif name == "title":
            self.title = c.title if c.title else Unknown(because("course.no_title", "course {code} has no title", code=code))
        elif name == "label":
            p = self._programme
            self.label = p.course_label(p.index_of(c))
        elif name == "term_in_year":
            self.term_in_year = ((self.term - 1) % self._programme.terms_per_year + 1) if not self.year_long else \
                Unknown(because("course.whole_year", "course {code} is taught over a whole year", code=code))
        elif name == "specialisation":
            tag = self.specialisation_tag
            self.specialisation = tag if tag else Unknown(because("course.no_specialisation", "course {code} names no specialisation", code=code))
        elif name == "elective_group":
            self.elective_group = self.group if self.group else Unknown(because("course.no_group", "course {code} is in no elective group", code=code))
        elif name == "contact_hours_per_week":
            weekly = contact_hours_sum(c.contact_hours_per_week)
            self.contact_hours_per_week = weekly if weekly is not None else Unknown(
                because("course.no_weekly_hours", "course {code} gives no contact hours per week", code=code))
        elif name == "missing_info":
            self.missing_info = ", ".join(n.replace("_", " ") for n in ("title", "credits") + INFO_FIELDS
                                          if is_unknown(getattr(self, n))) or "none"
        else:  # a course-description field
            value = getattr(c, name)
            if isinstance(value, list):
                value = "; ".join(value)
            setattr(self, name, value if value else Unknown(because(
                "course.no_field", "course {code} gives no {field}", code=code, field=Field(name))))

    def _derive_workload(self, name: str) -> None:
        """The total workload and hours per credit of every course of the programme at once (a rule or a
        total that reads one course's reads them all): worked out alone when the hours give them (a total,
        or components beyond contact hours); otherwise every hours field (_derive_hours). Pure functions
        of the model, so a course whose hours were worked out before gets the same values again. (The values
        go straight into the fields' slots: see _made_when_read; then each view becomes a
        WorkedOutCourseView.)"""
        courses = getattr(self._owner() if self._owner is not None else None, "courses", None)
        views = courses.items if courses is not None else (self,)
        for v in views:
            h = v._hours
            if h is None:
                v._derive_hours(name)
                continue
            given = h.__dict__
            total = given["total"]
            if total is None:
                # sum() as _derive_hours adds them (contact + the rest); leaving the zeros out changes no
                # sum (all zeros give 0 rather than 0.0: the same number to as_number)
                other = _NON_CONTACT_OF(given)
                total = sum(filter(None, other))
                if not total and other == _NO_OTHER:  # nothing beyond contact hours: not a workload
                    v._derive_hours(name)
                    continue
                total = sum(filter(None, _CONTACT_OF(given))) + total
            if type(total) is float and total.is_integer():  # as_number (an int stays as it is)
                total = int(total)
            v._lazy_total_hours = total
            credits = v.credits
            if type(credits) is Unknown or credits == 0:
                v._lazy_hours_per_credit = Unknown(because(
                    "course.no_credits_to_divide", "course {code} has no credits to divide its hours by", code=v.code))
            else:  # as_number(round(total / credits, 4)): a quotient of two numbers is a float; a whole one
                q = total / credits  # is its own rounding
                if q.is_integer():
                    v._lazy_hours_per_credit = int(q)
                else:
                    q = round(q, 4)
                    v._lazy_hours_per_credit = int(q) if q.is_integer() else q
        for v in views:  # both fields set, in every course: read them as plain slots from now on
            v.__class__ = _WORKLOAD_SET[type(v)]

    def _derive_contact(self, name: str) -> None:
        """The contact hours of every course of the programme at once (a year's total or chart reads them
        all): worked out alone where the hours give a breakdown (the sum of its contact components, as
        _derive_hours adds them), otherwise with every hours field (_derive_hours). A course whose contact
        hours are set keeps them."""
        courses = getattr(self._owner() if self._owner is not None else None, "courses", None)
        views = courses.items if courses is not None else (self,)
        for v in views:
            try:
                _CONTACT_SLOT(v)
                continue
            except AttributeError:
                pass
            h = v._hours
            if h is not None:
                given = h.__dict__
                parts_contact = [x for x in _CONTACT_OF(given) if x is not None]
                if parts_contact or _NON_CONTACT_OF(given) != _NO_OTHER:
                    v._lazy_contact_hours = as_number(sum(parts_contact))
                    continue
            v._derive_hours(name)
        for v in views:  # set in every course: read as a plain slot from now on
            v.__class__ = _CONTACT_SET[type(v)]

    def _derive_hours(self, name: str) -> None:
        c, p = self.model, self._programme
        h: Hours | None = c.hours
        contact = independent = total = weekly = None
        how = None  # where the contact hours come from, for the note (see _note)
        code = self.code
        only_contact = False
        if h is not None:
            given_hours = vars(h)  # the model's fields by name
            parts_contact = [x for x in map(given_hours.__getitem__, _CONTACT) if x is not None]
            parts_other = [x for x in map(given_hours.__getitem__, _NON_CONTACT) if x is not None]
            if parts_contact or parts_other:
                contact = sum(parts_contact)  # a breakdown without contact components means none
            if given_hours["independent"] is not None:
                independent = given_hours["independent"]
            if given_hours["total"] is not None:
                total = given_hours["total"]
            elif parts_other:
                total = contact + sum(parts_other)
            only_contact = bool(parts_contact) and total is None  # contact hours alone are not a workload
            how = "breakdown"
        if contact is None:  # no breakdown: the contact hours as given, else weekly hours x teaching weeks
            given = contact_hours_sum(c.contact_hours)
            if given is not None:
                contact, only_contact = given, total is None
                how = "given"
            weekly = contact_hours_sum(c.contact_hours_per_week)
            weeks = p.teaching_weeks_per_term * (1 if c.term is not None else p.terms_per_year) \
                if p.teaching_weeks_per_term else None
            if contact is None and weekly is not None and weeks:
                contact, only_contact = weekly * weeks, total is None
                how = ("weekly", weeks)
        self._hours_how = how
        self.contact_hours = as_number(contact) if contact is not None else Unknown(
            because("course.no_contact_hours", "course {code} has no contact hours", code=code) if weekly is None else
            because("course.no_contact_hours_weeks", "course {code} has no contact hours (teaching weeks per term not "
                    "given)", code=code))
        self.independent_hours = as_number(independent) if independent is not None else Unknown(because(
            "course.no_independent_hours", "course {code} has no independent-study hours", code=code))
        self.total_hours = as_number(total) if total is not None else Unknown(
            because("course.contact_only", "course {code}: no workload hours given (contact hours alone are not the "
                    "workload)", code=code) if only_contact else
            because("course.no_workload", "course {code}: no workload hours given", code=code))
        if total is None:
            self.hours_per_credit = self.total_hours
        elif self.credits == 0 or type(self.credits) is Unknown:
            self.hours_per_credit = Unknown(because(
                "course.no_credits_to_divide", "course {code} has no credits to divide its hours by", code=code))
        else:
            self.hours_per_credit = as_number(round(self.total_hours / self.credits, 4))

    def _note(self, name: str) -> None:
        """How the hours add up ("lectures 39 + independent 96 + ..."), for traces: only when one is shown;
        a reason the renderer words in the report's language."""
        how, c = self._hours_how, self.model
        if how == "breakdown":
            h = c.hours
            self._hours_note = Plus(_hours_part(k, getattr(h, k)) for k in Hours.CONTACT + Hours.NON_CONTACT
                                    if getattr(h, k) is not None)
        elif how == "given":
            self._hours_note = because("hours.given", "{parts} h", parts=_by_kind(c.contact_hours))
        elif how is not None:
            self._hours_note = because("hours.weekly", "{parts} h/week x {weeks} teaching weeks",
                                       parts=_by_kind(c.contact_hours_per_week), weeks=how[1])
        else:
            self._hours_note = None

    def explain(self, field: str):
        if field in ("total_hours", "contact_hours", "hours_per_credit") and self._hours_note:
            base = self._hours_note
            if field == "hours_per_credit" and not is_unknown(self.total_hours) and not is_unknown(self.credits):
                return because("hours.per_credit", "{total} h ({base}) / {credits} credits", total=self.total_hours,
                               base=base, credits=self.credits)
            return base
        return None

    def describe(self) -> str:
        return f"course {self.code}"


_CONTACT, _NON_CONTACT = Hours.CONTACT, Hours.NON_CONTACT
_CONTACT_OF, _NON_CONTACT_OF = itemgetter(*_CONTACT), itemgetter(*_NON_CONTACT)  # a model's hours by name -> a tuple
_NO_OTHER = (None,) * len(_NON_CONTACT)  # no hours beyond contact hours
_DERIVED = {**dict.fromkeys(HOURS_FIELDS, CourseView._derive_hours), "_hours_note": CourseView._note,
            "total_hours": CourseView._derive_workload, "hours_per_credit": CourseView._derive_workload,
            "contact_hours": CourseView._derive_contact,
            **dict.fromkeys(DESCRIBED_FIELDS, CourseView._describe_field)}  # field -> what works it out


def _made_when_read(name: str, derive) -> property:
    """A field worked out when first read (`derive(view, name)` sets it, maybe with others), then kept in its
    slot. (A property per such field rather than a __getattr__ on the class: a class with __getattr__ makes
    every read of every field slower.)"""
    slot = getattr(CourseView, "_lazy_" + name)
    read = slot.__get__

    def get(view: CourseView):
        try:
            return read(view)
        except AttributeError:
            derive(view, name)
            return read(view)
    return property(get, slot.__set__, doc=f"{name.lstrip('_').replace('_', ' ')}, worked out when first read")


for _name, _derive in _DERIVED.items():
    setattr(CourseView, _name, _made_when_read(_name, _derive))
_CONTACT_SLOT = CourseView._lazy_contact_hours.__get__  # the contact hours set (AttributeError: not yet)


class WorkedOutCourseView(CourseView):
    """A course view whose total workload and hours per credit are set (by _derive_workload, which
    switches its views' class to this one once it has set both in every one; the same slots, so the
    switch is allowed and keeps every value): reads them as the plain slots they are kept in. An audit
    reads them some 170 times a programme, and a property costs a Python call each (about 80 ns
    against 10 for a slot). Nothing else differs: no code asks whether a view is exactly a CourseView."""

    __slots__ = ()
    total_hours = CourseView._lazy_total_hours
    hours_per_credit = CourseView._lazy_hours_per_credit


class ContactCourseView(CourseView):
    """A course view whose contact hours are set (by _derive_contact, which switches its views' class to this
    one once it has set them in every one, as _derive_workload does to WorkedOutCourseView): reads them as the
    plain slot they are kept in. An audit by the ECTS users' guide reads them some 100 times a programme."""

    __slots__ = ()
    contact_hours = CourseView._lazy_contact_hours


class WorkedOutContactCourseView(WorkedOutCourseView, ContactCourseView):
    """A course view whose workload and contact hours are all set: reads the three as plain slots."""

    __slots__ = ()


# the class a view is switched to once its workload (total hours and hours per credit), or its contact hours, are set
_WORKLOAD_SET = {CourseView: WorkedOutCourseView, ContactCourseView: WorkedOutContactCourseView,
                 WorkedOutCourseView: WorkedOutCourseView, WorkedOutContactCourseView: WorkedOutContactCourseView}
_CONTACT_SET = {CourseView: ContactCourseView, WorkedOutCourseView: WorkedOutContactCourseView,
                ContactCourseView: ContactCourseView, WorkedOutContactCourseView: WorkedOutContactCourseView}


def _hours_part(kind: str, value) -> Reason:
    return because("hours.part", "{kind} {value}", kind=Field(kind), value=as_number(value))


def _by_kind(hours):
    """Contact hours as given: a number, or a sum by kind ({lectures: 2, exercises: 2})."""
    if isinstance(hours, dict):
        return Plus(_hours_part(k, v) for k, v in hours.items())
    return as_number(hours)


def as_number(x: float):
    """A whole float as an int (30.0 -> 30), any other number unchanged."""
    if type(x) is float:
        return int(x) if x.is_integer() else x
    return int(x) if float(x).is_integer() else x


def value_text(x):
    """A number inside a derivation ("CS101 6 + ..."): '?' when unknown, the alternatives (worded by the
    renderer: '28 or 30') when it depends on electives."""
    if is_unknown(x):
        return "?"
    if type(x) is Choices:
        return Alternatives(x.values) if x.exact else f"{format_number(x.low)}..{format_number(x.high)}"
    return x
