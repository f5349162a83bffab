"""The kinds of subject a rule set can audit, declared here and nowhere else: programme, transfer, cohort.

For each kind: its pydantic model, the view rules read (with `root_name`, `id`, `describe()`), the
object types rule files may name (the first is the root, e.g. `programme`), the file suffixes it is
read from, how a file becomes a Subject, and the kind-specific part of its report. The checker, the
rule-set test runner, the library and the CLI all read this table; a new kind is one more entry.
"""
from __future__ import annotations

import importlib
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from engine.errors import SubjectFileError
from engine.limits import MAX_COHORT_CSV_BYTES, STDIN, display_name, open_input
from engine.evaluation.findings import Report
from engine.subjects.cohort.types import COHORT_TYPES
from engine.subjects.programme.table_grid import TABLE_SUFFIXES
from engine.subjects.programme.table_options import TableOptions
from engine.subjects.load import XML_SUFFIXES, is_xml, read_document, validate
from engine.subjects.name_list import NameList
from engine.subjects.programme.choose import Choice
from engine.subjects.transfer.types import TRANSFER_TYPES
from engine.subjects.wrong_kind import kinds_by_keys
from engine.subjects.programme.view_types import PROGRAMME_TYPES
from engine.ruleset.types import ObjectType
from engine.semantics.reasons import because

DATA_SUFFIXES = (".yaml", ".yml", ".json")
OLA_SUFFIXES = XML_SUFFIXES  # a transfer read from an EWP Online Learning Agreement (an ELMO file here is refused)


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


def _resolve(where: str) -> Any:
    """The attribute named by "module:attribute", its module imported on first use."""
    module, _, attribute = where.partition(":")
    # a module imported already (for every file of a batch but the first) is taken as `import` takes it, without
    # the import machinery; one not imported yet, or being imported (maybe by another thread), is imported or waited for
    loaded = sys.modules.get(module)
    if loaded is None or getattr(getattr(loaded, "__spec__", None), "_initializing", False):
        loaded = importlib.import_module(module)
    return getattr(loaded, attribute)


@dataclass(frozen=True)
class SubjectKind:
    """One kind of subject. Its object types are at hand at once (the rule checker reads them); its model, view,
    reader and report sections are named as "module:attribute" and imported when first used, so that checking a
    programme does not load the transfer and cohort readers."""

    name: str  # programme | transfer | cohort: also the root name in rule files
    types: tuple[ObjectType, ...]  # the object types rules may read; types[0] is the root
    suffixes: tuple[str, ...]
    model_at: str  # its pydantic model
    view_at: str  # the view rules read, made from the model
    read_at: str  # (path, options, rule set) -> (model, view, sha)
    sections_at: str  # (report, subject, evaluator): the kind's report parts
    inputs_at: str | None = None  # (model, path) -> the other files a subject reads (a transfer's grade tables)

    @property
    def model(self) -> type:
        return _resolve(self.model_at)

    @property
    def make_view(self) -> Callable[[Any], Any]:
        return _resolve(self.view_at)

    @property
    def read(self) -> Callable[[Path, LoadOptions, Any], tuple[Any, Any, str]]:
        return _resolve(self.read_at)

    @property
    def add_sections(self) -> Callable[[Report, Subject, Any], None]:
        return _resolve(self.sections_at)

    def other_inputs(self, subject: Subject) -> tuple[str, ...]:
        """The files besides its own that the subject was read with (named in a batch's list of inputs)."""
        if self.inputs_at is None:
            return ()
        return tuple(str(f) for f in _resolve(self.inputs_at)(subject.model, subject.path))


