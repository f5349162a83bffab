"""The web application of `ects serve`: pages and the HTTP API over engine.api, on Starlette.

    app = create_app(WebConfig(rules_dirs=("my_rules",)))   # an ASGI app; `ects serve` runs it with uvicorn
"""
from __future__ import annotations

from starlette.applications import Starlette
from starlette.formparsers import MultiPartParser
from starlette.middleware import Middleware

from . import api, pages
from .auditing import ResultStore
from .config import Catalog, WebConfig
from .handling import EXCEPTION_HANDLERS
from .security import BodyLimit, SecurityHeaders


def create_app(config: WebConfig = WebConfig(), catalog: Catalog | None = None) -> Starlette:
    """The application: rule sets compiled now (the bundled ones and `config.rules_dirs`), results kept in memory."""
    # Uploaded files stay in memory up to the request limit (Starlette spools larger parts to disk otherwise).
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, config.max_upload_bytes + 1)
    app = Starlette(routes=[*pages.ROUTES, *api.ROUTES], exception_handlers=EXCEPTION_HANDLERS,
                    middleware=[Middleware(SecurityHeaders), Middleware(BodyLimit, limit=config.max_upload_bytes)])
    app.state.config = config
    app.state.catalog = catalog or Catalog.build(config.rules_dirs)
    app.state.results = ResultStore(config.kept_results)
    return app
