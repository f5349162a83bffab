"""What every route shares: the work of a request run in a worker thread under the time limit, HTML pages from
the report templates, and bad input answered with a 4xx status and the CLI's one-line error (JSON under /api,
a page elsewhere)."""
from __future__ import annotations

from functools import partial
from typing import Any, Callable, TypeVar

import anyio
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

T = TypeVar("T")


class TooSlow(Exception):
    """A request whose work passed the server's time limit."""

    def __init__(self, seconds: float):
        super().__init__(f"the request took longer than the time limit of {seconds:g} s; send fewer or smaller files")


async def limited(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run `fn` in a worker thread; TooSlow once the server's time limit has passed (the answer does not wait
    for the thread)."""
    seconds = request.app.state.config.timeout
    try:
        with anyio.fail_after(seconds):
            return await anyio.to_thread.run_sync(partial(fn, *args, **kwargs), abandon_on_cancel=True)
    except TimeoutError:
        raise TooSlow(seconds) from None


def page_language(request: Request) -> str:
    """The language the reader chose for the application's pages (`?lang=el`); English when none (or none known)."""
    lang = request.query_params.get("lang") or "en"
    return lang if lang in available_languages() else "en"


def page(request: Request, template: str, status: int = 200, lang: str | None = None, **context: Any) -> HTMLResponse:
    """An HTML page from a template in reports/templates (web/* for the application's own pages), its words in
    `lang` (default: the page's language); its links and forms keep the reader's language (`q`)."""
    lang = lang or page_language(request)
    w = wording(lang)
    helpers = {"q": f"?lang={lang}" if lang != "en" else "", "day": w.date,
               "period": lambda text: period_words(text, w), "checks": lambda text: subject_words(text, w),
               "status": lambda text: status_words(text, w), "what": lambda text: what_words(text, w),
               "when": lambda text: w.sentences.expr(text) or text}
    html = render_template(template, "html", lang, path=request.url.path, rulesets=request.app.state.catalog.ids(),
                           **{**helpers, **context})
    return HTMLResponse(html, status_code=status)


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


async def on_http(request: Request, e: Exception) -> Response:
    assert isinstance(e, HTTPException)
    return error_response(request, e.status_code, [str(e.detail)])


EXCEPTION_HANDLERS = {InputError: on_input_error, StoreError: on_store_error, BodyTooLarge: on_too_large, TooSlow: on_too_slow,
                      HTTPException: on_http}
