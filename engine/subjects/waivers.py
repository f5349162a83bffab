"""Approved deviations (`waivers:` in programme and transfer files): a decision of a competent body that
lets one rule's failure on one subject stand, for a time. engine.evaluation.waivers applies them."""
from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine.subjects.transfer.base import Date, Text
from engine.semantics.reasons import because


class Waiver(BaseModel):
    """One approved deviation: which rule, on what, approved by whom, by which decision, when, and why."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)

    rule: Text = Field(description="the id of the rule the deviation is from, e.g. semester_credits")
    subject: Text = Field(description="what it covers, as reports name it: 'programme', 'year 2', 'term 3', "
                                      "'course PE305', or a course code alone ('PE305')")
    authority: Text = Field(description="the body that approved it, e.g. 'Senate of the University of X'")
    reference: Text = Field(description="the decision's reference, e.g. 'decision 12/2024, item 4'")
    decided: Date = Field(description="the date of the decision (YYYY-MM-DD); it is in force from then")
    valid_from: Date | None = Field(None, description="first day it applies, if later than the decision")
    valid_until: Date | None = Field(None, description="last day it applies (inclusive); none: no end")
    reason: Text = Field(description="why the deviation was approved")

    @model_validator(mode="after")
    def _period(self) -> "Waiver":
        if self.valid_until is not None and self.valid_until < self.starts():
            raise ValueError(because("waiver.ends_before_start", "valid_until {until} is before the waiver starts "
                                     "({start})", until=self.valid_until, start=self.starts()))
        return self

    def starts(self) -> dt.date:
        """The first day the waiver applies: valid_from, else the decision's date."""
        return self.valid_from or self.decided

    def valid_on(self, day: dt.date) -> bool:
        """Whether the waiver applies on `day`."""
        return self.starts() <= day and (self.valid_until is None or day <= self.valid_until)

    def validity(self) -> "Validity":
        """'from 2024-01-10 until 2025-09-30' (inclusive), 'from 2024-01-10'."""
        return Validity(self.starts(), self.valid_until)


class Validity(str):
    """When a waiver applies: its English text ('from 2024-01-10 until 2025-09-30', both days included) with
    its first and last day, which a report in another language words itself."""

    def __new__(cls, start: dt.date, end: dt.date | None) -> "Validity":
        text = super().__new__(cls, f"from {start}" + (f" until {end}" if end else ""))
        text.start, text.end = start, end
        return text

    def __getnewargs__(self) -> tuple[dt.date, dt.date | None]:  # copied and pickled (--jobs) as made
        return (self.start, self.end)


__all__ = ["Waiver", "Validity"]
