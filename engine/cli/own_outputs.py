"""The files ects itself writes, told by their content (never by their name), so that a folder of inputs that
holds the reports of an earlier run is audited without them: `ects check progs/ --matrix progs/matrix.xlsx`,
`-o progs/report.json` or `-o progs/out/`, then `ects check progs/`.

- A JSON report, a batch of them (an array), a line of a jsonl report, a folder's `index.json`: JSON whose
  first object has the report's required fields (`ects schema report`: subject, ruleset, verdict, findings...),
  or is the index (`reports` and `batch_summary`), or a jsonl line of its own (`not_audited`, `batch_summary`).
- A `--matrix` workbook (.xlsx): the mark its document properties carry (engine.workbook_bytes.OUTPUT_MARK).
- A `--matrix` CSV file: its header, in any report language (subject, verdict, then rule ids).
- A JUnit report (.xml): its root, `<testsuites name="ects" ...>`.

Only a file whose start shows one of these shapes is read further, so inputs cost one short read each.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
import zipfile
from pathlib import Path
from typing import Sequence

from engine.limits import MAX_FILE_BYTES, STDIN, display_name
from engine.render.i18n import Labels, available_languages
from engine.render.report_schema import report_schema
from engine.render.wording import wording
from engine.subjects.kinds import name_suffix
from engine.subjects.name_list import NameList
from engine.workbook_bytes import is_marked_output

_HEAD_BYTES = 4096  # what is read of every input to tell whether it may be one of ects's outputs
_FIRST_KEY = re.compile(r'\s*(?:\[\s*)?\{\s*"([A-Za-z_]+)"\s*:')
_JUNIT = re.compile(r'\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<testsuites\s+name="ects"[\s>]', re.S)
_RULE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INDEX = frozenset({"reports", "batch_summary"})
_OWN_LINES = (frozenset({"not_audited"}), frozenset({"batch_summary"}))  # the jsonl lines besides the reports
_REPORT = report_schema()["$defs"]["report"]
REPORT_REQUIRED = frozenset(_REPORT["required"])  # subject, ruleset, verdict, findings...
# a first key that may begin one: any field of a report (its keys sorted, `documents` or `extra` come first)
_FIRST_KEYS = frozenset(_REPORT["properties"]) | _INDEX | frozenset().union(*_OWN_LINES)


def written_by_ects(path: str | Path) -> bool:
    """Whether the file is one ects writes as output (a report, an index, a matrix), told by its content; a
    file that cannot be read here (missing, not a regular file) is not: reading it as an input names why."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES)
            suffix = name_suffix(os.path.basename(path))
            if suffix == ".xlsx":
                return head.startswith(b"PK") and is_marked_output(path)
            text = head.decode("utf-8-sig", errors="replace")
            if suffix == ".csv":
                return _is_matrix_header(text)
            if suffix == ".xml":
                return _JUNIT.match(text) is not None
            first = _FIRST_KEY.match(text)
            if first is None or first.group(1) not in _FIRST_KEYS:
                return False
            head += fh.read(MAX_FILE_BYTES)
    except (OSError, ValueError, zipfile.BadZipFile):
        return False
    return _is_report_data(head.decode("utf-8-sig", errors="replace"))


def not_own_outputs(files: Sequence, kind_name: str, lang: str) -> Sequence:
    """The files that are not outputs of ects (`written_by_ects`): an output is left out with a note naming it
    on standard error, in the language `lang`, and counts neither as audited nor as not readable. Files none
    of which is an output are given back as they are (a listing stays as compact as it was)."""
    own = set()
    for i, f in enumerate(files):
        if str(f) != STDIN and written_by_ects(f):
            print(wording(lang).t(f"cli.own_output.{kind_name}", path=display_name(f)), file=sys.stderr)
            own.add(i)
    if not own:
        return files
    kept = NameList() if isinstance(files, NameList) else []
    for i, f in enumerate(files):
        if i not in own:
            kept.append(f)
    return kept


def _is_report_data(text: str) -> bool:
    """Whether the first object of the JSON text (the report, the first of an array, a jsonl line, the
    index) has the shape of a report of ects."""
    start = text.index("{")
    try:
        first, _ = json.JSONDecoder().raw_decode(text, start)
    except (json.JSONDecodeError, RecursionError):
        return False
    if not isinstance(first, dict):
        return False
    keys = frozenset(first)
    return REPORT_REQUIRED <= keys or _INDEX <= keys or (not text[:start].strip() and keys in _OWN_LINES)


def _is_matrix_header(text: str) -> bool:
    """Whether the first line of a CSV text is the header of a --matrix file in any report language (subject,
    verdict, file, then rule ids; or, as written before the file column, subject, verdict, then rule ids)."""
    line = text.splitlines()[0] if text else ""
    cells = next(csv.reader(io.StringIO(line)), [])
    for labels in map(Labels, available_languages()):
        if cells[:2] == [labels("batch.matrix.subject"), labels("batch.matrix.verdict")]:
            rules = cells[3:] if cells[2:3] == [labels("batch.matrix.file")] else cells[2:]
            return all(_RULE_ID.match(c) for c in rules)
    return False


__all__ = ["written_by_ects", "not_own_outputs", "REPORT_REQUIRED"]
