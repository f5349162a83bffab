"""The HTML pages: Audit (form, report, batch index with its rule x subject matrix), downloads, Compare, and the
rule-set browser (an anchor per rule, which every finding of a report links to)."""
from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from engine.dsl.excerpt import declaration_text
from engine.tools.describe import describe_ruleset
from ..errors import UsageError
from ..render.i18n import Labels, available_languages
from ..render.templated import render_comparison, report_context
from ..render.wording import wording
from engine.subjects.kinds import KINDS
from .auditing import DOWNLOAD_FORMATS, AuditResult, batch_rows, matrix, run_audit
from .comparing import run_compare
from .config import parse_day
from .forms import audit_from_form, compare_from_form, read_form
from .handling import error_response, limited, page, page_language


def rule_page(ruleset_id: str, as_of: str) -> str:
    """The rule-set browser's page, with the values in force on a report's date."""
    return f"/rulesets/{ruleset_id}?as_of={as_of}"


async def audit_form(request: Request) -> Response:
    return page(request, "web/audit.html.j2", kinds=sorted(KINDS), langs=available_languages(),
                formats=list(DOWNLOAD_FORMATS))


async def audit_post(request: Request) -> Response:
    """Audit the uploads; one report is shown as its report page, several as the batch index."""
    state = request.app.state
    req = await audit_from_form(await read_form(request, state.config), state.config)
    result = await limited(request, run_audit, state.catalog, req.rulesets, req.files, req.kind, req.as_of, req.lang,
                           req.transcript, req.table, store=state.config.store)
    if not result.reports:
        return error_response(request, 400, result.error_lines() or [wording(result.lang).t("web.nothing_audited")])
    state.results.put(result)
    return RedirectResponse(f"/results/{result.token}", status_code=303)


def _result(request: Request) -> AuditResult:
    result = request.app.state.results.get(request.path_params["token"])
    if result is None:
        raise HTTPException(404, "this result is no longer kept by the server (only recent audits are); "
                                 "audit the files again")
    return result


def _report_page(request: Request, result: AuditResult, index: int) -> Response:
    report = result.reports[index]
    ctx = [report_context(report, Labels(result.lang), 1)]
    return page(request, "web/report.html.j2", lang=result.lang, reports=ctx, not_audited=result.not_audited,
                rule_pages={report.ruleset_id: rule_page(report.ruleset_id, report.as_of)}, token=result.token,
                index=index,
                formats=list(DOWNLOAD_FORMATS), many=len(result.reports) > 1)


async def result_page(request: Request) -> Response:
    result = _result(request)
    if len(result.reports) == 1:
        return _report_page(request, result, 0)
    offsets, start = {}, 0
    for rs_id, batch in result.batches.items():
        offsets[rs_id] = start
        start += len(batch.reports)
    catalog = request.app.state.catalog
    words = wording(result.lang)
    batches = [{"id": rs_id, "rows": [(offsets[rs_id] + i, r) for i, r in batch_rows(batch)], "matrix": matrix(batch, result.lang),
                "title": words.text(catalog.get(rs_id).composed.header.titles, catalog.get(rs_id).composed.title)}
               for rs_id, batch in result.batches.items()]
    return page(request, "web/batch.html.j2", lang=result.lang, result=result, batches=batches, words=words,
                formats=list(DOWNLOAD_FORMATS), not_audited=result.not_audited)


async def report_page(request: Request) -> Response:
    result = _result(request)
    index = request.path_params["index"]
    if not 0 <= index < len(result.reports):
        raise HTTPException(404, f"no report {index} in this result")
    return _report_page(request, result, index)


async def download(request: Request) -> Response:
    """A report (or all of them: `all`) in one of the CLI's formats, as a file to save."""
    result = _result(request)
    fmt = request.path_params["fmt"]
    if fmt not in DOWNLOAD_FORMATS:
        raise UsageError(f"unknown report format '{fmt}'; formats: {', '.join(DOWNLOAD_FORMATS)}")
    which = request.path_params["which"]
    if which != "all" and not (which.isdigit() and int(which) < len(result.reports)):
        raise HTTPException(404, f"no report '{which}' in this result")
    index = None if which == "all" else int(which)
    text = await limited(request, result.download, index, fmt)
    media, ext = DOWNLOAD_FORMATS[fmt]
    one = result.reports[index] if index is not None else None
    name = "reports" if one is None else f"report-{one.subject_id}-{one.ruleset_id}"
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:100]
    return Response(text, media_type=f"{media}; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{safe}.{ext}"'})


async def rulesets_page(request: Request) -> Response:
    day = parse_day(request.query_params.get("as_of"))
    catalog = request.app.state.catalog
    sets = [describe_ruleset(catalog.get(i), day, page_language(request)) for i in catalog.ids()]
    return page(request, "web/rulesets.html.j2", sets=sets, as_of=day.isoformat())


async def ruleset_page(request: Request) -> Response:
    catalog = request.app.state.catalog
    rs = catalog.get(request.path_params["ruleset"])
    data = describe_ruleset(rs, parse_day(request.query_params.get("as_of")), page_language(request))
    for rule in data["rules"]:  # each rule's text as written, highlighted by the template
        versions = rs.rules.get(rule["id"]) or []
        pos = versions[0].decl.pos if versions and versions[0].decl is not None else None
        rule["source"] = declaration_text(pos.file, pos.line) if pos is not None else None
        rule["declared_at"] = f"{Path(pos.file).name}:{pos.line}" if pos is not None else None
    return page(request, "web/ruleset.html.j2", d=data)


async def compare_form(request: Request) -> Response:
    return page(request, "web/compare.html.j2")


async def compare_post(request: Request) -> Response:
    req = await compare_from_form(await read_form(request, request.app.state.config))
    lang = page_language(request)
    data = await limited(request, run_compare, request.app.state.catalog, req, lang)
    return HTMLResponse(render_comparison(data, lang))


async def home(request: Request) -> Response:
    return RedirectResponse("/audit", status_code=307)


ROUTES = [
    Route("/", home, include_in_schema=False),
    Route("/audit", audit_form, methods=["GET"], include_in_schema=False),
    Route("/audit", audit_post, methods=["POST"], include_in_schema=False),
    Route("/results/{token}", result_page, include_in_schema=False),
    Route("/results/{token}/{index:int}", report_page, include_in_schema=False),
    Route("/results/{token}/download/{which}.{fmt}", download, include_in_schema=False),
    Route("/rulesets", rulesets_page, include_in_schema=False),
    Route("/rulesets/{ruleset}", ruleset_page, include_in_schema=False),
    Route("/compare", compare_form, methods=["GET"], include_in_schema=False),
    Route("/compare", compare_post, methods=["POST"], include_in_schema=False),
]
