"""Shared by the web tests: one application (rule sets compiled once), example files, upload helpers."""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

from starlette.testclient import TestClient

from engine.web.app import create_app
from engine.web.config import Catalog, WebConfig

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


def client(**config) -> TestClient:
    """A test client of an application with these WebConfig settings (the bundled rule sets)."""
    cfg = WebConfig(**config)
    return TestClient(create_app(cfg, None if cfg.rules_dirs else catalog()), raise_server_exceptions=True)


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
