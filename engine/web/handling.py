"""What every route shares: HTML pages from the report templates, and bad input answered with a 4xx status and
the CLI's one-line error (JSON under /api, a page elsewhere); the work of a request runs in a worker process
(engine.web.pool) under the time and memory limits, and its failures are worded in the request's language."""
from __future__ import annotations

import logging
from typing import Any, Sequence

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..errors import InputError
from engine.semantics.reasons import Reason, Shown, because
from engine.history.store import StoreError
from ..render.comparison_words import period_words
from ..render.i18n import available_languages
from ..render.templated import render_template
from ..render.wording import wording
from engine.tools.describe import status_words, subject_words, what_words
from .config import MB
from .security import BodyTooLarge

LOG = logging.getLogger("ects.serve")


class WorkFailed(Exception):
    """A request's work that failed in its worker process: answered with `status` and `reason` (a catalogue key
    and its English sentence), worded in the request's language."""

    status = 500

    def __init__(self, reason: Reason):
        super().__init__(str(reason))
        self.reason = reason


class TooSlow(WorkFailed):
    """A request whose work passed the server's time limit (its worker process is stopped)."""

    status = 422

    def __init__(self, seconds: float):
        super().__init__(because("web.too_slow", "the request took longer than the time limit of {seconds} s; send "
                                 "fewer or smaller files", seconds=seconds))


class OverMemory(WorkFailed):
    """A request whose work needed more memory than a worker process may take (`--memory-limit`)."""

    status = 413

    def __init__(self, limit: int):
        super().__init__(because("web.over_memory", "the request needed more memory than the limit of {mib} MiB a "
                                 "worker process; send fewer or smaller files", mib=limit // MB))


class WorkerLost(WorkFailed):
    """The worker process of a request ended without an answer (killed from outside, out of memory)."""

    def __init__(self, exitcode: int | None):
        super().__init__(because("web.worker_lost", "the worker process of this request stopped unexpectedly (exit "
                                 "code {code}); try again, with fewer or smaller files", code=str(exitcode)))


class ClientGone(Exception):
    """The client of a request went away before its answer (its work was stopped)."""

    def __init__(self, method: str, path: str):
        super().__init__(f"{method} {path}: the client went away before the answer; its work was stopped")


class WorkersUnavailable(Exception):
    """The worker processes cannot serve (they could not start, or load the rule sets as the server loaded them):
    answered 503 with `reason` worded in the request's language (raised in a worker too: it pickles as its reason)."""

    def __init__(self, reason: Reason):
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return str(self.reason)


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
    return error_response(request, 400, error_lines(e, request_language(request)))


async def on_store_error(request: Request, e: Exception) -> Response:
    """The audit store (`ects serve --store`) failed: the server's fault, not the upload's."""
    assert isinstance(e, InputError)
    return error_response(request, 503, error_lines(e, request_language(request)))


async def on_too_large(request: Request, e: Exception) -> Response:
    assert isinstance(e, BodyTooLarge)
    too_large = because("web.too_large", "the upload is larger than the limit of {mb} MB a request",
                        mb=Shown(e.limit / (1024 * 1024)))
    return error_response(request, 413, [wording(page_language(request)).reason(too_large)])


def request_language(request: Request) -> str:
    """The language a request asked its report in (an audit's `lang`, kept in `request.state.lang`), else the
    page's language."""
    return getattr(request.state, "lang", None) or page_language(request)


async def on_work_failed(request: Request, e: Exception) -> Response:
    assert isinstance(e, WorkFailed)
    return error_response(request, e.status, [wording(request_language(request)).reason(e.reason)])


async def on_workers_unavailable(request: Request, e: Exception) -> Response:
    assert isinstance(e, WorkersUnavailable)
    return error_response(request, 503, [wording(request_language(request)).reason(e.reason)])


async def on_client_gone(request: Request, e: Exception) -> Response:
    """One line in the server's log; the answer (499, nginx's "client closed request") has no one to read it."""
    gone = e if isinstance(e, ClientGone) else ClientGone(request.method, request.url.path)
    LOG.warning("ects serve: %s", gone)
    return Response(status_code=499)


async def on_http(request: Request, e: Exception) -> Response:
    assert isinstance(e, HTTPException)
    detail = e.detail
    return error_response(request, e.status_code, [wording(request_language(request)).reason(detail)
                                                   if isinstance(detail, Reason) else str(detail)])


EXCEPTION_HANDLERS = {InputError: on_input_error, StoreError: on_store_error, BodyTooLarge: on_too_large,
                      WorkFailed: on_work_failed, HTTPException: on_http, WorkersUnavailable: on_workers_unavailable,
                      ClientGone: on_client_gone, ClientDisconnect: on_client_gone}
