"""Findings are language-free data; rendering chooses the language.

One evaluation is rendered in English, Greek and Serbian through the library; the findings carry
structured subjects, message templates with values, typed trace events and provenance.
Programmes: the project's examples (examples/programmes/).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from engine.api import audit_programme, load_programme
from engine.cli.main import main
from engine.ruleset.compiled import load_ruleset
from engine.evaluation.deferred import Later
from engine.evaluation.evaluator import evaluate
from engine.evaluation.findings import RULE_MESSAGE, SubjectRef
from engine.render import render
from engine.render.report_schema import report_schema
from engine.render.wording import finding_text, message_text
from engine.evaluation.trace import ConditionEvent, ReadEvent, RequirementEvent, TraceRecorder
from engine.semantics.values import Unknown

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "programmes"
DAY = dt.date(2024, 1, 1)
LANGS = ("en", "el", "sr")
# words the engine or a renderer writes in English; none may appear in a Greek or Serbian finding
# whose rule has a message in that language
ENGLISH = re.compile(r"\b(year|term|course|credits?|hours?|unknown|depends on electives|does not hold|not met|met|"
                     r"holds|undecided|required|Requirement|Cannot|Does not apply|yes|no|or)\b")


@pytest.fixture(scope="module")
def greek():
    return audit_programme(load_ruleset("greek_law_4009"), EXAMPLES / "greek_pe_bsc.yaml", as_of=DAY)


@pytest.fixture(scope="module")
def serbian():
    return audit_programme(load_ruleset("serbian_credit_act"), EXAMPLES / "serbian_master_60_after_240.yaml", as_of=DAY)


@pytest.mark.parametrize("fmt", ["json", "text", "md", "html", "junit"])
def test_one_evaluation_renders_in_three_languages_with_the_same_statuses(greek, fmt):
    outputs = {lang: render([greek], fmt, lang=lang) for lang in LANGS}
    assert len(set(outputs.values())) == 3  # three different documents
    if fmt == "json":
        data = {lang: json.loads(text) for lang, text in outputs.items()}
        statuses = {lang: [(f["rule"], f["subject_ref"]["key"], f["status"]) for f in d["findings"]]
                    for lang, d in data.items()}
        assert statuses["en"] == statuses["el"] == statuses["sr"]
        assert {d["lang"] for d in data.values()} == set(LANGS)
        assert data["el"]["verdict"] == data["en"]["verdict"] == data["sr"]["verdict"] == greek.verdict
    assert "Ο" in outputs["el"] or "ο" in outputs["el"]  # Greek text is there


@pytest.mark.parametrize("lang,fixture", [("el", "greek"), ("sr", "serbian")])
def test_no_english_engine_words_in_a_translated_finding(lang, fixture, request):
    report = request.getfixturevalue(fixture)
    translated = [f for f in report.findings if lang in f.templates and f.status != "indeterminate"]
    assert translated, f"the example has rules with a {lang} message"
    for f in translated:
        text = finding_text(f, lang)
        # values read are worded; texts from the data (a title, an enum value) and the reasons the
        # data gives for an unknown value ("course PE305 gives no lecturer") are the data's own
        values = [s.value.split(" (")[0] for s in text.trace if s.kind == "value"
                  and not isinstance(_event_value(f, s.expr), str)]
        words = [text.subject, text.message] + values + [s.value for s in text.trace if s.kind != "value"]
        words += [s.label for s in text.trace]
        for w in words:
            assert not ENGLISH.search(w), f"{f.rule} ({lang}): English word in {w!r}"


def _event_value(f, expr):
    return next((e.value for e in f.trace if isinstance(e, ReadEvent) and e.expr == expr), None)


def test_engine_words_come_from_the_catalogues(greek):
    f = next(f for f in greek.findings if f.rule == "year_credits" and f.subject_ref.key == 1)
    assert f.subject_ref == SubjectRef("year", 1, "year 1")
    assert [finding_text(f, lang).subject for lang in LANGS] == ["year 1", "έτος 1", "godina 1"]
    na = next(f for f in greek.findings if f.status == "not_applicable" and f.message_parts[0].template == "engine.does_not_apply")
    assert message_text(na, "en").startswith("Does not apply:")
    assert message_text(na, "el").startswith("Δεν εφαρμόζεται:")
    assert message_text(na, "sr").startswith("Ne primenjuje se:")


def test_rule_message_is_a_template_with_values(greek):
    f = next(f for f in greek.findings if f.rule == "year_credits" and f.subject_ref.key == 1)
    part = f.message_parts[0]
    assert part.template == RULE_MESSAGE and set(part.args) >= {"en", "el"}
    units = f.templates["en"].units
    assert any(u == "credits" and isinstance(v, (int, float)) for v, u in zip(part.args["en"], units))
    data = f.to_dict("en")["message_parts"][0]
    credits = next(v for v, u in zip(part.args["en"], units) if u == "credits")
    assert data["lang"] == "en" and {"number": credits, "unit": "credits"} in data["args"]
    # every bundled rule has a Serbian message too, with ESPB for credits
    assert message_text(f, "sr").startswith("Godina 1 nosi 60 ESPB")


def test_trace_is_typed_events_built_on_first_read(greek):
    rs = load_ruleset("greek_law_4009")
    view, _ = load_programme(EXAMPLES / "greek_pe_bsc.yaml")
    report = evaluate(rs, view, as_of=DAY)
    f = next(f for f in report.findings if f.rule == "year_credits")
    assert isinstance(f._trace, (TraceRecorder, Later))  # nothing built yet (a recorder, or what rebuilds it)
    events = f.trace
    assert isinstance(f._trace, tuple) and f.trace is events
    kinds = {type(e) for e in events}
    assert {ReadEvent, ConditionEvent, RequirementEvent} <= kinds
    req = [e for e in events if isinstance(e, RequirementEvent)]
    assert [e.outcome for e in req] == ["met" if f.status == "pass" else "not_met"]
    param = next(e for e in events if isinstance(e, ReadEvent) and e.expr == "full_time_year_credits")
    # the Greek rule set declares the parameter again: the version read is the child's
    assert param.param is not None and param.param.value == 60 and param.param.ruleset == "greek_law_4009"
    assert param.param.file == "greek_law_4009/greek_law_4009.rules" and param.param.line > 0


def test_provenance_names_file_line_ruleset_and_parameter_versions(greek):
    for f in greek.findings:
        p = f.provenance
        assert p is not None and p.file.endswith(".rules") and p.line > 0
        assert p.ruleset in ("greek_law_4009", "ects_guide_2015")
    inherited = next(f for f in greek.findings if f.rule == "year_credits")
    assert inherited.provenance.ruleset == "ects_guide_2015"
    assert inherited.provenance.file == "ects_guide_2015/ects_guide_2015.rules"
    assert [v.name for v in inherited.provenance.params] == ["full_time_year_credits"]
    own = next(f for f in greek.findings if f.provenance.ruleset == "greek_law_4009")
    assert own.provenance.file.startswith("greek_law_4009/")
    data = json.loads(render([greek], "json"))
    assert all(f["provenance"]["file"] and f["provenance"]["line"] for f in data["findings"])


def test_deprecated_lang_argument_does_not_change_the_evaluation(greek):
    rs = load_ruleset("greek_law_4009")
    view, _ = load_programme(EXAMPLES / "greek_pe_bsc.yaml")
    report = evaluate(rs, view, as_of=DAY, lang="el")
    assert [(f.rule, f.subject, f.status, message_text(f, "en")) for f in report.findings] == \
        [(f.rule, f.subject, f.status, message_text(f, "en")) for f in greek.findings]


def test_unknown_values_are_data_and_worded_per_language():
    report = audit_programme(load_ruleset("ects_guide_2015"), EXAMPLES / "missing_hours_ba.yaml", as_of=DAY)
    undecided = [f for f in report.findings if f.status == "indeterminate"]
    assert undecided
    f = undecided[0]
    unknown = [e for e in f.trace if isinstance(e, ReadEvent) and type(e.value) is Unknown]
    assert unknown
    # a reason is data (a catalogue key and its arguments), worded in the report's language
    assert finding_text(f, "en").missing == ("course HI101: no workload hours given",)
    assert finding_text(f, "el").missing == ("το μάθημα HI101 δεν αναφέρει ώρες φόρτου εργασίας",)
    assert finding_text(f, "sr").missing == ("predmet HI101 ne navodi ukupno opterećenje u časovima",)
    assert finding_text(f, "sr-Cyrl").missing == ("предмет HI101 не наводи укупно оптерећење у часовима",)
    assert unknown[0].value.why.key == "course.no_workload" and unknown[0].value.reason == "course HI101: no workload hours given"
    assert any("άγνωστο" in s.value for s in finding_text(f, "el").trace)
    assert any("nepoznato" in s.value for s in finding_text(f, "sr").trace)


def test_schema_command_prints_a_valid_schema_that_the_json_report_meets(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["schema", "report"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    out = runner.invoke(main, ["check", str(EXAMPLES / "faulty_bsc.yaml"), str(EXAMPLES / "compliant_bsc.yaml"),
                               "--rules", "ects_guide_2015", "--format", "json", "--lang", "sr"])
    reports = json.loads(out.output)
    jsonschema.validate(reports, schema)
    broken = dict(reports[0], verdict="fine")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_explain_prints_every_finding_with_its_full_trace():
    runner = CliRunner()
    args = [str(EXAMPLES / "compliant_bsc.yaml"), "--rules", "ects_guide_2015", "--as-of", "2020-01-01"]
    plain = runner.invoke(main, ["check", *args]).output
    full = runner.invoke(main, ["check", *args, "--explain"]).output
    assert "Defined in ects_guide_2015/ects_guide_2015.rules:" not in plain
    assert "Defined in ects_guide_2015/ects_guide_2015.rules:" in full
    # the condition in words, then (with --explain) in the rule language
    assert "applies when: the mode of study of the programme (full-time) is full-time -> holds" in full
    assert "[programme.mode == \"full_time\"]" in full and "[programme.mode" not in plain
    assert "- full_time_year_credits = 60 credits (ects_guide_2015, in force always" in full
    assert len(full.splitlines()) > 3 * len(plain.splitlines())


def test_explain_gives_every_finding_of_a_json_report_in_full_as_its_help_says():
    runner = CliRunner()
    args = [str(EXAMPLES / "compliant_bsc.yaml"), "--rules", "ects_guide_2015", "--as-of", "2020-01-01", "--format", "json"]
    plain = json.loads(runner.invoke(main, ["check", *args]).output)["findings"]
    full = json.loads(runner.invoke(main, ["check", *args, "--explain"]).output)["findings"]
    passed = [f for f in full if f["status"] == "pass"]
    assert passed and all("trace" in f for f in passed)
    assert not any(f["status"] == "pass" for f in plain)  # named by rule in `passed`
    helped = " ".join(runner.invoke(main, ["check", "--help"]).output.split())
    assert "in JSON and jsonl in the full form, with its typed trace" in helped and "Text reports:" not in helped


def test_trace_recorder_keeps_each_read_once_in_order_with_parameter_versions():
    from engine.evaluation.findings import ParamVersion
    version = ParamVersion("minimum", 60, "credits", None, "child", "child/a.rules", 3)
    recorder = TraceRecorder.for_params({"minimum": version})
    recorder.append(("year.credits", 58, "credits", None, None))
    recorder.condition("programme.mode == \"full_time\"", True)
    recorder.append(("minimum", 60, "credits", None, None))
    recorder.append(("year.credits", 58, "credits", None, None))  # read again: shown once
    recorder.requirement("year.credits >= minimum", False)
    recorder.requirement("year.hours is known", Unknown("no hours"))
    events = recorder.events()
    assert [type(e).__name__ for e in events] == ["ReadEvent", "ConditionEvent", "ReadEvent", "RequirementEvent",
                                                  "RequirementEvent"]
    assert events[0].param is None and events[2].param is version
    assert (events[1].outcome, events[3].outcome, events[4].outcome, events[4].reason) == \
        ("holds", "not_met", "undecided", "no hours")
    assert [s.value for s in (finding_text_step(e, "el") for e in events)] == \
        ["58 πιστωτικές μονάδες", "ισχύει", "60 πιστωτικές μονάδες", "δεν ικανοποιείται", "δεν κρίθηκε (no hours)"]


def finding_text_step(event, lang):
    from engine.render.wording import wording
    return wording(lang).step(event)
