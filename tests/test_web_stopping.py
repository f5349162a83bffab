"""Work of `ects serve` stopped before its end: a client that goes away mid-audit (over a real uvicorn server on
loopback) has its worker process stopped, its uploads removed and its pool slot freed for the next request, with
one line in the log; an audit that needs more memory than `--memory-limit` is answered 413 in the request's
language, and a new worker serves the next request."""
from __future__ import annotations

import json
import logging
import socket
import threading
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Iterator

import httpx
import psutil
import uvicorn
import yaml
from starlette.testclient import TestClient

from engine.web.app import create_app
from engine.web.config import MB, WebConfig
from engine.web.pool import WorkerPool
from test_web_workers import GENEROUS, cli_verdict, gone, wait_for
from web_helpers import (PROGRAMMES, SLOW_MARK, audit_slowly_when_marked, catalog, form, prepare_all, raw,
                         stage_uploads_in, upload)


@contextmanager
def served(app) -> Iterator[str]:
    """The application served by uvicorn in a thread on a free loopback port; its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, log_level="warning", lifespan="on",
                                           timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        wait_for(lambda: server.started, "the server did not start")
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(GENEROUS)
        sock.close()


def raw_request(base: str, path: str, files, data) -> bytes:
    """The bytes of a multipart POST, as a client sends them."""
    request = httpx.Request("POST", base + path, files=files, data=data)
    head = "".join(f"{k}: {v}\r\n" for k, v in request.headers.items())
    return f"POST {path} HTTP/1.1\r\n{head}\r\n".encode() + request.read()


def test_a_client_that_goes_away_stops_its_audit_and_frees_its_worker(tmp_path, caplog):
    pid_file, staging = tmp_path / "pid", tmp_path / "staging"
    staging.mkdir()
    prepare = partial(prepare_all, partial(audit_slowly_when_marked, str(pid_file)),
                      partial(stage_uploads_in, str(staging)))
    pool = WorkerPool(catalog(), 1, 600.0, prepare=prepare)  # one worker; a time limit far beyond the test's
    slow = (PROGRAMMES / "compliant_bsc.yaml").read_bytes() + b"\n" + SLOW_MARK + b"\n"
    caplog.set_level(logging.INFO)
    try:
        with served(create_app(WebConfig(timeout=600.0), catalog(), pool)) as base:
            client = socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])))
            client.sendall(raw_request(base, "/api/audit", [raw("slow.yaml", slow)], form()))
            wait_for(pid_file.exists, "the slow audit did not start")
            slow_pid = int(pid_file.read_text())
            assert [p.name for p in staging.iterdir()] and not gone(slow_pid)  # its uploads staged, its worker busy
            client.close()  # the client goes away mid-audit
            wait_for(lambda: gone(slow_pid), "the worker of the abandoned audit still runs")
            assert list(staging.iterdir()) == []  # its private folder of uploads removed
            # the only worker's slot is free: the next audit is answered (it would wait 600 s otherwise)
            r = httpx.post(base + "/api/audit", files=[upload(PROGRAMMES / "faulty_bsc.yaml")], data=form(),
                           timeout=GENEROUS)
            assert r.status_code == 200 and r.json()["verdict"] == cli_verdict("faulty_bsc")
            (new_pid,) = pool.worker_pids()
            assert new_pid != slow_pid
    finally:
        pool.close()
    said = [r.getMessage() for r in caplog.records if r.name == "ects.serve"]
    assert said == ["ects serve: POST /api/audit: the client went away before the answer; its work was stopped"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def hostile_programme(courses: int) -> bytes:
    """A programme file within every input limit (some 1 MB) whose audit needs some 200 MB: many courses."""
    programme = yaml.safe_load((PROGRAMMES / "compliant_bsc.yaml").read_text(encoding="utf-8"))
    programme["courses"] = [{"code": f"C{i:05d}", "title": f"Course {i} " + "x" * 200, "term": 1 + i % 6,
                             "credits": 6, "hours": {"lectures": 30, "labs": 30, "independent": 105, "exams": 3}}
                            for i in range(courses)]
    return json.dumps(programme).encode()


def worker_size() -> int:
    """The address space of a worker process once it has made an audit, in bytes."""
    pool = WorkerPool(catalog(), 1, 600.0)
    try:
        web = TestClient(create_app(WebConfig(), catalog(), pool))
        assert web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form()).status_code == 200
        (pid,) = pool.worker_pids()
        return psutil.Process(pid).memory_info().vms
    finally:
        pool.close()


def test_an_audit_past_the_memory_limit_is_answered_413_in_its_language_and_a_new_worker_serves_on():
    limit = worker_size() + 48 * MB  # room for ordinary audits, not for the hostile one
    pool = WorkerPool(catalog(), 1, 600.0, memory_limit=limit)
    try:
        web = TestClient(create_app(WebConfig(memory_limit=limit), catalog(), pool))
        assert web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form()).status_code == 200
        (first,) = pool.worker_pids()
        assert psutil.Process(first).rlimit(psutil.RLIMIT_AS)[0] == limit  # the OS limit, set in the worker
        hostile = [raw("many.json", hostile_programme(3000))]
        r = web.post("/api/audit", files=hostile, data=form(lang="el"))
        assert r.status_code == 413 and r.json()["errors"] == [r.json()["error"]]
        assert r.json()["error"] == (f"το αίτημα χρειάστηκε περισσότερη μνήμη από το όριο των {limit // MB} MiB ανά "
                                     "διεργασία εργασίας· στείλτε λιγότερα ή μικρότερα αρχεία")
        wait_for(lambda: gone(first), "the worker that ran out of memory still runs")
        page = web.post("/audit", files=hostile, data=form())  # the pages, in English
        assert page.status_code == 413 and f"needed more memory than the limit of {limit // MB} MiB" in page.text
        r = web.post("/api/audit", files=[upload(PROGRAMMES / "faulty_bsc.yaml")], data=form())
        assert r.status_code == 200 and r.json()["verdict"] == cli_verdict("faulty_bsc")
        assert web.get("/api/rulesets").status_code == 200
    finally:
        pool.close()


def test_the_memory_limit_is_a_documented_default():
    assert WebConfig().memory_limit == 2048 * MB
    assert "default 2 GiB" in (Path(__file__).resolve().parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")


def test_serve_takes_the_memory_limit_in_mib_and_zero_for_none(monkeypatch):
    from click.testing import CliRunner

    import engine.web.command
    from engine.cli.main import main

    served_apps = []
    monkeypatch.setattr(engine.web.command.uvicorn, "run", lambda app, **kwargs: served_apps.append(app))
    for args, limit in ([], 2048 * MB), (["--memory-limit", "300"], 300 * MB), (["--memory-limit", "0"], 0):
        r = CliRunner().invoke(main, ["serve", "--workers", "1", *args])
        assert r.exit_code == 0, r.output
        assert served_apps[-1].state.workers.memory_limit == limit
        assert served_apps[-1].state.workers.setup.memory_limit == limit  # what each worker is started with
    r = CliRunner().invoke(main, ["serve", "--memory-limit", "-1"])
    assert r.exit_code == 2 and "Traceback" not in r.output
