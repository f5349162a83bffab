"""pydantic's validation errors as keyed reasons (engine.semantics.reasons), worded in the reader's language.

pydantic words its errors in English. The common ones are worded here from their `type` and `ctx` (never
from the English text), under the keys `reason.input.value.<type>` of reports/i18n/<lang>.yaml; their
English is pydantic's own message, byte for byte: a template whose English is not the message pydantic
gave (another pydantic version) is not used, and the message falls back to pydantic's English, quoted as
it is in the other languages (`input.value.other`), as any other type of error does. A model validator's
own message (`value_error`) is its sentence as written, unless the validator raised a Reason (or a FieldProblem,
which names the field it is about).
"""
from __future__ import annotations

from string import Formatter
from typing import Any

from engine.semantics.reasons import Reason, because, plain

# The subject kinds a file is validated as ('programme field ...'): worded in the reader's language.
KINDS = {
    "programme": because("input.kind.programme", "programme"),
    "transfer": because("input.kind.transfer", "transfer"),
    "cohort": because("input.kind.cohort", "cohort"),
    "grading scheme": because("input.kind.grading_scheme", "grading scheme"),
}

# pydantic's error type -> its English message (pydantic_core's templates, with the ctx as placeholders).
ENGLISH = {
    "missing": "Field required",
    "extra_forbidden": "Extra inputs are not permitted",
    "float_type": "Input should be a valid number",
    "float_parsing": "Input should be a valid number, unable to parse string as a number",
    "int_type": "Input should be a valid integer",
    "int_parsing": "Input should be a valid integer, unable to parse string as an integer",
    "int_from_float": "Input should be a valid integer, got a number with a fractional part",
    "finite_number": "Input should be a finite number",
    "bool_type": "Input should be a valid boolean",
    "bool_parsing": "Input should be a valid boolean, unable to interpret input",
    "string_type": "Input should be a valid string",
    "list_type": "Input should be a valid list",
    "dict_type": "Input should be a valid dictionary",
    "model_type": "Input should be a valid dictionary or instance of {class_name}",
    "literal_error": "Input should be {expected} or {last}",
    "literal_error_one": "Input should be {expected}",
    "greater_than": "Input should be greater than {gt}",
    "greater_than_equal": "Input should be greater than or equal to {ge}",
    "less_than": "Input should be less than {lt}",
    "less_than_equal": "Input should be less than or equal to {le}",
    "too_short": "{field_type} should have at least {min_length} items after validation, not {actual_length}",
    "too_short_one": "{field_type} should have at least {min_length} item after validation, not {actual_length}",
    "string_too_short": "String should have at least {min_length} characters",
    "string_too_short_one": "String should have at least {min_length} character",
    "string_too_long": "String should have at most {max_length} characters",
    "string_too_long_one": "String should have at most {max_length} character",
    "string_pattern_mismatch": "String should match pattern '{pattern}'",
    "other": "{problem}",  # any other type: pydantic's English, quoted as it is in the other languages
}

# the kinds of collection a too_short error names ('List should have at least 1 item ...')
COLLECTIONS = {
    "List": because("input.collection.list", "List"),
    "Dictionary": because("input.collection.dictionary", "Dictionary"),
}

_ONE = ("too_short", "string_too_short", "string_too_long")  # a singular English for a count of 1


class FieldProblem(ValueError):
    """A model validator's problem with one field of the model: `where` is its path ('courses.3.term'),
    `reason` the keyed message (its English: '@courses.3.term: message', as such a problem always read)."""

    def __init__(self, where: str, reason: Reason):
        super().__init__(f"@{where}: {reason}")
        self.where, self.reason = where, reason

    def __reduce__(self):  # pickled as it was made (its args are its English text only)
        return FieldProblem, (self.where, self.reason)


def subject_kind(what: str) -> Reason:
    """The kind of subject file ('programme') as a keyed reason (English only for a kind not listed)."""
    return KINDS.get(what) or plain(what)


def field_problem(err: dict[str, Any]) -> Reason:
    """One of pydantic's errors (an item of `ValidationError.errors()`) as a reason whose English is its message."""
    kind, msg = err["type"], err["msg"]
    ctx = dict(err.get("ctx") or {})
    if kind == "value_error":
        raised = ctx.get("error")
        if isinstance(raised, FieldProblem):
            return raised.reason
        given = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
        return given if isinstance(given, Reason) else plain(msg.removeprefix("Value error, "))
    reason = _keyed(kind, ctx)
    if reason is not None and str(reason) == msg:
        return reason
    return because("input.value.other", ENGLISH["other"], problem=msg)


def _keyed(kind: str, ctx: dict[str, Any]) -> Reason | None:
    """The reason of an error type with a template, its placeholders filled from ctx (None: no template)."""
    if kind == "literal_error":
        head, sep, last = str(ctx.get("expected", "")).rpartition(" or ")
        ctx = {"expected": head, "last": last} if sep else {"expected": last}
        kind = kind if sep else "literal_error_one"
    elif kind == "too_short":
        if ctx.get("field_type") not in COLLECTIONS:
            return None
        ctx["field_type"] = COLLECTIONS[ctx["field_type"]]
    if kind in _ONE and (ctx.get("min_length", ctx.get("max_length")) == 1):
        kind += "_one"
    english = ENGLISH.get(kind)
    if english is None or kind == "other":
        return None
    names = [name for _, name, _, _ in Formatter().parse(english) if name]
    if any(name not in ctx for name in names):
        return None
    return because(f"input.value.{kind}", english, **{name: _number(ctx[name]) for name in names})


def _number(value: Any) -> Any:
    """A bound as pydantic writes it: a whole float as an integer (ge=0.0 reads 'greater than or equal to 0')."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
