"""The programme view builds its courses in one pass and works out the years, terms, their collections and
the fields rules seldom read when first read. Here every one of them is compared, on generated programmes
(covers, specialisations, year-long courses, non-credit courses, duplicate and missing course codes, missing
hours and credits, elective groups placed by their own term or year or spanning several), with what a plain
eager construction from the programme file gives: each course's placement, each year's and term's courses,
shares, elective groups as seen from there and specialisation bundles."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.semantics.collection import Collection, Group, OneOf
from engine.semantics.values import Unknown
from engine.subjects.programme.model import Programme, group_specialisations
from engine.subjects.programme.views import ProgrammeView

_SPECS = [[], ["A"], ["A", "B"]]


@st.composite
def programmes(draw) -> dict:
    """A programme file of 1-3 years of 1-3 terms with courses and elective groups of every placement."""
    tpy, years = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    n_terms = tpy * years
    first, last = 1, n_terms
    covers = None
    if draw(st.booleans()):
        first = draw(st.integers(1, n_terms))
        last = draw(st.integers(first, n_terms))
        covers = {"from_term": first, "to_term": last}
    specs = draw(st.sampled_from(_SPECS))
    courses: list[dict] = []

    def course(code: str, own_place: bool = True, spec: str | None = None) -> dict:
        c: dict = {"code": code, "title": f"Course {code}"}
        if own_place:
            if draw(st.booleans()):
                c["term"] = draw(st.integers(first, last))
                if draw(st.booleans()):
                    c["year"] = (c["term"] - 1) // tpy + 1
            else:
                c["year"] = draw(st.integers(1, years))
        kind = draw(st.sampled_from(["compulsory", "compulsory", "elective", "non_credit", "thesis"]))
        c["type"] = kind
        credits = draw(st.one_of(st.none(), st.integers(0, 12), st.sampled_from([2.5, 7.5])))
        if kind == "non_credit":
            credits = draw(st.sampled_from([None, 0]))
        if credits is not None:
            c["credits"] = credits
        hours = draw(st.one_of(st.none(), st.dictionaries(
            st.sampled_from(["lectures", "labs", "independent", "exams"]), st.integers(0, 120), max_size=3)))
        if hours is not None:
            c["hours"] = hours
        if draw(st.booleans()):
            c["level"] = "second"
        tag = spec if spec is not None else (draw(st.sampled_from([None] + specs)) if specs else None)
        if tag is not None:
            c["specialisation"] = tag
        courses.append(c)
        return c

    for i in range(draw(st.integers(1, 6))):
        course(f"C{i}")
    if draw(st.booleans()):  # a code two courses share, and a course without one
        courses.append({**courses[0], "title": "Shared"})
        untitled = {k: v for k, v in courses[-1].items() if k not in ("code", "title")}
        courses.append(untitled)
    groups = []
    for gi in range(draw(st.integers(0, 3))):
        group: dict = {"id": f"g{gi}"}
        place = draw(st.sampled_from(["term", "year", "own"]))
        if place == "term":
            group["term"] = draw(st.integers(first, last))
        elif place == "year":
            group["year"] = draw(st.integers(1, years))
        spec = draw(st.sampled_from([None] + specs)) if specs else None
        if spec is not None:
            group["specialisation"] = spec
        codes = []
        for mi in range(draw(st.integers(1, 4))):
            own = place == "own" or draw(st.booleans())
            c = course(f"E{gi}{mi}", own_place=own, spec=spec if spec is not None and draw(st.booleans()) else None)
            if spec is not None and c.get("specialisation") not in (None, spec):
                del c["specialisation"]  # a course of a group of one specialisation names it or none
            codes.append(c["code"])
        group["courses"] = codes
        group["choose"] = draw(st.integers(1, len(codes)))
        groups.append(group)
    file: dict = {"id": "p", "cycle": "first", "years": years, "terms_per_year": tpy, "specialisations": specs,
                  "courses": courses, "elective_groups": groups}
    if covers:
        file["covers"] = covers
    if draw(st.booleans()):
        file["printed_totals"] = {"terms": {n: 30 for n in range(1, n_terms + 1) if draw(st.booleans())},
                                  "years": {y: 60 for y in range(1, years + 1) if draw(st.booleans())},
                                  "programme": draw(st.sampled_from([None, 60 * years]))}
    for key, value in (("weeks_per_year", 40), ("teaching_weeks_per_term", 15), ("prior_credits", 180),
                       ("field_of_study", "0613"), ("country", "RS")):
        if draw(st.booleans()):
            file[key] = value
    return file


def _same(a, b) -> bool:
    if type(a) is Unknown or type(b) is Unknown:
        return type(a) is type(b) and a.reason == b.reason
    return type(a) is type(b) and a == b


def _expected_courses(p: Programme):
    """Each course's name, credits, type, level, placement, group, specialisation and is_elective, the
    plain way; and the programme's specialisations and group rules."""
    group_of = {code: g for g in p.elective_groups for code in g.courses}
    track_of = group_specialisations(p)
    out = []
    for i, c in enumerate(p.courses):
        g = group_of.get(c.code)
        term = c.term if c.term is not None else (g.term if g else None)
        year = c.year if c.year is not None else (g.year if g else None)
        if term is not None:
            year = (term - 1) // p.terms_per_year + 1
        credits = c.credits if c.credits is not None else (0 if c.type == "non_credit" else "unknown")
        out.append({"code": p.course_name(i), "credits": credits, "type": c.type, "level": c.level or p.cycle,
                    "term": term, "year": year, "year_long": term is None, "group": g.id if g else None,
                    "specialisation_tag": c.specialisation or (track_of.get(g.id) if g else None) or None,
                    "is_elective": g is not None or c.type == "elective"})
    tags = tuple(sorted({e["specialisation_tag"] for e in out if e["specialisation_tag"]} | set(p.specialisations)))
    credits_of = {c.code: c.credits for c in p.courses}
    rules = [g.rule(credits_of, track_of.get(g.id) if len(tags) > 1 else None) for g in p.elective_groups]
    return out, tags, rules


