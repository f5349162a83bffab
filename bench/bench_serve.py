"""Load test of `ects serve` over loopback: several concurrent clients post audits to /api/audit.

Starts the server (`python -m engine.cli serve`) on a free loopback port, sends `--clients` x `--audits` audits
of the example programmes, checks every answer (status 200, the verdict the engine gives in-process), and
prints the throughput, the latency and the server's resident memory after a warm-up and at the end.

    python bench/bench_serve.py [--clients 4] [--audits 100] [--rules ects_guide_2015]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import audit  # noqa: E402

EXAMPLES = sorted((ROOT / "examples" / "programmes").glob("*.yaml"))
AS_OF = "2020-01-01"


@dataclass
class LoadResult:
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    rss_warm_kb: int = 0
    rss_end_kb: int = 0
    workers_warm_kb: int = 0  # the server's worker processes (and their fork server), all together
    workers_end_kb: int = 0

    @property
    def audits(self) -> int:
        """Audits answered (whatever the answer); list appends are safe across the client threads."""
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        return self.audits / self.seconds if self.seconds else 0.0

    def summary(self, clients: int) -> str:
        lat = sorted(self.latencies) or [0.0]
        p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
        return (f"{self.audits} audits from {clients} concurrent clients in {self.seconds:.1f} s: "
                f"{self.throughput:.1f} audits/s; latency median {statistics.median(lat) * 1000:.0f} ms, "
                f"p95 {p95 * 1000:.0f} ms; errors {len(self.errors)}; server memory (RSS) "
                f"{self.rss_warm_kb / 1024:.1f} MB after warm-up, {self.rss_end_kb / 1024:.1f} MB at the end; "
                f"its worker processes {self.workers_warm_kb / 1024:.1f} MB after warm-up, "
                f"{self.workers_end_kb / 1024:.1f} MB at the end")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    """`ects serve` from this checkout on 127.0.0.1:port; returns once it answers."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "engine.cli.main", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/rulesets", timeout=2).read()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"ects serve did not start: {proc.stderr.read().decode()[-2000:]}") from None
            time.sleep(0.2)


def rss_kb(pid: int) -> int:
    """Resident memory of a process, from /proc (0 where there is no /proc)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants_rss_kb(pid: int) -> int:
    """Resident memory of every process the server started (its audit workers), from /proc."""
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        children.setdefault(int(fields["PPid"]), []).append(int(fields["Pid"]))
    total, todo = 0, list(children.get(pid, []))
    while todo:
        child = todo.pop()
        total += rss_kb(child)
        todo += children.get(child, [])
    return total


def expected_verdicts(rules: str) -> dict[str, str]:
    day = dt.date.fromisoformat(AS_OF)
    return {p.name: audit(rules, p, as_of=day).verdict for p in EXAMPLES}


def _client(base: str, n: int, offset: int, rules: str, expected: dict[str, str], result: LoadResult) -> None:
    with httpx.Client(base_url=base, timeout=120) as http:
        for i in range(n):
            path = EXAMPLES[(offset + i) % len(EXAMPLES)]
            started = time.perf_counter()
            try:
                r = http.post("/api/audit", data={"rules": rules, "as_of": AS_OF},
                              files=[("files", (path.name, path.read_bytes()))])
            except httpx.HTTPError as e:
                result.errors.append(f"{path.name}: {e}")
                continue
            result.latencies.append(time.perf_counter() - started)
            if r.status_code != 200:
                result.errors.append(f"{path.name}: status {r.status_code}: {r.text[:200]}")
            elif r.json()["verdict"] != expected[path.name]:
                result.errors.append(f"{path.name}: verdict {r.json()['verdict']}, expected {expected[path.name]}")


def run_load(base: str, pid: int, clients: int, audits: int, rules: str = "ects_guide_2015") -> LoadResult:
    """`clients` threads, each posting `audits` audits; a warm-up round first (one audit of each example)."""
    expected = expected_verdicts(rules)
    result = LoadResult()
    _client(base, len(EXAMPLES), 0, rules, expected, LoadResult())
    result.rss_warm_kb = rss_kb(pid)
    result.workers_warm_kb = descendants_rss_kb(pid)
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for f in [pool.submit(_client, base, audits, c, rules, expected, result) for c in range(clients)]:
            f.result()
    result.seconds = time.perf_counter() - started
    result.rss_end_kb = rss_kb(pid)
    result.workers_end_kb = descendants_rss_kb(pid)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--audits", type=int, default=100, help="audits per client")
    ap.add_argument("--rules", default="ects_guide_2015")
    args = ap.parse_args()
    port = free_port()
    proc = start_server(port)
    try:
        result = run_load(f"http://127.0.0.1:{port}", proc.pid, args.clients, args.audits, args.rules)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(result.summary(args.clients))
    for e in result.errors[:10]:
        print(f"error: {e}", file=sys.stderr)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
