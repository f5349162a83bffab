"""Benchmark: the engine beside the hand-coded audit, on the same generated programme files, in one run.

    python bench/bench_speed.py [--files 2000] [--rounds 5] [--rules ects_guide_2015] [--dir DIR]
                                [--reference ../shared/bench]

Prints, per core (the process pins itself to one CPU):
- evaluation: each programme's view built and evaluated (findings with language-free messages), in
  rounds that take turns with the hand-coded plain-Python audit of the same rules (`handcoded.py` in the
  reference folder, imported at run time, never copied; skipped with a message when the folder is absent),
  and how far their findings (rule, subject, status) agree on the rules both have;
- the same two audits with each result dropped as soon as it is made (a batch writes and drops each report),
  where the rounds above keep every result of a round (so the garbage collector walks them);
- the engine's audit with each report's findings made at once, while its view lives (`report.findings`
  read, as a batch's renderer reads them): an audit keeps its decisions as rows and makes the Finding
  objects when they are first read;
- the same audit as a GoRules ZEN decision graph (`zen/zen_audit.py` in the reference folder, its
  `engine.evaluate` once per programme) in the same rounds, when the `zen-engine` package is installed
  (`pip install 'ects[bench]'`); a line says it was skipped otherwise;
- loading: `json.loads` alone, and reading + validating + building the view of each file (JSON, and
  the same programmes written as YAML); then each stage of loading a JSON file on its own, in microseconds a
  file (medians of the rounds, each result dropped once made): `json.loads` of the text, the engine's reading
  (the file read within its limits, `json.loads` and the checks of engine.subjects.jsonread), validation
  (pydantic: the programme model and its checks) and building the view; then reading and validation
  together, and the one pass (engine.subjects.jsondirect) that loads a JSON programme file instead, and its
  parts (the file read within its limits, pydantic alone, pydantic with the one pass's checks, the SHA-256);
  and the whole load of a subject (the one pass and the view), each dropped once made as a batch drops it,
  beside the first pass (`load, engine`), which keeps every subject;
- rendering: one JSON report and one text report per programme;
- cold start of `ects check FILE` in a new process, with and without the parse cache (median of 5).
The generated files come from the reference folder's `gen-programmes.py` (240 credits, 8 terms, 4 elective
groups); without it, from this folder's bench_audit.elective_programme. Medians of the rounds are shown.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402
from bench_audit import elective_programme  # noqa: E402
from coldstart import cold_start  # noqa: E402
from engine.api import load_ruleset  # noqa: E402
from engine.errors import SubjectFileError  # noqa: E402
from engine.limits import read_input_bytes  # noqa: E402
from engine.subjects.jsondirect import validated_json  # noqa: E402
from engine.evaluation.evaluator import Evaluator, evaluate  # noqa: E402
from engine.render import render, to_json  # noqa: E402
from engine.subjects.kinds import load_subject  # noqa: E402
from engine.subjects.load import load_model, read_document, validate  # noqa: E402
from engine.subjects.programme.model import Programme  # noqa: E402
from engine.subjects.programme.views import ProgrammeView  # noqa: E402


def reference_module(folder: Path, name: str):
    """A module of the reference folder, imported from there (None when the folder or file is absent)."""
    path = folder / f"{name}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"reference_{name.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def zen_module(folder: Path):
    """The reference ZEN audit (zen/zen_audit.py), or the reason it cannot run (a str)."""
    if not (folder / "zen" / "zen_audit.py").is_file():
        return f"not found in {folder / 'zen'}"
    try:
        return reference_module(folder / "zen", "zen_audit")
    except ImportError as e:  # zen-engine is not installed
        return f"skipped: {e.name or 'zen'} is not installed (pip install 'ects[bench]')"


def zen_version() -> str:
    try:
        return importlib.metadata.version("zen-engine")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def default_reference() -> Path:
    for folder in ROOT.parents:
        if (folder / "shared" / "bench").is_dir():
            return folder / "shared" / "bench"
    return ROOT.parent / "shared" / "bench"


def generate(folder: Path, n: int, reference: Path) -> str:
    gen = reference / "gen-programmes.py"
    if gen.is_file():
        subprocess.run([sys.executable, str(gen), str(folder), str(n)], check=True, stdout=subprocess.DEVNULL)
        return "gen-programmes.py"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"p{i:05d}.json").write_text(json.dumps(elective_programme(i)), encoding="utf-8")
    return "bench_audit.elective_programme"


def per_second(n: int, fn) -> float:
    t0 = time.perf_counter()
    fn()
    return n / (time.perf_counter() - t0)


def streamed(audits) -> None:
    """Run the audits, each result dropped as soon as the next is made (as a batch writes and drops each report)."""
    for _ in audits:
        pass


def findings_read(rs, ev: Evaluator, model):
    """One audit whose findings are made at once, while its view lives (as a batch renders each report)."""
    view = ProgrammeView(model)
    return evaluate(rs, view, evaluator=ev).findings


def load_stages(files: list[Path], rounds: int) -> dict[str, float]:
    """Microseconds a file of each stage of loading a JSON programme (median of `rounds`, results dropped)."""
    texts = [f.read_text(encoding="utf-8") for f in files]
    raw = [f.read_bytes() for f in files]
    documents = [read_document(f) for f in files]
    models = [validate(Programme, data, lines, str(f), "programme") for f, (data, lines, _) in zip(files, documents)]
    stages = {
        "json.loads": lambda: streamed(json.loads(t) for t in texts),
        "reading": lambda: streamed(read_document(f) for f in files),
        "validation": lambda: streamed(validate(Programme, data, lines, str(f), "programme")
                                       for f, (data, lines, _) in zip(files, documents)),
        "view": lambda: streamed(ProgrammeView(m) for m in models),
        # the whole load of a JSON programme file: read then validated, or parsed and validated in one pass
        "read+validated": lambda: streamed(load_model(Programme, f, "programme") for f in files),
        "one pass": lambda: streamed(load_model(Programme, f, "programme", json_direct=True) for f in files),
        # the one pass's parts: the file read within its limits, pydantic alone on the bytes, pydantic with the
        # checks that let the one pass vouch for a file (engine.subjects.jsondirect), the file's SHA-256
        "file read": lambda: streamed(read_input_bytes(f, SubjectFileError) for f in files),
        "pydantic": lambda: streamed(Programme.model_validate_json(b) for b in raw),
        "pydantic+checks": lambda: streamed(validated_json(Programme, b) for b in raw),
        "sha256": lambda: streamed(hashlib.sha256(b).hexdigest() for b in raw),
        # the whole load of a programme subject as a batch does it: the one pass, the view, the Subject
        "whole load": lambda: streamed(load_subject("programme", f) for f in files),
    }
    times: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(rounds):
        for name, stage in stages.items():
            times[name].append(1e6 / per_second(len(files), stage))
    return {name: statistics.median(values) for name, values in times.items()}


def same_findings(ours, theirs) -> tuple[int, int]:
    """(findings compared, disagreeing) between two audits of the reference shape, by rule and subject."""
    compared = differ = 0
    for a, b in zip(ours, theirs):
        statuses = {(f["rule"], f["subject"]): f["status"] for f in b["findings"]}
        for f in a["findings"]:
            status = statuses.get((f["rule"], f["subject"]))
            compared += status is not None
            differ += status is not None and status != f["status"]
    return compared, differ


def agreement(reports, references) -> tuple[int, int]:
    """(findings compared, disagreeing): by rule and subject, on the rules both audits have."""
    compared = differ = 0
    for report, ref in zip(reports, references):
        theirs = {(f["rule"], f["subject"]): f["status"] for f in ref["findings"]}
        for f in report.findings:
            status = theirs.get((f.rule, f.subject_ref.label))
            if status is not None:
                compared += 1
                differ += status != f.status
    return compared, differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--rules", default="ects_guide_2015")
    ap.add_argument("--dir", help="a folder of generated programme files to use (default: generate them)")
    ap.add_argument("--reference", default=str(default_reference()),
                    help="the folder of the reference audits (handcoded.py, gen-programmes.py); "
                         "default: the nearest shared/bench beside the project or a folder above it")
    args = ap.parse_args()
    reference = Path(args.reference)
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    handcoded = reference_module(reference, "handcoded")
    if handcoded is None:
        print(f"hand-coded audit      not found in {reference}: the engine is timed alone")
    zen = zen_module(reference)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.dir) if args.dir else Path(tmp) / "p"
        source = "given" if args.dir else generate(folder, args.files, reference)
        files = sorted(folder.glob("*.json"))[:args.files]
        n = len(files)
        rs = load_ruleset(args.rules)
        ev = Evaluator(rs)

        raw = [f.read_bytes() for f in files]
        json_rate = per_second(n, lambda: [json.loads(b) for b in raw])
        subjects = []
        load_rate = per_second(n, lambda: subjects.extend(load_subject("programme", f) for f in files))
        models = [s.model for s in subjects]
        dicts = [json.loads(b) for b in raw]
        yaml_files = []
        for i, d in enumerate(dicts[:200]):
            yaml_files.append(Path(tmp) / f"y{i:05d}.yaml")
            yaml_files[-1].write_text(yaml.safe_dump(d, sort_keys=False, allow_unicode=True), encoding="utf-8")
        yaml_rate = per_second(len(yaml_files), lambda: [load_subject("programme", f) for f in yaml_files])
        del subjects
        gc.collect()
        stages = load_stages(files, args.rounds)
        gc.freeze()  # as `ects check` does once the rule set is loaded (engine.cli.work): for every contender

        engine_rates, hand_rates, zen_rates = [], [], []
        engine_streamed, hand_streamed, engine_made = [], [], []
        reports = references = None
        for _ in range(args.rounds):
            engine_rates.append(per_second(n, lambda: [evaluate(rs, ProgrammeView(m), evaluator=ev) for m in models]))
            if handcoded is not None:
                hand_rates.append(per_second(n, lambda: [handcoded.audit(d) for d in dicts]))
            if not isinstance(zen, str):
                zen_rates.append(per_second(n, lambda: [zen.audit(d) for d in dicts]))
            engine_streamed.append(per_second(n, lambda: streamed(evaluate(rs, ProgrammeView(m), evaluator=ev)
                                                                  for m in models)))
            if handcoded is not None:
                hand_streamed.append(per_second(n, lambda: streamed(handcoded.audit(d) for d in dicts)))
            engine_made.append(per_second(n, lambda: [findings_read(rs, ev, m) for m in models]))
        reports = [evaluate(rs, ProgrammeView(m), evaluator=ev) for m in models[:200]]
        if handcoded is not None:
            references = [handcoded.audit(d) for d in dicts[:200]]

        # Each format renders reports of its own, made afresh, so that none reads what another has worded.
        def fresh() -> list:
            return [evaluate(rs, ProgrammeView(m), evaluator=ev) for m in models[:100]]
        sample = fresh()
        json_render = per_second(len(sample), lambda: [to_json(r) for r in sample])
        sample = fresh()
        compact_render = per_second(len(sample), lambda: [to_json(r, show="problems") for r in sample])
        sample = fresh()
        text_render = per_second(len(sample), lambda: [render([r], "text") for r in sample])
        cold = cold_start(files[0], args.rules, Path(tmp) / "pycache")

    findings = sum(len(r.findings) for r in reports) / len(reports)
    engine = statistics.median(engine_rates)
    print(f"programmes            {n} ({source}), {findings:.0f} findings each under {args.rules}")
    print(f"evaluation, engine    {engine:,.0f} audits/s per core (view + decided findings, kept as rows; median of "
          f"{args.rounds} rounds)")
    if hand_rates:
        hand = statistics.median(hand_rates)
        compared, differ = agreement(reports, references)
        print(f"evaluation, hand-coded {hand:,.0f} audits/s per core (same files, rounds taken in turn)")
        print(f"engine / hand-coded   {hand / engine:.2f}x the time per audit (target 1.5x)")
        print(f"agreement             {compared:,} findings compared by rule and subject, {differ:,} differ")
        engine_s, hand_s = statistics.median(engine_streamed), statistics.median(hand_streamed)
        print(f"streamed, engine / hand-coded {engine_s:,.0f} / {hand_s:,.0f} audits/s per core, {hand_s / engine_s:.2f}x "
              "(each result dropped once made, as a batch drops each report once written; the rounds above keep "
              "every result of the round)")
        made = statistics.median(engine_made)
        print(f"findings made, engine {made:,.0f} audits/s per core, {hand / made:.2f}x the hand-coded audit's time "
              "(each report's Finding objects made at once, as a renderer reads them; messages still worded when read)")
    if isinstance(zen, str):
        print(f"evaluation, ZEN       {zen}")
    else:
        rate = statistics.median(zen_rates)
        print(f"evaluation, ZEN       {rate:,.0f} audits/s per core (GoRules ZEN `evaluate`, zen-engine "
              f"{zen_version()}; same files, rounds taken in turn)")
        print(f"engine / ZEN          {rate / engine:.2f}x the time per audit")
        if handcoded is not None:
            compared, differ = same_findings([zen.audit(d) for d in dicts[:200]], references)
            print(f"agreement, ZEN        {compared:,} findings compared with the hand-coded audit, {differ:,} differ")
    print(f"load, json.loads      {json_rate:,.0f} files/s")
    print(f"load, engine          {load_rate:,.0f} files/s (read, validate, build the view; the first pass over the "
          "files, every subject kept: the garbage collector walks all those made before)")
    print(f"load, engine, streamed {1e6 / stages['whole load']:,.0f} files/s (the same, each subject dropped once made "
          "as a batch drops it, after the first pass; `whole load` below)")
    print(f"load, engine, YAML    {yaml_rate:,.0f} files/s (the same programmes written as YAML)")
    print("load, by stage        " + " / ".join(f"{name} {us:,.0f}" for name, us in stages.items())
          + " us a file (reading: the file within its limits, json.loads and its checks; validation: pydantic; "
          "read+validated: both, as a YAML file or a JSON file the one pass does not vouch for is loaded; one pass: "
          "a JSON file parsed and validated by pydantic at once, engine.subjects.jsondirect; its parts: the file "
          "read within its limits, pydantic alone on the file's bytes, pydantic with the one pass's checks, the SHA-256; "
          "whole load: the one pass, the view and the subject; each result dropped)")
    print(f"render, JSON report   {json_render:,.0f} reports/s (--show all); compact (--show problems, the "
          f"default) {compact_render:,.0f} reports/s")
    print(f"render, text report   {text_render:,.0f} reports/s")
    print(f"cold start            {cold['cached']:.2f} s for `ects check` on one file with the parse cache, "
          f"{cold['no cache']:.2f} s with ECTS_NO_CACHE=1 ({cold['python']:.2f} s of it a bare Python; median of 5; "
          f"CPU {cold['cached cpu']:.2f} / {cold['no cache cpu']:.2f} s; load average {cold['load']:.1f})")


if __name__ == "__main__":
    main()