def _expected_groups(part_views: list, views: list, rules) -> tuple[Group, ...]:
    """The elective groups as a part sees them: each member's place among the part's courses."""
    by_code = {v.code: v for v in views}
    out = []
    for rule in rules:
        members = [by_code[c] for c in rule.codes]
        found = [(next(i for i, x in enumerate(part_views) if x is v), v.code) for v in members
                 if any(x is v for x in part_views)]
        if found:
            idx, keys = zip(*found)
            out.append(Group(rule.count[0], idx, len(members) - len(idx), rule.id, rule, keys))
    return tuple(out)


def _expected_bundles(part_views: list, tags: tuple[str, ...]) -> tuple[OneOf, ...]:
    if len(tags) < 2:
        return ()
    return (OneOf(tuple(tuple(i for i, v in enumerate(part_views) if v.specialisation_tag == t) for t in tags), tags),)


def _same_collection(made: Collection, views: list, groups, bundles, space) -> None:
    eager = Collection(views, groups, bundles, space)
    assert len(made.items) == len(views) and all(a is b for a, b in zip(made.items, views))
    assert made.groups == eager.groups and made.one_of == eager.one_of and made.space is space
    assert (made.fixed, made._loose, set(made._touches)) == (eager.fixed, eager._loose, set(eager._touches))


