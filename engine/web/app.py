"""The web application of `ects serve`: pages and the HTTP API over engine.api, on Starlette.

    app = create_app(WebConfig(rules_dirs=("my_rules",)))   # an ASGI app; `ects serve` runs it with uvicorn
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from starlette.applications import Starlette
from starlette.formparsers import MultiPartParser
from starlette.middleware import Middleware

from . import api, pages
from .auditing import ResultStore
from .config import Catalog, WebConfig
from .handling import EXCEPTION_HANDLERS
from .security import BodyLimit, SecurityHeaders
from .pool import WorkerPool


def create_app(config: WebConfig = WebConfig(), catalog: Catalog | None = None,
               workers: WorkerPool | None = None) -> Starlette:
    """The application: rule sets compiled now (the bundled ones and `config.rules_dirs`), results kept in memory,
    audits run by a pool of `config.workers` worker processes (started on first use, stopped at shutdown)."""
    # Uploaded files stay in memory up to the request limit (Starlette spools larger parts to disk otherwise).
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, config.max_upload_bytes + 1)
    catalog = catalog or Catalog.build(config.rules_dirs)
    pool = workers or WorkerPool(catalog, config.workers, config.timeout, config.store,
                                 memory_limit=config.memory_limit)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        pool.close()

    app = Starlette(routes=[*pages.ROUTES, *api.ROUTES], exception_handlers=EXCEPTION_HANDLERS,
                    middleware=[Middleware(SecurityHeaders), Middleware(BodyLimit, limit=config.max_upload_bytes)],
                    lifespan=lifespan)
    app.state.config = config
    app.state.catalog = catalog
    app.state.workers = pool
    app.state.results = ResultStore(config.kept_results)
    return app
