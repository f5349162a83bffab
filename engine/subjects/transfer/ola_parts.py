"""The parts of an EWP Online Learning Agreement: component lists, signatures, parties, period.

Used by engine.importers.ola. Elements are matched by local name (namespaces ignored).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from engine.errors import SubjectFileError
from engine.limits import too_large_whole
from engine.semantics.reasons import Reason, because
from engine.subjects.transfer.xml_errors import credit_negative, credit_not_number, credit_too_large, not_a_date
from engine.subjects.xmlread import Lines, split_tag
from engine.subjects.transfer.model import (
    Amendment,
    Component,
    Institution,
    Party,
    Period,
    Signature,
    Signatures,
    Student,
    StudiedComponent,
)

# EQF level studied at departure -> Bologna cycle (QF-EHEA: EQF 5 short cycle, 6 first, 7 second, 8 third).
_CYCLE = {"5": "short", "6": "first", "7": "second", "8": "third"}
_TABLES = {"components-studied": "studied", "components-recognized": "recognized", "virtual-components": "virtual"}


@dataclass
class Version:
    """One component list (first version, approved changes or a proposal) with its signatures."""

    signatures: Signatures
    studied: list[StudiedComponent] = field(default_factory=list)
    recognized: list[Component] = field(default_factory=list)
    virtual: list[Component] = field(default_factory=list)
    changes: dict[tuple[str, str], list] = field(default_factory=dict)  # (table, inserted|deleted) -> components
    reasons: list[str] = field(default_factory=list)

    def amendment(self) -> Amendment:
        """These changes (components marked inserted / deleted) as an amendment with these signatures."""
        get = lambda table, status: self.changes.get((table, status), [])  # noqa: E731
        dates = [d for d in self.signatures.dates().values() if d]
        return Amendment(date=min(dates) if dates else None, reason=", ".join(dict.fromkeys(self.reasons)) or None,
                         added_studied=get("studied", "inserted"), removed_studied=get("studied", "deleted"),
                         added_recognized=get("recognized", "inserted"), removed_recognized=get("recognized", "deleted"),
                         added_virtual=get("virtual", "inserted"), removed_virtual=get("virtual", "deleted"),
                         signatures=self.signatures)


class OlaReader:
    """Reads the parts of one <la>; collects notes on what it could not read or had to assume."""

    def __init__(self, path: str, lines: Lines) -> None:
        self.path, self.lines = path, lines
        self.notes: list[Reason] = []

    def children(self, elem: ET.Element | None, name: str) -> list[ET.Element]:
        return [] if elem is None else [c for c in elem if split_tag(c.tag)[1] == name]

    def child(self, elem: ET.Element | None, name: str) -> ET.Element | None:
        found = self.children(elem, name)
        return found[0] if found else None

    def text(self, elem: ET.Element | None, name: str) -> str | None:
        value = self.child(elem, name)
        text = " ".join("".join(value.itertext()).split()) if value is not None else ""
        return text or None

    def error(self, elem: ET.Element | None, message: str | Reason) -> SubjectFileError:
        return SubjectFileError(message, path=self.path, line=self.lines.get(elem) if elem is not None else None)

    def case_id(self, number: int | None) -> str:
        return Path(self.path).stem + (f"-{number}" if number else "")

    # --- component lists ----------------------------------------------------------------------------

    def version(self, elem: ET.Element | None) -> Version | None:
        """A first-version, approved-changes or changes-proposal element; None if absent."""
        if elem is None:
            return None
        sig = Signatures(student=self.signature(self.child(elem, "student-signature")),
                         sending=self.signature(self.child(elem, "sending-hei-signature")),
                         receiving=self.signature(self.child(elem, "receiving-hei-signature")))
        out = Version(signatures=sig)
        for tag, table in _TABLES.items():
            for comp in self.children(self.child(elem, tag), "component"):
                self._component(out, table, comp)
        for tag in ("blended-mobility-components", "short-term-doctoral-components"):
            if self.child(elem, tag) is not None:
                self.notes.append(because("import.ola.table_not_read", "<{tag}> is not read: only semester mobility "
                                          "tables (A, B, C) are audited", tag=tag))
        return out

    def _component(self, out: Version, table: str, comp: ET.Element) -> None:
        title = self.text(comp, "title")
        if title is None:
            raise self.error(comp, because("import.ola.no_title", "a <{tag}> has no <{child}>", tag="component",
                                           child="title"))
        fields: dict = {"code": self.text(comp, "los-code"), "title": title, "credits": self.credits(comp)}
        if table == "studied":
            fields["term"] = self.term(comp)
        item = StudiedComponent(**fields) if table == "studied" else Component(**fields)
        status = comp.get("status")
        if status is None:
            getattr(out, table).append(item)
            return
        if status not in ("inserted", "deleted"):
            raise self.error(comp, because("import.ola.status", "component status '{status}' is not inserted or "
                                           "deleted", status=status))
        out.changes.setdefault((table, status), []).append(item)
        reason = comp.get("reason-code") or comp.get("reason") or comp.get("reason-text")
        if reason:
            out.reasons.append(reason)

    def credits(self, comp: ET.Element) -> float | None:
        for credit in self.children(comp, "credit"):
            value = self.text(credit, "value")
            if (self.text(credit, "scheme") or "").lower() == "ects" and value is not None:
                try:
                    number = float(value)
                except ValueError:
                    raise self.error(self.child(credit, "value"), credit_not_number(value)) from None
                if not 0 <= number < float("inf"):
                    raise self.error(self.child(credit, "value"), credit_negative(value))
                if too_large_whole(value):
                    raise self.error(self.child(credit, "value"), credit_too_large(value))
                return number
        return None

    def term(self, comp: ET.Element) -> str | None:
        term = self.child(comp, "term-id")
        number, total = self.text(term, "term-number"), self.text(term, "total-terms")
        return f"term {number} of {total}" if number and total else None

    def signature(self, elem: ET.Element | None) -> Signature | None:
        """A signature element as a Signature (date and time from its timestamp); None if absent."""
        if elem is None:
            return None
        stamp = self.text(elem, "timestamp")
        if stamp is None:
            raise self.error(elem, because("import.ola.no_timestamp", "<{tag}> has no <timestamp>",
                                           tag=split_tag(elem.tag)[1]))
        try:
            when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            raise self.error(self.child(elem, "timestamp"), because("import.ola.timestamp", "timestamp '{stamp}' is not "
                                                                    "an ISO date and time", stamp=stamp)) from None
        return Signature(signed=when.date(), signed_at=when, signer_name=self.text(elem, "signer-name"),
                         signer_position=self.text(elem, "signer-position"))

    # --- parties and period -------------------------------------------------------------------------

    def student(self, la: ET.Element) -> Student | None:
        elem = self.child(la, "student")
        if elem is None:
            return None
        name = " ".join(n for n in (self.text(elem, "given-names"), self.text(elem, "family-name")) if n) or None
        return Student(name=name, id=self.text(elem, "global-id"))

    def party(self, la: ET.Element, tag: str) -> Party | None:
        elem = self.child(la, tag)
        hei = self.text(elem, "hei-id")
        if hei is None:
            return None
        if not any("SCHAC code" in n for n in self.notes):
            self.notes.append(because("import.ola.schac_names", "an OLA gives no institution names: the SCHAC code "
                                      "(hei-id) stands for the name"))
        cycle = _CYCLE.get(self.text(la, "eqf-level-studied-at-departure") or "") if tag == "sending-hei" else None
        return Party(institution=Institution(name=hei, schac=hei), cycle=cycle)

    def period(self, la: ET.Element) -> Period | None:
        """The planned period; a year-month alone gives the first (start) or last (end) day of that month."""
        start = self._day(la, "start-date") or self._month(la, "start-year-month", last=False)
        end = self._day(la, "end-date") or self._month(la, "end-year-month", last=True)
        if start is None and end is None:
            return None
        self.notes.append(because("import.ola.planned_period", "period: the planned dates of the OLA; replace them "
                                  "with the actual dates when known"))
        return Period(start=start, end=end)

    def _day(self, la: ET.Element, tag: str) -> dt.date | None:
        value = self.text(la, tag)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            raise self.error(self.child(la, tag), not_a_date(tag, value)) from None

    def _month(self, la: ET.Element, tag: str, last: bool) -> dt.date | None:
        value = self.text(la, tag)
        if value is None:
            return None
        try:
            year, month = (int(x) for x in value[:7].split("-"))
            day = calendar.monthrange(year, month)[1] if last else 1
            out = dt.date(year, month, day)
        except ValueError:
            raise self.error(self.child(la, tag), because("import.ola.month", "<{tag}> '{value}' is not a year and "
                                                          "month (YYYY-MM)", tag=tag, value=value)) from None
        self.notes.append(because("import.ola.month_only", "<{tag}> {value} gives only the month: {day} assumed",
                                  tag=tag, value=value, day=out))
        return out


__all__ = ["OlaReader", "Version"]
