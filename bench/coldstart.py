"""Cold start of `ects check FILE`: a new process each time, as a user runs it (imported by bench_speed.py and
bench_batch.py)."""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold_start(file: Path, rules: str, pycache: Path) -> dict[str, float]:
    """Median seconds of `ects check FILE` in a new process: with the rule set's parse cache as a user has it
    after the first run ("cached"), with ECTS_NO_CACHE=1 ("no cache"), and of a bare `python -c pass`; each
    also as CPU time (user + system, "cached cpu"...), which other work on a shared machine disturbs less
    than the time on the clock, and the load average before the runs ("load").
    Bytecode is cached (in `pycache`, after one warm-up run) as it is for an installed package, even when
    PYTHONDONTWRITEBYTECODE is set in this environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ECTS_NO_CACHE")}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    check = [sys.executable, "-m", "engine.cli.main", "check", str(file), "--rules", rules]

    def median_run(args, extra_env=None) -> tuple[float, float]:
        times, cpu = [], []
        for i in range(6):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                           env={**env, **(extra_env or {})})
            t1 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i:  # the first run writes the bytecode (and the parse cache)
                times.append(t1 - t0)
                cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        return statistics.median(times), statistics.median(cpu)
    load = os.getloadavg()[0]
    out: dict[str, float] = {"load": load}
    for name, args, extra in (("cached", check, None), ("no cache", check, {"ECTS_NO_CACHE": "1"}),
                              ("python", [sys.executable, "-c", "pass"], None)):
        out[name], out[f"{name} cpu"] = median_run(args, extra)
    return out
