"""What the renderers remember to word a batch faster gives exactly what working it out afresh gives:
a requirement's words with the values read (engine.render.sentences), a rule's provenance, citations and
what-if line (engine.render.remembered, by identity), a trace's steps (by the trace's key,
engine.render.trace_keys), Markdown escapes (engine.render.templated) and chart numbers
(engine.render.number_words.formatted). Programmes: the project's examples (examples/programmes/)."""
from __future__ import annotations

import datetime as dt
import math
import textwrap
import weakref
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.api import audit_programme
from engine.evaluation.findings import Provenance, SubjectRef
from engine.evaluation.trace import ReadEvent
from engine.render import json_report, remembered
from engine.render import text as text_report
from engine.render.finding_words import FindingWords
from engine.render.json_report import finding_dict, findings_data
from engine.render.number_words import formatted
from engine.render.remembered import by_identity
from engine.render.trace_keys import trace_key
from engine.render.subject_words import subject_words
from engine.dsl.highlight import highlight_html
from engine.render.charts import report_charts
from engine.render.i18n import Labels
from engine.render.templated import (_md_coded, _md_escaped, environment, md_code, md_escape, report_context,
                                     rules_syntax)
from engine.render.wording import Wording, wording
from engine.ruleset.compiled import load_ruleset
from engine.semantics.reasons import Alternatives, Count, Field, Listed, Plus, Shown, Unit, because
from engine.semantics.units import format_number
from engine.semantics.values import Choices, Span
from engine.subjects.worded import WordedText

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "programmes"
LANGS = ("en", "el", "sr", "sr-Cyrl")
DAY = dt.date(2024, 1, 1)


@pytest.fixture(scope="module")
def findings() -> list:
    """Every finding of three example programmes under the ECTS Users' Guide 2015 rules."""
    rs = load_ruleset("ects_guide_2015")
    out = []
    for name in ("faulty_bsc.yaml", "electives_msc.yaml", "missing_hours_ba.yaml"):
        out += audit_programme(rs, EXAMPLES / name, as_of=DAY).findings
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_requirement_words_with_values_are_those_worked_out_afresh(findings, lang):
    w = wording(lang)
    compared = 0
    for f in findings:
        events = f.trace
        values = {e.expr: w.hole(e.value, e.unit) for e in events if isinstance(e, ReadEvent)}
        for e in events:
            if not isinstance(e, ReadEvent):
                assert w.sentences.expr(e.expr, values) == w.sentences._expr(e.expr, values, True)
                compared += 1
    assert compared > 50


@given(st.dictionaries(st.sampled_from(["term.credits", "semester_credits", "programme.credits"]),
                       st.text(max_size=12), max_size=3))
@settings(max_examples=80, deadline=None)
def test_any_values_read_give_the_words_worked_out_afresh(values):
    for lang in ("en", "el"):
        s = wording(lang).sentences
        for text in ("term.credits >= semester_credits", "programme.credits == 240 credits"):
            assert s.expr(text, values) == s._expr(text, values, True)


def test_values_that_cannot_key_the_memory_are_worded_afresh():
    s = wording("en").sentences
    values = {"term.credits": "30 credits"}
    unhashable = {"term.credits": ["30 credits"]}  # not a text: worded as the walk words it, not remembered
    assert s.expr("term.credits >= 30 credits", values) == s._expr("term.credits >= 30 credits", values, True)
    assert s.expr("term.credits >= 30 credits", unhashable) == s._expr("term.credits >= 30 credits", unhashable, True)


@pytest.mark.parametrize("lang", LANGS)
def test_a_rules_words_remembered_are_those_worked_out_afresh(findings, lang):
    w = wording(lang)
    for f in findings:
        p = f.provenance
        assert w.provenance(f) == (w._provenance_words(p) if p is not None else (None, ()))
        assert w.citations(f) == tuple(w.citation(c) for c in f.citations)
        used = [v for v in p.params if v.what_if] if p is not None else []
        assert w.what_if(f) == (w.t("whatif.finding", params=", ".join(f"{v.name} = {w.value(v.value, v.unit)}"
                                                                          for v in used)) if used else None)


def test_remembered_by_identity_not_by_equality():
    """Two equal provenances are worded apart (each its own entry), and a language's words are its own."""
    p = Provenance("a.rules", 3, "set")
    q = Provenance("a.rules", 3, "set")
    assert p == q and p is not q
    made = []
    make = lambda x: made.append(x) or len(made)  # noqa: E731
    en, el = wording("en"), wording("el")
    assert by_identity(en, p, make) == 1 and by_identity(en, p, make) == 1
    assert by_identity(en, q, make) == 2 and by_identity(el, p, make) == 3
    assert made == [p, q, p]


