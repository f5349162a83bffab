"""A folder of reports: one report file per subject and its index (index.html, index.json: verdicts worst first,
then the batch summary), as `ects check -o FOLDER/` writes it and `write_batch` writes reports made at once."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..errors import UsageError
from ..semantics.reasons import because
from engine.evaluation.findings import VERDICTS, Report
from engine.output import OutputGuard, write_atomic
from engine.spooled import SpooledList, sorted_spooled
from engine.subjects.name_list import NameSet
from .file_names import name_key, safe_name
from .summary import BatchSummary, SubjectOutcome
from .templated import batch_context, render_templated, template_pieces
from .wording import wording

INDEX_FILES = ("index.html", "index.json")


def index_rows(outcomes: Iterable[SubjectOutcome], names: Iterable[str], lang: str = "en") -> list[dict]:
    """One row per subject for the index (index.json's `reports`): verdict order (non_compliant first), then
    subject id, then file name; the rule set's title in `lang`."""
    return list(sorted_index_rows(outcomes, names, lang))


def sorted_index_rows(outcomes: Iterable[SubjectOutcome], names: Iterable[str], lang: str = "en") -> Iterator[dict]:
    """`index_rows`, each made as it is taken, with a bounded number of them in memory (engine.spooled)."""
    rank = {v: i for i, v in enumerate(VERDICTS)}
    words = wording(lang)
    rows = ({"id": o.subject_id, "title": o.title, "input": o.input_path, "verdict": o.verdict, "href": name, **o.counts,
             "ruleset": words.text(o.ruleset_titles, o.ruleset), "as_of": o.as_of}
            for o, name in zip(outcomes, names))
    return sorted_spooled(rows, key=lambda x: (rank.get(x["verdict"], 9), x["id"], x["href"]))


class _IndexRows:
    """The index's rows as its page shows them (the title and date in its language), read from disk each time
    they are gone through: what the template of index.html reads (its length, its first row, each row)."""

    def __init__(self, rows: SpooledList[dict], lang: str):
        self.rows, self.words = rows, wording(lang)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict:
        if index != 0 or not self.rows:
            raise IndexError(index)
        return next(iter(self))

    def __iter__(self) -> Iterator[dict]:
        w = self.words  # a title the engine made (an OLA's, a cohort's) and the date in the page's language
        return (dict(r, title=w.subject_title(r["title"]), as_of=w.date(r["as_of"]) if r["as_of"] else r["as_of"])
                for r in self.rows)


def _index_json(rows: Iterable[dict], summary: BatchSummary) -> Iterator[str]:
    """index.json a piece at a time, the bytes json.dumps(..., ensure_ascii=False, indent=2) gives at once."""
    head = '{\n  "reports": ['
    for i, row in enumerate(rows):
        yield head if i else head + "\n"
        head = ",\n"
        yield "    " + json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    yield ('{\n  "reports": [],' if head.startswith("{") else "\n  ],") + '\n  "batch_summary": '
    yield json.dumps(summary.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n"


class ReportFolder:
    """The folder `output` (created if missing) that receives one report file per subject, then the index."""

    def __init__(self, output: str | Path, lang: str = "en"):
        self.out, self.lang = Path(output), lang
        if self.out.exists() and not self.out.is_dir():
            raise UsageError(because("cli.several_need_folder", "several reports need a folder for -o, not a file"),
                             path=str(self.out))
        self.out.mkdir(parents=True, exist_ok=True)
        self.taken = NameSet(["index.json"])
        self.names: SpooledList[str] = SpooledList()  # on disk: a batch may have tens of thousands
        self.guard = OutputGuard()  # the inputs, each resolved once for every page (engine.output)

    def page(self, subject_id: str, suffix: str = ".html") -> Path:
        """The path of the next subject's report: named from its id (with `suffix`), unique in the folder."""
        name = safe_name(subject_id, self.taken)[: -len(".html")] + suffix
        self.taken.add(name_key(name))
        self.names.append(name)
        return self.out / name

    def write_index(self, summary: BatchSummary, inputs: Iterable = ()) -> list[Path]:
        """index.html and index.json, each atomically and never over an input: the subjects of `summary` (its
        outcomes, in the order of the pages), worst verdict first, then the summary. Return their paths."""
        targets = [self.out / name for name in INDEX_FILES]
        for target in targets:
            self.guard.check(target, inputs)
        rows: SpooledList[dict] = SpooledList()
        try:
            for row in sorted_index_rows(summary.outcomes, self.names, self.lang):
                rows.append(row)
            write_atomic(targets[0], template_pieces("html/index.html.j2", "html", self.lang,
                                                     rows=_IndexRows(rows, self.lang), verdicts=summary.verdicts,
                                                     not_audited=list(summary.not_audited), **batch_context(summary)))
            write_atomic(targets[1], _index_json(rows, summary))
        finally:
            rows.close()
        return targets


def write_batch(reports: Sequence[Report], output: str | Path, lang: str = "en", *, inputs: Sequence = (),
                not_audited: Sequence[tuple[str, str]] = ()) -> list[Path]:
    """Write one HTML report per subject, then index.html and index.json with the batch summary (the folder
    `ects check --format html -o FOLDER/` writes for the same files), into the folder `output` (created if
    missing), each file atomically, never over an input file; return the paths written.
    `not_audited` (location, error) names the files that could not be read."""
    folder = ReportFolder(output, lang)
    pages = [folder.page(r.subject_id) for r in reports]
    folder.guard.add(inputs)
    for target in [*pages, *(folder.out / name for name in INDEX_FILES)]:
        folder.guard.check(target)  # refused before anything is written
    for r, target in zip(reports, pages):
        write_atomic(target, render_templated([r], "html", lang))
    return pages + folder.write_index(BatchSummary.of(reports, not_audited), inputs)
