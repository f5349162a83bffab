"""Screenshots of `ects serve` for the documentation (docs/img/web-audit.png, web-report.png and
web-findings.png), taken with Debian's headless Chromium through Playwright.

    python scripts/web_screenshots.py [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_serve import free_port, start_server  # noqa: E402

OUT = ROOT / "docs" / "img"
EXAMPLE = ROOT / "examples" / "programmes" / "faulty_bsc.yaml"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()
    port = free_port()
    proc = start_server(port)
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/audit")
            page.set_input_files("#files", str(EXAMPLE))
            page.fill("#as_of", "2020-01-01")
            page.screenshot(path=str(OUT / "web-audit.png"), full_page=True)
            page.click("button[type=submit]")
            page.wait_for_url("**/results/**")
            page.set_viewport_size({"width": 1100, "height": 1700})
            page.screenshot(path=str(OUT / "web-report.png"))
            page.locator("section.findings-failures").screenshot(path=str(OUT / "web-findings.png"))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"wrote web-audit.png, web-report.png and web-findings.png into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
