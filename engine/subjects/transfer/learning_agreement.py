"""The learning agreement of a transfer file: Table A and B, signatures, approved changes (EWP OLA names)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import Field

from engine.subjects.transfer.base import Credits, Date, Text, _Strict, _total


class Component(_Strict):
    """A component (course, module) listed in a learning agreement."""

    code: Optional[Text] = Field(None, description="Component code in the institution's catalogue (EWP los-code).")
    title: Text = Field(description="Title as in the course catalogue.")
    credits: Optional[Credits] = None


class StudiedComponent(Component):
    """A Table A component: to be studied at the host."""

    term: Optional[Text] = Field(None, description="Semester or term label at the host, e.g. 'winter semester 2024/25'.")


class Signature(_Strict):
    """One party's signature."""

    signed: Date = Field(description="Date of signing (ISO date).")
    signed_at: Optional[dt.datetime] = Field(None, description="Time of signing with its time zone, as an EWP timestamp gives it.")
    signer_name: Optional[Text] = None
    signer_position: Optional[Text] = None


class Signatures(_Strict):
    """The three signatures of a learning agreement version. `null` (or absent) = not signed."""

    student: Optional[Signature] = Field(None, description="The student's signature.")
    sending: Optional[Signature] = Field(None, description="The sending (home) institution's signature.")
    receiving: Optional[Signature] = Field(None, description="The receiving (host) institution's signature.")

    def dates(self) -> dict[str, dt.date | None]:
        """Signing date per party (None = not signed)."""
        return {p: (s.signed if s else None) for p, s in (("student", self.student), ("sending", self.sending), ("receiving", self.receiving))}

    @property
    def complete(self) -> bool:
        """True if all three parties signed."""
        return all(d is not None for d in self.dates().values())

    @property
    def last_signed(self) -> dt.date | None:
        """Date of the last signature if all three signed, else None."""
        return max(self.dates().values()) if self.complete else None  # type: ignore[type-var]

    def all_signed_before(self, day: dt.date, inclusive: bool = False) -> bool:
        """True if all three parties signed before `day` (or on it, if `inclusive`)."""
        last = self.last_signed
        return last is not None and (last <= day if inclusive else last < day)

    def unsigned(self) -> list[str]:
        """The parties that have not signed."""
        return [p for p, d in self.dates().items() if d is None]


class Amendment(_Strict):
    """A change to the learning agreement during the mobility (EWP 'approved changes')."""

    date: Optional[Date] = Field(None, description="Date the change was proposed.")
    reason: Optional[Text] = Field(None, description="Reason, e.g. an EWP reason code such as not-available or timetable-conflict.")
    added_studied: list[StudiedComponent] = Field(default_factory=list, description="Components added to Table A.")
    removed_studied: list[StudiedComponent] = Field(default_factory=list, description="Components removed from Table A.")
    added_recognized: list[Component] = Field(default_factory=list, description="Components added to Table B.")
    removed_recognized: list[Component] = Field(default_factory=list, description="Components removed from Table B.")
    added_virtual: list[Component] = Field(default_factory=list, description="Virtual components added (Table C).")
    removed_virtual: list[Component] = Field(default_factory=list, description="Virtual components removed (Table C).")
    signatures: Optional[Signatures] = Field(None, description="The three signatures of this change; absent = unknown.")
    id: Optional[Text] = Field(None, description="Id of the EWP changes proposal this change came from.")
    comment: Optional[Text] = Field(None, description="A party's comment on a proposal it did not accept (EWP comment-proposal).")


def _apply(components: list, added: list, removed: list) -> list:
    """Components minus `removed` (matched by code, else by title) plus `added`."""
    gone = {(c.code or c.title) for c in removed}
    return [c for c in components if (c.code or c.title) not in gone] + list(added)


class LearningAgreement(_Strict):
    """The learning agreement: what will be studied abroad (Table A) and what it replaces at home (Table B)."""

    components_studied: list[StudiedComponent] = Field(default_factory=list, description="Table A: components to be studied at the host.")
    components_recognized: list[Component] = Field(default_factory=list, description="Table B: home components to be recognised.")
    virtual_components: list[Component] = Field(default_factory=list, description="Table C: virtual components at the host.")
    justification: Optional[Text] = Field(None, description="Why the Table B total differs from Table A, or other annexed explanations.")
    signatures: Optional[Signatures] = Field(None, description="Signatures of the first version; absent = unknown.")
    amendments: list[Amendment] = Field(default_factory=list, description="Changes during the mobility, in order.")
    pending_changes: list[Amendment] = Field(default_factory=list, description=(
        "Change proposals not yet approved by all three parties: not a signed change, so not applied to the tables."))

    @property
    def table_a_credits(self) -> float | None:
        """Total credits of Table A (first version); None if a component lacks credits."""
        return _total([c.credits for c in self.components_studied])

    @property
    def table_b_credits(self) -> float | None:
        """Total credits of Table B (first version); None if a component lacks credits."""
        return _total([c.credits for c in self.components_recognized])

    def _in_order(self) -> list[Amendment]:
        return sorted(self.amendments, key=lambda a: a.date or dt.date.min)

    def studied_after_amendments(self) -> list[StudiedComponent]:
        """Table A with all amendments applied (by date)."""
        out = list(self.components_studied)
        for a in self._in_order():
            out = _apply(out, a.added_studied, a.removed_studied)
        return out

    def recognized_after_amendments(self) -> list[Component]:
        """Table B with all amendments applied (by date)."""
        out = list(self.components_recognized)
        for a in self._in_order():
            out = _apply(out, a.added_recognized, a.removed_recognized)
        return out

    def virtual_after_amendments(self) -> list[Component]:
        """Table C with all amendments applied (by date)."""
        out = list(self.virtual_components)
        for a in self._in_order():
            out = _apply(out, a.added_virtual, a.removed_virtual)
        return out

    def all_signed_before(self, day: dt.date, inclusive: bool = False) -> bool | None:
        """True if student, sending and receiving institution all signed the first version before `day`.

        None if the signatures are not given at all (unknown), False if one is missing or late.
        """
        if self.signatures is None:
            return None
        return self.signatures.all_signed_before(day, inclusive)


__all__ = ["Amendment", "Component", "LearningAgreement", "Signature", "Signatures", "StudiedComponent"]
