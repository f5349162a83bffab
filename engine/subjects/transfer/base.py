"""Shared field types of the credit transfer file (engine.subjects.transfer.model): strict numbers, dates, codes."""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from engine.semantics.reasons import because

Credits = Annotated[float, Field(strict=True, ge=0, description="ECTS credits (a number; decimals allowed).")]
Grade = Union[StrictInt, StrictFloat, StrictStr]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code, e.g. GR, DE, RS.")]
Text = Annotated[str, Field(min_length=1)]


def _iso_date(value: object) -> object:
    """Accept only a date or a 'YYYY-MM-DD' string (no timestamps, no numbers)."""
    if isinstance(value, dt.datetime):
        raise ValueError(because("input.date_and_time", "expected a date (YYYY-MM-DD), not a date and time"))
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(because("input.bad_date", "'{value}' is not a valid date", value=value)) from None
    raise ValueError(because("input.not_a_date", "expected a date as YYYY-MM-DD, got {value}", value=repr(value)))


Date = Annotated[dt.date, BeforeValidator(_iso_date), Field(description="An ISO date, YYYY-MM-DD.")]
Cycle = Literal["short", "first", "second", "third"]
StudyKind = Literal["academic", "vocational"]
EctsGrade = Literal["A", "B", "C", "D", "E", "FX", "F"]


def _total(values: list[float | None]) -> float | None:
    """Sum of credits, or None if any is unknown; rounded to hide float noise (9.2857 * 7)."""
    if any(v is None for v in values):
        return None
    return round(math.fsum(values), 6)  # type: ignore[arg-type]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)  # built on first use: keeps start-up fast



__all__ = ["Credits", "Grade", "CountryCode", "Text", "Date", "Cycle", "StudyKind", "EctsGrade", "_Strict", "_total"]
