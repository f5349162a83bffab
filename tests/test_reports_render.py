"""Templated reports without a browser: JUnit mapping, Markdown escaping, labels, charts, batch output."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.api import audit_programme, load_programme
from engine.cli.main import main
from engine.errors import UsageError
from engine.evaluation.findings import Citation, Finding, MessagePart, Report, SubjectRef
from engine.evaluation.trace import ReadEvent
from engine.semantics.values import Unknown
from engine.render import render
from engine.render.batch import index_rows, safe_name, write_batch
from engine.render.charts import comparison_charts, grading_charts, report_charts
from engine.render.i18n import Labels, available_languages
from engine.render.summary import BatchSummary
from engine.evaluation.sections import ChartTarget, programme_chart_data
from engine.render.templated import md_code, md_escape, md_line, missing_data

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile_programme.yaml"
EXAMPLE = ROOT / "examples" / "programmes" / "compliant_bsc.yaml"
AS_OF = dt.date(2020, 1, 1)


def _finding(status: str, severity: str = "error", message: str = "m", **kw) -> Finding:
    return Finding(rule=kw.pop("rule", f"r_{status}_{severity}"), titles={"en": "T"}, severity=severity, status=status,
                   subject=SubjectRef("year", 1, "year 1"),
                   message=(MessagePart("engine.cannot_tell_what", {"reason": message}),), **kw)


def _report(findings, **kw) -> Report:
    base = dict(subject_kind="programme", subject_id="p1", subject_title="P", ruleset_id="rs", ruleset_title="RS",
                ruleset_version="1", as_of="2020-01-01", findings=findings, input_path="p.yaml", input_sha256="ab" * 32)
    base.update(kw)
    return Report(**base)


@pytest.fixture(scope="module")
def hostile():
    return audit_programme("ects_guide_2015", HOSTILE, as_of=AS_OF)


# ---- JUnit ---------------------------------------------------------------------------------------------

def test_junit_mapping():
    unknown = (ReadEvent("course.total_hours", Unknown("course X has no workload hours"), "hours"),)
    r = _report([_finding("fail"), _finding("fail", "warning"), _finding("indeterminate", trace=unknown),
                 _finding("indeterminate", "warning"), _finding("pass"), _finding("not_applicable")])
    root = ET.fromstring(render([r, r], "junit"))
    assert root.tag == "testsuites" and root.get("tests") == "12"
    suites = root.findall("testsuite")
    assert len(suites) == 3 and suites[2].get("name") == "Batch summary" and suites[2].get("tests") == "0"
    s = suites[0]
    assert (s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped")) == ("6", "2", "1", "2")
    cases = {c.get("classname").split(".", 1)[1]: c for c in s.findall("testcase")}
    assert cases["r_fail_error"].find("failure").get("type") == "error"
    assert cases["r_fail_warning"].find("failure").get("type") == "warning"
    assert cases["r_indeterminate_error"].find("error") is not None
    assert "no workload hours" in cases["r_indeterminate_error"].find("error").text
    assert cases["r_indeterminate_warning"].find("skipped") is not None
    assert cases["r_not_applicable_error"].find("skipped") is not None
    assert list(cases["r_pass_error"]) == []
    props = {p.get("name"): p.get("value") for p in s.find("properties")}
    assert props["verdict"] == "non_compliant" and props["input_sha256"] == "ab" * 32


def test_junit_survives_control_characters_and_markup():
    r = _report([_finding("fail", message="bell \x07 esc \x1b <x> & \"q\" ]]>")])
    root = ET.fromstring(render([r], "junit"))
    failure = root.find("testsuite/testcase/failure")
    assert "<x> & \"q\" ]]>" in failure.get("message") and "\x07" not in failure.get("message")


def test_hostile_programme_junit_parses(hostile):
    root = ET.fromstring(render([hostile], "junit"))
    assert root.find("testsuite").get("name") == f"programme {hostile.subject_id}"
    failure = root.find("testsuite/testcase/failure")
    assert "<img src=x onerror=alert(1)> 6 + " in failure.text  # escaped once: the parsed text is the input's


# ---- Markdown ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, escaped", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("a | b", "a \\| b"),
    ("# h\n- item", "\\# h - item"),
    ("**b** _e_ `c`", "\\*\\*b\\*\\* \\_e\\_ \\`c\\`"),
    ("&amp;", "&amp;amp;"),
])
def test_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


@pytest.mark.parametrize("raw, escaped", [("1. first", "1\\. first"), ("- x", "\\- x"), ("25.5 h", "25.5 h"),
                                         ("+ y", "\\+ y"), ("== h", "\\== h")])
def test_md_line_escapes_block_markers(raw, escaped):
    assert md_line(raw) == escaped


def test_md_code_fences_backticks():
    assert md_code("a`b") == "``a`b``"
    assert md_code("`x`") == "`` `x` ``"


def test_markdown_report_has_no_raw_markup_from_input(hostile):
    md = render([hostile], "md")
    outside_code = re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", md)  # code spans show their text literally
    assert "`../evil/<script>alert('id')</script>`" in md
    md = outside_code
    assert "<script" not in md and "<img" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "<details><summary>" in md  # the only raw HTML: our own collapsible passes


# ---- sections and content ------------------------------------------------------------------------------

def test_html_sections_in_reading_order_and_details():
    exc = _finding("fail", rule="exc", replaces="parent_rule")
    cite = Citation("g", "Guide", "§1", "quoted text", "primary")
    r = _report([_finding("pass", citations=(cite,)), _finding("fail", "warning"), exc,
                 _finding("indeterminate", trace=(ReadEvent("x", Unknown("no hours given")),))])
    html = render([r], "html")
    order = [html.index(f'id="r1-{k}"') for k in ("failures", "indeterminate", "warnings", "passes")]
    assert order == sorted(order)
    assert "parent_rule" in html and "no hours given" in html and "quoted text" in html
    assert "primary source" in html
    passes = html[html.index('id="r1-passes"'):]
    assert "<details>" in passes
    assert "@media print" in html and 'http-equiv="Content-Security-Policy"' in html


def test_missing_data_reads_unknown_trace_values():
    f = _finding("indeterminate", trace=(ReadEvent("a", 6, "credits"), ReadEvent("b", Unknown("course X has no hours")),
                                          ReadEvent("c", Unknown("course X has no hours"))))
    assert missing_data(f) == ["course X has no hours"]


def test_extra_data_generic_section():
    r = _report([_finding("pass")], extra={"other_data": {"rows": [{"code": "<b>X</b>", "credits": 5}], "note": None},
                                            "grading_table": {"rows": [{"grade": "10", "count": 3, "percentage": 30.0,
                                                                        "cumulative_percentage": 30.0}]}})
    html = render([r], "html")
    assert "&lt;b&gt;X&lt;/b&gt;" in html and "<b>X</b>" not in html
    assert '<th scope="col">code</th>' in html and "Grade distribution" in html
    md = render([r], "md")
    assert "&lt;b&gt;X&lt;/b&gt;" in md and "other\\_data" in md


# ---- labels ----------------------------------------------------------------------------------------------

def test_catalogues_complete():
    assert {"en", "el", "sr"} <= set(available_languages())
    for lang in available_languages():
        assert Labels(lang).missing() == [], lang


def test_labels_fallback_and_unknown_language():
    assert Labels("el")("verdict.compliant") == "Σύμφωνο"
    assert Labels("el")("no.such.key") == "no.such.key"
    with pytest.raises(UsageError):
        Labels("xx")


def test_greek_report_translates_labels_not_quotes():
    r = audit_programme("ects_guide_2015", EXAMPLE, as_of=AS_OF, lang="el")
    html = render([r], "html", "el")
    assert 'lang="el"' in html and "Αποτέλεσμα" in html
    assert "60 ECTS credits are allocated to the learning outcomes" in html  # quotes stay as written


# ---- charts ----------------------------------------------------------------------------------------------

def test_chart_data_ranges_from_electives():
    view, _ = load_programme(HOSTILE)
    data = programme_chart_data(view, [ChartTarget("Year", "credits", "target", 60, 60, "year_credits")]).to_dict()
    assert data["terms"][1]["low"] == 26 and data["terms"][1]["high"] == 29
    assert data["years"][0]["low"] == 50 and data["years"][0]["high"] == 53
    assert data["contact_hours"][0]["low"] is None and "unknown" in data["contact_hours"][0]
    assert data["year_required"] == 60


def test_programme_charts_accessible_and_escaped(hostile):
    charts = report_charts(hostile.section_data(), Labels("en"))
    assert [c.key for c in charts] == ["term_credits", "year_credits", "hours_per_credit", "contact_hours"]
    drawn, unknown = charts[:3], charts[3]
    # every value of the contact-hours chart is unknown: no drawing, one sentence saying why
    assert unknown.svg == "" and "not drawn" in unknown.alt and "none of its 1 values is known" in unknown.alt
    for c in drawn:
        assert c.svg.startswith("<svg") and 'role="img"' in c.svg and "aria-label=" in c.svg and "<title>" in c.svg
        assert "<script" not in c.svg and "<img" not in c.svg and "onerror=alert" not in c.svg.replace("&lt;img src=x onerror=alert", "")
    assert "required 60" in charts[1].alt


def test_grading_and_comparison_charts():
    t = Labels("en")
    rows = [{"grade": "10", "count": 2, "percentage": 20.0, "cumulative_percentage": 20.0, "band": [0, 20]},
            {"grade": "9", "count": 8, "percentage": 80.0, "cumulative_percentage": 100.0, "band": [20, 100]}]
    dist, cum = grading_charts({"rows": rows}, t)
    assert "10 20 % (2)" in dist.alt and "9 20–100 %" in cum.alt
    comp = comparison_charts({"sets": ["GR", "RS"], "rows": [{"parameter": "year", "values": {"GR": 60, "RS": 60}, "unit": "credits"},
                                                             {"parameter": "hours", "values": [[25, 30], 30]},
                                                             {"parameter": "text", "values": ["a", "b"]}]}, t)
    assert len(comp) == 1 and "year: GR 60 credits; RS 60 credits" in comp[0].alt and "hours: GR 25–30; RS 30" in comp[0].alt
    assert "text" not in comp[0].alt


def test_comparison_chart_reads_compare_data():
    data = {"sets": [{"id": "a"}, {"id": "b"}],
            "parameters": [{"name": "year", "differs": True, "sets": {"a": {"value": "60 credits"}, "b": {"value": "60 credits"}}},
                           {"name": "hpc", "differs": True, "sets": {"a": {"value": "25..30 hours per credit"},
                                                                     "b": {"value": "25..28 hours per credit"}}},
                           {"name": "cycle", "differs": True, "sets": {"a": {"value": "{180 credits, 240 credits}"}, "b": {"value": "x"}}},
                           {"name": "only_a", "differs": True, "sets": {"a": {"value": "3 years"}}},
                           {"name": "same", "differs": False, "sets": {"a": {"value": "1 credits"}, "b": {"value": "1 credits"}}}]}
    (chart,) = comparison_charts(data, Labels("en"))
    assert chart.alt == ("Parameters compared: year: a 60 credits; b 60 credits; hpc: a 25–30 hours per credit; "
                         "b 25–28 hours per credit.")


# ---- batch ----------------------------------------------------------------------------------------------

def test_safe_names():
    taken: set[str] = set()
    assert safe_name("../evil/<x>", taken) == "evil_x.html"
    assert safe_name("../evil/<x>", taken) == "evil_x-2.html"
    assert safe_name("index", taken) == "index-2.html"
    assert safe_name("...", taken) == "report.html"


def test_index_sorted_by_verdict():
    summary = BatchSummary.of([_report([_finding("pass")], subject_id="a"),
                               _report([_finding("indeterminate")], subject_id="b"),
                               _report([_finding("fail")], subject_id="c")])
    rows = index_rows(summary.outcomes, ["a.html", "b.html", "c.html"])
    assert [r["verdict"] for r in rows] == ["non_compliant", "incomplete", "compliant"]


def test_batch_never_writes_over_an_input(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = out / "p1.html"
    victim.write_text("input", encoding="utf-8")
    with pytest.raises(UsageError):
        write_batch([_report([_finding("pass")])], out, inputs=[victim])
    assert victim.read_text(encoding="utf-8") == "input" and sorted(p.name for p in out.iterdir()) == ["p1.html"]


def test_cli_batch_writes_index_and_reports(tmp_path):
    src = tmp_path / "progs"
    src.mkdir()
    for p in (HOSTILE, EXAMPLE):
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["check", str(src), "--rules", "ects_guide_2015", "--as-of", "2020-01-01",
                                    "--format", "html", "--lang", "sr", "-o", str(out)])
    assert res.exit_code == 1, res.output  # the hostile programme is not compliant
    names = sorted(p.name for p in out.iterdir())
    assert names == ["evil_script_alert_id_script.html", "index.html", "index.json", "uni-cs-bsc.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("evil_script_alert_id_script.html") < index.index("uni-cs-bsc.html")
    assert "Nije usklađeno" in index


def test_cli_one_programme_into_a_new_folder(tmp_path):
    out = tmp_path / "new"
    res = CliRunner().invoke(main, ["check", str(EXAMPLE), "--rules", "ects_guide_2015", "--as-of", "2020-01-01",
                                    "--format", "html", "-o", f"{out}/"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "index.json", "uni-cs-bsc.html"]
