"""The HTTP API under /api: the CLI's JSON (reports, `rules show --format json`, `compare --format json`), and
its OpenAPI document, generated from the docstrings below (each route's YAML after '---')."""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.schemas import SchemaGenerator

from engine.tools.describe import describe_ruleset
from . import tasks
from .config import check_what_ifs, parse_day
from .forms import (audit_from_form, audit_from_json, body_language, compare_from_form, compare_from_json, read_form,
                    read_json)

SCHEMAS = SchemaGenerator({"openapi": "3.0.3", "info": {"title": "ects", "version": "1"}})


def _json(text: str, status: int = 200) -> Response:
    return Response(text, status_code=status, media_type="application/json")


async def list_rulesets(request: Request) -> Response:
    """
    summary: The rule sets this server offers (bundled and configured folders)
    responses:
      200: {description: "[{id, title, extends, in_force, jurisdiction}]"}
    """
    catalog = request.app.state.catalog
    out = []
    for rs_id in catalog.ids():
        c = catalog.get(rs_id).composed
        out.append({"id": rs_id, "title": c.title, "extends": c.header.extends,
                    "in_force": c.header.in_force.describe(), "jurisdiction": c.header.jurisdiction})
    return JSONResponse(out)


async def show_ruleset(request: Request) -> Response:
    """
    summary: One rule set described, as `ects rules show --format json`
    parameters:
      - {name: ruleset, in: path, required: true, schema: {type: string}}
      - {name: as_of, in: query, required: false, schema: {type: string, format: date}}
    responses:
      200: {description: "sources, parameters with dated versions, rules, citations"}
      400: {description: "unknown rule set or bad date"}
    """
    rs = request.app.state.catalog.get(request.path_params["ruleset"])
    data = describe_ruleset(rs, parse_day(request.query_params.get("as_of")))
    return _json(json.dumps(data, ensure_ascii=False, indent=2))


async def audit(request: Request) -> Response:
    """
    summary: Audit subject files (multipart) or one subject (JSON body) under one or more rule sets
    description: >
      multipart/form-data fields: files (one or more; *.yaml, *.yml, *.json, a course table *.xlsx, *.xlsm,
      *.ods, *.xls, *.csv, *.tsv, a cohort *.csv, an Online Learning Agreement *.xml, or a *.zip of them),
      rules (one or more rule set ids), kind (auto, programme, transfer, cohort), as_of (YYYY-MM-DD),
      lang (en, el, sr), transcript (an ELMO XML file, with one transfer file), fields (for course tables:
      programme fields the table lacks, one name=value a line, as --field), set (what-if: a parameter value
      for this audit only, NAME=VALUE written as in a rule file, as --set; repeatable, or one a line) and
      choose (what-if: an elective choice, GROUP=CODE,CODE as --choose; repeatable, or one a line). JSON
      body: {"rules": id or [ids], "subject": the content of a subject file, "kind", "as_of", "lang",
      "set": ["NAME=VALUE", ...] or {NAME: VALUE}, "choose": ["GROUP=CODE,CODE", ...] or {GROUP: [CODE, ...]}}.
      The answer is the CLI's `--format json`: one report object, or a list when there are several (files x
      rule sets); a what-if report lists its changes in `what_ifs`. If a file cannot be read, the answer is
      400 with the error of every such file; a malformed or unknown what-if is 400 with the CLI's error.
    requestBody:
      content:
        multipart/form-data: {schema: {type: object}}
        application/json: {schema: {type: object, required: [rules, subject]}}
    responses:
      200: {description: "a report, or a list of reports (the JSON report schema: `ects schema`)"}
      400: {description: "bad input: {error, errors}"}
      413: {description: "the upload is over the server's limit, or its work needed more memory than a worker may take"}
      422: {description: "the work passed the server's time limit (its worker process is stopped)"}
      500: {description: "the worker process stopped unexpectedly"}
    """
    state = request.app.state
    if request.headers.get("content-type", "").startswith("application/json"):
        data = await read_json(request)
        request.state.lang = body_language(data)  # the errors of the body's shape are worded in its language
        req = audit_from_json(data)
    else:
        req = await audit_from_form(await read_form(request, state.config), state.config)
    request.state.lang = req.lang  # the failures of its work (time, memory) are worded in it
    check_what_ifs(state.catalog, req)
    text, errors = await state.workers.run_for(request, tasks.audit_json, req)
    if errors:
        return JSONResponse({"error": errors[0], "errors": errors}, status_code=400)
    return _json(text)


async def compare(request: Request) -> Response:
    """
    summary: Rule sets side by side, as `ects compare --format json`
    description: >
      JSON body {"rules": [ids], "as_of", "programme": the content of a programme file (optional)}, or
      multipart/form-data with fields rules (several), as_of and programme (one file).
    responses:
      200: {description: "parameters, rules (added, overridden, excepted, dropped) and verdicts per set"}
      400: {description: "bad input: {error, errors}"}
    """
    if request.headers.get("content-type", "").startswith("application/json"):
        req = compare_from_json(await read_json(request))
    else:
        req = await compare_from_form(await read_form(request, request.app.state.config))
    data = await request.app.state.workers.run_for(request, tasks.compare, req)
    return _json(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


async def openapi(request: Request) -> Response:
    """
    summary: This document
    responses:
      200: {description: "OpenAPI 3 document"}
    """
    return JSONResponse(SCHEMAS.get_schema(routes=request.app.routes))


ROUTES = [
    Route("/api/rulesets", list_rulesets, methods=["GET"]),
    Route("/api/rulesets/{ruleset}", show_ruleset, methods=["GET"]),
    Route("/api/audit", audit, methods=["POST"]),
    Route("/api/compare", compare, methods=["POST"]),
    Route("/api/openapi.json", openapi, methods=["GET"], include_in_schema=False),
]
