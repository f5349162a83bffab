"""A bounded load test of `ects serve` over loopback (bench/bench_serve.py): a few hundred audits from several
concurrent clients, every answer checked against the engine's own verdict, the memory of the server and of its
worker processes flat."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_serve.py"
CLIENTS, AUDITS = 4, 60
RSS_GROWTH_KB = 40 * 1024  # "flat": a leak of even 0.2 MB an audit would pass this after 240 audits


def _bench():
    spec = importlib.util.spec_from_file_location("bench_serve", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_hundreds_of_concurrent_audits_all_answered_rightly_with_flat_memory():
    bench = _bench()
    port = bench.free_port()
    proc = bench.start_server(port)
    try:
        result = bench.run_load(f"http://127.0.0.1:{port}", proc.pid, CLIENTS, AUDITS)
        assert proc.poll() is None, "the server stopped"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(result.summary(CLIENTS))
    assert result.errors == []
    assert result.audits == CLIENTS * AUDITS
    if result.rss_warm_kb == 0:
        pytest.skip("no /proc to read the server's memory from")
    assert result.rss_end_kb - result.rss_warm_kb < RSS_GROWTH_KB
    assert result.workers_warm_kb > 0  # the audits ran in worker processes, whose memory stays flat too
    assert result.workers_end_kb - result.workers_warm_kb < RSS_GROWTH_KB
