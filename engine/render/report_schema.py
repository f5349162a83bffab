"""The JSON Schema of the JSON report (`ects schema report`), written out: the documented shape of
docs/reports.md plus the language-free data of each finding, in the full form (`show` all) and the compact
one (engine.render.json_compact: what every finding of a rule shares given once, in `rules`, `steps`,
`documents`, `sources`, and referred to). Fields of the full form may be added, never renamed."""
from __future__ import annotations

from typing import Any

from engine.evaluation.findings import STATUSES

SCHEMA_ID = "https://ects.example/schemas/report.json"
_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_OPT_INT = {"type": ["integer", "null"]}
_NUM = {"type": "number"}
_SCALAR = {"type": ["string", "number", "boolean", "null"]}
_STEP_KIND = {"enum": ["requirement", "condition"]}
_STEP_ID = {"type": "string", "pattern": "^T[0-9]+$"}  # a step of a compact report's `steps`
_SOURCE_ID = {"type": "string", "pattern": "^S[0-9]+$"}  # a source of the report's `sources`


def _obj(required: dict[str, Any], optional: dict[str, Any] | None = None, closed: bool = True) -> dict[str, Any]:
    props = {**required, **(optional or {})}
    return {"type": "object", "properties": props, "required": sorted(required), "additionalProperties": not closed}


def _value() -> dict[str, Any]:
    """A value as data: exactly one of number, choices, range, unknown, bool, set, date, items, none, text."""
    kinds = {
        "number": _NUM, "choices": {"type": "array", "items": _NUM, "minItems": 1}, "range": {
            "type": "array", "items": _NUM, "minItems": 2, "maxItems": 2},
        "unknown": _STR, "bool": {"type": "boolean"}, "set": {"type": "array", "items": _SCALAR}, "date": _STR,
        "items": {"type": "integer", "minimum": 0}, "none": {"const": True}, "text": _STR,
    }
    extra = {"unit": _STR, "exact": {"type": "boolean"}}
    return {"type": "object", "properties": {**kinds, **extra}, "additionalProperties": False,
            "oneOf": [{"required": [k]} for k in kinds], "minProperties": 1}


_PERIOD = _obj({"from": {"type": ["string", "null"], "format": "date"}, "until": {"type": ["string", "null"], "format": "date"}})
_OUTCOMES = ["met", "not_met", "undecided", "holds", "does_not_hold"]


def _event() -> dict[str, Any]:
    read = _obj({"kind": {"const": "read"}, "value": {"$ref": "#/$defs/value"}},
                {"expr": _STR, "detail": _OPT_STR, "param": _obj({"ruleset": _STR, "in_force": {"anyOf": [_PERIOD, {"type": "null"}]},
                                "file": _OPT_STR, "line": _OPT_INT})})
    condition = _obj({"kind": {"const": "condition"}, "outcome": {"enum": ["holds", "does_not_hold", "undecided"]},
                      "reason": _OPT_STR, "role": {"enum": ["when", "exception", "where"]}}, {"expr": _STR})
    requirement = _obj({"kind": {"const": "requirement"}, "outcome": {"enum": ["met", "not_met", "undecided"]},
                        "reason": _OPT_STR}, {"expr": _STR})
    return {"oneOf": [read, condition, requirement]}


def _citation(**more: Any) -> dict[str, Any]:
    return _obj({**more, "source": _STR, "source_id": _STR, "ref": _STR, "quote": _OPT_STR, "confidence": _OPT_STR},
                    {"quotes": {"type": "object", "additionalProperties": _STR},  # the original-language texts
                     "language": _STR,  # the language of the source (el, sr...)
                     "unofficial_translation": {"type": "boolean"},  # `quote` is an English rendering
                     "quote_label": _STR,  # that, in the report's language (in the report's `sources`)
                     # the source's title and the article text by language (`title[el]`, `article[el]` in the rule file)
                     "source_titles": {"type": "object", "additionalProperties": _STR},
                     "refs": {"type": "object", "additionalProperties": _STR}})


def _short_step(**more: Any) -> dict[str, Any]:
    """A compact report's trace step (in its `steps`): the expression in words (its expression where it
    has none), value, detail, kind and a condition's role; `more`: its `id`."""
    return dict(_obj({**more, "value": _STR}, {"words": _STR, "expr": _STR, "detail": _STR, "kind": _STEP_KIND,
                                               "role": {"enum": ["when", "exception", "where"]}}),
                oneOf=[{"required": ["words"]}, {"required": ["expr"]}])


def _compact_source() -> dict[str, Any]:
    """A source of a compact report: as a citation, without the title of its document where `documents`
    gives it, and with `same_quote_as` (the id of the source that gives its quote) instead of its quote
    where an earlier source gives the same."""
    compact = _citation(id=_SOURCE_ID, same_quote_as=_SOURCE_ID)
    for key in ("source", "quote", "same_quote_as"):
        compact["required"].remove(key)
    compact["properties"].pop("source_titles")
    compact["properties"].pop("refs")
    return dict(compact, oneOf=[{"required": ["quote"]}, {"required": ["same_quote_as"]}])


