"""Long profile of the mutation fuzzing: many mutated inputs of every kind through the library.

Uses the strategies of tests/fuzz_mutations.py (the quick profile runs in the test suite). Every
case must end in "ok" or the project's InputError; anything else is counted as a crash, and the
first few are printed with their traceback and saved under --save. Prints the counts per kind.

    python bench/fuzz.py [--cases 20000] [--kind rules|programme|transfer|elmo|ola|cohort|table|xlsx|web] [--seed N]

Exit code 1 if any case crashed. The parse cache is turned off (ECTS_NO_CACHE) for the run.
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ["ECTS_NO_CACHE"] = "1"

from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings  # noqa: E402

from fuzz_mutations import cases, run_case  # noqa: E402

KINDS = ("rules", "programme", "transfer", "elmo", "ola", "cohort", "table", "xlsx", "web")


def fuzz_kind(kind: str, n: int, workdir: Path, save: Path, counts: collections.Counter, rng_seed: int) -> None:
    """Run `n` mutated cases of one kind, counting outcomes in `counts` (never stopping at a crash)."""

    @hypothesis_seed(rng_seed)
    @settings(max_examples=n, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(cases(kind))
    def one(case):
        seed, text = case
        try:
            counts[(kind, run_case(seed, text, workdir))] += 1
        except Exception as e:  # noqa: BLE001 - a crash is what this counts
            counts[(kind, "CRASH")] += 1
            name = f"{kind}-{counts[(kind, 'CRASH')]}{seed.path.suffix}"
            if counts[(kind, "CRASH")] <= 5:
                save.mkdir(parents=True, exist_ok=True)
                (save / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
                print(f"\nCRASH {kind} from {seed.path.name} (saved as {save / name}): {type(e).__name__}: "
                      f"{str(e)[:200]}", file=sys.stderr)
                traceback.print_exc(limit=-4, file=sys.stderr)

    one()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=20000, help="total cases, shared evenly by the kinds")
    ap.add_argument("--kind", choices=KINDS, action="append", help="only these kinds (repeatable)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same seed, same cases)")
    ap.add_argument("--save", default="fuzz-crashes", help="folder for the inputs that crashed")
    args = ap.parse_args()
    kinds = args.kind or list(KINDS)
    counts: collections.Counter = collections.Counter()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ects-fuzz-") as tmp:
        for kind in kinds:
            t0 = time.perf_counter()
            fuzz_kind(kind, max(1, args.cases // len(kinds)), Path(tmp), Path(args.save), counts, args.seed)
            print(f"{kind:<10} ok {counts[(kind, 'ok')]:>6}  input error {counts[(kind, 'input error')]:>6}  "
                  f"crash {counts[(kind, 'CRASH')]:>4}  ({time.perf_counter() - t0:.0f} s)", flush=True)
    total = sum(counts.values())
    crashes = sum(v for (_, outcome), v in counts.items() if outcome == "CRASH")
    print(f"total {total} cases in {time.perf_counter() - start:.0f} s: "
          f"{sum(v for (_, o), v in counts.items() if o == 'ok')} ok, "
          f"{sum(v for (_, o), v in counts.items() if o == 'input error')} input errors, {crashes} crashes")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