def test_the_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(remembered, "LIMIT", 8)
    owner = Wording("en")
    things = [(i,) for i in range(20)]
    for t in things:
        assert by_identity(owner, t, len) == 1
    assert len(remembered._REMEMBERED) <= 8


def test_a_changed_provenance_is_worded_anew():
    """A finding given other facts (another provenance object) is worded from them, not from the memory."""
    w = wording("en")
    p = Provenance("a.rules", 3, "set")
    assert by_identity(w, p, w._provenance_words)[0].endswith("a.rules:3 (" + w.t("provenance.ruleset") + " set)")
    other = replace(p, line=4)
    assert ":4 (" in by_identity(w, other, w._provenance_words)[0]


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_markdown_escapes_remembered_are_those_worked_out_afresh(text):
    assert md_escape(text) == _md_escaped.__wrapped__(text)
    assert md_escape(text) == md_escape(text)


def test_markdown_escapes_of_other_values():
    for value in (None, 7, 7.5, True, "a*b_c", "<x> & [y]"):
        assert md_escape(value) == _md_escaped.__wrapped__("" if value is None else str(value))


_NUMBERS = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                     st.sampled_from([0.0, -0.0, 1, 1.0, 7.5, 1e-9, math.nan]))


@given(_NUMBERS, st.sampled_from(LANGS))
@settings(max_examples=200, deadline=None)
def test_chart_numbers_remembered_are_those_worked_out_afresh(x, lang):
    assert formatted(x, lang) == format_number(x, lang)
    assert formatted(x, lang) == format_number(x, lang)  # the second time from the memory


@given(st.sampled_from(["course.hours_per_credit in hours_per_credit", "year.credits >= 60 credits",
                        "count(c in course where c.credits > 0) == 3", "a < b && \"x\" != y"]) | st.text(max_size=30))
@settings(max_examples=80, deadline=None)
def test_rule_syntax_highlighting_remembered_is_that_worked_out_afresh(text):
    assert rules_syntax(text) == highlight_html(text) and type(rules_syntax(text)) is type(highlight_html(text))


@given(st.text(alphabet=st.sampled_from("ab -\n\u00a0"), max_size=260), st.sampled_from(["", "  ", "      "]))
@settings(max_examples=200, deadline=None)
def test_text_lines_wrapped_remembered_are_those_worked_out_afresh(text, indent):
    first = text_report._wrap(text, indent)
    expected = textwrap.wrap(text, width=text_report.WIDTH, initial_indent=indent,
                             subsequent_indent=indent + "  ") or [indent]
    assert first == expected
    first.append("added by a caller")  # a list of its own: the next caller gets the wrapped lines only
    assert text_report._wrap(text, indent) == expected


@given(st.text(alphabet=st.sampled_from("a `\n*"), max_size=30))
@settings(max_examples=150, deadline=None)
def test_markdown_code_spans_remembered_are_those_worked_out_afresh(text):
    assert md_code(text) == _md_coded.__wrapped__(text) == md_code(text)
    assert md_code(None) == _md_coded.__wrapped__("") and md_code(7) == _md_coded.__wrapped__("7")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("show", ["problems", "failures", "all"])
def test_a_reports_findings_data_is_each_findings_dict(findings, lang, show):
    """findings_data (whether a status is given in full asked once per status, compact findings made
    without finding_dict) gives finding_dict of each finding; subjects worded over a batch as afresh."""
    w = wording(lang)
    fast = findings_data(findings, w, show, None, {})
    assert fast == [finding_dict(f, w, show) for f in findings]
    assert any("trace" not in d for d in fast) or show == "all"


def test_subjects_remembered_over_a_batch_keep_1_and_true_apart():
    w = wording("en")
    one, true = SubjectRef("year", 1, "year 1"), SubjectRef("year", True, "year 1")
    assert one == true
    assert subject_words(one, w, {}) == w.subject(one)
    assert subject_words(true, w, {}) == w.subject(true)  # worded from its own key, not the remembered 1's
    assert subject_words(SubjectRef("course", "C1", "course C1"), wording("el"), {}) == \
        wording("el").subject(SubjectRef("course", "C1", "course C1"))


