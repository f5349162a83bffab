"""JSON Schemas of the input file formats, generated from the pydantic models of the subject kinds."""
from __future__ import annotations

from typing import Any

from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.render.report_schema import report_schema
from engine.subjects.kinds import KINDS


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a programme, transfer or cohort file, or of the JSON report."""
    if kind == "report":
        return report_schema()
    if kind not in KINDS:
        raise UsageError(because("tools.schema.unknown", "no schema for '{kind}'", kind=kind))
    schema = KINDS[kind].model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://ects.example/schemas/{kind}.json"
    return schema
