"""The HTML pages: Audit (form, report, batch index with its rule x subject matrix), downloads, Compare, and the
rule-set browser (an anchor per rule, which every finding of a report links to). Audits, their pages and
downloads, and comparisons are made in a worker process (engine.web.tasks)."""
from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from engine.dsl.excerpt import declaration_text
from engine.tools.describe import describe_ruleset
from ..errors import UsageError
from ..semantics.reasons import Listed, because
from ..render.i18n import available_languages
from ..render.templated import render_comparison
from ..render.wording import wording
from engine.subjects.kinds import KINDS
from . import tasks
from .auditing import DOWNLOAD_FORMATS, KeptAudit
from .config import check_what_ifs, parse_day
from .forms import audit_from_form, compare_from_form, read_form
from .handling import error_response, page, page_language


async def audit_form(request: Request) -> Response:
    return page(request, "web/audit.html.j2", kinds=sorted(KINDS), langs=available_languages(),
                formats=list(DOWNLOAD_FORMATS))


async def audit_post(request: Request) -> Response:
    """Audit the uploads in a worker process; one report is shown as its report page, several as the batch index."""
    state = request.app.state
    req = await audit_from_form(await read_form(request, state.config), state.config)
    request.state.lang = req.lang  # the failures of its work (time, memory) are worded in it
    check_what_ifs(state.catalog, req)
    first = await state.workers.run_for(request, tasks.audit_for_pages, req)
    if not first.names:
        return error_response(request, 400, list(first.errors) or [wording(req.lang).t("web.nothing_audited")])
    kept = KeptAudit(req, first.names, first.sources, first.since, first.not_audited)
    state.results.put(kept)
    return RedirectResponse(f"/results/{kept.token}", status_code=303)


def _kept(request: Request) -> KeptAudit:
    kept = request.app.state.results.get(request.path_params["token"])
    if kept is None:
        raise HTTPException(404, because("web.result_gone", "this result is no longer kept by the server (only recent "
                                         "audits are); audit the files again"))
    request.state.lang = kept.request.lang
    return kept


async def result_page(request: Request) -> Response:
    html = await request.app.state.workers.run_for(request, tasks.result_page, _kept(request), None)
    return HTMLResponse(html)


async def report_page(request: Request) -> Response:
    kept = _kept(request)
    index = request.path_params["index"]
    if not 0 <= index < kept.count:
        raise HTTPException(404, because("web.no_report", "no report {which} in this result", which=str(index)))
    return HTMLResponse(await request.app.state.workers.run_for(request, tasks.result_page, kept, index))


async def download(request: Request) -> Response:
    """A report (or all of them: `all`) in one of the CLI's formats, as a file to save."""
    kept = _kept(request)
    fmt = request.path_params["fmt"]
    if fmt not in DOWNLOAD_FORMATS:
        raise UsageError(because("web.unknown_format", "unknown report format '{fmt}'; formats: {formats}", fmt=fmt,
                                 formats=Listed(DOWNLOAD_FORMATS)))
    which = request.path_params["which"]
    if which != "all" and not (which.isdigit() and int(which) < kept.count):
        raise HTTPException(404, because("web.no_report", "no report {which} in this result", which=f"'{which}'"))
    index = None if which == "all" else int(which)
    text = await request.app.state.workers.run_for(request, tasks.download, kept, index, fmt)
    media, ext = DOWNLOAD_FORMATS[fmt]
    name = "reports" if index is None else kept.names[index]
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
    data = await request.app.state.workers.run_for(request, tasks.compare, req, lang)
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
