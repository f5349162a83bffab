"""What-if audits on the server: parameter values (`set`, as `--set`) and elective choices (`choose`, as
`--choose`) through the API (multipart and JSON) and the audit form; the reports are the CLI's what-if reports,
and every malformed or unknown what-if gets the CLI's one-line error."""
from __future__ import annotations

import html
import json

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from web_helpers import AS_OF, PROGRAMMES, TRANSFERS, client, form, upload

ELECTIVES = PROGRAMMES / "electives_msc.yaml"
SET = "semester_credits=28 credits"
CHOOSE = "sem2-electives=DS521,DS522"


@pytest.fixture(scope="module")
def web():
    return client()


def cli(path, *options: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015", "--as-of", AS_OF, *options])
    return res.exit_code, res.output


def cli_json(path, *options: str) -> dict:
    code, out = cli(path, *options, "--format", "json", "--show", "all")
    assert code in (0, 1), out
    return json.loads(out)


def without_input(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "input"}


def test_set_and_choose_give_the_clis_what_if_report(web):
    want = cli_json(ELECTIVES, "--set", SET, "--choose", CHOOSE)
    r = web.post("/api/audit", files=[upload(ELECTIVES)], data=form(set=SET, choose=CHOOSE))
    assert r.status_code == 200, r.text
    got = r.json()
    assert without_input(got) == without_input(want)
    assert [(w["kind"], w["name"]) for w in got["what_ifs"]] == [("set", "semester_credits"),
                                                                 ("choose", "sem2-electives")]
    marked = [p for f in got["findings"] for p in (f["provenance"] or {}).get("params", []) if p.get("what_if")]
    assert marked and {p["name"] for p in marked} == {"semester_credits"}
    plain = web.post("/api/audit", files=[upload(ELECTIVES)], data=form()).json()
    assert plain["what_ifs"] == [] and plain["verdict"] != got["verdict"]


@pytest.mark.parametrize("body", [
    {"set": [SET], "choose": [CHOOSE]},
    {"set": {"semester_credits": "28 credits"}, "choose": {"sem2-electives": ["DS521", "DS522"]}},
    {"set": {"semester_credits": "28 credits"}, "choose": {"sem2-electives": "DS521,DS522"}},
])
def test_a_json_body_takes_the_what_ifs_as_lists_or_objects(web, body):
    import yaml

    subject = yaml.safe_load(ELECTIVES.read_text(encoding="utf-8"))
    r = web.post("/api/audit", json={"rules": "ects_guide_2015", "subject": subject, "as_of": AS_OF,
                                     "kind": "programme", **body})
    assert r.status_code == 200, r.text
    want = cli_json(ELECTIVES, "--set", SET, "--choose", CHOOSE)
    assert r.json()["what_ifs"] == want["what_ifs"] and r.json()["verdict"] == want["verdict"]


def test_several_lines_of_a_field_are_several_what_ifs(web):
    lines = "semester_credits=28 credits\n\n full_time_year_credits = 58 credits \n"
    got = web.post("/api/audit", files=[upload(ELECTIVES)], data=form(set=lines)).json()
    want = cli_json(ELECTIVES, "--set", SET, "--set", "full_time_year_credits=58 credits")
    assert got["what_ifs"] == want["what_ifs"] and len(got["what_ifs"]) == 2


@pytest.mark.parametrize("option, value", [
    ("--set", "semster_credits=28 credits"),  # unknown parameter, with a did-you-mean
    ("--set", "semester_credits=28 hours"),  # another unit
    ("--set", "semester_credits=28 ECTS"),  # not a value as a rule file writes one
    ("--set", "semester_credits"),  # not NAME=VALUE
    ("--choose", "sem2-elective=DS521,DS522"),  # unknown group, with a did-you-mean
    ("--choose", "sem2-electives=DS521"),  # fewer courses than the group lets a student take
    ("--choose", "sem2-electives=DS521,DS521"),  # a course chosen twice
    ("--choose", "sem2-electives"),  # not GROUP=CODE,CODE
])
def test_a_bad_what_if_is_answered_400_with_the_clis_one_line_error(web, option, value):
    code, out = cli(ELECTIVES, option, value)
    assert code == 2 and out.startswith("error: ")
    cli_line = out.strip().removeprefix("error: ").replace(str(ELECTIVES), ELECTIVES.name)
    r = web.post("/api/audit", files=[upload(ELECTIVES)], data=form(**{option.lstrip("-"): value}))
    assert r.status_code == 400 and r.json()["error"] == cli_line
    page = web.post("/audit", files=[upload(ELECTIVES)], data=form(**{option.lstrip("-"): value}))
    assert page.status_code == 400 and cli_line in html.unescape(page.text)


def test_what_ifs_of_the_wrong_shape_or_kind_are_refused(web):
    r = web.post("/api/audit", json={"rules": "ects_guide_2015", "subject": {}, "set": 3})
    assert r.status_code == 400 and r.json()["error"].startswith("'set' must be a list of texts")
    r = web.post("/api/audit", json={"rules": "ects_guide_2015", "subject": {}, "choose": {"E1": 3}})
    assert r.status_code == 400 and r.json()["error"].startswith("'choose' must be")
    transfer = TRANSFERS / "clean_mobility.yaml"
    r = web.post("/api/audit", files=[upload(transfer)], data=form(kind="transfer", choose=CHOOSE))
    assert r.status_code == 400 and "elective choice of a programme" in r.json()["error"]
    r = web.post("/api/audit", files=[upload(ELECTIVES)], data=form(set="x=1\n" * 600))
    assert r.status_code == 400 and "at most 2000 characters" in r.json()["error"]


def test_a_transfer_takes_set_as_the_cli_does(web):
    transfer = TRANSFERS / "clean_mobility.yaml"
    r = web.post("/api/audit", files=[upload(transfer)], data=form(kind="transfer", set="tor_weeks=1 weeks"))
    assert r.status_code == 200
    res = CliRunner().invoke(main, ["transfer", str(transfer), "--rules", "ects_guide_2015", "--as-of", AS_OF,
                                    "--set", "tor_weeks=1 weeks", "--format", "json", "--show", "all"])
    assert without_input(r.json()) == without_input(json.loads(res.output))


def test_the_audit_form_has_the_what_if_fields_and_the_report_page_says_what_if(web):
    assert 'name="set"' in web.get("/audit").text and 'name="choose"' in web.get("/audit").text
    r = web.post("/audit", files=[upload(ELECTIVES)], data=form(set=SET, choose=CHOOSE))
    assert r.status_code == 200 and r.url.path.startswith("/results/")
    assert "WHAT-IF AUDIT, not an audit under the law" in r.text
    assert "parameter semester_credits = 28 credits (the rule set: 30 credits)" in r.text
    assert "elective group sem2-electives: only DS521,DS522" in r.text
    _, text = cli(ELECTIVES, "--set", SET, "--choose", CHOOSE, "--format", "text", "--show", "all")
    downloaded = web.get(r.url.path + "/download/0.text").text
    assert downloaded == text.replace(str(ELECTIVES), ELECTIVES.name)
    got = json.loads(web.get(r.url.path + "/download/all.json").text)
    assert got["what_ifs"] == cli_json(ELECTIVES, "--set", SET, "--choose", CHOOSE)["what_ifs"]


def test_the_openapi_document_names_the_what_if_fields(web):
    doc = web.get("/api/openapi.json").json()
    text = doc["paths"]["/api/audit"]["post"]["description"]
    assert "set (what-if" in text and "choose (what-if" in text
