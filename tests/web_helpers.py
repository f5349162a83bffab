"""Shared by the web tests: one application (rule sets compiled once), example files, upload helpers."""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

from starlette.testclient import TestClient

from engine.web.app import create_app
from engine.web.config import Catalog, WebConfig
from engine.web.pool import WorkerPool

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"
TRANSFERS = ROOT / "examples" / "transfers"
GRADES = ROOT / "examples" / "grades"
ELMO = ROOT / "tests" / "data" / "elmo" / "elmo-schemas_v1.7.0_example.xml"
USER_RULES = ROOT / "tests" / "data" / "user_rules"
AS_OF = "2020-01-01"


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return Catalog.build()


@lru_cache(maxsize=None)
def worker_pool(timeout: float, workers: int) -> WorkerPool:
    """Worker processes for the bundled rule sets, shared by the applications of the same settings (a test
    session starts a few processes, not a few for each application)."""
    return WorkerPool(catalog(), workers, timeout)


def client(**config) -> TestClient:
    """A test client of an application with these WebConfig settings (the bundled rule sets; one worker process
    unless `workers` says otherwise)."""
    cfg = WebConfig(**{"workers": 1, **config})
    shared = not cfg.rules_dirs and cfg.store is None
    app = create_app(cfg, None if cfg.rules_dirs else catalog(), worker_pool(cfg.timeout, cfg.workers) if shared else None)
    return TestClient(app, raise_server_exceptions=True)


def upload(path: Path, name: str | None = None, field: str = "files"):
    return (field, (name or path.name, path.read_bytes(), "application/octet-stream"))


def raw(name: str, data: bytes | str, field: str = "files"):
    return (field, (name, data.encode() if isinstance(data, str) else data, "application/octet-stream"))


def zipped(members: dict[str, bytes | str], name: str = "many.zip"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)
    return raw(name, buf.getvalue())


def form(rules: str | list[str] = "ects_guide_2015", **fields) -> dict:
    return {"rules": rules, "as_of": AS_OF, **fields}


# ---- run in worker processes (WorkerPool's `prepare`): named here, so that a worker can import them ----------

SLOW_MARK = b"# audit slowly (a test of the time limit)"


def audit_slowly_when_marked(pid_file: str) -> None:
    """In a worker: a subject file holding SLOW_MARK makes its audit run until the worker is stopped; the
    worker's process id is written to `pid_file` first."""
    import os
    import time

    from engine.web import auditing

    plain = auditing.audit_files

    def audit_files(ruleset, paths, *args, **kwargs):
        if any(SLOW_MARK in Path(p).read_bytes() for p in paths):
            Path(pid_file).write_text(str(os.getpid()))
            while True:
                time.sleep(0.05)
        return plain(ruleset, paths, *args, **kwargs)

    auditing.audit_files = audit_files


def stage_uploads_in(folder: str) -> None:
    """In a worker: the private folders of the uploads are made in `folder`."""
    import tempfile

    from engine.web import uploads

    uploads._SHM = Path(folder) / "absent"
    tempfile.tempdir = folder


def forbid_compiling() -> None:
    """In a worker, once its rule sets are loaded: compiling a rule set again fails."""
    from engine.ruleset import compiled

    def compile_ruleset(*args, **kwargs):
        raise RuntimeError("a rule set was compiled again in a worker")

    compiled.compile_ruleset = compile_ruleset


def exit_at_start() -> None:
    """In a worker, once its rule sets are loaded: the process ends at once (as one killed at its start)."""
    import os

    os._exit(3)


def prepare_all(*steps) -> None:
    """In a worker: each of `steps` (module-level functions, or partials of them), in order."""
    for step in steps:
        step()
