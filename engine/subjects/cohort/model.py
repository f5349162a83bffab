"""Cohort files: reference groups of students and their counts per academic year per local grade.

A cohort file is CSV (one row per group, year and grade) or YAML/JSON (see docs/grades.md).
`load_cohort(path, scale=None)` reads either; every problem is a SubjectFileError naming file and line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from engine.errors import SubjectFileError, suggestion
from engine.limits import STDIN, display_name
from engine.semantics.reasons import because
from engine.subjects.jsonread import LinesOnDemand
from engine.subjects.load import line_of, read_document, validate
from engine.subjects.cohort.csv_reader import read_cohort_csv
from engine.grades.counts import Counts, academic_year, build_counts
from engine.grades.errors import GradeError
from engine.grades.presets import get_scale
from engine.grades.scale import Grade, GradingScale, format_grade, to_grade

Cycle = Literal["short", "first", "second", "third"]


def _fail_value_error(message: str, where: Any = None, first: Any = None) -> None:
    raise ValueError(message)


class ReferenceGroup(BaseModel):
    """A reference group (Guide 2015 §4.3 step 1): one field of study (ISCED-F) and cycle at one institution."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(min_length=1)
    field: Optional[str] = Field(default=None, description="ISCED-F 2013 code, 2-4 digits, e.g. '0613'")
    cycle: Optional[Cycle] = None
    institution: Optional[str] = None
    title: Optional[str] = None
    counts: dict[str, dict[Grade, int]] = Field(description="academic year -> local grade -> number of grades")
    pooled_years: Optional[list[str]] = Field(default=None, description=(
        "the academic years a table published as one (pooled) covers; its counts are kept under the last year"))

    @field_validator("field", mode="before")
    @classmethod
    def _isced(cls, v: Any) -> Any:
        if isinstance(v, int) and not isinstance(v, bool):
            raise ValueError(because("input.isced_bare_number", 'write the ISCED-F code in quotes, e.g. "0613": a '
                                     "bare number loses its leading zeros"))
        if isinstance(v, str) and not (v.isdigit() and 2 <= len(v) <= 4):
            raise ValueError(because("input.isced_bad", "'{value}' is not an ISCED-F code (2 to 4 digits, e.g. '0613')",
                                     value=v))
        return v

    @field_validator("counts", mode="before")
    @classmethod
    def _counts(cls, v: Any) -> Any:
        return v if isinstance(v, Counts) else build_counts(v, _fail_value_error)  # Counts: read and checked already

    @property
    def years(self) -> list[str]:
        """The academic years of the counts, oldest first (one key for a pooled table)."""
        return sorted(self.counts)

    @property
    def years_covered(self) -> list[str]:
        """The academic years the counts cover: the pooled years of a pooled table, else the years."""
        return list(self.pooled_years) if self.pooled_years else self.years

    def totals(self, years: Iterable[str] | None = None) -> dict[Grade, int]:
        """Counts per grade summed over `years` (default: all years); GradeError for a year not in the group."""
        chosen = self.years if years is None else [academic_year(y) for y in years]
        if self.pooled_years and years is not None:
            if set(chosen) != set(self.pooled_years) and chosen != self.years:
                raise GradeError(because("cohort.pooled_apart", "group '{id}' is one table pooled over {years}: its "
                                         "academic years cannot be counted apart", id=self.id,
                                         years=", ".join(self.pooled_years)))
            chosen = self.years
        out: dict[Grade, int] = {}
        for y in chosen:
            if y not in self.counts:
                raise GradeError(because("cohort.no_year", "group '{id}' has no counts for academic year {year} (has "
                                         "{years})", id=self.id, year=y, years=", ".join(self.years)))
            for g, n in self.counts[y].items():
                out[g] = out.get(g, 0) + n
        return out

    def student_count(self, years: Iterable[str] | None = None) -> int:
        """The number of grades (passing and failing) over `years` (default: all years)."""
        return sum(self.totals(years).values())