def test_a_reports_charts_are_drawn_when_a_template_first_reads_them():
    report = audit_programme(load_ruleset("ects_guide_2015"), EXAMPLES / "faulty_bsc.yaml", as_of=DAY)
    labels = Labels("el")
    c = report_context(report, labels)
    assert "charts" not in c  # not drawn yet (a JUnit report never reads them)
    drawn = c["charts"]
    assert drawn and drawn == report_charts(report.section_data(), labels, report.findings)
    assert c["charts"] is drawn  # then kept
    with pytest.raises(KeyError):
        c["no such entry"]
    assert environment("md").from_string("{{ c.charts|length }}").render(c=c) == str(len(drawn))


def test_a_reports_findings_made_so_far_are_freed_when_an_error_leaves(findings, monkeypatch):
    """Out of memory while a report's findings are made (a web worker past its limit): what was made so far is
    freed as the error leaves, not kept by its frames, so that whoever catches it still has memory to answer."""
    made = []

    class Made:
        pass

    def making(*args):
        if len(made) == 3:
            raise MemoryError
        item = Made()
        made.append(weakref.ref(item))
        return item
    monkeypatch.setattr(json_report, "finding_dict", making)
    monkeypatch.setattr(json_report, "compact_dict", making)
    with pytest.raises(MemoryError):
        try:
            findings_data(findings, wording("en"), "problems")
        except MemoryError:
            assert len(made) == 3 and all(ref() is None for ref in made)  # the error's frames still alive here
            raise


@pytest.mark.parametrize("lang", LANGS)
def test_a_traces_words_remembered_are_those_worked_out_afresh(findings, lang):
    """The trace steps and missing values a finding's text gives, remembered by the trace's key, are those
    worked out afresh (each trace worded twice: the second time from the memory)."""
    w = wording(lang)
    keyed = 0
    for f in findings:
        afresh = w._trace_words(f.trace)
        assert w.trace_words(f.trace) == afresh and w.trace_words(f.trace) == afresh
        text = FindingWords.finding(w, f)  # before the report's own additions (deciding parts, more decimals)
        assert (text.trace, text.missing) == afresh
        keyed += trace_key(f.trace) is not None
    assert keyed > 100


@pytest.mark.parametrize("a, b", [
    (1, 1.0), (1, True), (0.0, -0.0), ("lectures", Field("lectures")), ("h", Unit("h")), (4096, Count(4096)),
    (37.5, Shown(37.5)), (Plus((1, 2)), Listed((1, 2))), ((1, 2), Alternatives((1, 2))),
    (because("x", "{n}", n=1), because("x", "{n}", n=True)), (Span(1, 2), Span(1.0, 2)),
    (Choices([1, 2]), Choices([1, 2], exact=False))])
def test_values_worded_apart_have_keys_apart(a, b):
    """Equal values that may be worded apart (1, 1.0 and True; a text and a field's name...) key traces apart."""
    key_a = trace_key((ReadEvent("x", a, None, a),))
    key_b = trace_key((ReadEvent("x", b, None, b),))
    assert key_a is not None and key_b is not None and key_a != key_b
    assert trace_key((ReadEvent("x", a, None, a),)) == key_a


def test_a_trace_with_a_value_of_another_kind_is_worded_afresh():
    w = wording("el")
    event = ReadEvent("programme.title", WordedText("cohort.title", "cohort {n}", n=3))
    assert trace_key((event,)) is None
    assert w.trace_words((event,)) == w._trace_words((event,))


def test_the_trace_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(remembered, "LIMIT", 8)
    w = wording("en")
    for i in range(30):
        steps, _ = w.trace_words((ReadEvent("year.credits", i, "credits"),))
        assert steps[0].value == w.value(i, "credits")
    assert len(remembered._BY_KEY) <= 8


def test_the_trace_memory_is_bounded_by_the_size_of_its_words(monkeypatch):
    """Long traces (a cohort's grading tables) empty the memory by the characters of their words held, long before
    LIMIT entries: a cohort batch held 48 MB of them when only entries were counted."""
    monkeypatch.setattr(remembered, "SIZE_LIMIT", 2_000)
    w = wording("en")
    for i in range(40):
        detail = (ReadEvent("term.credits", i, "credits", " + ".join(f"C{i}-{n} 5" for n in range(20))),)
        steps, _ = w.trace_words(detail)
        assert steps[0].detail.startswith(f"C{i}-0 5")
        assert 0 < remembered._SIZE_HELD <= 2_000
    assert len(remembered._BY_KEY) < 10
