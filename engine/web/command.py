"""`ects serve`: the web application and HTTP API on a local address (engine.web.app, served by uvicorn)."""
from __future__ import annotations

import click
import uvicorn

from engine.cli.common import _guarded, store_option
from engine.cli.pool import default_jobs
from .app import create_app
from .config import MB, WebConfig


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--rules-dir", "rules_dirs", multiple=True,
              help="A folder of *.rules files to offer besides the bundled rule sets (repeatable).")
@click.option("--max-upload-mb", default=20.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Largest request body, in MB.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Time limit of one request's work, in seconds; past it, its worker process is stopped.")
@click.option("--memory-limit", "memory_limit_mb", default=2048, show_default=True, type=click.IntRange(min=0),
              help="Largest memory (address space) of one worker process, in MiB; a request whose work needs more "
                   "is answered 413. 0: no limit.")
@click.option("--workers", type=click.IntRange(1, 64),
              help="Worker processes that run audits and comparisons (each compiles the rule sets once); "
                   "default: the number of cores this process may use.")
@store_option
@_guarded
def serve(host, port, rules_dirs, max_upload_mb, timeout, memory_limit_mb, workers, store):
    """Serve the reviewer's desk: audit uploaded files, compare and browse rule sets, download reports, and
    the same as an HTTP API under /api (OpenAPI document at /api/openapi.json). Nothing is written to disk
    beyond the private temporary folder of a request, removed when it ends (and, with --store, each audit's
    record in that audit store). Audits run in worker processes, each limited to --memory-limit and stopped
    when its work passes --timeout or its client goes away."""
    config = WebConfig(rules_dirs=tuple(rules_dirs), max_upload_bytes=int(max_upload_mb * MB), timeout=timeout,
                       memory_limit=memory_limit_mb * MB, store=store, workers=workers or default_jobs())
    app = create_app(config)
    click.echo(f"ects serve: http://{host}:{port}/ ({len(app.state.catalog.ids())} rule sets); Ctrl+C stops it",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5,
                server_header=False)
