"""What every route shares: HTML pages from the report templates, and bad input answered with a 4xx status and
the CLI's one-line error (JSON under /api, a page elsewhere); the work of a request runs in a worker process
(engine.web.pool) under the time limit."""
from __future__ import annotations

from typing import Any, Sequence

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..errors import InputError
from engine.history.store import StoreError
from ..render.comparison_words import period_words
from ..render.i18n import available_languages
from ..render.templated import render_template
from ..render.wording import wording
from engine.tools.describe import status_words, subject_words, what_words
from .security import BodyTooLarge


class TooSlow(Exception):
    """A request whose work passed the server's time limit."""

    def __init__(self, seconds: float):
        super().__init__(f"the request took longer than the time limit of {seconds:g} s; send fewer or smaller files")


class WorkerLost(Exception):
    """The worker process of a request ended without an answer (killed from outside, out of memory)."""

    def __init__(self, exitcode: int | None):
        super().__init__(f"the worker process of this request stopped unexpectedly (exit code {exitcode}); "
                         "try again, with fewer or smaller files")


class WorkersUnavailable(Exception):
    """The worker processes cannot serve (their rule sets could not be loaded as the server loaded them)."""


def page_language(request: Request) -> str:
    """The language the reader chose for the application's pages (`?lang=el`); English when none (or none known)."""
    lang = request.query_params.get("lang") or "en"
    return lang if lang in available_languages() else "en"


def page(request: Request, template: str, status: int = 200, lang: str | None = None, **context: Any) -> HTMLResponse:
    """An HTML page from a template in reports/templates (web/* for the application's own pages), its words in
    `lang` (default: the page's language); its links and forms keep the reader's language (`q`)."""
    html = render_page(template, lang or page_language(request), request.url.path, request.app.state.catalog.ids(),
                       **context)
    return HTMLResponse(html, status_code=status)


def render_page(template: str, lang: str, path: str, rulesets: Sequence[str], **context: Any) -> str:
    """A page of the application at `path` (as `page`, without a request: a worker process renders result pages),
    with the ids of the rule sets offered."""
    w = wording(lang)
    helpers = {"q": f"?lang={lang}" if lang != "en" else "", "day": w.date,
               "period": lambda text: period_words(text, w), "checks": lambda text: subject_words(text, w),
               "status": lambda text: status_words(text, w), "what": lambda text: what_words(text, w),
               "when": lambda text: w.sentences.expr(text) or text}
    return render_template(template, "html", lang, path=path, rulesets=list(rulesets), **{**helpers, **context})


def error_lines(e: InputError, lang: str = "en") -> list[str]:
    """The lines the CLI prints for an input error, without its 'error: ' prefix, in `lang` where the message
    has a catalogue key (English otherwise)."""
    say = wording(lang).reason
    return [err.format(say) for err in (getattr(e, "errors", None) or [e])]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def error_response(request: Request, status: int, lines: list[str]) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": lines[0], "errors": lines}, status_code=status)
    return page(request, "web/error.html.j2", status, lines=lines)


async def on_input_error(request: Request, e: Exception) -> Response:
    assert isinstance(e, InputError)
    return error_response(request, 400, error_lines(e, page_language(request)))


async def on_store_error(request: Request, e: Exception) -> Response:
    """The audit store (`ects serve --store`) failed: the server's fault, not the upload's."""
    return error_response(request, 503, [str(e)])


async def on_too_large(request: Request, e: Exception) -> Response:
    return error_response(request, 413, [str(e)])


async def on_too_slow(request: Request, e: Exception) -> Response:
    return error_response(request, 422, [str(e)])


async def on_worker_lost(request: Request, e: Exception) -> Response:
    return error_response(request, 500, [str(e)])


async def on_workers_unavailable(request: Request, e: Exception) -> Response:
    return error_response(request, 503, [str(e)])


async def on_http(request: Request, e: Exception) -> Response:
    assert isinstance(e, HTTPException)
    return error_response(request, e.status_code, [str(e.detail)])


EXCEPTION_HANDLERS = {InputError: on_input_error, StoreError: on_store_error, BodyTooLarge: on_too_large, TooSlow: on_too_slow,
                      HTTPException: on_http, WorkerLost: on_worker_lost, WorkersUnavailable: on_workers_unavailable}
