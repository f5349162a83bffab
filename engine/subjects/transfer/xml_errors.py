"""The reading errors ELMO and OLA files share (a credit value, a date, a value the model refuses), keyed:
worded in the reader's language, in English as they always were."""
from __future__ import annotations

from engine.semantics.reasons import Reason, because


def credit_not_number(value: str) -> Reason:
    """'credit value 'lots' is not a number'."""
    return because("import.credit_not_number", "credit value '{value}' is not a number", value=value)


def credit_negative(value: str) -> Reason:
    """'credit value '-1' is not a non-negative number' (also for NaN and infinity)."""
    return because("import.credit_negative", "credit value '{value}' is not a non-negative number", value=value)


def credit_too_large(value: str) -> Reason:
    """A credit value that is a whole number a float cannot hold exactly (docs/limits.md)."""
    return because("import.credit_too_large", "credit value '{value}': a whole number larger than "
                   "9,007,199,254,740,992 (2^53) cannot be held exactly", value=value)


def not_a_date(tag: str, value: str) -> Reason:
    """'<date> '2020-13-01' is not a date (YYYY-MM-DD)'."""
    return because("import.xml_not_date", "<{tag}> '{value}' is not a date (YYYY-MM-DD)", tag=tag, value=value)


def cannot_import(err: dict) -> Reason:
    """A value the transfer model refuses, from pydantic's first error: where it is and pydantic's words."""
    where = ".".join(str(p) for p in err["loc"])
    return because("import.cannot_import", "cannot import: {where}: {why}", where=where, why=err["msg"])
