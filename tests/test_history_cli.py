"""`--store` on the auditing commands and on `ects serve`, `ects history` and `ects diff`, as a QA office uses
them: a programme audited, changed, audited again; the report says what changed since the last audit; the
history and the differences read back in every format, from SQLite and from PostgreSQL."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from engine.history.recording import open_store
from engine.ruleset.compiled import load_ruleset
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures
from web_helpers import client, form, upload

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "examples" / "programmes" / "compliant_bsc.yaml"
AS_OF = "2020-01-01"
BROKEN = ("{code: CS101, title: Programming I, term: 1, credits: 6,", "{code: CS101, title: Programming I, term: 1, credits: 8,")


def ects(*args: str, codes=(0,)):
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code in codes, res.output
    return res.output


def check(path: Path, store: str, *more: str, codes=(0,)) -> str:
    return ects("check", str(path), "--rules", "ects_guide_2015", "--as-of", AS_OF, "--store", store, *more,
                codes=codes)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "audits.db")
    return request.getfixturevalue("pg_url")


def test_a_programme_audited_changed_and_audited_again(store, tmp_path):
    path = tmp_path / "programme.yaml"
    shutil.copy(PROGRAMME, path)
    first = check(path, store)
    assert "Since the last audit" not in first  # nothing recorded before
    path.write_text(PROGRAMME.read_text(encoding="utf-8").replace(*BROKEN), encoding="utf-8")
    second = json.loads(check(path, store, "--format", "json", codes=(1,)))
    since = second["extra"]["since_last_audit"]
    assert since["audit_id"] == 1 and since["fixed"] == 0 and since["new"] >= 1 and since["input_changed"] is True
    assert since["ruleset_changed"] is False
    shutil.copy(PROGRAMME, path)
    third = check(path, store)
    assert f"Since the last audit of this programme (audit 2, " in third and f"{since['new']} fixed, 0 new" in third

    listing = ects("history", "uni-cs-bsc", "--store", store)
    assert [line.split()[0] for line in listing.splitlines()[1:]] == ["1", "2", "3"]
    assert "Not compliant" in listing.splitlines()[2]
    greek = ects("history", "uni-cs-bsc", "--store", store, "--lang", "el")
    assert greek.splitlines()[0].startswith("α/α") and "Μη σύμφωνο" in greek.splitlines()[2]
    audits = json.loads(ects("history", "--store", store, "--format", "json"))
    assert [a["ruleset"]["sha256"] for a in audits] == [load_ruleset("ects_guide_2015").content_hash] * 3
    assert audits[0]["input"]["sha256"] == audits[2]["input"]["sha256"] != audits[1]["input"]["sha256"]

    data = json.loads(ects("diff", "1", "2", "--store", store, "--format", "json"))
    assert data["counts"]["new"] == since["new"] and data["counts"]["fixed"] == 0
    changed = {(c["rule"], c["subject"]["label"]): (c["status_before"], c["status_after"]) for c in data["changes"]}
    assert changed[("term_credits", "term 1")] == ("pass", "fail")
    for fmt, marker in (("text", "term_credits · term 1 (warning): Passed -> Failed"), ("md", "| `term_credits` | term 1 |"),
                        ("html", "<code>term_credits</code></th><td>term 1</td>")):
        assert marker in ects("diff", "1", "2", "--store", store, "--format", fmt), fmt
    # the labels, subjects, statuses and the messages recorded in each language follow --lang
    for lang, marker in (("el", "term_credits · περίοδος 1 (προειδοποίηση): Επιτυχία -> Απέτυχε"),
                         ("sr", "term_credits · period 1 (upozorenje): Ispunjeno -> Nije ispunjeno"),
                         ("sr-Cyrl", "term_credits · период 1 (упозорење): Испуњено -> Није испуњено")):
        text = ects("diff", "1", "2", "--store", store, "--lang", lang)
        assert marker in text, (lang, text)
        assert not re.search(r"\b(fixed|appeared|Changed status|rule set|law as of)\b", text), (lang, text)
    back = json.loads(ects("diff", "uni-cs-bsc", "--since", "2999-01-01", "--store", store, "--format", "json"))
    assert (back["before"]["id"], back["after"]["id"]) == (3, 3) and back["changes"] == []


def test_the_since_section_in_every_report_format(tmp_path):
    store = str(tmp_path / "audits.db")
    check(PROGRAMME, store)
    md = check(PROGRAMME, store, "--format", "md")
    html = check(PROGRAMME, store, "--format", "html", "--lang", "el")
    assert "## Since the last audit" in md and "(audit 1, " in md and "0 fixed, 0 new" in md
    assert "Από τον προηγούμενο έλεγχο (έλεγχος 2," in html


def test_transfers_and_cohorts_are_recorded_too(tmp_path):
    store = str(tmp_path / "audits.db")
    ects("transfer", str(ROOT / "examples" / "transfers"), "--rules", "ects_guide_2015", "--store", store, codes=(0, 1))
    ects("grades", "check", str(ROOT / "examples" / "grades"), "--rules", "ects_guide_2015", "--store", store,
         codes=(0, 1, 2))
    kinds = {a["subject"]["kind"] for a in json.loads(ects("history", "--store", store, "--format", "json"))}
    assert kinds == {"transfer", "cohort"}


def test_the_web_application_records_its_audits(tmp_path):
    with open_store(str(tmp_path / "audits.db")) as store:
        web = client(store=store)
        assert web.post("/api/audit", files=[upload(PROGRAMME)], data=form()).status_code == 200
        (recorded,) = store.audits()
    assert (recorded.subject_id, recorded.input_path, recorded.finding_count > 0) == ("uni-cs-bsc", PROGRAMME.name, True)


def test_reading_and_usage_errors_are_one_line(tmp_path):
    missing = str(tmp_path / "none.db")
    for args in (["history", "--store", missing], ["diff", "1", "2", "--store", missing]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2 and "no audit store here" in res.output and not Path(missing).exists()
    store = str(tmp_path / "audits.db")
    check(PROGRAMME, store)
    for args, message in ((["diff", "1", "9"], "no audit '9'"), (["diff", "1", "9" * 30], "no audit '999"),
                          (["diff", "1", "first"], "no audit 'first'"), (["diff", "1"], "give two audit ids"),
                          (["diff", "uni-cs-bsx", "--since", "2020-01-01"], "did you mean 'uni-cs-bsc'"),
                          (["diff", "uni-cs-bsc", "--since", "2020-01-01"], "no audit of 'uni-cs-bsc' was recorded before"),
                          (["diff", "uni-cs-bsc", "--since", "soon"], "is not a date")):
        res = CliRunner().invoke(main, [*args, "--store", store])
        assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output, (args, res.output)
    res = CliRunner().invoke(main, ["check", str(PROGRAMME), "--rules", "ects_guide_2015", "--store", str(tmp_path)])
    assert res.exit_code == 2 and res.output.startswith("error: ") and "Traceback" not in res.output


def test_the_rule_set_hash_follows_the_text_not_the_folder(tmp_path):
    original = ROOT / "tests" / "data" / "user_rules"
    copy = tmp_path / "elsewhere" / "user_rules"
    shutil.copytree(original, copy)
    assert load_ruleset(str(copy)).content_hash == load_ruleset(str(original)).content_hash
    rules = copy / "department.rules"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_ruleset(str(copy)).content_hash != load_ruleset(str(original)).content_hash


def test_a_failing_store_is_the_servers_fault_in_the_web(tmp_path):
    store = open_store(str(tmp_path / "audits.db"))
    store.close()
    # the server's worker processes open the store themselves: a file that is no longer a database fails there
    (tmp_path / "audits.db").write_bytes(b"not a database" * 100)
    web = client(store=store)
    r = web.post("/api/audit", files=[upload(PROGRAMME)], data=form())
    assert r.status_code == 503 and "audit store" in r.json()["error"]


@pytest.mark.parametrize("command", [["check"], ["transfer"], ["grades", "check"], ["serve"]])
def test_every_auditing_command_and_serve_take_a_store(command):
    assert "--store PATH_OR_URL" in ects(*command, "--help")
