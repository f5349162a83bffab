"""Benchmark: whole batches through the command line, as a ministry would run them.

Generates programme files (JSON, 4 years of 8 semesters, 6 courses a semester, an elective group
"choose 1 of 3" in each later semester), then times `ects check FOLDER --format jsonl -o FILE` end to end
(start-up, reading, auditing, rendering, writing) and measures the peak resident memory of the command.
With `--kind cohort` it generates cohort files instead (JSON, 4 reference groups of 2 or 3 academic years on the
Greek 0-10 scale in half points) and times `ects grades check FOLDER` the same way (default rule set
greek_law_4009); with `--kind transfer`, transfer files (the five example transfers of `examples/transfers/`
in turn, each written as JSON under an id of its own) through `ects transfer FOLDER` (default greek_law_4009):

- audits/s for `--files` files with `--jobs 1` and `--jobs 2`;
- audits/s on a local Dask cluster of 1 and 2 worker processes (`--dask`; skipped without `distributed`);
- peak memory at each count of `--memory-counts` (default 2,000 and 20,000), in text and jsonl, with
  `--jobs 1` and `--jobs 2` (`--memory-jobs`; the command's own process: the process that reads the results
  back in order and writes them, not its workers);
- the cold start of `ects check FILE` on one file (bench/coldstart.py: with and without the parse cache).

    python bench/bench_batch.py [--kind programme|cohort|transfer] [--files 2000] [--memory-counts 2000,20000]
                                [--rules SET] [--generator SCRIPT]   # SCRIPT FOLDER N writes N files instead

Each figure is one run (the machine's load varies: run it twice). The memory is that of the command's
own process, which reports its own high-water mark as it ends (VmHWM: the rusage of a child would also count
this benchmark's own memory at the fork); with `--jobs 2` its worker processes are not counted (each is a
copy of it auditing a few files at a time). Bytecode is cached in a temporary folder as for an
installed package (even when PYTHONDONTWRITEBYTECODE is set here), so each run does not recompile the engine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
os.environ["PYTHONPATH"] = str(ROOT)  # this checkout, for the command and for Dask's scheduler and workers
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from coldstart import cold_start  # noqa: E402


def generate(folder: Path, n: int, seed: int = 7) -> None:
    """n programme files in `folder` (the project's programme format)."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        courses, groups = [], []
        for term in range(1, 9):
            for j in range(6 if term < 5 else 5):
                credits = 5
                hours = credits * rnd.choice([25, 26, 28, 30, 31])
                courses.append({"code": f"C{term}{j}", "title": f"Course {term}.{j}", "term": term, "credits": credits,
                                "hours": {"lectures": 39, "tutorials": 13, "independent": hours - 55, "exams": 3}})
            if term >= 5:
                codes = [f"E{term}{k}" for k in range(3)]
                courses += [{"code": c, "title": f"Elective {c}", "term": term, "credits": 5,
                             "hours": {"lectures": 26, "tutorials": 13, "independent": 84, "exams": 2}} for c in codes]
                groups.append({"id": f"t{term}", "term": term, "choose": 1, "courses": codes})
        programme = {"id": f"synthetic-{i}", "title": f"Synthetic programme {i}", "institution": "Synthetic University",
                     "cycle": "first", "years": 4, "terms_per_year": 2, "courses": courses, "elective_groups": groups}
        (folder / f"p{i:05d}.json").write_text(json.dumps(programme), encoding="utf-8")


GREEK_GRADES = [g / 2 for g in range(21)]  # the gr-0-10 scale: 0 to 10 in half points, pass mark 5


def generate_cohorts(folder: Path, n: int, seed: int = 7) -> None:
    """n cohort files in `folder` (the project's cohort format): 4 reference groups each, 3 academic years (2
    for one group in four), a count for every grade of the scale; some groups are small (the Greek rule of
    100 examined students or 3 years then fails for those of 2 years)."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        groups = []
        for g in range(4):
            size = rnd.choice([2, 6, 10, 14, 20])  # students per grade and year, roughly
            years = ("2021-22", "2022-23", "2023-24")[rnd.choice([0, 0, 0, 1]):]
            counts = {year: {f"{grade:g}": rnd.randint(0, size) for grade in GREEK_GRADES} for year in years}
            groups.append({"id": f"inst{i:05d}-prog{g}", "title": f"Programme {g} of institution {i}", "field": "0613",
                           "cycle": "first", "institution": f"Synthetic University {i}", "counts": counts})
        cohort = {"scale": "gr-0-10", "groups": groups}
        (folder / f"c{i:05d}.json").write_text(json.dumps(cohort), encoding="utf-8")


def generate_transfers(folder: Path, n: int) -> None:
    """n transfer files in `folder`: the example transfers in turn, each as JSON with an id of its own (the
    examples' dates stay the text they are in the files, as the engine reads them)."""
    examples = sorted((ROOT / "examples" / "transfers").glob("*.yaml"))
    texts = [example.read_text(encoding="utf-8") for example in examples]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        transfer = yaml.load(texts[i % len(texts)], Loader=_DatesAsText)
        transfer["id"] = f"{transfer['id']}-{i:05d}"
        (folder / f"t{i:05d}.json").write_text(json.dumps(transfer), encoding="utf-8")


class _DatesAsText(yaml.SafeLoader):
    """YAML as the engine reads subject files: a date stays the text it is written as."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


KINDS = {  # --kind: (the command that audits a folder, the generator, the default rule set)
    "programme": (["check"], generate, "ects_guide_2015"),
    "cohort": (["grades", "check"], generate_cohorts, "greek_law_4009"),
    "transfer": (["transfer"], generate_transfers, "greek_law_4009"),
}


def make_files(base: Path, n: int, generator: str | None, kind: str = "programme") -> Path:
    folder = base / f"{kind[0]}{n}"
    if not folder.exists():
        if generator:
            subprocess.run([sys.executable, generator, str(folder), str(n)], check=True)
        else:
            KINDS[kind][1](folder, n)
    return folder


# Runs `ects` and, as it ends, writes the peak resident memory of its own process (VmHWM of /proc/self/status)
# to the file named by the first argument. (The rusage of a child counts the memory of the process it was
# forked from before its exec, here this benchmark's, Dask and all: so the child reports its own.)
_LAUNCH = """import atexit, re, runpy, sys
def peak(path=sys.argv.pop(1)):
    with open('/proc/self/status') as status:
        kb = int(re.search(r'VmHWM:\\s+(\\d+)', status.read()).group(1))
    with open(path, 'w') as out:
        out.write(str(kb))
atexit.register(peak)
sys.argv[0] = 'ects'
runpy.run_module('engine.cli.main', run_name='__main__')
"""


def run_cli(args: list[str]) -> tuple[float, int, int]:
    """Run `ects` (this checkout) with args; return (seconds, peak RSS in MB of the process, exit code)."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "peak"
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCH, str(report), *args], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, _ = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        peak = int(report.read_text()) // 1024 if report.exists() else 0
    return seconds, peak, os.waitstatus_to_exitcode(status)


def check_args(folder: Path, out: Path, rules: str, fmt: str = "jsonl", kind: str = "programme") -> list[str]:
    return [*KINDS[kind][0], str(folder), "--rules", rules, "--as-of", "2024-01-01", "--format", fmt, "-o", str(out),
            "-q"]


def dask_rates(folder: Path, out: Path, rules: str, n: int, kind: str) -> list[tuple[str, float]]:
    try:
        from distributed import LocalCluster
    except ImportError:
        print("dask: not installed (pip install 'ects[dask]'), skipped")
        return []
    rows = []
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                          silence_logs=40) as cluster:
            seconds, _, code = run_cli([*check_args(folder, out, rules, kind=kind), "--dask", cluster.scheduler_address])
            if code not in (0, 1):
                raise SystemExit(f"the Dask run failed (exit code {code})")
            rows.append((f"dask, {workers} worker{'s' if workers > 1 else ''}", n / seconds))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--memory-counts", default="2000,20000", help="comma-separated file counts (e.g. 200,2000)")
    ap.add_argument("--kind", choices=sorted(KINDS), default="programme",
                    help="programme: `ects check`; cohort: `ects grades check`; transfer: `ects transfer` (no cold start for "
                         "these two)")
    ap.add_argument("--rules", help="default: ects_guide_2015 for programmes, greek_law_4009 for cohorts and transfers")
    ap.add_argument("--generator", help="a script `SCRIPT FOLDER N` that writes N files of the kind")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-rates", action="store_true", help="measure memory only")
    ap.add_argument("--memory-formats", default="jsonl,text")
    ap.add_argument("--memory-jobs", default="1,2", help="comma-separated --jobs values whose peak memory is "
                    "measured (the command's own process; with 2, its workers are not counted)")
    a = ap.parse_args()
    kind = a.kind
    a.rules = a.rules or KINDS[kind][2]
    command = " ".join(KINDS[kind][0])
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        out = base / "out.jsonl"
        print(f"{kind} files, rule set {a.rules}, cores {len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.1f}")
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(base / "pycache")
        if kind == "programme":
            cold = cold_start(min(make_files(base, 1, a.generator).glob("*.json")), a.rules, base / "pycache")
            print(f"cold start of `ects check` on one file: {cold['cached']:.2f} s with the parse cache, "
                  f"{cold['no cache']:.2f} s with ECTS_NO_CACHE=1 (a bare Python: {cold['python']:.2f} s; median of 5; "
                  f"CPU {cold['cached cpu']:.2f} / {cold['no cache cpu']:.2f} s; load average {cold['load']:.1f})")
        rows = []
        for jobs in (() if a.no_rates else (1, 2)):
            folder = make_files(base, a.files, a.generator, kind)
            seconds, _, code = run_cli([*check_args(folder, out, a.rules, kind=kind), "--jobs", str(jobs)])
            if code not in (0, 1):
                raise SystemExit(f"the run failed (exit code {code})")
            rows.append((f"--jobs {jobs}", a.files / seconds))
        if not (a.no_dask or a.no_rates):
            rows += dask_rates(make_files(base, a.files, a.generator, kind), out, a.rules, a.files, kind)
        if rows:
            print(f"{f'{a.files} files end to end (ects {command} --format jsonl -o FILE)':<56} audits/s")
        for name, rate in rows:
            print(f"  {name:<54} {rate:8.1f}")
        formats = a.memory_formats.split(",")
        columns = [(fmt, jobs) for jobs in a.memory_jobs.split(",") for fmt in formats]
        print(f"{'peak memory':<40}" + "".join(f"{f'{fmt} -j{jobs} MB':>16}{'s':>6}" for fmt, jobs in columns))
        for n in (int(x) for x in a.memory_counts.split(",")):
            folder = make_files(base, n, a.generator, kind)
            runs = [run_cli([*check_args(folder, base / f"out.{fmt}", a.rules, fmt, kind), "--jobs", jobs])
                    for fmt, jobs in columns]
            print(f"  {n:>6} files{'':<27}" + "".join(f"{mb:16d}{seconds:6.0f}" for seconds, mb, _ in runs))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
