"""Reading a CSV cohort file into the same shape as a YAML/JSON cohort, with a line for every entry.

Columns: group, academic_year, grade, count (required); field, cycle, institution, title (optional,
the same on every row of a group, or blank). Comma or semicolon separated, UTF-8. Lines before the
header that start with `#` may state the file's `scale:`, `pass_mark:`, `passing_only:` (true/false) or
`years:` (a table pooled over those academic years, as EGRACONS publishes them: every group of the file is
one table over them, and the academic_year column may be left out), one `# key: value` a line; other `#`
lines there are comments.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from engine.errors import SubjectFileError, did_you_mean

from engine.limits import MAX_LIST_ITEMS, over_limit, read_input_bytes
from engine.grades.counts import CountsBuilder, academic_year
from engine.grades.errors import GradeError

REQUIRED = ("group", "academic_year", "grade", "count")
OPTIONAL = ("field", "cycle", "institution", "title")


def _read_text(path: str | Path) -> str:
    name = str(path)
    raw = read_input_bytes(path, SubjectFileError)  # at most MAX_FILE_BYTES
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SubjectFileError(f"not UTF-8 text ({e.reason} at byte {e.start})", path=name) from None


def _header(row: list[str], name: str, line: int = 1, pooled: bool = False) -> list[str]:
    cols = [c.strip().lower() for c in row]
    known = REQUIRED + OPTIONAL
    for c in cols:
        if c not in known:
            raise SubjectFileError(
                f"unknown column '{c}'{did_you_mean(c, known)} (columns: {', '.join(known)})", path=name, line=line
            )
        if cols.count(c) > 1:
            raise SubjectFileError(f"column '{c}' appears twice", path=name, line=line)
    missing = [c for c in REQUIRED if c not in cols and not (pooled and c == "academic_year")]
    if missing:
        raise SubjectFileError(f"missing column(s): {', '.join(missing)}", path=name, line=line)
    return cols


SETTINGS = ("scale", "pass_mark", "passing_only", "years")


def _settings(text: str, name: str, lines: dict[tuple, int]) -> tuple[dict[str, Any], int]:
    """The `# key: value` lines at the top of a CSV cohort, and how many lines they take."""
    out: dict[str, Any] = {}
    rows = text.splitlines()
    n = 0
    while n < len(rows) and rows[n].lstrip().startswith("#"):
        body = rows[n].lstrip()[1:].strip()
        key, sep, value = body.partition(":")
        key, value = key.strip().lower(), value.strip()
        n += 1
        if not sep or " " in key:
            continue  # a comment
        if key not in SETTINGS:
            raise SubjectFileError(f"unknown setting '{key}'{did_you_mean(key, SETTINGS)} (settings: {', '.join(SETTINGS)})",
                                   path=name, line=n)
        if key == "passing_only":
            if value.lower() not in ("true", "false"):
                raise SubjectFileError(f"passing_only must be true or false, not '{value}'", path=name, line=n)
            out[key] = value.lower() == "true"
        elif key == "years":
            out[key] = _pooled_years(value, name, n)
        else:
            out[key] = value
        lines[(key,)] = n
    return out, n


def _pooled_years(value: str, name: str, line: int) -> list[str]:
    """`# years: 2019-20, 2020-21, ...`: the academic years a pooled table covers, oldest first."""
    try:
        years = [academic_year(y.strip()) for y in value.replace(";", ",").split(",") if y.strip()]
    except GradeError as e:
        raise SubjectFileError(f"years: {e}", path=name, line=line) from None
    if not years:
        raise SubjectFileError("years: give the academic years the pooled table covers (2019-20, 2020-21)",
                               path=name, line=line)
    if len(years) > MAX_LIST_ITEMS:
        raise SubjectFileError(over_limit(f"years: {len(years):,} academic years", MAX_LIST_ITEMS), path=name, line=line)
    if len(set(years)) != len(years):
        raise SubjectFileError("years: an academic year is listed twice", path=name, line=line)
    return sorted(years)


def read_cohort_csv(path: str | Path) -> tuple[dict[str, Any], dict[tuple, int]]:
    """Parse a CSV cohort; return cohort data ({"groups": [...]}, plus any settings) and a map from key paths to lines."""
    name = str(path)
    lines: dict[tuple, int] = {}
    full = _read_text(path)
    settings, skipped = _settings(full, name, lines)
    pooled: list[str] | None = settings.pop("years", None)
    text = "\n" * skipped + "\n".join(full.splitlines()[skipped:])
    rows = text.splitlines()
    first = rows[skipped] if len(rows) > skipped else ""
    if not first.strip():
        raise SubjectFileError("the file is empty (expected a header: group,academic_year,grade,count)", path=name,
                               line=skipped + 1)
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    groups: dict[str, dict[str, Any]] = {}
    builders: dict[str, CountsBuilder] = {}
    positions: dict[str, int] = {}  # group id -> its index in the file (a dict: one look-up per row)
    try:
        for _ in range(skipped):
            next(reader)
        cols = _header(next(reader), name, skipped + 1, pooled is not None)
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(cols):
                raise SubjectFileError(f"row has {len(cells)} cells, the header has {len(cols)}", path=name, line=line)
            row = {c: v.strip() for c, v in zip(cols, cells)}
            gid = row["group"]
            if not gid:
                raise SubjectFileError("the group is missing", path=name, line=line)
            if gid not in groups:
                index = positions[gid] = len(groups)
                groups[gid] = {"id": gid}
                for key in ((), ("id",), ("counts",)):
                    lines[("groups", index) + key] = line
                builders[gid] = CountsBuilder(_csv_fail(name, gid))
            index = positions[gid]
            _merge_meta(groups[gid], row, lines, index, line, name)
            year = row.get("academic_year", "")
            if pooled is not None:
                if year and academic_year(year) not in pooled:  # a year outside the pooled ones is a mistake
                    raise SubjectFileError(f"academic year {year} is not among the pooled years of the `# years:` "
                                           f"line ({', '.join(pooled)})", path=name, line=line)
                year = pooled[-1]  # a pooled table's counts are kept under its last year
            y, g = builders[gid].add(year, row["grade"], row["count"], line)
            lines.setdefault(("groups", index, "counts", y), line)
            lines[("groups", index, "counts", y, g)] = line
    except csv.Error as e:
        raise SubjectFileError(f"invalid CSV: {e}", path=name, line=reader.line_num) from None
    except StopIteration:
        raise SubjectFileError("the file is empty", path=name, line=1) from None
    if not groups:
        raise SubjectFileError("the file has a header but no rows", path=name, line=skipped + 2)
    for gid, group in groups.items():
        group["counts"] = builders[gid].counts
        if pooled is not None:
            group["pooled_years"] = pooled
    return {**settings, "groups": list(groups.values())}, lines


def _csv_fail(name: str, gid: str):
    def fail(message: str, where: int | None = None, first: int | None = None) -> None:
        also = f" (first on line {first})" if first is not None else ""
        raise SubjectFileError(f"group '{gid}': {message}{also}", path=name, line=where)

    return fail


def _merge_meta(group: dict[str, Any], row: dict[str, str], lines: dict, index: int, line: int, name: str) -> None:
    """Copy the optional group columns; a group's value must be the same on every row that gives one."""
    for col in OPTIONAL:
        value = row.get(col, "")
        if not value:
            continue
        if col not in group:
            group[col] = value
            lines[("groups", index, col)] = line
        elif group[col] != value:
            first = lines[("groups", index, col)]
            raise SubjectFileError(
                f"group '{group['id']}': {col} '{value}' differs from '{group[col]}' on line {first}",
                path=name,
                line=line,
            )