KINDS: dict[str, SubjectKind] = {k.name: k for k in (
    SubjectKind("programme", PROGRAMME_TYPES, DATA_SUFFIXES + TABLE_SUFFIXES,
                "engine.subjects.programme.model:Programme", "engine.subjects.programme.views:ProgrammeView",
                "engine.subjects.programme.kind:read", "engine.subjects.programme.kind:add_sections"),
    SubjectKind("transfer", TRANSFER_TYPES, DATA_SUFFIXES + OLA_SUFFIXES,
                "engine.subjects.transfer.model:TransferFile", "engine.subjects.transfer.views:TransferView",
                "engine.subjects.transfer.kind:read", "engine.subjects.transfer.kind:add_sections",
                "engine.subjects.transfer.recognition_grades:grade_table_files"),
    SubjectKind("cohort", COHORT_TYPES, DATA_SUFFIXES + (".csv",),
                "engine.subjects.cohort.model:Cohort", "engine.subjects.cohort.views:CohortView",
                "engine.subjects.cohort.kind:read", "engine.subjects.cohort.kind:add_sections"),
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
    if is_xml(p):
        return "transfer"
    data = read_document(p)[0]
    found = kinds_by_keys(data)
    if len(found) != 1:
        raise SubjectFileError(because("input.kind_unknown", "cannot tell whether this file holds a programme, a "
                                       "transfer or a cohort (a programme has 'courses', a cohort 'groups', a "
                                       "transfer a 'learning_agreement', 'transcript' or 'recognition')"), str(path))
    return found[0]


def _cohort_header(path: Path) -> bool:
    """True when the first line of a CSV file that is not a `#` comment names the grade and count columns."""
    with io.TextIOWrapper(open_input(path, SubjectFileError, MAX_COHORT_CSV_BYTES), encoding="utf-8-sig",
                          errors="replace") as text:  # only up to the header: a cohort may be far over 10 MiB
        header = next((line for line in text if line.strip() and not line.lstrip().startswith("#")), "")
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


def once_each(files: Sequence) -> tuple[Sequence, list]:
    """The files each once, in the order first met, compared by their resolved real path (a file named twice,
    named and found in its folder, or reached through a symbolic link is one file; '-' is standard input);
    and the files met more than once (each once, as first named). Files none of which is met twice are
    given back as they are (a listing stays as compact as it was)."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for f in files:
        key = _file_key(f)
        if key in seen:
            repeated.add(key)
        seen.add(key)
    if not repeated:
        return files, []
    seen.clear()
    out = NameList() if isinstance(files, NameList) else []
    first: dict[str, Any] = {}  # the name each repeated file was first met by
    again: dict[str, Any] = {}  # in the order of their second meeting
    for f in files:
        key = _file_key(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
            if key in repeated:
                first[key] = f
        else:
            again.setdefault(key, first[key])
    return out, list(again.values())


def _file_key(f) -> str:
    """What tells one file from another: its resolved real path ('-' for standard input)."""
    try:
        return STDIN if str(f) == STDIN else os.path.realpath(f)
    except (OSError, ValueError):  # a name the system refuses: named when read
        return str(f)


def subject_files(paths: list[str], suffixes: tuple[str, ...] = DATA_SUFFIXES) -> list[Path]:
    """Expand folders into the subject files they hold (sorted, recursively); files are kept as given.

    Every entry of a folder with one of `suffixes` is listed but a folder: a symbolic link that leads
    nowhere or loops, a named pipe, a device is not skipped but refused when read, so that it is named.
    A folder that cannot be listed (no permission to read it) is listed itself, in its place among the
    files, so that reading it names it as a folder that cannot be read: never skipped without a word."""
    return [Path(name) for name in subject_file_names(paths, suffixes)]


def subject_file_names(paths: list[str], suffixes: tuple[str, ...] = DATA_SUFFIXES) -> NameList:
    """`subject_files` as text, in the same order and spelling (`str` of each Path). A batch of thousands of
    files holds them so, compactly (engine.subjects.name_list: the names of a folder written after its path
    once, a block of them as one text)."""
    out = NameList()
    for given in paths:
        name = str(Path(given))  # as pathlib spells it: "./progs/" is "progs"
        if _is_folder(name):
            _folder_entries(name, suffixes, out)
        else:
            out.append(name)
    return out


def _is_folder(p: str) -> bool:
    """Whether `p` is a folder (following a symbolic link); a name that cannot be looked at (in a folder
    that cannot be entered) is not: reading it says why."""
    try:
        return os.path.isdir(p)
    except (OSError, ValueError):
        return False


def _folder_entries(folder: str, suffixes: tuple[str, ...], out: NameList) -> None:
    """Add to `out` the entries with one of `suffixes` in `folder` and its subfolders, in the order of their
    names' parts (as sorted Paths are; not entered through a symbolic link, as Path.rglob does); a folder that
    cannot be listed stands for itself, and an entry whose kind cannot be told (in a folder that can be
    listed but not entered) is kept, to be named when read."""
    found: list[str] = []  # the names of the files and subfolders: one folder's paths share its prefix, so they sort by name
    subfolders: set[str] = set()
    try:
        with os.scandir(folder) as listing:
            for entry in listing:  # each entry let go at once: a folder may hold tens of thousands
                try:
                    is_folder = entry.is_dir()
                except OSError:  # its kind cannot be told: maybe a folder of subjects, which must not go unnamed
                    found.append(entry.name)
                    continue
                if is_folder:
                    if not entry.is_symlink():
                        found.append(entry.name)
                        subfolders.add(entry.name)
                elif name_suffix(entry.name) in suffixes:
                    found.append(entry.name)
    except OSError:
        out.append(folder)
        return
    found.sort()
    prefix = "" if folder == "." else os.path.join(folder, "")  # as Path(".") / name, Path(folder) / name
    if not subfolders:
        out.extend_folder(prefix, found)
        return
    start = 0
    for i, name in enumerate(found):
        if name in subfolders:
            out.extend_folder(prefix, found[start:i])
            _folder_entries(prefix + name, suffixes, out)
            start = i + 1
    out.extend_folder(prefix, found[start:])


def name_suffix(name: str) -> str:
    """A file name's suffix in lower case, as Path(name).suffix.lower() gives it ('' for '.json' or 'x.')."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


