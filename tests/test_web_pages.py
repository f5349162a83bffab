"""The web application's pages over HTTP: audit (one report, a batch with its matrix, several rule sets, every
kind of subject), downloads in every CLI format, the rule-set browser with an anchor per rule, compare."""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import partial

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from engine.api import audit
from engine.cli.main import main
from engine.render import render
from engine.web.app import create_app
from engine.web.config import WebConfig
from engine.web.pool import WorkerPool
from web_helpers import (AS_OF, ELMO, GRADES, PROGRAMMES, TRANSFERS, USER_RULES, catalog, client, form, raw,
                         stage_uploads_in, upload, zipped)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def web():
    return client()


def post_audit(web, files, **fields):
    return web.post("/audit", files=files, data=form(**fields))


def test_home_leads_to_the_audit_form(web):
    r = web.get("/")
    assert r.status_code == 200 and r.url.path == "/audit"
    assert 'type="file"' in r.text and 'name="rules"' in r.text and "ects_guide_2015" in r.text
    assert "<script" not in r.text


def test_one_programme_gives_its_report_with_links_to_rules_and_downloads(web):
    r = post_audit(web, [upload(PROGRAMMES / "faulty_bsc.yaml")])
    assert r.status_code == 200 and r.url.path.startswith("/results/")
    assert "Not compliant" in r.text
    assert "<script" not in r.text
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    links = re.findall(r'class="rule-link" href="(/rulesets/ects_guide_2015\?as_of=2020-01-01#rule-[\w.-]+)"', r.text)
    assert links, "every finding links to its rule"
    page, anchor = links[0].split("#")
    assert f'id="{anchor}"' in web.get(page).text
    downloads = re.findall(r'href="(/results/[\w-]+/download/0\.(\w+))"', r.text)
    assert {fmt for _, fmt in downloads} == {"json", "md", "html", "junit", "text"}


def test_the_verdict_is_the_clis(web):
    r = post_audit(web, [upload(PROGRAMMES / "faulty_bsc.yaml")])
    token = r.url.path.split("/")[2]
    got = json.loads(web.get(f"/results/{token}/download/0.json").text)
    day = dt.date.fromisoformat(AS_OF)
    cli = json.loads(render([audit("ects_guide_2015", PROGRAMMES / "faulty_bsc.yaml", as_of=day)], "json"))
    assert got["input"]["path"] == "faulty_bsc.yaml"
    got.pop("input"), cli.pop("input")
    assert got == cli


@pytest.mark.parametrize("fmt, marker, media", [
    ("json", '"verdict": "non_compliant"', "application/json"), ("md", "# ", "text/markdown"),
    ("html", "<!DOCTYPE html>", "text/html"), ("junit", "<testsuite", "application/xml"),
    ("text", "Verdict: Not compliant", "text/plain")])
def test_downloads_in_every_cli_format(web, fmt, marker, media):
    token = post_audit(web, [upload(PROGRAMMES / "faulty_bsc.yaml")]).url.path.split("/")[2]
    r = web.get(f"/results/{token}/download/0.{fmt}")
    assert r.status_code == 200 and marker in r.text
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"].startswith("attachment; filename=")


def test_a_batch_lists_non_compliant_first_with_a_rule_by_programme_matrix(web):
    files = [upload(PROGRAMMES / "compliant_bsc.yaml"),
             zipped({"a/faulty_bsc.yaml": (PROGRAMMES / "faulty_bsc.yaml").read_text(),
                     "b/electives_msc.yaml": (PROGRAMMES / "electives_msc.yaml").read_text(),
                     "README.txt": "skipped", "folder/": ""})]
    r = post_audit(web, files, kind="programme")
    assert r.status_code == 200
    rows = re.findall(r'<tr class="verdict-row-(\w+)">', r.text)
    assert len(rows) == 3 and rows[0] == "non_compliant" and rows == sorted(rows, key=["non_compliant", "incomplete",
                                                                                       "compliant"].index)
    assert 'class="matrix"' in r.text and "many.zip/faulty_bsc.yaml" in r.text
    token = r.url.path.split("/")[2]
    everything = json.loads(web.get(f"/results/{token}/download/all.json").text)
    assert len(everything) == 3
    assert web.get(f"/results/{token}/2").status_code == 200


def test_several_rule_sets_give_one_batch_each(web):
    r = post_audit(web, [upload(PROGRAMMES / "greek_pe_bsc.yaml")], rules=["ects_guide_2015", "greek_law_4009"])
    assert r.status_code == 200
    assert 'id="set-ects_guide_2015"' in r.text and 'id="set-greek_law_4009"' in r.text


