"""Pass or fail from a result label, by the table of known national grading schemes.

The table is engine/data/grading_schemes.yaml (see its header); a user file of the same shape adds
schemes or replaces bundled ones with the same id. A label is looked up in the schemes that apply:
the ones an ELMO grading scheme description names; if they do not know the label, those of the
issuer's country plus the international ones. One consistent answer gives pass or fail with the scheme named; no answer, or
schemes that disagree, leave the outcome unknown with the label named.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field

from engine.semantics.reasons import Reason, because
from engine.subjects.load import load_model

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "grading_schemes.yaml"
Label = Annotated[str, Field(min_length=1)]


class KnownScheme(BaseModel):
    """One grading scheme of the table: which labels pass and which fail."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use: keeps start-up fast
    id: Label
    country: Optional[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = None
    name: Label
    source: Label
    describes: list[Label] = Field(default_factory=list)
    passing: list[Label] = Field(alias="pass")
    failing: list[Label] = Field(alias="fail")

    def outcome(self, label: str) -> bool | None:
        """True (pass), False (fail) or None (not a label of this scheme)."""
        key = _norm(label)
        if key in {_norm(x) for x in self.passing}:
            return True
        if key in {_norm(x) for x in self.failing}:
            return False
        return None


class SchemeTable(BaseModel):
    """A grading scheme file: a list of schemes."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use: keeps start-up fast
    schemes: list[KnownScheme]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class LabelOutcome:
    """The outcome a label gives: passed True/False/None and why (which scheme, or what went wrong)."""

    passed: bool | None
    reason: Reason  # worded in the reader's language by the import (catalogue keys reason.import.label.*)


@lru_cache(maxsize=None)
def _bundled() -> tuple[KnownScheme, ...]:
    return tuple(load_model(SchemeTable, BUNDLED, "grading scheme")[0].schemes)


def known_schemes(extra: str | Path | None = None) -> list[KnownScheme]:
    """The bundled schemes, with those of `extra` (a user file) added or replacing same ids."""
    table = {s.id: s for s in _bundled()}
    if extra is not None:
        table.update({s.id: s for s in load_model(SchemeTable, extra, "grading scheme")[0].schemes})
    return list(table.values())


def _described(schemes: list[KnownScheme], description: str | None, country: str | None) -> list[KnownScheme]:
    """Schemes whose `describes` words occur in an ELMO grading scheme description (same country or international)."""
    if not description:
        return []
    text = _norm(description)
    return [s for s in schemes if s.country in (None, country) and any(_norm(w) in text for w in s.describes)]


def label_outcome(label: str, schemes: list[KnownScheme], *, country: str | None = None,
                  description: str | None = None) -> LabelOutcome:
    """Pass/fail of `label` for an issuer in `country`, under a grading scheme described as `description`."""
    found: dict[str, bool] = {}
    for candidates in (_described(schemes, description, country), [s for s in schemes if s.country in (None, country)]):
        found = {s.id: v for s in candidates if (v := s.outcome(label)) is not None}
        if found:  # the described scheme first; if it does not know the label, all that apply
            break
    if not found:
        if country:
            return LabelOutcome(None, because("import.label.unknown_in", "result '{label}' is not a label of the grading "
                                              "schemes known for {country} (international ones included)",
                                              label=label, country=country))
        return LabelOutcome(None, because("import.label.unknown", "result '{label}' is not a label of the known grading "
                                          "schemes (international ones included)", label=label))
    if len(set(found.values())) > 1:
        split = tuple(because("import.label.scheme_pass", "{scheme}: pass", scheme=sid) if v else
                      because("import.label.scheme_fail", "{scheme}: fail", scheme=sid) for sid, v in found.items())
        return LabelOutcome(None, because("import.label.disagree", "result '{label}' means pass in one known scheme and "
                                          "fail in another ({schemes})", label=label, schemes=split))
    if next(iter(found.values())):
        return LabelOutcome(True, because("import.label.pass", "'{label}' is a pass in {schemes}", label=label,
                                          schemes=", ".join(found)))
    return LabelOutcome(False, because("import.label.fail", "'{label}' is a fail in {schemes}", label=label,
                                       schemes=", ".join(found)))


__all__ = ["KnownScheme", "LabelOutcome", "known_schemes", "label_outcome", "BUNDLED"]
