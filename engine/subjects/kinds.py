"""The kinds of subject a rule set can audit, declared here and nowhere else: programme, transfer, cohort.

For each kind: its pydantic model, the view rules read (with `root_name`, `id`, `describe()`), the
object types rule files may name (the first is the root, e.g. `programme`), the file suffixes it is
read from, how a file becomes a Subject, and the kind-specific part of its report. The checker, the
rule-set test runner, the library and the CLI all read this table; a new kind is one more entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from engine.errors import SubjectFileError
from engine.limits import STDIN, display_name, input_sha256, read_input_bytes
from engine.evaluation.findings import Report
from engine.subjects.cohort.model import Cohort
from engine.subjects.cohort.views import COHORT_TYPES, CohortView
from engine.subjects.cohort.files import read_cohort
from engine.subjects.transfer.elmo import read_elmo
from engine.subjects.transfer.ola import load_ola_transfer
from engine.subjects.programme.table_grid import TABLE_SUFFIXES
from engine.subjects.programme.table_programme import TableOptions, load_table_programme
from engine.subjects.load import load_model, read_document, validate
from engine.subjects.programme.choose import Choice, choice_what_ifs, restrict
from engine.subjects.programme.model import Programme
from engine.subjects.transfer.model import TransferFile
from engine.subjects.transfer.types import TRANSFER_TYPES
from engine.subjects.transfer.views import TransferView
from engine.subjects.programme.views import PROGRAMME_TYPES, ProgrammeView
from engine.subjects.transfer.recognition import recognise
from engine.subjects.transfer.recognition_grades import transfer_grades
from engine.ruleset.types import ObjectType
from engine.evaluation.sections import GradingTables, Recognition, programme_chart_data

DATA_SUFFIXES = (".yaml", ".yml", ".json")
OLA_SUFFIXES = (".xml",)  # a transfer read from an EWP Online Learning Agreement (an ELMO file here is refused)


@dataclass(frozen=True)
class LoadOptions:
    """How to read subject files, beyond the file itself (each option concerns one kind)."""

    transcript_xml: str | None = None  # transfer: an ELMO transcript that replaces the file's transcript
    home_grades: tuple[str, str] | None = None  # transfer: (cohort file, group id), to convert grades
    host_grades: tuple[str, str] | None = None  # transfer: the host's table (else the file's `grades.host`)
    policy: str = "avg"  # transfer: grade conversion policy where bands overlap
    pass_mark: object = None  # cohort: a pass mark instead of the scale's
    years: tuple[str, ...] | None = None  # cohort: academic years to count
    table: TableOptions = TableOptions()  # programme: how to read a course table (.xlsx, .ods, .csv)
    choices: tuple[Choice, ...] = ()  # programme: what-if choices of electives (engine.subjects.programme.choose)


@dataclass(frozen=True)
class Subject:
    """A subject read from a file (or built from data), ready to audit under any rule set."""

    kind: "SubjectKind"
    view: Any  # what rules read (ProgrammeView, TransferView, CohortView)
    model: Any  # the validated file (Programme, TransferFile, Cohort)
    path: str | None = None
    sha256: str | None = None
    options: LoadOptions = LoadOptions()


@dataclass(frozen=True)
class SubjectKind:
    name: str  # programme | transfer | cohort: also the root name in rule files
    model: type
    make_view: Callable[[Any], Any]
    types: tuple[ObjectType, ...]  # the object types rules may read; types[0] is the root
    suffixes: tuple[str, ...]
    read: Callable[[Path, LoadOptions, Any], tuple[Any, Any, str]]  # (path, options, rule set) -> (model, view, sha)
    add_sections: Callable[[Report, Subject, Any], None]  # (report, subject, evaluator): the kind's report parts


def _read_programme(path: Path, options: LoadOptions, ruleset) -> tuple[Any, Any, str]:
    notes = None
    if path.suffix.lower() in TABLE_SUFFIXES:  # a course table: what the reader inferred goes in the report
        model, sha, notes = load_table_programme(path, options.table)
    else:
        model, sha = load_model(Programme, path, "programme")
    chosen = restrict(model, options.choices, str(path))
    view = ProgrammeView(chosen)
    if notes is not None:
        view.input_notes = notes
    view.what_ifs = choice_what_ifs(model, options.choices)  # listed in the report's header
    return chosen, view, sha


def _read_transfer(path: Path, options: LoadOptions, ruleset) -> tuple[Any, Any, str]:
    if _is_xml(path):  # an EWP Online Learning Agreement
        model, sha = load_ola_transfer(path)
    else:
        model, sha = load_model(TransferFile, path, "transfer")
    if options.transcript_xml is not None:
        model = model.model_copy(update={"transcript": read_elmo(options.transcript_xml).transcript})
    return model, TransferView(model), sha


def _read_cohort(path: Path, options: LoadOptions, ruleset) -> tuple[Any, Any, str]:
    view = read_cohort(path, ruleset=ruleset, pass_mark=options.pass_mark, years=options.years)
    return view.model, view, input_sha256(path, SubjectFileError)


def _programme_sections(report: Report, subject: Subject, evaluator) -> None:
    report.charts = programme_chart_data(subject.view, evaluator.chart_targets(subject.view, report.findings))
    if getattr(subject.view, "input_notes", None):
        report.extra["input_notes"] = subject.view.input_notes


def _transfer_sections(report: Report, subject: Subject, evaluator) -> None:
    model, options = subject.model, subject.options
    grades = transfer_grades(model, subject.path or ".", options.home_grades, options.policy, options.host_grades)
    report.recognition = Recognition(recognise(model, grades=grades))


def _cohort_sections(report: Report, subject: Subject, evaluator) -> None:
    view = subject.view.for_ruleset(evaluator.ruleset)
    report.grading = GradingTables(view.tables())


KINDS: dict[str, SubjectKind] = {k.name: k for k in (
    SubjectKind("programme", Programme, ProgrammeView, PROGRAMME_TYPES, DATA_SUFFIXES + TABLE_SUFFIXES, _read_programme,
                _programme_sections),
    SubjectKind("transfer", TransferFile, TransferView, TRANSFER_TYPES, DATA_SUFFIXES + OLA_SUFFIXES, _read_transfer,
                _transfer_sections),
    SubjectKind("cohort", Cohort, CohortView, COHORT_TYPES, DATA_SUFFIXES + (".csv",), _read_cohort,
                _cohort_sections),
)}

OBJECT_TYPES: dict[str, ObjectType] = {t.name: t for k in KINDS.values() for t in k.types}
ROOTS: dict[str, str] = {k.name: k.types[0].name for k in KINDS.values()}  # programme -> Programme


def kind(name: str) -> SubjectKind:
    """The subject kind of that name; SubjectFileError naming the known ones otherwise."""
    if name not in KINDS:
        raise SubjectFileError(f"unknown kind of subject '{name}' (known: {', '.join(sorted(KINDS))})")
    return KINDS[name]


def detect_kind(path: str | Path) -> str:
    """Which kind of subject a file holds: a CSV whose header names grade and count columns, or a file with
    `groups`, is a cohort; a spreadsheet, another CSV or a file with `courses` a programme; an XML file (an
    Online Learning Agreement) or a file with a learning agreement, transcript or recognition a transfer."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return "cohort" if _cohort_header(p) else "programme"
    if suffix in TABLE_SUFFIXES:
        return "programme"
    if _is_xml(p):
        return "transfer"
    data = read_document(p)[0]
    keys = set(data) if isinstance(data, dict) else set()
    found = [name for name, marks in (("programme", {"courses"}), ("cohort", {"groups"}),
                                      ("transfer", {"learning_agreement", "transcript", "recognition"}))
             if keys & marks]
    if len(found) != 1:
        raise SubjectFileError("cannot tell whether this file holds a programme, a transfer or a cohort "
                               "(a programme has 'courses', a cohort 'groups', a transfer a 'learning_agreement', "
                               "'transcript' or 'recognition')", str(path))
    return found[0]