def test_all_reports_of_a_batch_end_with_its_summary_under_one_rule_set(web):
    """As the CLI's batch of the same files; under two rule sets a file would count twice, so none."""
    files = [upload(PROGRAMMES / "compliant_bsc.yaml"), upload(PROGRAMMES / "faulty_bsc.yaml")]
    one = post_audit(web, files, kind="programme").url.path
    two = post_audit(web, files, kind="programme", rules=["ects_guide_2015", "greek_law_4009"]).url.path
    assert "\n## Batch summary\n\n2 files given · 2 audited" in web.get(one + "/download/all.md").text
    assert "Batch summary" not in web.get(two + "/download/all.md").text


def test_a_transfer_with_an_elmo_transcript_and_a_cohort_file_are_audited(web):
    r = post_audit(web, [upload(TRANSFERS / "clean_mobility.yaml"), upload(ELMO, field="transcript")],
                   kind="transfer")
    assert r.status_code == 200 and "<h1" in r.text
    r = post_audit(web, [upload(GRADES / "greek-informatics.csv")], kind="cohort", rules="greek_law_4009")
    assert r.status_code == 200 and 'lang="en"' in r.text


def test_the_report_language_is_chosen(web):
    r = post_audit(web, [upload(PROGRAMMES / "compliant_bsc.yaml")], lang="el")
    assert r.status_code == 200 and '<html lang="el">' in r.text


def test_hostile_file_names_are_shown_not_used(web):
    r = post_audit(web, [upload(PROGRAMMES / "faulty_bsc.yaml", name="../../etc/<b>x</b>.yaml")])
    assert r.status_code == 200
    assert "<b>x</b>" not in r.text


def test_rule_set_browser_shows_rules_parameters_sources_and_quotes(web):
    r = web.get("/rulesets")
    assert r.status_code == 200 and all(f"/rulesets/{i}" in r.text for i in
                                        ("ects_guide_2015", "greek_law_4009", "serbian_credit_act"))
    r = web.get("/rulesets/greek_law_4009?as_of=2020-01-01")
    assert r.status_code == 200
    assert 'id="rule-' in r.text and "<blockquote>" in r.text and "Dated versions" in r.text
    assert "Sources" in r.text and "extends" in r.text


def test_configured_rule_folders_are_offered():
    web = client(rules_dirs=(str(USER_RULES),))
    ids = [d["id"] for d in web.get("/api/rulesets").json()]
    assert len(ids) == 4
    extra = (set(ids) - {"ects_guide_2015", "greek_law_4009", "serbian_credit_act"}).pop()
    assert web.get(f"/rulesets/{extra}").status_code == 200


def test_a_bad_rules_folder_stops_the_start_with_the_clis_error(tmp_path):
    res = CliRunner().invoke(main, ["serve", "--rules-dir", str(tmp_path)])
    assert res.exit_code == 2 and res.output.strip() == f"error: {tmp_path}: folder holds no *.rules files"


def test_compare_pages(web):
    assert 'name="programme"' in web.get("/compare").text
    r = web.post("/compare", data={"rules": ["ects_guide_2015", "greek_law_4009"], "as_of": AS_OF},
                 files=[upload(PROGRAMMES / "greek_pe_bsc.yaml", field="programme")])
    assert r.status_code == 200 and "greek_law_4009" in r.text and "greek_pe_bsc.yaml" in r.text
    assert "<script" not in r.text


def test_results_are_kept_in_memory_only_a_bounded_number():
    web = client(kept_results=2)
    tokens = [web.post("/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form()).url.path
              for _ in range(3)]
    assert len(web.app.state.results) == 2
    assert web.get(tokens[0]).status_code == 404
    assert web.get(tokens[2]).status_code == 200


def test_nothing_is_left_in_the_private_folder(tmp_path):
    # the uploads are staged by the worker process that audits them: its temporary folder is tmp_path
    pool = WorkerPool(catalog(), 1, 60.0, prepare=partial(stage_uploads_in, str(tmp_path)))
    try:
        with TestClient(create_app(WebConfig(), catalog(), pool)) as web:
            r = post_audit(web, [upload(PROGRAMMES / "compliant_bsc.yaml"), raw("bad.yaml", "a: [")])
            assert r.status_code == 200 and "bad.yaml" in r.text
            assert web.get(r.url.path + "/download/all.json").status_code == 200
    finally:
        pool.close()
    assert list(tmp_path.iterdir()) == []
