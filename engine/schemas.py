"""JSON Schemas of the input file formats, generated from the pydantic models."""
from __future__ import annotations

from typing import Any

from .errors import UsageError
from .render.report_schema import report_schema


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a programme, transfer or cohort file, or of the JSON report."""
    if kind == "report":
        return report_schema()
    if kind == "programme":
        from .model.programme import Programme
        model = Programme
    elif kind == "transfer":
        from .model.transfer import TransferFile
        model = TransferFile
    elif kind == "cohort":
        from .grades.cohort import Cohort
        model = Cohort
    else:
        raise UsageError(f"no schema for '{kind}'")
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://ects.example/schemas/{kind}.json"
    return schema