class Cohort(BaseModel):
    """The content of a cohort file: an optional ready-made scale id, pass mark or passing-only flag, and groups."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    scale: Optional[str] = Field(default=None, description="id of a ready-made scale, e.g. 'gr-0-10'")
    pass_mark: Optional[Grade] = Field(default=None, description="the lowest passing grade, when no scale gives it")
    passing_only: bool = Field(default=False, description="true: the file counts passing grades only (as EGRACONS "
                                                          "tables do), so every grade in it passes")

    @field_validator("pass_mark", mode="before")
    @classmethod
    def _mark(cls, v: Any) -> Any:
        return None if v is None else to_grade(v)
    groups: list[ReferenceGroup] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Cohort":
        seen: set[str] = set()
        for g in self.groups:
            if g.id in seen:
                raise ValueError(because("input.group_twice", "group id '{id}' is used twice", id=g.id))
            seen.add(g.id)
        return self

    def group(self, group_id: str) -> ReferenceGroup:
        """The group with this id; GradeError naming the known ids otherwise."""
        for g in self.groups:
            if g.id == group_id:
                return g
        ids = [g.id for g in self.groups]
        raise GradeError(because("cohort.no_group", "no group '{id}'{hint} (groups: {ids})", id=group_id,
                                 hint=suggestion(group_id, ids), ids=some_ids(ids)))


def some_ids(ids: list[str], shown: int = 10) -> str:
    """The first group ids, for a one-line message about a cohort of any size."""
    more = f", ... ({len(ids):,} in all)" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def load_cohort(path: str | Path, scale: GradingScale | None = None) -> Cohort:
    """Read a cohort file (.csv, .yaml, .yml, .json; '-' reads YAML or JSON from standard input).

    With `scale` (or a `scale:` id in a YAML/JSON file), every grade must be on that scale.
    """
    name = display_name(path)
    suffix = ".yaml" if str(path) == STDIN else Path(path).suffix.lower()
    if suffix == ".csv":
        data, lines = read_cohort_csv(path)
    elif suffix in (".yaml", ".yml", ".json"):
        data, lines, _ = read_document(path)
        lines = _check_document(data, lines, name)
    else:
        raise SubjectFileError(because("cohort.file_type", "unknown cohort file type '{suffix}' (use {suffixes})",
                                       suffix=suffix, suffixes=".csv, .yaml, .yml or .json"), path=name)
    cohort = validate(Cohort, data, lines, name, "cohort")
    if scale is None and cohort.scale is not None:
        try:
            scale = get_scale(cohort.scale)
        except GradeError as e:
            raise SubjectFileError(e.reason or str(e), path=name, line=line_of(lines, ("scale",))) from None
    if scale is not None:
        _check_scale(cohort, scale, lines, name)
        if cohort.pass_mark is not None and not scale.contains(cohort.pass_mark):
            raise SubjectFileError(because("cohort.pass_mark_off_scale", "pass mark {grade} is not on scale '{scale}'",
                                           grade=format_grade(cohort.pass_mark), scale=scale.id),
                                   path=name, line=line_of(lines, ("pass_mark",)))
    return cohort


def _check_document(data: Any, lines: dict, name: str) -> dict:
    """Normalise the counts of a YAML/JSON cohort in place, failing with the line of the bad entry. Returns
    the map of lines with the normalised keys added (academic year, grade), made only when a line is read,
    so that a JSON file with no error is never parsed a second time for its lines."""
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        return lines  # the model validation reports the shape
    seen: dict[Any, int] = {}
    aliases: list[tuple[tuple, tuple, bool]] = []  # (new key path, the key path as written, replace its line)
    for i, group in enumerate(data["groups"]):
        if not isinstance(group, dict):
            continue
        gid = group.get("id")
        if not isinstance(gid, str):
            gid = None
        elif gid in seen:
            raise SubjectFileError(because("cohort.group_twice", "group id '{id}' is used twice (first on line "
                                           "{first})", id=gid, first=line_of(lines, ("groups", seen[gid], "id"))),
                                   path=name, line=line_of(lines, ("groups", i, "id")))
        else:
            seen[gid] = i
        if "counts" not in group:
            continue
        base = ("groups", i, "counts")
        _unpool(group, lines, aliases, ("groups", i), name)
        who = (because("cohort.group_named", "group '{id}'", id=gid) if gid
               else because("cohort.group_numbered", "group no. {n}", n=i + 1))

        def fail(message: str, where: tuple = (), first: tuple | None = None, base=base, who=who) -> None:
            line_map = _aliased(lines, aliases)
            problem = (because("cohort.group_problem", "{group}: {problem}", group=who, problem=message) if first is None
                       else because("cohort.group_problem_first", "{group}: {problem} (first on line {first})",
                                    group=who, problem=message, first=line_of(line_map, base + first)))
            raise SubjectFileError(problem, path=name, line=line_of(line_map, base + where))

        counts = build_counts(group["counts"], fail)
        for year_key, per_grade in group["counts"].items():
            for grade_key in per_grade:
                aliases.append((base + (academic_year(year_key), to_grade(grade_key)), base + (year_key, grade_key), False))
        group["counts"] = counts
    return LinesOnDemand(lambda: _aliased(lines, aliases)) if aliases else lines


def _aliased(lines: dict, aliases: list[tuple[tuple, tuple, bool]]) -> dict:
    """A copy of `lines` where each new key path has the line of its key path as written (in order; a key
    already there keeps its line unless the alias replaces it)."""
    out = dict(lines.items())
    for key, written, replace in aliases:
        if replace or key not in out:
            out[key] = line_of(out, written)
    return out


def _unpool(group: dict, lines: dict, aliases: list, where: tuple, name: str) -> None:
    """A group with `years: [...]` and counts per grade (a table pooled over those years): the counts go
    under the last year, and the years are kept as `pooled_years` (their lines added to `aliases`)."""
    years = group.get("years")
    if years is None:
        return
    if not isinstance(years, list) or len(years) < 1:
        raise SubjectFileError(because("cohort.years_none", "years: give the list of academic years the pooled "
                                       "table covers"), path=name, line=line_of(lines, where + ("years",)))
    try:
        covered = sorted({academic_year(y) for y in years})
    except GradeError as e:
        raise SubjectFileError(because("cohort.csv.years_bad", "years: {why}", why=e.reason or str(e)), path=name,
                               line=line_of(lines, where + ("years",))) from None
    if len(covered) != len(years):
        raise SubjectFileError(because("cohort.csv.year_twice", "years: an academic year is listed twice"), path=name,
                               line=line_of(lines, where + ("years",)))
    counts = group["counts"]
    if not isinstance(counts, dict) or any(isinstance(v, dict) for v in counts.values()):
        raise SubjectFileError(because("cohort.pooled_counts", "a group with years: gives its counts per grade (grade: "
                                       "count), pooled over those years"), path=name,
                               line=line_of(lines, where + ("counts",)))
    base = where + ("counts",)
    aliases += [(base + (covered[-1], grade_key), base + (grade_key,), True) for grade_key in counts]
    aliases.append((base + (covered[-1],), base, True))
    group["counts"] = {covered[-1]: counts}
    group["pooled_years"] = covered
    del group["years"]


def _check_scale(cohort: Cohort, scale: GradingScale, lines: dict, name: str) -> None:
    for i, group in enumerate(cohort.groups):
        for y, per_grade in group.counts.items():
            for g in per_grade:
                if not scale.contains(g):
                    raise SubjectFileError(because("cohort.grade_off_scale", "group '{id}', {year}: grade {grade} is "
                                                   "not on scale '{scale}' ({title})", id=group.id, year=y,
                                                   grade=format_grade(g), scale=scale.id, title=scale.title),
                                           path=name, line=line_of(lines, ("groups", i, "counts", y, g)))
