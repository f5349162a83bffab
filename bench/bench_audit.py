"""Benchmark: audits of synthetic programmes (8 terms, about 50 courses) against a rule set.

Prints the one-off parse+compile time, the evaluation rate (programmes per second on one core),
and the rate including loading and validating each programme from YAML.

    python bench/bench_audit.py [--rules ects_guide_2015] [--programmes 2000] [--electives 300]

The last lines time building each programme's view with evaluating it, for the synthetic programmes
and for programmes of 240 credits with 8 elective groups of "choose 2 of 6" whose totals
depend on the choice: requirements the symbolic pass leaves undecided are evaluated per choice.
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from engine.ruleset.compiled import compile_ruleset  # noqa: E402
from engine.evaluation.evaluator import Evaluator, evaluate  # noqa: E402
from engine.subjects.programme.model import Programme  # noqa: E402
from engine.subjects.programme.views import ProgrammeView  # noqa: E402
from engine.ruleset.compose import compose  # noqa: E402
from engine.api import load_programme  # noqa: E402
from engine.render import to_json  # noqa: E402


def synthetic_programme(seed: int) -> dict:
    """A four-year, eight-semester programme: about 44 compulsory courses and 2 elective groups."""
    rnd = random.Random(seed)
    courses, groups = [], []
    for term in range(1, 9):
        credits_left = 30
        n = 0
        if term in (5, 7):
            codes = [f"E{term}{i}" for i in range(4)]
            for code in codes:
                courses.append({"code": code, "title": f"Elective {code}", "term": term, "credits": 5,
                                "hours": {"lectures": 39, "independent": 96, "exams": 3}})
            groups.append({"id": f"g{term}", "term": term, "choose": 2, "courses": codes})
            credits_left -= 10
        while credits_left > 0:
            c = rnd.choice([4, 5, 5, 6])
            if credits_left - c < 4:
                c = credits_left
            credits_left -= c
            n += 1
            per_credit = rnd.choice([25, 27, 28, 30, 31])
            courses.append({"code": f"C{term}{n:02d}", "title": f"Course {term}.{n}", "term": term, "credits": c,
                            "hours": {"lectures": 39, "tutorials": 13, "independent": per_credit * c - 55, "exams": 3}})
    return {"id": f"synthetic-{seed}", "title": f"Synthetic programme {seed}", "cycle": "first", "years": 4,
            "terms_per_year": 2, "courses": courses, "elective_groups": groups}


def elective_programme(seed: int) -> dict:
    """240 credits over 8 semesters, each with 20 compulsory credits and a group 'choose 2 of 6' of
    electives worth 4 to 6 credits, so that every term, year and programme total depends on the choice."""
    rnd = random.Random(seed)
    courses, groups = [], []
    for term in range(1, 9):
        for n, c in enumerate((10, 5, 5)):
            courses.append({"code": f"C{term}{n}", "term": term, "credits": c,
                            "hours": {"lectures": 39, "independent": 25 * c - 42, "exams": 3}})
        codes = [f"E{term}{i}" for i in range(6)]
        for code in codes:
            c = rnd.choice([4, 5, 5, 6])
            courses.append({"code": code, "term": term, "credits": c,
                            "hours": {"lectures": 26, "independent": rnd.choice([25, 28, 30]) * c - 29, "exams": 3}})
        groups.append({"id": f"t{term}-electives", "term": term, "choose": 2, "courses": codes})
    return {"id": f"electives-{seed}", "cycle": "first", "years": 4, "terms_per_year": 2, "courses": courses,
            "elective_groups": groups}


def rate(rs, ev, models) -> float:
    """Audits per second of validated programmes: building each view (its totals) and evaluating it."""
    t0 = time.perf_counter()
    for m in models:
        evaluate(rs, ProgrammeView(m), evaluator=ev)
    return len(models) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", default="ects_guide_2015")
    ap.add_argument("--programmes", type=int, default=2000)
    ap.add_argument("--electives", type=int, default=300, help="programmes with 8 elective groups to audit")
    args = ap.parse_args()

    t0 = time.perf_counter()
    rs = compile_ruleset(compose(args.rules))
    compile_s = time.perf_counter() - t0

    raw = [synthetic_programme(i) for i in range(args.programmes)]
    views = [ProgrammeView(Programme.model_validate(d)) for d in raw]
    n_courses = sum(len(d["courses"]) for d in raw) / len(raw)
    ev = Evaluator(rs)
    evaluate(rs, views[0], evaluator=ev)  # warm-up
    # The views of every synthetic programme are held in memory at once (a real batch loads one at a
    # time); freeze them so the garbage collector does not rescan them on every collection.
    gc.collect()
    gc.freeze()

    t0 = time.perf_counter()
    findings = 0
    for v in views:
        findings += len(evaluate(rs, v, evaluator=ev).findings)
    eval_s = time.perf_counter() - t0

    # Messages and traces are built when a report is rendered: measure that too, on a sample.
    sample = views[:300]
    t0 = time.perf_counter()
    for v in sample:
        to_json(evaluate(rs, v, evaluator=ev))
    render_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for d in raw[:300]:
            p = Path(tmp) / f"{d['id']}.yaml"
            p.write_text(yaml.safe_dump(d, sort_keys=False), encoding="utf-8")
            paths.append(p)
        t0 = time.perf_counter()
        for p in paths:
            view, _ = load_programme(p)
            evaluate(rs, view, evaluator=ev)
        full_s = time.perf_counter() - t0

    print(f"rule set               {args.rules} ({len(rs.rules)} rules, {len(rs.params)} parameters)")
    print(f"parse + compile        {compile_s * 1000:.1f} ms (once)")
    print(f"programmes             {len(views)} synthetic, {n_courses:.0f} courses each, 8 terms")
    print(f"findings per programme {findings / len(views):.0f}")
    print(f"evaluation only        {len(views) / eval_s:,.0f} programmes/s ({eval_s / len(views) * 1e6:.0f} us each)")
    print(f"evaluate + JSON report {len(sample) / render_s:,.0f} programmes/s ({render_s / len(sample) * 1000:.2f} ms each)")
    print(f"load YAML + evaluate   {len(paths) / full_s:,.0f} programmes/s ({full_s / len(paths) * 1000:.2f} ms each)")

    # views derive some totals when a rule first reads them: time building the view with evaluating it
    for label, make in (("no groups", synthetic_programme), ("8 groups of 2 of 6", elective_programme)):
        models = [Programme.model_validate(make(i)) for i in range(args.electives)]
        per_s = rate(rs, ev, models)
        print(f"view + evaluate        {per_s:,.0f} programmes/s ({1e3 / per_s:.2f} ms each), {label}")


if __name__ == "__main__":
    main()
