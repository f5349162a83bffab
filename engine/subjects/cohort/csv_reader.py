"""Reading a CSV cohort file into the same shape as a YAML/JSON cohort, one line at a time (engine/limits.py
bounds its size, groups and counts; engine/subjects/cohort/count_lines.py finds the line of an entry).

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
import itertools
from pathlib import Path
from typing import Any, Iterator

from engine.errors import SubjectFileError, suggestion

from engine.limits import (MAX_COHORT_COUNTS, MAX_COHORT_CSV_BYTES, MAX_COHORT_GROUPS, MAX_GROUP_COUNTS, MAX_LIST_ITEMS,
                           EMPTY, open_input, over_limit)
from engine.semantics.reasons import Count, because
from engine.grades.counts import CountsBuilder, academic_year
from engine.grades.errors import GradeError
from engine.subjects.cohort.count_lines import CountLines

REQUIRED = ("group", "academic_year", "grade", "count")
OPTIONAL = ("field", "cycle", "institution", "title")


def _text_lines(path: str | Path) -> Iterator[str]:
    """The lines of a CSV cohort file, one at a time (their line ends kept, as the csv module wants them),
    within MAX_COHORT_CSV_BYTES; never the whole text at once."""
    name = str(path)
    with io.TextIOWrapper(open_input(path, SubjectFileError, MAX_COHORT_CSV_BYTES), encoding="utf-8-sig",
                          errors="surrogateescape", newline="") as text:
        for n, line in enumerate(text, 1):
            try:
                line.encode("utf-8")
            except UnicodeEncodeError as e:  # a byte that is not UTF-8, kept as a lone surrogate
                byte = ord(line[e.start]) - 0xDC00
                raise SubjectFileError(because("cohort.csv.not_utf8", "not UTF-8 text (byte 0x{byte}, character {at} "
                                               "of the line)", byte=f"{byte:02x}", at=e.start + 1),
                                       path=name, line=n) from None
            yield line


def _header(row: list[str], name: str, line: int = 1, pooled: bool = False) -> list[str]:
    cols = [c.strip().lower() for c in row]
    known = REQUIRED + OPTIONAL
    for c in cols:
        if c not in known:
            raise SubjectFileError(because("cohort.csv.unknown_column", "unknown column '{name}'{hint} (columns: "
                                           "{columns})", name=c, hint=suggestion(c, known), columns=", ".join(known)),
                                   path=name, line=line)
        if cols.count(c) > 1:
            raise SubjectFileError(because("cohort.csv.column_twice", "column '{name}' appears twice", name=c),
                                   path=name, line=line)
    missing = [c for c in REQUIRED if c not in cols and not (pooled and c == "academic_year")]
    if missing:
        raise SubjectFileError(because("cohort.csv.missing_columns", "missing column(s): {columns}",
                                       columns=", ".join(missing)), path=name, line=line)
    return cols


SETTINGS = ("scale", "pass_mark", "passing_only", "years")


def _settings(rows: Iterator[str], name: str, lines: dict[tuple, int]) -> tuple[dict[str, Any], int, str]:
    """The `# key: value` lines at the top of a CSV cohort: the settings, how many lines they take, and the
    line after them (the header; empty at the end of the file)."""
    out: dict[str, Any] = {}
    n = 0
    for row in rows:
        if not row.lstrip().startswith("#"):
            return out, n, row
        body = row.lstrip()[1:].strip()
        key, sep, value = body.partition(":")
        key, value = key.strip().lower(), value.strip()
        n += 1
        if not sep or " " in key:
            continue  # a comment
        if key not in SETTINGS:
            raise SubjectFileError(because("cohort.csv.unknown_setting", "unknown setting '{name}'{hint} (settings: "
                                           "{settings})", name=key, hint=suggestion(key, SETTINGS),
                                           settings=", ".join(SETTINGS)), path=name, line=n)
        if key == "passing_only":
            if value.lower() not in ("true", "false"):
                raise SubjectFileError(because("cohort.csv.passing_only", "passing_only must be true or false, not "
                                               "'{value}'", value=value), path=name, line=n)
            out[key] = value.lower() == "true"
        elif key == "years":
            out[key] = _pooled_years(value, name, n)
        else:
            out[key] = value
        lines[(key,)] = n
    return out, n, ""


def _pooled_years(value: str, name: str, line: int) -> list[str]:
    """`# years: 2019-20, 2020-21, ...`: the academic years a pooled table covers, oldest first."""
    try:
        years = [academic_year(y.strip()) for y in value.replace(";", ",").split(",") if y.strip()]
    except GradeError as e:
        raise SubjectFileError(because("cohort.csv.years_bad", "years: {why}", why=e.reason or str(e)),
                               path=name, line=line) from None
    if not years:
        raise SubjectFileError(because("cohort.csv.years_none", "years: give the academic years the pooled table "
                                       "covers (2019-20, 2020-21)"), path=name, line=line)
    if len(years) > MAX_LIST_ITEMS:
        raise SubjectFileError(over_limit(because("limit.cohort_years", "years: {n} academic years",
                                                  n=Count(len(years))), MAX_LIST_ITEMS), path=name, line=line)
    if len(set(years)) != len(years):
        raise SubjectFileError(because("cohort.csv.year_twice", "years: an academic year is listed twice"),
                               path=name, line=line)
    return sorted(years)


def read_cohort_csv(path: str | Path) -> tuple[dict[str, Any], CountLines]:
    """Parse a CSV cohort, one line at a time; return cohort data ({"groups": [...]}, plus any settings) and a
    map from key paths to lines. Memory holds the counts (one per group, year and grade), not the rows."""
    name = str(path)
    rows = _text_lines(path)
    lines = CountLines(path)
    settings, skipped, first = _settings(rows, name, lines)
    pooled: list[str] | None = settings.pop("years", None)
    if not first.strip():
        raise SubjectFileError(because("cohort.csv.no_header", "the file is empty (expected a header: {header})",
                                       header="group,academic_year,grade,count"), path=name, line=skipped + 1)
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(itertools.chain([first], rows), delimiter=delimiter)
    groups: dict[str, dict[str, Any]] = {}
    builders: dict[str, CountsBuilder] = {}
    positions: dict[str, int] = {}  # group id -> its index in the file (a dict: one look-up per row)
    line, counted = skipped + 1, 0
    try:
        cols = _header(next(reader), name, line, pooled is not None)
        lines.layout = (skipped, delimiter, cols, pooled)
        for cells in reader:
            line = skipped + reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(cols):
                raise SubjectFileError(because("cohort.csv.row_cells", "row has {cells} cells, the header has "
                                               "{columns}", cells=len(cells), columns=len(cols)), path=name, line=line)
            row = {c: v.strip() for c, v in zip(cols, cells)}
            gid = row["group"]
            if not gid:
                raise SubjectFileError(because("cohort.csv.no_group", "the group is missing"), path=name, line=line)
            if gid not in groups:
                if len(groups) == MAX_COHORT_GROUPS:
                    raise SubjectFileError(over_limit(because("limit.cohort_groups", "more than {n} groups",
                                                              n=Count(MAX_COHORT_GROUPS)), MAX_COHORT_GROUPS),
                                           path=name, line=line)
                index = positions[gid] = len(groups)
                groups[gid] = {"id": gid}
                lines.ids.append(gid)
                for key in ((), ("id",), ("counts",)):
                    lines[("groups", index) + key] = line
                builders[gid] = CountsBuilder(_csv_fail(name, gid), lines.first_of(index))
            index = positions[gid]
            _merge_meta(groups[gid], row, lines, index, line, name)
            year = row.get("academic_year", "")
            if pooled is not None:
                if year and academic_year(year) not in pooled:  # a year outside the pooled ones is a mistake
                    raise SubjectFileError(because("cohort.csv.year_not_pooled", "academic year {year} is not among "
                                                   "the pooled years of the `# years:` line ({years})", year=year,
                                                   years=", ".join(pooled)), path=name, line=line)
                year = pooled[-1]  # a pooled table's counts are kept under its last year
            builder = builders[gid]
            builder.add(year, row["grade"], row["count"], line)
            counted += 1
            if counted > MAX_COHORT_COUNTS:
                raise SubjectFileError(over_limit(because("limit.cohort_counts", "more than {n} counts",
                                                          n=Count(MAX_COHORT_COUNTS)), MAX_COHORT_COUNTS),
                                       path=name, line=line)
            if builder.entries > MAX_GROUP_COUNTS:
                raise SubjectFileError(over_limit(because("limit.group_counts", "group '{group}': more than {n} counts "
                                                          "(academic year and grade)", group=gid,
                                                          n=Count(MAX_GROUP_COUNTS)), MAX_GROUP_COUNTS),
                                       path=name, line=line)
    except csv.Error as e:
        raise SubjectFileError(because("input.invalid_csv", "invalid CSV: {why}", why=str(e)), path=name,
                               line=skipped + reader.line_num) from None
    except GradeError as e:
        raise SubjectFileError(e.reason or str(e), path=name, line=line) from None
    except StopIteration:
        raise SubjectFileError(EMPTY, path=name, line=1) from None
    if not groups:
        raise SubjectFileError(because("cohort.csv.no_rows", "the file has a header but no rows"), path=name,
                               line=skipped + 2)
    for gid, group in groups.items():
        group["counts"] = builders[gid].counts
        if pooled is not None:
            group["pooled_years"] = pooled
    return {**settings, "groups": list(groups.values())}, lines


def _csv_fail(name: str, gid: str):
    def fail(message: str, where: int | None = None, first: int | None = None) -> None:
        if first is None:
            raise SubjectFileError(because("cohort.csv.group_problem", "group '{group}': {problem}", group=gid,
                                           problem=message), path=name, line=where)
        raise SubjectFileError(because("cohort.csv.group_problem_first", "group '{group}': {problem} (first on line "
                                       "{first})", group=gid, problem=message, first=first), path=name, line=where)

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
            raise SubjectFileError(because("cohort.csv.value_differs", "group '{group}': {column} '{value}' differs "
                                           "from '{other}' on line {first}", group=group["id"], column=col,
                                           value=value, other=group[col], first=first), path=name, line=line)