def _check_view(file: dict, parts_first: bool) -> None:
    p = Programme.model_validate(file)
    view = ProgrammeView(p)
    if parts_first:  # the years and terms made before anything else is read
        view.terms
    expected, tags, rules = _expected_courses(p)
    views = view.courses.items
    for v, e in zip(views, expected):
        for name, value in e.items():
            got = getattr(v, name)
            if value == "unknown" or (name == "term" and value is None):
                assert type(got) is Unknown, (name, got)
            else:
                assert type(got) is type(value) and got == value, (name, got, value)
    assert list(view.choice_space.groups.values()) == rules
    assert view.choice_space.specialisations == (tags if len(tags) > 1 else ())
    assert view.specialisation_tags == len({e["specialisation_tag"] for e in expected if e["specialisation_tag"]})
    _same_collection(view.courses, views, tuple(
        Group(r.count[0], tuple(next(i for i, v in enumerate(views) if v.code == c) for c in r.codes), 0, r.id, r,
              r.codes) for r in rules), _expected_bundles(views, tags), view.choice_space)
    tpy = p.terms_per_year
    held = range(p.covers.from_term, p.covers.to_term + 1) if p.covers else range(1, p.term_count + 1)
    years = [y for y in range(1, p.year_count + 1) if any((n - 1) // tpy + 1 == y for n in held)]
    assert [y.number for y in view.years] == years
    assert [t.number for t in view.terms] == list(held)
    for year in view.years:
        in_year = [v for v in views if v.year == year.number]
        assert year._views == in_year and year._shares is None
        assert type(year.share) is int and year.share == 1  # whole years here
        assert [t.number for t in year.terms] == [n for n in held if (n - 1) // tpy + 1 == year.number]
        assert (year._partial is not None) == (len(year.terms) < len(range((year.number - 1) * tpy + 1,
                                                                              min(year.number * tpy, p.term_count) + 1)))
        _same_collection(year.courses, in_year, _expected_groups(in_year, views, rules), _expected_bundles(in_year, tags),
                         view.choice_space)
    for term in view.terms:
        own = [v for v in views if not v.year_long and v.term == term.number]
        whole = [v for v in views if v.year_long and v.year == term.year]
        assert all(a is b for a, b in zip(term._views, own + whole)) and len(term._views) == len(own + whole)
        assert term._shares == ([1] * len(own) + [1 / tpy] * len(whole) if whole else None)
        assert (term.year, term.number_in_year) == ((term.number - 1) // tpy + 1, (term.number - 1) % tpy + 1)
        _same_collection(term.courses, term._views, _expected_groups(term._views, views, rules),
                         _expected_bundles(term._views, tags), view.choice_space)
    printed = p.printed_totals
    rows = [] if printed is None else ([("term", n) for n in sorted(printed.terms)] + [("year", n) for n in sorted(printed.years)]
                                       + ([("programme", None)] if printed.programme is not None else []))
    assert [t.what.names for t in view.printed_totals] == rows
    assert [y.number for y in view.year_list] == years and [t.number for t in view.term_list] == list(held)
    assert view.non_credit_count == sum(c.type == "non_credit" for c in p.courses)
    for name, value in (("country", p.country), ("field_of_study", p.field_of_study), ("weeks_per_year", p.weeks_per_year),
                        ("teaching_weeks_per_term", p.teaching_weeks_per_term), ("prior_credits", p.prior_credits),
                        ("teaching_weeks_per_year", p.teaching_weeks_per_term * tpy if p.teaching_weeks_per_term else None)):
        got = getattr(view, name)
        assert type(got) is Unknown if value is None else got == value, name


@settings(max_examples=60, deadline=None)
@given(programmes(), st.booleans())
def test_the_view_holds_what_a_plain_construction_gives(file, parts_first):
    _check_view(file, parts_first)


def test_a_group_spanning_terms_and_a_year_long_member():
    """One fixed case of the general placement: a group with members in two terms and one over the year."""
    file = {"id": "p", "cycle": "first", "years": 1, "terms_per_year": 2, "specialisations": ["A", "B"],
            "courses": [{"code": "C", "term": 1, "credits": 6}, {"code": "E1", "term": 1, "credits": 5},
                        {"code": "E2", "term": 2, "credits": 5, "specialisation": "A"},
                        {"code": "Y", "year": 1, "credits": 10}, {"code": "E3", "credits": 4}],
            "elective_groups": [{"id": "g", "year": 1, "choose": 2, "courses": ["E1", "E2", "E3"]}]}
    _check_view(file, parts_first=False)
    view = ProgrammeView(Programme.model_validate(file))
    term2 = view.terms[1]
    assert [v.code for v in term2._views] == ["E2", "Y", "E3"]
    assert term2.courses.groups[0][:4] == (2, (0, 2), 1, "g")


def test_an_unknown_field_is_still_an_attribute_error():
    view = ProgrammeView(Programme.model_validate({"id": "p", "cycle": "first", "years": 1,
                                                   "courses": [{"code": "C", "term": 1, "credits": 6}]}))
    for subject in (view, view.terms[0], view.courses.items[0]):
        try:
            subject.no_such_field
        except AttributeError:
            continue
        raise AssertionError(f"{subject.describe()} has no_such_field")
