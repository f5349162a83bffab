"""The HTTP API under /api: the CLI's JSON for audits (multipart and JSON body), rule sets and comparisons, and
the OpenAPI document."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from click.testing import CliRunner

from engine.cli.main import main
from engine.tools.compare import compare_rulesets
from engine.ruleset.compiled import load_ruleset
from engine.tools.describe import describe_ruleset
from web_helpers import AS_OF, GRADES, PROGRAMMES, client, form, upload, zipped

DAY = dt.date.fromisoformat(AS_OF)


@pytest.fixture(scope="module")
def web():
    return client()


def cli_json(*args: str):
    full = ["--show", "all"]  # the API gives every finding in full (the CLI: failed and undecided ones)
    res = CliRunner().invoke(main, [*args, "--format", "json", "--as-of", AS_OF, *full])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.output)


def without_input(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "input"}


@pytest.mark.parametrize("name", ["compliant_bsc", "faulty_bsc", "missing_hours_ba", "electives_msc"])
def test_multipart_audit_is_the_clis_json(web, name):
    path = PROGRAMMES / f"{name}.yaml"
    r = web.post("/api/audit", files=[upload(path)], data=form())
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    got = r.json()
    assert got["input"] == {"path": path.name, "sha256": cli_json("check", str(path), "--rules",
                                                                  "ects_guide_2015")["input"]["sha256"]}
    assert without_input(got) == without_input(cli_json("check", str(path), "--rules", "ects_guide_2015"))


def test_a_json_body_holds_the_subject(web):
    path = PROGRAMMES / "faulty_bsc.yaml"
    subject = yaml.safe_load(path.read_text(encoding="utf-8"))
    r = web.post("/api/audit", json={"rules": "ects_guide_2015", "subject": subject, "as_of": AS_OF,
                                     "kind": "programme"})
    assert r.status_code == 200
    got, cli = r.json(), cli_json("check", str(path), "--rules", "ects_guide_2015")
    assert got["verdict"] == cli["verdict"] == "non_compliant"
    assert [f["rule"] for f in got["findings"]] == [f["rule"] for f in cli["findings"]]
    bad = web.post("/api/audit", json={"rules": "ects_guide_2015", "subject": {"id": "x"}, "kind": "programme"})
    assert bad.status_code == 400 and bad.json()["error"].startswith("subject.json:")


def test_many_files_under_many_sets_give_a_list(web):
    files = [zipped({"a.yaml": (PROGRAMMES / "compliant_bsc.yaml").read_text(),
                     "b.yaml": (PROGRAMMES / "faulty_bsc.yaml").read_text()})]
    r = web.post("/api/audit", files=files, data=form(rules=["ects_guide_2015", "greek_law_4009"]))
    assert r.status_code == 200
    reports = r.json()
    assert [(x["ruleset"]["id"], x["input"]["path"]) for x in reports] == [
        ("ects_guide_2015", "many.zip/a.yaml"), ("ects_guide_2015", "many.zip/b.yaml"),
        ("greek_law_4009", "many.zip/a.yaml"), ("greek_law_4009", "many.zip/b.yaml")]


def test_a_cohort_file_is_audited(web):
    path = GRADES / "greek-informatics.csv"
    r = web.post("/api/audit", files=[upload(path)], data=form(rules="greek_law_4009", kind="cohort"))
    assert r.status_code == 200
    cli = cli_json("grades", "check", str(path), "--rules", "greek_law_4009")
    assert without_input(r.json()) == without_input(cli)


def test_rule_sets_are_listed_and_shown_as_the_cli_shows_them(web):
    listed = web.get("/api/rulesets").json()
    assert [d["id"] for d in listed] == ["ects_guide_2015", "greek_law_4009", "serbian_credit_act"]
    assert all(d["title"] and d["in_force"] for d in listed)
    r = web.get(f"/api/rulesets/greek_law_4009?as_of={AS_OF}")
    res = CliRunner().invoke(main, ["rules", "show", "greek_law_4009", "--format", "json", "--as-of", AS_OF])
    assert r.json() == json.loads(res.output)
    assert r.json() == json.loads(json.dumps(describe_ruleset(load_ruleset("greek_law_4009"), DAY)))


def test_compare_is_the_clis_json(web):
    ids = ["ects_guide_2015", "greek_law_4009"]
    r = web.post("/api/compare", json={"rules": ids, "as_of": AS_OF})
    assert r.status_code == 200 and r.json() == json.loads(json.dumps(compare_rulesets(ids, DAY)))
    path = PROGRAMMES / "greek_pe_bsc.yaml"
    r = web.post("/api/compare", files=[upload(path, field="programme")], data={"rules": ids, "as_of": AS_OF})
    got = r.json()
    cli = json.loads(CliRunner().invoke(main, ["compare", *ids, "--programme", str(path), "--format", "json",
                                               "--as-of", AS_OF]).output)
    assert got["programme"]["path"] == path.name
    got["programme"].pop("path"), cli["programme"].pop("path")
    assert got == cli
    subject = yaml.safe_load(path.read_text(encoding="utf-8"))
    r = web.post("/api/compare", json={"rules": ids, "as_of": AS_OF, "programme": subject})
    assert r.json()["programme"]["sets"] == cli["programme"]["sets"]
    r = web.post("/api/compare", json={"rules": ["ects_guide_2015", "ects_guide_2015"]})
    assert r.status_code == 200 and [s["id"] for s in r.json()["sets"]] == ["ects_guide_2015"]
    r = web.post("/api/compare", json={"rules": ["ects_guide_2015", "elsewhere"]})
    assert r.status_code == 400 and r.json()["error"].startswith("unknown rule set 'elsewhere'")


def test_the_openapi_document_describes_the_api(web):
    doc = web.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {"/api/rulesets", "/api/rulesets/{ruleset}", "/api/audit", "/api/compare"}
    assert "multipart/form-data" in doc["paths"]["/api/audit"]["post"]["requestBody"]["content"]
    assert "413" in json.dumps(doc["paths"]["/api/audit"]["post"]["responses"])
