"""`ects serve` used through a real browser: Debian's Chromium driven by Playwright (its executable path; no
browser download). The server is started as a user starts it, on a free loopback port; the test uploads an
example programme, reads the verdict, follows a finding to its rule, and downloads the JSON report. Skipped,
with the reason, when no Chromium is installed (but not in CI, which installs it)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "programmes" / "faulty_bsc.yaml"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
pytestmark = pytest.mark.skipif(CHROMIUM is None and not IN_CI,
                                reason="no Chromium binary on PATH (install the Debian package 'chromium')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """`ects serve` on a free loopback port, stopped after the tests."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "engine.cli.main", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/rulesets", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"ects serve did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    assert CHROMIUM is not None, "CI must have Chromium (the Debian package 'chromium') for the browser tests"
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def test_upload_read_the_verdict_follow_a_finding_to_its_rule_and_download_the_json(server, browser, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(f"{server}/")
    assert page.title().startswith("Audit")
    page.set_input_files("#files", str(EXAMPLE))
    page.check("input[name=rules][value=ects_guide_2015]")
    page.fill("#as_of", "2020-01-01")
    page.click("button[type=submit]")
    page.wait_for_url("**/results/**")

    verdict = page.inner_text("section.verdict h2")
    assert "Not compliant" in verdict

    link = page.locator("section.findings-failures a.rule-link").first
    rule_id = link.inner_text().strip()
    report_url = page.url
    link.click()
    page.wait_for_url(f"**/rulesets/ects_guide_2015?as_of=2020-01-01#rule-{rule_id}")
    target = page.locator(f"[id='rule-{rule_id}']")
    assert target.is_visible() and rule_id in target.inner_text()
    assert page.locator(f"[id='rule-{rule_id}'] .citation").count() >= 1

    page.goto(report_url)
    with page.expect_download() as info:
        page.click("text=Download JSON")
    saved = tmp_path / "report.json"
    info.value.save_as(saved)
    report = json.loads(saved.read_text(encoding="utf-8"))
    assert report["verdict"] == "non_compliant" and report["input"]["path"] == EXAMPLE.name
    assert any(f["rule"] == rule_id and f["status"] == "fail" for f in report["findings"])
    assert console == [], f"the pages logged: {console}"
    context.close()


def test_a_bad_file_shows_the_one_line_error_and_the_server_goes_on(server, browser, tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: x\ncourses: [\n", encoding="utf-8")
    page = browser.new_page()
    page.goto(f"{server}/audit")
    page.set_input_files("#files", str(bad))
    page.click("button[type=submit]")
    assert "error: broken.yaml:3" in page.inner_text("[role=alert]")
    page.goto(f"{server}/rulesets")
    assert "ects_guide_2015" in page.inner_text("main")
    page.close()