def _finding() -> dict[str, Any]:
    """A finding: in full, everything (`citations` only with --show all: `sources` names them in the
    report's source table); compact (a not-applicable one under --show problems), only rule, severity,
    status, subject (the rule's title, note and sources are in the report's `rules` table); a problem in
    a compact report (engine.render.json_compact) without title, note, message parts and provenance, its
    trace the ids of its steps in the report's `steps`, its subject_ref's label only where it differs
    from its subject."""
    citation = _citation()
    full_step = _obj({"expr": _STR, "value": _STR, "event": {"$ref": "#/$defs/event"}},
                     {"detail": _STR, "kind": _STEP_KIND, "words": _STR})
    step = {"anyOf": [full_step, _STEP_ID]}
    part = {"oneOf": [
        _obj({"template": {"const": "rule"}, "lang": _OPT_STR, "args": {"type": "array", "items": {"$ref": "#/$defs/value"}}}),
        _obj({"template": {"type": "string", "pattern": r"^engine\."}, "args": {"type": "object"}}),
    ]}
    param = _obj({"name": _STR, "value": {"$ref": "#/$defs/value"}, "in_force": {"anyOf": [_PERIOD, {"type": "null"}]},
                  "ruleset": _STR, "file": _OPT_STR, "line": _OPT_INT},
                 {"what_if": {"const": True}})  # a value given for this audit only (`--set`), not the law
    waiver = _obj({"rule": _STR, "subject": _STR, "authority": _STR, "reference": _STR, "decided": _STR,
                   "valid_from": _OPT_STR, "valid_until": _OPT_STR, "reason": _STR})
    provenance = _obj({"file": _STR, "line": {"type": "integer"}, "ruleset": _STR, "overrides": _OPT_STR,
                       "exception_to": _OPT_STR, "params": {"type": "array", "items": param}})
    return _obj({
        "rule": _STR, "severity": {"enum": ["error", "warning", "info"]},
        "status": {"enum": list(STATUSES)}, "subject": _STR,
    }, {"title": _STR, "message": _STR,
        "subject_ref": _obj({"kind": _STR, "key": {"type": ["string", "integer", "null"]}}, {"label": _STR}),
        "message_parts": {"type": "array", "items": part},
        "replaces": _STR, "note": _STR, "citations": {"type": "array", "items": citation},
        "notes": {"type": "object", "additionalProperties": _STR},  # the rule's note by language (`note[el]`)
        "trace": {"type": "array", "items": step}, "provenance": {"anyOf": [provenance, {"type": "null"}]},
        "sources": {"type": "array", "items": _SOURCE_ID},
        "waiver": waiver,  # a waived finding's approved deviation
        "what_if": _STR})  # the sentence saying the finding used a what-if value


def batch_summary_schema() -> dict[str, Any]:
    """The summary that ends a batch (the last line of `jsonl`, `summary` in a folder's index.json)."""
    count = {"type": "integer", "minimum": 0}
    per_rule = _obj({"rule": _STR, **{status: count for status in STATUSES}},
                    {"severity": {"enum": ["error", "warning", "info"]}})  # a warning rule's `fail` are warnings
    return _obj({"files": count, "audited": count, "not_readable": count,
                 "verdicts": _obj({v: count for v in ("non_compliant", "incomplete", "compliant")}),
                 "rules": {"type": "array", "items": per_rule},
                 "not_audited": {"type": "array", "items": _obj({"location": _STR, "error": _STR})}})


def report_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one JSON report; `ects check --format json` on several files gives
    an array of them."""
    counts = {k: {"type": "integer", "minimum": 0} for k in STATUSES}
    what_if = _obj({"kind": {"enum": ["set", "choose"]}, "name": _STR, "value": _STR, "replaces": _OPT_STR,
                    "text": _STR})
    # the files of a batch that could not be read (every report of the batch names them all)
    unread = {"type": "array", "items": _obj({"location": _STR, "error": _STR})}
    report = _obj({
        "subject": _obj({"kind": _STR, "id": _STR, "title": _OPT_STR}),
        "ruleset": _obj({"id": _STR, "title": _STR, "version": _OPT_STR, "as_of": {"type": "string", "format": "date"}}),
        "input": _obj({"path": _OPT_STR, "sha256": _OPT_STR}),
        "verdict": {"enum": ["non_compliant", "incomplete", "compliant"]},
        "summary": _obj(counts),
        "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        "lang": _STR,
    }, {"extra": {"type": "object"}, "not_audited": unread,
        "what_ifs": {"type": "array", "items": what_if},  # changes asked for this audit only (--set, --choose)
        "show": {"enum": ["all", "problems", "failures"]},
        "sources": {"type": "array", "items": {"anyOf": [_citation(id=_SOURCE_ID), _compact_source()]}},
        # a compact report's trace steps, each once, and source documents, each once
        "steps": {"type": "array", "items": _short_step(id=_STEP_ID)},
        "documents": {"type": "array", "items": _obj({"source_id": _STR, "source": _STR})},
        "rules": {"type": "array", "items": _obj({"rule": _STR, "title": _STR, "severity": _STR,
                                                  "sources": {"type": "array", "items": _STR}},
                                                 {"note": _STR, "file": _STR, "line": {"type": "integer"}})},
        # a compact report's passed findings: per rule, every subject it passed for, in report order: worded,
        # or by key with the words of one subject (`{key}` standing for its key)
        "passed": {"type": "array", "items": {"oneOf": [
            _obj({"rule": _STR, "subjects": {"type": "array", "items": _STR}}, {"replaces": _STR}),
            _obj({"rule": _STR, "subject": {"type": "string", "pattern": r"\{key\}"},
                  "keys": {"type": "array", "items": {"type": ["string", "integer"]}}}, {"replaces": _STR})]}}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ects audit report",
        "anyOf": [{"$ref": "#/$defs/report"}, {"type": "array", "items": {"$ref": "#/$defs/report"}},
                  _obj({"not_audited": unread}),  # a batch of which no file could be read
                  _obj({"batch_summary": {"$ref": "#/$defs/batch_summary"}})],  # the last line of a jsonl batch
        "$defs": {"report": report, "finding": _finding(), "event": _event(), "value": _value(),
                  "batch_summary": batch_summary_schema()},
    }
