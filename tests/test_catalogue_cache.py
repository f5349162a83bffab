"""The report catalogues are read from the cache of an earlier run (engine.dsl.cache.cached_data), never stale:
a changed file is read again, a broken entry is ignored, and ECTS_NO_CACHE=1 reads the file itself."""
from __future__ import annotations

import pytest

from engine.render import i18n


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ECTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ECTS_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _counting_loads(monkeypatch) -> list:
    calls = []
    load = i18n.yaml.load

    def counted(text, Loader):
        calls.append(text)
        return load(text, Loader=Loader)
    monkeypatch.setattr(i18n.yaml, "load", counted)
    return calls


def test_a_catalogue_is_read_once_then_from_the_cache(cache, tmp_path, monkeypatch):
    path = tmp_path / "xx.yaml"
    path.write_text("label: 'A label'\nword:\n  unknown: unknown\n", encoding="utf-8")
    calls = _counting_loads(monkeypatch)
    first = i18n.read_catalogue(path)
    assert first == {"label": "A label", "word": {"unknown": "unknown"}}
    assert i18n.read_catalogue(path) == first
    assert len(calls) == 1 and len(list(cache.glob("*.pickle"))) == 1
    path.write_text("label: 'Another label'\n", encoding="utf-8")
    assert i18n.read_catalogue(path) == {"label": "Another label"}  # a changed file is read again
    assert len(calls) == 2


def test_a_broken_entry_is_read_again(cache, tmp_path, monkeypatch):
    path = tmp_path / "xx.yaml"
    path.write_text("label: 'A label'\n", encoding="utf-8")
    i18n.read_catalogue(path)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    calls = _counting_loads(monkeypatch)
    assert i18n.read_catalogue(path) == {"label": "A label"}
    assert len(calls) == 1


def test_without_the_cache_the_file_is_read_each_time(tmp_path, monkeypatch):
    monkeypatch.setenv("ECTS_NO_CACHE", "1")
    path = tmp_path / "xx.yaml"
    path.write_text("label: 'A label'\n", encoding="utf-8")
    calls = _counting_loads(monkeypatch)
    i18n.read_catalogue(path), i18n.read_catalogue(path)
    assert len(calls) == 2
