"""Batch HTML output: one report file per subject and an index.html, sorted worst verdict first."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..errors import UsageError
from engine.evaluation.findings import VERDICTS, Report
from engine.output import guard_inputs, write_atomic
from .templated import finding_counts, render_template, render_templated
from .wording import wording

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(subject_id: str, taken: set[str]) -> str:
    """A file name for a subject id: letters, digits, '.', '_', '-' only, no leading dot, unique."""
    base = _UNSAFE.sub("_", subject_id).strip("._-")[:80] or "report"
    name, n = f"{base}.html", 1
    while name.lower() in taken or name.lower() == "index.html":
        n += 1
        name = f"{base}-{n}.html"
    taken.add(name.lower())
    return name


def index_rows(reports: Sequence[Report], names: Sequence[str], lang: str = "en") -> list[dict]:
    """One row per report for the index: verdict order (non_compliant first), then subject id; the rule
    set's title and the date in `lang`."""
    rank = {v: i for i, v in enumerate(VERDICTS)}
    words = wording(lang)
    rows = [{
        "id": r.subject_id, "title": words.subject_title(r.subject_title), "verdict": r.verdict, "href": name,
        **finding_counts(r),
        "ruleset": words.text(r.ruleset_titles, r.ruleset_title) if r.ruleset_titles else r.ruleset_title,
        "as_of": words.date(r.as_of) if r.as_of else r.as_of,
    } for r, name in zip(reports, names)]
    return sorted(rows, key=lambda x: (rank.get(x["verdict"], 9), x["id"], x["href"]))


def write_batch(reports: Sequence[Report], output: str | Path, lang: str = "en", *, inputs: Sequence = (),
                not_audited: Sequence[tuple[str, str]] = ()) -> list[Path]:
    """Write one HTML report per subject and index.html into the folder `output` (created if
    missing), each file atomically, never over an input file; return the paths written."""
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise UsageError("several reports need a folder for -o, not a file", path=str(out))
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    names = [safe_name(r.subject_id, taken) for r in reports]
    targets = [out / n for n in names] + [out / "index.html"]
    for t in targets:
        guard_inputs(t, inputs)
    for r, t in zip(reports, targets):
        write_atomic(t, render_templated([r], "html", lang))
    index = render_template("html/index.html.j2", "html", lang, rows=index_rows(reports, names, lang),
                            not_audited=list(not_audited))
    write_atomic(targets[-1], index)
    return targets
