"""Validate an ELMO file against the official ELMO XSDs (1.0.0, 1.7.0, 2.0.0), offline.

The XSDs (EUPL 1.2, from github.com/emrex-eu/elmo-schemas) and the schemas they import are bundled in
engine/data/elmo_schema; every remote schemaLocation is mapped to the bundled copy, and nothing is
fetched from the network. A file that no schema accepts still imports: the import lists what the
schema rejects. The pre-1.0 draft namespace has no published schema: such files are not validated.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as ET

from engine.semantics.reasons import Reason, because, plain

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "elmo_schema"
ELMO_V1 = "https://github.com/emrex-eu/elmo-schemas/tree/v1"
VERSIONS = ("2.0.0", "1.7.0", "1.0.0")  # newest first; all share the v1 namespace
MAX_LISTED = 20

_REFS = SCHEMA_DIR / "references"
_LOCAL = {
    "xml.xsd": _REFS / "xml.xsd",
    "xmldsig-core-schema.xsd": _REFS / "xmldsig-core-schema.xsd",
    "EUROPASS_ISOCountries_V1.1.xsd": _REFS / "EUROPASS_ISOCountries_V1.1.xsd",
    "ewp-specs-types-address/stable-v1/schema.xsd": _REFS / "ewp-specs-types-address_schema.xsd",
    "common-types.xsd": _REFS / "ewp-specs-architecture_common-types.xsd",
}


def _local_uri(uri: str) -> str:
    """A remote schemaLocation mapped to the bundled copy (by the end of its path)."""
    for tail, local in _LOCAL.items():
        if uri.endswith(tail):
            return local.as_uri()
    return uri


@dataclass
class SchemaCheck:
    """The outcome of validating one file: the version that accepts it, or what the schemas reject."""

    accepted_by: str | None = None
    validated: bool = True
    problems: list[str] = field(default_factory=list)
    more: int = 0

    def notes(self) -> list[Reason]:
        """Lines for the import report (what the schema says is the library's English, quoted as it is)."""
        if not self.validated:
            return [because("import.schema.not_validated", "not validated: the pre-1.0 ELMO draft namespace has no "
                            "published schema")]
        if self.accepted_by:
            return [because("import.schema.valid", "valid against the official ELMO schema {version}",
                            version=self.accepted_by)]
        out = [because("import.schema.rejected", "the official ELMO schemas ({versions}) reject this file; imported "
                       "anyway. What ELMO {version} rejects:", versions=", ".join(VERSIONS), version=VERSIONS[1])]
        out += [because("import.schema.problem", "  schema: {problem}", problem=plain(p)) for p in self.problems]
        if self.more:
            out.append(because("import.schema.more", "  schema: ... and {n} more", n=self.more))
        return out


@lru_cache(maxsize=None)
def _schema(version: str) -> xmlschema.XMLSchema:
    import xmlschema  # imported when an ELMO file is first validated: the CLI starts without it

    return xmlschema.XMLSchema(str(SCHEMA_DIR / f"elmo-schema-v{version}.xsd"), uri_mapper=_local_uri,
                               allow="local", defuse="always")


def _problem(error: xmlschema.XMLSchemaValidationError, lines: dict[ET.Element, int]) -> str:
    line = lines.get(error.elem) if error.elem is not None else None
    where = f"line {line}: " if line else (f"{error.path}: " if error.path else "")
    return where + " ".join(str(error.reason or error.message).split())


def validate_elmo(root: ET.Element, namespace: str, lines: dict[ET.Element, int]) -> SchemaCheck:
    """Validate the <elmo> element `root` (as parsed by engine.subjects.xmlread) against the XSDs."""
    if namespace != ELMO_V1:
        return SchemaCheck(validated=False)
    for version in VERSIONS:
        if _schema(version).is_valid(root):
            return SchemaCheck(accepted_by=version)
    errors = list(_schema(VERSIONS[1]).iter_errors(root))
    shown = [_problem(e, lines) for e in errors[:MAX_LISTED]]
    return SchemaCheck(problems=shown, more=max(0, len(errors) - MAX_LISTED))


__all__ = ["SchemaCheck", "validate_elmo", "VERSIONS"]
