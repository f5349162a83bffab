"""Shared helpers for the test suite."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are judged on what they find, never on how fast a loaded machine runs them.
settings.register_profile("ects", deadline=None)
settings.load_profile("ects")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path and return its path."""
    def _write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return p
    return _write