def _is_xml(path: Path) -> bool:
    """An .xml file, or standard input starting with '<' (an Online Learning Agreement piped in)."""
    if str(path) == STDIN:
        return read_input_bytes(path, SubjectFileError).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    return path.suffix.lower() in OLA_SUFFIXES


def _cohort_header(path: Path) -> bool:
    """True when the first line of a CSV file that is not a `#` comment names the grade and count columns."""
    text = read_input_bytes(path, SubjectFileError).decode("utf-8-sig", errors="replace")
    header = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    cells = {c.strip().strip('"').lower() for c in re.split(r"[,;\t]", header)}
    return {"grade", "count"} <= cells


def load_subject(name: str | None, path: str | Path, options: LoadOptions = LoadOptions(), ruleset=None) -> Subject:
    """Read a subject file of the given kind (detected from the file when None). A cohort is read through
    `ruleset`'s grading scale when one is given."""
    k = kind(name or detect_kind(path))
    model, view, sha = k.read(Path(path), options, ruleset)
    return Subject(k, view, model, display_name(path), sha, options)


def subject_from_data(name: str, data: Any, lines: dict, path: str, at: tuple = ()):
    """Build a subject view from data already read (inline in a test case); errors point into `path`."""
    k = kind(name)
    sub_lines = {key[len(at):]: line for key, line in lines.items() if key[:len(at)] == at}
    return k.make_view(validate(k.model, data, sub_lines, path, name))


def subject_files(paths: list[str], suffixes: tuple[str, ...] = DATA_SUFFIXES) -> list[Path]:
    """Expand folders into the subject files they hold (sorted, recursively); files are kept as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
        else:
            out.append(p)
    return out
