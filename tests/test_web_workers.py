"""The worker processes of `ects serve`: an audit past the time limit is answered 422 and its process is really
stopped (and replaced, its uploads removed); normal audits give the CLI's reports; concurrent requests are all answered; a rule set
changed on disk after the start is refused rather than used."""
from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import psutil
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from engine.cli.main import main
from engine.web.app import create_app
from engine.web.config import Catalog, WebConfig
from engine.web.pool import WorkerPool
from web_helpers import (AS_OF, PROGRAMMES, SLOW_MARK, USER_RULES, audit_slowly_when_marked, catalog, client,
                         exit_at_start, forbid_compiling, form, prepare_all, raw, stage_uploads_in, upload)

NAMES = ["compliant_bsc", "faulty_bsc", "missing_hours_ba", "electives_msc", "greek_pe_bsc", "compliant_bsc"]
GENEROUS = 120  # seconds: a deadline for what a loaded machine may take, never a measure of speed


def gone(pid: int) -> bool:
    """The process has ended (and been reaped by its parent)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def wait_for(condition, what: str):
    deadline = time.monotonic() + GENEROUS
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def cli_verdict(name: str) -> str:
    res = CliRunner().invoke(main, ["check", str(PROGRAMMES / f"{name}.yaml"), "--rules", "ects_guide_2015",
                                    "--as-of", AS_OF, "--format", "json"])
    return json.loads(res.output)["verdict"]


def test_an_audit_past_the_time_limit_is_answered_422_and_its_process_is_stopped(tmp_path):
    pid_file, staging = tmp_path / "pid", tmp_path / "staging"
    staging.mkdir()
    pool = WorkerPool(catalog(), 1, 3.0, prepare=partial(prepare_all, partial(audit_slowly_when_marked, str(pid_file)),
                                                         partial(stage_uploads_in, str(staging))))
    try:
        with TestClient(create_app(WebConfig(timeout=3.0), catalog(), pool)) as web:
            slow = (PROGRAMMES / "compliant_bsc.yaml").read_bytes() + b"\n" + SLOW_MARK + b"\n"
            r = web.post("/api/audit", files=[raw("slow.yaml", slow)], data=form())
            assert r.status_code == 422 and "time limit of 3 s" in r.json()["error"]
            slow_pid = int(pid_file.read_text())
            wait_for(lambda: gone(slow_pid), "the worker of the slow audit still runs")
            assert slow_pid not in pool.worker_pids()
            assert list(staging.iterdir()) == []  # the stopped worker removed its uploads
            # the pool goes on: a new worker gives a normal audit its usual report
            r = web.post("/api/audit", files=[upload(PROGRAMMES / "faulty_bsc.yaml")], data=form())
            assert r.status_code == 200 and r.json()["verdict"] == cli_verdict("faulty_bsc")
            (new_pid,) = pool.worker_pids()
            assert new_pid != slow_pid
            # the pages answer the same way, and the server still serves
            page = web.post("/audit", files=[raw("slow.yaml", slow)], data=form())
            assert page.status_code == 422 and "time limit" in page.text
            assert web.get("/api/rulesets").status_code == 200
            wait_for(pool.worker_pids, "no worker was started after the second slow audit")
            running = pool.worker_pids()
        assert all(gone(pid) for pid in running)  # the application's shutdown stops its workers
    finally:
        pool.close()


def test_concurrent_requests_are_all_answered_by_several_workers():
    web = client(workers=2)
    web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form())  # workers started

    def one(name: str):
        return web.post("/api/audit", files=[upload(PROGRAMMES / f"{name}.yaml")], data=form())

    with ThreadPoolExecutor(len(NAMES)) as clients:
        answers = list(clients.map(one, NAMES * 2))
    assert [r.status_code for r in answers] == [200] * len(answers)
    assert [r.json()["verdict"] for r in answers] == [cli_verdict(n) for n in NAMES * 2]
    pids = web.app.state.workers.worker_pids()
    assert len(pids) == 2 and all(not gone(p) for p in pids)


def test_the_rule_sets_are_compiled_once_per_worker_not_per_request():
    pool = WorkerPool(catalog(), 1, 60.0, prepare=forbid_compiling)  # compiling again fails in the worker
    try:
        web = TestClient(create_app(WebConfig(), catalog(), pool))
        for name in NAMES[:3]:
            r = web.post("/api/audit", files=[upload(PROGRAMMES / f"{name}.yaml")], data=form(set="semester_credits=28 credits"))
            assert r.status_code == 200 and r.json()["what_ifs"]
        r = web.post("/api/compare", json={"rules": ["ects_guide_2015", "greek_law_4009"]})
        assert r.status_code == 200
        r = web.post("/audit", files=[upload(PROGRAMMES / "faulty_bsc.yaml")], data=form())
        assert r.status_code == 200 and web.get(r.url.path + "/download/0.md").status_code == 200
        assert len(pool.worker_pids()) == 1
    finally:
        pool.close()


def test_a_rule_set_changed_on_disk_after_the_start_is_refused_not_used(tmp_path):
    folder = tmp_path / "user_rules"
    shutil.copytree(USER_RULES, folder)
    cat = Catalog.build((str(folder),))
    rules = folder / "department.rules"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited while the server runs\n", encoding="utf-8")
    pool = WorkerPool(cat, 1, 60.0)
    try:
        web = TestClient(create_app(WebConfig(rules_dirs=(str(folder),)), cat, pool))
        r = web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form())
        assert r.status_code == 503 and "has changed on disk since the server started" in r.json()["error"]
        assert web.get("/api/rulesets").status_code == 200
    finally:
        pool.close()


@pytest.mark.parametrize("fmt", ["json", "md", "html", "junit", "text"])
def test_downloads_audited_again_in_a_worker_are_the_reports_of_the_first_audit(fmt):
    web = client()
    r = web.post("/audit", files=[upload(PROGRAMMES / "faulty_bsc.yaml"), upload(PROGRAMMES / "compliant_bsc.yaml")],
                 data=form())
    first = web.get(r.url.path + f"/download/all.{fmt}").text
    assert first and web.get(r.url.path + f"/download/all.{fmt}").text == first
    assert web.get(r.url.path + "/1").status_code == 200


def test_each_report_audited_again_alone_is_the_one_of_the_whole_batch():
    web = client()
    files = [upload(PROGRAMMES / "faulty_bsc.yaml"), raw("bad.yaml", "a: ["), upload(PROGRAMMES / "electives_msc.yaml"),
             upload(PROGRAMMES / "compliant_bsc.yaml", name="faulty_bsc.yaml")]  # two uploads of the same name
    r = web.post("/audit", files=files, data=form(rules=["ects_guide_2015", "greek_law_4009"]))
    assert r.status_code == 200 and "bad.yaml" in r.text
    reports = json.loads(web.get(r.url.path + "/download/all.json").text)
    assert len(reports) == 6 and all(report["not_audited"][0]["location"].startswith("bad.yaml") for report in reports)
    for i, report in enumerate(reports):
        alone = json.loads(web.get(r.url.path + f"/download/{i}.json").text)
        assert alone == {k: v for k, v in report.items() if k != "not_audited"}
        assert report["subject"]["id"] in web.get(r.url.path + f"/{i}").text


def test_pages_with_a_store_record_once_and_show_since_the_last_audit(tmp_path):
    from engine.history.recording import open_store

    with open_store(str(tmp_path / "audits.db")) as store:
        config = WebConfig(store=store, workers=1)
        app = create_app(config, catalog())
        try:
            web = TestClient(app)
            for _ in range(2):
                r = web.post("/audit", files=[upload(PROGRAMMES / "faulty_bsc.yaml")], data=form())
                assert r.status_code == 200
            report = json.loads(web.get(r.url.path + "/download/0.json").text)
            assert report["extra"]["since_last_audit"]["audit_id"] == 1
            assert json.loads(web.get(r.url.path + "/download/all.json").text)["extra"]["since_last_audit"] \
                == report["extra"]["since_last_audit"]
            assert web.get(r.url.path).status_code == 200
            assert len(store.audits()) == 2  # pages and downloads audit again but record nothing
        finally:
            app.state.workers.close()


def test_workers_that_die_at_start_are_answered_503_and_the_server_goes_on():
    pool = WorkerPool(catalog(), 1, 60.0, prepare=exit_at_start)
    try:
        web = TestClient(create_app(WebConfig(), catalog(), pool))
        for _ in range(2):  # a new pool is tried for the next request
            r = web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form())
            assert r.status_code == 503 and "could not be started" in r.json()["error"]
        assert web.get("/api/rulesets").status_code == 200
    finally:
        pool.close()
