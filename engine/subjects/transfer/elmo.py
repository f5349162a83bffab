"""Read a Transcript of Records from an ELMO (EMREX) XML file into the transfer model.

What is read: the issuer of each report (-> host institution and country), the learner's name, each
learning opportunity specification (LOS) with its English title (else the first), local code, type,
ECTS credits, result label, status, result date, academic term, grading scheme id and result
distribution; the report's issue date and grading schemes.

Where each ELMO version puts things: ECTS credits on the instance (`specifies/learningOpportunityInstance/
credit`, 1.x and 2.0) or on the specification itself (pre-1.0 files); the result in `resultLabel` or in
`result` (pre-1.0). Pass/fail comes from `<status>`; without one, from the result label read in the table
of known grading schemes (engine.importers.grading_labels); a label found nowhere leaves it unknown,
named in a note. A placeholder issuer ("TODO : Issuer unknown") is not taken as the host.

Nesting (`hasPart`): a LOS whose parts carry credits (a degree programme or module made of courses) is
context only: its parts become the components, each with `part_of` naming it, and its own credits are
not counted (a note says so, and another if its parts' credits do not add up to its own). A LOS whose
parts carry no credits (a course made of lecture and lab classes) is itself the component; its parts
are skipped, with a note. A course listed both as a part of a degree and on its own (Ladok does this) is
kept once: see engine.importers.elmo_duplicates. So no credit is counted twice.

Accepted namespaces: the ELMO v1 namespace used by all released schemas (1.x and 2.0.0), the pre-1.0
draft namespace, and no namespace at all. Anything else is refused with a one-line error.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree as ET

from pydantic import ValidationError

from engine.errors import SubjectFileError
from engine.semantics.reasons import Listed, Reason, because
from engine.subjects.transfer.model import (
    GradeCount,
    GradingScheme,
    Institution,
    Party,
    Student,
    Transcript,
    TranscriptComponent,
)
from engine.subjects.transfer.elmo_duplicates import drop_duplicates
from engine.subjects.transfer.elmo_schema import SchemaCheck, validate_elmo
from engine.subjects.transfer.grading_labels import KnownScheme, known_schemes, label_outcome
from engine.subjects.transfer.xml_errors import (cannot_import, credit_negative, credit_not_number, credit_too_large,
                                                 not_a_date)
from engine.subjects.transfer.skeleton import ENGLISH_NOTES, NoteWords, dump_transfer_skeleton
from engine.subjects.xmlread import Lines, parse_xml, split_tag
from engine.limits import display_name, too_large_whole

__all__ = ["ELMO_NAMESPACES", "ElmoImport", "read_elmo", "dump_transfer_skeleton"]

ELMO_NAMESPACES = {
    "https://github.com/emrex-eu/elmo-schemas/tree/v1": "ELMO v1 (schemas 1.x and 2.0.0)",
    "http://github.com/emrex-eu/elmo-schemas/tree/v1": "ELMO v1 (written with http)",
    "http://purl.org/net/elmo": "pre-1.0 ELMO draft",
    "": "ELMO without a namespace",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {"passed": True, "failed": False, "in-progress": None}
# An issuer name that is a placeholder, not a name ("TODO : Issuer unknown", "N/A", "unknown").
_PLACEHOLDER = re.compile(r"\b(todo|tbd|fixme|unknown|placeholder)\b|^\W*n/?a\W*$|^\W*-+\W*$", re.IGNORECASE)
_ECTS_GRADES = {"A", "B", "C", "D", "E", "FX", "F"}
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass
class ElmoImport:
    """What an ELMO file gave: the transcript, the host (issuer) and student if given, and notes on what was skipped."""

    path: str
    namespace: str
    transcript: Transcript
    host: Party | None = None
    student: Student | None = None
    notes: list[Reason] = field(default_factory=list)
    schema: SchemaCheck | None = None

    def skeleton(self, format: str = "yaml", words: NoteWords = ENGLISH_NOTES) -> str:
        """A transfer file to complete, with this transcript, host and student filled in; the notes (YAML
        comments) worded by `words` (the reader's language)."""
        return dump_transfer_skeleton(self.transcript, format, host=self.host, student=self.student, notes=self.notes,
                                      words=words)


class _Reader:
    """Walks one ELMO tree; `q(name)` makes a tag in the file's namespace."""

    def __init__(self, path: str, root: ET.Element, lines: Lines, ns: str, schemes: list[KnownScheme]) -> None:
        self.path, self.root, self.lines, self.ns = path, root, lines, ns
        self.known_schemes = schemes
        self.country: str | None = None  # the issuer's, for reading national grade labels
        self.notes: list[Reason] = []
        self.read_labels: dict[str, Reason] = {}  # result label -> how its pass/fail was read

    def q(self, local: str) -> str:
        return f"{{{self.ns}}}{local}" if self.ns else local

    def kids(self, elem: ET.Element, local: str) -> list[ET.Element]:
        return elem.findall(self.q(local))

    def text(self, elem: ET.Element | None, local: str | None = None) -> str | None:
        """Whitespace-normalised text of `elem` (or of its first child `local`); None if empty."""
        if elem is not None and local is not None:
            elem = elem.find(self.q(local))
        if elem is None:
            return None
        value = " ".join("".join(elem.itertext()).split())
        return value or None

    def english(self, elem: ET.Element, local: str) -> str | None:
        """The English one of several language variants of child `local`, else the first non-empty."""
        options = [(e.get(XML_LANG, "").lower(), self.text(e)) for e in self.kids(elem, local)]
        options = [(lang, value) for lang, value in options if value]
        for lang, value in options:
            if lang == "en" or lang.startswith("en-"):
                return value
        return options[0][1] if options else None

    def error(self, elem: ET.Element, message: str | Reason) -> SubjectFileError:
        return SubjectFileError(message, path=self.path, line=self.lines.get(elem))

    def date(self, elem: ET.Element | None, local: str) -> dt.date | None:
        """An xs:date or xs:dateTime child as a date (the date as written, ignoring the time zone)."""
        child = elem.find(self.q(local)) if elem is not None else None
        value = self.text(child)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            raise self.error(child, not_a_date(local, value)) from None

    def credit_number(self, elem: ET.Element, value: str) -> float:
        """The credit value written in `elem` (its <value>) as a non-negative number."""
        try:
            out = float(value)
        except ValueError:
            raise self.error(elem, credit_not_number(value)) from None
        if not out >= 0 or out == float("inf"):
            raise self.error(elem, credit_negative(value))
        if too_large_whole(value):
            raise self.error(elem, credit_too_large(value))
        return out

    # --- parts of the tree -------------------------------------------------------------------------

    def issuer(self, report: ET.Element) -> Party | None:
        elem = report.find(self.q("issuer"))
        if elem is None:
            return None
        name = self.english(elem, "title")
        country = self.text(elem, "country")
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            self.notes.append(because("import.elmo.country", "issuer country '{country}' is not an ISO alpha-2 code; left out",
                                      country=country))
            country = None
        self.country = self.country or country
        if name is None:
            self.notes.append(because("import.elmo.issuer_unnamed", "the issuer has no name; host institution left empty"))
            return None
        if _PLACEHOLDER.search(name):
            self.notes.append(because("import.elmo.issuer_placeholder", "the issuer's name '{name}' is a placeholder, not a "
                                      "name; host institution left empty", name=name))
            return None
        ids = {(i.get("type") or "").lower(): self.text(i) for i in self.kids(elem, "identifier")}
        return Party(institution=Institution(name=name, schac=ids.get("schac"), erasmus_code=ids.get("erasmus")), country=country)

    def student(self) -> Student | None:
        learner = self.root.find(self.q("learner"))
        if learner is None:
            return None
        name = " ".join(n for n in (self.text(learner, "givenNames"), self.text(learner, "familyName")) if n)
        return Student(name=name) if name else None

    def grading_schemes(self, report: ET.Element) -> list[GradingScheme]:
        return [GradingScheme(id=g.get("localId") or None, description=self.english(g, "description"))
                for g in self.kids(report, "gradingScheme")]

    def ects_credits(self, los: ET.Element) -> float | None:
        """The ECTS credits of a LOS: on its instance (ELMO 1.x, 2.0), else on the LOS itself (pre-1.0); None if none."""
        loi = los.find(f"{self.q('specifies')}/{self.q('learningOpportunityInstance')}")
        for holder in (loi, los):
            for credit in self.kids(holder, "credit") if holder is not None else []:
                value = self.text(credit, "value")
                if (self.text(credit, "scheme") or "").lower() == "ects" and value is not None:
                    return self.credit_number(credit.find(self.q("value")), value)
        return None

    def counted_credits(self, los: ET.Element) -> float | None:
        """The credits this LOS adds to the transcript: its parts' if they carry credits, else its own."""
        parts = [p for p in self.parts(los) if self.carries_credits(p)]
        if not parts:
            return self.ects_credits(los)
        values = [self.counted_credits(p) for p in parts]
        return None if any(v is None for v in values) else round(sum(values), 4)  # type: ignore[arg-type]

    def parts(self, los: ET.Element) -> list[ET.Element]:
        return [child for part in self.kids(los, "hasPart") for child in self.kids(part, "learningOpportunitySpecification")]

    def carries_credits(self, los: ET.Element) -> bool:
        """True if this LOS or any part below it has ECTS credits."""
        return self.ects_credits(los) is not None or any(self.carries_credits(p) for p in self.parts(los))

    def walk(self, los: ET.Element, schemes: dict[str, GradingScheme], parent: str | None) -> Iterator[TranscriptComponent]:
        """The components of a top-level LOS: itself, or (if its parts carry credits) its parts, recursively."""
        parts = self.parts(los)
        if parts and any(self.carries_credits(p) for p in parts):
            label = self.label(los)
            own = self.ects_credits(los)
            if own is not None:
                self.notes.append(because("import.elmo.context_only", "'{label}' ({own} credits) is context only: its parts are "
                                          "the components, so its own credits are not counted", label=label, own=own))
                summed = self.counted_credits(los)
                if summed is not None and abs(summed - own) > 1e-6:
                    self.notes.append(because("import.elmo.parts_sum", "the parts of '{label}' add up to {summed} credits, not the "
                                              "{own} it states", label=label, summed=summed, own=own))
            for part in parts:
                yield from self.walk(part, schemes, label)
            return
        if parts:
            names = Listed(because("import.elmo.quoted", "'{name}'", name=self.label(p)) for p in parts)
            self.notes.append(because("import.elmo.parts_skipped", "'{label}' is counted as one component; its {n} part(s) "
                                      "without credits are skipped: {names}", label=self.label(los), n=len(parts),
                                      names=names))
        yield self.component(los, schemes, parent)

    def label(self, los: ET.Element) -> str:
        title, code = self.english(los, "title"), self.code(los)
        return f"{title} ({code})" if title and code else (title or code or "(untitled)")

    def code(self, los: ET.Element) -> str | None:
        ids = [(i.get("type") or "", self.text(i)) for i in self.kids(los, "identifier")]
        ids = [(t, v) for t, v in ids if v]
        return next((v for t, v in ids if t.lower() == "local"), ids[0][1] if ids else None)

    def component(self, los: ET.Element, schemes: dict[str, GradingScheme], parent: str | None) -> TranscriptComponent:
        loi = los.find(f"{self.q('specifies')}/{self.q('learningOpportunityInstance')}")
        code, title = self.code(los), self.english(los, "title")
        if title is None:
            title = code or "(untitled)"
            self.notes.append(because("import.elmo.untitled", "a component has no title; called '{title}'", title=title))
        fields: dict = {"code": code, "title": title, "type": self.text(los, "type"), "part_of": parent,
                        "credits": self.ects_credits(los)}
        if loi is None:
            self.notes.append(because("import.elmo.no_instance", "'{title}' has no learning opportunity instance: no result, "
                                      "credits or date", title=title))
            return TranscriptComponent(**fields)
        label = self.text(loi, "resultLabel") or self.text(loi, "result")  # `result`: pre-1.0 files
        scheme_id = self.text(loi, "gradingSchemeLocalId") or self.text(loi, "gradingSchemeExternalId")
        scheme = schemes.get(scheme_id or "")
        ects_scheme = scheme is not None and "ects" in (scheme.description or "").lower()
        term = loi.find(self.q("academicTerm"))
        fields.update(
            term=self.english(term, "title") if term is not None else None,
            local_grade=_grade(label),
            grading_scheme_id=scheme_id,
            ects_grade=label.upper() if ects_scheme and label and label.upper() in _ECTS_GRADES else None,
            passed=self.passed(loi, title, label, scheme.description if scheme else scheme_id),
            result_date=self.date(loi, "date"),
            result_distribution=self.distribution(loi),
        )
        if fields["credits"] is None and self.kids(loi, "credit"):
            self.notes.append(because("import.elmo.non_ects", "'{title}' has credits only in a non-ECTS scheme; credits left "
                                      "empty", title=title))
        return TranscriptComponent(**fields)

    def passed(self, loi: ET.Element, title: str, label: str | None, scheme: str | None) -> bool | None:
        status = self.text(loi, "status")
        if status is not None:
            if status.lower() not in _STATUS:
                raise self.error(loi.find(self.q("status")), because("import.elmo.status", "unknown <status> '{status}' "
                                                                      "(expected {a}, {b} or {c})", status=status,
                                                                      a="passed", b="failed", c="in-progress"))
            if status.lower() == "in-progress":
                self.notes.append(because("import.elmo.in_progress", "'{title}' is in progress: no result yet", title=title))
            return _STATUS[status.lower()]
        if label is None:
            self.notes.append(because("import.elmo.no_result", "'{title}' has no <status> and no result: passed left unknown "
                                      "(ELMO says to assume passed; decide when completing the file)", title=title))
            return None
        outcome = label_outcome(label, self.known_schemes, country=self.country, description=scheme)
        if outcome.passed is None:
            self.notes.append(because("import.elmo.label_unread", "'{title}' has no <status> and {why}: passed left unknown "
                                      "(add the scheme with --grading-schemes, or decide when completing the file)",
                                      title=title, why=outcome.reason))
        else:
            self.read_labels.setdefault(label, outcome.reason)
        return outcome.passed

    def distribution(self, loi: ET.Element) -> list[GradeCount]:
        dist = loi.find(self.q("resultDistribution"))
        if dist is None:
            return []
        out = []
        for cat in self.kids(dist, "category"):
            count = cat.get("count")
            if count is None or not count.strip().isdigit():
                raise self.error(cat, because("import.elmo.count", "result distribution count '{count}' is not a whole "
                                              "number", count=count))
            out.append(GradeCount(label=cat.get("label") or "?", count=int(count)))
        return out


def _grade(label: str | None) -> int | float | str | None:
    """A result label as a number if it is written as one ('8', '-3', '45.1'), else the text ('02', 'VG')."""
    if label is None or not _NUMBER.fullmatch(label):
        return label
    if str(int(label) if "." not in label else float(label)) != label:
        return label  # '02', '00' (Danish 7-point), '9.50': the label as written, not a number
    return int(label) if "." not in label else float(label)


def _elmo_element(document: ET.Element, name: str, lines: Lines) -> ET.Element:
    """The <elmo> element: the root, or the only one inside a wrapper such as an EWP ToR response."""
    local = split_tag(document.tag)[1]
    if local == "elmo":
        return document
    inside = [e for e in document.iter() if split_tag(e.tag)[1] == "elmo" and split_tag(e.tag)[0] in ELMO_NAMESPACES]
    if len(inside) == 1:
        return inside[0]
    if inside:
        raise SubjectFileError(because("import.elmo.several", "<{tag}> holds {n} ELMO documents; save the one to "
                                       "import in a file of its own", tag=local, n=len(inside)),
                               path=name, line=lines.get(inside[1]))
    raise SubjectFileError(because("import.elmo.not_elmo", "not an ELMO file: the root element is <{tag}>, expected "
                                   "<elmo>", tag=local), path=name, line=lines.get(document))


def read_elmo(path: str | Path, *, grading_schemes: str | Path | None = None, validate: bool = True) -> ElmoImport:
    """Read an ELMO XML file into a Transcript (plus host institution and student where given).

    The <elmo> element may also be wrapped, as in an EWP Transcript of Records API response holding one.
    `grading_schemes`: a user file of grading schemes added to the bundled table. With `validate`, the
    file is checked against the official ELMO XSDs and what they reject is listed in the notes.
    Raises engine.errors.SubjectFileError (one line, naming the file) if the file is not readable ELMO.
    """
    name = display_name(path)
    document, lines = parse_xml(path)
    root = _elmo_element(document, name, lines)
    ns = split_tag(root.tag)[0]
    if ns not in ELMO_NAMESPACES:
        raise SubjectFileError(because("import.elmo.namespace", "unknown ELMO namespace '{ns}' (known: {known})", ns=ns,
                                       known=", ".join(n for n in ELMO_NAMESPACES if n)), path=name,
                               line=lines.get(root))
    schemes = known_schemes(grading_schemes)
    check = validate_elmo(root, ns, lines) if validate else None
    try:
        result = _read(_Reader(name, root, lines, ns, schemes))
    except ValidationError as e:  # a value the model refuses that the checks above let through
        raise SubjectFileError(cannot_import(e.errors()[0]), path=name) from None
    if check is not None:
        result.schema = check
        result.notes.extend(check.notes())
    return result


def _read(reader: _Reader) -> ElmoImport:
    """Collect components, grading schemes, dates and issuers from all reports."""
    name, root, lines = reader.path, reader.root, reader.lines
    reports = reader.kids(root, "report")
    if not reports:
        raise SubjectFileError(because("import.elmo.no_report", "the ELMO file has no <report>"), path=name,
                               line=lines.get(root))
    components: list[TranscriptComponent] = []
    schemes: list[GradingScheme] = []
    issued: list[dt.date] = []
    hosts: list[Party] = []
    for report in reports:
        host = reader.issuer(report)  # first: the issuer's country decides how grade labels are read
        hosts += [host] if host else []
        report_schemes = reader.grading_schemes(report)
        by_id = {s.id: s for s in report_schemes if s.id}
        for los in reader.kids(report, "learningOpportunitySpecification"):
            components.extend(reader.walk(los, by_id, None))
        schemes.extend(report_schemes)
        day = reader.date(report, "issueDate")
        issued += [day] if day else []
    if len({h.institution.name for h in hosts}) > 1:
        reader.notes.append(because("import.elmo.issuers", "{n} reports from different issuers; the host is taken from "
                                     "the first", n=len(reports)))
    if reader.read_labels:
        reader.notes.append(because("import.elmo.labels_read", "pass or fail read from result labels without <status>: "
                                     "{how}", how=tuple(reader.read_labels.values())))
    components = drop_duplicates(components, reader.notes)
    dates = [c.result_date for c in components if c.result_date]
    if dates:
        reader.notes.append(because("import.elmo.results_date", "results_date set to the latest result date; correct it "
                                     "if results were published later"))
    transcript = Transcript(components=components, issued=max(issued) if issued else None,
                            results_date=max(dates) if dates else None, grading_schemes=schemes)
    return ElmoImport(path=name, namespace=reader.ns, transcript=transcript, host=hosts[0] if hosts else None,
                      student=reader.student(), notes=reader.notes)
