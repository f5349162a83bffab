"""Rule-set composition end to end: overrides, exceptions, drops, errors, user folders, law over time."""
from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from cli_helpers import every_finding
from click.testing import CliRunner

from engine.api import load_programme
from engine.cli.main import main
from engine.ruleset.compiled import compile_ruleset, load_ruleset
from engine.tools.describe import describe_ruleset, describe_text
from engine.errors import RuleSetError
from engine.evaluation.evaluator import evaluate
from engine.render.wording import message_text
from engine.ruleset.compose import compose, locate
from engine.tools.ruletests import run_cases

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "programmes"
USER_RULES = Path(__file__).resolve().parent / "data" / "user_rules"
TODAY = dt.date(2025, 1, 1)


def write_set(folder: Path, text: str, name: str = "set.rules") -> Path:
    """Write one rule file into a new folder and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def findings_of(report, rule: str):
    return [f for f in report.findings if f.rule == rule]


def audit(ruleset: str, example: str, day: dt.date = TODAY):
    view, _ = load_programme(EXAMPLES / example)
    return evaluate(load_ruleset(ruleset), view, as_of=day)


# ---- overrides, exceptions, drops in the bundled national sets -----------------------------------

def test_override_carries_its_own_citation():
    rs = load_ruleset("greek_law_4009")
    p = rs.params["full_time_year_credits"]
    assert p.origin == "greek_law_4009" and p.overrides == "ects_guide_2015"
    _, cites, _ = p.at(TODAY)
    assert [c.source for c in cites] == ["l3374"] and cites[0].ref == "art. 14"
    assert cites[0].confidence == "seed_only"
    parent = load_ruleset("ects_guide_2015").params["full_time_year_credits"].at(TODAY)[1]
    assert parent[0].source == "guide"


def test_rule_override_changes_severity_and_requirement():
    report = audit("greek_law_4009", "semesters_32_28.yaml")
    terms = findings_of(report, "term_credits")
    assert {f.status for f in terms} == {"fail"} and {f.severity for f in terms} == {"error"}
    guide = findings_of(audit("ects_guide_2015", "semesters_32_28.yaml"), "term_credits")
    assert {f.status for f in guide} == {"fail"} and {f.severity for f in guide} == {"warning"}  # "normally 30"


def test_exception_replaces_parent_requirement_and_names_both():
    report = audit("greek_law_4009", "greek_intensive_msc.yaml")
    assert not findings_of(report, "year_credits")
    [f] = findings_of(report, "intensive_year_credits")
    assert f.status == "pass" and f.replaces == "year_credits"
    assert "Exception to 'year_credits'" in message_text(f)
    assert f.to_dict()["replaces"] == "year_credits"
    # Under the guide alone the same year fails the 60-credit rule.
    assert {x.status for x in findings_of(audit("ects_guide_2015", "greek_intensive_msc.yaml"), "year_credits")} == {"fail"}


def test_drop_with_reason():
    rs = load_ruleset("serbian_credit_act")
    assert "cycle_credits" not in rs.rules
    drop = rs.composed.dropped["cycle_credits"]
    assert drop.origin == "serbian_credit_act" and drop.rule_origin == "ects_guide_2015"
    assert "Serbian law fixes the volume" in drop.decl.reason
    assert not findings_of(audit("serbian_credit_act", "serbian_master_60_after_240.yaml"), "cycle_credits")
    shown = describe_ruleset(rs, TODAY)["dropped"]
    assert shown == [{"id": "cycle_credits", "reason": drop.decl.reason, "dropped_by": "serbian_credit_act",
                      "from": "ects_guide_2015"}]


# ---- rule-file errors with file:line:col -----------------------------------------------------------

def test_extends_cycle_is_an_error_with_position(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_set(tmp_path / "aa", "ruleset aa extends bb\n  title \"A\"\n")
    write_set(tmp_path / "bb", "\n\nruleset bb extends aa\n  title \"B\"\n")
    with pytest.raises(RuleSetError) as err:
        compose("aa")
    e = err.value
    assert "cycle" in e.message and "aa -> bb -> aa" in e.message
    assert e.path.endswith("set.rules") and e.line == 3 and e.column == 1
    assert ":3:1" in e.format()


def test_extending_itself_is_an_error(tmp_path):
    folder = write_set(tmp_path / "selfish", "ruleset selfish extends selfish\n  title \"S\"\n")
    with pytest.raises(RuleSetError, match="cycle"):
        compose(str(folder))


def test_exception_to_missing_rule_is_an_error_with_position(tmp_path):
    folder = write_set(tmp_path / "exc", """\
        ruleset exc extends ects_guide_2015
          title "Exception to nothing"
        source s "A source"

        rule odd_one exception to year_credit
          cite s "art. 1"
          when programme.intensive
          require programme.credits > 0 credits
        """)
    with pytest.raises(RuleSetError) as err:
        compose(str(folder))
    e = err.value
    assert "exception to an unknown rule 'year_credit'" in e.message and "year_credits" in e.message
    assert (e.line, e.column) == (5, 1)


def test_override_without_citation_is_an_error(tmp_path):
    folder = write_set(tmp_path / "nocite", """\
        ruleset nocite extends ects_guide_2015
          title "No citation"
        parameter full_time_year_credits = 50 credits
        """)
    with pytest.raises(RuleSetError, match="has no citation") as err:
        compose(str(folder))
    assert err.value.line == 3


def test_drop_of_unknown_rule_is_an_error(tmp_path):
    folder = write_set(tmp_path / "dropper", """\
        ruleset dropper extends ects_guide_2015
          title "Drops"
        source s "A source"
        drop no_such_rule because "never existed" cite s "art. 1"
        """)
    with pytest.raises(RuleSetError, match="drops an unknown rule 'no_such_rule'"):
        compose(str(folder))


def test_cli_reports_rule_file_errors_in_one_line(tmp_path):
    folder = write_set(tmp_path / "broken", "ruleset broken extends ects_guide_2015\n  title \"B\"\n"
                                             "rule r exception to nothing_here\n  require programme.credits > 0\n")
    result = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert first.startswith("error: ") and "set.rules:3:1" in first and "Traceback" not in result.output


# ---- a user's own folder extending a bundled set ----------------------------------------------------

def test_user_folder_extends_greek_set():
    rs = load_ruleset(str(USER_RULES))
    assert rs.composed.chain == ["ects_guide_2015", "greek_law_4009", "dept_pe_rules"]
    assert rs.params["min_component_credits"].overrides == "greek_law_4009"
    assert "year_weeks" in rs.composed.dropped
    [exc] = [e for e in rs.rules["min_component_credits"][0].exceptions if e.id == "placement_component_size"]
    assert exc.origin == "dept_pe_rules"


def test_user_folder_through_the_cli(tmp_path):
    programme = tmp_path / "p.yaml"
    programme.write_text(textwrap.dedent("""\
        id: dept-test
        cycle: first
        years: 1
        weeks_per_year: 30
        courses:
          - {code: A1, title: A1, term: 1, credits: 28, hours: {lectures: 60, independent: 700}}
          - {code: P1, title: Placement, term: 1, type: internship, credits: 2, hours: {placement: 54}}
          - {code: B1, title: B1, term: 2, credits: 22, hours: {lectures: 45, independent: 550}}
          - {code: T1, title: Thesis, term: 2, type: thesis, credits: 8, hours: {independent: 216}}
        """))
    result = CliRunner().invoke(main, ["check", "--rules", str(USER_RULES), "--as-of", "2021-06-01",
                                       "--format", "json", str(programme)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    report = data[0] if isinstance(data, list) else data
    by_rule = {}
    for f in every_finding(report):
        by_rule.setdefault(f["rule"], []).append(f)
    assert [f["status"] for f in by_rule["thesis_min_credits"]] == ["fail"]
    placement = [f for f in by_rule["placement_component_size"]]
    assert placement[0]["status"] == "pass" and placement[0]["replaces"] == "min_component_credits"
    assert {f["status"] for f in by_rule["min_component_credits"]} == {"pass"}  # 3-credit minimum met
    assert "year_weeks" not in by_rule


# ---- law over time ------------------------------------------------------------------------------------

DATED = """\
    ruleset dated extends ects_guide_2015
      title "Dated"
    source law "A law"
    source later "A later law"
      confidence secondary

    parameter minimum = 60 credits
      in force from 2016-01-01 until 2020-01-01
      cite law "art. 1"
    parameter minimum = 90 credits
      in force from 2020-01-01
      cite later "art. 2"

    rule programme_minimum
      title "At least the minimum"
      severity error
      cite law "art. 1"
      require programme.credits >= minimum
      message "{programme.credits}; minimum {minimum}."

    rule new_rule
      title "Only from 2022"
      severity warning
      cite later "art. 3"
      in force from 2022-01-01
      require programme.credits > 0 credits
    """


def test_parameter_with_dated_values(tmp_path):
    rs = load_ruleset(str(write_set(tmp_path / "dated", DATED)))
    view, _ = load_programme(EXAMPLES / "greek_intensive_msc.yaml")  # 75 credits
    early = evaluate(rs, view, as_of=dt.date(2018, 6, 1))
    late = evaluate(rs, view, as_of=dt.date(2021, 6, 1))
    assert early.as_of == "2018-06-01" and late.as_of == "2021-06-01"
    assert [f.status for f in findings_of(early, "programme_minimum")] == ["pass"]
    assert [f.status for f in findings_of(late, "programme_minimum")] == ["fail"]
    assert [c.source for c in findings_of(late, "programme_minimum")[0].citations] == ["law", "later"]
    not_yet = findings_of(late, "new_rule")  # reported, not evaluated, before it comes into force
    assert [f.status for f in not_yet] == ["not_applicable"] and "Not in force on 2021-06-01" in message_text(not_yet[0])
    assert findings_of(evaluate(rs, view, as_of=dt.date(2023, 1, 1)), "new_rule")[0].status != "not_applicable"


def test_parameter_without_value_in_force_gives_indeterminate(tmp_path):
    rs = load_ruleset(str(write_set(tmp_path / "dated", DATED)))
    view, _ = load_programme(EXAMPLES / "greek_intensive_msc.yaml")
    [f] = findings_of(evaluate(rs, view, as_of=dt.date(2015, 6, 1)), "programme_minimum")
    assert f.status == "indeterminate"
    assert "parameter minimum has no value in force on 2015-06-01" in message_text(f)


def test_overlapping_versions_are_an_error(tmp_path):
    folder = write_set(tmp_path / "overlap", """\
        ruleset overlap extends ects_guide_2015
          title "Overlap"
        source law "A law"
        parameter minimum = 60 credits
          in force from 2016-01-01
          cite law "art. 1"
        parameter minimum = 90 credits
          in force from 2020-01-01
          cite law "art. 2"
        """)
    with pytest.raises(RuleSetError, match="overlapping dates"):
        compose(str(folder))


def test_greek_first_cycle_minimum_depends_on_the_date():
    view, _ = load_programme(ROOT / "examples" / "programmes" / "compliant_bsc.yaml")  # 180 credits
    rs = load_ruleset("greek_law_4009")
    before = evaluate(rs, view, as_of=dt.date(2021, 1, 1))
    after = evaluate(rs, view, as_of=dt.date(2023, 1, 1))
    assert [(f.status, message_text(f).split(" (")[0]) for f in findings_of(before, "first_cycle_minimum")] == \
        [("not_applicable", "Not in force on 2021-01-01")]
    assert [f.status for f in findings_of(after, "first_cycle_minimum")] == ["fail"]


def test_greek_postgraduate_minimum_citation_changes_with_law():
    rs = load_ruleset("greek_law_4009")
    p = rs.params["postgraduate_min_credits"]
    assert [c.source for c in p.at(dt.date(2020, 1, 1))[1]] == ["l4485"]
    assert [(c.source, c.confidence) for c in p.at(dt.date(2023, 1, 1))[1]] == [("l4957", "unverified")]


def test_cli_as_of_is_stated_in_the_report():
    result = CliRunner().invoke(main, ["check", "--rules", "greek_law_4009", "--as-of", "2021-03-01",
                                       str(EXAMPLES / "greek_pe_bsc.yaml")])
    assert "as of 2021-03-01" in result.output


def test_rule_set_not_in_force_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", "--rules", "serbian_credit_act", "--as-of", "2016-01-01",
                                       str(EXAMPLES / "serbian_master_60_after_240.yaml")])
    assert result.exit_code == 2 and "not in force on 2016-01-01" in result.output


# ---- confidence of sources ------------------------------------------------------------------------------

def test_findings_carry_confidence_and_rules_show_lists_weak_citations():
    [f] = findings_of(audit("greek_law_4009", "greek_intensive_msc.yaml"), "postgraduate_min_credits")
    assert ("l4485", "seed_only") in [(c.source, c.confidence) for c in f.citations]
    data = describe_ruleset(load_ruleset("greek_law_4009"), TODAY)
    weak = {(w["what"], w["confidence"]) for w in data["weak_citations"]}
    assert ("parameter postgraduate_min_credits", "unverified") in weak
    assert ("rule min_component_credits", "seed_only") in weak
    assert ("exception intensive_term_credits", "derived") in weak
    assert not any(w["confidence"] == "primary" for w in data["weak_citations"])
    text = describe_text(data)
    assert "Weak citations" in text and "[unverified]" in text
    result = CliRunner().invoke(main, ["rules", "show", "serbian_credit_act"])
    assert result.exit_code == 0 and "Dropped rules:" in result.output and "Weak citations" in result.output


# ---- the bundled sets' own test cases ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["greek_law_4009", "serbian_credit_act"])
def test_bundled_rule_set_cases_pass(name):
    results = run_cases(locate(name))
    assert results, f"{name} has no test cases"
    failed = [r.describe() for r in results if not r.ok]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("name", ["greek_law_4009", "serbian_credit_act"])
def test_every_own_rule_has_a_passing_and_a_failing_case(name):
    rs = load_ruleset(name)
    own = {r for r, versions in rs.rules.items() for v in versions[:1] if v.origin == name and v.root == "programme"}
    own |= {e.id for versions in rs.rules.values() for v in versions[:1] for e in v.exceptions if e.origin == name}
    seen: dict[str, set[str]] = {}
    for res in run_cases(locate(name)):
        for f in res.findings:
            seen.setdefault(f.rule, set()).add(f.status)
    missing = {r: sorted(seen.get(r, set())) for r in own if not {"pass", "fail"} <= seen.get(r, set())}
    assert not missing


def test_compile_is_repeatable():
    assert compile_ruleset(compose("greek_law_4009")).rules.keys() == load_ruleset("greek_law_4009").rules.keys()


def test_exception_keeps_the_parent_rules_when(tmp_path):
    """A part-time intensive master: year_credits does not apply, so neither does its exception."""
    programme = tmp_path / "pt.yaml"
    text = (EXAMPLES / "greek_intensive_msc.yaml").read_text(encoding="utf-8")
    programme.write_text(text.replace("mode: full_time", "mode: part_time"), encoding="utf-8")
    view, _ = load_programme(programme)
    report = evaluate(load_ruleset("greek_law_4009"), view, as_of=TODAY)
    assert [f.status for f in findings_of(report, "year_credits")] == ["not_applicable"]
    assert not findings_of(report, "intensive_year_credits")
    assert [f.status for f in findings_of(report, "programme_total_credits")] == ["not_applicable"]
    assert not findings_of(report, "intensive_programme_total") and not findings_of(report, "intensive_year_weeks")


def test_extends_a_sibling_folder(tmp_path, monkeypatch):
    """A user's base set next to its child resolves whatever the working directory."""
    write_set(tmp_path / "sets" / "my_base", """\
        ruleset my_base extends greek_law_4009
          title "Base"
        """)
    child = write_set(tmp_path / "sets" / "my_child", """\
        ruleset my_child extends my_base
          title "Child"
        """)
    monkeypatch.chdir(tmp_path)
    assert compose(str(child)).chain == ["ects_guide_2015", "greek_law_4009", "my_base", "my_child"]
