"""Shared helpers for the test suite."""
from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are judged on what they find, never on how fast a loaded machine runs them.
settings.register_profile("ects", deadline=None)
settings.load_profile("ects")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests never read or fill the user's parse cache: it goes to a fresh folder of this test run
# (unless ECTS_NO_CACHE turns it off altogether).
os.environ["ECTS_CACHE_DIR"] = tempfile.mkdtemp(prefix="ects-test-cache-")
atexit.register(shutil.rmtree, os.environ["ECTS_CACHE_DIR"], True)


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path and return its path."""
    def _write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return p
    return _write


@pytest.fixture(autouse=True)
def json_reports_match_schema(monkeypatch):
    """Every JSON report the test suite makes is checked against the published schema (`ects schema report`)."""
    import jsonschema

    from engine.render import json_report
    from engine.render.report_schema import report_schema

    validator = _report_validator(jsonschema, report_schema)
    made = json_report.report_dict

    def checked(report, lang="en", show="all", explain=False):
        data = made(report, lang, show, explain)
        validator.validate(json.loads(json.dumps(data, ensure_ascii=False)))
        return data
    monkeypatch.setattr(json_report, "report_dict", checked)


_VALIDATOR = []


def _report_validator(jsonschema, report_schema):
    if not _VALIDATOR:
        schema = report_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATOR.append(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()))
    return _VALIDATOR[0]
