"""Cold start of `ects check FILE`: a new process each time, as a user runs it (imported by bench_speed.py and
bench_batch.py)."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold_start(file: Path, rules: str, pycache: Path) -> dict[str, float]:
    """Median seconds of `ects check FILE` in a new process: with the rule set's parse cache as a user has it
    after the first run ("cached"), with ECTS_NO_CACHE=1 ("no cache"), and of a bare `python -c pass`.
    Bytecode is cached (in `pycache`, after one warm-up run) as it is for an installed package, even when
    PYTHONDONTWRITEBYTECODE is set in this environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ECTS_NO_CACHE")}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    check = [sys.executable, "-m", "engine.cli.main", "check", str(file), "--rules", rules]

    def median_run(args, extra_env=None) -> float:
        times = []
        for i in range(6):
            t0 = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                           env={**env, **(extra_env or {})})
            if i:  # the first run writes the bytecode (and the parse cache)
                times.append(time.perf_counter() - t0)
        return statistics.median(times)
    return {"cached": median_run(check), "no cache": median_run(check, {"ECTS_NO_CACHE": "1"}),
            "python": median_run([sys.executable, "-c", "pass"])}
