"""Uploads of every kind the CLI reads, through the web application: course tables (xlsx, CSV), an Online
Learning Agreement (.xml, detected as a transfer), an ELMO file in the wrong place, a workbook zip bomb."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from engine.cli.main import main

from table_samples import write_xlsx
from web_helpers import AS_OF, ELMO, ROOT, client, form, raw, upload, zipped

OLA = ROOT / "tests" / "data" / "ewp" / "omobility-las" / "get-response-example.xml"
TABLE = ROOT / "examples" / "tables" / "serbian_tabela_5_2.csv"
ROWS = [["Code", "Title", "Semester", "ECTS"], ["A", "Algebra", 1, 30], ["B", "Biology", 2, 24],
        [None, "Elective courses (choose 1)", None, None], ["C", "Chemistry", 2, 6], ["D", "Drawing", 2, 6]]


@pytest.fixture(scope="module")
def web():
    return client()


def cli_json(*args: str):
    """The command line's JSON report in full (`--show all`), as the web application's API gives it."""
    res = CliRunner().invoke(main, [*args, "--format", "json", "--show", "all", "--as-of", AS_OF])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.output)


def test_a_spreadsheet_is_audited_as_the_cli_audits_it(web, tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": ROWS})
    r = web.post("/api/audit", files=[upload(path)], data=form(fields="cycle=first\nyears=1"))
    assert r.status_code == 200, r.text
    cli = cli_json("check", str(path), "--rules", "ects_guide_2015", "--field", "cycle=first", "--field", "years=1")
    assert r.json()["verdict"] == cli["verdict"]
    assert [(f["rule"], f["status"]) for f in r.json()["findings"]] == [(f["rule"], f["status"]) for f in cli["findings"]]


def test_a_csv_course_table_is_told_from_a_cohort(web):
    r = web.post("/api/audit", files=[upload(TABLE)], data=form(rules="serbian_credit_act", fields="cycle=first, years=1"))
    assert r.status_code == 200, r.text
    assert r.json()["subject"]["kind"] == "programme"


def test_a_table_without_its_cycle_is_a_one_line_error(web, tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Courses": ROWS})
    r = web.post("/api/audit", files=[upload(path)], data=form())
    assert r.status_code == 400 and r.json()["error"].startswith("plan.xlsx: the table does not say")


def test_an_ola_file_is_audited_as_a_transfer(web):
    r = web.post("/api/audit", files=[upload(OLA)], data=form())
    assert r.status_code == 200, r.text
    cli = cli_json("transfer", str(OLA), "--rules", "ects_guide_2015")
    assert r.json()["subject"]["kind"] == "transfer" and r.json()["verdict"] == cli["verdict"]


def test_an_elmo_file_uploaded_as_a_subject_says_what_it_is(web):
    r = web.post("/api/audit", files=[upload(ELMO)], data=form())
    assert r.status_code == 400
    error = r.json()["error"]
    assert "\n" not in error and error.startswith(ELMO.name) and "ELMO transcript" in error


def test_a_zip_of_a_spreadsheet_and_an_ola(web, tmp_path):
    sheet = write_xlsx(tmp_path / "plan.xlsx", {"Courses": ROWS}).read_bytes()
    r = web.post("/api/audit", files=[zipped({"plan.xlsx": sheet, "ola.xml": OLA.read_bytes()})],
                 data=form(fields="cycle=first\nyears=1"))
    assert r.status_code == 200, r.text
    assert sorted(x["input"]["path"] for x in r.json()) == ["many.zip/ola.xml", "many.zip/plan.xlsx"]


def test_a_workbook_that_unpacks_too_far_is_refused_and_the_server_goes_on(web):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>")
    r = web.post("/api/audit", files=[raw("bomb.xlsx", buf.getvalue())], data=form(fields="cycle=first"))
    assert r.status_code == 400 and "unpacks to" in r.json()["error"] and "docs/limits.md" in r.json()["error"]
    assert web.get("/api/rulesets").status_code == 200


def test_the_rule_browser_shows_each_rule_as_written_highlighted(web):
    html = web.get("/rulesets/ects_guide_2015").text
    start = html.index('id="rule-year_credits"')
    block = html[start:html.index('class="finding rule-anchor"', start + 1)]
    assert '<pre class="rule-src">' in block and "ects_guide_2015.rules:" in block
    assert '<span class="kd">rule</span>' in block and '<span class="k">require</span>' in block
    assert "<script" not in html


def test_an_ola_with_an_elmo_transcript_is_audited_as_the_cli_does(web):
    r = web.post("/api/audit", files=[upload(OLA), upload(ELMO, field="transcript")], data=form(kind="transfer"))
    assert r.status_code == 200, r.text
    cli = cli_json("transfer", str(OLA), "--transcript", str(ELMO), "--rules", "ects_guide_2015")
    assert [(f["rule"], f["status"]) for f in r.json()["findings"]] == [(f["rule"], f["status"]) for f in cli["findings"]]
