"""Properties of grading tables, letters and conversion, checked on generated cohorts."""
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import SubjectFileError
from engine.grades import POLICIES, assign_letters, build_table, convert_grade
from engine.grades.table import overlap
from engine.subjects.cohort.model import load_cohort

GREEK = [x / 2 for x in range(10, 21)]  # 5.0 .. 10.0 in half points (higher is better)
GERMAN = [1.0, 1.3, 1.7, 2.0, 2.3, 2.7, 3.0, 3.3, 3.7, 4.0]  # lower is better


def counts_on(grades):
    """Counts on a subset of `grades`, some zero, at least one positive."""
    return st.dictionaries(st.sampled_from(grades), st.integers(0, 300), min_size=1).filter(
        lambda d: sum(d.values()) > 0
    )


def tables():
    return st.one_of(
        counts_on(GREEK).map(lambda c: build_table(c)),
        counts_on(GERMAN).map(lambda c: build_table(c, higher_is_better=False)),
    )


@settings(deadline=None)  # no timing assertion: the machine may be busy
@given(tables())
def test_percentages_add_to_100(t):
    assert sum(r.share for r in t.rows) == 100
    assert abs(sum(r.percentage for r in t.rows) - 100) <= 0.005 * len(t.rows) + 1e-9
    assert t.rows[-1].cumulative_percentage == 100.0


@settings(deadline=None)  # no timing assertion: the machine may be busy
@given(tables())
def test_cumulative_bands_are_monotone_and_tile_0_100(t):
    assert t.rows[0].lower == 0 and t.rows[-1].upper == 100
    for a, b in zip(t.rows, t.rows[1:]):
        assert a.upper == b.lower and a.lower < a.upper
        assert a.cumulative_percentage <= b.cumulative_percentage
    assert all(r.count > 0 for r in t.rows)


@settings(deadline=None)  # no timing assertion: the machine may be busy
@given(tables())
def test_converting_a_table_to_itself_is_the_identity(t):
    for policy in POLICIES:
        for g in t.grades:
            assert convert_grade(g, t, t, policy=policy).result == g


@settings(max_examples=150, deadline=None)
@given(tables(), tables())
def test_a_better_grade_never_converts_to_a_worse_grade(foreign, home):
    position = {g: i for i, g in enumerate(home.grades)}  # 0 = best
    for policy in POLICIES:
        results = [position[convert_grade(g, foreign, home, policy=policy).result] for g in foreign.grades]
        assert results == sorted(results), (policy, results)


@settings(deadline=None)  # no timing assertion: the machine may be busy
@given(tables(), tables())
def test_result_is_a_candidate_or_the_midpoint_grade(foreign, home):
    for g in foreign.grades:
        for policy in ("min", "max", "avg"):
            c = convert_grade(g, foreign, home, policy=policy)
            assert c.result in [x.grade for x in c.candidates]
            assert sum(x.overlap for x in c.candidates) == c.foreign_band[1] - c.foreign_band[0]


@settings(deadline=None)  # no timing assertion: the machine may be busy
@given(tables(), st.sampled_from(["midpoint", "majority"]))
def test_letter_shares_add_up_and_letters_are_monotone(t, policy):
    a = assign_letters(t, policy)
    assert sum(a.shares.values()) == 100
    assert sum(a.deviation.values()) == 0
    letters = [r.letter for r in a.rows]
    assert letters == sorted(letters)  # "A" < "B" < ... : a better grade never gets a worse letter


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="group,academic_yeardt0123456789-/.;\"\n -x", max_size=200))
def test_csv_loader_never_raises_anything_but_a_file_error(tmp_path_factory, text):
    p = tmp_path_factory.mktemp("fuzz") / "c.csv"
    p.write_text("group,academic_year,grade,count\n" + text, encoding="utf-8")
    try:
        load_cohort(p)
    except SubjectFileError as e:
        assert e.path == str(p)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="groups:id counts\n-{}[]0123456789,\"'2022/3.x", max_size=200))
def test_yaml_loader_never_raises_anything_but_a_file_error(tmp_path_factory, text):
    p = tmp_path_factory.mktemp("fuzz") / "c.yaml"
    p.write_text(text, encoding="utf-8")
    try:
        load_cohort(p)
    except SubjectFileError as e:
        assert e.path == str(p)


def test_fraction_bands_for_prime_totals():
    t = build_table({10: 1, 9: 1, 8: 1, 7: 1, 6: 1, 5: 1, 4: 1}, pass_mark=4)
    assert t.rows[1].band == (Fraction(100, 7), Fraction(200, 7))


def bands():
    """A band [lower, upper) of percentages, exact, possibly empty."""
    return st.tuples(st.fractions(0, 100), st.fractions(0, 100)).map(lambda b: (min(b), max(b)))


@settings(deadline=None)
@given(bands(), bands())
def test_the_overlap_of_two_bands_is_the_length_they_share(a, b):
    shared = overlap(a, b)
    assert shared == overlap(b, a) and shared >= 0 and isinstance(shared, Fraction)
    assert shared <= a[1] - a[0] and shared <= b[1] - b[0]
    inside = (max(a[0], b[0]), min(a[1], b[1]))
    assert shared == (inside[1] - inside[0] if inside[1] > inside[0] else 0)
